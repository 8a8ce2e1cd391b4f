"""stockother: other_order, other_order_line

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('other_order',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('order_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('logistics_no', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('prop1', sa.String(length=255), nullable=False),
    sa.Column('prop2', sa.String(length=255), nullable=False),
    sa.Column('prop3', sa.String(length=255), nullable=False),
    sa.Column('prop4', sa.String(length=255), nullable=False),
    sa.Column('prop5', sa.String(length=255), nullable=False),
    sa.Column('prop6', sa.String(length=255), nullable=False),
    sa.Column('outer_no', sa.String(length=40), nullable=False),
    sa.Column('receiver_name', sa.String(length=40), nullable=False),
    sa.Column('receiver_mobile', sa.String(length=40), nullable=False),
    sa.Column('receiver_province', sa.String(length=40), nullable=False),
    sa.Column('receiver_city', sa.String(length=40), nullable=False),
    sa.Column('receiver_district', sa.String(length=40), nullable=False),
    sa.Column('receiver_address', sa.String(length=256), nullable=False),
    sa.Column('create_check_stock', sa.Integer(), nullable=False),
    sa.Column('is_reserved', sa.Boolean(), nullable=False),
    sa.Column('employee_name', sa.String(length=64), nullable=False),
    sa.Column('note_count', sa.Integer(), nullable=False),
    sa.Column('check_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_other_order_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_other_order_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_other_order')),
    sa.UniqueConstraint('tenant_id', 'order_no', name=op.f('uq_other_order_tenant_id_order_no'))
    )
    with op.batch_alter_table('other_order', schema=None) as batch_op:
        batch_op.create_index('ix_other_order_kind_created', ['tenant_id', 'direction', 'created'], unique=False)
        batch_op.create_index('ix_other_order_kind_modified', ['tenant_id', 'direction', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_other_order_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_other_order_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_other_order_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('other_order_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('num2', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('done_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('reserved_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.Column('production_date', sa.Date(), nullable=True),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['other_order.rec_id'], name=op.f('fk_other_order_line_order_id_other_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_other_order_line_spec_id_spec')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_other_order_line'))
    )
    with op.batch_alter_table('other_order_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_other_order_line_order_id'), ['order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('other_order_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_other_order_line_order_id'))

    op.drop_table('other_order_line')
    with op.batch_alter_table('other_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_other_order_warehouse_id'))
        batch_op.drop_index(batch_op.f('ix_other_order_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_other_order_modified'))
        batch_op.drop_index('ix_other_order_kind_modified')
        batch_op.drop_index('ix_other_order_kind_created')

    op.drop_table('other_order')
