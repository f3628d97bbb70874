"""Finds temporal expressions in plain text with regular expressions built from the lexicon.

Each match becomes a `Parse`: what the words say (a month and day, "last week", a weekday …),
still unanchored. `thucydides.times.resolver` decides which are real and what they mean
against the publication date. Extents follow TimeML: modifiers such as "early", "late",
"last", "earlier" belong to the expression, prepositions ("in", "on") do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from thucydides.times.calendar import valid_day
from thucydides.times.lexicon import Lexicon, load_lexicon


@dataclass(slots=True)
class Parse:
    """The meaning of one expression before anchoring.

    kind:
      abs      year [month [day]] all given ("Nov. 12, 2015", "1998", "February 1947")
      md       month [day] without a year ("May 25", "late February"); rel: -1 last, 0 this, +1 next
      weekday  a day of the week; rel as above, or None when bare
      deictic  yesterday/today/tomorrow: n days from the anchor
      unit     the calendar unit n steps away ("last week" n=-1 unit=week, "this year" n=0)
      ago      anchor shifted n units ("two days ago" n=-2 unit=day)
      anaphor  n units from the last date mentioned ("the next day", "that year")
      season   a season, with year or rel
      decade   the years from `year` to `year + 9`
      holiday  a named day, with year or rel
      range    `start` to `end`, both Parses
      vague    a date expression whose value cannot be written ("several years ago")
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    n: int = 0
    unit: str | None = None
    rel: int | None = None
    season: str | None = None
    holiday: str | None = None
    start: Parse | None = None
    end: Parse | None = None
    needs_check: bool = False  # a bare word that may not be a date ("May", "March", "1984")
    flags: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Match:
    start: int
    end: int
    parse: Parse


WS = r"[ \t]+"
SP = r"\s+"  # may cross a line break


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap_forms(word: str) -> list[str]:
    return [word.capitalize(), word.upper()]


Handler = Callable[[re.Match[str], Lexicon], "Parse | None"]
S = r"[ \t]+"  # a space between the words of one expression (never a line break)


