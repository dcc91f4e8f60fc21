"""Object access (OWASP ASVS 8.2.2): a business or jobcenter of tenant A asking for tenant B's
placements, weeks, invoices, tasks and candidates — by the web pages and by the API — gets a
404 (or 403), never B's data, and its POSTs change nothing; B's municipality named in a query
string is ignored, and B's id in an API body is refused. (Routes tested in their own feature's
tests are indexed in test_route_coverage.py.)"""

import pytest
from sqlalchemy import func, select

from smajob.extensions import db
from tests.api_helpers import bearer
from tests.security.world import make_tenant


@pytest.fixture
def app_config():
    return {"API_RATE_LIMIT_PER_MINUTE": 1_000_000}


@pytest.fixture
def tenants():
    return make_tenant("Alfa"), make_tenant("Bravo")


def _rows() -> dict[str, int]:
    return {t.name: db.session.scalar(select(func.count()).select_from(t))
            for t in db.metadata.sorted_tables
            if t.name not in ("audit_event", "api_request_count", "api_token")}


def _assert_hidden(response, b, what: str) -> None:
    assert response.status_code in (403, 404), f"{what} → {response.status_code}"
    assert b.name not in response.get_data(as_text=True), f"{what} leaked {b.name}"


def test_a_business_cannot_reach_another_business_by_the_web(client, login_as, tenants):
    a, b = tenants
    login_as("business", business_id=a.business.id)
    before = _rows()
    gets = [f"/virksomhed/ansaettelser/{b.placement.id}", f"/virksomhed/fakturaer/{b.invoice.id}",
            f"/virksomhed/fakturaer/{b.invoice.id}.csv",
            f"/virksomhed/fakturaer/{b.invoice.id}.xlsx", f"/virksomhed/opgaver/{b.task.id}",
            f"/virksomhed/opgaver/{b.task.id}/rediger"]
    for path in gets:
        _assert_hidden(client.get(path), b, path)
    posts = {f"/virksomhed/ansaettelser/{b.placement.id}/timer": {"week": "2026-W46",
                                                                  "hours": "9"},
             f"/virksomhed/ansaettelser/{b.placement.id}/timer/{b.entry.id}/godkend":
                 {"version": "1"},
             f"/virksomhed/ansaettelser/{a.placement.id}/timer/{b.entry.id}/godkend":
                 {"version": "1"},
             f"/virksomhed/opgaver/{b.task.id}/pause": {},
             f"/virksomhed/opgaver/{b.task.id}/rediger": {"title": "Overtaget"}}
    for path, data in posts.items():
        _assert_hidden(client.post(path, data=data), b, path)
    for path in ("/virksomhed/ansaettelser/", "/virksomhed/fakturaer/", "/virksomhed/opgaver/"):
        page = client.get(path)
        assert page.status_code == 200 and b.name not in page.get_data(as_text=True), path
    assert _rows() == before


def test_a_jobcenter_cannot_reach_another_municipality_by_the_web(client, login_as, tenants):
    a, b = tenants
    login_as("jobcenter", municipality_id=a.municipality.id)
    before = _rows()
    _assert_hidden(client.get(f"/jobcenter/borgere/{b.candidate.id}"), b, "show")
    _assert_hidden(client.post(f"/jobcenter/borgere/{b.candidate.id}/tilbagekald",
                               data={"note": "Fejl"}), b, "withdraw")
    for path in ("/jobcenter/borgere/", "/jobcenter/indtaegter/"):
        page = client.get(path)
        assert page.status_code == 200 and b.name not in page.get_data(as_text=True), path
    found = client.get(f"/jobcenter/borgere/?q={b.name}").get_data(as_text=True)
    assert f"/jobcenter/borgere/{b.candidate.id}" not in found  # (the box echoes the query)
    assert _rows() == before


def test_a_business_cannot_reach_another_business_by_the_api(client, tenants):
    a, b = tenants
    headers = bearer(a.business_user)
    before = _rows()
    for path in (f"/api/v1/placements/{b.placement.id}",
                 f"/api/v1/placements/{b.placement.id}/hours", f"/api/v1/hours/{b.entry.id}",
                 f"/api/v1/invoices/{b.invoice.id}"):
        response = client.get(path, headers=headers)
        _assert_hidden(response, b, path)
        assert response.get_json()["error"]["status"] in (403, 404)
    for path in ("/api/v1/placements", "/api/v1/invoices", "/api/v1/tasks"):
        listed = client.get(path, headers=headers)
        assert listed.status_code == 200 and b.name not in listed.get_data(as_text=True), path
        assert listed.get_json()["total"] == 1, path
    assert _rows() == before


def test_a_jobcenter_cannot_reach_another_municipality_by_the_api(client, tenants):
    a, b = tenants
    headers = bearer(a.jobcenter_user)
    before = _rows()
    for path in (f"/api/v1/candidates/{b.candidate.id}", f"/api/v1/placements/{b.placement.id}",
                 f"/api/v1/placements/{b.placement.id}/hours", f"/api/v1/hours/{b.entry.id}"):
        _assert_hidden(client.get(path, headers=headers), b, path)
    for path in ("/api/v1/candidates", f"/api/v1/candidates?q={b.name}", "/api/v1/placements"):
        listed = client.get(path, headers=headers)
        assert listed.status_code == 200 and b.name not in listed.get_data(as_text=True), path
    own = client.get(f"/api/v1/candidates/{a.candidate.id}", headers=headers)
    assert own.status_code == 200 and a.name in own.get_data(as_text=True)
    _assert_hidden(client.put(f"/api/v1/hours/{b.entry.id}", json={"minutes": 1},
                              headers={**headers, "If-Match": '"1"'}), b, "put hours")
    assert _rows() == before


def test_a_jobcenter_cannot_name_another_municipality_in_the_query_string(client, login_as,
                                                                           tenants):
    a, b = tenants
    login_as("jobcenter", municipality_id=a.municipality.id)
    before = _rows()
    for path in ("/rapporter/", "/rapporter/udslusning", "/rapporter/kohorter",
                 "/rapporter/fordeling", "/rapporter/evaluering", "/besparelse/",
                 "/jobcenter/indtaegter/", "/timekrav/?vis=alle", "/jobcenter/opfoelgning/"):
        sep = "&" if "?" in path else "?"
        page = client.get(f"{path}{sep}kommune={b.municipality.id}")
        body = page.get_data(as_text=True)
        assert page.status_code == 200 and b.name not in body, path
    for path in ("/rapporter/udslusning?format=csv", "/besparelse/eksport.csv",
                 "/jobcenter/indtaegter/eksport.csv"):
        sep = "&" if "?" in path else "?"
        file = client.get(f"{path}{sep}kommune={b.municipality.id}")
        assert file.status_code == 200 and b.name.encode() not in file.data, path
    assert _rows() == before


def test_a_tenant_id_in_an_api_body_is_refused_not_taken(client, tenants):
    from tests.web.test_candidates_api import REFERRAL
    from tests.web.test_tasks_api import BODY

    a, b = tenants
    before = _rows()
    task = client.post("/api/v1/tasks", json={**BODY, "business_id": b.business.id},
                       headers=bearer(a.business_user))
    referral = client.post("/api/v1/candidates",
                           json={**REFERRAL, "municipality_id": b.municipality.id},
                           headers=bearer(a.jobcenter_user))
    assert (task.status_code, referral.status_code) == (422, 422)
    assert "business_id" in str(task.get_json()["error"])
    assert "municipality_id" in str(referral.get_json()["error"])
    assert _rows() == before
