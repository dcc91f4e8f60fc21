"""The `flask smajob` commands."""

from sqlalchemy import func, select

from smajob.accounts.models import User
from smajob.extensions import db


def test_create_admin_makes_an_administrator_and_refuses_a_weak_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["smajob", "create-admin", "--email", "Chef@Bureau.dk",
                                 "--name", "Chef", "--password", "en lang og sikker sætning"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "chef@bureau.dk"))
    assert user.role == "admin"
    result = runner.invoke(args=["smajob", "create-admin", "--email", "b@bureau.dk",
                                 "--name", "B", "--password", "password"])
    assert result.exit_code != 0 and "for almindelig" in result.output


def test_seed_demo_runs_once_and_if_empty_leaves_existing_data_alone(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["smajob", "seed-demo", "--if-empty"]).exit_code == 0
    users = db.session.scalar(select(func.count()).select_from(User))
    assert users >= 8
    result = runner.invoke(args=["smajob", "seed-demo", "--if-empty"])
    assert "already present" in result.output
    assert db.session.scalar(select(func.count()).select_from(User)) == users


def test_seed_demo_country_generates_the_benchmark_data_set_and_refuses_a_full_database(app):
    from smajob.candidates.models import Candidate
    from smajob.hours.models import HoursEntry
    from smajob.municipalities.models import Municipality
    from smajob.outcomes.models import Outcome
    from tests.services.test_hours_summary import ledger, summary

    def count(model):
        return db.session.scalar(select(func.count()).select_from(model))

    runner = app.test_cli_runner()
    tiny = ["smajob", "seed-demo", "--scale", "country", "--candidates", "200", "--hours", "2500"]
    result = runner.invoke(args=tiny)
    assert result.exit_code == 0, result.output
    assert "200 candidates" in result.output and "2,500 hours entries" in result.output
    assert (count(Municipality), count(Candidate), count(HoursEntry)) == (98, 200, 2_500)
    assert count(Outcome) > 0 and summary() == ledger()
    largest = db.session.scalar(select(Candidate.municipality_id).group_by(
        Candidate.municipality_id).order_by(func.count().desc()).limit(1))
    assert largest == db.session.scalar(select(func.min(Municipality.id)))

    refused = runner.invoke(args=tiny)
    assert refused.exit_code != 0 and "--force" in refused.output
    assert count(Candidate) == 200
    assert runner.invoke(args=[*tiny, "--force"]).exit_code == 0
    assert (count(Municipality), count(Candidate)) == (196, 400)
    assert summary() == ledger()


def test_demo_logins_prints_one_login_per_role(app):
    output = app.test_cli_runner().invoke(args=["smajob", "demo-logins"]).output
    for role in ("admin", "consultant", "jobcenter", "business"):
        assert role in output
    assert "127.0.0.1:5000" in output
