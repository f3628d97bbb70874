"""Candidate predications: the verbs, adjectives and event nouns of a sentence that match a pattern.

The first stage of the event coder. Tokens are taken from the clause root downwards
(`find_hits`), so that a frame word (propose, reject, urge, threaten, stop …) sees and consumes
its complement before the complement could be coded on its own. Every token costs one dict
lookup by lemma; patterns are only tried for lemmas the lexicon knows.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.events.arguments import arguments_fit, named_object, object_fits
from thucydides.events.context import Hit, SentenceContext
from thucydides.events.phrases import (
    hyphen_partners,
    match_prefix,
    match_words,
    names_target,
    object_prep,
    particle_object,
    phrase_tokens,
    place_target,
    recipient_of,
    shared_prep_object,
    target_by_preps,
    through_measure,
    usable,
)
from thucydides.events.roles import modifier_actor
from thucydides.events.schema import Lexicon, NounPattern, VerbPattern
from thucydides.events.targets import (
    clause_subject,
    condition_party,
    destination,
    noun_targets,
    own_forces,
    pattern_target,
    warned_party,
)
from thucydides.events.words import (
    BENEFICIARY_PREPS,
    COERCIVE_ROOTS,
    COMPLEMENT_PREPS,
    JOINT_ACTION_ROOTS,
    JOINT_WORDS,
    NAMING_VERBS,
    REFUSE_LEMMAS,
    REPORT_LEMMAS,
    WITHDRAW_CODES,
)
from thucydides.syntax import (
    column,
    direct_object,
    has_clausal_complement,
    is_passive,
    is_to_infinitive,
    possessor,
    shared_object,
    tree_depths,
)

# frames (frames.yaml) whose complement may be a whole clause beside the frame word
CLAUSE_FRAMES = ("threaten", "deny", "accuse", "demand", "appeal", "investigate", "reject")
# the parts of speech `analyse` looks at
ANALYSED_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN"})


def find_hits(ctx: SentenceContext) -> list[Hit]:
    """The sentence's hits, each having consumed the words of its own phrases: "condemned the
    attack" is one event, not two."""
    consumed: set[int] = set()
    hits: list[Hit] = []
    sent = ctx.sent
    doc = sent.doc
    pos = column(doc, "pos")
    # shallowest first, in text order among equals (the sort is stable)
    for i in sorted(range(sent.start, sent.end), key=tree_depths(doc).__getitem__):
        if i in consumed or pos[i] not in ANALYSED_POS:
            continue  # `analyse` has nothing for other parts of speech: no Token made for them
        tok = doc[i]
        hit = analyse(ctx, tok, 0)
        if hit is None:
            continue
        consumed |= hit.consumed | hit.covered | {t.i for t in hit.trigger}
        if not hit.noun:
            consumed |= phrase_tokens(hit.support or hit.head)
        hits.append(hit)
    return hits


def analyse(ctx: SentenceContext, tok: Token, depth: int) -> Hit | None:
    """The event a verb, an adjective or a noun stands for, with its frames applied; None if none."""
    if depth > 4:
        return None
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj")):
        return _analyse_verb(ctx, tok, depth)
    if tok.pos_ == "NOUN" and tok.ent_type_ not in ("DATE", "TIME"):
        return _analyse_noun(ctx, tok, depth)
    return None


