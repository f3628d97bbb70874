"""What each grammar pattern's match means: a regex match in, a `Parse` (or None) out.

One reader per pattern of `thucydides.times.patterns`; a reader returns None when the words
matched the pattern but are no date after all (Feb. 30, "1990-1985", a lower-case "easter").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from thucydides.times.calendar import valid_day
from thucydides.times.lexicon import Lexicon
from thucydides.times.parse import Parse
from thucydides.wordlists import word_set

Reader = Callable[[re.Match[str], Lexicon], "Parse | None"]

LOOKING_BACK = word_set("times", "looking_back")
LOOKING_AHEAD = word_set("times", "looking_ahead")


def _rel_value(word: str | None) -> int | None:
    if not word:
        return None
    w = " ".join(word.lower().split())
    if w in LOOKING_BACK:
        return -1
    if w in LOOKING_AHEAD:
        return 1
    if w in ("this", "that"):
        return 0
    return None


def _year(text: str) -> int:
    if text.startswith(("'", "\u2019")):
        yy = int(text[1:])
        return 1900 + yy if yy >= 30 else 2000 + yy  # '98 → 1998, '05 → 2005
    return int(text)


def _day(text: str, lex: Lexicon) -> int:
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else lex.ordinals[text.lower()]


def _month(text: str, lex: Lexicon) -> int:
    return lex.months[text.rstrip(".").lower()]


def _weekday(m: re.Match[str], lex: Lexicon) -> int | None:
    w = m.groupdict().get("wd") or m.groupdict().get("wd2")
    return lex.weekdays[w.rstrip(".").lower()] if w else None


def read_iso(m: re.Match[str], lex: Lexicon) -> Parse | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return Parse("abs", y, mo, d) if valid_day(y, mo, d) else None


def read_slash(m: re.Match[str], lex: Lexicon) -> Parse | None:
    # News English writes month/day/year; a first number over 12 means day/month/year.
    a, b, y = int(m["m"]), int(m["d"]), int(m["y"])
    mo, d = (a, b) if a <= 12 else (b, a)
    return Parse("abs", y, mo, d) if valid_day(y, mo, d) else None


def read_month_day(m: re.Match[str], lex: Lexicon) -> Parse | None:
    mo, d = _month(m["m"], lex), _day(m["d"], lex)
    wd = _weekday(m, lex)
    if m["y"]:
        y = _year(m["y"])
        if not valid_day(y, mo, d):
            return None
        return Parse("abs", y, mo, d, weekday=wd)
    if not valid_day(2000, mo, d):  # 2000 is a leap year: Feb. 29 passes
        return None
    p = Parse("md", None, mo, d, weekday=wd)
    # "May 5" could be the modal verb before a number ("may 5" never capitalised mid-sentence
    # as a modal, but at a sentence start it is): let the resolver check the tag.
    p.needs_check = m["m"].rstrip(".").lower() in ("may", "march") and not wd
    return p


def read_month_year(m: re.Match[str], lex: Lexicon) -> Parse | None:
    return Parse("abs", _year(m["y"]), _month(m["m"], lex))


def read_month(m: re.Match[str], lex: Lexicon) -> Parse | None:
    mo = _month(m["m"], lex)
    rel = _rel_value(m["rel"])
    ry = _rel_value(m["ry"]) if m["ry"] else None
    p = Parse("md", None, mo, None, rel=rel)
    if ry is not None:
        p.unit = "year"
        p.n = -1 if m["ry"].lower() == "last" else (1 if m["ry"].lower() == "next" else 0)
    # A bare month name may be a name, a verb or the modal: the resolver checks spaCy's reading.
    p.needs_check = rel is None and ry is None and m.group(0) == m["m"]
    return p


def read_year(m: re.Match[str], lex: Lexicon) -> Parse | None:
    p = Parse("abs", int(m["y"]))
    whole = m.group(0)
    # A bare four-digit number is often an amount; the resolver asks spaCy unless a word vouches for it.
    p.needs_check = whole == m["y"]
    return p


def read_decade(m: re.Match[str], lex: Lexicon) -> Parse | None:
    if m["c"]:
        y = int(m["c"]) * 100 + int(m["d"]) * 10
    else:
        y = _year("'" + m["d2"] + "0")
    return Parse("decade", y)


def read_spelled_year(m: re.Match[str], lex: Lexicon) -> Parse | None:
    if m["nineteen"]:
        tens, _, unit = m["rest"].lower().partition("-")
        return Parse("abs", 1900 + lex.numbers[tens] + (lex.numbers[unit] if unit else 0))
    small = m["small"]
    return Parse("abs", 2000 + (lex.numbers[small.lower()] if small else 0))


def read_weekday(m: re.Match[str], lex: Lexicon) -> Parse | None:
    rel = _rel_value(m["rel"])
    if m["rel"] and m["rel"].lower().startswith("that"):
        rel = None  # "that Friday": a story time we do not track; read it as a bare weekday
    p = Parse("weekday", weekday=lex.weekdays[m["w"].lower()], rel=rel)
    if m["rel"] and m["rel"].lower().startswith("the"):
        p.flags.add("anaphoric")  # "the previous Friday": counted from the story's last date
    return p


def read_deictic(m: re.Match[str], lex: Lexicon) -> Parse | None:
    word = (m["w"] or "").lower()
    if not word:  # this morning / last night
        return Parse("deictic", n=-1 if m.group(0).lower().lstrip().split()[0] == "last"
                     or "last " in m.group(0).lower() else 0)
    n = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    if m["dbl"]:
        n += -1 if "before" in m["dbl"].lower() else 1
    return Parse("deictic", n=n)


def read_unit(m: re.Match[str], lex: Lexicon) -> Parse | None:
    unit = m["u"].lower()
    rel_word = (m["rel"] or "").lower()
    if not rel_word:
        return None  # a bare "week" or "year" is a duration or a generic
    if unit in ("quarter", "century"):
        return Parse("vague")  # quarters have no ISO form here; TimeML keeps them as spans
    if rel_word.startswith("the previous") or rel_word.startswith("the following") or rel_word == "that":
        n = {"that": 0}.get(rel_word, -1 if "previous" in rel_word else 1)
        return Parse("anaphor", n=n, unit=unit)
    n = _rel_value(rel_word)
    if n is None:
        return None
    return Parse("unit", n=n, unit=unit)


def read_the_unit(m: re.Match[str], lex: Lexicon) -> Parse | None:
    return Parse("unit", n=0, unit=m["u"].lower())


def read_year_word(m: re.Match[str], lex: Lexicon) -> Parse | None:
    return Parse("unit", n=-1 if m["ago"] else 0, unit="year")


def read_season(m: re.Match[str], lex: Lexicon) -> Parse | None:
    s = m["s"].lower()
    if m["y"]:
        return Parse("season", year=int(m["y"]), season=s)
    rel = _rel_value(m["rel"])
    if rel is None:
        if m["rel"] and m["rel"].lower().startswith("that"):
            return None
        return None  # a bare "fall" or "spring" is usually a verb or a noun
    return Parse("season", season=s, rel=rel)


def _number(text: str, lex: Lexicon) -> int | None:
    t = " ".join(text.lower().split())
    if t.isdigit():
        return int(t)
    if "-" in t:
        a, _, b = t.partition("-")
        if a in lex.numbers and b in lex.numbers:
            return lex.numbers[a] + lex.numbers[b]
        return None
    return lex.numbers.get(t)


def read_ago(m: re.Match[str], lex: Lexicon) -> Parse | None:
    n = _number(m["num"], lex)
    unit = m["u"].lower().rstrip("s")
    direction = m["dir"].lower()
    if n is None:
        return Parse("vague")
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if direction in ("later", "before"):
        return Parse("anaphor", n=sign * n, unit=unit)
    parse = Parse("ago", n=sign * n, unit=unit)
    if direction == "earlier":
        # "ten days earlier" counts from the time a passage has set, when it has left "now"
        parse.flags.add("narrative")
    return parse


def read_anaphor(m: re.Match[str], lex: Lexicon) -> Parse | None:
    a = " ".join(m["a"].lower().split())
    n = 1 if a in ("the next", "the following") else (-1 if a in ("the previous", "the preceding") else 0)
    return Parse("anaphor", n=n, unit=m["u"].lower())


def read_holiday(m: re.Match[str], lex: Lexicon) -> Parse | None:
    name = " ".join(m["h"].lower().replace("\u2019", "'").split())
    if name not in lex.holidays:
        name = name.replace("s day", "'s day") if name.replace("s day", "'s day") in lex.holidays else name
    if name not in lex.holidays:
        return None
    if m.group(0)[0].islower() and m["h"][0].islower():
        return None  # holidays are written with capitals; "easter" in lower case is a direction
    p = Parse("holiday", holiday=name, rel=_rel_value(m["rel"]))
    if m["y"]:
        p.year = int(m["y"])
    return p


def read_day_range(m: re.Match[str], lex: Lexicon) -> Parse | None:
    mo = _month(m["m"], lex)
    d1, d2 = _day(m["d1"], lex), _day(m["d2"], lex)
    if d2 <= d1 or not valid_day(2000, mo, d1) or not valid_day(2000, mo, d2):
        return None
    if m["y"]:
        y = _year(m["y"])
        if not valid_day(y, mo, d2):
            return None
        return Parse("range", start=Parse("abs", y, mo, d1), end=Parse("abs", y, mo, d2))
    return Parse("range", start=Parse("md", None, mo, d1), end=Parse("md", None, mo, d2))


def read_year_range(m: re.Match[str], lex: Lexicon) -> Parse | None:
    y1 = int(m["y1"])
    raw2 = m["y2"]
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 100:
        return None  # "1990-1985" or a phone number, not a span of years
    return Parse("range", start=Parse("abs", y1), end=Parse("abs", y2))
