"""The pieces of the cluster path that need no cluster: partitions, parts, manifest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from thucydides.models import Article, Document, Event, Plover, Reject, Span
from thucydides.scale.manifest import FORMAT, load_manifest, save_manifest, totals
from thucydides.scale.partition import part_id, partition_digest, partitions
from thucydides.scale.parts import (
    META_KEY,
    documents_table,
    finished_parts,
    iter_documents,
    part_bytes,
    part_path,
    read_part_meta,
    remove_temp_files,
    write_atomic,
)
from thucydides.scale.result import ScaleError, ScaleResult
from thucydides.scale.resume import check_resume, compare_settings
from thucydides.store.parquet import DOCUMENTS_SCHEMA, read_documents


def _art(i: int, text: str | None = None) -> Article:
    return Article(id=f"a{i}", text=text or f"The mayor of town {i} visited the harbour.",
                   date=date(2021, 3, i % 28 + 1), origin=f"in.jsonl:{i}")


def _doc(i: int) -> Document:
    event = Event(f"a{i}-e1", 0, Span("visited", 20, 27), None, None, "042", 1, 1.9, Plover("CONSULT"))
    return Document(f"a{i}", "2021-03-02", f"Text of article {i}.", events=[event], coder_version="9.9")


def test_partitions_hold_n_articles_in_input_order() -> None:
    items = [_art(i) for i in range(7)]
    parts = list(partitions(items, 3))
    assert [p.id for p in parts] == ["part-00000", "part-00001", "part-00002"]
    assert [[a.id for a in p.items] for p in parts] == [["a0", "a1", "a2"], ["a3", "a4", "a5"], ["a6"]]


def test_rejects_ride_with_the_partition_being_filled() -> None:
    bad_first, bad_mid, bad_last = Reject("x:1", "empty text"), Reject("x:5", "bad"), Reject("x:9", "late")
    items: list[Article | Reject] = [bad_first, _art(1), _art(2), bad_mid, _art(3), _art(4), bad_last]
    parts = list(partitions(items, 2))
    assert [p.items for p in parts] == [[bad_first, items[1], items[2], bad_mid],
                                        [items[4], items[5], bad_last]]
    assert [p.n_articles for p in parts] == [2, 2]


def test_only_rejects_make_one_partition_and_nothing_makes_none() -> None:
    assert [p.n_articles for p in partitions([Reject("x:1", "empty text")], 5)] == [0]
    assert list(partitions([], 5)) == []
    with pytest.raises(ValueError, match="at least 1"):
        list(partitions([_art(1)], 0))


def test_partitioning_is_deterministic_and_digest_sees_any_change() -> None:
    first = [p.digest() for p in partitions([_art(i) for i in range(5)], 2)]
    again = [p.digest() for p in partitions([_art(i) for i in range(5)], 2)]
    assert first == again and len(set(first)) == 3
    changed = [_art(i) for i in range(5)]
    changed[3].text += " Later the council met."
    now = [p.digest() for p in partitions(changed, 2)]
    assert now[0] == first[0] and now[2] == first[2] and now[1] != first[1]
    # field boundaries count: moving text between fields must change the digest
    a = Article(id="ab", text="c", origin="o")
    b = Article(id="a", text="bc", origin="o")
    assert partition_digest([a]) != partition_digest([b])


def test_part_ids_stay_sortable_past_five_digits() -> None:
    assert part_id(7) == "part-00007" and part_id(123456) == "part-123456"


def test_part_round_trip_keeps_schema_meta_and_documents(tmp_path: Path) -> None:
    docs = [_doc(1), _doc(2)]
    table = documents_table(docs)
    assert table.schema.equals(DOCUMENTS_SCHEMA)
    meta = {"index": 4, "articles": 2, "digest": "d",
            "rejects": [{"origin": "x:1", "id": None, "reason": "bad"}]}
    path = part_path(tmp_path, part_id(4))
    write_atomic(path, part_bytes(table, meta))
    assert read_part_meta(path) == meta
    assert pq.read_schema(path).metadata[META_KEY]
    assert finished_parts(tmp_path) == {4: path}
    back = list(iter_documents(tmp_path))
    assert [d.to_dict(include_text=True) for d in back] == [d.to_dict(include_text=True) for d in docs]
    # the store's reader and a plain SQL engine read the same part
    assert [d.id for d in read_documents(tmp_path)] == ["a1", "a2"]
    rows = duckdb.sql(f"SELECT id, json_extract_string(document, '$.events[0].cameo') "
                      f"FROM read_parquet('{tmp_path}/parts/*.parquet') ORDER BY id").fetchall()
    assert rows == [("a1", "042"), ("a2", "042")]


def test_same_content_gives_the_same_bytes() -> None:
    meta = {"index": 0, "articles": 1, "rejects": [], "digest": "d"}
    assert part_bytes(documents_table([_doc(1)]), meta) == part_bytes(documents_table([_doc(1)]), dict(meta))


def test_temporary_files_do_not_count_as_parts_and_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    leftover = tmp_path / "parts" / ".part-00000.parquet.123.tmp"
    leftover.write_bytes(b"half a file")
    assert finished_parts(tmp_path) == {}
    assert remove_temp_files(tmp_path) == 1 and not leftover.exists()


def test_unreadable_part_metadata_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plain.parquet"
    pq.write_table(documents_table([_doc(1)]), path)
    with pytest.raises(ValueError, match="not a thucydides part"):
        read_part_meta(path)


def test_manifest_round_trip_and_totals(tmp_path: Path) -> None:
    entries = [{"status": "done", "articles": 3, "documents": 2, "rejected": 1, "events": 5},
               {"status": "pending", "articles": 4, "documents": 0, "rejected": 0, "events": 0}]
    save_manifest(tmp_path, {"format": FORMAT, "partitions": entries})
    back = load_manifest(tmp_path)
    assert back is not None and back["partitions"] == entries and back["updated_at"]
    assert totals(entries) == {"partitions": 2, "partitions_done": 1, "articles": 3, "documents": 2,
                               "rejected": 1, "events": 5}
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "something else"}))
    with pytest.raises(ValueError, match="not a thucydides batch"):
        load_manifest(tmp_path)


def test_non_empty_output_needs_resume_and_a_manifest(tmp_path: Path) -> None:
    assert check_resume(tmp_path / "new", resume=False) is None
    assert check_resume(tmp_path, resume=False) is None  # exists but empty
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ScaleError, match="pass --resume"):
        check_resume(tmp_path, resume=False)
    with pytest.raises(ScaleError, match="not a thucydides batch"):
        check_resume(tmp_path, resume=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ScaleError, match="not a directory"):
        check_resume(tmp_path / "file", resume=True)


def test_resume_refuses_other_settings(tmp_path: Path) -> None:
    old = {"inputs": ["a.jsonl"], "partition_size": 10, "default_date": None}
    compare_settings(old, dict(old), tmp_path)
    with pytest.raises(ScaleError, match="partition_size: was 10, now 20"):
        compare_settings(old, {**old, "partition_size": 20}, tmp_path)


@pytest.mark.parametrize(("documents", "rejected", "failed", "code"),
                         [(3, 0, [], 0), (3, 1, [], 3), (0, 2, [], 1), (3, 0, ["part-00001"], 1)])
def test_exit_codes_follow_the_single_machine_path(documents: int, rejected: int, failed: list[str],
                                                   code: int) -> None:
    result = ScaleResult(Path("."), documents=documents, rejected=rejected, failed=failed)
    assert result.exit_code == code


def test_errors_about_shipped_files_name_the_users_file(tmp_path: Path) -> None:
    from thucydides.scale.worker import CoderConfig, ShippedFile, _materialise

    mine = tmp_path / "my_actors.yaml"
    mine.write_text("- name: Harbour Board\n")
    config = CoderConfig(actor_files=(ShippedFile.read(mine),))
    [copy] = _materialise(config.actor_files, config.fingerprint, "actors")
    assert copy.read_bytes() == mine.read_bytes() and copy.suffix == ".yaml"
    message = f"ActorDictionaryError: {copy}:1: missing field 'code'"
    assert config.client_paths(message) == f"ActorDictionaryError: {mine}:1: missing field 'code'"
    # moving the same file elsewhere is the same configuration (a resume from another directory)
    moved = tmp_path / "sub"
    moved.mkdir()
    (moved / "my_actors.yaml").write_bytes(mine.read_bytes())
    same = CoderConfig(actor_files=(ShippedFile.read(moved / "my_actors.yaml"),))
    assert same.fingerprint == config.fingerprint
