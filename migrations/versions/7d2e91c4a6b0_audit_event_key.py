"""audit events of graph changes keep their outbox key (copied to SQL exactly once);
store_probe, which /healthz writes to and rolls back

Revision ID: 7d2e91c4a6b0
Revises: 5b1f0c2d9e47
Create Date: 2026-12-01 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d2e91c4a6b0'
down_revision = '5b1f0c2d9e47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('store_probe',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_store_probe'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('event_key', sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_event_event_key'), ['event_key'])


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_event_event_key'), type_='unique')
        batch_op.drop_column('event_key')
    op.drop_table('store_probe')
