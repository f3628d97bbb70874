"""`thucydides code --engine dask`: code a batch on a Dask cluster into Parquet parts.

Layout of OUT_DIR:

    manifest.json            inputs, settings, partitions, status, timestamps, totals
    parts/part-00000.parquet one per partition of N articles, in input order
    rejects.jsonl            every rejected input (ingest and coding), in input order

The client reads the inputs, cuts them into partitions, submits a bounded window of
them to the cluster and writes each finished part itself (workers return the Parquet
bytes), so workers need no shared filesystem and the client's memory stays flat.
A part is written to a temporary name and renamed into place, so a part file that
exists is complete; `--resume` skips those and codes only the rest.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import IO, Any

from thucydides.ingest import ON_DUPLICATE, count_inputs, read_inputs, unique_ids
from thucydides.models import Reject
from thucydides.scale import manifest as mf
from thucydides.scale.cluster import Cluster, local_worker_count
from thucydides.scale.partition import DEFAULT_PARTITION_SIZE, Partition, part_id, partitions
from thucydides.scale.parts import (
    PARTS_DIR,
    finished_parts,
    part_path,
    read_part_meta,
    remove_temp_files,
    write_atomic,
)
from thucydides.scale.progress import BatchProgress
from thucydides.scale.result import (
    REJECTS_FILE,
    BatchIncomplete,
    BatchInterrupted,
    ScaleError,
    ScaleResult,
)
from thucydides.scale.resume import (
    batch_settings,
    check_resume,
    check_same_build,
    compare_settings,
    ship_files,
)
from thucydides.scale.worker import DEFAULT_FACTORY, CoderConfig

# the names `thucydides.scale` and callers have always imported from here
__all__ = ["BatchIncomplete", "BatchInterrupted", "ScaleError", "ScaleResult", "local_worker_count",
           "reject_from_dict", "run_dask", "summary"]

MANIFEST_EVERY_S = 2.0


def _reject_line(reject: dict[str, Any]) -> str:
    ident = f" [{reject['id']}]" if reject.get("id") else ""
    return f"thucydides: rejected {reject['origin']}{ident}: {reject['reason']}"


# -- the batch -----------------------------------------------------------------------
def run_dask(
    inputs: Sequence[str],
    out_dir: Path,
    *,
    scheduler: str | None = None,
    resume: bool = False,
    default_date: date | None = None,
    actor_files: Sequence[Path | str] = (),
    pattern_files: Sequence[Path | str] = (),
    rejects: Path | None = None,
    partition_size: int | None = None,
    progress: bool = False,
    workers: int | None = None,
    echo_rejects: bool = True,
    stdin: IO[bytes] | None = None,
    coder_factory: str = DEFAULT_FACTORY,
    stop_after: int | None = None,
    on_duplicate: str = "error",
) -> ScaleResult:
    """Code `inputs` on a Dask cluster into OUT_DIR (see the module docstring).

    scheduler: address of a running scheduler (tcp://HOST:8786); None starts a LocalCluster of
      `workers` processes (default: one per core as memory allows) with one thread each.
    resume: continue an interrupted batch in a non-empty OUT_DIR (same inputs and options);
      finished parts are kept and not coded again. Without it a non-empty OUT_DIR is an error.
    partition_size: articles per part (default 100; on resume, the first run's).
    rejects: also write the rejects (JSONL) here; OUT_DIR/rejects.jsonl is always written.
    coder_factory: "module:callable" building the coder on workers (tests swap in a fake).
    stop_after: stop after writing this many parts (to test resuming); raises BatchInterrupted.
    on_duplicate: an article id seen before in the batch is rejected ("error"), dropped ("skip") or
      kept to replace the earlier one when the parts are loaded into a store ("replace").

    Raises ScaleError for anything that prevents the batch; returns a ScaleResult whose
    `exit_code` follows the single-machine convention.
    """
    out_dir = Path(out_dir)
    if on_duplicate not in ON_DUPLICATE:
        raise ScaleError(f"--on-duplicate must be one of {', '.join(ON_DUPLICATE)}, not {on_duplicate!r}")
    old = check_resume(out_dir, resume)
    size = partition_size
    if old is not None and size is None:
        size = old.get("settings", {}).get("partition_size")
    size = size or DEFAULT_PARTITION_SIZE
    if size < 1:
        raise ScaleError(f"--partition-size must be at least 1, got {size}")
    config = CoderConfig(ship_files(actor_files, "--actors"), ship_files(pattern_files, "--patterns"),
                         coder_factory)
    settings = batch_settings(inputs, default_date, size, config, on_duplicate)
    if old is not None:
        compare_settings(old.get("settings", {}), settings, out_dir)

    fresh, created = old is None, not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / PARTS_DIR).mkdir(exist_ok=True)
    remove_temp_files(out_dir)
    done_meta: dict[int, dict[str, Any]] = {}
    for index, path in finished_parts(out_dir).items():
        try:
            done_meta[index] = read_part_meta(path)
        except (OSError, ValueError) as exc:
            raise ScaleError(f"{path}: unreadable part ({exc}); delete it and resume to code it again"
                             ) from None

    manifest: dict[str, Any] = old or {"format": mf.FORMAT, "created_at": mf.now(), "runs": []}
    manifest.update(settings=settings, status="running", finished_at=None)
    manifest.setdefault("runs", []).append({"started_at": mf.now(), "resumed": old is not None,
                                            "scheduler": scheduler or "local", "finished_at": None})
    previous = {e["id"]: e for e in manifest.get("partitions", [])}
    entries: list[dict[str, Any]] = []
    manifest["partitions"] = entries
    mf.save_manifest(out_dir, manifest)

    result = ScaleResult(out_dir=out_dir)
    rejects_by_part: dict[int, list[dict[str, Any]]] = {}
    total = count_inputs(inputs) if stdin is None else None
    last_save = time.perf_counter()

    def save(force: bool = False) -> None:
        nonlocal last_save
        if force or time.perf_counter() - last_save >= MANIFEST_EVERY_S:
            manifest["totals"] = mf.totals(entries)
            mf.save_manifest(out_dir, manifest)
            last_save = time.perf_counter()

    def finish(status: str) -> None:
        manifest["status"] = status
        manifest["finished_at"] = mf.now() if status == "complete" else None
        manifest["runs"][-1]["finished_at"] = mf.now()
        manifest["runs"][-1]["status"] = status
        manifest["runs"][-1]["coded_partitions"] = result.coded_partitions
        manifest["runs"][-1]["skipped_partitions"] = result.skipped_partitions
        save(force=True)

    with ExitStack() as stack:
        bar = stack.enter_context(BatchProgress(progress, total))
        cluster = Cluster(stack, scheduler, workers, config)
        try:
            _run_partitions(
                # ids are checked on the client, over the whole batch: a partition sees only its own
                partitions(unique_ids(read_inputs(inputs, default_date, stdin), on_duplicate), size),
                cluster, out_dir, config,
                done_meta, previous, entries, rejects_by_part, result, bar, save,
                echo_rejects, stop_after,
            )
        except BaseException as exc:
            if fresh and not finished_parts(out_dir):
                # failed before a single part (no cluster, a broken dictionary): leave nothing that
                # would make the same command, run again, ask for --resume
                _discard(out_dir, created)
            else:
                finish("interrupted" if isinstance(exc, BatchInterrupted | KeyboardInterrupt) else "failed")
            raise
        bar.complete()
        result.startup_seconds = cluster.startup_seconds
        result.workers = cluster.n_worker_processes

    stale = sorted(set(done_meta) - {e["index"] for e in entries})
    if stale:
        finish("failed")
        raise ScaleError(f"{out_dir}: parts {', '.join(part_id(i) for i in stale[:5])} do not match any "
                         "partition of the inputs (the inputs changed); start a new output directory")

    all_rejects = [r for index in sorted(rejects_by_part) for r in rejects_by_part[index]]
    _write_rejects(out_dir / REJECTS_FILE, all_rejects, atomic=True)
    if rejects is not None:
        _write_rejects(rejects, all_rejects, atomic=False)

    t = mf.totals(entries)
    result.partitions = t["partitions"]
    result.articles, result.documents, result.rejected, result.events = (
        t["articles"], t["documents"], t["rejected"], t["events"])
    if result.failed:
        finish("incomplete")
        raise BatchIncomplete(
            f"{len(result.failed)} of {result.partitions} partitions failed on the cluster "
            f"({', '.join(result.failed[:5])}{' …' if len(result.failed) > 5 else ''}); the others are "
            f"written. Run the same command with --resume to retry them.", result)
    finish("complete")
    return result


def _run_partitions(
    source: Iterator[Partition], cluster: Cluster, out_dir: Path, config: CoderConfig,
    done_meta: dict[int, dict[str, Any]], previous: dict[str, dict[str, Any]],
    entries: list[dict[str, Any]], rejects_by_part: dict[int, list[dict[str, Any]]],
    result: ScaleResult, bar: BatchProgress, save: Callable[..., None], echo_rejects: bool,
    stop_after: int | None,
) -> None:
    from distributed import as_completed

    from thucydides.scale.worker import PartitionResult, code_partition

    in_flight: dict[str, Partition] = {}
    ac: Any = None  # made with the first future: it needs a client, and skipped parts need none
    exhausted = False
    token = os.urandom(4).hex()  # unique keys: Dask must never merge two partitions' tasks
    coding_started: float | None = None

    def record(p: Partition, meta: dict[str, Any], status: str, **extra: Any) -> None:
        file = f"{PARTS_DIR}/{p.id}.parquet" if status == "done" else None
        entry = mf.partition_entry(p.id, meta, status, file, **extra)
        entry["index"] = p.index
        # partitions arrive in input order: the first record of one appends its entry
        if p.index < len(entries):
            entries[p.index] = entry
        else:
            entries.append(entry)

    def fill() -> None:
        nonlocal exhausted, coding_started, ac
        while not exhausted:
            # window() needs the cluster: ask only once something is in flight, so that a
            # resume with nothing left to code never starts one
            if in_flight and len(in_flight) >= cluster.window():
                return
            p = next(source, None)
            if p is None:
                exhausted = True
                return
            if p.index in done_meta:
                meta = done_meta[p.index]
                if meta.get("digest") != p.digest():
                    raise ScaleError(f"cannot resume {out_dir}: {p.id} was coded from other inputs than "
                                     "those given now (the input files changed); start a new output "
                                     "directory")
                prior = previous.get(p.id, {})
                record(p, meta, "done", written_at=prior.get("written_at"), resumed=True)
                rejects_by_part[p.index] = meta.get("rejects", [])
                result.skipped_partitions += 1
                bar.advance(meta.get("articles", 0), resumed=True)
                continue
            client = cluster.get()
            if coding_started is None:
                check_same_build(done_meta, cluster.code, out_dir)
                coding_started = time.perf_counter()
                bar.start_coding()
            fut = client.submit(code_partition, p.index, p.items, p.digest(), config.fingerprint,
                                cluster.code, key=f"thucydides-{p.id}-{token}", pure=False, retries=0)
            in_flight[fut.key] = p
            if ac is None:
                ac = as_completed([fut])
            else:
                ac.add(fut)
            record(p, {"articles": p.n_articles, "digest": p.digest()}, "pending")

    fill()
    while in_flight:
        fut = next(ac)
        p = in_flight.pop(fut.key)
        if fut.status != "finished":
            exc = fut.exception() if fut.status == "error" else None
            why = f"{type(exc).__name__}: {exc}" if exc is not None else fut.status
            record(p, {"articles": p.n_articles, "digest": p.digest()}, "failed", error=why)
            result.failed.append(p.id)
            bar.echo(f"thucydides: {p.id} failed on the cluster: {why}")
            fut.release()
            fill()
            continue
        res: PartitionResult = fut.result()
        fut.release()
        if res.index != p.index or res.meta.get("digest") != p.digest():
            raise ScaleError(f"{p.id}: the cluster returned the result of another partition")
        write_atomic(part_path(out_dir, p.id), res.data)
        record(p, res.meta, "done", written_at=mf.now(), worker=res.worker, seconds=round(res.seconds, 3),
               cpu_seconds=round(res.cpu_seconds, 3))
        rejects_by_part[p.index] = res.meta["rejects"]
        result.coded_partitions += 1
        result.coded_articles += res.meta["articles"]
        bar.advance(res.meta["articles"], resumed=False)
        if echo_rejects:
            for r in res.meta["rejects"]:
                bar.echo(_reject_line(r))
        save()
        if stop_after is not None and result.coded_partitions >= stop_after:
            raise BatchInterrupted(f"stopped after {stop_after} parts (stop_after)")
        fill()
    if coding_started is not None:
        result.seconds = time.perf_counter() - coding_started


def _discard(out_dir: Path, created: bool) -> None:
    mf.manifest_path(out_dir).unlink(missing_ok=True)
    remove_temp_files(out_dir)
    for directory in (out_dir / PARTS_DIR, out_dir) if created else (out_dir / PARTS_DIR,):
        try:
            directory.rmdir()  # only when empty: never delete anything we did not write
        except OSError:
            pass


def _write_rejects(path: Path, rejects: list[dict[str, Any]], atomic: bool) -> None:
    import json

    # rebuilt through Reject so the key order is that of the single-machine path, whether a
    # reject came fresh from a worker or back from a part's (key-sorted) metadata
    data = "".join(json.dumps(reject_from_dict(r).to_dict(), ensure_ascii=False) + "\n"
                   for r in rejects).encode("utf-8")
    if atomic:
        write_atomic(path, data)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def reject_from_dict(data: dict[str, Any]) -> Reject:
    return Reject(origin=data["origin"], reason=data["reason"], id=data.get("id"))


def summary(result: ScaleResult) -> str:
    """One line for stderr at the end of a batch."""
    resumed = f", {result.skipped_partitions} already done" if result.skipped_partitions else ""
    workers = f"{result.workers} worker{'s' if result.workers != 1 else ''}"
    rate = f" at {result.rate:.1f} articles/s on {workers}" if result.coded_partitions else ""
    return (f"thucydides: coded {result.documents}, rejected {result.rejected} "
            f"({result.events} events) into {result.partitions} parts in {result.out_dir}{resumed}{rate}")
