"""Gives each event its place, and says where it came from (`event.location_source`):

    clause     a locative phrase on the trigger or its object ("killed in Syria", "bombed Aleppo")
    sentence   the same through a clause the trigger governs, or on a clause above it
    passage    no place in its sentence: the place of the last located event earlier in its
               paragraph, when no other place is named in between ("In Aleppo, … Rebels shelled …")
    dateline   none of those: the article's dateline ("WASHINGTON —")
    article    none of those: the place the article is plainly about (named in several sentences,
               far more often than any other)
    none       no place

Never the source's or the target's country by default: an actor's country is no place.
"""

from __future__ import annotations

import bisect
from collections import Counter

from spacy.tokens import Doc, Token

from thucydides.models import Event, Place
from thucydides.nlp import doc_text
from thucydides.places.lexicon import AGENT_NOUNS, LOC_NOUNS, LOC_PREPS, SOURCE_PREPOSITIONS
from thucydides.times.narrative import paragraph_starts

SENTENCE_ENDS = frozenset(".!?\"'\u201d\u2019")
MAIN_PLACE_SENTENCES = 3  # the article's main place is named in at least this many sentences
MAIN_PLACE_LEAD = 2.0  # … and in this many times as many as the next place

CLAUSE_DEPS = {"advcl", "relcl", "acl", "xcomp", "conj", "pcomp"}
NOUN_DEPS = {"pobj", "dobj", "compound", "poss", "appos", "nmod", "npadvmod", "amod", "nsubjpass", "advmod",
             "attr", "dative", "obj", "cc", "case", "nsubj"}


def attach_places(events: list[Event], places: list[Place], doc: Doc) -> None:
    """Sets `event.location` and `event.location_source` for every event."""
    by_sentence: dict[int, list[Place]] = {}
    for p in places:
        if p.role != "dateline":
            by_sentence.setdefault(p.sentence_index, []).append(p)
    dateline = next((p for p in places if p.role == "dateline" and p.name), None)
    main = _main_place(places)
    starts = paragraph_starts(doc_text(doc))
    whole = _whole_sentences(doc)
    located: list[tuple[int, int, Place]] = []  # (paragraph, sentence, place) of events placed so far
    for ev in sorted(events, key=lambda e: e.trigger.start):
        place, how = _locate(ev, by_sentence.get(ev.sentence_index, []), doc)
        paragraph = bisect.bisect_right(starts, ev.trigger.start) - 1
        if place is not None and ev.sentence_index in whole:
            located.append((paragraph, ev.sentence_index, place))
        else:
            place, how = _passage_place(ev, paragraph, located, by_sentence), "passage"
        if place is None and dateline is not None:
            place, how = dateline, "dateline"
        if place is None and main is not None:
            place, how = main, "article"
        ev.location, ev.location_source = place, how if place is not None else "none"


def _passage_place(ev: Event, paragraph: int, located: list[tuple[int, int, Place]],
                   by_sentence: dict[int, list[Place]]) -> Place | None:
    """The place of the last event located earlier in the paragraph, in an earlier sentence, when
    neither the event's sentence nor any sentence since names another place."""
    for para, sentence, place in reversed(located):
        if para != paragraph or sentence >= ev.sentence_index:
            continue
        between = [p for s in range(sentence, ev.sentence_index + 1) for p in by_sentence.get(s, [])
                   if p.name and _key(p) != _key(place) and (s > sentence or p.start > place.end)]
        return None if between else place
    return None


def _whole_sentences(doc: Doc) -> set[int]:
    """Sentences that end as sentences do: a headline fragment ("KILLED MEXICO CITY --") tells
    no passage whose place later sentences could take."""
    whole = set()
    for i, sent in enumerate(doc.sents):
        words = [t for t in sent if not t.is_space]
        if words and words[-1].text[-1] in SENTENCE_ENDS:
            whole.add(i)
    return whole


def _key(place: Place) -> str:
    return str(place.geonameid) if place.geonameid else (place.name or place.text).lower()


def _main_place(places: list[Place]) -> Place | None:
    """The place an article is plainly about: named in several sentences, far more than any other."""
    sentences: dict[str, set[int]] = {}
    first: dict[str, Place] = {}
    for p in places:
        if p.role == "dateline" or not p.name:
            continue
        key = _key(p)
        sentences.setdefault(key, set()).add(p.sentence_index)
        first.setdefault(key, p)
    ranked = Counter({k: len(v) for k, v in sentences.items()}).most_common(2)
    if not ranked or ranked[0][1] < MAIN_PLACE_SENTENCES:
        return None
    if len(ranked) == 2 and ranked[0][1] < MAIN_PLACE_LEAD * ranked[1][1]:
        return None
    return first[ranked[0][0]]


def _locate(ev: Event, cands: list[Place], doc: Doc) -> tuple[Place | None, str]:
    """The place attached to the event in its sentence, and "clause" or "sentence" for how near."""
    if not cands:
        return None, "none"
    src = ev.source
    pool = [p for p in cands if not (src and p.start >= src.start and p.end <= src.end)]
    if not pool:
        return None, "none"
    trig = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if trig is None or len(trig) == 0:
        return None, "none"
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
    if best is None:
        return None, "none"
    return best[1], "clause" if best[0][0] == 0 else "sentence"


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


def _whose_not_where(prep: Token) -> bool:
    """A preposition that tells whose a thing is, not where: "a proposal from Russia", "sanctions
    against Iran" (but "150 meters from a mosque" and "the entrance to Heathrow" are places)."""
    head = prep.head
    if prep.lower_ not in SOURCE_PREPOSITIONS or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    return head.lower_ not in LOC_NOUNS and not any(c.dep_ == "nummod" for c in head.children)


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
            if _whose_not_where(tok):
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
