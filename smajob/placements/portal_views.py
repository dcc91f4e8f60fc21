"""The business portal's placements: who works for us, their weeks, write and confirm hours.
Every lookup is scoped to the user's business: another business's placement or week is a 404.
The business sees names, terms and hours — never CPR, health or mentoring notes."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from smajob import clock
from smajob.candidates.models import Candidate
from smajob.extensions import db
from smajob.hours import queries as hours_queries
from smajob.hours import webforms as hours_web
from smajob.hours.missing import missing_weeks
from smajob.permissions import Role, guard
from smajob.placements import queries
from smajob.placements.forms import END_REASON_LABELS, STATUS_LABELS
from smajob.tasks.models import Task
from smajob.web import current_business_id

bp = Blueprint("portal_placements", __name__, url_prefix="/virksomhed/ansaettelser")
guard(bp, Role.BUSINESS)


def _placement(placement_id: int):
    placement = queries.get(placement_id, business_id=current_business_id())
    if placement is None:
        abort(404)
    return placement


@bp.route("/")
def index():
    business_id = current_business_id()
    return render_template(
        "placements/portal_index.html",
        page=queries.listing(business_id=business_id,
                             number=request.args.get("side", 1, type=int) or 1),
        waiting=hours_queries.awaiting_confirmation(business_id=business_id, side="bureau"),
        missing=missing_weeks(clock.today(), business_id=business_id, limit=100),
        status_labels=STATUS_LABELS)


def _page(placement, week_form=None, status=200):
    weeks = hours_queries.weeks_for(placement, clock.today())
    candidate = db.session.get(Candidate, placement.candidate_id)
    return render_template(
        "placements/portal_show.html", placement=placement,
        task=db.session.get(Task, placement.task_id),
        person=f"{candidate.first_name} {candidate.last_name}", weeks=weeks,
        histories={r.entry.id: hours_queries.history(r.entry.id) for r in weeks if r.entry},
        week_form=week_form or hours_web.week_form(placement), status_labels=STATUS_LABELS,
        end_labels=END_REASON_LABELS, side="business"), status


@bp.route("/<int:placement_id>")
def show(placement_id: int):
    return _page(_placement(placement_id))


@bp.route("/<int:placement_id>/timer", methods=["POST"])
def record_hours(placement_id: int):
    return hours_web.record_route(_placement(placement_id), "portal_placements.show", _page)


@bp.route("/<int:placement_id>/timer/<int:entry_id>/godkend", methods=["POST"])
def confirm_hours(placement_id: int, entry_id: int):
    return hours_web.confirm_route(_placement(placement_id), entry_id, "portal_placements.show")
