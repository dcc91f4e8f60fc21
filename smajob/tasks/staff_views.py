"""The bureau's side: all tasks (search, filter, sort, paginate), the review queue (oldest
first) and the task page with approve / reject / ask a question and the full history."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from smajob import clock, unit_of_work
from smajob.billing.money import parse_kroner
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.permissions import Role, guard
from smajob.reuse import VersionedCache
from smajob.tasks import list_version, queries, review, webforms
from smajob.tasks.events import ACTION_LABELS, SOURCE_LABELS, STATUS_LABELS
from smajob.tasks.forms import ApproveForm, QuestionForm, RejectForm
from smajob.web import apply_violation, render_fragment

bp = Blueprint("tasks", __name__, url_prefix="/opgaver")
guard(bp, Role.CONSULTANT, Role.ADMIN)


def business_named(business_id: int):
    """The one business the list is filtered to (searching by name or CVR needs no list of
    every business — that list made the page slow with thousands of businesses)."""
    from smajob.businesses.models import Business
    from smajob.extensions import db

    return db.session.get(Business, business_id) if business_id else None


@bp.route("/")
def index():
    """The list is the same for every consultant and admin, so it is rendered once per task
    list version (tasks/list_version.py) and language and query, and reused until a write
    moves the version: a hit costs one primary-key read instead of four queries."""
    language = webforms.language()

    def render() -> Markup:
        criteria = queries.criteria_from(request.args)
        return render_fragment("tasks/_staff_list.html", page=queries.list_tasks(criteria),
                               criteria=criteria, language=language,
                               status_labels={k: str(v) for k, v in STATUS_LABELS.items()},
                               categories=queries.category_names(language),
                               business=business_named(criteria.business_id))

    if len(request.query_string) > 200:  # unusual queries are rendered, not kept
        html = render()
    else:
        key = (language, tuple(sorted(request.args.items(multi=True))))
        html = _lists().fetch(key, list_version.current(db.session), render)
    return render_template("tasks/staff_index.html", list_html=html)


def _lists() -> VersionedCache:
    return current_app.extensions["smajob.task_lists"]


bp.record_once(lambda state: state.app.extensions.setdefault("smajob.task_lists",
                                                               VersionedCache(size=128)))


@bp.route("/gennemgang")
def queue():
    helper, public = queries.helper_share()
    return render_template("tasks/staff_queue.html", tasks=queries.review_queue(),
                           helper=helper, public=public, language=webforms.language())


def _task(task_id: int):
    task = queries.get_task(task_id)
    if task is None:
        abort(404)
    return task


def _forms(task):
    approve = ApproveForm(prefix="approve")
    approve.category_id.choices = [(0, _("Behold kategorien"))] + [
        (cid, name) for cid, name in queries.category_names(webforms.language()).items()]
    return {"approve": approve, "reject": RejectForm(prefix="reject"),
            "question": QuestionForm(prefix="question")}


def _page(task, forms, status: int = 200):
    events = [(event, name, ACTION_LABELS.get(event.action, event.action))
              for event, name in queries.history(task.id)]
    return render_template("tasks/staff_task.html", task=task, events=events, **forms,
                           status_label=STATUS_LABELS.get(task.status, task.status),
                           source_label=SOURCE_LABELS.get(task.source, task.source),
                           workers=queries.workers_in_task(task.id),
                           language=webforms.language(),
                           categories=queries.category_names(webforms.language())), status


@bp.route("/<int:task_id>")
def show(task_id: int):
    task = _task(task_id)
    return _page(task, _forms(task))


@bp.route("/<int:task_id>/<action>", methods=["POST"])
def decide(task_id: int, action: str):
    task = _task(task_id)
    if action in review.STATUS_ACTIONS:
        return webforms.change_status(task, action, "tasks.show")
    forms = _forms(task)
    if action not in forms:
        abort(404)
    form = forms[action]
    if not form.validate_on_submit():
        return _page(task, forms, 422)
    try:
        if action == "approve":
            rate = parse_kroner(form.bill_rate.data) if (form.bill_rate.data or "").strip() \
                else None
            review.approve(current_user, task, now=clock.now(), bill_rate=rate,
                           category_id=form.category_id.data or None)
            message = _("Opgaven er godkendt, og virksomheden har fået besked.")
        elif action == "reject":
            review.reject(current_user, task, form.reason.data, now=clock.now())
            message = _("Opgaven er afvist, og virksomheden har fået begrundelsen.")
        else:
            review.ask_question(current_user, task, form.question.data, now=clock.now())
            message = _("Spørgsmålet er sendt til virksomheden.")
    except ValueError:
        form.bill_rate.errors = [_("Skriv beløbet i kroner, fx 185,00.")]
        return _page(task, forms, 422)
    except RuleViolation as error:
        apply_violation(form, error)
        return _page(task, forms, 422)
    unit_of_work.commit()
    flash(message, "success")
    if action == "question":
        return redirect(url_for("tasks.show", task_id=task.id))
    return redirect(url_for("tasks.queue"))

