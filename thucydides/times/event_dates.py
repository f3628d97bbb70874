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
from thucydides.syntax import tree_depth
from thucydides.syntax.side_clauses import main_of
from thucydides.times.background import background_reason, told_as_done, told_in_past
from thucydides.times.direction import VERB_POS, governing_verb, is_clause_verb
from thucydides.times.narrative import Narrative, bounded_time, sets_scene, value_bounds

# an event's clause may reach a time through these verbs: a participle or relative clause that
# only modifies the event noun ("strikes planned for Wednesday")
_NOUN_MODIFIER_DEPS = frozenset({"acl", "relcl"})
_SOURCE_OF_TIME = {"explicit": "explicit", "narrative": "relative-to-narrative",
                   "publication": "relative-to-publication"}
_PRECISION = {10: "day", 7: "month", 4: "year"}


class _Candidate:
    """A time expression of the sentence with what every event asks of it, found once per
    article rather than once per event (a long sentence has many of both)."""

    __slots__ = ("expr", "span", "root", "anchor", "_anchor_above", "names")

    def __init__(self, expr: TimeExpr, span: Span, path: list[Token]):
        self.expr = expr
        self.span = span
        self.root = span.root
        self.anchor = path[-1]  # the token its clause hangs on (`_clause_path`)
        self._anchor_above: frozenset[int] | None = None
        # "withdrew from the 2015 nuclear deal": a year in front of an object names the thing
        # (the deal of 2015), it does not date what is done to it now; "the 2003 invasion
        # killed thousands" still dates what the subject did
        root = next((t for t in reversed(span) if t.dep_ not in ("det", "prep", "case")), span.root)
        self.names: Token | None = (
            root.head if (expr.value is not None and len(expr.value) == 4 and root.i < root.head.i
                          and root.dep_ in ("compound", "nummod", "amod", "nmod")
                          and root.head.pos_ in ("NOUN", "PROPN")
                          and root.head.dep_ not in ("nsubj", "nsubjpass")) else None)

    def hangs_below(self, trigger: Token) -> bool:
        """Whether the trigger is above the time's clause. The anchor's ancestors are walked on the
        first asking only: most events find their time in their own clause and never ask, and a
        long chain of clauses is as deep as it is long."""
        if self._anchor_above is None:
            self._anchor_above = frozenset(a.i for a in self.anchor.ancestors)
        return trigger.i in self._anchor_above


class _SentenceTimes:
    """The time expressions of one sentence, indexed by the tokens of their clause paths, so that
    an event looks only at the times that reach its own clause, not at every time of a long
    sentence."""

    def __init__(self) -> None:
        self.candidates: list[_Candidate] = []
        self.reaching: dict[int, list[int]] = {}  # token -> positions of the times whose path meets it

    def add(self, expr: TimeExpr, span: Span) -> None:
        path = _clause_path(span.root)
        position = len(self.candidates)
        self.candidates.append(_Candidate(expr, span, path))
        for i in {tok.i for tok in path}:
            self.reaching.setdefault(i, []).append(position)


_NO_TIMES = _SentenceTimes()  # a sentence without times (never added to)


def attach_dates(events: list[Event], times: list[TimeExpr], doc: Doc, pub_date: date | None) -> None:
    """Date each event (date, date_source, date_precision, and why["date"] for the reason)."""
    by_sentence: dict[int, _SentenceTimes] = {}
    narrative = Narrative(doc_text(doc), pub_date)
    for t in times:
        if not t.value or t.kind == "dateline":
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            by_sentence.setdefault(t.sentence_index, _SentenceTimes()).add(t, span)
            narrative.add(t.start, t.sentence_index, t.value, sets_scene(span))
    triggers = [_trigger_token(event, doc) for event in events]
    for event, trigger in zip(events, triggers, strict=True):
        times_of_sentence = by_sentence.get(event.sentence_index, _NO_TIMES)
        _date_event(event, trigger, times_of_sentence, doc, narrative, pub_date)
    _date_side_events(events, triggers)


# how an event was dated when nothing in its own clause dated it (see `_date_event`)
_NOT_OWN_CLAUSE = frozenset({"sentence", "passage", "publication", "no time to count from"})


