"""Admin changes a dated rate: the old value keeps its period; bad input gets field errors."""

from datetime import date, timedelta

from sqlalchemy import func, select

from smajob.extensions import db
from smajob.rates.models import Rate
from smajob.rates.services import get_rate
from tests import factories


def _post(client, **data):
    form = {"code": "holiday_pay", "municipality_id": "0", "value": "12,0",
            "valid_from": "2026-12-01", "note": "overenskomst 2026"}
    form.update(data)
    return client.post("/admin/rates/", data=form)


def test_admin_adds_a_new_rate_and_the_old_period_keeps_the_old_value(client, login_as, now):
    login_as("admin")
    assert _post(client).status_code == 302
    assert _post(client, value="13", valid_from="2027-01-01").status_code == 302
    assert get_rate("holiday_pay", date(2026, 11, 30)) == 1250  # the default before
    assert get_rate("holiday_pay", date(2026, 12, 15)) == 1200
    assert get_rate("holiday_pay", date(2027, 2, 1)) == 1300
    first = db.session.scalar(select(Rate).order_by(Rate.valid_from))
    assert first.valid_to == date(2026, 12, 31)


def test_a_rate_cannot_be_backdated_or_negative_and_nothing_is_saved(client, login_as, now):
    login_as("admin")
    yesterday = (now.date() - timedelta(days=1)).isoformat()
    response = _post(client, valid_from=yesterday)
    assert response.status_code == 422
    assert "tidligst gælde fra i dag" in response.get_data(as_text=True)
    response = _post(client, value="-1")
    assert response.status_code == 422
    response = _post(client, code="payment_terms", value="14,5")
    assert response.status_code == 422
    assert db.session.scalar(select(func.count()).select_from(Rate)) == 0


def test_a_bureau_wide_rate_cannot_be_set_per_municipality(client, login_as, now):
    login_as("admin")
    municipality = factories.make_municipality()
    db.session.commit()
    response = _post(client, municipality_id=str(municipality.id))
    assert response.status_code == 422
    assert _post(client, code="annual_target", value="400",
                 municipality_id=str(municipality.id)).status_code == 302
    assert get_rate("annual_target", date(2026, 12, 2), municipality.id) == 400
    assert get_rate("annual_target", date(2026, 12, 2)) == 365


def test_the_rates_page_shows_current_values(client, login_as):
    login_as("admin")
    body = client.get("/admin/rates/").get_data(as_text=True)
    assert "12,5 %" in body and "25 %" in body


def test_result_tariffs_and_benefit_rates_are_dated_rates_per_municipality(client, login_as,
                                                                            now):
    from smajob.results.rules import Milestone
    from smajob.results.settings import milestone_settings, tariff_ore
    from smajob.savings.rates import benefit_rate

    login_as("admin")
    municipality = factories.make_municipality()
    db.session.commit()
    day = date(2027, 1, 15)
    assert tariff_ore(Milestone.FIRST_PAID_HOUR, day, municipality.id) == 300_000
    assert _post(client, code="tariff.first_paid_hour", value="3.250,00",
                 valid_from="2027-01-01", municipality_id=str(municipality.id)).status_code == 302
    assert tariff_ore(Milestone.FIRST_PAID_HOUR, day, municipality.id) == 325_000
    assert tariff_ore(Milestone.FIRST_PAID_HOUR, day, None) == 300_000
    assert milestone_settings(day, municipality.id).sustained_weeks == 13
    rate = benefit_rate("kontanthjaelp_jobparat", day, municipality.id)
    assert rate.monthly_benefit_ore == 1_300_000 and rate.disregard_ore_per_hour == 3_300
    assert benefit_rate("something_else", day, None) == benefit_rate("other", day, None)
    body = client.get("/admin/rates/").get_data(as_text=True)
    assert "Resultatbetaling" in body and "(eksempel)" in body


def test_every_milestone_has_a_tariff():
    from smajob.rates.catalogue import BY_CODE
    from smajob.results.rules import Milestone

    assert all(f"tariff.{m.value}" in BY_CODE for m in Milestone)
