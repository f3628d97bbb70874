"""The store's CLI commands, run through Typer's CliRunner on an app built with `register`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import typer
from PIL import Image
from test_store import GENEVA, make_doc, make_event
from typer.testing import CliRunner

from thucydides.store import EventStore, documents_to_arrow
from thucydides.store.exports import GDELT_COLUMNS


def timeline_docs() -> list:
    docs = []
    plan = [("2024-01-05", "RUSGOV", "USA", "040"), ("2024-01-18", "USA", "RUS", "112"),
            ("2024-02-02", "RUSMIL", "USA", "130"), ("2024-02-20", "USAGOV", "RUSGOV", "036"),
            ("2024-03-11", "RUS", "USA", "190"), ("2024-03-12", "USA", "RUS", "070"),
            ("2024-04-01", "RUSGOV", "USAGOV", "057"), ("2024-04-15", "SYRMIL", "SYRREB", "193")]
    for i, (day, src, tgt, code) in enumerate(plan):
        docs.append(make_doc(f"a{i}", [make_event(0, src, tgt, code, date=day, location=GENEVA)], date=day))
    return docs


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    with EventStore(path) as s:
        s.add_documents(timeline_docs())
    return path


def invoke(runner: CliRunner, app: typer.Typer, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_query_dyad_csv_and_json(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    out = invoke(runner, app, "query", "dyad", "RUS", "USA", "--store", str(store), "--by", "month",
                 "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["period"] for r in rows] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    assert [int(r["events"]) for r in rows] == [2, 2, 2, 1]
    assert rows[2]["material_conflict"] == "1" and rows[2]["material_cooperation"] == "1"
    data = json.loads(invoke(runner, app, "query", "dyad", "RUS", "USA", "--store", str(store), "--directed",
                             "--from", "2024-01-01", "--to", "2024-02-29", "--format", "json"))
    assert [d["events"] for d in data] == [1, 1]
    assert data[0]["goldstein_mean"] == pytest.approx(1.0)


def test_query_dyad_table(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    out = invoke(runner, app, "query", "dyad", "RUS", "USA", "--store", str(store), "--format", "table")
    assert "RUS ↔ USA" in out and "verbal_cooperation" in out and "2024-03-01" in out


def test_query_actors(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    data = json.loads(invoke(runner, app, "query", "actors", "--store", str(store), "--by-country",
                             "--format", "json"))
    assert [d["country"] for d in data[:2]] == ["RUS", "USA"]
    assert data[0]["events"] == 7


def test_query_events_filters(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    data = json.loads(invoke(runner, app, "query", "events", "--store", str(store), "--actor", "SYR",
                             "--code", "19", "--format", "json"))
    assert len(data) == 1 and data[0]["cameo"] == "193" and data[0]["num_articles"] == 1
    out = invoke(runner, app, "query", "events", "--store", str(store), "--mentions", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 8
    table = invoke(runner, app, "query", "events", "--store", str(store), "--limit", "2", "--format", "table")
    assert "cluster_id" in table and "2024-01-05" in table and "2024-03-11" not in table


def test_query_summary(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    rows = {r["table"]: int(r["rows"]) for r in csv.DictReader(io.StringIO(
        invoke(runner, app, "query", "summary", "--store", str(store), "--format", "csv")))}
    assert rows["articles"] == 8 and rows["event_clusters"] == 8


def test_sql_command(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    out = invoke(runner, app, "sql", "--store", str(store), "--format", "json",
                 "SELECT quad_class, count(*) AS n FROM event_clusters GROUP BY 1 ORDER BY 1")
    assert json.loads(out) == [{"quad_class": 1, "n": 3}, {"quad_class": 2, "n": 1},
                               {"quad_class": 3, "n": 2}, {"quad_class": 4, "n": 2}]


def test_sql_error_is_one_line(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    result = runner.invoke(app, ["sql", "--store", str(store), "SELECT nope FROM events"])
    assert result.exit_code == 1
    assert "SQL error" in result.stderr


def test_export_command_gdelt_and_filters(runner: CliRunner, app: typer.Typer, store: Path,
                                          tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    result = runner.invoke(app, ["export", "--store", str(store), "--format", "gdelt", "-o", str(out),
                                 "--actor", "RUS", "--from", "2024-02-01", "--to", "2024-03-31", "--header"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(GDELT_COLUMNS)
    assert len(lines) == 1 + 4 and all(len(line.split("\t")) == 61 for line in lines)
    assert "wrote 4 rows" in result.stderr


def test_export_every_format(runner: CliRunner, app: typer.Typer, store: Path, tmp_path: Path) -> None:
    for fmt, name in (("icews", "e.tab"), ("plover", "e.jsonl"), ("csv", "e.csv"), ("parquet", "pq")):
        args = ["export", "--store", str(store), "--format", fmt, "-o", str(tmp_path / name)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (fmt, result.output)
    assert len((tmp_path / "e.tab").read_text(encoding="utf-8").splitlines()) == 9
    assert len((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()) == 8
    assert sorted(p.name for p in (tmp_path / "pq" / "year=2024").iterdir()) == [
        "month=01", "month=02", "month=03", "month=04"]


def test_bad_options_are_reported(runner: CliRunner, app: typer.Typer, store: Path, tmp_path: Path) -> None:
    bad_date = runner.invoke(app, ["query", "dyad", "RUS", "USA", "--store", str(store), "--from", "March"])
    assert bad_date.exit_code == 2 and "--from" in bad_date.output
    bad_format = runner.invoke(app, ["export", "--store", str(store), "--format", "xml", "-o", "x"])
    assert bad_format.exit_code == 2
    missing = runner.invoke(app, ["query", "actors", "--store", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no such event store" in missing.stderr
    bad_actor = runner.invoke(app, ["query", "events", "--store", str(store), "--actor", "R-1"])
    assert bad_actor.exit_code == 1 and "actor code" in bad_actor.stderr


def test_plot_dyad_writes_a_real_png(runner: CliRunner, app: typer.Typer, store: Path,
                                     tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    invoke(runner, app, "plot", "dyad", "RUS", "USA", "--store", str(store), "-o", str(out), "--by", "month")
    assert out.stat().st_size > 10_000
    with Image.open(out) as img:
        assert img.format == "PNG"
        assert img.width >= 1000
        colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 10


def test_load_parquet_parts(runner: CliRunner, app: typer.Typer, tmp_path: Path) -> None:
    parts = tmp_path / "out" / "parts"
    parts.mkdir(parents=True)
    docs = timeline_docs()
    pq.write_table(documents_to_arrow(docs[:5]), parts / "part-00000.parquet")
    nested = parts / "more"
    nested.mkdir()
    pq.write_table(documents_to_arrow(docs[5:]), nested / "part-00001.parquet")
    store = tmp_path / "loaded.duckdb"
    result = runner.invoke(app, ["load", str(tmp_path / "out"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "loaded 8 articles" in result.stderr
    again = runner.invoke(app, ["load", str(tmp_path / "out"), "--store", str(store)])
    assert again.exit_code == 0 and "8 replaced" in again.stderr
    with EventStore(store, read_only=True) as s:
        assert s.count("articles") == 8 and s.count("events") == 8
        text = s.sql("SELECT text FROM articles WHERE article_id = 'a0'")["text"].iloc[0]
    assert text == docs[0].text


def test_load_rejects_a_foreign_parquet_file(runner: CliRunner, app: typer.Typer, tmp_path: Path) -> None:
    import pyarrow as pa

    pq.write_table(pa.table({"x": [1, 2]}), tmp_path / "other.parquet")
    result = runner.invoke(app, ["load", str(tmp_path), "--store", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1 and "not a documents part" in result.stderr


def test_plot_with_no_events_still_draws_a_chart(tmp_path: Path, store: Path) -> None:
    from thucydides.store.plot import plot_dyad

    with EventStore(store, read_only=True) as s:
        frame = s.dyad("RUS", "JPN")
    assert len(frame) == 0
    out = plot_dyad(frame, "RUS", "JPN", tmp_path / "empty.png")
    with Image.open(out) as img:
        assert img.format == "PNG"
