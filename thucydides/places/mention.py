"""A toponym found in an article, before and after it is resolved."""

from __future__ import annotations

from dataclasses import dataclass

from thucydides.places.gazetteer import Candidate


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    source: str  # dateline | ner | gazetteer | border
    candidates: list[Candidate]
    role: str = "mention"
    border: tuple[str, str] | None = None
    choice: Candidate | None = None
