"""The bureau's candidate pages: list, profile, checklist, status, mentoring log, timeline.
Every view and search of a candidate is audited."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from smajob import clock, unit_of_work
from smajob.audit.services import record_audit
from smajob.candidates import cpr, queries, rules, services, webforms
from smajob.candidates.forms import (
    KIND_LABELS,
    LIMIT_LABELS,
    OUTFLOW_LABELS,
    STATUS_LABELS,
    MentoringForm,
    ProfileForm,
    StatusForm,
)
from smajob.errors import RuleViolation
from smajob.hours import queries as hours_queries
from smajob.permissions import Role, guard
from smajob.placements import queries as placement_queries
from smajob.web import apply_violation

bp = Blueprint("candidates", __name__, url_prefix="/borgere")
guard(bp, Role.CONSULTANT, Role.ADMIN)


def _candidate(candidate_id: int):
    candidate = queries.get_for(current_user, candidate_id)
    if candidate is None:
        abort(404)
    return candidate


@bp.route("/")
def index():
    q, status = request.args.get("q", "")[:80], request.args.get("status", "")
    number = request.args.get("side", 1, type=int) or 1
    page = queries.search(current_user, q=q, status=status, number=number)
    record_audit(current_user, "candidate.search", object_type="candidate",
                 detail={"status": status[:20], "results": page.total})
    html = render_template("candidates/index.html", page=page, q=q, status=status,
                           status_labels=STATUS_LABELS, today=clock.today(),
                           deadline_state=rules.deadline_state)
    unit_of_work.commit()  # after rendering: a commit expires the rows (25 reloads); the page
    return html  # still leaves only once its audit line is committed


def _page(candidate, *, profile_form=None, status_form=None, mentoring_form=None, code=200):
    record_audit(current_user, "candidate.view", object_type="candidate",
                 object_id=candidate.id, candidate_id=candidate.id,
                 municipality_id=candidate.municipality_id)
    unit_of_work.commit()
    if profile_form is None:
        profile_form = ProfileForm(formdata=None)
        webforms.profile_choices(profile_form)
        webforms.fill_profile(profile_form, candidate)
    mentoring_form = mentoring_form or MentoringForm(formdata=None, on=clock.today())
    return render_template(
        "candidates/show.html", candidate=candidate, profile_form=profile_form,
        status_form=status_form or StatusForm(formdata=None), mentoring_form=mentoring_form,
        items=queries.readiness_items(), checked=queries.checked_items(candidate.id),
        timeline=queries.timeline(candidate.id, with_mentoring=True),
        mentoring=queries.mentoring(candidate.id), status_labels=STATUS_LABELS,
        placements=placement_queries.for_candidate(candidate.id),
        hours_weeks=hours_queries.weeks_for_candidate(candidate.id),
        outflow_labels=OUTFLOW_LABELS, limit_labels=LIMIT_LABELS, kind_labels=KIND_LABELS,
        cpr_masked=rules.mask_cpr(cpr.decrypt(candidate.cpr_encrypted)),
        deadline=rules.maturing_deadline(candidate.maturing_started_on),
        deadline_state=rules.deadline_state(candidate.maturing_started_on, clock.today()),
        language=webforms.language()), code


@bp.route("/<int:candidate_id>")
def show(candidate_id: int):
    return _page(_candidate(candidate_id))


@bp.route("/<int:candidate_id>/profil", methods=["POST"])
def profile(candidate_id: int):
    candidate = _candidate(candidate_id)
    form = ProfileForm()
    webforms.profile_choices(form)
    if form.validate_on_submit():
        try:
            services.update_profile(candidate, current_user, webforms.to_profile(form),
                                    now=clock.now())
            unit_of_work.commit()
            flash(_("Profilen er gemt."), "success")
            return redirect(url_for("candidates.show", candidate_id=candidate.id))
        except RuleViolation as error:
            apply_violation(form, error)
    return _page(candidate, profile_form=form, code=422)


@bp.route("/<int:candidate_id>/status", methods=["POST"])
def status(candidate_id: int):
    candidate = _candidate(candidate_id)
    form = StatusForm()
    if form.validate_on_submit():
        try:
            services.move(candidate, current_user, form.status.data, now=clock.now(),
                          today=clock.today(), note=form.note.data,
                          outflow=form.outflow.data or None, on=form.on.data)
            unit_of_work.commit()
            flash(_("Status er ændret."), "success")
            return redirect(url_for("candidates.show", candidate_id=candidate.id))
        except RuleViolation as error:
            apply_violation(form, error)
    return _page(candidate, status_form=form, code=422)


@bp.route("/<int:candidate_id>/tjekliste/<int:item_id>", methods=["POST"])
def tick(candidate_id: int, item_id: int):
    candidate = _candidate(candidate_id)
    if item_id not in {item.id for item in queries.readiness_items()}:
        abort(404)
    services.tick(candidate, current_user, item_id, request.form.get("checked") == "1",
                  now=clock.now())
    unit_of_work.commit()
    return redirect(url_for("candidates.show", candidate_id=candidate.id) + "#tjekliste")


@bp.route("/<int:candidate_id>/kontakt", methods=["POST"])
def mentoring(candidate_id: int):
    candidate = _candidate(candidate_id)
    form = MentoringForm()
    if form.validate_on_submit():
        try:
            services.add_mentoring(candidate, current_user, on=form.on.data, kind=form.kind.data,
                                   minutes=form.minutes.data, note=form.note.data,
                                   today=clock.today(), now=clock.now())
            unit_of_work.commit()
            flash(_("Kontakten er gemt."), "success")
            return redirect(url_for("candidates.show", candidate_id=candidate.id) + "#mentor")
        except RuleViolation as error:
            apply_violation(form, error)
    return _page(candidate, mentoring_form=form, code=422)
