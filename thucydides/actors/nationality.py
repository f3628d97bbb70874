"""The country of an event actor that its own words leave open, read from the article around it.

"Police arrested the editor" codes the police as COP: a sector with no state. Event data is
counted by dyad (country to country), so such an actor falls out of every count although the
article fixes its country plainly, the way a human coder reads it: the police of an article
about Azerbaijan whose sentence says "in Baku" are Azerbaijani police. The evidence is taken
in order of strength, and an actor is left without a country when the evidence disagrees:

1. the same entity named with a country elsewhere in the article (coreference);
2. the one country of the other actors named in the event's sentence ("Nigerian forces clashed
   with demonstrators");
3. the article's dominant country, when one country clearly leads its actor and place mentions;
4. the one country of the places named in the sentence ("police in Lagos"). A place is weaker
   evidence than an actor: forces fighting across a border are named where they fight. For
   sectors that act at home (police, courts, legislatures, crowds) it comes first, before
   step 2 ("students rallied in Tehran outside the British embassy").

A person named but not coded ("Tomas Kralj said") is placed by coreference, or by the
article's dominant country where the sentence names no other state: the others named in a
sentence do not say whose citizen a named person is. A named official whose title has no
state ("Foreign Minister Don McKinnon") takes the dateline's country first, as wire copy
means it. International and transnational codes (IGO, NGO, IMG, MNC) already name their
"country" part and are left alone, as are other actors the coder could not code at all. Each
filled country is recorded in the event's `why["countries"]` with the evidence that gave it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from thucydides.actors.analysis import ActorAnalysis
from thucydides.actors.codes import INTERNATIONAL
from thucydides.models import IMPLIED_SOURCE, Event, EventActor, Place
from thucydides.wordlists import word_set

__all__ = ["ArticleCountries", "complete_countries"]

DOMESTIC_SECTORS = frozenset(w.upper() for w in word_set("actors", "domestic_sectors"))
OFFICIAL_SECTORS = frozenset(w.upper() for w in word_set("actors", "official_sectors"))
BEYOND_ONE_STATE = word_set("actors", "beyond_one_state")
STATE_FORCE_SECTORS = frozenset(w.upper() for w in word_set("actors", "state_force_sectors"))
FORCE_ROOTS = frozenset({"18", "19", "20"})
REDUCED_RELATIONS_ROOT = "16"
# how far the leading country must lead the next one to count as the article's own
DOMINANCE = 2.0
MIN_DOMINANT_MENTIONS = 3


class ArticleCountries:
    """The country evidence of one article: by entity, by sentence, and overall."""

    def __init__(self, actors: ActorAnalysis, places: Sequence[Place]) -> None:
        self.by_entity: dict[int, str] = {}
        self.actor_countries: dict[int, set[str]] = {}
        self.place_countries: dict[int, set[str]] = {}
        self.dateline: str | None = None
        totals: Counter[str] = Counter()
        for mention in actors.mentions:
            country = _state(mention.country)
            if country is None:
                continue
            if mention.entity is not None:
                self.by_entity.setdefault(mention.entity, country)
            # "the Thai province of Surin" names a place: as weak as any place of the sentence
            found_in = self.place_countries if mention.how.endswith("+land") else self.actor_countries
            found_in.setdefault(mention.sentence_index, set()).add(country)
            totals[country] += 1
        for place in places:
            country = _state(place.country)
            if country is None:
                continue
            if place.role != "dateline":
                self.place_countries.setdefault(place.sentence_index, set()).add(country)
            else:
                self.dateline = self.dateline or country
            totals[country] += 1
        self.dominant = _dominant(totals)

    def country_for(self, actor: EventActor, sentence: int, named: bool = False,
                    other_side: str | None = None, implied: bool = False) -> tuple[str, str] | None:
        """(country, evidence) for an actor with a sector and no country, or None.

        A `named` person is not placed by the others of its sentence: "Clinton met President
        Clerides" says nothing of Clerides' country, while "Nigerian soldiers clashed with
        protesters" does say whose protesters they are."""
        if actor.entity is not None and actor.entity in self.by_entity:
            return self.by_entity[actor.entity], "coreference"
        if named and actor.sector in OFFICIAL_SECTORS and self.dateline:
            # wire style: an official with a title and no state ("Foreign Minister Don McKinnon")
            # in a story filed from a capital ("WELLINGTON, New Zealand (AP) –") is of that state
            return self.dateline, "dateline"
        if named:
            # … and where the sentence names another state, the person may well be its own
            # ("Foreign Minister McKinnon said the bombings of U.S. embassies in Kenya …")
            others = self.actor_countries.get(sentence, set()) - {self.dominant}
            return (self.dominant, "article") if self.dominant and not others else None
        places = self.place_countries.get(sentence, set())
        if implied:
            # the authorities behind "two British nationals were detained": of the country it
            # happened in, never by the others of the sentence, who are mostly the ones it befell
            if len(places) == 1:
                return next(iter(places)), "sentence place"
            return (self.dominant, "article") if self.dominant and not places else None
        # police, courts and crowds act where they are ("police in Istanbul" in a Syria story
        # are Turkish, students rallying in Tehran outside the British embassy Iranian); an
        # army or a militia may fight abroad, so for it the other actors and the article count more
        if len(places) == 1 and actor.sector in DOMESTIC_SECTORS:
            return next(iter(places)), "sentence place"
        actors = self.actor_countries.get(sentence, set())
        if len(actors) == 1:
            country = next(iter(actors))
            if country == other_side and self.dominant and self.dominant != other_side:
                # "two fighters were killed in an Israeli air strike", "insurgents ambushed a
                # convoy carrying American contractors", in an article about Lebanon or Iraq:
                # the sides of a fight are not each other's by the sentence alone
                return self.dominant, "article"
            return country, "sentence actor"
        if actors:
            return None  # two states named in the sentence: the text does not say whose it is
        if self.dominant:
            return self.dominant, "article"
        if len(places) == 1:
            return next(iter(places)), "sentence place"
        return None


