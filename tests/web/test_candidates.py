"""Candidate pages for every role: who sees what, cross-municipality 404, CPR never shown."""

import re

import pytest
from sqlalchemy import func, select

from smajob.audit.models import AuditEvent
from smajob.candidates import services
from smajob.candidates.models import Candidate
from smajob.extensions import db
from tests import factories

REFERRAL = {"first_name": "Anna", "last_name": "Jensen", "cpr": "010190-1234",
            "benefit_type": "uddannelseshjaelp", "referral_date": "2026-11-10",
            "case_reference": "J-42", "postcode": ""}
CPR_PATTERN = re.compile(r"\b\d{6}-?\d{4}\b")


def _candidate_with_note(municipality):
    candidate = factories.make_candidate(municipality=municipality, case_reference="J-1")
    consultant = factories.make_user(role="consultant")
    from datetime import UTC, date, datetime

    services.add_mentoring(candidate, consultant, on=date(2026, 11, 10), kind="visit",
                           minutes=30, note="Fortroligt notat", today=date(2026, 11, 16),
                           now=datetime(2026, 11, 16, tzinfo=UTC))
    db.session.commit()
    return candidate


def test_jobcenter_refers_and_sees_a_masked_cpr(client, login_as):
    user = login_as("jobcenter")
    response = client.post("/jobcenter/borgere/ny", data=REFERRAL)
    assert response.status_code == 302
    assert "0101901234" not in response.headers["Location"]
    candidate = db.session.scalars(select(Candidate)).one()
    assert candidate.municipality_id == user.municipality_id and candidate.referred_by_id == user.id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "010190-****" in page and "1234" not in page.replace("010190-****", "")


def test_bad_referral_is_a_422_with_the_fields_message_and_saves_nothing(client, login_as):
    login_as("jobcenter")
    response = client.post("/jobcenter/borgere/ny", data={**REFERRAL, "cpr": "999999-1234"})
    assert response.status_code == 422
    assert "gyldig dato" in response.get_data(as_text=True)
    response = client.post("/jobcenter/borgere/ny", data={**REFERRAL, "referral_date": "x"})
    assert response.status_code == 422
    assert db.session.scalar(select(func.count(Candidate.id))) == 0


def test_english_messages(client, login_as):
    login_as("jobcenter", language="en")
    response = client.post("/jobcenter/borgere/ny?lang=en", data={**REFERRAL, "cpr": "320190-1"})
    assert "real date" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/jobcenter/borgere/{id}"])
def test_another_municipality_gets_404(client, login_as, path):
    candidate = _candidate_with_note(factories.make_municipality())
    login_as("jobcenter")
    assert client.get(path.format(id=candidate.id)).status_code == 404
    assert client.post(f"/jobcenter/borgere/{candidate.id}/tilbagekald",
                       data={"note": "x"}).status_code == 404
    assert client.get("/jobcenter/borgere/?q=Borger").get_data(as_text=True).count(
        "/jobcenter/borgere/" + str(candidate.id)) == 0
    assert client.get("/jobcenter/borgere/999999").status_code == 404


def test_jobcenter_never_sees_mentoring_notes_but_can_withdraw(client, login_as):
    municipality = factories.make_municipality()
    candidate = _candidate_with_note(municipality)
    login_as("jobcenter", municipality_id=municipality.id)
    page = client.get(f"/jobcenter/borgere/{candidate.id}").get_data(as_text=True)
    assert candidate.first_name in page and "Fortroligt notat" not in page
    assert client.post(f"/jobcenter/borgere/{candidate.id}/tilbagekald",
                       data={"note": ""}).status_code == 422
    assert client.post(f"/jobcenter/borgere/{candidate.id}/tilbagekald",
                       data={"note": "Borgeren er flyttet"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).status == "withdrawn"


def test_consultant_sees_everything_and_every_view_is_audited(client, login_as):
    candidate = _candidate_with_note(factories.make_municipality())
    user = login_as("consultant")
    page = client.get(f"/borgere/{candidate.id}").get_data(as_text=True)
    assert "Fortroligt notat" in page
    client.get("/borgere/?q=Borger")
    actions = set(db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.actor_id == user.id)))
    assert {"candidate.view", "candidate.search"} <= actions


