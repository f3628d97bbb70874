"""One `Coder` shared by threads: coding two articles at once gives what coding them in turn gives.

Every stage (actors, events, times, places, quotes) is built once and reused; a stage that kept
anything of the article it is coding outside its call (a sentence's actors, an anchor date, a
quote's speaker, a place's country) would hand it to the other thread's article. Indexes a stage
builds on first use (the gazetteer's towns of each country, a border's point) are shared too, so
the threads start on a coder that has coded nothing yet.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Doc

from thucydides import Coder
from thucydides.models import Article
from thucydides.places import PlaceResolver
from thucydides.places.build import INDEX_FILE
from thucydides.places.gazetteer import Gazetteer

# Two articles that differ in every stage's answer: other actors, other dates and publication
# days, other places, other speakers and quotes.
HARBOUR_ARTICLE = " ".join((
    "Kenya closed the Kenyan-Somali border after a raid on a village near Mandera.",
    "Kenyan police arrested three smugglers at the port of Mombasa on Tuesday.",
    '"We will not let the harbour become a highway for contraband," the interior minister said.',
    "The Kenyan government later expelled two Somali diplomats from Nairobi.",
    "Somalia condemned the expulsion and recalled its ambassador last week.",
    "Dock workers in Mombasa began a strike over unpaid wages on Friday, the union said.",
) * 2)
BORDER_ARTICLE = " ".join((
    "Azerbaijani troops shelled Armenian positions along the Armenian-Azerbaijani border on Sunday.",
    "Armenia's defence ministry said two soldiers were killed in the attack.",
    '"This aggression will not go unanswered," Prime Minister Nikol Pashinyan told reporters in Yerevan.',
    "Russia urged both sides to respect the ceasefire agreed in March.",
    "The United Nations will send observers to the region next month, a spokesman said.",
) * 2)
ARTICLES = (
    Article(id="harbour", text=HARBOUR_ARTICLE, date=date(2019, 6, 12)),
    Article(id="border", text=BORDER_ARTICLE, date=date(2021, 9, 27)),
)
ROUNDS = 30


def _document(coder: Coder, article: Article, doc: Doc) -> dict[str, Any]:
    return coder.code_parsed(article, doc).to_dict()


def test_two_threads_sharing_a_coder_code_as_one_after_the_other(busy_switching: None, in_lockstep) -> None:
    alone = Coder()
    # parsing is spaCy's: done once here, so that only the coder's own stages are shared
    parsed = {a.id: (a, alone.nlp(a.text)) for a in ARTICLES}
    expected = {name: _document(alone, *parsed[name]) for name in parsed}
    harbour, border = expected["harbour"], expected["border"]
    for document in (harbour, border):
        # each stage answers something, so a leak in any of them would show
        assert document["actors"] and document["events"] and document["times"]
        assert document["places"] and document["quotes"]
        assert any(p["feature"] == "border" for p in document["places"])
    assert {p["name"] for p in harbour["places"]} != {p["name"] for p in border["places"]}

    shared = Coder()
    # a gazetteer of its own, whose first-use indexes the two threads build at once
    shared.places = PlaceResolver(Gazetteer(INDEX_FILE))
    results = in_lockstep({name: (lambda name=name: _document(shared, *parsed[name])) for name in parsed},
                          ROUNDS, 600)
    for name in parsed:
        differing = [n for n, got in enumerate(results[name]) if got != expected[name]]
        assert differing == [], f"{name}: rounds {differing} differ from coding it alone"
