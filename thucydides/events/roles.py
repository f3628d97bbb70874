"""Who did it to whom: subjects, objects and noun-phrase spans from the dependency parse.

The argument-role stage of the event coder: `event_roles` finds the heads of a hit's source and
target phrases, `clause_target` and `expand_heads` turn them into the actors annotators mark.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.context import Hit, SentenceContext
from thucydides.events.phrases import hyphen_partners, target_by_preps, through_quantity
from thucydides.events.words import (
    ADJUNCT_ACT_ROOTS,
    CAUSE_EVENT_PREPS,
    FORCE_ROOTS,
    HARM_VERBS,
    INCLUDE_LEMMAS,
    OCCASION_EDGES,
)
from thucydides.nlp import doc_text
from thucydides.syntax import conjuncts, is_passive, objects_of, possessor, subjects_of

# children that are not part of an actor phrase as annotators mark it
# ("another fighter who had fought …" -> "another fighter"; "Mawarire, a critic of …" -> "Mawarire")
NP_DROP = frozenset({"relcl", "conj", "cc", "appos", "punct", "advcl", "parataxis", "acl:relcl", "dep"})
PRE_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})
SUBJ = ("nsubj", "nsubj:pass", "csubj", "expl")


def _np_drop(head: Token, parent: Token, child: Token) -> bool:
    """Is `child` (of `parent`, inside the phrase of `head`) left out of the actor phrase?"""
    dep = child.dep_
    if dep in ("conj", "cc") and parent.i < head.i and parent.dep_ in PRE_MODIFIERS:
        # "civilian and military targets", "Armenian state and media websites": a coordinated
        # modifier belongs to the one phrase; coordinated heads are separate actors
        return False
    if dep in NP_DROP:
        return True
    if dep == "acl" and parent.i == head.i and child.i > head.i and any(
            g.dep_ in ("aux", "mark", "nsubj", "nsubjpass") and g.i < child.i for g in child.children):
        # "the decision to send more troops", "the suggestion that Europe would follow": the clause
        # says what the decision is; a participle stays ("those affected in Yemen")
        return True
    if dep == "prep" and parent.i == head.i and child.lower_ in ("of", "for") and any(
            g.dep_ == "pcomp" and g.tag_ == "VBG" for g in child.children):
        return True  # "accused the group of seizing aid", "blamed Iran for funding them": the charge
    if dep == "prep" and child.i > head.i and any(
            g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children):
        return True  # "the families … last month", "the shrine … in June 2017": when, not who
    if dep in PRE_MODIFIERS and parent.i == head.i and child.i < head.i and _calendar_word(child):
        return True  # "On 5 May Israeli jets struck": with no comma the parse takes the day in
    return dep == "npadvmod" and child.ent_type_ in ("DATE", "TIME") and child.i > head.i


def _calendar_word(tok: Token) -> bool:
    """A day's date that a preposition opening the sentence governs ("On 5 May Israeli jets …",
    "On May 5 …"), which the parse, with no comma after it, took into the subject: a day number
    and a name side by side, right after that preposition."""
    doc, start = tok.doc, tok.sent.start
    first = doc[start]
    if first.dep_ != "prep" or first.pos_ != "ADP" or tok.i - start not in (1, 2) or start + 3 > len(doc):
        return False
    a, b = doc[start + 1], doc[start + 2]
    day, name = (a, b) if a.like_num else (b, a)
    return (day.text.isdigit() and 1 <= int(day.text) <= 31 and name.pos_ == "PROPN"
            and first.head.i > start + 2)


def noun_phrase(head: Token, exclude: set[int] | frozenset[int] = frozenset()) -> tuple[int, int, str]:
    """Character span of the phrase headed by `head`, as an annotator would mark the actor.

    `exclude`: tokens (the event trigger) whose subtrees are not part of the phrase.
    """
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.i in exclude or _np_drop(head, t, c):
                continue
            keep.add(c.i)
            stack.append(c)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = head.doc
    # "cease-fire", "al-Nusra": glue hyphenated pieces the parser left outside
    while (lo >= 2 and doc[lo - 1].text == "-" and not doc[lo - 1].whitespace_ and not doc[lo - 2].whitespace_
           and lo - 2 not in exclude):
        lo -= 2
    # trim punctuation and dangling words at the edges
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "case"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("case", "cc", "prep")):
        hi -= 1
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return start, end, doc_text(doc)[start:end]


def included(tok: Token) -> list[Token]:
    """The members a generic noun lists: "groups that include X and Y", "groups including X",
    "rebels such as X"."""
    for c in tok.children:
        if c.dep_ == "relcl" and c.lemma_.lower() in INCLUDE_LEMMAS:
            for g in c.children:
                if g.dep_ in ("dobj", "obj"):
                    return conjuncts(g)
        if c.i > 0 and c.doc[c.i - 1].is_punct:
            continue  # "rebel groups, including X, …": an aside; the group stays the actor
        if c.dep_ == "prep" and (c.lower_ == "including" or (
                c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ == "such")):
            for g in c.children:
                if g.dep_ == "pobj":
                    return conjuncts(g)
        if c.dep_ == "amod" and c.lower_ == "such":  # "such as" parsed as amod + prep
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ == "as":
                    return [p for x in g.children if x.dep_ == "pobj" for p in conjuncts(x)]
    return []


# -- the roles of a hit ---------------------------------------------------------------------------
def event_roles(ctx: SentenceContext, hit: Hit) -> tuple[list[Token], list[Token]]:
    """The heads of the source and target phrases of a hit, as the parse and the pattern give them."""
    head = hit.head
    sources: list[Token] = []
    targets: list[Token] = []
    if hit.noun:
        if hit.source_tok is not None:
            sources = conjuncts(hit.source_tok)
        else:
            demonym = modifier_actor(ctx, head)
            if demonym is not None and (hit.target_tok is None or demonym.i != hit.target_tok.i):
                sources = [demonym]
            elif (doer := adjunct_doer(ctx, hit)) is not None:
                sources = [doer]
    elif head.dep_ == "acl" and head.tag_ == "VBN" and hit.support is None:
        # "a cease-fire brokered by Egypt": passive participle on a noun
        sources = subjects_of(head, True)
        if not sources:
            # "people killed in police firing": the firing's doer
            cause = cause_actor(ctx, head)
            sources = [cause] if cause is not None else []
        if hit.target_tok is None and head.head.pos_ in ("NOUN", "PROPN"):
            hit.target_tok = head.head
    elif hit.appeal_from is not None:
        return subjects_of(hit.appeal_from, False), subjects_of(head, is_passive(head, clausal_subject=True))
    elif hit.victim_subject:
        targets = subjects_of(head, False)
        cause = cause_actor(ctx, head)
        return ([cause] if cause is not None else []), targets
    else:
        passive = is_passive(head, clausal_subject=True)
        sources = subjects_of(head, passive)
        if hit.source_tok is not None and not sources:
            sources = conjuncts(hit.source_tok)
        if (sources and not passive and hit.code[:2] in FORCE_ROOTS
                and (head.tag_ == "VBN" or (head.tag_ == "VBD" and hit.lemma in HARM_VERBS))
                and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in head.children)
                and (sources[0].pos_ == "NUM" or any(c.dep_ == "nummod" for c in sources[0].children))):
            # "two killed in police firing", "4 policemen also killed": a reduced passive (no
            # auxiliary, no object) whose subject, a number of people, suffers the act; the
            # doer is the event noun's actor, if one is named
            cause = cause_actor(ctx, head)
            hit.target_tok = sources[0]
            sources = [cause] if cause is not None else []
        if not sources and (passive or head.tag_ == "VBN" or head.lemma_ in ("die", "perish")):
            # "two were killed in police firing": the actor of the event noun acts
            cause = cause_actor(ctx, head)
            if cause is not None:
                sources = [cause]
        if not sources and passive and hit.support is None and hit.code[:2] == "15":
            # "police have been deployed in the area": the force moved shows its own power
            moved = objects_of(head, passive=True)
            if moved and moved[0].lemma_.lower() in ctx.lex.classes.get("TROOPS", ()):
                return moved, []
    for s in sources:
        act = act_after(ctx, s) if s.dep_ == "pobj" else None
        if act is not None:
            hit.consumed.add(act.i)  # "police firing on monday" is no actor phrase: "police" is
    if hit.target_tok is not None:
        targets = conjuncts(hit.target_tok)
    elif not hit.noun and is_passive(head, clausal_subject=True) and hit.support is None:
        targets = objects_of(head, passive=True)
    return sources, targets


def adjunct_doer(ctx: SentenceContext, hit: Hit) -> Token | None:
    """'Albright paid tribute to the victims on a visit to Kenya', 'U.N. officials drafted the
    rules in consultation with Iraqi diplomats': a visit or talks told in an adverbial phrase of
    an active clause are the clause's subject's (`adjunct_act_roots`)."""
    noun = hit.head
    if hit.code[:2] not in ADJUNCT_ACT_ROOTS or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    if verb.lower_ in OCCASION_EDGES and verb.dep_ == "pobj" and verb.head.dep_ == "prep":
        verb = verb.head.head  # "on the margins of his visit to Ankara"
    if verb.pos_ not in ("VERB", "AUX") or is_passive(verb, clausal_subject=True):
        return None
    doers = [s for s in subjects_of(verb, False) if ctx.actorish(s)]
    if not doers or (hit.target_tok is not None and doers[0].i == hit.target_tok.i):
        return None
    return doers[0]


def clause_target(ctx: SentenceContext, tok: Token) -> Token:
    """'reiterated its commitment to support the police', 'its demand that the US ease sanctions':
    a thing whose clause names an actor is aimed at that actor (the clause's subject, else
    its object), as annotators mark it."""
    if ctx.actorish(tok) or any(c.dep_ == "poss" and c.pos_ != "PRON" for c in tok.children):
        return tok  # "Trump's decision to recognise …": the decision of someone named is marked
    for c in tok.children:
        if c.dep_ != "acl" or c.i < tok.i or not any(
                g.dep_ in ("aux", "mark", "nsubj") and g.i < c.i for g in c.children):
            continue
        for deps in (("nsubj",), ("dobj", "obj")):
            for g in c.children:
                if g.dep_ in deps and g.pos_ != "PRON" and ctx.actorish(g):
                    return g
    return tok


def expand_heads(ctx: SentenceContext, heads: list[Token]) -> list[Token]:
    """Actor heads as annotators list them.

    "groups that include al-Qaeda and the Taliban", "militias such as X": a generic noun
    with no code of its own stands for the named members. "a Cairo-Doha-brokered truce":
    every country of a hyphenated compound acts, not only the one fused with the participle.
    """
    out: list[Token] = []
    for h in heads:
        members = [] if ctx.coded(h) else included(h)
        if not all(ctx.coded(m) for m in members):
            members = []  # "groups including specialists in …": no actors named
        for m in members or [h]:
            for extra in hyphen_partners(m):
                if ctx.coded(extra) and extra not in out:
                    out.append(extra)
            if m not in out:
                out.append(m)
    return out


def modifier_actor(ctx: SentenceContext, tok: Token) -> Token | None:
    """'Russian airstrikes', 'police firing': an actor word modifying the event noun."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i:
            if c.ent_type_ in ("NORP", "GPE", "ORG") or ctx.actorish(c):
                return c
            m = ctx.actors.best_in(c.idx, c.idx + len(c.text), head=c.idx)
            if m is not None and m.code:
                return c
    return None


