"""The bureau's task list is rendered once per list version and reused: a reused list is always
the list a fresh render would show, whatever was written in between (property test), and a
reused list costs no task query."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from smajob.extensions import db
from smajob.placements.models import Placement
from smajob.tasks.models import Task
from tests import factories

STATUSES = ["submitted", "open", "paused", "closed"]
QUERIES = ["", "status=open", "sort=title&dir=asc", "sort=business", "q=alfa", "business={b0}",
           "category={cleaning}", "page=2", "lang=en", "lang=da"]


def main(html: str) -> str:
    """The page's <main> (the header carries a CSRF token that is signed with the time)."""
    return re.search(r"<main.*</main>", html, re.S).group(0)


@pytest.fixture
def staff(client, login_as):
    login_as("consultant")
    return client


class World:
    def __init__(self) -> None:
        self.businesses = [factories.make_business(name=f"{n} ApS") for n in ("Alfa", "Beta")]
        self.tasks = [factories.make_task(business=self.businesses[i % 2], seats=2,
                                          title=f"Opgave {i}") for i in range(27)]
        self.placements: list[int] = []
        self.writes = 0  # every write changes what it touches, even when an example repeats
        db.session.commit()
        self.ids = {"b0": self.businesses[0].id, "cleaning": factories.get_category().id}

    def apply(self, op) -> None:
        name, a, b = op
        self.writes += 1
        status, b = STATUSES[b % len(STATUSES)], f"{b}-{self.writes}"
        # Mostly the newest tasks: those the first page shows.
        task = db.session.get(Task, self.tasks[-1 - a % len(self.tasks)].id)
        if name == "add_task":
            self.tasks.append(factories.make_task(business=self.businesses[a % 2],
                                                  status=status, title=f"Ny {b}"))
        elif name == "status":
            task.status = status
        elif name == "title":
            task.title = f"Omdøbt {b}"
        elif name == "rename_business":
            self.businesses[a % 2].name = f"Navn {b}"
        elif name == "unwatched":  # a column the list does not show
            self.businesses[a % 2].address = f"Vej {b}"
        elif name == "rename_category":
            factories.get_category().name_da = f"Rengøring {b}"
        elif name == "place":
            self.placements.append(factories.make_placement(task=task).id)
        elif name == "end" and self.placements:
            db.session.get(Placement, self.placements[a % len(self.placements)]).status = "ended"
        db.session.commit()


OPERATIONS = st.tuples(
    st.sampled_from(["add_task", "status", "title", "rename_business", "unwatched",
                     "rename_category", "place", "end"]),
    st.integers(0, 30), st.integers(0, 9))


def test_a_reused_list_is_always_the_list_a_fresh_render_shows(app, staff):
    world = World()
    lists = app.extensions["smajob.task_lists"]

    @settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(st.tuples(OPERATIONS, st.sampled_from(QUERIES)), min_size=1, max_size=5))
    def run(steps):
        for op, query in steps:
            path = "/opgaver/?" + query.format(**world.ids)
            assert staff.get(path).status_code == 200  # rendered, or reused, and kept
            world.apply(op)
            reused = staff.get(path)
            app.extensions["smajob.task_lists"].clear()
            fresh = staff.get(path)
            assert reused.status_code == fresh.status_code == 200
            assert main(reused.text) == main(fresh.text), (op, query)

    run()
    assert lists.hits > 0


def test_a_reused_list_reads_no_tasks_and_a_write_shows_at_once(app, staff):
    world = World()
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    first = staff.get("/opgaver/")
    assert "Opgave 26" in first.text
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        again = staff.get("/opgaver/")
        assert main(again.text) == main(first.text)
        assert not [s for s in statements if " task" in s or "placement" in s]
        assert app.extensions["smajob.task_lists"].hits == 1
        world.apply(("title", 0, 7))
        assert "Omdøbt 7" in staff.get("/opgaver/").text
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_languages_and_queries_are_kept_apart(app, staff):
    World()
    danish = staff.get("/opgaver/")
    english = staff.get("/opgaver/?lang=en")
    assert "Ledige pladser" in danish.text and "Ledige pladser" not in english.text
    assert "Alfa ApS" in staff.get("/opgaver/?q=alfa").text
    assert "Beta ApS" not in main(staff.get("/opgaver/?q=alfa").text)


def test_an_unusually_long_query_is_rendered_but_not_kept(app, staff):
    World()
    response = staff.get("/opgaver/?q=" + "x" * 300)
    assert response.status_code == 200
    assert "Ingen opgaver passer til søgningen." in response.text
    assert len(app.extensions["smajob.task_lists"]._entries) == 0


def test_without_a_version_row_the_list_is_rendered_every_time_and_nothing_is_kept(app, staff):
    from sqlalchemy import text

    world = World()
    db.session.execute(text("DELETE FROM list_version"))
    db.session.commit()
    for _ in range(2):
        response = staff.get("/opgaver/")
        assert response.status_code == 200 and "Opgave 26" in response.text
    assert len(app.extensions["smajob.task_lists"]._entries) == 0
    world.apply(("title", 0, 3))  # the next write brings the row back, and reuse with it
    assert "Omdøbt 3" in staff.get("/opgaver/").text
    assert len(app.extensions["smajob.task_lists"]._entries) == 1