def complete_countries(events: Iterable[Event], actors: ActorAnalysis, places: Sequence[Place]) -> None:
    """Give each sector-only event actor the country its article fixes (in place)."""
    evidence: ArticleCountries | None = None
    people = {m.entity for m in actors.mentions if m.kind == "person" and m.name and m.entity is not None}
    for event in events:
        for role in ("source", "target"):
            actor: EventActor | None = getattr(event, role)
            named = actor is not None and actor.entity in people
            if not (_sector_only(actor) or (named and actor is not None and not actor.code)):
                continue
            assert actor is not None
            if not BEYOND_ONE_STATE.isdisjoint(actor.text.lower().split()):
                continue  # "European governments", "foreign fighters": no one state's
            if evidence is None:
                evidence = ArticleCountries(actors, places)
            other = event.source if role == "target" else event.target
            other_side = other.country if other is not None and event.cameo[:2] in FORCE_ROOTS else None
            implied = role == "source" and event.why.get("source") == IMPLIED_SOURCE
            found = evidence.country_for(actor, event.sentence_index, named, other_side, implied)
            if found is None or found[0] == _enemy_state(event, actor):
                continue
            country, how = found
            actor.country = country
            actor.code = country + (actor.code or "")
            event.why.setdefault("countries", {})[role] = how


def _enemy_state(event: Event, actor: EventActor) -> str | None:
    """The country an actor cannot be of: in force used between a state's army or government
    and another's ("two Turkish soldiers were killed by regime shelling"), the other side's; and
    in relations reduced (16: diplomats expelled, ties cut, aid halted) the other state's, since
    no state expels its own diplomats ("the diplomats whom Turkey expelled")."""
    other = event.target if actor is event.source else event.source
    if event.cameo[:2] == REDUCED_RELATIONS_ROOT and other is not None:
        return other.country
    if event.cameo[:2] not in FORCE_ROOTS or actor.sector not in STATE_FORCE_SECTORS:
        return None
    if other is None or other.sector not in STATE_FORCE_SECTORS:
        return None
    return other.country


def _sector_only(actor: EventActor | None) -> bool:
    if actor is None or not actor.code or actor.country:
        return False
    return actor.code[:3] not in INTERNATIONAL


def _state(country: str | None) -> str | None:
    if not country or len(country) != 3 or country in INTERNATIONAL:
        return None
    return country


def _dominant(totals: Counter[str]) -> str | None:
    ranked = totals.most_common(2)
    if not ranked or ranked[0][1] < MIN_DOMINANT_MENTIONS:
        return None
    if len(ranked) == 2 and ranked[0][1] < DOMINANCE * ranked[1][1]:
        return None
    return ranked[0][0]
