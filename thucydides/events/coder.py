"""Rule-based event coder: dependency parse + lexicon -> CAMEO/PLOVER events.

One pass per sentence, tokens taken from the clause root downwards so that a
frame word (propose, reject, urge, threaten, stop …) sees and consumes its
complement before the complement could be coded on its own. Every token costs
one dict lookup by lemma; patterns are only tried for lemmas the lexicon knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from thucydides.actors.analysis import ActorAnalysis
from thucydides.events.lexicon import Lexicon, NounPattern, VerbPattern, load_lexicon
from thucydides.events.roles import (
    MEANS_PREPS,
    conjuncts,
    find_prep_object,
    means_governor,
    noun_phrase,
    objects_of,
    resolve_relative,
    subjects_of,
)
from thucydides.models import ActorMention, Event, EventActor, Mention, Plover, Span
from thucydides.nlp import doc_text

SAY_FRAME = "say"
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going"})
HYPO_AUX = frozenset({"would", "could", "might", "may", "should", "'d", "must", "can"})
DEONTIC_AUX = frozenset({"must", "should"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
JOINT_WORDS = frozenset({"joint", "jointly", "together", "combined", "coordinated", "coordinate", "allied"})
# roots whose events are actions taken; the rest are verbal
CONFLICT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
COOP_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
PLACE_ENTS = ("GPE", "LOC", "FAC")
FORCE_ROOTS = frozenset({"18", "19", "20"})  # force used on someone: the object undergoes it
# codes a flood or an accident cannot do: threats, protests, force, coercion (see nonagents.yaml)
NON_AGENT_ROOTS = frozenset({"13", "14", "15", "16", "17", "18", "19", "20"})
# "died in / from / during / after a flood", "killed due to the collapse", "by lightning"
CAUSE_PREPS = frozenset({"in", "by", "from", "during", "after", "following", "due", "because", "amid", "of"})


def hit_root(code: str) -> str:
    return code[:2]
REFUSE_LEMMAS = frozenset({"refuse", "decline"})
COERCIVE_ROOTS = frozenset({"11", "15", "17", "18", "19", "20"})
WITHDRAW_CODES = frozenset({"087", "161", "166"})  # first three digits: 0874, 161, 166x
MONEY_WORDS = frozenset({"money", "fund", "funding", "loan", "grant", "credit", "dollar", "euro", "pound",
                         "investment", "cash", "million", "billion", "aid", "assistance"})
ACTOR_CLASSES = ("PRISONERS", "DIPLOMATS", "TROOPS", "CROWD")
REPORT_LEMMAS = frozenset({"say", "tell", "state", "announce", "add", "report", "claim", "note", "declare",
                           "confirm", "insist", "stress", "explain", "write", "warn", "allege", "believe",
                           "think", "accord", "quote", "indicate", "reveal", "disclose", "acknowledge"})


@dataclass(slots=True)
class Hit:
    """A coded predicate before roles are attached."""

    code: str
    rule: str
    trigger: list[Token]
    head: Token                      # the token whose clause gives the roles (verb, or noun)
    frame_head: Token | None = None  # a frame word whose subject is the source (propose X …)
    target_tok: Token | None = None  # explicit target head from the pattern
    source_tok: Token | None = None  # explicit source head (noun events: by X, X's)
    consumed: set[int] = field(default_factory=set)
    # tokens told within this event (a frame's complement clause) that start no event of their own
    # but may still belong to an actor's phrase ("ready to contribute troops to the force in Mali")
    covered: set[int] = field(default_factory=set)
    mode: str | None = None
    context: tuple[str, ...] = ()
    conf: float = 0.6
    modality: str = "asserted"
    negated: bool = False
    lemma: str = ""
    frames: list[str] = field(default_factory=list)
    noun: bool = False
    support: Token | None = None     # light verb carrying a noun event
    victim_subject: bool = False     # "two died in police firing": the subject suffers the event
    planned: list[Token] = field(default_factory=list)  # a frame's complement: the action proposed
    rank: str = "main"
    appeal_from: Token | None = None  # "X said Y must do Z": X's reporting verb (X appeals to Y)
    neg_code: str | None = None       # the code of the negated verb ("did not honour the truce": 196)


class EventCoder:
    """Codes the events of one parsed article. Build once, call `code` per document."""

    def __init__(self, pattern_files: Sequence[Path | str] = ()) -> None:
        self.lex: Lexicon = load_lexicon([Path(p) for p in pattern_files])
        self._trigger_ids: set[int] = set()
        self._actors: ActorAnalysis = ActorAnalysis()
        self._lemmas: set[str] = set()  # the sentence's words, for patterns that need a cue
        from thucydides import ontology

        self.onto = ontology

    # -- public ---------------------------------------------------------------------------------
    def code(self, doc: Doc, actors: ActorAnalysis, doc_id: str) -> list[Event]:
        events: list[Event] = []
        self._actors = actors
        for si, sent in enumerate(doc.sents):
            events.extend(self._sentence(sent, si, actors))
        events = merge_mentions(events)
        for n, ev in enumerate(events, 1):
            ev.id = f"{doc_id}-e{n}"
        return events

    # -- one sentence ---------------------------------------------------------------------------
    def _sentence(self, sent: SpacySpan, si: int, actors: ActorAnalysis) -> list[Event]:
        tokens = sorted(sent, key=_depth)
        consumed: set[int] = set()
        hits: list[Hit] = []
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        self._lemmas = lemmas
        question = sent.text.rstrip().endswith("?")
        for tok in tokens:
            if tok.i in consumed:
                continue
            hit = self._analyse(tok, 0)
            if hit is None:
                continue
            consumed |= hit.consumed | hit.covered | {t.i for t in hit.trigger}
            if not hit.noun:
                consumed |= _phrase_tokens(hit.support or hit.head)
            hits.append(hit)
        # harm done by a flood, an accident, a bus or a gas cylinder is no political event; its
        # words stay consumed so that "explosion" in "a gas explosion killed five" is not coded alone
        hits = [h for h in hits if not self._non_agent(h, lemmas)]
        out: list[Event] = []
        seen: set[tuple[str, int | None, int | None]] = set()
        live: list[Hit] = []
        for hit in hits:
            self._modality(hit, question)
            if hit.modality == "hypothetical" and not self._obligation(hit):
                continue  # not coded as having happened (see README of the events package)
            hit.code = self._refine(hit, lemmas)
            self._recode_forces(hit, lemmas)
            hit.rank = _rank(hit)
            live.append(hit)
        # "X said Y must do Z" was turned into X's appeal to Y: the bare statement goes
        appealers = {h.appeal_from.i for h in live if h.appeal_from is not None}
        live = [h for h in live if not (h.head.i in appealers and h.code[:2] == "01")]
        for h in live:
            if h.code[:2] == "01" and not h.noun and h.lemma in REPORT_LEMMAS:
                _obligation_statement(h)
        built = [(hit, list(self._events(hit, si, sent, actors, lemmas))) for hit in live]
        for _hit, evs in _select(built):
            for ev in evs:
                key = (ev.cameo, ev.source.start if ev.source else None,
                       ev.target.start if ev.target else None)
                if key in seen or _empty_statement(ev):
                    continue
                seen.add(key)
                out.append(ev)
        return out

    # -- coding a predicate ---------------------------------------------------------------------
    def _analyse(self, tok: Token, depth: int) -> Hit | None:
        if depth > 4:
            return None
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj")):
            return self._analyse_verb(tok, depth)
        if tok.pos_ == "NOUN" and tok.ent_type_ not in ("DATE", "TIME"):
            return self._analyse_noun(tok, depth)
        return None

    def _analyse_verb(self, tok: Token, depth: int) -> Hit | None:
        # the lexicon's own lemma where the sm model's is another word ("raped" -> "rap")
        lemma = self.lex.lemmas.get(tok.lower_) or tok.lemma_.lower()
        pats = self.lex.verbs.get(lemma)
        passive = _is_passive(tok)
        best: VerbPattern | None = None
        matched: list[Token] = []
        obj = _direct_object(tok, passive)
        if obj is None and not passive and not any(p.frame for p in pats or ()):
            # "supporting and enabling the regime"; a frame verb ("plan and conduct strikes")
            # has the next verb as its complement instead
            obj = _shared_object(tok)
        if pats:
            for p in pats:
                if p.passive is not None and p.passive != passive:
                    continue
                got = _match_words(tok, p.words)
                if got is None:
                    continue
                if p.obj is not None and not _obj_ok(obj, p.obj):
                    continue
                best, matched = p, got
                break
        # a light verb whose object is an event noun: "carry out strikes", "impose sanctions"
        light = best is None or (best.obj is None and not best.frame)
        lobj = obj
        if light and obj is None and lemma in self.lex.support:
            lobj = _particle_object(tok, self.lex.support[lemma])  # "went on strike", "engaged in talks"
        if light and lobj is not None:
            lobj = _through_measure(lobj)  # "began a new round of joint exercises"
            if lobj.ent_type_ == "MONEY":
                # "will extend 50 million dollars in humanitarian aid": the parser hangs "in aid" on the verb
                lobj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
                             for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), lobj)
        if light and lemma in self.lex.support and lobj is not None:
            parts = _match_words(tok, self.lex.support[lemma])
            if parts is not None and self._empty_noun(lobj):
                # "start joint action to plan and conduct strikes": the clause says what is done
                clauses = [c for c in (*lobj.children, *tok.children)
                           if c.dep_ in ("acl", "relcl", "xcomp", "advcl") and c.pos_ == "VERB"
                           and c.i > lobj.i and _has_to(c)]
                for clause in clauses:
                    inner, _ = self._clause_hit(clause, depth + 1)
                    if inner is not None:
                        inner.consumed |= {lobj.i, clause.i}
                        if _is_joint_noun(lobj) and inner.code[:2] in ("18", "19", "15"):
                            inner.code = "062"
                            inner.rule += "+joint"
                        return inner
            if parts is not None:
                sub = self._analyse_noun(lobj, depth + 1, allow_alone=True)
                if sub is None and lobj.lemma_.lower() in self.lex.classes.get("EFFORT_HEADS", ()):
                    # "launched a mediation effort between X and Y": the compound names the event,
                    # the head noun ("effort", "bid") carries its prepositions
                    named = next((c for c in lobj.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                                  and not self._empty_noun(c)), None)
                    if named is not None:
                        sub = self._analyse_noun(named, depth + 1, allow_alone=True)
                        if sub is not None:
                            sub.consumed.add(named.i)
                            sub.target_tok = sub.target_tok or _target_by_preps(
                                lobj, _noun_targets(self.lex, named))
                if sub is not None:
                    sub.head = tok
                    sub.support = tok
                    sub.trigger = [tok, *parts, *sub.trigger]
                    _joint(sub)  # "joint action to conduct strikes": the light verb's clause may say so
                    sub.consumed |= {lobj.i}
                    sub.lemma = f"{lemma} {sub.lemma}"
                    sub.noun = False
                    sub.conf = max(sub.conf, 0.6)
                    recipient = _recipient(tok)
                    if (recipient is not None and self._actorish(recipient)
                            and not self._actorish(sub.target_tok)):
                        # "gave Putin a warning", "issued a warning to the army": the one it
                        # is handed to is the target, not what the warning is about
                        sub.target_tok = recipient
                    if sub.target_tok is None:
                        preps = _noun_targets(self.lex, lobj)
                        sub.target_tok = _target_by_preps(tok, preps) or _object_prep(lobj, preps)
                    if sub.target_tok is not None and sub.target_tok.i == lobj.i:
                        sub.target_tok = None  # "went on strike": the noun is no target of itself
                    if sub.target_tok is None:
                        sub.target_tok = _place_target(tok) or _place_target(lobj)
                    return sub
        if best is None or best.skip:
            return None
        hit = Hit(best.code, best.id, [tok, *matched], tok, lemma=lemma, mode=best.mode,
                  context=best.context, conf=best.conf, victim_subject=best.source == "cause",
                  neg_code=best.neg_code)
        _joint(hit)
        hit.target_tok = self._pattern_target(tok, best, matched, passive, obj)
        if hit.code[:3] in WITHDRAW_CODES and lemma in self.lex.classes.get("WITHDRAWERS", ()):
            # "withdrawing troops from Syria": the place or side left is the target, not the troops
            left = _shared_prep_object(tok, "from")
            if left is None and obj is not None:
                left = _object_prep(obj, ("from",), depth=1)
            if left is not None and _usable(left) and left.pos_ in ("PROPN", "NOUN"):
                hit.target_tok = left
        if hit.code[:2] == "15" and (hit.target_tok is None or self._own_forces(hit.target_tok)):
            # "deployed 300 troops to Mali", "mobilised the army for an assault on X": the troops
            # are the instrument; where or against whom they go is the target
            hit.target_tok = self._destination(tok, obj)
        if tok.dep_ == "amod" and tok.tag_ == "VBN" and any(
                p.conf > 0 for p in self.lex.nouns.get(tok.head.lemma_.lower(), ())):
            # "an Egypt-Qatar-brokered truce": the words glued on by hyphens did it (not in
            # "government-backed troops", which describes the troops)
            glued = _hyphen_partners(tok)
            if glued:
                hit.source_tok = glued[0]
        if best.frame:
            self._apply_frame(hit, tok, best.frame, depth, obj)
            if tok.pos_ == "ADJ" and best.frame in ("intent", "keep") and not hit.planned:
                return None  # "the army is ready": ready for nothing named, no intention told
        return hit

    def _apply_frame(self, hit: Hit, tok: Token, frame: str, depth: int, obj: Token | None) -> None:
        comp: Token | None = None
        sub: Hit | None = None
        tried: set[int] = set()
        for cand in _complements(tok, None if self._actorish(obj) else obj, frame):
            if cand.i in tried:
                continue
            tried.add(cand.i)
            sub, comp = self._clause_hit(cand, depth + 1)
            if sub is not None:
                break
        if sub is None:
            comp = None
            if obj is not None and hit.target_tok is obj and not self._actorish(obj):
                # "pledged full support for X", "offered help to X": the beneficiary is the target
                preps = ("for", "to", "with", "against", "on")
                # "suspended aid to the group": the parser may hang "to X" on the verb
                hit.target_tok = (_object_prep(obj, preps, depth=1) or _target_by_preps(tok, preps)
                                  or obj)
        if sub is None and frame in ("intent", "appeal") and _has_ccomp(tok):
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
        if frame == "fail":
            hit.negated = True
        new = self.lex.recode(frame, sub.code if sub else None)
        hit.code = new or hit.code
        hit.frames.append(frame)
        if sub is not None and comp is not None:
            hit.consumed |= sub.consumed | {comp.i, *(t.i for t in sub.trigger)}
            hit.covered |= sub.covered
            if not sub.noun:
                # "urged Israel to lift the blockade of Gaza": the blockade is part of what is urged
                hit.covered |= _phrase_tokens(sub.support or sub.head)
            hit.planned = list(sub.trigger)
            hit.frames.extend(sub.frames)
            hit.mode = hit.mode or sub.mode
            hit.context = tuple(dict.fromkeys(hit.context + sub.context))
            if hit.target_tok is not None and hit.target_tok.i == comp.i and frame not in ("reject", "deny"):
                # "pledged support for X": X is the target, not the pledge's object
                hit.target_tok = None
            if (frame in ("reject", "deny") and sub.noun and hit.target_tok is not None
                    and hit.target_tok.i == comp.i and not self._actorish(comp)):
                # "rejected accusations by X", "rejected Russia's proposal": the one whose act is
                # rejected is the target; an accusation by nobody named has no target
                hit.target_tok = (sub.source_tok or _possessor(comp)
                                  or self._modifier_actor(comp, self._actors))
            if hit.target_tok is None:
                hit.target_tok = sub.target_tok
            if hit.target_tok is None and sub.noun and comp.i in {c.i for c in tok.children}:
                # "suspended aid to the group": the noun's "to X" hung on the frame verb
                hit.target_tok = _target_by_preps(tok, _noun_targets(self.lex, comp))
            if frame == "keep":
                hit.trigger = [*hit.trigger, *sub.trigger]
                hit.rule = f"{hit.rule}>{sub.rule}"
                hit.conf = max(hit.conf, sub.conf)
            else:
                hit.rule = f"{hit.rule}[{sub.rule}]"

    def _empty_noun(self, tok: Token) -> bool:
        """A noun that names no event of its own ("action", "steps", "measures")."""
        pats = self.lex.nouns.get(tok.lemma_.lower())
        return not pats or all(p.conf <= 0 and p.code.endswith("0") for p in pats)

    def _clause_hit(self, cand: Token, depth: int) -> tuple[Hit | None, Token]:
        """The event a frame's complement stands for, looking past words that carry none.

        "propose joint action to plan and conduct strikes": the noun "action" is no event
        itself, its infinitive clause is; of the verbs "plan and conduct strikes" the one
        with content (the strikes) beats a bare frame verb ("plan" with no complement).
        """
        heads = [cand]
        if cand.pos_ in ("NOUN", "PROPN"):
            heads += [c for c in cand.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX")
                      and _has_to(c)]
        found: list[tuple[Token, Hit]] = []
        for h in heads:
            for v in [h, *(c for c in h.children if c.dep_ == "conj" and c.pos_ == h.pos_)]:
                sub = self._analyse(v, depth)
                if sub is None and v.pos_ == "NOUN" and v.lemma_.lower() in self.lex.classes.get("AID", ()):
                    # "suspended aid", "cut off assistance": the frame verb carries the noun
                    sub = self._analyse_noun(v, depth, allow_alone=True)
                if sub is not None:
                    found.append((v, sub))
            if found:
                break
        if not found and cand.pos_ in ("VERB", "AUX") and cand.dep_ == "xcomp":
            # "urged the UN to renew sanctions", "asked Israel to lift the blockade" (a verb the
            # lexicon does not code): the event noun it governs is what is urged
            obj = next((c for c in cand.children if c.dep_ in ("dobj", "obj")), None)
            sub = self._analyse_noun(obj, depth, allow_alone=True) if obj is not None else None
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

    def _analyse_noun(self, tok: Token, depth: int, allow_alone: bool = False) -> Hit | None:
        pats = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
        if not pats:
            return None
        for p in pats:
            prefix = _match_prefix(tok, p.prefix)
            if prefix is None:
                continue
            if p.skip:
                return None  # "cardiac arrest"
            if p.unless and not self._lemmas.isdisjoint(self.lex.classes[p.unless]):
                continue  # "teachers' strike": not the attack sense
            if (p.cue and self._lemmas.isdisjoint(self.lex.classes[p.cue])
                    and not _names_target(tok, p.target)):
                continue  # "strike" with no military word and no one aimed at: not an attack
            if p.conf <= 0 and not allow_alone:
                continue  # nouns like "aid" are events only with a verb ("provide aid")
            return self._noun_hit(tok, p, prefix, depth)
        return None

    def _noun_hit(self, tok: Token, p: NounPattern, prefix: list[Token], depth: int) -> Hit:
        hit = Hit(p.code, p.id, [*prefix, tok], tok, lemma=" ".join([*p.prefix, p.lemma]), mode=p.mode,
                  context=p.context, conf=p.conf if p.conf > 0 else 0.5, noun=True)
        _joint(hit)
        hit.target_tok = _target_by_preps(tok, p.target)
        hit.source_tok = _target_by_preps(tok, p.source)
        if p.poss_target:
            hit.target_tok = hit.target_tok or _possessor(tok)
        else:
            hit.source_tok = hit.source_tok or _possessor(tok)
        hit.target_tok = hit.target_tok or _place_target(tok)
        if p.neg or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            hit.negated = True
        if p.frame:
            self._apply_frame(hit, tok, p.frame, depth, None)
        return hit

    def _pattern_target(self, tok: Token, p: VerbPattern, matched: list[Token], passive: bool,
                        obj: Token | None) -> Token | None:
        if p.target == "none":
            return None
        if p.target == "iobj":
            for c in tok.children:
                if c.dep_ == "dative":
                    return c
            return obj
        if p.target not in (None, "obj"):
            t = _shared_prep_object(tok, p.target)
            if t is None and obj is not None:
                t = _object_prep(obj, (p.target,))  # "sent supplies and doctors to Nepal"
            if t is not None or obj is None or p.obj is None:
                if t is None:
                    # "imposed a curfew in the city", "surrendered in Congo": nobody named on the
                    # receiving end, so the place acted on
                    return _place_target(tok) or (_place_target(obj) if obj is not None else None)
                return t if _usable(t) else None
            # "imposed sanctions today against Russia": another preposition names the target
        preps = [m for m in matched if m.dep_ in ("prep", "agent", "dative")]
        if p.target is None and preps:
            pobj = [c for c in preps[-1].children if c.dep_ in ("pobj", "pcomp") and c not in matched]
            if pobj and _usable(pobj[0]):
                if obj is not None and self._actorish(obj) and not self._actorish(pobj[0]):
                    return obj  # "pushed Iraq for a constitution": pushed is Iraq, not the constitution
                return pobj[0]
        if obj is not None and self._actorish(obj):
            return obj  # "expel the ambassador", "arrest three men"
        if obj is not None and p.obj is not None:
            # the object belongs to the predicate ("lift restrictions on X", "voice concern about X",
            # "lift the blockade of X"): its own prepositions name the target, then the verb's
            noun_preps = tuple(dict.fromkeys((*_noun_targets(self.lex, obj, ()), *OBJECT_TARGET_PREPS)))
            t = _object_prep(obj, noun_preps, depth=1) or _target_by_preps(tok, ("against", "on", "to"))
            if t is not None:
                return t
            owner = _possessor(obj)
            if owner is not None and owner.pos_ != "PRON" and self._actorish(owner):
                return obj  # "defended Germany's decision": the decision of the one named
            t = self._about(tok, obj)
            if t is not None:
                return t
        if (obj is not None and p.obj is None and hit_root(p.code) in FORCE_ROOTS
                and obj.ent_type_ not in NOT_ACTOR_ENTS and obj.pos_ in ("NOUN", "PROPN")):
            # "pounded the rebel camps with heavy artillery": force lands on its object; "with"
            # names the weapon
            return obj
        # "returned the monkeys to Congo", "express concern over X", "open fire on X"
        for prep in ("to", "against", "on", "at", "with", "into", "over"):
            t = _shared_prep_object(tok, prep) if obj is None else find_prep_object(tok, prep)
            if t is not None and _usable(t) and self._actorish(t):
                return t
        if obj is not None and p.obj is None and obj.ent_type_ not in ("DATE", "TIME", "PERCENT"):
            return obj
        return _place_target(tok) or (_place_target(obj) if obj is not None else None)

    def _about(self, verb: Token, obj: Token) -> Token | None:
        """Whom an attitude is about when a clause says it: "voiced hope that the new government
        will help", "expressed pessimism about bringing the standoff to an end"."""
        for c in [*obj.children, *verb.children]:
            if c.i < obj.i:
                continue
            if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
                for g in c.children:
                    if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ != "PRON" and g.i < c.i and _usable(g):
                        return g
            if c.dep_ == "prep" and c.lower_ in ("about", "over", "on", "at", "for") and c.head.i == obj.i:
                for g in c.children:
                    if g.dep_ == "pcomp" and g.pos_ == "VERB":
                        for o in g.children:
                            if o.dep_ in ("dobj", "obj") and _usable(o):
                                return o
        return None

    def _named_or_place(self, tok: Token | None) -> bool:
        """A proper name or a place ("the airport", "the town"): a target worth keeping even
        when the actor layer has no code for it."""
        if tok is None:
            return False
        tok = resolve_relative(tok)
        return (tok.pos_ == "PROPN" or tok.tag_ in ("PRP", "PRP$")  # "her arrest": someone, unresolved
                or tok.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "PERSON", "NORP")
                or tok.lemma_.lower() in self.lex.classes.get("PLACES", ()))

    def _own_forces(self, tok: Token) -> bool:
        """Troops, police, warships: the armed means of whoever moves them."""
        return tok.lemma_.lower() in self.lex.classes.get("TROOPS", ()) or tok.lower_ in self.lex.classes.get(
            "TROOPS", ())

    def _destination(self, verb: Token, obj: Token | None) -> Token | None:
        """Where forces are sent, or whom they face: 'to Mali', 'into the region', 'in Crimea',
        'for an offensive against X' (through a noun that is no actor: the mission, the assault)."""
        preps = ("to", "into", "against", "toward", "towards", "in", "for", "on")
        anchors = [verb] + ([obj] if obj is not None else [])
        for anchor in anchors:
            for c in anchor.children:
                if c.dep_ != "prep" or c.lower_ not in preps:
                    continue
                for g in c.children:
                    if g.dep_ != "pobj" or not _usable(g):
                        continue
                    if self._actorish(g) or g.ent_type_ in PLACE_ENTS:
                        return g
                    inner = _object_prep(g, ("against", "on", "in", "to", "into"), depth=2)
                    if inner is not None and (self._actorish(inner) or inner.ent_type_ in PLACE_ENTS):
                        return inner
                    if (c.lower_ in ("to", "into") and g.pos_ == "NOUN"
                            and g.lemma_.lower() in self.lex.classes.get("PLACES", ())):
                        return g  # "sent troops to the area"
        return None

    def _actorish(self, tok: Token | None) -> bool:
        if tok is None:
            return False
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
            return True
        m = self._actors.best_in(tok.idx, tok.idx + len(tok.text), head=tok.idx)
        if m is not None and m.code:
            return True  # "the Iraqi government", "the lecturers": the actor layer knows them
        lemma = tok.lemma_.lower()
        return any(lemma in self.lex.classes.get(c, ()) for c in ACTOR_CLASSES)

    # -- harm without a political doer ----------------------------------------------------------
    def _non_agent(self, hit: Hit, lemmas: set[str]) -> bool:
        """Harm done by a natural force, an accident, a vehicle, a disease or a thing
        (nonagents.yaml): "an earthquake killed 200", "seven died in a road accident", "four
        were killed when the building collapsed", "the bus plunged into a gorge, killing 25".
        CAMEO has no code for it, so the hit is dropped. Fires, explosions, vehicles and
        accident verbs count only in a sentence with no weapon, attacker or arson word: "a bomb
        explosion", "a fire set by rioters" stay attacks."""
        if hit.code[:2] not in NON_AGENT_ROOTS:
            return False
        marks = self.lex.classes["ATTACK_MARKS"]
        # "Militants" tagged as a name keeps its plural as lemma
        armed = not lemmas.isdisjoint(marks) or any(w[:-1] in marks for w in lemmas if w.endswith("s"))
        if hit.noun:
            return self._non_agent_word(hit.head, armed, doer=False)  # "a gas explosion at a mine"
        head = hit.support or hit.head
        passive = _is_passive(head)
        doers = subjects_of(head, passive) if not hit.victim_subject else []
        if not doers and hit.source_tok is not None:
            doers = conjuncts(hit.source_tok)
        if (not doers and head.dep_ == "acl" and head.head.pos_ in ("NOUN", "PROPN")
                and any(c.dep_ in ("dobj", "obj") for c in head.children)):
            doers = [head.head]  # a headline parsed as a phrase: "earthquake killed 200 people"
        if (head.lemma_.lower() in self.lex.classes["BLAST_VERBS"] and not armed and not passive
                and not any(c.dep_ in ("dobj", "obj") for c in head.children)
                and not any(self._actorish(d) for d in doers)):
            # "a gas cylinder exploded", "the boiler blew up": something went off, nobody is named
            # to have set it off ("a plot to blow up the airport", "the bridge was blown up": someone's act)
            return True
        if any(self._non_agent_word(d, armed) for d in doers):
            return True  # "floods destroyed homes", "hit by a truck"
        if (head.dep_ in ("advcl", "conj") and self._accident_clause(head.head, armed)
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
        for c in _cause_slots(head):
            if c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPS:
                for g in _prep_objects(c):
                    g = _through_quantity(g)
                    if self._non_agent_word(g, armed, doer=False):
                        harmless = True
                    elif self._act_noun(g):
                        return False
            elif c.dep_ == "advcl" and self._accident_clause(c, armed):
                harmless = True
        return harmless

    def _act_noun(self, tok: Token) -> bool:
        """An event noun of the lexicon ("clashes", "firing", "an attack")."""
        pats = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_) or ()
        return any(p.code[:2] in NON_AGENT_ROOTS and not p.skip for p in pats)

    def _non_agent_word(self, tok: Token, armed: bool, doer: bool = True) -> bool:
        """A noun naming a harmless cause: a natural force, an accident, a disease; a fire or an
        explosion, and (as doer) a vehicle or a thing, when the sentence names no weapon or attacker."""
        cls = self.lex.classes
        words = {tok.lemma_.lower(), tok.lower_}
        glued = _glued_lemma(tok)
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
                return self._non_agent_word(of, armed, doer=True)  # "an outbreak of violence": no
        if self._caused_by_someone(tok):
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

    def _caused_by_someone(self, tok: Token) -> bool:
        """'a stampede triggered by police firing': a participle names an act or an actor as
        the cause ('landslides triggered by rain' names neither)."""
        for c in tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for a in c.children:
                    if a.dep_ == "agent":
                        for g in a.children:
                            if g.dep_ == "pobj" and (self._actorish(g) or self._act_noun(g)
                                                     or self._act_after(g) is not None):
                                return True
        return False

    def _accident_clause(self, verb: Token, armed: bool) -> bool:
        """'when the building collapsed', 'after a landslide hit the village': a clause telling
        an accident, by its verb or by its subject."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        if (not armed and verb.lemma_.lower() in self.lex.classes["ACCIDENT_VERBS"]
                and not any(c.dep_ in ("dobj", "obj") for c in verb.children)):
            return True  # not "sank their differences and marched": an accident happens to its subject
        # the doer: the subject, or a passive's agent ("when their car was hit by a truck"); a
        # passive subject undergoes it ("the buses were charred")
        if _is_passive(verb):
            subs = subjects_of(verb, True)
        else:
            subs = [c for c in verb.children if c.dep_ == "nsubj"]
        return any(self._non_agent_word(s, armed) for s in subs)

    def _recode_forces(self, hit: Hit, lemmas: set[str]) -> None:
        """What forces on the move are for, told by the sentence's words."""
        if hit.code[:3] == "042" and not hit.noun and self._troops_moved(hit):
            # "hundreds of troops arrived in Mali": forces moved in, no visit
            hit.code = "154"
            hit.rule += "+troops"
        if hit.code[:2] == "15" and self._disaster_relief(lemmas):
            # "troops were deployed for rescue work after the earthquake": aid, not a show of force
            hit.code = "073"
            hit.rule += "+relief"
        elif hit.code[:3] == "154" and not lemmas.isdisjoint(self.lex.classes.get("PEACEKEEPING", ())):
            # "sent 200 troops to the UN peacekeeping mission": protection, material cooperation
            hit.code = "074"
            hit.rule += "+peacekeeping"

    def _troops_moved(self, hit: Hit) -> bool:
        head = hit.support or hit.head
        troops = self.lex.classes.get("TROOPS", frozenset())
        subjects = subjects_of(head, _is_passive(head))
        # "hundreds of troops", "the first contingent of soldiers"
        subjects += [g for s in subjects for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
        return any(s.lemma_.lower() in troops or s.lower_ in troops for s in subjects)

    def _disaster_relief(self, lemmas: set[str]) -> bool:
        cls = self.lex.classes
        return not lemmas.isdisjoint(cls["RELIEF"]) and not lemmas.isdisjoint(cls["NON_AGENTS"])

    # -- modality, refinement -------------------------------------------------------------------
    def _modality(self, hit: Hit, question: bool) -> None:
        v = hit.head
        verb = v if not hit.noun else None
        if verb is None:
            return
        auxes = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        negated = any(c.dep_ == "neg" for c in v.children)
        if not negated and v.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
            # "we do not collaborate or coordinate with them": the negation covers both verbs
            negated = any(c.dep_ == "neg" for c in v.head.children)
        if hit.frame_head is not None:
            negated = negated or any(c.dep_ == "neg" for c in hit.frame_head.children)
        if not negated and v.dep_ == "xcomp":
            negated = _negated_governor(v, self.lex.implicative)
        reported = _under_report(v)
        conditional = _conditional(v) or _imperative(v)
        if conditional:
            hit.modality = "hypothetical"
            return
        # "the police could not stop the mob", "could do little": a past inability is a fact of
        # inaction, not a possibility
        inability = "could" in auxes and (negated or "fail" in hit.frames)
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
            past = "Past" in v.morph.get("Tense") or "did" in auxes or "had" in auxes
            if root in COOP_ROOTS and not past and "reject" not in hit.frames:
                # "will not lift the ban", "we do not cooperate with them": a refusal (12x)
                hit.code = self.lex.recode("reject", hit.code) or "120"
                hit.frames.append("refuse")
                hit.modality = "denied"
            else:
                hit.negated = True
            return
        if hit.modality == "questioned":
            return  # "Will the army attack the city?": asked about, neither planned nor done
        if future and not hit.frames:
            # "will attack" / "would release": an intention, coded as intent (03x) or threat (13x)
            new = self.lex.recode("intent", hit.code)
            if new and root not in ("01", "02", "03", "10", "11", "12", "13"):
                hit.code = new
                hit.frames.append("future")
            hit.modality = "intended"
        elif hit.frames and hit.frames[0] in ("intent", "threaten", "appeal", "demand"):
            hit.modality = "intended"
        elif _purpose_clause(v, self.lex.implicative):
            # "troops were sent to retake the town": the retaking is the aim, not a fact
            hit.modality = "intended"
            hit.conf -= 0.1
        elif reported:
            hit.modality = "reported"

    def _obligation(self, hit: Hit) -> bool:
        """'The minister said Tehran must release the sailors': the speaker's demand (10x) on
        the inner subject ("should": an appeal, 02x), not a hypothetical release. Recodes the
        hit; True when it did."""
        if hit.noun or hit.negated:
            return False
        v = hit.head
        aux = next((c.lower_ for c in v.children if c.dep_ == "aux" and c.lower_ in DEONTIC_AUX), None)
        if aux is None:
            return False
        say = _report_verb(v)
        if say is None or not subjects_of(v, _is_passive(v)) or _conditional(v):
            return False
        frame = _deontic_frame(aux)
        hit.code = self.lex.recode(frame, hit.code) or ("100" if frame == "demand" else "020")
        hit.frames.insert(0, frame)
        hit.rule = f"{aux}[{hit.rule}]"
        hit.modality = "intended"
        hit.planned = list(hit.trigger)
        hit.appeal_from = say
        hit.target_tok = None
        return True

    def _refine(self, hit: Hit, lemmas: set[str]) -> str:
        """Narrow a code by cue words of the sentence (accuse of *corruption* -> 1121) and by
        what a protest is for (demonstrate *demanding his resignation* -> 1411)."""
        code = hit.code
        for _ in range(2):
            table = self.lex.modifiers.get(code)
            if not table:
                break
            # longest cue wins; ties by the word itself, since the set's order changes between processes
            hits = sorted((w for w in lemmas if w in table), key=lambda w: (len(w), w))
            if not hits:
                break
            new = table[hits[-1]]
            if new == code:
                break
            code = new
        purpose = self.lex.frames.get(f"purpose:{code[:3]}")
        if purpose is not None and code[:3] in ("141", "142", "143", "144", "145"):
            comp = _purpose(hit.support or hit.head)
            if comp is not None:
                sub = self._analyse(comp, 1)
                if sub is not None:
                    code = self.lex.recode(purpose.name, sub.code) or code
        return code

    # -- building events ------------------------------------------------------------------------
    def _events(self, hit: Hit, si: int, sent: SpacySpan, actors: ActorAnalysis,
                lemmas: set[str]) -> Iterable[Event]:
        try:
            info = self.onto.lookup(hit.code)
        except KeyError:
            return []
        src_heads, tgt_heads = self._roles(hit, actors)
        tgt_heads = [self._clause_target(t) for t in tgt_heads]
        src_heads, tgt_heads = self._expand_heads(src_heads, actors), self._expand_heads(tgt_heads, actors)
        self._trigger_ids = {t.i for t in hit.trigger} | {hit.head.i} | hit.consumed
        # "Russia-U.S.-brokered": each country its own actor, not one phrase
        self._trigger_ids |= {p.i for h in src_heads + tgt_heads for p in _hyphen_partners(h)
                              if self._coded(p, actors)}
        src_heads = src_heads[:3] or [None]
        tgt_heads = tgt_heads[:3] or [None]
        if (hit.code == "140" and not hit.noun and src_heads[0] is not None
                and all(_official(self._actor(h, actors)) for h in src_heads if h is not None)):
            # "Manila summoned the envoy to protest the incident": a state protests by complaining
            # officially (114); demonstrations (14x) are what people in the street do
            hit.code = "114"
            hit.rule += "+official"
            info = self.onto.lookup(hit.code)
        conf = self._confidence(hit)
        mode = self._mode(hit, info.plover_type, info.plover_mode, lemmas)
        context = list(dict.fromkeys([*info.plover_context, *hit.context, *self._contexts(lemmas)]))[:4]
        trig = _trigger_span(hit.trigger)
        words = [t_.text for t_ in sorted(hit.trigger, key=lambda x: x.i)]
        why: dict[str, object] = {"rule": hit.rule, "tokens": words, "lemma": hit.lemma,
                                  "frames": list(hit.frames), "clause": hit.rank}
        if hit.planned:
            # the action proposed, threatened or asked for: the time stage can date it on its own
            why["planned"] = _trigger_span(hit.planned).to_dict()
        out = []
        for s in src_heads:
            for t in tgt_heads:
                if s is not None and t is not None and s.i == t.i:
                    t = None
                src = self._actor(s, actors)
                tgt = self._actor(t, actors)
                if tgt is not None and not tgt.code and hit.rank != "main" and not self._named_or_place(t):
                    # a side event (a relative or purpose clause, an event noun in another's phrase)
                    # keeps only a target that names someone or somewhere: "to meet security
                    # challenges", "to stop possible military action" aim at things, not at anyone
                    tgt = None
                c = conf + (0.05 if src and src.code else 0) + (0.05 if tgt and tgt.code else 0)
                out.append(Event(
                    id="", sentence_index=si, trigger=trig, source=src, target=tgt, cameo=hit.code,
                    quad_class=info.quad_class, goldstein=info.goldstein,
                    plover=Plover(info.plover_type, mode, context), negated=hit.negated,
                    confidence=max(0.01, min(0.99, c)), modality=hit.modality,
                    why=why,
                    mentions=[Mention(si, trig)],
                ))
        return out

    def _roles(self, hit: Hit, actors: ActorAnalysis) -> tuple[list[Token], list[Token]]:
        head = hit.head
        sources: list[Token] = []
        targets: list[Token] = []
        if hit.noun:
            if hit.source_tok is not None:
                sources = conjuncts(hit.source_tok)
            else:
                demonym = self._modifier_actor(head, actors)
                if demonym is not None and (hit.target_tok is None or demonym.i != hit.target_tok.i):
                    sources = [demonym]
        elif head.dep_ == "acl" and head.tag_ == "VBN" and hit.support is None:
            # "a cease-fire brokered by Egypt": passive participle on a noun
            sources = subjects_of(head, True)
            if not sources:
                # "people killed in police firing": the firing's doer
                cause = self._cause_actor(head, actors)
                sources = [cause] if cause is not None else []
            if hit.target_tok is None and head.head.pos_ in ("NOUN", "PROPN"):
                hit.target_tok = head.head
        elif hit.appeal_from is not None:
            return subjects_of(hit.appeal_from, False), subjects_of(head, _is_passive(head))
        elif hit.victim_subject:
            targets = subjects_of(head, False)
            cause = self._cause_actor(head, actors)
            return ([cause] if cause is not None else []), targets
        else:
            passive = _is_passive(head)
            sources = subjects_of(head, passive)
            if hit.source_tok is not None and not sources:
                sources = conjuncts(hit.source_tok)
            if (sources and not passive and hit.code[:2] in ("18", "19", "20")
                    and (head.tag_ == "VBN" or (head.tag_ == "VBD" and hit.lemma in HARM_VERBS))
                    and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in head.children)
                    and (sources[0].pos_ == "NUM" or any(c.dep_ == "nummod" for c in sources[0].children))):
                # "two killed in police firing", "4 policemen also killed": a reduced passive (no
                # auxiliary, no object) whose subject, a number of people, suffers the act; the
                # doer is the event noun's actor, if one is named
                cause = self._cause_actor(head, actors)
                hit.target_tok = sources[0]
                sources = [cause] if cause is not None else []
            if not sources and (passive or head.tag_ == "VBN" or head.lemma_ in ("die", "perish")):
                # "two were killed in police firing": the actor of the event noun acts
                cause = self._cause_actor(head, actors)
                if cause is not None:
                    sources = [cause]
            if not sources and passive and hit.support is None and hit.code[:2] == "15":
                # "police have been deployed in the area": the force moved shows its own power
                moved = objects_of(head, passive=True)
                if moved and moved[0].lemma_.lower() in self.lex.classes.get("TROOPS", ()):
                    return moved, []
        for s in sources:
            act = self._act_after(s) if s.dep_ == "pobj" else None
            if act is not None:
                hit.consumed.add(act.i)  # "police firing on monday" is no actor phrase: "police" is
        if hit.target_tok is not None:
            targets = conjuncts(hit.target_tok)
        elif not hit.noun and _is_passive(head) and hit.support is None:
            targets = objects_of(head, passive=True)
        return sources, targets

    def _clause_target(self, tok: Token) -> Token:
        """'reiterated its commitment to support the police', 'its demand that the US ease sanctions':
        a thing whose clause names an actor is aimed at that actor (the clause's subject, else
        its object), as annotators mark it."""
        if self._actorish(tok) or any(c.dep_ == "poss" and c.pos_ != "PRON" for c in tok.children):
            return tok  # "Trump's decision to recognise …": the decision of someone named is marked
        for c in tok.children:
            if c.dep_ != "acl" or c.i < tok.i or not any(
                    g.dep_ in ("aux", "mark", "nsubj") and g.i < c.i for g in c.children):
                continue
            for deps in (("nsubj",), ("dobj", "obj")):
                for g in c.children:
                    if g.dep_ in deps and g.pos_ != "PRON" and self._actorish(g):
                        return g
        return tok

    def _expand_heads(self, heads: list[Token], actors: ActorAnalysis) -> list[Token]:
        """Actor heads as annotators list them.

        "groups that include al-Qaeda and the Taliban", "militias such as X": a generic noun
        with no code of its own stands for the named members. "a Cairo-Doha-brokered truce":
        every country of a hyphenated compound acts, not only the one fused with the participle.
        """
        out: list[Token] = []
        for h in heads:
            members = [] if self._coded(h, actors) else _included(h)
            if not all(self._coded(m, actors) for m in members):
                members = []  # "groups including specialists in …": no actors named
            for m in members or [h]:
                for extra in _hyphen_partners(m):
                    if self._coded(extra, actors) and extra not in out:
                        out.append(extra)
                if m not in out:
                    out.append(m)
        return out

    def _coded(self, tok: Token, actors: ActorAnalysis) -> bool:
        m = actors.best_in(tok.idx, tok.idx + len(tok.text), head=tok.idx)
        return m is not None and bool(m.code)

    def _modifier_actor(self, tok: Token, actors: ActorAnalysis) -> Token | None:
        """'Russian airstrikes', 'police firing': an actor word modifying the event noun."""
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < tok.i:
                if c.ent_type_ in ("NORP", "GPE", "ORG") or self._actorish(c):
                    return c
                m = actors.best_in(c.idx, c.idx + len(c.text), head=c.idx)
                if m is not None and m.code:
                    return c
        return None

    def _cause_actor(self, verb: Token, actors: ActorAnalysis) -> Token | None:
        """The doer of the event noun in the verb's phrase: "killed in police firing",
        "succumbed to police firing", "died during the army's shelling"."""
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during", "by", "to"):
                for g in c.children:
                    if g.dep_ == "pcomp" and g.lemma_.lower() in self.lex.verbs:
                        # "died in police firing" parsed as a clause: "police" is the firing's subject
                        doer = next((s for s in g.children if s.dep_ == "nsubj" and self._actorish(s)), None)
                        if doer is not None:
                            return doer
                        continue
                    if g.dep_ != "pobj":
                        continue
                    if g.lower_ in ("which", "whom") and verb.dep_ == "relcl" and verb.head.i != verb.i:
                        g = verb.head  # "the police firing in which two were killed"
                    g = _through_quantity(g)  # "killed in 500 rounds of firing by the police"
                    if g.lemma_.lower() in self.lex.nouns or g.lower_ in self.lex.nouns:
                        doer = (_target_by_preps(g, ("by",)) or _possessor(g)
                                or self._modifier_actor(g, actors))
                        if doer is not None:
                            return doer
                        continue  # "killed in stone-pelting while another in police firing": look on
                    if self._actorish(g) and self._act_after(g) is not None:
                        return g
        return None

    def _act_after(self, tok: Token) -> Token | None:
        """Lower-case reports parse "in police firing" as pobj "police" with "firing" hanging
        off it (acl): the actor word right before an event word is that event's doer."""
        if tok.i + 1 >= len(tok.doc):
            return None
        # the event word hangs on the actor word, or on the phrase around it ("people killed in
        # police firing": "firing" on "people")
        k = tok.doc[tok.i + 1]
        if k.dep_ in ("acl", "relcl", "appos") and (k.head.i == tok.i or k.tag_ in ("VBG", "NN")):
            lemma = k.lemma_.lower()
            if lemma in self.lex.verbs or lemma in self.lex.nouns or k.lower_ in self.lex.nouns:
                return k
        return None

    def _actor(self, tok: Token | None, actors: ActorAnalysis) -> EventActor | None:
        if tok is None:
            return None
        tok = resolve_relative(tok)  # "the airport, which had been occupied": the airport
        start, end, text = noun_phrase(tok, exclude=self._trigger_ids)
        mention: ActorMention | None = actors.best_in(start, end, head=tok.idx)
        if mention is None:
            return EventActor(text, start, end)
        return EventActor(text, start, end, mention.code, mention.country, mention.sector, mention.name,
                          mention.entity)

    def _confidence(self, hit: Hit) -> float:
        c = hit.conf
        head = hit.support or hit.head
        if hit.frames and hit.frames[0] == "say":
            return 0.15
        if hit.code[:2] == "01":
            return min(c, 0.2)
        if hit.code[:2] == "02":
            c = min(c, 0.45)
        dep = head.dep_
        if dep == "ROOT":
            c += 0.2
        elif dep == "conj" and head.head.dep_ == "ROOT":
            c += 0.12
        elif dep == "ccomp" and _under_report(head):
            c += 0.15
        elif dep in ("advcl", "relcl", "acl", "pcomp", "csubj"):
            c -= 0.1
        elif dep in ("pobj", "compound", "npadvmod", "appos", "dobj", "nsubj", "nsubjpass", "attr"):
            c -= 0.15
        if hit.rank == "sub" and dep not in ("advcl", "relcl", "acl", "pcomp", "csubj"):
            c -= 0.1  # a clause below the main one, however it hangs there ("…, who was arrested")
        if hit.modality == "questioned":
            c *= 0.5
        return c

    def _mode(self, hit: Hit, ptype: str | None, default: str | None, lemmas: set[str]) -> str | None:
        if ptype is None:
            return None
        allowed = set(self.onto.plover_modes(ptype))
        if hit.mode and hit.mode in allowed:
            return hit.mode
        cues = self.lex.modes.get(ptype)
        if cues:
            for w in sorted(lemmas):
                m = cues.get(w)
                if m and m in allowed:
                    return m
        return default

    def _contexts(self, lemmas: set[str]) -> list[str]:
        return sorted({self.lex.contexts[w] for w in lemmas if w in self.lex.contexts})


