"""Admin pages: users, roles and tenants, deactivation, outbox, audit log."""

from sqlalchemy import select

from smajob.accounts.models import User
from smajob.audit.models import AuditEvent
from smajob.extensions import db
from tests import factories


def _new_user(**overrides):
    data = {"name": "Ny Konsulent", "email": "ny@example.com", "role": "consultant",
            "municipality_id": "0", "business_id": "0", "language": "da",
            "password": "en god lang startkode"}
    data.update(overrides)
    return data


def test_admin_creates_a_consultant(client, login_as):
    login_as("admin")
    response = client.post("/admin/users/new", data=_new_user())
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "ny@example.com"))
    assert user.role == "consultant" and user.active


def test_a_jobcenter_user_needs_a_municipality_and_nothing_is_saved_without_one(client, login_as):
    login_as("admin")
    response = client.post("/admin/users/new", data=_new_user(role="jobcenter"))
    assert response.status_code == 422
    assert "Jobcenter-brugere skal høre til en kommune." in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.email == "ny@example.com")) is None


def test_a_duplicate_email_and_a_weak_password_get_field_errors(client, login_as):
    login_as("admin")
    factories.make_user(email="ny@example.com")
    db.session.commit()
    body = client.post("/admin/users/new", data=_new_user()).get_data(as_text=True)
    assert "Der findes allerede en bruger med denne e-mail." in body
    body = client.post("/admin/users/new", data=_new_user(
        email="andet@example.com", password="12345678")).get_data(as_text=True)
    assert "for almindelig" in body


def test_a_business_user_keeps_only_the_business_tenant(client, login_as):
    login_as("admin")
    business = factories.make_business()
    municipality = factories.make_municipality()
    db.session.commit()
    client.post("/admin/users/new", data=_new_user(
        role="business", business_id=str(business.id), municipality_id=str(municipality.id)))
    user = db.session.scalar(select(User).where(User.email == "ny@example.com"))
    assert user.business_id == business.id and user.municipality_id is None


def test_admin_deactivates_a_user_and_cannot_deactivate_themself(client, login_as):
    admin = login_as("admin")
    other = factories.make_user()
    db.session.commit()
    assert client.post(f"/admin/users/{other.id}/active", data={"active": "0"}).status_code == 302
    db.session.refresh(other)
    assert other.active is False
    client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    db.session.refresh(admin)
    assert admin.active is True


def test_user_admin_is_audited(client, login_as):
    login_as("admin")
    client.post("/admin/users/new", data=_new_user())
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert "user.created" in actions


def test_logins_are_audited_and_listed_by_user(client, app):
    user = factories.make_user(email="a@example.com")
    db.session.commit()
    client.post("/login", data={"email": "a@example.com", "password": factories.PASSWORD})
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login"))
    assert event.actor_id == user.id
    client.post("/logout")
    admin_client = app.test_client()
    admin = factories.make_user(role="admin")
    from smajob import clock
    from smajob.accounts.sessions import start_session

    token = start_session(admin, now=clock.now())
    db.session.commit()
    with admin_client.session_transaction() as session:
        session["sid"], session["_user_id"] = token, str(admin.id)
    body = admin_client.get(f"/admin/audit?actor_id={user.id}").get_data(as_text=True)
    assert "login" in body


def test_admin_reads_held_mail_in_the_outbox(client, login_as):
    factories.make_user(email="glemsom@example.com")
    db.session.commit()
    client.post("/forgot", data={"email": "glemsom@example.com"})
    login_as("admin")
    body = client.get("/admin/outbox").get_data(as_text=True)
    assert "glemsom@example.com" in body