@pytest.mark.parametrize("role", ["business"])
def test_businesses_reach_no_candidate_page(client, login_as, role):
    candidate = _candidate_with_note(factories.make_municipality())
    login_as(role)
    for path in ("/borgere/", f"/borgere/{candidate.id}", "/jobcenter/borgere/",
                 f"/jobcenter/borgere/{candidate.id}", f"/admin/borgere/{candidate.id}/eksport"):
        assert client.get(path).status_code == 403, path


def test_consultant_moves_a_candidate_to_ready_through_the_checklist(client, login_as):
    from smajob.candidates.queries import readiness_items

    candidate = factories.make_candidate(status="maturing")
    db.session.commit()
    login_as("consultant")
    response = client.post(f"/borgere/{candidate.id}/status", data={"status": "ready"})
    assert response.status_code == 422
    assert "parathedslisten" in response.get_data(as_text=True)
    for item in readiness_items():
        client.post(f"/borgere/{candidate.id}/tjekliste/{item.id}", data={"checked": "1"})
    assert client.post(f"/borgere/{candidate.id}/status",
                       data={"status": "ready"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).status == "ready"
    assert client.post(f"/borgere/{candidate.id}/tjekliste/99999",
                       data={"checked": "1"}).status_code == 404


def test_profile_errors_are_shown_next_to_the_field(client, login_as):
    candidate = factories.make_candidate()
    db.session.commit()
    login_as("consultant")
    data = {"windows-0-weekday": "1", "windows-0-start": "09:00", "windows-0-end": "12:00",
            "windows-1-weekday": "1", "windows-1-start": "10:00", "windows-1-end": "13:00",
            "max_hours": "10", "desired_hours": "5", "max_travel_km": "10", "danish_level": "1",
            "mentor_id": "0"}
    response = client.post(f"/borgere/{candidate.id}/profil", data=data)
    assert response.status_code == 422 and "overlapper" in response.get_data(as_text=True)
    response = client.post(f"/borgere/{candidate.id}/profil",
                           data={**data, "windows-1-weekday": "", "windows-1-start": "",
                                 "windows-1-end": "", "desired_hours": "20"})
    assert response.status_code == 422
    ok = client.post(f"/borgere/{candidate.id}/profil",
                     data={**data, "windows-1-weekday": "3", "limits": ["no_lifting"]})
    assert ok.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Candidate, candidate.id)
    assert stored.availability == [[1, 540, 720], [3, 600, 780]] and stored.limits == [
        "no_lifting"]


