"""The edges' shared handling of a posted task form (choices, parsing, the >10-hour warning) and
of the status buttons."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from smajob import clock, unit_of_work, weekly
from smajob.errors import RuleViolation
from smajob.tasks import review, rules
from smajob.tasks.categories import list_categories
from smajob.tasks.forms import TaskForm, to_input
from smajob.tasks.services import TaskInput, hour_limits


def language() -> str:
    return str(get_locale())


def set_choices(form: TaskForm) -> None:
    lang = language()
    form.category_id.choices = [(0, _l("Vælg kategori"))] + [
        (c.id, c.name(lang)) for c in list_categories()]


def parse(form: TaskForm) -> TaskInput:
    """The TaskInput of a posted form, or RuleViolation (a parse error, or the hours warning
    not yet confirmed: above the warning limit the business ticks `confirm_hours`)."""
    data = to_input(form, language())
    total = weekly.total_minutes(data.windows)
    if rules.hours_warning(total, hour_limits(clock.today())) and not form.confirm_hours.data:
        form.show_confirm = True
        raise RuleViolation("windows", _l(
            "Små job er normalt 5–10 timer om ugen; mønsteret giver %(hours)s timer. Sæt kryds "
            "herunder, hvis det er rigtigt.", hours=f"{total / 60:g}".replace(".", ",")))
    return data


def change_status(task, action: str, endpoint: str):
    """Pause, reopen or close (review.STATUS_ACTIONS), then back to the task's page."""
    change, message = review.STATUS_ACTIONS[action]
    try:
        change(current_user, task, now=clock.now())
    except RuleViolation as error:
        flash(str(error.message), "error")
        return redirect(url_for(endpoint, task_id=task.id)), 303
    unit_of_work.commit()
    flash(str(message), "success")
    return redirect(url_for(endpoint, task_id=task.id))
