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
    # Each place's way up the tree is walked once, not once per event: a sentence with many
    # events and many places would otherwise cost their product in tree walks.
    chains: dict[int, _Chain | None] = {}
    for ev in events:
        ev.location = _locate(ev, by_sentence.get(ev.sentence_index, []), doc, chains)


class _Chain:
    """A place's root token and its ancestors (as far as `_path_up` looks), with the quality of
    the path from the place up to each of them."""

    __slots__ = ("root", "head_i", "index", "quality")

    def __init__(self, root: Token):
        self.root = root
        self.head_i = root.head.i
        self.index: dict[int, int] = {}  # ancestor's token index -> length of the path below it
        self.quality: list[int | None] = []  # _path_quality of the path of each length
        quality: int | None = 0
        tok = root
        for k in range(MAX_PATH + 1):
            self.index[tok.i] = k
            self.quality.append(quality)
            if tok.head.i == tok.i or k == MAX_PATH:
                break
            if quality is not None:
                step = _step_quality(tok, k)
                quality = None if step is None else max(quality, step)
            tok = tok.head

    def path_length(self, target: Token) -> int | None:
        """len(_path_up(root, target)), None where target is not above the place."""
        return self.index.get(target.i)


def _place_chain(p: Place, doc: Doc, chains: dict[int, _Chain | None]) -> _Chain | None:
    key = id(p)
    if key not in chains:
        chains[key] = None
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is not None and len(span) > 0:
            root = span.root
            adjective = root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ not in LOC_NOUNS \
                and root.head.pos_ == "NOUN"  # "a US convoy", "US air strike": a country as an adjective
            if not adjective:
                chains[key] = _Chain(root)
    return chains[key]


def _locate(ev: Event, cands: list[Place], doc: Doc, chains: dict[int, _Chain | None]) -> Place | None:
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
    above = _clauses_above(head)
    best: tuple[tuple[int, int, int], Place] | None = None
    for p in pool:
        chain = _place_chain(p, doc, chains)
        if chain is None:
            continue
        if chain.root.dep_ in {"nsubj", "nsubjpass"} and chain.head_i != head.i:
            continue  # the subject of another verb is an actor, not a setting
        rank = _attachment(chain, head, above)
        if rank is None:
            continue
        # The most specific place wins: the one nearest the trigger in the tree
        # ("in Sadr City in eastern Baghdad", "in the Belarus capital Minsk").
        depth = chain.path_length(head) or 99
        key = (rank, depth, abs(p.start - ev.trigger.start))
        if best is None or key < best[0]:
            best = (key, p)
    return best[1] if best else None


MAX_PATH = 15  # tokens between a place and the trigger it may hang on


def _clauses_above(trigger: Token) -> list[Token]:
    """The trigger's ancestors that a place may hang on instead (at most six, not past a
    reported clause)."""
    above: list[Token] = []
    anc = trigger
    for _ in range(6):
        if anc.head.i == anc.i:
            break
        if anc.dep_ in {"ccomp", "parataxis"}:
            break  # a reported clause: its places are not the event's
        anc = anc.head
        above.append(anc)
    return above


def _attachment(place: _Chain, trigger: Token, above: list[Token]) -> int | None:
    """How directly the place hangs on the event's trigger, lower is closer:
    0 a locative phrase on the trigger or its object ("killed in Syria", "bombed Aleppo");
    1 the same through a clause the trigger governs ("killed ... while fighting in Qusayr");
    2 a locative phrase on a clause above the trigger ("in Gaza, soldiers shot and killed ...");
    None when the place hangs on something else (a person, an institution, a quoted remark)."""
    k = place.path_length(trigger)
    if k is not None:
        return place.quality[k]
    for anc in above:
        k = place.path_length(anc)
        if k is not None:
            if place.quality[k] == 0 and k and _last_dep(place.root, k) in {"prep", "npadvmod", "advmod"}:
                return 2
            return None
    return None


def _last_dep(root: Token, k: int) -> str:
    """The dependency label of the k-th token up from `root` (k >= 1: the last of a path of k)."""
    tok = root
    for _ in range(k - 1):
        tok = tok.head
    return tok.dep_


def _step_quality(tok: Token, k: int) -> int | None:
    """What the k-th token of a path (0: the place itself) does to it: None breaks it, 1 crosses
    a clause boundary, 0 keeps it locative."""
    dep = tok.dep_
    if dep in {"prep", "agent"}:
        if tok.lower_ not in LOC_PREPS:
            return None
    elif dep in CLAUSE_DEPS:
        if tok.pos_ in {"VERB", "AUX"}:
            return 1
    elif dep in NOUN_DEPS:
        if dep == "nsubj" and k > 0:
            return None  # the place sits in the subject of some other verb
        if k > 0 and tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ in AGENT_NOUNS:
            return None
        if k > 0 and tok.ent_type_ in {"PERSON", "ORG"}:
            return None
    else:
        return None
    return 0
