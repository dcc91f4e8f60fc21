"""Admin pages for the landing page's stories."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from smajob import unit_of_work
from smajob.admin.forms import ConfirmForm
from smajob.content import services
from smajob.content.forms import StoryForm
from smajob.content.models import Story
from smajob.extensions import db
from smajob.permissions import Role, guard

bp = Blueprint("content", __name__, url_prefix="/admin/stories")
guard(bp, Role.ADMIN)


def _data(form: StoryForm) -> services.StoryData:
    return services.StoryData(title=form.title.data, body=form.body.data,
                              byline=form.byline.data, language=form.language.data,
                              sort_order=form.sort_order.data or 0,
                              published=bool(form.published.data))


@bp.route("/")
def index():
    return render_template("content/index.html", stories=services.list_stories(),
                           confirm=ConfirmForm())


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:story_id>", methods=["GET", "POST"])
def edit(story_id: int | None = None):
    story = db.get_or_404(Story, story_id) if story_id else None
    form = StoryForm(obj=story) if request.method == "GET" else StoryForm()
    if form.validate_on_submit():
        services.save_story(current_user, _data(form), story)
        unit_of_work.commit()
        flash(_("Historien er gemt."), "success")
        return redirect(url_for("content.index"))
    status = 422 if form.is_submitted() else 200
    return render_template("content/edit.html", form=form, story=story), status


@bp.route("/<int:story_id>/delete", methods=["POST"])
def delete(story_id: int):
    story = db.get_or_404(Story, story_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.delete_story(current_user, story)
    unit_of_work.commit()
    flash(_("Historien er slettet."), "success")
    return redirect(url_for("content.index"))
