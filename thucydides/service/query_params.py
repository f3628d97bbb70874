"""The API's query parameters: the CLI's option names are accepted, unknown names are refused.

`thucydides query events --from 2024-03-01 --code 19` and `/v1/events?start=2024-03-01&cameo=19`
ask the same thing; a URL written with the CLI's names used to be answered unfiltered, as if
the filter had been applied. So the CLI's names are read as the API's, and a parameter the
endpoint does not take is a 422 naming it, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

from thucydides.service.errors import error_response

# CLI option name -> API parameter name, where the two differ
CLI_NAMES = {"from": "start", "to": "end", "code": "cameo"}


@dataclass(frozen=True, slots=True)
class _Endpoint:
    path: re.Pattern[str]
    methods: frozenset[str]
    names: tuple[str, ...]  # the query parameters it takes, in declaration order

    def api_name(self, name: str) -> str:
        """The endpoint's own name for a parameter given by its CLI name (else `name` unchanged)."""
        api = CLI_NAMES.get(name)
        return api if api is not None and api in self.names else name


class QueryParameters:
    """ASGI middleware: renames the CLI's parameter names and refuses unknown ones (422)."""

    def __init__(self, app: ASGIApp, routes: Callable[[], Sequence[BaseRoute]]):
        self.app = app
        self._routes = routes
        self._endpoints: list[_Endpoint] | None = None

    def _endpoint(self, method: str, path: str) -> _Endpoint | None:
        if self._endpoints is None:  # the routes are all added before the first request
            self._endpoints = [
                _Endpoint(route.path_regex, frozenset(route.methods or ()),
                          tuple(_query_names(route.dependant)))
                for route in self._routes() if isinstance(route, APIRoute) and route.include_in_schema]
        for endpoint in self._endpoints:
            if method in endpoint.methods and endpoint.path.match(path):
                return endpoint
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        endpoint = self._endpoint(scope["method"], scope["path"]) if scope["type"] == "http" else None
        query = scope.get("query_string", b"")
        if endpoint is None or not query:
            await self.app(scope, receive, send)
            return
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        given = {name for name, _ in pairs}
        renamed = [(endpoint.api_name(name), value) for name, value in pairs]
        problems = [(f"query.{cli}", f"names the same filter as query.{api}; give one of them")
                    for cli, api in CLI_NAMES.items()
                    if cli in given and api in given and endpoint.api_name(cli) == api]
        problems += [(f"query.{name}", "is not a parameter of this endpoint")
                     for name in dict.fromkeys(name for name, _ in renamed) if name not in endpoint.names]
        if problems:
            takes = ", ".join(_with_cli_name(n) for n in endpoint.names) or "no query parameters"
            head = "; ".join(f"{field}: {problem}" for field, problem in problems)
            response = error_response(
                422, "unknown_parameter", f"{head} ({scope['method']} {scope['path']} takes {takes})",
                problems=[{"field": f, "problem": p} for f, p in problems], parameters=list(endpoint.names))
            await response(scope, receive, send)
            return
        if renamed != pairs:
            scope = dict(scope, query_string=urlencode(renamed).encode("ascii"))
        await self.app(scope, receive, send)


def _query_names(dependant: Dependant) -> list[str]:
    """The query parameters an endpoint and its dependencies read."""
    names = [p.alias for p in dependant.query_params]
    for sub in dependant.dependencies:
        names += [n for n in _query_names(sub) if n not in names]
    return names


def _with_cli_name(name: str) -> str:
    cli = next((c for c, api in CLI_NAMES.items() if api == name), None)
    return f"{name} (or {cli})" if cli else name
