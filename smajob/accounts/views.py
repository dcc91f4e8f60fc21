"""Log in and out, password reset by e-mail, change password, choose language."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from smajob import clock, unit_of_work
from smajob.accounts import services
from smajob.accounts.auth import log_in, log_out
from smajob.accounts.forms import (
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    NewPasswordForm,
    ResetRequestForm,
)
from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.mail.notifier import queue_mail
from smajob.permissions import guard
from smajob.web import apply_violation, client_address, safe_next

bp = Blueprint("auth", __name__)
guard(bp, public_endpoints=("login", "forgot", "reset", "language"))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(safe_next())
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data,
                                         address=client_address(), now=clock.now())
        except RuleViolation as error:
            db.session.commit()  # keep the failed attempt: throttling counts it
            form.form_errors.append(str(error.message))
            status = 429 if isinstance(error, services.LoginThrottled) else 422
            return render_template("auth/login.html", form=form), status
        log_in(user)
        record_audit(user, "login", object_type="user", object_id=user.id,
                     municipality_id=user.municipality_id)
        unit_of_work.commit()
        return redirect(safe_next())
    status = 422 if form.is_submitted() else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    record_audit(current_user, "logout", object_type="user", object_id=current_user.id)
    log_out()
    unit_of_work.commit()
    flash(_("Du er logget ud."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/forgot", methods=["GET", "POST"])
def forgot():
    form = ResetRequestForm()
    if form.validate_on_submit():
        found = services.request_password_reset(form.email.data, now=clock.now())
        if found:
            user, token = found
            queue_mail(user.email, "password_reset", "password_reset", language=user.language,
                       user=user, link=url_for("auth.reset", token=token, _external=False))
        unit_of_work.commit()
        flash(_("Hvis adressen hører til en bruger, har vi sendt et link til at vælge en ny "
                "adgangskode. Linket virker i en time."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 422 if form.is_submitted() else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    if len(token) > 100 or services.get_valid_reset(token, now=clock.now()) is None:
        return render_template("auth/reset_invalid.html"), 404
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data, now=clock.now())
        except RuleViolation as error:
            apply_violation(form, error)
            return render_template("auth/reset.html", form=form), 422
        unit_of_work.commit()
        flash(_("Din adgangskode er skiftet. Log ind med den nye."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form), 422 if form.is_submitted() else 200


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user, current=form.current_password.data,
                                     new=form.password.data, now=clock.now())
        except RuleViolation as error:
            apply_violation(form, error)
            return render_template("auth/change_password.html", form=form), 422
        log_in(current_user._get_current_object())  # every old session ended; start a fresh one
        unit_of_work.commit()
        flash(_("Din adgangskode er skiftet."), "success")
        return redirect(url_for("main.dashboard"))
    status = 422 if form.is_submitted() else 200
    return render_template("auth/change_password.html", form=form), status


@bp.route("/language", methods=["POST"])
def language():
    form = LanguageForm()
    if not form.validate_on_submit():
        abort(400)
    session["lang"] = form.language.data
    if current_user.is_authenticated:
        current_user.language = form.language.data
        db.session.commit()
    return redirect(safe_next() if request.values.get("next") else url_for("main.dashboard"))
