"""Demo stories for the landing page."""

from __future__ import annotations

from datetime import datetime

from smajob.content.models import Story
from smajob.extensions import db

STORIES = [
    ("da", "Opvasken tager sig selv – og vi fik en kollega", "Vi havde aldrig tænkt over, hvor "
     "meget tid vores kokke brugte på opvask og oprydning. Nu har vi en medarbejder 8 timer om "
     "ugen, som er blevet en fast del af holdet.", "Café Vesterå, Aalborg"),
    ("da", "Fra 5 til 15 timer på et halvt år", "Det startede med at vande planter og feje "
     "gården to formiddage om ugen. I dag pakker han også varer til forsendelse, og vi taler om "
     "en fast stilling.", "Grønne Fingre Planteskole, Aalborg SV"),
    ("en", "The dishes take care of themselves – and we gained a colleague", "We never "
     "noticed how much of our cooks' time went on washing up. Now a colleague works 8 hours a "
     "week and has become part of the team.", "Café Vesterå, Aalborg"),
]


def seed_stories(now: datetime, context: dict) -> None:
    for order, (language, title, body, byline) in enumerate(STORIES):
        db.session.add(Story(language=language, title=title, body=body, byline=byline,
                             published=True, sort_order=order))
