"""matching: a run's status, phase and progress (large runs run in the background)

Revision ID: 0018_match_progress
Revises: 0016_matching
"""
import sqlalchemy as sa
from alembic import op

revision: str = "0018_match_progress"
down_revision: str | None = "0016_matching"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade():
    with op.batch_alter_table('match_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), server_default='done',
                                      nullable=False))
        batch_op.add_column(sa.Column('phase', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('progress_done', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('progress_total', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('finished_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('error', sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table('match_run', schema=None) as batch_op:
        batch_op.drop_column('error')
        batch_op.drop_column('finished_at')
        batch_op.drop_column('progress_total')
        batch_op.drop_column('progress_done')
        batch_op.drop_column('phase')
        batch_op.drop_column('status')
