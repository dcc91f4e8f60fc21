"""`make load` (python -m tests.load): a throwaway PostgreSQL database, migrated and seeded (the
demo plus country-scale bulk data), served by gunicorn (sync workers) on loopback. Then:

1. throughput: 8 clients on /healthz, then 8 on the task list page, each for --burst seconds;
   the task list's requests/second as a share of the hello-world's, and its p99;
2. load: --users simulated users across the roles for --seconds, p50/p95/p99 per endpoint;
3. fault drills (tests/load/drills.py) on a private PostgreSQL server of their own: the database
   restarted under load, two schedulers at once, a scheduler killed mid-job.

`--drills-only` runs just 3 (seeded at municipality size unless --size says otherwise);
`--no-drills` skips it. Prints JSON lines like tests/benchmarks; exits 1 on any error (a 5xx, an
unexpected status, a failed drill).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.load import run

ROOT = Path(__file__).resolve().parents[2]


def app_env(database_url: str) -> dict[str, str]:
    """The environment of every process of a run (seeding, gunicorn, schedulers)."""
    from cryptography.fernet import Fernet

    return {**os.environ, "SMAJOB_DATABASE_URL": database_url, "FLASK_APP": "wsgi.py",
            "SMAJOB_SECRET_KEY": secrets.token_urlsafe(48),
            "SMAJOB_CPR_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "SMAJOB_SESSION_COOKIE_SECURE": "false", "SMAJOB_BASE_URL": "http://127.0.0.1",
            # the load measures the app, not the per-key limit (tested in tests/web/test_api.py)
            "SMAJOB_API_RATE_LIMIT_PER_MINUTE": "100000000", "PYTHONPATH": str(ROOT)}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.load")
    parser.add_argument("--database-url", default=os.environ.get(
        "SMAJOB_LOAD_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server where a throwaway database may be created")
    parser.add_argument("--size", choices=["country", "municipality"], default=None,
                        help="seeded data (default: country; municipality with --drills-only)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--burst", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--drills-only", action="store_true", help="only the fault drills")
    parser.add_argument("--no-drills", action="store_true", help="skip the fault drills")
    args = parser.parse_args()
    if args.drills_only:
        from tests.load import drills

        return drills.main(args, args.size or "municipality")
    args.size = args.size or "country"
    failed = _load(args)
    if not args.no_drills:
        from tests.load import drills

        failed = drills.main(args, "municipality") or failed
    return failed


def _load(args) -> int:
    url = make_url(args.database_url).set(drivername="postgresql+psycopg")
    name = f"smajob_load_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    env = app_env(url.set(database=name).render_as_string(hide_password=False))
    try:
        return run.everything(args, env, log=tempfile.mkstemp(suffix=".log")[1])
    finally:
        if not args.keep:
            time.sleep(0.5)
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
