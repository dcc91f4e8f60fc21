"""The front door, the per-role dashboard and the health endpoints."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import text

from smajob.extensions import db
from smajob.permissions import guard

bp = Blueprint("main", __name__)
guard(bp, public_endpoints=("index", "healthz", "readyz"))


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.route("/dashboard")
def dashboard():
    return render_template("main/dashboard.html")


@bp.route("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.route("/readyz")
def readyz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means not ready
        db.session.rollback()
        return jsonify(status="unavailable", database=False), 503
    return jsonify(status="ok", database=True)
