"""Quote marks in raw text: which stretches of an article are quoted.

Paired in one pass over the text, paragraph by paragraph, without the parse: curly, straight,
guillemet and typewriter (''…'' / ``…'') double marks, and single marks that are not
apostrophes. Both the actor stage (first-person pronouns inside a quote) and the quote stage
need the same pairing, so it lives here, below both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

__all__ = ["DOUBLE_QUOTE_MARKS", "paragraphs", "quote_marks", "quote_spans"]

# Characters that end or start a quote-mark context.
_OPEN_D = "“«„"
_CLOSE_D = "”»"
_OPENING_CONTEXT = " \t\n([{—–-/:;,\u00a0"
# The marks a double-quoted stretch opens with (straight, curly, guillemets, low-9).
DOUBLE_QUOTE_MARKS = "\"“”«»„"
# A double mark, or two single marks standing for one (''…'' / ``…'').
_DOUBLE_MARK = re.compile("[“«„”»\"]|''|’’|``")
_SINGLE_MARK = re.compile("['‘’]")


def paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) character offsets of each line of `text`, the newline left out."""
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _double_marks(text: str, ps: int, pe: int) -> list[tuple[int, int, str]]:
    """(position, length, role) of double quote marks in one paragraph; role open|close|either."""
    out: list[tuple[int, int, str]] = []
    for m in _DOUBLE_MARK.finditer(text, ps, pe):
        ch = m.group()
        if ch in _OPEN_D:
            out.append((m.start(), 1, "open"))
        elif ch in _CLOSE_D:
            out.append((m.start(), 1, "close"))
        elif ch == '"':
            out.append((m.start(), 1, "either"))
        else:
            # Typewriter style ''quote'' / ``quote'' uses two single marks for a double one.
            out.append((m.start(), 2, "open" if ch[0] == "`" else "either"))
    return out


def _is_opening(text: str, pos: int, length: int, ps: int, pe: int) -> bool:
    before = text[pos - 1] if pos > ps else " "
    after = text[pos + length] if pos + length < pe else " "
    if before in _OPENING_CONTEXT or before in _OPEN_D:
        return not after.isspace()
    return False


def _single_spans(text: str, ps: int, pe: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted stretches in one paragraph, outside double quotes.

    An apostrophe inside a word (don't, O'Brien), an elision ('90s, 'em) or a plural
    possessive (the players' union) must not open or close a quote, so an opening mark
    needs a word start after it and a space before it, and a closing mark a non-space
    before it and no letter after it.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    weak: int | None = None  # a possible close that may be a plural possessive ("rebels' terms")
    k = 0
    skip_until = ps  # the end of the last double-quoted stretch passed
    # Only single marks and the starts of double-quoted stretches change the state: visit
    # those, in text order, rather than every character.
    for m in _SINGLE_MARK.finditer(text, ps, pe):
        i = m.start()
        while k < len(taken) and taken[k][0] <= i:
            if taken[k][1] > taken[k][0]:
                # A double-quoted stretch ends any single quote open before it.
                if open_at is not None and weak is not None:
                    spans.append((open_at, weak + 1))
                open_at = weak = None
                skip_until = taken[k][1]
            k += 1
        if i < skip_until:
            continue
        ch = text[i]
        if (i + 1 < pe and text[i + 1] in "'’`") or (i > ps and text[i - 1] in "'’`"):
            continue  # doubled: a typewriter double mark, not a single one
        before = text[i - 1] if i > ps else " "
        after = text[i + 1] if i + 1 < pe else " "
        if open_at is None:
            if (ch == "‘" or before in _OPENING_CONTEXT) and (after.isalpha() or after in "“\"("):
                open_at = i
        elif not before.isspace() and not after.isalnum() and i + 1 - open_at > 3:
            nxt = text[i + 2] if i + 2 < pe else ""
            if before in "sz" and after == " " and nxt.islower():
                if weak is None:
                    weak = i
            else:
                spans.append((open_at, i + 1))
                open_at = weak = None
    while k < len(taken):
        if taken[k][1] > taken[k][0] and open_at is not None and weak is not None:
            spans.append((open_at, weak + 1))
            open_at = weak = None
        k += 1
    if open_at is not None and weak is not None:
        spans.append((open_at, weak + 1))
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted stretches (marks included), sorted and non-overlapping.

    A quote never crosses a paragraph: a quote left open at a paragraph end (the
    convention for a quote running over several paragraphs) ends with its paragraph.
    """
    return quote_marks(text)[0]


def quote_marks(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Quote spans (as `quote_spans`), and the indices of those left open at their paragraph's end."""
    spans, left_open = _quote_marks(text)
    return list(spans), set(left_open)


# The actor stage and the quote stage both pair the marks of the article in hand: the second
# asks for the same text. Copies go out, so no caller can change what is kept.
@lru_cache(maxsize=4)
def _quote_marks(text: str) -> tuple[tuple[tuple[int, int], ...], frozenset[int]]:
    out: list[tuple[int, int]] = []
    left_open: set[int] = set()
    for ps, pe in paragraphs(text):
        if ps == pe:
            continue
        spans: list[tuple[int, int]] = []
        open_at: int | None = None
        for pos, length, role in _double_marks(text, ps, pe):
            if role == "either":
                role = "close" if open_at is not None else "open"
                if role == "close" and _is_opening(text, pos, length, ps, pe) and pos > open_at + length + 1:
                    # A fresh opening while one is pending: the earlier mark was unmatched.
                    role = "open"
            if role == "open":
                open_at = pos
            elif open_at is not None:
                spans.append((open_at, pos + length))
                open_at = None
            elif not spans and role == "close" and pos - ps > 20:
                # A closing mark with no opening in its paragraph ends a quote that began
                # in an earlier paragraph; this paragraph's part runs from its start.
                spans.append((ps, pos + length))
        if open_at is not None:
            end = pe
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end - open_at > 1:
                spans.append((open_at, end))
                unclosed = open_at
            else:
                unclosed = None
        else:
            unclosed = None
        spans.extend(_single_spans(text, ps, pe, spans))
        spans.sort()
        for span in spans:
            if span[0] == unclosed:
                left_open.add(len(out))
            out.append(span)
    return tuple(out), frozenset(left_open)

