"""Done-when flow in real Chromium for the impact pages: a business with placements downloads
its one-page report; a jobcenter user opens the savings report, changes the sensitivity and
downloads the Excel file, whose figure the test checks. axe reports zero violations."""

import io
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from smajob.extensions import db
from smajob.hours.models import HoursEntry
from smajob.outcomes.models import Outcome
from tests import factories
from tests.e2e.test_roles import _login


@pytest.fixture
def impact(app):
    place = factories.make_municipality(name="Aalborg")
    business = factories.make_business(name="Nordbyg ApS")
    contact = factories.make_user(role="business", business_id=business.id)
    officer = factories.make_user(role="jobcenter", municipality_id=place.id)
    task = factories.make_task(business=business)
    worker = factories.make_candidate(municipality=place, status="placed")
    placement = factories.make_placement(task=task, candidate=worker)
    db.session.add(HoursEntry(placement_id=placement.id, week_start=date(2026, 11, 2),
                              minutes=360, flags=[], status="confirmed", entered_side="bureau",
                              entered_at=datetime(2026, 11, 9, tzinfo=UTC)))
    person = factories.make_candidate(municipality=place, benefit_type="kontanthjaelp_jobparat")
    db.session.add(Outcome(candidate_id=person.id, municipality_id=place.id,
                           course_end=date(2026, 2, 10), months_after=1,
                           reference_date=date(2026, 3, 10), status="education_su"))
    db.session.commit()
    return contact.email, officer.email


def test_business_report_and_savings_sensitivity(live_server, page, axe_check, impact):
    business, officer = impact
    _login(page, live_server, business, factories.PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link",
                                                                 name="Vores historie").click()
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent rapporten (HTML)").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Nordbyg ApS" in report and "Timers arbejde" in report
    page.get_by_role("button", name="Log ud").click()

    _login(page, live_server, officer, factories.PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Besparelse").click()
    page.get_by_label("Fra måned (åååå-mm)").fill("2026-01")
    page.get_by_label("Til måned (åååå-mm)").fill("2026-10")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_text("78.000,00").first).to_be_visible()  # 6 × 13.000,00 kr.
    axe_check(page)
    page.get_by_label("12 måneder").check()
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url(re.compile(r".*maaneder=12.*"))
    expect(page.get_by_text("91.000,00").first).to_be_visible()  # 7 whole months by 1 November
    axe_check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Excel").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert rows[-1][0] == "I alt" and float(rows[-1][2]) == 91000
