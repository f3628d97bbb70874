"""The service's worker pool: a request over the time limit is stopped, the others go on."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from thucydides.models import Document
from thucydides.service.pool import CoderPool, CodingTimeout


class NapCoder:
    """Built in each worker process: "slow" sleeps far past any limit, "fail" raises."""

    def code(self, text: str, date: str | date | None = None, id: str = "doc",
             title: str | None = None) -> Document:
        if text == "slow":
            time.sleep(60)
        if text == "fail":
            raise ValueError("refused on purpose")
        return Document(id=id, date=None, text=text)

    def code_many(self, articles: list) -> list[Document]:
        return [self.code(a.text, id=a.id) for a in articles]


@pytest.fixture(scope="module")
def pool() -> CoderPool:
    coders = CoderPool(workers=2, time_limit=2.0, factory=NapCoder)
    yield coders
    coders.close()


def test_a_slow_request_is_stopped_while_another_is_answered(pool: CoderPool) -> None:
    outcome: dict[str, object] = {}

    def slow() -> None:
        try:
            pool.code("slow")
        except CodingTimeout as exc:
            outcome["slow"] = exc

    thread = threading.Thread(target=slow)
    began = time.monotonic()
    thread.start()
    time.sleep(0.2)
    assert pool.code("quick", id="q").id == "q"
    assert time.monotonic() - began < 1.5  # answered while the slow one still runs
    thread.join(timeout=10)
    assert isinstance(outcome.get("slow"), CodingTimeout)
    assert time.monotonic() - began < 6


def test_the_pool_recovers_after_a_killed_worker(pool: CoderPool) -> None:
    with pytest.raises(CodingTimeout):
        pool.code("slow")
    for n in range(4):  # more calls than workers: the replacement has joined
        assert pool.code(f"after {n}").text == f"after {n}"


def test_errors_in_a_worker_reach_the_caller(pool: CoderPool) -> None:
    with pytest.raises(ValueError, match="refused on purpose"):
        pool.code("fail")
    assert pool.code("still fine").text == "still fine"
