"""What the watcher costs per article besides coding: reading a growing JSONL file, the duplicate
checks, the ledger rows and one store transaction per article (opened once per chunk).

Usage: python benchmarks/watch_overhead.py [N articles, default 500] [--coder]
Without --coder each article becomes an empty document at once, so only the watcher is timed;
with --coder the real Coder codes them, for comparison.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from thucydides.models import Article, Document, Reject, Sentence
from thucydides.store import EventStore
from thucydides.watch.entries import Settings
from thucydides.watch.files import JsonlSource
from thucydides.watch.watcher import Watcher

COUNTRIES = ["Turkey", "Greece", "Russia", "Ukraine", "Egypt", "Israel", "Iran", "Iraq", "Syria", "Jordan"]


class Quiet:
    def polled(self, source: object, summary: object) -> None: ...
    def rejected(self, source: object, reject: object) -> None: ...
    def problem(self, source: object, message: str) -> None: ...


def empty_documents(articles: list[Article]) -> Iterator[Document | Reject]:
    for a in articles:
        yield Document(id=a.id, date=None, text=a.text, sentences=[Sentence(0, 0, len(a.text))],
                       coder_version="none")


def main() -> None:
    n = int(next((a for a in sys.argv[1:] if a.isdigit()), "500"))
    with tempfile.TemporaryDirectory() as tmp:
        wire, store = Path(tmp) / "wire.jsonl", Path(tmp) / "s.duckdb"
        with wire.open("w", encoding="utf-8") as out:
            for i in range(n):
                a, b = COUNTRIES[i % 10], COUNTRIES[(i * 7 + 3) % 10]
                text = f"{a} rejected proposal number {i} from {b} on Friday, officials said."
                out.write(json.dumps({"id": f"a{i}", "text": text, "date": "2024-03-08"}) + "\n")
        code = empty_documents
        if "--coder" in sys.argv:
            from thucydides.coder import Coder

            code = Coder().code_many  # type: ignore[assignment]

        @contextmanager
        def open_store() -> Iterator[EventStore]:
            with EventStore(store) as s:
                yield s

        watcher = Watcher([JsonlSource(str(wire))], open_store, code, interval=60.0,
                          settings=Settings(settle_s=0.0), reporter=Quiet())
        began = time.perf_counter()
        (summary,) = watcher.run_once()
        took = time.perf_counter() - began
        again = time.perf_counter()
        watcher.run_once()
        idle = time.perf_counter() - again
    print(f"{summary.coded} articles in {took:.2f} s: {1000 * took / max(1, summary.coded):.1f} ms each "
          f"({'real coder' if '--coder' in sys.argv else 'watcher and store only'}); "
          f"a poll with nothing new: {1000 * idle:.0f} ms")


if __name__ == "__main__":
    main()
