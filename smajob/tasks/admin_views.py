"""Admin: the managed list of task categories and the national postcode import (DAWA CSV)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import FileField, HiddenField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from smajob import unit_of_work
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.permissions import Role, guard
from smajob.postcodes import dawa
from smajob.postcodes import services as postcode_service
from smajob.postcodes.queries import list_postcodes
from smajob.tasks import categories as category_service
from smajob.tasks.models import TaskCategory
from smajob.web import apply_violation

bp = Blueprint("task_admin", __name__, url_prefix="/admin")
guard(bp, Role.ADMIN)

MAX_CSV_BYTES = 1024 * 1024


class CategoryForm(FlaskForm):
    code = StringField(_l("Kode"), validators=[Length(max=30)])
    name_da = StringField(_l("Navn på dansk"), validators=[DataRequired(_l("Udfyld feltet.")),
                                                           Length(max=80)])
    name_en = StringField(_l("Navn på engelsk"), validators=[DataRequired(_l("Udfyld feltet.")),
                                                             Length(max=80)])
    submit = SubmitField(_l("Gem kategori"))


@bp.route("/task-categories")
def categories():
    return _categories()


def _categories(form: CategoryForm | None = None, status: int = 200):
    return render_template("tasks/admin_categories.html", form=form or CategoryForm(),
                           categories=category_service.list_categories(active_only=False)), status


@bp.post("/task-categories/new")
def add_category():
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            category_service.add_category(current_user, form.code.data, form.name_da.data,
                                    form.name_en.data)
        except RuleViolation as error:
            apply_violation(form, error)
        else:
            unit_of_work.commit()
            flash(_("Kategorien er tilføjet."), "success")
            return redirect(url_for("task_admin.categories"))
    return _categories(form, 422)


@bp.post("/task-categories/<int:category_id>")
def change_category(category_id: int):
    category = db.session.get(TaskCategory, category_id)
    if category is None:
        abort(404)
    try:
        if request.form.get("action") in {"retire", "restore"}:
            category_service.set_active(current_user, category,
                                        request.form["action"] == "restore")
        else:
            category_service.rename_category(current_user, category,
                                             request.form.get("name_da", ""),
                                             request.form.get("name_en", ""))
    except RuleViolation as error:
        db.session.rollback()
        flash(str(error.message), "error")
        return redirect(url_for("task_admin.categories")), 303
    unit_of_work.commit()
    flash(_("Kategorien er gemt."), "success")
    return redirect(url_for("task_admin.categories"))


class PostcodeImportForm(FlaskForm):
    file = FileField(_l("CSV-fil fra DAWA (postnumre)"))
    content = HiddenField()
    submit = SubmitField(_l("Vis forhåndsvisning"))


HEADER_MESSAGES = {
    "number": _l("Filen mangler kolonnen nr (postnummer)."),
    "town": _l("Filen mangler kolonnen navn."),
    "longitude": _l("Filen mangler kolonnen visueltcenter_x."),
    "latitude": _l("Filen mangler kolonnen visueltcenter_y."),
    "too_many": _l("Filen har for mange rækker."),
    "format": _l("Filen kan ikke læses som CSV."),
}
ROW_MESSAGES = {
    "number": _l("Postnummeret skal være fire cifre."),
    "town": _l("Bynavnet mangler eller er for langt."),
    "coordinates": _l("Koordinaterne mangler eller ligger ikke i Danmark."),
    "duplicate": _l("Postnummeret står der allerede tidligere i filen."),
}


@bp.route("/postcodes", methods=["GET", "POST"])
def postcodes():
    form = PostcodeImportForm()
    result = None
    status = 200
    if form.validate_on_submit():
        upload = request.files.get("file")
        text = upload.read(MAX_CSV_BYTES + 1).decode("utf-8", "replace") if upload and \
            upload.filename else (form.content.data or "")
        try:
            if len(text.encode()) > MAX_CSV_BYTES or not text.strip():
                raise dawa.HeaderError("number" if not text.strip() else "too_many")
            rows, errors = dawa.parse(text)
        except dawa.HeaderError as error:
            form.file.errors = [str(HEADER_MESSAGES[str(error)])]
            status = 422
        else:
            if request.form.get("confirm") == "1" and rows:
                counts = postcode_service.import_rows(current_user, rows)
                unit_of_work.commit()
                flash(_("%(new)s nye og %(changed)s ændrede postnumre er gemt.", **counts),
                      "success")
                return redirect(url_for("task_admin.postcodes"))
            form.content.data = text
            result = {"rows": len(rows), "counts": postcode_service.preview(rows),
                      "errors": [(e.line, ROW_MESSAGES[e.code], e.value) for e in errors[:200]],
                      "error_count": len(errors)}
    elif form.is_submitted():
        status = 400
    return render_template("tasks/admin_postcodes.html", form=form, result=result,
                           total=len(list_postcodes())), status
