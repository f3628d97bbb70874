"""CLI commands over the event store: export, query (dyad, actors, events, summary), sql, plot, load.

`register(app)` adds them to the `thucydides` Typer app. Heavy imports (DuckDB,
pandas, matplotlib) happen inside the commands so that `thucydides --help` stays fast.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    import pandas as pd

    from thucydides.store.db import EventStore

OUTPUT_FORMATS = ("table", "csv", "json")
EXPORT_FORMATS = ("gdelt", "icews", "plover", "parquet", "csv")
PERIODS = ("day", "week", "month", "year")

StoreOpt = Annotated[Path, typer.Option("--store", "-s", help="The DuckDB event store file.")]
FromOpt = Annotated[str | None, typer.Option("--from", help="First event date (YYYY-MM-DD), inclusive.")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last event date (YYYY-MM-DD), inclusive.")]
ActorOpt = Annotated[str | None, typer.Option(
    "--actor", help="Only events with this actor as source or target (code prefix: RUS matches RUSMIL).")]
CodeOpt = Annotated[str | None, typer.Option(
    "--code", help="Only events with this CAMEO code or prefix (19 matches 190-196).")]
SourceOpt = Annotated[str | None, typer.Option(
    "--source", help="Only events with this source actor (code prefix).")]
TargetOpt = Annotated[str | None, typer.Option(
    "--target", help="Only events with this target actor (code prefix).")]
CountryOpt = Annotated[str | None, typer.Option(
    "--country", help="Only events with this ISO alpha-3 country on either side or as the location.")]
RootOpt = Annotated[str | None, typer.Option("--root", help="Only events of this CAMEO root code (01-20).")]
PloverOpt = Annotated[str | None, typer.Option(
    "--plover", help="Only events of this PLOVER type (ASSAULT …).")]
QuadOpt = Annotated[int | None, typer.Option(
    "--quad", min=1, max=4, help="Only events of this quad class (1 verbal coop. … 4 material conflict).")]
MinConfidenceOpt = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Only events coded with at least this confidence (0-1).")]
FormatOpt = Annotated[str | None, typer.Option(
    "--format", "-f", help="table, csv or json (default: table on a terminal, else csv).")]

query_app = typer.Typer(help="Ask the event store common questions (dyads, top actors, events).",
                        no_args_is_help=True)
plot_app = typer.Typer(help="Charts from the event store.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the store commands to the `thucydides` app."""
    app.command("export")(export_command)
    app.command("sql")(sql_command)
    app.command("load")(load_command)
    app.add_typer(query_app, name="query")
    app.add_typer(plot_app, name="plot")


# -- helpers -----------------------------------------------------------------
@contextmanager
def _open(path: Path, read_only: bool = True) -> Iterator[EventStore]:
    """Open the store, turning store and argument errors into a one-line message and exit 1."""
    from thucydides.store.db import EventStore, StoreError

    try:
        # A reader gives up sooner than a writer: a query should not hang behind a long coding run.
        with EventStore(path, read_only=read_only, lock_timeout=10.0 if read_only else 30.0) as store:
            yield store
    except (StoreError, ValueError, FileNotFoundError) as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(1) from None


def _check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)
    return value


def _check_date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None
    return value


def _check_range(start: str | None, end: str | None) -> None:
    _check_date(start, "--from")
    _check_date(end, "--to")