# -- which events of a sentence are coded -------------------------------------------------------
def _rank(hit: Hit) -> str:
    """main: the sentence's own predication (main clause, its conjuncts, a reported clause);
    sub: a subordinate clause (relative, adverbial, purpose); background: an event noun
    inside another predicate's phrase ("after the attack", "the killing of …")."""
    head = hit.support or hit.head
    if hit.noun:
        return "main" if head.dep_ in ("ROOT",) else "background"
    t = head
    for _ in range(6):
        dep = t.dep_
        if dep == "ROOT":
            return "main"
        reported = dep in ("ccomp", "parataxis") and t.head.lemma_.lower() in REPORT_LEMMAS
        if dep in ("conj", "xcomp", "acomp") or reported:
            t = t.head  # "is willing to withdraw": the adjective carries the clause's predication
            continue
        if dep == "advcl" and t.tag_ == "VBG" and not any(c.dep_ in ("mark", "nsubj") for c in t.children):
            t = t.head  # "…, accusing her of fraud": the same actor's next act
            continue
        actor_verb = means_governor(t)
        if actor_verb is not None and actor_verb.pos_ == "VERB":
            t = actor_verb  # "helped by donating supplies": how the same actor acted
            continue
        return "sub"
    return "sub"


def _select(built: list[tuple[Hit, list[Event]]]) -> list[tuple[Hit, list[Event]]]:
    """The events of one sentence that are coded.

    An event noun inside another predicate's phrase ("after the attack", "the killing of …")
    usually recalls a happening told elsewhere; with the sentence's own main event present
    it is left out unless it names a known actor ("Russian airstrikes on Aleppo").
    Subordinate clauses stay, with a lower confidence (`_confidence`), when they are political
    (`_political_side_event`).
    """
    built = [(h, evs) for h, evs in built if h.rank == "main" or _political_side_event(h, evs)]
    if not any(h.rank == "main" and h.code[:2] not in ("01", "02") for h, _ in built):
        return built
    return [(h, evs) for h, evs in built if h.rank != "background" or _names_coded_actor(evs)]


