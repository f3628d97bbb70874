"""The phrase index that replaced spaCy's PhraseMatcher: same tokens, same matches, cheap to build."""

from __future__ import annotations

import time

from spacy.language import Language

from thucydides.actors.dictionary import load_dictionaries
from thucydides.actors.matcher import PatternTokenizer, PhraseIndex, compile_dictionaries


def test_plain_phrases_tokenise_like_spacy(nlp: Language) -> None:
    # The shortcut (split on spaces, norm from the lexical getter) must give exactly what the
    # tokenizer gives, for every built-in phrase; otherwise a phrase silently never matches.
    tok = PatternTokenizer(nlp)
    dicts = load_dictionaries()
    checked = 0
    for entry in dicts.entries.values():
        for text in entry.raw:
            if not tok.plain(text):
                continue
            for attr in ("NORM", "ORTH"):
                assert tok.tokens(text, attr) == tok.spacy_tokens(text, attr), (text, attr)
            checked += 1
    assert checked > 2000


def test_special_case_words_go_through_the_tokenizer(nlp: Language) -> None:
    tok = PatternTokenizer(nlp)
    assert not tok.plain("cannot")  # a tokenizer special case: two tokens
    assert tok.tokens("cannot", "ORTH") == ("can", "not")
    assert not tok.plain("U.S.")
    assert tok.tokens("U.S.", "ORTH") == ("U.S.",)


def test_british_spelling_matches_through_norm(nlp: Language) -> None:
    tok = PatternTokenizer(nlp)
    doc = nlp("The defence ministry spoke.")
    assert tok.tokens("defense ministry", "NORM") == tuple(t.norm_ for t in doc[1:3])


def test_index_finds_overlapping_phrases() -> None:
    index = PhraseIndex()
    index.add("a", ("united", "states"))
    index.add("b", ("united", "states", "army"))
    index.add("c", ("army",))
    found = sorted(index.find(["the", "united", "states", "army", "said"]))
    assert found == [("a", 1, 3), ("b", 1, 4), ("c", 3, 4)]
    assert index.find(["united"]) == []  # a phrase running past the end is not a match


def test_compiling_the_dictionaries_is_fast(nlp: Language) -> None:
    dicts = load_dictionaries()
    t0 = time.perf_counter()
    compiled = compile_dictionaries(dicts, nlp)
    elapsed = time.perf_counter() - t0
    assert compiled.norm is not None and len(compiled.norm) > 3000
    # Was over a second with PhraseMatcher docs; generous bound for a loaded machine.
    assert elapsed < 1.0, elapsed
