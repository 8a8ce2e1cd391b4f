"""warehouse_ops: defect_change, move_order, stock_count, stock_shelve, warehouse_zone, defect_change_line, move_order_line, position_capacity, stock_count_line, stock_shelve_line

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('defect_change',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('change_no', sa.String(length=20), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('goods_type_count', sa.Integer(), nullable=False),
    sa.Column('creator_name', sa.String(length=20), nullable=False),
    sa.Column('creator_id', sa.Integer(), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_defect_change_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_defect_change_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_defect_change')),
    sa.UniqueConstraint('tenant_id', 'change_no', name=op.f('uq_defect_change_tenant_id_change_no'))
    )
    with op.batch_alter_table('defect_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_defect_change_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_defect_change_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_defect_change_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_defect_change_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('move_order',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=20), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('creator_name', sa.String(length=50), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_move_order_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_move_order_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_move_order')),
    sa.UniqueConstraint('tenant_id', 'order_no', name=op.f('uq_move_order_tenant_id_order_no'))
    )
    with op.batch_alter_table('move_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_move_order_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_move_order_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_move_order_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_move_order_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('stock_count',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('pd_no', sa.String(length=20), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('defect_mode', sa.Integer(), nullable=False),
    sa.Column('creator_no', sa.String(length=40), nullable=False),
    sa.Column('operator_no', sa.String(length=40), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('finished_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_count_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_stock_count_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_count')),
    sa.UniqueConstraint('tenant_id', 'pd_no', name=op.f('uq_stock_count_tenant_id_pd_no'))
    )
    with op.batch_alter_table('stock_count', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_count_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_count_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_stock_count_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_count_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('stock_shelve',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=40), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('from_zone_no', sa.String(length=20), nullable=False),
    sa.Column('to_zone_no', sa.String(length=20), nullable=False),
    sa.Column('operator_name', sa.String(length=50), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_shelve_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_stock_shelve_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_shelve')),
    sa.UniqueConstraint('tenant_id', 'order_no', name=op.f('uq_stock_shelve_tenant_id_order_no'))
    )
    with op.batch_alter_table('stock_shelve', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_shelve_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_shelve_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_stock_shelve_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_shelve_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('warehouse_zone',
    sa.Column('zone_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('zone_no', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_warehouse_zone_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_warehouse_zone_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('zone_id', name=op.f('pk_warehouse_zone')),
    sa.UniqueConstraint('warehouse_id', 'zone_no', name=op.f('uq_warehouse_zone_warehouse_id_zone_no'))
    )
    with op.batch_alter_table('warehouse_zone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warehouse_zone_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_warehouse_zone_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_warehouse_zone_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('defect_change_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('change_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('from_position_id', sa.Integer(), nullable=True),
    sa.Column('to_position_id', sa.Integer(), nullable=True),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['defect_change.rec_id'], name=op.f('fk_defect_change_line_change_id_defect_change'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_defect_change_line_spec_id_spec')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_defect_change_line'))
    )
    with op.batch_alter_table('defect_change_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_defect_change_line_change_id'), ['change_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_defect_change_line_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_defect_change_line_spec_id'), ['spec_id'], unique=False)

    op.create_table('move_order_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('from_position_id', sa.Integer(), nullable=False),
    sa.Column('to_position_id', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['from_position_id'], ['position.position_id'], name=op.f('fk_move_order_line_from_position_id_position')),
    sa.ForeignKeyConstraint(['order_id'], ['move_order.rec_id'], name=op.f('fk_move_order_line_order_id_move_order'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_move_order_line_spec_id_spec')),
    sa.ForeignKeyConstraint(['to_position_id'], ['position.position_id'], name=op.f('fk_move_order_line_to_position_id_position')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_move_order_line'))
    )
    with op.batch_alter_table('move_order_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_move_order_line_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_move_order_line_spec_id'), ['spec_id'], unique=False)

    op.create_table('position_capacity',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('low_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['position_id'], ['position.position_id'], name=op.f('fk_position_capacity_position_id_position')),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_position_capacity_spec_id_spec')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_position_capacity_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_position_capacity_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_position_capacity')),
    sa.UniqueConstraint('warehouse_id', 'spec_id', 'defect', name=op.f('uq_position_capacity_warehouse_id_spec_id_defect'))
    )
    with op.batch_alter_table('position_capacity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_capacity_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_capacity_spec_id'), ['spec_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_capacity_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_position_capacity_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_capacity_warehouse_id'), ['warehouse_id'], unique=False)

    op.create_table('stock_count_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('pd_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.Column('old_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('new_num', sa.Numeric(precision=19, scale=4), nullable=True),
    sa.Column('executed', sa.Boolean(), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['pd_id'], ['stock_count.rec_id'], name=op.f('fk_stock_count_line_pd_id_stock_count'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_stock_count_line_spec_id_spec')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_count_line'))
    )
    with op.batch_alter_table('stock_count_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_count_line_pd_id'), ['pd_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_count_line_spec_id'), ['spec_id'], unique=False)

    op.create_table('stock_shelve_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('from_position_id', sa.Integer(), nullable=False),
    sa.Column('to_position_id', sa.Integer(), nullable=False),
    sa.Column('down_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('up_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cart_seat', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['from_position_id'], ['position.position_id'], name=op.f('fk_stock_shelve_line_from_position_id_position')),
    sa.ForeignKeyConstraint(['order_id'], ['stock_shelve.rec_id'], name=op.f('fk_stock_shelve_line_order_id_stock_shelve'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_stock_shelve_line_spec_id_spec')),
    sa.ForeignKeyConstraint(['to_position_id'], ['position.position_id'], name=op.f('fk_stock_shelve_line_to_position_id_position')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_shelve_line'))
    )
    with op.batch_alter_table('stock_shelve_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_shelve_line_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_shelve_line_spec_id'), ['spec_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_shelve_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_shelve_line_spec_id'))
        batch_op.drop_index(batch_op.f('ix_stock_shelve_line_order_id'))

    op.drop_table('stock_shelve_line')
    with op.batch_alter_table('stock_count_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_count_line_spec_id'))
        batch_op.drop_index(batch_op.f('ix_stock_count_line_pd_id'))

    op.drop_table('stock_count_line')
    with op.batch_alter_table('position_capacity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_capacity_warehouse_id'))
        batch_op.drop_index('ix_position_capacity_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_position_capacity_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_position_capacity_spec_id'))
        batch_op.drop_index(batch_op.f('ix_position_capacity_modified'))

    op.drop_table('position_capacity')
    with op.batch_alter_table('move_order_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_move_order_line_spec_id'))
        batch_op.drop_index(batch_op.f('ix_move_order_line_order_id'))

    op.drop_table('move_order_line')
    with op.batch_alter_table('defect_change_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_defect_change_line_spec_id'))
        batch_op.drop_index(batch_op.f('ix_defect_change_line_modified'))
        batch_op.drop_index(batch_op.f('ix_defect_change_line_change_id'))

    op.drop_table('defect_change_line')
    with op.batch_alter_table('warehouse_zone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warehouse_zone_warehouse_id'))
        batch_op.drop_index(batch_op.f('ix_warehouse_zone_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_warehouse_zone_modified'))

    op.drop_table('warehouse_zone')
    with op.batch_alter_table('stock_shelve', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_shelve_warehouse_id'))
        batch_op.drop_index('ix_stock_shelve_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_stock_shelve_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_stock_shelve_modified'))

    op.drop_table('stock_shelve')
    with op.batch_alter_table('stock_count', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_count_warehouse_id'))
        batch_op.drop_index('ix_stock_count_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_stock_count_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_stock_count_modified'))

    op.drop_table('stock_count')
    with op.batch_alter_table('move_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_move_order_warehouse_id'))
        batch_op.drop_index('ix_move_order_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_move_order_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_move_order_modified'))

    op.drop_table('move_order')
    with op.batch_alter_table('defect_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_defect_change_warehouse_id'))
        batch_op.drop_index('ix_defect_change_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_defect_change_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_defect_change_modified'))

    op.drop_table('defect_change')
