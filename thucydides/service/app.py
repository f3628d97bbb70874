"""The HTTP API and web page: `create_app()` builds the FastAPI application.

The coder is built once, at start-up (lifespan), and runs on one dedicated worker
thread: spaCy and the stages are not meant to be shared between threads, and on a
small machine one article at a time is as fast as it gets anyway. A request waits
for its coding at most `Limits.code_timeout_s` (then 504), and at most
`Limits.max_pending` codings may wait at once (then 503). Store reads and writes
share one DuckDB connection behind a lock.

Every error is JSON: {"error": <short code>, "message": <sentence>, ...}; validation
errors add "problems": [{"field": "body[0].date", "problem": "…"}].
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thucydides import __version__
from thucydides.models import Article, Document, Reject
from thucydides.service import queries
from thucydides.service.schemas import (
    CODE_BODY_SCHEMA,
    PLOVER_TYPES,
    ArticleIn,
    BodyProblem,
    field_path,
    parse_articles,
)

STATIC = Path(__file__).resolve().parent / "static"
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
    'fill="#1f3b5c"/><path d="M4 4h8v2H9v7H7V6H4z" fill="#fff"/></svg>'
)

# Pages may load only what this server serves: the browser itself then guarantees the
# page works with no internet access (and an article's text can never run as code).
MAX_PAGE = 1000  # rows per /v1/events page

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class CoderLike(Protocol):
    """What the service needs of a coder (`thucydides.coder.Coder` or a test double)."""

    def code(
        self, text: str, date: str | date | None = None, id: str = "doc", title: str | None = None
    ) -> Document: ...


@dataclass(frozen=True, slots=True)
class Limits:
    max_body_bytes: int = 2_000_000
    max_articles: int = 200
    code_timeout_s: float = 120.0
    max_pending: int = 16


def _default_coder() -> CoderLike:
    from thucydides.coder import Coder

    return Coder()


# -- errors -------------------------------------------------------------------
class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, **extra: Any):
        self.status, self.error, self.message, self.extra = status, error, message, extra
        super().__init__(message)


def _error(
    status: int, error: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status, headers=headers)


_STATUS_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal",
    503: "unavailable",
}


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, by Content-Length or while streaming."""

    class _TooLarge(Exception):
        pass

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, int(declared))
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyLimit._TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyLimit._TooLarge:
            if started:
                raise
            await self._refuse(scope, receive, send, seen)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        response = _error(
            413,
            "too_large",
            f"request body of {size} bytes is over the limit of "
            f"{self.limit} bytes; send fewer or shorter articles per request",
            limit_bytes=self.limit,
        )
        await response(scope, receive, send)


# -- state --------------------------------------------------------------------
class ServiceState:
    def __init__(self, coder_factory: Callable[[], CoderLike], store_path: Path | None, limits: Limits):
        self.coder_factory = coder_factory
        self.store_path = store_path
        self.limits = limits
        self.coder: CoderLike | None = None
        self.store: Any = None  # thucydides.store.EventStore, imported lazily
        self.store_lock = threading.Lock()
        self.executor: ThreadPoolExecutor | None = None
        self.pending = 0
        self.pending_lock = threading.Lock()

    @contextmanager
    def locked_store(self) -> Iterator[Any]:
        """The event store, held for this request alone; a 503 when the server has none."""
        if self.store is None:
            raise ApiError(
                503,
                "no_store",
                "this server has no event store; start it with `thucydides serve --store FILE.duckdb`",
            )
        with self.store_lock:
            yield self.store

    @contextmanager
    def store_con(self) -> Iterator[Any]:
        with self.locked_store() as store:
            yield store.con


def _code_all(coder: CoderLike, articles: list[Article]) -> list[Document]:
    docs: list[Document] = []
    many = getattr(coder, "code_many", None)
    if callable(many) and len(articles) > 1:
        # the real Coder parses a batch with nlp.pipe: much faster than one by one
        results: list[Document | Reject] = list(many(articles))
    else:
        results = []
        for a in articles:
            try:
                results.append(coder.code(a.text, date=a.date, id=a.id, title=a.title))
            except Exception as exc:  # reported as a 500 naming the article
                results.append(Reject(a.origin, f"coder error: {type(exc).__name__}: {exc}", a.id))
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Reject):
            raise ApiError(
                500,
                "coder_error",
                f"article {article.id!r} could not be coded: {result.reason}",
                id=article.id,
            )
        if article.source and not result.source:
            result.source = article.source
        if article.url and not result.url:
            result.url = article.url
        if not result.text:
            result.text = article.text
        docs.append(result)
    return docs


