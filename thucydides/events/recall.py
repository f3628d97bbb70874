"""Acts taken up again: 'Israeli jets struck villages in the south. Lebanon's prime minister
condemned the attacks.' The condemnation is aimed at whoever did the attacks, told a sentence
before; annotators code it so, and a dyad table needs it.

An article-level stage of the event coder, before `merge_mentions`: an event whose object is a
definite noun naming a kind of act ("the attacks", "the warning", "the proposal"), with no
owner of its own and no coded target, takes as target the source of the nearest earlier event
of that kind within `WINDOW` sentences. Which nouns name which kinds of act is data
(`recalled_*` in data/words/events.yaml).
"""

from __future__ import annotations

from dataclasses import replace

from thucydides.events.words import RECALLED_ACTS
from thucydides.models import Event

WINDOW = 2  # sentences back: "the attacks" two paragraphs on may be others


def aim_at_recalled_acts(events: list[Event]) -> None:
    """Give each event that takes up an earlier act that act's doer as its target (in place),
    and each harm done by an act taken up ("the strikes killed 37 people") that act's doer as
    its source."""
    _doers_of_recalled_acts(events)
    for i, ev in enumerate(events):
        noun = ev.why.get("object")
        if not isinstance(noun, str) or ev.negated or (ev.target is not None and ev.target.code):
            continue
        roots = RECALLED_ACTS.get(noun)
        if not roots:
            continue
        for prev in reversed(events[:i]):
            if prev.sentence_index < ev.sentence_index - WINDOW:
                break
            doer = prev.source
            if prev.negated or prev.cameo[:2] not in roots or doer is None or not doer.code:
                continue
            if ev.source is not None and ev.source.code == doer.code:
                break  # "Iran launched strikes … Iran defended the strikes": its own act
            ev.target = replace(doer)
            ev.why["target"] = f"recalled: {noun}"
            break


def _doers_of_recalled_acts(events: list[Event]) -> None:
    """'US jets struck Houthi sites. The strikes killed at least 37 people': the killing was done
    by whoever struck, told up to `WINDOW` sentences before."""
    for i, ev in enumerate(events):
        noun = ev.why.get("doer")
        if not isinstance(noun, str) or ev.negated or (ev.source is not None and ev.source.code):
            continue
        roots = RECALLED_ACTS.get(noun)
        if not roots:
            continue
        for prev in reversed(events[:i]):
            if prev.sentence_index < ev.sentence_index - WINDOW:
                break
            doer = prev.source
            if prev.negated or prev.cameo[:2] not in roots or doer is None or not doer.code:
                continue
            ev.source = replace(doer)
            ev.why["source"] = f"recalled: {noun}"
            break
