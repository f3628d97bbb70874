"""The query endpoints over the event store: events, locations, dyads, actors, articles."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query
from fastapi import Path as PathParam

from thucydides.service import queries
from thucydides.service.errors import ApiError
from thucydides.service.schemas import PLOVER_TYPES
from thucydides.service.state import ServiceState
from thucydides.store.filters import EventFilter

MAX_PAGE = 1000  # rows per /v1/events page
# DuckDB's OFFSET is a 64-bit integer: a bigger one failed inside the query (a 500); no store
# holds a billion rows, so past that a page can only be empty
MAX_OFFSET = 1_000_000_000
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip (paging).")]

CodeType = Annotated[str, Query(pattern=r"^[0-9]{1,4}$", description="CAMEO code or prefix, e.g. 19 or 042")]
ActorCode = Annotated[
    str,
    Query(
        pattern=r"^[A-Za-z0-9]{2,40}$", description="Actor code prefix (RUS matches RUSMIL) or country code"
    ),
]
MinConfidence = Annotated[
    float | None, Query(ge=0.0, le=1.0, description="Only events coded with at least this confidence (0-1).")
]
Level = Annotated[
    Literal["cluster", "mention"],
    Query(
        description="cluster: one row per happening across articles (GDELT-style counts); "
        "mention: one row per report in an article"
    ),
]


def add_store_routes(app: FastAPI, state: ServiceState) -> None:
    @app.get("/v1/events", tags=["store"], summary="Events in the store, filtered and paged")
    def list_events(
        start: Annotated[date | None, Query(description="Events on or after this day (YYYY-MM-DD).")] = None,
        end: Annotated[date | None, Query(description="Events on or before this day.")] = None,
        actor: ActorCode | None = None,
        source: Annotated[
            str | None,
            Query(pattern=r"^[A-Za-z0-9]{2,40}$", description="Source actor code prefix or country."),
        ] = None,
        target: Annotated[
            str | None,
            Query(pattern=r"^[A-Za-z0-9]{2,40}$", description="Target actor code prefix or country."),
        ] = None,
        country: Annotated[
            str | None,
            Query(
                pattern=r"^[A-Za-z]{3}$",
                description="ISO alpha-3 country of either actor or of the location.",
            ),
        ] = None,
        cameo: CodeType | None = None,
        root: Annotated[
            str | None, Query(pattern=r"^[0-9]{2}$", description="CAMEO root code, 01-20.")
        ] = None,
        plover: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.")] = None,
        quad: Annotated[
            int | None,
            Query(
                ge=1,
                le=4,
                description="Quad class: 1 verbal coop., 2 material "
                "coop., 3 verbal conflict, 4 material conflict.",
            ),
        ] = None,
        min_confidence: MinConfidence = None,
        level: Level = "cluster",
        order: Annotated[Literal["asc", "desc"], Query(description="By event date.")] = "desc",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        flt = event_filter(
            start, end, actor, source, target, country, cameo, root, plover, quad, min_confidence
        )
        with state.store_con() as con:
            return queries.events(con, flt, level, limit, offset, order)

    @app.get(
        "/v1/locations",
        tags=["store"],
        summary="Event counts per place, for a map",
        description="Takes the filters of /v1/events.",
    )
    def list_locations(
        start: date | None = None,
        end: date | None = None,
        actor: ActorCode | None = None,
        source: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,40}$")] = None,
        target: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,40}$")] = None,
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$")] = None,
        cameo: CodeType | None = None,
        root: Annotated[str | None, Query(pattern=r"^[0-9]{2}$")] = None,
        plover: str | None = None,
        quad: Annotated[int | None, Query(ge=1, le=4)] = None,
        min_confidence: MinConfidence = None,
        level: Level = "cluster",
        limit: Annotated[int, Query(ge=1, le=5000)] = 2000,
    ) -> dict[str, Any]:
        flt = event_filter(
            start, end, actor, source, target, country, cameo, root, plover, quad, min_confidence
        )
        with state.store_con() as con:
            return queries.locations(con, flt, level, limit)

    @app.get(
        "/v1/dyads/{a}/{b}",
        tags=["store"],
        summary="A dyad's cooperation–conflict time series",
        description="Events between actors a and b (code prefix or country; both directions unless "
        "`directed`, then a is the source) per period: counts by quad class, Goldstein sum "
        "and mean. Empty periods are filled with zero counts.",
    )
    def dyad(
        a: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9]{2,40}$", description="First actor, e.g. RUS")],
        b: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9]{2,40}$", description="Second actor, e.g. USA")],
        by: Annotated[Literal["day", "week", "month", "year"], Query(description="Period length.")] = "month",
        start: date | None = None,
        end: date | None = None,
        directed: bool = False,
        min_confidence: MinConfidence = None,
    ) -> dict[str, Any]:
        if start and end and start > end:
            raise ApiError(
                422,
                "invalid_request",
                "query.start: is after query.end",
                problems=[{"field": "query.start", "problem": "is after query.end"}],
            )
        if start and end and by == "day" and (end - start).days > 20_000:
            raise ApiError(
                422,
                "invalid_request",
                "query.by: too many days in range; use week or month",
                problems=[{"field": "query.by", "problem": "too many days in range; use week or month"}],
            )
        with state.locked_store() as event_store:
            df = event_store.dyad(a.upper(), b.upper(), start=start, end=end, by=by, directed=directed,
                                  min_confidence=min_confidence)
        series = []
        for rec in df.to_dict(orient="records"):
            series.append(
                {
                    k: queries._jsonable(v.date() if hasattr(v, "date") and k == "period" else v)
                    for k, v in rec.items()
                }
            )
        totals = {
            k: sum(int(s[k] or 0) for s in series)
            for k in (
                "events",
                "verbal_cooperation",
                "material_cooperation",
                "verbal_conflict",
                "material_conflict",
            )
        }
        return {
            "a": a.upper(),
            "b": b.upper(),
            "by": by,
            "directed": directed,
            "totals": totals,
            "series": series,
        }

    @app.get("/v1/actors", tags=["store"], summary="The most active actors")
    def top_actors(
        start: date | None = None,
        end: date | None = None,
        cameo: CodeType | None = None,
        root: Annotated[str | None, Query(pattern=r"^[0-9]{2}$")] = None,
        quad: Annotated[int | None, Query(ge=1, le=4)] = None,
        min_confidence: MinConfidence = None,
        by_country: bool = False,
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
    ) -> dict[str, Any]:
        with state.locked_store() as event_store:
            df = event_store.actors(start=start, end=end, code=cameo, limit=limit, by_country=by_country,
                                    root=root, quad=quad, min_confidence=min_confidence)
        return {
            "actors": [{k: queries._jsonable(v) for k, v in r.items()} for r in df.to_dict(orient="records")]
        }

    @app.get("/v1/articles", tags=["store"], summary="Stored articles, newest first")
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50, offset: Offset = 0
    ) -> dict[str, Any]:
        with state.store_con() as con:
            return queries.articles(con, limit, offset)

    @app.get(
        "/v1/articles/{article_id}",
        tags=["store"],
        summary="One stored article as a coded document",
        description="The documents shape (FORMAT.md) with the article's `text`.",
    )
    def get_article(article_id: Annotated[str, PathParam(min_length=1, max_length=200)]) -> dict[str, Any]:
        with state.store_con() as con:
            found = queries.article(con, article_id)
        if found is None:
            raise ApiError(404, "not_found", f"no article with id {article_id!r} in the store")
        return found

    @app.get("/v1/store", tags=["store"], summary="Row counts of the store")
    def store_summary() -> dict[str, Any]:
        if state.store_path is None:
            return {"path": None, "counts": None}
        with state.locked_store() as event_store:
            return {"path": str(state.store_path), "counts": event_store.summary()}



def event_filter(
    start: date | None,
    end: date | None,
    actor: str | None,
    source: str | None,
    target: str | None,
    country: str | None,
    cameo: str | None,
    root: str | None,
    plover: str | None,
    quad: int | None,
    min_confidence: float | None = None,
) -> EventFilter:
    """The store's own filter (the CLI's vocabulary), or a 422 naming what is wrong."""
    problems = []
    if start and end and start > end:
        problems.append({"field": "query.start", "problem": f"{start} is after query.end {end}"})
    if plover is not None and plover.upper() not in PLOVER_TYPES:
        problems.append(
            {
                "field": "query.plover",
                "problem": f"{plover!r} is not a PLOVER type; one of " + ", ".join(PLOVER_TYPES),
            }
        )
    if problems:
        raise ApiError(
            422,
            "invalid_request",
            "; ".join(f"{p['field']}: {p['problem']}" for p in problems),
            problems=problems,
        )
    try:
        return EventFilter(start=start, end=end, actor=actor, source=source, target=target, country=country,
                           code=cameo, root=root, plover=plover, quad=quad, min_confidence=min_confidence)
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
