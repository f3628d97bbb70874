"""Collects an article's toponyms with their gazetteer candidates, not yet resolved.

Three sources, in order of trust: the dateline ("WASHINGTON, May 20 (Reuters) -"), spaCy's
GPE/LOC/FAC entities (and the names its small model mislabels), and gazetteer names spaCy
missed (capitalised word sequences the index knows). Border phrases naming two countries come
before the entities, so "the Syrian-Turkish border" is one place, not two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from thucydides.actors.analysis import ActorAnalysis
from thucydides.nlp import doc_text
from thucydides.places.borders import BorderFinder
from thucydides.places.gazetteer import Candidate, Gazetteer
from thucydides.places.lexicon import (
    ADMIN_SUFFIXES,
    GENERIC_WORDS,
    LOC_NOUNS,
    LOC_PREPS,
    NAME_JOINERS,
    NAME_PARTICLES,
    NOT_LOCATIVE_ALONE,
    TERRITORIAL_VERBS,
    demonyms,
)
from thucydides.places.mention import Mention
from thucydides.places.names import norm, strip_article

NER_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels spaCy's small model sometimes puts on a country or region name.
MISLABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
# A name found only by the gazetteer must be of these kinds (or a big town) to count:
# a small town's name is too often an English word or a surname.
STRONG_FEATURES = {"continent", "country", "admin", "disputed", "region", "sea", "airbase", "base", "border"}
GAZ_ONLY_MIN_POP = 100_000
DATELINE = re.compile(
    r"(?:^|\n|(?<=[.!?])\s)\s*((?:[A-Z][A-Z.'\-]+)(?:\s[A-Z][A-Z.'\-]+){0,3})\s*(?:,|\(|--|—|–|\s-\s)")
DATELINE_WINDOW = 600  # characters from the start of the text that may hold a dateline
_SLOT_PREPS = LOC_PREPS - NOT_LOCATIVE_ALONE


def collect_mentions(doc: Doc, gaz: Gazetteer, actors: ActorAnalysis | None,
                     borders: BorderFinder) -> list[Mention]:
    """The article's toponyms in text order, none overlapping another."""
    found: list[Mention] = []
    taken = bytearray(len(doc_text(doc)) + 1)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def add(m: Mention) -> None:
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
            add(Mention(start, end, "dateline", cands, role="dateline"))
            break

    for m in borders.mentions(doc, gaz):
        if free(m.start, m.end):
            add(m)

    ents = list(doc.ents)
    for ent in ents:
        span = _trim(ent)
        if span is None or not free(span.start_char, span.end_char):
            continue
        text = span.text
        if ent.label_ in NER_LABELS:
            cands = _lookup_variants(gaz, text)
            if not cands and not (_looks_like_name(span) and _in_locative_slot(span)):
                continue  # an unknown name counts only where a place is expected ("in X")
            if cands and text.islower() and not _known_lowercase(cands[0]):
                continue  # slang or a common word the model called a place, not a small town
            add(Mention(span.start_char, span.end_char, "ner", cands))
        elif ent.label_ in MISLABELS:
            cands = gaz.lookup(text)
            strong = bool(cands) and (cands[0].feature in STRONG_FEATURES or cands[0].feature == "site")
            # spaCy's small model calls many towns persons or organisations ("demonstrated in Sanaa");
            # a known place name in a slot that holds places is taken.
            # a demonym is never a place ("Syrian"), but the model also calls towns NORP
            # ("a market in Aleppo"): the slot and the gazetteer decide
            slot = _in_locative_slot(span) and not (ent.label_ == "NORP" and norm(text) in demonyms())
            named_land = _looks_like_name(span) and span[-1].lower_ in LOC_NOUNS
            if not strong and slot and not cands and named_land:
                add(Mention(span.start_char, span.end_char, "ner", []))  # "the Baliem Valley"
                continue
            if strong or (slot and cands):
                if ent.label_ == "NORP" and norm(text) in demonyms():
                    continue  # "Syrian" is an adjective, never a place
                add(Mention(span.start_char, span.end_char, "ner", cands))

    in_ent = bytearray(len(doc) + 1)
    for ent in ents:
        in_ent[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)
    for m in _gazetteer_matches(doc, gaz, in_ent):
        if free(m.start, m.end):
            add(m)

    if actors is not None:
        found = [m for m in found if not _inside_named_actor(m, actors)]
    found.sort(key=lambda m: m.start)
    return found


def _lookup_variants(gaz: Gazetteer, text: str) -> list[Candidate]:
    cands = gaz.lookup(text)
    if cands:
        return cands
    key = strip_article(norm(text))
    for suffix in (" " + word for word in ADMIN_SUFFIXES):
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            cands = gaz.lookup_key(key[: -len(suffix)])
            if cands:
                return cands
    if key.endswith("'s"):
        return gaz.lookup_key(key[:-2])
    return []


def _gazetteer_matches(doc: Doc, gaz: Gazetteer, in_ent: bytearray) -> Iterable[Mention]:
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
            if j > i and not (t.text[:1].isupper() or t.lower_ in NAME_JOINERS):
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
        yield Mention(span.start_char, span.end_char, "gazetteer", cands)
        i = end


def _trim(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in {"'s", "’s", "'", "’"}):
        end -= 1
    return doc[start:end] if end > start else None


def _known_lowercase(c: Candidate) -> bool:
    """A name written in lower case is still a place when it is a well-known one: a country, a
    region or a city ("police firing in srinagar" in a lower-case report), not a hamlet that
    shares its spelling with a common word or a nickname."""
    return c.feature in STRONG_FEATURES or (c.feature == "city" and c.weight >= GAZ_ONLY_MIN_POP)


def _looks_like_name(span: Span) -> bool:
    """An unresolved entity still counts as a place if it is written like a proper name."""
    return all(t.text[:1].isupper() or not t.is_alpha or t.lower_ in NAME_PARTICLES for t in span) \
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
    if root.dep_ == "pobj" and root.head.lower_ in _SLOT_PREPS:
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


def _inside_named_actor(m: Mention, actors: ActorAnalysis) -> bool:
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
