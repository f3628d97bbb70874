"""Finds temporal expressions in plain text with the patterns of `thucydides.times.patterns`.

Each match becomes a `Parse`: what the words say (a month and day, "last week", a weekday …),
still unanchored. `thucydides.times.resolver` decides which are real and what they mean
against the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from thucydides.times.lexicon import load_lexicon
from thucydides.times.parse import Match, Parse
from thucydides.times.patterns import alternation, build_patterns
from thucydides.wordlists import word_list

__all__ = ["DIGIT_TRIGGER", "Match", "Parse", "category_words", "find_matches", "iter_parses",
           "text_triggers"]

# The patterns are costly to try at every position of a long article. Every expression holds a
# word of its pattern's category (a month name, a weekday, a digit …), so each pattern runs only
# in windows around the words of its category.
_WINDOW_BEFORE = 80
_WINDOW_AFTER = 60
# every pattern of the digit category holds four digits in a row or a "'90s"
DIGIT_TRIGGER = re.compile(r"\d{4}|['\u2019]\d0s")


@lru_cache(maxsize=1)
def category_words() -> dict[str, frozenset[str]]:
    """Lower-case words (as a tokenizer splits them) that open a window for each category."""
    lex = load_lexicon()
    dotted = {w + "." for w in lex.months} | {w + "." for w in lex.weekdays}
    units = {"day", *word_list("times", "calendar_units")}
    return {
        "month": frozenset(set(lex.months) | {w for w in dotted if w[:-1] in lex.months}),
        "weekday": frozenset(set(lex.weekdays) | {w for w in dotted if w[:-1] in lex.weekdays}),
        "spelled": frozenset({"nineteen", "thousand"}),
        "deictic": frozenset(word_list("times", "deictic_words")),
        "unit": frozenset(units | {u + "s" for u in units} | {"centuries"}),
        "season": frozenset(lex.seasons),
        "holiday": frozenset(part.replace("'s", "") for name in lex.holidays for part in name.split()
                             if len(part) > 3 and part not in ("day", "year's")),
    }


@lru_cache(maxsize=1)
def _text_triggers() -> dict[str, re.Pattern[str]]:
    return {cat: re.compile(rf"\b(?:{alternation(sorted(words))})(?![a-z])", re.I)
            for cat, words in category_words().items()}


def text_triggers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each category's words occur, found in plain text (the path without a spaCy Doc)."""
    found = {cat: [(m.start(), m.end()) for m in rx.finditer(text)] for cat, rx in _text_triggers().items()}
    found["digit"] = [(m.start(), m.end()) for m in DIGIT_TRIGGER.finditer(text)]
    return found


def _windows(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        start, end = max(0, s - _WINDOW_BEFORE), min(length, e + _WINDOW_AFTER)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def find_matches(text: str, triggers: dict[str, list[tuple[int, int]]] | None = None) -> list[Match]:
    """All expressions in `text`, overlaps settled by length (longest first, then leftmost).

    `triggers` (category -> character spans of its words) may come from a tokenizer; without
    it the words are found with regular expressions.
    """
    patterns, lex = build_patterns()
    if triggers is None:
        triggers = text_triggers(text)
    windows = {cat: _windows(spans, len(text)) for cat, spans in triggers.items()}
    found: list[Match] = []
    for pattern in patterns:
        for lo, hi in windows.get(pattern.category, ()):
            # pos/endpos keep the text before the window visible to look-behinds and \b
            for m in pattern.regex.finditer(text, lo, hi):
                if m.end() <= m.start():
                    continue
                parse = pattern.read(m, lex)
                if parse is None:
                    continue
                start, end = _trim(text, m.start(), m.end())
                if end > start:
                    found.append(Match(start, end, parse))
    return _settle(found)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    while start < end and text[start] in " \t\n":
        start += 1
    return start, end


def _settle(found: list[Match]) -> list[Match]:
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Match] = []
    for m in found:
        if any(m.start < t.end and t.start < m.end for t in taken):
            continue
        taken.append(m)
    taken.sort(key=lambda m: m.start)
    return taken


def iter_parses(text: str) -> Iterator[tuple[str, Parse]]:
    """(matched text, parse) pairs; a convenience for tests and debugging."""
    for m in find_matches(text):
        yield text[m.start:m.end], m.parse
