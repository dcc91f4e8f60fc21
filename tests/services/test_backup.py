"""Backup then restore brings the original data back (SQLite online backup)."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import create_engine, text

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
    if app.extensions["sqlalchemy"].engine.dialect.name != "sqlite":
        pytest.skip("pg_dump path needs the client tools")
    result = app.test_cli_runner().invoke(args=["smajob", "backup", str(tmp_path / "b.db")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.db").stat().st_size > 0
