import pytest

from smajob import config

CPR_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE="  # 32 bytes, urlsafe base64
PRODUCTION = {"SMAJOB_SECRET_KEY": "k" * 40, "SMAJOB_CPR_ENCRYPTION_KEY": CPR_KEY}


def test_production_refuses_the_default_secret_key(tmp_path):
    with pytest.raises(config.ConfigError):
        config.load(str(tmp_path), environ={})


def test_production_refuses_a_short_secret_key(tmp_path):
    with pytest.raises(config.ConfigError):
        config.load(str(tmp_path), environ={"SMAJOB_SECRET_KEY": "short"})


def test_production_starts_with_a_real_secret_and_secure_cookies(tmp_path):
    loaded = config.load(str(tmp_path), environ=PRODUCTION)
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_HTTPONLY"] is True
    assert loaded["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert loaded["HSTS"] is True


def test_environment_overrides_defaults_and_overrides_win(tmp_path):
    environ = {**PRODUCTION, "SMAJOB_LOGIN_MAX_FAILURES": "3",
               "SMAJOB_MAIL_BACKEND": "smtp", "SMAJOB_SMTP_STARTTLS": "true"}
    loaded = config.load(str(tmp_path), {"MAIL_BACKEND": "outbox"}, environ=environ)
    assert loaded["LOGIN_MAX_FAILURES"] == 3
    assert loaded["SMTP_STARTTLS"] is True
    assert loaded["MAIL_BACKEND"] == "outbox"


def test_the_api_rate_limit_is_read_from_the_environment(tmp_path):
    assert config.load(str(tmp_path), environ=PRODUCTION)["API_RATE_LIMIT_PER_MINUTE"] == 120
    loaded = config.load(str(tmp_path), environ={
        **PRODUCTION, "SMAJOB_API_RATE_LIMIT_PER_MINUTE": "5000"})
    assert loaded["API_RATE_LIMIT_PER_MINUTE"] == 5000


def test_the_drill_schedule_is_off_unless_set(tmp_path):
    assert config.load(str(tmp_path), environ=PRODUCTION)["SCHEDULER_EVERY_SECONDS"] == 0
    loaded = config.load(str(tmp_path), environ={**PRODUCTION,
                                                  "SMAJOB_SCHEDULER_EVERY_SECONDS": "20"})
    assert loaded["SCHEDULER_EVERY_SECONDS"] == 20


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    loaded = config.load(str(tmp_path), {"TESTING": True}, environ={})
    assert loaded["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/smajob.sqlite3"


def test_postgres_urls_use_psycopg_3(tmp_path):
    loaded = config.load(str(tmp_path), {"TESTING": True},
                         environ={"SMAJOB_DATABASE_URL": "postgresql://u@h/db"})
    assert loaded["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_a_bad_boolean_in_the_environment_is_a_clear_error(tmp_path):
    with pytest.raises(config.ConfigError, match="boolean"):
        config.load(str(tmp_path), {"TESTING": True}, environ={"SMAJOB_HSTS": "maybe"})


@pytest.mark.parametrize("key", [None, "", "not-a-key"])
def test_production_refuses_a_missing_or_malformed_cpr_key(tmp_path, key):
    environ = {"SMAJOB_SECRET_KEY": "k" * 40}
    if key is not None:
        environ["SMAJOB_CPR_ENCRYPTION_KEY"] = key
    with pytest.raises(config.ConfigError, match="CPR"):
        config.load(str(tmp_path), environ=environ)
