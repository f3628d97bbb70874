"""Cost of the time stage next to spaCy's on the same articles.

    python benchmarks/times.py CORPUS.jsonl [--limit N] [--repeat N]

CORPUS lines hold {"text", "date"?}. Parses every article once with `nlp.pipe`, then times
`TimeResolver.find` (+ `attach` with no events) over the parsed docs, best of --repeat runs,
and prints ms per article for both and the stage's share of the total.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from thucydides.nlp import load_nlp
    from thucydides.times import TimeResolver

    records = []
    with open(args.corpus, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                pub = date.fromisoformat(rec["date"][:10]) if rec.get("date") else None
                records.append((rec["text"], pub))
                if args.limit and len(records) >= args.limit:
                    break
    nlp = load_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe((t for t, _ in records), batch_size=64))
    spacy_s = time.perf_counter() - t0
    resolver = TimeResolver()
    for doc, (_, pub) in zip(docs[:5], records[:5], strict=True):  # first calls compile the grammar
        resolver.find(doc, pub)
    best = float("inf")
    found = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = 0
        for doc, (_, pub) in zip(docs, records, strict=True):
            times = resolver.find(doc, pub)
            resolver.attach([], times, doc, pub)
            found += len(times)
        best = min(best, time.perf_counter() - t0)
    n = len(docs)
    words = sum(len(d) for d in docs)
    print(f"articles {n}  tokens/article {words / n:.0f}  time expressions {found}")
    print(f"spaCy       {1000 * spacy_s / n:8.2f} ms/article")
    print(f"time stage  {1000 * best / n:8.2f} ms/article  ({100 * best / (spacy_s + best):.1f}% of the two)")


if __name__ == "__main__":
    main()
