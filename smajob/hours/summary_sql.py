"""The triggers that keep hours_summary equal to the hours ledger summed per municipality (the
candidate's), week and status, on SQLite and PostgreSQL.

Triggers rather than Python: they see every write in the same transaction — the services, the
auto-confirm job, the API, bulk inserts (the demo, the load and bench data sets) and a hand
correction in psql — so no write path can forget the summary. A week's minutes move between
rows when it is confirmed or corrected, and all of a candidate's weeks move when the candidate
(or a placement) changes municipality. Each write adds or takes away exact amounts with an
upsert, so concurrent writers never overwrite each other's totals. The migration that created
the triggers (0029) keeps its own copy of this text, as migrations do not import the application.
"""

from __future__ import annotations

from sqlalchemy import text

# SQLite: row-level triggers; -OLD then +NEW, so an update that changes nothing nets to zero.
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

# PostgreSQL: statement-level triggers with transition tables, so a bulk insert of thousands of
# weeks costs one grouped upsert, not one per row. An update counts only the rows whose
# placement, week, status or minutes changed (invoicing and payroll update other columns); the
# old and new values of a row are netted per key, as one INSERT may not touch a row twice. The
# upserts go in key order, so two writers lock summary rows in the same order.
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

def statements(dialect: str) -> list[str]:
    return POSTGRESQL if dialect == "postgresql" else SQLITE


def install(target, connection, **kw) -> None:
    """After create_all: the triggers, once the tables they read and write exist."""
    if "hours_summary" not in {t.name for t in kw.get("tables", ())}:
        return
    for statement in statements(connection.dialect.name):
        connection.execute(text(statement))
