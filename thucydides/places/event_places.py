"""Gives each event its place, and says where it came from (`event.location_source`):

    clause     a locative phrase on the trigger or its object ("killed in Syria", "bombed Aleppo")
    sentence   the same through a clause the trigger governs, or on a clause above it; or, for a
               side event with no place of its own ("bombed a market in Aleppo, killing four"), the
               place of the main event its clause hangs on
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
from thucydides.syntax import tree_depth
from thucydides.syntax.side_clauses import main_of
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
    sentences: dict[int, _SentencePlaces] = {}  # sentence -> its places, indexed once for all its events
    for ev in sorted(events, key=lambda e: e.trigger.start):
        place, how = None, "none"
        if ev.sentence_index in by_sentence:
            if ev.sentence_index not in sentences:
                sentences[ev.sentence_index] = _SentencePlaces(by_sentence[ev.sentence_index], doc)
            place, how = _locate(ev, sentences[ev.sentence_index], doc)
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
    _place_side_events(events, doc)


_OWN_SENTENCE = frozenset({"clause", "sentence"})  # a place the event's own sentence gave


def _place_side_events(events: list[Event], doc: Doc) -> None:
    """A side event whose sentence gives it no place of its own ("bombed a market in Aleppo on
    Monday, killing four": the market's place hangs on the object, out of the killing's reach)
    happens where its main event does; that place is nearer than its passage's or the dateline."""
    tokens: list[Token | None] = []
    events_at: dict[int, Event] = {}
    for ev in events:
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        token = span.root if span is not None and len(span) else None
        tokens.append(token)
        if token is not None:
            events_at.setdefault(token.i, ev)
    sides = [(tree_depth(tok), ev, tok) for ev, tok in zip(events, tokens, strict=True)
             if tok is not None and ev.location_source not in _OWN_SENTENCE]
    for _, ev, tok in sorted(sides, key=lambda s: s[0]):  # a main clause before its sides
        main = main_of(tok, events_at)
        if main is not None and main is not ev and main.location is not None \
                and main.location_source in _OWN_SENTENCE:
            ev.location, ev.location_source = main.location, "sentence"


def _passage_place(ev: Event, paragraph: int, located: list[tuple[int, int, Place]],
                   by_sentence: dict[int, list[Place]]) -> Place | None:
    """The place of the last event located earlier in the paragraph, in an earlier sentence, when
    neither the event's sentence nor any sentence since names another place."""
    for para, sentence, place in reversed(located):
        if para < paragraph:
            break  # located runs in text order: all before it lie in earlier paragraphs too
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


class _Chain:
    """A place's root token and its ancestors (as far as a place may hang below a trigger), with
    the quality of the path from the place up to each of them."""

    __slots__ = ("root", "tokens", "index", "quality")

    def __init__(self, root: Token):
        self.root = root
        self.tokens: list[Token] = []  # the place's root, then its ancestors in order
        self.index: dict[int, int] = {}  # ancestor's token index -> length of the path below it
        self.quality: list[int | None] = []  # `_step_quality` of the path of each length, summed up
        quality: int | None = 0
        tok = root
        for k in range(MAX_PATH + 1):
            self.tokens.append(tok)
            self.index[tok.i] = k
            self.quality.append(quality)
            if tok.head.i == tok.i or k == MAX_PATH:
                break
            if quality is not None:
                step = _step_quality(tok, k)
                quality = None if step is None else max(quality, step)
            tok = tok.head

    def path_length(self, target: Token) -> int | None:
        """How many tokens lie from the place up to (not including) `target`; None where `target`
        is not above the place within reach."""
        return self.index.get(target.i)


MATERIAL_CONFLICT = 4  # quad class of acts done to a place (assault, fight, coerce)
MAX_PATH = 15  # tokens between a place and the trigger it may hang on


def _place_chain(p: Place, doc: Doc) -> _Chain | None:
    """The place's chain, None for a place that is no setting wherever the trigger is."""
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ not in LOC_NOUNS \
            and root.head.pos_ == "NOUN":
        return None  # "a US convoy", "US air strike": a country used as an adjective
    return _Chain(root)


LOCATIVE_LINKS = frozenset({"prep", "npadvmod", "advmod"})  # how a setting phrase hangs on a clause


class _SentencePlaces:
    """The places of one sentence, each walked up the tree once and indexed by the tokens it may
    hang on, so that an event looks only at the places below its trigger or beside the clauses
    above it, not at every place of a long sentence."""

    def __init__(self, places: list[Place], doc: Doc):
        self.places = places
        self.chains: dict[int, _Chain] = {}  # position -> chain, for places that may be settings
        self.below: dict[int, list[tuple[int, int]]] = {}  # token -> (position, quality) under it
        self.beside: dict[int, list[int]] = {}  # token -> places in a locative phrase on it
        for position, place in enumerate(places):
            chain = _place_chain(place, doc)
            if chain is None:
                continue
            self.chains[position] = chain
            for k, tok in enumerate(chain.tokens):
                quality = chain.quality[k]
                if quality is None:
                    break  # a broken path stays broken further up
                self.below.setdefault(tok.i, []).append((position, quality))
                if quality == 0 and k and chain.tokens[k - 1].dep_ in LOCATIVE_LINKS:
                    self.beside.setdefault(tok.i, []).append(position)

    def attached(self, trigger: Token, above: list[Token]) -> list[tuple[int, int]]:
        """(position, rank) of each place that hangs on the trigger, lower is closer:
        0 a locative phrase on the trigger or its object ("killed in Syria", "bombed Aleppo");
        1 the same through a clause the trigger governs ("killed ... while fighting in Qusayr");
        2 a locative phrase on a clause above the trigger ("in Gaza, soldiers shot and killed ...").
        A place whose path up meets the trigger, or a nearer clause above it, first, hangs on that
        or on nothing (a person, an institution, a quoted remark), never on a clause further up."""
        found = list(self.below.get(trigger.i, ()))
        for j, clause in enumerate(above):
            for position in self.beside.get(clause.i, ()):
                index = self.chains[position].index
                if trigger.i not in index and not any(nearer.i in index for nearer in above[:j]):
                    found.append((position, 2))
        return found


def _locate(ev: Event, sentence: _SentencePlaces, doc: Doc) -> tuple[Place | None, str]:
    """The place attached to the event in its sentence, and "clause" or "sentence" for how near."""
    trig = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if trig is None or len(trig) == 0:
        return None, "none"
    head = trig.root
    src, tgt = ev.source, ev.target
    # A coded target named by a place ("urged Turkey", "backed Belgrade", "Moscow's offer") is a
    # government, and its country would put the event on the wrong map; it is the setting only when
    # the act is done to that place ("shelled Aleppo", "invaded Ukraine": material conflict) or a
    # preposition says where ("patrolled the skies over Dhaka").
    actor_target = tgt is not None and bool(tgt.code) and ev.quad_class != MATERIAL_CONFLICT
    # (rank, depth, distance, position): the position keeps the first of equals, in text order
    best: tuple[int, int, int, int] | None = None
    for position, rank in sentence.attached(head, _clauses_above(head)):
        p, root = sentence.places[position], sentence.chains[position].root
        if src and p.start >= src.start and p.end <= src.end \
                and not _through_preposition(sentence.chains[position], head, deps=("prep",)):
            continue  # the place lies inside the source's own name ("imprisoned in Azerbaijan":
            # the state named by where it acted is still where it acted)
        if actor_target and tgt and p.start >= tgt.start and p.end <= tgt.end \
                and not _through_preposition(sentence.chains[position], head):
            continue  # … or is the target actor itself, not where the act was done
        if root.dep_ in {"nsubj", "nsubjpass"} and root.head.i != head.i:
            continue  # the subject of another verb is an actor, not a setting
        # The most specific place wins: the one nearest the trigger in the tree
        # ("in Sadr City in eastern Baghdad", "in the Belarus capital Minsk").
        depth = sentence.chains[position].path_length(head) or 99
        key = (rank, depth, abs(p.start - ev.trigger.start), position)
        if best is None or key < best:
            best = key
    if best is None:
        return None, "none"
    return sentence.places[best[3]], "clause" if best[0] == 0 else "sentence"


def _through_preposition(chain: _Chain, trigger: Token, deps: tuple[str, ...] = ("prep", "agent")) -> bool:
    """Whether a preposition lies on the place's way up to the trigger ("over Dhaka"). A source's
    "by Russia" (agent) is who did it, never where; pass deps=("prep",) to leave it out."""
    below = chain.path_length(trigger)
    tokens = chain.tokens if below is None else chain.tokens[:below]
    return any(t.dep_ in deps for t in tokens)


def _clauses_above(trigger: Token) -> list[Token]:
    """The trigger's ancestors a place may hang on instead (at most six, not past a reported
    clause), found once per event rather than once per place."""
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


def _whose_not_where(prep: Token) -> bool:
    """A preposition that tells whose a thing is, not where: "a proposal from Russia", "sanctions
    against Iran" (but "150 meters from a mosque" and "the entrance to Heathrow" are places)."""
    head = prep.head
    if prep.lower_ not in SOURCE_PREPOSITIONS or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    return head.lower_ not in LOC_NOUNS and not any(c.dep_ == "nummod" for c in head.children)


def _step_quality(tok: Token, k: int) -> int | None:
    """What the k-th token of a path up from a place (0: the place itself) does to it: None breaks
    it (a non-locative link), 1 crosses a clause boundary, 0 keeps it locative."""
    dep = tok.dep_
    if dep in {"prep", "agent"}:
        if tok.lower_ not in LOC_PREPS:
            return None
        if _whose_not_where(tok):
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