def cause_actor(ctx: SentenceContext, verb: Token) -> Token | None:
    """The doer of the event noun in the verb's phrase: "killed in police firing",
    "succumbed to police firing", "died during the army's shelling"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in CAUSE_EVENT_PREPS:
            for g in c.children:
                if g.dep_ == "pcomp" and g.lemma_.lower() in ctx.lex.verbs:
                    # "died in police firing" parsed as a clause: "police" is the firing's subject
                    doer = next((s for s in g.children if s.dep_ == "nsubj" and ctx.actorish(s)), None)
                    if doer is not None:
                        return doer
                    continue
                if g.dep_ != "pobj":
                    continue
                if g.lower_ in ("which", "whom") and verb.dep_ == "relcl" and verb.head.i != verb.i:
                    g = verb.head  # "the police firing in which two were killed"
                g = through_quantity(g)  # "killed in 500 rounds of firing by the police"
                if g.lemma_.lower() in ctx.lex.nouns or g.lower_ in ctx.lex.nouns:
                    doer = (target_by_preps(g, ("by",)) or possessor(g)
                            or modifier_actor(ctx, g))
                    if doer is not None:
                        return doer
                    continue  # "killed in stone-pelting while another in police firing": look on
                if ctx.actorish(g) and act_after(ctx, g) is not None:
                    return g
    return None


def act_after(ctx: SentenceContext, tok: Token) -> Token | None:
    """Lower-case reports parse "in police firing" as pobj "police" with "firing" hanging
    off it (acl): the actor word right before an event word is that event's doer."""
    if tok.i + 1 >= len(tok.doc):
        return None
    # the event word hangs on the actor word, or on the phrase around it ("people killed in
    # police firing": "firing" on "people")
    k = tok.doc[tok.i + 1]
    if k.dep_ in ("acl", "relcl", "appos") and (k.head.i == tok.i or k.tag_ in ("VBG", "NN")):
        lemma = k.lemma_.lower()
        if lemma in ctx.lex.verbs or lemma in ctx.lex.nouns or k.lower_ in ctx.lex.nouns:
            return k
    return None


def doer_nouns(verb: Token) -> list[Token]:
    """The nouns that say what did a verb's harm: its subject, a passive's agent, the object of
    "in" or "during" ("killed in an air strike")."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "nsubj":
            out.append(c)
        elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("in", "during", "by")):
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    return out