def _names_coded_actor(evs: list[Event]) -> bool:
    return any((e.source and e.source.code) or (e.target and e.target.code) for e in evs)


def _official(actor: EventActor | None) -> bool:
    """A state or its government ("Japan", "the Chinese foreign ministry")."""
    return actor is not None and actor.country is not None and actor.sector in (None, "GOV")


def _political_actor(actor: EventActor | None) -> bool:
    """A coded actor other than a private person of no named nation ("a man", "an assailant")."""
    if actor is None or not actor.code:
        return False
    return actor.country is not None or actor.code[:3] not in PRIVATE_SECTORS


def _political_side_event(hit: Hit, evs: list[Event]) -> bool:
    """A side event (a subordinate clause, an event noun in another's phrase) is told in passing;
    it is political event data only when a known actor does or suffers it ("the convoy the
    Taliban attacked"; a private person of no named nation or the place where it happened do
    not count), or when the act is one only a state does, so that its unnamed doer is
    still an authority: arrests, charges, expulsions, administrative sanctions (172-174).
    "a soldier killed in action", "the centre, aimed at fighting fake news", "a driver who
    crashed" are background, not events between actors."""
    if hit.code[:3] in STATE_ACTS:
        return True
    place = _place_object(hit.target_tok)
    return any(_political_actor(e.source) or (not place and _political_actor(e.target)) for e in evs)


