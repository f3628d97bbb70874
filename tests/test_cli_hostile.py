"""The command line on hostile input: every record guarded, a killed run keeps what it stored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "thucydides", *args], capture_output=True, cwd=ROOT,
                          timeout=300)


def test_one_batch_of_every_reproducer_codes_the_rest_and_exits_3(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "ok-1", "text": "Rebels attacked a convoy near the border.", "date": "2021-06-01"}),
        '{"id": "sur", "text": "The army \\ud800 withdrew."}',
        '{"id": "\\udfff", "text": "The army withdrew."}',
        '{"id": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "x"}',
        '{"id": ' + "5" * 5000 + ', "text": "The army withdrew."}',
        json.dumps({"id": "late", "text": "The envoys will meet again next week.", "date": "9999-12-31"}),
        json.dumps({"id": "early", "text": "The envoys met last week.", "date": "0001-01-01"}),
        json.dumps({"id": "long", "text": "The talks went on. " * 20}),
        json.dumps({"id": "ok-2", "text": "The minister condemned the bombing.", "date": "2021-06-02"}),
    ]
    source, out, rejects = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run_cli("code", str(source), "-o", str(out), "--rejects", str(rejects), "--max-chars", "300")
    assert proc.returncode == 3, proc.stderr.decode()  # some inputs rejected
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["ok-1", "late", "early", "ok-2"]
    records = [json.loads(x) for x in rejects.read_text().splitlines()]
    reasons = {r["origin"].rsplit(":", 1)[1]: r["reason"] for r in records}
    assert set(reasons) == {"2", "3", "4", "5", "8"}
    assert "surrogate" in reasons["2"] and "surrogate" in reasons["3"] and "nested" in reasons["4"]
    assert "digits" in reasons["5"] and "over the limit of 300" in reasons["8"]


def test_nothing_codable_exits_1(tmp_path: Path) -> None:
    from thucydides.cli import app

    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "sur", "text": "\\ud800"}\n{"id": "big", "text": "Talks went on."}\n',
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["code", str(source), "-o", str(out), "--max-chars", "5"])
    assert result.exit_code == 1 and "nothing could be coded" in result.stderr


def test_output_is_not_created_when_the_store_cannot_be_opened(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import thucydides.store as store_package
    from thucydides.cli import app
    from thucydides.store import StoreLockedError

    class LockedStore:
        def __init__(self, path: Path, **options: object) -> None:
            raise StoreLockedError(Path(path), 30.0, "Could not set lock on file")

    monkeypatch.setattr(store_package, "EventStore", LockedStore)
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "The army withdrew."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(source), "-o", str(out), "--store", str(tmp_path / "s.db"),
                                      "--rejects", str(tmp_path / "rejects.jsonl")])
    assert result.exit_code == 1 and "locked" in result.stderr
    assert not out.exists() and not (tmp_path / "rejects.jsonl").exists()


def _articles(n: int) -> str:
    verbs = ("attacked", "criticised", "praised", "met", "threatened")
    return "".join(json.dumps({"id": f"a{i}", "text": f"Rebels {verbs[i % 5]} the garrison in town {i}.",
                               "date": "2022-01-03"}) + "\n" for i in range(n))


def _stored(path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone()
        assert rows is not None
        return int(rows[0]), int(rows[1])
    finally:
        con.close()


@pytest.mark.slow
def test_a_run_killed_with_sigkill_keeps_its_commits_and_a_rerun_completes_it(tmp_path: Path) -> None:
    n = 400
    source, out, store = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "s.duckdb"
    source.write_text(_articles(n), encoding="utf-8")
    args = [sys.executable, "-m", "thucydides", "code", str(source), "-o", str(out), "--store", str(store),
            "--commit-every", "5", "--no-progress"]
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        # A document line on disk was written before the next one was stored: 12 lines mean
        # at least 11 articles were handed to the store, so two commits of 5 have happened.
        while time.monotonic() < deadline and proc.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 12:
                break
            time.sleep(0.05)
        if proc.poll() is not None:
            pytest.skip("the run finished before it could be killed")
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    total, distinct = _stored(store)
    assert 10 <= total < n and total == distinct
    again = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    assert _stored(store) == (n, n)
