"""Events the coder leaves undated (background before its narrative: "had shelled", "years earlier")
stay undated in the store, its clusters, aggregates and exports: never filed under the
publication day, and the upgrade of a v2 store that did so."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import typer
from old_stores import write_old_store
from test_store import make_doc, make_event
from typer.testing import CliRunner

from thucydides.models import Event
from thucydides.store import SCHEMA_VERSION, EventStore
from thucydides.store.flatten import event_day, flatten


def background(i: int, src: str, tgt: str, cameo: str = "190", precision: str = "past") -> Event:
    """An event as the time stage leaves one it cannot date: no date, source none."""
    event = make_event(i, src, tgt, cameo, sentence_index=1)
    event.date, event.date_source, event.date_precision = None, "none", precision
    return event


def news(i: int, src: str, tgt: str, cameo: str = "190") -> Event:
    """An event dated by the publication date, as the time stage dates news of now."""
    event = make_event(i, src, tgt, cameo, date="2024-03-05")
    event.date_source, event.date_precision = "publication-fallback", "day"
    return event


def test_event_day_of_an_undated_event_is_none_even_with_a_publication_date() -> None:
    pub = date(2024, 3, 5)
    assert event_day(None, pub, undated=True) is None
    assert event_day(None, pub) == pub  # a document from before the coder said "none"
    assert event_day("2024-02-28", pub, undated=True) == date(2024, 2, 28)


def test_undated_background_is_stored_without_a_day_and_counted_in_no_week(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    docs = [make_doc("a1", [news(0, "SYR", "TUR"), background(1, "SYR", "TUR")]),
            make_doc("a2", [background(0, "SYR", "TUR")], source="Paper B")]
    with EventStore(path) as store:
        store.add_documents(docs)
        rows = store.sql("SELECT article_id, event_id, event_date, date_precision, date_source FROM events "
                         "ORDER BY article_id, event_id")
        assert rows["event_date"].isna().tolist() == [False, True, True]
        assert rows["date_precision"].tolist() == ["day", "past", "past"]
        # the two background reports are no evidence of one happening: no day ties them
        clusters = store.sql("SELECT event_date, num_articles FROM event_clusters ORDER BY event_date")
        assert clusters["num_articles"].tolist() == [1, 1, 1]
        week = store.dyad("SYR", "TUR", by="week")
        assert week["events"].tolist() == [1]  # the news of the publication week only
        in_range = store.events(start="2024-03-01", end="2024-03-31", level="mention")
        assert in_range["event_id"].tolist() == ["e0"]


def test_exports_keep_undated_background_undated(tmp_path: Path, runner: CliRunner, app: typer.Typer) -> None:
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", [news(0, "SYR", "TUR"), background(1, "SYR", "TUR", "112")])])

    def export(fmt: str, *more: str) -> str:
        result = runner.invoke(app, ["export", "--store", str(path), "-f", fmt, "-o", "-", *more])
        assert result.exit_code == 0, result.output
        return result.stdout

    gdelt = [line.split("\t") for line in export("gdelt").splitlines()]
    assert [(r[1], r[26]) for r in gdelt] == [("20240305", "190")]  # SQLDATE, EventCode: no 112
    icews = list(csv.DictReader(io.StringIO(export("icews")), delimiter="\t"))
    assert [r["CAMEO Code"] for r in icews] == ["190"]
    plover = {r["cameo"]: r for r in map(json.loads, export("plover").splitlines())}
    assert (plover["112"]["date"], plover["112"]["date_precision"]) == (None, "past")
    assert (plover["190"]["date"], plover["190"]["date_precision"]) == ("2024-03-05", "day")
    flat = {r["cameo"]: r for r in csv.DictReader(io.StringIO(export("csv", "--level", "mention")))}
    assert (flat["112"]["event_date"], flat["112"]["date_precision"]) == ("", "past")


def test_a_v2_store_that_filed_background_under_the_publication_day_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    doc = make_doc("a1", [news(0, "SYR", "TUR"), background(1, "SYR", "TUR")])
    tables = flatten([doc], {"a1": doc.text}, datetime(2024, 3, 5))
    # what v2 wrote: the publication day and a dated cluster key for the background event too
    events = tables["events"].to_pylist()
    events[1]["event_date"] = date(2024, 3, 5)
    events[1]["cluster_key"], events[1]["cluster_id"] = events[0]["cluster_key"], events[0]["cluster_id"]
    assert write_old_store(path, 2, tables, events) == 1  # merged with the news
    with EventStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        after = store.sql("SELECT event_id, event_date, cluster_key FROM events ORDER BY event_id")
        assert after["event_date"].isna().tolist() == [False, True]
        assert after["cluster_key"].tolist()[1] == "own|a1|e1"
        assert store.count("event_clusters") == 2


def test_the_coder_s_background_event_reaches_the_store_undated(tmp_path: Path) -> None:
    from thucydides import Coder

    text = ("Turkish jets struck a village in northern Iraq on Monday, the army said.\n\n"
            "Years earlier, Kurdish militants had attacked a Turkish border post.")
    doc = Coder().code(text, date="2024-03-08", id="bg")
    past = [e for e in doc.events if e.date_precision == "past"]
    assert past and all(e.date is None for e in past)
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        store.add_documents([doc], {"bg": text})
        rows = store.sql("SELECT event_id, event_date FROM events")
    dates = dict(zip(rows["event_id"], rows["event_date"], strict=True))
    assert all(dates[e.id] is None or str(dates[e.id]) == "NaT" for e in past)
