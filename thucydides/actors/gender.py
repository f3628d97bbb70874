"""Which person a he or a she can take up: the gender an article gives its people.

A person's gender is read from the courtesy title before the name ("Mr Erdoğan", "Ms Kaya",
"Queen Rania") and from the pronouns already resolved to them, so "she" after "Mr Zarif met
Ms Kaya" skips Mr Zarif. Nothing is guessed from first names: an unknown gender blocks nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from thucydides.actors.draft import Draft
from thucydides.wordlists import word_set

MALE_TITLES = word_set("actors", "male_titles")
FEMALE_TITLES = word_set("actors", "female_titles")
MALE_PRONOUNS = word_set("actors", "male_pronouns")
FEMALE_PRONOUNS = word_set("actors", "female_pronouns")


def pronoun_gender(word: str) -> str | None:
    low = word.lower()
    return "m" if low in MALE_PRONOUNS else "f" if low in FEMALE_PRONOUNS else None


class Genders:
    """The known gender of each entity (by its union-find root), growing as pronouns resolve."""

    def __init__(self, doc: Doc, drafts: list[Draft], root_of: Callable[[int], int]) -> None:
        self.root_of = root_of
        self.known: dict[int, str] = {}
        for i, d in enumerate(drafts):
            if d.mention.kind != "person":
                continue
            g = _title_gender(doc, d)
            if g is not None:
                self.known.setdefault(root_of(i), g)

    def clashes(self, j: int, gender: str | None) -> bool:
        """Does draft j belong to a person of the other gender?"""
        known = self.known.get(self.root_of(j))
        return gender is not None and known is not None and known != gender

    def note(self, j: int, gender: str | None) -> None:
        if gender is not None:
            self.known.setdefault(self.root_of(j), gender)


def _title_gender(doc: Doc, d: Draft) -> str | None:
    """The gender of the courtesy title just before the name or at its start ("Mr Omar")."""
    m = d.mention
    first = next((t for t in doc[max(0, d.head - 6):d.head + 1] if t.idx >= m.start), None)
    words = []
    if first is not None:
        words.append(first)
        if first.i > 0:
            words.append(doc[first.i - 1])
    for tok in words:
        low = tok.lower_.rstrip(".")
        if low in MALE_TITLES:
            return "m"
        if low in FEMALE_TITLES:
            return "f"
    return None
