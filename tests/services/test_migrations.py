"""Migrations: one head; an empty database upgrades to the models exactly; one step down and up."""

from __future__ import annotations

import uuid

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
