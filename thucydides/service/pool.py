"""The service's coder: a few worker processes, each with its own model, and a time limit per
request after which the worker is killed and replaced.

A thread cannot be stopped in Python, so with one coding thread a single slow article held up
every other request, and a stuck one held it for good. Here each request waits for an idle
worker, and a worker that overruns the limit is killed: the request gets its 504 and the
others go on in the remaining workers while a fresh one loads.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Callable, Sequence
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from thucydides.models import Article, Document, Reject

DEFAULT_WORKERS = 2  # each holds a model (about 400 MB); the project's machines have two cores
START_TIMEOUT_S = 300.0  # loading the model and the gazetteer in a fresh process


class CodingTimeout(TimeoutError):
    """A request that ran over the pool's time limit; its worker was killed."""


def _make_coder() -> Any:
    from thucydides.coder import Coder

    return Coder()


def _serve(conn: Connection, factory: Callable[[], Any]) -> None:
    """A worker's life: build the coder once, then answer one request at a time."""
    coder = factory()
    conn.send(("ready", None))
    while True:
        try:
            kind, payload = conn.recv()
        except EOFError:
            return
        try:
            if kind == "code":
                result: Any = coder.code(*payload)
            else:
                result = list(coder.code_many(payload))
            conn.send(("ok", result))
        except Exception as exc:  # sent back to the caller, who raises it
            try:
                conn.send(("error", exc))
            except Exception:  # an exception that does not pickle
                conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, context: Any, factory: Callable[[], Any]):
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, factory), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> bool:
        if not self.conn.poll(timeout):
            return False
        kind, _ = self.conn.recv()
        return bool(kind == "ready")

    def kill(self) -> None:
        self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class CoderPool:
    """`code` and `code_many` like `thucydides.Coder`, run in `workers` processes; safe to call
    from several threads at once (each call takes an idle worker)."""

    def __init__(self, workers: int = DEFAULT_WORKERS, time_limit: float = 120.0,
                 factory: Callable[[], Any] = _make_coder):
        self.workers = max(1, workers)
        self.time_limit = time_limit
        self.factory = factory
        self._context = multiprocessing.get_context("spawn")  # never fork a process that has threads
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        started = [_Worker(self._context, factory) for _ in range(self.workers)]
        for worker in started:
            if not worker.wait_ready(START_TIMEOUT_S):
                for w in started:
                    w.kill()
                raise RuntimeError("a coder worker process did not start")
            self._idle.put(worker)

    def code(self, text: str, date: str | date | None = None, id: str = "doc",
             title: str | None = None) -> Document:
        result: Document = self._call("code", (text, date, id, title))
        return result

    def code_many(self, articles: Sequence[Article]) -> list[Document | Reject]:
        result: list[Document | Reject] = self._call("code_many", list(articles))
        return result

    def _call(self, kind: str, payload: Any) -> Any:
        if self._closed:
            raise RuntimeError("the coder pool is closed")
        try:  # a killed worker's replacement may still be loading its model
            worker = self._idle.get(timeout=self.time_limit + START_TIMEOUT_S)
        except queue.Empty:
            raise CodingTimeout("no coder worker became free") from None
        try:
            worker.conn.send((kind, payload))
            answered = worker.conn.poll(self.time_limit)
            status, value = worker.conn.recv() if answered else ("timeout", None)
        except (EOFError, OSError, BrokenPipeError):
            status, value = "died", None
        if status in ("ok", "error"):
            self._idle.put(worker)
            if status == "error":
                raise value
            return value
        worker.kill()
        self._replace()
        if status == "timeout":
            raise CodingTimeout(f"coding took over {self.time_limit:g} s; the worker was stopped")
        raise RuntimeError("the coder worker process died on this request")

    def _replace(self) -> None:
        """Start a fresh worker; it joins the idle ones once its model has loaded."""
        def start() -> None:
            worker = _Worker(self._context, self.factory)
            if worker.wait_ready(START_TIMEOUT_S) and not self._closed:
                self._idle.put(worker)
            else:
                worker.kill()

        threading.Thread(target=start, name="thucydides-coder-restart", daemon=True).start()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