def _place_object(tok: Token | None) -> bool:
    """'a murder trial in Italy', 'exercises held in Norway': the place where it happened, which
    the coder takes as target when no one else is, is no one the event involves."""
    return (tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
            and tok.ent_type_ in ("GPE", "LOC", "FAC"))


# coercion that only authorities carry out: the act names its doer even when the text does not
STATE_ACTS = frozenset({"172", "173", "174"})
# civilians and criminals with no nation named: "a man", "two pedestrians", "an assailant"
PRIVATE_SECTORS = frozenset({"CVL", "CRM"})
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "throughout", "across", "into"})

INCLUDE_LEMMAS = frozenset({"include", "comprise"})


def _included(tok: Token) -> list[Token]:
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


def _hyphen_partners(tok: Token) -> list[Token]:
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


def _empty_statement(ev: Event) -> bool:
    """A statement (01x) by nobody about nobody says nothing: "Taking such a step would …",
    a byline's "contributed to this report"."""
    return ev.cameo[:2] == "01" and ev.source is None and ev.target is None


# -- parse helpers ------------------------------------------------------------------------------
def _depth(tok: Token) -> tuple[int, int]:
    d = 0
    t = tok
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d, tok.i


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in tok.children)


def _direct_object(tok: Token, passive: bool) -> Token | None:
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


