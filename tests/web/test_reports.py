"""Reports through the test client: jobcenter staff see only their municipality with small
cells hidden, the bureau sees all and filters; exports carry the header block and numbers;
drill-down to names is audited; bad filters are a 400, never a 500."""

import io
import re
from datetime import date

from sqlalchemy import func, select

from smajob.audit.models import AuditEvent
from smajob.extensions import db
from tests import factories


def _exits(municipality, category, year, count, **fields):
    for _ in range(count):
        factories.make_candidate(municipality=municipality, status="exited", outflow=category,
                                 exited_on=date(year, 5, 1), **fields)


def _two_municipalities():
    own, other = factories.make_municipality(name="Aalborg"), factories.make_municipality(
        name="Jammerbugt")
    _exits(own, "ordinary_work", 2025, 2)  # a cell of 2
    _exits(own, "ordinary_work", 2026, 9)
    _exits(own, "ordinary_education", 2025, 7)
    _exits(own, "ordinary_education", 2026, 8)
    _exits(other, "moved", 2026, 30)
    db.session.commit()
    return own, other


def _row(body: str, label: str) -> str:
    start = body.index(f'<th scope="row">{label}</th>')
    return body[start:body.index("</tr>", start)]


def test_a_jobcenter_sees_its_own_outflow_with_a_cell_of_two_and_its_complement_hidden(
        client, login_as):
    own, _ = _two_municipalities()
    login_as("jobcenter", municipality=own)
    body = client.get("/rapporter/udslusning?fra=2025-01-01&til=2026-12-31&kommune=999"
                      ).get_data(as_text=True)
    work, education = _row(body, "Ordinær beskæftigelse"), _row(body, "Ordinær uddannelse")
    # The 2 and its complement in the row (9); the 7 beneath it in the 2025 column, and then
    # the 8 beside that: no shown total gives any hidden cell away.
    assert work.count("skjult") == 2 and ">11<" in work
    assert education.count("skjult") == 2 and ">15<" in education
    assert "Fraflyttet kommunen</th>" in body and "30" not in _row(body, "Fraflyttet kommunen")


def test_the_bureau_sees_every_municipality_and_can_pick_one(client, login_as):
    _own, other = _two_municipalities()
    login_as("consultant")
    body = client.get("/rapporter/udslusning?fra=2025-01-01&til=2026-12-31").get_data(
        as_text=True)
    assert "skjult" not in _row(body, "Ordinær beskæftigelse") and ">30<" in body
    body = client.get(f"/rapporter/udslusning?fra=2025-01-01&til=2026-12-31&kommune={other.id}"
                      ).get_data(as_text=True)
    assert ">30<" in body and ">9<" not in body


def test_the_excel_export_has_a_header_block_and_numbers_as_numbers(client, login_as):
    from openpyxl import load_workbook

    _two_municipalities()
    login_as("admin")
    response = client.get("/rapporter/udslusning?fra=2025-01-01&til=2026-12-31&format=xlsx")
    assert response.status_code == 200 and "udslusning.xlsx" in response.headers[
        "Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Udslusning" and ("Kommune", "Alle kommuner") in [r[:2] for r in rows]
    work = next(r for r in rows if r[0] == "Ordinær beskæftigelse")
    assert work[1:4] == (2, 9, 11)


def test_csv_exports_neutralise_formulas_from_free_text(client, login_as):
    municipality = factories.make_municipality()
    for _ in range(6):
        factories.make_candidate(municipality=municipality, target_group='=HYPERLINK("x")',
                                 referral_date=date(2026, 3, 1))
    db.session.commit()
    login_as("consultant")
    text = client.get("/rapporter/fordeling?efter=target_group&format=csv").get_data(
        as_text=True)
    assert "'=HYPERLINK" in text and '\n=HYPERLINK' not in text


def test_drill_down_lists_only_own_candidates_and_audits_each(client, login_as):
    own, _other = _two_municipalities()
    user = login_as("jobcenter", municipality=own)
    response = client.get("/rapporter/udslusning/personer?kategori=ordinary_work&aar=2026")
    links = re.findall(r"/jobcenter/borgere/\d+", response.get_data(as_text=True))
    assert response.status_code == 200 and len(links) == 9
    audited = db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.actor_id == user.id, AuditEvent.action == "report.drilldown"))
    assert audited == 9
    response = client.get("/rapporter/udslusning/personer?kategori=moved&aar=2026")
    assert "Ingen personer" in response.get_data(as_text=True)
    assert client.get("/rapporter/udslusning/personer?kategori=nope&aar=x").status_code == 302


def test_bad_periods_are_a_400_with_a_message(client, login_as):
    login_as("jobcenter")
    for query in ("fra=2026-13-01", "fra=2026-05-01&til=2026-01-01", "til=%00", "fra=1900-01-01"):
        response = client.get(f"/rapporter/kohorter?{query}")
        assert response.status_code == 400, query
        assert "åååå-mm-dd" in response.get_data(as_text=True)
    assert client.get("/rapporter/udslusning?fra=2026-13-01&format=xlsx").status_code == 400


