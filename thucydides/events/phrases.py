"""The event coder's readings of a predicate's phrases: pattern particles, quantity heads,
target prepositions, the verb's own phrases, a protest's purpose.

Event-specific on purpose (they use the event word lists of `events/words.py`); parse questions
any stage may ask (voice, subjects, objects, possessors …) live in `thucydides/syntax/`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from thucydides.events.words import (
    MEASURE_HEADS,
    OCCASION_EDGES,
    OCCASION_NOUNS,
    OCCASION_PREPS,
    PLACE_TARGET_PREPS,
    QUANTITY_HEADS,
    REPORT_LEMMAS,
    SEPARATE_PREPS,
    SETTING_PARTICIPLES,
)
from thucydides.syntax import ISSUED_DOCUMENTS, MEANS_PREPOSITIONS, find_prep_object

PLACE_ENTS = ("GPE", "LOC", "FAC")


def match_words(tok: Token, words: tuple[str, ...]) -> list[Token] | None:
    """Particles/prepositions of a pattern, found among the verb's children (or a particle's)."""
    if not words:
        return []
    got: list[Token] = []
    anchors = [tok]
    for w in words:
        found = None
        for a in anchors:
            for c in a.children:
                if (c.lower_ == w or c.lemma_ == w) and (c.dep_ in (
                        "prt", "prep", "agent", "dative", "advmod", "dobj", "acomp", "compound:prt",
                        "npadvmod", "xcomp", "pobj", "oprd", "attr", "pcomp")
                        or (c.dep_ == "ccomp" and c.pos_ == "ADJ")):  # "set the shops ablaze"
                    found = c
                    break
            if found:
                break
        if found is None:
            # "call for": spaCy sometimes puts the preposition right after the verb unattached
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == w and not got:
                found = nxt
            else:
                return None
        got.append(found)
        anchors = [found, tok]
    return got


def match_prefix(tok: Token, prefix: tuple[str, ...]) -> list[Token] | None:
    if not prefix:
        return []
    doc = tok.doc
    start = tok.i - len(prefix)
    if start < 0:
        return None
    got = []
    for k, w in enumerate(prefix):
        t = doc[start + k]
        if t.lower_ != w and t.lemma_.lower() != w:
            return None
        got.append(t)
    return got


def particle_object(verb: Token, particles: tuple[str, ...]) -> Token | None:
    """The noun after a light verb's preposition ("go on strike", "engage in talks")."""
    if not particles:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == particles[-1]:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN":
                    return g
    return None


def through_measure(tok: Token) -> Token:
    """'a series of attacks', 'a new round of talks', '$50 million in aid': the noun behind a
    quantity head or an amount."""
    amount = tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or tok.like_num
    if tok.lemma_.lower() not in MEASURE_HEADS and not amount:
        return tok
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "of" or (amount and c.lower_ == "in")):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return tok


def through_quantity(tok: Token) -> Token:
    """'rounds of firing', 'incidents of stabbing': the event noun behind a quantity head."""
    if tok.lemma_.lower() not in QUANTITY_HEADS and tok.lower_ not in QUANTITY_HEADS:
        return tok
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return tok


def shared_prep_object(verb: Token, prep: str) -> Token | None:
    """The object of `prep` on the verb, or on a verb conjoined with it that shares its
    arguments ("we do not collaborate or coordinate with them": "with them" serves both)."""
    t = find_prep_object(verb, prep)
    if t is not None:
        return t
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and not any(
                g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children):
            t = find_prep_object(c, prep)
            if t is not None:
                return t
    return None


# clause boundaries: events below these are told on their own, not part of the verb's phrases
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "xcomp", "csubj", "acl", "cc",
                         "mark", "punct", "aux", "auxpass", "neg"})


def phrase_tokens(verb: Token) -> set[int]:
    """Tokens in the verb's own noun phrases (subject, object, prepositional phrases).

    An event noun there is part of the verb's event, not a new one: "condemned the attack",
    "claimed responsibility for the bombing", "the blast killed five".
    """
    out: set[int] = set()
    stack = [c for c in verb.children if c.dep_ not in CLAUSE_DEPS and c.dep_ != "npadvmod"
             and not (c.dep_ == "prep" and c.lower_ in SEPARATE_PREPS) and not _means_clause(c)
             and not _occasion(c)]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl", "parataxis")
                     and not _absolute(c) and not _set_off_participle(c))
    return out


def _occasion(prep: Token) -> bool:
    """'on a visit to Kenya', 'during his trip to Ankara': the journey on which the act was done
    is an event of its own."""
    if prep.dep_ != "prep" or prep.lower_ not in OCCASION_PREPS:
        return False
    for g in prep.children:
        if g.dep_ != "pobj":
            continue
        if g.lower_ in OCCASION_EDGES:  # "on the margins of his visit"
            g = next((o for p in g.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in p.children if o.dep_ == "pobj"), g)
        if g.lemma_.lower() in OCCASION_NOUNS:
            return True
    return False


