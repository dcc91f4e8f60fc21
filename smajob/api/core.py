"""The API blueprint: token authentication, rate limits, JSON validation and errors, pages,
ETags. Feature modules declare operations with `operation(...)`."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from flask import Blueprint, current_app, g, jsonify, request
from jsonschema import Draft202012Validator
from sqlalchemy import Select, func, select

from smajob import clock
from smajob.api import spec, tokens
from smajob.errors import RuleViolation
from smajob.extensions import csrf, db
from smajob.permissions import Role

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.guarded_roles = frozenset(Role)  # type: ignore[attr-defined]  every call needs a token
csrf.exempt(bp)  # no cookies: a bearer token cannot be forged cross-site
PUBLIC = {"api.openapi"}
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000


class ApiError(Exception):
    def __init__(self, status: int, title: str, detail: str | None = None,
                 fields: dict[str, list[str]] | None = None, headers: dict | None = None):
        super().__init__(title)
        self.status, self.title, self.detail = status, title, detail
        self.fields, self.headers = fields, headers or {}


@bp.errorhandler(ApiError)
def _api_error(error: ApiError):
    db.session.rollback()
    body: dict[str, Any] = {"status": error.status, "title": error.title, "detail": error.detail}
    if error.fields:
        body["fields"] = error.fields
    response = jsonify({"error": body})
    response.status_code = error.status
    response.headers.update(error.headers)
    if error.status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="smajob"'
    return response


@bp.before_request
def _authenticate():
    if request.endpoint in PUBLIC:
        return None
    header = request.headers.get("Authorization", "")
    raw = header[7:].strip() if header.lower().startswith("bearer ") else None
    now = clock.now()
    token = tokens.authenticate(raw, now=now)
    if token is None:
        raise ApiError(401, "Missing or invalid API token")
    limit = current_app.config["API_RATE_LIMIT_PER_MINUTE"]
    allowed, remaining = tokens.count_request(token, now=now, limit=limit)
    db.session.commit()  # the count stands even if the call fails
    if not allowed:
        raise ApiError(429, "Rate limit exceeded", f"At most {limit} requests a minute.",
                       headers={"Retry-After": str(60 - now.second)})
    g.api_user = token.user
    g.rate_remaining = remaining
    return None


@bp.after_request
def _rate_headers(response):
    if "rate_remaining" in g:
        response.headers["X-RateLimit-Remaining"] = str(g.rate_remaining)
    return response


def _validate(schema: dict, data: Any) -> None:
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if errors:
        fields: dict[str, list[str]] = {}
        for error in errors[:20]:
            name = ".".join(str(p) for p in error.path) or "body"
            fields.setdefault(name, []).append(error.message[:200])
        raise ApiError(422, "Invalid input", fields=fields)


def _integers(schema: dict, value: Any) -> Any:
    """JSON Schema counts 7.0 as an integer; the services get the int 7 (a float would reach
    integer columns and formats as 7.0)."""
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if isinstance(value, float) and "integer" in kinds and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        return {key: _integers(properties.get(key, {}), item) for key, item in value.items()}
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [_integers(schema["items"], item) for item in value]
    return value


def operation(method: str, path: str, *, operation_id: str, summary: str, roles: set[Role],
              response: dict, request_schema: dict | None = None, query: tuple = (),
              status: int = 200, tag: str = "general", etag: bool = False,
              if_match: bool = False, errors: tuple[int, ...] = ()):
    """Declare an API operation: route, role check, body validation, and its OpenAPI entry.
    `if_match` documents the required If-Match header; `errors` adds statuses such as 409."""
    def decorator(view: Callable):
        flask_path = path.replace("{", "<int:").replace("}", ">")

        @functools.wraps(view)
        def wrapper(**kwargs):
            if g.api_user.role not in roles:
                raise ApiError(403, "Not allowed for this role")
            if any(value > MAX_ID for value in kwargs.values()):
                raise ApiError(404, "Not found")  # beyond any id the database can hold
            if request_schema is not None:
                data = request.get_json(silent=True)
                if data is None:
                    raise ApiError(400, "Expected a JSON body")
                _validate(request_schema, data)
                kwargs["body"] = _integers(request_schema, data)
            return view(g.api_user, **kwargs)

        bp.add_url_rule(flask_path, operation_id, wrapper, methods=[method.upper()])
        spec.OPERATIONS.append(spec.Operation(
            method=method, path=path, operation_id=operation_id, summary=summary,
            roles=frozenset(roles), response=response, request=request_schema, query=query,
            status=status, tag=tag, etag=etag, if_match=if_match, errors=errors))
        return wrapper
    return decorator


def page_args() -> tuple[int, int]:
    """?page and ?per_page, validated (422 on nonsense)."""
    try:
        page = int(request.args.get("page", 1))
        per_page = int(request.args.get("per_page", 50))
    except ValueError as error:
        raise ApiError(422, "Invalid input", fields={"page": ["must be an integer"]}) from error
    if not 1 <= page <= MAX_PAGE or not 1 <= per_page <= 200:
        raise ApiError(422, "Invalid input",
                       fields={"page": ["1 ≤ page ≤ 100000 and 1 ≤ per_page ≤ 200"]})
    return page, per_page


def paginate(stmt: Select, *, page: int, per_page: int) -> tuple[list, int]:
    """One page of `stmt`'s rows (already ordered) and the total count; past the end is empty."""
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = list(db.session.execute(stmt.limit(per_page).offset((page - 1) * per_page)))
    return [row[0] if len(row) == 1 else tuple(row) for row in rows], total or 0


def invalid(violation: RuleViolation, rename: dict[str, str] | None = None) -> ApiError:
    """A service's RuleViolation as a 422 with the (API) field name."""
    name = (rename or {}).get(violation.field or "", violation.field or "body")
    return ApiError(422, "Invalid input", fields={name: [str(violation.message)]})


def page_body(items: list, *, page: int, per_page: int, total: int) -> dict:
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "next_page": page + 1 if page * per_page < total else None}


def etag_of(*parts: object) -> str:
    return '"' + hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32] + '"'


def version_etag(version: int) -> str:
    """The ETag of a versioned object: its version number, quoted."""
    return f'"{version}"'


def if_match_version() -> int:
    """The version named by If-Match: 428 without one, 412 if it names no version."""
    given = request.headers.get("If-Match", "").strip()
    if not given:
        raise ApiError(428, "If-Match is required", "Read the object first and send its ETag.")
    value = given.removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 9:
        raise ApiError(412, "The object changed since you read it")
    return int(value)


def require_if_match(current: str) -> None:
    """Optimistic concurrency for updates: 428 without If-Match, 412 if it is stale."""
    given = request.headers.get("If-Match")
    if not given:
        raise ApiError(428, "If-Match is required", "Read the object first and send its ETag.")
    if given.strip() != current and given.strip() != "*":
        raise ApiError(412, "The object changed since you read it")
