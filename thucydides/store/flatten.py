"""Turn coded `Document`s into column batches (Arrow tables), one per store table.

Building columns in Python is one pass over the documents; the insert itself is a
single `INSERT … SELECT` per table from the registered Arrow table, so DuckDB does
the bulk work in C++ (no row-at-a-time `execute`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa

from thucydides.models import Document, Event

# Cluster ids are GDELT's GLOBALEVENTID: an integer. A hash of the cluster key keeps
# them stable across rebuilds and stores; 53 bits stay exact in JSON and JavaScript.
_ID_MASK = (1 << 53) - 1


def stable_id(key: str) -> int:
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _ID_MASK


def text_sha256(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else None


def parse_day(value: str | None) -> date | None:
    """An ISO date at day precision, or None for YYYY / YYYY-MM / garbage."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# What the time stage says of an event it could not date: background told before its narrative
# ("had shelled", "years earlier") or nothing to count from. Such an event has no day.
UNDATED_PRECISIONS = ("past", "unknown")


def is_undated(event: Event) -> bool:
    """Whether the coder left the event undated on purpose (`date_source` none), so that the
    publication date must not stand in for its date."""
    if event.date:
        return False
    return event.date_source == "none" or event.date_precision in UNDATED_PRECISIONS


def event_day(event_date: str | None, pub_date: date | None, undated: bool = False) -> date | None:
    """The day an event is filed under (GDELT's SQLDATE).

    A day-precise event date wins; a partial date ("2024-03", "2024") is filed under the
    first day of its period, never the publication day (its `date_precision` says it is no
    day); with no date at all, the publication date. An event the coder left `undated` has
    no day: background told as before its narrative would otherwise be counted in the
    publication week.
    """
    if undated and not event_date:
        return None
    day = parse_day(event_date)
    if day is not None:
        return day
    if pub_date is not None and not event_date:
        return pub_date
    if event_date:
        parts = event_date.split("-")
        try:
            return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)
        except (ValueError, IndexError):
            return None
    return None


def location_key(event: Event) -> str:
    loc = event.location
    if loc is None:
        return ""
    if loc.geonameid:
        return f"g{loc.geonameid}"
    return "n" + (loc.name or loc.text or "").strip().lower()


def cluster_key(event: Event, day: date | None, article_id: str) -> str:
    src, tgt = event.source, event.target
    when = period_of(day, event.date, date_precision(event))
    return cluster_key_of(when, src.code if src else None, src.country if src else None,
                          tgt.code if tgt else None, tgt.country if tgt else None, event.cameo,
                          location_key(event), article_id, event.id)


def period_of(day: date | None, date_text: str | None, precision: str | None) -> date | str | None:
    """What a cluster key says of an event's time: its day, or for a month or a year the period
    itself ("2024-03"), so that a report of "in March" is never one happening with a report of
    1 March (the day it is filed under)."""
    if day is not None and precision in PARTIAL_PRECISIONS and date_text and len(date_text) in (4, 7):
        return date_text
    return day


# date precisions coarser than a day: such an event is filed under its period's first day
PARTIAL_PRECISIONS = ("month", "year")


def cluster_key_of(day: date | str | None, src: str | None, src_country: str | None, tgt: str | None,
                   tgt_country: str | None, cameo: str, place: str, article_id: str, event_id: str) -> str:
    """The key that makes reports one happening (its hash is the cluster id)."""
    # Without a day, without a country on either side ("officials said"), or with a side coded
    # but of no known country ("the government", "police"), nothing says two reports are the
    # same happening: such an event stays its own cluster instead of absorbing every
    # look-alike in the store.
    unknown_side = (src and not src_country) or (tgt and not tgt_country)
    if day is None or not (src_country or tgt_country) or unknown_side:
        return f"own|{article_id}|{event_id}"
    when = day if isinstance(day, str) else day.isoformat()
    return "|".join((when, src or "", tgt or "", cameo, place))


