"""A user's own API tokens: create (shown once), list, revoke."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, Length

from smajob import clock, unit_of_work
from smajob.admin.forms import ConfirmForm
from smajob.api import tokens
from smajob.api.models import ApiToken
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.permissions import Role, guard
from smajob.web import apply_violation

bp = Blueprint("api_tokens", __name__, url_prefix="/account/api-tokens")
guard(bp, *Role)


class TokenForm(FlaskForm):
    name = StringField(_l("Navn på nøglen"), validators=[
        DataRequired(_l("Giv nøglen et navn, så du kan kende den igen.")), Length(max=80)],
        description=_l("Fx navnet på det system, der skal bruge den."))
    submit = SubmitField(_l("Opret nøgle"))


@bp.route("/", methods=["GET", "POST"])
def index():
    form = TokenForm()
    plain = None
    status = 200
    if form.validate_on_submit():
        try:
            _token, plain = tokens.create_token(current_user, form.name.data, now=clock.now())
        except RuleViolation as error:
            apply_violation(form, error)
            status = 422
        else:
            unit_of_work.commit()
            form = TokenForm(formdata=None)
    elif form.is_submitted():
        status = 422
    return render_template("api/tokens.html", form=form, plain=plain,
                           tokens=tokens.list_tokens(current_user), confirm=ConfirmForm()), status


@bp.route("/<int:token_id>/revoke", methods=["POST"])
def revoke(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    tokens.revoke_token(current_user, token, now=clock.now())
    unit_of_work.commit()
    flash(_("Nøglen er tilbagekaldt og virker ikke længere."), "success")
    return redirect(url_for("api_tokens.index"))