@lru_cache(maxsize=1)
def _build() -> tuple[list[tuple[re.Pattern[str], Handler]], Lexicon]:
    lex = load_lexicon()
    full_months = [w for w in lex.months if len(w) > 4 or w in ("may", "june", "july")]
    abbr_months = [w for w in lex.months if w not in full_months]
    month_full = _alt([f for w in full_months for f in _cap_forms(w)])
    # abbreviations ("Nov.", "Sept") only inside patterns where a day or a year follows
    month_abbr = _alt([f for w in abbr_months for f in _cap_forms(w)])
    month_any = rf"(?:(?:{month_full})(?![a-z])|(?:{month_abbr})(?:\.|(?![a-z])))"
    wd_full = _alt([f for w in lex.weekdays if len(w) > 4 for f in _cap_forms(w)])
    wd_any = _alt([f for w in lex.weekdays for f in _cap_forms(w)])
    ordinal_words = _alt(list(lex.ordinals))
    day = rf"(?:(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d,]\d)(?!\d)|(?:{ordinal_words})\b)"
    year4 = r"(?:1[0-9]\d\d|20\d\d)(?!\d)"
    year = rf"(?:{year4}|'\d\d(?!\d))"
    mod = (rf"(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Ee]arlier|[Ll]ater|[Ss]ometime|[Ss]ome{S}time)(?:{S}|-)"
           rf"|(?:[Tt]he{S})?(?:very{S})?(?:beginning|start|end|middle|close|first{S}half|second{S}half)"
           rf"{S}of{S})?")
    rel = (rf"(?:(?P<rel>[Ll]ast|[Tt]his{S}past|[Tt]his{S}coming|[Tt]his|[Nn]ext|[Cc]oming|[Pp]ast"
           rf"|[Tt]he{S}previous|[Tt]he{S}following|[Tt]he{S}next){S})?")
    tod = rf"(?:{S}(?:morning|afternoon|evening|night))?"
    num_words = _alt(list(lex.numbers))
    number = rf"(?:\d{{1,3}}|(?:{num_words})(?:-(?:{num_words}))?|a{S}few|several|a{S}couple{S}of|some)"
    approx = (rf"(?:(?:nearly|almost|about|some|roughly|around|over|just|only|more{S}than|less{S}than"
              rf"|at{S}least|barely){S})?")
    season_words = _alt(list(lex.seasons))
    holiday_words = "|".join(
        S.join(re.escape(part).replace("'", "['\u2019]?") for part in name.split())
        for name in sorted(lex.holidays, key=len, reverse=True))
    time_of_day = rf"(?:\d{{1,2}}(?::\d\d)?[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:{S}\(?[A-Z]{{2,4}}\)?)?{S})"
    weekday_prefix = (rf"(?:(?P<wd>{wd_any})\.?,?{S}"
                      rf"|(?:[Tt]his{S}coming|[Tt]his|[Nn]ext|[Ll]ast){S}(?P<wd2>{wd_full}),?{S})?")
    to = rf"{S}(?:and|to|through|until|till){S}"
    unit_stop = rf"(?!['\u2019]s|{S}(?:before|after|earlier|later|ago|of|in|when|that|which|to|and|or)\b)"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"

    patterns: list[tuple[re.Pattern[str], Handler]] = []

    def add(pattern: str, handler: Handler, flags: int = 0) -> None:
        patterns.append((re.compile(pattern, flags), handler))

    # ranges: "between May 3 and 5", "May 3-5", "from 2010 to 2012", "1998-99"
    add(rf"\b(?:[Bb]etween|[Ff]rom){S}(?P<m>{month_any}){S}(?P<d1>{day}){to}(?P<d2>{day})"
        rf"(?:,?{S}(?P<y>{year}))?", _h_day_range)
    add(rf"\b(?P<m>{month_any}){S}(?P<d1>{day})[ \t]*[-\u2013][ \t]*(?P<d2>{day})(?:,?{S}(?P<y>{year}))?",
        _h_day_range)
    add(rf"\b(?:[Bb]etween|[Ff]rom){S}(?P<y1>{year4}){to}(?P<y2>{year4})", _h_year_range)
    add(rf"(?<![\d$.,/-])\b(?P<y1>{year4})[ \t]*[-\u2013][ \t]*(?P<y2>{year4}|\d\d)(?![\d%-])", _h_year_range)
    # explicit dates
    add(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _h_iso)
    add(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])", _h_slash)
    add(rf"\b{weekday_prefix}{mod}(?P<m>{month_any}){S}(?P<d>{day})(?:(?:,[ \t]*|{S})(?P<y>{year}))?"
        rf"(?![ \t]*%)", _h_mdy)
    add(rf"\b{weekday_prefix}(?:[Tt]he{S})?(?P<d>{day})(?:{S}of)?{S}(?P<m>{month_any})(?:,?{S}(?P<y>{year}))?",
        _h_mdy)
    add(rf"\b{mod}(?P<m>{month_any})(?:{S}of|,)?{S}(?P<y>{year4})", _h_month_year)
    add(rf"\b{rel}{mod}(?P<m>{month_full})(?![a-z])(?:{S}(?:of{S})?(?P<ry>last|this|next){S}year)?", _h_month)
    # years, decades, spelled-out years
    add(rf"(?<![$\d.,])\b(?:[Tt]he{S})?{mod}(?:(?P<fiscal>[Ff]iscal(?:{S}year)?){S})?(?P<y>{year4})"
        rf"(?:{S}(?P<period>period))?(?![\d%]|[ \t]*(?:percent|per{S}cent)|[.,]\d)", _h_year)
    add(rf"\b(?:[Tt]he{S})?{mod}(?:(?P<c>1[0-9]|20)(?P<d>\d)0|['\u2019](?P<d2>\d)0)[']?s\b", _h_decade)
    add(rf"\b(?:[Tt]he{S}year{S})?(?:(?P<nineteen>nineteen){S}(?P<rest>(?:{tens})(?:-(?:{units}))?)"
        rf"|(?P<twothousand>two{S}thousand)(?:{S}(?:and{S})?(?P<small>{units}|{teens}))?)\b",
        _h_spelled_year, re.I)
    # weekdays
    add(rf"(?P<tod>{time_of_day})?\b{rel}{mod}(?P<w>{wd_full})(?![a-z])(?:['\u2019]s)?{tod}", _h_weekday)
    # yesterday / today / tomorrow / this morning / last night
    add(rf"\b{mod}(?:(?P<dbl>the{S}day{S}(?:before|after){S})?(?P<w>yesterday|today|tomorrow|tonight)"
        rf"|(?:this|[Ll]ast){S}(?:morning|afternoon|evening|night))\b{tod}", _h_deictic, re.I)
    # last week, this month, next year, the current year, year-end …
    add(rf"\b{mod}{rel}(?P<u>week|month|year|weekend|decade|quarter|century)(?![a-z-])", _h_unit, re.I)
    add(rf"\b(?:{mod}|(?:[Ee]arlier|[Ll]ater){S}in{S})[Tt]he{S}(?:(?:current|full){S})?(?:fiscal{S})?"
        rf"(?P<u>year|month)(?![a-z-]){unit_stop}", _h_the_unit)
    add(rf"\b(?:the{S})?(?:(?P<ago>year[- ](?:earlier|ago))|(?P<end>year[- ]end|year['\u2019]s{S}end))\b",
        _h_year_word, re.I)
    add(rf"\b{mod}{rel}(?P<s>{season_words})(?:{S}(?:of{S})?(?P<y>{year4}))?\b", _h_season, re.I)
    # two days ago, a year earlier, …
    add(rf"\b{approx}(?P<num>{number}){S}(?P<u>days?|weeks?|months?|years?|decades?)(?:{S}or{S}so)?"
        rf"{S}(?P<dir>ago|earlier|before|later|from{S}now|hence)\b", _h_ago, re.I)
    # anaphora: that day, the next day, the same day, the following year
    add(rf"\b{mod}(?P<a>(?:that|the){S}same|that|the{S}next|the{S}following|the{S}previous"
        rf"|the{S}preceding){S}(?P<u>day|year|month)\b{tod}", _h_anaphor, re.I)
    add(rf"\b{rel}(?P<h>{holiday_words})(?:{S}(?P<y>{year4}))?\b", _h_holiday, re.I)
    return patterns, lex


