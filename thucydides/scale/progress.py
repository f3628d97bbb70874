"""The progress line of a Dask batch on stderr: articles done, rate and ETA."""

from __future__ import annotations

import sys
import time
from typing import Any


class BatchProgress:
    """Articles done, rate and ETA for the whole batch, on stderr. The rate counts only
    what this run coded, so resumed partitions do not make it look faster than it is."""

    def __init__(self, show: bool, total: int | None):
        self.show = show
        self.total = total
        self.done = 0
        self.coded = 0
        self.parts = 0
        self.resumed_parts = 0
        self.start = time.perf_counter()
        self.end: float | None = None
        self.coding = False
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=False)
            self._bar.__enter__()
            self._task = self._bar.add_task("coding", total=self.total, info="starting workers")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._refresh()
            self._bar.__exit__(None, None, None)

    def complete(self) -> None:
        self.total = self.done  # the estimate counted lines that turned out not to be articles
        self.end = time.perf_counter()  # the cluster's shutdown is no part of the rate
        self._refresh()

    def start_coding(self) -> None:
        self.start = time.perf_counter()
        self.coding = True
        self._refresh()

    def advance(self, articles: int, resumed: bool) -> None:
        self.done += articles
        self.parts += 1
        if resumed:
            self.resumed_parts += 1
        else:
            self.coded += articles
        if self.total is not None and self.done > self.total:
            self.total = self.done  # count_inputs is an estimate; never show more than 100 %
        self._refresh()

    def _refresh(self) -> None:
        if self._bar is None:
            return
        elapsed = (self.end or time.perf_counter()) - self.start
        rate = self.coded / elapsed if elapsed > 0 and self.coded else 0.0
        info = f"{rate:.1f} art/s" if rate else "-- art/s"
        if rate and self.total is not None:
            left = max(0, self.total - self.done) / rate
            info += f"  ETA {int(left // 3600)}:{int(left % 3600 // 60):02d}:{int(left % 60):02d}"
        info += f"  parts {self.parts}" + (f" ({self.resumed_parts} resumed)" if self.resumed_parts else "")
        self._bar.update(self._task, completed=self.done, total=self.total, info=info)

    def echo(self, line: str) -> None:
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)
