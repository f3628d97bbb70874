"""Verbs and their arguments in the dependency parse: voice, subjects, objects, governing clauses.

Each question has one answer here. Where two stages read a clause differently on purpose (the
event coder counts a passive clausal subject as passive, the quote stage looks for a speaker
further than the event coder looks for a doer), the variants are separate, named functions or
parameters, so each caller keeps its behaviour exactly.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.wordlists import word_set

__all__ = [
    "MEANS_PREPOSITIONS", "OBJECT_CONTROL_VERBS", "RELATIVE_PRONOUNS", "REPORTER_DEPS", "REPORTING_VERBS",
    "SUBJECT_RELATIVE_PRONOUNS", "child_with_dep", "conjuncts",
    "direct_object", "find_prep_object", "grammatical_subject", "has_clausal_complement", "is_passive",
    "is_passive_participle", "is_to_infinitive",
    "means_governor", "objects_of", "reporting_subject", "resolve_relative", "shared_object",
    "subject_children", "subjects_of", "tree_depth",
]

RELATIVE_PRONOUNS = word_set("syntax", "relative_pronouns")
SUBJECT_RELATIVE_PRONOUNS = word_set("syntax", "subject_relative_pronouns")
OBJECT_CONTROL_VERBS = word_set("syntax", "object_control_verbs")
MEANS_PREPOSITIONS = word_set("syntax", "means_prepositions")
SEQUENCE_PREPOSITIONS = word_set("syntax", "sequence_prepositions")
REPORTING_VERBS = word_set("syntax", "reporting_verbs")
ISSUED_DOCUMENTS = word_set("syntax", "issued_documents")

# Subject relations whose dependent is the speaker of a reporting verb.
REPORTER_DEPS = ("nsubj", "csubj")
# Relations by which a verb without its own subject shares its head's subject
# ("… and said that …", "…, saying that …", "wants to say …").
SUBJECT_SHARING_DEPS = ("conj", "advcl", "xcomp")
# Between two verbs that share one object: "train and equip", "condemned and strongly rejected".
SHARED_GAP_DEPS = frozenset({"cc", "punct", "advmod", "aux", "neg"})


# -- voice --------------------------------------------------------------------

def is_passive(tok: Token, *, clausal_subject: bool = False) -> bool:
    """Is the verb passive: a passive subject or auxiliary among its children ("was arrested")?

    `clausal_subject=True` also takes a passive clausal subject (csubjpass) as the sign, as the
    event coder's clause reading does; the role finder's reading leaves it out.
    """
    if clausal_subject:
        return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def is_to_infinitive(verb: Token) -> bool:
    """A verb with the infinitive marker "to" ("plans to attack", "the decision to withdraw")."""
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children)


def has_clausal_complement(verb: Token) -> bool:
    """A verb with a complement clause of its own ("vowed that they would retaliate")."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def is_passive_participle(verb: Token) -> bool:
    """A past participle with a passive auxiliary ("is expected", "was believed")."""
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)


# -- subjects -----------------------------------------------------------------

def child_with_dep(tok: Token, deps: tuple[str, ...] | frozenset[str]) -> Token | None:
    """The first child of `tok` attached by one of `deps`, or None."""
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def grammatical_subject(verb: Token) -> Token | None:
    """The verb's own nominal subject, active or passive; nothing inherited."""
    return child_with_dep(verb, ("nsubj", "nsubjpass"))