def _date_side_events(events: list[Event], triggers: list[Token | None]) -> None:
    """An event told as a side of another ("bombed a market on Monday, killing four"; "had
    attacked the checkpoint, wounding three") happens when its main clause does, unless its own
    clause names a time or tells it as background."""
    events_at: dict[int, Event] = {}
    for event, trigger in zip(events, triggers, strict=True):
        if trigger is not None:
            events_at.setdefault(trigger.i, event)
    sides = [(tree_depth(trigger), event, trigger) for event, trigger in zip(events, triggers, strict=True)
             if trigger is not None and event.why.get("date") in _NOT_OWN_CLAUSE]
    # the main clause first: in "…, killing four and wounding ten" wounding takes killing's date
    for _, event, trigger in sorted(sides, key=lambda s: s[0]):
        main = main_of(trigger, events_at)
        if main is None or main is event or _when(main) == _when(event):
            continue  # its own reading already agrees, and says why
        _set(event, main.date, main.date_source or "none", main.date_precision,
             f"main clause: {main.why.get('date', '')}")


def _when(event: Event) -> tuple[str | None, str | None, str | None]:
    return event.date, event.date_source, event.date_precision


def _trigger_token(event: Event, doc: Doc) -> Token | None:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _date_event(event: Event, trigger: Token | None, times: _SentenceTimes, doc: Doc, narrative: Narrative,
                pub_date: date | None) -> None:
    chosen: _Candidate | None = None
    where = ""
    candidates = times.candidates
    if candidates and trigger is not None:
        chosen = _clause_time(trigger, times)
        where = "clause"
        if chosen is None:
            chosen, where = _sentence_time(trigger, candidates), "sentence"
    elif candidates:
        chosen, where = candidates[0], "sentence"
    verb = _clause_verb(trigger)
    if chosen is not None and bounded_time(chosen.span):
        # "persecuted before 2015": some time before it, not in it
        _set(event, None, "none", "past", f"before {chosen.expr.text}")
    elif chosen is not None:
        t = chosen.expr
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


def _clause_path(token: Token) -> list[Token]:
    """A time expression's way up to the token its clause hangs on (the last): the first verb
    above it, or the root noun, at most 12 steps."""
    path = [token]
    t = token
    for _ in range(12):
        if t.head.i == t.i:
            break
        t = t.head
        path.append(t)
        if is_clause_verb(t):
            break  # another clause's verb
    return path


def _clause_time(trigger: Token, times: _SentenceTimes) -> _Candidate | None:
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
    reached = {position for i in own for position in times.reaching.get(i, ())
               if times.candidates[position].names is None or times.candidates[position].names.i in own}
    if not reached:
        return None
    # the nearest; of two as near, the first in the sentence
    nearest = min(reached, key=lambda p: (abs(times.candidates[p].root.i - trigger.i), p))
    return times.candidates[nearest]


def _describes_another_noun(anchor: Token, trigger: Token) -> bool:
    """A time in a relative clause on some other noun is background for that noun:
    in "the truce, which began in late February, is not being honored" February dates
    the beginning, not the violation."""
    if anchor.dep_ not in ("relcl", "acl") or anchor.head.i == trigger.i:
        return False
    return not (anchor.left_edge.i <= trigger.i <= anchor.right_edge.i)


def _sentence_time(trigger: Token, candidates: list[_Candidate]) -> _Candidate | None:
    """A time elsewhere in the sentence: one on a verb the trigger's clause hangs from
    ("said Friday, '… we reject …'"), else the nearest — but never one inside a clause below the
    trigger ("we suggest starting on May 25": May 25 dates the starting, not the suggestion),
    nor one in a relative clause describing another noun."""
    ancestors = {a.i for a in trigger.ancestors}
    usable = []
    for candidate in candidates:
        anchor = candidate.anchor
        if anchor.i != trigger.i and candidate.hangs_below(trigger):
            continue
        if _describes_another_noun(anchor, trigger) or (
                candidate.names is not None and candidate.names.i != trigger.i):
            continue
        usable.append((candidate, anchor.i in ancestors))
    if not usable:
        return None
    above = [u for u in usable if u[1]]
    pool = above or usable
    return min(pool, key=lambda u: abs(u[0].root.i - trigger.i))[0]
