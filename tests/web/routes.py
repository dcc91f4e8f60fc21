"""Enumerate the app's routes for the security tests, with placeholder arguments."""

from __future__ import annotations

from flask import Flask

PLACEHOLDERS = {"int": "1", "default": "x", "string": "x", "path": "x"}


def build_path(rule) -> str:
    path = rule.rule
    for argument in rule.arguments:
        converter = rule._converters[argument].__class__.__name__.lower()
        kind = "int" if "integer" in converter else "default"
        for token in (f"<int:{argument}>", f"<{argument}>", f"<string:{argument}>",
                      f"<path:{argument}>"):
            path = path.replace(token, PLACEHOLDERS[kind])
    return path


def routes(app: Flask, method: str):
    for rule in app.url_map.iter_rules():
        if method in rule.methods and rule.endpoint != "static":
            yield rule, build_path(rule)
