"""Placement and hours pages: the consultant writes weeks, the business confirms in the portal or
by the e-mailed link (single use, one week, one value); bad input is a clear 422 with nothing
saved; a business reaches only its own placements."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from smajob.extensions import db
from smajob.hours.models import HoursEntry
from smajob.mail.models import OutboxMessage
from smajob.placements.models import Placement, PlacementTerms
from tests import factories


@pytest.fixture
def placement(app):
    return factories.make_placement()


def text(response) -> str:
    return response.get_data(as_text=True)


def entries() -> int:
    return db.session.scalar(select(func.count(HoursEntry.id)))


def write(client, prefix, placement, week="2026-W46", hours="6,5", **fields):
    return client.post(f"{prefix}/{placement.id}/timer",
                       data={"week": week, "hours": hours, "version": fields.pop("version", ""),
                             **fields})


def link_from_outbox() -> str:
    body = db.session.scalars(select(OutboxMessage.body).order_by(OutboxMessage.id.desc())).first()
    return re.search(r"(/timer/bekraeft/\S+)", body).group(1)


def test_consultant_writes_a_week_and_the_business_confirms_it_by_link(client, login_as,
                                                                        placement):
    login_as("consultant")
    assert write(client, "/ansaettelser", placement).status_code == 303
    entry = db.session.scalars(select(HoursEntry)).one()
    assert entry.minutes == 390 and placement.status == "active"
    page = text(client.get(f"/ansaettelser/{placement.id}"))
    assert "Venter på virksomheden" in page and "6,50" in page
    link = link_from_outbox()
    client.get("/logout")
    anonymous = client.application.test_client()
    assert "Godkend uge 46" in text(anonymous.get(link))
    assert entry.status == "entered"  # looking at the link confirms nothing
    assert "er godkendt" in text(anonymous.post(link))
    db.session.refresh(entry)
    assert (entry.status, entry.confirmed_via) == ("confirmed", "link")
    again = anonymous.post(link)
    assert again.status_code == 404 and "virker ikke længere" in text(again)
    assert anonymous.get(link[:-3] + "abc").status_code == 404  # an altered token


def test_a_link_dies_when_the_week_changes(client, login_as, placement):
    login_as("consultant")
    write(client, "/ansaettelser", placement)
    old_link = link_from_outbox()
    entry = db.session.scalars(select(HoursEntry)).one()
    write(client, "/ansaettelser", placement, hours="7", version=str(entry.version))
    anonymous = client.application.test_client()
    assert anonymous.post(old_link).status_code == 404
    assert anonymous.post(link_from_outbox()).status_code == 200
    db.session.refresh(entry)
    assert (entry.minutes, entry.status) == (420, "confirmed")


@pytest.mark.parametrize(("fields", "message"), [
    ({"hours": "mange"}, "7,5 eller 7:30"), ({"hours": "-3"}, "7,5 eller 7:30"),
    ({"hours": ""}, "7,5 eller 7:30"), ({"week": "2026-W40"}, "Not a valid choice"),
    ({"hours": "200"}, "så mange timer"), ({"hours": "", "mon": "25"}, "24 timer"),
])
def test_bad_hours_get_a_clear_message_and_nothing_is_saved(client, login_as, placement, fields,
                                                           message):
    login_as("consultant")
    response = write(client, "/ansaettelser", placement, **fields)
    assert response.status_code == 422
    assert message in text(response)
    assert entries() == 0


def test_per_day_hours_add_up(client, login_as, placement):
    login_as("consultant")
    response = write(client, "/ansaettelser", placement, hours="", tue="3", thu="3:30")
    assert response.status_code == 303
    entry = db.session.scalars(select(HoursEntry)).one()
    assert (entry.minutes, entry.per_day) == (390, [0, 180, 0, 210, 0, 0, 0])


def test_a_stale_form_gets_a_conflict_not_an_overwrite(client, login_as, placement):
    login_as("consultant")
    write(client, "/ansaettelser", placement)
    response = write(client, "/ansaettelser", placement, hours="9", version="0")
    assert response.status_code == 422 and "ændret af en anden" in text(response)
    assert db.session.scalars(select(HoursEntry.minutes)).one() == 390


def test_business_writes_in_the_portal_and_the_consultant_confirms(client, login_as, placement):
    login_as("business", business_id=placement.business_id)
    assert "Sortering af post" in text(client.get("/virksomhed/ansaettelser/"))
    assert write(client, "/virksomhed/ansaettelser", placement).status_code == 303
    entry = db.session.scalars(select(HoursEntry)).one()
    assert entry.entered_side == "business"
    own = client.post(f"/virksomhed/ansaettelser/{placement.id}/timer/{entry.id}/godkend",
                      data={"version": entry.version})
    assert own.status_code == 303 and entry.status == "entered"  # not their own week
    login_as("consultant")
    assert "venter på jer" in text(client.get("/ansaettelser/"))
    client.post(f"/ansaettelser/{placement.id}/timer/{entry.id}/godkend",
                data={"version": entry.version})
    db.session.refresh(entry)
    assert (entry.status, entry.confirmed_via) == ("confirmed", "bureau")


def test_business_confirms_a_bureau_week_in_the_portal(client, login_as, placement):
    login_as("consultant")
    write(client, "/ansaettelser", placement)
    entry = db.session.scalars(select(HoursEntry)).one()
    login_as("business", business_id=placement.business_id)
    assert "Uger, I skal godkende (1)" in text(client.get("/virksomhed/ansaettelser/"))
    client.post(f"/virksomhed/ansaettelser/{placement.id}/timer/{entry.id}/godkend",
                data={"version": entry.version})
    db.session.refresh(entry)
    assert entry.confirmed_via == "portal"


def test_another_business_reaches_nothing(client, login_as, placement):
    login_as("consultant")
    write(client, "/ansaettelser", placement)
    entry = db.session.scalars(select(HoursEntry)).one()
    login_as("business")
    base = f"/virksomhed/ansaettelser/{placement.id}"
    assert client.get(base).status_code == 404
    assert write(client, "/virksomhed/ansaettelser", placement).status_code == 404
    assert client.post(f"{base}/timer/{entry.id}/godkend",
                       data={"version": entry.version}).status_code == 404
    other = factories.make_placement()
    login_as("business", business_id=other.business_id)
    assert client.post(f"/virksomhed/ansaettelser/{other.id}/timer/{entry.id}/godkend",
                       data={"version": entry.version}).status_code == 404
    from smajob.candidates.models import Candidate

    first = db.session.get(Candidate, placement.candidate_id).first_name
    assert first not in text(client.get("/virksomhed/ansaettelser/"))
    db.session.refresh(entry)
    assert entry.status == "entered"


def test_the_business_page_shows_no_cpr_or_notes(client, login_as, placement):
    from smajob.candidates.models import Candidate

    candidate = db.session.get(Candidate, placement.candidate_id)
    candidate.referral_note = "Hemmelig note om helbred"
    db.session.commit()
    login_as("business", business_id=placement.business_id)
    page = text(client.get(f"/virksomhed/ansaettelser/{placement.id}"))
    assert candidate.first_name in page and "Hemmelig" not in page and "CPR" not in page


def test_create_by_hand_change_terms_and_end(client, login_as, now):
    task = factories.make_task(seats=2)
    candidate = factories.make_candidate(status="ready")
    db.session.commit()
    login_as("consultant")
    bad = client.post("/ansaettelser/ny", data={"task_id": task.id, "candidate_id": 0,
                                                "start_date": "2026-11-23"})
    assert bad.status_code == 422 and db.session.scalar(select(func.count(Placement.id))) == 0
    response = client.post("/ansaettelser/ny", data={
        "task_id": task.id, "candidate_id": candidate.id, "start_date": "2026-11-23"})
    assert response.status_code == 303
    placement = db.session.scalars(select(Placement)).one()
    url = f"/ansaettelser/{placement.id}"
    low = client.post(f"{url}/vilkaar", data={"terms-valid_from": "2026-11-30",
                                             "terms-hours": "8", "terms-wage": "100",
                                             "terms-bill_rate": "185"})
    assert low.status_code == 422 and "mindsteløn" in text(low)
    tuesday = client.post(f"{url}/vilkaar", data={"terms-valid_from": "2026-12-01",
                                                 "terms-hours": "8", "terms-wage": "150",
                                                 "terms-bill_rate": "185"})
    assert tuesday.status_code == 422 and "mandag" in text(tuesday)
    assert client.post(f"{url}/vilkaar", data={
        "terms-valid_from": "2026-11-30", "terms-hours": "8", "terms-wage": "150,50",
        "terms-bill_rate": "190"}).status_code == 303
    terms = db.session.scalars(select(PlacementTerms)).one()
    assert (terms.weekly_minutes, terms.wage, terms.bill_rate) == (480, 15_050, 19_000)
    assert placement.weekly_minutes == task.weekly_minutes  # the start terms are kept
    assert client.post(f"{url}/afslut", data={"end-end_date": "2026-12-10"}).status_code == 422
    assert client.post(f"{url}/afslut", data={"end-end_date": "2026-12-10",
                                              "end-reason": "hired_by_business"}).status_code == 303
    db.session.refresh(placement)
    assert (placement.status, placement.end_date) == ("ended", date(2026, 12, 10))


def test_jobcenter_and_business_cannot_open_the_bureau_pages(client, login_as, placement):
    for role in ("jobcenter", "business"):
        login_as(role)
        assert client.get(f"/ansaettelser/{placement.id}").status_code == 403
        assert write(client, "/ansaettelser", placement).status_code == 403
    assert entries() == 0


def test_the_lists_are_paged_and_a_business_pages_only_its_own(client, login_as, monkeypatch):
    from smajob.placements import queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 1)
    task = factories.make_task(seats=9)
    for name, day in (("Aa", 2), ("Bb", 9), ("Cc", 16)):  # newest first: Cc, Bb, Aa
        factories.make_placement(task=task, start=date(2026, 11, day),
                                 candidate=factories.make_candidate(first_name=name,
                                                                    status="placed"))
    factories.make_placement(candidate=factories.make_candidate(first_name="Andenfirma",
                                                                status="placed"))
    db.session.commit()
    login_as("consultant")

    def table(path):  # the list itself, not the missing weeks above it
        return client.get(path).get_data(as_text=True).split("<caption>")[-1]

    page = table("/ansaettelser/?side=2")
    assert "Bb" in page and "Cc" not in page and "Aa" not in page
    assert 'aria-current="page">2<' in page and "side=4" in page  # four placements in all
    assert "Cc" in table("/ansaettelser/?side=0")  # clamped to the first page
    login_as("business", business_id=task.business_id)
    portal = table("/virksomhed/ansaettelser/?side=99")  # clamped to its last page
    assert "Aa" in portal and 'aria-current="page">3<' in portal and "side=4" not in portal
    assert "Andenfirma" not in portal
