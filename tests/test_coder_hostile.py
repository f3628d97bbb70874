"""The Python API on hostile input: wrong types are named, huge or slow articles are refused,
and no stage grows with the square of a sentence or a run of punctuation."""

from __future__ import annotations

import time
from datetime import date

import pytest
from spacy.language import Language

from thucydides import Coder
from thucydides.limits import ArticleRefused
from thucydides.models import Article, Document, Reject
from thucydides.tokenizer_guard import MAX_CHUNK_CHARS, MAX_SENTENCE_TOKENS


@pytest.fixture(scope="module")
def api() -> Coder:
    return Coder()


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"text": None}, "text must be a str, got NoneType"),
    ({"text": b"The army withdrew."}, "decode bytes first"),
    ({"text": "The army withdrew.", "date": 20240308}, "date must be an ISO string"),
    ({"text": "The army withdrew.", "id": 7}, "id must be a str"),
    ({"text": "The army withdrew.", "title": ["x"]}, "title must be a str or None"),
])
def test_code_names_the_argument_of_the_wrong_type(api: Coder, kwargs: dict[str, object],
                                                   expected: str) -> None:
    with pytest.raises(TypeError, match=expected):
        api.code(**kwargs)  # type: ignore[arg-type]


def test_article_checks_its_fields() -> None:
    with pytest.raises(TypeError, match="parse it with thucydides.ingest.parse_date"):
        Article(id="a", text="The army withdrew.", date="2024-01-02")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Article.text must be a str"):
        Article(id="a", text=None)  # type: ignore[arg-type]
    assert Article(id="a", text="x", date=date(2024, 1, 2)).date == date(2024, 1, 2)


def test_code_refuses_texts_over_the_limits_with_a_value_error(api: Coder) -> None:
    small = Coder(max_chars=50)
    with pytest.raises(ValueError, match="over the limit of 50"):
        small.code("The talks went on for a long time without any result at all.")
    with pytest.raises(ValueError, match="lone surrogate"):
        api.code("The army \ud800 withdrew.")
    with pytest.raises(ArticleRefused, match="tokens in"):
        api.code("He said " + '"' * 5000)


def test_code_many_turns_the_same_refusals_into_rejects(api: Coder) -> None:
    out = list(api.code_many([Article("s", "x \udfff y"), Article("q", "(" * 6000),
                              Article("fine", "The army withdrew from the town.")]))
    assert [type(o).__name__ for o in out] == ["Reject", "Reject", "Document"]
    assert isinstance(out[0], Reject) and "surrogate" in out[0].reason and out[0].id == "s"


def test_calendar_edges_do_not_raise(api: Coder) -> None:
    late = api.code("The envoys will meet again next week and talked yesterday.", date="9999-12-31")
    early = api.code("The envoys met last week and will talk tomorrow.", date="0001-01-01")
    assert {t.text: t.value for t in late.times}["next week"] is None
    assert {t.text: t.value for t in early.times}["tomorrow"] == "0001-01-02"


def test_a_spent_time_budget_rejects_instead_of_coding(api: Coder) -> None:
    hurried = Coder(time_budget=1e-9)
    [out] = hurried.code_many([Article("slow", "The army withdrew from the town.")])
    assert isinstance(out, Reject) and "time budget" in out.reason
    with pytest.raises(ArticleRefused, match="time budget"):
        hurried.code("The army withdrew from the town.")


@pytest.mark.slow
def test_runs_of_quote_marks_and_brackets_stay_fast(api: Coder) -> None:
    for mark in ('"', "(", "\u201c"):
        # enough ordinary text around the run that its density of tokens is not refused
        text = "Officials said " + mark * 4000 + " and left. " + "The army withdrew. " * 600
        began = time.process_time()
        doc = api.code(text)
        assert isinstance(doc, Document)
        assert time.process_time() - began < 10  # the run alone took about 25 s before the guards


@pytest.mark.slow
def test_one_very_long_sentence_is_cut_into_bounded_sentences(api: Coder, nlp: Language) -> None:
    text = "Officials said that " + "France said that " * 1500 + "the talks failed."
    parsed = nlp(text)
    assert max(len(s) for s in parsed.sents) <= MAX_SENTENCE_TOKENS + 1
    began = time.process_time()
    api.code(text)
    assert time.process_time() - began < 20


def test_tokens_of_ordinary_text_are_spacy_s(nlp: Language) -> None:
    text = "U.S. officials don't know. Mr. Smith's $5.3m deal...... in the 1990s (reportedly)."
    plain = nlp.tokenizer.tokenizer(text)  # type: ignore[attr-defined]
    guarded = nlp.tokenizer(text)
    def tokens(doc: object) -> list[tuple[str, str, str]]:
        return [(t.text, t.whitespace_, t.norm_) for t in doc]  # type: ignore[attr-defined]

    assert tokens(guarded) == tokens(plain)


def test_a_long_chunk_keeps_exact_offsets(nlp: Language) -> None:
    text = "Start " + "x" * (MAX_CHUNK_CHARS * 3 + 7) + '""" end.'
    doc = nlp.tokenizer(text)
    assert doc.text == text and all(len(t) <= MAX_CHUNK_CHARS for t in doc)
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc)


def test_suffix_search_finds_what_the_full_search_finds(nlp: Language) -> None:
    search = nlp.tokenizer.suffix_search
    for word in ("a" * 100 + "km", "b" * 80 + "." * 90, "c" * 70 + "'s", '"' * 200, "d" * 65 + ")"):
        full = search.__self__.search(word)
        got = search(word)
        assert (got.end() - got.start() if got else 0) == (full.end() - full.start() if full else 0), word
