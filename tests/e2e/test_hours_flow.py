"""Done-when flow in real Chromium: a consultant records hours for two weeks; the business
confirms one from the e-mailed link (real SMTP) and one in the portal; in December the monthly
invoice is issued, printed and seen by the business; payroll is closed and its file downloaded;
the reconciliation page agrees. axe reports zero violations on every page."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from smajob import clock
from smajob.extensions import db
from tests import factories
from tests.e2e.test_roles import _login

DEC = datetime(2026, 12, 2, 8, tzinfo=UTC)


@pytest.fixture
def app_config(smtp_server):
    return smtp_server.config()


@pytest.fixture
def people(app):
    consultant = factories.make_user(role="consultant", email="mette@bureau.example")
    business = factories.make_business(name="Nordbyg ApS")
    contact = factories.make_user(role="business", business_id=business.id,
                                  email="peter@nordbyg.example")
    task = factories.make_task(business=business, contact_email="peter@nordbyg.example",
                               start_date=date(2026, 11, 2))
    candidate = factories.make_candidate(status="placed", first_name="Anna", last_name="Berg")
    placement = factories.make_placement(task=task, candidate=candidate)
    db.session.commit()
    return {"consultant": consultant.email, "business": contact.email, "id": placement.id}


def _record(page, week: str, hours: str):
    page.get_by_label("Uge", exact=True).select_option(week)
    page.get_by_label("Timer i alt").fill(hours)
    page.get_by_role("button", name="Gem timer").click()
    expect(page.get_by_text(f"Timerne for uge {week[-2:]} er gemt.")).to_be_visible()


def test_hours_to_invoice_payroll_and_reconciliation(live_server, page, axe_check, people,
                                                     smtp_server):
    password = factories.PASSWORD
    _login(page, live_server, people["consultant"], password)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link",
                                                                 name="Ansættelser").click()
    expect(page.get_by_text("Uge 45, 2026: Anna Berg")).to_be_visible()  # a missing week
    axe_check(page)
    page.get_by_role("link", name="Anna Berg", exact=True).click()
    axe_check(page)
    _record(page, "2026-W45", "6,5")
    _record(page, "2026-W46", "6")
    axe_check(page)

    smtp_server.wait_for(2)
    links = [re.search(r"http://\S+/timer/bekraeft/\S+", m.get_content()).group(0)
             for m in smtp_server.messages if m["To"] == "peter@nordbyg.example"]
    assert len(links) == 2
    page.get_by_role("button", name="Log ud").click()
    page.goto(links[0])
    axe_check(page)
    page.get_by_role("button", name="Godkend uge 45").click()
    expect(page.get_by_text("Uge 45 er godkendt")).to_be_visible()
    axe_check(page)

    _login(page, live_server, people["business"], password)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Medarbejdere og timer").click()
    expect(page.get_by_text("Uger, I skal godkende (1)")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Anna Berg", exact=True).click()
    page.get_by_role("button", name="Godkend uge 46").click()
    expect(page.get_by_text("Uge 46 er godkendt.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Log ud").click()

    clock.freeze(DEC)  # the month is over (the fixture's `now` restores the clock afterwards)
    _login(page, live_server, people["consultant"], password)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fakturaer").click()
    axe_check(page)
    page.get_by_label("Måned (åååå-mm)").first.fill("2026-11")
    page.get_by_role("button", name="Lav kladder").click()
    page.get_by_role("link", name=re.compile("Kladde #")).click()
    expect(page.get_by_text("2.312,50").first).to_be_visible()  # 12,5 h × 185,00 kr.
    axe_check(page)
    page.get_by_role("button", name="Udsted fakturaen").click()
    expect(page.get_by_role("heading", name="Faktura nr. 1")).to_be_visible()
    axe_check(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmenu")).to_be_hidden()
    expect(page.get_by_text("2.890,63")).to_be_visible()  # incl. 25 % VAT
    page.emulate_media(media="screen")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Løn").click()
    page.get_by_label("Måned (åååå-mm)").fill("2026-11")
    page.get_by_role("button", name="Vis").click()
    axe_check(page)
    page.get_by_role("button", name="Afslut lønnen for 2026-11").click()
    expect(page.get_by_text("Lønnen for 2026-11 er afsluttet.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Lønfil (CSV)").click()
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "I alt;;12.50;;1750.00;218.75;1968.75" in body
    page.get_by_role("link", name="Afstemning af måneden").click()
    expect(page.get_by_text("Alt stemmer")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Log ud").click()

    _login(page, live_server, people["business"], password)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Fakturaer").click()
    axe_check(page)
    page.get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("heading", name="Faktura nr. 1")).to_be_visible()
    axe_check(page)