def _plain(value: Any) -> Any:
    """A cell as JSON/CSV/table can show it: dates as ISO, NaN as None, numpy scalars as Python."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if (value.hour, value.minute, value.second) == (0, 0, 0) \
            else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays (list columns) and scalars
        return _plain(value.tolist())
    if isinstance(value, list):
        return [_plain(v) for v in value]
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, (str, bytes)) and pd.isna(value)):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _rounded(_plain(v)) for k, v in row.items()} for row in df.to_dict("records")]


def _rounded(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def emit(df: pd.DataFrame, fmt: str | None, title: str | None = None) -> None:
    """Print a result as a Rich table, CSV or JSON (an array of objects)."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    _check_choice(fmt, OUTPUT_FORMATS, "--format")
    if fmt != "json":
        from thucydides.store.exports import tidy

        df = tidy(df, breaks=r"\s*[\r\n]+\s*")
    records = _records(df)
    if fmt == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(list(df.columns))
        for r in records:
            writer.writerow([";".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                             for v in r.values()])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in df.columns:
        numeric = str(df[column].dtype).startswith(("int", "float", "Int", "Float", "uint"))
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for r in records:
        table.add_row(*(_cell(v) for v in r.values()))
    # Piped tables get room instead of folded headers; a terminal uses its own width.
    Console(width=None if sys.stdout.isatty() else 250).print(table)
    if not records:
        typer.echo("(no rows)", err=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


# -- export ------------------------------------------------------------------
def export_command(
    store: StoreOpt,
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="Output file, - for stdout (a directory for parquet).")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="gdelt (61-column TSV), icews (20-column TSV), plover (JSONL), "
        "parquet (hive year=/month= directory) or csv.")] = "csv",
    start: FromOpt = None,
    end: ToOpt = None,
    actor: ActorOpt = None,
    code: CodeOpt = None,
    source: SourceOpt = None,
    target: TargetOpt = None,
    country: CountryOpt = None,
    root: RootOpt = None,
    plover: PloverOpt = None,
    quad: QuadOpt = None,
    min_confidence: MinConfidenceOpt = None,
    level: Annotated[str, typer.Option(
        "--level",
        help="csv/parquet rows: cluster (one per happening, GDELT counts) or mention (one per report).",
    )] = "cluster",
    header: Annotated[bool | None, typer.Option(
        "--header/--no-header", help="Header row (default: none for gdelt, as GDELT files; one otherwise).")
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="parquet: write into a non-empty directory.")
                         ] = False,
) -> None:
    """Export events as GDELT 2.0, ICEWS, PLOVER JSONL, partitioned Parquet or CSV."""
    _check_choice(fmt, EXPORT_FORMATS, "--format")
    _check_choice(level, ("cluster", "mention"), "--level")
    _check_range(start, end)
    from thucydides.store.exports import export, undated_left_out

    more = dict(source=source, target=target, country=country, root=root, plover=plover, quad=quad,
                min_confidence=min_confidence)
    with _open(store) as s:
        n = export(s, fmt, str(output), start=start, end=end, actor=actor, code=code, level=level,
                   header=header, overwrite=overwrite, **more)
        undated = undated_left_out(s, fmt, level, start=start, end=end, actor=actor, code=code, **more)
    where = "stdout" if str(output) == "-" else output
    typer.echo(f"thucydides: wrote {n} rows ({fmt}) to {where}", err=True)
    if undated:
        typer.echo(f"thucydides: left out {undated} events with no date at all ({fmt} rows need one)",
                   err=True)


