"""Done-when flow in real Chromium: a jobcenter user records a follow-up, imports a CSV with one
bad row (sees the error, fixes it, imports), opens the dashboard and the outflow table, and
downloads the Excel file, whose numbers match the database. axe reports zero violations."""

import io
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from smajob import clock
from smajob.candidates.models import Candidate
from smajob.demo import seed
from smajob.extensions import db
from smajob.municipalities.models import Municipality
from smajob.outcomes.models import Outcome
from tests.e2e.test_roles import _login


@pytest.fixture
def demo(app):
    seed.run(now=clock.now())
    db.session.commit()
    aalborg = db.session.scalar(select(Municipality).where(Municipality.name == "Aalborg"))
    due = db.session.execute(
        select(Outcome, Candidate).join(Candidate, Candidate.id == Outcome.candidate_id)
        .where(Outcome.municipality_id == aalborg.id, Outcome.status.is_(None),
               Candidate.case_reference.is_not(None))
        .order_by(Outcome.reference_date, Outcome.id)).all()
    assert len(due) >= 3, "the demo must leave follow-ups due in Aalborg"
    return aalborg, due


def _csv(rows):
    return "sagsnummer;referencedato;status\n" + "".join(
        f"{ref};{day.isoformat()};{status}\n" for ref, day, status in rows)


def test_jobcenter_follow_up_import_and_reports(live_server, page, axe_check, demo):
    aalborg, due = demo
    _login(page, live_server, "lars@aalborg.demo")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Opfølgning"
                                                                 ).click()
    axe_check(page)
    first = due[0][1]
    page.get_by_role("link", name=re.compile(f"^Registrér status for {first.name}")).first.click()
    page.get_by_label("Status i referenceugen").select_option("ordinary_job")
    page.get_by_label("Kilde").select_option("candidate")
    page.get_by_role("button", name="Gem opfølgningen").click()
    expect(page.locator(".field__error").first).to_be_visible()  # an ordinary job needs hours
    axe_check(page)
    page.get_by_label("Timer om ugen (ordinært job)").fill("12,5")
    page.get_by_role("button", name="Gem opfølgningen").click()
    expect(page.get_by_text("Opfølgningen er gemt.")).to_be_visible()

    (second, c2), (third, c3) = [(o, c) for o, c in due if o.id != due[0][0].id][:2]
    good = (c2.case_reference, second.reference_date, "uddannelse")
    page.get_by_role("link", name="Importér fra fagsystemet (CSV)").click()
    axe_check(page)
    page.get_by_label("CSV-fil fra jobcentrets fagsystem").set_input_files(files=[{
        "name": "status.csv", "mimeType": "text/csv",
        "buffer": _csv([good, (c3.case_reference, third.reference_date, "flyvende")]).encode()}])
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_text("Linje 3: Ukendt status.")).to_be_visible()
    assert page.get_by_role("button", name="Importér", exact=True).count() == 0
    axe_check(page)
    page.get_by_label("CSV-fil fra jobcentrets fagsystem").set_input_files(files=[{
        "name": "status.csv", "mimeType": "text/csv",
        "buffer": _csv([good, (c3.case_reference, third.reference_date, "fleksjob")]).encode()}])
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    expect(page.get_by_text("Nye: 2")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Importér", exact=True).click()
    expect(page.get_by_text("2 opfølgninger er gemt")).to_be_visible()
    db.session.expire_all()
    assert db.session.get(Outcome, third.id).status == "flex_job"

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Rapporter").click()
    expect(page.get_by_role("heading", name="Rapporter: overblik")).to_be_visible()
    axe_check(page)
    page.get_by_role("navigation", name="Rapporter").get_by_role("link", name="Udslusning"
                                                                 ).click()
    expect(page.locator("#outflow-table")).to_be_visible()
    axe_check(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Hent som Excel").click()
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(info.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "I alt")[-1]
    exited = db.session.scalar(select(func.count(Candidate.id)).where(
        Candidate.municipality_id == aalborg.id, Candidate.status == "exited",
        Candidate.exited_on >= clock.today().replace(year=clock.today().year - 2, month=1,
                                                     day=1)))
    assert total == exited and total > 5
    for name in ("Evaluering", "Kohorter", "Fordelinger"):
        page.get_by_role("navigation", name="Rapporter").get_by_role("link", name=name).click()
        axe_check(page)
