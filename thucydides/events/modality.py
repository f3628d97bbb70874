"""Assertion and modality: whether a hit tells an act that happened.

A stage of the event coder run on each hit after matching: "will attack" is an intention,
"if they attack" or "could attack" is not coded, "did not attack" is negated, "officials
said rebels attacked" is reported, and "X said Y must do Z" becomes X's demand on Y.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.assertion import (
    auxiliaries,
    denied_by_quantifier,
    habitual,
    hedged,
    negated_noun,
    report_verb,
    unasserted_by_governor,
)
from thucydides.events.context import Hit
from thucydides.events.schema import Lexicon
from thucydides.events.words import (
    CAUSATIVE_VERBS,
    CONDITIONAL_MARKS,
    CONTRAST_ADVERBS,
    COOP_ROOTS,
    DEONTIC_AUX,
    FIRST_PERSON,
    FUTURE_AUX,
    HYPO_AUX,
    NOT_INTENDED_ROOTS,
    PLANNED_MODIFIERS,
    RESPONSIBILITY_WORDS,
    UNREAL_MODIFIERS,
)
from thucydides.syntax import is_passive, is_to_infinitive, subjects_of


def set_modality(lex: Lexicon, hit: Hit, question: bool) -> None:
    """Whether the hit happened, is intended, reported, asked about, negated or only possible;
    a negated or future act may change its code (a refusal, an intent)."""
    v = hit.head
    verb = v if not hit.noun else None
    if verb is None:
        if negated_noun(v):
            hit.negated = True  # "no attack took place"
        else:
            _noun_modality(lex, hit, [v])
        return
    # "the planned withdrawal … was announced": the event noun carried by a light verb
    if _noun_modality(lex, hit, [t for t in hit.trigger if t.i != v.i and t.pos_ == "NOUN"]):
        return
    if _means_of_unreal(v):
        # "would violate the treaty by attacking": the means of an act not done is not done either
        hit.modality = "hypothetical"
        hit.why_not = "unreal"
        return
    auxes = auxiliaries(v)
    negated = any(c.dep_ == "neg" for c in v.children)
    if (not negated and v.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
            and not _contrasted(v)):
        # "we do not collaborate or coordinate with them": the negation covers both verbs
        negated = any(c.dep_ == "neg" for c in v.head.children)
    if hit.frame_head is not None:
        negated = negated or any(c.dep_ == "neg" for c in hit.frame_head.children)
    if not negated and v.dep_ == "xcomp":
        negated = _negated_governor(v, lex.implicative)
    if denied_by_quantifier(v):
        hit.negated = True  # "nobody talks to him", "no action was taken": not a refusal, nothing done
        return
    if _uncaused(v):
        # "the sanctions will not force Iran to back down": neither a retreat nor a refusal
        hit.modality = "hypothetical"
        hit.why_not = "not caused"
        return
    unasserted = unasserted_by_governor(v, hit.frame_head)
    if unasserted is not None and unasserted.startswith("negated:"):
        negated = True
    elif (untold := unasserted or ("habitual" if habitual(v) else "hedged" if hedged(v) else None)):
        # "wants diplomats to meet", "should continue visiting", "police often arrest", "had
        # probably been killed": no happening told
        hit.modality = "hypothetical"
        hit.why_not = untold
        return
    reported = under_report(v)
    # a speaker's "if …, we will …" is a conditional promise or threat, and coded as one
    conditional = _conditional(v) or _imperative(v) or (_consequent(v, auxes) and not reported)
    if conditional:
        hit.modality = "hypothetical"
        return
    # "the police could not stop the mob", "could do little": a past inability is a fact of
    # inaction, not a possibility
    inability = "could" in auxes and (negated or "fail" in hit.frames)
    if auxes & {"would", "'d"} and "have" in auxes and v.tag_ == "VBN":
        # "saying the strikes would have killed 150 people": what would have happened did not
        hit.modality = "hypothetical"
        return
    if auxes & HYPO_AUX and not (reported and auxes & {"would", "'d"}) and not inability:
        hit.modality = "hypothetical"
        return
    future = bool(auxes & FUTURE_AUX) or (reported and bool(auxes & {"would", "'d"})) or (
        v.dep_ == "xcomp" and v.head.lower_ == "going")
    if question and v.dep_ == "ROOT":
        hit.modality = "questioned"
        hit.conf *= 0.5
    if negated and hit.neg_code:
        # "the truce is not being honoured": not keeping it is breaking it
        hit.code = hit.neg_code
        hit.rule += "+not"
        negated = False
    root = hit.code[:2]
    if negated:
        # "was not negotiating with Iran": a past progressive tells what was not done, no refusal
        past = "Past" in v.morph.get("Tense") or bool(auxes & {"did", "had", "was", "were"})
        if root in COOP_ROOTS and not past and "reject" not in hit.frames:
            # "will not lift the ban", "we do not cooperate with them": a refusal (12x)
            hit.code = lex.recode("reject", hit.code) or "120"
            hit.frames.append("refuse")
            hit.modality = "denied"
        else:
            hit.negated = True
        return
    if hit.modality == "questioned":
        return  # "Will the army attack the city?": asked about, neither planned nor done
    if future and not hit.frames:
        # "will attack" / "would release": an intention, coded as intent (03x) or threat (13x)
        new = lex.recode("intent", hit.code)
        if new and root not in NOT_INTENDED_ROOTS:
            hit.code = new
            hit.frames.append("future")
        hit.modality = "intended"
    elif hit.frames and hit.frames[0] in ("intent", "threaten", "appeal", "demand"):
        hit.modality = "intended"
    elif _purpose_clause(v, lex.implicative):
        # "troops were sent to retake the town": the retaking is the aim, not a fact, and the
        # sending is the event the sentence tells
        hit.modality = "hypothetical"
        hit.why_not = "purpose"
    elif reported:
        hit.modality = "reported"


def obligation(lex: Lexicon, hit: Hit) -> bool:
    """'The minister said Tehran must release the sailors': the speaker's demand (10x) on
    the inner subject ("should": an appeal, 02x), not a hypothetical release. Recodes the
    hit; True when it did."""
    if hit.noun or hit.negated:
        return False
    v = hit.head
    aux = next((c.lower_ for c in v.children if c.dep_ == "aux" and c.lower_ in DEONTIC_AUX), None)
    if aux is None:
        return False
    say = report_verb(v)
    if say is None or not subjects_of(v, is_passive(v, clausal_subject=True)) or _conditional(v):
        return False
    frame = _deontic_frame(aux)
    hit.code = lex.recode(frame, hit.code) or ("100" if frame == "demand" else "020")
    hit.frames.insert(0, frame)
    hit.rule = f"{aux}[{hit.rule}]"
    hit.modality = "intended"
    hit.planned = list(hit.trigger)
    hit.appeal_from = say
    hit.target_tok = None
    return True


def obligation_statement(hit: Hit) -> None:
    """'Rights groups said the authorities must ensure security': a demand (100) on the inner
    subject even when the inner verb itself codes nothing; with "should" an appeal (020)."""
    for c in hit.head.children:
        aux = next((a.lower_ for a in c.children if a.dep_ == "aux" and a.lower_ in DEONTIC_AUX), None)
        if c.dep_ != "ccomp" or aux is None:
            continue
        if any(a.dep_ == "neg" for a in c.children) or _conditional(c):
            continue
        subs = [t for t in subjects_of(c, is_passive(c, clausal_subject=True))
                if t.lower_ not in FIRST_PERSON and t.pos_ != "PRON"]
        if subs:
            frame = _deontic_frame(aux)
            hit.code = "100" if frame == "demand" else "020"
            hit.frames = [frame]
            hit.rule = f"{aux}[{hit.rule}]"
            hit.modality = "intended"
            hit.target_tok = subs[0]
            hit.conf = max(hit.conf, 0.4)
            return


def attribution(hit: Hit) -> bool:
    """'Officials say the militia is responsible for the bombing': the speakers blame the militia
    (112, accuse); that the militia bombed is their claim, not a fact the text tells. The bombing
    itself is coded where it is told. A claim of one's own deed ("we are responsible", "it said it
    was responsible") is not an accusation and stays as it is. Recodes the hit; True when it did."""
    if hit.noun or hit.negated or hit.lemma not in RESPONSIBILITY_WORDS or "keep" not in hit.frames:
        return False
    clause = hit.head.head if hit.head.dep_ in ("acomp", "attr") else hit.head  # "… are responsible"
    say = report_verb(clause)
    if say is None:
        return False
    blamed = subjects_of(hit.head, False)
    if not blamed or any(t.pos_ == "PRON" or t.lower_ in FIRST_PERSON for t in blamed):
        return False
    hit.code = "112"
    hit.frames.insert(0, "accuse")
    hit.rule = f"accuse[{hit.rule}]"
    hit.modality = "asserted"
    hit.planned = []
    hit.appeal_from = say
    hit.target_tok = None
    return True


