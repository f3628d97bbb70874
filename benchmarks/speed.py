"""The speed figures of issue 18 in one run, on the same texts: the whole coder against a bare spaCy
full parse at 1 and 2 processes, cold start of the CLI for a one-sentence article, and peak memory
of a batch.

    python benchmarks/speed.py                      # dev quad + police texts, 2 alternating rounds
    python benchmarks/speed.py --limit 200 --rounds 1 --rss-articles 500   # a quick run

The bare parse is spaCy's own pipeline as `en_core_web_sm` loads it, every component on; the coder
runs the same model with exact, faster stand-ins for the attribute ruler and lemmatizer
(`thucydides/fastpipes.py`), so part of the ratio is that: the parse the coder gets is the same.

Each measurement runs in a fresh child process, so one's model load and memory do not leak into
another's, and coder and bare parse alternate within a round: on a shared machine the load of other
users changes from minute to minute, so single figures mislead; the ranges over rounds are printed.
Words are spaCy tokens that are neither punctuation nor space, counted by the bare parse.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT.parent / "shared" / "eval" / "dev"
ONE_SENTENCE = "The foreign minister of Chile met his Peruvian counterpart in Lima on Tuesday.\n"


def load_texts(dev: Path, sets: list[str], limit: int | None) -> list[dict[str, Any]]:
    """The articles of each set; with `limit`, an equal share of each set (short quad sentences and
    long police reports parse at different speeds, so a quick run keeps the mix)."""
    records: list[dict[str, Any]] = []
    share = -(-limit // len(sets)) if limit else None
    for name in sets:
        with (dev / f"{name}.jsonl").open(encoding="utf-8") as lines:
            items = [json.loads(line) for line in lines if line.strip()]
        records.extend({"id": str(item.get("id")), "text": item["text"], "date": item.get("date")}
                       for item in items[:share])
    return records


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _bare(records: list[dict[str, Any]], processes: int) -> dict[str, Any]:
    import importlib

    from thucydides.nlp import MODEL_PACKAGE

    # spaCy's own pipeline as it loads, every component on: not our faster stand-ins for two of them
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    nlp.max_length = 5_000_000
    t0, c0 = time.perf_counter(), time.process_time()
    words = 0
    for doc in nlp.pipe((r["text"] for r in records), batch_size=64, n_process=processes):
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "words": words}


def _coder(records: list[dict[str, Any]], processes: int) -> dict[str, Any]:
    from thucydides.coder import Coder
    from thucydides.models import Document

    coder = Coder()
    t0, c0 = time.perf_counter(), time.process_time()
    events = coded = 0
    for doc in coder.code_many(records, workers=processes):
        if isinstance(doc, Document):
            coded += 1
            events += len(doc.events)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "events": events,
            "coded": coded}


def _batch_memory(records: list[dict[str, Any]], articles: int, processes: int) -> dict[str, Any]:
    """Code `articles` articles (the texts over and over) and sample this process's RSS on the way:
    a flat curve, not only a low peak, is what shows that memory does not grow with the batch."""
    import psutil

    from thucydides.coder import Coder

    def stream() -> Any:
        for n in range(articles):
            record = records[n % len(records)]
            yield {**record, "id": f"{record['id']}#{n}"}

    me = psutil.Process()
    coder = Coder()
    samples: list[tuple[int, float]] = []
    every = max(1, articles // 5)
    for n, _ in enumerate(coder.code_many(stream(), workers=processes), start=1):
        if n % every == 0 or n == articles:
            samples.append((n, me.memory_info().rss / 2**20))
    return {"samples": samples, "peak_mb": _peak_mb(), "children_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN)}


def _child(target: Callable[..., dict[str, Any]], args: tuple[Any, ...], queue: Any) -> None:
    queue.put(target(*args))


def in_child(target: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run one measurement in a fresh forked process (this parent never loads the model)."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(target, args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def cold_start() -> dict[str, float]:
    """Wall and CPU seconds and peak RSS of `thucydides code one.txt -o out.jsonl` from a cold process."""
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "one.txt", Path(tmp) / "out.jsonl"
        source.write_text(ONE_SENTENCE, encoding="utf-8")
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path}
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "thucydides", "code", str(source), "-o", str(target)],
                                env=env)
        # wait4 gives this one child's usage; RUSAGE_CHILDREN would mix in the earlier measurements
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"cold start failed with exit status {proc.returncode}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def span(values: list[float], fmt: str = "{:,.0f}") -> str:
    """Median, and the range when the values differ."""
    low, high = fmt.format(min(values)), fmt.format(max(values))
    middle = fmt.format(statistics.median(values))
    return low if low == high else f"{middle} ({low}–{high})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEV_DIR, help="folder of the dev sets")
    parser.add_argument("--sets", nargs="+", default=["quad", "police"], help="dev sets whose texts to use")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles (a quick run)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of each speed figure")
    parser.add_argument("--cold", type=int, default=5, help="cold starts to time")
    parser.add_argument("--rss-articles", type=int, default=10_000,
                        help="articles in the batch whose memory is sampled (0: skip)")
    parser.add_argument("--rss-set", default="quad",
                        help="dev set whose texts the memory batch cycles through (short texts: quad)")
    args = parser.parse_args(argv)
    records = load_texts(args.dev, args.sets, args.limit)
    if not records:
        sys.exit("no articles")
    print(f"texts: {len(records)} articles, {sum(len(r['text']) for r in records):,} characters "
          f"({' + '.join(args.sets)} from {args.dev}); {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at start")

    speeds: dict[tuple[str, int], list[float]] = {}
    ratios: dict[int, list[float]] = {1: [], 2: []}
    cpu_ratios: list[float] = []  # at 1 process CPU seconds compare fairly even on a busy machine
    words = 0
    for round_no in range(1, args.rounds + 1):
        for processes in (1, 2):
            # alternate which runs first, so a burst of load from others does not always hit the same one
            order = ("bare", "coder") if round_no % 2 else ("coder", "bare")
            result: dict[str, dict[str, Any]] = {}
            for name in order:
                result[name] = in_child(_bare if name == "bare" else _coder, records, processes)
            words = result["bare"]["words"]
            for name in order:
                speeds.setdefault((name, processes), []).append(words / result[name]["seconds"])
            ratios[processes].append(result["bare"]["seconds"] / result["coder"]["seconds"])
            if processes == 1:
                cpu_ratios.append(result["bare"]["cpu"] / result["coder"]["cpu"])
            print(f"  round {round_no}, {processes} proc: "
                  f"bare {words / result['bare']['seconds']:,.0f} words/s, "
                  f"coder {words / result['coder']['seconds']:,.0f} words/s "
                  f"({result['coder']['events']} events), load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"\nwords: {words:,}; median (range) over {args.rounds} alternating round(s):")
    for processes in (1, 2):
        print(f"  {processes} proc: coder {span(speeds['coder', processes])} words/s, bare spaCy full parse "
              f"{span(speeds['bare', processes])} words/s, "
              f"ratio coder/bare {span(ratios[processes], '{:.2f}')}")
    print(f"  1 proc by CPU seconds instead of wall: ratio coder/bare {span(cpu_ratios, '{:.2f}')}")

    if args.cold:
        colds = [cold_start() for _ in range(args.cold)]
        print(f"cold start, one sentence through `thucydides code one.txt -o out.jsonl` ({args.cold} runs): "
              f"{span([c['wall'] for c in colds], '{:.2f}')} s wall, "
              f"{span([c['cpu'] for c in colds], '{:.2f}')} s "
              f"CPU, peak RSS {span([c['peak_mb'] for c in colds])} MB")

    if args.rss_articles:
        batch = load_texts(args.dev, [args.rss_set], None)
        mean_chars = sum(len(r["text"]) for r in batch) // len(batch)
        print(f"batch memory: {args.rss_articles:,} articles cycling the {len(batch)} texts of "
              f"{args.rss_set} ({mean_chars} characters each on average)")
        for processes in (1, 2):
            mem = in_child(_batch_memory, batch, args.rss_articles, processes)
            curve = ", ".join(f"{n}: {mb:.0f}" for n, mb in mem["samples"])
            workers = f", largest worker {mem['children_peak_mb']:.0f} MB" if processes > 1 else ""
            print(f"batch of {args.rss_articles} articles, {processes} proc: peak RSS {mem['peak_mb']:.0f} MB"
                  f"{workers}; RSS after n articles (MB) {curve}")
    print("note: a shared machine; figures move with the load of other users (see the load averages)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
