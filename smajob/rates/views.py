"""Admin: dated rates and rules (VAT, holiday pay, payment terms, targets …)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from smajob import clock, unit_of_work
from smajob.admin.queries import municipality_choices
from smajob.errors import RuleViolation
from smajob.permissions import Role, guard
from smajob.rates import services
from smajob.rates.catalogue import BY_CODE, CATALOGUE, format_value, parse_value
from smajob.rates.forms import RateForm
from smajob.web import apply_violation

bp = Blueprint("rates", __name__, url_prefix="/admin/rates")
guard(bp, Role.ADMIN)


def _label(spec) -> str:
    return spec.label_en if str(get_locale()) == "en" else spec.label_da


@bp.route("/", methods=["GET", "POST"])
def index():
    form = RateForm()
    form.code.choices = [(spec.code, _label(spec)) for spec in CATALOGUE]
    form.municipality_id.choices = [(0, _("Hele bureauet")), *municipality_choices()]
    status = 200
    if form.validate_on_submit():
        spec = BY_CODE[form.code.data]
        try:
            value = parse_value(spec.unit, form.value.data)
        except ValueError:
            form.value.errors = [_("Skriv værdien som et tal i enheden %(unit)s.",
                                   unit=spec.unit.value)]
            status = 422
        else:
            try:
                services.add_rate(current_user, spec.code, value, form.valid_from.data,
                                  municipality_id=form.municipality_id.data or None,
                                  note=form.note.data, today=clock.today())
            except RuleViolation as error:
                apply_violation(form, error)
                status = 422
            else:
                unit_of_work.commit()
                flash(_("Den nye sats er gemt."), "success")
                return redirect(url_for("rates.index"))
    elif form.is_submitted():
        status = 422
    today = clock.today()
    groups = {"general": _("Generelt"), "results": _("Resultatbetaling"),
              "savings": _("Ydelser og beskæftigelsesfradrag (til besparelser)")}
    current = [(title, [(spec, _label(spec), format_value(spec.unit,
                                                          services.get_rate(spec.code, today)))
                        for spec in CATALOGUE if spec.group == group])
               for group, title in groups.items()]
    history = [(row, _label(BY_CODE[row.code]) if row.code in BY_CODE else row.code,
                format_value(BY_CODE[row.code].unit, row.value) if row.code in BY_CODE
                else row.value) for row in services.list_rates()]
    return render_template("rates/index.html", form=form, current=current,
                           history=history), status
