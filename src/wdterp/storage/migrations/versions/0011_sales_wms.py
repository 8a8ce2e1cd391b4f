"""sales_wms: sales_pick_list, sales_package, sales_pick_list_order, sales_stockout_wms, sales_package_line, sales_stockout_allocation

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sales_pick_list',
    sa.Column('pick_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('pick_no', sa.String(length=40), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('picker_name', sa.String(length=64), nullable=False),
    sa.Column('finish_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_pick_list_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_sales_pick_list_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('pick_id', name=op.f('pk_sales_pick_list')),
    sa.UniqueConstraint('tenant_id', 'pick_no', name=op.f('uq_sales_pick_list_tenant_id_pick_no'))
    )
    with op.batch_alter_table('sales_pick_list', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_pick_list_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_pick_list_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('sales_package',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=40), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('src_order_type', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('logistics_no', sa.String(length=50), nullable=False),
    sa.Column('weight', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('calc_weight', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('length', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('width', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('height', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('postage', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('package_name', sa.String(length=40), nullable=False),
    sa.Column('packager_id', sa.Integer(), nullable=False),
    sa.Column('packager_name', sa.String(length=64), nullable=False),
    sa.Column('remark', sa.String(length=256), nullable=False),
    sa.Column('consign_time', sa.DateTime(), nullable=True),
    sa.Column('is_main', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_document.doc_id'], name=op.f('fk_sales_package_doc_id_stock_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_package_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_sales_package_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_package')),
    sa.UniqueConstraint('tenant_id', 'order_no', name=op.f('uq_sales_package_tenant_id_order_no'))
    )
    with op.batch_alter_table('sales_package', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_package_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index('ix_sales_package_logistics_no', ['tenant_id', 'logistics_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_package_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_package_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_sales_package_tenant_modified', ['tenant_id', 'modified'], unique=False)

    op.create_table('sales_pick_list_order',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('pick_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_document.doc_id'], name=op.f('fk_sales_pick_list_order_doc_id_stock_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pick_id'], ['sales_pick_list.pick_id'], name=op.f('fk_sales_pick_list_order_pick_id_sales_pick_list'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_pick_list_order')),
    sa.UniqueConstraint('pick_id', 'doc_id', name=op.f('uq_sales_pick_list_order_pick_id_doc_id'))
    )
    with op.batch_alter_table('sales_pick_list_order', schema=None) as batch_op:
        batch_op.create_index('ix_sales_pick_list_order_doc', ['doc_id'], unique=False)

    op.create_table('sales_stockout_wms',
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('packager_id', sa.Integer(), nullable=False),
    sa.Column('packager_name', sa.String(length=64), nullable=False),
    sa.Column('picker_name', sa.String(length=64), nullable=False),
    sa.Column('operate_table_name', sa.String(length=64), nullable=False),
    sa.Column('package_spec_id', sa.Integer(), nullable=False),
    sa.Column('package_name', sa.String(length=100), nullable=False),
    sa.Column('package_fee', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('calc_weight', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('length', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('width', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('height', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('weigh_time', sa.DateTime(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_document.doc_id'], name=op.f('fk_sales_stockout_wms_doc_id_stock_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_stockout_wms_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('doc_id', name=op.f('pk_sales_stockout_wms'))
    )
    with op.batch_alter_table('sales_stockout_wms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_stockout_wms_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_stockout_wms_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('sales_package_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('package_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('remark', sa.String(length=512), nullable=False),
    sa.ForeignKeyConstraint(['package_id'], ['sales_package.rec_id'], name=op.f('fk_sales_package_line_package_id_sales_package'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_sales_package_line_spec_id_spec')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_package_line'))
    )
    with op.batch_alter_table('sales_package_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_package_line_package_id'), ['package_id'], unique=False)

    op.create_table('sales_stockout_allocation',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.Column('production_date', sa.Date(), nullable=True),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_document.doc_id'], name=op.f('fk_sales_stockout_allocation_doc_id_stock_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['line_id'], ['stock_document_line.rec_id'], name=op.f('fk_sales_stockout_allocation_line_id_stock_document_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_sales_stockout_allocation_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_sales_stockout_allocation'))
    )
    with op.batch_alter_table('sales_stockout_allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_stockout_allocation_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_stockout_allocation_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sales_stockout_allocation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_stockout_allocation_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_stockout_allocation_doc_id'))

    op.drop_table('sales_stockout_allocation')
    with op.batch_alter_table('sales_package_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_package_line_package_id'))

    op.drop_table('sales_package_line')
    with op.batch_alter_table('sales_stockout_wms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_stockout_wms_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_stockout_wms_modified'))

    op.drop_table('sales_stockout_wms')
    with op.batch_alter_table('sales_pick_list_order', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_pick_list_order_doc')

    op.drop_table('sales_pick_list_order')
    with op.batch_alter_table('sales_package', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_package_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_sales_package_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_package_modified'))
        batch_op.drop_index('ix_sales_package_logistics_no')
        batch_op.drop_index(batch_op.f('ix_sales_package_doc_id'))

    op.drop_table('sales_package')
    with op.batch_alter_table('sales_pick_list', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sales_pick_list_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_sales_pick_list_modified'))

    op.drop_table('sales_pick_list')
