"""Done-when flow in real Chromium: a consultant runs the matcher on the demo data, reads the
reasons, asks "why not" for an impossible candidate, accepts one proposal and turns down another;
the task's workers update. axe reports zero violations throughout."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from smajob import clock
from smajob.demo import seed
from smajob.extensions import db
from smajob.matching import engine, inputs
from smajob.placements.models import Placement
from tests.e2e.test_roles import _login


@pytest.fixture
def demo(app):
    seed.run(now=clock.now())
    db.session.commit()


def _impossible_pair():
    for task in inputs.open_tasks():
        for person in inputs.ready_candidates():
            if not engine.explain(task, person, today=clock.today()).possible:
                return task.task_id, person.candidate_id
    raise AssertionError("the demo has no impossible pair")


def test_run_explain_accept_and_reject(live_server, page, axe_check, demo):
    before = db.session.scalar(select(func.count(Placement.id)))  # the demo's own placements
    _login(page, live_server, "mette@smajob.demo")
    page.goto(f"{live_server}/match/")
    axe_check(page)
    page.get_by_role("button", name="Kør matcheren").click()
    expect(page.get_by_text(re.compile(r"Matcheren har lavet \d+ forslag"))).to_be_visible()
    plan = page.locator("table").first
    expect(plan.get_by_text(re.compile(r"Har ventet \d+ dage")).first).to_be_visible()
    expect(plan.get_by_text(re.compile(r"km fra bopæl")).first).to_be_visible()
    axe_check(page)

    task_id, candidate_id = _impossible_pair()
    page.goto(f"{live_server}/match/opgave/{task_id}")
    page.get_by_label("Borger").select_option(str(candidate_id))
    page.get_by_role("button", name="Forklar").click()
    expect(page.get_by_text("Parret er ikke muligt:")).to_be_visible()
    axe_check(page)

    page.goto(f"{live_server}/match/")
    first_link = page.locator("table tbody tr").first.locator("a").first
    first_link.click()
    page.wait_for_url(re.compile(r".*/match/opgave/\d+$"))
    accept = page.get_by_role("button", name=re.compile("^Acceptér")).first
    accept.click()
    expect(page.get_by_text("Forslaget er accepteret, og ansættelsen er oprettet.")).to_be_visible()
    expect(page.get_by_text("Accepteret").first).to_be_visible()
    axe_check(page)
    assert db.session.scalar(select(func.count(Placement.id))) == before + 1

    page.goto(f"{live_server}/match/")
    rows = page.locator("table tbody tr")
    for index in range(rows.count()):
        row = rows.nth(index)
        if row.get_by_role("button", name=re.compile("^Afvis")).count():
            row.get_by_label("Begrundelse").fill("Passer ikke med transporten")
            row.get_by_role("button", name=re.compile("^Afvis")).click()
            break
    expect(page.get_by_text("Forslaget er afvist og foreslås ikke igen.")).to_be_visible()
    axe_check(page)

    from smajob.candidates.models import Candidate

    placement = db.session.scalars(select(Placement).order_by(Placement.id.desc())).first()
    person = db.session.get(Candidate, placement.candidate_id)
    assert person.status == "placed"
    page.goto(f"{live_server}/opgaver/{placement.task_id}")  # the task now lists its worker
    expect(page.get_by_text(person.last_name).first).to_be_visible()
    axe_check(page)
