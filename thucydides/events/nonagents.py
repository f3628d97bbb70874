"""Harm without a political doer: disasters, accidents and disease are no events.

A stage of the event coder that drops hits before their roles are found: "an earthquake
killed 200", "seven died in a road accident", a named storm. The words are the lexicon's
classes of `data/events/nonagents.yaml`; their words stay consumed, so that "explosion" in
"a gas explosion killed five" is not coded on its own.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.context import Hit, SentenceContext
from thucydides.events.phrases import cause_slots, through_quantity
from thucydides.events.roles import act_after
from thucydides.events.schema import Lexicon
from thucydides.events.words import CAUSE_PREPS, NON_AGENT_ROOTS
from thucydides.syntax import conjuncts, glued_lemma, is_passive, prep_objects, subjects_of


def non_agent(ctx: SentenceContext, hit: Hit) -> bool:
    """Harm done by a natural force, an accident, a vehicle, a disease or a thing
    (nonagents.yaml): "an earthquake killed 200", "seven died in a road accident", "four
    were killed when the building collapsed", "the bus plunged into a gorge, killing 25".
    CAMEO has no code for it, so the hit is dropped. Fires, explosions, vehicles and
    accident verbs count only in a sentence with no weapon, attacker or arson word: "a bomb
    explosion", "a fire set by rioters" stay attacks."""
    if hit.code[:2] not in NON_AGENT_ROOTS:
        return False
    marks = ctx.lex.classes["ATTACK_MARKS"]
    # "Militants" tagged as a name keeps its plural as lemma
    lemmas = ctx.lemmas
    armed = not lemmas.isdisjoint(marks) or any(w[:-1] in marks for w in lemmas if w.endswith("s"))
    if hit.noun:
        return _non_agent_word(ctx, hit.head, armed, doer=False)  # "a gas explosion at a mine"
    head = hit.support or hit.head
    passive = is_passive(head, clausal_subject=True)
    doers = subjects_of(head, passive) if not hit.victim_subject else []
    if not doers and hit.source_tok is not None:
        doers = conjuncts(hit.source_tok)
    if (not doers and head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ in ("dobj", "obj") for c in head.children)):
        doers = [head.head]  # a headline parsed as a phrase: "earthquake killed 200 people"
    if (head.lemma_.lower() in ctx.lex.classes["BLAST_VERBS"] and not armed and not passive
            and not any(c.dep_ in ("dobj", "obj") for c in head.children)
            and not any(ctx.actorish(d) for d in doers)):
        # "a gas cylinder exploded", "the boiler blew up": something went off, nobody is named
        # to have set it off ("a plot to blow up the airport", "the bridge was blown up": someone's act)
        return True
    if any(_non_agent_word(ctx, d, armed) for d in doers):
        return True  # "floods destroyed homes", "hit by a truck"
    if (head.dep_ in ("advcl", "conj") and _accident_clause(ctx, head.head, armed)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)):
        return True  # "the boat capsized, killing 12"
    reduced = head.tag_ in ("VBN", "VBD") and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in head.children)  # "30 killed in floods"
    victim = hit.victim_subject or passive or not doers or (
        reduced and (doers[0].pos_ == "NUM" or any(c.dep_ == "nummod" for c in doers[0].children)))
    if not victim:
        return False  # a doer that is someone: "rebels attacked the town after the floods"
    # nobody did it: what it came from ("died in a road accident", "killed when the wall fell");
    # an act named beside it is the cause ("died in clashes after the earthquake")
    harmless = False
    for c in cause_slots(head):
        if c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPS:
            for g in prep_objects(c):
                g = through_quantity(g)
                if _non_agent_word(ctx, g, armed, doer=False):
                    harmless = True
                elif _act_noun(ctx.lex, g):
                    return False
        elif c.dep_ == "advcl" and _accident_clause(ctx, c, armed):
            harmless = True
    return harmless


def _act_noun(lex: Lexicon, tok: Token) -> bool:
    """An event noun of the lexicon ("clashes", "firing", "an attack")."""
    pats = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_) or ()
    return any(p.code[:2] in NON_AGENT_ROOTS and not p.skip for p in pats)


def _non_agent_word(ctx: SentenceContext, tok: Token, armed: bool, doer: bool = True) -> bool:
    """A noun naming a harmless cause: a natural force, an accident, a disease; a fire or an
    explosion, and (as doer) a vehicle or a thing, when the sentence names no weapon or attacker."""
    cls = ctx.lex.classes
    words = {tok.lemma_.lower(), tok.lower_}
    glued = glued_lemma(tok)
    if glued:
        words = {glued}  # "flash-flood", "cave-in" are listed whole; "cross-fire" is no blaze
    if "-" in tok.lower_:
        words.add(tok.lower_.partition("-")[0])  # "covid-19", one token
    if tok.lower_.endswith("s"):
        words.add(tok.lower_[:-1])  # "Landslides" tagged as a name keeps its plural as lemma
    if not words.isdisjoint(cls["OF_HEADS"]):
        of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        if of is not None:
            return _non_agent_word(ctx, of, armed, doer=True)  # "an outbreak of violence": no
    if _caused_by_someone(ctx, tok):
        return False  # "a stampede triggered by police firing", "a fire started by protesters"
    if not words.isdisjoint(cls["NON_AGENTS"]):
        return True
    if armed:
        return False
    if not words.isdisjoint(cls["BLAZES"]) or (doer and not words.isdisjoint(cls["MACHINES"])):
        return True
    if tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.lemma_.lower() in cls["NON_AGENTS"]
                                   for c in tok.children):
        return True  # a named storm: "Typhoon Mitag", "Cyclone Idai"
    # "a gas cylinder blast", "a boiler explosion": a blast named after a machine is an accident
    return any(c.dep_ == "compound" and c.lemma_.lower() in cls["MACHINES"] for c in tok.children)


def _caused_by_someone(ctx: SentenceContext, tok: Token) -> bool:
    """'a stampede triggered by police firing': a participle names an act or an actor as
    the cause ('landslides triggered by rain' names neither)."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    for g in a.children:
                        if g.dep_ == "pobj" and (ctx.actorish(g) or _act_noun(ctx.lex, g)
                                                 or act_after(ctx, g) is not None):
                            return True
    return False


def _accident_clause(ctx: SentenceContext, verb: Token, armed: bool) -> bool:
    """'when the building collapsed', 'after a landslide hit the village': a clause telling
    an accident, by its verb or by its subject."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if (not armed and verb.lemma_.lower() in ctx.lex.classes["ACCIDENT_VERBS"]
            and not any(c.dep_ in ("dobj", "obj") for c in verb.children)):
        return True  # not "sank their differences and marched": an accident happens to its subject
    # the doer: the subject, or a passive's agent ("when their car was hit by a truck"); a
    # passive subject undergoes it ("the buses were charred")
    if is_passive(verb, clausal_subject=True):
        subs = subjects_of(verb, True)
    else:
        subs = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(_non_agent_word(ctx, s, armed) for s in subs)
