"""sync: stock_sync_rule, logistics_sync, listing_stock_state

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_sync_rule',
    sa.Column('rule_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('rule_no', sa.String(length=40), nullable=False),
    sa.Column('rule_name', sa.String(length=64), nullable=False),
    sa.Column('shop_ids', sa.String(length=1024), nullable=False),
    sa.Column('warehouse_ids', sa.String(length=1024), nullable=False),
    sa.Column('stock_syn_mask', sa.Integer(), nullable=False),
    sa.Column('stock_syn_percent', sa.Integer(), nullable=False),
    sa.Column('stock_syn_plus', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stock_syn_min', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stock_syn_max', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('is_auto_listing', sa.Boolean(), nullable=False),
    sa.Column('is_auto_delisting', sa.Boolean(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_sync_rule_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rule_id', name=op.f('pk_stock_sync_rule')),
    sa.UniqueConstraint('tenant_id', 'rule_no', name=op.f('uq_stock_sync_rule_tenant_id_rule_no'))
    )
    with op.batch_alter_table('stock_sync_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_sync_rule_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_sync_rule_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('logistics_sync',
    sa.Column('sync_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('trade_id', sa.Integer(), nullable=False),
    sa.Column('trade_no', sa.String(length=40), nullable=False),
    sa.Column('tid', sa.String(length=40), nullable=False),
    sa.Column('oids', sa.String(length=208), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('logistics_no', sa.String(length=40), nullable=False),
    sa.Column('logistics_code', sa.String(length=60), nullable=False),
    sa.Column('logistics_name', sa.String(length=64), nullable=False),
    sa.Column('logistics_type', sa.Integer(), nullable=False),
    sa.Column('is_part_sync', sa.Boolean(), nullable=False),
    sa.Column('goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sync_status', sa.Integer(), nullable=False),
    sa.Column('error_msg', sa.String(length=255), nullable=False),
    sa.Column('try_times', sa.Integer(), nullable=False),
    sa.Column('sync_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_logistics_sync_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_logistics_sync_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('sync_id', name=op.f('pk_logistics_sync'))
    )
    with op.batch_alter_table('logistics_sync', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_logistics_sync_modified'), ['modified'], unique=False)
        batch_op.create_index('ix_logistics_sync_pending', ['tenant_id', 'sync_status', 'sync_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_logistics_sync_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_logistics_sync_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_logistics_sync_tid', ['tenant_id', 'tid'], unique=False)

    op.create_table('listing_stock_state',
    sa.Column('api_goods_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('observed_stock', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('observed_time', sa.DateTime(), nullable=True),
    sa.Column('synced_rule', sa.String(length=2048), nullable=False),
    sa.Column('fail_times', sa.Integer(), nullable=False),
    sa.Column('is_manual', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['api_goods_id'], ['api_goods.rec_id'], name=op.f('fk_listing_stock_state_api_goods_id_api_goods'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_listing_stock_state_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('api_goods_id', name=op.f('pk_listing_stock_state'))
    )
    with op.batch_alter_table('listing_stock_state', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_listing_stock_state_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('listing_stock_state', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_listing_stock_state_tenant_id'))

    op.drop_table('listing_stock_state')
    with op.batch_alter_table('logistics_sync', schema=None) as batch_op:
        batch_op.drop_index('ix_logistics_sync_tid')
        batch_op.drop_index(batch_op.f('ix_logistics_sync_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_logistics_sync_shop_id'))
        batch_op.drop_index('ix_logistics_sync_pending')
        batch_op.drop_index(batch_op.f('ix_logistics_sync_modified'))

    op.drop_table('logistics_sync')
    with op.batch_alter_table('stock_sync_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_sync_rule_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_stock_sync_rule_modified'))

    op.drop_table('stock_sync_rule')
