"""Output writers: documents (the FORMAT.md contract), flat events JSONL, CSV, and a readable table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from thucydides.models import Document, Event

FORMATS = ("documents", "events", "csv", "table")

# Events the text does not assert happened: talked of as possible, asked about, or denied.
# With `negated` ones they are non-events: coded and kept in documents (flagged: the evaluation
# contract), but left out of the flat formats (events, csv, table) unless asked for, and of the
# store's counts, queries and aggregates and of every export, so that every way of reading
# events as data counts the same ones.
NOT_ASSERTED_MODALITIES = ("denied", "hypothetical", "questioned")
# Formats that write one row per event, where non-events are left out by default.
FLAT_FORMATS = ("events", "csv", "table")


def is_asserted(event: Event) -> bool:
    return not event.negated and (event.modality or "asserted") not in NOT_ASSERTED_MODALITIES


def drop_unsure(doc: Document, min_confidence: float | None) -> Document:
    """The document without its events coded below `min_confidence` (None: all kept)."""
    if min_confidence is not None:
        doc.events = [e for e in doc.events if e.confidence >= min_confidence]
    return doc

EVENT_COLUMNS = (
    "article_id", "event_id", "date", "date_source", "sentence_index", "source_code", "source_text",
    "target_code", "target_text", "cameo", "event_name", "quad_class", "goldstein", "plover_type",
    "plover_mode", "plover_context", "trigger", "location", "lat", "lon", "negated", "modality",
    "confidence", "rule", "quote", "mentions", "sentence",
    # added last so that CSV readers that count columns keep theirs
    "date_precision", "location_source",
)


def _event_name(code: str) -> str:
    from thucydides.ontology import is_valid, lookup

    return lookup(code).name if is_valid(code) else ""


def _sentence_text(doc: Document, index: int) -> str:
    for s in doc.sentences:
        if s.index == index:
            return doc.text[s.start:s.end].strip()
    return ""


def flat_event(doc: Document, event: Event) -> dict[str, Any]:
    """One event as a flat record: what `--format events` and `csv` write."""
    src, tgt, loc = event.source, event.target, event.location
    return {
        "article_id": doc.id,
        "event_id": event.id,
        "date": event.date,
        "date_source": event.date_source,
        "sentence_index": event.sentence_index,
        "source_code": src.code if src else None,
        "source_text": src.text if src else None,
        "target_code": tgt.code if tgt else None,
        "target_text": tgt.text if tgt else None,
        "cameo": event.cameo,
        "event_name": _event_name(event.cameo),
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": event.plover.type,
        "plover_mode": event.plover.mode,
        "plover_context": ";".join(event.plover.context),
        "trigger": event.trigger.text,
        "location": (loc.name or loc.text) if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "negated": event.negated,
        "modality": event.modality,
        "confidence": round(event.confidence, 3),
        "rule": event.why.get("rule"),
        "quote": event.quote,
        "mentions": max(1, len(event.mentions)),
        "sentence": _sentence_text(doc, event.sentence_index),
        "date_precision": event.date_precision,
        "location_source": event.location_source,
    }


class Writer:
    """Streams coded documents to one output in one of FORMATS."""

    def __init__(self, stream: IO[str], fmt: str, include_non_events: bool = False):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.stream = stream
        self.fmt = fmt
        self.include_non_events = include_non_events
        self.rows: list[dict[str, Any]] = []
        self._csv: csv.DictWriter[str] | None = None

    def write(self, doc: Document) -> None:
        if self.fmt == "documents":
            self.stream.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            return
        events = [e for e in doc.events if self.include_non_events or is_asserted(e)]
        if self.fmt == "events":
            for event in events:
                self.stream.write(json.dumps(flat_event(doc, event), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.stream, fieldnames=list(EVENT_COLUMNS))
                self._csv.writeheader()
            for event in events:
                self._csv.writerow(flat_event(doc, event))
        else:
            self.rows.extend(flat_event(doc, e) for e in events)

    def write_all(self, docs: Iterable[Document]) -> None:
        for doc in docs:
            self.write(doc)

    def close(self) -> None:
        if self.fmt == "table":
            print_table(self.rows, self.stream)
        self.stream.flush()


def _flagged(row: dict[str, Any]) -> str:
    """The event's name, marked when it is a non-event (only there with --include-non-events)."""
    flag = "negated" if row["negated"] else row["modality"]
    if flag and flag in ("negated", *NOT_ASSERTED_MODALITIES):
        return f"[{flag}] {row['event_name']}"
    return str(row["event_name"])


def print_table(rows: list[dict[str, Any]], stream: IO[str]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(rows)} coded events", show_lines=False, expand=False)
    for column in ("article", "date", "source", "target", "CAMEO", "event", "PLOVER", "trigger", "where"):
        table.add_column(column, overflow="ellipsis", no_wrap=True, max_width=28)
    for r in rows:
        source = r["source_code"] or f"({r['source_text'] or '-'})"
        target = r["target_code"] or (f"({r['target_text']})" if r["target_text"] else "-")
        plover = "/".join(x for x in (r["plover_type"], r["plover_mode"]) if x)
        cells = (str(r["article_id"]), r["date"] or "", source, target, r["cameo"], _flagged(r), plover,
                 r["trigger"], r["location"] or "")
        # text, not markup: "[negated]" or an id in brackets would otherwise be read as a style tag
        table.add_row(*(escape(c or "") for c in cells))
    console = Console(file=stream, width=200) if not stream.isatty() else Console(file=stream)
    console.print(table)
