"""inventory: stock_ledger, batch, position, stock, stock_cost, stock_detail

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_ledger',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('src_order_type', sa.Integer(), nullable=False),
    sa.Column('src_order_no', sa.String(length=40), nullable=False),
    sa.Column('stockio_no', sa.String(length=40), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stock_before', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stock_after', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cost_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_ledger'))
    )
    with op.batch_alter_table('stock_ledger', schema=None) as batch_op:
        batch_op.create_index('ix_stock_ledger_doc', ['tenant_id', 'src_order_no'], unique=False)
        batch_op.create_index('ix_stock_ledger_spec_created', ['tenant_id', 'spec_id', 'created'], unique=False)
        batch_op.create_index('ix_stock_ledger_stock', ['warehouse_id', 'spec_id', 'defect'], unique=False)
        batch_op.create_index('ix_stock_ledger_tenant_created', ['tenant_id', 'created'], unique=False)

    op.create_table('batch',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_batch_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id', name=op.f('pk_batch')),
    sa.UniqueConstraint('tenant_id', 'batch_no', name=op.f('uq_batch_tenant_id_batch_no'))
    )
    with op.batch_alter_table('batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_batch_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('position',
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('position_no', sa.String(length=20), nullable=False),
    sa.Column('zone_no', sa.String(length=20), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_position_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_position_warehouse_id_warehouse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('position_id', name=op.f('pk_position')),
    sa.UniqueConstraint('warehouse_id', 'position_no', name=op.f('uq_position_warehouse_id_position_no'))
    )
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('stock',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('stock_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('lock_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('order_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sending_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('purchase_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('transfer_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cost_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('safe_stock', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('last_pd_time', sa.DateTime(), nullable=True),
    sa.Column('last_inout_time', sa.DateTime(), nullable=True),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('unpay_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('subscribe_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('part_paid_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('trade_reserve_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('to_purchase_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('purchase_arrive_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_exch_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_onway_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('return_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('return_exch_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('return_onway_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('wait_transfer_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('process_onway_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('inspect_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sys_user_define_stock1', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sys_user_define_stock2', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('wms_sync_stock', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('wms_preempty_stock', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('wms_sync_time', sa.DateTime(), nullable=True),
    sa.Column('safe_stock_upper', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('alarm_type', sa.Integer(), nullable=False),
    sa.Column('alarm_days', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('alarm_days_upper', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cycle_days', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_stock_spec_id_spec'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_stock_warehouse_id_warehouse'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock')),
    sa.UniqueConstraint('warehouse_id', 'spec_id', 'defect', name=op.f('uq_stock_warehouse_id_spec_id_defect'))
    )
    with op.batch_alter_table('stock', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_stock_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index('ix_stock_tenant_spec', ['tenant_id', 'spec_id'], unique=False)

    op.create_table('stock_cost',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('avg_cost', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('planned_cost', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_stock_cost_spec_id_spec'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_cost')),
    sa.UniqueConstraint('tenant_id', 'warehouse_id', 'spec_id', 'defect', name=op.f('uq_stock_cost_tenant_id_warehouse_id_spec_id_defect'))
    )
    with op.batch_alter_table('stock_cost', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_cost_modified'), ['modified'], unique=False)
        batch_op.create_index('ix_stock_cost_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index('ix_stock_cost_tenant_spec', ['tenant_id', 'spec_id'], unique=False)

    op.create_table('stock_detail',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('stock_id', sa.Integer(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=False),
    sa.Column('production_date', sa.Date(), nullable=True),
    sa.Column('stock_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['position_id'], ['position.position_id'], name=op.f('fk_stock_detail_position_id_position')),
    sa.ForeignKeyConstraint(['stock_id'], ['stock.rec_id'], name=op.f('fk_stock_detail_stock_id_stock'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_detail_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_detail')),
    sa.UniqueConstraint('stock_id', 'position_id', 'batch_no', 'expire_date', name=op.f('uq_stock_detail_stock_id_position_id_batch_no_expire_date'))
    )
    with op.batch_alter_table('stock_detail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_detail_stock_id'), ['stock_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_detail_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('stock_detail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_detail_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_stock_detail_stock_id'))

    op.drop_table('stock_detail')
    with op.batch_alter_table('stock_cost', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_cost_tenant_spec')
        batch_op.drop_index('ix_stock_cost_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_stock_cost_modified'))

    op.drop_table('stock_cost')
    with op.batch_alter_table('stock', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_tenant_spec')
        batch_op.drop_index('ix_stock_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_stock_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_stock_modified'))

    op.drop_table('stock')
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_position_modified'))

    op.drop_table('position')
    with op.batch_alter_table('batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_batch_modified'))

    op.drop_table('batch')
    with op.batch_alter_table('stock_ledger', schema=None) as batch_op:
        batch_op.drop_index('ix_stock_ledger_tenant_created')
        batch_op.drop_index('ix_stock_ledger_stock')
        batch_op.drop_index('ix_stock_ledger_spec_created')
        batch_op.drop_index('ix_stock_ledger_doc')

    op.drop_table('stock_ledger')