# --- handlers -------------------------------------------------------------------------------------

def _rel_value(word: str | None) -> int | None:
    if not word:
        return None
    w = " ".join(word.lower().split())
    if w in ("last", "this past", "past", "the previous"):
        return -1
    if w in ("next", "this coming", "coming", "the following", "the next"):
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


def _h_iso(m: re.Match[str], lex: Lexicon) -> Parse | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return Parse("abs", y, mo, d) if valid_day(y, mo, d) else None


def _h_slash(m: re.Match[str], lex: Lexicon) -> Parse | None:
    # News English writes month/day/year; a first number over 12 means day/month/year.
    a, b, y = int(m["m"]), int(m["d"]), int(m["y"])
    mo, d = (a, b) if a <= 12 else (b, a)
    return Parse("abs", y, mo, d) if valid_day(y, mo, d) else None


def _h_mdy(m: re.Match[str], lex: Lexicon) -> Parse | None:
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


def _h_month_year(m: re.Match[str], lex: Lexicon) -> Parse | None:
    return Parse("abs", _year(m["y"]), _month(m["m"], lex))


def _h_month(m: re.Match[str], lex: Lexicon) -> Parse | None:
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


def _h_year(m: re.Match[str], lex: Lexicon) -> Parse | None:
    p = Parse("abs", int(m["y"]))
    whole = m.group(0)
    # A bare four-digit number is often an amount; the resolver asks spaCy unless a word vouches for it.
    p.needs_check = whole == m["y"]
    return p


def _h_decade(m: re.Match[str], lex: Lexicon) -> Parse | None:
    if m["c"]:
        y = int(m["c"]) * 100 + int(m["d"]) * 10
    else:
        y = _year("'" + m["d2"] + "0")
    return Parse("decade", y)


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _h_spelled_year(m: re.Match[str], lex: Lexicon) -> Parse | None:
    if m["nineteen"]:
        tens, _, unit = m["rest"].lower().partition("-")
        return Parse("abs", 1900 + _TENS[tens] + (_UNITS[unit] if unit else 0))
    small = m["small"]
    return Parse("abs", 2000 + (lex.numbers[small.lower()] if small else 0))


def _h_weekday(m: re.Match[str], lex: Lexicon) -> Parse | None:
    rel = _rel_value(m["rel"])
    if m["rel"] and m["rel"].lower().startswith("that"):
        rel = None  # "that Friday": a story time we do not track; read it as a bare weekday
    p = Parse("weekday", weekday=lex.weekdays[m["w"].lower()], rel=rel)
    if m["rel"] and m["rel"].lower().startswith("the"):
        p.flags.add("anaphoric")  # "the previous Friday": counted from the story's last date
    return p


def _h_deictic(m: re.Match[str], lex: Lexicon) -> Parse | None:
    word = (m["w"] or "").lower()
    if not word:  # this morning / last night
        return Parse("deictic", n=-1 if m.group(0).lower().lstrip().split()[0] == "last"
                     or "last " in m.group(0).lower() else 0)
    n = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    if m["dbl"]:
        n += -1 if "before" in m["dbl"].lower() else 1
    return Parse("deictic", n=n)


