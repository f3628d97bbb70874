"""Argument types of a verb pattern: who may do it (`subj`) and what its object is named as (`as`).

A verb's sense often hangs on its doer or on the name it gives its object, not on its words:
troops that "entered" a town took it (192), a senator who "entered" the race did nothing
political; a state that "designated" a group a terrorist organisation sanctioned it (163), one
that "designated" a venue did not. The patterns say which doers and names they need
(`thucydides/data/events/verbs.yaml`); this module checks them against the parse and the
article's actors.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.context import SentenceContext
from thucydides.events.phrases import through_measure
from thucydides.events.schema import VerbPattern
from thucydides.events.words import ARMED_SECTORS, IRREGULAR_SECTORS, MONEY_WORDS, NAMED_BY_COMPOUND
from thucydides.syntax import glued_lemma, subjects_of

# dependency labels of an object predicate: "designated the IRGC [a terrorist organisation]"
# (a second object), "was designated [a terrorist group]" (oprd, attr after a passive)
PREDICATE_DEPS = ("oprd", "attr", "dobj", "obj")
NAME_MODIFIER_DEPS = ("amod", "compound", "nmod")


def arguments_fit(ctx: SentenceContext, verb: Token, passive: bool, pattern: VerbPattern,
                  obj: Token | None) -> bool:
    """The pattern's doer and name constraints hold for this use of the verb."""
    if pattern.subj is not None and not _doer_fits(ctx, verb, passive, pattern.subj):
        return False
    return pattern.label is None or named_as(verb, passive, obj, pattern.label)


def _doer_fits(ctx: SentenceContext, verb: Token, passive: bool, allowed: frozenset[str]) -> bool:
    subjects = subjects_of(verb, passive)
    # "hundreds of troops", "a unit of fighters": the people behind the quantity
    subjects += [g for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
    for tok in subjects:
        if tok.lemma_.lower() in allowed or tok.lower_ in allowed:
            return True
        if "@person" in allowed and _a_person(ctx, tok):
            return True
        sectors = _sectors(ctx, tok)
        if "@armed" in allowed and sectors & ARMED_SECTORS:
            return True
        if "@irregular" in allowed and sectors & IRREGULAR_SECTORS:
            return True
    return False


def _a_person(ctx: SentenceContext, tok: Token) -> bool:
    """A named person: by the dictionaries (a known office holder) or, failing them, by the NER;
    a surname the dictionaries do not know may come out of the small model as an organisation
    ("Sanders"), which a group the dictionaries know would not."""
    mention = ctx.mention(tok)
    if mention is None:
        return tok.ent_type_ == "PERSON"
    if mention.kind == "person":
        return True
    return (mention.code is None and mention.how == "entity" and mention.kind == "organisation"
            and " " not in mention.text and tok.text[:1].isupper())


def _sectors(ctx: SentenceContext, tok: Token) -> set[str]:
    """The sector of the actor this token heads, and the first element of its code (IMG: an
    international militarised group such as the Islamic State has no sector of its own)."""
    mention = ctx.mention(tok)
    if mention is None or not mention.code:
        return set()
    return {s.lower() for s in (mention.sector, mention.code[:3]) if s}


def named_as(verb: Token, passive: bool, obj: Token | None, allowed: frozenset[str]) -> bool:
    """The verb names its object as one of `allowed`: by an object predicate ("branded the YPG
    terrorists", "was designated a terrorist group") or an "as" phrase ("listed X as a terrorist
    group"), whose head, modifier or "of" phrase is the word ("a state sponsor of terrorism")."""
    for c in verb.children:
        if c.dep_ in PREDICATE_DEPS and (passive or obj is None or c.i != obj.i):
            if _names(c, allowed):
                return True
        elif c.dep_ == "prep" and c.lower_ == "as":
            if any(g.dep_ == "pobj" and _names(g, allowed) for g in c.children):
                return True
        elif c.dep_ in ("dative", "dobj") and any(a.dep_ == "appos" and _names(a, allowed)
                                                  for a in c.children):
            return True  # "designated [the Houthis] [a terrorist organisation]" parsed as an apposition
    # "called the White Helmets terrorists" parsed as one noun phrase: the name is a compound of the label
    return obj is not None and _names(obj, allowed) and _named_compound(obj) is not None


def named_object(verb: Token, passive: bool, obj: Token | None) -> Token | None:
    """Who is named: the object, a passive's subject ("the IRGC was designated a terrorist
    organisation", which the parser gives the label as its object), or the name the parser hung
    on the label."""
    if passive:
        return next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj:pass")), obj)
    if obj is None:
        return next((c for c in verb.children if c.dep_ == "dative"), None)
    return _named_compound(obj) or obj


def _named_compound(label: Token) -> Token | None:
    return next((c for c in label.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)


def _names(tok: Token, allowed: frozenset[str]) -> bool:
    words = [tok, *(c for c in tok.children if c.dep_ in NAME_MODIFIER_DEPS)]
    words += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
              if g.dep_ == "pobj"]
    return any(w.lemma_.lower() in allowed or w.lower_ in allowed for w in words)


def object_fits(obj: Token | None, allowed: frozenset[str]) -> bool:
    """The object is one the pattern names: by lemma, by a compound that names it ("the ceasefire
    agreement"), by entity type (@gpe, @propn, @person, @money), any object (@any), or the
    thing behind a quantity ("a series of attacks")."""
    if obj is None:
        return False
    if obj.lemma_.lower() in allowed or obj.lower_ in allowed or glued_lemma(obj) in allowed:
        return True
    if "-" in obj.lower_ and obj.lower_.partition("-")[0] in allowed:
        return True  # "COVID-19", one token
    if obj.lemma_.lower() in NAMED_BY_COMPOUND and any(
            c.dep_ == "compound" and (c.lemma_.lower() in allowed or glued_lemma(c) in allowed)
            for c in obj.children):
        return True  # "the ceasefire agreement" is a ceasefire
    if "@any" in allowed:
        return True
    if ("@gpe" in allowed and obj.ent_type_ in ("GPE", "LOC", "FAC")
            or "@propn" in allowed and obj.pos_ == "PROPN"):  # a town the NER calls a product
        return True
    if "@person" in allowed and obj.ent_type_ in ("PERSON", "NORP", "ORG"):
        return True
    if "@money" in allowed and (obj.ent_type_ == "MONEY" or obj.lemma_.lower() in MONEY_WORDS):
        return True
    # "a series of attacks": look through quantity heads
    inner = through_measure(obj)
    return inner is not obj and object_fits(inner, allowed)
