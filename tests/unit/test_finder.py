"""The task finder turns ticked examples into prefilled task forms; junk is ignored."""

from hypothesis import given
from hypothesis import strategies as st

from smajob.content.finder import QUESTIONS, choices, suggestions


def test_ticked_examples_are_grouped_by_category_with_a_prefill(app):
    values = [value for value, _ in choices(QUESTIONS[2])]
    cleaning = [v for v in values if v.startswith("cleaning:")]
    result = suggestions([cleaning[0], cleaning[1], cleaning[0], "kitchen:0"],
                         {"neglected": "  Pudse   vinduer "})
    assert [s.category for s in result] == ["cleaning", "kitchen", "other"]
    prefill = result[0].prefill()
    assert prefill["category"] == "cleaning" and prefill["via"] == "helper"
    assert prefill["title"].endswith("m.m.") and prefill["description"].count("- ") == 2
    assert result[2].tasks == ("Pudse vinduer",)


def test_every_question_offers_examples(app):
    for question in QUESTIONS:
        assert len(choices(question)) >= 5


@given(st.lists(st.text(max_size=30), max_size=20),
       st.dictionaries(st.sampled_from(["neglected", "time", "disliked", "x"]),
                       st.text(max_size=500)))
def test_any_input_gives_bounded_suggestions_and_never_fails(ticked, free_text):
    for suggestion in suggestions(ticked, free_text):
        prefill = suggestion.prefill()
        assert len(prefill["title"]) <= 120 and len(prefill["description"]) <= 2000