def date_precision(event: Event) -> str | None:
    """day, month or year: how much of the event's date the text gave; past or unknown for an event
    the coder left undated (None: a document from before the coder said so)."""
    given = getattr(event, "date_precision", None)  # the time stage may say so itself
    if given:
        return str(given)
    return {10: "day", 7: "month", 4: "year"}.get(len(event.date or ""))


def repeat_count(event: Event) -> int:
    """The article's other tellings of the event; `mentions` holds the event's own one too."""
    own = (event.sentence_index, event.trigger.start)
    return sum(1 for m in event.mentions if (m.sentence_index, m.trigger.start) != own)


def _source_key(doc: Document) -> str | None:
    if doc.source:
        return doc.source.strip().lower()
    if doc.url:
        host = urlsplit(doc.url).netloc.lower()
        return host.removeprefix("www.") or None
    return None


I32, I64, F64, S, B = pa.int32(), pa.int64(), pa.float64(), pa.string(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", S), ("text_sha256", S), ("date", S), ("pub_date", pa.date32()), ("title", S),
        ("source", S), ("url", S), ("source_key", S), ("coder_version", S), ("n_events", I32), ("text", S),
        ("stored_at", pa.timestamp("us")),
    ]),
    "sentences": pa.schema([
        ("article_id", S), ("sentence_index", I32), ("start_char", I32), ("end_char", I32),
    ]),
    "events": pa.schema([
        ("article_id", S), ("event_id", S), ("event_uid", I64), ("cluster_id", I64), ("cluster_key", S),
        ("sentence_index", I32), ("trigger_text", S), ("trigger_start", I32), ("trigger_end", I32),
        ("source_text", S), ("source_start", I32), ("source_end", I32), ("source_code", S),
        ("source_country", S), ("source_sector", S), ("source_name", S), ("source_entity", I32),
        ("target_text", S), ("target_start", I32), ("target_end", I32), ("target_code", S),
        ("target_country", S), ("target_sector", S), ("target_name", S), ("target_entity", I32),
        ("cameo", S), ("base_code", S), ("root_code", S), ("quad_class", I32), ("goldstein", F64),
        ("plover_type", S), ("plover_mode", S), ("plover_context", pa.list_(S)),
        ("event_date", pa.date32()), ("date_text", S), ("date_source", S),
        ("location_text", S), ("location_name", S), ("location_geonameid", I64), ("location_lat", F64),
        ("location_lon", F64), ("location_country", S), ("location_feature", S),
        ("negated", B), ("confidence", F64), ("modality", S), ("quote_id", S), ("n_repeats", I32), ("why", S),
        ("date_precision", S), ("location_source", S),
    ]),
    "event_repeats": pa.schema([
        ("article_id", S), ("event_id", S), ("sentence_index", I32), ("trigger_text", S),
        ("trigger_start", I32), ("trigger_end", I32),
    ]),
    "actor_mentions": pa.schema([
        ("article_id", S), ("text", S), ("start_char", I32), ("end_char", I32), ("code", S), ("country", S),
        ("sector", S), ("name", S), ("kind", S), ("entity", I32), ("sentence_index", I32), ("how", S),
    ]),
    "places": pa.schema([
        ("article_id", S), ("text", S), ("start_char", I32), ("end_char", I32), ("name", S),
        ("geonameid", I64), ("lat", F64), ("lon", F64), ("country", S), ("feature", S),
        ("sentence_index", I32), ("role", S),
    ]),
    "times": pa.schema([
        ("article_id", S), ("text", S), ("start_char", I32), ("end_char", I32), ("value", S),
        ("end_value", S), ("kind", S), ("sentence_index", I32),
    ]),
    "quotes": pa.schema([
        ("article_id", S), ("quote_id", S), ("kind", S), ("sentence_index", I32),
        ("speaker_text", S), ("speaker_start", I32), ("speaker_end", I32), ("speaker_code", S),
        ("speaker_name", S), ("speaker_entity", I32), ("cue_text", S), ("cue_start", I32), ("cue_end", I32),
        ("content_text", S), ("content_start", I32), ("content_end", I32),
    ]),
}


