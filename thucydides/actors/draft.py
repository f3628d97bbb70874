"""What the actor stage builds mentions from: pieces (step 1) and drafts (steps 2-4)."""

from __future__ import annotations

from dataclasses import dataclass, field

from thucydides.actors.dictionary import Entry
from thucydides.models import ActorMention


@dataclass(slots=True)
class Piece:
    """One contributing stretch of a noun phrase (a dictionary match or an entity)."""

    start: int  # token offsets
    end: int
    entry: Entry | None  # None: a spaCy entity with no dictionary entry
    role: str  # name | alias | demonym | capital | agent | led | PERSON | ORG | NORP
    plural: bool = False
    country: str | None = None  # an ORG entity led by a country name ("Kenya Airways")
    sector: str | None = None  # … and the sector of its head word ("… Union of Journalists")


@dataclass(slots=True)
class Draft:
    """A mention under construction, with the parse facts the coreference rules need."""

    mention: ActorMention
    head: int  # token index of the head
    key: str | None  # entity key before linking
    definite: bool = False
    has_country_modifier: bool = False
    words: frozenset[str] = field(default_factory=frozenset)
    head_lemma: str = ""
    plural: bool = False
