"""Every demo role logs in in real Chromium, sees its own navigation, and every page it reaches
(and the login page with an error) has zero axe-core WCAG 2.1 AA violations."""

import pytest
from playwright.sync_api import expect

from smajob import clock
from smajob.demo import seed
from smajob.extensions import db

NAV_BY_ROLE = {
    "admin": ["Overblik", "Til godkendelse", "Opgaver", "Borgere", "Ansættelser", "Fakturaer",
              "Løn", "Afstemning", "Matchning", "Rapporter", "Besparelse",
              "Resultatbetaling", "Timekrav", "Brugere",
              "Satser", "Timeregler", "Historier", "Opgavekategorier", "Postnumre",
              "Matchvægte", "Parathedsliste", "Indsigt", "Planlagte job", "Udbakke",
              "Adgangslog"],
    "consultant": ["Overblik", "Til godkendelse", "Opgaver", "Borgere", "Ansættelser",
                   "Fakturaer", "Løn", "Afstemning", "Matchning", "Rapporter", "Besparelse",
                   "Resultatbetaling", "Timekrav"],
    "jobcenter": ["Overblik", "Borgere", "Opfølgning", "Rapporter", "Besparelse",
                  "Timer og indtægt", "Resultatbetaling", "Timekrav"],
    "business": ["Overblik", "Opgaver", "Medarbejdere og timer", "Fakturaer", "Vores historie"],
}


@pytest.fixture
def demo(app):
    seed.run(now=clock.now())
    db.session.commit()


def _login(page, base, email, password=seed.DEMO_PASSWORD):
    page.goto(f"{base}/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()


def test_login_page_with_an_error_is_accessible(live_server, page, axe_check, demo):
    page.goto(f"{live_server}/login")
    axe_check(page)
    _login(page, live_server, "admin@smajob.demo", "helt forkert kode")
    expect(page.get_by_text("Forkert e-mail eller adgangskode.")).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server}/forgot")
    page.get_by_role("button", name="Send link").click()
    expect(page.locator(".field__error").first).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("role,email", seed.DEMO_LOGINS)
def test_each_demo_role_sees_its_navigation_and_every_page_is_accessible(
        live_server, page, axe_check, demo, role, email):
    _login(page, live_server, email)
    page.wait_for_url(f"{live_server}/dashboard")
    nav = page.get_by_role("navigation", name="Hovedmenu")
    labels = [text.strip() for text in nav.get_by_role("link").all_inner_texts()]
    assert labels == NAV_BY_ROLE[role]
    axe_check(page)
    hrefs = [link.get_attribute("href") for link in nav.get_by_role("link").all()]
    for href in hrefs:
        page.goto(f"{live_server}{href}")
        expect(page.locator("h1").first).to_be_visible()
        axe_check(page)
    page.goto(f"{live_server}/account/password")
    axe_check(page)
    page.goto(f"{live_server}/account/api-tokens/")
    page.get_by_label("Navn på nøglen").fill("Fagsystem")
    page.get_by_role("button", name="Opret nøgle").click()
    assert page.locator(".token-value").inner_text().startswith("smj_")
    axe_check(page)
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{live_server}/login")


def test_switching_to_english_changes_the_page_language(live_server, page, axe_check):
    page.goto(f"{live_server}/login")
    page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    axe_check(page)


def test_the_axe_check_itself_catches_a_violation(live_server, page, axe_check):
    page.goto(f"{live_server}/login")
    page.evaluate("document.querySelector('label[for=email]').remove()")
    with pytest.raises(AssertionError, match="label"):
        axe_check(page)


def test_the_public_landing_page_is_accessible(live_server, page, axe_check, demo):
    page.goto(f"{live_server}/")
    expect(page.get_by_role("heading", name="Hvad koster det?")).to_be_visible()
    axe_check(page)


def test_a_business_finds_its_tasks_with_the_helper(live_server, page, axe_check, demo):
    page.goto(f"{live_server}/")
    page.get_by_role("link", name="Find jeres små opgaver").first.click()
    axe_check(page)
    page.get_by_label("Tørre borde og hylder af").first.check()
    page.get_by_label("Andre opgaver (valgfrit)").first.fill("Pudse vinduer")
    page.get_by_role("button", name="Vis forslag").click()
    expect(page.get_by_role("heading", name="Jeres forslag")).to_be_visible()
    expect(page.get_by_role("link", name="Meld opgaven: Lettere rengøring")).to_be_visible()
    axe_check(page)
