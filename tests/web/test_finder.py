"""The public "where are your tasks?" helper."""

def test_the_helper_asks_three_questions_without_an_account(client):
    response = client.get("/find-opgaver/")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert body.count("<fieldset") == 3
    assert "bliver skubbet til side" in body


def test_answers_become_links_to_a_prefilled_task_form(client):
    response = client.get("/find-opgaver/?answered=1&task=cleaning:0&task=kitchen:1"
                          "&time_other=Scanne+fakturaer")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Jeres forslag" in body and "Scanne fakturaer" in body
    assert body.count("Meld opgaven:") == 3


def test_junk_answers_are_ignored_not_errors(client):
    response = client.get("/find-opgaver/?answered=1&task=%3Cscript%3E&task=office:999"
                          "&task=nope:1&disliked_other=%3Cb%3Ehi%3C/b%3E")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<b>hi</b>" not in body and "&lt;b&gt;hi&lt;/b&gt;" in body


def test_the_prefill_carries_category_title_and_the_helper_marker(app):
    from smajob.content.finder import Suggestion

    params = Suggestion("cleaning", ("Tørre borde af",)).prefill()
    assert params == {"category": "cleaning", "title": "Tørre borde af",
                      "description": "- Tørre borde af", "via": "helper"}