def _analyse_verb(ctx: SentenceContext, tok: Token, depth: int) -> Hit | None:
    # the lexicon's own lemma where the sm model's is another word ("raped" -> "rap")
    lemma = ctx.lex.lemmas.get(tok.lower_) or tok.lemma_.lower()
    pats = ctx.lex.verbs.get(lemma)
    passive = is_passive(tok, clausal_subject=True)
    best: VerbPattern | None = None
    matched: list[Token] = []
    obj = direct_object(tok, passive)
    if obj is None and not passive and not any(p.frame for p in pats or ()):
        # "supporting and enabling the regime"; a frame verb ("plan and conduct strikes")
        # has the next verb as its complement instead
        obj = shared_object(tok)
    if pats:
        for p in pats:
            if p.passive is not None and p.passive != passive:
                continue
            got = match_words(tok, p.words)
            if got is None:
                continue
            # "withdrew from the nuclear deal": with no direct object, the pattern's own
            # preposition holds what is acted on
            what = obj
            if obj is None and got and p.obj and "@any" not in p.obj:  # "@any" asks for a direct object
                what = next((g for g in got[-1].children if g.dep_ == "pobj"), None)
            if p.obj is not None and not object_fits(what, p.obj):
                continue
            if not arguments_fit(ctx, tok, passive, p, obj):
                continue
            best, matched = p, got
            break
    if lemma in NAMING_VERBS and any(c.dep_ == "oprd" for c in tok.children) and not (best and best.label):
        return None  # "called the strike a flagrant violation": how it was named, no call for one
    # a light verb whose object is an event noun: "carry out strikes", "impose sanctions"
    light = best is None or (best.obj is None and not best.frame)
    lobj = obj
    if light and obj is None and lemma in ctx.lex.support:
        lobj = particle_object(tok, ctx.lex.support[lemma])  # "went on strike", "engaged in talks"
    if light and lobj is not None:
        lobj = through_measure(lobj)  # "began a new round of joint exercises"
        if lobj.ent_type_ == "MONEY":
            # "will extend 50 million dollars in humanitarian aid": the parser hangs "in aid" on the verb
            lobj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                         for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), lobj)
    if light and lemma in ctx.lex.support and lobj is not None:
        parts = match_words(tok, ctx.lex.support[lemma])
        if parts is not None and _empty_noun(ctx.lex, lobj):
            # "start joint action to plan and conduct strikes": the clause says what is done
            clauses = [c for c in (*lobj.children, *tok.children)
                       if c.dep_ in ("acl", "relcl", "xcomp", "advcl") and c.pos_ == "VERB"
                       and c.i > lobj.i and is_to_infinitive(c)]
            for clause in clauses:
                inner, _ = _clause_hit(ctx, clause, depth + 1)
                if inner is not None:
                    inner.consumed |= {lobj.i, clause.i}
                    if _is_joint_noun(lobj) and inner.code[:2] in JOINT_ACTION_ROOTS:
                        inner.code = "062"
                        inner.rule += "+joint"
                    return inner
        if parts is not None:
            sub = _analyse_noun(ctx, lobj, depth + 1, allow_alone=True)
            if sub is None and lobj.lemma_.lower() in ctx.lex.classes.get("EFFORT_HEADS", ()):
                # "launched a mediation effort between X and Y": the compound names the event,
                # the head noun ("effort", "bid") carries its prepositions
                named = next((c for c in lobj.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                              and not _empty_noun(ctx.lex, c)), None)
                if named is not None:
                    sub = _analyse_noun(ctx, named, depth + 1, allow_alone=True)
                    if sub is not None:
                        sub.consumed.add(named.i)
                        sub.target_tok = sub.target_tok or target_by_preps(
                            lobj, noun_targets(ctx.lex, named))
            if sub is not None:
                sub.head = tok
                sub.support = tok
                sub.trigger = [tok, *parts, *sub.trigger]
                _joint(sub)  # "joint action to conduct strikes": the light verb's clause may say so
                sub.consumed |= {lobj.i}
                sub.lemma = f"{lemma} {sub.lemma}"
                sub.noun = False
                sub.conf = max(sub.conf, 0.6)
                recipient = recipient_of(tok)
                if (recipient is not None and ctx.actorish(recipient)
                        and not ctx.actorish(sub.target_tok)):
                    # "gave Putin a warning", "issued a warning to the army": the one it
                    # is handed to is the target, not what the warning is about
                    sub.target_tok = recipient
                if sub.target_tok is None:
                    preps = noun_targets(ctx.lex, lobj)
                    sub.target_tok = target_by_preps(tok, preps) or object_prep(lobj, preps)
                if sub.target_tok is not None and sub.target_tok.i == lobj.i:
                    sub.target_tok = None  # "went on strike": the noun is no target of itself
                if sub.target_tok is None:
                    sub.target_tok = place_target(tok) or place_target(lobj)
                return sub
    if best is None or best.skip or (lemma in ctx.lex.classes.get("TASK_VERBS", ()) and _task(ctx, tok)):
        return None
    hit = Hit(best.code, best.id, [tok, *matched], tok, lemma=lemma, mode=best.mode,
              context=best.context, conf=best.conf, victim_subject=best.source == "cause",
              neg_code=best.neg_code)
    _joint(hit)
    own = _own(obj) and obj is not None
    if own and (hit.code[:3] == "172" or (hit.code[:2] in ("17", "19")
                                          and obj.lemma_.lower() in ctx.lex.classes["ARMS"])):
        # "Iran curbed its enrichment", "agreed to limit its own exports": restraint on oneself
        # is a concession (08x), not a restriction imposed on others; "Iraq has destroyed its
        # long-range missiles": disarming oneself de-escalates (087), it attacks no one
        hit.code = "080" if hit.code[:3] == "172" else "087"
        hit.rule += "+own"
        hit.target_tok = None
        return _framed(ctx, hit, tok, best, depth, obj)
    if best.label:
        obj = named_object(tok, passive, obj)  # "was designated a terrorist group": the subject
    hit.target_tok = pattern_target(ctx, tok, best, matched, passive, obj)
    if hit.code[:3] in WITHDRAW_CODES and lemma in ctx.lex.classes.get("WITHDRAWERS", ()):
        # "withdrawing troops from Syria": the place or side left is the target, not the troops
        left = shared_prep_object(tok, "from")
        if left is None and obj is not None:
            left = object_prep(obj, ("from",), depth=1)
        if left is not None and usable(left) and left.pos_ in ("PROPN", "NOUN"):
            hit.target_tok = left
    if hit.code[:2] == "15" and (hit.target_tok is None or own_forces(ctx.lex, hit.target_tok)):
        # "deployed 300 troops to Mali", "mobilised the army for an assault on X": the troops
        # are the instrument; where or against whom they go is the target
        hit.target_tok = destination(ctx, tok, obj)
    if tok.dep_ == "amod" and tok.tag_ == "VBN" and any(
            p.conf > 0 for p in ctx.lex.nouns.get(tok.head.lemma_.lower(), ())):
        # "an Egypt-Qatar-brokered truce": the words glued on by hyphens did it (not in
        # "government-backed troops", which describes the troops)
        glued = hyphen_partners(tok)
        if glued:
            hit.source_tok = glued[0]
    return _framed(ctx, hit, tok, best, depth, obj)


