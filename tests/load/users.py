"""The simulated users: each logs in through the real login form (CSRF and all), makes an API key
in the UI, then repeats its role's round of pages and API calls until the time is up, recording
(endpoint, status, seconds) for every request."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlsplit

import requests

from tests.load.scale import PASSWORD

TOKEN = re.compile(r"smj_[A-Za-z0-9_-]+")
NEW_TASK = {"title": "Lastopgave", "description": "Pakke varer.", "category": "warehouse",
            "pattern": [{"weekday": 1, "start": "09:00", "end": "12:00"},
                        {"weekday": 3, "start": "09:00", "end": "12:00"}],
            "address": "Havnevej 4", "postcode": "9000", "contact_name": "Ole",
            "contact_phone": "+4598123456", "contact_email": "ole@example.com",
            "agreement": "3F", "agreement_min_wage": 15_000, "wage": 15_500}


@dataclass
class Sample:
    endpoint: str
    status: int
    seconds: float
    ok: bool


@dataclass
class User:
    base: str
    role: str
    email: str
    placements: list[int] = field(default_factory=list)  # this user's own, for hours
    samples: list[Sample] = field(default_factory=list)
    session: requests.Session = field(default_factory=requests.Session)
    api: dict[str, str] = field(default_factory=dict)
    _cookie: str | None = None

    def call(self, endpoint: str, method: str, path: str, *, expect: tuple[int, ...] = (200,),
             api: bool = False, **kwargs) -> requests.Response:
        headers = {**kwargs.pop("headers", {}), **(self.api if api else {})}
        start = time.perf_counter()
        response = self.session.request(method, self.base + path, headers=headers, timeout=60,
                                        allow_redirects=False, **kwargs)
        elapsed = time.perf_counter() - start
        self.samples.append(Sample(endpoint, response.status_code, elapsed,
                                   response.status_code in expect))
        return response

    def get_bare(self, endpoint: str, path: str) -> int:
        """GET over a bare http.client connection with this user's cookies, for the throughput
        phase: the generator shares the two cores with the server, and `requests` spends 1.3 ms
        of CPU a request where this spends 0.3 ms (measured), so what is timed is the server."""
        if self._cookie is None:
            self._cookie = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        url = urlsplit(self.base)
        start = time.perf_counter()
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Cookie": self._cookie})
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        self.samples.append(Sample(endpoint, response.status, time.perf_counter() - start,
                                   response.status == 200))
        return response.status

    def log_in(self) -> None:
        page = self.session.get(self.base + "/login", timeout=60).text
        response = self.session.post(self.base + "/login", timeout=60, allow_redirects=False,
                                     data={"email": self.email, "password": PASSWORD,
                                           "csrf_token": _csrf(page)})
        if response.status_code not in (302, 303):
            raise RuntimeError(f"login of {self.email} failed: {response.status_code}")
        page = self.session.get(self.base + "/account/api-tokens/", timeout=60).text
        made = self.session.post(self.base + "/account/api-tokens/", timeout=60,
                                 data={"name": "load", "csrf_token": _csrf(page)}).text
        self.api = {"Authorization": f"Bearer {TOKEN.search(made).group(0)}"}

    def round(self, n: int, today: date) -> None:
        getattr(self, f"_{self.role}")(n, today)

    def _business(self, n: int, today: date) -> None:
        self.call("web /virksomhed/opgaver/", "GET", "/virksomhed/opgaver/")
        self.call("web /virksomhed/ansaettelser/", "GET", "/virksomhed/ansaettelser/")
        self.call("api GET /tasks", "GET", "/api/v1/tasks", api=True)
        self.call("api GET /placements", "GET", "/api/v1/placements", api=True)
        self.call("api GET /invoices", "GET", "/api/v1/invoices", api=True)
        if n % 3 == 0:
            start = (today + timedelta(days=14)).isoformat()
            self.call("api POST /tasks", "POST", "/api/v1/tasks", api=True, expect=(201,),
                      json={**NEW_TASK, "start_date": start})

    def _consultant(self, n: int, today: date) -> None:
        self.call("web /opgaver/ (task list)", "GET", "/opgaver/")
        self.call("web /borgere/", "GET", "/borgere/")
        self.call("api GET /match-proposals", "GET", "/api/v1/match-proposals", api=True)
        placement = self.placements[n % len(self.placements)]
        weeks = self.call("api GET /placements/{id}/hours", "GET",
                          f"/api/v1/placements/{placement}/hours", api=True).json()["items"]
        last = next(w for w in weeks if w["week_start"] < today.isoformat()
                    and w["week_start"] >= (today - timedelta(days=7)).isoformat())
        if last["entry_id"] is None:
            self.call("api POST /placements/{id}/hours", "POST",
                      f"/api/v1/placements/{placement}/hours", api=True, expect=(201,),
                      json={"week": last["week"], "minutes": 360})
        else:
            self.call("api PUT /hours/{id}", "PUT", f"/api/v1/hours/{last['entry_id']}",
                      api=True, headers={"If-Match": last["etag"]},
                      json={"minutes": 300 + (n % 5) * 15})

    def _jobcenter(self, n: int, today: date) -> None:
        self.call("web /jobcenter/borgere/", "GET", "/jobcenter/borgere/")
        self.call("web /jobcenter/indtaegter/", "GET", "/jobcenter/indtaegter/")
        self.call("api GET /candidates", "GET", "/api/v1/candidates", api=True)
        self.call("api GET /placements", "GET", "/api/v1/placements", api=True)


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    if match is None:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)
