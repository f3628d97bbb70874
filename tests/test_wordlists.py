"""The shared word-list loader: lists come back in file order, and every broken file is refused
with its file, line and reason."""

from __future__ import annotations

import pytest

from thucydides.wordlists import WORDS_DIR, WordListError, load_word_file, parse_word_file, word_set


def test_plain_and_described_lists_in_file_order() -> None:
    text = "first: [b, a]\nsecond:\n  about: why\n  words: [\"'ll\", out of]\n"
    assert parse_word_file(text, "x.yaml") == {"first": ("b", "a"), "second": ("'ll", "out of")}


@pytest.mark.parametrize("text, line, reason", [
    ("a: [x, x]\n", 1, "listed twice"),
    ("a: [X]\n", 1, "not a lower-case word"),
    ("a: [1]\n", 1, "must be a word"),
    ("a: x\n", 1, "must be a list"),
    ("Bad: [x]\n", 1, "lower_case_with_underscores"),
    ("a: [x]\na: [y]\n", 2, "defined twice"),
    ("a:\n  words: [x]\n  extra: 1\n", 2, "may have 'about' only"),
    ("- x\n", 1, "must map list names"),
    ("a: [x\n", None, "not valid YAML"),
])
def test_broken_files_name_line_and_reason(text: str, line: int | None, reason: str) -> None:
    with pytest.raises(WordListError) as info:
        parse_word_file(text, "broken.yaml")
    assert info.value.path == "broken.yaml"
    assert reason in info.value.reason
    if line is not None:
        assert info.value.line == line


def test_every_shipped_word_file_loads() -> None:
    stems = [p.stem for p in WORDS_DIR.glob("*.yaml")]
    for stem in stems:
        assert load_word_file(stem), stem


def test_unknown_list_is_named() -> None:
    stems = [p.stem for p in WORDS_DIR.glob("*.yaml")]
    if not stems:
        pytest.skip("no word files shipped yet")
    with pytest.raises(WordListError, match="no list named 'no_such_list'"):
        word_set(stems[0], "no_such_list")
