"""Codes: narrowing a hit's CAMEO code by what the sentence says around it.

A stage of the event coder run after modality: cue words narrow a code ("accused of
corruption" -> 1121), a protest's demand names its kind, and forces on the move are coded
by what they are for (relief after a disaster, a peacekeeping mission, an arrival of troops).
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.context import Hit, SentenceContext
from thucydides.events.phrases import purpose_of
from thucydides.events.predicates import analyse
from thucydides.events.roles import doer_nouns
from thucydides.events.schema import Lexicon
from thucydides.events.words import (
    AERIAL_MEANS,
    ANONYMITY_VERBS,
    ARTILLERY_MEANS,
    COMBAT_MEANS,
    POSSIBLE_AUX,
    PROTEST_FORMS,
    WARNING_VERBS,
)
from thucydides.syntax import is_passive, subjects_of


def refine(ctx: SentenceContext, hit: Hit) -> str:
    """Narrow a code by cue words of the sentence (accuse of *corruption* -> 1121) and by
    what a protest is for (demonstrate *demanding his resignation* -> 1411)."""
    code = hit.code
    for _ in range(2):
        table = ctx.lex.modifiers.get(code)
        if not table:
            break
        # longest cue wins; ties by the word itself, since the set's order changes between processes
        hits = sorted((w for w in ctx.lemmas if w in table), key=lambda w: (len(w), w))
        if not hits:
            break
        new = table[hits[-1]]
        if new == code:
            break
        code = new
    purpose = ctx.lex.frames.get(f"purpose:{code[:3]}")
    if purpose is not None and code[:3] in PROTEST_FORMS:
        comp = purpose_of(hit.support or hit.head)
        if comp is not None:
            sub = analyse(ctx, comp, 1)
            if sub is not None:
                code = ctx.lex.recode(purpose.name, sub.code) or code
    return code


def recode_forces(ctx: SentenceContext, hit: Hit) -> None:
    """What forces on the move are for, told by the sentence's words."""
    lemmas = ctx.lemmas
    if hit.code[:3] == "042" and not hit.noun and _troops_moved(ctx.lex, hit):
        # "hundreds of troops arrived in Mali": forces moved in, no visit
        hit.code = "154"
        hit.rule += "+troops"
    if hit.code[:2] == "15" and _disaster_relief(ctx.lex, lemmas):
        # "troops were deployed for rescue work after the earthquake": aid, not a show of force
        hit.code = "073"
        hit.rule += "+relief"
    elif hit.code[:3] == "154" and not lemmas.isdisjoint(ctx.lex.classes.get("PEACEKEEPING", ())):
        # "sent 200 troops to the UN peacekeeping mission": protection, material cooperation
        hit.code = "074"
        hit.rule += "+peacekeeping"


def _troops_moved(lex: Lexicon, hit: Hit) -> bool:
    head = hit.support or hit.head
    troops = lex.classes.get("TROOPS", frozenset())
    subjects = subjects_of(head, is_passive(head, clausal_subject=True))
    # "hundreds of troops", "the first contingent of soldiers"
    subjects += [g for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj"]
    return any(s.lemma_.lower() in troops or s.lower_ in troops for s in subjects)


def _disaster_relief(lex: Lexicon, lemmas: frozenset[str]) -> bool:
    cls = lex.classes
    return not lemmas.isdisjoint(cls["RELIEF"]) and not lemmas.isdisjoint(cls["NON_AGENTS"])


def pessimism(ctx: SentenceContext, hit: Hit) -> None:
    """'Aid agencies warn that the situation could deteriorate': a warning of what could, might or
    may happen is a pessimistic comment (012), not a threat; "warned that Britain would regret
    it" stays one, and so does a warning of what the speaker's own side could do ("Israel's
    defence minister warned that Israel could send Beirut back to the Stone Age")."""
    if hit.noun or hit.lemma not in WARNING_VERBS or hit.code[:2] != "13":
        return
    for c in hit.head.children:
        if c.dep_ == "ccomp" and _own_side_acts(ctx, hit.head, c):
            return
        # "warned that any deal would be a historic mistake": a judgement, no harm announced
        judged = c.dep_ == "ccomp" and c.lemma_ == "be" and not hit.planned
        possible = c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in POSSIBLE_AUX for a in c.children)
        # "warn that the camps cannot absorb more people": what cannot be done, no harm announced
        possible = possible or (c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in ("can", "ca")
                                                           for a in c.children)
                                and any(a.dep_ == "neg" for a in c.children))
        if judged or possible:
            hit.code = "012"
            hit.rule += "+possible"
            return



def _own_side_acts(ctx: SentenceContext, warner: Token, clause: Token) -> bool:
    """The warned-of clause's subject is the warner or its own state: "we", or an actor of the
    warner's country."""
    doers = [c for c in clause.children if c.dep_ == "nsubj"]
    speakers = subjects_of(warner, False)
    if not doers or not speakers:
        return False
    return doers[0].lower_ in ("we", "us") or ctx.same_country(doers[0], speakers[:1])


def anonymity_request(hit: Hit) -> bool:
    """'A volunteer, who asked not to be named, said …': a source's wish not to be named or
    quoted is a condition of the telling, not an appeal or a refusal aimed at anyone."""
    if hit.noun:
        return False
    declined = hit.head.lemma_.lower() in ("decline", "refuse")
    for c in hit.head.children:
        deps = {a.dep_ for a in c.children}
        if (c.dep_ == "xcomp" and c.lemma_.lower() in ANONYMITY_VERBS and "auxpass" in deps
                and (declined or "neg" in deps)):
            return True  # "asked not to be named", "declined to be identified"
    return False


HARM_BY_MEANS = (("195", AERIAL_MEANS), ("194", ARTILLERY_MEANS), ("190", COMBAT_MEANS))


def harm_by_fighting(hit: Hit) -> None:
    """'The strikes killed at least 37 people', 'wounded by Turkish shelling', 'killed in an
    Israeli air strike': a killing or wounding done by the weapons of war is fighting (195 from
    the air, 194 with artillery), as annotators code shelling and air strikes; a bomb or a
    gunman's killing stays an assault (18)."""
    if hit.noun or hit.code[:2] != "18" or hit.code[:3] == "183":
        return
    head = hit.support or hit.head
    for code, means in HARM_BY_MEANS:
        if any(_names_means(n, means) for n in doer_nouns(head)):
            hit.code = code
            hit.rule += "+by:" + code
            return


def _names_means(noun: Token, means: frozenset[str]) -> bool:
    lemma = noun.lemma_.lower()
    compound = " ".join(c.lower_ for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1)
    return lemma in means or noun.lower_ in means or (compound and f"{compound} {lemma}" in means)
