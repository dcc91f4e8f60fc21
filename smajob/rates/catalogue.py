"""Every dated rate and rule value the bureau can change, with its unit. Pure.

Values are integers in the named unit (øre, basis points, days, count). A municipality-specific
row wins over the bureau-wide one for that municipality. Later features add codes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Unit(StrEnum):
    BASIS_POINTS = "bp"  # 1 % = 100 bp
    ORE = "ore"
    DAYS = "days"
    COUNT = "count"
    MINUTES = "minutes"


@dataclass(frozen=True)
class RateSpec:
    code: str
    unit: Unit
    label_da: str
    label_en: str
    default: int
    default_from: date
    per_municipality: bool = False


CATALOGUE: tuple[RateSpec, ...] = (
    RateSpec("vat", Unit.BASIS_POINTS, "Moms", "VAT", 2500, date(1992, 1, 1)),
    RateSpec("holiday_pay", Unit.BASIS_POINTS, "Feriepenge", "Holiday pay", 1250,
             date(2000, 1, 1)),
    RateSpec("payment_terms", Unit.DAYS, "Betalingsfrist på fakturaer", "Invoice payment terms",
             14, date(2020, 1, 1)),
    RateSpec("hours_auto_confirm", Unit.DAYS, "Timer godkendes automatisk efter",
             "Hours are confirmed automatically after", 5, date(2020, 1, 1)),
    RateSpec("standard_bill_rate", Unit.ORE, "Standardpris pr. time (ekskl. moms)",
             "Standard price per hour (excl. VAT)", 18_500, date(2020, 1, 1)),
    RateSpec("annual_target", Unit.COUNT, "Mål for nye små job om året",
             "Target of new small jobs a year", 365, date(2020, 1, 1), per_municipality=True),
)
BY_CODE = {spec.code: spec for spec in CATALOGUE}


@dataclass(frozen=True)
class RateRow:
    code: str
    value: int
    valid_from: date
    valid_to: date | None = None  # inclusive
    municipality_id: int | None = None

    def covers(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def value_on(rows: list[RateRow], code: str, day: date,
             municipality_id: int | None = None) -> int:
    """The value in force on `day`: the municipality's own row first, then the bureau-wide one,
    then the catalogue default."""
    matching = [r for r in rows if r.code == code and r.covers(day)]
    own = [r for r in matching
           if municipality_id is not None and r.municipality_id == municipality_id]
    general = [r for r in matching if r.municipality_id is None]
    for group in (own, general):
        if group:
            return max(group, key=lambda r: r.valid_from).value
    return BY_CODE[code].default


def parse_value(unit: Unit, text: str) -> int:
    """An admin's input in the unit's natural form → the stored integer; ValueError if not.
    Percent '12,5' → 1250 bp; kroner '1.234,50' → 123450 øre; days and counts as whole numbers."""
    from smajob.billing.money import parse_kroner

    cleaned = text.strip().replace("%", "").strip()
    if unit == Unit.BASIS_POINTS:
        return parse_kroner(cleaned)  # same shape: two decimals, Danish or plain
    if unit == Unit.ORE:
        return parse_kroner(cleaned)
    if not cleaned.isdigit():
        raise ValueError("not a whole number")
    return int(cleaned)


def format_value(unit: Unit, value: int) -> str:
    if unit == Unit.BASIS_POINTS:
        return f"{value / 100:.2f}".replace(".", ",").rstrip("0").rstrip(",") + " %"
    if unit == Unit.ORE:
        whole, ore = divmod(abs(value), 100)
        sign = "-" if value < 0 else ""
        return f"{sign}{whole:,}".replace(",", ".") + f",{ore:02d} kr."
    return str(value)
