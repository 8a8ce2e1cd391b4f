"""sales: sales_trade_log, sales_trade_merge_log, raw_trade, sales_payment, sales_trade, raw_trade_discount, raw_trade_order, sales_trade_order

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sales_trade_log',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('trade_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('shortname', sa.String(length=64), nullable=False),
    sa.Column('message', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_trade_log_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_trade_log'))
    )
    with op.batch_alter_table('sales_trade_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_trade_log_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_sales_trade_log_trade', ['tenant_id', 'trade_id'], unique=False)

    op.create_table('sales_trade_merge_log',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('trade_id', sa.Integer(), nullable=False),
    sa.Column('trade_no', sa.String(length=40), nullable=False),
    sa.Column('main_trade_no', sa.String(length=40), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_trade_merge_log_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_trade_merge_log'))
    )
    with op.batch_alter_table('sales_trade_merge_log', schema=None) as batch_op:
        batch_op.create_index('ix_sales_trade_merge_log_created', ['tenant_id', 'created'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_trade_merge_log_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('raw_trade',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('tid', sa.String(length=40), nullable=False),
    sa.Column('process_status', sa.Integer(), nullable=False),
    sa.Column('trade_status', sa.Integer(), nullable=False),
    sa.Column('refund_status', sa.Integer(), nullable=False),
    sa.Column('pay_status', sa.Integer(), nullable=False),
    sa.Column('pay_method', sa.Integer(), nullable=False),
    sa.Column('order_count', sa.Integer(), nullable=False),
    sa.Column('goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('trade_time', sa.DateTime(), nullable=True),
    sa.Column('pay_time', sa.DateTime(), nullable=True),
    sa.Column('end_time', sa.DateTime(), nullable=True),
    sa.Column('remark', sa.String(length=1024), nullable=False),
    sa.Column('remark_flag', sa.Integer(), nullable=False),
    sa.Column('buyer_email', sa.String(length=100), nullable=False),
    sa.Column('buyer_area', sa.String(length=255), nullable=False),
    sa.Column('pay_id', sa.String(length=40), nullable=False),
    sa.Column('goods_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('post_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('other_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('receivable', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('received', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('paid', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('platform_cost', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cod_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('invoice_type', sa.Integer(), nullable=False),
    sa.Column('invoice_title', sa.String(length=255), nullable=False),
    sa.Column('invoice_content', sa.String(length=255), nullable=False),
    sa.Column('logistics_type', sa.Integer(), nullable=False),
    sa.Column('cust_data', sa.String(length=255), nullable=False),
    sa.Column('delivery_term', sa.Integer(), nullable=False),
    sa.Column('guarantee_mode', sa.Integer(), nullable=False),
    sa.Column('is_auto_wms', sa.Boolean(), nullable=False),
    sa.Column('warehouse_no', sa.String(length=40), nullable=False),
    sa.Column('consign_interval', sa.Integer(), nullable=False),
    sa.Column('is_sealed', sa.Integer(), nullable=False),
    sa.Column('fenxiao_nick', sa.String(length=40), nullable=False),
    sa.Column('fenxiao_type', sa.Integer(), nullable=False),
    sa.Column('id_card_type', sa.Integer(), nullable=False),
    sa.Column('id_card', sa.String(length=64), nullable=False),
    sa.Column('trade_from', sa.Integer(), nullable=False),
    sa.Column('bad_reason', sa.String(length=255), nullable=False),
    sa.Column('trade_id', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('buyer_nick', sa.String(length=100), nullable=False),
    sa.Column('buyer_message', sa.String(length=1024), nullable=False),
    sa.Column('pay_account', sa.String(length=128), nullable=False),
    sa.Column('receiver_name', sa.String(length=100), nullable=False),
    sa.Column('receiver_province', sa.Integer(), nullable=False),
    sa.Column('receiver_city', sa.Integer(), nullable=False),
    sa.Column('receiver_district', sa.Integer(), nullable=False),
    sa.Column('receiver_area', sa.String(length=128), nullable=False),
    sa.Column('receiver_address', sa.String(length=256), nullable=False),
    sa.Column('receiver_zip', sa.String(length=20), nullable=False),
    sa.Column('receiver_mobile', sa.String(length=40), nullable=False),
    sa.Column('receiver_telno', sa.String(length=40), nullable=False),
    sa.Column('to_deliver_time', sa.String(length=20), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_raw_trade_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_raw_trade_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_raw_trade')),
    sa.UniqueConstraint('tenant_id', 'tid', name=op.f('uq_raw_trade_tenant_id_tid'))
    )
    with op.batch_alter_table('raw_trade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_raw_trade_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_trade_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_trade_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_raw_trade_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('sales_payment',
    sa.Column('payment_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('payment_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('sales_order_no', sa.String(length=40), nullable=False),
    sa.Column('sales_order_id', sa.Integer(), nullable=False),
    sa.Column('raw_nos', sa.String(length=40), nullable=False),
    sa.Column('order_type', sa.Integer(), nullable=False),
    sa.Column('refund_type', sa.String(length=40), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('account_name', sa.String(length=40), nullable=False),
    sa.Column('buyer_nick', sa.String(length=100), nullable=False),
    sa.Column('pay_account', sa.String(length=128), nullable=False),
    sa.Column('account_bank', sa.String(length=40), nullable=False),
    sa.Column('refund_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('receive_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('real_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('verify_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('operator_name', sa.String(length=40), nullable=False),
    sa.Column('checker_name', sa.String(length=40), nullable=False),
    sa.Column('pay_time', sa.DateTime(), nullable=True),
    sa.Column('error_type', sa.Integer(), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('is_refund', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_sales_payment_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_payment_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('payment_id', name=op.f('pk_sales_payment')),
    sa.UniqueConstraint('tenant_id', 'payment_no', name=op.f('uq_sales_payment_tenant_id_payment_no'))
    )
    with op.batch_alter_table('sales_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_payment_modified'), ['modified'], unique=False)
        batch_op.create_index('ix_sales_payment_tenant_created', ['tenant_id', 'created'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_payment_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('sales_trade',
    sa.Column('trade_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('trade_no', sa.String(length=40), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=True),
    sa.Column('trade_status', sa.Integer(), nullable=False),
    sa.Column('trade_type', sa.Integer(), nullable=False),
    sa.Column('trade_from', sa.Integer(), nullable=False),
    sa.Column('delivery_term', sa.Integer(), nullable=False),
    sa.Column('src_tids', sa.String(length=255), nullable=False),
    sa.Column('refund_status', sa.Integer(), nullable=False),
    sa.Column('fenxiao_type', sa.Integer(), nullable=False),
    sa.Column('fenxiao_nick', sa.String(length=40), nullable=False),
    sa.Column('trade_time', sa.DateTime(), nullable=True),
    sa.Column('pay_time', sa.DateTime(), nullable=True),
    sa.Column('consign_time', sa.DateTime(), nullable=True),
    sa.Column('check_time', sa.DateTime(), nullable=True),
    sa.Column('end_time', sa.DateTime(), nullable=True),
    sa.Column('receiver_dtb', sa.String(length=128), nullable=False),
    sa.Column('bad_reason', sa.Integer(), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('logistics_no', sa.String(length=40), nullable=False),
    sa.Column('cs_remark', sa.String(length=1024), nullable=False),
    sa.Column('remark_flag', sa.Integer(), nullable=False),
    sa.Column('print_remark', sa.String(length=1024), nullable=False),
    sa.Column('goods_type_count', sa.Integer(), nullable=False),
    sa.Column('goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('raw_goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('raw_goods_type_count', sa.Integer(), nullable=False),
    sa.Column('goods_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('post_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('other_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('receivable', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('paid', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cod_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('invoice_type', sa.Integer(), nullable=False),
    sa.Column('invoice_title', sa.String(length=255), nullable=False),
    sa.Column('invoice_content', sa.String(length=255), nullable=False),
    sa.Column('salesman_name', sa.String(length=40), nullable=False),
    sa.Column('checker_name', sa.String(length=40), nullable=False),
    sa.Column('stockout_no', sa.String(length=40), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('label_mask', sa.Integer(), nullable=False),
    sa.Column('trade_mask', sa.Integer(), nullable=False),
    sa.Column('is_sealed', sa.Boolean(), nullable=False),
    sa.Column('id_card_type', sa.Integer(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=256), nullable=False),
    sa.Column('revert_reason', sa.String(length=256), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('buyer_nick', sa.String(length=100), nullable=False),
    sa.Column('buyer_message', sa.String(length=1024), nullable=False),
    sa.Column('pay_account', sa.String(length=128), nullable=False),
    sa.Column('receiver_name', sa.String(length=100), nullable=False),
    sa.Column('receiver_province', sa.Integer(), nullable=False),
    sa.Column('receiver_city', sa.Integer(), nullable=False),
    sa.Column('receiver_district', sa.Integer(), nullable=False),
    sa.Column('receiver_area', sa.String(length=128), nullable=False),
    sa.Column('receiver_address', sa.String(length=256), nullable=False),
    sa.Column('receiver_zip', sa.String(length=20), nullable=False),
    sa.Column('receiver_mobile', sa.String(length=40), nullable=False),
    sa.Column('receiver_telno', sa.String(length=40), nullable=False),
    sa.Column('to_deliver_time', sa.String(length=20), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_sales_trade_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_trade_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_sales_trade_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('trade_id', name=op.f('pk_sales_trade')),
    sa.UniqueConstraint('tenant_id', 'trade_no', name=op.f('uq_sales_trade_tenant_id_trade_no'))
    )
    with op.batch_alter_table('sales_trade', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_trade_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_trade_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_trade_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_sales_trade_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index('ix_sales_trade_tenant_status', ['tenant_id', 'trade_status'], unique=False)

    op.create_table('raw_trade_discount',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('raw_trade_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('tid', sa.String(length=40), nullable=False),
    sa.Column('oid', sa.String(length=40), nullable=False),
    sa.Column('sn', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('detail', sa.String(length=128), nullable=False),
    sa.Column('amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('is_bonus', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['raw_trade_id'], ['raw_trade.rec_id'], name=op.f('fk_raw_trade_discount_raw_trade_id_raw_trade'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_raw_trade_discount'))
    )
    with op.batch_alter_table('raw_trade_discount', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_raw_trade_discount_raw_trade_id'), ['raw_trade_id'], unique=False)

    op.create_table('raw_trade_order',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('raw_trade_id', sa.Integer(), nullable=False),
    sa.Column('tid', sa.String(length=40), nullable=False),
    sa.Column('oid', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('process_status', sa.Integer(), nullable=False),
    sa.Column('refund_status', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.String(length=40), nullable=False),
    sa.Column('api_goods_id', sa.String(length=40), nullable=False),
    sa.Column('api_spec_id', sa.String(length=40), nullable=False),
    sa.Column('goods_no', sa.String(length=40), nullable=False),
    sa.Column('spec_no', sa.String(length=40), nullable=False),
    sa.Column('spec_code', sa.String(length=40), nullable=False),
    sa.Column('goods_name', sa.String(length=255), nullable=False),
    sa.Column('spec_name', sa.String(length=255), nullable=False),
    sa.Column('order_type', sa.Integer(), nullable=False),
    sa.Column('cid', sa.String(length=40), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('share_discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('total_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('adjust_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('share_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('commission', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('json', sa.String(length=255), nullable=False),
    sa.Column('gift_type', sa.Integer(), nullable=False),
    sa.Column('end_time', sa.DateTime(), nullable=True),
    sa.Column('warehouse_no', sa.String(length=40), nullable=False),
    sa.Column('logistics_no', sa.String(length=40), nullable=False),
    sa.Column('bind_oid', sa.String(length=40), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['raw_trade_id'], ['raw_trade.rec_id'], name=op.f('fk_raw_trade_order_raw_trade_id_raw_trade'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_raw_trade_order_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_raw_trade_order')),
    sa.UniqueConstraint('raw_trade_id', 'oid', name=op.f('uq_raw_trade_order_raw_trade_id_oid'))
    )
    with op.batch_alter_table('raw_trade_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_raw_trade_order_modified'), ['modified'], unique=False)
        batch_op.create_index('ix_raw_trade_order_oid', ['tenant_id', 'oid'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_trade_order_raw_trade_id'), ['raw_trade_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_trade_order_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('sales_trade_order',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('trade_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('goods_id', sa.Integer(), nullable=False),
    sa.Column('suite_id', sa.Integer(), nullable=False),
    sa.Column('raw_order_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('src_tid', sa.String(length=40), nullable=False),
    sa.Column('src_oid', sa.String(length=40), nullable=False),
    sa.Column('gift_type', sa.Integer(), nullable=False),
    sa.Column('pay_status', sa.Integer(), nullable=False),
    sa.Column('refund_status', sa.Integer(), nullable=False),
    sa.Column('guarantee_mode', sa.Integer(), nullable=False),
    sa.Column('platform_status', sa.Integer(), nullable=False),
    sa.Column('delivery_term', sa.Integer(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('actual_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('order_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('share_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('adjust', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('share_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('paid', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('commission', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('suite_no', sa.String(length=40), nullable=False),
    sa.Column('suite_name', sa.String(length=255), nullable=False),
    sa.Column('suite_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('suite_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('suite_discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('api_goods_name', sa.String(length=255), nullable=False),
    sa.Column('api_spec_name', sa.String(length=255), nullable=False),
    sa.Column('api_goods_id', sa.String(length=40), nullable=False),
    sa.Column('api_spec_id', sa.String(length=40), nullable=False),
    sa.Column('bind_oid', sa.String(length=40), nullable=False),
    sa.Column('cid', sa.String(length=40), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('invoice_content', sa.String(length=255), nullable=False),
    sa.Column('stock_state', sa.Integer(), nullable=False),
    sa.Column('is_consigned', sa.Boolean(), nullable=False),
    sa.Column('pay_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_sales_trade_order_spec_id_spec')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_trade_order_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trade_id'], ['sales_trade.trade_id'], name=op.f('fk_sales_trade_order_trade_id_sales_trade'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_trade_order'))
    )
    with op.batch_alter_table('sales_trade_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_trade_order_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_trade_order_spec_id'), ['spec_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_trade_order_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_trade_order_trade_id'), ['trade_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sales_trade_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_trade_order_trade_id'))
        batch_op.drop_index(batch_op.f('ix_sales_trade_order_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_trade_order_spec_id'))
        batch_op.drop_index(batch_op.f('ix_sales_trade_order_modified'))

    op.drop_table('sales_trade_order')
    with op.batch_alter_table('raw_trade_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_raw_trade_order_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_raw_trade_order_raw_trade_id'))
        batch_op.drop_index('ix_raw_trade_order_oid')
        batch_op.drop_index(batch_op.f('ix_raw_trade_order_modified'))

    op.drop_table('raw_trade_order')
    with op.batch_alter_table('raw_trade_discount', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_raw_trade_discount_raw_trade_id'))

    op.drop_table('raw_trade_discount')
    with op.batch_alter_table('sales_trade', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_trade_tenant_status')
        batch_op.drop_index('ix_sales_trade_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_sales_trade_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_trade_shop_id'))
        batch_op.drop_index(batch_op.f('ix_sales_trade_modified'))

    op.drop_table('sales_trade')
    with op.batch_alter_table('sales_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_payment_tenant_id'))
        batch_op.drop_index('ix_sales_payment_tenant_created')
        batch_op.drop_index(batch_op.f('ix_sales_payment_modified'))

    op.drop_table('sales_payment')
    with op.batch_alter_table('raw_trade', schema=None) as batch_op:
        batch_op.drop_index('ix_raw_trade_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_raw_trade_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_raw_trade_shop_id'))
        batch_op.drop_index(batch_op.f('ix_raw_trade_modified'))

    op.drop_table('raw_trade')
    with op.batch_alter_table('sales_trade_merge_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_trade_merge_log_tenant_id'))
        batch_op.drop_index('ix_sales_trade_merge_log_created')

    op.drop_table('sales_trade_merge_log')
    with op.batch_alter_table('sales_trade_log', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_trade_log_trade')
        batch_op.drop_index(batch_op.f('ix_sales_trade_log_tenant_id'))

    op.drop_table('sales_trade_log')
