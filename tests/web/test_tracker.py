"""The hours-requirement tracker: the candidate's hours in the window against the rule and the
projected date, for the bureau and the candidate's own jobcenter only; window extensions."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from smajob.extensions import db
from smajob.results.models import WindowExtension
from tests import factories
from tests.jobs.test_milestones import add_week


def _worker_with_hours(weeks: int = 40, minutes: int = 300):
    """A candidate with `weeks` confirmed weeks up to last week, at `minutes` a week."""
    candidate = factories.make_candidate(status="placed")
    last_monday = date(2026, 11, 9)
    start = last_monday - timedelta(weeks=weeks - 1)
    placement = factories.make_placement(candidate=candidate, start=start,
                                         weekly_minutes=minutes, status="active")
    for i in range(weeks):
        add_week(placement, start + timedelta(weeks=i), minutes)
    db.session.commit()
    return candidate


def test_the_tracker_shows_hours_in_the_window_and_the_projected_date(app, client, login_as):
    candidate = _worker_with_hours()
    login_as("consultant")
    page = client.get(f"/timekrav/borger/{candidate.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<dd id="tracker-hours">200,00</dd>' in text  # 40 weeks × 5 hours in the window
    assert "<dd>25,00</dd>" in text  # missing of the 225 hours
    assert '<dd id="tracker-projected">27. dec. 2026</dd>' in text  # 5 more weeks at 5 hours


def test_the_jobcenter_sees_its_own_candidates_only(app, client, login_as):
    candidate = _worker_with_hours()
    login_as("jobcenter")  # another municipality
    assert client.get(f"/timekrav/borger/{candidate.id}").status_code == 404
    assert client.post(f"/timekrav/borger/{candidate.id}", data={
        "start": "2026-03-01", "end": "2026-04-01", "reason": "Sygdom"}).status_code == 404
    assert not db.session.scalar(select(func.count()).select_from(WindowExtension))
    assert candidate.id and str(candidate.first_name) not in client.get(
        "/timekrav/?vis=alle").get_data(as_text=True)
    login_as("jobcenter", municipality_id=candidate.municipality_id)
    assert client.get(f"/timekrav/borger/{candidate.id}").status_code == 200
    listing = client.get("/timekrav/").get_data(as_text=True)
    assert candidate.first_name in listing  # 200 of 225 hours: close to the threshold


def test_jobcenter_records_a_period_that_extends_the_window(app, client, login_as):
    candidate = _worker_with_hours()
    login_as("jobcenter", municipality_id=candidate.municipality_id)
    url = f"/timekrav/borger/{candidate.id}"
    for data, message in (
            ({"start": "2026-03-01", "end": "2026-02-01", "reason": "Sygdom"}, "efter start"),
            ({"start": "2026-03-01", "end": "2027-02-01", "reason": "Sygdom"}, "fremtiden"),
            ({"start": "ikke en dato", "end": "2026-02-01", "reason": "Sygdom"}, "gyldig dato"),
            ({"start": "2026-03-01", "end": "2026-04-01", "reason": ""}, "Udfyld"),
            ({"start": "2026-03-01", "end": "2026-04-01", "reason": "x" * 500}, "200")):
        response = client.post(url, data=data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    assert db.session.scalar(select(func.count()).select_from(WindowExtension)) == 0
    response = client.post(url, data={"start": "2026-03-01", "end": "2026-03-31",
                                       "reason": "Sygdom"})
    assert response.status_code == 303
    assert "Sygdom" in client.get(url).get_data(as_text=True)


def test_consultants_cannot_record_window_extensions(app, client, login_as):
    candidate = _worker_with_hours()
    login_as("consultant")
    response = client.post(f"/timekrav/borger/{candidate.id}",
                           data={"start": "2026-03-01", "end": "2026-03-31", "reason": "x"})
    assert response.status_code == 403
