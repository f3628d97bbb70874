"""Judgements told as statements: a speaker's words that accuse or condemn another actor.

A stage of the event coder run after modality, on statements (01) made with a reporting verb.
"Ankara said the militia was behind the bombing" is Turkey's accusation against the militia
(112), and "the senator said the arrests were illegal" or "'the minister is a disgrace,' she
said" is criticism (111) of whoever the clause judges, as CAMEO coders code them; the verb
"said" alone would leave them plain comments. The words are data
(`accusation_predicates`, `judgement_words` in data/words/events.yaml).
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.context import Hit, SentenceContext
from thucydides.events.phrases import through_measure, through_quantity
from thucydides.events.words import (
    ACCUSATION_PREDICATES,
    CAUSED_HARMS,
    CONDITIONAL_MARKS,
    FIRST_PERSON,
    JUDGEMENT_WORDS,
    REPORT_LEMMAS,
)

ACCUSE, CRITICISE = "112", "111"
SUBJECT_DEPS = ("nsubj", "nsubjpass", "nsubj:pass")
# "it was preposterous for the government to …", "this is a disgrace": the judged one is elsewhere
PLACEHOLDERS = frozenset({"it", "this", "that"})


def judged_statement(ctx: SentenceContext, hit: Hit) -> None:
    """Recode a statement whose reported clause accuses or condemns an actor the text names.

    Only with an actor to aim at: "he said the situation was terrible" judges nobody and stays a
    comment, and so do a denied or conditional clause ("said Russia was not involved", "said it
    would be wrong if …") and a judgement of the speakers themselves ("we were wrong")."""
    if hit.code[:2] != "01" or hit.lemma not in REPORT_LEMMAS:
        return
    for clause in _told_clauses(hit):
        code = _judgement_code(clause)
        if code is None:
            continue
        judged = _judged_actor(ctx, clause)
        if judged is None:
            continue
        hit.code = code
        hit.frames.insert(0, "accuse")
        hit.rule = f"{'accuse' if code == ACCUSE else 'criticise'}[{hit.rule}]"
        hit.modality = "asserted"
        hit.planned = []
        hit.target_tok = judged
        return


def accused_in_clause(ctx: SentenceContext, hit: Hit) -> None:
    """'Turkey alleged that the YPG carried out the bombing', 'Iraq charged that the inspector
    was a spy': an accusation told with a clause is aimed at the clause's subject, when it is an
    actor other than the speakers and nothing else is."""
    if hit.code[:2] != "11" or hit.target_tok is not None:
        return
    for clause in _told_clauses(hit):
        subject = _subject(clause)
        if (subject is not None and subject.lower_ not in FIRST_PERSON | PLACEHOLDERS
                and ctx.actorish(subject)):
            hit.target_tok = subject
            return


def _judgement_code(clause: Token) -> str | None:
    """112 when the clause lays an act at the actor's door, 111 when it condemns, else None."""
    if clause.lemma_.lower() == "cause":
        harmed = any(c.dep_ in ("dobj", "obj")
                     and through_quantity(through_measure(c)).lemma_.lower() in CAUSED_HARMS
                     for c in clause.children)
        return ACCUSE if harmed else None  # "caused thousands of deaths", not "caused delays"
    if clause.lemma_.lower() != "be":
        words = {clause.lemma_.lower(), clause.lower_}
        return ACCUSE if words & ACCUSATION_PREDICATES else None
    for c in clause.children:
        if c.dep_ == "prep" and c.lower_ in ACCUSATION_PREDICATES:
            return ACCUSE  # "was behind the bombing"
        if c.dep_ not in ("acomp", "attr"):
            continue
        words = {c.lemma_.lower(), c.lower_}
        words |= {m.lemma_.lower() for m in c.children if m.dep_ in ("amod", "compound")}
        if words & ACCUSATION_PREDICATES:
            return ACCUSE
        if words & JUDGEMENT_WORDS:
            return CRITICISE
    return None


def _judged_actor(ctx: SentenceContext, clause: Token) -> Token | None:
    """Whom the clause judges: its subject if an actor, the owner of a judged act ("Obama's
    stance was wrong"), or the subject of an extraposed clause ("it was preposterous for the
    government to …")."""
    subject = _subject(clause)
    if subject is None:
        return None
    if subject.lower_ in FIRST_PERSON:
        return None
    if subject.lower_ in PLACEHOLDERS:
        for c in clause.children:
            if c.dep_ in ("advcl", "xcomp", "ccomp") and any(m.lower_ == "for" for m in c.children):
                inner = _subject(c)
                if inner is not None and ctx.actorish(inner) and inner.lower_ not in FIRST_PERSON:
                    return inner
        return None
    if ctx.actorish(subject):
        return subject
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None and owner.lower_ not in FIRST_PERSON and ctx.actorish(owner):
        return owner
    return None


def _subject(clause: Token) -> Token | None:
    """The clause's own subject, active or passive ("the militia was behind …", "the government
    was involved in …")."""
    return next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)


def _told_clauses(hit: Hit) -> list[Token]:
    """The clauses a verb hit reports as told: its complement clauses, none denied or conditional
    ("said Russia was not involved", "said it would be wrong if …"); none for a noun or a denial."""
    if hit.noun or hit.negated:
        return []
    return [c for c in hit.head.children if c.dep_ == "ccomp" and not any(
        g.dep_ == "neg" or (g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKS) for g in c.children)]
