"""Admin GDPR tools: export everything about one candidate, anonymise, access requests, and the
maturing checklist's items."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from smajob import clock, unit_of_work
from smajob.accounts.models import User
from smajob.audit.models import AuditEvent
from smajob.candidates import gdpr, queries
from smajob.candidates.models import Candidate, ReadinessItem
from smajob.extensions import db
from smajob.permissions import Role, guard

bp = Blueprint("candidate_admin", __name__, url_prefix="/admin/borgere")
guard(bp, Role.ADMIN)


def _candidate(candidate_id: int) -> Candidate:
    candidate = db.session.get(Candidate, candidate_id)
    if candidate is None:
        abort(404)
    return candidate


@bp.route("/<int:candidate_id>/eksport.json")
def export_json(candidate_id: int):
    data = gdpr.export(_candidate(candidate_id), current_user)
    unit_of_work.commit()
    return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition":
                             f"attachment; filename=borger-{candidate_id}.json"})


@bp.route("/<int:candidate_id>/eksport")
def export_html(candidate_id: int):
    data = gdpr.export(_candidate(candidate_id), current_user)
    unit_of_work.commit()
    return render_template("candidates/export.html", data=data, candidate_id=candidate_id)


@bp.route("/<int:candidate_id>/anonymiser", methods=["POST"])
def anonymise(candidate_id: int):
    candidate = _candidate(candidate_id)
    if request.form.get("confirm") != "ANONYMISER":
        flash(_("Skriv ANONYMISER for at bekræfte."), "error")
        return redirect(url_for("candidate_admin.access", candidate=candidate_id))
    gdpr.anonymise(candidate, current_user, now=clock.now())
    unit_of_work.commit()
    flash(_("Borgeren er anonymiseret."), "success")
    return redirect(url_for("candidate_admin.access", candidate=candidate_id))


@bp.route("/adgang")
def access():
    """All audit events about one candidate (an access request) or by one user."""
    candidate_id = request.args.get("candidate", type=int)
    user_id = request.args.get("user", type=int)
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(500)
    if candidate_id:
        stmt = stmt.where(AuditEvent.candidate_id == candidate_id)
    elif user_id:
        stmt = stmt.where(AuditEvent.actor_id == user_id)
    else:
        stmt = stmt.where(AuditEvent.id == -1)
    events = list(db.session.scalars(stmt))
    actors = {u.id: u for u in db.session.scalars(select(User).where(
        User.id.in_({e.actor_id for e in events if e.actor_id})))}
    candidate = db.session.get(Candidate, candidate_id) if candidate_id else None
    return render_template("candidates/access.html", events=events, actors=actors,
                           candidate=candidate, candidate_id=candidate_id, user_id=user_id)


@bp.route("/parathed", methods=["GET", "POST"])
def readiness():
    if request.method == "POST":
        text_da = (request.form.get("text_da") or "").strip()[:120]
        text_en = (request.form.get("text_en") or "").strip()[:120] or text_da
        retire = request.form.get("retire", type=int)
        if retire:
            item = db.session.get(ReadinessItem, retire) or abort(404)
            item.active = False
        elif not text_da or "\x00" in text_da + text_en:
            flash(_("Skriv punktets tekst på dansk."), "error")
            return redirect(url_for("candidate_admin.readiness")), 302
        else:
            db.session.add(ReadinessItem(text_da=text_da, text_en=text_en,
                                         sort_order=1000 + len(queries.readiness_items(
                                             active_only=False))))
        unit_of_work.commit()
        return redirect(url_for("candidate_admin.readiness"))
    return render_template("candidates/readiness.html",
                           items=queries.readiness_items(active_only=False))
