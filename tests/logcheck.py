"""The suite's log capture must hold no CPR-shaped number and no known test password."""

from __future__ import annotations

import re

CPR = re.compile(r"\b(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}\b")
SECRETS = ("småjob-demo-2026", "korrekt hest batteri", "Tr0ub4dor&3xyz")


def assert_clean_log(records) -> None:
    for record in records:
        message = record.getMessage()
        assert not CPR.search(message), f"CPR-shaped number in a log line: {record.name}"
        for secret in SECRETS:
            assert secret not in message, f"a password in a log line: {record.name}"
