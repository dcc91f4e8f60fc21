"""hours-requirement rules (the tracker's dated rule table), seeded with the 225-hour rule

Revision ID: 0012_hours_rules
Revises: 0007
"""
from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0012_hours_rules"
down_revision: str | None = "0007"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None


def upgrade():
    table = op.create_table('hours_requirement_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('window_months', sa.Integer(), nullable=False),
    sa.Column('threshold_minutes', sa.Integer(), nullable=False),
    sa.Column('counts', sa.String(length=30), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_hours_requirement_rule_created_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_hours_requirement_rule_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hours_requirement_rule'))
    )
    # The data as of this revision (a copy: migrations never import the app's code).
    seed = [
        ("225_hours", "225-timersreglen (225 timer på 12 måneder)", 12, 225 * 60,
         date(2016, 4, 1), date(2025, 6, 30),
         "Historisk regel, ophævet 30. juni 2025. Suspensionen i 2020 registreres som "
         "forlængelsesperioder pr. borger."),
        ("current_example", "Beskæftigelseskrav (eksempel – ret til kommunens gældende krav)",
         12, 225 * 60, date(2025, 7, 1), None,
         "Eksempel: kommunen angiver sit eget vindue og timetal."),
    ]
    op.bulk_insert(table, [
        {"code": code, "name": name, "window_months": months, "threshold_minutes": minutes,
         "counts": "ordinary_paid", "valid_from": valid_from, "valid_to": valid_to, "note": note,
         "created_at": datetime(2026, 11, 23)}
        for code, name, months, minutes, valid_from, valid_to, note in seed])


def downgrade():
    op.drop_table('hours_requirement_rule')
