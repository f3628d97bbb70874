"""Whom a matched verb is aimed at: the target a pattern names, through the verb's phrases.

Part of matching (`thucydides.events.predicates`): a verb pattern says where its target is
("to X", the object, the indirect object); these rules find it in the parse, and say where
forces are sent and which targets are worth keeping without an actor code.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.context import SentenceContext
from thucydides.events.phrases import (
    NOT_ACTOR_ENTS,
    PLACE_ENTS,
    object_prep,
    place_target,
    shared_prep_object,
    target_by_preps,
    usable,
)
from thucydides.events.schema import Lexicon, VerbPattern
from thucydides.events.words import (
    ABOUT_PREPS,
    ACTOR_TARGET_PREPS,
    COERCIVE_ROOTS,
    CONDITIONAL_MARKS,
    DESTINATION_PREPS,
    FORCE_ROOTS,
    MISSION_TARGET_PREPS,
    OBJECT_TARGET_PREPS,
    PERMISSION_VERBS,
)
from thucydides.syntax import find_prep_object, possessor, resolve_relative


def noun_targets(lex: Lexicon, noun: Token, default: tuple[str, ...] = ("on", "against")) -> tuple[str, ...]:
    """The prepositions whose object the event noun aims at ("strikes on X"), from its first pattern."""
    for p in lex.nouns.get(noun.lemma_.lower(), ()):
        return p.target
    return default


def pattern_target(ctx: SentenceContext, tok: Token, p: VerbPattern, matched: list[Token], passive: bool,
                   obj: Token | None) -> Token | None:
    """Whom the verb matched by `p` is aimed at, as the pattern and the verb's phrases say."""
    if p.target == "none":
        return None
    if obj is not None and any(m.i == obj.i for m in matched):
        # "took two soldiers prisoner": the parser makes the pattern's own word the object and
        # hangs those taken on it as a compound
        taken = next((c for c in obj.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
        if taken is not None:
            return taken
    if p.target == "iobj":
        for c in tok.children:
            if c.dep_ == "dative":
                return c
        return obj
    if p.target not in (None, "obj"):
        # "gave Armenia the equipment", "give inspectors access to the palaces": the indirect
        # object is the receiver, before any "to" (which may belong to what is given)
        t = next((c for c in tok.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")),
                 None) if p.target == "to" else None
        t = t or shared_prep_object(tok, p.target)
        if t is None and obj is not None:
            t = object_prep(obj, (p.target,))  # "sent supplies and doctors to Nepal"
        if t is not None or obj is None or p.obj is None:
            if t is None:
                # "imposed a curfew in the city", "surrendered in Congo": nobody named on the
                # receiving end, so the place acted on
                return place_target(tok) or (place_target(obj) if obj is not None else None)
            return t if usable(t) else None
        # "imposed sanctions today against Russia": another preposition names the target
    preps = [m for m in matched if m.dep_ in ("prep", "agent", "dative")]
    if p.target is None and preps:
        pobj = [c for c in preps[-1].children if c.dep_ in ("pobj", "pcomp") and c not in matched]
        if pobj and usable(pobj[0]):
            if obj is not None and ctx.actorish(obj) and not ctx.actorish(pobj[0]):
                return obj  # "pushed Iraq for a constitution": pushed is Iraq, not the constitution
            return pobj[0]
    if obj is not None and ctx.actorish(obj):
        return obj  # "expel the ambassador", "arrest three men"
    if obj is not None and p.obj is not None:
        # the object belongs to the predicate ("lift restrictions on X", "voice concern about X",
        # "lift the blockade of X"): its own prepositions name the target, then the verb's
        noun_preps = tuple(dict.fromkeys((*noun_targets(ctx.lex, obj, ()), *OBJECT_TARGET_PREPS)))
        t = object_prep(obj, noun_preps, depth=1) or target_by_preps(tok, ("against", "on", "to"))
        if t is not None:
            return t
        owner = possessor(obj)
        if owner is not None and owner.pos_ != "PRON" and ctx.actorish(owner):
            return obj  # "defended Germany's decision": the decision of the one named
        t = _about(ctx, tok, obj)
        if t is not None:
            return t
    if (obj is not None and p.obj is None and p.code[:2] in FORCE_ROOTS
            and obj.ent_type_ not in NOT_ACTOR_ENTS and obj.pos_ in ("NOUN", "PROPN")):
        # "pounded the rebel camps with heavy artillery": force lands on its object; "with"
        # names the weapon
        return obj
    # "returned the monkeys to Congo", "express concern over X", "open fire on X"
    for prep in ACTOR_TARGET_PREPS:
        t = shared_prep_object(tok, prep) if obj is None else find_prep_object(tok, prep)
        if t is not None and usable(t) and ctx.actorish(t):
            return t
    if obj is not None and p.obj is None and obj.ent_type_ not in ("DATE", "TIME", "PERCENT"):
        return obj
    if obj is None and tok.lemma_.lower() in PERMISSION_VERBS:
        # "allowed Turkish jets to use its airspace", parsed as a clause with its own subject:
        # the one let do it
        t = clause_subject(ctx, tok, ("nsubj",))
        if t is not None:
            return t
    return place_target(tok) or (place_target(obj) if obj is not None else None)


def _about(ctx: SentenceContext, verb: Token, obj: Token) -> Token | None:
    """Whom an attitude is about when a clause says it: "voiced hope that the new government
    will help", "expressed pessimism about bringing the standoff to an end"."""
    for c in [*obj.children, *verb.children]:
        if c.i < obj.i:
            continue
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
            for g in c.children:
                if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ != "PRON" and g.i < c.i and usable(g):
                    return g
        if c.dep_ == "prep" and c.lower_ in ABOUT_PREPS and c.head.i == obj.i:
            for g in c.children:
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    for o in g.children:
                        if o.dep_ in ("dobj", "obj") and usable(o):
                            return o
    return None


def destination(ctx: SentenceContext, verb: Token, obj: Token | None) -> Token | None:
    """Where forces are sent, or whom they face: 'to Mali', 'into the region', 'in Crimea',
    'for an offensive against X' (through a noun that is no actor: the mission, the assault)."""
    anchors = [verb] + ([obj] if obj is not None else [])
    for anchor in anchors:
        for c in anchor.children:
            if c.dep_ != "prep" or c.lower_ not in DESTINATION_PREPS:
                continue
            for g in c.children:
                if g.dep_ != "pobj" or not usable(g):
                    continue
                if ctx.actorish(g) or g.ent_type_ in PLACE_ENTS:
                    return g
                inner = object_prep(g, MISSION_TARGET_PREPS, depth=2)
                if inner is not None and (ctx.actorish(inner) or inner.ent_type_ in PLACE_ENTS):
                    return inner
                if (c.lower_ in ("to", "into") and g.pos_ == "NOUN"
                        and g.lemma_.lower() in ctx.lex.classes.get("PLACES", ())):
                    return g  # "sent troops to the area"
    return None


def own_forces(lex: Lexicon, tok: Token) -> bool:
    """Troops, police, warships: the armed means of whoever moves them."""
    return tok.lemma_.lower() in lex.classes.get("TROOPS", ()) or tok.lower_ in lex.classes.get("TROOPS", ())


def named_or_place(lex: Lexicon, tok: Token | None) -> bool:
    """A proper name or a place ("the airport", "the town"): a target worth keeping even
    when the actor layer has no code for it."""
    if tok is None:
        return False
    tok = resolve_relative(tok)
    return (tok.pos_ == "PROPN" or tok.tag_ in ("PRP", "PRP$")  # "her arrest": someone, unresolved
            or tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")
            or tok.lemma_.lower() in lex.classes.get("PLACES", ()))


def warned_party(ctx: SentenceContext, verb: Token, threatened_code: str | None) -> Token | None:
    """'Iran warned that Britain would regret the seizure', 'warned that Washington would pay
    a heavy price': a threat told as what will befall someone is aimed at the subject of the
    clause it tells, when that subject is an actor other than the one who threatens. Where the
    clause tells the harm itself ("warned that its jets would strike the camps") the harm's own
    target stays."""
    if threatened_code is not None and threatened_code[:2] in COERCIVE_ROOTS:
        return None
    warned = clause_subject(ctx, verb, ("nsubj", "nsubjpass"))
    if warned is not None and ctx.same_country(warned, [c for c in verb.children if c.dep_ == "nsubj"]):
        return None  # "warned that Israel could send Beirut back …": its own side, not the one warned
    return warned



def condition_party(ctx: SentenceContext, verb: Token, complement: Token | None) -> Token | None:
    """'threatened new sanctions unless Iran halts enrichment', 'threatened an offensive if the
    militia did not withdraw': a threat's condition names the one it is aimed at, the subject
    of the 'unless' or 'if' clause on the threat or on the act threatened, when that is an actor
    other than the one who threatens."""
    own = {t.i for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")}
    # the condition may hang on a verb inside what is threatened ("cut off the money they send
    # home unless Mexico pays")
    inside = [t for t in complement.subtree if t.pos_ in ("VERB", "AUX")] if complement is not None else []
    for node in (verb, *inside):
        for clause in node.children:
            if clause.dep_ != "advcl" or not any(
                    m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in clause.children):
                continue
            for subj in clause.children:
                if (subj.dep_ in ("nsubj", "nsubjpass") and subj.i not in own and subj.pos_ != "PRON"
                        and ctx.actorish(subj)):
                    return subj
    return None


def clause_subject(ctx: SentenceContext, verb: Token, deps: tuple[str, ...] = ("nsubj",)) -> Token | None:
    """The actor a that-clause of `verb` is about ("demanded that Syrian forces pull back":
    the Syrian forces), when it is not `verb`'s own subject nor what it owns ("asked that its
    diplomats be freed"): the one a demand or an appeal is made of, the one a warning is
    aimed at."""
    own = {t.i for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")}
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.pos_ not in ("VERB", "AUX"):
            continue
        for subj in clause.children:
            if (subj.dep_ in deps and subj.i not in own and subj.pos_ != "PRON"
                    and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children)
                    and ctx.actorish(subj)):
                return subj
    return None
