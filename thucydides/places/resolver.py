"""The place stage: find toponyms in an article, resolve them, and locate events.

`find` collects toponyms (`thucydides.places.toponyms`: the dateline, spaCy's entities,
gazetteer names spaCy missed, border phrases) and resolves each against the gazetteer with
the article as context: the countries its actors belong to, the countries and states it
names, and nearness to the places already resolved.

`attach` gives each event the place syntactically attached to its trigger
(`thucydides.places.event_places`).
"""

from __future__ import annotations

import math
from bisect import bisect_right

from spacy.tokens import Doc

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import Event, Place
from thucydides.nlp import doc_text
from thucydides.places.borders import BorderFinder
from thucydides.places.distance import haversine_km
from thucydides.places.event_places import attach_places
from thucydides.places.gazetteer import Candidate, Gazetteer, load_gazetteer
from thucydides.places.mention import Mention
from thucydides.places.place_targets import code_place_targets
from thucydides.places.toponyms import collect_mentions

FEATURE_BONUS = {"continent": 4.0, "country": 4.0, "disputed": 3.0, "region": 2.5, "sea": 2.5, "airbase": 3.0,
                 "base": 3.0, "site": 2.0, "border": 3.0, "admin": 2.5, "county": 1.0, "city": 0.0}
BIG_CITY = 500_000  # a city this big wins over a state of the same name ("Washington", "New York")


class PlaceResolver:
    """Finds and resolves the places of an article; built once per process."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gaz = gazetteer
        self._borders = BorderFinder()

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    # ------------------------------------------------------------------ find
    def find(self, doc: Doc, actors: ActorAnalysis | None = None) -> list[Place]:
        gaz = self.gazetteer
        mentions = collect_mentions(doc, gaz, actors, self._borders)
        self._resolve(mentions, actors)
        starts = [s.start_char for s in doc.sents]
        out: list[Place] = []
        for m in mentions:
            c = m.choice
            text = doc_text(doc)[m.start:m.end]
            si = max(0, bisect_right(starts, m.start) - 1)
            if c is None:
                out.append(Place(text, m.start, m.end, sentence_index=si, role=m.role))
                continue
            out.append(Place(text, m.start, m.end, name=c.name, geonameid=c.geonameid, lat=round(c.lat, 5),
                             lon=round(c.lon, 5), country=c.country or None, feature=c.feature,
                             sentence_index=si, role=m.role))
        return out

    # --------------------------------------------------------------- resolve
    def _resolve(self, mentions: list[Mention], actors: ActorAnalysis | None) -> None:
        countries: dict[str, float] = {}
        if actors is not None:
            for a in actors.mentions:
                if a.country:
                    countries[a.country] = countries.get(a.country, 0.0) + 1.0
        admins: set[str] = set()
        anchors: list[tuple[float, float]] = []
        # First pass: names that mean one thing (or a country) fix the article's setting.
        for m in mentions:
            if not m.candidates:
                continue
            top = m.candidates[0]
            if len(m.candidates) == 1 or top.feature in {"country", "continent"} or m.border:
                m.choice = top
                for code in top.country.split("/"):
                    if code:
                        countries[code] = countries.get(code, 0.0) + 1.0
                if top.admin1:
                    admins.add(top.admin1)
                if top.feature not in {"continent", "country", "region", "sea"}:
                    anchors.append((top.lat, top.lon))
        for m in mentions:
            if m.choice is not None or not m.candidates:
                continue
            m.choice = max(m.candidates[:50], key=lambda c: self._score(c, countries, admins, anchors))
            c = m.choice
            countries[c.country] = countries.get(c.country, 0.0) + 0.5
            if c.feature == "admin" and c.admin1:
                admins.add(c.admin1)
        # A town found only by the gazetteer must be big, or in a country the article is about.
        for m in mentions:
            c = m.choice
            if m.source == "gazetteer" and c is not None and c.feature == "city" and c.weight < 1_000_000 \
                    and countries.get(c.country, 0.0) < 1.0:
                m.choice = None
                m.candidates = []
        mentions[:] = [m for m in mentions if m.choice is not None or m.source != "gazetteer"]

    @staticmethod
    def _score(c: Candidate, countries: dict[str, float], admins: set[str],
               anchors: list[tuple[float, float]]) -> float:
        s = math.log10(c.weight + 10) + FEATURE_BONUS.get(c.feature, 0.0)
        if c.primary:
            s += 2.0
            if c.feature == "city" and c.weight >= BIG_CITY:
                s += 3.0  # ranks with a state: "Washington" is the capital before the state
        if any(code in countries for code in c.country.split("/") if code):
            s += 3.0
        if c.admin1 and c.admin1 in admins:
            s += 3.0
        if anchors and c.feature in {"city", "county", "admin", "airbase", "base", "site"}:
            d = min(haversine_km(c.lat, c.lon, la, lo) for la, lo in anchors[:20])
            if d < 100:
                s += 2.0
            elif d < 400:
                s += 1.0
        return s

    # ---------------------------------------------------------------- attach
    def attach(self, events: list[Event], places: list[Place], doc: Doc) -> None:
        attach_places(events, places, doc)
        code_place_targets(events, places)
