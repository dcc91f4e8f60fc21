"""Public: the task form (no account), its thank-you page and the follow link."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from smajob import clock, unit_of_work, weekly
from smajob.errors import RuleViolation
from smajob.keys import keyed_hash, token_hash
from smajob.permissions import guard
from smajob.tasks import display, queries, services, webforms
from smajob.tasks.categories import get_category_by_code
from smajob.tasks.events import ACTION_LABELS, STATUS_LABELS
from smajob.tasks.forms import PublicTaskForm
from smajob.web import apply_violation, client_address

bp = Blueprint("tasks_public", __name__, url_prefix="/opgaver")
guard(bp, public_endpoints=("new", "thanks", "follow"))
display.register(bp)

@bp.app_template_filter("pattern")
def pattern_filter(pattern: list) -> str:
    """A stored weekly pattern as text in the page's language."""
    return weekly.describe(weekly.from_json(pattern), webforms.language())


MAX_FORM_BYTES = 64 * 1024  # a task form is a few kilobytes; anything far larger is not a person


def _prefill(form: PublicTaskForm) -> None:
    """Prefill from the 'find your tasks' helper (category code, title, description, via)."""
    code = request.args.get("category", "")[:30]
    category = get_category_by_code(code) if code.isascii() and code.isidentifier() else None
    if category is not None and category.active:
        form.category_id.data = category.id
    form.title.data = request.args.get("title", "")[:120].replace("\x00", "")
    form.description.data = request.args.get("description", "")[:4000].replace("\x00", "")
    form.via.data = "helper" if request.args.get("via") == "helper" else ""


@bp.route("/ny", methods=["GET", "POST"])
def new():
    if request.content_length and request.content_length > MAX_FORM_BYTES:
        abort(413)
    form = PublicTaskForm()
    webforms.set_choices(form)
    status = 200
    if request.method == "GET":
        _prefill(form)
    elif form.website.data:  # the honeypot was filled in: a robot; say thanks, keep nothing
        return redirect(url_for("tasks_public.thanks"))
    elif form.validate():
        try:
            data = webforms.parse(form)
            services.submit_public(
                form.cvr.data, form.business_name.data, data,
                via_helper=form.via.data == "helper",
                address_key=keyed_hash(client_address(), purpose="task-form-address"),
                now=clock.now(), today=clock.today())
        except services.RateLimited as error:
            apply_violation(form, error)
            status = 429
        except RuleViolation as error:
            apply_violation(form, error)
            status = 422
        else:
            unit_of_work.commit()
            return redirect(url_for("tasks_public.thanks"))
    else:
        status = 422
    return render_template("tasks/public_form.html", form=form), status


@bp.route("/tak")
def thanks():
    return render_template("tasks/public_thanks.html")




@bp.route("/folg/<token>")
def follow(token: str):
    """The business follows its task without an account (the link from the e-mail)."""
    task = queries.get_by_follow_token(token_hash(token[:100]))
    if task is None:
        abort(404)
    events = [(event, ACTION_LABELS.get(event.action, event.action))
              for event, _name in queries.history(task.id)]
    return render_template("tasks/follow.html", task=task, events=events,
                           status_label=STATUS_LABELS.get(task.status, task.status))
