"""Migrations: one head; an empty database upgrades to the models exactly; one step down and up."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from smajob import ROOT, create_app
from smajob.db import render_migration_item
from smajob.extensions import db
from tests.conftest import PG_URL


@pytest.fixture
def empty_database_url(tmp_path):
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'migrate.sqlite3'}"
        return
    from smajob.config import normalise_database_url

    url = make_url(normalise_database_url(PG_URL))
    name = f"smajob_migrate_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_there_is_exactly_one_head():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ROOT / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def _diff(app) -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "render_item": render_migration_item})
        return compare_metadata(context, db.metadata)


def test_upgrade_from_empty_matches_the_models_and_steps_down_and_up(empty_database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        assert _diff(app) == []
        downgrade(revision="-1")
        upgrade()
        assert _diff(app) == []
        downgrade(revision="base")
        upgrade()
        assert _diff(app) == []
        db.engine.dispose()


def _installed_triggers() -> tuple[list[str], list[str]]:
    """(trigger names, their SQL or, on PostgreSQL, their functions' bodies) in the database."""
    if db.engine.dialect.name == "postgresql":
        names = db.session.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                                        "AND tgname LIKE 'hours\\_summary%'"))
        bodies = db.session.scalars(text(
            "SELECT prosrc FROM pg_proc WHERE proname LIKE 'hours\\_summary%'"))
    else:
        rows = db.session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'hours_summary%'")).all()
        names, bodies = [name for name, _ in rows], [sql for _, sql in rows]
    return sorted(names), sorted(bodies)


def _triggers_in_code() -> tuple[list[str], list[str]]:
    import re

    from smajob.hours.summary_sql import statements

    created = statements(db.engine.dialect.name)
    names = [re.match(r"CREATE TRIGGER (\w+)", s).group(1) for s in created
             if s.startswith("CREATE TRIGGER")]
    if db.engine.dialect.name == "postgresql":
        return sorted(names), sorted(s.split("$$")[1] for s in created if "$$" in s)
    return sorted(names), sorted(created)


def test_the_hours_summary_migration_backfills_the_ledger_and_installs_its_triggers(
        empty_database_url):
    from sqlalchemy import insert

    from smajob.hours.models import HoursEntry
    from tests import factories
    from tests.services.test_hours_summary import ledger, summary

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade(revision="0022_claims")
        placements = [factories.make_placement() for _ in range(3)]
        db.session.execute(insert(HoursEntry), [
            {"placement_id": p.id, "week_start": date(2026, 11, 2) + timedelta(weeks=w),
             "minutes": 60 * (i + w + 1), "status": ("entered", "confirmed")[w % 2],
             "entered_side": "bureau", "entered_at": datetime(2026, 11, 16, tzinfo=UTC),
             "flags": []} for i, p in enumerate(placements) for w in range(2)])
        db.session.commit()
        upgrade()
        assert summary() == ledger() != {}
        assert _installed_triggers() == _triggers_in_code()
        db.session.execute(insert(HoursEntry), [
            {"placement_id": placements[0].id, "week_start": date(2026, 10, 26),
             "minutes": 45, "status": "entered", "entered_side": "bureau",
             "entered_at": datetime(2026, 11, 16, tzinfo=UTC), "flags": []}])
        assert summary() == ledger()
        db.session.commit()
        downgrade(revision="-1")
        upgrade()
        assert summary() == ledger()
        db.session.remove()
        db.engine.dispose()


def test_the_list_version_migration_installs_the_triggers_in_code(empty_database_url):
    from smajob.tasks import list_version
    from tests.services.test_list_version import _in_code, _installed

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": empty_database_url})
    with app.app_context():
        upgrade()
        assert _installed() == _in_code() != []
        assert list_version.current(db.session) is not None  # lists are reused from the start
        if db.engine.dialect.name == "postgresql":
            body = db.session.scalar(text(
                "SELECT prosrc FROM pg_proc WHERE proname = 'list_version_bump'"))
            assert body == list_version._PG_FUNCTION.split("$$")[1]
        db.session.commit()  # let go of the tables before the downgrade drops their triggers
        downgrade(revision="-1")
        assert _installed() == []
        db.session.remove()
        db.engine.dispose()
