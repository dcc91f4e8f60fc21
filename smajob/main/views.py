"""The front door, the per-role dashboard and the health endpoints."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_login import current_user

from smajob.permissions import guard

bp = Blueprint("main", __name__)
guard(bp, public_endpoints=("index", "healthz", "readyz"))


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    from flask_babel import get_locale

    from smajob import clock
    from smajob.content.examples import EXAMPLES
    from smajob.content.services import published_stories
    from smajob.rates.services import get_rate
    from smajob.tasks.categories import list_categories

    language = str(get_locale())
    categories = [(c.name(language), EXAMPLES.get(c.code, [])) for c in list_categories()]
    return render_template("main/index.html", categories=categories,
                           stories=published_stories(language),
                           bill_rate=get_rate("standard_bill_rate", clock.today()))


@bp.route("/dashboard")
def dashboard():
    from flask_login import current_user

    from smajob import clock
    from smajob.candidates.queries import maturing_deadlines
    from smajob.hours.missing import missing_weeks
    from smajob.permissions import Role, is_bureau

    deadlines = maturing_deadlines(clock.today()) if is_bureau(current_user) else []
    missing = []
    if is_bureau(current_user):
        missing = missing_weeks(clock.today(), limit=50)
    elif current_user.role == Role.BUSINESS and current_user.business_id:
        missing = missing_weeks(clock.today(), business_id=current_user.business_id, limit=50)
    return render_template("main/dashboard.html", deadlines=deadlines, missing=missing,
                           missing_endpoint="placements.show" if is_bureau(current_user)
                           else "portal_placements.show")


@bp.route("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz():
    from smajob import clock
    from smajob.main.readiness import failures

    failed = failures(clock.now())
    if failed:
        return jsonify(status="unavailable", failed=failed), 503
    return jsonify(status="ok")
