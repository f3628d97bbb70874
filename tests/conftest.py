from __future__ import annotations

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
