"""The jobcenter's pages: refer a candidate, follow its own municipality's candidates, withdraw.
Another municipality's candidate is a 404; the mentoring log is never shown here."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from smajob import clock, unit_of_work
from smajob.audit.services import record_audit
from smajob.candidates import cpr, queries, rules, services, webforms
from smajob.candidates.forms import OUTFLOW_LABELS, STATUS_LABELS, ReferralForm, WithdrawForm
from smajob.candidates.models import CandidateStatus
from smajob.errors import RuleViolation
from smajob.hours import queries as hours_queries
from smajob.permissions import Role, guard
from smajob.placements import queries as placement_queries
from smajob.web import apply_violation

bp = Blueprint("referrals", __name__, url_prefix="/jobcenter/borgere")
guard(bp, Role.JOBCENTER)


def _candidate(candidate_id: int):
    candidate = queries.get_for(current_user, candidate_id)
    if candidate is None:
        abort(404)
    return candidate


@bp.route("/")
def index():
    q, status = request.args.get("q", "")[:80], request.args.get("status", "")
    page = queries.search(current_user, q=q, status=status,
                          number=request.args.get("side", 1, type=int) or 1)
    record_audit(current_user, "candidate.search", object_type="candidate",
                 municipality_id=current_user.municipality_id, detail={"results": page.total})
    html = render_template("candidates/jobcenter_index.html", page=page, q=q, status=status,
                           status_labels=STATUS_LABELS)
    unit_of_work.commit()  # after rendering, as in the bureau's list: no reload of every row
    return html


@bp.route("/ny", methods=["GET", "POST"])
def refer():
    form = ReferralForm()
    webforms.referral_choices(form)
    if request.method == "GET":
        form.referral_date.data = clock.today()
    if form.validate_on_submit():
        try:
            candidate = services.refer(current_user, current_user.municipality_id,
                                       webforms.to_referral(form), now=clock.now(),
                                       today=clock.today())
            unit_of_work.commit()
            flash(_("Borgeren er henvist til bureauet."), "success")
            return redirect(url_for("referrals.show", candidate_id=candidate.id))
        except RuleViolation as error:
            apply_violation(form, error)
    return render_template("candidates/refer.html", form=form), (
        422 if form.is_submitted() else 200)


@bp.route("/<int:candidate_id>")
def show(candidate_id: int, withdraw_form=None, code=200):
    candidate = _candidate(candidate_id)
    record_audit(current_user, "candidate.view", object_type="candidate",
                 object_id=candidate.id, candidate_id=candidate.id,
                 municipality_id=candidate.municipality_id)
    unit_of_work.commit()
    return render_template(
        "candidates/jobcenter_show.html", candidate=candidate,
        withdraw_form=withdraw_form or WithdrawForm(formdata=None),
        can_withdraw=rules.can_move(candidate.status, CandidateStatus.WITHDRAWN),
        timeline=queries.timeline(candidate.id, with_mentoring=False),
        placements=placement_queries.for_candidate(candidate.id),
        hours_weeks=hours_queries.weeks_for_candidate(candidate.id),
        status_labels=STATUS_LABELS, outflow_labels=OUTFLOW_LABELS,
        cpr_masked=rules.mask_cpr(cpr.decrypt(candidate.cpr_encrypted))), code


@bp.route("/<int:candidate_id>/tilbagekald", methods=["POST"])
def withdraw(candidate_id: int):
    candidate = _candidate(candidate_id)
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            services.move(candidate, current_user, CandidateStatus.WITHDRAWN, now=clock.now(),
                          today=clock.today(), note=form.note.data)
            unit_of_work.commit()
            flash(_("Henvisningen er trukket tilbage."), "success")
            return redirect(url_for("referrals.show", candidate_id=candidate.id))
        except RuleViolation as error:
            apply_violation(form, error)
    return show(candidate_id, withdraw_form=form, code=422)