def _deontic_frame(aux: str) -> str:
    """'X must do Y' demands (10x); 'X should do Y' appeals (02x)."""
    return "demand" if aux == "must" else "appeal"


def _noun_modality(lex: Lexicon, hit: Hit, nouns: list[Token]) -> bool:
    """An event noun called possible or planned. True when it set the hit's modality."""
    if any(_unreal_noun(n) for n in nouns):
        # "a possible strike", "air strikes could harm relations": talked of, not done
        hit.modality = "hypothetical"
        hit.why_not = "unreal"
        return True
    if any(c.dep_ == "amod" and c.lower_ in PLANNED_MODIFIERS for n in nouns for c in n.children):
        # "the planned withdrawal of troops": an intention (03x, 13x), not the act
        new = lex.recode("intent", hit.code)
        if new and hit.code[:2] not in NOT_INTENDED_ROOTS:
            hit.code = new
            hit.frames.append("future")
        hit.modality = "intended"
        return True
    return False


def _unreal_noun(noun: Token) -> bool:
    """'a possible strike', 'a potential offensive'; 'US air strikes could harm relations': an
    event noun called only possible, or the subject of what only could, might or would be."""
    if any(c.dep_ == "amod" and c.lower_ in UNREAL_MODIFIERS for c in noun.children):
        return True
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i != noun.i:
        auxes = auxiliaries(noun.head)
        return bool(auxes & HYPO_AUX)
    return False


