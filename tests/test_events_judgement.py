"""Judgements told as statements (issue 14): a speaker's clause that lays an act at another
actor's door is an accusation (112), one that condemns an actor is criticism (111); a clause
that judges nobody, denies, or judges the speakers themselves stays a comment."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


def statements(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t")
            if not e.negated and "v:say:" in str(e.why.get("rule", ""))]


@pytest.mark.parametrize("text, code, target", [
    ("Ankara said the Kurdish militia was behind the bombing.", "112", "the Kurdish militia"),
    ("Iran's foreign minister said Washington was guilty of economic terrorism.", "112", "Washington"),
    ("Ankara says the Syrian government was involved in the shelling of a border town.", "112",
     "the Syrian government"),
    ("'The regime caused thousands of deaths,' the envoy said.", "112", "The regime"),
    ("The minister said it was preposterous for the government to open an inquiry into the senator.",
     "111", "the government"),
    ("Trump said Obama's stance was wrong.", "111", "Obama"),
])
def test_a_speakers_judgement_of_an_actor_is_aimed_at_it(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, code: str,
        target: str) -> None:
    events = statements(nlp, resolver, coder, text)
    assert [e.cameo for e in events] == [code], [(e.cameo, e.why) for e in events]
    assert events[0].target is not None and events[0].target.text == target


@pytest.mark.parametrize("text", [
    "The ministry said the situation was terrible.",       # judges nobody
    "The spokesman said Russia was not involved.",          # denied
    "The minister said the storm caused delays.",           # harm from no one
    "'We were wrong,' the foreign minister said.",          # the speakers themselves
    "The envoy said the talks were useful.",                # no judgement
])
def test_a_clause_that_accuses_no_other_actor_stays_a_comment(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    events = statements(nlp, resolver, coder, text)
    assert all(e.cameo.startswith("01") for e in events), [(e.cameo, e.why) for e in events]


@pytest.mark.parametrize("text, target", [
    ("Turkey alleged that the YPG carried out the bombing.", "the YPG"),
    ("Iran charged that Israel had sabotaged the reactor.", "Israel"),
])
def test_an_accusation_told_with_a_clause_is_aimed_at_its_subject(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, target: str) -> None:
    doc = nlp(text)
    events = [e for e in coder.code(doc, resolver.resolve(doc, None), "t")
              if not e.negated and e.cameo.startswith("11")]
    assert events and events[0].target is not None and events[0].target.text == target, \
        [(e.cameo, e.target) for e in events]
