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
