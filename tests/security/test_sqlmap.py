"""SQL injection (OWASP ASVS 1.2.4) probed from outside: sqlmap against the real app served on
loopback with seeded data, on the test database (SQLite, or PostgreSQL with
SMAJOB_TEST_DATABASE_URL; sqlmap is told which). Logged in through a real session cookie or an
API token, it tests the query parameters of the staff task and candidate lists, a jobcenter
report, two API lists, and the login form (with its CSRF token): every parameter is tested and
none is injectable. A deliberately injectable route, added only to the app of one test, proves
the harness sees an injection when there is one."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from urllib.parse import quote
from urllib.request import Request, urlopen

import pytest
from argon2 import PasswordHasher
from flask import request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from smajob.accounts import passwords
from smajob.extensions import db
from tests.api_helpers import bearer
from tests.security import sqlmap_runner
from tests.security.world import make_tenant


@pytest.fixture
def app_config():
    # CSRF on for the login form; the login throttle and API rate limit would otherwise answer
    # sqlmap's hundreds of requests with 429s and hide whatever lay behind (both are tested in
    # tests/web/test_auth.py and tests/web/test_api.py).
    return {"WTF_CSRF_ENABLED": True, "API_RATE_LIMIT_PER_MINUTE": 1_000_000,
            "LOGIN_MAX_FAILURES": 1_000_000, "LOGIN_MAX_FAILURES_PER_IP": 1_000_000}


@dataclass(frozen=True)
class Target:
    name: str
    role: str  # who asks: a web session ("consultant", "jobcenter") or an API token ("api:…")
    path: str  # with the original values; they must find tenant Alfa's data (see `_shows`)
    params: tuple[str, ...]
    shows: str = "Alfa"


TARGETS = [
    Target("staff task list", "consultant",
           "/opgaver/?q=alfa&status=open&postcode=9000&sort=submitted&category={category}",
           ("q", "status", "postcode", "sort", "category")),
    Target("staff candidate list", "consultant", "/borgere/?q=Alfa&status=placed&side=1",
           ("q", "status", "side")),
    Target("jobcenter report", "jobcenter",
           "/rapporter/fordeling?efter=benefit_type&fra=2025-01-01&til=2026-11-16",
           ("efter", "fra", "til"), shows="Alfa Kommune"),
    Target("API tasks", "api:business", "/api/v1/tasks?status=open&page=1&per_page=20",
           ("status", "page", "per_page")),
    Target("API candidates", "api:jobcenter", "/api/v1/candidates?q=Alfa&status=placed&page=1",
           ("q", "status", "page")),
]


@pytest.fixture
def hits(app):
    """Requests the server answered, by path (registered before the server starts)."""
    counted: Counter[str] = Counter()
    app.after_request(lambda response: counted.update([request.path]) or response)
    return counted


def _credentials(role: str, tenant, login_as, client, app) -> tuple[str | None, tuple]:
    """(cookie, headers) for the role: a logged-in session cookie, or a bearer token."""
    if role.startswith("api:"):
        user = tenant.business_user if role == "api:business" else tenant.jobcenter_user
        return None, tuple(f"{k}: {v}" for k, v in bearer(user).items())
    fields = {"municipality_id": tenant.municipality.id} if role == "jobcenter" else {}
    login_as(role, **fields)
    name = app.config["SESSION_COOKIE_NAME"]
    return f"{name}={client.get_cookie(name).value}", ()


def _shows(url: str, cookie: str | None, headers: tuple, expected: str) -> None:
    """The original request is answered 200 with the seeded data (so true and false payloads
    would give different pages, and a redirect to the login page cannot pass for a result)."""
    request_ = Request(url, headers=dict(h.split(": ", 1) for h in headers))  # noqa: S310
    if cookie:
        request_.add_header("Cookie", cookie)
    with urlopen(request_, timeout=10) as response:  # noqa: S310 — http on loopback
        assert response.status == 200 and response.url == url
        assert expected in response.read().decode()


def _assert_clean(report: sqlmap_runner.Report, params, hits: int) -> None:
    assert set(params) <= report.tested, (params, report.tested, report.output[-3000:])
    assert set(params) <= report.clean, report.output[-3000:]
    assert not report.injectable and not report.log.strip(), report.output[-5000:]
    assert not report.redirected() and not report.troubles(), report.output[-3000:]
    assert not {code for code in report.http_errors if code >= 500 or code in (401, 403)}, \
        report.http_errors
    assert hits >= 20 * len(params), hits  # it really asked, many times per parameter


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_sqlmap_finds_no_injectable_parameter(app, live_server, login_as, client, hits,
                                              tmp_path, target):
    tenant = make_tenant("Alfa")
    make_tenant("Bravo")
    cookie, headers = _credentials(target.role, tenant, login_as, client, app)
    url = live_server + target.path.format(category=tenant.task.category_id)
    _shows(url, cookie, headers, target.shows)
    report = sqlmap_runner.run(url, dbms=db.engine.dialect.name, workdir=tmp_path,
                               params=list(target.params), cookie=cookie, headers=headers)
    _assert_clean(report, target.params, hits[target.path.split("?")[0]])


@pytest.fixture
def cheap_hashing(monkeypatch):
    """argon2 at its smallest cost: each login verifies a hash (a dummy one for an unknown
    e-mail), and at 64 MiB and t=3 that is ~0.1–0.2 s here, a minute for each parameter."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                               parallelism=1))
    passwords.dummy_hash.cache_clear()
    yield
    passwords.dummy_hash.cache_clear()


def test_sqlmap_finds_no_injectable_field_in_the_login_form(live_server, hits, cheap_hashing,
                                                            tmp_path):
    make_tenant("Alfa")
    login = f"{live_server}/login"
    report = sqlmap_runner.run(login, dbms=db.engine.dialect.name, workdir=tmp_path,
                               params=["email", "password"], csrf_token="csrf_token",
                               data="csrf_token=x&email=ukendt%40example.com&password=forkert")
    _assert_clean(report, ("email", "password"), hits["/login"] // 2)  # a GET for each token
    assert 400 not in report.http_errors, "sqlmap did not get past the CSRF check"
    assert report.http_errors.get(422, 0) >= 20  # the form answered: wrong e-mail or password


def test_the_harness_reports_an_injectable_parameter(app, live_server, hits, tmp_path):
    """A throwaway route that builds its SQL from the query string, added to this test's app
    only: sqlmap must flag it, or the clean runs above prove nothing."""
    tenant = make_tenant("Alfa")

    def bait():
        sql = f"SELECT name FROM business WHERE name = '{request.args['name']}'"  # noqa: S608
        try:
            return ", ".join(db.session.scalars(text(sql))) or "-"
        except SQLAlchemyError:  # a plain 500: the app's 503 for OperationalError (SQLite's
            db.session.rollback()  # syntax errors) makes sqlmap back off as if rate-limited
            return "error", 500

    app.add_url_rule("/sqlmap-bait", "sqlmap_bait", bait)
    report = sqlmap_runner.run(f"{live_server}/sqlmap-bait?name={quote(tenant.business.name)}",
                               dbms=db.engine.dialect.name, workdir=tmp_path, params=["name"])
    assert report.injectable == {"name"} and not report.troubles(), report.output[-5000:]
    assert "Parameter: name (GET)" in report.log
    assert hits["/sqlmap-bait"] >= 10
