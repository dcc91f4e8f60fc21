"""API v1 candidates: a jobcenter lists, reads and refers its own municipality's candidates (another
municipality's is a 404, as on the web pages); the bureau reads all. Referral runs the web form's
rules: field errors are 422, and a CPR already in a course is refused, so a double submit of the
same referral makes one candidate. No CPR, mentoring log or health notes are ever sent."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request

from smajob import clock, unit_of_work
from smajob.api.core import ApiError, invalid, operation, page_args, page_body, paginate
from smajob.api.spec import PAGINATION, page_of
from smajob.audit.services import record_audit
from smajob.candidates import queries, services
from smajob.candidates.models import CandidateStatus
from smajob.errors import RuleViolation
from smajob.permissions import Role
from smajob.rates.catalogue import BENEFIT_TYPES

_TEXT = {"type": ["string", "null"]}
_DATE = {"type": "string", "format": "date"}
CANDIDATE_SCHEMA = {
    "type": "object",
    "required": ["id", "municipality_id", "first_name", "last_name", "status", "referral_date"],
    "properties": {
        "id": {"type": "integer"}, "municipality_id": {"type": "integer"},
        "first_name": {"type": "string"}, "last_name": {"type": "string"},
        "status": {"type": "string", "enum": [s.value for s in CandidateStatus]},
        "benefit_type": {"type": "string"}, "target_group": _TEXT, "case_reference": _TEXT,
        "referral_date": _DATE, "referring_consultant": _TEXT, "referral_note": _TEXT,
        "phone": _TEXT, "email": _TEXT, "address": _TEXT, "postcode": _TEXT,
        "consent_date": {"type": ["string", "null"], "format": "date"}, "consent_text": _TEXT,
        "has_cpr": {"type": "boolean"},
        "exited_on": {"type": ["string", "null"], "format": "date"}, "outflow": _TEXT}}
_OPTIONAL = {"type": "string", "maxLength": 2000}
REFERRAL_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["first_name", "last_name", "benefit_type", "referral_date"],
    "properties": {
        "first_name": {"type": "string", "maxLength": 80},
        "last_name": {"type": "string", "maxLength": 80},
        "benefit_type": {"type": "string", "enum": [code for code, *_ in BENEFIT_TYPES]},
        "referral_date": _DATE, "consent_date": {"type": ["string", "null"], "format": "date"},
        "cpr": {"type": "string", "maxLength": 11, "description": "ddmmåå-xxxx; stored encrypted"},
        "phone": {"type": "string", "maxLength": 20},
        "email": {"type": "string", "maxLength": 254},
        "address": {"type": "string", "maxLength": 200},
        "postcode": {"type": "string", "maxLength": 4},
        "case_reference": {"type": "string", "maxLength": 40},
        "target_group": {"type": "string", "maxLength": 80},
        "referring_consultant": {"type": "string", "maxLength": 120},
        "referral_note": _OPTIONAL, "consent_text": {"type": "string", "maxLength": 300}}}
FILTERS = (
    {"name": "q", "in": "query", "required": False, "description": "name or case reference",
     "schema": {"type": "string", "maxLength": 80}},
    {"name": "status", "in": "query", "required": False,
     "schema": {"type": "string", "enum": [s.value for s in CandidateStatus]}})
READERS = {Role.JOBCENTER, Role.CONSULTANT, Role.ADMIN}


def candidate_json(candidate) -> dict:
    def day(value):
        return value.isoformat() if value else None

    return {"id": candidate.id, "municipality_id": candidate.municipality_id,
            "first_name": candidate.first_name, "last_name": candidate.last_name,
            "status": candidate.status, "benefit_type": candidate.benefit_type,
            "target_group": candidate.target_group, "case_reference": candidate.case_reference,
            "referral_date": candidate.referral_date.isoformat(),
            "referring_consultant": candidate.referring_consultant,
            "referral_note": candidate.referral_note, "phone": candidate.phone,
            "email": candidate.email, "address": candidate.address,
            "postcode": candidate.postcode, "consent_date": day(candidate.consent_date),
            "consent_text": candidate.consent_text, "has_cpr": candidate.cpr_hash is not None,
            "exited_on": day(candidate.exited_on), "outflow": candidate.outflow}


@operation("get", "/candidates", operation_id="list_candidates",
           summary="Candidates: a jobcenter its own municipality's, the bureau all",
           roles=READERS, response=page_of(CANDIDATE_SCHEMA), query=(*FILTERS, *PAGINATION),
           tag="candidates")
def list_candidates(user):
    page, per_page = page_args()
    status = request.args.get("status", "")
    if status and status not in {s.value for s in CandidateStatus}:
        raise ApiError(422, "Invalid input", fields={"status": ["unknown status"]})
    q = request.args.get("q", "")
    if len(q) > 80:
        raise ApiError(422, "Invalid input", fields={"q": ["at most 80 characters"]})
    items, total = paginate(queries.filtered(user, q=q, status=status), page=page,
                            per_page=per_page)
    record_audit(user, "candidate.search", object_type="candidate",
                 municipality_id=user.municipality_id, detail={"results": total, "api": True})
    body = page_body([candidate_json(c) for c in items], page=page, per_page=per_page,
                     total=total)  # before the commit, which would reload every row
    unit_of_work.commit()
    return jsonify(body)


@operation("get", "/candidates/{candidate_id}", operation_id="get_candidate",
           summary="One candidate (another municipality's is a 404)", roles=READERS,
           response=CANDIDATE_SCHEMA, tag="candidates")
def get_candidate(user, candidate_id: int):
    candidate = queries.get_for(user, candidate_id)
    if candidate is None:
        raise ApiError(404, "Not found")
    record_audit(user, "candidate.view", object_type="candidate", object_id=candidate.id,
                 candidate_id=candidate.id, municipality_id=candidate.municipality_id)
    unit_of_work.commit()
    return jsonify(candidate_json(candidate))


def _date(value, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ApiError(422, "Invalid input", fields={name: ["not a date (YYYY-MM-DD)"]}) from None


@operation("post", "/candidates", operation_id="refer_candidate",
           summary="Refer a candidate to the bureau (a jobcenter, for its municipality)",
           roles={Role.JOBCENTER}, response=CANDIDATE_SCHEMA, request_schema=REFERRAL_SCHEMA,
           status=201, tag="candidates")
def refer_candidate(user, body):
    if user.municipality_id is None:
        raise ApiError(403, "Not allowed for this role")
    texts = {name: body.get(name, "") for name in (
        "first_name", "last_name", "phone", "email", "address", "postcode", "case_reference",
        "target_group", "referring_consultant", "referral_note", "consent_text", "cpr")}
    data = services.Referral(benefit_type=body["benefit_type"],
                             referral_date=_date(body["referral_date"], "referral_date"),
                             consent_date=_date(body.get("consent_date"), "consent_date"),
                             **texts)
    try:
        candidate = services.refer(user, user.municipality_id, data, now=clock.now(),
                                   today=clock.today())
    except RuleViolation as error:
        raise invalid(error) from None
    unit_of_work.commit()
    return jsonify(candidate_json(candidate)), 201
