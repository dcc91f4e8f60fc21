"""The task list's version: a number the database raises in the same transaction as every write
that can change what the bureau's task list shows (a task; a business's name or CVR; a
category; a placement taking or freeing a seat), so a rendered list can be reused until then.

Triggers rather than Python, as for the hours summary: they see every write path — the
services, the scheduled jobs, the API, bulk inserts and a hand correction in psql. The number
is the larger of the old one plus one and the database clock in microseconds, so it never
repeats: not after the row is deleted (tests empty every table) and not after a backup is
restored into a running system. Readers that find no row do not reuse anything.

Migration 0030 keeps its own copy of this text, as migrations do not import the application.
"""

from __future__ import annotations

from sqlalchemy import text

NAME = "task_list"
# (table, the events that matter) — an UPDATE of other columns cannot change the list.
WATCHED = [
    ("task", "INSERT OR UPDATE OR DELETE"),
    ("business", "UPDATE OF name, cvr OR DELETE"),
    ("task_category", "INSERT OR UPDATE OR DELETE"),
    ("placement", "INSERT OR UPDATE OF status, task_id OR DELETE"),
]

# PostgreSQL raises the number at commit (deferred), once per transaction: the row is locked
# only while the transaction commits, after every other lock it takes, so two writers cannot
# deadlock on it and a long transaction does not hold up the others.
_PG_FUNCTION = """CREATE FUNCTION list_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('smajob.list_version_bumped', true) IS DISTINCT FROM txid_current()::text
  THEN
    PERFORM set_config('smajob.list_version_bumped', txid_current()::text, true);
    INSERT INTO list_version (name, n)
    VALUES (TG_ARGV[0], (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)
    ON CONFLICT (name) DO UPDATE SET n = GREATEST(list_version.n + 1, excluded.n);
  END IF;
  RETURN NULL;
END $$"""

_SQLITE_BUMP = ("INSERT INTO list_version (name, n) VALUES ('task_list', "
                "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) "
                "ON CONFLICT (name) DO UPDATE SET n = max(list_version.n + 1, excluded.n);")


def _postgresql() -> list[str]:
    statements = [_PG_FUNCTION]
    for table, events in WATCHED:
        statements += [
            f"CREATE CONSTRAINT TRIGGER list_version_{table} AFTER {events} ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"EXECUTE FUNCTION list_version_bump('{NAME}')",
            # TRUNCATE has no rows (and no deferred form): it raises the number at once.
            f"CREATE TRIGGER list_version_{table}_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION list_version_bump('{NAME}')"]
    return statements


def _sqlite() -> list[str]:
    statements = []
    for table, events in WATCHED:
        for event in events.split(" OR "):
            suffix = event.split()[0].lower()
            statements.append(f"CREATE TRIGGER list_version_{table}_{suffix} AFTER {event} "
                              f"ON {table} BEGIN {_SQLITE_BUMP} END")
    return statements


def statements(dialect: str) -> list[str]:
    return _postgresql() if dialect == "postgresql" else _sqlite()


def install(target, connection, **kw) -> None:
    """After create_all: the triggers, once the watched tables and list_version exist."""
    if "list_version" not in {t.name for t in kw.get("tables", ())}:
        return
    for statement in statements(connection.dialect.name):
        connection.execute(text(statement))


def current(session) -> int | None:
    """The task list's version now (None: unknown, so nothing may be reused)."""
    return session.execute(text("SELECT n FROM list_version WHERE name = :name"),
                           {"name": NAME}).scalar()
