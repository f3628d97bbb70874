"""The `thucydides` command line: a thin layer over `thucydides.Coder` and the store."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from thucydides import __version__
from thucydides.ingest import DateError, count_inputs, parse_date, read_inputs, unique_ids
from thucydides.limits import MAX_ARTICLE_CHARS
from thucydides.models import Document, Reject
from thucydides.output import FLAT_FORMATS, FORMATS, Writer, drop_unsure

app = typer.Typer(
    name="thucydides",
    help="Code news articles into CAMEO/PLOVER political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# 2 is a usage error (a bad option or argument: click's own code), so "some inputs rejected"
# has one of its own: a script can tell "fix the command" from "look at the rejects".
EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_SOME_REJECTED = 0, 1, 2, 3
# Small, so that a run killed half-way keeps nearly all it coded; a commit costs a few ms.
STORE_COMMIT_EVERY = 50


def _version(value: bool) -> None:
    if value:
        typer.echo(f"thucydides {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Code news articles into CAMEO/PLOVER political event data."""


def _default_date(value: str | None) -> date | None:
    try:
        return parse_date(value)
    except DateError as exc:
        raise typer.BadParameter(str(exc), param_hint="--date") from None


def _check_files(paths: list[Path], option: str) -> None:
    for path in paths:
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such file", param_hint=option)


class _Tally:
    def __init__(self) -> None:
        self.coded = 0
        self.rejected = 0
        self.not_english = 0


def _output_stream(output: Path | None, store: Path | None, stack: ExitStack) -> IO[str]:
    # `-o -` is stdout; with --store and no -o the documents go to the store alone: a batch
    # stored from a terminal used to scroll every document past.
    if output is not None and str(output) != "-":
        return stack.enter_context(output.open("w", encoding="utf-8"))
    if output is None and store is not None:
        return stack.enter_context(open(os.devnull, "w", encoding="utf-8"))
    return sys.stdout


def _warn_if_not_english(doc: Document, tally: _Tally) -> None:
    from thucydides.language import not_english

    why = not_english(doc.text)
    if why:
        tally.not_english += 1
        typer.echo(f"thucydides: warning: article {doc.id} does not look like English ({why}); "
                   f"{len(doc.events)} events coded", err=True)


def _report(reject: Reject, rejects_out: IO[str] | None, tally: _Tally) -> None:
    tally.rejected += 1
    ident = f" [{reject.id}]" if reject.id else ""
    typer.echo(f"thucydides: rejected {reject.origin}{ident}: {reject.reason}", err=True)
    if rejects_out is not None:
        rejects_out.write(json.dumps(reject.to_dict(), ensure_ascii=False) + "\n")
        rejects_out.flush()


def _progress_wanted(output: Path | None) -> bool:
    # A bar on stderr helps a person at a terminal; it must not mix into a table or JSON
    # that is itself being shown on that terminal.
    if not sys.stderr.isatty():
        return False
    return output is not None or not sys.stdout.isatty()


