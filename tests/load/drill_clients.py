"""The drills' background load: a few signed-in users per role in threads, each going round its
pages and API calls (one write: a business posts a task by API every fourth round) until told to
stop. Every request becomes a Hit with its start and end time and a verdict:

ok            the expected status (200, or 201 for the post)
friendly_503  503 with Retry-After and the Danish error page (pages) or a JSON error body
              (/api/)
bad_503       503 without them;  status_500 / status_5xx  any other server error
reset         no response: connection refused or reset;  timeout  no answer in time
unexpected    any other status (a redirect to the login page, a 4xx …)
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import requests

from tests.load.users import NEW_TASK, User

GOOD = ("ok", "friendly_503")
ROUNDS = {
    "business": (("web", "/virksomhed/opgaver/"), ("web", "/virksomhed/ansaettelser/"),
                 ("api", "/api/v1/tasks"), ("api", "/api/v1/invoices")),
    "consultant": (("web", "/opgaver/"), ("web", "/borgere/"),
                   ("api", "/api/v1/match-proposals"), ("api", "/api/v1/placements")),
    "jobcenter": (("web", "/jobcenter/borgere/"), ("web", "/jobcenter/indtaegter/"),
                  ("api", "/api/v1/candidates"), ("api", "/api/v1/placements")),
}
FRIENDLY_PAGE = "Tjenesten er midlertidigt utilgængelig"  # errors.TITLES[503] in Danish
THINK_SECONDS = 0.05


@dataclass(frozen=True)
class Hit:
    started: float  # time.perf_counter()
    ended: float
    role: str
    path: str
    api: bool
    status: int  # 0: no response
    verdict: str


def verdict(response: requests.Response, api: bool, expect: int) -> str:
    status = response.status_code
    if status == expect:
        return "ok"
    if status == 503:
        if "Retry-After" not in response.headers:
            return "bad_503"
        if api:
            try:
                body = response.json()
            except ValueError:
                return "bad_503"
            return "friendly_503" if body.get("error", {}).get("status") == 503 else "bad_503"
        html = response.headers.get("Content-Type", "").startswith("text/html")
        return "friendly_503" if html and FRIENDLY_PAGE in response.text else "bad_503"
    if status == 500:
        return "status_500"
    return "status_5xx" if status >= 500 else "unexpected"


class Clients:
    """Threads driving `users` until `stop()`; `hits` collects every request (thread-safe)."""

    def __init__(self, users: list[User], *, timeout: float = 30.0) -> None:
        self.users, self.timeout = users, timeout
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._loop, args=(u,), daemon=True)
                         for u in users]

    def start(self) -> Clients:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 5)

    def between(self, start: float, end: float = float("inf")) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if start <= h.started < end]

    def _loop(self, user: User) -> None:
        n = 0
        while not self._stop.is_set():
            for kind, path in ROUNDS[user.role]:
                self._hit(user, "GET", path, kind == "api")
            if user.role == "business" and n % 4 == 0:
                start = (datetime.now(UTC).date() + timedelta(days=14)).isoformat()
                self._hit(user, "POST", "/api/v1/tasks", True, expect=201,
                          json={**NEW_TASK, "start_date": start})
            n += 1
            time.sleep(THINK_SECONDS)

    def _hit(self, user: User, method: str, path: str, api: bool, *, expect: int = 200,
             **kwargs) -> None:
        started = time.perf_counter()
        try:
            response = user.session.request(
                method, user.base + path, headers=user.api if api else {},
                timeout=(5, self.timeout), allow_redirects=False, **kwargs)
            status, found = response.status_code, verdict(response, api, expect)
        except requests.Timeout:
            status, found = 0, "timeout"
        except requests.ConnectionError:
            status, found = 0, "reset"
        hit = Hit(started, time.perf_counter(), user.role, path, api, status, found)
        with self._lock:
            self.hits.append(hit)


def tally(hits: list[Hit]) -> dict[str, int]:
    """Counts per verdict (all keys present) and per status, for a JSON line."""
    counts = {name: 0 for name in ("ok", "friendly_503", "bad_503", "status_500", "status_5xx",
                                   "reset", "timeout", "unexpected")}
    for hit in hits:
        counts[hit.verdict] += 1
    statuses: dict[str, int] = {}
    for hit in hits:
        statuses[str(hit.status)] = statuses.get(str(hit.status), 0) + 1
    friendly = [h for h in hits if h.verdict == "friendly_503"]
    return {"requests": len(hits), **counts, "pages_503": sum(not h.api for h in friendly),
            "api_503": sum(h.api for h in friendly), "statuses": dict(sorted(statuses.items()))}


def failures(hits: list[Hit]) -> list[Hit]:
    return [h for h in hits if h.verdict not in GOOD]
