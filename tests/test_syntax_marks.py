"""Quote-mark pairing in raw text (no parse needed)."""

from __future__ import annotations

from thucydides.syntax.marks import DOUBLE_QUOTE_MARKS, paragraphs, quote_marks, quote_spans


def test_paragraphs_leave_the_newlines_out() -> None:
    text = "One line.\nTwo lines.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One line.", "Two lines.", ""]


def test_a_quote_left_open_ends_with_its_paragraph() -> None:
    text = "She said: “The harbour stays shut until spring.\n“Ships will wait,” she added."
    spans, left_open = quote_marks(text)
    assert [text[s:e] for s, e in spans] == ["“The harbour stays shut until spring.", "“Ships will wait,”"]
    assert left_open == {0}
    assert quote_spans(text) == spans


def test_apostrophes_are_not_quote_marks() -> None:
    text = "The players' union won't say what O'Brien's 'final offer' was."
    assert [text[s:e] for s, e in quote_spans(text)] == ["'final offer'"]
    assert "'" not in DOUBLE_QUOTE_MARKS and "“" in DOUBLE_QUOTE_MARKS


def test_typewriter_and_single_marks_around_double_quotes() -> None:
    # a single quote left open before a double-quoted stretch closes at its weak end
    text = "The 'rebels' terms were read: ``We stay,'' said one, and 'the army's offer' failed."
    assert [text[s:e] for s, e in quote_spans(text)] == ["'rebels'", "``We stay,''", "'the army's offer'"]
    text = "Their 'talks' went on; ''no deal'' came of them."
    assert [text[s:e] for s, e in quote_spans(text)] == ["'talks'", "''no deal''"]


def test_callers_get_copies_of_the_remembered_pairing() -> None:
    text = "He said “we will return” and left."
    spans, left_open = quote_marks(text)
    spans.append((0, 1))
    left_open.add(7)
    assert quote_marks(text) == ([(8, 24)], set())
