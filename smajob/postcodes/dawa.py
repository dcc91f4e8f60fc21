"""Parse the public postcode register's CSV export (DAWA `postnumre`). Pure.

Columns used: `nr`, `navn`, `visueltcenter_x` (longitude) and `visueltcenter_y` (latitude);
comma or semicolon separated. Bad rows are reported by line and never imported.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

MAX_ROWS = 5000
COLUMNS = {"number": ("nr", "number", "postnr"), "town": ("navn", "name", "town"),
           "longitude": ("visueltcenter_x", "longitude", "lon"),
           "latitude": ("visueltcenter_y", "latitude", "lat")}


@dataclass(frozen=True)
class PostcodeRow:
    number: str
    town: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class RowError:
    line: int
    code: str  # number, town, coordinates, duplicate
    value: str


class HeaderError(ValueError):
    """The file lacks a needed column (or is empty, or too long)."""


def parse(text: str) -> tuple[list[PostcodeRow], list[RowError]]:
    """The good rows and the bad rows' errors; HeaderError if the file as a whole is unusable."""
    try:
        return _parse(text)
    except csv.Error:
        raise HeaderError("format") from None


def _parse(text: str) -> tuple[list[PostcodeRow], list[RowError]]:
    text = text.lstrip("\ufeff")
    first = text.partition("\n")[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = {(name or "").strip().lower(): name for name in (reader.fieldnames or [])}
    columns = {}
    for key, names in COLUMNS.items():
        found = next((header[n] for n in names if n in header), None)
        if found is None:
            raise HeaderError(key)
        columns[key] = found
    rows: list[PostcodeRow] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for index, raw in enumerate(reader, start=2):
        if index - 1 > MAX_ROWS:
            raise HeaderError("too_many")
        number = (raw.get(columns["number"]) or "").strip()
        town = " ".join((raw.get(columns["town"]) or "").split())
        if len(number) != 4 or not number.isdigit():
            errors.append(RowError(index, "number", number[:20]))
            continue
        if not town or len(town) > 80 or "\x00" in town:
            errors.append(RowError(index, "town", town[:20]))
            continue
        try:
            lon = float((raw.get(columns["longitude"]) or "").strip().replace(",", "."))
            lat = float((raw.get(columns["latitude"]) or "").strip().replace(",", "."))
        except ValueError:
            errors.append(RowError(index, "coordinates", number))
            continue
        if not (54.4 <= lat <= 57.9 and 7.9 <= lon <= 15.3):  # Denmark incl. Bornholm
            errors.append(RowError(index, "coordinates", number))
            continue
        if number in seen:
            errors.append(RowError(index, "duplicate", number))
            continue
        seen.add(number)
        rows.append(PostcodeRow(number, town, lat, lon))
    return rows, errors