def _shared_object(verb: Token) -> Token | None:
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
        return _shared_object(c)  # "train, arm and equip the rebels"
    return None


def _match_words(tok: Token, words: tuple[str, ...]) -> list[Token] | None:
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


def _names_target(noun: Token, preps: tuple[str, ...]) -> bool:
    """'strikes on the port', 'carried out strikes against rebel targets': the noun, or the verb
    it is the object of, aims at someone."""
    if _target_by_preps(noun, preps) is not None:
        return True
    return noun.dep_ in ("dobj", "obj") and _target_by_preps(noun.head, preps) is not None


def _particle_object(verb: Token, particles: tuple[str, ...]) -> Token | None:
    """The noun after a light verb's preposition ("go on strike", "engage in talks")."""
    if not particles:
        return None
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == particles[-1]:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "NOUN":
                    return g
    return None


def _obj_ok(obj: Token | None, allowed: frozenset[str]) -> bool:
    if obj is None:
        return False
    if obj.lemma_.lower() in allowed or obj.lower_ in allowed or _glued_lemma(obj) in allowed:
        return True
    if "-" in obj.lower_ and obj.lower_.partition("-")[0] in allowed:
        return True  # "COVID-19", one token
    if obj.lemma_.lower() in NAMED_BY_COMPOUND and any(
            c.dep_ == "compound" and (c.lemma_.lower() in allowed or _glued_lemma(c) in allowed)
            for c in obj.children):
        return True  # "the ceasefire agreement" is a ceasefire
    if "@any" in allowed:
        return True
    if "@gpe" in allowed and obj.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if "@person" in allowed and obj.ent_type_ in ("PERSON", "NORP", "ORG"):
        return True
    if "@money" in allowed and (obj.ent_type_ == "MONEY" or obj.lemma_.lower() in MONEY_WORDS):
        return True
    # "a series of attacks": look through quantity heads
    inner = _through_measure(obj)
    return inner is not obj and _obj_ok(inner, allowed)


