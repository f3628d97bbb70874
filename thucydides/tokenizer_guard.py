"""Keep tokenising and parsing linear on hostile text, without changing what ordinary text gives.

spaCy's tokenizer peels a whitespace-free chunk one prefix or suffix at a time and searches the
whole remaining chunk for a suffix each time: a run of 4,000 quote marks or brackets costs
seconds, 200,000 of them hours. The parser and every stage after it walk a sentence's tokens
for each of its tokens here and there, so one sentence of 40,000 words with no full stop is as
bad. Three guards, each a no-op on news text:

- `TailSuffixSearch` looks for a suffix only near the end of a long chunk (suffixes are short);
- `BoundedTokenizer` cuts a chunk longer than `MAX_CHUNK_CHARS` into pieces tokenised alone;
- `cap_sentences` starts a new sentence after `MAX_SENTENCE_TOKENS` tokens with no sentence end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

SUFFIX_WINDOW = 64  # characters; the longest suffix rule (units, ellipses, 's) is far shorter
MAX_CHUNK_CHARS = 1_000  # a whitespace-free stretch longer than this is no word of any language
MAX_SENTENCE_TOKENS = 250  # news sentences stay far below; lists and tables without stops do not

_LONG_CHUNK = re.compile(rf"\S{{{MAX_CHUNK_CHARS + 1},}}")
_SENTENCE_ENDS = frozenset({".", "!", "?", "\u2026"})


class TailSuffixSearch:
    """`pattern.search` for suffix rules, searching only the last `SUFFIX_WINDOW` characters of a
    long string: the answer is the same because a suffix that starts before the window would
    also match where the window starts, and then the whole string is searched as before."""

    def __init__(self, search: Callable[[str], re.Match[str] | None]):
        self.search = search
        # spaCy's tokenizer serialises its rules as `suffix_search.__self__.pattern`.
        self.__self__: Any = getattr(search, "__self__", None)

    def __call__(self, string: str) -> re.Match[str] | None:
        start = len(string) - SUFFIX_WINDOW
        if start <= 0 or self.__self__ is None:
            return self.search(string)
        match: re.Match[str] | None = self.__self__.search(string, start)
        if match is None or match.start() == start:
            return self.search(string)
        return match


class BoundedTokenizer:
    """spaCy's tokenizer, except that a whitespace-free chunk over `MAX_CHUNK_CHARS` characters is
    cut into pieces of that size tokenised one by one; the pieces' tokens are joined with no
    space between them, so offsets into the text stay exact."""

    def __init__(self, tokenizer: Any):
        self.tokenizer = tokenizer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)

    def __call__(self, text: str) -> Doc:
        if not _LONG_CHUNK.search(text):
            return self.tokenizer(text)
        docs = [self.tokenizer(piece) for piece in _pieces(text) if piece]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def _pieces(text: str) -> Iterator[str]:
    """The text in order: ordinary stretches whole, each long chunk in `MAX_CHUNK_CHARS` pieces."""
    done = 0
    for match in _LONG_CHUNK.finditer(text):
        yield text[done:match.start()]
        for at in range(match.start(), match.end(), MAX_CHUNK_CHARS):
            yield text[at:min(at + MAX_CHUNK_CHARS, match.end())]
        done = match.end()
    yield text[done:]


@Language.component("cap_sentences")
def cap_sentences(doc: Doc) -> Doc:
    """Start a sentence after `MAX_SENTENCE_TOKENS` tokens with no full stop, question or
    exclamation mark, line break or sentence start already set, so that no stage meets a
    sentence longer than that."""
    since = 0
    for token in doc:
        if token.is_sent_start:
            since = 0
        elif since >= MAX_SENTENCE_TOKENS and token.is_sent_start is None:
            token.is_sent_start = True
            since = 0
        since += 1
        if token.text in _SENTENCE_ENDS or "\n" in token.text:
            since = 0
    return doc


def guard_tokenizer(nlp: Language) -> None:
    """Put the tokenizer guards in place on a loaded pipeline."""
    tokenizer = nlp.tokenizer
    if tokenizer.suffix_search is not None and not isinstance(tokenizer.suffix_search, TailSuffixSearch):
        tokenizer.suffix_search = TailSuffixSearch(tokenizer.suffix_search)
    nlp.tokenizer = BoundedTokenizer(tokenizer)
