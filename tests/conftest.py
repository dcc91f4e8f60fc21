"""Fixtures: a fresh database per test (SQLite, or PostgreSQL when SMAJOB_TEST_DATABASE_URL is
set), the app, a client, `login_as(role)`, a frozen `now`, the app served on loopback
(`live_server`) and a real local SMTP server."""

from __future__ import annotations

import logging
import os
import threading
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from smajob import clock, create_app
from smajob.config import normalise_database_url
from smajob.extensions import db
from tests import factories

# Timing is not behaviour: a loaded 2-core CI machine must not fail a property test for being slow.
settings.register_profile("smajob", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("smajob")

FIXED_NOW = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)  # a Monday morning in Copenhagen (09:00)
PG_URL = os.environ.get("SMAJOB_TEST_DATABASE_URL")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """One database per test process; each test empties it again (see `app`)."""
    if not PG_URL:
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    url = make_url(normalise_database_url(PG_URL))
    name = f"{url.database}_{_worker()}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _schema(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.engine.dispose()
    return database_url


def empty_all_tables() -> None:
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()
    load_reference_data()
    db.session.commit()


def load_reference_data() -> None:
    """What the migrations seed (create_all does not): task categories, rules, postcodes."""
    from smajob.tasks.categories import ensure_default_categories

    ensure_default_categories()
    from smajob.candidates.queries import ensure_default_readiness_items

    ensure_default_readiness_items()
    from smajob.results.hours_rules import ensure_seed_rules

    ensure_seed_rules()
    from smajob.postcodes.services import ensure_nordjylland

    ensure_nordjylland()
    from smajob.billing.services import ensure_sequence

    ensure_sequence()


@pytest.fixture
def now():
    with clock.frozen(FIXED_NOW):
        yield FIXED_NOW


@pytest.fixture
def app_config() -> dict:
    """Override in a module to change settings for its tests."""
    return {}


@pytest.fixture
def app(_schema, now, app_config):
    config = {"TESTING": True, "SQLALCHEMY_DATABASE_URI": _schema, "WTF_CSRF_ENABLED": False,
              "SERVER_NAME": None, "MAIL_BACKEND": "outbox", **app_config}
    app = create_app(config)

    @app.before_request
    def _like_a_fresh_process():
        # The test keeps one app context open; make each request start as a real one would.
        from flask import g
        from flask_babel import refresh

        g.pop("_login_user", None)
        refresh()
        db.session.expire_all()

    with app.app_context():
        empty_all_tables()
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login_as(app, client):
    """login_as(role, **user_fields) -> the user; the client is then logged in as them."""

    def _login(role: str, **fields):
        from smajob.accounts.auth import SESSION_KEY
        from smajob.accounts.sessions import start_session

        user = factories.make_user(role=role, **fields)
        token = start_session(user, now=clock.now())
        db.session.commit()
        with client.session_transaction() as session:
            session.clear()
            session[SESSION_KEY] = token
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return _login


@pytest.fixture
def live_server(app):
    """Serve the test app on a free loopback port in a thread; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = base
    yield base
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd); `.messages` holds what arrived."""
    from tests.smtp import LocalSMTP

    server = LocalSMTP()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_personal_data_in_logs(caplog):
    """Every test's captured log must be free of CPR-shaped numbers and passwords."""
    caplog.set_level(logging.INFO)
    yield
    from tests.logcheck import assert_clean_log

    assert_clean_log(caplog.records)
