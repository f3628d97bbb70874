"""The Dask cluster a batch runs on: a scheduler's address or a LocalCluster started on demand."""

from __future__ import annotations

import logging
import os
import time
from contextlib import ExitStack
from typing import Any

from thucydides.scale.result import ScaleError
from thucydides.scale.worker import CoderConfig

WORKER_MEMORY = 2**30  # a worker settles near 360 MB (spaCy sm, gazetteer, dictionaries); headroom


def local_worker_count() -> int:
    """Worker processes for a LocalCluster on this machine: one per core, as memory allows."""
    import psutil

    by_memory = int(psutil.virtual_memory().available // WORKER_MEMORY)
    return max(1, min(os.cpu_count() or 1, by_memory))


class Cluster:
    """Connects (or starts a LocalCluster) on first use, so a resume with nothing left to
    code never starts one."""

    def __init__(self, stack: ExitStack, scheduler: str | None, workers: int | None, config: CoderConfig):
        self.stack = stack
        self.scheduler = scheduler
        self.n_workers = workers
        self.config = config
        self.client: Any = None
        self.code: str | None = None  # the workers' build (code_fingerprint)
        self.startup_seconds = 0.0
        self._threads = 1
        self._threads_at = 0.0

    def get(self) -> Any:
        if self.client is None:
            t0 = time.perf_counter()
            self.client = self._connect()
            self.startup_seconds = time.perf_counter() - t0
        return self.client

    def _connect(self) -> Any:
        from distributed import Client, LocalCluster

        from thucydides.scale.worker import CoderPlugin

        if self.scheduler:
            try:
                client = self.stack.enter_context(Client(self.scheduler, timeout="30s"))
            except (OSError, TimeoutError) as exc:
                raise ScaleError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
            try:
                client.wait_for_workers(1, timeout=120)
            except TimeoutError:
                raise ScaleError(f"the Dask scheduler at {self.scheduler} has no workers "
                                 "(start some with `dask worker {self.scheduler} --nthreads 1`)") from None
        else:
            cluster = self.stack.enter_context(LocalCluster(
                n_workers=self.n_workers or local_worker_count(), threads_per_worker=1, processes=True,
                dashboard_address=":0", silence_logs=logging.CRITICAL,  # errors come back as ScaleError
            ))
            client = self.stack.enter_context(Client(cluster))
        try:
            client.register_plugin(CoderPlugin(self.config))
        except Exception as exc:  # a broken user dictionary, a version mismatch, a missing model
            why = self.config.client_paths(f"{type(exc).__name__}: {exc}")
            raise ScaleError(f"the workers could not load the coder: {why}") from None
        from thucydides.scale.worker import code_fingerprint

        builds: dict[str, list[str]] = {}
        for worker, build in client.run(code_fingerprint).items():
            builds.setdefault(build, []).append(worker)
        if len(builds) > 1:
            detail = "; ".join(f"{b}: {', '.join(sorted(w))}" for b, w in sorted(builds.items()))
            raise ScaleError(f"the workers run different builds of thucydides ({detail}); install the same "
                             "version (and the same user files) on every machine")
        self.code = next(iter(builds))
        return client

    def window(self) -> int:
        """Partitions to keep in flight: enough to keep every worker thread busy while the
        client writes parts, few enough to bound the client's memory."""
        now = time.perf_counter()
        if now - self._threads_at > 5.0:
            self._threads = max(1, sum(self.get().nthreads().values()))
            self._threads_at = now
        return 2 * self._threads + 1

    @property
    def n_worker_processes(self) -> int:
        return len(self.client.scheduler_info(n_workers=-1)["workers"]) if self.client is not None else 0
