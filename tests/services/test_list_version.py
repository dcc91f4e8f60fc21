"""The task list's version moves with every committed write that can change the list — and only
those — on SQLite and PostgreSQL, and the migration installs the same triggers as the models."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from smajob.extensions import db
from smajob.tasks import list_version
from tests import factories


def version() -> int | None:
    db.session.commit()
    return list_version.current(db.session)


@pytest.fixture
def world(app):
    business = factories.make_business()
    task = factories.make_task(business=business, seats=3)
    placement = factories.make_placement(task=task)
    db.session.commit()
    return task, placement, business


def _moves(change) -> bool:
    before = version()
    change()
    return version() != before


def test_writes_that_change_the_list_move_the_version(world):
    task, placement, business = world
    assert version() is not None
    assert _moves(lambda: factories.make_task(business=business))
    assert _moves(lambda: setattr(task, "title", "Ny titel"))
    assert _moves(lambda: setattr(business, "name", "Nyt Navn ApS"))
    assert _moves(lambda: setattr(factories.get_category("office"), "name_en", "Desk work"))
    assert _moves(lambda: factories.make_placement(task=task))
    assert _moves(lambda: setattr(placement, "status", "ended"))
    assert _moves(lambda: db.session.delete(placement))
    assert _moves(lambda: db.session.execute(text("UPDATE task SET seats = seats + 1")))


def test_writes_the_list_does_not_show_leave_the_version_alone(world):
    _, placement, business = world
    assert not _moves(lambda: setattr(business, "address", "Havnegade 2"))
    assert not _moves(lambda: setattr(placement, "weekly_minutes", 420))
    assert not _moves(lambda: factories.make_candidate())


def test_the_version_never_repeats_even_when_its_row_is_deleted(world):
    task, _, _ = world
    seen = {version()}
    for title in ("A", "B", "C"):
        task.title = title
        seen.add(version())
    db.session.execute(text("DELETE FROM list_version"))
    assert version() is None  # nothing may be reused until the next write
    task.title = "D"
    after = version()
    assert after is not None and after > max(seen) and len(seen) == 4


def test_on_postgresql_the_version_moves_at_commit_without_locking_before(world):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite raises it per row inside the transaction (one writer at a time)")
    task, _, business = world
    before = version()
    task.title, task.seats = "Først", 4
    db.session.flush()
    factories.make_task(business=business)
    db.session.flush()
    # Deferred to commit: until then this transaction has neither changed nor locked the row,
    # so another writer is not held up by it.
    with db.engine.connect() as other:
        other.execute(text("SET lock_timeout = '1s'"))
        assert other.execute(text("SELECT n FROM list_version FOR UPDATE")).scalar() == before
        other.rollback()
    assert list_version.current(db.session) == before
    db.session.commit()
    assert version() > before


def _installed() -> list[str]:
    if db.engine.dialect.name == "postgresql":
        return sorted(db.session.scalars(text(
            "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'list\\_version%'")))
    return sorted(db.session.scalars(text(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'list_version%'")))


def _in_code() -> list[str]:
    import re

    created = list_version.statements(db.engine.dialect.name)
    if db.engine.dialect.name == "postgresql":  # the names (the function body is compared apart)
        return sorted(m.group(1) for s in created
                      if (m := re.match(r"CREATE (?:CONSTRAINT )?TRIGGER (\w+)", s)))
    return sorted(created)


def test_create_all_installs_the_triggers_in_code(app):
    assert _installed() == _in_code() != []
