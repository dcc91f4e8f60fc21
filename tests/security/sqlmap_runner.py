"""sqlmap (from PyPI, in the dev extras) as a subprocess against a server on loopback, and what
its console output says: which parameters it tested, which it found injectable, and which HTTP
errors it met. The settings keep a run to seconds per parameter: level 1 and risk 1 (the query
and form parameters only, no OR or stacked payloads that could change data), the back end named
so only its payloads are sent, and a one-second threshold for the time-based tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

DBMS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
SETTINGS = ("--batch", "--flush-session", "--disable-coloring", "--level=2", "--risk=1",
            "--technique=BEUSTQ", "--time-sec=1", "--timeout=15", "--retries=1",
            "--answers=follow=N")

_TESTED = re.compile(r"testing for SQL injection on (?:GET|POST) parameter '(\w+)'")
_CLEAN = re.compile(r"(?:GET|POST) parameter '(\w+)' does not seem to be injectable")
_FOUND = re.compile(r"^Parameter: (\w+) \((?:GET|POST)\)$", re.MULTILINE)
_ERRORS = re.compile(r"(\d{3}) \([^)]*\) - (\d+) times")


@dataclass
class Report:
    output: str
    log: str  # sqlmap's own record of injection points found (empty when none)
    tested: set[str] = field(default_factory=set)
    clean: set[str] = field(default_factory=set)
    injectable: set[str] = field(default_factory=set)
    http_errors: dict[int, int] = field(default_factory=dict)

    def redirected(self) -> bool:
        return "redirect to" in self.output

    def troubles(self) -> list[str]:
        """sqlmap's errors (connection refused, timeouts, lost session…) bar its verdict."""
        return [line for line in self.output.splitlines()
                if ("[ERROR]" in line or "[CRITICAL]" in line)
                and "do not appear to be injectable" not in line]


def run(url: str, *, dbms: str, workdir: Path, params: list[str], cookie: str | None = None,
        headers: tuple[str, ...] = (), data: str | None = None, csrf_token: str | None = None,
        timeout: int = 300) -> Report:
    """One sqlmap run against `url` (GET, or POST with `data`), testing only `params`."""
    out = workdir / "sqlmap"
    command = [sys.executable, "-m", "sqlmap.sqlmap", "-u", url, f"--dbms={DBMS[dbms]}",
               f"--output-dir={out}", "-p", ",".join(params), *SETTINGS]
    if cookie:
        command += ["--cookie", cookie]
    if headers:
        command += ["--headers", "\n".join(headers)]
    if data is not None:
        command += ["--data", data]
    if csrf_token:
        # a fresh token (and session cookie) from a GET of the form before every request
        command += [f"--csrf-token={csrf_token}", f"--csrf-url={url}", "--csrf-method=GET"]
    env = {**os.environ, "HOME": str(workdir), "PYTHONUNBUFFERED": "1"}
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env.pop(name, None)
    console = workdir / "sqlmap-console.txt"  # kept by pytest's tmp_path, also on a timeout
    with console.open("w") as sink:
        try:
            code = subprocess.run(command, stdout=sink, stderr=subprocess.STDOUT, check=False,
                                  timeout=timeout, env=env, stdin=subprocess.DEVNULL,
                                  cwd=workdir).returncode
        except subprocess.TimeoutExpired:
            code = None
    output = console.read_text()
    assert code is not None, f"sqlmap ran over {timeout} s:\n{output[-3000:]}"
    logs = list(out.glob("*/log"))
    report = Report(output=output, log="".join(p.read_text() for p in logs),
                    tested=set(_TESTED.findall(output)), clean=set(_CLEAN.findall(output)),
                    injectable=set(_FOUND.findall(output)),
                    http_errors={int(status): int(n) for status, n in _ERRORS.findall(output)})
    assert code == 0 or report.injectable, output[-3000:]
    return report
