"""hours summary: the ledger per municipality, week and status, kept by triggers

The hours reports read this summary instead of the ledger (≤ 50 ms for one municipality with
~100,000 weeks recorded). Triggers keep it equal to hours_entry in the same transaction as every
write; the statements below are a frozen copy of smajob/hours/summary_sql.py at this revision
(migrations do not import the application). The table is backfilled from the existing ledger.

Revision ID: 0029_hours_summary
Revises: 0028_placement_order
Create Date: 2026-11-23 14:52:02.660433

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0029_hours_summary"
down_revision: str | None = "0028_placement_order"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None

SQLITE = [
    """CREATE TRIGGER hours_summary_insert AFTER INSERT ON hours_entry BEGIN
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT c.municipality_id, NEW.week_start, NEW.status, NEW.minutes, 1
FROM placement AS p JOIN candidate AS c ON c.id = p.candidate_id WHERE p.id = NEW.placement_id
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
END""",
    """CREATE TRIGGER hours_summary_update
AFTER UPDATE OF placement_id, week_start, status, minutes ON hours_entry BEGIN
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT c.municipality_id, OLD.week_start, OLD.status, -OLD.minutes, -1
FROM placement AS p JOIN candidate AS c ON c.id = p.candidate_id WHERE p.id = OLD.placement_id
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT c.municipality_id, NEW.week_start, NEW.status, NEW.minutes, 1
FROM placement AS p JOIN candidate AS c ON c.id = p.candidate_id WHERE p.id = NEW.placement_id
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
END""",
    """CREATE TRIGGER hours_summary_delete AFTER DELETE ON hours_entry BEGIN
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT c.municipality_id, OLD.week_start, OLD.status, -OLD.minutes, -1
FROM placement AS p JOIN candidate AS c ON c.id = p.candidate_id WHERE p.id = OLD.placement_id
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
END""",
    """CREATE TRIGGER hours_summary_candidate_move AFTER UPDATE OF municipality_id ON candidate
WHEN OLD.municipality_id IS NOT NEW.municipality_id BEGIN
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT OLD.municipality_id, e.week_start, e.status, -SUM(e.minutes), -COUNT(*)
FROM hours_entry AS e JOIN placement AS p ON p.id = e.placement_id
WHERE p.candidate_id = NEW.id GROUP BY e.week_start, e.status
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT NEW.municipality_id, e.week_start, e.status, SUM(e.minutes), COUNT(*)
FROM hours_entry AS e JOIN placement AS p ON p.id = e.placement_id
WHERE p.candidate_id = NEW.id GROUP BY e.week_start, e.status
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
END""",
    """CREATE TRIGGER hours_summary_placement_move AFTER UPDATE OF candidate_id ON placement
WHEN OLD.candidate_id IS NOT NEW.candidate_id BEGIN
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT (SELECT municipality_id FROM candidate WHERE id = OLD.candidate_id), e.week_start,
       e.status, -SUM(e.minutes), -COUNT(*)
FROM hours_entry AS e WHERE e.placement_id = NEW.id GROUP BY e.week_start, e.status
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT (SELECT municipality_id FROM candidate WHERE id = NEW.candidate_id), e.week_start,
       e.status, SUM(e.minutes), COUNT(*)
FROM hours_entry AS e WHERE e.placement_id = NEW.id GROUP BY e.week_start, e.status
ON CONFLICT (municipality_id, week_start, status) DO UPDATE
SET minutes = hours_summary.minutes + excluded.minutes,
    entries = hours_summary.entries + excluded.entries;
