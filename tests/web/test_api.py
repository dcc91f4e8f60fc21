"""The JSON API's plumbing: tokens shown once and stored hashed, auth, rate limits, errors, spec."""

import re

import pytest
from sqlalchemy import select

from smajob import clock
from smajob.api.models import ApiToken
from smajob.api.tokens import create_token
from smajob.extensions import db
from tests import factories


@pytest.fixture
def app_config():
    return {"API_RATE_LIMIT_PER_MINUTE": 5}


def _token_for(role="consultant", **fields):
    user = factories.make_user(role=role, **fields)
    _, plain = create_token(user, "test", now=clock.now())
    db.session.commit()
    return user, plain


def _auth(plain):
    return {"Authorization": f"Bearer {plain}"}


def test_a_token_is_shown_once_and_stored_only_as_a_hash(client, login_as):
    login_as("jobcenter")
    body = client.post("/account/api-tokens/", data={"name": "Fagsystem"}).get_data(as_text=True)
    plain = re.search(r"smj_[A-Za-z0-9_-]+", body).group(0)
    row = db.session.scalar(select(ApiToken))
    assert row.token_hash != plain and plain not in row.token_hash
    assert plain not in client.get("/account/api-tokens/").get_data(as_text=True)
    assert client.get("/api/v1/me", headers=_auth(plain)).json["role"] == "jobcenter"


def test_calls_without_a_valid_token_get_401_with_a_json_error(client):
    _, plain = _token_for()
    for headers in ({}, {"Authorization": "Bearer smj_nope"}, {"Authorization": plain}):
        response = client.get("/api/v1/me", headers=headers)
        assert response.status_code == 401
        assert response.json["error"]["status"] == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_revoked_tokens_and_deactivated_users_are_refused(client, login_as):
    user, plain = _token_for()
    assert client.get("/api/v1/me", headers=_auth(plain)).status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=_auth(plain)).status_code == 401
    owner = login_as("business")
    token, plain2 = create_token(owner, "x", now=clock.now())
    db.session.commit()
    client.post(f"/account/api-tokens/{token.id}/revoke")
    assert client.get("/api/v1/me", headers=_auth(plain2)).status_code == 401


def test_a_user_cannot_revoke_someone_elses_token(client, login_as):
    other, _ = _token_for()
    token = db.session.scalar(select(ApiToken).where(ApiToken.user_id == other.id))
    login_as("consultant")
    assert client.post(f"/account/api-tokens/{token.id}/revoke").status_code == 404
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_the_rate_limit_answers_429_with_retry_after(client):
    _, plain = _token_for()
    statuses = [client.get("/api/v1/me", headers=_auth(plain)).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
    response = client.get("/api/v1/me", headers=_auth(plain))
    assert response.json["error"]["title"] == "Rate limit exceeded"
    assert int(response.headers["Retry-After"]) > 0


def test_unknown_api_paths_get_a_json_404(client):
    _, plain = _token_for()
    response = client.get("/api/v1/nothing-here", headers=_auth(plain))
    assert response.status_code == 404 and response.json["error"]["status"] == 404


def test_the_openapi_document_is_public_and_describes_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    documented = {(m.upper(), "/api/v1" + p) for p, ops in document["paths"].items() for m in ops}
    routed = {(method, re.sub(r"<int:(\w+)>", r"{\1}", rule.rule))
              for rule in app.url_map.iter_rules() if rule.endpoint.startswith("api.")
              and rule.endpoint != "api.openapi"
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routed == documented
