"""Time loading and compiling the actor dictionaries, and the per-article cost of the actor
stage against bare spaCy. Usage: python benchmarks/actors_load.py [JSONL with "text" fields]"""

from __future__ import annotations

import json
import sys
import time

from thucydides.actors.dictionary import load_dictionaries
from thucydides.actors.matcher import compile_dictionaries
from thucydides.nlp import load_nlp


def main() -> None:
    nlp = load_nlp()
    t0 = time.perf_counter()
    dicts = load_dictionaries()
    t1 = time.perf_counter()
    compile_dictionaries(dicts, nlp)
    t2 = time.perf_counter()
    print(f"load TSV: {t1 - t0:.3f}s  compile matchers: {t2 - t1:.3f}s  total: {t2 - t0:.3f}s")
    print({k: dicts.count(k) for k in ("state:", "agent:", "person:", "entity:")})
    if len(sys.argv) > 1:
        from thucydides.actors import ActorResolver

        texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")][:300]
        resolver = ActorResolver()
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        t1 = time.perf_counter()
        for doc in docs:
            resolver.resolve(doc, None)
        t2 = time.perf_counter()
        print(f"{len(texts)} articles: spaCy {t1 - t0:.2f}s, actors {t2 - t1:.2f}s "
              f"(+{100 * (t2 - t1) / (t1 - t0):.1f}%)")


if __name__ == "__main__":
    main()
