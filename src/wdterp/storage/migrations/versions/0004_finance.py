"""finance: payment, waybill, account_check, invoice_order, payment_detail, raw_payment, invoice_detail

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('payment',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('payment_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('object_no', sa.String(length=40), nullable=False),
    sa.Column('object_name', sa.String(length=64), nullable=False),
    sa.Column('pay_no', sa.String(length=64), nullable=False),
    sa.Column('account_no', sa.String(length=64), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('teller_name', sa.String(length=64), nullable=False),
    sa.Column('amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('use_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('receipt_name', sa.String(length=64), nullable=False),
    sa.Column('check_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_payment_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_payment')),
    sa.UniqueConstraint('tenant_id', 'payment_no', name=op.f('uq_payment_tenant_id_payment_no'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_payment_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('waybill',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('trade_no', sa.String(length=40), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('logistics_type', sa.Integer(), nullable=False),
    sa.Column('ebill_api', sa.Integer(), nullable=False),
    sa.Column('logistics_no', sa.String(length=40), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_waybill_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_waybill')),
    sa.UniqueConstraint('tenant_id', 'logistics_id', 'logistics_no', name=op.f('uq_waybill_tenant_id_logistics_id_logistics_no'))
    )
    with op.batch_alter_table('waybill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waybill_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_waybill_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_waybill_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('account_check',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('account_check_no', sa.String(length=40), nullable=False),
    sa.Column('tid', sa.String(length=40), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('send_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('receivable', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('received', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('pay_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cost_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('send_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('refund_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('payment_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('check_ratio', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('consign_time', sa.DateTime(), nullable=True),
    sa.Column('confirm_time', sa.DateTime(), nullable=True),
    sa.Column('check_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_account_check_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_account_check_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_account_check')),
    sa.UniqueConstraint('tenant_id', 'account_check_no', name=op.f('uq_account_check_tenant_id_account_check_no')),
    sa.UniqueConstraint('tenant_id', 'shop_id', 'tid', name=op.f('uq_account_check_tenant_id_shop_id_tid'))
    )
    with op.batch_alter_table('account_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_check_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_check_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_account_check_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_account_check_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('invoice_order',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('invoice_order_no', sa.String(length=40), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('trade_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('platform_type', sa.Integer(), nullable=False),
    sa.Column('provider_name', sa.String(length=40), nullable=False),
    sa.Column('is_red', sa.Boolean(), nullable=False),
    sa.Column('invoice_type', sa.Integer(), nullable=False),
    sa.Column('business_type', sa.Integer(), nullable=False),
    sa.Column('invoice_mask', sa.Integer(), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('invoice_no', sa.String(length=40), nullable=False),
    sa.Column('invoice_code', sa.String(length=40), nullable=False),
    sa.Column('invoice_time', sa.DateTime(), nullable=True),
    sa.Column('file_url', sa.String(length=255), nullable=False),
    sa.Column('ofd_url', sa.String(length=255), nullable=False),
    sa.Column('xml_url', sa.String(length=255), nullable=False),
    sa.Column('error_info', sa.String(length=100), nullable=False),
    sa.Column('serial_no', sa.String(length=50), nullable=False),
    sa.Column('tax_control_no', sa.String(length=40), nullable=False),
    sa.Column('invoice_remark', sa.String(length=200), nullable=False),
    sa.Column('payer_name', sa.String(length=64), nullable=False),
    sa.Column('payer_email', sa.String(length=64), nullable=False),
    sa.Column('payer_phone', sa.String(length=40), nullable=False),
    sa.Column('payer_account', sa.String(length=40), nullable=False),
    sa.Column('payer_bank', sa.String(length=128), nullable=False),
    sa.Column('payer_address', sa.String(length=255), nullable=False),
    sa.Column('payer_register_no', sa.String(length=40), nullable=False),
    sa.Column('payee_name', sa.String(length=64), nullable=False),
    sa.Column('payee_register_no', sa.String(length=40), nullable=False),
    sa.Column('payee_address', sa.String(length=255), nullable=False),
    sa.Column('payee_telno', sa.String(length=40), nullable=False),
    sa.Column('payee_bank_name', sa.String(length=255), nullable=False),
    sa.Column('payee_bank_account', sa.String(length=20), nullable=False),
    sa.Column('payee_receiver', sa.String(length=20), nullable=False),
    sa.Column('payee_operator', sa.String(length=20), nullable=False),
    sa.Column('payee_checker', sa.String(length=20), nullable=False),
    sa.Column('payee_remark', sa.String(length=255), nullable=False),
    sa.Column('relation_invoice_no_out', sa.String(length=40), nullable=False),
    sa.Column('relation_invoice_code', sa.String(length=40), nullable=False),
    sa.Column('discount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('discount_tax', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('goods_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('goods_tax', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sum_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sum_tax', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('invoice_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('invoice_outer_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_invoice_order_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_invoice_order_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_invoice_order')),
    sa.UniqueConstraint('tenant_id', 'invoice_order_no', name=op.f('uq_invoice_order_tenant_id_invoice_order_no'))
    )
    with op.batch_alter_table('invoice_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_order_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_order_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_invoice_order_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_invoice_order_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('payment_detail',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('payment_order_id', sa.Integer(), nullable=False),
    sa.Column('src_order_type', sa.Integer(), nullable=False),
    sa.Column('src_order_no', sa.String(length=40), nullable=False),
    sa.Column('fee_type', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['payment_order_id'], ['payment.rec_id'], name=op.f('fk_payment_detail_payment_order_id_payment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_payment_detail'))
    )
    with op.batch_alter_table('payment_detail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_detail_payment_order_id'), ['payment_order_id'], unique=False)

    op.create_table('raw_payment',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=40), nullable=False),
    sa.Column('pay_order_no', sa.String(length=40), nullable=False),
    sa.Column('raw_order_no', sa.String(length=64), nullable=False),
    sa.Column('in_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('out_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('balance', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('is_guarantee', sa.Boolean(), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('create_time', sa.DateTime(), nullable=True),
    sa.Column('item', sa.String(length=40), nullable=False),
    sa.Column('opt_pay_account', sa.String(length=128), nullable=False),
    sa.Column('description', sa.String(length=128), nullable=False),
    sa.Column('fa_order_no', sa.String(length=40), nullable=False),
    sa.Column('goods_name', sa.String(length=255), nullable=False),
    sa.Column('platform_pay_order_no', sa.String(length=40), nullable=False),
    sa.Column('pay_user_id', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_raw_payment_shop_id_shop')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_raw_payment_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_raw_payment'))
    )
    with op.batch_alter_table('raw_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_raw_payment_modified'), ['modified'], unique=False)
        batch_op.create_index('ix_raw_payment_order', ['tenant_id', 'shop_id', 'order_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_payment_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_raw_payment_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_raw_payment_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('invoice_detail',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('item_name', sa.String(length=255), nullable=False),
    sa.Column('item_no', sa.String(length=40), nullable=False),
    sa.Column('row_type', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=20), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('tax_code', sa.String(length=32), nullable=False),
    sa.Column('tax_rate', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sum_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('tax', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sum_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('remark', sa.String(length=100), nullable=False),
    sa.Column('tid', sa.String(length=40), nullable=False),
    sa.Column('oid', sa.String(length=40), nullable=False),
    sa.Column('trade_no', sa.String(length=40), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice_order.rec_id'], name=op.f('fk_invoice_detail_invoice_id_invoice_order'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_invoice_detail'))
    )
    with op.batch_alter_table('invoice_detail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invoice_detail_invoice_id'), ['invoice_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('invoice_detail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invoice_detail_invoice_id'))

    op.drop_table('invoice_detail')
    with op.batch_alter_table('raw_payment', schema=None) as batch_op:
        batch_op.drop_index('ix_raw_payment_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_raw_payment_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_raw_payment_shop_id'))
        batch_op.drop_index('ix_raw_payment_order')
        batch_op.drop_index(batch_op.f('ix_raw_payment_modified'))

    op.drop_table('raw_payment')
    with op.batch_alter_table('payment_detail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_detail_payment_order_id'))

    op.drop_table('payment_detail')
    with op.batch_alter_table('invoice_order', schema=None) as batch_op:
        batch_op.drop_index('ix_invoice_order_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_invoice_order_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_invoice_order_shop_id'))
        batch_op.drop_index(batch_op.f('ix_invoice_order_modified'))

    op.drop_table('invoice_order')
    with op.batch_alter_table('account_check', schema=None) as batch_op:
        batch_op.drop_index('ix_account_check_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_account_check_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_account_check_shop_id'))
        batch_op.drop_index(batch_op.f('ix_account_check_modified'))

    op.drop_table('account_check')
    with op.batch_alter_table('waybill', schema=None) as batch_op:
        batch_op.drop_index('ix_waybill_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_waybill_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_waybill_modified'))

    op.drop_table('waybill')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_payment_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_payment_modified'))

    op.drop_table('payment')
