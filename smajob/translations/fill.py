"""Developer tool: merge English translations into the catalogue.

    python -m smajob.translations.fill path/to/dict.py   # a file defining T = {danish: english}
    python -m smajob.translations.fill --missing         # list msgids still untranslated
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).parent / "en" / "LC_MESSAGES" / "messages.po"


def main(argv: list[str]) -> int:
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    if argv and argv[0] == "--missing":
        missing = [m.id for m in catalog if m.id and not m.string]
        for msgid in missing:
            print(repr(msgid))
        return 1 if missing else 0
    table: dict[str, str] = {}
    for path in argv:
        table.update(runpy.run_path(path)["T"])
    for message in catalog:
        if message.id and message.id in table:
            message.string = table[message.id]
            message.flags.discard("fuzzy")
    with PO.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, omit_header=False, width=100)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
