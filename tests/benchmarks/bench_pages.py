"""Page rendering: an authenticated dashboard against a hello-world endpoint in the same app."""

from __future__ import annotations

import tempfile

from tests.benchmarks.common import median_seconds, row

REQUESTS = 200


def run():
    from smajob import clock, create_app
    from smajob.accounts.auth import SESSION_KEY
    from smajob.accounts.sessions import start_session
    from smajob.demo import seed
    from smajob.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/b.db"})
        with app.app_context():
            db.create_all()
            seed.run(now=clock.now())
            db.session.commit()
            from smajob.accounts.models import User

            admin = db.session.query(User).filter_by(role="admin").first()
            token = start_session(admin, now=clock.now())
            db.session.commit()
            admin_id = admin.id
        client = app.test_client()
        with client.session_transaction() as session:
            session[SESSION_KEY], session["_user_id"] = token, str(admin_id)

        def hello():
            for _ in range(REQUESTS):
                client.get("/healthz")

        def dashboard():
            for _ in range(REQUESTS):
                client.get("/dashboard")

        def users():
            for _ in range(REQUESTS):
                client.get("/admin/users")

        base = median_seconds(hello, repeat=3)
        yield row("pages", f"{REQUESTS} requests", "healthz_seconds", base, "s")
        for name, fn in (("dashboard", dashboard), ("admin_users", users)):
            value = median_seconds(fn, repeat=3)
            # ratio: how many hello-world requests one page costs (baseline/value: share of it)
            yield row("pages", f"{REQUESTS} requests", f"{name}_seconds", value, "s", base)