def _means_of_unreal(verb: Token) -> bool:
    """'Washington would break the law by attacking', 'could end the war by withdrawing'."""
    if verb.dep_ != "pcomp" or verb.head.dep_ != "prep" or verb.head.lower_ != "by":
        return False
    gov = verb.head.head
    auxes = auxiliaries(gov)
    return bool(auxes & (HYPO_AUX | FUTURE_AUX))


def _uncaused(verb: Token) -> bool:
    """'did not cause the rebels to retreat', 'will not force Iran to back down', 'could make them
    talk': a causative verb that is negated, future or only possible says its complement did not
    (yet) happen. "forced the police to open fire" stays a fact."""
    gov = verb.head
    if verb.dep_ not in ("xcomp", "ccomp") or gov.i == verb.i or gov.lemma_.lower() not in CAUSATIVE_VERBS:
        return False
    auxes = auxiliaries(gov)
    return any(c.dep_ == "neg" for c in gov.children) or bool(auxes & (FUTURE_AUX | HYPO_AUX))


def _negated_governor(verb: Token, implicative: frozenset[str]) -> bool:
    """'have not been able to arrest', 'did not manage to stop': the negation of the governing
    ability or implicative word falls on its complement."""
    gov = verb.head
    lemma = gov.lemma_.lower()
    if lemma in ("able", "unable") and gov.dep_ == "acomp":
        gov = gov.head
    elif lemma not in implicative or lemma == "fail":
        return False
    return any(c.dep_ == "neg" for c in gov.children)


def _purpose_clause(verb: Token, implicative: frozenset[str]) -> bool:
    """A to-infinitive clause that is an aim or a plan rather than a fact."""
    t = verb
    for _ in range(3):
        if is_to_infinitive(t):
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in implicative:
                return False
            if t.dep_ == "xcomp" and t.head.lemma_.lower() == "have" and t.head.tag_ == "VBD":
                return False  # "riot police had to use tear gas": a past obligation that was met
            if t.dep_ in ("xcomp", "ccomp") and t.head.lemma_.lower() in CAUSATIVE_VERBS:
                return False  # "were forced to open fire", "prompted the police to fire": they did
            if t.dep_ == "xcomp" and t.head.lemma_.lower() == "able":
                return False  # "were able to arrest": they did (a negation is read elsewhere)
            if t.dep_ in ("acl", "relcl") and _ranked_noun(t.head):
                return False  # "the last country to ratify the treaty": it did ratify
            return t.dep_ in ("xcomp", "advcl", "relcl", "acl", "ccomp", "conj", "dep")
        if t.dep_ != "conj" or t.head.i == t.i or _contrasted(t):
            return False
        t = t.head
    return False


def _contrasted(conjunct: Token) -> bool:
    """'chose not to respond and instead announced sanctions': a conjunct set against the negated
    verb ("instead", "rather"), or one in another tense than the infinitive it hangs on (the parse
    joined "announced" to "to respond"), is not covered by that verb's negation."""
    if any(c.dep_ == "advmod" and c.lower_ in CONTRAST_ADVERBS for c in conjunct.children):
        return True
    return conjunct.tag_ in ("VBD", "VBZ", "VBP") and conjunct.head.tag_ == "VB"


def _ranked_noun(noun: Token) -> bool:
    """'the first leader', 'the last country', 'the only state': a rank among those who did it."""
    return any(c.tag_ in ("JJS",) or c.lower_ in ("first", "last", "only", "second", "third")
               or c.dep_ == "amod" and c.ent_type_ == "ORDINAL" for c in noun.children)


def under_report(tok: Token) -> bool:
    return report_verb(tok) is not None


def _conditional(tok: Token) -> bool:
    t = tok
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return True
        if t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
            t = t.head
            continue
        break
    return False


def _consequent(verb: Token, auxes: set[str]) -> bool:
    """'If Turkey invades, the Kurds will fight': what will or would follow from a condition
    has not happened; only the condition's own act is told of as possible. A refusal on terms
    ("will not release the soldiers unless Israel frees …") is a stand taken now."""
    if not auxes & (FUTURE_AUX | HYPO_AUX) or any(c.dep_ == "neg" for c in verb.children):
        return False  # "will not release them unless …": a stated refusal with its terms
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
               for c in verb.children)


def _imperative(verb: Token) -> bool:
    """'Talk to a teenager in the Bronx and …', 'Imagine a war with Iran': a sentence that opens
    with a bare verb and no subject tells the reader what to do; nothing has happened."""
    if verb.dep_ != "ROOT" or verb.tag_ != "VB" or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "csubj") for c in verb.children):
        return False
    before = verb.doc[verb.sent.start:verb.i]
    return all(t.is_punct or t.is_space or t.pos_ in ("ADV", "INTJ") for t in before)
