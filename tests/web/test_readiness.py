"""/readyz: database, migrations at head and the scheduler's heartbeat, each failure named."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from smajob.extensions import db
from smajob.main.readiness import expected_heads
from smajob.system.models import JobOutcome, JobRun


@pytest.fixture
def at_head(app):
    db.session.execute(text("CREATE TABLE IF NOT EXISTS alembic_version "
                            "(version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
    db.session.execute(text("DELETE FROM alembic_version"))
    for head in expected_heads():
        db.session.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": head})
    db.session.commit()
    yield
    db.session.rollback()
    db.session.execute(text("DROP TABLE alembic_version"))
    db.session.commit()


def _heartbeat(now, ago: timedelta) -> None:
    db.session.add(JobRun(job_id="deliver_mail", started_at=now - ago, finished_at=now - ago,
                          outcome=JobOutcome.SUCCESS))
    db.session.commit()


def test_ready_when_all_checks_pass(client, at_head, now):
    _heartbeat(now, timedelta(minutes=1))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_migrations_behind_is_named(client, at_head, now):
    _heartbeat(now, timedelta(minutes=1))
    db.session.execute(text("UPDATE alembic_version SET version_num = '0001_old'"))
    db.session.commit()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "failed": {"migrations": "not at head"}}


def test_never_migrated_is_not_ready(client, now):
    _heartbeat(now, timedelta(minutes=1))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["failed"] == {"migrations": "not at head"}


def test_scheduler_never_seen(client, at_head):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["failed"] == {"scheduler": "never seen"}


def test_scheduler_stale(client, at_head, now):
    _heartbeat(now, timedelta(minutes=6))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json["failed"] == {"scheduler": "not seen lately"}


def test_database_unreachable_is_json_503(client, app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "failed": {"database": "unreachable"}}
    assert b"Traceback" not in response.data


def test_healthz_needs_nothing(client):
    assert client.get("/healthz").json == {"status": "ok"}