@app.command("code")
def code_command(
    inputs: Annotated[list[str], typer.Argument(
        help="Files (.txt one article, .jsonl one per line, .html), directories (recursive) or - for stdin.",
        metavar="INPUT...")],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write here instead of stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "documents",
    default_date: Annotated[str | None, typer.Option(
        "--date", help="Publication date (YYYY-MM-DD) for articles that carry none.")] = None,
    rejects: Annotated[Path | None, typer.Option(
        "--rejects", help="Write rejected inputs (origin, id, reason) to this JSONL file.")] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Coder processes (local engine: default 1; dask engine without "
                                 "--scheduler: size of the local cluster, default one per core).")] = None,
    actors: Annotated[list[Path] | None, typer.Option(
        "--actors", help="Extra actor dictionary: a TSV with one of the headers described in "
                         "thucydides/data/actors/README.md; repeatable.")] = None,
    patterns: Annotated[list[Path] | None, typer.Option(
        "--patterns", help="Extra event patterns (YAML, same schema); repeatable.")] = None,
    store: Annotated[Path | None, typer.Option(
        "--store", help="Also write the coded articles into this DuckDB event store.")] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar on stderr (default: when on a terminal).")] = None,
    engine: Annotated[str, typer.Option(
        "--engine", help="local: code on this machine; dask: code on a Dask cluster into Parquet parts "
                         "under the -o directory (resumable).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="(dask) Scheduler address, e.g. tcp://HOST:8786; default: start a local "
                            "cluster of --workers processes.")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="(dask) Continue an interrupted batch in the non-empty -o directory.")] = False,
    partition_size: Annotated[int | None, typer.Option(
        "--partition-size", min=1, help="(dask) Articles per Parquet part (default 100; on --resume "
                                        "the first run's).")] = None,
    on_duplicate: Annotated[str, typer.Option(
        "--on-duplicate", help="An article id seen before in this run: error (reject it), skip it, or "
                               "replace the earlier one.")] = "error",
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Leave out events coded with less confidence (0-1).")] = None,
    max_chars: Annotated[int, typer.Option(
        "--max-chars", min=1, help="Reject articles longer than this many characters.")] = MAX_ARTICLE_CHARS,
    include_non_events: Annotated[bool, typer.Option(
        "--include-non-events",
        help="(events, csv, table) Also write events the text does not assert happened, flagged by "
             "negated / modality (hypothetical, questioned, denied). Documents always carry them.")] = False,
    commit_every: Annotated[int, typer.Option(
        "--commit-every", min=1,
        help="(--store) Commit every N coded articles, so that an interrupted run keeps them; "
             "a re-run replaces, never duplicates.")] = STORE_COMMIT_EVERY,
) -> None:
    """Code articles into events. Exit 0: all coded; 1: nothing coded; 2: usage error;
    3: some inputs rejected."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if include_non_events and fmt not in FLAT_FORMATS:
        raise typer.BadParameter(f"only with --format {', '.join(FLAT_FORMATS)}: documents always carry "
                                 "every event, non-events flagged", param_hint="--include-non-events")
    pub = _default_date(default_date)
    _check_files(actors or [], "--actors")
    _check_files(patterns or [], "--patterns")
    from thucydides.ingest import ON_DUPLICATE

    if on_duplicate not in ON_DUPLICATE:
        raise typer.BadParameter(f"{on_duplicate!r} is not one of {', '.join(ON_DUPLICATE)}",
                                 param_hint="--on-duplicate")
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"{engine!r} is not one of local, dask", param_hint="--engine")
    if engine == "dask":
        if min_confidence is not None:  # the parts keep every event; filter when reading them back
            raise typer.BadParameter("not with --engine dask; use `thucydides export --min-confidence`",
                                     param_hint="--min-confidence")
        if max_chars != MAX_ARTICLE_CHARS:
            raise typer.BadParameter("only with --engine local", param_hint="--max-chars")
        _code_dask(inputs, output, fmt, pub, rejects, workers, actors or [], patterns or [], store, progress,
                   scheduler, resume, partition_size, on_duplicate)
        return
    dask_only = (("--scheduler", scheduler), ("--resume", resume), ("--partition-size", partition_size))
    for name, value in dask_only:
        if value:
            raise typer.BadParameter("only with --engine dask", param_hint=name)
    workers = workers or 1

    from thucydides.lazy_spacy_cli import import_spacy

    import_spacy()  # before the coder imports it: spaCy's own command line is not needed to code
    from thucydides.coder import Coder

    try:
        coder = Coder(actor_files=actors or [], pattern_files=patterns or [], max_chars=max_chars)
    except ValueError as exc:  # a broken user dictionary or pattern file
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(EXIT_NOTHING) from None

    tally = _Tally()
    with ExitStack() as stack:
        event_store = None
        if store is not None:  # before the outputs: a store that cannot be opened leaves no empty files
            from thucydides.store import EventStore, StoreError

            try:
                event_store = stack.enter_context(EventStore(store, batch_size=commit_every))
            except StoreError as exc:
                typer.echo(f"thucydides: {exc}", err=True)
                raise typer.Exit(EXIT_NOTHING) from None
        out = _output_stream(output, store, stack)
        rejects_out = stack.enter_context(rejects.open("w", encoding="utf-8")) if rejects else None
        writer = Writer(out, fmt, include_non_events)
        items = unique_ids(read_inputs(inputs, pub, max_chars=max_chars), on_duplicate)
        stream = coder.code_many(items, workers=workers)
        to_terminal = out is sys.stdout
        show = _progress_wanted(None if to_terminal else Path(os.devnull)) if progress is None else progress
        for item in _with_progress(stream, inputs, show):
            if isinstance(item, Document):
                _warn_if_not_english(item, tally)
                drop_unsure(item, min_confidence)  # before storing too: the store keeps what was written
                item = _write_safely(item, writer, event_store)
            if isinstance(item, Reject):
                _report(item, rejects_out, tally)
                continue
            tally.coded += 1
        writer.close()
    if event_store is not None:
        stats = event_store.totals
        replaced = f", replacing {stats.replaced} stored earlier" if stats.replaced else ""
        typer.echo(f"thucydides: stored {stats.articles} articles in {store}{replaced}", err=True)
    if tally.not_english:
        typer.echo(f"thucydides: {tally.not_english} article(s) do not look like English; the coder "
                   "reads English only, so their events are missing", err=True)
    if tally.coded == 0:
        typer.echo("thucydides: nothing could be coded", err=True)
        raise typer.Exit(EXIT_NOTHING)
    if tally.rejected:
        typer.echo(f"thucydides: coded {tally.coded}, rejected {tally.rejected}", err=True)
        raise typer.Exit(EXIT_SOME_REJECTED)


def _write_safely(doc: Document, writer: Writer, event_store: Any) -> Document | Reject:
    """Write one document; a failure to write it becomes its Reject, and the batch goes on."""
    try:
        writer.write(doc)
        if event_store is not None:
            event_store.add(doc)  # queued; committed every --commit-every
    except Exception as exc:  # a store that fails as a whole fails again on close, and says so there
        return Reject(doc.id, f"could not be written: {type(exc).__name__}: {str(exc)[:300]}", doc.id)
    return doc


def _code_dask(inputs: list[str], output: Path | None, fmt: str, pub: date | None, rejects: Path | None,
               workers: int | None, actors: list[Path], patterns: list[Path], store: Path | None,
               progress: bool | None, scheduler: str | None, resume: bool,
               partition_size: int | None, on_duplicate: str) -> None:
    if output is None:
        raise typer.BadParameter("--engine dask writes Parquet parts into a directory: "
                                 "give it with -o OUT_DIR", param_hint="-o")
    if fmt != "documents":
        raise typer.BadParameter("--engine dask writes documents as Parquet parts; use `thucydides load` "
                                 "and `thucydides export` for other formats", param_hint="--format")
    from thucydides.scale import ScaleError, run_dask, summary

    show = sys.stderr.isatty() if progress is None else progress
    try:
        result = run_dask(inputs, output, scheduler=scheduler, resume=resume, default_date=pub,
                          actor_files=actors, pattern_files=patterns, rejects=rejects,
                          partition_size=partition_size, progress=show, workers=workers,
                          on_duplicate=on_duplicate)
    except ScaleError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(EXIT_NOTHING) from None
    except KeyboardInterrupt:
        typer.echo(f"thucydides: interrupted; the same command with --resume finishes {output}", err=True)
        raise typer.Exit(130) from None
    typer.echo(summary(result), err=True)
    if store is not None and result.documents:
        from thucydides.store import EventStore, load_parquet_dir

        with EventStore(store) as event_store:
            load_parquet_dir(output, event_store)
    raise typer.Exit(result.exit_code)


def _with_progress(stream: Iterator[Document | Reject], inputs: list[str],
                   show: bool) -> Iterator[Document | Reject]:
    if not show:
        yield from stream
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    total = count_inputs(inputs)
    columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=False) as bar:
        task = bar.add_task("coding", total=total, rate="")
        for item in stream:
            bar.update(task, advance=1)
            speed = bar.tasks[0].speed
            if speed:
                bar.update(task, rate=f"{speed:.1f} art/s")
            yield item


def _register_subcommands() -> None:
    from thucydides.alerts.commands import register as register_alerts
    from thucydides.explain import register as register_explain
    from thucydides.service.commands import register as register_service
    from thucydides.store.commands import register as register_store
    from thucydides.watch.commands import register as register_watch

    register_store(app)
    register_alerts(app)
    register_service(app)
    register_explain(app)
    register_watch(app)


_register_subcommands()


def main() -> None:
    app()
