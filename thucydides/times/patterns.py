"""The regular expressions of the time grammar, built once from the lexicon and the word lists.

Each pattern comes with its reader (what a match means, `thucydides.times.readings`) and the
category of word every match of it holds (a month name, a weekday, a digit …), so that
`thucydides.times.grammar` runs it only in windows around those words. Extents follow TimeML:
modifiers such as "early", "late", "last", "earlier" belong to the expression, prepositions
("in", "on") do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thucydides.times import readings as r
from thucydides.times.lexicon import Lexicon, load_lexicon
from thucydides.wordlists import word_list

S = r"[ \t]+"  # a space between the words of one expression (never a line break)


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    read: r.Reader
    category: str  # the kind of word every match holds: month, weekday, digit, unit …


def alternation(words: list[str]) -> str:
    """A regex alternative of `words`, longest first so that a phrase wins over its first word."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap_forms(word: str) -> list[str]:
    return [word.capitalize(), word.upper()]


def _phrase(words: str, either_case: bool = False) -> str:
    """A phrase's words joined by spaces or tabs; `either_case` also takes a capital first letter."""
    parts = [re.escape(part) for part in words.split()]
    if either_case:
        first = parts[0]
        parts[0] = f"[{first[0].upper()}{first[0]}]{first[1:]}"
    return S.join(parts)


def _phrases(name: str, either_case: bool = False) -> str:
    """The phrases of word list `name` of times.yaml as one alternative, in the file's order."""
    return "|".join(_phrase(w, either_case) for w in word_list("times", name))


