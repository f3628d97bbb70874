"""How much the service takes on: body size, articles per request, coding time and queue."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from thucydides.service.errors import error_response


@dataclass(frozen=True, slots=True)
class Limits:
    max_body_bytes: int = 2_000_000
    max_articles: int = 200
    code_timeout_s: float = 120.0
    max_pending: int = 16


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
        response = error_response(
            413,
            "too_large",
            f"request body of {size} bytes is over the limit of "
            f"{self.limit} bytes; send fewer or shorter articles per request",
            limit_bytes=self.limit,
        )
        await response(scope, receive, send)
