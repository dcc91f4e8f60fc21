"""Every UI string has an English translation; money and hours are formatted the Danish way."""

from decimal import Decimal
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from smajob import ROOT

PO = ROOT / "smajob" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def _catalog():
    with PO.open("rb") as handle:
        return read_po(handle)


def test_every_message_in_the_catalogue_has_an_english_translation():
    missing = [m.id for m in _catalog() if m.id and not m.string]
    assert missing == [], "run `make i18n` and translate: python -m smajob.translations.fill"


def test_every_string_in_the_code_and_templates_is_in_the_catalogue():
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog() if m.id}
    method_map = [("smajob/**.py", "python"), ("templates/**.html", "jinja2"),
                  ("templates/**.txt", "jinja2")]
    keywords = {"_": None, "_l": None, "gettext": None, "lazy_gettext": None,
                "ngettext": (1, 2), "lazy_ngettext": (1, 2)}
    found = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
            str(ROOT), method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    missing = sorted(found - known)
    assert missing == [], f"not in the catalogue (run `make i18n`): {missing[:10]}"


def test_money_and_hours_are_formatted_the_danish_way(app):
    from flask_babel import force_locale

    from smajob.i18n import format_minutes, format_money

    with app.test_request_context(), force_locale("da"):
        assert format_money(123456) == "1.234,56 kr."
        assert format_money(-5) == "-0,05 kr."
        assert format_minutes(450) == "7,50"
    with app.test_request_context(), force_locale("en"):
        assert format_money(123456) == "DKK 1,234.56"
    with app.test_request_context(), force_locale("da"):  # not int: whole floats, or Babel's way
        assert format_money(123456.0) == "1.234,56 kr."
        assert format_money(Decimal("12.6")) == "0,13 kr."
        assert format_minutes(390.0) == "6,50" and format_minutes(Decimal("30")) == "0,50"
        assert format_minutes(25.5) == "0,42"


def test_the_page_language_attribute_follows_the_chosen_language(client):
    assert '<html lang="da">' in client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/login?lang=en").get_data(as_text=True)


def test_catalogue_file_exists():
    assert Path(PO).exists()