class _Columns:
    """Rows for one table, collected as tuples and transposed into an Arrow table once (in C, by zip)."""

    def __init__(self, schema: pa.Schema):
        self.schema = schema
        self.rows: list[tuple[Any, ...]] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def table(self) -> pa.Table:
        if not self.rows:
            return self.schema.empty_table()
        columns = list(zip(*self.rows, strict=True))
        if len(columns) != len(self.schema):
            raise ValueError(f"row has {len(columns)} values, schema {len(self.schema)} columns")
        arrays = [pa.array(c, type=f.type) for c, f in zip(columns, self.schema, strict=True)]
        return pa.Table.from_arrays(arrays, schema=self.schema)


def flatten(docs: Sequence[Document], texts: dict[str, str], stored_at: datetime) -> dict[str, pa.Table]:
    """The rows of `docs` for every store table. `texts[doc.id]` is its text (may be empty)."""
    out = {name: _Columns(schema) for name, schema in SCHEMAS.items()}
    for doc in docs:
        text = texts.get(doc.id) or ""
        pub = parse_day(doc.date)
        out["articles"].add(doc.id, text_sha256(text), doc.date, pub, doc.title, doc.source, doc.url,
                            _source_key(doc), doc.coder_version, len(doc.events), text or None, stored_at)
        for s in doc.sentences:
            out["sentences"].add(doc.id, s.index, s.start, s.end)
        for e in doc.events:
            _add_event(out, doc.id, e, pub)
        for a in doc.actors:
            out["actor_mentions"].add(doc.id, a.text, a.start, a.end, a.code, a.country, a.sector, a.name,
                                      a.kind, a.entity, a.sentence_index, a.how)
        for p in doc.places:
            out["places"].add(doc.id, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon, p.country,
                              p.feature, p.sentence_index, p.role)
        for t in doc.times:
            out["times"].add(doc.id, t.text, t.start, t.end, t.value, t.end_value, t.kind, t.sentence_index)
        for q in doc.quotes:
            sp, cue, content = q.speaker, q.cue, q.content
            out["quotes"].add(
                doc.id, q.id, q.kind, q.sentence_index,
                sp.text if sp else None, sp.start if sp else None, sp.end if sp else None,
                sp.code if sp else None, sp.name if sp else None, sp.entity if sp else None,
                cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
                content.text, content.start, content.end,
            )
    return {name: cols.table() for name, cols in out.items()}


def _add_event(out: dict[str, _Columns], article_id: str, e: Event, pub: date | None) -> None:
    day = event_day(e.date, pub, undated=is_undated(e))
    key = cluster_key(e, day, article_id)
    src, tgt, loc = e.source, e.target, e.location
    code = e.cameo or ""
    out["events"].add(
        article_id, e.id, stable_id(f"{article_id}\x00{e.id}"), stable_id(key), key,
        e.sentence_index, e.trigger.text, e.trigger.start, e.trigger.end,
        src.text if src else None, src.start if src else None, src.end if src else None,
        src.code if src else None, src.country if src else None, src.sector if src else None,
        src.name if src else None, src.entity if src else None,
        tgt.text if tgt else None, tgt.start if tgt else None, tgt.end if tgt else None,
        tgt.code if tgt else None, tgt.country if tgt else None, tgt.sector if tgt else None,
        tgt.name if tgt else None, tgt.entity if tgt else None,
        code, code[:3] or None, code[:2] or None, e.quad_class, e.goldstein,
        e.plover.type, e.plover.mode, list(e.plover.context),
        day, e.date, e.date_source,
        loc.text if loc else None, loc.name if loc else None, loc.geonameid if loc else None,
        loc.lat if loc else None, loc.lon if loc else None, loc.country if loc else None,
        loc.feature if loc else None,
        bool(e.negated), e.confidence, e.modality, e.quote, repeat_count(e),
        json.dumps(e.why, ensure_ascii=False, default=str) if e.why else None,
        date_precision(e), getattr(e, "location_source", None),
    )
    for m in e.mentions:
        out["event_repeats"].add(article_id, e.id, m.sentence_index, m.trigger.text, m.trigger.start,
                                 m.trigger.end)