def _means_clause(prep: Token) -> bool:
    """'by donating supplies': a clause of its own telling how the act was done."""
    return prep.dep_ == "prep" and prep.lower_ in MEANS_PREPOSITIONS and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)


def _absolute(tok: Token) -> bool:
    """'with the police looking on': a clause with its own subject after with/without tells its
    own event, not part of the main verb's phrase."""
    return (tok.dep_ == "pcomp" and tok.pos_ in ("VERB", "AUX") and tok.head.lower_ in ("with", "without")
            and any(c.dep_ == "nsubj" for c in tok.children))


def _set_off_participle(tok: Token) -> bool:
    """'The defence minister, visiting Hanoi, held talks': a participle set off by commas tells
    what its noun was doing, an act of its own; "troops guarding the border" (no comma) only
    says which troops. A setting is not: "the president, speaking in Ankara, condemned …" tells
    one act."""
    lemma = tok.lemma_.lower()
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in ISSUED_DOCUMENTS:
        return True  # "issued a statement condemning the attack": what the statement does is told
    return (tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.i > tok.head.i and tok.doc[tok.i - 1].text == ","
            and lemma not in REPORT_LEMMAS and lemma not in SETTING_PARTICIPLES)


def purpose_of(tok: Token) -> Token | None:
    """What a protest demands: 'for his resignation', 'demanding reforms', 'to protest the law'."""
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB":
            return c
        if c.dep_ == "prep" and c.lower_ in ("for", "over", "against"):
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def usable(tok: Token | None) -> bool:
    """Could this token head an actor phrase? Not 'on Monday', 'for 10 days'."""
    return tok is not None and tok.ent_type_ not in NOT_ACTOR_ENTS and tok.pos_ not in ("NUM", "ADV", "ADJ")


def object_prep(obj: Token, preps: Iterable[str], depth: int = 3) -> Token | None:
    """The object of one of `preps` inside an object phrase, nearest first
    ("sent supplies and personnel such as doctors to Nepal": "to" hangs three levels down)."""
    preps = tuple(preps)
    level = [obj]
    for _ in range(depth):
        nxt: list[Token] = []
        for t in level:
            for c in t.children:
                if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                    for g in c.children:
                        if g.dep_ == "pobj" and usable(g):
                            return g
                if c.dep_ in ("prep", "pobj", "conj", "appos") or (c.dep_ == "acl" and c.tag_ == "VBN"):
                    nxt.append(c)  # "restrictions imposed on X": through a participle too
        level = nxt
    return None


def place_target(tok: Token) -> Token | None:
    """With nobody else on the receiving end, annotators take the place acted on as the target
    ("declared a ceasefire in South Sudan", "killings throughout the region")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_TARGET_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in PLACE_ENTS:
                    return g
    return None


def recipient_of(verb: Token) -> Token | None:
    """Whom a verb hands something to: the indirect object or 'to X' ("gave Putin a warning")."""
    for c in verb.children:
        if c.dep_ == "dative":
            if c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return target_by_preps(verb, ("to",))


def target_by_preps(tok: Token, preps: Iterable[str]) -> Token | None:
    preps = tuple(preps)
    if not preps:
        return None
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj" and usable(g):
                    return g
    return None


def names_target(noun: Token, preps: tuple[str, ...]) -> bool:
    """'strikes on the port', 'carried out strikes against rebel targets': the noun, or the verb
    it is the object of, aims at someone."""
    if target_by_preps(noun, preps) is not None:
        return True
    return noun.dep_ in ("dobj", "obj") and target_by_preps(noun.head, preps) is not None


def hyphen_partners(tok: Token) -> list[Token]:
    """'Russia-U.S.-brokered', 'Egypt-Qatar-brokered': the words glued by hyphens to `tok`, left
    of it, where the glued run ends in a participle (not a name: "al-Sham", "Roberts-Smith")."""
    out: list[Token] = []
    doc = tok.doc
    end = tok.i
    while end + 2 < len(doc) and doc[end + 1].text == "-" and not tok.doc[end].whitespace_ \
            and not doc[end + 1].whitespace_:
        end += 2
    last = doc[end]
    if not (last.tag_ == "VBN" or (last.text.count("-") and last.text.lower().endswith("ed"))):
        return out
    i = tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        partner = doc[i - 2]
        if partner.pos_ not in ("PROPN", "NOUN", "ADJ"):
            break
        out.append(partner)
        i -= 2
    return out


def cause_slots(verb: Token) -> list[Token]:
    """Where the cause of a harm may hang: the verb's own phrases, and those of its conjuncts,
    to which the parser often attaches a shared clause ("two were killed and five hurt when the
    bus overturned": the when-clause hangs on "hurt")."""
    slots = list(verb.children)
    for c in verb.children:
        if c.dep_ == "conj" and c.i > verb.i:
            slots += list(c.children)
            slots += [g for n in c.children if n.dep_ in ("acl", "amod") for g in n.children]
    return slots
