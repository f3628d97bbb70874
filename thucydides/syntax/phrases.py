"""Noun phrases and token extents in the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["NOUN_PHRASE_DEPS", "char_span", "glued_lemma", "name_phrase_extent", "noun_phrase_head",
           "possessor", "prep_objects", "token_end"]

# Dependencies that keep a token inside the noun phrase of its head.
NOUN_PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "case", "nummod", "flat", "npadvmod",
                              "punct", "quantmod", "nn", "predet"})
# Left dependents that belong to a name phrase ("Russian Defense Minister Sergei Shoigu").
NAME_LEFT_DEPS = ("compound", "amod", "det", "poss", "nmod", "nummod", "flat", "quantmod", "case")


def token_end(tok: Token) -> int:
    """Character offset just after the token's text."""
    return tok.idx + len(tok.text)


def char_span(tok: Token) -> tuple[int, int]:
    """(start, end) character offsets of the token's text."""
    return tok.idx, token_end(tok)


def noun_phrase_head(token: Token) -> Token:
    """Climb from a modifier to the head of its noun phrase ("Russian" in "Russian troops" → "troops")."""
    seen = 0
    if token.dep_ == "conj" and token.head.dep_ in ("amod", "compound", "poss", "nmod"):
        token = token.head  # "Russian and Syrian troops": a conjoined modifier shares the head
    while token.dep_ in NOUN_PHRASE_DEPS and token.head is not token and seen < 8:
        if token.dep_ == "punct" and token.head.i < token.i:
            break
        token = token.head
        seen += 1
    return token


def name_phrase_extent(head: Token) -> tuple[int, int]:
    """First and last token index of the name phrase a head word leads: its left modifiers with
    their subtrees, and the compound or flat words after it ("Defense Minister Sergei Shoigu")."""
    lo = head.i
    for c in head.lefts:
        if c.dep_ in NAME_LEFT_DEPS:
            lo = min(lo, c.left_edge.i)
    hi = head.i
    for c in head.rights:
        if c.dep_ in ("compound", "flat"):
            hi = max(hi, c.right_edge.i)
    return lo, hi


def glued_lemma(tok: Token) -> str | None:
    """'cease-fire' as one word: spaCy splits it into three tokens headed by 'fire'."""
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{tok.lemma_.lower()}"
    return None


def possessor(tok: Token) -> Token | None:
    """The nominal possessor of a noun ("Russia's offensive" -> "Russia"), or None."""
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    return None


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition, through a second one: "due to the floods", "because of rain"."""
    out = [g for g in prep.children if g.dep_ == "pobj"]
    for c in prep.children:
        if c.dep_ in ("prep", "pcomp") and c.lower_ in ("to", "of"):
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out
