"""a user's own language (None: the programme's default, else the browser's)

Revision ID: 3c8a5e1f7b24
Revises: a3c5e7f90b12
Create Date: 2026-12-05 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c8a5e1f7b24'
down_revision = 'a3c5e7f90b12'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('language')
