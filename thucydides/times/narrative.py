"""The time a narrative has reached: what "ten days earlier", "the next day" or a bare "29 August"
count from once a passage has left the time of writing.

A news article tells of now, and then often of some earlier time ("In March 2013, …"). Within
such a passage a relative expression counts from the time the passage last set, not from the
publication date, and a month and day without a year belong to the passage's year. A passage
is a paragraph, or, in text without line breaks, the last few sentences.
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from thucydides.wordlists import word_set

SCENE_PREPOSITIONS = word_set("times", "scene_prepositions")
BOUNDING_WORDS = word_set("times", "bounding_words")

PASSAGE_PARAGRAPHS = 1  # a time set this many paragraphs back still holds, when also near in sentences
PASSAGE_SENTENCES = 2  # a time set this many sentences back still holds
AWAY_DAYS = 7  # a time that ends this far from the time of writing is another time than "now"


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs begin (after every run of line breaks)."""
    starts = [0]
    i = text.find("\n")
    while i != -1:
        j = i
        while j < len(text) and text[j] in "\n\r \t":
            j += 1
        if j < len(text) and j > starts[-1]:
            starts.append(j)
        i = text.find("\n", j)
    return starts


def value_bounds(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO value at any precision covers (None: not a calendar value)."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            y, m = parts
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        d = date(parts[0], parts[1], parts[2])
        return d, d
    except (ValueError, IndexError):
        return None


def away_from(value: str, now: date | None) -> bool:
    """Whether a value lies clearly before or after the time of writing (without one: always)."""
    if now is None:
        return True
    bounds = value_bounds(value)
    if bounds is None:
        return False
    first, last = bounds
    return last < now - timedelta(days=AWAY_DAYS) or first > now + timedelta(days=AWAY_DAYS)


def day_of(value: str) -> date:
    """The first day of an ISO value."""
    bounds = value_bounds(value)
    assert bounds is not None
    return bounds[0]


def _main_clause(verb: Token) -> bool:
    """A verb that carries its sentence: the root, or a clause joined to it or reported by it."""
    for _ in range(3):
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ not in ("conj", "ccomp", "parataxis"):
            return False
        verb = verb.head
    return False


def sets_scene(span: Span) -> bool:
    """Whether a time expression sets the time of what its sentence tells ("In March 2013, forces
    shelled …", "rebels seized the town on 3 May", "Ten days earlier, …"), rather than dating a
    side remark ("a program approved in 1987", "attacks dating to 1994", "closed since 2011")."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ not in SCENE_PREPOSITIONS:
            return False
        root, head = head, head.head
    if head is root or head.pos_ not in ("VERB", "AUX"):
        return False
    return _main_clause(head)


def bounded_time(span: Span) -> bool:
    """Whether a time is a bound of its clause ("until Thursday", "before 2015", "prior to the war"),
    not the time the clause tells of."""
    doc, start = span.doc, span.start
    one = doc[start - 1].lower_ if start > 0 else ""
    two = doc[start - 2:start].text.lower() if start > 1 else ""
    return one in BOUNDING_WORDS or two in BOUNDING_WORDS


def in_past_perfect(verb: Token | None) -> bool:
    """Whether a clause is told in the past perfect ("had shelled", "had been arrested"): what it
    tells lies before a past time the text has set, not before now."""
    if verb is None or verb.tag_ != "VBN":
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


@dataclass(slots=True)
class SetTime:
    """A time the text has set: where, its value, and whether it sets the scene of its sentence."""

    offset: int
    sentence: int
    paragraph: int
    value: str
    scene: bool = True
    # for a look back told in the past perfect ("A year before, the unit had raided the village"),
    # the time it was counted from: a flashback leaves the narrative's own line standing there
    line: str | None = None


class Narrative:
    """The times set so far in one article, read in text order; one per `find` call."""

    def __init__(self, text: str, now: date | None) -> None:
        self.now = now
        self._paragraphs = paragraph_starts(text)
        self.times: list[SetTime] = []

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self._paragraphs, offset) - 1

    def add(self, offset: int, sentence: int, value: str, scene: bool = True,
            line: str | None = None) -> None:
        self.times.append(SetTime(offset, sentence, self.paragraph(offset), value, scene, line))

    def _same_passage(self, told: SetTime, offset: int, sentence: int) -> bool:
        if len(self._paragraphs) > 1:
            # a passage may run on into the next paragraph ("On 29 August, …" after a paragraph
            # about March 2013) until a time near now brings it back
            here = self.paragraph(offset)
            return told.paragraph == here or (
                here - told.paragraph <= PASSAGE_PARAGRAPHS and sentence - told.sentence <= PASSAGE_SENTENCES)
        return sentence - told.sentence <= PASSAGE_SENTENCES

    def passage_time(self, offset: int, sentence: int, away_only: bool = True,
                     past_line: bool = False) -> SetTime | None:
        """The last scene-setting time of the passage that holds `offset`, when it lies away from
        now; a time near now set after it brings the passage back to the time of writing. With
        `away_only` False, also a day near now. With `past_line`, a flashback of an earlier
        sentence is passed over for the time the narrative's own line stands in ("On 4 April 2016
        … A year before, they had raided … The next day": the day after 4 April)."""
        for told in reversed(self.times):
            if told.offset >= offset:
                continue
            if not self._same_passage(told, offset, sentence):
                return None
            if past_line and told.line is not None and told.sentence < sentence:
                # within its own sentence a flashback still holds ("…, and the next day …")
                told = replace(told, value=told.line, line=None)
            if not away_from(told.value, self.now):
                # near now only a day counts ("resigned on Tuesday … ten days earlier"); "a year
                # ago … compared with a year earlier" are two looks back from now, not a chain
                if away_only or len(told.value) < 10:
                    return None
            if told.scene:
                return told
        return None
