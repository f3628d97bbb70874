"""Throughput of `thucydides code --engine dask` with 1 and 2 (or more) local workers.

    python benchmarks/dask_throughput.py CORPUS.jsonl [...] [--limit 150] [--workers 1,2]
                                         [--partition-size 10] [--scheduler tcp://HOST:8786]

For each worker count it codes the same articles into a fresh output directory on a
LocalCluster of that many single-threaded worker processes, and prints the start-up
time (cluster start, model and dictionary load on the workers: paid once per batch),
the coding time (first partition submitted to last part written) and articles/s,
then the speed-up of each count over the first. `busy` is the workers' task time over
the coding time (how many workers were kept busy: at best the worker count); `cpu/wall`
is the CPU time the worker processes got over their task time (1.00: each had a core
to itself; lower: other processes on the machine took CPU from them). It also checks that every run wrote
the same documents. With --scheduler it measures an existing cluster instead (once).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _write_slice(paths: list[str], limit: int | None, target: Path) -> int:
    n = 0
    with target.open("w", encoding="utf-8") as out:
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    rec = json.loads(line)
                    keep = {k: rec[k] for k in ("id", "text", "date", "title", "source", "url") if k in rec}
                    out.write(json.dumps(keep, ensure_ascii=False) + "\n")
                    n += 1
                    if limit and n >= limit:
                        return n
    return n


def main(argv: list[str] | None = None) -> None:
    from thucydides.scale import iter_documents, run_dask

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="+", help="JSONL files with a 'text' field")
    parser.add_argument("--limit", type=int, default=150, help="use the first N articles (default 150)")
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--partition-size", type=int, default=10, help="articles per part (default 10)")
    parser.add_argument("--scheduler", default=None, help="measure this running cluster instead")
    args = parser.parse_args(argv)
    counts = [int(x) for x in args.workers.split(",")] if not args.scheduler else [0]

    with tempfile.TemporaryDirectory(prefix="thuc-dask-bench-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus.jsonl"
        n = _write_slice(args.corpus, args.limit, corpus)
        if not n:
            sys.exit("no articles in the corpus")
        chars = corpus.stat().st_size
        print(f"corpus: {n} articles ({chars:,} bytes of JSONL) from {', '.join(args.corpus)}; "
              f"partition size {args.partition_size}")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
              f"on {os.cpu_count()} cores (other processes take cores from the workers)")
        print(f"{'workers':>8}{'startup s':>11}{'coding s':>10}{'articles/s':>12}{'speed-up':>10}"
              f"{'busy':>7}{'cpu/wall':>10}")
        first_rate = None
        outputs = []
        for count in counts:
            out = root / f"out-{count}"
            t0 = time.perf_counter()
            result = run_dask([str(corpus)], out, scheduler=args.scheduler, workers=count or None,
                              partition_size=args.partition_size, echo_rejects=False)
            wall = time.perf_counter() - t0
            rate = result.rate
            first_rate = first_rate or rate
            label = str(result.workers) if count else f"{result.workers} (remote)"
            parts = json.loads((out / "manifest.json").read_text())["partitions"]
            task_s = sum(p.get("seconds", 0.0) for p in parts)
            cpu_s = sum(p.get("cpu_seconds", 0.0) for p in parts)
            busy = task_s / result.seconds if result.seconds else 0.0
            print(f"{label:>8}{result.startup_seconds:11.1f}{result.seconds:10.1f}{rate:12.1f}"
                  f"{rate / first_rate:10.2f}{busy:7.2f}{cpu_s / task_s if task_s else 0.0:10.2f}"
                  f"   (wall {wall:.1f} s, {result.documents} coded, {result.events} events, "
                  f"{1000 * cpu_s / max(1, result.coded_articles):.0f} ms CPU/article)")
            outputs.append([d.to_dict() for d in iter_documents(out)])
        if len(outputs) > 1:
            same = all(o == outputs[0] for o in outputs[1:])
            print(f"same documents from every run: {'yes' if same else 'NO'}")


if __name__ == "__main__":  # the guard matters: Dask's worker processes are spawned
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
