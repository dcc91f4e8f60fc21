"""The security pass over the whole app (QUALITY.md), run by `make test`:

- test_role_matrix: every role × every web route with ids and every POST, and the whole API;
- test_route_coverage: nothing in app.url_map outside those matrices, the allowed side for the
  routes with ids, the API closed to a browser session (so no CSRF there), and an index of the
  IDOR test for every route with an id a business or jobcenter user can call;
- test_idor: tenant A reaching for tenant B's objects, by web and API, ids in query strings and
  bodies;
- test_xss: stored payloads through the forms, escaped on every page for every role;
- test_xss_columns: a payload in every free-text column of the schema, every page, every role;
- test_bandit: static analysis, nothing of medium or high severity;
- test_sqlmap: sqlmap against list pages, a report, API lists and the login form on loopback.

Login on every route, CSRF on every POST route, no writes on GET, security headers and cookie
flags are in tests/web/test_security.py; token auth and rate limits in tests/web/test_api.py.
"""