def _h_unit(m: re.Match[str], lex: Lexicon) -> Parse | None:
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


def _h_the_unit(m: re.Match[str], lex: Lexicon) -> Parse | None:
    return Parse("unit", n=0, unit=m["u"].lower())


def _h_year_word(m: re.Match[str], lex: Lexicon) -> Parse | None:
    return Parse("unit", n=-1 if m["ago"] else 0, unit="year")


def _h_season(m: re.Match[str], lex: Lexicon) -> Parse | None:
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


def _h_ago(m: re.Match[str], lex: Lexicon) -> Parse | None:
    n = _number(m["num"], lex)
    unit = m["u"].lower().rstrip("s")
    direction = m["dir"].lower()
    if n is None:
        return Parse("vague")
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if direction in ("later", "before"):
        return Parse("anaphor", n=sign * n, unit=unit)
    return Parse("ago", n=sign * n, unit=unit)


def _h_anaphor(m: re.Match[str], lex: Lexicon) -> Parse | None:
    a = " ".join(m["a"].lower().split())
    n = 1 if a in ("the next", "the following") else (-1 if a in ("the previous", "the preceding") else 0)
    return Parse("anaphor", n=n, unit=m["u"].lower())


def _h_holiday(m: re.Match[str], lex: Lexicon) -> Parse | None:
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


def _h_day_range(m: re.Match[str], lex: Lexicon) -> Parse | None:
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


def _h_year_range(m: re.Match[str], lex: Lexicon) -> Parse | None:
    y1 = int(m["y1"])
    raw2 = m["y2"]
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 100:
        return None  # "1990-1985" or a phone number, not a span of years
    return Parse("range", start=Parse("abs", y1), end=Parse("abs", y2))


# --- matching -------------------------------------------------------------------------------------

# The patterns are costly to try at every position of a long article. Every expression holds a
# word of its pattern's category (a month name, a weekday, a digit …), so each pattern runs only
# in windows around the words of its category.
_WINDOW_BEFORE = 80
_WINDOW_AFTER = 60
_CATEGORY = {
    _h_day_range: "month", _h_mdy: "month", _h_month_year: "month", _h_month: "month",
    _h_year_range: "digit", _h_iso: "digit", _h_slash: "digit", _h_year: "digit", _h_decade: "digit",
    _h_spelled_year: "spelled", _h_weekday: "weekday", _h_deictic: "deictic", _h_unit: "unit",
    _h_the_unit: "unit", _h_year_word: "unit", _h_ago: "unit", _h_anaphor: "unit", _h_season: "season",
    _h_holiday: "holiday",
}
# every pattern of the digit category holds four digits in a row or a "'90s"
DIGIT_TRIGGER = re.compile(r"\d{4}|['\u2019]\d0s")


@lru_cache(maxsize=1)
def category_words() -> dict[str, frozenset[str]]:
    """Lower-case words (as a tokenizer splits them) that open a window for each category."""
    lex = load_lexicon()
    dotted = {w + "." for w in lex.months} | {w + "." for w in lex.weekdays}
    units = {"day", "week", "weekend", "month", "year", "decade", "quarter", "century"}
    return {
        "month": frozenset(set(lex.months) | {w for w in dotted if w[:-1] in lex.months}),
        "weekday": frozenset(set(lex.weekdays) | {w for w in dotted if w[:-1] in lex.weekdays}),
        "spelled": frozenset({"nineteen", "thousand"}),
        "deictic": frozenset({"yesterday", "today", "tomorrow", "tonight", "morning", "afternoon", "evening",
                              "night"}),
        "unit": frozenset(units | {u + "s" for u in units} | {"centuries"}),
        "season": frozenset(lex.seasons),
        "holiday": frozenset(part.replace("'s", "") for name in lex.holidays for part in name.split()
                             if len(part) > 3 and part not in ("day", "year's")),
    }


@lru_cache(maxsize=1)
def _text_triggers() -> dict[str, re.Pattern[str]]:
    return {cat: re.compile(rf"\b(?:{_alt(sorted(words))})(?![a-z])", re.I)
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
    patterns, lex = _build()
    if triggers is None:
        triggers = text_triggers(text)
    windows = {cat: _windows(spans, len(text)) for cat, spans in triggers.items()}
    found: list[Match] = []
    for regex, handler in patterns:
        for lo, hi in windows.get(_CATEGORY[handler], ()):
            # pos/endpos keep the text before the window visible to look-behinds and \b
            for m in regex.finditer(text, lo, hi):
                if m.end() <= m.start():
                    continue
                parse = handler(m, lex)
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
