"""The flat formats (events, csv, table) count the events the store and exports count: non-events
(negated, hypothetical, questioned, denied) only with --include-non-events, flagged; the
documents format (the evaluation contract) always carries every event."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_store import make_doc, make_event
from typer.testing import CliRunner

from thucydides.cli import EXIT_USAGE, app
from thucydides.models import Document
from thucydides.output import Writer


def mixed_doc() -> Document:
    events = [make_event(0, "RUS", "UKR", "190"),
              make_event(1, "RUS", "UKR", "190", negated=True),
              make_event(2, "TUR", "GRC", "130", modality="hypothetical"),
              make_event(3, "USA", "CHN", "112", modality="questioned"),
              make_event(4, "IRN", "ISR", "190", modality="denied"),
              make_event(5, "DEU", "IRN", "112", modality="reported")]
    return make_doc("m1", events)


def written(fmt: str, include_non_events: bool = False) -> str:
    out = io.StringIO()
    writer = Writer(out, fmt, include_non_events)
    writer.write(mixed_doc())
    writer.close()
    return out.getvalue()


def test_events_and_csv_leave_non_events_out_by_default() -> None:
    events = [json.loads(line) for line in written("events").splitlines()]
    assert [e["event_id"] for e in events] == ["e0", "e5"]
    rows = list(csv.DictReader(io.StringIO(written("csv"))))
    assert [r["event_id"] for r in rows] == ["e0", "e5"]


def test_include_non_events_writes_them_flagged() -> None:
    events = {e["event_id"]: e for e in map(json.loads, written("events", True).splitlines())}
    assert len(events) == 6
    assert events["e1"]["negated"] is True
    assert [events[i]["modality"] for i in ("e2", "e3", "e4")] == ["hypothetical", "questioned", "denied"]
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(written("csv", True)))}
    assert len(rows) == 6 and rows["e1"]["negated"] == "True" and rows["e2"]["modality"] == "hypothetical"


def test_the_table_marks_non_events_when_asked_for_them() -> None:
    plain, every = written("table"), written("table", True)
    assert "2 coded events" in plain and "[" not in plain
    assert "6 coded events" in every
    for flag in ("[negated]", "[hypothetical]", "[questioned]", "[denied]"):
        assert flag in every


@pytest.mark.parametrize("include", [False, True])
def test_documents_always_carry_every_event(include: bool) -> None:
    out = io.StringIO()
    Writer(out, "documents", include).write(mixed_doc())
    doc = json.loads(out.getvalue())
    assert len(doc["events"]) == 6 and doc["events"][1]["negated"] is True


def test_include_non_events_with_documents_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["code", "-", "--include-non-events"], input="Russia attacked Ukraine.")
    assert result.exit_code == EXIT_USAGE and "documents always carry" in result.stderr
