"""The time stage: temporal expressions normalised against the publication date, and event dates.

`TimeResolver().find(doc, pub_date)` → `list[TimeExpr]`;
`TimeResolver().attach(events, times, doc, pub_date)` sets `event.date` and `event.date_source`.

The text grammar (grammar.py) says what an expression means; this module decides whether a
doubtful match is a date (spaCy's tags), which way a bare "Friday" or "March" points (the tense
and the words around it), and anchors everything on the publication date, or without one on a
year the text itself pins down.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from thucydides.models import Event, TimeExpr
from thucydides.nlp import doc_text
from thucydides.times import calendar as cal
from thucydides.times.grammar import DIGIT_TRIGGER, Match, Parse, category_words, find_matches
from thucydides.times.lexicon import Lexicon, load_lexicon

# words before a bare month name or year that make it a date ("in March", "since 1998")
_DATE_PREPS = frozenset(
    "in since until till by of during before after from to through between around circa c. early late mid "
    "last next this that throughout starting beginning ending as".split())
_SAY_LEMMAS = frozenset("say tell announce report add state claim note write confirm deny".split())
_VERB_POS = ("VERB", "AUX")
# an event's clause may reach a time through these verbs: a participle or relative clause that
# only modifies the event noun ("strikes planned for Wednesday")
_NOUN_MODIFIER_DEPS = frozenset({"acl", "relcl"})
_DATELINE_BEFORE = re.compile(r"^[ \t]*[A-Z][A-Za-z.'\u2019 -]*(?:,[ \t]*[A-Z][A-Za-z.'\u2019 -]*)*,[ \t]*$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:-{1,2}|\u2014|\u2013|_|:|/)")
_PIN_SENTENCES = 5  # how far apart a weekday and a month/day may stand and still name one day
_PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4, "decade": 4}


@dataclass(slots=True)
class _Item:
    match: Match
    span: Span
    sentence: int
    direction: int = 0
    value: str | None = None
    end_value: str | None = None
    kind: str = "date"


class TimeResolver:
    """Finds and normalises time expressions; dates events. Build once, call per document."""

    def __init__(self) -> None:
        self.lex: Lexicon = load_lexicon()
        self._preceders = tuple(sorted(self.lex.future_preceders, key=len, reverse=True))
        # lower-case word hash (as in every spaCy vocab) -> the grammar categories it opens
        self._table: dict[int, list[str]] = {}
        for cat, words in category_words().items():
            for w in words:
                self._table.setdefault(get_string_id(w), []).append(cat)

    # -- finding ---------------------------------------------------------------------------------
    def _triggers(self, doc: Doc, text: str) -> dict[str, list[tuple[int, int]]]:
        """Where the grammar's category words are, read off the tokens (cheaper than regexes)."""
        table = self._table
        found: dict[str, list[tuple[int, int]]] = {}
        for i, h in enumerate(doc.to_array([LOWER]).tolist()):
            cats = table.get(h)
            if cats:
                tok = doc[i]
                for cat in cats:
                    found.setdefault(cat, []).append((tok.idx, tok.idx + len(tok)))
        found["digit"] = [(m.start(), m.end()) for m in DIGIT_TRIGGER.finditer(text)]
        return found

    def find(self, doc: Doc, pub_date: date | None) -> list[TimeExpr]:
        text = doc_text(doc)
        # a Doc from a pipeline without a parser has no sentences: count it as one
        sent_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        items: list[_Item] = []
        for m in find_matches(text, self._triggers(doc, text)):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if m.parse.needs_check and not self._is_date(span, m.parse):
                continue
            sentence = bisect.bisect_right(sent_starts, span.start) - 1
            items.append(_Item(m, span, max(sentence, 0)))
        if not items:
            return []
        for item in items:
            item.direction = self._direction(text, item.span, item.match.parse)
        self._mark_dateline(text, items)
        anchor, year_hint = self._anchor(items, pub_date)
        reference: list[tuple[int, str]] = []  # (char offset, value) of resolved expressions so far
        for item in items:
            self._resolve(item, anchor, year_hint, reference)
            if item.value:
                reference.append((item.match.start, item.value))
        if anchor is None:
            self._weekdays_from_dates(items)
        return [TimeExpr(text[i.match.start:i.match.end], i.match.start, i.match.end, i.value,
                         sentence_index=i.sentence, kind=i.kind, end_value=i.end_value) for i in items]

    def _is_date(self, span: Span, parse: Parse) -> bool:
        """Whether a bare month name ("March") or a bare number ("1984") is used as a date."""
        first = span[0]
        if first.tag_ == "MD" or (first.pos_ == "VERB" and parse.kind == "md"):
            return False
        if any(t.ent_type_ == "DATE" for t in span):
            return True
        if any(t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORG", "PERSON", "PRODUCT", "LAW",
                               "WORK_OF_ART", "FAC", "EVENT") for t in span):
            return False
        prev = first.nbor(-1).lower_ if first.i > 0 else ""
        if parse.kind == "md":
            return first.pos_ == "PROPN" and (prev in _DATE_PREPS or parse.day is not None)
        return prev in _DATE_PREPS

    # -- direction -------------------------------------------------------------------------------
    def _direction(self, text: str, span: Span, parse: Parse) -> int:
        """-1 when the expression looks back from the time of writing, +1 ahead, 0 no clue."""
        if parse.rel is not None and parse.rel != 0:
            return parse.rel
        if span.root.dep_ == "poss" and parse.kind == "weekday":
            return 0  # "Wednesday's ruling": something already there to be named
        verb = _governing_verb(span.root)
        before = text[max(0, span.start_char - 24):span.start_char].lower()
        before = " ".join(re.sub(r"[^a-z' ]", " ", before).split())
        for p in self._preceders:
            # a phrase of several words may follow a word glued to it ("airstrikesplanned for"),
            # a single word must stand alone ("until", not "…until")
            if before == p or before.endswith(" " + p) or (" " in p and before.endswith(p)):
                # "until Thursday they had not …": a past perfect keeps it behind
                if verb is not None and any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux"):
                    return -1
                return 1
        if verb is None:
            return 0
        return self._verb_direction(verb, span.root, depth=0)

    def _verb_direction(self, verb: Token, timex: Token | None, depth: int) -> int:
        lex = self.lex
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        for a in auxes:
            if a.lower_ in lex.future_modals or a.lemma_ in lex.future_modals:
                if a.tag_ == "MD" and any(b.lemma_ == "have" for b in auxes):
                    return -1  # "could have left Friday"
                return 1
        if verb.lemma_ in lex.future_lemmas and verb.tag_ in ("VBN", "JJ"):
            return 1  # "planned for Wednesday", "expected Monday", "due Tuesday"
        if verb.lemma_ in lex.plan_lemmas:
            return 1  # "planned a rally on Saturday": the rally lies ahead of the planning
        infinitive = any(a.tag_ == "TO" for a in auxes)
        if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.tag_ == "TO" for c in verb.subtree):
            return 1  # "is going to vote"
        if infinitive or verb.dep_ == "xcomp":
            head = verb.head
            if head is not verb and depth < 3:
                if head.lemma_ in lex.future_lemmas:
                    return 1
                if infinitive and verb.dep_ == "xcomp" and (head.lemma_ == "set" or (
                        head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"))):
                    return 1  # "is to resume trading Tuesday", "set to resume Monday"
                up = self._verb_direction(head, None, depth + 1)
                return 1 if up > 0 else 0
            return 0
        if verb.tag_ == "VBD":
            return -1
        if verb.tag_ == "VBN":
            if auxes and all(a.tag_ in ("VBZ", "VBP") for a in auxes) and verb.lemma_ not in _SAY_LEMMAS:
                return 1  # present passive of a scheduled act: "the case is heard in May"
            return -1  # "was announced Friday", "the year ended March 31"
        if verb.tag_ == "VBG":
            tenses = {a.tag_ for a in auxes}
            if "VBD" in tenses:
                return -1
            if tenses & {"VBZ", "VBP"}:
                return 1  # "is meeting Friday"
            return 0
        if verb.tag_ in ("VBZ", "VBP"):
            if any(a.tag_ == "VBD" for a in auxes):
                return -1
            if verb.lemma_ in _SAY_LEMMAS or verb.lemma_ == "be" or any(a.lemma_ == "have" for a in auxes):
                return 0
            if timex is not None and timex.dep_ == "poss":
                return 0  # "follows Tuesday's decision": the decision is already there
            return 1  # news present for a scheduled act: "the talks open Monday"
        return 0

    # -- datelines --------------------------------------------------------------------------------
    def _mark_dateline(self, text: str, items: list[_Item]) -> None:
        for item in items[:2]:
            m = item.match
            if m.start > 200 or m.parse.kind not in ("md", "abs") or m.parse.day is None:
                continue
            line_start = text.rfind("\n", 0, m.start) + 1
            before, after = text[line_start:m.start], text[m.end:m.end + 48]
            if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
                item.kind = "dateline"

    # -- anchoring --------------------------------------------------------------------------------
    def _anchor(self, items: list[_Item], pub_date: date | None) -> tuple[date | None, int | None]:
        """The day relative expressions count from, and a year for month names when no day is known."""
        if pub_date is not None:
            return pub_date, pub_date.year
        years = sorted({p.year for p in (i.match.parse for i in items) if p.kind == "abs" and p.year}
                       | {p.start.year for p in (i.match.parse for i in items)
                          if p.kind == "range" and p.start and p.start.year})
        year = self._pinned_year(items, years)
        for item in items:
            p = item.match.parse
            if item.kind == "dateline":
                y = p.year if p.kind == "abs" else year
                if y is not None and p.month and p.day and cal.valid_day(y, p.month, p.day):
                    return date(y, p.month, p.day), y
        return None, year

    def _pinned_year(self, items: list[_Item], years: list[int]) -> int | None:
        """The year in which the text's undated "Wednesday … May 25" fall together.

        A weekday written next to a month and day pins the year among 1980–2035; so does a
        month and day with a weekday named within two sentences of it ("planned for Wednesday"
        … "starting May 25"). Several years fit: the one nearest a year written in the text wins,
        and with no year written anywhere the year stays open.
        """
        weekday_sentences = [(i.sentence, i.match.parse.weekday) for i in items
                             if i.match.parse.kind == "weekday" and i.match.parse.weekday is not None]
        scores: dict[int, int] = {}
        for item in items:
            p = item.match.parse
            if p.kind != "md" or p.day is None or p.month is None:
                continue
            candidates: set[int] = set()
            if p.weekday is not None:
                candidates.update(cal.pin_year(p.month, p.day, p.weekday))
            else:
                for s, wd in weekday_sentences:
                    if abs(s - item.sentence) <= _PIN_SENTENCES:
                        candidates.update(cal.pin_year(p.month, p.day, wd))
            for y in candidates:
                scores[y] = scores.get(y, 0) + (2 if p.weekday is not None else 1)
        if not scores or not years:
            return None
        best = max(scores.values())
        top = [y for y, s in scores.items() if s == best]
        # nearest to a written year; a tie goes to the later year (articles look back at older dates)
        return min(top, key=lambda y: (min(abs(y - w) for w in years), -y)) if years else None

    @staticmethod
    def _weekdays_from_dates(items: list[_Item]) -> None:
        """Without a day to count from, a bare weekday takes a nearby date that falls on it: the
        same reading that pinned the year ("planned for Wednesday" … "starting May 25")."""
        dated = [(i.sentence, date.fromisoformat(i.value)) for i in items
                 if i.value and len(i.value) == 10 and i.match.parse.kind == "md"]
        for item in items:
            p = item.match.parse
            if p.kind != "weekday" or item.value is not None or p.rel == -1 or "anaphoric" in p.flags:
                continue
            near = [(abs(s - item.sentence), d) for s, d in dated
                    if abs(s - item.sentence) <= _PIN_SENTENCES and d.weekday() == p.weekday]
            if near:
                item.value = cal.iso_day(min(near)[1])

    # -- resolving ----------------------------------------------------------------------------------
    def _resolve(self, item: _Item, anchor: date | None, year_hint: int | None,
                 reference: list[tuple[int, str]]) -> None:
        p = item.match.parse
        if p.kind == "range":
            assert p.start is not None and p.end is not None
            item.kind = "range"
            item.value = self._value(p.start, item.direction, anchor, year_hint, reference)
            item.end_value = self._value(p.end, item.direction, anchor, year_hint, reference)
            if item.value and item.end_value and item.end_value < item.value:
                item.end_value = None
            return
        if p.kind == "decade":
            item.kind = "range"
            item.value, item.end_value = cal.iso_year(p.year or 0), cal.iso_year((p.year or 0) + 9)
            return
        if p.kind == "season":
            season = self.lex.seasons[p.season or ""]
            year = p.year
            if year is None and anchor is not None:
                year = cal.season_year(anchor, season, p.rel or 0)
            if year is not None:
                item.kind = "range"
                item.value, item.end_value = cal.season_months(season, year)
            return
        item.value = self._value(p, item.direction, anchor, year_hint, reference)

    def _value(self, p: Parse, direction: int, anchor: date | None, year_hint: int | None,
               reference: list[tuple[int, str]]) -> str | None:
        k = p.kind
        if k == "abs":
            if p.day is not None and p.month is not None and p.year is not None:
                return cal.iso_day(date(p.year, p.month, p.day))
            if p.month is not None and p.year is not None:
                return cal.iso_month(p.year, p.month)
            return cal.iso_year(p.year) if p.year is not None else None
        if k == "md":
            assert p.month is not None
            if p.unit == "year":  # "March last year"
                base = anchor.year if anchor else year_hint
                if base is None:
                    return None
                y = base + p.n
                return cal.iso_day(date(y, p.month, p.day)) if p.day and cal.valid_day(y, p.month, p.day) \
                    else cal.iso_month(y, p.month)
            if anchor is None:
                if year_hint is None:
                    return None
                if p.day is None:
                    return cal.iso_month(year_hint, p.month)
                if not cal.valid_day(year_hint, p.month, p.day):
                    return None
                return cal.iso_day(date(year_hint, p.month, p.day))
            if p.day is not None:
                y = self._md_year(anchor, p, direction)
                return cal.iso_day(date(y, p.month, p.day)) if y is not None else None
            return cal.iso_month(cal.month_year(anchor, p.month, direction), p.month)
        if anchor is None:
            if k == "unit" and p.unit in ("year", "decade") and year_hint is not None:
                return cal.iso_year(year_hint + p.n * (10 if p.unit == "decade" else 1))
            if k == "holiday" and p.year is not None:
                return cal.iso_day(cal.holiday_date(self.lex.holidays[p.holiday or ""], p.year))
            return None
        if k == "weekday":
            assert p.weekday is not None
            strict = p.rel in (-1, 1)
            base = self._reference(reference, "day", anchor) if "anaphoric" in p.flags else anchor
            assert base is not None
            d = cal.weekday_date(base, p.weekday, direction if direction else -1, strict=strict)
            return cal.iso_day(d)
        if k == "deictic":
            return cal.iso_day(anchor + timedelta(days=p.n))
        if k == "unit":
            return cal.unit_value(anchor, p.n, p.unit or "")
        if k == "ago":
            return cal.shift(anchor, p.n, p.unit or "")
        if k == "anaphor":
            base = self._reference(reference, p.unit or "day", anchor)
            return cal.shift(base, p.n, p.unit or "day") if base else None
        if k == "holiday":
            rule = self.lex.holidays[p.holiday or ""]
            if p.year is not None:
                return cal.iso_day(cal.holiday_date(rule, p.year))
            d_dir = p.rel if p.rel else direction
            days = [cal.holiday_date(rule, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            if d_dir < 0:
                days = [d for d in days if d <= anchor]
            elif d_dir > 0:
                days = [d for d in days if d >= anchor]
            return cal.iso_day(min(days, key=lambda d: abs((d - anchor).days)))
        return None

    def _md_year(self, anchor: date, p: Parse, direction: int) -> int | None:
        assert p.month is not None and p.day is not None
        if p.weekday is not None:
            # "Friday, Oct. 23": the weekday tells which year when the nearest one disagrees
            for y in (anchor.year, anchor.year - 1, anchor.year + 1):
                if cal.valid_day(y, p.month, p.day) and date(y, p.month, p.day).weekday() == p.weekday:
                    return y
        if p.rel:
            direction = p.rel
        return cal.month_day_year(anchor, p.month, p.day, direction)

    @staticmethod
    def _reference(reference: list[tuple[int, str]], unit: str, anchor: date) -> date | None:
        """The last date mentioned precisely enough for `unit` (else the anchor)."""
        need = _PRECISION.get(unit, 10)
        for _, value in reversed(reference):
            if len(value) >= need:
                y, m, d = (value.split("-") + ["1", "1"])[:3]
                return date(int(y), int(m), int(d))
        return anchor

    # -- event dates --------------------------------------------------------------------------------
    def attach(self, events: list[Event], times: list[TimeExpr], doc: Doc, pub_date: date | None) -> None:
        """Date each event: the time in its clause, else the one in its sentence, else publication."""
        by_sentence: dict[int, list[tuple[TimeExpr, Span]]] = {}
        for t in times:
            if not t.value or t.kind == "dateline":
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and len(span):
                by_sentence.setdefault(t.sentence_index, []).append((t, span))
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
                chosen, source = candidates[0][0], "sentence"
            if chosen is not None:
                event.date, event.date_source = chosen.value, source
            elif publication is not None:
                event.date, event.date_source = publication, "publication"
            else:
                event.date, event.date_source = None, None


def _governing_verb(token: Token) -> Token | None:
    """The first verb above a token (the token's own clause), or None."""
    seen = 0
    t = token
    while seen < 12:
        if t.pos_ in _VERB_POS and t is not token and not (t.pos_ == "AUX" and t.dep_ in ("aux", "auxpass")):
            return t
        if t.head is t:
            return t if t.pos_ in _VERB_POS else None
        t = t.head
        seen += 1
    return None


def _clause_anchor(token: Token) -> Token:
    """The token a time expression hangs on: the first verb above it, or the root noun."""
    t = token
    for _ in range(12):
        if t.head is t:
            return t
        t = t.head
        if t.pos_ in _VERB_POS and not (t.pos_ == "AUX" and t.dep_ in ("aux", "auxpass")):
            return t
    return t


def _clause_time(trigger: Token, candidates: list[tuple[TimeExpr, Span]]) -> TimeExpr | None:
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
    if trigger.pos_ not in _VERB_POS:
        own.update(c.i for c in trigger.children if c.dep_ in _NOUN_MODIFIER_DEPS)
    best: TimeExpr | None = None
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
            if tok.pos_ in _VERB_POS and not (tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass")):
                break  # another clause's verb
        if reached:
            distance = abs(span.root.i - trigger.i)
            if distance < best_distance:
                best, best_distance = t_expr, distance
    return best


def _describes_another_noun(anchor: Token, trigger: Token) -> bool:
    """A time in a relative clause on some other noun is background for that noun:
    in "the truce, which began in late February, is not being honored" February dates
    the beginning, not the violation."""
    if anchor.dep_ not in ("relcl", "acl") or anchor.head.i == trigger.i:
        return False
    return not (anchor.left_edge.i <= trigger.i <= anchor.right_edge.i)


def _sentence_time(trigger: Token, candidates: list[tuple[TimeExpr, Span]]) -> TimeExpr | None:
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
    return min(pool, key=lambda u: abs(u[1].root.i - trigger.i))[0]
