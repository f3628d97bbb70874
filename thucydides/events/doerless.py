"""Force told with no doer, in an article.

"Six people were killed in the blast", "more than 500 were injured": in one sentence fed alone
the harm is all the text gives, and the sentence-level coders code it with no source. In an
article such a sentence tells the toll of an attack the article reports elsewhere, by its doer,
or of one whose doer nobody names; annotators of whole articles code neither (ARTICLES.md rule 4:
the actor must be stated or recoverable), and a dyad table cannot count an act of no one. The
doers the article does name are found before this stage: by-agents, the actor of the event noun
("killed in an Israeli strike"), the act taken up a sentence before (`recall`). What is left
with an act or a weapon as its subject and no actor behind it ("the bombings killed more than
200 people", "a single gunshot killed him") names no doer either.

An article-level stage of the event coder, after `aim_at_recalled_acts`, before `merge_mentions`.
"""

from __future__ import annotations

from thucydides.events.words import FORCE_ROOTS, INSTRUMENTS_OF_FORCE, RECALLED_ACTS, singular
from thucydides.models import Event, EventActor

# a document of this many sentences or more is an article; a headline with its lead is not
ARTICLE_SENTENCES = 3


def without_doerless_force(events: list[Event], sentences: int) -> list[Event]:
    """The events, less the acts of force that name no doer at all, when the document is an article."""
    if sentences < ARTICLE_SENTENCES:
        return events
    return [ev for ev in events if not (ev.cameo[:2] in FORCE_ROOTS and not _doer(ev.source))]


def _doer(source: EventActor | None) -> bool:
    """Someone named as doing it: not an act ("the attacks") or a weapon ("a gunshot") with no
    actor behind it."""
    if source is None:
        return False
    if source.code:
        return True
    words = source.text.lower().split()
    if not words:
        return False
    head = words[-1]
    return not any(w in INSTRUMENTS_OF_FORCE or w in RECALLED_ACTS for w in (head, singular(head)))
