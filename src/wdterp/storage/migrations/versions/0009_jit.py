"""jit: jit_refund, jit_refund_line

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('jit_refund',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('refund_no', sa.String(length=50), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('jit_refund_no', sa.String(length=50), nullable=False),
    sa.Column('jit_warehouse', sa.String(length=50), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('refund_type', sa.String(length=30), nullable=False),
    sa.Column('pay_type', sa.String(length=20), nullable=False),
    sa.Column('receiver', sa.String(length=30), nullable=False),
    sa.Column('country', sa.String(length=30), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('city', sa.String(length=30), nullable=False),
    sa.Column('region', sa.String(length=30), nullable=False),
    sa.Column('town', sa.String(length=50), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('telephone', sa.String(length=30), nullable=False),
    sa.Column('mobile', sa.String(length=30), nullable=False),
    sa.Column('self_reference', sa.String(length=30), nullable=False),
    sa.Column('goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('goods_type', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_jit_refund_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_jit_refund_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_jit_refund_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_jit_refund')),
    sa.UniqueConstraint('tenant_id', 'refund_no', name=op.f('uq_jit_refund_tenant_id_refund_no')),
    sa.UniqueConstraint('tenant_id', 'shop_id', 'jit_refund_no', name=op.f('uq_jit_refund_tenant_id_shop_id_jit_refund_no'))
    )
    with op.batch_alter_table('jit_refund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jit_refund_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_jit_refund_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_jit_refund_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_jit_refund_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('jit_refund_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.Integer(), nullable=False),
    sa.Column('po_no', sa.String(length=50), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('platform_spec_no', sa.String(length=40), nullable=False),
    sa.Column('barcode', sa.String(length=50), nullable=False),
    sa.Column('suite_id', sa.Integer(), nullable=False),
    sa.Column('suite_no', sa.String(length=40), nullable=False),
    sa.Column('suite_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stockin_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('tax_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('plat_goods_name', sa.String(length=255), nullable=False),
    sa.Column('box_no', sa.String(length=50), nullable=False),
    sa.Column('return_reason', sa.String(length=50), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['refund_id'], ['jit_refund.rec_id'], name=op.f('fk_jit_refund_line_refund_id_jit_refund'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_jit_refund_line_spec_id_spec')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_jit_refund_line'))
    )
    with op.batch_alter_table('jit_refund_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jit_refund_line_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_jit_refund_line_refund_id'), ['refund_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_jit_refund_line_spec_id'), ['spec_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('jit_refund_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jit_refund_line_spec_id'))
        batch_op.drop_index(batch_op.f('ix_jit_refund_line_refund_id'))
        batch_op.drop_index(batch_op.f('ix_jit_refund_line_modified'))

    op.drop_table('jit_refund_line')
    with op.batch_alter_table('jit_refund', schema=None) as batch_op:
        batch_op.drop_index('ix_jit_refund_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_jit_refund_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_jit_refund_shop_id'))
        batch_op.drop_index(batch_op.f('ix_jit_refund_modified'))

    op.drop_table('jit_refund')
