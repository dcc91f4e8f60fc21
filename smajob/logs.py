"""Logging: plain text or JSON lines, with request id, user id and duration; no personal data."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Flask, g, has_request_context, request

_CPR = re.compile(r"\b\d{6}-?\d{4}\b")
_TOKEN = re.compile(r"/[A-Za-z0-9_.-]{30,}")
_REQUEST_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


def request_id(offered: str | None) -> str:
    """The proxy's X-Request-ID when it is a plain token, otherwise a fresh one."""
    if offered and _REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def safe_path(path: str) -> str:
    """The request path with token-like segments (reset and confirmation links) masked."""
    return _TOKEN.sub("/[token]", path)


class Redact(logging.Filter):
    """Last line of defence: mask anything shaped like a CPR number in every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _CPR.search(message):
            record.msg, record.args = _CPR.sub("[cpr]", message), ()
        if has_request_context():
            record.request_id = getattr(g, "request_id", "-")
            record.user_id = _loaded_user_id()
        return True


def _loaded_user_id() -> int | None:
    """The id of the user this request has already loaded, read without touching the database
    (a log line must never load or refresh the user: the database may be the thing that is down)."""
    from sqlalchemy import inspect

    state = inspect(g.get("_login_user"), raiseerr=False)
    return state.identity[0] if state is not None and state.identity else None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {"ts": self.formatTime(record), "level": record.levelname,
                "logger": record.name, "msg": record.getMessage(),
                "request_id": getattr(record, "request_id", None),
                "user_id": getattr(record, "user_id", None)}
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                data[key] = getattr(record, key)
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def init_app(app: Flask) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(Redact())
    if app.config["LOG_JSON"]:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("smajob")
    if not any(isinstance(h, logging.StreamHandler) and h.filters for h in logger.handlers):
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    access = logging.getLogger("smajob.access")

    @app.before_request
    def _start():
        g.request_id = request_id(request.headers.get("X-Request-ID"))
        g.started = time.perf_counter()

    @app.after_request
    def _log(response):
        duration = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        response.headers["X-Request-ID"] = g.get("request_id", "")
        # The path only (never the query string, which may hold tokens or search terms).
        path = safe_path(request.path)
        access.info("%s %s %s %.1fms", request.method, path, response.status_code,
                    duration, extra={"method": request.method, "path": path,
                                     "status": response.status_code,
                                     "duration_ms": round(duration, 1)})
        return response
