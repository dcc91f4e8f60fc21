"""General API operations: the spec itself and who the token belongs to."""

from __future__ import annotations

from flask import jsonify

from smajob.api import spec
from smajob.api.core import bp, operation
from smajob.permissions import Role

ME_SCHEMA = {"type": "object", "required": ["id", "name", "role"], "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
    "municipality_id": {"type": ["integer", "null"]},
    "business_id": {"type": ["integer", "null"]}}}


@bp.route("/openapi.json")
def openapi():
    return jsonify(spec.document())


@operation("get", "/me", operation_id="get_me", summary="The user this token belongs to",
           roles=set(Role), response=ME_SCHEMA)
def me(user):
    return jsonify({"id": user.id, "name": user.name, "role": str(user.role),
                    "municipality_id": user.municipality_id, "business_id": user.business_id})
