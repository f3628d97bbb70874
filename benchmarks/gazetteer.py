"""Start-up cost of the gazetteer: load time, resident memory, lookup speed.

Run: .venv/bin/python benchmarks/gazetteer.py   (targets: load < 2 s, RSS < 400 MB)
"""

from __future__ import annotations

import time

import psutil


def main() -> None:
    proc = psutil.Process()
    t_import = time.perf_counter()
    # Importing the package pulls in spaCy (the resolver needs it); the gazetteer itself loads lazily.
    from thucydides.places.gazetteer import index_path, load_gazetteer

    import_s = time.perf_counter() - t_import
    before = proc.memory_info().rss
    t0, c0 = time.perf_counter(), time.process_time()
    gaz = load_gazetteer()
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = proc.memory_info().rss
    names = ["Paris", "Aleppo", "Incirlik Air Base", "Washington", "Springfield", "Nowhere in particular"]
    names *= 20000
    t1 = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    per_lookup_us = (time.perf_counter() - t1) / len(names) * 1e6
    path = index_path()
    print(f"index       {path} ({path.stat().st_size / 1e6:.1f} MB on disk)")
    print(f"places      {len(gaz):,}")
    print(f"import      {import_s:.2f} s (thucydides.places, spaCy included)")
    # CPU time is the figure to compare on a shared machine: wall time grows with other load.
    print(f"load time   {load_s:.2f} s wall, {load_cpu:.2f} s CPU (gazetteer index)")
    print(f"RSS         {rss / 1e6:.0f} MB total, {(rss - before) / 1e6:.0f} MB for the gazetteer")
    print(f"lookup      {per_lookup_us:.1f} µs per name")


if __name__ == "__main__":
    main()
