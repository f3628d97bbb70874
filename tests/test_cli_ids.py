"""Ids that never collide silently, exit codes a script can tell apart, and the `code` options
that decide what is written where (--on-duplicate, --min-confidence, --store without -o, -o -)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from thucydides.cli import EXIT_NOTHING, EXIT_SOME_REJECTED, EXIT_USAGE, app
from thucydides.ingest import read_inputs, read_stdin, unique_ids
from thucydides.models import Article, Reject
from thucydides.store import EventStore

STORY = "Rebels attacked an army base near the border on Monday, the defence ministry said."
OTHER = "The foreign minister met his Chinese counterpart in Beijing to discuss trade."


def articles(items: list[Article | Reject]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def test_two_files_of_one_name_in_different_folders_get_different_ids(tmp_path: Path) -> None:
    for folder in ("north", "south"):
        (tmp_path / "wire" / folder).mkdir(parents=True)
        (tmp_path / "wire" / folder / "report.txt").write_text(STORY, encoding="utf-8")
    jsonl(tmp_path / "wire" / "south" / "more.jsonl", {"text": OTHER})
    ids = [a.id for a in articles(list(read_inputs([str(tmp_path / "wire")])))]
    assert ids == ["north/report", "south/more-1", "south/report"]
    # a file named on its own keeps the plain name
    assert [a.id for a in read_inputs([str(tmp_path / "wire" / "north" / "report.txt")])] == ["report"]


def test_stdin_ids_come_from_the_text() -> None:
    [one] = read_stdin(io.BytesIO(STORY.encode()))
    [again] = read_stdin(io.BytesIO(STORY.encode()))
    [other] = read_stdin(io.BytesIO(OTHER.encode()))
    assert one.id == again.id != other.id and one.id.startswith("stdin-")
    lines = (json.dumps({"text": STORY}) + "\n" + json.dumps({"text": OTHER}) + "\n").encode()
    first, second = read_stdin(io.BytesIO(lines))
    assert first.id != second.id and first.id.startswith("stdin-")


@pytest.mark.parametrize(("policy", "kept", "rejected"), [("error", ["a", "b"], 1), ("skip", ["a", "b"], 0),
                                                          ("replace", ["a", "b", "a"], 0)])
def test_a_repeated_id_is_rejected_skipped_or_passed(policy: str, kept: list[str], rejected: int) -> None:
    items = [Article("a", STORY, origin="in.jsonl:1"), Article("b", OTHER, origin="in.jsonl:2"),
             Article("a", OTHER, origin="in.jsonl:3")]
    out = list(unique_ids(items, policy))
    assert [i.id for i in out if isinstance(i, Article)] == kept
    rejects = [i for i in out if isinstance(i, Reject)]
    assert len(rejects) == rejected
    if rejects:
        assert rejects[0].origin == "in.jsonl:3" and "in.jsonl:1" in rejects[0].reason


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_cli_rejects_a_repeated_id_with_its_line_and_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    source = jsonl(tmp_path / "in.jsonl", {"id": "x", "text": STORY}, {"id": "x", "text": OTHER})
    result = runner.invoke(app, ["code", str(source), "-o", str(tmp_path / "out.jsonl"), "--no-progress"])
    assert result.exit_code == EXIT_SOME_REJECTED == 3, result.output
    assert "in.jsonl:2" in result.stderr and "duplicate id 'x'" in result.stderr
    skipped = runner.invoke(app, ["code", str(source), "-o", str(tmp_path / "o2.jsonl"),
                                  "--on-duplicate", "skip"])
    assert skipped.exit_code == 0 and len((tmp_path / "o2.jsonl").read_text().splitlines()) == 1


def test_exit_codes_tell_usage_from_rejects_from_nothing(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["code", "-", "--format", "nope"], input=STORY).exit_code == EXIT_USAGE == 2
    assert runner.invoke(app, ["code", "-", "--on-duplicate", "maybe"], input=STORY).exit_code == EXIT_USAGE
    assert runner.invoke(app, ["code", str(tmp_path / "missing.txt")]).exit_code == EXIT_NOTHING == 1


def test_store_without_output_keeps_stdout_quiet_and_dash_is_stdout(runner: CliRunner,
                                                                    tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    quiet = runner.invoke(app, ["code", "-", "--store", str(store)], input=STORY)
    assert quiet.exit_code == 0 and quiet.stdout == "" and "stored 1 articles" in quiet.stderr
    loud = runner.invoke(app, ["code", "-", "--store", str(store), "-o", "-", "--format", "events"],
                         input=STORY)
    assert loud.exit_code == 0 and loud.stdout.strip() and not Path("-").exists()


def test_min_confidence_leaves_out_unsure_events(runner: CliRunner) -> None:
    text = STORY + " " + OTHER
    every = runner.invoke(app, ["code", "-", "--format", "events"], input=text)
    confidences = [json.loads(x)["confidence"] for x in every.stdout.splitlines()]
    assert len(confidences) >= 2
    cut = sorted(confidences)[-1]
    some = runner.invoke(app, ["code", "-", "--format", "events", "--min-confidence", str(cut)], input=text)
    kept = [json.loads(x)["confidence"] for x in some.stdout.splitlines()]
    assert kept and all(c >= cut for c in kept) and len(kept) < len(confidences)


def test_recoding_the_same_text_keeps_title_and_publisher(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "s.duckdb"
    first = jsonl(tmp_path / "a.jsonl", {"id": "wire-1", "text": STORY, "title": "Base attacked",
                                         "source": "Agency A", "url": "https://a.example/1"})
    again = jsonl(tmp_path / "b.jsonl", {"id": "wire-1-again", "text": STORY})
    for source in (first, again):
        assert runner.invoke(app, ["code", str(source), "--store", str(store)]).exit_code == 0
    with EventStore(store, read_only=True) as s:
        row = s.sql("SELECT article_id, title, source, url FROM articles").values.tolist()
    assert row == [["wire-1-again", "Base attacked", "Agency A", "https://a.example/1"]]


def test_a_german_article_is_reported_not_silently_empty(runner: CliRunner) -> None:
    german = ("Der Verteidigungsminister sagte am Dienstag, die Regierung werde nach einer Reihe "
              "von Angriffen der Rebellen im Norden des Landes mehr Truppen an die Grenze schicken, "
              "und die Opposition kritisierte den Plan scharf, weil er nicht abgestimmt sei.")
    result = runner.invoke(app, ["code", "-", "--format", "events"], input=german)
    assert "does not look like English" in result.stderr and "German" in result.stderr
    english = runner.invoke(app, ["code", "-", "--format", "events"], input=STORY)
    assert "English" not in english.stderr


def test_the_dask_engine_is_given_the_duplicate_policy(runner: CliRunner, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import thucydides.scale as scale

    asked: dict[str, object] = {}

    def fake_run_dask(inputs: list[str], out_dir: Path, **kw: object) -> None:
        asked.update(kw)
        raise scale.ScaleError("stopped by the test")

    monkeypatch.setattr(scale, "run_dask", fake_run_dask)
    source = jsonl(tmp_path / "in.jsonl", {"id": "x", "text": STORY})
    for policy in ("skip", "error"):
        args = ["code", str(source), "--engine", "dask", "-o", str(tmp_path / "batch")]
        result = runner.invoke(app, args + (["--on-duplicate", policy] if policy != "error" else []))
        assert result.exit_code == EXIT_NOTHING and "stopped by the test" in result.stderr
        assert asked["on_duplicate"] == policy
