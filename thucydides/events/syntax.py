"""Reading the dependency parse: objects, prepositions, phrases and quantity heads.

Small questions about one token and its neighbours that every stage of the event coder
asks; none of them needs the lexicon or the actors.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from thucydides.events.words import (
    MEASURE_HEADS,
    PLACE_TARGET_PREPS,
    QUANTITY_HEADS,
    SEPARATE_PREPS,
)

PLACE_ENTS = ("GPE", "LOC", "FAC")
# prepositions whose gerund clause tells how the governing verb's subject acted
MEANS_PREPS = frozenset({"by", "through"})


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


def depth_key(tok: Token) -> tuple[int, int]:
    """Sort key of a sentence's tokens: from the clause root downwards, then in text order."""
    d = 0
    t = tok
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d, tok.i


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)


def direct_object(tok: Token, passive: bool) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < tok.i:
        # "the militants killed in the raid", "figures released by the ministry": a passive
        # participle undergoes what the noun it describes names
        return tok.head
    if passive:
        for c in tok.children:
            if c.dep_ == "nsubjpass":
                return c
        # "the truce is holding but is not being honoured": a passive conjunct without a
        # subject of its own undergoes what the first verb's subject names
        if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
            for c in tok.head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i:
                    return c
    return None


# between two verbs that share one object: "train and equip", "condemned and strongly rejected"
SHARED_GAP_DEPS = frozenset({"cc", "punct", "advmod", "aux", "neg"})


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


def glued_lemma(tok: Token) -> str | None:
    """'cease-fire' as one word: spaCy splits it into three tokens headed by 'fire'."""
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{tok.lemma_.lower()}"
    return None


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


def has_to(verb: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children)


def has_ccomp(tok: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in tok.children)


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
             and not (c.dep_ == "prep" and c.lower_ in SEPARATE_PREPS) and not _means_clause(c)]
    while stack:
        t = stack.pop()
        out.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl", "parataxis")
                     and not _absolute(c))
    return out


def _means_clause(prep: Token) -> bool:
    """'by donating supplies': a clause of its own telling how the act was done."""
    return prep.dep_ == "prep" and prep.lower_ in MEANS_PREPS and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" for g in prep.children)


def _absolute(tok: Token) -> bool:
    """'with the police looking on': a clause with its own subject after with/without tells its
    own event, not part of the main verb's phrase."""
    return (tok.dep_ == "pcomp" and tok.pos_ in ("VERB", "AUX") and tok.head.lower_ in ("with", "without")
            and any(c.dep_ == "nsubj" for c in tok.children))


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


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition, through a second one: "due to the floods", "because of rain"."""
    out = [g for g in prep.children if g.dep_ == "pobj"]
    for c in prep.children:
        if c.dep_ in ("prep", "pcomp") and c.lower_ in ("to", "of"):
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def possessor(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    return None


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
