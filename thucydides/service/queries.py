"""Read queries of the HTTP API over the event store's tables and views.

Filters are bound parameters, never spliced into SQL; only whitelisted names (view,
sort order) are. Rows come back as plain JSON-ready dicts (ISO dates, NaN as null).
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

import duckdb

from thucydides.store.filters import EventFilter

LEVEL_VIEWS = {"cluster": "event_clusters", "mention": "event_mentions"}
_ORDER = {
    "cluster": "event_date {dir} NULLS LAST, cluster_id",
    "mention": "event_date {dir} NULLS LAST, article_id, sentence_index, event_id",
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description or []]
    return [{n: _jsonable(v) for n, v in zip(names, row, strict=True)} for row in cur.fetchall()]


def events(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, level: str, limit: int, offset: int, order: str = "desc"
) -> dict[str, Any]:
    view = LEVEL_VIEWS[level]
    where, params = flt.where()
    total_row = con.execute(f"SELECT count(*) FROM {view}{where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    sort = _ORDER[level].format(dir="DESC" if order == "desc" else "ASC")
    found = rows(
        con, f"SELECT * FROM {view}{where} ORDER BY {sort} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    return {"level": level, "total": total, "limit": limit, "offset": offset, "events": found}


def locations(con: duckdb.DuckDBPyConnection, flt: EventFilter, level: str, limit: int) -> dict[str, Any]:
    """Event counts per place (coordinates rounded to ~1 km), for the map."""
    view = LEVEL_VIEWS[level]
    where, params = flt.where()
    where = f"{where} AND" if where else " WHERE"
    found = rows(
        con,
        f"""
        SELECT round(location_lat, 2) AS lat, round(location_lon, 2) AS lon,
               mode(coalesce(location_name, location_text)) AS name,
               mode(location_country) AS country,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               avg(goldstein) AS goldstein_mean
        FROM {view}{where} location_lat IS NOT NULL AND location_lon IS NOT NULL
        GROUP BY 1, 2 ORDER BY events DESC, name LIMIT ?""",
        [*params, limit],
    )
    return {"level": level, "locations": found}


def articles(con: duckdb.DuckDBPyConnection, limit: int, offset: int) -> dict[str, Any]:
    total_row = con.execute("SELECT count(*) FROM articles").fetchone()
    found = rows(
        con,
        """
        SELECT article_id AS id, date, title, source, url, n_events, coder_version, stored_at
        FROM articles ORDER BY stored_at DESC, article_id LIMIT ? OFFSET ?""",
        [limit, offset],
    )
    return {
        "total": int(total_row[0]) if total_row else 0,
        "limit": limit,
        "offset": offset,
        "articles": found,
    }


def _span(text: Any, start: Any, end: Any) -> dict[str, Any] | None:
    if text is None and start is None:
        return None
    return {"text": text, "start": start, "end": end}


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One stored article rebuilt in the documents shape (`Document.to_dict(include_text=True)`)."""
    head = rows(con, "SELECT * FROM articles WHERE article_id = ?", [article_id])
    if not head:
        return None
    a = head[0]
    sentences = rows(
        con,
        """SELECT sentence_index AS "index", start_char AS start, end_char AS "end"
                             FROM sentences WHERE article_id = ? ORDER BY sentence_index""",
        [article_id],
    )
    actors = rows(
        con,
        """SELECT text, start_char AS start, end_char AS "end", code, country, sector, name, kind,
                                 entity, sentence_index, how
                          FROM actor_mentions WHERE article_id = ? ORDER BY start_char""",
        [article_id],
    )
    places = rows(
        con,
        """SELECT text, start_char AS start, end_char AS "end", name, geonameid, lat, lon, country,
                                 feature, sentence_index, role
                          FROM places WHERE article_id = ? ORDER BY start_char""",
        [article_id],
    )
    times = rows(
        con,
        """SELECT text, start_char AS start, end_char AS "end", value, sentence_index, kind, end_value
                         FROM times WHERE article_id = ? ORDER BY start_char""",
        [article_id],
    )
    repeats: dict[str, list[dict[str, Any]]] = {}
    for r in rows(
        con,
        "SELECT * FROM event_repeats WHERE article_id = ? ORDER BY sentence_index, trigger_start",
        [article_id],
    ):
        repeats.setdefault(r["event_id"], []).append(
            {
                "sentence_index": r["sentence_index"],
                "trigger": _span(r["trigger_text"], r["trigger_start"], r["trigger_end"]),
            }
        )
    events = []
    for e in rows(
        con, "SELECT * FROM events WHERE article_id = ? ORDER BY sentence_index, trigger_start", [article_id]
    ):
        events.append(
            {
                "id": e["event_id"],
                "sentence_index": e["sentence_index"],
                "trigger": _span(e["trigger_text"], e["trigger_start"], e["trigger_end"]),
                "source": _role(e, "source"),
                "target": _role(e, "target"),
                "cameo": e["cameo"],
                "quad_class": e["quad_class"],
                "goldstein": e["goldstein"],
                "plover": {
                    "type": e["plover_type"],
                    "mode": e["plover_mode"],
                    "context": e["plover_context"] or [],
                },
                "date": e["date_text"],
                "date_source": e["date_source"],
                "date_precision": e.get("date_precision"),
                "location": None
                if e["location_text"] is None and e["location_name"] is None
                else {
                    "text": e["location_text"],
                    "name": e["location_name"],
                    "geonameid": e["location_geonameid"],
                    "lat": e["location_lat"],
                    "lon": e["location_lon"],
                    "country": e["location_country"],
                    "feature": e["location_feature"],
                },
                "location_source": e.get("location_source"),
                "negated": e["negated"],
                "confidence": e["confidence"],
                "modality": e["modality"],
                "why": json.loads(e["why"]) if e["why"] else {},
                "mentions": repeats.get(e["event_id"], []),
                "quote": e["quote_id"],
                "cluster_id": e["cluster_id"],
            }
        )
    quotes = []
    for q in rows(con, "SELECT * FROM quotes WHERE article_id = ? ORDER BY content_start", [article_id]):
        speaker = _span(q["speaker_text"], q["speaker_start"], q["speaker_end"])
        if speaker is not None:
            speaker.update(code=q["speaker_code"], name=q["speaker_name"], entity=q["speaker_entity"])
        quotes.append(
            {
                "id": q["quote_id"],
                "speaker": speaker,
                "cue": _span(q["cue_text"], q["cue_start"], q["cue_end"]),
                "content": _span(q["content_text"], q["content_start"], q["content_end"]),
                "kind": q["kind"],
                "sentence_index": q["sentence_index"],
            }
        )
    return {
        "id": a["article_id"],
        "date": a["date"],
        "actors": actors,
        "events": events,
        "places": places,
        "times": times,
        "quotes": quotes,
        "sentences": sentences,
        "title": a["title"],
        "source": a["source"],
        "url": a["url"],
        "coder_version": a["coder_version"],
        "text": a["text"] or "",
        "stored_at": a["stored_at"],
    }


def _role(e: dict[str, Any], role: str) -> dict[str, Any] | None:
    if e[f"{role}_text"] is None and e[f"{role}_code"] is None:
        return None
    return {
        k: e[f"{role}_{k}"] for k in ("text", "start", "end", "code", "country", "sector", "name", "entity")
    }