def conjuncts(tok: Token) -> list[Token]:
    """The token and the nominal tokens conjoined with it ("Russia and the United States")."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and c not in out:
                out.append(c)
                stack.append(c)
    return out


def resolve_relative(tok: Token, pronouns: frozenset[str] = RELATIVE_PRONOUNS) -> Token:
    """'the group that attacked': the relative pronoun stands for the noun it modifies.

    Returns `tok` itself when it is not one of `pronouns` opening a relative clause.
    """
    if tok.lower_ in pronouns and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
        return tok.head.head
    return tok


def subject_children(verb: Token, passive: bool) -> list[Token]:
    """The doers attached to the verb itself: its subject and conjuncts, or a passive's agent."""
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return conjuncts(g)
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                # "is listed as a terrorist organisation by the US": the agent hung on the name
                c = next((g for g in c.children if g.dep_ == "pobj"), c)
            if c.dep_ in ("oprd", "attr", "dobj", "pobj"):
                # "was designated a terrorist group by Turkey": the parser may hang the agent
                # on the predicate noun (which a passive's object can only be)
                for by in c.children:
                    if by.dep_ in ("agent", "prep") and by.lower_ == "by":
                        for g in by.children:
                            if g.dep_ == "pobj":
                                return conjuncts(g)
        for c in verb.children:
            if (c.dep_ == "conj" and c.i > verb.i and c.tag_ == "VBN"
                    and not any(g.dep_ in ("nsubjpass", "nsubj:pass", "nsubj") for g in c.children)):
                # "was kidnapped and killed by the guerrillas": one agent told after both acts
                return subject_children(c, True)
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
    """The doers of a verb: the subject, the passive agent, or a subject inherited from the
    governing clause (control verbs, conjoined and adverbial clauses, means clauses, relative
    clauses); relative pronouns are replaced by their nouns."""
    subs = subject_children(verb, passive)
    if subs:
        return [resolve_relative(s) for s in subs]
    if passive and any(c.dep_ == "nsubjpass" for c in verb.children):
        return []  # "three men were arrested": agent unknown
    t = verb
    for _ in range(4):
        dep = t.dep_
        head = t.head
        if head.i == t.i:
            break
        if dep == "xcomp":
            if is_passive(head):
                # "the police were forced to open fire": the one made to act does it, not the agent
                for c in head.children:
                    if c.dep_ in ("nsubjpass", "nsubj:pass"):
                        return [resolve_relative(x) for x in conjuncts(c)]
            if head.lemma_.lower() in OBJECT_CONTROL_VERBS:
                for c in head.children:
                    if c.dep_ in ("dobj", "obj"):
                        return conjuncts(c)
            subs = subject_children(head, is_passive(head))
            if subs:
                return [resolve_relative(s) for s in subs]
            t = head
            continue
        if dep in ("acomp", "attr"):  # "police were unwilling to …"
            subs = subject_children(head, is_passive(head))
            if subs:
                return [resolve_relative(s) for s in subs]
            break
        if dep in ("conj", "advcl"):
            if dep == "advcl" and not (t.tag_ in ("VBG", "VBN") or any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
                break
            if dep == "conj" and passive and not is_passive(head):
                break  # "has waged an insurgency and is designated …": the shared subject suffers it
            subs = subject_children(head, is_passive(head))
            if subs:
                return [resolve_relative(s) for s in subs]
            t = head
            continue
        if (dep == "pcomp" and t.tag_ == "VBG" and head.dep_ == "prep"
                and head.lower_ in SEQUENCE_PREPOSITIONS and head.head.pos_ in ("VERB", "AUX")):
            # "praised the staff before meeting with officials", "was arrested while trying to
            # flee": the main clause's subject (a passive's sufferer) does the participle's act
            main = head.head
            subs = [c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")]
            return [resolve_relative(s) for s in subs[:1]]
        actor_verb = means_governor(t)
        if actor_verb is not None:
            # "China helped by donating supplies", "protested by blocking the road": the doer's means
            subs = subject_children(actor_verb, is_passive(actor_verb))
            if subs:
                return [resolve_relative(s) for s in subs]
            break
        if dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            if not (dep == "relcl" or t.tag_ == "VBG"):
                return []
            if (head.lemma_.lower() in ISSUED_DOCUMENTS and head.dep_ in ("dobj", "obj")
                    and head.head.i != head.i):
                # "the board passed a resolution criticising Iran": the issuer speaks through it
                issuer = subjects_of(head.head, is_passive(head.head))
                if issuer:
                    return issuer
            return [head]
        break
    return []


def reporting_subject(verb: Token, depth: int = 0) -> Token | None:
    """The one who does a reporting verb: its subject, the agent of a passive, or the subject it
    shares with the clause it hangs on; failing those, the nearest subject-like word before it.

    Looser than `subjects_of` on purpose: a quote needs a speaker wherever the parse hides one.
    """
    for c in verb.children:
        if c.dep_ in REPORTER_DEPS:
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            # "was asked by the host": the agent speaks.
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if depth < 4 and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ in SUBJECT_SHARING_DEPS:
            # "She insisted the curfew would end, adding that …": the parser may hang the
            # participle on the reported clause; the one adding is the reporter.
            while verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.i != head.i:
                head = head.head
            return reporting_subject(head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            # "After blasting the paper, she …", "began by saying …"
            return reporting_subject(head.head, depth + 1)
        if verb.dep_ == "relcl":
            return head
    if depth == 0:
        # The parse lost the subject: the nearest subject-like phrase before the verb.
        sent_start = verb.sent.start
        for i in range(verb.i - 1, max(sent_start, verb.i - 12) - 1, -1):
            t = verb.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") or (t.pos_ in ("PROPN", "PRON") and t.dep_ != "poss"
                                                    and t.lower_ not in SUBJECT_RELATIVE_PRONOUNS
                                                    and t.head.i == verb.i):
                return t
    return None


# -- objects ------------------------------------------------------------------

def objects_of(verb: Token, passive: bool) -> list[Token]:
    """The undergoers: the direct object and its conjuncts, or a passive's subject."""
    if passive:
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                return [resolve_relative(x) for x in conjuncts(c)]
        return []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj"):
            return conjuncts(c)
    return []


def direct_object(tok: Token, passive: bool) -> Token | None:
    """The one token that undergoes the verb: its object, the noun a passive participle
    describes, a passive's subject, or (a subjectless passive conjunct) the first verb's subject."""
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return resolve_relative(c)  # "the diplomats whom Russia expelled": the diplomats
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
        # "the militants killed in the raid", "figures released by the ministry": a passive
        # participle undergoes what the noun it describes names
        return tok.head
    if passive:
        for c in tok.children:
            if c.dep_ == "nsubjpass":
                return resolve_relative(c)  # "envoys who were expelled": the envoys
        # "the truce is holding but is not being honoured": a passive conjunct without a
        # subject of its own undergoes what the first verb's subject names
        if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
            for c in tok.head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i:
                    return c
    return None


def shared_object(verb: Token) -> Token | None:
    """'supporting and enabling the regime': the object hangs on the last conjunct only and
    belongs to the earlier ones too, when they stand right beside it with no object or
    subject of their own."""
    if verb.pos_ != "VERB":
        return None
    for c in verb.children:
        if c.dep_ != "conj" or c.pos_ != "VERB" or c.i < verb.i:
            continue
        if any(g.dep_ in ("nsubj", "nsubjpass", "csubj", "prep", "dative", "ccomp", "xcomp")
               and g.i < c.i for g in c.children):
            return None
        gap = verb.doc[verb.i + 1:c.i]
        if not gap or any(t.dep_ not in SHARED_GAP_DEPS for t in gap):
            return None
        for g in c.children:
            if g.dep_ in ("dobj", "obj"):
                return g
        return shared_object(c)  # "train, arm and equip the rebels"
    return None


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


# -- governing clauses --------------------------------------------------------

def means_governor(verb: Token) -> Token | None:
    """'helped by donating supplies': for the gerund of a means clause, the verb whose subject
    acts through it."""
    prep = verb.head
    if (verb.dep_ == "pcomp" and verb.tag_ == "VBG" and prep.lower_ in MEANS_PREPOSITIONS
            and prep.head.pos_ in ("VERB", "AUX")):
        return prep.head
    return None


def tree_depth(tok: Token, limit: int = 50) -> int:
    """How many heads lie between the token and its sentence root (at most `limit`)."""
    depth = 0
    t = tok
    while t.head.i != t.i and depth < limit:
        t = t.head
        depth += 1
    return depth
