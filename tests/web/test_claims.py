"""Claim pages: submit a monthly batch, approve/reject in the right municipality only, never
one's own submission; lines without evidence or flagged cannot go; the statement and its files."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from smajob import scheduler
from smajob.audit.models import AuditEvent
from smajob.extensions import db
from smajob.results import services
from smajob.results.models import ClaimBatch, ResultClaim
from tests import factories
from tests.jobs.test_milestones import _worker


def _drafts(app, now):
    candidate, _, _ = _worker()
    scheduler.run_job(app, "detect_milestones", now=now)
    db.session.expire_all()
    return candidate, list(db.session.scalars(select(ResultClaim).order_by(ResultClaim.id)))


def _submitted(app, now, consultant=None):
    candidate, lines = _drafts(app, now)
    consultant = consultant or factories.make_user(role="consultant")
    batch = services.submit_batch(consultant, candidate.municipality_id, date(2026, 11, 1),
                                  [x.id for x in lines], now=now)
    db.session.commit()
    return candidate, lines, batch


def test_a_consultant_submits_the_ready_drafts_as_one_batch(app, now, client, login_as):
    candidate, lines = _drafts(app, now)
    login_as("consultant")
    page = client.get(f"/resultatbetaling/kommune/{candidate.municipality_id}")
    assert page.status_code == 200 and "Fastholdt job" in page.get_data(as_text=True)
    response = client.post(f"/resultatbetaling/kommune/{candidate.municipality_id}/indsend",
                           data={"month": "2026-11", "line": [x.id for x in lines]})
    assert response.status_code == 303
    batch = db.session.scalar(select(ClaimBatch))
    assert batch.month == date(2026, 11, 1)
    assert {x.status for x in db.session.scalars(select(ResultClaim))} == {"submitted"}


def test_submitting_bad_input_is_a_clear_422_and_saves_nothing(app, now, client, login_as):
    candidate, lines = _drafts(app, now)
    login_as("consultant")
    url = f"/resultatbetaling/kommune/{candidate.municipality_id}/indsend"
    latest = max(lines, key=lambda x: x.reached_on)
    for data, message in (
            ({"month": "2099-01", "line": [lines[0].id]}, "fremtiden"),
            ({"month": "nonsense", "line": [lines[0].id]}, "fremtiden"),
            ({"month": "2026-11", "line": ["x"]}, "Ugyldigt"),
            ({"month": "2026-11"}, "mindst ét"),
            ({"month": "2026-01", "line": [latest.id]}, "efter den valgte måned"),
            ({"month": "2026-11", "line": [999]}, "findes ikke")):
        response = client.post(url, data=data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    assert db.session.scalar(select(func.count()).select_from(ClaimBatch)) == 0


def test_a_line_without_evidence_or_flagged_cannot_be_submitted(app, now, client, login_as):
    candidate, lines = _drafts(app, now)
    lines[0].evidence_note, lines[0].hours_entry_ids = "", ""
    lines[1].flagged, lines[1].flag_reason = True, "not_reached"
    db.session.commit()
    login_as("consultant")
    url = f"/resultatbetaling/kommune/{candidate.municipality_id}/indsend"
    response = client.post(url, data={"month": "2026-11", "line": [lines[0].id, lines[2].id]})
    assert response.status_code == 422
    assert "uden dokumentation" in response.get_data(as_text=True)
    response = client.post(url, data={"month": "2026-11", "line": [lines[1].id]})
    assert response.status_code == 422 and "gennemsyn" in response.get_data(as_text=True)
    db.session.expire_all()
    assert {x.status for x in db.session.scalars(select(ResultClaim))} == {"draft"}


def test_jobcenter_of_the_municipality_approves_the_batch(app, now, client, login_as):
    candidate, _lines, batch = _submitted(app, now)
    login_as("jobcenter", municipality_id=candidate.municipality_id)
    assert client.get(f"/resultatbetaling/samling/{batch.id}").status_code == 200
    response = client.post(f"/resultatbetaling/samling/{batch.id}/godkend")
    assert response.status_code == 303
    db.session.expire_all()
    assert {x.status for x in db.session.scalars(select(ResultClaim))} == {"approved"}
    assert client.post(f"/resultatbetaling/samling/{batch.id}/godkend").status_code == 422


def test_another_municipality_sees_nothing_and_cannot_decide(app, now, client, login_as):
    candidate, lines, batch = _submitted(app, now)
    login_as("jobcenter")  # a user of another municipality
    assert client.get(f"/resultatbetaling/samling/{batch.id}").status_code == 404
    assert client.get(f"/resultatbetaling/krav/{lines[0].id}").status_code == 404
    assert client.post(f"/resultatbetaling/samling/{batch.id}/godkend").status_code == 404
    assert client.get(f"/resultatbetaling/kommune/{candidate.municipality_id}").status_code == 404
    assert client.get(f"/resultatbetaling/kommune/{candidate.municipality_id}/opgoerelse"
                      ).status_code == 404
    assert client.get(f"/resultatbetaling/kommune/{candidate.municipality_id}/opgoerelse.csv"
                      ).status_code == 404
    for action in ("godkend", "afvis", "genaabn", "gennemse"):
        assert client.post(f"/resultatbetaling/krav/{lines[0].id}/{action}",
                           data={"reason": "Nej"}).status_code == 404, action
    assert client.post(f"/resultatbetaling/kommune/{candidate.municipality_id}/indsend",
                       data={"month": "2026-11"}).status_code == 404  # not theirs
    db.session.expire_all()
    assert {x.status for x in db.session.scalars(select(ResultClaim))} == {"submitted"}


def test_nobody_approves_their_own_submission(app, now, client, login_as):
    municipality = factories.make_municipality()
    user = login_as("jobcenter", municipality_id=municipality.id)
    candidate, lines = _drafts(app, now)
    candidate.municipality_id = municipality.id
    for x in lines:
        x.municipality_id = municipality.id
    db.session.commit()
    user.role = "consultant"  # they submitted while working for the bureau …
    services.submit_batch(user, municipality.id, date(2026, 11, 1), [lines[0].id], now=now)
    user.role = "jobcenter"  # … and now work at the jobcenter
    db.session.commit()
    response = client.post(f"/resultatbetaling/krav/{lines[0].id}/godkend")
    assert response.status_code == 422
    assert "selv har indsendt" in response.get_data(as_text=True)


def test_reject_needs_a_reason_then_reopen_and_pay(app, now, client, login_as):
    candidate, lines, batch = _submitted(app, now)
    login_as("jobcenter", municipality_id=candidate.municipality_id)
    url = f"/resultatbetaling/krav/{lines[0].id}"
    assert client.post(f"{url}/afvis", data={"reason": "  "}).status_code == 422
    assert client.post(f"{url}/afvis", data={"reason": "Mangler aftale"}).status_code == 303
    assert client.post(f"/resultatbetaling/samling/{batch.id}/godkend").status_code == 303
    assert client.post(f"/resultatbetaling/samling/{batch.id}/betalt").status_code == 422
    login_as("consultant")
    assert client.post(f"{url}/godkend").status_code == 422  # the wrong role
    assert client.post(f"{url}/genaabn").status_code == 303
    assert client.post(f"/resultatbetaling/samling/{batch.id}/betalt").status_code == 303
    db.session.expire_all()
    statuses = {x.id: x.status for x in db.session.scalars(select(ResultClaim))}
    assert statuses[lines[0].id] == "draft"
    assert set(statuses.values()) == {"draft", "paid"}
    assert client.post(f"{url}/ukendt").status_code == 404


def test_the_statement_totals_per_milestone_and_exports(app, now, client, login_as):
    candidate, _lines, _batch = _submitted(app, now)
    login_as("jobcenter", municipality_id=candidate.municipality_id)
    base = f"/resultatbetaling/kommune/{candidate.municipality_id}/opgoerelse"
    page = client.get(f"{base}?month=2026-11")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "data-print" in text and "Fastholdt job" in text
    assert "13.000,00" in text  # 2.000 + 3.000 + 8.000 kr.
    csv = client.get(f"{base}.csv?month=2026-11")
    assert csv.status_code == 200 and "800000" in csv.get_data(as_text=True)
    xlsx = client.get(f"{base}.xlsx?month=2026-11")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert client.get(f"{base}.pdf").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "result_claim.export")) == 2


def test_review_takes_the_current_evidence_or_keeps_the_flag(app, now, client, login_as):
    _candidate, lines = _drafts(app, now)
    sustained = next(x for x in lines if x.milestone == "sustained_job")
    sustained.flagged, sustained.flag_reason, sustained.hours_entry_ids = (
        True, "evidence_changed", "1")
    first = next(x for x in lines if x.milestone == "first_paid_hour")
    first.flagged, first.milestone = True, "hours_increased"  # never reached
    db.session.commit()
    login_as("consultant")
    assert client.post(f"/resultatbetaling/krav/{sustained.id}/gennemse").status_code == 303
    response = client.post(f"/resultatbetaling/krav/{first.id}/gennemse")
    assert response.status_code == 422 and "ikke nået" in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(ResultClaim, sustained.id).flagged
    assert len(db.session.get(ResultClaim, sustained.id).entry_ids) == 13
    assert db.session.get(ResultClaim, first.id).flagged


def test_generated_claim_and_tracker_posts_never_500_and_never_half_save(app, now, client,
                                                                          login_as):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from smajob.results.models import WindowExtension

    candidate, lines = _drafts(app, now)
    login_as("consultant")
    consultant = client
    jobcenter = client.application.test_client()
    text = st.text(max_size=40)
    ids = st.one_of(text, st.sampled_from([str(x.id) for x in lines]))

    def snapshot():
        db.session.expire_all()
        return (db.session.scalar(select(func.count()).select_from(ClaimBatch)),
                db.session.scalar(select(func.count()).select_from(WindowExtension)),
                sorted((x.id, x.status) for x in db.session.scalars(select(ResultClaim))))

    @settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
    @given(text, st.lists(ids, max_size=4), text, text, text)
    def check(month, chosen, start, end, reason):
        before = snapshot()
        response = consultant.post(
            f"/resultatbetaling/kommune/{candidate.municipality_id}/indsend",
            data={"month": month, "line": chosen})
        assert response.status_code in (303, 422)
        if response.status_code == 422:
            assert snapshot() == before
        before = snapshot()
        response = jobcenter.post(f"/timekrav/borger/{candidate.id}",
                                  data={"start": start, "end": end, "reason": reason})
        assert response.status_code in (303, 422)
        if response.status_code == 422:
            assert snapshot() == before

    from smajob.accounts.auth import SESSION_KEY
    from smajob.accounts.sessions import start_session

    staff = factories.make_user(role="jobcenter", municipality_id=candidate.municipality_id)
    token = start_session(staff, now=now)
    db.session.commit()
    with jobcenter.session_transaction() as session:
        session[SESSION_KEY], session["_user_id"], session["_fresh"] = token, str(staff.id), True
    check()
