"""Done-when flow in real Chromium: the demo data yields milestones; a consultant submits a
batch; a jobcenter user of that municipality approves it, but cannot approve their own
submission, and another municipality's user cannot reach it; the statement prints; the tracker
shows a candidate's hours and projected date. axe reports zero violations throughout."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from smajob import clock
from smajob.accounts.models import User
from smajob.demo import seed
from smajob.extensions import db
from smajob.results import services
from smajob.results.models import ResultClaim
from tests.e2e.test_roles import _login

PRINT_STUB = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


@pytest.fixture
def demo(app):
    seed.run(now=clock.now())
    db.session.commit()


def _own_submission() -> int:
    """Lars submitted one Aalborg line while he worked for the bureau; now he is jobcenter."""
    lars = db.session.scalar(select(User).where(User.email == "lars@aalborg.demo"))
    line = db.session.scalar(select(ResultClaim).where(
        ResultClaim.municipality_id == lars.municipality_id,
        ResultClaim.milestone == "referral_accepted").order_by(ResultClaim.id))
    lars.role = "consultant"
    services.submit_batch(lars, line.municipality_id, clock.today().replace(day=1), [line.id],
                          now=clock.now())
    lars.role = "jobcenter"
    db.session.commit()
    return line.id


def test_claims_from_demo_milestones_to_the_printed_statement(live_server, page, axe_check,
                                                                demo):
    own_line = _own_submission()
    page.add_init_script(PRINT_STUB)
    _login(page, live_server, "mette@smajob.demo")
    page.get_by_role("link", name="Resultatbetaling").first.click()
    axe_check(page)
    page.get_by_role("link", name="Aalborg").click()
    expect(page.get_by_text("Fastholdt job").first).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Indsend samlet krav").click()
    page.wait_for_url(re.compile(r".*/resultatbetaling/samling/\d+$"))
    expect(page.get_by_text("Kravene er indsendt til kommunen.")).to_be_visible()
    batch_path = page.url.removeprefix(live_server)
    axe_check(page)
    page.get_by_role("button", name="Log ud").click()

    _login(page, live_server, "sofie@jammerbugt.demo")  # another municipality
    response = page.goto(f"{live_server}{batch_path}")
    assert response.status == 404
    page.get_by_role("button", name="Log ud").click()

    _login(page, live_server, "lars@aalborg.demo")
    page.goto(f"{live_server}/resultatbetaling/krav/{own_line}")
    page.get_by_role("button", name="Godkend kravet").click()
    expect(page.get_by_text("Du kan ikke godkende krav, du selv har indsendt.")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server}{batch_path}")
    page.get_by_role("button", name="Godkend alle indsendte krav").click()
    expect(page.get_by_text("De indsendte krav er godkendt.")).to_be_visible()
    assert page.get_by_role("cell", name="Godkendt").count() >= 3
    page.get_by_role("link", name="Månedsopgørelse").click()
    expect(page.get_by_role("heading", name=re.compile("Opgørelse af resultatbetaling")
                            )).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("^Fastholdt job")).first).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Udskriv").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Udskriv")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Timekrav").first.click()
    axe_check(page)
    page.get_by_role("link", name="Vis alle borgere med ansættelser").click()
    page.locator("tbody tr").filter(has_not_text="Ikke med de nuværende timer").first \
        .get_by_role("link").click()
    assert re.fullmatch(r"\d+,\d\d", page.locator("#tracker-hours").inner_text())
    assert re.search(r"\d{4}", page.locator("#tracker-projected").inner_text())
    axe_check(page)
    page.get_by_label("Fra").fill("2026-03-01")
    page.get_by_label("Til og med").fill("2026-02-01")
    page.get_by_label("Begrundelse (fx sygdom)").fill("Sygdom")
    page.get_by_role("button", name="Forlæng vinduet").click()
    expect(page.get_by_text("Slutdatoen skal ligge efter startdatoen.")).to_be_visible()
    axe_check(page)
    assert page.get_by_label("Begrundelse (fx sygdom)").input_value() == "Sygdom"
