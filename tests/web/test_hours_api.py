"""API v1 placements and weekly hours: each role reads only its own placements (another business's
or municipality's id is a 404); the bureau writes weeks with the ledger's rules, and changes and
confirmations name the week's version in If-Match (428 without, 412 when stale)."""

import pytest

from smajob import clock
from smajob.extensions import db
from smajob.hours import services
from smajob.hours.models import HoursEntry, HoursEvent
from smajob.isoweek import IsoWeek
from tests import factories
from tests.api_helpers import bearer, count, error_fields


@pytest.fixture
def app_config():
    return {"API_RATE_LIMIT_PER_MINUTE": 1_000_000}


@pytest.fixture
def two():
    """Two placements of two businesses and two municipalities (started Monday 2 November)."""
    mine, theirs = factories.make_placement(), factories.make_placement()
    db.session.commit()
    return mine, theirs


def _hours(client, placement_id, headers, **body):
    return client.post(f"/api/v1/placements/{placement_id}/hours",
                       json={"week": "2026-W46", "minutes": 360, **body}, headers=headers)


def test_a_business_reads_only_its_own_placements_and_weeks(client, two):
    mine, theirs = two
    headers = bearer(factories.make_user(role="business", business_id=mine.business_id))
    listed = client.get("/api/v1/placements", headers=headers).get_json()
    assert [p["id"] for p in listed["items"]] == [mine.id]
    assert "cpr" not in str(listed).lower()
    assert client.get(f"/api/v1/placements/{mine.id}", headers=headers).status_code == 200
    weeks = client.get(f"/api/v1/placements/{mine.id}/hours", headers=headers).get_json()
    assert [w["week"] for w in weeks["items"]] == ["2026-W47", "2026-W46", "2026-W45"]
    assert {w["status"] for w in weeks["items"]} == {"missing"}
    entry = services.record_week(factories.make_user(), theirs, IsoWeek(2026, 46), 360,
                                 now=clock.now(), today=clock.today())
    db.session.commit()
    for path in (f"/api/v1/placements/{theirs.id}", f"/api/v1/placements/{theirs.id}/hours",
                 f"/api/v1/hours/{entry.id}"):
        response = client.get(path, headers=headers)
        assert response.status_code == 404 and response.get_json()["error"]["status"] == 404


def test_a_jobcenter_reads_only_its_municipalitys_placements(client, two):
    mine, theirs = two
    from smajob.candidates.models import Candidate

    candidate = db.session.get(Candidate, mine.candidate_id)
    headers = bearer(factories.make_user(role="jobcenter",
                                         municipality_id=candidate.municipality_id))
    listed = client.get("/api/v1/placements", headers=headers).get_json()
    assert [p["id"] for p in listed["items"]] == [mine.id]
    assert client.get(f"/api/v1/placements/{theirs.id}", headers=headers).status_code == 404
    assert client.get(f"/api/v1/placements/{theirs.id}/hours",
                      headers=headers).status_code == 404
    assert _hours(client, mine.id, headers).status_code == 403


def test_the_bureau_writes_a_week_once_and_changes_it_with_if_match(client, two):
    mine, _ = two
    headers = bearer(factories.make_user(role="consultant"))
    created = _hours(client, mine.id, headers)
    assert created.status_code == 201 and created.headers["ETag"] == '"1"'
    entry_id = created.get_json()["entry_id"]
    again = _hours(client, mine.id, headers, minutes=420)
    assert again.status_code == 409 and count(HoursEntry) == 1
    path = f"/api/v1/hours/{entry_id}"
    assert client.put(path, json={"minutes": 300}, headers=headers).status_code == 428
    stale = client.put(path, json={"minutes": 300}, headers={**headers, "If-Match": '"7"'})
    assert stale.status_code == 412
    changed = client.put(path, json={"minutes": 300}, headers={**headers, "If-Match": '"1"'})
    assert changed.status_code == 200 and changed.headers["ETag"] == '"2"'
    assert changed.get_json()["minutes"] == 300
    lost = client.put(path, json={"minutes": 240}, headers={**headers, "If-Match": '"1"'})
    assert lost.status_code == 412  # someone else's change is not overwritten
    read = client.get(path, headers=headers)
    assert read.headers["ETag"] == '"2"' and read.get_json()["minutes"] == 300
    assert count(HoursEvent) == 2


