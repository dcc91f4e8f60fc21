"""WSGI entry point: `gunicorn wsgi:app` (sync workers) or `flask --app wsgi run`."""

from smajob import create_app

app = create_app()
