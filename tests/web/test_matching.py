"""The matcher's pages: run, plan with reasons, accept creates the placement, turning down
excludes the pair for good, "why not?", the admin's weights; nobody else gets in."""

import pytest
from sqlalchemy import func, select

from smajob.extensions import db
from smajob.matching.models import MatchProposal, MatchRun, MatchWeights, PairExclusion
from smajob.placements.models import Placement
from tests import factories


@pytest.fixture
def pair(app):
    task = factories.make_task()
    candidate = factories.make_candidate(status="ready", postcode="9000", danish_level=2,
                                         preferred_categories=[task.category_id],
                                         ready_since=__import__("datetime").date(2026, 10, 13))
    far = factories.make_candidate(status="ready", postcode="9000",
                                   availability=[[0, 480, 600]], first_name="Langt")
    db.session.commit()
    return task, candidate, far


def test_run_proposes_with_reasons_and_accept_creates_the_placement(client, login_as, pair):
    task, candidate, _ = pair
    login_as("consultant")
    assert client.post("/match/koer").status_code == 302
    page = client.get("/match/").get_data(as_text=True)
    assert candidate.name in page and "Har ventet 34 dage" in page
    assert "Ønsker" in page and "1. prioritet" in page
    proposal = db.session.scalars(select(MatchProposal).where(MatchProposal.in_plan)).one()
    assert proposal.candidate_id == candidate.id
    response = client.post(f"/match/forslag/{proposal.id}/accepter",
                           data={"start_date": "2026-11-24"})
    assert response.status_code == 302
    db.session.expire_all()
    placement = db.session.scalars(select(Placement)).one()
    assert (placement.task_id, placement.candidate_id) == (task.id, candidate.id)
    assert db.session.get(MatchProposal, proposal.id).status == "accepted"
    again = client.post(f"/match/forslag/{proposal.id}/accepter",
                        data={"start_date": "2026-11-24"})
    assert again.status_code == 302
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_bad_start_date_and_past_start_are_refused(client, login_as, pair):
    login_as("consultant")
    client.post("/match/koer")
    proposal = db.session.scalars(select(MatchProposal)).first()
    for value in ("", "i morgen", "2026-13-01", "2026-11-01"):
        client.post(f"/match/forslag/{proposal.id}/accepter", data={"start_date": value})
    assert db.session.scalar(select(func.count(Placement.id))) == 0


def test_turning_down_excludes_the_pair_for_good(client, login_as, pair):
    task, candidate, _ = pair
    login_as("consultant")
    client.post("/match/koer")
    proposal = db.session.scalars(select(MatchProposal)).first()
    client.post(f"/match/forslag/{proposal.id}/afvis", data={"reason": ""})
    assert db.session.scalar(select(func.count(PairExclusion.id))) == 0
    client.post(f"/match/forslag/{proposal.id}/afvis", data={"reason": "Passer ikke"})
    assert db.session.scalar(select(func.count(PairExclusion.id))) == 1
    client.post("/match/koer")
    latest = db.session.scalar(select(func.max(MatchRun.id)))
    assert db.session.scalar(select(func.count(MatchProposal.id)).where(
        MatchProposal.run_id == latest)) == 0
    page = client.get(f"/match/opgave/{task.id}?borger={candidate.id}").get_data(as_text=True)
    assert "Parret er afvist før" in page


def test_why_not_names_the_failed_constraint(client, login_as, pair):
    task, _, far = pair
    login_as("consultant")
    page = client.get(f"/match/opgave/{task.id}?borger={far.id}").get_data(as_text=True)
    assert "Parret er ikke muligt" in page and "Kan ikke alle tidsrum" in page
    assert client.get("/match/opgave/99999").status_code == 404
    assert client.post("/match/forslag/99999/afvis", data={"reason": "x"}).status_code == 404


def test_admin_sets_weights_with_checks(client, login_as):
    login_as("admin")
    fields = {"category": "40", "distance": "20", "hours_fit": "15", "waiting": "25",
              "earlier_good": "10", "holds_job_penalty": "5"}
    assert client.post("/admin/matchvaegte/", data={**fields, "waiting": "x"}).status_code == 422
    assert client.post("/admin/matchvaegte/", data={**fields, "waiting": "500"}).status_code == 422
    assert client.post("/admin/matchvaegte/", data=fields).status_code == 302
    assert db.session.scalars(select(MatchWeights)).one().category == 40


@pytest.mark.parametrize("role", ["business", "jobcenter"])
def test_nobody_else_reaches_the_matcher(client, login_as, role):
    login_as(role)
    assert client.get("/match/").status_code == 403
    assert client.post("/match/koer").status_code == 403
    assert client.get("/admin/matchvaegte/").status_code == 403


def test_proposing_to_the_business_mails_the_contact_a_first_name_only(client, login_as, pair):
    from smajob.mail.models import OutboxMessage

    task, candidate, _ = pair
    login_as("consultant")
    client.post("/match/koer")
    proposal = db.session.scalars(select(MatchProposal)).first()
    assert client.post(f"/match/forslag/{proposal.id}/foreslaa").status_code == 302
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.recipient == task.contact_email and candidate.first_name in mail.body
    assert candidate.last_name not in mail.body
    db.session.expire_all()
    assert db.session.get(MatchProposal, proposal.id).sent_to_business_at is not None


def test_every_proposal_shown_is_audited_and_the_plan_filters_by_kind(client, login_as, pair):
    from smajob.audit.models import AuditEvent

    task, candidate, _ = pair
    user = login_as("consultant")
    client.post("/match/koer")
    page = client.get("/match/").get_data(as_text=True)
    assert "<meter" in page and candidate.name in page
    assert candidate.name not in client.get(
        f"/match/?kategori={task.category_id + 1000}").get_data(as_text=True)
    shown = db.session.scalars(select(AuditEvent.candidate_id).where(
        AuditEvent.actor_id == user.id, AuditEvent.action == "match.view")).all()
    assert candidate.id in shown
