"""Language choice (Danish first, English too) and Danish formatting of money, dates and hours."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale, get_timezone
from flask_login import current_user
from markupsafe import Markup

from smajob import numbers, paging


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI and scheduled jobs: the default, Danish
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if getattr(current_user, "is_authenticated", False) and current_user.language in languages:
        return current_user.language
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def format_money(ore: int | None, *, currency: bool = True) -> str:
    """Øre as Danish kroner: 123456 → '1.234,56 kr.' (in English: 'DKK 1,234.56')."""
    if ore is None:
        return "–"
    locale = str(get_locale())
    whole = numbers.whole(ore)
    amount = (numbers.hundredths(whole, numbers.symbols(locale)) if whole is not None
              else format_decimal(Decimal(ore) / 100, format="#,##0.00"))
    if not currency:
        return amount
    return f"{amount} kr." if locale == "da" else f"DKK {amount}"


def format_minutes(minutes: int | None) -> str:
    """Minutes as hours with two decimals the local way: 450 → '7,50'."""
    if minutes is None:
        return "–"
    whole = numbers.whole(minutes)
    if whole is None:  # not a whole number of minutes (never from the ledger): Babel's way
        return format_decimal(Decimal(minutes) / 60, format="#,##0.00")
    return numbers.hundredths(numbers.minutes_in_hundredths(whole),
                              numbers.symbols(str(get_locale())))


@lru_cache(maxsize=8192)
def _formatted(value: date | datetime, fmt: str, locale: str, zone: str) -> str:
    """Babel's text for a date or time, remembered: the same rows are listed again and again,
    and the text depends only on the value, the format, the language and the time zone (all in
    the key; the call itself reads the same locale and zone from the request)."""
    if isinstance(value, datetime):
        return format_datetime(value, "short" if fmt == "medium" else fmt)
    return format_date(value, fmt)


def _date(value: date | datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return "–"
    return _formatted(value, fmt, str(get_locale()), str(get_timezone()))


def html_lang() -> Markup:
    return Markup.escape(str(get_locale() or "da"))


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(money=format_money, hours=format_minutes, date=_date)
    app.jinja_env.globals.update(html_lang=html_lang, languages=lambda: app.config["LANGUAGES"],
                                 page_window=paging.window)

    @app.before_request
    def _language_from_query():
        # ?lang=en on any page switches language for the rest of the session (no data written).
        lang = request.args.get("lang")
        if lang in app.config["LANGUAGES"]:
            session["lang"] = lang
