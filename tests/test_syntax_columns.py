"""Per-document token columns: the same values as the Token attributes, read once."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.syntax import column, tree_depth, tree_depths
from thucydides.syntax.columns import COLUMNS, DEPTH_LIMIT, token_starts

TEXT = ("Rebels in the north said on Tuesday that they had shelled the garrison's barracks.\n\n"
        "The Interior Ministry, which denied it, said troops were being sent.  “We will not retreat,” "
        "a commander told reporters.")


def test_every_column_equals_the_token_attribute(nlp: Language) -> None:
    doc = nlp(TEXT)
    for name in COLUMNS:
        if name == "lemma_lower":
            expected = [t.lemma_.lower() for t in doc]
        elif name == "text":
            expected = [t.text for t in doc]
        else:
            expected = [getattr(t, name + "_") for t in doc]
        assert column(doc, name) == expected, name
    assert token_starts(doc) == [t.idx for t in doc]


def test_columns_are_read_once_per_doc(nlp: Language) -> None:
    doc = nlp("Troops crossed the border.")
    assert column(doc, "lower") is column(doc, "lower")
    assert column(nlp("Troops left."), "lower") == ["troops", "left", "."]


def test_an_unknown_column_is_named_in_the_error(nlp: Language) -> None:
    with pytest.raises(ValueError, match="'shape'"):
        column(nlp("Talks resumed."), "shape")


def test_empty_doc_has_empty_columns(nlp: Language) -> None:
    doc = nlp("")
    assert column(doc, "text") == [] and tree_depths(doc) == [] and token_starts(doc) == []


def test_tree_depths_equal_tree_depth_of_each_token(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert tree_depths(doc) == [tree_depth(t) for t in doc]
    assert max(tree_depths(doc)) >= 3  # the sample has nested clauses: the check is not trivial


def test_tree_depths_stop_at_the_limit(nlp: Language) -> None:
    # A chain of heads longer than the limit: each word hangs on the next, the last is the root.
    n = DEPTH_LIMIT + 15
    words = [f"w{i}" for i in range(n)]
    doc = Doc(nlp.vocab, words=words, heads=[i + 1 for i in range(n - 1)] + [n - 1],
              deps=["dep"] * (n - 1) + ["ROOT"])
    depths = tree_depths(doc)
    assert depths == [tree_depth(t) for t in doc]
    assert depths[0] == DEPTH_LIMIT and depths[-1] == 0 and depths[-2] == 1