def test_admin_exports_and_anonymises(client, login_as):
    municipality = factories.make_municipality()
    candidate = factories.make_candidate(municipality=municipality)
    db.session.commit()
    login_as("admin")
    data = client.get(f"/admin/borgere/{candidate.id}/eksport.json").get_json()
    assert data["candidate"]["first_name"] == candidate.first_name
    assert client.get(f"/admin/borgere/{candidate.id}/eksport").status_code == 200
    assert client.post(f"/admin/borgere/{candidate.id}/anonymiser",
                       data={"confirm": "nej"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).anonymised_at is None
    client.post(f"/admin/borgere/{candidate.id}/anonymiser", data={"confirm": "ANONYMISER"})
    db.session.expire_all()
    assert db.session.get(Candidate, candidate.id).anonymised_at is not None
    page = client.get(f"/admin/borgere/adgang?candidate={candidate.id}").get_data(as_text=True)
    assert "candidate.export" in page and "candidate.anonymise" in page


def test_no_page_shows_a_cpr_number(client, login_as):
    municipality = factories.make_municipality()
    login_as("jobcenter", municipality_id=municipality.id)
    client.post("/jobcenter/borgere/ny", data=REFERRAL)
    candidate = db.session.scalars(select(Candidate)).one()
    for role, paths in (("consultant", ["/borgere/", f"/borgere/{candidate.id}"]),
                        ("jobcenter", ["/jobcenter/borgere/",
                                       f"/jobcenter/borgere/{candidate.id}"])):
        login_as(role, municipality_id=municipality.id) if role == "jobcenter" else login_as(role)
        for path in paths:
            assert not CPR_PATTERN.search(client.get(path).get_data(as_text=True)), path


def test_dashboard_lists_maturing_deadlines_for_the_bureau_only(client, login_as):
    from datetime import date

    municipality = factories.make_municipality()
    late = factories.make_candidate(municipality=municipality, status="maturing",
                                    maturing_started_on=date(2026, 10, 1), first_name="Sen")
    factories.make_candidate(municipality=municipality, status="maturing",
                             maturing_started_on=date(2026, 11, 10), first_name="Frisk")
    db.session.commit()
    login_as("consultant")
    page = client.get("/dashboard").get_data(as_text=True)
    assert f"/borgere/{late.id}" in page and "Frisk" not in page
    login_as("jobcenter", municipality_id=municipality.id)
    assert "Sen Testesen" not in client.get("/dashboard").get_data(as_text=True)


def test_candidate_pages_show_their_placements(client, login_as):
    from datetime import UTC, date, datetime

    from smajob.placements.services import create_placement

    municipality = factories.make_municipality()
    candidate = factories.make_candidate(municipality=municipality, status="ready")
    task = factories.make_task()
    consultant = factories.make_user(role="consultant")
    create_placement(consultant, task, candidate, start_date=date(2026, 11, 24),
                     now=datetime(2026, 11, 16, 8, tzinfo=UTC), today=date(2026, 11, 16))
    db.session.commit()
    login_as("jobcenter", municipality_id=municipality.id)
    page = client.get(f"/jobcenter/borgere/{candidate.id}").get_data(as_text=True)
    assert task.title in page and "I småjob" in page
    login_as("consultant")
    assert task.title in client.get(f"/borgere/{candidate.id}").get_data(as_text=True)


_text = __import__("hypothesis").strategies.text(max_size=60)


def test_generated_form_posts_never_500_and_never_half_save(client, login_as):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    user = login_as("jobcenter")
    candidate = factories.make_candidate(municipality=user.municipality)
    db.session.commit()
    consultant_client = client.application.test_client()

    @settings(max_examples=60, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.dictionaries(st.sampled_from([
        "first_name", "last_name", "cpr", "phone", "email", "postcode", "benefit_type",
        "referral_date", "consent_date", "case_reference", "referral_note"]), _text),
        st.dictionaries(st.sampled_from([
            "windows-0-weekday", "windows-0-start", "windows-0-end", "max_hours",
            "desired_hours", "max_travel_km", "allowed_postcodes", "limits", "danish_level",
            "mentor_id", "categories-0"]), _text))
    def check(referral, profile):
        before = db.session.scalar(select(func.count(Candidate.id)))
        response = client.post("/jobcenter/borgere/ny", data=referral)
        assert response.status_code in (302, 422)
        after = db.session.scalar(select(func.count(Candidate.id)))
        assert after == before + (1 if response.status_code == 302 else 0)
        stored = db.session.get(Candidate, candidate.id).availability
        answer = consultant_client.post(f"/borgere/{candidate.id}/profil", data=profile)
        assert answer.status_code in (302, 422)
        db.session.expire_all()
        if answer.status_code == 422:
            assert db.session.get(Candidate, candidate.id).availability == stored

    from smajob import clock
    from smajob.accounts.auth import SESSION_KEY
    from smajob.accounts.sessions import start_session

    consultant = factories.make_user(role="consultant")
    token = start_session(consultant, now=clock.now())
    db.session.commit()
    with consultant_client.session_transaction() as session:
        session[SESSION_KEY], session["_user_id"] = token, str(consultant.id)
    check()


@pytest.mark.parametrize("q", ["%00", "a%00b", "%", "_", "'; DROP TABLE candidate; --"])
def test_odd_searches_are_just_searches(client, login_as, q):
    login_as("consultant")
    assert client.get(f"/borgere/?q={q}").status_code == 200
    login_as("jobcenter")
    assert client.get(f"/jobcenter/borgere/?q={q}&status=%00").status_code == 200


def test_a_long_list_links_a_window_of_pages_and_is_audited_before_it_is_shown(
        client, login_as, monkeypatch):
    from smajob.candidates import queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 1)
    municipality = factories.make_municipality()
    for n in range(12):
        factories.make_candidate(municipality=municipality, last_name=f"Navn{n:02d}")
    db.session.commit()
    user = login_as("jobcenter", municipality=municipality)
    page = client.get("/jobcenter/borgere/?side=6").get_data(as_text=True)
    assert "Navn05" in page and "Navn04" not in page
    linked = [int(n) for n in re.findall(r"side=(\d+)", page)]
    assert sorted(linked) == [1, 4, 5, 7, 8, 12]  # 1 … 4 5 [6] 7 8 … 12
    assert page.count("…") == 2 and 'aria-current="page">6<' in page
    audited = db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.actor_id == user.id, AuditEvent.action == "candidate.search"))
    assert audited == 1
