"""The public landing page and the stories admins manage for it."""

from sqlalchemy import select

from smajob.content.models import Story
from smajob.extensions import db


def _story(**overrides):
    data = {"title": "Opvasken", "body": "En god historie.", "byline": "Café Vesterå",
            "language": "da", "sort_order": "1", "published": "y"}
    data.update(overrides)
    return data


def test_the_landing_page_explains_small_jobs_price_and_examples(client):
    body = client.get("/").get_data(as_text=True)
    assert "mindst 5 timer om ugen" in body
    assert "185,00 kr." in body  # the standard price from the dated rates
    assert "Tømme og fylde opvaskemaskinen" in body  # an example task per category
    english = client.get("/?lang=en").get_data(as_text=True)
    assert "Small jobs with meaning" in english


def test_admin_publishes_a_story_that_the_landing_page_shows_escaped(client, login_as):
    login_as("admin")
    payload = _story(title='<script>alert("x")</script>Vores nye kollega')
    assert client.post("/admin/stories/new", data=payload).status_code == 302
    client.post("/logout")
    body = client.get("/").get_data(as_text=True)
    assert "Vores nye kollega" in body
    assert "<script>alert" not in body and "&lt;script&gt;" in body


def test_a_draft_is_not_shown_and_an_empty_story_is_refused(client, login_as):
    login_as("admin")
    client.post("/admin/stories/new", data=_story(title="Hemmelig kladde", published=""))
    response = client.post("/admin/stories/new", data=_story(title="", body=""))
    assert response.status_code == 422
    assert db.session.scalar(select(Story).where(Story.title == "")) is None
    client.post("/logout")
    assert "Hemmelig kladde" not in client.get("/").get_data(as_text=True)


def test_admin_deletes_a_story(client, login_as):
    login_as("admin")
    client.post("/admin/stories/new", data=_story())
    story = db.session.scalar(select(Story))
    assert client.post(f"/admin/stories/{story.id}/delete").status_code == 302
    assert db.session.scalar(select(Story)) is None
    assert client.get(f"/admin/stories/{story.id}").status_code == 404
