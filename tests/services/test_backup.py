"""Backup then restore brings the original data back (SQLite online backup)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import create_engine, select, text

from smajob.backup import backup


def test_backup_change_restore_sees_the_original(tmp_path):
    live = tmp_path / "live.sqlite3"
    engine = create_engine(f"sqlite:///{live}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v TEXT)"))
        conn.execute(text("INSERT INTO t VALUES ('original')"))
    backup(engine, tmp_path / "copy.sqlite3")
    with engine.begin() as conn:
        conn.execute(text("UPDATE t SET v = 'changed'"))
    engine.dispose()
    shutil.copyfile(tmp_path / "copy.sqlite3", live)  # restore: stop the app, copy back
    with create_engine(f"sqlite:///{live}").connect() as conn:
        assert conn.execute(text("SELECT v FROM t")).scalar() == "original"


def test_backup_command_writes_a_copy(app, tmp_path):
    result = app.test_cli_runner().invoke(args=["smajob", "backup", str(tmp_path / "b.db")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.db").stat().st_size > 0


def test_postgresql_backup_restores_into_a_fresh_database(app, tmp_path):
    """pg_dump's custom format, restored with pg_restore, holds what was there at backup time."""
    import subprocess

    from smajob.extensions import db
    from smajob.municipalities.models import Municipality
    from tests import factories

    engine = app.extensions["sqlalchemy"].engine
    if engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL path runs when SMAJOB_TEST_DATABASE_URL is set")
    factories.make_municipality(name="Backupkommune", code="999")
    db.session.commit()
    dump = tmp_path / "b.dump"
    result = app.test_cli_runner().invoke(args=["smajob", "backup", str(dump)])
    assert result.exit_code == 0, result.output
    db.session.execute(text("DELETE FROM municipality WHERE code = '999'"))
    db.session.commit()
    target = engine.url.set(database=f"{engine.url.database}_restore")
    admin = create_engine(engine.url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    plain = target.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={plain}", str(dump)],
                   check=True, capture_output=True)
    restored = create_engine(target)
    with restored.connect() as conn:
        assert conn.execute(select(Municipality.name).where(
            Municipality.code == "999")).scalar() == "Backupkommune"
    restored.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
    admin.dispose()
