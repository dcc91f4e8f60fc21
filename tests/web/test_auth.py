"""Login, sessions, logout, throttling, password change and reset (QUALITY.md security table)."""

from datetime import timedelta

from sqlalchemy import func, select

from smajob import clock, create_app
from smajob.accounts.models import LoginAttempt, UserSession
from smajob.extensions import db
from tests import factories

PASSWORD = factories.PASSWORD


def _login(client, email, password=PASSWORD, next_url=None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password})


def _cookie(client):
    cookie = client.get_cookie("smajob_session")
    return cookie.value if cookie else None


def test_login_with_the_right_password_lands_on_the_dashboard(client):
    user = factories.make_user(role="consultant", email="mette@example.com")
    db.session.commit()
    response = _login(client, "Mette@Example.com ")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")
    assert client.get("/dashboard").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(UserSession).where(
        UserSession.user_id == user.id)) == 1


def test_a_wrong_password_gets_a_clear_message_and_no_session(client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    response = _login(client, "a@example.com", "forkert adgangskode")
    assert response.status_code == 422
    assert "Forkert e-mail eller adgangskode." in response.get_data(as_text=True)
    assert client.get("/dashboard").status_code == 302


def test_unknown_email_and_wrong_password_get_the_same_answer(client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    known = _login(client, "a@example.com", "forkert adgangskode").get_data(as_text=True)
    unknown = _login(client, "nobody@example.com", "forkert adgangskode").get_data(as_text=True)
    assert known.replace("a@example.com", "X") == unknown.replace("nobody@example.com", "X")


def test_the_session_cookie_changes_at_login(client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    client.get("/login?lang=da")
    before = _cookie(client)
    _login(client, "a@example.com")
    after = _cookie(client)
    assert before and after and before != after


def test_a_cookie_replayed_after_logout_is_rejected(app, client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    _login(client, "a@example.com")
    saved = _cookie(client)
    assert client.post("/logout").status_code == 302
    replay = app.test_client()
    replay.set_cookie("smajob_session", saved)
    response = replay.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_deactivation_ends_the_session_at_once(app, client, login_as):
    user = login_as("consultant")
    assert client.get("/dashboard").status_code == 200
    admin = factories.make_user(role="admin")
    from smajob.accounts.users import set_user_active

    set_user_active(admin, user, False, now=clock.now())
    db.session.commit()
    assert client.get("/dashboard").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    other = app.test_client()
    _login(other, "a@example.com")
    _login(client, "a@example.com")
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "password": "en helt ny lang sætning",
        "confirm": "en helt ny lang sætning"})
    assert response.status_code == 302
    assert client.get("/dashboard").status_code == 200
    assert other.get("/dashboard").status_code == 302


def test_password_change_refuses_a_wrong_current_password_and_a_weak_new_one(client, login_as):
    login_as("consultant")
    wrong = client.post("/account/password", data={
        "current_password": "gæt", "password": "en helt ny lang sætning",
        "confirm": "en helt ny lang sætning"})
    assert wrong.status_code == 422
    assert "Den nuværende adgangskode er forkert." in wrong.get_data(as_text=True)
    weak = client.post("/account/password", data={
        "current_password": PASSWORD, "password": "password", "confirm": "password"})
    assert weak.status_code == 422
    assert "for almindelig" in weak.get_data(as_text=True)


def test_idle_sessions_end_after_thirty_minutes(client, login_as, now):
    login_as("jobcenter")
    with clock.frozen(now + timedelta(minutes=29)):
        assert client.get("/dashboard").status_code == 200
    with clock.frozen(now + timedelta(minutes=29 + 31)):
        assert client.get("/dashboard").status_code == 302


def test_sessions_end_after_twelve_hours_even_when_active(client, login_as, now):
    login_as("consultant")
    moment = now
    for _ in range(12 * 3):  # a request every 20 minutes keeps the session from idling
        moment += timedelta(minutes=20)
        with clock.frozen(moment):
            response = client.get("/dashboard")
        if moment - now <= timedelta(hours=12):
            assert response.status_code == 200, moment - now
    with clock.frozen(now + timedelta(hours=12, minutes=1)):
        assert client.get("/dashboard").status_code == 302


def test_no_remember_me_cookie_is_ever_set(client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    response = _login(client, "a@example.com")
    assert not any("remember_token" in h for h in response.headers.getlist("Set-Cookie"))


def test_login_next_parameter_never_leaves_the_site(client):
    factories.make_user(email="a@example.com")
    db.session.commit()
    for target in ("https://evil.test", "//evil.test/x", "/\\evil.test", "javascript:alert(1)"):
        client.post("/logout")
        response = _login(client, "a@example.com", next_url=target)
        assert response.headers["Location"].endswith("/dashboard"), target
    client.post("/logout")
    response = _login(client, "a@example.com", next_url="/admin/users")
    assert response.headers["Location"] == "/admin/users"


def test_brute_force_is_throttled_before_a_hundred_guesses_and_counted_in_the_database(
        app, client, _schema, app_config):
    factories.make_user(email="victim@example.com")
    db.session.commit()
    # A second app instance stands in for a second process: it shares nothing but the database.
    second = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": _schema,
                         "WTF_CSRF_ENABLED": False}).test_client()
    statuses = []
    for attempt in range(101):
        target = client if attempt % 2 else second
        statuses.append(_login(target, "victim@example.com", f"gæt nummer {attempt}").status_code)
    assert 429 in statuses
    assert statuses.index(429) < 100
    # Even the right password is refused while the account is throttled.
    assert _login(client, "victim@example.com").status_code == 429
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) >= 10
    with clock.frozen(clock.now() + timedelta(minutes=16)):
        assert _login(client, "victim@example.com").status_code == 302


def test_password_reset_by_mail_over_real_smtp(app, client, smtp_server):
    app.config.update(smtp_server.config())
    factories.make_user(email="glemsom@example.com")
    db.session.commit()
    response = client.post("/forgot", data={"email": "glemsom@example.com"})
    assert response.status_code == 302
    [mail] = smtp_server.wait_for(1)
    assert mail["To"] == "glemsom@example.com"
    link = next(line for line in mail.get_content().splitlines() if "/reset/" in line)
    path = link[link.index("/reset/"):].strip()
    assert client.get(path).status_code == 200
    new = "mit nye kodeord er langt"
    assert client.post(path, data={"password": new, "confirm": new}).status_code == 302
    assert _login(client, "glemsom@example.com", new).status_code == 302
    client.post("/logout")
    assert client.get(path).status_code == 404  # single use
    assert _login(client, "glemsom@example.com").status_code == 422  # old password gone


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(
        app, client, smtp_server):
    app.config.update(smtp_server.config())
    response = client.post("/forgot", data={"email": "ukendt@example.com"},
                           follow_redirects=True)
    assert "Hvis adressen hører til en bruger" in response.get_data(as_text=True)
    assert smtp_server.messages == []


def test_a_reset_link_expires_after_an_hour(app, client, now):
    user = factories.make_user(email="a@example.com")
    from smajob.accounts.services import request_password_reset

    _, token = request_password_reset(user.email, now=now)
    db.session.commit()
    with clock.frozen(now + timedelta(minutes=61)):
        assert client.get(f"/reset/{token}").status_code == 404
