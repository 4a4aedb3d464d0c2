"""report artifacts keep their subject's name (a school's name when the report was made),
so lists and download file names show names, not keys

Revision ID: 9c4f2a7e1d35
Revises: 3c8a5e1f7b24
Create Date: 2026-12-05 19:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9c4f2a7e1d35'
down_revision = '3c8a5e1f7b24'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('report_artifact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_name', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('report_artifact', schema=None) as batch_op:
        batch_op.drop_column('subject_name')
