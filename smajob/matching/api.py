"""API v1 match proposals (read, for the bureau): the latest finished run's proposals, or a given
run's, with score, shortlist rank, whether they are in the global plan, and the reasons. Reading
them is an access to candidates' data and is audited, as on the matcher's pages."""

from __future__ import annotations

from flask import jsonify, request

from smajob import unit_of_work
from smajob.api.core import ApiError, operation, page_args, page_body, paginate
from smajob.api.spec import PAGINATION, page_of
from smajob.audit.services import record_audit
from smajob.matching import queries
from smajob.permissions import BUREAU

PROPOSAL_SCHEMA = {
    "type": "object", "required": ["id", "run_id", "task_id", "candidate_id", "rank", "score"],
    "properties": {
        "id": {"type": "integer"}, "run_id": {"type": "integer"},
        "task_id": {"type": "integer"}, "task_title": {"type": "string"},
        "candidate_id": {"type": "integer"}, "candidate_name": {"type": "string"},
        "score": {"type": "number", "description": "0–1, three decimals"},
        "rank": {"type": "integer"}, "in_plan": {"type": "boolean"},
        "status": {"type": "string"}, "placement_id": {"type": ["integer", "null"]},
        "reasons": {"type": "array", "items": {"type": "object", "properties": {
            "code": {"type": "string"}, "da": {"type": "string"}, "en": {"type": "string"}}}}}}
_ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
FILTERS = (
    {"name": "run_id", "in": "query", "required": False, "schema": _ID,
     "description": "default: the latest finished run"},
    {"name": "task_id", "in": "query", "required": False, "schema": _ID},
    {"name": "in_plan", "in": "query", "required": False,
     "schema": {"type": "string", "enum": ["true", "false"]}})


def proposal_json(proposal, task, candidate) -> dict:
    return {"id": proposal.id, "run_id": proposal.run_id, "task_id": task.id,
            "task_title": task.title, "candidate_id": candidate.id,
            "candidate_name": f"{candidate.first_name} {candidate.last_name}".strip(),
            "score": round(proposal.score_milli / 1000, 3), "rank": proposal.rank,
            "in_plan": proposal.in_plan, "status": proposal.status,
            "placement_id": proposal.placement_id,
            "reasons": [{"code": code, "da": da, "en": en}
                        for code, da, en in proposal.reasons or []]}


def _audit(user, rows) -> None:
    """Log each proposal shown and commit. Call it after building the body from `rows`: the
    commit expires them, and reading them again would reload each one."""
    for proposal, _task, candidate in rows:
        record_audit(user, "match.view", object_type="match_proposal", object_id=proposal.id,
                     candidate_id=candidate.id, municipality_id=candidate.municipality_id)
    unit_of_work.commit()


def _id_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or not 0 < int(raw) < 2**31:
        raise ApiError(422, "Invalid input", fields={name: ["a positive integer"]})
    return int(raw)


@operation("get", "/match-proposals", operation_id="list_match_proposals",
           summary="Match proposals of the latest finished run (the bureau)", roles=set(BUREAU),
           response=page_of(PROPOSAL_SCHEMA), query=(*FILTERS, *PAGINATION), tag="matching")
def list_proposals(user):
    page, per_page = page_args()
    run_id, task_id = _id_arg("run_id"), _id_arg("task_id")
    in_plan = request.args.get("in_plan")
    if in_plan not in (None, "true", "false"):
        raise ApiError(422, "Invalid input", fields={"in_plan": ["true or false"]})
    if run_id is None:
        latest = queries.latest_run()
        run_id = latest.id if latest else -1
    rows, total = paginate(queries.proposals(run_id, task_id=task_id, in_plan=None if in_plan
                                             is None else in_plan == "true"),
                           page=page, per_page=per_page)
    body = page_body([proposal_json(*row) for row in rows], page=page, per_page=per_page,
                     total=total)
    _audit(user, rows)
    return jsonify(body)


@operation("get", "/match-proposals/{proposal_id}", operation_id="get_match_proposal",
           summary="One match proposal with its reasons", roles=set(BUREAU),
           response=PROPOSAL_SCHEMA, tag="matching")
def get_proposal(user, proposal_id: int):
    row = queries.get_proposal(proposal_id)
    if row is None:
        raise ApiError(404, "Not found")
    body = proposal_json(*row)
    _audit(user, [row])
    return jsonify(body)
