"""Every error of the service as JSON: {"error": <short code>, "message": <sentence>, ...};
validation errors add "problems": [{"field": "body[0].date", "problem": "…"}]."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from thucydides.service.schemas import BodyProblem, field_path


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, **extra: Any):
        self.status, self.error, self.message, self.extra = status, error, message, extra
        super().__init__(message)


def error_response(
    status: int, error: str, message: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status, headers=headers)


STATUS_NAMES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal",
    503: "unavailable",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        headers = {"Retry-After": "5"} if exc.status == 503 else None
        return error_response(exc.status, exc.error, exc.message, headers=headers, **exc.extra)

    @app.exception_handler(BodyProblem)
    async def body_problem(request: Request, exc: BodyProblem) -> JSONResponse:
        return problems_response(exc.problems)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            if err.get("type") == "literal_error" or err.get("type") == "string_pattern_mismatch":
                message += f" (got {err.get('input')!r})"
            problems.append((field_path(err.get("loc", ())), message))
        return problems_response(problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        name = STATUS_NAMES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path} (see /docs)"
        return error_response(exc.status_code, name, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        return error_response(500, "internal", f"{type(exc).__name__}: {exc}")


def problems_response(problems: list[tuple[str, str]]) -> JSONResponse:
    listed = [{"field": f, "problem": p} for f, p in problems]
    head = "; ".join(f"{f}: {p}" for f, p in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return error_response(422, "invalid_request", head + more, problems=listed)
