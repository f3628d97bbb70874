"""Dates events: the time expression in the event's own clause, else one elsewhere in its
sentence that may date it, else the time its passage has set, else the publication date — but
never the publication date for background (the past perfect, "years earlier", "before 2015").

Every event says where its date came from (`date_source`) and how precise it is (`date_precision`):

    explicit                 a time in its clause or sentence that writes the year ("in March 2013")
    relative-to-narrative    counted from a time the text set ("ten days earlier"), or the time of
                             the passage it is told in ("In 2013, … They seized the town.")
    relative-to-publication  a time counted from the time of writing ("on Tuesday", "last week")
    publication-fallback     no time tells it: the publication date, as news of now
    none                     undated: background before its narrative (precision "past"), or
                             nothing to count from (precision "unknown")
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from thucydides.models import Event, TimeExpr
from thucydides.nlp import doc_text
from thucydides.times.background import background_reason, told_as_done, told_in_past
from thucydides.times.direction import VERB_POS, governing_verb, is_clause_verb
from thucydides.times.narrative import Narrative, bounded_time, sets_scene, value_bounds

# an event's clause may reach a time through these verbs: a participle or relative clause that
# only modifies the event noun ("strikes planned for Wednesday")
_NOUN_MODIFIER_DEPS = frozenset({"acl", "relcl"})
_SOURCE_OF_TIME = {"explicit": "explicit", "narrative": "relative-to-narrative",
                   "publication": "relative-to-publication"}
_PRECISION = {10: "day", 7: "month", 4: "year"}


def attach_dates(events: list[Event], times: list[TimeExpr], doc: Doc, pub_date: date | None) -> None:
    """Date each event (date, date_source, date_precision, and why["date"] for the reason)."""
    by_sentence: dict[int, list[tuple[TimeExpr, Span]]] = {}
    narrative = Narrative(doc_text(doc), pub_date)
    for t in times:
        if not t.value or t.kind == "dateline":
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            by_sentence.setdefault(t.sentence_index, []).append((t, span))
            narrative.add(t.start, t.sentence_index, t.value, sets_scene(span))
    for event in events:
        _date_event(event, by_sentence.get(event.sentence_index, []), doc, narrative, pub_date)


def _date_event(event: Event, candidates: list[tuple[TimeExpr, Span]], doc: Doc, narrative: Narrative,
                pub_date: date | None) -> None:
    trigger_span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    trigger = trigger_span.root if trigger_span is not None and len(trigger_span) else None
    chosen: tuple[TimeExpr, Span] | None = None
    where = ""
    if candidates and trigger is not None:
        chosen = _clause_time(trigger, candidates)
        where = "clause"
        if chosen is None:
            chosen, where = _sentence_time(trigger, candidates), "sentence"
    elif candidates:
        chosen, where = candidates[0], "sentence"
    verb = _clause_verb(trigger)
    if chosen is not None and bounded_time(chosen[1]):
        # "persecuted before 2015": some time before it, not in it
        _set(event, None, "none", "past", f"before {chosen[0].text}")
    elif chosen is not None:
        t = chosen[0]
        _set(event, t.value, _SOURCE_OF_TIME.get(t.value_source or "", "explicit"), None, where)
    elif (reason := background_reason(trigger, verb)) is not None:
        _set(event, None, "none", "past", f"background: {reason}")
    elif (passage := _passage_time(event, trigger, verb, narrative)) is not None:
        _set(event, passage, "relative-to-narrative", None, "passage")
    elif pub_date is not None:
        _set(event, pub_date.isoformat(), "publication-fallback", "day", "publication")
    else:
        _set(event, None, "none", "unknown", "no time to count from")
    # only a verb trigger's own tense tells: "patrols planned for Wednesday" hang on a past "proposed"
    own_verb = trigger if trigger is not None and trigger.pos_ in VERB_POS else None
    if event.date and pub_date is not None and told_as_done(own_verb, event.modality):
        bounds = value_bounds(event.date)
        if bounds is not None and bounds[0] > pub_date:
            # a happening told as done cannot lie after the writing: the reading was wrong
            _set(event, None, "none", "unknown", f"{event.date} is after publication")


def _set(event: Event, value: str | None, source: str, precision: str | None, why: str) -> None:
    event.date, event.date_source = value, source
    event.date_precision = precision or _PRECISION.get(len(value or ""), "unknown")
    event.why["date"] = why


def _clause_verb(trigger: Token | None) -> Token | None:
    """The verb whose tense tells the event's: the trigger, or the verb a noun trigger hangs on."""
    if trigger is None:
        return None
    if trigger.pos_ in VERB_POS:
        return trigger
    return governing_verb(trigger)


