"""task list version: a number raised by triggers whenever the task list may have changed

The bureau's task list is rendered once per version and reused until a write moves it. The
statements below are built exactly as smajob/tasks/list_version.py built them at this revision
(a frozen copy: migrations do not import the application).

Revision ID: 0030_list_version
Revises: 0029_hours_summary
Create Date: 2026-12-07 00:05:03.811500

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0030_list_version"
down_revision: str | None = "0029_hours_summary"
branch_labels: str | tuple[str, ...] | None = None
depends_on: str | tuple[str, ...] | None = None

WATCHED = [
    ("task", "INSERT OR UPDATE OR DELETE"),
    ("business", "UPDATE OF name, cvr OR DELETE"),
    ("task_category", "INSERT OR UPDATE OR DELETE"),
    ("placement", "INSERT OR UPDATE OF status, task_id OR DELETE"),
]

PG_FUNCTION = """CREATE FUNCTION list_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
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

SQLITE_BUMP = ("INSERT INTO list_version (name, n) VALUES ('task_list', "
               "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)) "
               "ON CONFLICT (name) DO UPDATE SET n = max(list_version.n + 1, excluded.n);")


def _postgresql() -> list[str]:
    statements = [PG_FUNCTION]
    for table, events in WATCHED:
        statements += [
            f"CREATE CONSTRAINT TRIGGER list_version_{table} AFTER {events} ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"EXECUTE FUNCTION list_version_bump('task_list')",
            f"CREATE TRIGGER list_version_{table}_truncate AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION list_version_bump('task_list')"]
    return statements


def _sqlite() -> list[tuple[str, str]]:
    """(trigger name, statement)."""
    triggers = []
    for table, events in WATCHED:
        for event in events.split(" OR "):
            name = f"list_version_{table}_{event.split()[0].lower()}"
            triggers.append((name, f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                                   f"BEGIN {SQLITE_BUMP} END"))
    return triggers


def upgrade():
    op.create_table("list_version",
                    sa.Column("name", sa.String(length=40), nullable=False),
                    sa.Column("n", sa.BigInteger(), nullable=False),
                    sa.PrimaryKeyConstraint("name", name=op.f("pk_list_version")))
    if op.get_bind().dialect.name == "postgresql":
        for statement in _postgresql():
            op.execute(statement)
        op.execute("INSERT INTO list_version (name, n) VALUES "
                   "('task_list', (extract(epoch FROM clock_timestamp()) * 1000000)::bigint)")
    else:
        for _, statement in _sqlite():
            op.execute(statement)
        op.execute(SQLITE_BUMP)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for table, _ in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS list_version_{table} ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS list_version_{table}_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS list_version_bump()")
    else:
        for name, _ in _sqlite():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("list_version")