def _framed(ctx: SentenceContext, hit: Hit, tok: Token, best: VerbPattern, depth: int,
            obj: Token | None) -> Hit | None:
    if best.frame:
        _apply_frame(ctx, hit, tok, best.frame, depth, obj)
        if tok.pos_ == "ADJ" and best.frame in ("intent", "keep") and not hit.planned:
            return None  # "the army is ready": ready for nothing named, no intention told
        if hit.lemma in ctx.lex.classes.get("COMPLEMENT_ONLY", ()) and (
                not hit.planned or hit.code[:2] in STANCE_ROOTS):
            # "parliament voted 250 to 30" names nothing to do; "the ministers voted to support
            # a republic" state where they stand, as a ballot does
            return None
    return hit


def _task(ctx: SentenceContext, verb: Token) -> bool:
    """'charged the inspectors with verifying …', 'was charged with drafting the constitution':
    a duty given (a task after "with"), no accusation and no arrest ("charged with taking bribes")."""
    tasks = ctx.lex.classes.get("TASKS", ())
    return any(c.dep_ == "prep" and c.lower_ == "with"
               and any(g.dep_ in ("pcomp", "pobj") and g.lemma_.lower() in tasks for g in c.children)
               for c in verb.children)


# statements, appeals and diplomatic support (01, 02, 05): a vote for them is an opinion cast
STANCE_ROOTS = frozenset({"01", "02", "05"})


