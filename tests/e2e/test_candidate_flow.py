"""Done-when flow in real Chromium: a jobcenter user refers a candidate, a consultant matures
them through the checklist to ready, the timeline shows it, and a jobcenter user of another
municipality cannot reach the candidate. axe reports zero violations throughout."""

import re

import pytest
from playwright.sync_api import expect

from smajob import clock
from smajob.demo import seed
from smajob.extensions import db
from tests.e2e.test_roles import _login


@pytest.fixture
def demo(app):
    seed.run(now=clock.now())
    db.session.commit()


def test_referral_to_ready(live_server, page, axe_check, demo):
    _login(page, live_server, "lars@aalborg.demo")
    page.goto(f"{live_server}/jobcenter/borgere/ny")
    axe_check(page)
    page.get_by_label("Fornavn").fill("Birgitte")
    page.get_by_label("Efternavn").fill("Mørk")
    page.get_by_label("CPR-nummer (valgfrit)").fill("311390-1234")  # no 31 December 13th month
    page.get_by_label("Ydelse").select_option("uddannelseshjaelp")
    page.get_by_role("button", name="Henvis borgeren").click()
    expect(page.locator(".field__error").first).to_be_visible()
    axe_check(page)
    page.get_by_label("CPR-nummer (valgfrit)").fill("311290-1234")
    page.get_by_role("button", name="Henvis borgeren").click()
    page.wait_for_url(re.compile(r".*/jobcenter/borgere/\d+$"))
    assert "311290-1234" not in page.url
    expect(page.get_by_text("311290-****")).to_be_visible()
    axe_check(page)
    candidate_path = page.url.removeprefix(live_server).replace("/jobcenter", "")
    page.get_by_role("button", name="Log ud").click()

    _login(page, live_server, "mette@smajob.demo")
    page.goto(f"{live_server}{candidate_path}")
    axe_check(page)
    page.get_by_label("Ny status").select_option("maturing")
    page.get_by_role("button", name="Skift status").click()
    page.get_by_label("Ugedag, række 1").select_option("1")
    page.get_by_label("Fra, række 1").fill("09:00")
    page.get_by_label("Til, række 1").fill("13:00")
    page.get_by_label("Ugedag, række 2").select_option("3")
    page.get_by_label("Fra, række 2").fill("09:00")
    page.get_by_label("Til, række 2").fill("13:00")
    page.get_by_label("Højst timer om ugen").fill("10")
    page.get_by_label("Ønskede timer om ugen").fill("8")
    page.get_by_label("Højst transport (km)").fill("10")
    page.get_by_role("button", name="Gem profilen").click()
    expect(page.get_by_text("Profilen er gemt.")).to_be_visible()
    while page.get_by_role("button", name=re.compile("^Sæt kryds")).count():
        page.get_by_role("button", name=re.compile("^Sæt kryds")).first.click()
    axe_check(page)
    page.get_by_label("Ny status").select_option("ready")
    page.get_by_role("button", name="Skift status").click()
    expect(page.get_by_text("Status er ændret.")).to_be_visible()
    timeline = page.locator("#forloeb")
    expect(timeline.get_by_text("Henvist af jobcentret")).to_be_visible()
    expect(timeline.get_by_text(re.compile("I modning → Klar til job"))).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Log ud").click()

    _login(page, live_server, "sofie@jammerbugt.demo")
    response = page.goto(f"{live_server}/jobcenter{candidate_path}")
    assert response.status == 404
    axe_check(page)
