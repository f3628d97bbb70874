"""What a clause does not assert, read from the words around its verb.

Part of the modality stage. `modality.set_modality` reads the verb's own auxiliaries and
negation; these tests look one step further, where whole articles put most of the acts that
did not happen:

- a negative quantifier as the doer or the thing done: "nobody talks to him", "no action was
  taken", "none of the parties signed";
- a governing word that wishes, expects, schedules or permits the act without telling it done:
  "wants diplomats to meet", "is expected to visit", "has the right to defend itself";
- a modal or a negation on that governing word: "should continue visiting", "would have to
  suspend work", "is not authorised to use force";
- a habit or a standing state rather than one happening: "police often arrest protesters".

A frame word of the lexicon (propose, promise, urge, threaten) is an event itself and codes its
complement through the frame, so it is never a governor here.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.words import (
    HABITUAL_ADVERBS,
    HEDGE_ADVERBS,
    HYPO_AUX,
    NEGATIVE_QUANTIFIERS,
    NON_FACTIVE_GOVERNORS,
    NON_FACTIVE_PARTICIPLES,
    REPORT_LEMMAS,
)

# the dependency steps from a verb to the word that governs its clause
CLAUSE_STEPS = ("xcomp", "ccomp", "acl", "advcl", "conj")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def denied_by_quantifier(verb: Token) -> bool:
    """'Nobody talks to Fidel', 'no action was taken', 'no one gives up', 'never attacked'."""
    for child in verb.children:
        if child.dep_ in ("neg", "advmod") and child.lower_ == "never":
            return True
        if child.dep_ not in (*SUBJECTS, "dobj", "attr"):
            continue
        if child.lower_ in NEGATIVE_QUANTIFIERS or negated_noun(child):
            return True
    return False


def negated_noun(noun: Token) -> bool:
    """'no action', 'no attack took place': the noun's determiner denies it."""
    return any(d.dep_ == "det" and d.lower_ in NEGATIVE_QUANTIFIERS for d in noun.children)


def governors(verb: Token, limit: int = 3) -> list[Token]:
    """The words whose clause holds the verb's, nearest first ('expected to [visit]' → expected),
    climbing through complements and conjuncts that share the subject."""
    out: list[Token] = []
    t = verb
    for _ in range(limit):
        if t.dep_ not in CLAUSE_STEPS or t.head.i == t.i:
            break
        if t.dep_ == "conj" and any(c.dep_ in SUBJECTS for c in t.children):
            break  # "police came and [protesters] fled": a clause of its own
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORT_LEMMAS:
            break  # what was said is the speaker's assertion; modality handles reports
        t = t.head
        out.append(t)
    return out


def unasserted_by_governor(verb: Token, frame_head: Token | None) -> str | None:
    """Why the clause of `verb` is not told as done by the words governing it, or None.

    'wants diplomats to meet' (non-factive), 'should continue visiting' (modal), 'is not
    authorised to use force' (negated)."""
    for gov in governors(verb):
        if frame_head is not None and gov.i == frame_head.i:
            return None  # the frame codes this clause as its complement
        lemma = gov.lemma_.lower()
        if lemma in NON_FACTIVE_GOVERNORS or gov.lower_ in NON_FACTIVE_GOVERNORS:
            return f"governed:{lemma}"
        if lemma in NON_FACTIVE_PARTICIPLES and gov.tag_ == "VBN":
            return f"scheduled:{lemma}"
        auxes = auxiliaries(gov)
        modal = auxes & HYPO_AUX
        if modal and report_verb(gov) is not None and modal <= {"would", "'d"}:
            modal = set()  # "said they would continue to attack": a reported intention (modality)
        if modal and gov.pos_ in ("VERB", "AUX", "ADJ"):
            return f"modal:{lemma}"
        if any(c.dep_ == "neg" for c in gov.children) and verb.dep_ in ("xcomp",):
            return f"negated:{lemma}"
    return None


def auxiliaries(verb: Token) -> set[str]:
    """The auxiliaries of a verb, lower case ("could have been" -> {"could", "have", "been"})."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def report_verb(tok: Token) -> Token | None:
    """The reporting verb whose clause holds `tok` ("officials said [rebels attacked …]")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in REPORT_LEMMAS:
            return t.head
        if t.dep_ in ("conj", "ccomp") and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def hedged(verb: Token) -> bool:
    """'concluded he had probably been killed', 'perhaps the army will withdraw': a guess."""
    return any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for c in verb.children)


def habitual(verb: Token) -> bool:
    """'police often arrest protesters', 'the station is often critical of the authorities' (the
    adverb on the copula): a habit, not a happening. A count of times is not one: "have violated
    the ceasefire 200 times in two weeks" reports the violations."""
    heads = [verb, verb.head] if verb.dep_ == "acomp" else [verb]
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for h in heads for c in h.children)
