"""Public: the guided "where are your tasks?" helper before the task form (no account)."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.routing import BuildError

from smajob.content import finder
from smajob.permissions import guard
from smajob.tasks.categories import list_categories

bp = Blueprint("finder", __name__, url_prefix="/find-opgaver")
guard(bp, public_endpoints=("start",))

# The task form that receives the prefill (the Tasks feature's public form).
TASK_FORM_ENDPOINT = "tasks_public.new"


def task_form_url(params: dict[str, str]) -> str:
    try:
        return url_for(TASK_FORM_ENDPOINT, **params)
    except BuildError:  # the public task form is not installed: the landing page instead
        return url_for("main.index", _anchor="saadan")


@bp.route("/")
def start():
    """The questions (GET form: answering writes nothing), and the suggestions once answered."""
    ticked = request.args.getlist("task")[:100]
    free_text = {q.key: request.args.get(f"{q.key}_other", "")[:finder.MAX_FREE_TEXT]
                 for q in finder.QUESTIONS}
    answered = request.args.get("answered") == "1"
    language = str(get_locale())
    names = {c.code: c.name(language) for c in list_categories()}
    results = [(names.get(s.category, s.category), s.tasks, task_form_url(s.prefill()))
               for s in finder.suggestions(ticked, free_text)] if answered else []
    questions = [(q, finder.choices(q)) for q in finder.QUESTIONS]
    return render_template("content/finder.html", questions=questions, ticked=set(ticked),
                           free_text=free_text, answered=answered, results=results,
                           blank_form=task_form_url({"via": "helper"}))
