"""Per-document indexes the quote stage reads: token offsets, quote membership, sentences,
paragraphs, and the trimming of a content's edges."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from thucydides.syntax.columns import token_starts
from thucydides.syntax.phrases import token_end
from thucydides.wordlists import word_list

_TRIM_END = " \t\n\u00a0.,;:—–-"
_TRIM_START = " \t\n\u00a0,;:—–-"
# A content does not end on the word that joins it to the next clause ("…, and").
_TRAILING_CONJ = re.compile(
    r"[\s,;]+(?:" + "|".join(re.escape(w) for w in word_list("quotes", "trailing_conjunctions")) + r")$")


@dataclass(slots=True)
class FoundQuote:
    """One attribution while the finder builds it: content, cue, speaker token, kind."""

    content: tuple[int, int]
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: Token | None
    kind: str
    quote: int | None = None  # index of the quote-mark span it came from
    later: list[tuple[int, int]] | None = None  # further quote spans of a split quote


class QuoteContext:
    """Arrays built once per document: token offsets, quote membership, sentences, paragraphs."""

    def __init__(self, doc: Doc, quotes: list[tuple[int, int]], text: str) -> None:
        self.doc = doc
        self.text = text  # Doc.text rebuilds the string on every access: read it once
        self.quotes = quotes
        self.q_starts = [q[0] for q in quotes]
        self.q_ends = [q[1] for q in quotes]
        self.tok_starts = token_starts(doc)
        n = len(doc)
        self.in_quote = [-1] * n
        for qi, (qs, qe) in enumerate(quotes):
            i = bisect_left(self.tok_starts, qs)
            while i < n and self.tok_starts[i] < qe:
                self.in_quote[i] = qi
                i += 1
        self.sent_of = [0] * n
        self.sent_bounds: list[tuple[int, int]] = []
        for si, sent in enumerate(doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        text = self.text
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def token_at(self, char: int) -> int | None:
        i = bisect_right(self.tok_starts, char) - 1
        return i if i >= 0 else None

    def sentence_index(self, token: int) -> int:
        return self.sent_of[token] if 0 <= token < len(self.sent_of) else 0

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1

    def word_count(self, q: int) -> int:
        qs, qe = self.quotes[q]
        lo = bisect_left(self.tok_starts, qs)
        hi = bisect_left(self.tok_starts, qe)
        return sum(1 for t in self.doc[lo:hi] if t.is_alpha)

    def is_title(self, q: int) -> bool:
        """A short quoted stretch in title case ("Meet the Press") names a show or a book."""
        qs, qe = self.quotes[q]
        lo = bisect_left(self.tok_starts, qs)
        hi = bisect_left(self.tok_starts, qe)
        words = [t for t in self.doc[lo:hi] if t.is_alpha]
        if not words or len(words) > 8 or any(t.text in ".?!" for t in self.doc[lo:hi]):
            return False
        return all(t.text[0].isupper() for t in words if len(t) > 3)

    def inside_quote(self, tok: Token, q: int) -> bool:
        return self.in_quote[tok.i] == q

    def quote_holding(self, lo: int, hi: int) -> int | None:
        """The quote that opens at [lo, hi) or holds all of it."""
        i = bisect_right(self.q_starts, lo) - 1
        if i >= 0:
            qs, qe = self.quotes[i]
            if qs <= lo < qe and (lo - qs <= 2 or hi <= qe):
                return i
        return None

    def absorb_quotes(self, lo: int, hi: int) -> tuple[int, int, range]:
        """Widen [lo, hi) over the quotes it cuts, and say which quotes lie in it."""
        first = bisect_right(self.q_ends, lo)
        last = bisect_left(self.q_starts, hi)
        if first < last:
            lo = min(lo, self.quotes[first][0])
            hi = max(hi, self.quotes[last - 1][1])
        return lo, hi, range(first, last)

    def clip_to_paragraph(self, anchor: int, lo: int, hi: int) -> tuple[int, int]:
        """A content never leaves its cue's paragraph (the parser's sentences sometimes do)."""
        p = self.paragraph(anchor)
        p_lo = self.para_starts[p]
        p_hi = self.para_starts[p + 1] if p + 1 < len(self.para_starts) else len(self.text)
        return self.trimmed(max(lo, p_lo), min(hi, p_hi))

    def frame_tokens(self, q: int) -> list[Token]:
        """Tokens outside quotes in the sentences overlapping quote q, in its paragraph."""
        qs, qe = self.quotes[q]
        first = self.token_at(qs)
        last = self.token_at(qe - 1)
        if first is None or last is None:
            return []
        s0 = self.sent_bounds[self.sent_of[first]][0]
        s1 = self.sent_bounds[self.sent_of[last]][1]
        para = self.paragraph(qs)
        out = []
        for i in range(s0, s1):
            if self.in_quote[i] >= 0:
                continue
            t = self.doc[i]
            if self.paragraph(t.idx) != para:
                continue
            out.append(t)
        return out

    def next_paragraph(self, q1: int, q2: int) -> bool:
        """Whether quote q2 opens the paragraph right after the one quote q1 ends."""
        s2 = self.quotes[q2][0]
        p2 = self.paragraph(s2)
        if p2 == 0 or self.text[self.para_starts[p2]:s2].strip():
            return False
        p1 = self.paragraph(self.quotes[q1][1] - 1)
        return not self.text[self.para_starts[p1 + 1]:self.para_starts[p2]].strip()

    def split_by_cue(self, q1: int, q2: int, cue: Token) -> bool:
        """Whether quote q2 continues q1 with only q1's cue sentence between them, in one paragraph."""
        e1 = self.quotes[q1][1]
        s2 = self.quotes[q2][0]
        if not e1 <= cue.idx < s2 or self.paragraph(e1) != self.paragraph(s2):
            return False
        # Nothing but the cue's own sentence lies between the two quotes.
        sent_end = self.sent_bounds[self.sent_of[cue.i]][1]
        end_char = token_end(self.doc[sent_end - 1]) if sent_end > 0 else 0
        gap = self.text[end_char:s2]
        return end_char >= s2 or gap.strip() == ""

    def trimmed(self, lo: int, hi: int) -> tuple[int, int]:
        text = self.text
        while lo < hi and text[lo] in _TRIM_START:
            lo += 1
        while hi > lo and text[hi - 1] in _TRIM_END:
            hi -= 1
        m = _TRAILING_CONJ.search(text, max(lo, hi - 12), hi)
        if m is not None and m.start() > lo:
            hi = m.start()
            while hi > lo and text[hi - 1] in _TRIM_END:
                hi -= 1
        return lo, hi
