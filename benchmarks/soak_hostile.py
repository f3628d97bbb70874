"""Soak the coder with generated hostile input and report crashes, hangs and peak memory.

    python benchmarks/soak_hostile.py                 # 10,000 inputs, a few minutes on 2 cores
    python benchmarks/soak_hostile.py --count 500     # a quick look

Each input is one JSONL line (bytes, as a user's file holds them) read by the CLI's reader and
coded by `Coder.code_many`, one at a time, so that each is timed alone. A crash is an exception
that escapes the reader or the coder; an internal error is a reject whose reason is a
"coder error" (caught, but a bug); a hang is an input that takes over --hang seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator

from thucydides import Coder
from thucydides.ingest import read_stdin
from thucydides.limits import MAX_ARTICLE_CHARS
from thucydides.models import Document, Reject

WORDS = (
    "Russia France Ukraine troops border army police minister said talks Moscow Paris Kyiv "
    "attacked rejected condemned met praised the a of and in on with near protesters government "
    "Monday yesterday next week rebels convoy capital envoy ceasefire"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def prose(rng: random.Random, chars: int) -> str:
    parts: list[str] = []
    size = 0
    while size < chars:
        parts.append(sentence(rng, rng.randint(6, 30)))
        size += len(parts[-1]) + 1
    return " ".join(parts)[:chars]


def line(record: dict[str, object]) -> bytes:
    return json.dumps(record).encode()


# Each maker returns one JSONL line; the weights keep the expensive kinds rare.
def surrogate(rng: random.Random) -> bytes:
    field = rng.choice(["text", "id", "title", "source"])
    record: dict[str, object] = {"id": f"s{rng.random()}", "text": prose(rng, 200)}
    record[field] = str(record.get(field, "Agency"))[:20] + rng.choice(
        ["\ud800", "\udbff", "\udc00", "\udfff"]
    )
    return line(record)


def deep(rng: random.Random) -> bytes:
    depth = rng.choice([50, 1_000, 10_000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    return ('{"id": "deep", "text": "x", "extra": ' + opener * depth + "1" + closer * depth + "}").encode()


def huge_number(rng: random.Random) -> bytes:
    digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([100, 4_000, 4_301, 5_000, 20_000])))
    field = rng.choice(["id", "date", "title", "text"])
    body = f'"{field}": 1{digits}'
    return (
        ('{"text": "The army withdrew.", ' + body + "}").encode()
        if field != "text"
        else ("{" + body + "}").encode()
    )


def bad_bytes(rng: random.Random) -> bytes:
    noise = bytes(rng.getrandbits(8) for _ in range(60))
    return rng.choice(
        [
            b'{"text": "caf\xe9 talks"}',
            b"\xff\xfe{}",
            b"{not json",
            b"[1, 2]",
            b'"text"',
            b"null",
            b'{"text": 5}',
            b'{"text": ""}',
            b'{"id": null}',
            noise,
            b"{" + noise,
        ]
    )


def edge_date(rng: random.Random) -> bytes:
    when = rng.choice(
        ["0001-01-01", "9999-12-31", "1000-01-01", "2999-12-31", "2024-02-29", "2023-02-29", "0000-01-01"]
    )
    text = rng.choice(
        [
            "Talks resume next week.",
            "Rebels attacked last summer and will strike next year.",
            "The envoy left yesterday, on Christmas, and returns tomorrow.",
            "It ended in March.",
        ]
    )
    return line({"id": "edge", "text": text, "date": when})


def punctuation_run(rng: random.Random) -> bytes:
    mark = rng.choice(['"', "(", "\u201c", ")", "-", ".", "'", "!", "\u2026"])
    # mostly short runs; the long ones, with prose around them or without, now and then
    run = mark * rng.choice([50, 100, 300, 1_000, 1_000, 4_000, 20_000])
    return line(
        {
            "id": "run",
            "text": sentence(rng, 8) + " " + run + " " + prose(rng, rng.choice([0, 0, 200, 20_000])),
        }
    )


def long_sentence(rng: random.Random) -> bytes:
    unit = rng.choice(
        [
            "that France said ",
            "Russia, ",
            "and France condemned ",
            "the army of the police of ",
            "troops from Moscow, Paris and Kyiv, ",
        ]
    )
    return line(
        {
            "id": "long",
            "text": "Officials said " + unit * (rng.choice([300, 500, 2_000, 5_000, 20_000]) // len(unit)),
        }
    )


def random_text(rng: random.Random) -> bytes:
    alphabet = rng.choice(
        [None, "\x00\x01\u2028\u2029\r\n\t ", "()[]{}\"'\u201c\u201d", "\u0600\u0627\u0628 "]
    )
    if alphabet is None:
        text = "".join(chr(rng.randint(32, 0x2FFFF)) for _ in range(rng.randint(1, 400)))
    else:
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400)))
    return json.dumps({"text": text}, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def wrong_types(rng: random.Random) -> bytes:
    return line(
        rng.choice(
            [
                {"text": ["a"]},
                {"text": {"a": 1}},
                {"text": "Talks.", "id": {"x": 1}},
                {"text": "Talks.", "date": 20240308},
                {"text": "Talks.", "date": [2024]},
                {"text": "Talks.", "title": 12},
                {"text": True},
                {"text": "Talks.", "id": True},
            ]
        )
    )


def oversize(rng: random.Random) -> bytes:
    return line({"id": "big", "text": "Talks went on. " * (MAX_ARTICLE_CHARS // 15 + rng.randint(1, 50_000))})


def ordinary(rng: random.Random) -> bytes:
    return line({"id": "ok", "text": prose(rng, rng.randint(50, 1_500)), "date": "2024-03-08"})


def near_limit(rng: random.Random) -> bytes:
    return line({"id": "max", "text": prose(rng, MAX_ARTICLE_CHARS - 100), "date": "2024-03-08"})


MAKERS: dict[str, tuple[Callable[[random.Random], bytes], float]] = {
    "surrogate": (surrogate, 12),
    "deep": (deep, 6),
    "huge_number": (huge_number, 8),
    "bad_bytes": (bad_bytes, 12),
    "edge_date": (edge_date, 8),
    "punctuation_run": (punctuation_run, 3),
    "long_sentence": (long_sentence, 1),
    "random_text": (random_text, 20),
    "wrong_types": (wrong_types, 10),
    "oversize": (oversize, 0.3),
    "ordinary": (ordinary, 16),
}


def inputs(count: int, seed: int, near_limit_count: int) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    names = list(MAKERS)
    weights = [MAKERS[n][1] for n in names]
    spots = set(rng.sample(range(count), min(near_limit_count, count)))
    for k in range(count):
        name = "near_limit" if k in spots else rng.choices(names, weights)[0]
        maker = near_limit if name == "near_limit" else MAKERS[name][0]
        yield name, maker(rng)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--count", type=int, default=10_000, help="hostile inputs to generate (default 10,000)"
    )
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--hang", type=float, default=10.0, help="seconds over which an input counts as a hang"
    )
    parser.add_argument(
        "--near-limit",
        type=int,
        default=3,
        help=f"ordinary articles just under the {MAX_ARTICLE_CHARS:,}-character limit",
    )
    args = parser.parse_args()

    coder = Coder()
    began = time.monotonic()
    kinds: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    crashes: list[str] = []
    internal: list[str] = []
    hangs: list[str] = []
    slowest: list[tuple[float, float, str, int]] = []
    for n, (kind, raw) in enumerate(inputs(args.count, args.seed, args.near_limit), start=1):
        kinds[kind] += 1
        wall, cpu = time.monotonic(), time.process_time()
        try:
            results = list(coder.code_many(read_stdin(_Bytes(raw))))
        except BaseException as exc:  # what the soak is looking for
            if isinstance(exc, KeyboardInterrupt):
                raise
            crashes.append(
                f"{kind} #{n}: {type(exc).__name__}: {exc!s:.200}\n{traceback.format_exc(limit=3)}"
            )
            results = []
        took, used = time.monotonic() - wall, time.process_time() - cpu
        for result in results:
            outcomes["document" if isinstance(result, Document) else "reject"] += 1
            if isinstance(result, Reject) and result.reason.startswith("coder error"):
                internal.append(f"{kind} #{n}: {result.reason[:300]}")
        if took > args.hang:
            hangs.append(f"{kind} #{n}: {len(raw):,} bytes, {took:.1f} s wall, {used:.1f} s CPU")
        slowest = sorted([*slowest, (took, used, kind, len(raw))], reverse=True)[:5]
        if n % 1000 == 0:
            print(f"  {n:,} inputs, {time.monotonic() - began:.0f} s", file=sys.stderr, flush=True)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"inputs: {args.count:,} in {time.monotonic() - began:.0f} s (seed {args.seed})")
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"outcomes: {outcomes['document']:,} documents, {outcomes['reject']:,} rejects")
    print(f"crashes: {len(crashes)}")
    print(f"internal errors (coder error rejects): {len(internal)}")
    print(f"hangs (> {args.hang:g} s): {len(hangs)}")
    print(
        "slowest: "
        + "; ".join(
            f"{kind} {size:,} B {wall:.1f} s wall / {cpu:.1f} s CPU" for wall, cpu, kind, size in slowest
        )
    )
    print(f"peak memory: {peak_mb:,.0f} MB")
    for report in (crashes, internal, hangs):
        for entry in report[:10]:
            print("  " + entry)
    return 1 if crashes or internal or hangs else 0


class _Bytes:
    """A stdin stand-in holding one input's bytes."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def read(self) -> bytes:
        return self.raw


if __name__ == "__main__":
    sys.exit(main())
