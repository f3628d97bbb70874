"""`thucydides alerts`: run a check (--check) and list what is stored, as a table and as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from alert_stream import steady, surge_on_last_day, write_stream
from typer.testing import CliRunner

from thucydides.cli import app


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["alerts", *args])
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    """A usage error as one line: without the frame click-rich draws round it, and its line breaks."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_check_prints_stores_and_appends_the_new_alert_once(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    code, stdout, stderr = run("--store", str(store), "--check", "--as-of", "2024-03-03", "--jsonl", str(out))
    assert code == 0, stderr
    assert stdout.startswith("ALERT daily-surge [2024-03-03]: RUS -> UKR: 12 events")
    assert "1 new alert(s)" in stderr
    assert json.loads(out.read_text(encoding="utf-8"))["rule"] == "daily-surge"
    code, stdout, stderr = run("--store", str(store), "--check", "--as-of", "2024-03-03", "--jsonl", str(out))
    assert code == 0 and stdout == "" and "0 new alert(s)" in stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_list_as_json_and_table_with_filters(store: Path) -> None:
    assert run("--store", str(store), "--check", "--as-of", "2024-03-03T20:00")[0] == 0
    code, stdout, _ = run("--store", str(store), "--format", "json")
    [alert] = json.loads(stdout)
    assert (alert["rule"], alert["source"], alert["target"]) == ("daily-surge", "RUS", "UKR")
    assert alert["count"] == 12
    assert alert["webhook"] == {"attempts": 0, "error": None, "sent_at": None}
    assert len(alert["events"]) == 12
    code, stdout, _ = run("--store", str(store), "--format", "table")
    assert code == 0 and "daily-surge" in stdout and "RUS -> UKR" in stdout and "z 7.1" in stdout
    for args, n in ((["--since", "2024-03-04"], 0), (["--since", "2024-03-03"], 1), (["--actor", "UKR"], 1),
                    (["--actor", "USA"], 0), (["--rule", "weekly-surge"], 0),
                    (["--open", "--as-of", "2024-03-04"], 1), (["--open", "--as-of", "2024-03-05"], 0)):
        code, stdout, _ = run("--store", str(store), "--format", "json", *args)
        assert code == 0 and len(json.loads(stdout)) == n, args


def test_check_with_a_json_answer_and_a_steady_store(tmp_path: Path) -> None:
    path = tmp_path / "steady.duckdb"
    write_stream(path, steady)
    code, stdout, _ = run("--store", str(path), "--check", "--as-of", "2024-03-03", "--format", "json")
    assert code == 0 and json.loads(stdout) == []


def test_bad_arguments_are_named(store: Path, tmp_path: Path) -> None:
    bad_rules = tmp_path / "rules.yaml"
    bad_rules.write_text("version: 1\nrules:\n  - name: x\n    test: spike\n", encoding="utf-8")
    code, _, stderr = run("--store", str(store), "--check", "--rules", str(bad_rules))
    assert code == 1 and f"{bad_rules}:4: test: 'spike' is not one of count, goldstein" in stderr
    cases = [
        (["--check", "--webhook", "file:///etc/passwd"], "not an http"),
        (["--check", "--jsonl", str(tmp_path / "nowhere" / "a.jsonl")], "no such directory"),
        (["--check", "--rules", str(tmp_path / "missing.yaml")], "no such file"),
        (["--webhook", "http://127.0.0.1:9/"], "only with --check"),
        (["--since", "yesterday"], "is not a date"),
        (["--as-of", "soon"], "is not a day or time"),
        (["--format", "csv"], "is not one of table, json"),
    ]
    for args, message in cases:
        code, _, stderr = run("--store", str(store), *args)
        assert code == 2 and message in flat(stderr), (args, stderr)
    code, _, stderr = run("--store", str(tmp_path / "none.duckdb"))
    assert code == 1 and "no such event store" in stderr
