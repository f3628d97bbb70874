"""Who did it to whom: subjects, objects and noun-phrase spans from the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.nlp import doc_text

# children that are not part of an actor phrase as annotators mark it
# ("another fighter who had fought …" -> "another fighter"; "Mawarire, a critic of …" -> "Mawarire")
NP_DROP = frozenset({"relcl", "conj", "cc", "appos", "punct", "advcl", "parataxis", "acl:relcl", "dep"})
PRE_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "nummod"})
SUBJ = ("nsubj", "nsubj:pass", "csubj", "expl")
REL_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# verbs whose object, not subject, does the complement ("urged Iran to withdraw")
OBJECT_CONTROL = frozenset({"urge", "ask", "order", "force", "persuade", "call", "tell", "encourage", "allow",
                            "invite", "press", "pressure", "compel", "request", "instruct", "help", "enable",
                            "prompt", "lead", "cause", "get", "oblige", "require"})


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens conjoined with it ("Russia and the United States")."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c not in out:
                out.append(c)
                stack.append(c)
    return out


def _subject_children(verb: Token, passive: bool) -> list[Token]:
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return conjuncts(g)
        return []
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return conjuncts(c)
    # "Russia and the US have as of late been carrying out …": the sm parser may hang the
    # subject on an auxiliary of the verb instead of the verb itself
    for a in verb.children:
        if a.dep_ in ("aux", "auxpass") and a.i < verb.i:
            for c in a.children:
                if c.dep_ in ("nsubj", "csubj"):
                    return conjuncts(c)
    return []


def subjects_of(verb: Token, passive: bool) -> list[Token]:
    """The source: the subject, the passive agent, or a subject inherited from the governing clause."""
    subs = _subject_children(verb, passive)
    if subs:
        return [_resolve_relative(s) for s in subs]
    if passive and any(c.dep_ == "nsubjpass" for c in verb.children):
        return []  # "three men were arrested": agent unknown
    t = verb
    for _ in range(4):
        dep = t.dep_
        head = t.head
        if head.i == t.i:
            break
        if dep == "xcomp":
            if _is_passive(head):
                # "the police were forced to open fire": the one made to act does it, not the agent
                for c in head.children:
                    if c.dep_ in ("nsubjpass", "nsubj:pass"):
                        return [_resolve_relative(x) for x in conjuncts(c)]
            if head.lemma_.lower() in OBJECT_CONTROL:
                for c in head.children:
                    if c.dep_ in ("dobj", "obj"):
                        return conjuncts(c)
            subs = _subject_children(head, _is_passive(head))
            if subs:
                return [_resolve_relative(s) for s in subs]
            t = head
            continue
        if dep in ("acomp", "attr"):  # "police were unwilling to …"
            subs = _subject_children(head, _is_passive(head))
            if subs:
                return [_resolve_relative(s) for s in subs]
            break
        if dep in ("conj", "advcl"):
            if dep == "advcl" and not (t.tag_ in ("VBG", "VBN") or any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
                break
            subs = _subject_children(head, _is_passive(head))
            if subs:
                return [_resolve_relative(s) for s in subs]
            t = head
            continue
        actor_verb = means_governor(t)
        if actor_verb is not None:
            # "China helped by donating supplies", "protested by blocking the road": the doer's means
            subs = _subject_children(actor_verb, _is_passive(actor_verb))
            if subs:
                return [_resolve_relative(s) for s in subs]
            break
        if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            return [head] if dep == "relcl" or t.tag_ == "VBG" else []
        break
    return []


# prepositions whose gerund clause tells how the governing verb's subject acted
MEANS_PREPS = frozenset({"by", "through"})


def means_governor(verb: Token) -> Token | None:
    """'helped by donating supplies': for the gerund of a means clause, the verb whose subject
    acts through it."""
    prep = verb.head
    if (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ in MEANS_PREPS
            and prep.head.pos_ in ("VERB", "AUX")):
        return prep.head
    return None


def resolve_relative(tok: Token) -> Token:
    """'the group that attacked': the relative pronoun stands for the noun it modifies."""
    if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head
    return tok


_resolve_relative = resolve_relative


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def objects_of(verb: Token, passive: bool) -> list[Token]:
    if passive:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return [_resolve_relative(x) for x in conjuncts(c)]
        return []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return conjuncts(c)
    return []


def find_prep_object(verb: Token, prep: str) -> Token | None:
    """Object of a preposition on the verb, or on its object ("impose sanctions on Iran")."""
    for anchor in (verb, *[c for c in verb.children if c.dep_ in ("dobj", "prt")]):
        for c in anchor.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
                for g in c.children:
                    if g.dep_ in ("pobj", "pcomp"):
                        return g
                if c.dep_ == "dative":
                    return c
    return None


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
    if dep == "prep" and child.i > head.i and any(
            g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in child.children):
        return True  # "the families … last month", "the shrine … in June 2017": when, not who
    return dep == "npadvmod" and child.ent_type_ in ("DATE", "TIME") and child.i > head.i


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
