"""Admin keeps the dated hours-requirement rules; the tracker reads the one in force."""

from datetime import date, timedelta

from sqlalchemy import func, select

from smajob.extensions import db
from smajob.results.hours_rules import rule_on
from smajob.results.models import HoursRequirementRule
from tests import factories


def _post(client, **data):
    form = {"code": "aalborg_krav", "name": "Aalborgs krav", "municipality_id": "0",
            "window_months": "12", "threshold_hours": "200", "valid_from": "2027-01-01",
            "note": ""}
    form.update(data)
    return client.post("/admin/hours-rules/", data=form)


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(HoursRequirementRule))


def test_the_historical_225_hour_rule_is_seeded_and_in_force_on_its_dates(app):
    old = rule_on(None, date(2020, 1, 1))
    assert (old.code, old.window_months, old.threshold_minutes) == ("225_hours", 12, 225 * 60)
    assert old.valid_to == date(2025, 6, 30)
    assert rule_on(None, date(2025, 7, 1)).code == "current_example"
    assert rule_on(None, date(2016, 3, 31)) is None


def test_a_municipalitys_own_rule_wins_from_its_date_and_history_is_kept(client, login_as, now):
    login_as("admin")
    municipality = factories.make_municipality()
    db.session.commit()
    response = _post(client, municipality_id=str(municipality.id))
    assert response.status_code == 302
    assert rule_on(municipality.id, date(2027, 2, 1)).threshold_minutes == 200 * 60
    assert rule_on(municipality.id, date(2026, 12, 31)).code == "current_example"
    assert rule_on(None, date(2027, 2, 1)).code == "current_example"
    body = client.get("/admin/hours-rules/").get_data(as_text=True)
    assert "Aalborgs krav" in body and "225-timersreglen" in body


def test_bad_rules_get_field_errors_and_nothing_is_saved(client, login_as, now):
    login_as("admin")
    before = _count()
    yesterday = (now.date() - timedelta(days=1)).isoformat()
    cases = [({"valid_from": yesterday}, "tidligst gælde fra i dag"),
             ({"window_months": "0"}, "mellem 1 og 60"),
             ({"threshold_hours": "-5"}, "mellem 1 og 5.000"),
             ({"code": "Æ Ø"}, "små bogstaver"),
             ({"name": ""}, "Udfyld feltet"),
             ({"valid_from": "2026-W50"}, "gyldig dato")]
    for data, message in cases:
        response = _post(client, **data)
        assert response.status_code == 422, data
        assert message in response.get_data(as_text=True), data
    assert _count() == before


def test_a_new_bureau_wide_rule_ends_the_open_one_the_day_before(client, login_as, now):
    login_as("admin")
    assert _post(client, code="nyt_krav", name="Nyt krav").status_code == 302
    example = db.session.scalar(select(HoursRequirementRule).filter_by(code="current_example"))
    assert example.valid_to == date(2026, 12, 31)
    assert _post(client, valid_from="2026-12-15").status_code == 422  # before the newest row
