"""Name normalisation shared by the gazetteer builder, the index and the resolver.

One function decides when two spellings are the same key, so "Côte d'Ivoire",
"Cote D’Ivoire" and "cote d'ivoire" meet in the index, as do "U.S." and "US".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
# Dots vanish ("U.S." = "US", "St. Louis" = "St Louis"); hyphens and slashes are spaces.
_TABLE = str.maketrans({"’": "'", "‘": "'", "`": "'", ".": "", "-": " ", "‐": " ", "–": " ",
                        "—": " ", "/": " ", ",": " "})


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The lookup key of a place name: lower case, no accents, no dots, single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    if not folded.isascii():
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.translate(_TABLE).lower()
    folded = _SPACE.sub(" ", folded).strip()
    return folded.replace(" 's", "'s")


def strip_article(key: str) -> str:
    """'the gaza strip' -> 'gaza strip': the index holds names without a leading article."""
    return key[4:] if key.startswith("the ") else key