def _own(obj: Token | None) -> bool:
    """'its enrichment', 'their own exports': a thing the subject itself holds ("restricted their
    movements" may be anyone's: only "its" of a state or body, or "own", says so)."""
    return obj is not None and any((c.dep_ == "poss" and c.lower_ in ("its", "our"))
                                   or (c.dep_ == "amod" and c.lower_ == "own") for c in obj.children)


def _apply_frame(ctx: SentenceContext, hit: Hit, tok: Token, frame: str, depth: int,
                 obj: Token | None) -> None:
    comp: Token | None = None
    sub: Hit | None = None
    tried: set[int] = set()
    for cand in _complements(tok, None if ctx.actorish(obj) else obj, frame):
        if cand.i in tried:
            continue
        tried.add(cand.i)
        sub, comp = _clause_hit(ctx, cand, depth + 1)
        if sub is not None:
            break
    if sub is None:
        comp = None
        if obj is not None and hit.target_tok is obj and not ctx.actorish(obj):
            # "pledged full support for X", "offered help to X": the beneficiary is the target
            # "suspended aid to the group": the parser may hang "to X" on the verb
            hit.target_tok = (object_prep(obj, BENEFICIARY_PREPS, depth=1)
                              or target_by_preps(tok, BENEFICIARY_PREPS) or obj)
    if sub is None and frame in ("intent", "appeal") and has_clausal_complement(tok):
        # "suggested that the plan is an attempt …": a statement, not an offer
        hit.code = "010"
        hit.conf = 0.2
        hit.frames.append("say")
        return
    if sub is not None and sub.negated and frame in ("intent", "keep"):
        # "promised not to attack": intent of not doing harm; keep it simple and drop the event
        hit.negated = True
    if (frame == "reject" and sub is not None and not sub.noun and hit.lemma in REFUSE_LEMMAS
            and sub.code[:2] in COERCIVE_ROOTS):
        # "the police refused to register a case": CAMEO has no refusal of a coercive act;
        # the act is coded as not done
        frame = "fail"
    if frame == "fail" and sub is not None and ctx.lex.slot_of(sub.code) == "agreement":
        # "the two sides failed to reach agreement": talks that ended without a deal rejected
        # the settlement (127); something happened, it was not a deal
        frame = "reject"
    if frame == "fail":
        hit.negated = True
    new = ctx.lex.recode(frame, sub.code if sub else None)
    hit.code = new or hit.code
    hit.frames.append(frame)
    warned = (warned_party(ctx, tok, sub.code if sub else None) if frame == "threaten"
              else clause_subject(ctx, tok) if frame in ("appeal", "demand") else None)
    if sub is not None and comp is not None:
        hit.consumed |= sub.consumed | {comp.i, *(t.i for t in sub.trigger)}
        hit.covered |= sub.covered
        if not sub.noun:
            # "urged Israel to lift the blockade of Gaza": the blockade is part of what is urged
            hit.covered |= phrase_tokens(sub.support or sub.head)
        hit.planned = list(sub.trigger)
        hit.frames.extend(sub.frames)
        hit.mode = hit.mode or sub.mode
        hit.context = tuple(dict.fromkeys(hit.context + sub.context))
        if hit.target_tok is not None and hit.target_tok.i == comp.i and frame not in ("reject", "deny"):
            # "pledged support for X": X is the target, not the pledge's object
            hit.target_tok = None
        if (frame in ("reject", "deny") and sub.noun and hit.target_tok is not None
                and hit.target_tok.i == comp.i and not ctx.actorish(comp)):
            # "rejected accusations by X", "rejected Russia's proposal": the one whose act is
            # rejected is the target; an accusation by nobody named has no target
            hit.target_tok = (sub.source_tok or possessor(comp)
                              or modifier_actor(ctx, comp))
        if hit.target_tok is None:
            hit.target_tok = sub.target_tok
        if hit.target_tok is None and sub.noun and frame in ("demand", "appeal"):
            # "demanded a full Turkish withdrawal": made of the one who is to withdraw
            hit.target_tok = sub.source_tok or possessor(comp) or modifier_actor(ctx, comp)
        if hit.target_tok is None and sub.noun and comp.i in {c.i for c in tok.children}:
            # "suspended aid to the group": the noun's "to X" hung on the frame verb
            hit.target_tok = target_by_preps(tok, noun_targets(ctx.lex, comp))
        if frame == "keep":
            hit.trigger = [*hit.trigger, *sub.trigger]
            hit.rule = f"{hit.rule}>{sub.rule}"
            hit.conf = max(hit.conf, sub.conf)
        else:
            hit.rule = f"{hit.rule}[{sub.rule}]"
    if warned is not None:
        hit.target_tok = warned
    elif frame == "threaten" and hit.target_tok is None and (sub is None or sub.target_tok is None):
        hit.target_tok = condition_party(ctx, tok, comp)


