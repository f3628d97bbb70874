"""The place stage: find toponyms in an article, resolve them, and locate events.

`find` collects toponyms from three sources: the dateline ("WASHINGTON, May 20
(Reuters) -"), spaCy's GPE/LOC/FAC entities, and gazetteer names spaCy missed
(capitalised word sequences the index knows). Border phrases naming two countries
("the Syrian-Turkish border", "Syria's Turkish border") become one border place.
Each toponym is resolved against the gazetteer with the article as context: the
countries its actors belong to, the countries and states it names, and nearness
to the places already resolved.

`attach` gives each event the place syntactically attached to its trigger (a
locative prepositional phrase on the trigger or its clause, the object or a
locative noun phrase) and otherwise leaves the location empty unless the
sentence has exactly one candidate place outside the actors' phrases.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from thucydides.actors.analysis import ActorAnalysis
from thucydides.datafiles import content_lines
from thucydides.models import Event, Place
from thucydides.nlp import doc_text
from thucydides.places.build import DATA_DIR, PlacesDataError
from thucydides.places.gazetteer import Candidate, Gazetteer, load_gazetteer
from thucydides.places.names import norm, strip_article

DEMONYMS_FILE = DATA_DIR / "demonyms.tsv"
WORDS_FILE = DATA_DIR / "words.yaml"
WORD_LISTS = ("loc_preps", "loc_nouns", "agent_nouns", "territorial_verbs", "generic_words", "border_words")

NER_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels spaCy's small model sometimes puts on a country or region name.
MISLABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
# A name found only by the gazetteer must be of these kinds (or a big town) to count:
# a small town's name is too often an English word or a surname.
STRONG_FEATURES = {"continent", "country", "admin", "disputed", "region", "sea", "airbase", "base", "border"}
GAZ_ONLY_MIN_POP = 100_000
FEATURE_BONUS = {"continent": 4.0, "country": 4.0, "disputed": 3.0, "region": 2.5, "sea": 2.5, "airbase": 3.0,
                 "base": 3.0, "site": 2.0, "border": 3.0, "admin": 2.5, "county": 1.0, "city": 0.0}
BIG_CITY = 500_000  # a city this big wins over a state of the same name ("Washington", "New York")
DATELINE = re.compile(
    r"(?:^|\n|(?<=[.!?])\s)\s*((?:[A-Z][A-Z.'\-]+)(?:\s[A-Z][A-Z.'\-]+){0,3})\s*(?:,|\(|--|—|–|\s-\s)")
DATELINE_WINDOW = 600  # characters from the start of the text that may hold a dateline


def load_demonyms(path: Path = DEMONYMS_FILE) -> dict[str, str]:
    out: dict[str, str] = {}
    header = False
    with path.open(encoding="utf-8") as fh:
        for lineno, line in content_lines(fh):
            cells = line.split("\t")
            if not header:
                if cells != ["adjective", "iso3"]:
                    raise PlacesDataError(path, lineno, "header must be adjective/iso3")
                header = True
                continue
            if len(cells) != 2 or not re.fullmatch(r"[A-Z]{3}", cells[1]):
                raise PlacesDataError(path, lineno, f"expected 'adjective<TAB>ISO3', got {line!r}")
            out[norm(cells[0])] = cells[1]
    return out


def load_words(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    """The word lists of `words.yaml`, checked: every list present, every entry a lower-case string."""
    import yaml

    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if not isinstance(data, dict):
        raise PlacesDataError(path, 1, "expected a mapping of word lists")
    out: dict[str, frozenset[str]] = {}
    for key in WORD_LISTS:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
            raise PlacesDataError(path, None, f"'{key}' must be a list of lower-case words")
        out[key] = frozenset(words)
    unknown = set(data) - set(WORD_LISTS)
    if unknown:
        raise PlacesDataError(path, None, f"unknown word lists {sorted(unknown)}")
    return out


_WORDS = load_words()
LOC_PREPS = _WORDS["loc_preps"]
LOC_NOUNS = _WORDS["loc_nouns"]
AGENT_NOUNS = _WORDS["agent_nouns"]
TERRITORIAL_VERBS = _WORDS["territorial_verbs"]
GENERIC_WORDS = _WORDS["generic_words"]
BORDER_WORDS = _WORDS["border_words"]


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return load_demonyms()


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    source: str  # dateline | ner | gazetteer | border
    candidates: list[Candidate]
    role: str = "mention"
    border: tuple[str, str] | None = None
    choice: Candidate | None = None


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class PlaceResolver:
    """Finds and resolves the places of an article; built once per process."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gaz = gazetteer
        self._border_cache: dict[tuple[str, str], tuple[float, float]] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    # ------------------------------------------------------------------ find
    def find(self, doc: Doc, actors: ActorAnalysis | None = None) -> list[Place]:
        gaz = self.gazetteer
        mentions = self._collect(doc, gaz, actors)
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

    def _collect(self, doc: Doc, gaz: Gazetteer, actors: ActorAnalysis | None) -> list[_Mention]:
        found: list[_Mention] = []
        taken = bytearray(len(doc_text(doc)) + 1)

        def free(start: int, end: int) -> bool:
            return not any(taken[start:end])

        def add(m: _Mention) -> None:
            found.append(m)
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)

        # Dateline: where the story was filed.
        head = doc_text(doc)[:DATELINE_WINDOW]
        for match in DATELINE.finditer(head):
            start, end = match.span(1)
            word = match.group(1).strip(" .-'")
            end = start + len(word) if word else end
            cands = gaz.lookup(word)
            # A dateline names the town the story was filed from.
            towns = [c for c in cands if c.feature == "city"]
            others = [c for c in cands if c not in towns]
            cands = sorted(towns, key=lambda c: (not c.primary, -c.weight)) + others
            if cands and any(ch.isalpha() for ch in word) and len(word) > 2:
                add(_Mention(start, end, "dateline", cands, role="dateline"))
                break

        for m in self._borders(doc, gaz):
            if free(m.start, m.end):
                add(m)

        ents = list(doc.ents)
        for ent in ents:
            span = _trim(ent)
            if span is None or not free(span.start_char, span.end_char):
                continue
            text = span.text
            if ent.label_ in NER_LABELS:
                cands = self._lookup_variants(gaz, text)
                if not cands and not (_looks_like_name(span) and _in_locative_slot(span)):
                    continue  # an unknown name counts only where a place is expected ("in X")
                add(_Mention(span.start_char, span.end_char, "ner", cands))
            elif ent.label_ in MISLABELS:
                cands = gaz.lookup(text)
                strong = bool(cands) and (cands[0].feature in STRONG_FEATURES or cands[0].feature == "site")
                # spaCy's small model calls many towns persons or organisations ("demonstrated in Sanaa");
                # a known place name in a slot that holds places is taken.
                slot = ent.label_ != "NORP" and _in_locative_slot(span)
                named_land = _looks_like_name(span) and span[-1].lower_ in LOC_NOUNS
                if not strong and slot and not cands and named_land:
                    add(_Mention(span.start_char, span.end_char, "ner", []))  # "the Baliem Valley"
                    continue
                if strong or (slot and cands):
                    if ent.label_ == "NORP" and norm(text) in _demonyms():
                        continue  # "Syrian" is an adjective, never a place
                    add(_Mention(span.start_char, span.end_char, "ner", cands))

        in_ent = bytearray(len(doc) + 1)
        for ent in ents:
            in_ent[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)
        for m in self._gazetteer_matches(doc, gaz, in_ent):
            if free(m.start, m.end):
                add(m)

        if actors is not None:
            found = [m for m in found if not _inside_named_actor(m, actors)]
        found.sort(key=lambda m: m.start)
        return found

    @staticmethod
    def _lookup_variants(gaz: Gazetteer, text: str) -> list[Candidate]:
        cands = gaz.lookup(text)
        if cands:
            return cands
        key = strip_article(norm(text))
        for suffix in (" city", " province", " region", " state", " county", " governorate", " district",
                       " oblast", " prefecture", " island", " municipality"):
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                cands = gaz.lookup_key(key[: -len(suffix)])
                if cands:
                    return cands
        if key.endswith("'s"):
            return gaz.lookup_key(key[:-2])
        return []

    def _gazetteer_matches(self, doc: Doc, gaz: Gazetteer, in_ent: bytearray) -> Iterable[_Mention]:
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if in_ent[i] or not tok.text[:1].isupper() or tok.is_punct:
                i += 1
                continue
            best: tuple[int, list[Candidate]] | None = None
            j = i
            while j < n and j - i < 6 and not in_ent[j]:
                t = doc[j]
                if j > i and not (t.text[:1].isupper() or t.lower_ in {"of", "al", "el", "-", "de", "and"}):
                    break
                if t.is_sent_start and j > i:
                    break
                j += 1
                if not doc[j - 1].text[:1].isupper():
                    continue
                cands = gaz.lookup(doc[i:j].text)
                if cands and _strong(cands[0], doc[i:j]):
                    best = (j, cands)
            if best is None:
                i += 1
                continue
            end, cands = best
            span = doc[i:end]
            yield _Mention(span.start_char, span.end_char, "gazetteer", cands)
            i = end

    def _borders(self, doc: Doc, gaz: Gazetteer) -> Iterable[_Mention]:
        """Border phrases naming two countries, as one place on that border."""
        dem = _demonyms()
        for tok in doc:
            if tok.lower_ not in BORDER_WORDS or tok.pos_ != "NOUN":
                continue
            countries: list[str] = []
            first = tok.i
            mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}]
            for m in mods:
                for sub in m.subtree:
                    code = _country_of_token(sub, gaz, dem)
                    if code and code not in countries:
                        countries.append(code)
                first = min(first, m.left_edge.i)
            for prep in tok.rights:
                if prep.dep_ == "prep" and prep.lower_ in {"with", "between"}:
                    for sub in prep.subtree:
                        code = _country_of_token(sub, gaz, dem)
                        if code and code not in countries:
                            countries.append(code)
            if len(countries) < 2:
                continue
            while first < tok.i and doc[first].lower_ in {"the", "a", "its", "their"}:
                first += 1
            a, b = sorted(countries[:2])
            lat, lon = self._border_point(gaz, a, b)
            start, end = doc[first].idx, tok.idx + len(tok.text)
            ra, rb = gaz.country_row(a), gaz.country_row(b)
            name = f"{ra.name if ra else a}-{rb.name if rb else b} border"
            cand = Candidate(-1, None, name, lat, lon, f"{a}/{b}", "border", 1, "", True)
            yield _Mention(start, end, "border", [cand], border=(a, b))

    def _border_point(self, gaz: Gazetteer, a: str, b: str) -> tuple[float, float]:
        """A point on the a-b border: the midpoint of the closest pair of towns across it, searched
        among each side's towns nearest the other country (cached per pair)."""
        key = (a, b)
        if key in self._border_cache:
            return self._border_cache[key]
        for cand in gaz.lookup(f"{a}-{b} border") + gaz.lookup(f"{b}-{a} border"):
            if cand.feature == "border":
                self._border_cache[key] = (cand.lat, cand.lon)
                return self._border_cache[key]
        ra, rb = gaz.country_row(a), gaz.country_row(b)
        ta, tb = gaz.towns_of(a), gaz.towns_of(b)
        if ra is None or rb is None or not ta or not tb:
            point = ((ra.lat + rb.lat) / 2, (ra.lon + rb.lon) / 2) if ra and rb else (0.0, 0.0)
            self._border_cache[key] = point
            return point

        def nearest(towns: list[int], lat: float, lon: float, k: int) -> list[int]:
            return sorted(towns, key=lambda i: _haversine(gaz.lat[i], gaz.lon[i], lat, lon))[:k]

        side_a = nearest(ta, rb.lat, rb.lon, 40)
        side_b = nearest(tb, ra.lat, ra.lon, 40)
        best = min(((i, j) for i in side_a for j in side_b),
                   key=lambda p: _haversine(gaz.lat[p[0]], gaz.lon[p[0]], gaz.lat[p[1]], gaz.lon[p[1]]))
        i, j = best
        point = ((gaz.lat[i] + gaz.lat[j]) / 2, (gaz.lon[i] + gaz.lon[j]) / 2)
        self._border_cache[key] = point
        return point

    # --------------------------------------------------------------- resolve
    def _resolve(self, mentions: list[_Mention], actors: ActorAnalysis | None) -> None:
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
            d = min(_haversine(c.lat, c.lon, la, lo) for la, lo in anchors[:20])
            if d < 100:
                s += 2.0
            elif d < 400:
                s += 1.0
        return s

    # ---------------------------------------------------------------- attach
    def attach(self, events: list[Event], places: list[Place], doc: Doc) -> None:
        by_sentence: dict[int, list[Place]] = {}
        for p in places:
            if p.role != "dateline":
                by_sentence.setdefault(p.sentence_index, []).append(p)
        for ev in events:
            ev.location = self._locate(ev, by_sentence.get(ev.sentence_index, []), doc)

    def _locate(self, ev: Event, cands: list[Place], doc: Doc) -> Place | None:
        if not cands:
            return None
        src = ev.source
        pool = [p for p in cands if not (src and p.start >= src.start and p.end <= src.end)]
        if not pool:
            return None
        trig = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if trig is None or len(trig) == 0:
            return None
        head = trig.root
        best: tuple[tuple[int, int, int], Place] | None = None
        for p in pool:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            if root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ not in LOC_NOUNS \
                    and root.head.pos_ == "NOUN":
                continue  # "a US convoy", "US air strike": a country used as an adjective
            if root.dep_ in {"nsubj", "nsubjpass"} and root.head.i != head.i:
                continue  # the subject of another verb is an actor, not a setting
            rank = _attachment(root, head, ev)
            if rank is None:
                continue
            # The most specific place wins: the one nearest the trigger in the tree
            # ("in Sadr City in eastern Baghdad", "in the Belarus capital Minsk").
            depth = len(_path_up(root, head) or ()) or 99
            key = (rank, depth, abs(p.start - ev.trigger.start))
            if best is None or key < best[0]:
                best = (key, p)
        return best[1] if best else None


