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


def test_demo_logins_prints_one_login_per_role(app):
    output = app.test_cli_runner().invoke(args=["smajob", "demo-logins"]).output
    for role in ("admin", "consultant", "jobcenter", "business"):
        assert role in output
    assert "127.0.0.1:5000" in output
