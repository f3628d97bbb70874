"""How much one article may cost, and the checks that keep a hostile record from stopping a batch.

Every reader and the Python API use these, so the CLI, the service and the cluster path refuse
the same things with the same reasons.
"""

from __future__ import annotations

import re
import time

# About 17,000 words, five times a long feature: one so long codes in about 6 s on this project's
# 2-core machine, while 200,000 characters took 12-13 s, over the 10 s an input may take (issue 15).
MAX_ARTICLE_CHARS = 100_000
MAX_ID_CHARS = 1_000  # ids name every event and store row; a longer one is a mistake, not an id
# Ordinary text has one token per five or six characters; a text that tokenises far denser
# (runs of quote marks or brackets, one token per character) costs the parser that much more.
MIN_CHARS_PER_TOKEN = 2.0
ARTICLE_TIME_BUDGET_S = 30.0  # wall-clock seconds per article, checked between parse steps and stages

_SURROGATE = re.compile("[\ud800-\udfff]")


class ArticleRefused(ValueError):
    """An article refused, not coded: over a size limit or its time budget, or text that is not UTF-8."""


def surrogate_problem(value: str, field: str) -> str | None:
    """Why a string cannot be coded or written as UTF-8: a lone surrogate (JSON allows "\\ud800")."""
    found = _SURROGATE.search(value)
    if found is None:
        return None
    return (f"field {field!r} holds a lone surrogate U+{ord(found.group()):04X} at character "
            f"{found.start()} (not encodable as UTF-8)")


def text_problem(text: str, max_chars: int = MAX_ARTICLE_CHARS) -> str | None:
    """Why an article text is refused before parsing, or None when it may be coded."""
    if len(text) > max_chars:
        return (f"text has {len(text):,} characters, over the limit of {max_chars:,} "
                "(news articles run far shorter; split the text, or raise the limit with --max-chars, "
                "at about 6 s of coding per 100,000 characters)")
    return surrogate_problem(text, "text")


def token_problem(n_tokens: int, n_chars: int) -> str | None:
    """Why a tokenised text is refused before the parser: far more tokens than its length allows."""
    if n_tokens > 2_000 and n_tokens * MIN_CHARS_PER_TOKEN > n_chars:
        return (f"text splits into {n_tokens:,} tokens in {n_chars:,} characters (runs of punctuation); "
                f"at most one token per {MIN_CHARS_PER_TOKEN:g} characters is coded")
    return None


def id_problem(ident: str) -> str | None:
    if len(ident) > MAX_ID_CHARS:
        return f"id has {len(ident):,} characters, over the limit of {MAX_ID_CHARS:,}"
    return surrogate_problem(ident, "id")


class Deadline:
    """A time budget for one article, checked between the parser's steps and the coder's stages:
    a step that has started runs to its end (each is linear in its input, and the input is
    bounded), and the next one is not begun once the time is up."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.ends = None if seconds is None else time.monotonic() + seconds

    def check(self, stage: str) -> None:
        if self.ends is not None and time.monotonic() > self.ends:
            raise ArticleRefused(f"coding took over the time budget of {self.seconds:g} s "
                                   f"(stopped before {stage})")
