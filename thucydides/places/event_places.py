"""Gives each event the place syntactically attached to its trigger: a locative prepositional
phrase on the trigger or its clause, the object, or a locative noun phrase. An event with no
such place gets none."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from thucydides.models import Event, Place
from thucydides.places.lexicon import AGENT_NOUNS, LOC_NOUNS, LOC_PREPS

CLAUSE_DEPS = {"advcl", "relcl", "acl", "xcomp", "conj", "pcomp"}
NOUN_DEPS = {"pobj", "dobj", "compound", "poss", "appos", "nmod", "npadvmod", "amod", "nsubjpass", "advmod",
             "attr", "dative", "obj", "cc", "case", "nsubj"}


def attach_places(events: list[Event], places: list[Place], doc: Doc) -> None:
    """Sets `event.location` for every event (None where no place hangs on it)."""
    by_sentence: dict[int, list[Place]] = {}
    for p in places:
        if p.role != "dateline":
            by_sentence.setdefault(p.sentence_index, []).append(p)
    for ev in events:
        ev.location = _locate(ev, by_sentence.get(ev.sentence_index, []), doc)


def _locate(ev: Event, cands: list[Place], doc: Doc) -> Place | None:
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
