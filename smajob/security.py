"""Security headers on every response and no caching of authenticated pages."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_login import current_user

CSP = ("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'")


def init_app(app: Flask) -> None:
    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if app.config["HSTS"]:
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        if request.endpoint != "static" and (
            getattr(current_user, "is_authenticated", False) or request.path.startswith("/api/")
            or response.status_code >= 400 or request.method != "GET"
        ):
            headers["Cache-Control"] = "no-store"
            headers["Pragma"] = "no-cache"
        elif request.endpoint != "static":
            headers.setdefault("Cache-Control", "no-cache")
        return response
