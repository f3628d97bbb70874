"""Throughput and peak memory of the whole coder against bare spaCy on the same texts.

    python benchmarks/throughput.py CORPUS.jsonl [CORPUS.jsonl ...] [--limit N] [--workers N]

Prints articles/s, sentences/s, words/s and peak RSS for (1) bare `nlp.pipe` and (2) the
whole thucydides coder, then the ratio. Each runs in a fresh child process so the
peak-memory figures do not contaminate each other.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path


def _load_texts(paths: list[str], limit: int | None) -> list[dict]:
    records = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    records.append({"id": str(rec.get("id")), "text": rec["text"], "date": rec.get("date")})
                    if limit and len(records) >= limit:
                        return records
    return records


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare(records: list[dict], queue: mp.Queue) -> None:
    from thucydides.nlp import load_nlp

    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    sentences = words = 0
    for doc in nlp.pipe((r["text"] for r in records), batch_size=64):
        sentences += sum(1 for _ in doc.sents)
        words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    queue.put({"load_s": load_s, "seconds": time.perf_counter() - t0, "sentences": sentences,
               "words": words, "peak_mb": _peak_mb()})


def _coder(records: list[dict], workers: int, queue: mp.Queue) -> None:
    from thucydides.coder import Coder
    from thucydides.ingest import article_from_record
    from thucydides.models import Document

    t0 = time.perf_counter()
    coder = Coder()
    load_s = time.perf_counter() - t0
    articles = [article_from_record(r, f"bench:{i}", r["id"]) for i, r in enumerate(records)]
    t0 = time.perf_counter()
    sentences = events = 0
    for doc in coder.code_many(articles, workers=workers):
        if isinstance(doc, Document):
            sentences += len(doc.sentences)
            events += len(doc.events)
    queue.put({"load_s": load_s, "seconds": time.perf_counter() - t0, "sentences": sentences,
               "events": events, "peak_mb": _peak_mb()})


def _run(target, *args) -> dict:
    queue: mp.Queue = mp.Queue()
    proc = mp.get_context("fork").Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="+", help="JSONL files with a 'text' field")
    parser.add_argument("--limit", type=int, default=None, help="use at most N articles")
    parser.add_argument("--workers", type=int, default=1, help="coder processes")
    args = parser.parse_args(argv)
    records = _load_texts(args.corpus, args.limit)
    if not records:
        sys.exit("no articles in the corpus")
    chars = sum(len(r["text"]) for r in records)
    print(f"corpus: {len(records)} articles, {chars:,} characters from {', '.join(map(str, args.corpus))}")
    bare = _run(_bare, records)
    full = _run(_coder, records, args.workers)
    words = bare["words"]
    print(f"{'':24}{'articles/s':>12}{'sentences/s':>13}{'words/s':>10}{'peak MB':>9}{'load s':>8}")
    for name, r in (("bare spaCy nlp.pipe", bare), (f"thucydides ({args.workers} proc)", full)):
        s = r["seconds"]
        print(f"{name:24}{len(records) / s:12.1f}{r['sentences'] / s:13.1f}{words / s:10.0f}"
              f"{r['peak_mb']:9.0f}{r['load_s']:8.2f}")
    print(f"coder/bare speed ratio: {bare['seconds'] / full['seconds']:.2f} "
          f"(events coded: {full['events']})")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
