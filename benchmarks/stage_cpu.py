"""CPU seconds of the coder's own stages against the parse, on the same dev texts.

    python benchmarks/stage_cpu.py                          # 600 quad + 150 police + 46 articles
    python benchmarks/stage_cpu.py --sets quad:300 police:100

The texts are parsed once (`nlp.pipe`, timed), then `Coder.code_parsed` runs on the parsed Docs
with each stage's call timed by `time.process_time`, so the figures are CPU time of this process
and move less than wall time on a shared machine. A few articles are coded first so that caches
filled on first use (the lemmatizer's, the border points) do not count against the first stage
that meets them. Compare two trees by running this script from each, alternating, several times.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV_DIR = ROOT.parent / "shared" / "eval" / "dev"
# (attribute of the Coder, method) -> label
STAGES = (("actors", "resolve", "actors"), ("events", "code", "events"), ("times", "find", "times.find"),
          ("times", "attach", "times.attach"), ("places", "find", "places.find"),
          ("places", "attach", "places.attach"), ("quotes", "find", "quotes.find"),
          ("quotes", "link", "quotes.link"))


def load(dev: Path, sets: list[str]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for spec in sets:
        name, _, count = spec.partition(":")
        with (dev / f"{name}.jsonl").open(encoding="utf-8") as lines:
            items = [json.loads(line) for line in lines if line.strip()]
        records.extend(items[:int(count)] if count else items)
    return records


def _timed(method: Callable[..., Any], label: str, spent: collections.Counter[str]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - t0
    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEV_DIR, help="folder of the dev sets")
    parser.add_argument("--sets", nargs="+", default=["quad:600", "police:150", "articles:46"],
                        help="NAME[:COUNT] of each dev set to take texts from")
    args = parser.parse_args(argv)
    from thucydides.coder import Coder
    from thucydides.ingest import article_from_record

    records = load(args.dev, args.sets)
    coder = Coder()
    articles = [article_from_record({"id": str(r.get("id")), "text": r["text"], "date": r.get("date")},
                                    f"bench:{i}", str(r.get("id"))) for i, r in enumerate(records)]
    spent: collections.Counter[str] = collections.Counter()
    for attr, name, label in STAGES:
        # the stage objects may be immutable (EventCoder): wrap the method on the class
        cls = type(getattr(coder, attr))
        setattr(cls, name, _timed(getattr(cls, name), label, spent))
    for article in articles[:5]:
        coder.code_safely(article)
    spent.clear()
    t0 = time.process_time()
    docs = list(coder.nlp.pipe([a.text for a in articles], batch_size=64))
    parse = time.process_time() - t0
    t0 = time.process_time()
    for article, doc in zip(articles, docs, strict=True):
        coder.code_parsed(article, doc)
    stages = time.process_time() - t0
    print(f"{len(articles)} articles: parse {parse:.2f} CPU s, stages {stages:.2f} CPU s "
          f"({stages / parse:.0%} of the parse)")
    for label, seconds in spent.most_common():
        print(f"  {label:14}{seconds:7.3f}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
