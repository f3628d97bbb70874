"""Is an article English? The coder reads English only: a German or Chinese article comes out
with no events, and without a word that would look like a quiet news day. This check is cheap
(the first few thousand characters, no model) and only warns; it never stops coding."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from thucydides.wordlists import word_set

SAMPLE_CHARS = 4000
MIN_WORDS = 25  # below this a headline or one sentence may lack every function word
MIN_ENGLISH_SHARE = 0.12  # English news runs at 0.3-0.5; German, French, Spanish at 0.02-0.08
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_HINTS = ("german", "french", "spanish", "italian", "dutch")


@cache
def _english() -> frozenset[str]:
    return frozenset(word_set("language", "english_function_words"))


@cache
def _hints() -> dict[str, frozenset[str]]:
    return {name: frozenset(word_set("language", f"hints_{name}")) for name in _HINTS}


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ")[0]
    except ValueError:
        return "UNKNOWN"


def not_english(text: str) -> str | None:
    """Why `text` does not look like English (None when it does, or is too short to tell)."""
    sample = text[:SAMPLE_CHARS]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None
    latin = sum(1 for ch in letters if ch.isascii() or _script(ch) == "LATIN")
    if latin < len(letters) / 2:
        scripts: dict[str, int] = {}
        for ch in letters:
            if not ch.isascii():
                scripts[_script(ch)] = scripts.get(_script(ch), 0) + 1
        name = max(scripts, key=scripts.__getitem__)
        main = name if len(name) <= 3 else name.capitalize()  # CJK, Cyrillic, Arabic
        return f"mostly {main} script, not English"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    share = sum(1 for w in words if w in _english()) / len(words)
    if share >= MIN_ENGLISH_SHARE:
        return None
    hits = {name: sum(1 for w in words if w in hints) for name, hints in _hints().items()}
    likely = max(hits, key=hits.__getitem__)
    guess = f", perhaps {likely.capitalize()}" if hits[likely] >= 3 else ""
    return f"only {share:.0%} of its words are common English ones{guess}"
