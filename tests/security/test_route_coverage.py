"""The security pass covers every route in `app.url_map`, for every role and for anonymous users:
the matrices in test_role_matrix.py and tests/web/test_security.py walk GET and POST of the web
and the declared API operations, so this checks that nothing lies outside them (no other
methods, no undeclared API route, no public endpoint added by accident), adds the allowed side
of the matrix for the routes with ids and the API methods other than GET and POST for anonymous
users, shows that a browser session cannot call the API (which is why the API needs no CSRF
token), and keeps an index of the IDOR test for every route a business or jobcenter user can
point at an object with."""

import importlib
import inspect
import re

import pytest

from smajob.api import spec
from smajob.api.core import PUBLIC as API_PUBLIC
from smajob.permissions import PUBLIC_ENDPOINTS, Role
from tests.security.world import make_tenant
from tests.web.test_security import EXPECTED_ROLES

# Reachable without logging in. Adding one must be deliberate.
EXPECTED_PUBLIC = {"static", "main.index", "main.healthz", "main.readyz", "auth.login",
                   "auth.forgot", "auth.reset", "auth.language", "finder.start",
                   "tasks_public.new", "tasks_public.thanks", "tasks_public.follow",
                   "hours_link.confirm", "badge.show"}
_IDOR = "tests.security.test_idor::test_a_{}_cannot_reach_another_{}"
_CLAIMS = "tests.web.test_claims::test_another_municipality_sees_nothing_and_cannot_decide"
# Each route with an id that a business or jobcenter user may call, and the test proving that
# tenant A gets 404/403 and changes nothing with tenant B's ids.
IDOR_TESTS = {
    "api_tokens.revoke": "tests.web.test_api::test_a_user_cannot_revoke_someone_elses_token",
    **dict.fromkeys(["portal.show", "portal.edit", "portal.change_status",
                     "portal_placements.show", "portal_placements.record_hours",
                     "portal_placements.confirm_hours", "portal_invoices.show",
                     "portal_invoices.download"], _IDOR.format("business", "business_by_the_web")),
    **dict.fromkeys(["referrals.show", "referrals.withdraw"],
                    _IDOR.format("jobcenter", "municipality_by_the_web")),
    "outcomes.record":
        "tests.web.test_outcomes::test_recording_another_municipalitys_follow_up_is_a_404",
    **dict.fromkeys(["claims.municipality", "claims.submit", "claims.statement",
                     "claims.statement_export", "claims.line", "claims.line_act",
                     "claims.batch", "claims.batch_act"], _CLAIMS),
    "tracker.show": "tests.web.test_tracker::test_the_jobcenter_sees_its_own_candidates_only",
    **dict.fromkeys(["api.get_candidate", "api.get_placement", "api.list_weeks", "api.get_week"],
                    _IDOR.format("jobcenter", "municipality_by_the_api")),
    "api.get_invoice": _IDOR.format("business", "business_by_the_api"),
}
MISSING = 999_999  # an id no seeded object has


def test_web_routes_answer_only_get_and_post_and_api_routes_are_declared_operations(app):
    declared = {(f"api.{op.operation_id}", op.method.upper()) for op in spec.OPERATIONS}
    routed = set()
    for rule in app.url_map.iter_rules():
        methods = rule.methods - {"HEAD", "OPTIONS"}
        if rule.endpoint.startswith("api.") and rule.endpoint not in API_PUBLIC:
            routed |= {(rule.endpoint, method) for method in methods}
        else:
            assert methods <= {"GET", "POST"}, rule.endpoint  # what the matrices walk
    assert routed == declared


def test_the_public_endpoints_are_exactly_the_expected_ones(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert PUBLIC_ENDPOINTS & endpoints == EXPECTED_PUBLIC


@pytest.mark.parametrize("role", [None, *Role])
def test_only_a_bearer_token_opens_the_api_never_a_browser_session(client, login_as, role):
    """Anonymous, or logged in on the web with a session cookie: 401 from every operation,
    whatever its method. So a forged cross-site request cannot ride the cookie into the API."""
    if role:
        login_as(role)
    for op in spec.OPERATIONS:
        path = "/api/v1" + re.sub(r"\{\w+\}", "1", op.path)
        response = client.open(path, method=op.method.upper(), json={})
        assert response.status_code == 401, f"{role} {op.method} {op.path}"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_every_page_with_ids_in_its_blueprints(app, client, login_as, role):
    """The allowed side of the matrix: the tenant's own user gets 200 on every GET route with
    ids of its blueprints (404 only for an id no object has), never 403."""
    tenant = make_tenant("Matrix")
    ids = {"placement_id": tenant.placement.id, "entry_id": tenant.entry.id,
           "invoice_id": tenant.invoice.id, "task_id": tenant.task.id,
           "candidate_id": tenant.candidate.id, "user_id": tenant.business_user.id,
           "municipality_id": tenant.municipality.id, "kind": "csv"}
    login_as(role, **{Role.BUSINESS: {"business_id": tenant.business.id},
                      Role.JOBCENTER: {"municipality_id": tenant.municipality.id}}.get(role, {}))
    opened = 0
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        if (not rule.arguments or "GET" not in rule.methods or blueprint == "api"
                or rule.endpoint in PUBLIC_ENDPOINTS or role not in EXPECTED_ROLES[blueprint]):
            continue
        path, expected = rule.rule, 200
        for argument in rule.arguments:
            expected = expected if argument in ids else 404
            path = re.sub(rf"<(?:\w+:)?{argument}>", str(ids.get(argument, MISSING)), path)
        status = client.get(path).status_code
        assert status == expected, f"{role} {rule.endpoint} {path} → {status}"
        opened += status == 200
    assert opened >= 3, opened


def _tenant_routes(app) -> dict[str, str]:
    """endpoint → its path up to the first argument, for every route with an id that a business
    or jobcenter user may call (web by blueprint, API by declared roles)."""
    tenants = {Role.BUSINESS, Role.JOBCENTER}
    found = {}
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        ids = [a for a in rule.arguments if "int" in type(rule._converters[a]).__name__.lower()]
        if blueprint == "api" or not ids or rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        if tenants & EXPECTED_ROLES[blueprint]:
            found[rule.endpoint] = rule.rule.split("<")[0]
    for op in spec.OPERATIONS:
        if "{" in op.path and tenants & set(op.roles):
            found[f"api.{op.operation_id}"] = "/api/v1" + op.path.split("{")[0]
    return found


def test_every_route_with_an_id_of_a_tenant_has_an_idor_test(app):
    routes = _tenant_routes(app)
    assert set(routes) == set(IDOR_TESTS)
    for endpoint, reference in IDOR_TESTS.items():
        module, name = reference.split("::")
        source = inspect.getsource(getattr(importlib.import_module(module), name))
        assert routes[endpoint] in source, f"{reference} never asks {routes[endpoint]}"