# -- the application ----------------------------------------------------------
CodeType = Annotated[str, Query(pattern=r"^[0-9]{1,4}$", description="CAMEO code or prefix, e.g. 19 or 042")]
ActorCode = Annotated[
    str,
    Query(
        pattern=r"^[A-Za-z0-9]{2,40}$", description="Actor code prefix (RUS matches RUSMIL) or country code"
    ),
]
Level = Annotated[
    Literal["cluster", "mention"],
    Query(
        description="cluster: one row per happening across articles (GDELT-style counts); "
        "mention: one row per report in an article"
    ),
]


def create_app(
    coder_factory: Callable[[], CoderLike] | None = None,
    store_path: str | Path | None = None,
    limits: Limits | None = None,
) -> FastAPI:
    """The service. `coder_factory` is called once at start-up (default: `Coder()`);
    `store_path` opens (or creates) a DuckDB event store for the query endpoints and `?store=true`."""
    state = ServiceState(
        coder_factory or _default_coder, Path(store_path) if store_path else None, limits or Limits()
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thucydides-coder")
        loop = asyncio.get_running_loop()
        # the model loads on the coder's own thread, once, before the first request
        state.coder = await loop.run_in_executor(state.executor, state.coder_factory)
        if state.store_path is not None:
            from thucydides.store import EventStore

            state.store = EventStore(state.store_path).open()
        try:
            yield
        finally:
            state.executor.shutdown(wait=False, cancel_futures=True)
            if state.store is not None:
                with state.store_lock:
                    state.store.close()
                state.store = None
            state.coder = None

    app = FastAPI(
        title="thucydides",
        version=__version__,
        summary="News articles in, political event data (CAMEO/PLOVER) out.",
        description="Code articles into events (who did what to whom, when, where, who said so) and "
        "query a DuckDB event store. Every error body is JSON with `error` and `message`.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's docs load Swagger UI from a CDN: our own page is served instead
        redoc_url=None,
    )
    app.state.thucydides = state
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit, limit=state.limits.max_body_bytes)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = CSP
        return response

    _install_error_handlers(app)
    _add_code_route(app, state)
    _add_store_routes(app, state)
    _add_pages(app, state)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        return _error(exc.status, exc.error, exc.message, headers=headers, **exc.extra)

    @app.exception_handler(BodyProblem)
    async def body_problem(request: Request, exc: BodyProblem) -> JSONResponse:
        return _problems(exc.problems)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            if err.get("type") == "literal_error" or err.get("type") == "string_pattern_mismatch":
                message += f" (got {err.get('input')!r})"
            problems.append((field_path(err.get("loc", ())), message))
        return _problems(problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        name = _STATUS_NAMES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path} (see /docs)"
        return _error(exc.status_code, name, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal", f"{type(exc).__name__}: {exc}")


def _problems(problems: list[tuple[str, str]]) -> JSONResponse:
    listed = [{"field": f, "problem": p} for f, p in problems]
    head = "; ".join(f"{f}: {p}" for f, p in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return _error(422, "invalid_request", head + more, problems=listed)


def _add_code_route(app: FastAPI, state: ServiceState) -> None:
    @app.post(
        "/v1/code",
        tags=["coding"],
        summary="Code one article or a list of articles",
        description=(
            "Body: one article `{id?, text, date?, title?, source?, url?}` (or plain text with "
            "`Content-Type: text/plain`) → one document; a list of up to "
            f"{state.limits.max_articles} articles → a list of documents, in order. Documents follow "
            "the documents contract (FORMAT.md): actors, events with their evidence (`why`), places, "
            "times, quotes and sentences, with character offsets into the text. "
            f"Bodies over {state.limits.max_body_bytes} bytes or with more articles get 413; coding that "
            f"takes over {state.limits.code_timeout_s:g} s gets 504."
        ),
        openapi_extra={"requestBody": CODE_BODY_SCHEMA},
        responses={
            400: {"description": "The body is empty, not UTF-8 or not JSON"},
            409: {"description": "store=true on a server without an event store"},
            413: {"description": "Body or article count over the limit"},
            415: {"description": "Content-Type is neither JSON nor plain text"},
            422: {"description": "A field is missing or malformed (the body names it)"},
            500: {"description": "The coder failed on an article (the body names it)"},
            503: {"description": "Too many codings waiting, or still starting"},
            504: {"description": "Coding took too long"},
        },
    )
    async def code(
        request: Request,
        store: Annotated[bool, Query(description="Also write the documents into the event store.")] = False,
        include_text: Annotated[bool, Query(description="Echo each article's text in its document.")] = False,
    ) -> Response:
        payload = await _read_payload(request)
        if isinstance(payload, list) and len(payload) > state.limits.max_articles:
            raise ApiError(
                413,
                "too_many_articles",
                f"{len(payload)} articles in one request; at most {state.limits.max_articles} per request",
                limit_articles=state.limits.max_articles,
            )
        items, many = parse_articles(payload, state.limits.max_articles)
        if store and state.store is None:
            raise ApiError(
                409,
                "no_store",
                "store=true but this server has no event store; start it with "
                "`thucydides serve --store FILE.duckdb`",
            )
        articles = [item.to_article(i) for i, item in enumerate(items)]
        docs = await _run_coder(state, articles)
        headers = {}
        if store:

            def write() -> int:
                with state.store_lock:
                    return int(state.store.add_documents(docs).articles)

            stored = await asyncio.get_running_loop().run_in_executor(None, write)
            headers["X-Thucydides-Stored"] = str(stored)
        out = [d.to_dict(include_text=include_text) for d in docs]
        return JSONResponse(out if many else out[0], headers=headers)

    # The schema of the hand-read body must still be listed in the OpenAPI components.
    original_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = original_openapi()
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components["ArticleIn"] = ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


async def _read_payload(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise ApiError(400, "empty_body", 'the request body is empty; send {"text": "…"}')
    ctype = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "bad_encoding", f"the body is not UTF-8 ({exc.reason} at byte {exc.start})"
        ) from None
    if ctype == "text/plain":
        return {"text": text}
    if ctype not in ("application/json", "") and not ctype.endswith("+json"):
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Content-Type {ctype!r}: send application/json (or text/plain for one article)",
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "invalid_json",
            f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        ) from None


async def _run_coder(state: ServiceState, articles: list[Article]) -> list[Document]:
    if state.coder is None or state.executor is None:
        raise ApiError(503, "starting", "the coder is not loaded yet; try again in a moment")
    with state.pending_lock:
        if state.pending >= state.limits.max_pending:
            raise ApiError(503, "busy", f"{state.pending} codings are already waiting; try again shortly")
        state.pending += 1

    def done(_: Future[list[Document]]) -> None:
        with state.pending_lock:
            state.pending -= 1

    future = state.executor.submit(_code_all, state.coder, articles)
    # counted until the work really ends, not when the client stops waiting
    future.add_done_callback(done)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout=state.limits.code_timeout_s)
    except TimeoutError:
        future.cancel()  # drops it if it has not started; a running article finishes in the background
        raise ApiError(
            504,
            "timeout",
            f"coding {len(articles)} article(s) took over "
            f"{state.limits.code_timeout_s:g} s; send fewer or shorter articles",
        ) from None


