"""The real coder on a local Dask cluster of 2 worker processes.

Checks the acceptance criteria of the cluster path end to end: the same documents as
the single-process coder, a killed client or a killed worker resumed into output
identical to an uninterrupted run, and parts that the store and DuckDB read.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from distributed import Client, LocalCluster

from thucydides.models import Document
from thucydides.scale import commands as scale_commands
from thucydides.scale import iter_documents, run_dask
from thucydides.scale.parts import finished_parts

pytestmark = pytest.mark.slow

ARTICLES = [
    ("w1", "2019-04-02", "Turkish troops shelled Kurdish positions near the border on Monday."),
    ("w2", "2019-04-03", "The Kenyan president met Tanzanian officials in Nairobi to discuss trade."),
    ("w3", "2019-04-03", "Protesters in Caracas demanded new elections, police said."),
    ("w4", "2019-04-04", "Japan and South Korea agreed to resume talks on fishing rights."),
    ("w5", "2019-04-05", "Chile condemned the arrest of two journalists in Bolivia."),
    ("w6", "2019-04-05", "Egypt's foreign minister visited Khartoum on Thursday."),
    ("w7", "2019-04-06", "Militants attacked a convoy in northern Mali, killing three soldiers."),
    ("w8", "2019-04-07", "Norway pledged aid to flood victims in Mozambique."),
]
SIZE = 2


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "wire.jsonl"
    lines = [json.dumps({"id": i, "date": d, "text": t}) for i, d, t in ARTICLES]
    lines.insert(5, '{"id": "w-broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def reference(corpus: Path, scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted run: what every interrupted-and-resumed run must reproduce."""
    out = tmp_path_factory.mktemp("scale") / "reference"
    result = run_dask([str(corpus)], out, scheduler=scheduler, partition_size=SIZE)
    assert result.exit_code == 3 and result.documents == len(ARTICLES) and result.rejected == 1
    assert result.workers == 2
    return out


def _snapshot(out: Path) -> dict[str, bytes]:
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "manifest.json")
    return {str(p.relative_to(out)): p.read_bytes() for p in files}


def test_cluster_codes_the_same_documents_as_one_process(corpus: Path, reference: Path) -> None:
    from thucydides.coder import Coder
    from thucydides.ingest import read_inputs

    single = [d for d in Coder().code_many(read_inputs([str(corpus)])) if isinstance(d, Document)]
    clustered = list(iter_documents(reference))
    assert [d.id for d in clustered] == [a[0] for a in ARTICLES]
    assert [d.to_dict(include_text=True) for d in clustered] == [d.to_dict(include_text=True) for d in single]
    assert sum(len(d.events) for d in clustered) > 0  # the comparison must be about something


def test_killed_client_resumes_to_identical_output(corpus: Path, scheduler: str, reference: Path,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    # The client stalls right after its first part is renamed into place, then is killed
    # outright (SIGKILL: no cleanup, no manifest update).
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "import thucydides.scale.commands as c\n"
        "real = c.write_atomic\n"
        "def stall(path, data):\n"
        "    real(path, data)\n"
        "    if path.suffix == '.parquet':\n"
        "        time.sleep(600)\n"
        "c.write_atomic = stall\n"
        f"c.run_dask([{str(corpus)!r}], Path({str(out)!r}), scheduler={scheduler!r}, partition_size={SIZE})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not finished_parts(out) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert len(finished_parts(out)) == 1
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert json.loads((out / "manifest.json").read_text())["status"] == "running"  # died mid-batch
    result = run_dask([str(corpus)], out, scheduler=scheduler, resume=True)
    assert result.skipped_partitions == 1 and result.coded_partitions == 3
    assert _snapshot(out) == _snapshot(reference)


def test_killed_worker_is_replaced_and_output_is_unchanged(corpus: Path, scheduler: str, reference: Path,
                                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    real = scale_commands.write_atomic
    killed: list[int] = []

    def kill_a_worker_after_first_part(path: Path, data: bytes) -> None:
        real(path, data)
        if path.suffix == ".parquet" and not killed:
            # The rest of the window is still on the workers, running or finished but not yet
            # fetched: kill the worker holding most of it, so that work is really lost.
            with Client(scheduler) as spy:
                held: dict[str, int] = {}
                for where in (spy.processing(), spy.has_what()):
                    for worker, keys in where.items():
                        held[worker] = held.get(worker, 0) + sum("thucydides-part" in str(k) for k in keys)
                victim = max(held, key=lambda w: held[w])
                pid = spy.run(os.getpid, workers=[victim])[victim]
            os.kill(pid, signal.SIGKILL)
            killed.append(held[victim])

    monkeypatch.setattr(scale_commands, "write_atomic", kill_a_worker_after_first_part)
    out = tmp_path / "out"
    # one article per part, so that most of the batch is still to do when the worker dies
    result = run_dask([str(corpus)], out, scheduler=scheduler, partition_size=1)
    assert killed and killed[0] >= 1, "the killed worker held no partition"
    assert not result.failed and result.coded_partitions == len(ARTICLES)
    assert [d.to_dict(include_text=True) for d in iter_documents(out)] == [
        d.to_dict(include_text=True) for d in iter_documents(reference)]
    assert (out / "rejects.jsonl").read_bytes() == (reference / "rejects.jsonl").read_bytes()


def test_parts_load_into_the_store_and_read_in_duckdb(reference: Path, tmp_path: Path) -> None:
    from thucydides.store import EventStore, load_parquet_dir

    with EventStore(tmp_path / "events.duckdb") as store:
        stats = load_parquet_dir(reference, store)
        assert stats.articles == len(ARTICLES) and store.count("articles") == len(ARTICLES)
        assert store.count("events") == sum(len(d.events) for d in iter_documents(reference))
    rows = duckdb.sql(f"SELECT count(*), count(DISTINCT id) FROM read_parquet('{reference}/parts/*.parquet')")
    assert rows.fetchall() == [(len(ARTICLES), len(ARTICLES))]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "thucydides", "code", *args], capture_output=True, text=True,
                          timeout=300)


def test_cli_engine_dask(corpus: Path, scheduler: str, reference: Path, tmp_path: Path) -> None:
    if "--engine" not in _cli("--help").stdout:
        pytest.skip("`thucydides code --engine` is not wired into the CLI yet")
    out = tmp_path / "out"
    args = [str(corpus), "--engine", "dask", "--scheduler", scheduler, "-o", str(out),
            "--partition-size", "2", "--no-progress"]
    first = _cli(*args)
    assert first.returncode == 3, first.stderr  # one malformed line: some rejected
    assert _snapshot(out) == _snapshot(reference)
    again = _cli(*args)
    assert again.returncode == 1 and "--resume" in again.stderr
    resumed = _cli(*args, "--resume")
    assert resumed.returncode == 3, resumed.stderr
    assert _snapshot(out) == _snapshot(reference)
