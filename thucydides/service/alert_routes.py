"""The live view's endpoints: dyad alerts (`/v1/alerts`) and the newest coded articles.

Added before the store routes: `/v1/articles/latest` must be matched before
`/v1/articles/{article_id}` would take "latest" for an article id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi import Path as PathParam

from thucydides.alerts.model import Alert
from thucydides.alerts.storage import AlertFilter, get_alert, is_open, list_alerts
from thucydides.service.errors import ApiError
from thucydides.service.queries import rows
from thucydides.service.state import ServiceState
from thucydides.service.store_routes import ActorCode, Offset

MAX_ALERTS = 500
MAX_LATEST = 200
EVENTS_PER_ARTICLE = 5  # the few events the live view shows under each new article


def add_alert_routes(app: FastAPI, state: ServiceState) -> None:
    @app.get(
        "/v1/alerts",
        tags=["alerts"],
        summary="Dyad alerts, newest window first",
        description="Alerts raised by `thucydides alerts --check` or `thucydides watch`. `start`/`end` "
        "(or `from`/`to`) keep alerts whose window overlaps them; `actor` either side, `source`, "
        "`target` one side (code prefix or country); `open`: only alerts whose window is the current "
        "or the previous one (true) or only older ones (false).",
    )
    def alerts_page(
        start: Annotated[date | None, Query(description="Windows ending on or after this day.")] = None,
        end: Annotated[date | None, Query(description="Windows starting on or before this day.")] = None,
        actor: ActorCode | None = None,
        source: ActorCode | None = None,
        target: ActorCode | None = None,
        rule: Annotated[
            str | None, Query(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$", description="Rule name.")
        ] = None,
        is_open: Annotated[
            bool | None, Query(alias="open", description="Only open (true) or closed (false).")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_ALERTS)] = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        today = datetime.now(UTC).date()
        try:
            flt = AlertFilter(
                start=start,
                end=end,
                actor=actor,
                source=source,
                target=target,
                rule=rule,
                open_on=today,
                is_open=is_open,
            )
        except ValueError as exc:
            raise ApiError(422, "invalid_request", str(exc)) from None
        with state.store_con() as con:
            total, found = list_alerts(con, flt, limit, offset)
        return {
            "total": total,
            "limit": limit,
            "offset": offset,
            "today": today.isoformat(),
            "alerts": [_shown(a, today) for a in found],
        }

    @app.get(
        "/v1/alerts/{alert_id}",
        tags=["alerts"],
        summary="One alert with the events that raised it",
        description="The alert and, for each report it counted, the event as the store holds it now "
        "(`gone`: the article was re-coded since and no longer reports it).",
    )
    def one_alert(alert_id: Annotated[str, PathParam(pattern=r"^[0-9a-f]{16}$")]) -> dict[str, Any]:
        today = datetime.now(UTC).date()
        with state.store_con() as con:
            alert = get_alert(con, alert_id)
            if alert is None:
                raise ApiError(404, "not_found", f"no alert with id {alert_id!r} in the store")
            events = rows(
                con,
                """
                SELECT r.cluster_id, r.article_id, r.event_id, m.event_date, m.source_code, m.target_code,
                       m.cameo, m.quad_class, m.goldstein, m.plover_type, m.trigger_text, m.sentence,
                       m.article_title, m.article_url, m.event_id IS NULL AS gone
                FROM alert_events r
                LEFT JOIN event_mentions m ON m.article_id = r.article_id AND m.event_id = r.event_id
                WHERE r.alert_id = ? ORDER BY r.rowid""",
                [alert_id],
            )
        out = _shown(alert, today)
        out["events"] = events
        return out

    @app.get(
        "/v1/articles/latest",
        tags=["store"],
        summary="The newest coded articles, with their events",
        description="Articles in the order they were stored, newest first; `since` (an ISO time, UTC) "
        "keeps only those stored after it, for polling. Each carries its counted events "
        f"(at most {EVENTS_PER_ARTICLE}) and how many it has.",
    )
    def latest_articles(
        limit: Annotated[int, Query(ge=1, le=MAX_LATEST)] = 20,
        since: Annotated[
            datetime | None, Query(description="Only articles stored after this time (UTC).")
        ] = None,
    ) -> dict[str, Any]:
        if since is not None and since.tzinfo is not None:
            since = since.astimezone(UTC).replace(tzinfo=None)
        with state.store_con() as con:
            found = rows(
                con,
                """
                SELECT article_id AS id, date, title, source, url, n_events, stored_at FROM articles
                WHERE stored_at > coalesce(?, TIMESTAMP '0001-01-01')
                ORDER BY stored_at DESC, article_id LIMIT ?""",
                [since, limit],
            )
            events = rows(
                con,
                """
                SELECT article_id, event_id, event_date, source_code, target_code, cameo, quad_class,
                       goldstein, trigger_text
                FROM event_mentions WHERE article_id IN (SELECT unnest(?))
                ORDER BY article_id, sentence_index, event_id""",
                [[a["id"] for a in found]],
            )
        by_article: dict[str, list[dict[str, Any]]] = {}
        for e in events:
            by_article.setdefault(e.pop("article_id"), []).append(e)
        for a in found:
            counted = by_article.get(a["id"], [])
            a["counted_events"] = len(counted)
            a["events"] = counted[:EVENTS_PER_ARTICLE]
        return {"articles": found}


def _shown(alert: Alert, today: date) -> dict[str, Any]:
    """An alert as the API gives it: its fields, whether it is open, and links to its timeline and events."""
    out: dict[str, Any] = alert.to_dict(delivery=True)
    out["open"] = is_open(alert, today)
    out["n_events"] = len(alert.events)
    dyad = (
        f"/v1/dyads/{alert.source}/{alert.target}?directed=true&by={alert.window}"
        f"&start={alert.baseline_start.isoformat()}&end={alert.window_end.isoformat()}"
    )
    events = (
        f"/v1/events?source={alert.source}&target={alert.target}"
        f"&start={alert.window_start.isoformat()}&end={alert.window_end.isoformat()}"
    )
    out["links"] = {"self": f"/v1/alerts/{alert.alert_id}", "dyad": dyad, "events": events}
    return out