def test_dashboard_shows_target_forecast_and_hours(client, login_as):
    municipality = factories.make_municipality()
    candidate = factories.make_candidate(municipality=municipality, status="placed")
    placement = factories.make_placement(candidate=candidate, start=date(2026, 2, 2))
    from smajob.hours.models import HoursEntry

    for monday, minutes in ((date(2026, 11, 2), 450), (date(2026, 11, 16), 60)):  # this week
        db.session.add(HoursEntry(placement_id=placement.id, week_start=monday, minutes=minutes,
                                  entered_side="bureau", entered_at=db.func.now(),
                                  status="confirmed"))
    db.session.commit()
    login_as("jobcenter", municipality=municipality)
    body = client.get("/rapporter/").get_data(as_text=True)
    assert "1 / 365" in body and "8,50" in body
    assert "Prognose for året i det nuværende tempo: 1 (mål 365)" in body
    for page in ("evaluering", "kohorter?inddeling=kvartal", "fordeling?efter=category",
                 "fordeling?efter=industry", "fordeling?efter=nonsense"):
        assert client.get(f"/rapporter/{page}").status_code == 200, page


def _twenty_referred_three_with_paid_work():
    """20 referred on 2 March 2026; three start on 4 May and work 5 hours that week; a follow-up
    finds two of the three self-supporting."""
    from smajob.hours.models import HoursEntry
    from smajob.outcomes.models import Outcome

    municipality = factories.make_municipality()
    for n in range(20):
        candidate = factories.make_candidate(municipality=municipality,
                                             referral_date=date(2026, 3, 2))
        if n < 3:
            placement = factories.make_placement(candidate=candidate, start=date(2026, 5, 4))
            db.session.add(HoursEntry(placement_id=placement.id, week_start=date(2026, 5, 4),
                                      minutes=300, entered_side="bureau",
                                      entered_at=db.func.now()))
            db.session.add(Outcome(candidate_id=candidate.id, municipality_id=municipality.id,
                                   course_end=date(2026, 6, 1), months_after=3,
                                   reference_date=date(2026, 9, 1),
                                   status="ordinary_job" if n else "other_benefit"))
    db.session.commit()
    return municipality


def test_small_evaluation_counts_and_the_rate_built_on_them_are_hidden_from_a_jobcenter(
        client, login_as):
    municipality = _twenty_referred_three_with_paid_work()
    login_as("jobcenter", municipality=municipality)
    body = client.get("/rapporter/evaluering").get_data(as_text=True)
    assert ">20<" in body and "15 % (jobrate)" not in body and "skjult" in body
    login_as("consultant")
    assert "15 % (jobrate)" in client.get(f"/rapporter/evaluering?kommune={municipality.id}"
                                          ).get_data(as_text=True)


def test_the_evaluation_export_hides_what_the_page_hides_and_keeps_numbers_numeric(
        client, login_as):
    from openpyxl import load_workbook

    municipality = _twenty_referred_three_with_paid_work()

    def values(response) -> dict:
        rows = load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True)
        return {row[0]: row[1] for row in rows if row}

    login_as("jobcenter", municipality=municipality)
    page = client.get("/rapporter/evaluering").get_data(as_text=True)
    assert "9,0" not in page and "5,0" not in page  # weeks to first job, hours a week
    shown = values(client.get("/rapporter/evaluering?format=xlsx"))
    assert shown["Henviste"] == 20
    for hidden in ("Fik lønnet arbejde", "Jobrate (%)", "Timer om ugen (gennemsnit)",
                   "Uger fra henvisning til første job (median)",
                   "Selvforsørgende inden for et år efter jobstart",
                   "Heraf med en opfølgning, der tæller med"):
        assert shown[hidden] is None, hidden
    csv = client.get("/rapporter/evaluering?format=csv").get_data(as_text=True)
    assert "Selvforsørgende inden for et år efter jobstart;\r\n" in csv
    from tests.api_helpers import bearer

    api = client.get("/api/v1/reports/evaluation?from=2026-01-01&to=2026-12-31", headers=bearer(
        factories.make_user(role="jobcenter", municipality_id=municipality.id))).get_json()
    assert api["mean_hours_per_week"] is None and api["median_weeks_to_first_job"] is None
    assert api["self_supporting_within_year"]["denominator"] is None

    login_as("consultant")
    full = values(client.get(f"/rapporter/evaluering?kommune={municipality.id}&format=xlsx"))
    assert (full["Fik lønnet arbejde"], full["Jobrate (%)"]) == (3, 15)
    assert full["Uger fra henvisning til første job (median)"] == 9
    assert full["Timer om ugen (gennemsnit)"] == 5
    assert (full["Selvforsørgende inden for et år efter jobstart"],
            full["Heraf med en opfølgning, der tæller med"]) == (2, 3)
