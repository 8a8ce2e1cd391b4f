"""catalog: barcode, goods, goods_brand, goods_class, goods_unit, suite, api_goods, platform_category, spec, suite_detail

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('barcode',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('barcode', sa.String(length=50), nullable=False),
    sa.Column('target_type', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Integer(), nullable=False),
    sa.Column('is_master', sa.Boolean(), nullable=False),
    sa.Column('num', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_barcode_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_barcode')),
    sa.UniqueConstraint('tenant_id', 'barcode', name=op.f('uq_barcode_tenant_id_barcode'))
    )
    with op.batch_alter_table('barcode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_barcode_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_barcode_target_id'), ['target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_barcode_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('goods',
    sa.Column('goods_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('goods_no', sa.String(length=40), nullable=False),
    sa.Column('goods_name', sa.String(length=255), nullable=False),
    sa.Column('short_name', sa.String(length=255), nullable=False),
    sa.Column('alias', sa.String(length=255), nullable=False),
    sa.Column('pinyin', sa.String(length=40), nullable=False),
    sa.Column('goods_type', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=20), nullable=False),
    sa.Column('aux_unit_name', sa.String(length=20), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('remark', sa.String(length=512), nullable=False),
    sa.Column('prop1', sa.String(length=255), nullable=False),
    sa.Column('prop2', sa.String(length=255), nullable=False),
    sa.Column('prop3', sa.String(length=255), nullable=False),
    sa.Column('prop4', sa.String(length=255), nullable=False),
    sa.Column('prop5', sa.String(length=255), nullable=False),
    sa.Column('prop6', sa.String(length=255), nullable=False),
    sa.Column('washing_label', sa.String(length=255), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_goods_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('goods_id', name=op.f('pk_goods')),
    sa.UniqueConstraint('tenant_id', 'goods_no', name=op.f('uq_goods_tenant_id_goods_no'))
    )
    with op.batch_alter_table('goods', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_goods_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('goods_brand',
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('brand_no', sa.String(length=40), nullable=False),
    sa.Column('brand_name', sa.String(length=64), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_goods_brand_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('brand_id', name=op.f('pk_goods_brand')),
    sa.UniqueConstraint('tenant_id', 'brand_name', name=op.f('uq_goods_brand_tenant_id_brand_name')),
    sa.UniqueConstraint('tenant_id', 'brand_no', name=op.f('uq_goods_brand_tenant_id_brand_no'))
    )
    with op.batch_alter_table('goods_brand', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_brand_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_brand_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_goods_brand_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('goods_class',
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('class_name', sa.String(length=100), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=False),
    sa.Column('is_leaf', sa.Boolean(), nullable=False),
    sa.Column('path', sa.String(length=255), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_goods_class_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('class_id', name=op.f('pk_goods_class')),
    sa.UniqueConstraint('tenant_id', 'class_name', 'parent_id', name=op.f('uq_goods_class_tenant_id_class_name_parent_id'))
    )
    with op.batch_alter_table('goods_class', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_class_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_class_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_goods_class_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('goods_unit',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=20), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_goods_unit_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_id', name=op.f('pk_goods_unit')),
    sa.UniqueConstraint('tenant_id', 'name', name=op.f('uq_goods_unit_tenant_id_name'))
    )
    with op.batch_alter_table('goods_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_unit_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_unit_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('suite',
    sa.Column('suite_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('suite_no', sa.String(length=40), nullable=False),
    sa.Column('suite_name', sa.String(length=255), nullable=False),
    sa.Column('short_name', sa.String(length=255), nullable=False),
    sa.Column('barcode', sa.String(length=50), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('brand_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=20), nullable=False),
    sa.Column('aux_unit_name', sa.String(length=20), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('goods_label_name', sa.String(length=64), nullable=False),
    sa.Column('weight', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('retail_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('wholesale_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('member_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('market_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('print_suite_mode', sa.Integer(), nullable=False),
    sa.Column('large_type', sa.Integer(), nullable=False),
    sa.Column('remark', sa.String(length=512), nullable=False),
    sa.Column('prop1', sa.String(length=255), nullable=False),
    sa.Column('prop2', sa.String(length=255), nullable=False),
    sa.Column('prop3', sa.String(length=255), nullable=False),
    sa.Column('prop4', sa.String(length=255), nullable=False),
    sa.Column('prop5', sa.String(length=255), nullable=False),
    sa.Column('prop6', sa.String(length=255), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_suite_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('suite_id', name=op.f('pk_suite')),
    sa.UniqueConstraint('tenant_id', 'suite_no', name=op.f('uq_suite_tenant_id_suite_no'))
    )
    with op.batch_alter_table('suite', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suite_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_suite_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_suite_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('api_goods',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('goods_id', sa.String(length=40), nullable=False),
    sa.Column('spec_id', sa.String(length=40), nullable=False),
    sa.Column('outer_id', sa.String(length=40), nullable=False),
    sa.Column('spec_outer_id', sa.String(length=40), nullable=False),
    sa.Column('goods_name', sa.String(length=255), nullable=False),
    sa.Column('spec_name', sa.String(length=100), nullable=False),
    sa.Column('spec_code', sa.String(length=40), nullable=False),
    sa.Column('barcode', sa.String(length=255), nullable=False),
    sa.Column('spec_sku_properties', sa.String(length=1024), nullable=False),
    sa.Column('cid', sa.String(length=40), nullable=False),
    sa.Column('pic_url', sa.String(length=255), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stock_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('is_deleted', sa.Integer(), nullable=False),
    sa.Column('is_auto_match', sa.Boolean(), nullable=False),
    sa.Column('match_target_type', sa.Integer(), nullable=False),
    sa.Column('match_target_id', sa.Integer(), nullable=False),
    sa.Column('match_code', sa.String(length=40), nullable=False),
    sa.Column('hold_stock', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('hold_stock_type', sa.Integer(), nullable=False),
    sa.Column('is_auto_listing', sa.Boolean(), nullable=False),
    sa.Column('is_auto_delisting', sa.Boolean(), nullable=False),
    sa.Column('list_time', sa.DateTime(), nullable=True),
    sa.Column('delist_time', sa.DateTime(), nullable=True),
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('is_disable_syn', sa.Boolean(), nullable=False),
    sa.Column('disable_syn_until', sa.Integer(), nullable=False),
    sa.Column('disabled_reason', sa.String(length=255), nullable=False),
    sa.Column('mask', sa.Integer(), nullable=False),
    sa.Column('last_syn_num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('last_syn_time', sa.DateTime(), nullable=True),
    sa.Column('last_syn_result', sa.String(length=1024), nullable=False),
    sa.Column('stock_change_count', sa.Integer(), nullable=False),
    sa.Column('is_stock_changed', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_api_goods_shop_id_shop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_api_goods_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_api_goods')),
    sa.UniqueConstraint('shop_id', 'goods_id', 'spec_id', name=op.f('uq_api_goods_shop_id_goods_id_spec_id'))
    )
    with op.batch_alter_table('api_goods', schema=None) as batch_op:
        batch_op.create_index('ix_api_goods_match', ['tenant_id', 'match_target_type', 'match_target_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_goods_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_goods_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_api_goods_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_api_goods_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('platform_category',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('platform_id', sa.Integer(), nullable=False),
    sa.Column('cid', sa.String(length=40), nullable=False),
    sa.Column('parent_id', sa.String(length=40), nullable=False),
    sa.Column('category_name', sa.String(length=64), nullable=False),
    sa.Column('is_leaf', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=1024), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('commission_factor', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['shop_id'], ['shop.shop_id'], name=op.f('fk_platform_category_shop_id_shop'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_platform_category_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_platform_category')),
    sa.UniqueConstraint('shop_id', 'cid', name=op.f('uq_platform_category_shop_id_cid'))
    )
    with op.batch_alter_table('platform_category', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_platform_category_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_platform_category_shop_id'), ['shop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_platform_category_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_platform_category_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('spec',
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('goods_id', sa.Integer(), nullable=False),
    sa.Column('spec_no', sa.String(length=40), nullable=False),
    sa.Column('spec_code', sa.String(length=40), nullable=False),
    sa.Column('spec_name', sa.String(length=100), nullable=False),
    sa.Column('barcode', sa.String(length=50), nullable=False),
    sa.Column('wms_process_mask', sa.Integer(), nullable=False),
    sa.Column('goods_label', sa.String(length=64), nullable=False),
    sa.Column('sn_type', sa.Integer(), nullable=False),
    sa.Column('lowest_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('retail_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('wholesale_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('member_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('market_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('custom_price1', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('custom_price2', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('validity_days', sa.Integer(), nullable=False),
    sa.Column('validity_type', sa.Integer(), nullable=False),
    sa.Column('sales_days', sa.Integer(), nullable=False),
    sa.Column('receive_days', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('length', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('width', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('height', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('large_type', sa.Integer(), nullable=False),
    sa.Column('is_lower_cost', sa.Boolean(), nullable=False),
    sa.Column('is_not_use_air', sa.Integer(), nullable=False),
    sa.Column('is_not_need_examine', sa.Integer(), nullable=False),
    sa.Column('tax_rate', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('tax_code', sa.String(length=40), nullable=False),
    sa.Column('img_url', sa.String(length=1024), nullable=False),
    sa.Column('remark', sa.String(length=512), nullable=False),
    sa.Column('unit_name', sa.String(length=20), nullable=False),
    sa.Column('aux_unit_name', sa.String(length=20), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('prop1', sa.String(length=255), nullable=False),
    sa.Column('prop2', sa.String(length=255), nullable=False),
    sa.Column('prop3', sa.String(length=255), nullable=False),
    sa.Column('prop4', sa.String(length=255), nullable=False),
    sa.Column('prop5', sa.String(length=255), nullable=False),
    sa.Column('prop6', sa.String(length=255), nullable=False),
    sa.Column('sale_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('pack_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('pick_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('scan_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('sort_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('supply_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('shelve_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('stockin_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('inspect_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('packing_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('operate_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('weigh_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('consign_score', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('deleted', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goods_id'], ['goods.goods_id'], name=op.f('fk_spec_goods_id_goods'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_spec_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('spec_id', name=op.f('pk_spec')),
    sa.UniqueConstraint('tenant_id', 'spec_no', name=op.f('uq_spec_tenant_id_spec_no'))
    )
    with op.batch_alter_table('spec', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spec_goods_id'), ['goods_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_spec_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_spec_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_spec_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('suite_detail',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('suite_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('is_fixed_price', sa.Boolean(), nullable=False),
    sa.Column('fixed_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('ratio', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_suite_detail_spec_id_spec')),
    sa.ForeignKeyConstraint(['suite_id'], ['suite.suite_id'], name=op.f('fk_suite_detail_suite_id_suite'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_suite_detail')),
    sa.UniqueConstraint('suite_id', 'spec_id', name=op.f('uq_suite_detail_suite_id_spec_id'))
    )
    with op.batch_alter_table('suite_detail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suite_detail_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_suite_detail_spec_id'), ['spec_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suite_detail_suite_id'), ['suite_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('suite_detail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suite_detail_suite_id'))
        batch_op.drop_index(batch_op.f('ix_suite_detail_spec_id'))
        batch_op.drop_index(batch_op.f('ix_suite_detail_modified'))

    op.drop_table('suite_detail')
    with op.batch_alter_table('spec', schema=None) as batch_op:
        batch_op.drop_index('ix_spec_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_spec_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_spec_modified'))
        batch_op.drop_index(batch_op.f('ix_spec_goods_id'))

    op.drop_table('spec')
    with op.batch_alter_table('platform_category', schema=None) as batch_op:
        batch_op.drop_index('ix_platform_category_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_platform_category_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_platform_category_shop_id'))
        batch_op.drop_index(batch_op.f('ix_platform_category_modified'))

    op.drop_table('platform_category')
    with op.batch_alter_table('api_goods', schema=None) as batch_op:
        batch_op.drop_index('ix_api_goods_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_api_goods_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_api_goods_shop_id'))
        batch_op.drop_index(batch_op.f('ix_api_goods_modified'))
        batch_op.drop_index('ix_api_goods_match')

    op.drop_table('api_goods')
    with op.batch_alter_table('suite', schema=None) as batch_op:
        batch_op.drop_index('ix_suite_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_suite_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_suite_modified'))

    op.drop_table('suite')
    with op.batch_alter_table('goods_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goods_unit_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_goods_unit_modified'))

    op.drop_table('goods_unit')
    with op.batch_alter_table('goods_class', schema=None) as batch_op:
        batch_op.drop_index('ix_goods_class_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_goods_class_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_goods_class_modified'))

    op.drop_table('goods_class')
    with op.batch_alter_table('goods_brand', schema=None) as batch_op:
        batch_op.drop_index('ix_goods_brand_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_goods_brand_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_goods_brand_modified'))

    op.drop_table('goods_brand')
    with op.batch_alter_table('goods', schema=None) as batch_op:
        batch_op.drop_index('ix_goods_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_goods_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_goods_modified'))

    op.drop_table('goods')
    with op.batch_alter_table('barcode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_barcode_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_barcode_target_id'))
        batch_op.drop_index(batch_op.f('ix_barcode_modified'))

    op.drop_table('barcode')
