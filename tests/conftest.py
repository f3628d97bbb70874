from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.nlp import load_nlp


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
