"""What the actor stage hands to the later stages: every actor mention in an article."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from thucydides.models import ActorMention


@dataclass(slots=True)
class ActorAnalysis:
    """All actor mentions of one article, sorted by start offset.

    The event, place and quote stages ask it which actor a stretch of text refers to.
    Pronoun, surname and role mentions are already resolved to their antecedent's code.
    """

    mentions: list[ActorMention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]

    def add(self, mention: ActorMention) -> None:
        self.mentions.append(mention)
        self.__post_init__()

    def within(self, start: int, end: int) -> list[ActorMention]:
        """Mentions lying inside [start, end)."""
        hi = bisect_right(self._starts, end)
        return [m for m in self.mentions[:hi] if m.start >= start and m.end <= end]

    def overlapping(self, start: int, end: int) -> list[ActorMention]:
        hi = bisect_right(self._starts, end)
        return [m for m in self.mentions[:hi] if m.start < end and m.end > start]

    def best_in(self, start: int, end: int, head: int | None = None) -> ActorMention | None:
        """The mention that best stands for the phrase [start, end).

        Prefers a coded mention containing the phrase head character offset `head`,
        then the longest coded mention inside the phrase, then any mention overlapping it.
        """
        inside = self.within(start, end) or self.overlapping(start, end)
        if not inside:
            return None
        coded = [m for m in inside if m.code]
        pool = coded or inside
        if head is not None:
            at_head = [m for m in pool if m.start <= head < m.end]
            if at_head:
                best = max(at_head, key=lambda m: m.end - m.start)
                if best.how.endswith("+conj"):
                    # "the British and Irish governments": the head word is shared by every
                    # conjunct, and the phrase is coded, as coders do, by the one named first
                    return min((m for m in pool if m.how.endswith("+conj")), key=lambda m: m.start)
                return best
        return max(pool, key=lambda m: (m.end - m.start, -m.start))

    def by_entity(self, entity: int) -> list[ActorMention]:
        return [m for m in self.mentions if m.entity == entity]
