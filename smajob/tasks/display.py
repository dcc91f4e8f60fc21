"""How a history entry's changes read on the task pages: field names and values in words."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from smajob import weekly
from smajob.i18n import format_money

FIELD_LABELS = {
    "status": _l("Status"), "title": _l("Overskrift"), "description": _l("Beskrivelse"),
    "category_id": _l("Kategori"), "pattern": _l("Tidsrum"), "weekly_minutes": _l("Timer"),
    "start_date": _l("Startdato"), "end_date": _l("Slutdato"), "seats": _l("Antal personer"),
    "address": _l("Adresse"), "postcode": _l("Postnummer"), "contact_name": _l("Kontaktperson"),
    "contact_phone": _l("Telefon"), "contact_email": _l("E-mail"),
    "agreement": _l("Overenskomst"), "agreement_min_wage": _l("Mindsteløn"),
    "wage": _l("Timeløn"), "bill_rate": _l("Pris pr. time"), "traits": _l("Hvad passer"),
    "danish_level": _l("Dansk"), "contact_language": _l("Sprog"),
}
MONEY = {"agreement_min_wage", "wage", "bill_rate"}


def register(bp: Blueprint) -> None:
    @bp.app_template_global("change_text")
    def change_text(field: str, value, language: str = "da", categories: dict | None = None):
        """One side of a change as the reader should see it."""
        from smajob.tasks.events import STATUS_LABELS

        if value is None or value == "":
            return "–"
        if field in MONEY and isinstance(value, int):
            return format_money(value)
        if field == "pattern" and isinstance(value, list):
            try:
                return weekly.describe(weekly.from_json(value), language)
            except (TypeError, ValueError):
                return str(value)
        if field == "status":
            return str(STATUS_LABELS.get(value, value))
        if field == "category_id" and categories:
            return categories.get(value, str(value))
        if isinstance(value, list):
            return ", ".join(map(str, value))
        return str(value)

    @bp.app_template_global("field_label")
    def field_label(field: str) -> str:
        return str(FIELD_LABELS.get(field, field))
