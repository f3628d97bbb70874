"""Time `check_alerts` (the shipped rules) over a synthetic store: DYADS directed country dyads with
a few events a day for DAYS days, a surge in one of them on the last day; then a re-check.
Usage: python benchmarks/alerts_check.py [DYADS] [DAYS]  (defaults 200 and 70)"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from thucydides.alerts import AlertOptions, check_alerts, format_alert
from thucydides.models import Document, Event, EventActor, Place, Plover, Sentence, Span
from thucydides.store import EventStore

CODES = [("040", 1, 1.0, "CONSULT"), ("112", 3, -2.0, "ACCUSE"), ("190", 4, -10.0, "ASSAULT")]


def countries(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return [a + b + c for a in letters for b in letters for c in letters][:n]


def day_doc(day: date, dyads: list[tuple[str, str]], rng: random.Random, surge: bool) -> Document:
    events = []
    for src, tgt in dyads:
        n = rng.randint(0, 4) + (20 if surge and (src, tgt) == dyads[0] else 0)
        for _ in range(n):
            code, quad, goldstein, plover = rng.choice(CODES)
            i = len(events)
            events.append(Event(
                id=f"e{i}", sentence_index=0, trigger=Span("met", 0, 3),
                source=EventActor(src, 0, 3, src, src, None, src),
                target=EventActor(tgt, 0, 3, tgt, tgt, None, tgt),
                cameo=code, quad_class=quad, goldstein=goldstein, plover=Plover(plover, None, []),
                date=day.isoformat(), date_source="sentence",
                location=Place(f"P{i}", 0, 2, f"P{i}", 800000 + i, 0.0, 0.0, src, "city")))
    text = f"Synthetic report of {day.isoformat()}."
    return Document(id=f"d-{day.isoformat()}", date=day.isoformat(), text=text, events=events,
                    sentences=[Sentence(0, 0, len(text))])


def main() -> None:
    n_dyads = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    n_days = int(sys.argv[2]) if len(sys.argv) > 2 else 70
    rng = random.Random(19)
    names = countries(n_dyads + 1)
    dyads = [(names[i], names[i + 1]) for i in range(n_dyads)]
    last = date(2024, 3, 3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.duckdb"
        docs = [day_doc(last - timedelta(days=k), dyads, rng, k == 0) for k in range(n_days)]
        with EventStore(path) as store:
            stats = store.add_documents(docs)
        now = datetime(2024, 3, 3, 23, 0, tzinfo=UTC)
        with EventStore(path) as store:
            t0 = time.perf_counter()
            new = check_alerts(store, AlertOptions(), now=now)
            t1 = time.perf_counter()
            again = check_alerts(store, AlertOptions(), now=now)
            t2 = time.perf_counter()
    print(f"{stats.events} events, {n_dyads} dyads, {n_days} days: check {t1 - t0:.3f}s "
          f"({len(new)} new alerts), re-check {t2 - t1:.3f}s ({len(again)} new)")
    for alert in new[:5]:
        print(" ", format_alert(alert))


if __name__ == "__main__":
    main()
