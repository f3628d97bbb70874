from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thucydides.ingest import DateError, count_inputs, parse_date, read_inputs, read_stdin
from thucydides.models import Article, Reject


def _collect(*inputs: str, default: date | None = None) -> list[Article | Reject]:
    return list(read_inputs(list(inputs), default))


def test_parse_date_accepts_iso_day_and_datetime() -> None:
    assert parse_date("2016-05-20") == date(2016, 5, 20)
    assert parse_date("2016-05-20T14:03:00Z") == date(2016, 5, 20)
    assert parse_date(None) is None
    assert parse_date("") is None


@pytest.mark.parametrize("bad", ["2016-02-30", "20-05-2016", "yesterday", "2016/05/20", "2016-13-01"])
def test_parse_date_rejects_non_dates_with_the_value_in_the_message(bad: str) -> None:
    with pytest.raises(DateError, match=bad.replace("/", ".")):
        parse_date(bad)


@given(st.dates())
def test_parse_date_round_trips_every_calendar_day(day: date) -> None:
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=40))
def test_parse_date_never_fails_other_than_with_date_error(value: str) -> None:
    try:
        result = parse_date(value)
    except DateError:
        return
    assert result is None or isinstance(result, date)


def test_txt_file_is_one_article_named_after_the_file(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text("The two ministers met in Geneva on Tuesday.", encoding="utf-8")
    [article] = _collect(str(path), default=date(2020, 1, 2))
    assert isinstance(article, Article)
    assert article.id == "talks"
    assert article.date == date(2020, 1, 2)


def test_jsonl_lines_become_articles_and_bad_lines_are_rejected_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Rebels attacked a convoy.", "date": "2019-04-01"}),
        "{not json",
        json.dumps({"id": "c", "date": "2019-04-01"}),
        json.dumps({"id": "d", "text": "   "}),
        json.dumps({"id": "e", "text": "Troops withdrew.", "date": "April first"}),
        "",
        json.dumps({"text": "The court jailed two activists."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _collect(str(path))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "Reject", "Reject", "Reject", "Reject", "Article"]
    assert items[0].date == date(2019, 4, 1)
    reasons = {i.origin.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, Reject)}
    assert "malformed JSON" in reasons["2"]
    assert "missing field 'text'" in reasons["3"]
    assert "empty text" in reasons["4"]
    assert "invalid date" in reasons["5"]
    assert items[-1].id == "batch-7"


def test_undecodable_bytes_are_rejected_but_the_rest_of_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "Police arrested a suspect."}).encode()
    path.write_bytes(b'{"id": "bad", "text": "caf\xe9"}\n' + good + b"\n")
    bad, ok = _collect(str(path))
    assert isinstance(bad, Reject) and "not valid UTF-8" in bad.reason and bad.origin.endswith(":1")
    assert isinstance(ok, Article) and ok.id == "ok"


def test_missing_file_and_unsupported_type_are_rejected(tmp_path: Path) -> None:
    other = tmp_path / "notes.docx"
    other.write_bytes(b"PK")
    missing, unsupported = _collect(str(tmp_path / "nope.txt"), str(other))
    assert missing.reason == "no such file or directory"
    assert "unsupported file type .docx" in unsupported.reason


def test_directories_are_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article text.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("First article text.", encoding="utf-8")
    (tmp_path / "skip.md").write_text("not an article", encoding="utf-8")
    ids = [a.id for a in _collect(str(tmp_path))]
    assert ids == ["b/two", "one"]  # ids below a directory are paths: no two report.txt collide
    assert count_inputs([str(tmp_path)]) == 2


def test_html_main_text_and_metadata_are_extracted(tmp_path: Path) -> None:
    body = " ".join(["The defence ministry said troops had left the border town."] * 6)
    page = (f"<html><head><title>Troops leave town</title><meta name='date' content='2021-06-03'></head>"
            f"<body><nav>Home | World</nav><article><h1>Troops leave town</h1><p>{body}</p>"
            f"<p>{body}</p></article><footer>Copyright</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [article] = _collect(str(path))
    assert isinstance(article, Article)
    assert "troops had left the border town" in article.text
    assert "Copyright" not in article.text
    assert article.title == "Troops leave town"


def test_stdin_plain_text_and_jsonl() -> None:
    [plain] = read_stdin(io.BytesIO(b"Protesters marched in the capital."))
    assert isinstance(plain, Article) and plain.id.startswith("stdin-")  # from the text
    items = list(read_stdin(io.BytesIO(b'{"id": "x", "text": "A truce began."}\n{"id": 5}\n')))
    assert isinstance(items[0], Article) and items[0].id == "x"
    assert isinstance(items[1], Reject) and items[1].origin == "<stdin>:2"
