"""Administration: users, scheduled job runs, the mail outbox and the audit log."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from smajob import clock, scheduler, unit_of_work
from smajob.accounts.models import User
from smajob.accounts.users import UserData, create_user, list_users, set_user_active, update_user
from smajob.admin import queries
from smajob.admin.forms import ROLE_LABELS, AuditFilterForm, ConfirmForm, NewUserForm, UserForm
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.permissions import Role, guard
from smajob.web import apply_violation

bp = Blueprint("admin", __name__, url_prefix="/admin")
guard(bp, Role.ADMIN)


def _fill_choices(form: UserForm) -> None:
    form.municipality_id.choices = [(0, "—"), *queries.municipality_choices()]
    form.business_id.choices = [(0, "—"), *queries.business_choices()]


def _user_data(form: UserForm) -> UserData:
    return UserData(email=form.email.data, name=form.name.data, role=Role(form.role.data),
                    municipality_id=form.municipality_id.data or None,
                    business_id=form.business_id.data or None, language=form.language.data)


@bp.route("/users")
def users():
    role = request.args.get("role") if request.args.get("role") in set(Role) else None
    query = (request.args.get("q") or "")[:100]
    return render_template("admin/users.html", users=list_users(role=role, query=query),
                           role=role, q=query, confirm=ConfirmForm(), role_labels=ROLE_LABELS)


@bp.route("/users/new", methods=["GET", "POST"])
def create():
    form = NewUserForm()
    _fill_choices(form)
    if form.validate_on_submit():
        try:
            user = create_user(current_user, _user_data(form), form.password.data,
                               now=clock.now())
        except RuleViolation as error:
            apply_violation(form, error)
            return render_template("admin/user_form.html", form=form, user=None), 422
        unit_of_work.commit()
        flash(_("Brugeren %(name)s er oprettet.", name=user.name), "success")
        return redirect(url_for("admin.users"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=None), status


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user) if request.method == "GET" else UserForm()
    _fill_choices(form)
    if request.method == "GET":
        form.municipality_id.data = user.municipality_id or 0
        form.business_id.data = user.business_id or 0
    if form.validate_on_submit():
        try:
            update_user(current_user, user, _user_data(form), now=clock.now())
        except RuleViolation as error:
            apply_violation(form, error)
            return render_template("admin/user_form.html", form=form, user=user), 422
        unit_of_work.commit()
        flash(_("Ændringerne er gemt."), "success")
        return redirect(url_for("admin.users"))
    status = 422 if form.is_submitted() else 200
    return render_template("admin/user_form.html", form=form, user=user,
                           confirm=ConfirmForm()), status


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def set_active(user_id: int):
    user = db.get_or_404(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    activate = request.form.get("active") == "1"
    try:
        set_user_active(current_user, user, activate, now=clock.now())
    except RuleViolation as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("admin.edit", user_id=user.id))
    unit_of_work.commit()
    flash(_("Brugeren er aktiveret.") if activate else _("Brugeren er deaktiveret og logget ud."),
          "success")
    return redirect(url_for("admin.users"))


@bp.route("/jobs")
def job_runs():
    return render_template("admin/job_runs.html", jobs=scheduler.JOBS,
                           runs=queries.recent_job_runs(), confirm=ConfirmForm())


@bp.route("/jobs/<job_id>/run", methods=["POST"])
def run_now(job_id: str):
    try:
        scheduler.get_job(job_id)
    except KeyError:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    run = scheduler.run_job(app, job_id, trigger="manual")
    flash(_("Jobbet %(job)s er kørt: %(outcome)s.", job=job_id, outcome=run.outcome),
          "success" if run.outcome == "success" else "error")
    return redirect(url_for("admin.job_runs"))


@bp.route("/outbox")
def outbox():
    return render_template("admin/outbox.html", messages=queries.recent_mail())


@bp.route("/outbox/<int:message_id>")
def outbox_message(message_id: int):
    from smajob.mail.models import OutboxMessage

    return render_template("admin/outbox_message.html",
                           message=db.get_or_404(OutboxMessage, message_id))


@bp.route("/audit")
def audit():
    form = AuditFilterForm(request.args)
    events = queries.audit_events(
        actor_id=form.actor_id.data if form.validate() else None,
        candidate_id=form.candidate_id.data if form.validate() else None,
        action=form.action.data or None)
    actors = {u.id: u for u in db.session.scalars(
        select(User).where(User.id.in_({e.actor_id for e in events if e.actor_id})))}
    return render_template("admin/audit.html", form=form, events=events, actors=actors)
