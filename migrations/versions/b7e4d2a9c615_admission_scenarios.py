"""admission scenarios: a municipality's what-if of a balanced-schooling measure, with the
aggregates and the one-page PDF of its last run

Revision ID: b7e4d2a9c615
Revises: 9c4f2a7e1d35
Create Date: 2026-12-06 05:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e4d2a9c615'
down_revision = '9c4f2a7e1d35'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scenario',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('municipality_key', sa.String(length=128), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('measures', sa.JSON(), nullable=False),
    sa.Column('draws', sa.Integer(), nullable=False),
    sa.Column('seed', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('ran_by', sa.Integer(), nullable=True),
    sa.Column('ran_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('data_version', sa.Integer(), nullable=True),
    sa.Column('results', sa.JSON(), nullable=True),
    sa.Column('pdf_path', sa.String(length=512), nullable=True),
    sa.Column('pdf_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['user_account.id'], name=op.f('fk_scenario_created_by_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['ran_by'], ['user_account.id'], name=op.f('fk_scenario_ran_by_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['run_id'], ['job_run.id'], name=op.f('fk_scenario_run_id_job_run'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], name=op.f('fk_scenario_tenant_id_tenant'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scenario'))
    )
    with op.batch_alter_table('scenario', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scenario_tenant_id'), ['tenant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('scenario', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scenario_tenant_id'))
    op.drop_table('scenario')
