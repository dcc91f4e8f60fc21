"""The public task form: prefill from the helper, validation, honeypot, size and rate limits,
matching by CVR, the follow link; hypothesis-generated posts never 500 and never half-save."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from smajob.businesses.models import Business
from smajob.extensions import db
from smajob.mail.models import OutboxMessage
from smajob.tasks.models import Task, TaskEvent
from tests import factories


def form_data(**overrides) -> dict:
    data = {
        "cvr": factories._unused_cvr(), "business_name": "Testfirma ApS",
        "title": "Sortering af post", "category_id": str(factories.get_category("mail").id),
        "description": "Sortere og omdele post.",
        "windows-0-weekday": "1", "windows-0-start": "09:00", "windows-0-end": "12:00",
        "windows-1-weekday": "3", "windows-1-start": "09:00", "windows-1-end": "12:00",
        "start_date": "2026-12-01", "end_date": "", "seats": "1", "address": "Vesterbro 1",
        "postcode": "9000", "contact_name": "Karin Holm", "contact_phone": "98 12 34 56",
        "contact_email": "karin@example.com", "agreement": "Industriens Overenskomst",
        "agreement_min_wage": "130,00", "wage": "140", "traits": ["standing"],
        "danish_level": "1", "website": "", "via": "",
    }
    data.update(overrides)
    return data


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_helper_prefills_the_form(client):
    response = client.get("/opgaver/ny?category=office&title=Scanning&description=Scanne+bilag"
                          "&via=helper")
    body = response.get_data(as_text=True)
    office = factories.get_category("office").id
    assert response.status_code == 200 and 'value="Scanning"' in body and "Scanne bilag" in body
    assert re.search(rf'<option selected value="{office}"|<option value="{office}" selected', body)
    assert 'name="via" type="hidden" value="helper"' in body or 'value="helper"' in body


def test_a_good_post_lands_submitted_with_mail_and_the_follow_link_works(client, app):
    factories.make_user(role="consultant")
    db.session.commit()
    response = client.post("/opgaver/ny", data=form_data(via="helper"))
    assert response.status_code == 302 and response.location.endswith("/opgaver/tak")
    task = db.session.scalar(select(Task))
    assert task.status == "submitted" and task.source == "helper"
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "task_received"))
    link = re.search(r"/opgaver/folg/\S+", mail.body).group(0)
    page = client.get(link)
    assert page.status_code == 200 and "Sortering af post" in page.get_data(as_text=True)
    assert client.get("/opgaver/folg/not-a-token").status_code == 404


def test_an_existing_cvr_is_matched_not_duplicated(client):
    business = factories.make_business()
    db.session.commit()
    assert client.post("/opgaver/ny", data=form_data(cvr=business.cvr)).status_code == 302
    assert _count(Business) == 1 and db.session.scalar(select(Task)).business_id == business.id


def test_errors_are_shown_on_their_fields_and_nothing_is_saved(client):
    cases = [({"cvr": "12345678"}, "CVR-nummeret er ikke gyldigt"),
             ({"windows-1-weekday": ""}, "Udfyld ugedag"),
             ({"windows-1-weekday": "", "windows-1-start": "", "windows-1-end": ""},
              "mindst 5 timer"),
             ({"windows-0-start": "9:07"}, "kvarterer"),
             ({"windows-0-start": "abc"}, "tt:mm"),
             ({"wage": "120"}, "mindsteløn"), ({"wage": "mange"}, "kroner"),
             ({"start_date": "2026-11-01"}, "før i dag"), ({"postcode": "1"}, "findes ikke"),
             ({"contact_email": "x@"}, "gyldig e-mail"), ({"title": ""}, "Udfyld feltet")]
    for overrides, words in cases:
        response = client.post("/opgaver/ny", data=form_data(**overrides))
        assert response.status_code == 422, overrides
        assert words in response.get_data(as_text=True), overrides
    assert _count(Task) == 0 and _count(Business) == 0 and _count(OutboxMessage) == 0


def test_more_than_ten_hours_asks_for_confirmation(client):
    long_week = {f"windows-{i}-{k}": v for i in range(4)
                 for k, v in (("weekday", str(i)), ("start", "09:00"), ("end", "12:00"))}
    response = client.post("/opgaver/ny", data=form_data(**long_week))
    assert response.status_code == 422 and "normalt 5–10 timer" in response.get_data(as_text=True)
    assert client.post("/opgaver/ny", data=form_data(**long_week, confirm_hours="y")
                       ).status_code == 302


def test_the_honeypot_thanks_the_robot_and_keeps_nothing(client):
    response = client.post("/opgaver/ny", data=form_data(website="http://spam.example"))
    assert response.status_code == 302 and _count(Task) == 0


def test_oversized_posts_are_refused(client):
    response = client.post("/opgaver/ny", data=form_data(description="x" * 70_000))
    assert response.status_code == 413 and _count(Task) == 0


def test_the_rate_limit_per_address(client):
    for _ in range(5):
        assert client.post("/opgaver/ny", data=form_data()).status_code == 302
    response = client.post("/opgaver/ny", data=form_data())
    assert response.status_code == 429 and _count(Task) == 5


KEYS = ["cvr", "business_name", "title", "category_id", "description", "windows-0-weekday",
        "windows-0-start", "windows-0-end", "windows-1-weekday", "start_date", "end_date", "seats",
        "address", "postcode", "contact_name", "contact_phone", "contact_email", "agreement",
        "agreement_min_wage", "wage", "traits", "danish_level", "confirm_hours", "via"]
_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300) | \
    st.sampled_from(["", "æøå ÆØÅ", "🙂🚀", "<script>alert(1)</script>", "x" * 5000, "0",
                     "-1", "2026-02-30", "25:00", "09:15", "9000", "12345674"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(fields=st.dictionaries(st.sampled_from([*KEYS,
    "windows-2-weekday", "windows-2-start", "windows-2-end", "windows-9-start"]), _text,
    max_size=8))
def test_generated_posts_never_500_and_never_half_save(client, fields):
    before = (_count(Task), _count(Business), _count(TaskEvent), _count(OutboxMessage))
    address = f"10.1.{len(fields)}.{abs(hash(str(fields))) % 250}"
    response = client.post("/opgaver/ny", data=form_data(**fields),
                           environ_base={"REMOTE_ADDR": address})
    assert response.status_code in {302, 413, 422, 429}
    after = (_count(Task), _count(Business), _count(TaskEvent), _count(OutboxMessage))
    if response.status_code == 302:
        assert after[0] in {before[0], before[0] + 1}
    else:
        assert after == before


def test_nul_characters_are_refused_not_a_database_error(client, login_as):
    response = client.post("/opgaver/ny", data=form_data(title="a\x00b"))
    assert response.status_code == 422 and "ugyldige tegn" in response.get_data(as_text=True)
    assert client.get("/opgaver/ny?category=%00&title=%00").status_code == 200
    login_as("consultant")
    assert client.get("/opgaver/?q=%00&postcode=%00&status=%00").status_code == 200
    assert _count(Task) == 0
