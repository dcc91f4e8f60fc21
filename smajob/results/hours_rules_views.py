"""Admin: the dated hours-requirement rules the tracker measures against."""

from __future__ import annotations

import re

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from smajob import clock, unit_of_work
from smajob.admin.queries import municipality_choices
from smajob.errors import RuleViolation
from smajob.permissions import Role, guard
from smajob.results import hours_rules
from smajob.results.forms import HoursRuleForm
from smajob.web import apply_violation

bp = Blueprint("hours_rules", __name__, url_prefix="/admin/hours-rules")
guard(bp, Role.ADMIN)

_CODE = re.compile(r"^[a-z0-9_\-]+$")


@bp.route("/", methods=["GET", "POST"])
def index():
    form = HoursRuleForm()
    form.municipality_id.choices = [(0, _("Hele bureauet")), *municipality_choices()]
    status = 200
    if form.validate_on_submit():
        if not _CODE.match(form.code.data.strip()):
            form.code.errors = [_("Brug kun små bogstaver, tal, - og _.")]
            status = 422
        else:
            try:
                hours_rules.add_rule(
                    current_user, code=form.code.data, name=form.name.data,
                    municipality_id=form.municipality_id.data or None,
                    window_months=form.window_months.data,
                    threshold_minutes=form.threshold_hours.data * 60,
                    valid_from=form.valid_from.data, note=form.note.data, today=clock.today())
            except RuleViolation as error:
                apply_violation(form, error)
                status = 422
            else:
                unit_of_work.commit()
                flash(_("Den nye regel er gemt."), "success")
                return redirect(url_for("hours_rules.index"))
    elif form.is_submitted():
        status = 422
    names = dict(municipality_choices())
    return render_template("results/hours_rules.html", form=form, rules=hours_rules.list_rules(),
                           names=names), status
