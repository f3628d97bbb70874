from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer
from spacy.language import Language
from typer.testing import CliRunner

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.nlp import load_nlp
from thucydides.store.commands import register


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    """The built-in actor dictionaries, compiled once for the whole test run."""
    return ActorResolver()


@pytest.fixture(scope="session")
def coder() -> EventCoder:
    """The built-in event lexicon, compiled once for the whole test run."""
    return EventCoder()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    """The store's commands (query, export, sql, plot …) on a bare Typer app, as the CLI mounts them."""
    app = typer.Typer(add_completion=False)

    @app.callback()
    def _root() -> None:
        """Test root."""

    register(app)
    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Let the interpreter switch threads as often as it can, so that two calls interleave."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def _run_in_lockstep(calls: dict[str, Callable[[], Any]], rounds: int,
                     timeout: float) -> dict[str, list[Any]]:
    """Run each call `rounds` times in a thread of its own, all threads starting each round together
    (a barrier), and return every round's result by name; an error in any thread fails the test."""
    barrier = threading.Barrier(len(calls))
    results: dict[str, list[Any]] = {name: [] for name in calls}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            for _ in range(rounds):
                barrier.wait(timeout=60)
                results[name].append(calls[name]())
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=work, args=(name,)) for name in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    for name in calls:
        assert len(results[name]) == rounds, name
    return results


@pytest.fixture
def in_lockstep() -> Callable[[dict[str, Callable[[], Any]], int, float], dict[str, list[Any]]]:
    """`in_lockstep(calls, rounds, timeout)`: see `_run_in_lockstep`."""
    return _run_in_lockstep
