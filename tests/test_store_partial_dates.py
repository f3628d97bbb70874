"""Events dated to a month or a year ("in March", "in 2023") keep that precision in the store: filed
under their period's first day, never under the publication day; clustered by the period, so never
one happening with a report of a day; counted in no day or week; and the upgrade of a v5 store
that filed them under the publication day."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from pathlib import Path

import typer
from old_stores import write_old_store
from test_store import make_doc, make_event
from typer.testing import CliRunner

from thucydides.models import Event
from thucydides.store import SCHEMA_VERSION, EventStore
from thucydides.store.filters import precise_enough
from thucydides.store.flatten import event_day, flatten


def dated(i: int, value: str, cameo: str = "190") -> Event:
    """An event as the time stage dates one: its value and the precision it gave."""
    event = make_event(i, "SYR", "TUR", cameo, date=value)
    event.date_source = "relative-to-publication"
    event.date_precision = {10: "day", 7: "month", 4: "year"}[len(value)]
    return event


def test_a_partial_date_is_filed_under_its_period_not_the_publication_day() -> None:
    pub = date(2024, 3, 5)
    assert event_day("2024-03", pub) == date(2024, 3, 1)
    assert event_day("2024", pub) == date(2024, 1, 1)
    assert event_day("2024-03-04", pub) == date(2024, 3, 4)
    assert event_day(None, pub) == pub  # a document from before the coder dated events


def test_precise_enough_names_the_precisions_each_period_counts() -> None:
    assert "'month'" in precise_enough("week") and "'year'" in precise_enough("day")
    assert "'month'" not in precise_enough("month") and "'year'" in precise_enough("month")
    assert precise_enough("year") == "TRUE"


def test_a_month_event_is_no_day_s_event_in_the_store(tmp_path: Path) -> None:
    # published 5 March: "in March" and "on 1 March" are two reports, not one happening
    docs = [make_doc("a1", [dated(0, "2024-03")]), make_doc("a2", [dated(0, "2024-03-01")], source="Paper B"),
            make_doc("a3", [dated(0, "2024-03-05")], source="Paper C")]
    with EventStore(tmp_path / "s.duckdb") as store:
        store.add_documents(docs)
        rows = store.sql("SELECT article_id, event_date, date_precision, cluster_key FROM events "
                         "ORDER BY article_id")
        days = [d.isoformat() for d in rows["event_date"].dt.date]
        assert days == ["2024-03-01", "2024-03-01", "2024-03-05"]
        assert rows["date_precision"].tolist() == ["month", "day", "day"]
        assert rows["cluster_key"].tolist()[0].startswith("2024-03|")
        assert store.count("event_clusters") == 3
        # counted in its month, in no day or week
        assert store.dyad("SYR", "TUR", by="month")["events"].tolist() == [3]
        assert store.dyad("SYR", "TUR", by="day", fill=False)["events"].tolist() == [1, 1]
        assert store.dyad("SYR", "TUR", by="week")["events"].sum() == 2


def test_exports_write_the_month_not_the_publication_day(tmp_path: Path, runner: CliRunner,
                                                         app: typer.Typer) -> None:
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", [dated(0, "2024-03", "112"), dated(1, "2024-03-05")])])

    def export(fmt: str) -> str:
        result = runner.invoke(app, ["export", "--store", str(path), "-f", fmt, "-o", "-"])
        assert result.exit_code == 0, result.output
        return result.stdout

    gdelt = {r[26]: r for r in (line.split("\t") for line in export("gdelt").splitlines())}
    assert (gdelt["112"][1], gdelt["112"][2]) == ("20240300", "202403")  # SQLDATE, MonthYear
    assert gdelt["190"][1] == "20240305"
    icews = {r["CAMEO Code"]: r for r in csv.DictReader(io.StringIO(export("icews")), delimiter="\t")}
    assert icews["112"]["Event Date"] == "2024-03"


def test_a_v5_store_that_filed_a_month_under_the_publication_day_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "v5.duckdb"
    doc = make_doc("a1", [dated(0, "2024-03-05"), dated(1, "2024-03")])
    tables = flatten([doc], {"a1": doc.text}, datetime(2024, 3, 5))
    # what v5 wrote: the publication day and that day's cluster for the month event too
    events = tables["events"].to_pylist()
    events[1]["event_date"] = date(2024, 3, 5)
    events[1]["cluster_key"], events[1]["cluster_id"] = events[0]["cluster_key"], events[0]["cluster_id"]
    assert write_old_store(path, 5, tables, events) == 1  # merged with the day
    with EventStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        after = store.sql("SELECT event_id, event_date, cluster_key FROM events ORDER BY event_id")
        assert [d.isoformat() for d in after["event_date"].dt.date] == ["2024-03-05", "2024-03-01"]
        assert after["cluster_key"].tolist()[1].startswith("2024-03|")
        assert store.count("event_clusters") == 2
