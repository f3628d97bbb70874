"""How `thucydides watch` tells a person what it does: a Rich status line (sources, articles per hour,
last error) above which each poll is logged, when stderr is a terminal; plain log lines otherwise."""

from __future__ import annotations

import json
import sys
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from types import TracebackType
from typing import IO, Any

from thucydides.models import Reject
from thucydides.watch.entries import Source
from thucydides.watch.status import WatchStatus
from thucydides.watch.watcher import PollSummary


class LineReporter(AbstractContextManager["LineReporter"]):
    """Poll results, rejects and problems as lines on stderr (and rejects into a JSONL file); with
    `live`, a status line kept at the bottom of the terminal."""

    def __init__(self, status: WatchStatus | None = None, *, live: bool = False, quiet_polls: bool = False,
                 rejects_out: IO[str] | None = None, stream: IO[str] | None = None):
        self.status = status
        self.live = live
        self.quiet_polls = quiet_polls  # skip polls that brought nothing (a long-running watch)
        self.rejects_out = rejects_out
        self.stream = stream or sys.stderr
        self._live: Any = None

    def __enter__(self) -> LineReporter:
        if self.live and self.status is not None:
            from rich.console import Console
            from rich.live import Live
            from rich.text import Text

            status = self.status

            class _Line:
                def __rich__(self) -> Text:  # Text, not markup: an error message may hold "[...]"
                    return Text(status.line())

            console = Console(file=self.stream)
            self._live = Live(_Line(), console=console, refresh_per_second=1, transient=True)
            self._live.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._live is not None:
            self._live.__exit__(exc_type, exc, tb)
            self._live = None

    def say(self, message: str) -> None:
        if self._live is not None:
            from rich.markup import escape

            self._live.console.print(escape(message), highlight=False, soft_wrap=True)
        else:
            print(message, file=self.stream, flush=True)

    def polled(self, source: Source, summary: PollSummary) -> None:
        busy = summary.coded or summary.duplicates or summary.rejected or summary.deferred or summary.error
        quiet = not busy
        if quiet and self.quiet_polls:
            return
        self.say(f"{_stamp()}thucydides: watch {source.kind} {source.location}: {summary.describe()}")

    def rejected(self, source: Source, reject: Reject) -> None:
        ident = f" [{reject.id}]" if reject.id else ""
        self.say(f"thucydides: rejected {reject.origin}{ident}: {reject.reason}")
        if self.rejects_out is not None:
            record = {**reject.to_dict(), "source": source.key, "at": _now()}
            self.rejects_out.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.rejects_out.flush()

    def problem(self, source: Source | None, message: str) -> None:
        where = f" {source.kind} {source.location}" if source else ""
        self.say(f"{_stamp()}thucydides: watch{where}: {message}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _stamp() -> str:
    return _now().replace("+00:00", "Z") + " "
