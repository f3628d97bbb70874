"""Hostile records: each becomes a reject naming its file, line and reason, and the batch goes on."""

from __future__ import annotations

import io
import json
from pathlib import Path

from thucydides.ingest import article_from_record, parse_date, read_inputs, read_stdin
from thucydides.limits import MAX_ID_CHARS
from thucydides.models import Article, Reject

GOOD = json.dumps({"id": "fine", "text": "Ministers met in the capital.", "date": "2022-04-01"})


def read(path: Path, **options: int) -> list[Article | Reject]:
    return list(read_inputs([str(path)], **options))  # type: ignore[arg-type]


def one_bad_line(tmp_path: Path, line: str) -> tuple[Reject, Article]:
    path = tmp_path / "batch.jsonl"
    path.write_text(line + "\n" + GOOD + "\n", encoding="utf-8")
    bad, good = read(path)
    assert isinstance(bad, Reject) and bad.origin == f"{path}:1", bad
    assert isinstance(good, Article) and good.id == "fine"
    return bad, good


def test_a_lone_surrogate_in_the_text_is_rejected(tmp_path: Path) -> None:
    bad, _ = one_bad_line(tmp_path, '{"id": "s", "text": "The talks \\ud800 failed."}')
    assert "lone surrogate U+D800" in bad.reason and bad.id == "s"


def test_a_lone_surrogate_in_the_id_or_title_is_rejected(tmp_path: Path) -> None:
    bad, _ = one_bad_line(tmp_path, '{"id": "\\udc01", "text": "The talks failed."}')
    assert "field 'id'" in bad.reason
    bad, _ = one_bad_line(tmp_path, '{"id": "t", "title": "x\\udbff", "text": "The talks failed."}')
    assert "field 'title'" in bad.reason


def test_a_surrogate_pair_is_an_ordinary_character(tmp_path: Path) -> None:
    path = tmp_path / "pair.jsonl"
    path.write_text('{"id": "p", "text": "Talks \\ud83d\\ude00 resumed."}\n', encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article) and "\U0001f600" in article.text


def test_a_line_nested_100k_deep_is_rejected(tmp_path: Path) -> None:
    deep = '{"id": "d", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}"
    bad, _ = one_bad_line(tmp_path, deep)
    assert "nested too deeply" in bad.reason


def test_a_5000_digit_number_is_rejected(tmp_path: Path) -> None:
    bad, _ = one_bad_line(tmp_path, '{"id": ' + "7" * 5000 + ', "text": "Talks failed."}')
    assert "4300 digits" in bad.reason


def test_records_from_python_with_huge_values_are_rejected_not_raised() -> None:
    huge = int("9" * 4000) * 10**1000  # more digits than str() converts
    assert "not usable" in _reject(article_from_record({"id": huge, "text": "A."}, "<x>", "d")).reason
    assert "not usable" in _reject(article_from_record({"title": huge, "text": "A."}, "<x>", "d")).reason
    assert "invalid date" in _reject(article_from_record({"date": huge, "text": "A."}, "<x>", "d")).reason
    long_id = "n" * (MAX_ID_CHARS + 1)
    assert "over the limit" in _reject(article_from_record({"id": long_id, "text": "A."}, "<x>", "d")).reason
    assert "must be a string or a number" in _reject(
        article_from_record({"id": ["a"], "text": "A."}, "<x>", "d")).reason


def _reject(item: Article | Reject) -> Reject:
    assert isinstance(item, Reject), item
    return item


def test_parse_date_messages_stay_short() -> None:
    for value in ("x" * 100_000, 10**4000):
        try:
            parse_date(value)
        except ValueError as exc:
            assert len(str(exc)) < 200
        else:
            raise AssertionError("accepted")


def test_texts_over_the_size_limit_are_rejected_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "sizes.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "word " * 30}) + "\n" + GOOD + "\n", encoding="utf-8")
    big, good = read(path, max_chars=100)
    assert isinstance(big, Reject) and "150 characters, over the limit of 100" in big.reason
    assert isinstance(good, Article)


def test_a_text_file_far_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Talks went on. " * 1000, encoding="utf-8")
    [reject] = read(path, max_chars=100)
    assert isinstance(reject, Reject) and "bytes, too many" in reject.reason and reject.id == "huge"


def test_stdin_jsonl_is_guarded_line_by_line() -> None:
    raw = ('{"id": "a", "text": "x\\ud800"}\n{"id": ' + "1" * 5000 + '}\n' + GOOD + "\n").encode()
    items = list(read_stdin(io.BytesIO(raw)))
    assert [type(i).__name__ for i in items] == ["Reject", "Reject", "Article"]
    assert items[0].origin == "<stdin>:1" and items[1].origin == "<stdin>:2"


def test_a_broken_html_page_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"<html>" + b"<div>" * 50_000 + b"</html>")
    [item] = read(path)
    assert isinstance(item, (Reject, Article))  # whatever the extractor makes of it, nothing raises
