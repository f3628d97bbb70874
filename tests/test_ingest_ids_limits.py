"""Ids that never collide and the size limit together: an article over `max_chars` is rejected
under the id it would have had, wherever it came from, and the id check still sees the rest."""

from __future__ import annotations

import io
import json
from pathlib import Path

from thucydides.ingest import read_inputs, read_stdin, unique_ids
from thucydides.models import Article, Reject

SHORT = "Police detained two protesters outside the parliament."
LONG = "The delegations kept talking through the night. " * 10


def test_an_oversized_file_below_a_folder_is_rejected_under_its_path_id(tmp_path: Path) -> None:
    for folder, text in (("east", SHORT), ("west", LONG)):
        (tmp_path / "desk" / folder).mkdir(parents=True)
        (tmp_path / "desk" / folder / "brief.txt").write_text(text, encoding="utf-8")
    coded, refused = read_inputs([str(tmp_path / "desk")], max_chars=100)
    assert isinstance(coded, Article) and coded.id == "east/brief"
    assert isinstance(refused, Reject) and refused.id == "west/brief" and "100" in refused.reason


def test_jsonl_lines_below_a_folder_keep_the_path_id_under_the_limit(tmp_path: Path) -> None:
    (tmp_path / "desk" / "north").mkdir(parents=True)
    lines = [json.dumps({"text": SHORT}), json.dumps({"text": LONG})]
    (tmp_path / "desk" / "north" / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    coded, refused = read_inputs([str(tmp_path / "desk")], max_chars=100)
    assert isinstance(coded, Article) and coded.id == "north/wire-1"
    assert isinstance(refused, Reject) and refused.id == "north/wire-2"


def test_stdin_over_the_limit_is_rejected_under_its_content_id() -> None:
    [coded] = read_stdin(io.BytesIO(SHORT.encode()), max_chars=100)
    [refused] = read_stdin(io.BytesIO(LONG.encode()), max_chars=100)
    assert isinstance(coded, Article) and coded.id.startswith("stdin-")
    assert isinstance(refused, Reject) and refused.id.startswith("stdin-") and refused.id != coded.id


def test_a_repeat_is_caught_after_an_oversized_article_between(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "a", "text": SHORT}), json.dumps({"id": "b", "text": LONG}),
             json.dumps({"id": "a", "text": SHORT})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, too_long, again = unique_ids(read_inputs([str(tmp_path / "in.jsonl")], max_chars=100))
    assert isinstance(first, Article) and first.id == "a"
    assert isinstance(too_long, Reject) and "limit" in too_long.reason
    assert isinstance(again, Reject) and "duplicate id 'a'" in again.reason


def test_the_default_limit_takes_a_long_feature_and_refuses_a_text_over_100000_characters() -> None:
    from thucydides.limits import MAX_ARTICLE_CHARS, text_problem

    feature = "The delegations kept talking through the night. " * 1_000  # 49,000 characters
    assert MAX_ARTICLE_CHARS == 100_000 and text_problem(feature) is None
    reason = text_problem("x" * 100_001)
    assert reason is not None and "100,001 characters, over the limit of 100,000" in reason
    assert "--max-chars" in reason