def _clause_hit(ctx: SentenceContext, cand: Token, depth: int) -> tuple[Hit | None, Token]:
    """The event a frame's complement stands for, looking past words that carry none.

    "propose joint action to plan and conduct strikes": the noun "action" is no event
    itself, its infinitive clause is; of the verbs "plan and conduct strikes" the one
    with content (the strikes) beats a bare frame verb ("plan" with no complement).
    """
    heads = [cand]
    if cand.pos_ in ("NOUN", "PROPN"):
        heads += [c for c in cand.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")
                  and is_to_infinitive(c)]
    found: list[tuple[Token, Hit]] = []
    for h in heads:
        for v in [h, *(c for c in h.children if c.dep_ == "conj" and c.pos_ == h.pos_)]:
            sub = analyse(ctx, v, depth)
            if sub is None and v.pos_ == "NOUN" and ctx.lex.carried_by_frame(v.lemma_.lower()):
                # "suspended aid", "cut off assistance", "ended the war": the frame verb carries the noun
                sub = _analyse_noun(ctx, v, depth, allow_alone=True)
            if sub is not None:
                found.append((v, sub))
        if found:
            break
    if not found and cand.pos_ in ("VERB", "AUX") and cand.dep_ == "xcomp":
        # "urged the UN to renew sanctions", "asked Israel to lift the blockade" (a verb the
        # lexicon does not code): the event noun it governs is what is urged
        obj = next((c for c in cand.children if c.dep_ in ("dobj", "obj")), None)
        sub = _analyse_noun(ctx, obj, depth, allow_alone=True) if obj is not None else None
        if sub is not None and sub.conf > 0.05:
            sub.consumed.add(cand.i)
            return sub, cand
    if not found:
        return None, cand
    tok, best = next(((v, h) for v, h in found if not _bare_frame(h)), found[0])
    for v, h in found:
        if h is not best:
            best.consumed |= h.consumed | {v.i, *(t.i for t in h.trigger)}
    if tok is not cand:
        best.consumed.add(tok.i)
    return best, cand


def _analyse_noun(ctx: SentenceContext, tok: Token, depth: int, allow_alone: bool = False) -> Hit | None:
    pats = ctx.lex.nouns.get(tok.lemma_.lower()) or ctx.lex.nouns.get(tok.lower_)
    if not pats:
        return None
    for p in pats:
        prefix = match_prefix(tok, p.prefix)
        if prefix is None:
            continue
        if p.skip:
            return None  # "cardiac arrest"
        if p.unless and not ctx.lemmas.isdisjoint(ctx.lex.classes[p.unless]):
            continue  # "teachers' strike": not the attack sense
        if (p.cue and ctx.lemmas.isdisjoint(ctx.lex.classes[p.cue])
                and not names_target(tok, p.target)):
            continue  # "strike" with no military word and no one aimed at: not an attack
        if p.conf <= 0 and not allow_alone:
            continue  # nouns like "aid" are events only with a verb ("provide aid")
        return _noun_hit(ctx, tok, p, prefix, depth)
    return None


