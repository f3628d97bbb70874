"""`thucydides watch SOURCE... --store S [--interval 15m] [--once]`, registered by `register(app)`."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from thucydides.limits import MAX_ARTICLE_CHARS
from thucydides.watch.defaults import DEFAULT_INTERVAL, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S

if TYPE_CHECKING:
    from thucydides.store.db import EventStore
    from thucydides.watch.watcher import OnCycle

EXIT_OK, EXIT_NOTHING, EXIT_SOME = 0, 1, 3


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)


def watch_command(
    sources: Annotated[list[str], typer.Argument(
        help="RSS/Atom feed URLs, feed files, folders (new files as they arrive) or .jsonl files that grow; "
             "15m=SOURCE gives one source its own interval.", metavar="SOURCE...")],
    store: Annotated[Path, typer.Option("--store", "-s", help="The DuckDB event store to code into.")],
    interval: Annotated[str, typer.Option(
        "--interval", help="How often each source is polled: 30s, 15m, 1h.")] = DEFAULT_INTERVAL,
    once: Annotated[bool, typer.Option(
        "--once", help="Poll every source once (reading any backlog to its end), then exit.")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=1.0, help="Seconds one HTTP request may take, the whole answer included.")
    ] = DEFAULT_TIMEOUT_S,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1024, help="Largest feed, page or JSONL line read, in bytes.")
    ] = DEFAULT_MAX_BYTES,
    full_pages: Annotated[bool, typer.Option(
        "--full-pages", help="Fetch each feed entry's page even when the feed gives a summary "
                             "(the summary is coded if the page cannot be had).")] = False,
    rejects: Annotated[Path | None, typer.Option(
        "--rejects", help="Append rejected entries (origin, id, reason, source) to this JSONL file.")] = None,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Extra actor dictionary (TSV); repeatable.")] = None,
    patterns: Annotated[list[Path] | None, typer.Option(
        "--patterns", help="Extra event patterns (YAML); repeatable.")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="Reject articles longer than this many characters.")] = MAX_ARTICLE_CHARS,
    alerts: Annotated[bool, typer.Option(
        "--alerts", help="Check the alert rules after each poll cycle that stored articles.")] = False,
    rules: Annotated[Path | None, typer.Option(
        "--rules", help="Alert rules file (implies --alerts).")] = None,
    alerts_jsonl: Annotated[Path | None, typer.Option(
        "--alerts-jsonl", help="Append raised alerts to this JSONL file (implies --alerts).")] = None,
    webhook: Annotated[str | None, typer.Option(
        "--webhook", help="POST raised alerts to this http(s) URL (implies --alerts).")] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="A status line on stderr (default: when stderr is a terminal).")] = None,
) -> None:
    """Watch feeds, folders and growing JSONL files; code each new article once into the store.
    With --once, exit 0: every source read; 1: none could be read; 3: some entries rejected or
    some sources failed."""
    from thucydides.watch.entries import Settings
    from thucydides.watch.interval import IntervalError, parse_interval
    from thucydides.watch.sources import SourceSpecError, parse_sources

    try:
        every = parse_interval(interval)
    except IntervalError as exc:
        raise typer.BadParameter(str(exc), param_hint="--interval") from None
    try:
        watched = parse_sources(sources)
    except SourceSpecError as exc:
        raise typer.BadParameter(str(exc), param_hint="SOURCE") from None
    for path in [*(actors or []), *(patterns or []), *([rules] if rules else [])]:
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such file")
    on_cycle = _alert_hook(alerts, rules, alerts_jsonl, webhook)
    settings = Settings(timeout=timeout, max_bytes=max_bytes, max_chars=max_chars, full_pages=full_pages,
                        settle_s=0.0 if once else Settings().settle_s)
    _check_store(store)

    from thucydides.coder import Coder
    from thucydides.watch.display import LineReporter
    from thucydides.watch.watcher import Watcher

    try:
        coder = Coder(actor_files=actors or [], pattern_files=patterns or [], max_chars=max_chars)
    except ValueError as exc:  # a broken user dictionary or pattern file
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(EXIT_NOTHING) from None
    live = sys.stderr.isatty() if progress is None else progress
    with ExitStack() as stack:
        rejects_out = stack.enter_context(rejects.open("a", encoding="utf-8")) if rejects else None
        reporter = LineReporter(live=live and not once, quiet_polls=not once, rejects_out=rejects_out)
        watcher = Watcher(watched, lambda: _opened(store), coder.code_many, interval=every, settings=settings,
                          on_cycle=on_cycle, reporter=reporter)
        reporter.status = watcher.status
        stack.enter_context(reporter)
        if once:
            summaries = watcher.run_once()
        else:
            _run_until_stopped(watcher, reporter)
            return
    failed = sum(1 for s in summaries if s.error)
    if failed == len(summaries):
        raise typer.Exit(EXIT_NOTHING)
    if failed or any(s.rejected for s in summaries):
        raise typer.Exit(EXIT_SOME)


@contextmanager
def _opened(path: Path) -> Iterator[EventStore]:
    from thucydides.store.db import EventStore

    with EventStore(path, lock_timeout=30.0) as event_store:
        yield event_store


def _check_store(path: Path) -> None:
    """Open (create, migrate) the store once before the model loads: a wrong path fails at once."""
    from thucydides.store.db import StoreError

    try:
        with _opened(path):
            pass
    except StoreError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(EXIT_NOTHING) from None


def _run_until_stopped(watcher: Any, reporter: Any) -> None:
    """Run until Ctrl-C or SIGTERM; a stop finishes the poll under way (its commits are whole anyway)."""
    stop = threading.Event()

    def on_term(signum: int, frame: Any) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, on_term)
    reporter.problem(None, f"watching {len(watcher.sources)} source(s); Ctrl-C stops")
    try:
        watcher.run(stop)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    reporter.problem(None, "stopped; " + watcher.status.line())


def _alert_hook(alerts: bool, rules: Path | None, jsonl: Path | None, webhook: str | None) -> OnCycle | None:
    """The alert check after each cycle that stored articles (thucydides/alerts), when asked for."""
    if not (alerts or rules or jsonl or webhook):
        return None
    if webhook is not None and not webhook.lower().startswith(("http://", "https://")):
        raise typer.BadParameter(f"{webhook!r} is not an http(s) URL", param_hint="--webhook")
    try:  # lazy: the alerts package is optional for watching, and loads only when asked for
        from thucydides.alerts import AlertOptions, check_alerts
    except ImportError:
        raise typer.BadParameter("this thucydides has no alert checks (thucydides.alerts is missing)",
                                 param_hint="--alerts") from None
    options = AlertOptions(rules_path=rules, jsonl_path=jsonl, webhook_url=webhook)

    def check(event_store: EventStore) -> None:
        raised = check_alerts(event_store, options)
        if raised:
            typer.echo(f"thucydides: watch: {len(raised)} alert(s) raised", err=True)

    return check