@pytest.mark.parametrize(("body", "field"), [
    ({"minutes": -60}, "minutes"), ({"week": "2026-W48"}, "minutes"),
    ({"week": "2025-W53"}, "week"), ({"week": "next week"}, "week"),
    ({"per_day": [60, 60, 60, 0, 0, 0, 0]}, "minutes"), ({"per_day": [1]}, "per_day"),
    ({"minutes": 8 * 1440}, "minutes"), ({"week": "2026-W44"}, "minutes"),
    ({"colour": "red"}, "body"),
])
def test_bad_weeks_are_422_with_the_field_and_save_nothing(client, two, body, field):
    mine, _ = two
    response = _hours(client, mine.id, bearer(factories.make_user()), **body)
    assert response.status_code == 422 and field in error_fields(response), response.get_json()
    assert count(HoursEntry) == 0 and count(HoursEvent) == 0


def test_businesses_and_jobcenters_cannot_write_weeks(client, two):
    mine, _ = two
    business = bearer(factories.make_user(role="business", business_id=mine.business_id))
    assert _hours(client, mine.id, business).status_code == 403
    assert count(HoursEntry) == 0


def test_the_bureau_confirms_a_week_the_business_wrote(client, two):
    mine, _ = two
    owner = factories.make_user(role="business", business_id=mine.business_id)
    entry = services.record_week(owner, mine, IsoWeek(2026, 46), 360, now=clock.now(),
                                 today=clock.today())
    db.session.commit()
    headers = bearer(factories.make_user())
    path = f"/api/v1/hours/{entry.id}/confirm"
    assert client.post(path, headers=headers).status_code == 428
    assert client.post(path, headers={**headers, "If-Match": '"9"'}).status_code == 412
    done = client.post(path, headers={**headers, "If-Match": '"1"'})
    assert done.status_code == 200 and done.get_json()["status"] == "confirmed"
    etag = done.headers["ETag"]
    assert client.post(path, headers={**headers, "If-Match": etag}).status_code == 409
    fix = client.put(f"/api/v1/hours/{entry.id}", json={"minutes": 300},
                     headers={**headers, "If-Match": etag})
    assert fix.status_code == 422 and "reason" in error_fields(fix)
    fix = client.put(f"/api/v1/hours/{entry.id}", json={"minutes": 300, "reason": "Syg fredag"},
                     headers={**headers, "If-Match": etag})
    assert fix.status_code == 200 and fix.get_json()["status"] == "entered"


def test_the_side_that_wrote_a_week_cannot_confirm_it(client, two):
    mine, _ = two
    headers = bearer(factories.make_user())
    entry_id = _hours(client, mine.id, headers).get_json()["entry_id"]
    own = client.post(f"/api/v1/hours/{entry_id}/confirm", headers={**headers, "If-Match": '"1"'})
    assert own.status_code == 422 and db.session.get(HoursEntry, entry_id).status == "entered"


def test_whole_numbers_written_with_a_decimal_point_are_stored_as_integers(client, two):
    """JSON Schema counts 390.0 as an integer; it must reach the ledger (and the confirmation
    mail, which formats it) as the int 390, never a 500."""
    mine, _ = two
    response = _hours(client, mine.id, bearer(factories.make_user()), minutes=390.0,
                      per_day=[390.0, 0, 0, 0, 0, 0, 0])
    assert response.status_code == 201, response.get_json()
    entry = db.session.get(HoursEntry, response.get_json()["entry_id"])
    assert entry.minutes == 390 and type(entry.minutes) is int
    assert entry.per_day == [390, 0, 0, 0, 0, 0, 0] and type(entry.per_day[0]) is int
    assert response.get_json()["minutes"] == 390
    bad = _hours(client, mine.id, bearer(factories.make_user()), week="2026-W45", minutes=390.5)
    assert bad.status_code == 422 and "minutes" in error_fields(bad)
