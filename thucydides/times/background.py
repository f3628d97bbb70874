"""Background: what an article tells of as lying before the time its narrative stands in.

"Police had arrested her brother years earlier" or "she had been persecuted before the war" tell
of something earlier than what the passage reports; such an event has no date of its own, and the
publication date would be wrong for it. The past perfect says so, unless it only follows a past
reporting verb ("the envoy said the rebels had shelled the airport": the shelling is news), and so
do a few phrases ("years earlier", "in the past", "before the war").
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.times.direction import REPORTING_LEMMAS, governing_verb
from thucydides.times.narrative import in_past_perfect
from thucydides.wordlists import word_list, word_set

MARKERS = tuple(tuple(phrase.split()) for phrase in word_list("times", "background_markers"))
ERAS = word_set("times", "background_eras")
ERA_PREPOSITIONS = word_set("times", "era_prepositions")
# a word that can start a marker or an era phrase: no other word needs its clause looked up
_OPENERS = frozenset(marker[0] for marker in MARKERS) | ERA_PREPOSITIONS


def background_reason(trigger: Token | None, verb: Token | None) -> str | None:
    """Why the event is background to its narrative ("past perfect", "years earlier"), or None."""
    if verb is None or trigger is None:
        return None
    if in_past_perfect(verb) and not _reported(verb):
        return "past perfect"
    for tok in verb.subtree:
        if tok.lower_ not in _OPENERS:
            continue
        governor = governing_verb(tok)
        if tok.i != verb.i and (governor is None or governor.i != verb.i):
            continue  # a word of some clause below the event's
        words = tuple(t.lower_ for t in tok.doc[tok.i:tok.i + 4])
        for marker in MARKERS:
            if words[:len(marker)] == marker:
                return " ".join(marker)
        if tok.dep_ == "prep" and tok.lower_ in ERA_PREPOSITIONS and tok.head.i == verb.i:
            era = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in ERAS), None)
            if era is not None:
                return f"{tok.lower_} the {era.lower_}"
    return None


def _reported(verb: Token) -> bool:
    """A past perfect in the clause of a past reporting verb is the reported past of news."""
    t = verb
    for _ in range(3):
        if t.dep_ not in ("ccomp", "conj") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in REPORTING_LEMMAS:
            return True
    return False


def told_in_past(verb: Token | None) -> bool:
    """Whether an event's clause tells it as past news of its own (not a report of speech)."""
    return verb is not None and _past_tense(verb) and verb.lemma_.lower() not in REPORTING_LEMMAS


def told_as_done(verb: Token | None, modality: str) -> bool:
    """Whether an event is asserted in the simple past: something that has happened."""
    return modality == "asserted" and verb is not None and _past_tense(verb)


def _past_tense(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)
