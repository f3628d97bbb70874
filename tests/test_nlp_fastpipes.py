"""The stand-ins for the attribute ruler and the lemmatizer give exactly spaCy's own results."""

from __future__ import annotations

import importlib

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.fastpipes import FastAttributeRuler, FastLemmatizer, _conditions
from thucydides.nlp import MODEL_PACKAGE, TOKENIZER_COPY

# Our own sentences, chosen to reach the ruler's rare rules: two-token patterns ("gonna", "let's",
# "ain't", "y'all"), an expletive "there is", contractions, spaces, and the common tag mappings.
TEXTS = [
    "The rebels said they're gonna hold the bridge, and let's see if the army ain't coming.",
    "There were three explosions near the consulate; y'all should've heard them.",
    "Officials in Kyiv got the letter on Monday and it gets read aloud twice.\n\nProtesters marched.",
    "He doesn't think the ministers will have agreed by then — c'mon, nobody does!",
    "  Forces   of the coalition shelled 12 villages, wounding 40 people in 2019 and 2020.  ",
    "She was being questioned by detectives; the suspects were freed, later re-arrested.",
    "",
]
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, NORM, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def stock() -> Language:
    """The model as spaCy loads it, every component its own."""
    return importlib.import_module(MODEL_PACKAGE).load()


def _table(doc: Doc) -> tuple[numpy.ndarray, list[str], list[str]]:
    return doc.to_array(ATTRS), [t.lemma_ for t in doc], [str(t.morph) for t in doc]


def _same(a: Doc, b: Doc) -> bool:
    (x, lx, mx), (y, ly, my) = _table(a), _table(b)
    return numpy.array_equal(x, y) and lx == ly and mx == my


def test_the_pipeline_uses_the_stand_ins(nlp: Language) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)


def test_each_stand_in_gives_what_its_original_gives(stock: Language) -> None:
    ruler, lemmatizer = stock.get_pipe("attribute_ruler"), stock.get_pipe("lemmatizer")
    fast_ruler, fast_lemmatizer = FastAttributeRuler(ruler), FastLemmatizer(lemmatizer)
    upto = stock.pipe_names.index("attribute_ruler")
    for _ in range(2):  # the second round answers from the stand-ins' caches
        for text in TEXTS:
            doc = stock.make_doc(text)
            for _, step in stock.pipeline[:upto]:
                doc = step(doc)
            expected, got = ruler(Doc.from_docs([doc])), fast_ruler(Doc.from_docs([doc]))
            assert _same(expected, got), text
            assert _same(lemmatizer(Doc.from_docs([expected])), fast_lemmatizer(Doc.from_docs([got]))), text


def test_the_whole_pipeline_tags_and_lemmatises_as_the_stock_model(nlp: Language, stock: Language) -> None:
    for text, mine, theirs in zip(TEXTS, nlp.pipe(TEXTS), stock.pipe(TEXTS), strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in mine] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in theirs], text


def test_the_tokenizer_built_from_the_config_equals_the_saved_one(stock: Language) -> None:
    # nlp.py skips reading the saved copy at start-up because it is this same tokenizer
    lean = importlib.import_module(MODEL_PACKAGE).load(exclude=[TOKENIZER_COPY])
    # (the vocab is left out: the stock model has grown strings while parsing the other tests)
    assert lean.tokenizer.to_bytes(exclude=["vocab"]) == stock.tokenizer.to_bytes(exclude=["vocab"])


def test_patterns_it_cannot_decide_stay_with_a_matcher(stock: Language) -> None:
    strings = stock.vocab.strings
    assert _conditions({"LOWER": {"REGEX": "^y'?$"}}, strings) is None
    assert _conditions({"LOWER": {"NOT_IN": ["a"]}}, strings) is None
    assert _conditions({"SHAPE": "Xxxx"}, strings) is None
    assert _conditions({"TAG": {"IN": ["VBP", "VBZ"]}, "IS_SPACE": False}, strings) == [
        (1, frozenset({strings["VBP"], strings["VBZ"]})), (3, frozenset({0}))]
