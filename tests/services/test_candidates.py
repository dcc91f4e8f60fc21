"""Candidate services: referral, CPR, status moves, profile rules, GDPR and the jobs."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from smajob import weekly
from smajob.candidates import gdpr, jobs, queries, services
from smajob.candidates.models import Candidate, CandidateEvent
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.mail.models import OutboxMessage
from tests import factories

TODAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)


def referral(**fields):
    values = {"first_name": "Anna", "last_name": "Jensen", "benefit_type": "uddannelseshjaelp",
              "referral_date": TODAY, **fields}
    return services.Referral(**values)


@pytest.fixture
def jobcenter(app):
    return factories.make_user(role="jobcenter")


@pytest.fixture
def consultant(app):
    return factories.make_user(role="consultant")


def refer(user, **fields):
    return services.refer(user, user.municipality_id, referral(**fields), now=NOW, today=TODAY)


def test_cpr_is_encrypted_hashed_and_masked(jobcenter):
    from smajob.candidates import cpr, rules

    candidate = refer(jobcenter, cpr="010190-1234")
    assert candidate.cpr_encrypted and b"0101901234" not in candidate.cpr_encrypted
    assert candidate.cpr_hash and "0101901234" not in candidate.cpr_hash
    assert cpr.decrypt(candidate.cpr_encrypted) == "0101901234"
    assert rules.mask_cpr(cpr.decrypt(candidate.cpr_encrypted)) == "010190-****"


@pytest.mark.parametrize("bad", ["320190-1234", "010190-12", "01019O1234", "311190-1234",
                                 "290201-1234"])
def test_cpr_date_part_must_be_a_real_date(jobcenter, bad):
    with pytest.raises(RuleViolation) as error:
        refer(jobcenter, cpr=bad)
    assert error.value.field == "cpr"


def test_cpr_check_digit_is_not_checked_and_leap_days_use_the_century(jobcenter):
    refer(jobcenter, cpr="290200-4001")  # 29 Feb 2000 (7th digit 4, yy ≤ 36 → 2000)
    refer(jobcenter, cpr="0101901235")  # fails modulus 11, still valid since 2007


def test_duplicate_referral_found_by_keyed_hash(jobcenter, consultant):
    first = refer(jobcenter, cpr="010190-1234")
    with pytest.raises(RuleViolation, match="allerede"):
        refer(jobcenter, cpr="0101901234")
    first.status = "exited"
    refer(jobcenter, cpr="0101901234")  # a new course after the first ended


@pytest.mark.parametrize(("fields", "field"), [
    ({"referral_date": TODAY + timedelta(days=1)}, "referral_date"),
    ({"postcode": "0000"}, "postcode"), ({"email": "ikke-en-mail"}, "email"),
    ({"phone": "12"}, "phone"), ({"benefit_type": "lottery"}, "benefit_type"),
    ({"first_name": "  "}, "first_name"), ({"last_name": "x" * 81}, "last_name"),
    ({"referral_note": "a\x00b"}, "referral_note"),
])
def test_referral_rules_name_the_field(jobcenter, fields, field):
    with pytest.raises(RuleViolation) as error:
        refer(jobcenter, **fields)
    assert error.value.field == field


def _profile(**fields):
    values = {"preferred_categories": [], "availability": [weekly.Window(1, 540, 720)],
              "max_weekly_minutes": 600, "desired_weekly_minutes": 300, "max_travel_km": 10,
              "allowed_postcodes": [], "limits": ["no_lifting"], "danish_level": 1, **fields}
    return services.Profile(**values)


@pytest.mark.parametrize(("fields", "field"), [
    ({"availability": [weekly.Window(1, 540, 720), weekly.Window(1, 600, 780)]}, "windows"),
    ({"availability": [weekly.Window(1, 720, 540)]}, "windows"),
    ({"desired_weekly_minutes": 700}, "desired_hours"),
    ({"max_weekly_minutes": 40 * 60}, "max_hours"),
    ({"max_travel_km": -1}, "max_travel_km"), ({"max_travel_km": 5000}, "max_travel_km"),
    ({"allowed_postcodes": ["0000"]}, "allowed_postcodes"),
    ({"limits": ["diagnosis"]}, "limits"),
])
def test_profile_rules(jobcenter, consultant, fields, field):
    candidate = refer(jobcenter)
    with pytest.raises(RuleViolation) as error:
        services.update_profile(candidate, consultant, _profile(**fields), now=NOW)
    assert error.value.field == field


def test_maturing_to_ready_needs_the_checklist_and_a_profile(jobcenter, consultant):
    candidate = refer(jobcenter)
    services.move(candidate, consultant, "maturing", now=NOW, today=TODAY)
    assert candidate.maturing_started_on == TODAY
    with pytest.raises(RuleViolation, match="parathedslisten"):
        services.move(candidate, consultant, "ready", now=NOW, today=TODAY)
    for item in queries.readiness_items():
        services.tick(candidate, consultant, item.id, True, now=NOW)
    candidate.availability = None
    with pytest.raises(RuleViolation, match="profilen"):
        services.move(candidate, consultant, "ready", now=NOW, today=TODAY)
    services.update_profile(candidate, consultant, _profile(), now=NOW)
    services.move(candidate, consultant, "ready", now=NOW, today=TODAY)
    assert candidate.status == "ready" and candidate.ready_since == TODAY
    assert [c.id for c in queries.ready_candidates()] == [candidate.id]


def test_exit_needs_outflow_and_date_and_is_final(jobcenter, consultant):
    candidate = refer(jobcenter)
    with pytest.raises(RuleViolation) as error:
        services.move(candidate, consultant, "exited", now=NOW, today=TODAY)
    assert error.value.field == "outflow"
    with pytest.raises(RuleViolation):
        services.move(candidate, consultant, "exited", now=NOW, today=TODAY,
                      outflow="ordinary_work", on=TODAY + timedelta(days=1))
    services.move(candidate, consultant, "exited", now=NOW, today=TODAY,
                  outflow="ordinary_work", on=TODAY)
    with pytest.raises(RuleViolation):
        services.move(candidate, consultant, "ready", now=NOW, today=TODAY)
    actions = db.session.scalars(select(CandidateEvent.action).where(
        CandidateEvent.candidate_id == candidate.id)).all()
    assert actions == ["referred", "status"]


def test_withdraw_and_pause_need_a_reason(jobcenter):
    candidate = refer(jobcenter)
    for target in ("withdrawn", "paused"):
        with pytest.raises(RuleViolation) as error:
            services.move(candidate, jobcenter, target, now=NOW, today=TODAY)
        assert error.value.field == "note"
    services.move(candidate, jobcenter, "withdrawn", now=NOW, today=TODAY, note="Flyttet")
    assert candidate.exited_on == TODAY


def test_mentoring_rules(jobcenter, consultant):
    candidate = refer(jobcenter)
    for kwargs in ({"kind": "party"}, {"minutes": 0}, {"minutes": 600},
                   {"on": TODAY + timedelta(days=1)}):
        values = {"on": TODAY, "kind": "visit", "minutes": 30, "note": "ok", **kwargs}
        with pytest.raises(RuleViolation):
            services.add_mentoring(candidate, consultant, today=TODAY, now=NOW, **values)
    services.add_mentoring(candidate, consultant, on=TODAY, kind="visit", minutes=45,
                           note="Godt besøg", today=TODAY, now=NOW)
    assert [m.minutes for m in queries.mentoring(candidate.id)] == [45]


def _statistics():
    return db.session.execute(select(Candidate.municipality_id, Candidate.status,
                                     Candidate.outflow, Candidate.benefit_type,
                                     func.count()).group_by(
        Candidate.municipality_id, Candidate.status, Candidate.outflow,
        Candidate.benefit_type)).all()


def test_anonymise_keeps_statistics_and_removes_the_person(jobcenter, consultant):
    candidate = refer(jobcenter, cpr="010190-1234", phone="12345678", case_reference="J-9")
    services.add_mentoring(candidate, consultant, on=TODAY, kind="call", minutes=10,
                           note="Hemmeligt", today=TODAY, now=NOW)
    refer(jobcenter, first_name="Bo")
    before = _statistics()
    gdpr.anonymise(candidate, None, now=NOW)
    db.session.flush()
    assert _statistics() == before
    assert candidate.cpr_encrypted is None and candidate.cpr_hash is None
    assert candidate.phone is None and candidate.case_reference is None
    assert queries.search(consultant, q="Anna").total == 0
    assert queries.search(consultant, q="J-9").total == 0
    assert queries.mentoring(candidate.id)[0].note is None
    gdpr.anonymise(candidate, None, now=NOW)  # twice changes nothing


def test_export_has_everything_and_is_audited(jobcenter, consultant):
    from smajob.audit.models import AuditEvent

    candidate = refer(jobcenter, cpr="010190-1234")
    data = gdpr.export(candidate, consultant)
    assert data["candidate"]["cpr"] == "0101901234"
    assert data["candidate"]["first_name"] == "Anna"
    assert data["timeline"][0]["action"] == "referred"
    db.session.flush()
    assert db.session.scalar(select(func.count()).where(
        AuditEvent.action == "candidate.export", AuditEvent.candidate_id == candidate.id)) == 1


def test_retention_job_anonymises_only_old_exits_and_is_idempotent(app, jobcenter):
    old = refer(jobcenter, first_name="Gammel")
    old.status, old.exited_on, old.outflow = "exited", TODAY - timedelta(days=750), "other"
    recent = refer(jobcenter, first_name="Ny")
    recent.status, recent.exited_on, recent.outflow = "exited", TODAY - timedelta(days=600), "igu"
    active = refer(jobcenter, first_name="Aktiv")
    db.session.flush()
    assert jobs.retention(NOW) == {"anonymised": 1}
    assert old.anonymised_at is not None and recent.anonymised_at is None
    assert active.anonymised_at is None
    assert jobs.retention(NOW) == {"anonymised": 0}


def test_maturing_deadline_alerts_once_per_state(app, jobcenter, consultant):
    candidate = refer(jobcenter)
    candidate.status, candidate.mentor_id = "maturing", consultant.id
    candidate.maturing_started_on = TODAY - timedelta(days=26)
    db.session.flush()
    assert jobs.maturing_deadlines(NOW) == {"alerts": 1}
    assert jobs.maturing_deadlines(NOW) == {"alerts": 0}
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.recipient == consultant.email and "nærmer sig" in mail.subject
    assert "Anna" not in mail.subject + mail.body  # the mail names no one
    candidate.maturing_started_on = TODAY - timedelta(days=30)
    assert jobs.maturing_deadlines(NOW) == {"alerts": 1}


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.text(max_size=100), cpr=st.text(max_size=14), postcode=st.text(max_size=6),
       email=st.text(max_size=40))
def test_generated_referrals_save_whole_or_not_at_all(jobcenter, first, cpr, postcode, email):
    count = db.session.scalar(select(func.count(Candidate.id)))
    try:
        with db.session.begin_nested():
            refer(jobcenter, first_name=first, cpr=cpr, postcode=postcode, email=email)
    except RuleViolation:
        assert db.session.scalar(select(func.count(Candidate.id))) == count