# -------------------------------------------------------------------- helpers
def _trim(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    return doc[start:end] if end > start else None


def _looks_like_name(span: Span) -> bool:
    """An unresolved entity still counts as a place if it is written like a proper name."""
    return all(t.text[:1].isupper() or not t.is_alpha or t.lower_ in {"of", "al", "el", "de"} for t in span) \
        and any(t.is_alpha and len(t.text) > 1 for t in span)


def _strong(c: Candidate, span: Span) -> bool:
    """May a name that spaCy did not tag be taken as a place on the gazetteer's word alone?"""
    if len(span) == 1:
        tok = span[0]
        if tok.pos_ != "PROPN" or tok.lower_ in GENERIC_WORDS:
            return False
        if len(tok.text.rstrip(".")) < 4 and not tok.text.isupper():
            return False
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
            return False  # "Nelson Mandela", "Tyler Perry": a first name
        if tok.is_sent_start and c.feature == "city":
            return False
    if c.feature == "admin":
        return c.weight >= 1_000_000  # US states and reviewed regions, not every ISO subdivision
    if c.feature in STRONG_FEATURES or c.feature == "site":
        return True
    return c.feature == "city" and c.weight >= GAZ_ONLY_MIN_POP and c.primary


def _in_locative_slot(span: Span) -> bool:
    """'in Minutka', 'the town of Sheykler', 'near the Zakiyah Crossroad': a slot that holds a place."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOC_PREPS - {"of", "by", "against", "to", "from"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in LOC_NOUNS:
        return True
    if root.dep_ == "appos" and root.head.lower_ in LOC_NOUNS:
        return True
    if root.dep_ == "dobj" and root.head.lemma_ in TERRITORIAL_VERBS:
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    if prev is None:
        return False
    return prev.lower_ in {"in", "at", "near", "outside"} or prev.lemma_ in TERRITORIAL_VERBS


def _country_of_token(tok: Token, gaz: Gazetteer, dem: dict[str, str]) -> str | None:
    if not tok.text[:1].isupper():
        return None
    key = norm(tok.text)
    if key in dem:
        return dem[key]
    for c in gaz.lookup_key(key)[:1]:
        if c.feature == "country":
            return c.country
    return None


def _inside_named_actor(m: _Mention, actors: ActorAnalysis) -> bool:
    """'Bank of America', 'the Islamic State of Iraq': a place name inside an organisation's or
    person's name is part of that name, not a place."""
    for a in actors.overlapping(m.start, m.end):
        if a.kind not in {"person", "organisation", "group"} or a.start > m.start or a.end < m.end:
            continue
        if (a.end - a.start) > (m.end - m.start):
            return True
        # The very same words read as an organisation ("the Pentagon", "al-Nusra Front"): an actor,
        # unless the gazetteer knows them as a country or a region.
        if not m.candidates or m.candidates[0].feature == "site":
            return True
    return False


def _path_up(tok: Token, target: Token) -> list[Token] | None:
    """Tokens from `tok` up to (not including) its ancestor `target`; None if `target` is not above it."""
    path: list[Token] = []
    while tok.i != target.i:
        if tok.head.i == tok.i or len(path) > 14:
            return None
        path.append(tok)
        tok = tok.head
    return path


def _attachment(place: Token, trigger: Token, ev: Event) -> int | None:
    """How directly the place hangs on the event's trigger, lower is closer:
    0 a locative phrase on the trigger or its object ("killed in Syria", "bombed Aleppo");
    1 the same through a clause the trigger governs ("killed ... while fighting in Qusayr");
    2 a locative phrase on a clause above the trigger ("in Gaza, soldiers shot and killed ...");
    None when the place hangs on something else (a person, an institution, a quoted remark)."""
    path = _path_up(place, trigger)
    if path is not None:
        quality = _path_quality(path)
        return None if quality is None else quality
    anc = trigger
    for _ in range(6):
        if anc.head.i == anc.i:
            break
        if anc.dep_ in {"ccomp", "parataxis"}:
            break  # a reported clause: its places are not the event's
        anc = anc.head
        path = _path_up(place, anc)
        if path is not None:
            quality = _path_quality(path)
            if quality == 0 and path and path[-1].dep_ in {"prep", "npadvmod", "advmod"}:
                return 2
            return None
    return None


CLAUSE_DEPS = {"advcl", "relcl", "acl", "xcomp", "conj", "pcomp"}
NOUN_DEPS = {"pobj", "dobj", "compound", "poss", "appos", "nmod", "npadvmod", "amod", "nsubjpass", "advmod",
             "attr", "dative", "obj", "cc", "case", "nsubj"}


def _path_quality(path: list[Token]) -> int | None:
    """0 when the path from the place up to the trigger runs only through locative links,
    1 when it also crosses a clause boundary, None when a non-locative link breaks it."""
    if not path:
        return 0
    quality = 0
    for k, tok in enumerate(path):
        dep = tok.dep_
        if dep in {"prep", "agent"}:
            if tok.lower_ not in LOC_PREPS:
                return None
        elif dep in CLAUSE_DEPS:
            if tok.pos_ in {"VERB", "AUX"}:
                quality = 1
        elif dep in NOUN_DEPS:
            if dep == "nsubj" and k > 0:
                return None  # the place sits in the subject of some other verb
            if k > 0 and tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ in AGENT_NOUNS:
                return None
            if k > 0 and tok.ent_type_ in {"PERSON", "ORG"}:
                return None
        else:
            return None
    return quality
