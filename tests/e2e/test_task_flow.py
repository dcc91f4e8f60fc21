"""Done-when flow in real Chromium: a business submits a task on the public form (a validation
error first), gets the confirmation mail over real SMTP, a consultant approves it, and the
business sees it open in its portal. axe reports zero violations on every page."""

import re

import pytest
from playwright.sync_api import expect

from smajob import clock
from smajob.demo import seed
from smajob.extensions import db
from tests.e2e.test_roles import _login


@pytest.fixture
def app_config(smtp_server):
    return smtp_server.config()


@pytest.fixture
def demo(app):
    seed.run(now=clock.now())
    db.session.commit()


def test_public_task_to_open_in_the_portal(live_server, page, axe_check, demo, smtp_server):
    cvr = seed.cvr_with_check_digit(seed.BUSINESSES[0][4])  # Nordbyg, whose user logs in below
    page.goto(f"{live_server}/find-opgaver/?answered=1&task=office:0")
    axe_check(page)
    page.locator("a.button", has_text="Meld opgaven").first.click()
    page.wait_for_url(re.compile(r".*/opgaver/ny\?.*via=helper.*"))
    axe_check(page)
    page.get_by_label("CVR-nummer").fill(cvr)
    page.get_by_label("Virksomhedens eller foreningens navn").fill("Nordbyg Tømrer & Snedker ApS")
    page.get_by_label("Overskrift").fill("Arkivering af tegninger")
    page.get_by_label("Ugedag, række 1").select_option("1")
    page.get_by_label("Fra, række 1").fill("09:00")
    page.get_by_label("Til, række 1").fill("12:00")
    page.get_by_label("Ugedag, række 2").select_option("3")
    page.get_by_label("Fra, række 2").fill("09:00")
    page.get_by_label("Til, række 2").fill("12:00")
    page.get_by_label("Startdato").fill("2026-12-01")
    page.get_by_label("Arbejdsstedets adresse").fill("Sofiendalsvej 5")
    page.get_by_label("Postnummer").fill("9200")
    page.get_by_label("Kontaktperson").fill("Peter Nordby")
    page.get_by_label("Telefon").fill("98 12 34 56")
    page.get_by_label("E-mail").fill("peter@nordbyg.example")
    page.get_by_label("Overenskomst", exact=True).fill("Byggeri- og Anlægsoverenskomsten")
    page.get_by_label("Overenskomstens mindsteløn pr. time (kr.)").fill("156,00")
    page.get_by_label("Timeløn, I tilbyder (kr.)").fill("140,00")  # below the minimum
    page.get_by_label("Tæt vejledning er muligt").check()
    page.get_by_role("button", name="Send opgaven").click()
    expect(page.get_by_text("Timelønnen må ikke være lavere end overenskomstens mindsteløn."
                            )).to_be_visible()
    axe_check(page)
    page.get_by_label("Timeløn, I tilbyder (kr.)").fill("158,00")
    page.get_by_role("button", name="Send opgaven").click()
    page.wait_for_url(f"{live_server}/opgaver/tak")
    expect(page.get_by_role("heading", name="Tak for opgaven")).to_be_visible()
    axe_check(page)

    smtp_server.wait_for(2)
    [confirmation] = [m for m in smtp_server.messages if m["To"] == "peter@nordbyg.example"]
    assert "Arkivering af tegninger" in confirmation["Subject"]
    link = re.search(r"http://\S+/opgaver/folg/\S+", confirmation.get_content()).group(0)
    page.goto(link)
    expect(page.get_by_text("Modtaget – venter på godkendelse")).to_be_visible()
    axe_check(page)

    _login(page, live_server, "mette@smajob.demo")
    page.wait_for_url(f"{live_server}/dashboard")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Til godkendelse").click()
    expect(page.get_by_text("via hjælpen")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Arkivering af tegninger").click()
    axe_check(page)
    page.get_by_label("Pris pr. time (kr., ekskl. moms)").fill("195,00")
    page.get_by_role("button", name="Godkend").click()
    expect(page.get_by_text("Opgaven er godkendt")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{live_server}/login")

    _login(page, live_server, "kontakt@nordbyg.demo")
    page.wait_for_url(f"{live_server}/dashboard")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Opgaver").click()
    row = page.get_by_role("row").filter(has_text="Arkivering af tegninger")
    assert "Godkendt og åben" in row.inner_text()
    axe_check(page)
    row.get_by_role("link").click()
    expect(page.locator("p").filter(has_text="Status: Godkendt og åben")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server}/virksomhed/opgaver/ny")
    page.get_by_role("button", name="Send opgaven").click()
    expect(page.locator(".field__error").first).to_be_visible()
    axe_check(page)
    approved = smtp_server.wait_for(5)
    assert any("godkendt" in m["Subject"] and m["To"] == "peter@nordbyg.example"
               for m in approved)
