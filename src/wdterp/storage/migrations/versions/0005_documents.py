"""documents: document_counter, stock_document, goods_pack, goods_sn, stock_document_line, stock_document_sn

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('prefix', sa.String(length=8), nullable=False),
    sa.Column('day', sa.String(length=8), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_counter')),
    sa.UniqueConstraint('tenant_id', 'prefix', 'day', name=op.f('uq_document_counter_tenant_id_prefix_day'))
    )
    op.create_table('stock_document',
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('order_type', sa.Integer(), nullable=False),
    sa.Column('doc_no', sa.String(length=40), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('src_order_no', sa.String(length=40), nullable=False),
    sa.Column('src_order_id', sa.Integer(), nullable=False),
    sa.Column('outer_no', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('logistics_id', sa.Integer(), nullable=False),
    sa.Column('logistics_no', sa.String(length=40), nullable=False),
    sa.Column('operator_name', sa.String(length=64), nullable=False),
    sa.Column('checker_name', sa.String(length=64), nullable=False),
    sa.Column('check_time', sa.DateTime(), nullable=True),
    sa.Column('consign_time', sa.DateTime(), nullable=True),
    sa.Column('consign_status', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('goods_count', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('goods_type_count', sa.Integer(), nullable=False),
    sa.Column('total_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('is_reserved', sa.Boolean(), nullable=False),
    sa.Column('prop1', sa.String(length=255), nullable=False),
    sa.Column('prop2', sa.String(length=255), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_document_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_stock_document_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('doc_id', name=op.f('pk_stock_document')),
    sa.UniqueConstraint('tenant_id', 'doc_no', name=op.f('uq_stock_document_tenant_id_doc_no'))
    )
    with op.batch_alter_table('stock_document', schema=None) as batch_op:
        batch_op.create_index('ix_stock_document_dir_checked', ['tenant_id', 'direction', 'check_time'], unique=False)
        batch_op.create_index('ix_stock_document_dir_consigned', ['tenant_id', 'direction', 'consign_time'], unique=False)
        batch_op.create_index('ix_stock_document_dir_created', ['tenant_id', 'direction', 'created'], unique=False)
        batch_op.create_index('ix_stock_document_kind_modified', ['tenant_id', 'direction', 'order_type', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_modified'), ['modified'], unique=False)
        batch_op.create_index('ix_stock_document_src', ['tenant_id', 'src_order_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_stock_document_tenant_modified', ['tenant_id', 'modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_warehouse_id'), ['warehouse_id'], unique=False)
        batch_op.create_index('uq_stock_document_outer_no', ['tenant_id', 'direction', 'order_type', 'outer_no'], unique=True, sqlite_where=sa.text("outer_no != ''"), postgresql_where=sa.text("outer_no != ''"))

    op.create_table('goods_pack',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('pack_barcode', sa.String(length=50), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_goods_pack_spec_id_spec')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_goods_pack_tenant_id_tenant'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['warehouse_id'], ['warehouse.warehouse_id'], name=op.f('fk_goods_pack_warehouse_id_warehouse')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_goods_pack')),
    sa.UniqueConstraint('tenant_id', 'pack_barcode', name=op.f('uq_goods_pack_tenant_id_pack_barcode'))
    )
    with op.batch_alter_table('goods_pack', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_pack_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_pack_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('goods_sn',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('sn', sa.String(length=80), nullable=False),
    sa.Column('second_sn', sa.String(length=80), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('warehouse_id', sa.Integer(), nullable=False),
    sa.Column('stockin_no', sa.String(length=40), nullable=False),
    sa.Column('stockout_no', sa.String(length=40), nullable=False),
    sa.Column('src_order_no', sa.String(length=40), nullable=False),
    sa.Column('src_order_type', sa.Integer(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_goods_sn_spec_id_spec')),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_goods_sn_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_goods_sn')),
    sa.UniqueConstraint('tenant_id', 'spec_id', 'sn', name=op.f('uq_goods_sn_tenant_id_spec_id_sn'))
    )
    with op.batch_alter_table('goods_sn', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_goods_sn_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_sn_spec_id'), ['spec_id'], unique=False)
        batch_op.create_index('ix_goods_sn_tenant_created', ['tenant_id', 'created'], unique=False)
        batch_op.create_index(batch_op.f('ix_goods_sn_tenant_id'), ['tenant_id'], unique=False)

    op.create_table('stock_document_line',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('num', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('cost_price', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('batch_no', sa.String(length=40), nullable=False),
    sa.Column('expire_date', sa.Date(), nullable=True),
    sa.Column('production_date', sa.Date(), nullable=True),
    sa.Column('remark', sa.String(length=255), nullable=False),
    sa.Column('src_line_id', sa.Integer(), nullable=False),
    sa.Column('extra', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_document.doc_id'], name=op.f('fk_stock_document_line_doc_id_stock_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['spec_id'], ['spec.spec_id'], name=op.f('fk_stock_document_line_spec_id_spec')),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_document_line'))
    )
    with op.batch_alter_table('stock_document_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_document_line_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_line_spec_id'), ['spec_id'], unique=False)

    op.create_table('stock_document_sn',
    sa.Column('rec_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('doc_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('spec_id', sa.Integer(), nullable=False),
    sa.Column('sn', sa.String(length=80), nullable=False),
    sa.Column('second_sn', sa.String(length=80), nullable=False),
    sa.Column('defect', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['doc_id'], ['stock_document.doc_id'], name=op.f('fk_stock_document_sn_doc_id_stock_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['line_id'], ['stock_document_line.rec_id'], name=op.f('fk_stock_document_sn_line_id_stock_document_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_stock_document_sn_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rec_id', name=op.f('pk_stock_document_sn')),
    sa.UniqueConstraint('doc_id', 'spec_id', 'sn', name=op.f('uq_stock_document_sn_doc_id_spec_id_sn'))
    )
    with op.batch_alter_table('stock_document_sn', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_document_sn_doc_id'), ['doc_id'], unique=False)
        batch_op.create_index('ix_stock_document_sn_tenant_created', ['tenant_id', 'created'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_sn_tenant_id'), ['tenant_id'], unique=False)





def downgrade() -> None:
    with op.batch_alter_table('stock_document_sn', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_document_sn_tenant_id'))
        batch_op.drop_index('ix_stock_document_sn_tenant_created')
        batch_op.drop_index(batch_op.f('ix_stock_document_sn_doc_id'))

    op.drop_table('stock_document_sn')
    with op.batch_alter_table('stock_document_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_document_line_spec_id'))
        batch_op.drop_index(batch_op.f('ix_stock_document_line_doc_id'))

    op.drop_table('stock_document_line')
    with op.batch_alter_table('goods_sn', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goods_sn_tenant_id'))
        batch_op.drop_index('ix_goods_sn_tenant_created')
        batch_op.drop_index(batch_op.f('ix_goods_sn_spec_id'))
        batch_op.drop_index(batch_op.f('ix_goods_sn_modified'))

    op.drop_table('goods_sn')
    with op.batch_alter_table('goods_pack', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goods_pack_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_goods_pack_modified'))

    op.drop_table('goods_pack')
    with op.batch_alter_table('stock_document', schema=None) as batch_op:
        batch_op.drop_index('uq_stock_document_outer_no', sqlite_where=sa.text("outer_no != ''"), postgresql_where=sa.text("outer_no != ''"))
        batch_op.drop_index(batch_op.f('ix_stock_document_warehouse_id'))
        batch_op.drop_index('ix_stock_document_tenant_modified')
        batch_op.drop_index(batch_op.f('ix_stock_document_tenant_id'))
        batch_op.drop_index('ix_stock_document_src')
        batch_op.drop_index(batch_op.f('ix_stock_document_modified'))
        batch_op.drop_index('ix_stock_document_kind_modified')
        batch_op.drop_index('ix_stock_document_dir_created')
        batch_op.drop_index('ix_stock_document_dir_consigned')
        batch_op.drop_index('ix_stock_document_dir_checked')

    op.drop_table('stock_document')
    op.drop_table('document_counter')
