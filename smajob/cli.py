"""The `flask smajob …` command group: admin set-up, demo data, the scheduler process."""

from __future__ import annotations

import getpass

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from smajob import clock
from smajob.errors import RuleViolation
from smajob.extensions import db

cli = AppGroup("smajob", help="smajob administration.")


@cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", prompt=True)
@click.option("--password", envvar="SMAJOB_ADMIN_PASSWORD", default=None,
              help="Read from SMAJOB_ADMIN_PASSWORD or asked for (never echoed).")
def create_admin(email: str, name: str, password: str | None) -> None:
    """Create an administrator account."""
    from smajob.accounts.users import UserData, create_user
    from smajob.permissions import Role

    if password is None:
        password = getpass.getpass("Password: ")
    try:
        create_user(None, UserData(email=email, name=name, role=Role.ADMIN), password,
                    now=clock.now())
    except RuleViolation as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Administrator {email} created.")


@cli.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing if any user exists already.")
@click.option("--scale", type=click.Choice(["demo", "country"]), default="demo",
              show_default=True,
              help="demo: a believable Aalborg with logins; country: the reports benchmark's "
                   "data set (50,000 candidates, 1,000,000 weeks of hours), no logins.")
@click.option("--candidates", type=click.IntRange(1), help="country: candidates instead of "
                                                           "50,000.")
@click.option("--hours", type=click.IntRange(1), help="country: hours entries instead of "
                                                      "1,000,000.")
@click.option("--force", is_flag=True, help="country: add to a database that holds data.")
def seed_demo(if_empty: bool, scale: str, candidates: int | None, hours: int | None,
              force: bool) -> None:
    """Load demo data: a believable Aalborg (users, municipalities, businesses …) or a country."""
    from smajob.accounts.models import User
    from smajob.demo import seed

    if scale == "country":
        _seed_country(candidates, hours, force)
        return
    if if_empty and db.session.scalar(select(func.count()).select_from(User)):
        click.echo("Demo data already present; nothing to do.")
        return
    seed.run(now=clock.now())
    db.session.commit()
    click.echo("Demo data loaded.")


def _seed_country(candidates: int | None, hours: int | None, force: bool) -> None:
    import time
    from dataclasses import replace

    from smajob.candidates.models import Candidate
    from smajob.demo import country
    from smajob.municipalities.models import Municipality

    held = sum(db.session.scalar(select(func.count()).select_from(model)) or 0
               for model in (Municipality, Candidate))
    if held and not force:
        raise click.ClickException(
            "The database already holds municipalities or candidates; --force adds the "
            "country on top of them.")
    scale = replace(country.COUNTRY, candidates=candidates or country.COUNTRY.candidates,
                    hours=hours or country.COUNTRY.hours)
    started = time.perf_counter()
    generated = country.generate(scale, today=clock.to_local(clock.now()).date())
    db.session.commit()
    country.analyse()
    counts = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in generated.counts.items())
    click.echo(f"Country data loaded in {time.perf_counter() - started:.0f} s: {counts}.")


@cli.command("demo-logins")
def demo_logins() -> None:
    """Print the demo accounts, one per role."""
    from smajob.demo.seed import DEMO_LOGINS, DEMO_PASSWORD

    click.echo("")
    click.echo("  smajob is starting on http://127.0.0.1:5000")
    click.echo(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
    for role, email in DEMO_LOGINS:
        click.echo(f"    {role:<12} {email}")
    click.echo("")


@cli.command("scheduler")
def scheduler() -> None:
    """Run the scheduled jobs (one process per installation)."""
    from smajob.scheduler import build_scheduler

    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config["SCHEDULER_EVERY_SECONDS"]:
        click.echo(f"Drill schedule: every job every {app.config['SCHEDULER_EVERY_SECONDS']} s "
                   "(SMAJOB_SCHEDULER_EVERY_SECONDS; never in production).")
    click.echo("Scheduler running; Ctrl+C stops it.")
    build_scheduler(app).start()


@cli.command("run-nightly")
def run_nightly() -> None:
    """Run the nightly cycle now, in its declared order."""
    from smajob import scheduler

    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    for run in scheduler.run_nightly(app, trigger="cli"):
        click.echo(f"{run.job_id}: {run.outcome} {run.counts or ''}")


@cli.command("run-job")
@click.argument("job_id")
def run_job(job_id: str) -> None:
    """Run one scheduled job now."""
    from smajob import scheduler

    try:
        scheduler.get_job(job_id)
    except KeyError as error:
        ids = ", ".join(spec.id for spec in scheduler.JOBS)
        raise click.ClickException(f"Unknown job {job_id!r}. Jobs: {ids}") from error
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    run = scheduler.run_job(app, job_id, trigger="cli")
    click.echo(f"{job_id}: {run.outcome} {run.counts or ''}")
    if run.outcome == "failed":
        raise click.ClickException(run.error or "failed")


@cli.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
def backup_command(target: str) -> None:
    """Back up the database to TARGET (SQLite online copy, or a pg_dump custom-format file)."""
    from pathlib import Path

    from smajob.backup import backup

    click.echo(f"backup written to {backup(db.engine, Path(target))}")