# generic heads that take their kind from a compound: "ceasefire agreement", "truce deal"
NAMED_BY_COMPOUND = frozenset({"agreement", "deal", "accord", "pact", "arrangement", "regime", "line"})

MEASURE_HEADS = frozenset({"series", "wave", "number", "string", "round", "spate", "barrage", "couple",
                           "state", "amount", "shipment", "consignment", "batch", "ton", "tonne", "package",
                           "kind", "type", "set", "cache", "stash", "haul", "stockpile", "quantity", "huge",
                           "lot", "pile", "bundle"})


def _through_measure(tok: Token) -> Token:
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


def _glued_lemma(tok: Token) -> str | None:
    """'cease-fire' as one word: spaCy splits it into three tokens headed by 'fire'."""
    doc = tok.doc
    i = tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{tok.lemma_.lower()}"
    return None


def _match_prefix(tok: Token, prefix: tuple[str, ...]) -> list[Token] | None:
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


def _complements(tok: Token, obj: Token | None, frame: str) -> list[Token]:
    """Where a frame word's complement may be, most likely first."""
    out: list[Token] = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    if tok.pos_ in ("NOUN", "PROPN"):
        out += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and _has_to(c)]
        out += [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        out.append(obj)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "of", "against", "from"):
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    if frame in ("threaten", "deny", "accuse", "demand", "appeal", "investigate", "reject"):
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


