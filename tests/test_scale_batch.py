"""The Dask batch driver against a fake coder on an in-process cluster of 2 workers (fast).

The fake stands in for the spaCy pipeline so that these tests check partitioning,
resuming, rejects and the manifest in well under a second each; test_scale_cluster.py
runs the real coder on real worker processes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster

from thucydides.models import Article, Document, Event, Plover, Reject, Span
from thucydides.scale import BatchIncomplete, BatchInterrupted, ScaleError, iter_documents, run_dask
from thucydides.scale.parts import finished_parts, part_bytes, read_part_meta, write_atomic
from thucydides.scale.worker import CoderChanged, code_fingerprint, code_partition


class FakeCoder:
    """Codes one event per article; 'UNREADABLE' becomes a coder reject, 'CRASH' raises while
    `crash` is set (as a worker dying would), everything it codes is logged for the tests."""

    coded: list[str] = []
    dictionaries: list[bytes] = []
    crash = False
    _lock = threading.Lock()

    def __init__(self, actor_files: list[Path], pattern_files: list[Path]):
        FakeCoder.dictionaries = [p.read_bytes() for p in [*actor_files, *pattern_files]]

    def code_many(self, items: list[Article | Reject], workers: int = 1) -> Iterator[Document | Reject]:
        for item in items:
            if isinstance(item, Reject):
                yield item
                continue
            with FakeCoder._lock:
                FakeCoder.coded.append(item.id)
            if "CRASH" in item.text and FakeCoder.crash:
                raise RuntimeError("simulated crash")
            if "UNREADABLE" in item.text:
                yield Reject(item.origin, "coder error: cannot read this", item.id)
                continue
            verb = item.text.split()[1]
            event = Event(f"{item.id}-e1", 0, Span(verb, 0, len(verb)), None, None, "042", 1, 1.9,
                          Plover("CONSULT"))
            yield Document(item.id, item.date.isoformat() if item.date else None, item.text, events=[event],
                           coder_version="test")


class BrokenCoder:
    def __init__(self, actor_files: list[Path], pattern_files: list[Path]):
        raise ValueError("actors.yaml, line 3: missing field 'code'")


FAKE = f"{__name__}:FakeCoder"
TOWNS = ["Aden", "Bergen", "Cork", "Dakar", "Essen", "Faro", "Graz", "Hue", "Izmir", "Jena", "Kobe"]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # processes=False: the workers live in this process, so they can import the fake coder
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(autouse=True)
def _reset_fake() -> None:
    FakeCoder.coded = []
    FakeCoder.dictionaries = []
    FakeCoder.crash = False


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    lines = [json.dumps({"id": f"n{i}", "text": f"Officials {'visited' if i % 2 else 'called'} {town}.",
                         "date": "2022-06-01"}) for i, town in enumerate(TOWNS)]
    lines.insert(3, "{not json")
    lines.insert(7, json.dumps({"id": "blank", "text": "   "}))
    lines[9] = json.dumps({"id": "odd", "text": "Officials UNREADABLE scrawl."})
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(corpus: Path | list[Path], out: Path, scheduler: str, **kw: Any) -> Any:
    inputs = [str(p) for p in corpus] if isinstance(corpus, list) else [str(corpus)]
    return run_dask(inputs, out, scheduler=scheduler, coder_factory=FAKE,
                    partition_size=kw.pop("partition_size", 3), **kw)


def _snapshot(out: Path) -> dict[str, bytes]:
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "manifest.json")
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def test_every_partition_is_coded_with_rejects_in_input_order(corpus: Path, tmp_path: Path,
                                                              scheduler: str) -> None:
    out = tmp_path / "out"
    result = _run(corpus, out, scheduler, rejects=tmp_path / "rejects.jsonl")
    # 11 lines of articles (one coder reject among them) + 2 ingest rejects
    assert (result.articles, result.documents, result.rejected, result.partitions) == (11, 10, 3, 4)
    assert result.exit_code == 3 and result.coded_partitions == 4 and not result.failed
    assert sorted(FakeCoder.coded) == sorted({a for a in FakeCoder.coded})  # none coded twice
    assert sorted(finished_parts(out)) == [0, 1, 2, 3]
    assert [d.id for d in iter_documents(out)] == [f"n{i}" for i in range(11) if i != 7]
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    assert [r["origin"].rsplit(":", 1)[1] for r in rejects] == ["4", "8", "10"]
    assert [list(r) for r in rejects] == [["origin", "id", "reason"]] * 3
    assert rejects[2] == {"origin": f"{corpus}:10", "id": "odd", "reason": "coder error: cannot read this"}
    assert (tmp_path / "rejects.jsonl").read_bytes() == (out / "rejects.jsonl").read_bytes()


def test_manifest_describes_the_batch(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    _run(corpus, out, scheduler)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["finished_at"]
    assert manifest["settings"]["inputs"] == [str(corpus)]
    assert manifest["settings"]["partition_size"] == 3 and manifest["settings"]["coder_version"]
    assert [(p["id"], p["articles"], p["status"]) for p in manifest["partitions"]] == [
        ("part-00000", 3, "done"), ("part-00001", 3, "done"), ("part-00002", 3, "done"),
        ("part-00003", 2, "done")]
    assert manifest["partitions"][0]["file"] == "parts/part-00000.parquet"
    assert manifest["totals"] == {"partitions": 4, "partitions_done": 4, "articles": 11, "documents": 10,
                                  "rejected": 3, "events": 10}
    assert len(manifest["runs"]) == 1 and manifest["runs"][0]["coded_partitions"] == 4


def test_identical_partitions_are_all_coded(tmp_path: Path, scheduler: str) -> None:
    # Same text, same id, one article per partition: Dask must not merge the tasks.
    path = tmp_path / "same.jsonl"
    path.write_text(json.dumps({"id": "dup", "text": "Officials visited Graz."}) + "\n", encoding="utf-8")
    result = _run([path] * 6, tmp_path / "out", scheduler, partition_size=1, on_duplicate="replace")
    assert result.coded_partitions == 6 and result.documents == 6
    assert len(FakeCoder.coded) == 6 and len(finished_parts(tmp_path / "out")) == 6


@pytest.mark.parametrize(("policy", "documents", "rejected"), [("error", 2, 1), ("skip", 2, 0),
                                                               ("replace", 3, 0)])
def test_a_repeated_id_across_partitions_never_collides_silently(tmp_path: Path, scheduler: str, policy: str,
                                                                 documents: int, rejected: int) -> None:
    # one article per partition: the repeat lies in another partition than its first use
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"Officials visited {town}."}) + "\n"
                            for i, town in (("x", "Aden"), ("y", "Cork"), ("x", "Graz"))), encoding="utf-8")
    out = tmp_path / "out"
    result = _run(path, out, scheduler, partition_size=1, on_duplicate=policy)
    assert (result.documents, result.rejected) == (documents, rejected)
    assert result.exit_code == (3 if rejected else 0)
    rejects = [json.loads(line) for line in (out / "rejects.jsonl").read_text().splitlines()]
    if rejected:
        assert rejects[0]["origin"] == f"{path}:3" and f"{path}:1" in rejects[0]["reason"]
        assert "duplicate id 'x'" in rejects[0]["reason"]
    assert [d.text.split()[-1] for d in iter_documents(out)] == (
        ["Aden.", "Cork.", "Graz."] if policy == "replace" else ["Aden.", "Cork."])
    assert json.loads((out / "manifest.json").read_text())["settings"]["on_duplicate"] == policy


def test_resume_with_another_duplicate_policy_is_refused(tmp_path: Path, scheduler: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": "x", "text": f"Officials visited {t}."}) + "\n"
                            for t in TOWNS[:3]), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted):
        _run(path, out, scheduler, partition_size=1, stop_after=1)
    with pytest.raises(ScaleError, match="on_duplicate"):
        _run(path, out, scheduler, partition_size=1, resume=True, on_duplicate="replace")


def test_interrupted_then_resumed_equals_uninterrupted(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    _run(corpus, whole, scheduler)
    FakeCoder.coded = []
    with pytest.raises(BatchInterrupted):
        _run(corpus, cut, scheduler, stop_after=2)
    first = set(FakeCoder.coded)
    assert len(finished_parts(cut)) >= 2
    assert json.loads((cut / "manifest.json").read_text())["status"] == "interrupted"
    with pytest.raises(ScaleError, match="--resume"):
        _run(corpus, cut, scheduler)
    done_before = set(finished_parts(cut))
    FakeCoder.coded = []
    result = _run(corpus, cut, scheduler, resume=True)
    assert result.skipped_partitions == len(done_before) and result.coded_partitions == 4 - len(done_before)
    # parts written before the interruption were not coded again
    done_ids = {d.id for i in done_before for d in iter_documents([cut / "parts" / f"part-{i:05d}.parquet"])}
    assert not done_ids & set(FakeCoder.coded) and done_ids <= first
    assert _snapshot(cut) == _snapshot(whole)
    manifest = json.loads((cut / "manifest.json").read_text())
    assert manifest["status"] == "complete" and [r["status"] for r in manifest["runs"]] == ["interrupted",
                                                                                              "complete"]


def test_resume_trusts_parts_even_when_the_manifest_lags(corpus: Path, tmp_path: Path,
                                                         scheduler: str) -> None:
    # The client may die after a part is renamed into place but before the manifest is rewritten.
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted):
        _run(corpus, out, scheduler, stop_after=2)
    stale = json.loads((out / "manifest.json").read_text())
    stale["partitions"] = []
    (out / "manifest.json").write_text(json.dumps(stale))
    (out / "parts" / ".part-00002.parquet.999.tmp").write_bytes(b"torn write")
    done = set(finished_parts(out))
    FakeCoder.coded = []
    result = _run(corpus, out, scheduler, resume=True)
    assert result.skipped_partitions == len(done) and result.documents == 10
    assert not (out / "parts" / ".part-00002.parquet.999.tmp").exists()


def test_resume_of_a_finished_batch_starts_no_cluster(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    _run(corpus, out, scheduler)
    before = _snapshot(out)
    FakeCoder.coded = []
    result = run_dask([str(corpus)], out, scheduler="tcp://127.0.0.1:9", resume=True, coder_factory=FAKE)
    assert result.coded_partitions == 0 and result.skipped_partitions == 4 and FakeCoder.coded == []
    assert _snapshot(out) == before and result.exit_code == 3


def test_resume_with_other_inputs_or_options_is_refused(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted):
        _run(corpus, out, scheduler, stop_after=1)
    with pytest.raises(ScaleError, match="partition_size"):
        _run(corpus, out, scheduler, resume=True, partition_size=5)
    # every partition changes: whichever finished first must be found out
    corpus.write_text(corpus.read_text().replace("Officials", "Officers"))
    with pytest.raises(ScaleError, match="input files changed"):
        _run(corpus, out, scheduler, resume=True)


def test_resume_refuses_to_mix_builds_of_the_coder(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted):
        _run(corpus, out, scheduler, stop_after=1)
    [(index, path)] = finished_parts(out).items()
    table = pq.read_table(path)
    meta = {**read_part_meta(path), "code": "0123456789abcdef"}  # as if coded before an upgrade
    write_atomic(path, part_bytes(table.replace_schema_metadata(None), meta))
    with pytest.raises(ScaleError, match="another build of thucydides"):
        _run(corpus, out, scheduler, resume=True)


def test_a_worker_with_another_build_refuses_to_code() -> None:
    with pytest.raises(CoderChanged, match="install the same version"):
        code_partition(0, [], "digest", "config", code="not-this-build")
    assert len(code_fingerprint()) == 16 and code_fingerprint() == code_fingerprint()


def test_user_dictionaries_travel_to_the_workers(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    actors = tmp_path / "my_actors.yaml"
    actors.write_bytes(b"- name: Harbour Board\n  code: XXXGOV\n")
    _run(corpus, tmp_path / "out", scheduler, actor_files=[actors])
    assert FakeCoder.dictionaries == [actors.read_bytes()]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["settings"]["actor_files"][0]["name"] == "my_actors.yaml"
    with pytest.raises(ScaleError, match="--actors"):
        _run(corpus, tmp_path / "other", scheduler, actor_files=[tmp_path / "missing.yaml"])


def test_a_coder_that_cannot_load_is_a_clear_error(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    with pytest.raises(ScaleError, match="could not load the coder.*missing field 'code'"):
        run_dask([str(corpus)], tmp_path / "out", scheduler=scheduler,
                 coder_factory=f"{__name__}:BrokenCoder")
    # nothing was written, so the same command can simply be run again once the file is fixed
    assert not (tmp_path / "out").exists()


def test_failed_partitions_are_reported_and_retried_on_resume(corpus: Path, tmp_path: Path,
                                                              scheduler: str) -> None:
    whole, out = tmp_path / "whole", tmp_path / "out"
    corpus.write_text(corpus.read_text().replace("Officials visited Bergen", "Officials CRASH Bergen"))
    _run(corpus, whole, scheduler)
    FakeCoder.crash = True
    with pytest.raises(BatchIncomplete, match="1 of 4 partitions failed.*--resume") as info:
        _run(corpus, out, scheduler)
    assert info.value.result.failed == ["part-00000"] and sorted(finished_parts(out)) == [1, 2, 3]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "incomplete"
    assert "simulated crash" in manifest["partitions"][0]["error"]
    FakeCoder.crash = False
    result = _run(corpus, out, scheduler, resume=True)
    assert result.coded_partitions == 1 and result.exit_code == 3
    assert _snapshot(out) == _snapshot(whole)


def test_nothing_coded_exits_1(tmp_path: Path, scheduler: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": ""}\n{broken\n', encoding="utf-8")
    result = _run(path, tmp_path / "out", scheduler)
    assert result.documents == 0 and result.rejected == 2 and result.exit_code == 1
    assert read_part_meta(tmp_path / "out" / "parts" / "part-00000.parquet")["rejected"] == 2


def test_without_a_scheduler_a_local_cluster_of_processes_is_started(corpus: Path, tmp_path: Path,
                                                                     scheduler: str) -> None:
    # No scheduler: run_dask starts (and stops) its own LocalCluster of worker processes,
    # one thread each. Spawned workers import this module by name to build the fake coder.
    reference = tmp_path / "ref"
    _run(corpus, reference, scheduler)
    FakeCoder.coded = []
    result = run_dask([str(corpus)], tmp_path / "out", workers=2, coder_factory=FAKE, partition_size=3)
    assert result.workers == 2 and result.coded_partitions == 4 and result.exit_code == 3
    assert FakeCoder.coded == []  # coded in the worker processes, not here
    assert _snapshot(tmp_path / "out") == _snapshot(reference)
