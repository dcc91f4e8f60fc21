"""Access log lines: request id accepted or generated and echoed; JSON lines; 413 with a message."""

from __future__ import annotations

import json
import logging

from smajob.logs import JsonFormatter, request_id


def test_request_id_is_propagated_and_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"


def test_request_id_is_generated_when_missing_or_odd(client):
    assert len(client.get("/healthz").headers["X-Request-ID"]) == 32
    odd = client.get("/healthz", headers={"X-Request-ID": "a b<script>"})
    assert odd.headers["X-Request-ID"] != "a b<script>"
    assert request_id("x" * 65) != "x" * 65


def test_access_line_has_method_path_without_query_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger="smajob.access")
    client.get("/healthz?email=someone@example.dk", headers={"X-Request-ID": "r1"})
    record = next(r for r in caplog.records if r.name == "smajob.access")
    line = json.loads(JsonFormatter().format(record))
    assert line["method"] == "GET" and line["path"] == "/healthz" and line["status"] == 200
    assert line["request_id"] == "r1" and "duration_ms" in line and "user_id" in line
    assert "someone" not in json.dumps(line)


def test_request_too_large_is_413_with_a_message(client, app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/login", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert "for stor" in response.get_data(as_text=True)


def test_too_large_request_from_a_json_client_gets_a_json_413(client):
    response = client.post("/login", data={"email": "x" * (3 * 1024 * 1024)},
                           headers={"Accept": "application/json"})
    assert response.status_code == 413
    assert response.get_json()["error"]["status"] == 413


def test_hsts_is_off_in_development(tmp_path):
    from smajob import config

    loaded = config.load(str(tmp_path), environ={"SMAJOB_ENV": "development"})
    assert loaded["HSTS"] is False and loaded["SESSION_COOKIE_SECURE"] is False


def test_access_line_names_the_signed_in_user(client, login_as, caplog):
    caplog.set_level(logging.INFO, logger="smajob.access")
    user = login_as("consultant")
    client.get("/opgaver/")
    record = next(r for r in caplog.records if r.name == "smajob.access")
    assert record.user_id == user.id


def test_a_log_line_never_loads_the_user(app, client, login_as, caplog, monkeypatch):
    # the database may be what is down: logging about it must not query it again
    from smajob.accounts import auth

    login_as("consultant")
    loads = []
    monkeypatch.setattr(auth, "resolve_session", lambda *a, **k: loads.append(1))

    def logs_first():
        logging.getLogger("smajob.test").warning("no user loaded yet")
        return str(len(loads))

    app.add_url_rule("/_test/logs-first", "logs_first", logs_first)
    caplog.set_level(logging.INFO)
    assert client.get("/_test/logs-first").get_data(as_text=True) == "0"
    record = next(r for r in caplog.records if r.name == "smajob.test")
    assert record.user_id is None
