"""Load: concurrent clients against a threaded server on loopback with a seeded database.

Per path: requests/second and latency percentiles; ratio against /healthz in the same run.
Not part of `make test`: `python -m tests.benchmarks bench_load`.
"""

from __future__ import annotations

import http.client
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from tests.benchmarks.common import row

CLIENTS = 8
PER_CLIENT = 50
PATHS = ("/healthz", "/", "/login", "/api/v1/openapi.json")


def _client(port: int, path: str) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    samples = []
    for _ in range(PER_CLIENT):
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        if response.status >= 500:
            raise RuntimeError(f"{path} → {response.status}")
        samples.append(time.perf_counter() - start)
    conn.close()
    return samples


def _load(port: int, path: str) -> tuple[float, list[float]]:
    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda _: _client(port, path), range(CLIENTS)))
    elapsed = time.perf_counter() - start
    return CLIENTS * PER_CLIENT / elapsed, sorted(s for r in results for s in r)


def _pct(samples: list[float], p: float) -> float:
    return samples[min(len(samples) - 1, int(len(samples) * p))]


def run():
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    logging.getLogger("smajob.access").setLevel(logging.WARNING)
    from werkzeug.serving import make_server

    from smajob import clock, create_app
    from smajob.demo import seed
    from smajob.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.db",
                          "TESTING": True, "SESSION_COOKIE_SECURE": False})
        with app.app_context():
            db.create_all()
            seed.run(now=clock.now())
            db.session.commit()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        size = f"{CLIENTS} clients x {PER_CLIENT}"
        try:
            _load(server.port, "/healthz")  # warm up
            base_rps, base = _load(server.port, "/healthz")
            base_p50 = statistics.median(base)
            for path in PATHS:
                rps, samples = (base_rps, base) if path == "/healthz" else _load(server.port, path)
                name = path.strip("/").replace("/", "_") or "index"
                # ratio = healthz / this page for latency: the share of a hello-world's speed
                yield row("load", size, f"{name}_rps", rps, "req/s")
                yield row("load", size, f"{name}_p50", statistics.median(samples), "s", base_p50)
                yield row("load", size, f"{name}_p95", _pct(samples, 0.95), "s")
                yield row("load", size, f"{name}_p99", _pct(samples, 0.99), "s")
        finally:
            server.shutdown()