def _passage_time(event: Event, trigger: Token | None, verb: Token | None,
                  narrative: Narrative) -> str | None:
    """The time the event's passage has set, for an event told in the past inside a passage that
    has left now ("In March 2013, forces shelled the market. … They closed the road.")."""
    if trigger is None or not told_in_past(verb):
        return None
    passage = narrative.passage_time(event.trigger.start, event.sentence_index)
    return passage.value if passage is not None else None


def _clause_anchor(token: Token) -> Token:
    """The token a time expression hangs on: the first verb above it, or the root noun."""
    t = token
    for _ in range(12):
        if t.head is t:
            return t
        t = t.head
        if is_clause_verb(t):
            return t
    return t


def _clause_time(trigger: Token, candidates: list[tuple[TimeExpr, Span]]) -> tuple[TimeExpr, Span] | None:
    """The time expression whose head path reaches the trigger without crossing another clause."""
    # Tokens that count as the event's own clause: the trigger, the verbs it hangs on through
    # xcomp ("began withdrawing": a time on "began" dates "withdrawing"), and the participles
    # or relative clauses that modify a noun trigger ("airstrikes planned for Wednesday").
    own = {trigger.i}
    t = trigger
    for _ in range(4):
        if t.dep_ == "xcomp" and t.head is not t:
            t = t.head
            own.add(t.i)
        else:
            break
    if trigger.pos_ not in VERB_POS:
        own.update(c.i for c in trigger.children if c.dep_ in _NOUN_MODIFIER_DEPS)
    best: tuple[TimeExpr, Span] | None = None
    best_distance = 10**9
    for t_expr, span in candidates:
        tok = span.root
        reached = False
        for _ in range(12):
            if tok.i in own:
                reached = True
                break
            if tok.head is tok:
                break
            tok = tok.head
            if tok.i in own:
                reached = True
                break
            if is_clause_verb(tok):
                break  # another clause's verb
        if reached:
            distance = abs(span.root.i - trigger.i)
            if distance < best_distance:
                best, best_distance = (t_expr, span), distance
    return best


def _describes_another_noun(anchor: Token, trigger: Token) -> bool:
    """A time in a relative clause on some other noun is background for that noun:
    in "the truce, which began in late February, is not being honored" February dates
    the beginning, not the violation."""
    if anchor.dep_ not in ("relcl", "acl") or anchor.head.i == trigger.i:
        return False
    return not (anchor.left_edge.i <= trigger.i <= anchor.right_edge.i)


def _sentence_time(trigger: Token, candidates: list[tuple[TimeExpr, Span]]) -> tuple[TimeExpr, Span] | None:
    """A time elsewhere in the sentence: one on a verb the trigger's clause hangs from
    ("said Friday, '… we reject …'"), else the nearest — but never one inside a clause below the
    trigger ("we suggest starting on May 25": May 25 dates the starting, not the suggestion),
    nor one in a relative clause describing another noun."""
    ancestors = {a.i for a in trigger.ancestors}
    usable = []
    for t_expr, span in candidates:
        anchor = _clause_anchor(span.root)
        if anchor.i != trigger.i and trigger in anchor.ancestors:
            continue
        if _describes_another_noun(anchor, trigger):
            continue
        usable.append((t_expr, span, anchor.i in ancestors))
    if not usable:
        return None
    above = [u for u in usable if u[2]]
    pool = above or usable
    best = min(pool, key=lambda u: abs(u[1].root.i - trigger.i))
    return best[0], best[1]