def _noun_hit(ctx: SentenceContext, tok: Token, p: NounPattern, prefix: list[Token], depth: int) -> Hit:
    hit = Hit(p.code, p.id, [*prefix, tok], tok, lemma=" ".join([*p.prefix, p.lemma]), mode=p.mode,
              context=p.context, conf=p.conf if p.conf > 0 else 0.5, noun=True)
    _joint(hit)
    hit.target_tok = target_by_preps(tok, p.target)
    hit.source_tok = target_by_preps(tok, p.source)
    if p.poss_target:
        hit.target_tok = hit.target_tok or possessor(tok)
    else:
        hit.source_tok = hit.source_tok or possessor(tok)
    hit.target_tok = hit.target_tok or place_target(tok)
    if p.neg or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        hit.negated = True
    if p.frame:
        _apply_frame(ctx, hit, tok, p.frame, depth, None)
    return hit


def _empty_noun(lex: Lexicon, tok: Token) -> bool:
    """A noun that names no event of its own ("action", "steps", "measures")."""
    pats = lex.nouns.get(tok.lemma_.lower())
    return not pats or all(p.conf <= 0 and p.code.endswith("0") for p in pats)


def _complements(tok: Token, obj: Token | None, frame: str) -> list[Token]:
    """Where a frame word's complement may be, most likely first."""
    out: list[Token] = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if tok.pos_ in ("NOUN", "PROPN"):
        out += [c for c in tok.children
                if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and is_to_infinitive(c)]
        out += [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        out.append(obj)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in COMPLEMENT_PREPS:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if frame in CLAUSE_FRAMES:
        # not "rejected the resolution, saying …": a reporting clause beside it says why, it is not
        # what is rejected
        out += [c for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")
                and not (c.dep_ == "advcl" and c.lemma_.lower() in REPORT_LEMMAS)]
    if obj is not None:
        out.append(obj)
    # "We suggest to them, starting next week, joint action …": the sm parser leaves the
    # real object hanging as `dep`
    out += [c for c in tok.children
            if c.dep_ in ("dep", "oprd") and c.pos_ in ("NOUN", "VERB") and c.i > tok.i]
    return out


def _bare_frame(hit: Hit) -> bool:
    """A frame word that found no complement of its own ("to plan" in "to plan and conduct strikes")."""
    return bool(hit.frames) and not hit.planned and hit.code[:2] in ("01", "03")


def _joint(hit: Hit) -> None:
    """Joint action of armed forces is military cooperation (CAMEO 062), not an attack."""
    if hit.code[:2] in JOINT_ACTION_ROOTS and _is_joint(hit):
        hit.code = "062"
        hit.rule += "+joint"


def _is_joint_noun(tok: Token) -> bool:
    return any(c.lower_ in JOINT_WORDS for c in tok.children)


def _is_joint(hit: Hit) -> bool:
    for t in hit.trigger:
        for c in t.children:
            if c.lower_ in JOINT_WORDS or c.lemma_.lower() in JOINT_WORDS:
                return True
        if t.head.lower_ in JOINT_WORDS:
            return True
    # "joint action … to plan and conduct strikes": the noun the infinitive clause hangs on
    t = hit.trigger[0]
    for _ in range(3):
        if t.dep_ not in ("conj", "relcl", "acl", "xcomp") or t.head.i == t.i:
            break
        t = t.head
        if t.pos_ == "NOUN":
            return any(c.lower_ in JOINT_WORDS for c in t.children)
    return False
