"""The "where are your tasks?" helper: three questions with example tasks; the ticked answers
become prefilled task forms, one per category. Pure apart from the lazy texts it shows.

The questions come from the business leaders' own words (seed 004): tasks that are neglected,
tasks that take time from staff who could do other things, and tasks staff do not like.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from smajob.content.examples import EXAMPLES

MAX_FREE_TEXT = 300


@dataclass(frozen=True)
class Question:
    key: str
    text: object  # lazy string
    categories: tuple[str, ...]


QUESTIONS = (
    Question("neglected", _l("Hvilke opgaver bliver skubbet til side eller aldrig gjort?"),
             ("sorting", "outdoor", "office", "cleaning")),
    Question("time", _l("Hvilke opgaver tager tid fra medarbejdere, der kunne lave noget andet?"),
             ("mail", "office", "warehouse", "kitchen")),
    Question("disliked", _l("Hvilke opgaver bryder medarbejderne sig ikke om?"),
             ("cleaning", "kitchen", "sorting", "workshop", "cafe")),
)


def choices(question: Question) -> list[tuple[str, object]]:
    """(value, label) for each example task under a question; value = 'category:index'."""
    return [(f"{code}:{index}", text) for code in question.categories
            for index, text in enumerate(EXAMPLES.get(code, ()))
            if code != "other"]


@dataclass(frozen=True)
class Suggestion:
    category: str
    tasks: tuple[str, ...]

    def prefill(self) -> dict[str, str]:
        """Query parameters for the task form: category, a title and a description."""
        title = self.tasks[0] if len(self.tasks) == 1 else f"{self.tasks[0]} m.m."
        return {"category": self.category, "title": title[:120],
                "description": "\n".join(f"- {t}" for t in self.tasks)[:2000],
                "via": "helper"}


def suggestions(ticked: list[str], free_text: dict[str, str]) -> list[Suggestion]:
    """Group the ticked examples (unknown values ignored) by category; free text goes to
    'other'. The order follows the categories as first ticked."""
    grouped: dict[str, list[str]] = {}
    for value in ticked:
        code, _, index = value.partition(":")
        examples = EXAMPLES.get(code)
        if not examples or code == "other" or not index.isdigit() or int(index) >= len(examples):
            continue
        text = str(examples[int(index)])
        if text not in grouped.setdefault(code, []):
            grouped[code].append(text)
    for question in QUESTIONS:
        text = " ".join((free_text.get(question.key) or "").split())[:MAX_FREE_TEXT]
        if text:
            grouped.setdefault("other", []).append(text)
    return [Suggestion(code, tuple(tasks)) for code, tasks in grouped.items()]