def _add_store_routes(app: FastAPI, state: ServiceState) -> None:
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
        level: Level = "cluster",
        order: Annotated[Literal["asc", "desc"], Query(description="By event date.")] = "desc",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        flt = _filter(start, end, actor, source, target, country, cameo, root, plover, quad)
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
        level: Level = "cluster",
        limit: Annotated[int, Query(ge=1, le=5000)] = 2000,
    ) -> dict[str, Any]:
        flt = _filter(start, end, actor, source, target, country, cameo, root, plover, quad)
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
            df = event_store.dyad(a.upper(), b.upper(), start=start, end=end, by=by, directed=directed)
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
        by_country: bool = False,
        limit: Annotated[int, Query(ge=1, le=500)] = 20,
    ) -> dict[str, Any]:
        with state.locked_store() as event_store:
            df = event_store.actors(start=start, end=end, code=cameo, limit=limit, by_country=by_country)
        return {
            "actors": [{k: queries._jsonable(v) for k, v in r.items()} for r in df.to_dict(orient="records")]
        }

    @app.get("/v1/articles", tags=["store"], summary="Stored articles, newest first")
    def list_articles(
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50, offset: Annotated[int, Query(ge=0)] = 0
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
        if state.store is None:
            return {"path": None, "counts": None}
        with state.store_lock:
            return {"path": str(state.store_path), "counts": state.store.summary()}

    @app.get("/healthz", tags=["service"], summary="Liveness and readiness")
    def healthz() -> dict[str, Any]:
        return {
            "status": "ok" if state.coder is not None else "starting",
            "version": __version__,
            "coder": state.coder is not None,
            "store": str(state.store_path) if state.store_path else None,
            "pending": state.pending,
            "limits": {
                "max_body_bytes": state.limits.max_body_bytes,
                "max_articles": state.limits.max_articles,
                "code_timeout_s": state.limits.code_timeout_s,
            },
        }


def _filter(
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
) -> queries.EventFilter:
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
    up = lambda v: v.upper() if v else None  # noqa: E731
    return queries.EventFilter(
        start=start,
        end=end,
        actor=up(actor),
        source=up(source),
        target=up(target),
        country=up(country),
        cameo=cameo,
        root=root,
        plover=up(plover),
        quad=quad,
    )


def _add_pages(app: FastAPI, state: ServiceState) -> None:
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(name: str) -> FileResponse:
        return FileResponse(
            STATIC / name, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"}
        )

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return page("index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return page("docs.html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})
