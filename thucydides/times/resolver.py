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
from thucydides.times.direction import DirectionReader
from thucydides.times.event_dates import attach_dates
from thucydides.times.grammar import DIGIT_TRIGGER, Parse, category_words, find_matches
from thucydides.times.lexicon import Lexicon, load_lexicon
from thucydides.wordlists import word_set

DATE_PREPOSITIONS = word_set("times", "date_prepositions")
_PRECISION = {"day": 10, "week": 10, "month": 7, "year": 4, "decade": 4}


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
        mark_dateline(text, items)
        anchor, year_hint = anchor_day(items, pub_date)
        reference: list[tuple[int, str]] = []  # (char offset, value) of resolved expressions so far
        for item in items:
            try:
                self._resolve(item, anchor, year_hint, reference)
            except (OverflowError, ValueError):
                # an anchor at the calendar's edge ("next week" from 9999-12-31) has no such day
                item.value, item.end_value = None, None
            if item.value:
                reference.append((item.match.start, item.value))
        if anchor is None:
            weekdays_from_dates(items)
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
            return first.pos_ == "PROPN" and (prev in DATE_PREPOSITIONS or parse.day is not None)
        return prev in DATE_PREPOSITIONS

    # -- resolving ----------------------------------------------------------------------------------
    def _resolve(self, item: FoundTime, anchor: date | None, year_hint: int | None,
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
        attach_dates(events, times, doc, pub_date)
