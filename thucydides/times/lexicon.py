"""Loads and checks `thucydides/data/time_lexicon.yaml`: the words of the time stage."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from thucydides.datafiles import DataFileError, load_yaml

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "time_lexicon.yaml"

_HOLIDAY_RULE = re.compile(r"^(\d{2}-\d{2}|nth:[0-6]:-?[1-5]:(?:[1-9]|1[0-2])|easter(?::-?\d+)?|election)$")
_KEYS = ("months", "weekdays", "seasons", "holidays", "numbers", "ordinals", "future_lemmas",
         "plan_lemmas", "future_preceders", "future_modals")


class LexiconError(DataFileError):
    """A malformed lexicon file; the message names the file, the line and the reason."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, int]          # spelling -> month number
    weekdays: dict[str, int]        # spelling -> weekday (Monday 0)
    seasons: dict[str, tuple[int, int]]
    holidays: dict[str, str]        # name -> rule
    numbers: dict[str, int]
    ordinals: dict[str, int]
    future_lemmas: frozenset[str]
    plan_lemmas: frozenset[str]
    future_preceders: tuple[str, ...]
    future_modals: frozenset[str]


def _line_of(text: str, key: str) -> int:
    """The line where `key:` first appears, for error messages (YAML loses positions)."""
    for n, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*\"?{re.escape(str(key))}\"?\s*:", line):
            return n
    return 0


def _fail(path: Path, text: str, key: str, reason: str) -> LexiconError:
    return LexiconError(path, _line_of(text, key), reason)


def _words(path: Path, text: str, key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise _fail(path, text, key, f"{key!r} must be a non-empty list of words")
    return [w.lower() for w in value]


def _numbered(path: Path, text: str, section: str, raw: Any, low: int, high: int) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise _fail(path, text, section, f"{section!r} must be a mapping of number to spellings")
    out: dict[str, int] = {}
    for num, spellings in raw.items():
        if not isinstance(num, int) or not low <= num <= high:
            raise _fail(path, text, str(num), f"{section}: key {num!r} must be a number {low}..{high}")
        for w in _words(path, text, str(num), spellings):
            if w in out:
                raise _fail(path, text, str(num), f"{section}: {w!r} is listed twice")
            out[w] = num
    if set(out.values()) != set(range(low, high + 1)):
        raise _fail(path, text, section, f"{section}: every number {low}..{high} needs a spelling")
    return out


def parse_lexicon(text: str, path: Path = LEXICON_PATH) -> Lexicon:
    raw = load_yaml(text, path, error=LexiconError)
    if not isinstance(raw, dict):
        raise LexiconError(path, 1, "the lexicon must be a mapping")
    for key in _KEYS:
        if key not in raw:
            raise LexiconError(path, 0, f"missing section {key!r}")
    months = _numbered(path, text, "months", raw["months"], 1, 12)
    weekdays = _numbered(path, text, "weekdays", raw["weekdays"], 0, 6)
    seasons: dict[str, tuple[int, int]] = {}
    if not isinstance(raw["seasons"], dict):
        raise _fail(path, text, "seasons", "'seasons' must be a mapping")
    for name, span in raw["seasons"].items():
        if (not isinstance(span, list) or len(span) != 2
                or not all(isinstance(m, int) and 1 <= m <= 12 for m in span)):
            raise _fail(path, text, name, f"season {name!r} must be [first month, last month]")
        seasons[str(name).lower()] = (span[0], span[1])
    holidays: dict[str, str] = {}
    if not isinstance(raw["holidays"], dict):
        raise _fail(path, text, "holidays", "'holidays' must be a mapping")
    for name, rule in raw["holidays"].items():
        if not isinstance(rule, str) or not _HOLIDAY_RULE.match(rule):
            raise _fail(path, text, name, f"holiday {name!r}: rule {rule!r} is not MM-DD, nth:W:N:M, "
                                          "easter[:offset] or election")
        holidays[str(name).lower()] = rule
    numbers: dict[str, int] = {}
    ordinals: dict[str, int] = {}
    for section, target in (("numbers", numbers), ("ordinals", ordinals)):
        if not isinstance(raw[section], dict):
            raise _fail(path, text, section, f"{section!r} must be a mapping of word to number")
        for word, num in raw[section].items():
            if not isinstance(num, int) or num < 1:
                raise _fail(path, text, str(word), f"{section}: {word!r} needs a positive whole number")
            target[str(word).lower()] = num
    return Lexicon(
        months=months, weekdays=weekdays, seasons=seasons, holidays=holidays, numbers=numbers,
        ordinals=ordinals,
        future_lemmas=frozenset(_words(path, text, "future_lemmas", raw["future_lemmas"])),
        plan_lemmas=frozenset(_words(path, text, "plan_lemmas", raw["plan_lemmas"])),
        future_preceders=tuple(_words(path, text, "future_preceders", raw["future_preceders"])),
        future_modals=frozenset(_words(path, text, "future_modals", raw["future_modals"])),
    )


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    return parse_lexicon(path.read_text(encoding="utf-8"), path)
