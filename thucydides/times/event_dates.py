"""Dates events: the time expression in the event's own clause, else one elsewhere in its
sentence that may date it, else the publication date."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from spacy.tokens import Doc, Token

from thucydides.models import Event, TimeExpr
from thucydides.times.direction import VERB_POS, is_clause_verb

# an event's clause may reach a time through these verbs: a participle or relative clause that
# only modifies the event noun ("strikes planned for Wednesday")
_NOUN_MODIFIER_DEPS = frozenset({"acl", "relcl"})


class _Candidate(NamedTuple):
    """A time expression of the sentence with what every event asks of it, found once per
    article rather than once per event (a long sentence has many of both)."""

    expr: TimeExpr
    root: Token
    anchor: Token  # the token its clause hangs on (`_clause_anchor`)
    anchor_above: frozenset[int]  # the anchor's ancestors

    @classmethod
    def of(cls, expr: TimeExpr, root: Token) -> _Candidate:
        anchor = _clause_anchor(root)
        return cls(expr, root, anchor, frozenset(a.i for a in anchor.ancestors))


def attach_dates(events: list[Event], times: list[TimeExpr], doc: Doc, pub_date: date | None) -> None:
    """Date each event: the time in its clause, else the one in its sentence, else publication."""
    by_sentence: dict[int, list[_Candidate]] = {}
    for t in times:
        if not t.value or t.kind == "dateline":
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            by_sentence.setdefault(t.sentence_index, []).append(_Candidate.of(t, span.root))
    publication = pub_date.isoformat() if pub_date else None
    for event in events:
        candidates = by_sentence.get(event.sentence_index, [])
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        chosen: TimeExpr | None = None
        source: str | None = None
        if candidates and trigger is not None and len(trigger):
            chosen = _clause_time(trigger.root, candidates)
            source = "clause" if chosen else None
            if chosen is None:
                chosen = _sentence_time(trigger.root, candidates)
                source = "sentence" if chosen else None
        elif candidates:
            chosen, source = candidates[0].expr, "sentence"
        if chosen is not None:
            event.date, event.date_source = chosen.value, source
        elif publication is not None:
            event.date, event.date_source = publication, "publication"
        else:
            event.date, event.date_source = None, None


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


def _clause_time(trigger: Token, candidates: list[_Candidate]) -> TimeExpr | None:
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
    best: TimeExpr | None = None
    best_distance = 10**9
    for candidate in candidates:
        tok = candidate.root
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
            distance = abs(candidate.root.i - trigger.i)
            if distance < best_distance:
                best, best_distance = candidate.expr, distance
    return best


def _describes_another_noun(anchor: Token, trigger: Token) -> bool:
    """A time in a relative clause on some other noun is background for that noun:
    in "the truce, which began in late February, is not being honored" February dates
    the beginning, not the violation."""
    if anchor.dep_ not in ("relcl", "acl") or anchor.head.i == trigger.i:
        return False
    return not (anchor.left_edge.i <= trigger.i <= anchor.right_edge.i)


def _sentence_time(trigger: Token, candidates: list[_Candidate]) -> TimeExpr | None:
    """A time elsewhere in the sentence: one on a verb the trigger's clause hangs from
    ("said Friday, '… we reject …'"), else the nearest — but never one inside a clause below the
    trigger ("we suggest starting on May 25": May 25 dates the starting, not the suggestion),
    nor one in a relative clause describing another noun."""
    ancestors = {a.i for a in trigger.ancestors}
    usable = []
    for candidate in candidates:
        anchor = candidate.anchor
        if anchor.i != trigger.i and trigger.i in candidate.anchor_above:
            continue
        if _describes_another_noun(anchor, trigger):
            continue
        usable.append((candidate, anchor.i in ancestors))
    if not usable:
        return None
    above = [u for u in usable if u[1]]
    pool = above or usable
    return min(pool, key=lambda u: abs(u[0].root.i - trigger.i))[0].expr
