"""business: the public "we take part" badge (off by default; a random link token when on)

Revision ID: 0017_badge
Revises: 0013_tasks
"""
import sqlalchemy as sa
from alembic import op

revision: str = "0017_badge"
down_revision: str | None = "0013_tasks"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade():
    with op.batch_alter_table('business', schema=None) as batch_op:
        batch_op.add_column(sa.Column('badge_token', sa.String(length=43), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_business_badge_token'), ['badge_token'])


def downgrade():
    with op.batch_alter_table('business', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_business_badge_token'), type_='unique')
        batch_op.drop_column('badge_token')
