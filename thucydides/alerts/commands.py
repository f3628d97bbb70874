"""`thucydides alerts`: list the stored dyad alerts, or (--check) run the rules over the store now.

Registered on the main CLI by `register(app)`; DuckDB and the rest load inside the command so
that every other command starts as fast as before.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from thucydides.alerts.model import Alert
    from thucydides.store.db import EventStore

ALERT_FORMATS = ("table", "json")


def register(app: typer.Typer) -> None:
    app.command("alerts")(alerts_command)


def alerts_command(
    store: Annotated[Path, typer.Option("--store", "-s", help="The DuckDB event store file.")],
    since: Annotated[str | None, typer.Option(
        "--since", help="Only alerts whose window ends on or after this day (YYYY-MM-DD).")] = None,
    actor: Annotated[str | None, typer.Option(
        "--actor", help="Only alerts with this actor on either side (code prefix or country).")] = None,
    rule: Annotated[str | None, typer.Option("--rule", help="Only alerts of this rule.")] = None,
    only_open: Annotated[bool, typer.Option(
        "--open", help="Only open alerts (their window is the current or the previous one).")] = False,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", min=1, help="At most this many, newest first.")] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    check: Annotated[bool, typer.Option(
        "--check", help="Run the alert rules over the store now; store, print and deliver new alerts."),
    ] = False,
    rules: Annotated[Path | None, typer.Option(
        "--rules", help="(--check) Rules file (YAML); default: the shipped data/alert_rules.yaml.")] = None,
    jsonl: Annotated[Path | None, typer.Option(
        "--jsonl", help="(--check) Append each new alert to this JSONL file.")] = None,
    webhook: Annotated[str | None, typer.Option(
        "--webhook", help="(--check) POST each new alert as JSON to this http(s) URL.")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Check (and judge --open) as if it were this day or UTC time (YYYY-MM-DD[THH:MM]), "
                        "e.g. to replay an archive; default: now.")] = None,
) -> None:
    """List stored dyad alerts (newest window first), or run a check with --check."""
    from thucydides.store.commands import _open  # the store commands' own opening and its errors
    from thucydides.store.filters import as_date

    now = _as_of(as_of)
    if fmt not in ALERT_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(ALERT_FORMATS)}", param_hint="--format")
    if not check:
        for name, value in (("--rules", rules), ("--jsonl", jsonl), ("--webhook", webhook)):
            if value is not None:
                raise typer.BadParameter("only with --check", param_hint=name)
        try:
            as_date(since, "--since")
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--since") from None
        with _open(store) as s:
            shown = _stored(s, since, actor, rule, now.date() if only_open else None, limit)
        _emit(shown, fmt, title=f"Alerts in {store}")
        return
    from thucydides.alerts.check import AlertOptions, check_alerts
    from thucydides.alerts.model import format_alert

    if rules is not None and not rules.is_file():
        raise typer.BadParameter(f"{rules}: no such file", param_hint="--rules")
    if jsonl is not None and not jsonl.parent.is_dir():
        raise typer.BadParameter(f"{jsonl.parent}: no such directory", param_hint="--jsonl")
    try:
        options = AlertOptions(rules_path=rules, jsonl_path=jsonl, webhook_url=webhook)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--webhook") from None
    with _open(store, read_only=False) as s:
        new = check_alerts(s, options, now=now)
    if fmt == "json":
        _emit(new, fmt, title="New alerts")
    for alert in new if fmt == "table" else ():
        typer.echo(format_alert(alert))
    failed = sum(1 for a in new if a.webhook_error)
    note = f"; the webhook failed for {failed} (retried by the next checks)" if failed else ""
    typer.echo(f"thucydides: {len(new)} new alert(s){note}", err=True)


def _as_of(value: str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a day or time (YYYY-MM-DD[THH:MM])",
                                 param_hint="--as-of") from None
    if len(value) == 10:  # a day alone: its end, so that the whole day's events count
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stored(store: EventStore, since: str | None, actor: str | None, rule: str | None, open_on: date | None,
            limit: int) -> list[Alert]:
    from thucydides.alerts.storage import AlertFilter, list_alerts

    flt = AlertFilter(start=since, actor=actor, rule=rule, open_on=open_on, is_open=True if open_on else None)
    return list_alerts(store.con, flt, limit)[1]


def _emit(alerts: list[Alert], fmt: str, title: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps([a.to_dict(delivery=True) for a in alerts], ensure_ascii=False, indent=1))
        return
    import sys

    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, header_style="bold")
    for column in ("window", "rule", "dyad", "events", "figures", "raised"):
        table.add_column(column, justify="right" if column == "events" else "left", overflow="fold")
    for a in alerts:
        figures = (f"z {a.z:.1f} vs {a.baseline_mean:.1f}/{a.window}" if a.test == "count" and a.z is not None
                   else f"Goldstein {a.goldstein_shift or 0:+.1f} to {a.goldstein_mean or 0:+.1f}")
        table.add_row(f"{a.window} {a.window_start.isoformat()}", a.rule, f"{a.source} -> {a.target}",
                      str(a.count), figures, a.raised_at.isoformat(sep=" ", timespec="minutes"))
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    if not alerts:
        typer.echo("(no alerts)", err=True)
