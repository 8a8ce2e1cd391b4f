"""masterdata: flag

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('flag',
    sa.Column('flag_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('flag_name', sa.String(length=32), nullable=False),
    sa.Column('is_disabled', sa.Boolean(), nullable=False),
    sa.Column('created', sa.DateTime(), nullable=False),
    sa.Column('modified', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_flag_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('flag_id', name=op.f('pk_flag')),
    sa.UniqueConstraint('tenant_id', 'flag_name', name=op.f('uq_flag_tenant_id_flag_name'))
    )
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_flag_modified'), ['modified'], unique=False)
        batch_op.create_index(batch_op.f('ix_flag_tenant_id'), ['tenant_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('flag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_flag_tenant_id'))
        batch_op.drop_index(batch_op.f('ix_flag_modified'))

    op.drop_table('flag')
