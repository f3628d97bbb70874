"""Side events: an event told in a clause that hangs on another event's clause.

In "Jets bombed a market in Aleppo on Monday, killing four" the killing is told as part of the
bombing: a participle ("killing four"), a coordinated verb ("raided a camp and arrested twelve")
or a verb the main one governs. Such an event happens where and when its main clause does, unless
its own clause says otherwise; a reported clause ("said rebels attacked") is another's telling, not
a side of the saying.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from spacy.tokens import Token

SIDE_DEPS = frozenset({"advcl", "conj", "xcomp"})  # how a side clause hangs on its main one
MAX_STEPS = 3  # "bombed …, killing four and wounding ten": wounding → killing → bombed

T = TypeVar("T")


def main_of(trigger: Token, events_at: Mapping[int, T]) -> T | None:
    """The event (from `events_at`, token index -> event) whose trigger the side clause of `trigger`
    hangs on, nearest first; None when the trigger hangs on no other event's clause."""
    t = trigger
    for _ in range(MAX_STEPS):
        if t.dep_ not in SIDE_DEPS or t.head.i == t.i:
            return None
        t = t.head
        found = events_at.get(t.i)
        if found is not None:
            return found
    return None
