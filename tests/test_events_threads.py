"""One EventCoder shared by threads: coding two articles at once gives what coding them in turn gives."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder

# Two articles whose "strike" means different things: a labour strike where the sentence has
# union words, an attack where it has military words. A coder that kept the words of the
# sentence it is coding anywhere but in its call would code one article's strike with the
# other article's words; so would one that kept the article's actors or an event's trigger.
LABOUR_SENTENCES = (
    "The teachers' union began a strike over unpaid wages on Monday.",
    "Dock workers joined the strike in Mombasa, the union said.",
    "The employers called the strike illegal and urged the staff to return.",
    "Bus drivers started a strike in Lagos over their pensions.",
)
WAR_SENTENCES = (
    "The army launched a strike on the rebel camp near Aleppo.",
    "Turkish jets carried out a strike against militant positions, killing nine.",
    "Russia condemned the missile strike on the airport and demanded that troops withdraw.",
    "The navy said a drone strike killed two insurgent commanders in Yemen.",
)
STRIKE_ARTICLE = " ".join(LABOUR_SENTENCES * 3)
WAR_ARTICLE = " ".join(WAR_SENTENCES * 3)
ROUNDS = 40


def _dump(coder: EventCoder, parsed: tuple[Any, Any], doc_id: str) -> list[dict[str, Any]]:
    doc, actors = parsed
    return [ev.to_dict() for ev in coder.code(doc, actors, doc_id)]


def test_two_threads_sharing_a_coder_code_as_one_after_the_other(
        nlp: Language, resolver: ActorResolver, busy_switching: None, in_lockstep) -> None:
    coder = EventCoder()
    articles = {"strike": STRIKE_ARTICLE, "war": WAR_ARTICLE}
    # parsing and actor resolution are other stages: done once here, only the event coder is shared
    parsed = {name: (doc, resolver.resolve(doc)) for name, doc in
              ((name, nlp(text)) for name, text in articles.items())}
    expected = {name: _dump(coder, parsed[name], name) for name in articles}
    assert expected["strike"] != expected["war"]
    assert any(ev["cameo"].startswith("14") for ev in expected["strike"])
    assert any(ev["cameo"].startswith("19") for ev in expected["war"])

    results = in_lockstep({name: (lambda name=name: _dump(coder, parsed[name], name)) for name in articles},
                          ROUNDS, 300)
    for name in articles:
        assert all(got == expected[name] for got in results[name]), name


def test_the_coder_cannot_be_changed_after_it_is_built(coder: EventCoder) -> None:
    with pytest.raises(AttributeError):
        coder.lex = coder.lex  # type: ignore[misc]
    with pytest.raises(AttributeError):
        coder.scratch = set()  # type: ignore[attr-defined]
