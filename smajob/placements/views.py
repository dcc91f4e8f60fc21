"""The bureau's placement pages: every placement, missing and unconfirmed weeks, create one by
hand, and one placement's page (weeks and their history, dated terms, ending)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from smajob import clock, unit_of_work
from smajob.billing.money import parse_kroner
from smajob.candidates.models import Candidate, CandidateStatus
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.hours import queries as hours_queries
from smajob.hours import webforms as hours_web
from smajob.hours.forms import parse_hours
from smajob.hours.missing import missing_weeks
from smajob.permissions import Role, guard
from smajob.placements import queries, services, terms
from smajob.placements.forms import (
    END_REASON_LABELS,
    STATUS_LABELS,
    EndForm,
    NewPlacementForm,
    TermsForm,
)
from smajob.tasks.models import Task, TaskStatus
from smajob.web import apply_violation

bp = Blueprint("placements", __name__, url_prefix="/ansaettelser")
guard(bp, Role.CONSULTANT, Role.ADMIN)


@bp.route("/")
def index():
    status = request.args.get("status", "open")
    return render_template(
        "placements/index.html", status=status,
        page=queries.listing(status=status, number=request.args.get("side", 1, type=int) or 1),
        missing=missing_weeks(clock.today(), limit=100),
        waiting=hours_queries.awaiting_confirmation(side="business"),
        status_labels=STATUS_LABELS)


def _new_form() -> NewPlacementForm:
    form = NewPlacementForm()
    form.task_id.choices = [(0, _("Vælg en opgave"))] + [
        (t.id, f"{t.title} (#{t.id})") for t in db.session.scalars(
            select(Task).where(Task.status == TaskStatus.OPEN).order_by(Task.title))]
    form.candidate_id.choices = [(0, _("Vælg en borger"))] + [
        (c.id, f"{c.first_name} {c.last_name} (#{c.id})") for c in db.session.scalars(
            select(Candidate).where(Candidate.status.in_(
                [CandidateStatus.READY, CandidateStatus.PLACED])).order_by(Candidate.first_name))]
    if request.method == "GET":
        form.task_id.data = request.args.get("task_id", 0, type=int)
        form.candidate_id.data = request.args.get("candidate_id", 0, type=int)
    return form


@bp.route("/ny", methods=["GET", "POST"])
def create():
    form = _new_form()
    if form.validate_on_submit():
        task, candidate = (db.session.get(Task, form.task_id.data),
                           db.session.get(Candidate, form.candidate_id.data))
        if task is None or candidate is None:
            form.form_errors.append(_("Vælg både en opgave og en borger."))
        else:
            try:
                placement = services.create_placement(current_user, task, candidate,
                                                      start_date=form.start_date.data,
                                                      now=clock.now(), today=clock.today())
            except RuleViolation as error:
                apply_violation(form, error)
            else:
                unit_of_work.commit()
                flash(_("Ansættelsen er oprettet."), "success")
                return redirect(url_for("placements.show", placement_id=placement.id), 303)
    return render_template("placements/new.html", form=form), 422 if form.is_submitted() else 200


def _placement(placement_id: int):
    placement = queries.get(placement_id)
    if placement is None:
        abort(404)
    return placement


def _page(placement, *, week_form=None, terms_form=None, end_form=None, status=200):
    weeks = hours_queries.weeks_for(placement, clock.today())
    return render_template(
        "placements/show.html", placement=placement,
        task=db.session.get(Task, placement.task_id),
        candidate=db.session.get(Candidate, placement.candidate_id), weeks=weeks,
        histories={r.entry.id: hours_queries.history(r.entry.id) for r in weeks if r.entry},
        terms=terms.history(placement), week_form=week_form or hours_web.week_form(placement),
        terms_form=terms_form or TermsForm(prefix="terms"), end_form=end_form or EndForm(
            prefix="end"), status_labels=STATUS_LABELS, end_labels=END_REASON_LABELS,
        side="bureau"), status


@bp.route("/<int:placement_id>")
def show(placement_id: int):
    return _page(_placement(placement_id))


@bp.route("/<int:placement_id>/timer", methods=["POST"])
def record_hours(placement_id: int):
    return hours_web.record_route(_placement(placement_id), "placements.show", _page)


@bp.route("/<int:placement_id>/timer/<int:entry_id>/godkend", methods=["POST"])
def confirm_hours(placement_id: int, entry_id: int):
    return hours_web.confirm_route(_placement(placement_id), entry_id, "placements.show")


@bp.route("/<int:placement_id>/vilkaar", methods=["POST"])
def change_terms(placement_id: int):
    placement = _placement(placement_id)
    form = TermsForm(prefix="terms")
    if form.validate_on_submit():
        try:
            minutes = parse_hours(form.hours.data)
            wage, bill_rate = parse_kroner(form.wage.data), parse_kroner(form.bill_rate.data)
        except ValueError:
            form.form_errors.append(_("Skriv timer som fx 7,5 og beløb som fx 145,50."))
        else:
            try:
                terms.change_terms(current_user, placement, valid_from=form.valid_from.data,
                                   weekly_minutes=minutes or 0, wage=wage, bill_rate=bill_rate,
                                   reason=form.reason.data, now=clock.now(),
                                   today=clock.today())
            except RuleViolation as error:
                apply_violation(form, error)
            else:
                unit_of_work.commit()
                flash(_("De nye vilkår er gemt."), "success")
                return redirect(url_for("placements.show", placement_id=placement.id), 303)
    return _page(placement, terms_form=form, status=422)


@bp.route("/<int:placement_id>/afslut", methods=["POST"])
def end(placement_id: int):
    placement = _placement(placement_id)
    form = EndForm(prefix="end")
    if form.validate_on_submit():
        try:
            services.end_placement(current_user, placement, end_date=form.end_date.data,
                                   reason=form.reason.data, now=clock.now(), today=clock.today())
        except RuleViolation as error:
            apply_violation(form, error)
        else:
            unit_of_work.commit()
            flash(_("Ansættelsen er afsluttet."), "success")
            return redirect(url_for("placements.show", placement_id=placement.id), 303)
    return _page(placement, end_form=form, status=422)