def _purpose_clause(verb: Token, implicative: frozenset[str]) -> bool:
    """A to-infinitive clause that is an aim or a plan rather than a fact."""
    t = verb
    for _ in range(3):
        if _has_to(t):
            if t.dep_ == "xcomp" and t.head.lemma_.lower() in implicative:
                return False
            return t.dep_ in ("xcomp", "advcl", "relcl", "acl", "ccomp", "conj", "dep")
        if t.dep_ != "conj" or t.head.i == t.i:
            return False
        t = t.head
    return False


def _shared_prep_object(verb: Token, prep: str) -> Token | None:
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


def _has_to(verb: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children)


def _bare_frame(hit: Hit) -> bool:
    """A frame word that found no complement of its own ("to plan" in "to plan and conduct strikes")."""
    return bool(hit.frames) and not hit.planned and hit.code[:2] in ("01", "03")


# clause boundaries: events below these are told on their own, not part of the verb's phrases
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis", "xcomp", "csubj", "acl", "cc",
                         "mark", "punct", "aux", "auxpass", "neg"})


# "after the attack", "amid protests": another happening, told as background
SEPARATE_PREPS = frozenset({"after", "before", "since", "following", "amid", "amidst", "despite", "until",
                            "ahead", "prior"})


def _phrase_tokens(verb: Token) -> set[int]:
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


def _purpose(tok: Token) -> Token | None:
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


def _usable(tok: Token | None) -> bool:
    """Could this token head an actor phrase? Not 'on Monday', 'for 10 days'."""
    return tok is not None and tok.ent_type_ not in NOT_ACTOR_ENTS and tok.pos_ not in ("NUM", "ADV", "ADJ")


