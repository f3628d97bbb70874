"""Per-document columns of token attributes, read once and shared by every stage.

Each `for tok in doc` makes a new spaCy `Token` object per token and each `tok.lower_` a
string-store lookup; several stages scan the whole article that way only to find the few
tokens they care about (cue verbs, pronouns, border words). A column is the attribute for
every token as a plain list, read from the Doc's arrays once and kept in `doc.user_data`, so a
scan is a loop over strings and a `Token` is made only for the tokens that pass.

The Doc must not change after it is parsed (no stage retokenises or re-tags): the columns
are read at first use and never refreshed.
"""

from __future__ import annotations

import numpy
from spacy.attrs import HEAD, IDX, LEMMA, LOWER, NORM, ORTH, POS, TAG
from spacy.tokens import Doc

__all__ = ["COLUMNS", "column", "token_starts", "tree_depths"]

_KEY = "thucydides_column:"
# name -> the spaCy attribute it is read from
_ATTRS = {"text": ORTH, "lower": LOWER, "norm": NORM, "pos": POS, "tag": TAG, "lemma": LEMMA}
# "lemma_lower" is the lemma lower-cased, the form every stage compares against word lists
COLUMNS = (*_ATTRS, "lemma_lower")
DEPTH_LIMIT = 50  # as `tree_depth`: how far up a head chain is followed


def column(doc: Doc, name: str) -> list[str]:
    """The attribute `name` (one of `COLUMNS`) of every token, as `Token.<name>_` gives it;
    "lemma_lower" is `Token.lemma_.lower()`."""
    key = _KEY + name
    found = doc.user_data.get(key)
    if found is None:
        found = _read(doc, name)
        doc.user_data[key] = found
    return found


def _read(doc: Doc, name: str) -> list[str]:
    if name == "lemma_lower":
        return [s.lower() for s in column(doc, "lemma")]
    attr = _ATTRS.get(name)
    if attr is None:
        raise ValueError(f"unknown token column {name!r}: expected one of {', '.join(COLUMNS)}")
    if not len(doc):
        return []
    strings = doc.vocab.strings
    # Articles repeat their words: look each distinct id up once.
    seen: dict[int, str] = {}
    out: list[str] = []
    for key in doc.to_array([attr]).tolist():
        s = seen.get(key)
        if s is None:
            s = strings[key] if key else ""
            seen[key] = s
        out.append(s)
    return out


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token (`Token.idx`)."""
    key = _KEY + "idx"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.to_array([IDX]).tolist() if len(doc) else []
        doc.user_data[key] = found
    return found


def tree_depths(doc: Doc) -> list[int]:
    """For every token, how many heads lie between it and its sentence root (at most
    `DEPTH_LIMIT`): `tree_depth` of each token, computed in one pass over the head array."""
    key = _KEY + "depth"
    found = doc.user_data.get(key)
    if found is None:
        found = _depths(doc)
        doc.user_data[key] = found
    return found


def _depths(doc: Doc) -> list[int]:
    n = len(doc)
    if not n:
        return []
    # HEAD comes as an unsigned offset from the token; read it back as signed
    offsets = doc.to_array([HEAD]).view(numpy.int64).tolist()
    heads = [i + off for i, off in enumerate(offsets)]
    depth: list[int] = [-1] * n
    for i in range(n):
        if depth[i] >= 0:
            continue
        # climb until a root or a token whose depth is known, then fill the chain back down
        chain = []
        t = i
        while depth[t] < 0 and heads[t] != t and len(chain) <= DEPTH_LIMIT:
            chain.append(t)
            t = heads[t]
        if depth[t] < 0 and heads[t] != t:
            # more than DEPTH_LIMIT heads above i; the tokens of its chain are each walked alone
            depth[i] = DEPTH_LIMIT
            continue
        if depth[t] < 0:
            depth[t] = 0  # a root
        base = depth[t]
        for tok in reversed(chain):
            base = min(base + 1, DEPTH_LIMIT)
            depth[tok] = base
    return depth
