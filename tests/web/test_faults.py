"""Faults: the database going away gives a friendly 503 (page or JSON), never a traceback."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError


@pytest.fixture
def db_down_route(app):
    def broken():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    app.add_url_rule("/_test/db-down", "db_down", broken)
    app.add_url_rule("/api/v1/_test/db-down", "api_db_down", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False


def test_database_down_shows_a_friendly_page(client, db_down_route):
    response = client.get("/_test/db-down")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    body = response.get_data(as_text=True)
    assert "midlertidigt utilgængelig" in body and "Traceback" not in body
    assert "connection refused" not in body


def test_database_down_answers_json_on_the_api(client, db_down_route):
    response = client.get("/api/v1/_test/db-down")
    assert response.status_code == 503
    assert response.json["error"]["status"] == 503


def _refused(*args, **kwargs):
    raise OperationalError("SELECT 1", {}, Exception("connection refused"))


def test_database_down_while_loading_a_signed_in_user_is_a_friendly_page(
        client, login_as, app, monkeypatch):
    from smajob.accounts import auth

    login_as("consultant")
    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(auth, "resolve_session", _refused)
    response = client.get("/opgaver/")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert "midlertidigt utilgængelig" in body and "Traceback" not in body
    assert response.headers["Cache-Control"] == "no-store"


def test_database_lost_mid_request_after_the_user_was_loaded_is_a_friendly_page(
        client, login_as, app):
    from flask_login import current_user

    def half_way():
        assert current_user.name  # loaded; the handler's rollback then expires it
        _refused()

    app.add_url_rule("/_test/half-way", "half_way", half_way)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    login_as("consultant", name="Konsulent Kurt")
    response = client.get("/_test/half-way")
    assert response.status_code == 503
    assert "Konsulent Kurt" not in response.get_data(as_text=True)  # rendered as for a visitor


def test_database_down_while_checking_an_api_token_is_a_json_503(client, app, monkeypatch):
    from smajob.api import tokens

    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(tokens, "authenticate", _refused)
    response = client.get("/api/v1/tasks", headers={"Authorization": "Bearer smj_x"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.json["error"]["status"] == 503
