"""Local sources: a folder that files arrive in, a JSONL file that grows (only complete lines), and a
restart after a crash in the middle of a poll (nothing coded twice, nothing skipped)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import FakeCoder, Recorder, opener, rows

from thucydides.models import Article, Document, Reject
from thucydides.watch.entries import Settings
from thucydides.watch.files import FolderSource, JsonlSource
from thucydides.watch.watcher import Watcher


def line(ident: str | None, text: str, **more: str) -> str:
    record = {"text": text, "date": "2024-03-08", **more}
    if ident:
        record["id"] = ident
    return json.dumps(record) + "\n"


def make_watcher(sources: list, store: Path, code: object, **settings: object) -> Watcher:
    kw = {"settle_s": 0.0, **settings}
    return Watcher(sources, opener(store), code, interval=60.0, settings=Settings(**kw),  # type: ignore[arg-type]
                   reporter=Recorder())


def test_a_growing_jsonl_file_is_read_line_by_complete_line(tmp_path: Path) -> None:
    store, coder, wire = tmp_path / "s.duckdb", FakeCoder(), tmp_path / "wire.jsonl"
    wire.write_text(line("w1", "Greece praised Turkey on Monday.") + "\n"
                    + line(None, "Russia rejected the proposal on Friday.")
                    + '{"id": "w4", "text": "Turkey rej', encoding="utf-8")  # the writer is mid-line
    source = JsonlSource(str(wire))
    watcher = make_watcher([source], store, coder.code_many)
    first = watcher.poll(source)
    assert first.coded == 2 and coder.coded == ["Greece praised Turkey on Monday.",
                                                "Russia rejected the proposal on Friday."]
    offset = len(wire.read_bytes()) - len('{"id": "w4", "text": "Turkey rej')
    assert rows(store, "SELECT byte_offset, line_number FROM watch_sources") == [(offset, 3)]
    assert rows(store, "SELECT article_id FROM articles ORDER BY 1") == [("w1",), ("wire-3",)]  # as `code`

    with wire.open("a", encoding="utf-8") as out:
        out.write('ected the plan."}\n' + "{not json\n" + line("w6", "Greece praised Turkey on Monday."))
    second = watcher.poll(source)
    assert (second.coded, second.rejected, second.duplicates) == (1, 1, 1)
    assert coder.coded[-1] == "Turkey rejected the plan."
    assert watcher.poll(source).coded == 0 and len(coder.coded) == 3

    # Rotated: the file now holds one old line and two new ones; only the new ones are coded, and the
    # one without an id is numbered on from the old file's lines, so it takes no old article's id.
    wire.write_text(line("w1", "Greece praised Turkey on Monday.") + line("w9", "Moscow praised Ankara.")
                    + line(None, "Iran praised Iraq."), encoding="utf-8")
    third = watcher.poll(source)
    assert third.coded == 2 and coder.coded[-2:] == ["Moscow praised Ankara.", "Iran praised Iraq."]
    assert rows(store, "SELECT article_id, text FROM articles WHERE article_id LIKE 'wire-%' ORDER BY 1") == [
        ("wire-3", "Russia rejected the proposal on Friday."), ("wire-9", "Iran praised Iraq.")]


def test_a_jsonl_line_over_the_size_limit_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    store, coder, wire = tmp_path / "s.duckdb", FakeCoder(), tmp_path / "wire.jsonl"
    wire.write_text(line("big", "x " * 2000) + line("ok", "Russia rejected the proposal."), encoding="utf-8")
    watcher = make_watcher([JsonlSource(str(wire))], store, coder.code_many, max_bytes=1024)
    (summary,) = watcher.run_once()
    assert (summary.coded, summary.rejected) == (1, 1)
    assert summary.rejects[0].reason == "line has over 1,024 bytes"


class Crash(BaseException):
    """Stands for kill -9: nothing after it runs, not even `except Exception` handlers."""


def crashing_coder(after: int, coder: FakeCoder):  # noqa: ANN201
    count = {"n": 0}

    def code(articles: list[Article]) -> Iterator[Document | Reject]:
        for article in articles:
            count["n"] += 1
            if count["n"] > after:
                raise Crash()
            yield from coder.code_many([article])

    return code


@pytest.mark.parametrize("after", [0, 3, 20, 21])
def test_a_restart_after_a_crash_mid_poll_codes_the_rest_exactly_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: int) -> None:
    monkeypatch.setattr("thucydides.watch.watcher.CHUNK", 4)  # several commits per poll
    store, wire, inbox = tmp_path / "s.duckdb", tmp_path / "wire.jsonl", tmp_path / "inbox"
    inbox.mkdir()
    texts = [f"Greece praised Turkey for the talks number {n} on Monday." for n in range(12)]
    wire.write_text("".join(line(f"j{n}", t) for n, t in enumerate(texts)), encoding="utf-8")
    for n in range(10):
        text = f"Russia rejected proposal number {n} on Friday."
        (inbox / f"note{n:02d}.txt").write_text(text, encoding="utf-8")
    sources = [JsonlSource(str(wire)), FolderSource(str(inbox))]
    before = FakeCoder()
    with pytest.raises(Crash):
        make_watcher(sources, store, crashing_coder(after, before)).run_once()
    kept = rows(store, "SELECT count(*) FROM articles")[0][0]
    # whole chunks were committed, no more: 4 lines a chunk, then 2 files a chunk (each with its marker)
    assert kept == (after // 4 * 4 if after <= 12 else 12 + (after - 12) // 2 * 2)

    after_restart = FakeCoder()
    make_watcher(sources, store, after_restart.code_many).run_once()
    assert rows(store, "SELECT count(*), count(DISTINCT text) FROM articles") == [(22, 22)]
    assert len(after_restart.coded) == 22 - kept  # what was stored is not coded again
    assert rows(store, "SELECT count(*) FROM watch_entries WHERE outcome = 'coded'") == [(22,)]


def test_a_folder_codes_new_files_as_they_appear(tmp_path: Path) -> None:
    store, coder, inbox = tmp_path / "s.duckdb", FakeCoder(), tmp_path / "inbox"
    (inbox / "north").mkdir(parents=True)
    (inbox / "north" / "report.txt").write_text("Greece praised Turkey on Monday.", encoding="utf-8")
    (inbox / ".report.txt.swp").write_text("an editor's scratch copy", encoding="utf-8")
    (inbox / "notes.md").write_text("not an input type", encoding="utf-8")
    old = time.time() - 5
    for path in inbox.rglob("*"):
        os.utime(path, (old, old))
    source = FolderSource(str(inbox))
    watcher = make_watcher([source], store, coder.code_many, settle_s=0.5)
    assert watcher.poll(source).coded == 1

    (inbox / "south.txt").write_text("Russia rejected the proposal.", encoding="utf-8")
    assert watcher.poll(source).coded == 0  # still being written, maybe: it waits for a later poll
    os.utime(inbox / "south.txt", (old, old))
    assert watcher.poll(source).coded == 1
    assert watcher.poll(source).coded == 0

    # Rewritten: its article is coded again and replaces the earlier version under the same id.
    (inbox / "south.txt").write_text("Russia accepted the proposal.", encoding="utf-8")
    os.utime(inbox / "south.txt", (old + 1, old + 1))
    assert watcher.poll(source).coded == 1
    assert rows(store, "SELECT article_id, text FROM articles ORDER BY 1") == [
        ("north/report", "Greece praised Turkey on Monday."), ("south", "Russia accepted the proposal.")]
    assert coder.coded == ["Greece praised Turkey on Monday.", "Russia rejected the proposal.",
                           "Russia accepted the proposal."]


def test_a_folder_that_vanishes_is_an_error_and_comes_back(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    source = FolderSource(str(inbox))
    watcher = make_watcher([source], tmp_path / "s.duckdb", FakeCoder().code_many)
    inbox.rmdir()
    assert watcher.poll(source).error == "no such folder"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Greece praised Turkey.", encoding="utf-8")
    back = watcher.poll(source)
    assert back.error is None and back.coded == 1
    assert rows(tmp_path / "s.duckdb", "SELECT consecutive_errors, last_error FROM watch_sources") == [
        (0, "no such folder")]


def test_two_folders_with_the_same_file_names_never_replace_each_other(tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    for name, text in (("a", "Greece praised Turkey on Monday."), ("b", "Russia rejected the plan.")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(text, encoding="utf-8")
    sources = [FolderSource(str(tmp_path / "a")), FolderSource(str(tmp_path / "b"))]
    first, second = make_watcher(sources, store, coder.code_many).run_once()
    assert first.coded == 1 and second.rejected == 1
    assert second.rejects[0].reason == (
        f"id 'report' is already used by another stored article (from {sources[0].key} entry "
        "report.txt#report); give this one an id of its own")
    kept = rows(store, "SELECT article_id, text FROM articles")
    assert kept == [("report", "Greece praised Turkey on Monday.")]
