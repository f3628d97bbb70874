"""POST /v1/code: one article or a list of articles in, documents out (and into the store)."""

from __future__ import annotations

import asyncio
import json
import re
import sys
from itertools import accumulate
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response

from thucydides.output import drop_unsure
from thucydides.service.errors import ApiError
from thucydides.service.schemas import CODE_BODY_SCHEMA, ArticleIn, parse_articles
from thucydides.service.state import ServiceState, run_coder

MAX_JSON_DEPTH = 100  # an article batch nests 2 levels; fields we ignore may nest a little more
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def add_code_route(app: FastAPI, state: ServiceState) -> None:
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
        min_confidence: Annotated[
            float | None, Query(ge=0.0, le=1.0, description="Leave out events coded with less confidence.")
        ] = None,
    ) -> Response:
        payload = await read_payload(request)
        if isinstance(payload, list) and len(payload) > state.limits.max_articles:
            raise ApiError(
                413,
                "too_many_articles",
                f"{len(payload)} articles in one request; at most {state.limits.max_articles} per request",
                limit_articles=state.limits.max_articles,
            )
        items, many = parse_articles(payload, state.limits.max_articles)
        if store and state.store_path is None:
            raise ApiError(
                409,
                "no_store",
                "store=true but this server has no event store; start it with "
                "`thucydides serve --store FILE.duckdb`",
            )
        articles = [item.to_article(i) for i, item in enumerate(items)]
        docs = [drop_unsure(doc, min_confidence) for doc in await run_coder(state, articles)]
        headers = {}
        if store:

            def write() -> int:
                with state.locked_store(write=True) as event_store:
                    return int(event_store.add_documents(docs).articles)

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


async def read_payload(request: Request) -> Any:
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
    return decode_json(text)


def decode_json(text: str) -> Any:
    """The decoded body, or a 400 naming what is wrong with it.

    Hostile bodies must not reach the decoder's limits: a body nested thousands of levels deep
    overflows its recursion and a number of thousands of digits exceeds Python's integer
    conversion limit, and either would escape as a 500 that also drops the connection.
    """
    # an ordinary body has too few brackets to nest past the limit: spare it the scan
    depth = json_depth(text) if text.count("[") + text.count("{") > MAX_JSON_DEPTH else 0
    if depth > MAX_JSON_DEPTH:
        raise ApiError(
            400,
            "too_deep",
            f"the JSON body is nested {depth} levels deep; at most {MAX_JSON_DEPTH} are read "
            '(an article is one object {"text": …}, a batch one list of them)',
            limit_depth=MAX_JSON_DEPTH,
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "invalid_json",
            f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        ) from None
    except RecursionError:  # the depth check above should make this unreachable
        raise ApiError(400, "too_deep", "the JSON body is nested too deeply") from None
    except ValueError:  # Python's limit on the digits of an integer: JSON itself sets none
        raise ApiError(
            400,
            "number_too_long",
            f"the body holds a number of more than {sys.get_int_max_str_digits()} digits, too long to "
            "read (no field of an article is a number)",
            limit_digits=sys.get_int_max_str_digits(),
        ) from None


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count)."""
    brackets = _BRACKET.findall(_JSON_STRING.sub("", text))
    return max(accumulate(1 if b in "[{" else -1 for b in brackets), default=0)
