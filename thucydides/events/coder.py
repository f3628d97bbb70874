"""Rule-based event coder: dependency parse + lexicon -> CAMEO/PLOVER events.

A pipeline of small stages over each sentence, every one a module of this package:

    predicates  candidate predications: verbs and event nouns that match a pattern, with frames
    nonagents   harm done by a flood or an accident is dropped
    modality    asserted, intended, reported, negated or only possible
    codes       the code narrowed by the sentence's cue words
    select      each hit's rank (main clause, subordinate clause, background noun)
    build       argument roles (roles, targets) -> actors -> Events
    select      which events of the sentence are coded
    recall      acts taken up again get the doer told a sentence before
    doerless    in an article, force that names no doer is left out
    merge       one event per happening across the article
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from thucydides.actors.analysis import ActorAnalysis
from thucydides.events.build import build_events
from thucydides.events.codes import anonymity_request, harm_by_fighting, pessimism, recode_forces, refine
from thucydides.events.context import Hit, SentenceContext
from thucydides.events.doerless import without_doerless_force
from thucydides.events.judgement import accused_in_clause, judged_statement
from thucydides.events.lexicon import Lexicon, load_lexicon
from thucydides.events.merge import merge_mentions
from thucydides.events.modality import attribution, obligation, obligation_statement, set_modality
from thucydides.events.nonagents import non_agent
from thucydides.events.predicates import find_hits
from thucydides.events.recall import aim_at_recalled_acts
from thucydides.events.select import private_opinion, rank_of, select
from thucydides.events.words import REPORT_LEMMAS
from thucydides.models import Event, EventActor

__all__ = ["EventCoder", "merge_mentions"]


class EventCoder:
    """Codes the events of one parsed article. Build once, call `code` per document.

    Immutable once built: what one call works on lives in a `SentenceContext`, so threads
    may share one coder.
    """

    __slots__ = ("lex",)
    lex: Lexicon

    def __init__(self, pattern_files: Sequence[Path | str] = ()) -> None:
        object.__setattr__(self, "lex", load_lexicon([Path(p) for p in pattern_files]))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"EventCoder is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"EventCoder is immutable: cannot delete {name!r}")

    def code(self, doc: Doc, actors: ActorAnalysis, doc_id: str) -> list[Event]:
        events: list[Event] = []
        sentences = 0
        for index, sent in enumerate(doc.sents):
            events.extend(self.code_sentence(SentenceContext.of(self.lex, actors, sent, index)))
            sentences = index + 1
        aim_at_recalled_acts(events)
        events = without_doerless_force(events, sentences)
        events = merge_mentions(events)
        for n, ev in enumerate(events, 1):
            ev.id = f"{doc_id}-e{n}"
        return events

    def code_sentence(self, ctx: SentenceContext) -> list[Event]:
        # harm done by a flood, an accident, a bus or a gas cylinder is no political event; its
        # words stay consumed so that "explosion" in "a gas explosion killed five" is not coded alone
        hits = [h for h in find_hits(ctx) if not non_agent(ctx, h)]
        live = _told_as_happening(ctx, hits)
        built = [(hit, build_events(ctx, hit)) for hit in live]
        return _distinct(evs for _hit, evs in select(built))


def _told_as_happening(ctx: SentenceContext, hits: list[Hit]) -> list[Hit]:
    """The hits that are coded, with their modality, narrowed code and rank."""
    live: list[Hit] = []
    for hit in hits:
        set_modality(ctx.lex, hit, ctx.question)
        if hit.modality == "hypothetical" and not obligation(ctx.lex, hit):
            continue  # not coded as having happened (see README of the events package)
        if hit.modality == "questioned":
            continue  # "Will the army attack?", "Do you support him?": asked, not told
        if anonymity_request(hit):
            continue
        if not attribution(hit):
            hit.code = refine(ctx, hit)
            recode_forces(ctx, hit)
            harm_by_fighting(hit)
            pessimism(ctx, hit)
        hit.rank = rank_of(hit)
        if private_opinion(ctx, hit):
            continue
        live.append(hit)
    # "X said Y must do Z" was turned into X's appeal to Y: the bare statement goes
    appealers = {h.appeal_from.i for h in live if h.appeal_from is not None}
    live = [h for h in live if not (h.head.i in appealers and h.code[:2] == "01")]
    for h in live:
        if h.code[:2] == "01" and not h.noun and h.lemma in REPORT_LEMMAS:
            obligation_statement(h)
            judged_statement(ctx, h)
        accused_in_clause(ctx, h)
    return live


def _distinct(groups: Iterable[list[Event]]) -> list[Event]:
    """The events in order, each code between the same two actors once.

    "Costello, Hill and Williams voted to support …" is one act told of three people: one event
    per conjunct would triple its count in every dyad table. A conjunct that names another
    actor code ("Poland and the Czech Republic joined") stays an event of its own."""
    out: list[Event] = []
    seen: set[tuple[str, object, object]] = set()
    for evs in groups:
        for ev in evs:
            keys = {(ev.cameo, _actor_key(ev.source, same), _actor_key(ev.target, same))
                    for same in (False, True)}
            if keys & seen:
                continue
            seen |= keys
            out.append(ev)
    return out


def _actor_key(actor: EventActor | None, by_code: bool) -> object:
    """The actor by its place in the sentence, or by its country and name: uncoded actors share
    one key (they add nothing to a dyad), officials of one state told together share one, two
    named groups of one country ("Hamas and Islamic Jihad") stay two."""
    if actor is None:
        return None
    if not by_code:
        return actor.start
    if not actor.code:
        return None
    # "the treasurer, the environment minister and the attorney general voted": one Australian
    # act, whatever each one's sector; two named groups stay two
    return (actor.country or actor.code, actor.name)
