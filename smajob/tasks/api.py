"""API v1: GET /tasks (a business its own; the bureau all) and POST /tasks (a business posts a
task; the same rules as the forms, field errors as 422)."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request

from smajob import clock, unit_of_work, weekly
from smajob.api.core import ApiError, operation, page_args, page_body
from smajob.api.spec import PAGINATION, page_of
from smajob.errors import RuleViolation
from smajob.matching.vocabulary import TaskTrait
from smajob.permissions import Role
from smajob.tasks import queries, services
from smajob.tasks.categories import get_category_by_code
from smajob.tasks.models import TaskSource, TaskStatus

_TIME = {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}
_DATE = {"type": "string", "format": "date"}
TASK_SCHEMA = {"type": "object", "required": ["id", "title", "status", "category"],
               "properties": {
                   "id": {"type": "integer"}, "title": {"type": "string"},
                   "description": {"type": "string"}, "category": {"type": "string"},
                   "status": {"type": "string"}, "source": {"type": "string"},
                   "business_id": {"type": "integer"},
                   "pattern": {"type": "array", "items": {"type": "object"}},
                   "weekly_minutes": {"type": "integer"}, "start_date": _DATE,
                   "end_date": {"type": ["string", "null"]}, "seats": {"type": "integer"},
                   "address": {"type": "string"}, "postcode": {"type": "string"},
                   "wage": {"type": "integer"}, "agreement_min_wage": {"type": "integer"},
                   "bill_rate": {"type": ["integer", "null"]},
                   "traits": {"type": "array", "items": {"type": "string"}},
                   "danish_level": {"type": "integer"},
                   "rejection_reason": {"type": ["string", "null"]},
                   "submitted_at": {"type": "string"}}}
NEW_TASK_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["title", "description", "category", "pattern", "start_date", "address",
                 "postcode", "contact_name", "contact_phone", "contact_email", "agreement",
                 "agreement_min_wage", "wage"],
    "properties": {
        "title": {"type": "string", "maxLength": 120},
        "description": {"type": "string", "maxLength": 4000},
        "category": {"type": "string", "maxLength": 30},
        "pattern": {"type": "array", "minItems": 1, "maxItems": 14, "items": {
            "type": "object", "required": ["weekday", "start", "end"],
            "additionalProperties": False, "properties": {
                "weekday": {"type": "integer", "minimum": 0, "maximum": 6},
                "start": _TIME, "end": _TIME}}},
        "start_date": _DATE, "end_date": {"type": ["string", "null"], "format": "date"},
        "seats": {"type": "integer", "minimum": 1, "maximum": 50, "default": 1},
        "address": {"type": "string", "maxLength": 200},
        "postcode": {"type": "string", "pattern": "^[0-9]{4}$"},
        "contact_name": {"type": "string", "maxLength": 120},
        "contact_phone": {"type": "string", "maxLength": 20},
        "contact_email": {"type": "string", "maxLength": 254},
        "contact_language": {"type": "string", "enum": ["da", "en"]},
        "agreement": {"type": "string", "maxLength": 120},
        "agreement_min_wage": {"type": "integer", "minimum": 1, "maximum": 100_000,
                               "description": "øre per hour"},
        "wage": {"type": "integer", "minimum": 1, "maximum": 100_000,
                 "description": "øre per hour"},
        "traits": {"type": "array", "maxItems": 6, "uniqueItems": True,
                   "items": {"type": "string", "enum": [t.value for t in TaskTrait]}},
        "danish_level": {"type": "integer", "minimum": 0, "maximum": 3},
    }}
STATUS_PARAM = {"name": "status", "in": "query", "required": False,
                "schema": {"type": "string", "enum": [s.value for s in TaskStatus]}}


def task_json(task) -> dict:
    return {"id": task.id, "title": task.title, "description": task.description,
            "category": task.category.code, "status": task.status, "source": task.source,
            "business_id": task.business_id,
            "pattern": [{"weekday": w.weekday, "start": weekly.clock_text(w.start),
                         "end": weekly.clock_text(w.end)} for w in weekly.from_json(task.pattern)],
            "weekly_minutes": task.weekly_minutes, "start_date": task.start_date.isoformat(),
            "end_date": task.end_date.isoformat() if task.end_date else None,
            "seats": task.seats, "address": task.address, "postcode": task.postcode,
            "wage": task.wage, "agreement_min_wage": task.agreement_min_wage,
            "bill_rate": task.bill_rate, "traits": list(task.traits or []),
            "danish_level": task.danish_level, "rejection_reason": task.rejection_reason,
            "submitted_at": task.submitted_at.isoformat()}


@operation("get", "/tasks", operation_id="list_tasks", summary="Tasks: a business its own",
           roles={Role.BUSINESS, Role.CONSULTANT, Role.ADMIN}, response=page_of(TASK_SCHEMA),
           query=(STATUS_PARAM, *PAGINATION), tag="tasks")
def list_tasks(user):
    page, per_page = page_args()
    status = request.args.get("status", "")
    if status and status not in {s.value for s in TaskStatus}:
        raise ApiError(422, "Invalid input", fields={"status": ["unknown status"]})
    business_id = user.business_id or -1 if user.role == Role.BUSINESS else 0
    result = queries.list_tasks(queries.TaskFilter(status=status, business_id=business_id,
                                                   page=page), page_size=per_page)
    items = [task_json(t) for t in result.items] if result.page == page else []
    return jsonify(page_body(items, page=page, per_page=per_page, total=result.total))


def _date(value, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ApiError(422, "Invalid input", fields={name: ["not a date (YYYY-MM-DD)"]}) from None


def _windows(pattern: list[dict]) -> list[weekly.Window]:
    try:
        return [weekly.Window(w["weekday"], weekly.parse_clock(w["start"]),
                              weekly.parse_clock(w["end"])) for w in pattern]
    except weekly.PatternError:
        raise ApiError(422, "Invalid input", fields={"pattern": ["not a time of day"]}) from None


@operation("post", "/tasks", operation_id="create_task", summary="Post a task (a business)",
           roles={Role.BUSINESS}, response=TASK_SCHEMA, request_schema=NEW_TASK_SCHEMA,
           status=201, tag="tasks")
def create_task(user, body):
    if user.business_id is None:
        raise ApiError(403, "Not allowed for this role")
    category = get_category_by_code(body["category"]) if body["category"].isascii() and \
        body["category"].isidentifier() else None
    start = _date(body["start_date"], "start_date")
    data = services.TaskInput(
        title=body["title"], description=body["description"],
        category_id=category.id if category else 0, windows=_windows(body["pattern"]),
        start_date=start, end_date=_date(body.get("end_date"), "end_date"),
        seats=body.get("seats", 1), address=body["address"], postcode=body["postcode"],
        contact_name=body["contact_name"], contact_phone=body["contact_phone"],
        contact_email=body["contact_email"], agreement=body["agreement"],
        agreement_min_wage=body["agreement_min_wage"], wage=body["wage"],
        traits=body.get("traits", []), danish_level=body.get("danish_level", 0),
        contact_language=body.get("contact_language", "da"))
    try:
        task = services.create_for_business(user, data, now=clock.now(), today=clock.today(),
                                            source=TaskSource.API)
    except RuleViolation as error:
        name = {"windows": "pattern", "category_id": "category"}.get(error.field or "",
                                                                     error.field or "body")
        raise ApiError(422, "Invalid input", fields={name: [str(error.message)]}) from None
    unit_of_work.commit()
    task = queries.get_task(task.id)
    return jsonify(task_json(task)), 201
