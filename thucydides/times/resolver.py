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
from datetime import date, timedelta

from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from thucydides.models import Event, TimeExpr
from thucydides.nlp import doc_text
from thucydides.times import calendar as cal
from thucydides.times.anchoring import FoundTime, anchor_day, mark_dateline, weekdays_from_dates
from thucydides.times.direction import DirectionReader, governing_verb
from thucydides.times.event_dates import attach_dates
from thucydides.times.grammar import DIGIT_TRIGGER, Parse, category_words, find_matches
from thucydides.times.lexicon import Lexicon, load_lexicon
from thucydides.times.narrative import Narrative, bounded_time, day_of, in_past_perfect, sets_scene
from thucydides.wordlists import word_set

DATE_PREPOSITIONS = word_set("times", "date_prepositions")
_PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4, "decade": 4}
_EXPLICIT_KINDS = frozenset({"abs", "decade"})  # the text writes the year itself


class TimeResolver:
    """Finds and normalises time expressions; dates events. Build once, call per document."""

    def __init__(self) -> None:
        self.lex: Lexicon = load_lexicon()
        self._directions = DirectionReader(self.lex)
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
        items: list[FoundTime] = []
        for m in find_matches(text, self._triggers(doc, text)):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            if m.parse.needs_check and not self._is_date(span, m.parse):
                continue
            sentence = bisect.bisect_right(sent_starts, span.start) - 1
            items.append(FoundTime(m, span, max(sentence, 0)))
        if not items:
            return []
        for item in items:
            item.direction = self._directions.direction(text, item.span, item.match.parse)
            # "until Thursday they had not called": a bound from now, not a time in the past perfect
            bounded = bounded_time(item.span)
            item.past_perfect = not bounded and in_past_perfect(governing_verb(item.span.root))
        mark_dateline(text, items)
        anchor, year_hint = anchor_day(items, pub_date)
        narrative = Narrative(text, anchor)  # the times resolved so far, in text order
        for item in items:
            try:
                self._resolve(item, anchor, year_hint, narrative)
            except (OverflowError, ValueError):
                # an anchor at the calendar's edge ("next week" from 9999-12-31) has no such day
                item.value, item.end_value = None, None
            if item.value:
                flashback = item.past_perfect and item.basis == "narrative" and _looks_back(item)
                narrative.add(item.match.start, item.sentence, item.value, sets_scene(item.span),
                              line=item.line if flashback else None)
        if anchor is None:
            weekdays_from_dates(items)
        return [TimeExpr(text[i.match.start:i.match.end], i.match.start, i.match.end, i.value,
                         sentence_index=i.sentence, kind=i.kind, end_value=i.end_value,
                         value_source=self._value_source(i)) for i in items]

    @staticmethod
    def _value_source(item: FoundTime) -> str | None:
        if item.value is None:
            return None
        if item.basis is not None:
            return item.basis
        p = item.match.parse
        if p.kind == "range" and p.start is not None:
            p = p.start
        if p.kind in _EXPLICIT_KINDS or (p.year is not None and p.kind in ("season", "holiday")):
            return "explicit"
        return "publication"

    def _is_date(self, span: Span, parse: Parse) -> bool:
        """Whether a bare month name ("March") or a bare number ("1984") is used as a date."""
        first = span[0]
        if first.tag_ == "MD" or (first.pos_ == "VERB" and parse.kind == "md"):
            return False
        if any(t.ent_type_ == "DATE" for t in span):
            return True
        named_month = any(t.pos_ == "PROPN" and not t.like_num for t in span)
        if parse.kind == "md" and parse.day is not None and named_month:
            # "On 5 May Israeli jets …": with no comma after it the model may read the day as a
            # count, but a day number next to a month name is a date
            return True
        if any(t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORG", "PERSON", "PRODUCT", "LAW",
                               "WORK_OF_ART", "FAC", "EVENT") for t in span):
            return False
        prev = first.nbor(-1).lower_ if first.i > 0 else ""
        if parse.kind == "md":
            return first.pos_ == "PROPN" and (prev in DATE_PREPOSITIONS or parse.day is not None)
        return prev in DATE_PREPOSITIONS

    # -- resolving ----------------------------------------------------------------------------------
    def _resolve(self, item: FoundTime, anchor: date | None, year_hint: int | None,
                 narrative: Narrative) -> None:
        p = item.match.parse
        if p.kind == "range":
            assert p.start is not None and p.end is not None
            item.kind = "range"
            item.value = self._value(p.start, item, anchor, year_hint, narrative)
            item.end_value = self._value(p.end, item, anchor, year_hint, narrative)
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
        item.value = self._value(p, item, anchor, year_hint, narrative)

    def _value(self, p: Parse, item: FoundTime, anchor: date | None, year_hint: int | None,
               narrative: Narrative) -> str | None:
        """The value of `p` (the item's parse, or one end of its range); `item.basis` is set when
        the value is counted from a time the text set rather than from the time of writing."""
        direction = item.direction
        k = p.kind
        if k in ("md", "ago", "anaphor"):
            told = self._narrative_value(p, item, narrative)
            if told is not None:
                item.basis = "narrative"
                return told or None
        if k == "anaphor" and anchor is not None and direction < 0:
            value = self._value_counted_back(p, item, anchor, narrative)
            if value is not None:
                item.basis = "narrative"
                return value or None
        if item.past_perfect and k in ("deictic", "weekday", "unit", "ago"):
            # "the governor said air strikes last week had killed dozens", in a passage about 2013:
            # the past perfect counts "last week" from the passage's time, not from now
            passage = narrative.passage_time(item.match.start, item.sentence)
            if passage is not None:
                item.basis = "narrative"
                if len(passage.value) < 10:
                    return None
                anchor = day_of(passage.value)
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
                item.basis = "narrative"  # a year the text itself pins
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
            base = self._reference(narrative, "day", anchor) if "anaphoric" in p.flags else anchor
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
            base = self._reference(narrative, p.unit or "day", anchor, _line_sentence(item))
            item.line = base.isoformat() if base else None
            if base is not anchor:
                item.basis = "narrative"
            return cal.unit_value(base, p.n, p.unit or "day") if base else None
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

    def _narrative_value(self, p: Parse, item: FoundTime, narrative: Narrative) -> str | None:
        """The value of a month and day, an "X earlier" or an anaphor inside a passage that has left
        the time of writing, counted from the passage's time; "" when the passage makes it unknowable
        ("in 2013 … six months later"); None when no such passage holds it (read it as usual)."""
        if p.kind == "ago" and "narrative" not in p.flags:
            return None  # "two days ago" counts from the time of writing, wherever it stands
        # "ten days earlier" counts from the passage's last time even when that is near now
        passage = narrative.passage_time(item.match.start, item.sentence, away_only=p.kind != "ago",
                                         past_line=_moves_on(item))
        if passage is None:
            return None
        unit = p.unit or "day"
        if p.kind == "md":
            if item.direction >= 0 or p.unit == "year" or p.rel:
                # "next March", "March last year", a plan, a tense that does not tell: counted from now
                return None
            base = day_of(passage.value)
            if narrative.now is not None and base.year == narrative.now.year:
                return None  # the passage is in the year of writing: the usual reading holds
            assert p.month is not None
            if len(passage.value) == 4:
                y: int | None = base.year  # "In 2013 … on 29 August": that year's
            elif p.day is None:
                y = cal.month_year(base, p.month, 0)
            else:
                # a story goes forward from the passage's time; the past perfect looks back from it
                y = cal.month_day_year(base, p.month, p.day, -1 if item.past_perfect else 1, near_days=0)
            if y is None or (p.day is not None and not cal.valid_day(y, p.month, p.day)):
                return ""
            return cal.iso_month(y, p.month) if p.day is None else cal.iso_day(date(y, p.month, p.day))
        item.line = passage.value
        if len(passage.value) >= _PRECISION.get(unit, 10):
            # "two weeks earlier" is a day; "that week", "the following week" a calendar week
            move = cal.unit_value if p.kind == "anaphor" else cal.shift
            return move(day_of(passage.value), p.n, unit) or ""
        days = abs(p.n) * (7 if unit == "week" else 1)
        if unit in ("day", "week") and days <= 7 and len(passage.value) == 7:
            return passage.value  # "last October … that same day": in that month, as near as told
        if unit in ("day", "week") and days <= 60:
            return passage.value[:4]  # a few days from a month or a year: that year, as near as told
        return ""

    def _value_counted_back(self, p: Parse, item: FoundTime, anchor: date,
                            narrative: Narrative) -> str | None:
        """An anaphor of a past-tense clause ("six months later, the rebels signed") counted from the
        last time precise enough; "" when that lands after the time of writing (the text cannot
        have told it as done: the reference was the wrong one), None when it does not."""
        base = self._reference(narrative, p.unit or "day", anchor, _line_sentence(item))
        item.line = base.isoformat() if base else None
        value = cal.unit_value(base, p.n, p.unit or "day") if base else None
        if value is None:
            return None
        return "" if day_of(value) > anchor else value

    @staticmethod
    def _reference(narrative: Narrative, unit: str, anchor: date,
                   past_line: int | None = None) -> date | None:
        """The last date mentioned precisely enough for `unit` (else the anchor); with `past_line`
        (the asking sentence), not one a flashback of an earlier sentence set."""
        need = _PRECISION.get(unit, 10)
        for told in reversed(narrative.times):
            value = told.value
            if past_line is not None and told.line is not None and told.sentence < past_line:
                value = told.line  # the line a flashback of an earlier sentence left
            if len(value) >= need:
                return day_of(value)
        return anchor

    # -- event dates --------------------------------------------------------------------------------
    def attach(self, events: list[Event], times: list[TimeExpr], doc: Doc, pub_date: date | None) -> None:
        """Date each event: the time in its clause, else the one in its sentence, else publication."""
        attach_dates(events, times, doc, pub_date)


def _looks_back(item: FoundTime) -> bool:
    """A time counted back from another ("a year before", "ten days earlier", "the previous week")."""
    p = item.match.parse
    return p.kind in ("ago", "anaphor") and p.n < 0


def _moves_on(item: FoundTime) -> bool:
    """A time that goes on from the narrative's line ("the next day", "that week", "six months
    later", "on 29 August") in a clause not itself told in the past perfect: it returns from a
    flashback to the line the flashback left, rather than continuing it."""
    p = item.match.parse
    return not item.past_perfect and (p.kind == "md" or (p.kind == "anaphor" and p.n >= 0))


def _line_sentence(item: FoundTime) -> int | None:
    """The item's sentence when it returns to the narrative's line (`_moves_on`), else None."""
    return item.sentence if _moves_on(item) else None
