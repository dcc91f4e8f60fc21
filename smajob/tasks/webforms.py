"""The edges' shared handling of a posted task form: choices, parsing, the >10-hour warning."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from smajob import clock, weekly
from smajob.errors import RuleViolation
from smajob.tasks import rules
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