# -- queries -----------------------------------------------------------------
@query_app.command("dyad")
def query_dyad(
    actor1: Annotated[str, typer.Argument(help="First actor code (prefix), e.g. RUS.")],
    actor2: Annotated[str, typer.Argument(help="Second actor code (prefix), e.g. USA.")],
    store: StoreOpt,
    start: FromOpt = None,
    end: ToOpt = None,
    by: Annotated[str, typer.Option("--by", help="Period: day, week, month or year.")] = "month",
    directed: Annotated[bool, typer.Option(
        "--directed", help="Only ACTOR1 → ACTOR2 (default: both directions).")] = False,
    code: CodeOpt = None,
    root: RootOpt = None,
    quad: QuadOpt = None,
    min_confidence: MinConfidenceOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Events between two actors per period: counts by quad class, Goldstein sum and mean."""
    _check_choice(by, PERIODS, "--by")
    _check_range(start, end)
    with _open(store) as s:
        df = s.dyad(actor1, actor2, start=start, end=end, by=by, directed=directed, code=code, root=root,
                    quad=quad, min_confidence=min_confidence)
    arrow = "→" if directed else "↔"
    emit(df, fmt, title=f"{actor1.upper()} {arrow} {actor2.upper()} by {by}")


@query_app.command("actors")
def query_actors(
    store: StoreOpt,
    start: FromOpt = None,
    end: ToOpt = None,
    code: CodeOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many actors.")] = 20,
    by_country: Annotated[bool, typer.Option(
        "--by-country", help="Group by country instead of full actor code.")] = False,
    root: RootOpt = None,
    quad: QuadOpt = None,
    min_confidence: MinConfidenceOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """The most active actors, as source or target of events; actors of no known country come last,
    flagged no_country (only events with a country on one side are counted)."""
    _check_range(start, end)
    with _open(store) as s:
        df = s.actors(start=start, end=end, code=code, limit=limit, by_country=by_country, root=root,
                      quad=quad, min_confidence=min_confidence)
    emit(df, fmt, title="Top actors (no_country: actors whose country the text does not give)")


_EVENT_TABLE_COLUMNS = ("cluster_id", "event_date", "source_code", "target_code", "cameo", "quad_class",
                        "goldstein", "plover_type", "location_name", "num_mentions", "num_sources",
                        "num_articles", "first_article_id", "trigger_text")
_MENTION_TABLE_COLUMNS = ("cluster_id", "event_date", "article_id", "event_id", "sentence_index",
                          "source_code", "target_code", "cameo", "goldstein", "trigger_text", "location_name")


@query_app.command("events")
def query_events(
    store: StoreOpt,
    actor: ActorOpt = None,
    code: CodeOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = 100,
    mentions: Annotated[bool, typer.Option(
        "--mentions", help="One row per report (article, sentence) instead of one per deduplicated event.")
    ] = False,
    source: SourceOpt = None,
    target: TargetOpt = None,
    country: CountryOpt = None,
    root: RootOpt = None,
    plover: PloverOpt = None,
    quad: QuadOpt = None,
    min_confidence: MinConfidenceOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Events matching filters (table shows key columns; csv/json give every column)."""
    _check_range(start, end)
    level = "mention" if mentions else "cluster"
    with _open(store) as s:
        df = s.events(start=start, end=end, actor=actor, code=code, limit=limit, level=level, source=source,
                      target=target, country=country, root=root, plover=plover, quad=quad,
                      min_confidence=min_confidence)
    shown = fmt or ("table" if sys.stdout.isatty() else "csv")
    if shown == "table":
        keep = _MENTION_TABLE_COLUMNS if mentions else _EVENT_TABLE_COLUMNS
        df = df[[c for c in keep if c in df.columns]]
    emit(df, shown, title="Events")


@query_app.command("summary")
def query_summary(store: StoreOpt, fmt: FormatOpt = None) -> None:
    """Row counts of the store's tables and its schema version."""
    import pandas as pd

    with _open(store) as s:
        counts = s.summary()
    emit(pd.DataFrame({"table": list(counts), "rows": list(counts.values())}), fmt, title=str(store))


def sql_command(
    query: Annotated[str, typer.Argument(
        help="SQL over the tables (articles, events, actor_mentions, places, times, quotes, sentences) "
        "and views (event_mentions, event_clusters).")],
    store: StoreOpt,
    fmt: FormatOpt = None,
) -> None:
    """Run read-only SQL over the event store: its tables and views only (no files, no extensions)."""
    import duckdb

    from thucydides.store.db import StoreError
    from thucydides.store.sandbox import run_sql

    try:
        df = run_sql(store, query)
    except StoreError as exc:
        typer.echo(f"thucydides: {exc}", err=True)
        raise typer.Exit(1) from None
    except duckdb.Error as exc:
        typer.echo(f"thucydides: SQL error: {exc}", err=True)
        raise typer.Exit(1) from None
    emit(df, fmt)


# -- plots -------------------------------------------------------------------
@plot_app.command("dyad")
def plot_dyad_command(
    actor1: Annotated[str, typer.Argument(help="First actor code (prefix), e.g. RUS.")],
    actor2: Annotated[str, typer.Argument(help="Second actor code (prefix), e.g. USA.")],
    store: StoreOpt,
    output: Annotated[Path, typer.Option("-o", "--output", help="Image file (.png, .svg or .pdf).")],
    start: FromOpt = None,
    end: ToOpt = None,
    by: Annotated[str, typer.Option("--by", help="Period: day, week, month or year.")] = "month",
    directed: Annotated[bool, typer.Option("--directed", help="Only ACTOR1 → ACTOR2.")] = False,
    title: Annotated[str | None, typer.Option("--title", help="Chart title.")] = None,
) -> None:
    """A cooperation–conflict timeline: quad-class counts as stacked bars, mean Goldstein as a line."""
    _check_choice(by, PERIODS, "--by")
    _check_range(start, end)
    from thucydides.store.plot import plot_dyad

    with _open(store) as s:
        df = s.dyad(actor1, actor2, start=start, end=end, by=by, directed=directed)
        total = int(df["events"].sum()) if len(df) else 0
        unknown = [a.upper() for a in (actor1, actor2) if not total and not _actor_in_store(s, a)]
    if unknown:
        typer.echo(f"thucydides: no event in {store} involves {' or '.join(unknown)}; "
                   "`thucydides query actors` lists the actors it holds", err=True)
        raise typer.Exit(1)
    if not total:
        typer.echo(f"thucydides: no events between {actor1.upper()} and {actor2.upper()} in that range; "
                   "nothing drawn", err=True)
        raise typer.Exit(1)
    plot_dyad(df, actor1.upper(), actor2.upper(), output, by=by, directed=directed, title=title)
    typer.echo(f"thucydides: wrote {output} ({int(df['events'].sum()) if len(df) else 0} events)", err=True)


def _actor_in_store(store: EventStore, actor: str) -> bool:
    from thucydides.store.filters import check_actor

    code = check_actor(actor)
    found = store.sql("SELECT count(*) AS n FROM event_mentions WHERE source_code LIKE ? "
                      "OR target_code LIKE ? OR source_country = ? OR target_country = ?",
                      [code + "%", code + "%", code, code])
    return bool(int(found["n"].iloc[0]))


# -- load --------------------------------------------------------------------
def load_command(
    source: Annotated[Path, typer.Argument(
        help="Directory of Parquet documents parts (searched recursively), or one .parquet file.",
        metavar="OUT_DIR")],
    store: StoreOpt,
) -> None:
    """Load coded documents written by the cluster path (Parquet) into the event store."""
    from thucydides.store.parquet import load_parquet_dir, parquet_parts

    if not source.exists():
        raise typer.BadParameter(f"{source}: no such file or directory", param_hint="OUT_DIR")
    parts = parquet_parts(source)
    if not parts:
        typer.echo(f"thucydides: no .parquet files under {source}", err=True)
        raise typer.Exit(1)
    with _open(store, read_only=False) as s:
        stats = load_parquet_dir(source, s)
    typer.echo(f"thucydides: loaded {stats.articles} articles ({stats.events} events, "
               f"{stats.replaced} replaced) from {len(parts)} part(s) into {store}", err=True)