END""",
]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION hours_summary_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
    SELECT c.municipality_id, n.week_start, n.status, SUM(n.minutes), COUNT(*)
    FROM new_rows AS n
    JOIN placement AS p ON p.id = n.placement_id JOIN candidate AS c ON c.id = p.candidate_id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (municipality_id, week_start, status) DO UPDATE
    SET minutes = hours_summary.minutes + excluded.minutes,
        entries = hours_summary.entries + excluded.entries;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
    SELECT c.municipality_id, o.week_start, o.status, -SUM(o.minutes), -COUNT(*)
    FROM old_rows AS o
    JOIN placement AS p ON p.id = o.placement_id JOIN candidate AS c ON c.id = p.candidate_id
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (municipality_id, week_start, status) DO UPDATE
    SET minutes = hours_summary.minutes + excluded.minutes,
        entries = hours_summary.entries + excluded.entries;
  ELSE
    INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
    SELECT c.municipality_id, x.week_start, x.status, SUM(x.sign * x.minutes), SUM(x.sign)
    FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
    CROSS JOIN LATERAL (VALUES (n.placement_id, n.week_start, n.status, n.minutes, 1),
                               (o.placement_id, o.week_start, o.status, o.minutes, -1))
      AS x (placement_id, week_start, status, minutes, sign)
    JOIN placement AS p ON p.id = x.placement_id JOIN candidate AS c ON c.id = p.candidate_id
    WHERE (n.placement_id, n.week_start, n.status, n.minutes)
      IS DISTINCT FROM (o.placement_id, o.week_start, o.status, o.minutes)
    GROUP BY 1, 2, 3 HAVING SUM(x.sign * x.minutes) <> 0 OR SUM(x.sign) <> 0
    ORDER BY 1, 2, 3
    ON CONFLICT (municipality_id, week_start, status) DO UPDATE
    SET minutes = hours_summary.minutes + excluded.minutes,
        entries = hours_summary.entries + excluded.entries;
  END IF;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER hours_summary_insert AFTER INSERT ON hours_entry
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hours_summary_apply()""",
    """CREATE TRIGGER hours_summary_update AFTER UPDATE ON hours_entry
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION hours_summary_apply()""",
    """CREATE TRIGGER hours_summary_delete AFTER DELETE ON hours_entry
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hours_summary_apply()""",
    """CREATE OR REPLACE FUNCTION hours_summary_candidate_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
  SELECT d.municipality_id, e.week_start, e.status, SUM(d.sign * e.minutes), SUM(d.sign)
  FROM hours_entry AS e JOIN placement AS p ON p.id = e.placement_id
  CROSS JOIN (VALUES (OLD.municipality_id, -1), (NEW.municipality_id, 1))
    AS d (municipality_id, sign)
  WHERE p.candidate_id = NEW.id
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (municipality_id, week_start, status) DO UPDATE
  SET minutes = hours_summary.minutes + excluded.minutes,
      entries = hours_summary.entries + excluded.entries;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER hours_summary_candidate_move AFTER UPDATE OF municipality_id ON candidate
FOR EACH ROW WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)
EXECUTE FUNCTION hours_summary_candidate_move()""",
    """CREATE OR REPLACE FUNCTION hours_summary_placement_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
  SELECT c.municipality_id, e.week_start, e.status, SUM(d.sign * e.minutes), SUM(d.sign)
  FROM hours_entry AS e
  CROSS JOIN (VALUES (OLD.candidate_id, -1), (NEW.candidate_id, 1)) AS d (candidate_id, sign)
  JOIN candidate AS c ON c.id = d.candidate_id
  WHERE e.placement_id = NEW.id
  GROUP BY 1, 2, 3 HAVING SUM(d.sign * e.minutes) <> 0 OR SUM(d.sign) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (municipality_id, week_start, status) DO UPDATE
  SET minutes = hours_summary.minutes + excluded.minutes,
      entries = hours_summary.entries + excluded.entries;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER hours_summary_placement_move AFTER UPDATE OF candidate_id ON placement
FOR EACH ROW WHEN (OLD.candidate_id IS DISTINCT FROM NEW.candidate_id)
EXECUTE FUNCTION hours_summary_placement_move()""",
]

BACKFILL = """INSERT INTO hours_summary (municipality_id, week_start, status, minutes, entries)
SELECT c.municipality_id, e.week_start, e.status, SUM(e.minutes), COUNT(*)
FROM hours_entry AS e JOIN placement AS p ON p.id = e.placement_id
JOIN candidate AS c ON c.id = p.candidate_id
GROUP BY c.municipality_id, e.week_start, e.status"""

TRIGGERS = [("hours_summary_insert", "hours_entry"), ("hours_summary_update", "hours_entry"),
            ("hours_summary_delete", "hours_entry"), ("hours_summary_candidate_move", "candidate"),
            ("hours_summary_placement_move", "placement")]
FUNCTIONS = ["hours_summary_apply", "hours_summary_candidate_move",
             "hours_summary_placement_move"]


def upgrade():
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('hours_summary',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipality.id'], name=op.f('fk_hours_summary_municipality_id_municipality')),
    sa.PrimaryKeyConstraint('municipality_id', 'week_start', 'status', name=op.f('pk_hours_summary'))
    )
    # ### end Alembic commands ###

    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL if postgresql else SQLITE:
        op.execute(statement)
    op.execute(BACKFILL)


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    for trigger, table in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        for function in FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    op.drop_table('hours_summary')
