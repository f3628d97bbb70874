"""Cut the input stream into numbered partitions of N articles, the same way on every run.

A partition's number depends only on input order, so a resumed run finds the same
partitions again. Ingest rejects ride along with the partition being filled when they
are met (the first partition for rejects before any article), which keeps the rejects
file in input order without a second numbering scheme.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from thucydides.models import Article, Reject

PART_PREFIX = "part-"
DEFAULT_PARTITION_SIZE = 100


def part_id(index: int) -> str:
    """`part-00000`; wider past 99,999 partitions so names stay unique and sortable by length."""
    return f"{PART_PREFIX}{index:05d}"


@dataclass(slots=True)
class Partition:
    index: int
    items: list[Article | Reject] = field(default_factory=list)

    @property
    def id(self) -> str:
        return part_id(self.index)

    @property
    def n_articles(self) -> int:
        return sum(1 for it in self.items if isinstance(it, Article))

    def digest(self) -> str:
        """A fingerprint of exactly what this partition holds; a resume compares it with the
        finished part's to refuse mixing output from different inputs."""
        return partition_digest(self.items)


def partition_digest(items: Iterable[Article | Reject]) -> str:
    h = hashlib.sha256()
    for it in items:
        if isinstance(it, Article):
            fields = ("A", it.id, it.text, it.date.isoformat() if it.date else "", it.title or "",
                      it.source or "", it.url or "", it.origin)
        else:
            fields = ("R", it.id or "", it.origin, it.reason)
        for value in fields:
            data = value.encode("utf-8", "surrogatepass")
            # length-prefixed so that ("ab", "c") and ("a", "bc") differ
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
    return h.hexdigest()


def partitions(items: Iterable[Article | Reject], size: int) -> Iterator[Partition]:
    """Group a stream into partitions of `size` articles (the last may hold fewer).

    Lazy: only the partition being filled is held in memory. An input that yields no
    item at all gives no partition; one that yields only rejects gives one partition
    with no article (its rejects still have to be recorded somewhere resumable).
    """
    if size < 1:
        raise ValueError(f"partition size must be at least 1, got {size}")
    current = Partition(0)
    count = 0
    for item in items:
        if isinstance(item, Article):
            if count == size:
                yield current
                current = Partition(current.index + 1)
                count = 0
            count += 1
        current.items.append(item)
    if current.items:
        yield current
