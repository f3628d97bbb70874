"""The `thucydides serve` command, registered on the main CLI by `register(app)`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from thucydides.watch.defaults import DEFAULT_INTERVAL

if TYPE_CHECKING:
    from thucydides.watch.background import WatchSetup


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        store: Annotated[
            Path | None,
            typer.Option(
                "--store",
                help="DuckDB event store to query and to write into with ?store=true (created if missing).",
            ),
        ] = None,
        host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
        timeout: Annotated[
            float,
            typer.Option("--timeout", min=1.0, help="Seconds one /v1/code request may take before a 504."),
        ] = 120.0,
        max_articles: Annotated[
            int, typer.Option("--max-articles", min=1, help="Articles per /v1/code request (more: 413).")
        ] = 200,
        max_body: Annotated[
            int, typer.Option("--max-body", min=1024, help="Request body size limit in bytes (more: 413).")
        ] = 2_000_000,
        actors: Annotated[
            list[Path] | None, typer.Option("--actors", help="Extra actor dictionary (YAML/TSV); repeatable.")
        ] = None,
        patterns: Annotated[
            list[Path] | None, typer.Option("--patterns", help="Extra event patterns (YAML); repeatable.")
        ] = None,
        log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
        watch: Annotated[
            list[str] | None,
            typer.Option("--watch", help="Also watch this feed, folder or growing JSONL file into "
                                         "--store (see `thucydides watch`); repeatable. Health: "
                                         "GET /v1/watch/status."),
        ] = None,
        watch_interval: Annotated[
            str, typer.Option("--watch-interval", help="How often each watched source is polled: 30s, 15m.")
        ] = DEFAULT_INTERVAL,
    ) -> None:
        """Serve the HTTP API (/v1/…, docs at /docs) and the web page (/) until interrupted."""
        import uvicorn

        from thucydides.service.app import CoderLike, Limits, create_app

        for path in [*(actors or []), *(patterns or [])]:
            if not path.is_file():
                raise typer.BadParameter(f"{path}: no such file")
        setup = _watch_setup(watch or [], watch_interval, store)

        def coder_factory() -> CoderLike:
            from functools import partial

            from thucydides.coder import Coder
            from thucydides.service.pool import CoderPool

            # worker processes with a time limit: one slow article never holds up the others
            return CoderPool(time_limit=timeout,
                             factory=partial(Coder, actor_files=actors or [], pattern_files=patterns or []))

        limits = Limits(max_body_bytes=max_body, max_articles=max_articles, code_timeout_s=timeout)
        typer.echo(
            f"thucydides: loading the coder, then serving on http://{host}:{port}/ "
            f"(API docs at /docs{', store ' + str(store) if store else ''})",
            err=True,
        )
        uvicorn.run(
            create_app(coder_factory=coder_factory, store_path=store, limits=limits, watch=setup),
            host=host,
            port=port,
            log_level=log_level,
        )


def _watch_setup(sources: list[str], interval: str, store: Path | None) -> WatchSetup | None:
    """The watcher `--watch` asks for, its sources and interval checked before the model loads."""
    if not sources:
        return None
    if store is None:
        raise typer.BadParameter("the watcher codes into the event store: give --store too",
                                 param_hint="--watch")
    from thucydides.watch.background import WatchSetup
    from thucydides.watch.interval import IntervalError, parse_interval
    from thucydides.watch.sources import SourceSpecError, parse_sources

    try:
        every = parse_interval(interval)
    except IntervalError as exc:
        raise typer.BadParameter(str(exc), param_hint="--watch-interval") from None
    try:
        parse_sources(sources)
    except SourceSpecError as exc:
        raise typer.BadParameter(str(exc), param_hint="--watch") from None
    return WatchSetup(sources=sources, interval=every)
