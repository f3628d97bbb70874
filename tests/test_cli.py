"""End-to-end tests through the real command line (a subprocess, as a user runs it)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "thucydides", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    lines = [
        json.dumps({"id": "one", "text": "Rebels attacked an army base in the north on Monday.",
                    "date": "2021-03-02"}),
        "{broken",
        json.dumps({"id": "two", "text": "The government rejected the opposition's demands.",
                    "date": "2021-03-03"}),
        json.dumps({"id": "three", "text": ""}),
    ]
    (folder / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_documents_follow_the_contract_and_bad_lines_are_reported(batch: Path, tmp_path: Path) -> None:
    out, rejects = tmp_path / "out.jsonl", tmp_path / "rejects.jsonl"
    proc = run_cli("code", str(batch / "in.jsonl"), "-o", str(out), "--format", "documents",
                   "--rejects", str(rejects))
    assert proc.returncode == 3, proc.stderr.decode()  # some inputs rejected
    stderr = proc.stderr.decode()
    assert "in.jsonl:2" in stderr and "malformed JSON" in stderr
    assert "in.jsonl:4" in stderr and "empty text" in stderr
    assert "Traceback" not in stderr
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == ["one", "two"]
    for doc in docs:
        assert {"id", "date", "actors", "events", "places", "times", "quotes"} <= doc.keys()
        for event in doc["events"]:
            assert {"trigger", "source", "target", "cameo", "quad_class", "goldstein", "plover",
                    "sentence_index", "confidence", "date"} <= event.keys()
            assert event["cameo"].isdigit() and 2 <= len(event["cameo"]) <= 4
            trig = event["trigger"]
            assert doc_text(batch, doc["id"])[trig["start"]:trig["end"]] == trig["text"]
    rejected = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert [r["origin"].rsplit(":", 1)[1] for r in rejected] == ["2", "4"]
    attack = [e for e in docs[0]["events"] if e["cameo"].startswith(("18", "19"))]
    assert attack, docs[0]["events"]


def doc_text(batch: Path, ident: str) -> str:
    for line in (batch / "in.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if rec.get("id") == ident:
            return rec["text"]
    raise KeyError(ident)


def test_stdin_text_to_events_jsonl_on_stdout() -> None:
    proc = run_cli("code", "-", "--format", "events", "--date", "2020-07-01",
                   stdin=b"Police arrested twelve protesters in the capital on Tuesday.")
    assert proc.returncode == 0, proc.stderr.decode()
    events = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert any(e["cameo"].startswith("173") for e in events), events
    assert {e["article_id"] for e in events} == {"stdin-" + hashlib.sha256(
        b"Police arrested twelve protesters in the capital on Tuesday.").hexdigest()[:12]}


def test_csv_output_has_a_header_and_one_row_per_event() -> None:
    proc = run_cli("code", str(EXAMPLES / "articles.jsonl"), "--format", "csv")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert rows and {"article_id", "cameo", "source_code", "target_code", "plover_type"} <= rows[0].keys()


def test_nothing_coded_exits_1_and_invalid_date_option_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("code", str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert "no such file" in proc.stderr.decode()
    proc = run_cli("code", "-", "--date", "2020-02-31", stdin=b"Talks began.")
    assert proc.returncode == 2
    assert "2020-02-31" in proc.stderr.decode() and "Traceback" not in proc.stderr.decode()


def test_workers_give_the_same_output_as_one_process(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run_cli("code", str(EXAMPLES), "-o", str(one)).returncode == 0
    assert run_cli("code", str(EXAMPLES), "-o", str(two), "--workers", "2").returncode == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_version_and_console_entry_point() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("thucydides ")
    script = Path(sys.executable).parent / "thucydides"
    assert script.exists(), "console script not installed"
    proc = subprocess.run([str(script), "code", "--help"], capture_output=True, timeout=120)
    assert proc.returncode == 0 and b"--format" in proc.stdout