# prepositions on a predicate's object that name whom the act is aimed at
OBJECT_TARGET_PREPS = ("on", "against", "about", "over", "regarding", "to", "toward", "towards", "at", "with",
                       "into", "for")


def _object_prep(obj: Token, preps: Iterable[str], depth: int = 3) -> Token | None:
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
                        if g.dep_ == "pobj" and _usable(g):
                            return g
                if c.dep_ in ("prep", "pobj", "conj", "appos") or (c.dep_ == "acl" and c.tag_ == "VBN"):
                    nxt.append(c)  # "restrictions imposed on X": through a participle too
        level = nxt
    return None


def _place_target(tok: Token) -> Token | None:
    """With nobody else on the receiving end, annotators take the place acted on as the target
    ("declared a ceasefire in South Sudan", "killings throughout the region")."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "throughout", "across", "inside", "into"):
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC"):
                    return g
    return None


def _recipient(verb: Token) -> Token | None:
    """Whom a verb hands something to: the indirect object or 'to X' ("gave Putin a warning")."""
    for c in verb.children:
        if c.dep_ == "dative":
            if c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return _target_by_preps(verb, ("to",))


def _has_ccomp(tok: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in tok.children)


def _target_by_preps(tok: Token, preps: Iterable[str]) -> Token | None:
    preps = tuple(preps)
    if not preps:
        return None
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            for g in c.children:
                if g.dep_ == "pobj" and _usable(g):
                    return g
    return None


def _noun_targets(lex: Lexicon, noun: Token, default: tuple[str, ...] = ("on", "against")) -> tuple[str, ...]:
    for p in lex.nouns.get(noun.lemma_.lower(), ()):
        return p.target
    return default


# transitive harm verbs: with a number of people as subject and no object, no auxiliary, a
# headline's "4 policemen also killed" is passive even when tagged as a past tense
HARM_VERBS = frozenset({"kill", "injure", "wound", "hurt", "murder", "lynch", "massacre", "slaughter",
                        "behead", "stab", "shoot"})
QUANTITY_HEADS = frozenset({"round", "rounds", "spell", "burst", "volley", "hail", "incident", "incidents"})


def _prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition, through a second one: "due to the floods", "because of rain"."""
    out = [g for g in prep.children if g.dep_ == "pobj"]
    for c in prep.children:
        if c.dep_ in ("prep", "pcomp") and c.lower_ in ("to", "of"):
            out += [g for g in c.children if g.dep_ == "pobj"]
    return out


def _through_quantity(tok: Token) -> Token:
    """'rounds of firing', 'incidents of stabbing': the event noun behind a quantity head."""
    if tok.lemma_.lower() not in QUANTITY_HEADS and tok.lower_ not in QUANTITY_HEADS:
        return tok
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return tok


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


def _possessor(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    return None


def _joint(hit: Hit) -> None:
    """Joint action of armed forces is military cooperation (CAMEO 062), not an attack."""
    if hit.code[:2] in ("18", "19", "15") and _is_joint(hit):
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


def _under_report(tok: Token) -> bool:
    return _report_verb(tok) is not None


FIRST_PERSON = frozenset({"i", "we", "us", "me"})


def _deontic_frame(aux: str) -> str:
    """'X must do Y' demands (10x); 'X should do Y' appeals (02x)."""
    return "demand" if aux == "must" else "appeal"


def _obligation_statement(hit: Hit) -> None:
    """'Rights groups said the authorities must ensure security': a demand (100) on the inner
    subject even when the inner verb itself codes nothing; with "should" an appeal (020)."""
    for c in hit.head.children:
        aux = next((a.lower_ for a in c.children if a.dep_ == "aux" and a.lower_ in DEONTIC_AUX), None)
        if c.dep_ != "ccomp" or aux is None:
            continue
        if any(a.dep_ == "neg" for a in c.children) or _conditional(c):
            continue
        subs = [t for t in subjects_of(c, _is_passive(c))
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


def _report_verb(tok: Token) -> Token | None:
    """The reporting verb whose clause holds `tok` ("officials said [rebels attacked …]")."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in REPORT_LEMMAS:
            return t.head
        if t.dep_ in ("conj", "ccomp") and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def _cause_slots(verb: Token) -> list[Token]:
    """Where the cause of a harm may hang: the verb's own phrases, and those of its conjuncts,
    to which the parser often attaches a shared clause ("two were killed and five hurt when the
    bus overturned": the when-clause hangs on "hurt")."""
    slots = list(verb.children)
    for c in verb.children:
        if c.dep_ == "conj" and c.i > verb.i:
            slots += list(c.children)
            slots += [g for n in c.children if n.dep_ in ("acl", "amod") for g in n.children]
    return slots


def _imperative(verb: Token) -> bool:
    """'Talk to a teenager in the Bronx and …', 'Imagine a war with Iran': a sentence that opens
    with a bare verb and no subject tells the reader what to do; nothing has happened."""
    if verb.dep_ != "ROOT" or verb.tag_ != "VB" or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass", "csubj") for c in verb.children):
        return False
    before = verb.doc[verb.sent.start:verb.i]
    return all(t.is_punct or t.is_space or t.pos_ in ("ADV", "INTJ") for t in before)


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


def _trigger_span(tokens: list[Token]) -> Span:
    toks = sorted(tokens, key=lambda t: t.i)
    first = toks[0]
    # a contiguous trigger when the pieces are close ("carried out strikes"), else the main word
    last = toks[-1] if toks[-1].i - first.i <= 6 else first
    doc = first.doc
    start, end = first.idx, last.idx + len(last.text)
    return Span(doc_text(doc)[start:end], start, end)


# -- one event per happening --------------------------------------------------------------------
def merge_mentions(events: list[Event]) -> list[Event]:
    """The same happening told again (headline, lead, caption) becomes one event.

    Two events of different sentences are one when they share the CAMEO root, the modality
    and both sides name the same country, the codes being equal or one a narrower form of
    the other ("Pentagon" USAMIL and "the United States" USA). The merged event keeps the
    most specific telling (longest codes, then confidence) with all tellings in `mentions`,
    and stands where the happening was first told. Events with a side of no known country
    stay apart: "police arrested two men" told twice may well be two arrests.
    """
    out: list[Event] = []
    groups: dict[tuple[str, str, str, str], list[list[Event]]] = {}
    slot: dict[int, int] = {}  # id(group) -> index in out
    for ev in events:
        key = _merge_key(ev)
        if key is None:
            out.append(ev)
            continue
        group = next((g for g in groups.get(key, ()) if all(_same_happening(ev, o) for o in g)), None)
        if group is None:
            group = [ev]
            groups.setdefault(key, []).append(group)
            slot[id(group)] = len(out)
            out.append(ev)
        else:
            group.append(ev)
    for gs in groups.values():
        for group in gs:
            if len(group) > 1:
                out[slot[id(group)]] = _merged(group)
    return out


def _merge_key(ev: Event) -> tuple[str, str, str, str] | None:
    s, t = ev.source, ev.target
    if ev.negated or s is None or t is None or not s.country or not t.country:
        return None
    if "COP" in (s.sector, t.sector):
        return None  # police acts told in several sentences are mostly several acts
    return ev.cameo[:2], ev.modality, s.country, t.country


def _narrower_or_same(a: EventActor, b: EventActor) -> bool:
    ca, cb = a.code or a.country or "", b.code or b.country or ""
    return ca.startswith(cb) or cb.startswith(ca)


def _same_happening(a: Event, b: Event) -> bool:
    if a.sentence_index == b.sentence_index:
        return False  # two events of one sentence were told as two
    assert a.source and b.source and a.target and b.target
    return _narrower_or_same(a.source, b.source) and _narrower_or_same(a.target, b.target)


def _merged(group: list[Event]) -> Event:
    def weight(ev: Event) -> tuple[int, int, float]:
        actors = len((ev.source and ev.source.code) or "") + len((ev.target and ev.target.code) or "")
        return len(ev.cameo), actors, ev.confidence

    best = max(group, key=weight)  # max keeps the earliest among equals
    mentions = {(m.sentence_index, m.trigger.start): m for ev in group for m in ev.mentions}
    best.mentions = [mentions[k] for k in sorted(mentions)]
    best.confidence = max(ev.confidence for ev in group)
    return best