@lru_cache(maxsize=1)
def build_patterns() -> tuple[tuple[Pattern, ...], Lexicon]:
    """Every pattern in the order they are tried, and the lexicon their readers need."""
    lex = load_lexicon()
    full_months = [w for w in lex.months if len(w) > 4 or w in ("may", "june", "july")]
    abbr_months = [w for w in lex.months if w not in full_months]
    month_full = alternation([f for w in full_months for f in _cap_forms(w)])
    # abbreviations ("Nov.", "Sept") only inside patterns where a day or a year follows
    month_abbr = alternation([f for w in abbr_months for f in _cap_forms(w)])
    month_any = rf"(?:(?:{month_full})(?![a-z])|(?:{month_abbr})(?:\.|(?![a-z])))"
    wd_full = alternation([f for w in lex.weekdays if len(w) > 4 for f in _cap_forms(w)])
    wd_any = alternation([f for w in lex.weekdays for f in _cap_forms(w)])
    ordinal_words = alternation(list(lex.ordinals))
    day = rf"(?:(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d,]\d)(?!\d)|(?:{ordinal_words})\b)"
    year4 = r"(?:1[0-9]\d\d|20\d\d)(?!\d)"
    year = rf"(?:{year4}|'\d\d(?!\d))"
    mod = (rf"(?:(?:{_phrases('period_modifiers', either_case=True)})(?:{S}|-)"
           rf"|(?:[Tt]he{S})?(?:very{S})?(?:{_phrases('period_parts')})"
           rf"{S}of{S})?")
    relative = [*word_list("times", "looking_back"), *word_list("times", "looking_ahead"), "this"]
    rel_words = "|".join(_phrase(w, either_case=True) for w in sorted(relative, key=len, reverse=True))
    rel = rf"(?:(?P<rel>{rel_words}){S})?"
    tod = rf"(?:{S}(?:morning|afternoon|evening|night))?"
    num_words = alternation(list(lex.numbers))
    number = rf"(?:\d{{1,3}}|(?:{num_words})(?:-(?:{num_words}))?|a{S}few|several|a{S}couple{S}of|some)"
    approx = rf"(?:(?:{_phrases('approximators')}){S})?"
    season_words = alternation(list(lex.seasons))
    holiday_words = "|".join(
        S.join(re.escape(part).replace("'", "['\u2019]?") for part in name.split())
        for name in sorted(lex.holidays, key=len, reverse=True))
    time_of_day = rf"(?:\d{{1,2}}(?::\d\d)?[ \t]*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:{S}\(?[A-Z]{{2,4}}\)?)?{S})"
    weekday_prefix = (rf"(?:(?P<wd>{wd_any})\.?,?{S}"
                      rf"|(?:[Tt]his{S}coming|[Tt]his|[Nn]ext|[Ll]ast){S}(?P<wd2>{wd_full}),?{S})?")
    to = rf"{S}(?:and|to|through|until|till){S}"
    unit_stop = rf"(?!['\u2019]s|{S}(?:{_phrases('not_the_current_unit')})\b)"
    units = _phrases("calendar_units")
    year_tens, year_units, year_teens = _phrases("year_tens"), _phrases("year_units"), _phrases("year_teens")

    patterns: list[Pattern] = []

    def add(pattern: str, read: r.Reader, category: str, flags: int = 0) -> None:
        patterns.append(Pattern(re.compile(pattern, flags), read, category))

    # ranges: "between May 3 and 5", "May 3-5", "from 2010 to 2012", "1998-99"
    add(rf"\b(?:[Bb]etween|[Ff]rom){S}(?P<m>{month_any}){S}(?P<d1>{day}){to}(?P<d2>{day})"
        rf"(?:,?{S}(?P<y>{year}))?", r.read_day_range, "month")
    add(rf"\b(?P<m>{month_any}){S}(?P<d1>{day})[ \t]*[-\u2013][ \t]*(?P<d2>{day})(?:,?{S}(?P<y>{year}))?",
        r.read_day_range, "month")
    add(rf"\b(?:[Bb]etween|[Ff]rom){S}(?P<y1>{year4}){to}(?P<y2>{year4})", r.read_year_range, "digit")
    add(rf"(?<![\d$.,/-])\b(?P<y1>{year4})[ \t]*[-\u2013][ \t]*(?P<y2>{year4}|\d\d)(?![\d%-])",
        r.read_year_range, "digit")
    # explicit dates
    add(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", r.read_iso, "digit")
    add(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d/])", r.read_slash, "digit")
    add(rf"\b{weekday_prefix}{mod}(?P<m>{month_any}){S}(?P<d>{day})(?:(?:,[ \t]*|{S})(?P<y>{year}))?"
        rf"(?![ \t]*%)", r.read_month_day, "month")
    add(rf"\b{weekday_prefix}(?:[Tt]he{S})?(?P<d>{day})(?:{S}of)?{S}(?P<m>{month_any})(?:,?{S}(?P<y>{year}))?",
        r.read_month_day, "month")
    add(rf"\b{mod}(?P<m>{month_any})(?:{S}of|,)?{S}(?P<y>{year4})", r.read_month_year, "month")
    add(rf"\b{rel}{mod}(?P<m>{month_full})(?![a-z])(?:{S}(?:of{S})?(?P<ry>last|this|next){S}year)?",
        r.read_month, "month")
    # years, decades, spelled-out years
    add(rf"(?<![$\d.,])\b(?:[Tt]he{S})?{mod}(?:(?P<fiscal>[Ff]iscal(?:{S}year)?){S})?(?P<y>{year4})"
        rf"(?:{S}(?P<period>period))?(?![\d%]|[ \t]*(?:percent|per{S}cent)|[.,]\d)", r.read_year, "digit")
    add(rf"\b(?:[Tt]he{S})?{mod}(?:(?P<c>1[0-9]|20)(?P<d>\d)0|['\u2019](?P<d2>\d)0)[']?s\b",
        r.read_decade, "digit")
    add(rf"\b(?:[Tt]he{S}year{S})?(?:(?P<nineteen>nineteen){S}(?P<rest>(?:{year_tens})(?:-(?:{year_units}))?)"
        rf"|(?P<twothousand>two{S}thousand)(?:{S}(?:and{S})?(?P<small>{year_units}|{year_teens}))?)\b",
        r.read_spelled_year, "spelled", re.I)
    # weekdays
    add(rf"(?P<tod>{time_of_day})?\b{rel}{mod}(?P<w>{wd_full})(?![a-z])(?:['\u2019]s)?{tod}",
        r.read_weekday, "weekday")
    # yesterday / today / tomorrow / this morning / last night
    add(rf"\b{mod}(?:(?P<dbl>the{S}day{S}(?:before|after){S})?(?P<w>yesterday|today|tomorrow|tonight)"
        rf"|(?:this|[Ll]ast){S}(?:morning|afternoon|evening|night))\b{tod}", r.read_deictic, "deictic", re.I)
    # last week, this month, next year, the current year, year-end …
    add(rf"\b{mod}{rel}(?P<u>{units})(?![a-z-])", r.read_unit, "unit", re.I)
    add(rf"\b(?:{mod}|(?:[Ee]arlier|[Ll]ater){S}in{S})[Tt]he{S}(?:(?:current|full){S})?(?:fiscal{S})?"
        rf"(?P<u>year|month)(?![a-z-]){unit_stop}", r.read_the_unit, "unit")
    add(rf"\b(?:the{S})?(?:(?P<ago>year[- ](?:earlier|ago))|(?P<end>year[- ]end|year['\u2019]s{S}end))\b",
        r.read_year_word, "unit", re.I)
    add(rf"\b{mod}{rel}(?P<s>{season_words})(?:{S}(?:of{S})?(?P<y>{year4}))?\b",
        r.read_season, "season", re.I)
    # two days ago, a year earlier, …
    add(rf"\b{approx}(?P<num>{number}){S}(?P<u>days?|weeks?|months?|years?|decades?)(?:{S}or{S}so)?"
        rf"{S}(?P<dir>ago|earlier|before|later|from{S}now|hence)\b", r.read_ago, "unit", re.I)
    # anaphora: that day, the next day, the same day, that week, the following year
    add(rf"\b{mod}(?P<a>(?:that|the){S}same|that|the{S}next|the{S}following|the{S}previous"
        rf"|the{S}preceding){S}(?P<u>day|week|year|month)\b{tod}", r.read_anaphor, "unit", re.I)
    add(rf"\b{rel}(?P<h>{holiday_words})(?:{S}(?P<y>{year4}))?\b", r.read_holiday, "holiday", re.I)
    return tuple(patterns), lex
