"""Building events: a hit with its roles becomes `Event`s with actors, codes and confidence.

A stage of the event coder after matching, modality and codes: the argument roles
(`thucydides.events.roles`) name the heads of the source and target phrases, the actor layer
codes them, and the codebook gives each event its class, Goldstein value and PLOVER type.
"""

from __future__ import annotations

from spacy.tokens import Token

from thucydides import ontology
from thucydides.actors.codes import INTERNATIONAL
from thucydides.events.context import Hit, SentenceContext
from thucydides.events.modality import under_report
from thucydides.events.phrases import PLACE_ENTS, hyphen_partners
from thucydides.events.roles import clause_target, doer_nouns, event_roles, expand_heads, noun_phrase
from thucydides.events.targets import named_or_place
from thucydides.events.words import (
    ABSTRACTION_NOUNS,
    ARGUMENT_NOUNS,
    EXCHANGE_VERBS,
    FORCE_ROOTS,
    HAPPENING_NOUNS,
    IMPLIED_AUTHORITY,
    INSTRUMENTS_OF_FORCE,
    KIN_NOUNS,
    MUTUAL_VERBS,
    OPPONENT_NOUNS,
    RECALLED_ACTS,
    RECIPROCAL_CODES,
    STATE_ACT_PLACE_PREPS,
    STATE_ACTS_PLACED,
    THING_NOUNS,
)
from thucydides.models import IMPLIED_SOURCE, ActorMention, Event, EventActor, Mention, Plover, Span
from thucydides.nlp import doc_text
from thucydides.syntax import resolve_relative

# entity types that are amounts, never someone an event is done to
THING_ENTS = ("MONEY", "QUANTITY", "PERCENT", "CARDINAL", "DATE", "TIME", "ORDINAL")


def build_events(ctx: SentenceContext, hit: Hit) -> list[Event]:
    """The events of one hit: one per source and target pair (up to three of each), with the
    codebook's class, PLOVER type, mode and context, and why it was coded."""
    si = ctx.index
    try:
        info = ontology.lookup(hit.code)
    except KeyError:
        return []
    src_heads, tgt_heads = event_roles(ctx, hit)
    tgt_heads = [clause_target(ctx, t) for t in tgt_heads]
    src_heads, tgt_heads = expand_heads(ctx, src_heads), expand_heads(ctx, tgt_heads)
    trigger_ids = {t.i for t in hit.trigger} | {hit.head.i} | hit.consumed
    # "Russia-U.S.-brokered": each country its own actor, not one phrase
    trigger_ids |= {p.i for h in src_heads + tgt_heads for p in hyphen_partners(h) if ctx.coded(p)}
    coordinated = len(src_heads) >= 2 and all(h is not None and h.dep_ == "conj" for h in src_heads[1:])
    if coordinated and _reciprocal(hit) and not any(_partner(ctx, t) for t in tgt_heads):
        # "Russia and Turkey signed an agreement", "Iran and Iraq held talks": each side is
        # the other's partner, one event between them, not one per side with a
        # place ("in Sochi") in the partner's seat
        src_heads, tgt_heads = src_heads[:1], src_heads[1:]
    src_heads = src_heads[:3] or [None]
    tgt_heads = tgt_heads[:3] or [None]
    if (hit.code == "140" and not hit.noun and src_heads[0] is not None
            and all(_official(event_actor(ctx, h, trigger_ids)) for h in src_heads if h is not None)):
        # "Manila summoned the envoy to protest the incident": a state protests by complaining
        # officially (114); demonstrations (14x) are what people in the street do
        hit.code = "114"
        hit.rule += "+official"
        info = ontology.lookup(hit.code)
    conf = _confidence(hit)
    mode = _plover_mode(ctx, hit, info.plover_type, info.plover_mode)
    context = list(dict.fromkeys([*info.plover_context, *hit.context, *_contexts(ctx)]))[:4]
    trig = _trigger_span(hit.trigger)
    words = [t_.text for t_ in sorted(hit.trigger, key=lambda x: x.i)]
    why: dict[str, object] = {"rule": hit.rule, "tokens": words, "lemma": hit.lemma,
                              "frames": list(hit.frames), "clause": hit.rank}
    if hit.planned:
        # the action proposed, threatened or asked for: the time stage can date it on its own
        why["planned"] = _trigger_span(hit.planned).to_dict()
    out = []
    pairs = [(s, t) for s in src_heads for t in tgt_heads]
    if coordinated and hit.lemma in EXCHANGE_VERBS and tgt_heads == [None]:
        # "Israel and Hezbollah traded fire": each side fired at the other, one event each way
        pairs = [(s, t) for s in src_heads for t in src_heads if s is not t]
    for s, t in pairs:
        if s is not None and t is not None and s.i == t.i:
            t = None
        src = force_behind(event_actor(ctx, s, trigger_ids), s)
        if src is not None and hit.code[:2] not in FORCE_ROOTS and _no_doer(ctx, s):
            src = None  # "a deal with the Syrian government allowed …": the deal acts on no one
        if s is None:
            src = placed_authority(ctx, hit, trigger_ids)
        if s is None and src is None and (src := implied_authority(hit)) is not None:
            why["source"] = IMPLIED_SOURCE
        tgt = event_actor(ctx, t, trigger_ids)
        if t is not None and t.lemma_.lower() in ABSTRACTION_NOUNS:
            tgt = None  # "ending the Syrian conflict": a state of affairs, not Syria
        if tgt is not None and not tgt.code and (owner := _owner_of_thing(ctx, t)) is not t:
            t, tgt = owner, event_actor(ctx, owner, trigger_ids)  # "the ideology of radical Islam"
        if tgt is not None and not tgt.code and not named_or_place(ctx.lex, t) and (
                hit.rank != "main" or (hit.code[:2] not in ("01", "02") and _thing(ctx, t))):
            # a target names someone or somewhere: "to meet security challenges", "$3.5bn",
            # "the gas", "his decision" are things and sums, not anyone the event is done to;
            # a side event keeps only a named target
            tgt = None
        if hit.code[:2] in FORCE_ROOTS and (src is None or not src.code) and not hit.noun:
            # "The strikes killed 37 people": whose strikes (events/recall.py)
            doer = next((n for n in doer_nouns(hit.support or hit.head) if _recalls_an_act(n)), None)
            if doer is not None:
                why["doer"] = doer.lemma_.lower()
        # "condemned the attacks", "rejected the warning": whose (events/recall.py)
        taken_up = t if t is not None else (hit.planned[0] if hit.planned else None)
        if taken_up is not None and (tgt is None or not tgt.code) and _recalls_an_act(taken_up):
            why["object"] = taken_up.lemma_.lower()
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


def _no_doer(ctx: SentenceContext, tok: Token | None) -> bool:
    """A subject that is a thing or a happening, not an actor: "the deal allowed troops to
    deploy", "the law bans …", "the talks produced …" (whatever actor its phrase names is a party
    to it, not its doer)."""
    if tok is None or tok.pos_ != "NOUN" or ctx.actorish(tok):
        return False
    lemma = tok.lemma_.lower()
    return lemma in THING_NOUNS or lemma in HAPPENING_NOUNS


def _recalls_an_act(tok: Token) -> bool:
    """'the attacks', 'this warning': a definite noun with no owner named, which may take up an
    act told before."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in RECALLING_DETERMINERS
                                     for c in tok.children):
        return False
    return not any(c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN")
                   for c in tok.children)


RECALLING_DETERMINERS = frozenset({"the", "this", "these", "that", "those", "such"})


def _owner_of_thing(ctx: SentenceContext, tok: Token | None) -> Token | None:
    """'rejected Janša's assessment', 'criticised the rule of the militia': a view, a decision or
    a sum that names no one itself points to the actor it belongs to. Anything else as is."""
    if tok is None or tok.lemma_.lower() not in THING_NOUNS | ARGUMENT_NOUNS:
        return tok
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ != "PRON" and ctx.actorish(c):
            return c
        if c.dep_ == "prep" and c.lower_ == "of":
            owner = next((g for g in c.children if g.dep_ == "pobj"), None)
            if owner is not None and ctx.actorish(owner):
                return owner
    return tok


def _partner(ctx: SentenceContext, tok: Token | None) -> bool:
    """A target named as the other side ("talks with Turkey", "fought the rebels"), not the
    place or matter of the act ("in Sochi", "an agreement on Idlib")."""
    if tok is None:
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "against"):
        return True
    return ctx.actorish(tok) and tok.ent_type_ not in PLACE_ENTS  # "members of NATO"


def _reciprocal(hit: Hit) -> bool:
    """Acts two sides do together: talks, agreements, cooperation. (A clash stays one event per
    side: who is the aggressor, the police or the crowd, the words do not say.)"""
    return any(hit.code[:n] in RECIPROCAL_CODES for n in (2, 3, 4)) or hit.lemma in MUTUAL_VERBS


def event_actor(ctx: SentenceContext, tok: Token | None, trigger_ids: set[int]) -> EventActor | None:
    """The actor whose phrase `tok` heads, leaving out the event's own words (`trigger_ids`)."""
    if tok is None or tok.ent_type_ in ("DATE", "TIME"):
        return None  # "promised Monday to act", parsed as an object: a day is no one
    tok = resolve_relative(tok)  # "the airport, which had been occupied": the airport
    start, end, text = noun_phrase(tok, exclude=trigger_ids)
    mention: ActorMention | None = ctx.actors.best_in(start, end, head=tok.idx)
    if ((mention is None or not mention.code) and tok.dep_ == "appos" and tok.head.pos_ == "PROPN"
            and tok.lemma_.lower() not in RECALLED_ACTS):
        # "Hezbollah, a Shiite movement that fought Israel": the description stands for the name
        name = tok.head
        mention = ctx.mention(name) or mention
    if mention is None:
        return EventActor(text, start, end)
    if tok.lemma_.lower() in KIN_NOUNS and not mention.start <= tok.idx < mention.end:
        # "the sister of the Cuban dictator": his relative, a private person of his country
        country = mention.country if mention.country not in INTERNATIONAL else None
        return EventActor(text, start, end, (country or "") + "CVL", country, "CVL")
    if tok.lemma_.lower() in OPPONENT_NOUNS and not mention.start <= tok.idx < mention.end:
        # "critics of the government", "Erdogan's opponents": that one's country's opposition
        country = mention.country if mention.country not in INTERNATIONAL else None
        return EventActor(text, start, end, (country or "") + "OPP", country, "OPP")
    return EventActor(text, start, end, mention.code, mention.country, mention.sector, mention.name,
                      mention.entity)


def placed_authority(ctx: SentenceContext, hit: Hit, trigger_ids: set[int]) -> EventActor | None:
    """'Ten journalists are imprisoned in Azerbaijan', 'diplomats being expelled from the United
    States': an agentless passive of an act only a state's authorities carry out names the state
    by the country it was done in or from. Only a country (or its capital as its government)
    counts: a town or a region is where it happened, not who did it."""
    if hit.noun or hit.code[:3] not in STATE_ACTS_PLACED:
        return None
    head = hit.head
    if not _passive(head):
        return None
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in STATE_ACT_PLACE_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or obj.ent_type_ != "GPE":
                continue
            actor = event_actor(ctx, obj, trigger_ids)
            if actor is not None and actor.code and actor.code == actor.country and actor.sector is None:
                return actor
    return None


def implied_authority(hit: Hit) -> EventActor | None:
    """'The opposition leader was arrested on Monday': only a state's police arrest, so the act
    has a doer the sentence leaves unsaid, the authorities of the country where it happened.
    The actor stands on the passive verb, with the sector that does the act and no country: the
    article's place or dominant country gives it one (actors/nationality.py), or none."""
    sector = IMPLIED_AUTHORITY.get(hit.code[:3])
    if hit.noun or sector is None or not _passive(hit.head):
        return None
    span = _trigger_span(hit.trigger)
    return EventActor(span.text, span.start, span.end, sector, None, sector)


def _passive(head: Token) -> bool:
    """'was arrested', 'a journalist jailed for …': done to its subject or noun, by no one named."""
    return head.dep_ in ("acl", "amod") or any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)


def _thing(ctx: SentenceContext, tok: Token | None) -> bool:
    """A sum, a substance, a document or an abstraction ("$3.5 million", "the gas", "his
    decision"): nothing an event is done to, unless an actor owns it ("the council's decision")."""
    if tok is None or ctx.actorish(tok):
        return False
    if any(c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN") for c in tok.children):
        return False
    return tok.ent_type_ in THING_ENTS or tok.lemma_.lower() in THING_NOUNS


def force_behind(actor: EventActor | None, head: Token | None) -> EventActor | None:
    """'A Turkish missile strike killed three': the doer is the Turkish military, not the missile;
    'an RPG hit the checkpoint': a weapon with no one named behind it leaves the doer unknown."""
    if actor is None or head is None or head.lemma_.lower() not in INSTRUMENTS_OF_FORCE:
        return actor
    if actor.country is None:
        return None
    if actor.country in INTERNATIONAL:
        # "an al-Qaida car bomb", "a NATO air strike": the group or the alliance itself
        return actor if actor.code and actor.code != actor.country else None
    sector = actor.sector or "MIL"
    return EventActor(actor.text, actor.start, actor.end, actor.country + sector, actor.country, sector,
                      actor.name, actor.entity)


def _confidence(hit: Hit) -> float:
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
    elif dep == "ccomp" and under_report(head):
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


def _plover_mode(ctx: SentenceContext, hit: Hit, ptype: str | None, default: str | None) -> str | None:
    if ptype is None:
        return None
    allowed = set(ontology.plover_modes(ptype))
    if hit.mode and hit.mode in allowed:
        return hit.mode
    cues = ctx.lex.modes.get(ptype)
    if cues:
        for w in sorted(ctx.lemmas):
            m = cues.get(w)
            if m and m in allowed:
                return m
    return default


def _contexts(ctx: SentenceContext) -> list[str]:
    return sorted({ctx.lex.contexts[w] for w in ctx.lemmas if w in ctx.lex.contexts})


def _official(actor: EventActor | None) -> bool:
    """A state or its government ("Japan", "the Chinese foreign ministry")."""
    return actor is not None and actor.country is not None and actor.sector in (None, "GOV")


def _trigger_span(tokens: list[Token]) -> Span:
    toks = sorted(tokens, key=lambda t: t.i)
    first = toks[0]
    # a contiguous trigger when the pieces are close ("carried out strikes"), else the main word
    last = toks[-1] if toks[-1].i - first.i <= 6 else first
    doc = first.doc
    start, end = first.idx, last.idx + len(last.text)
    return Span(doc_text(doc)[start:end], start, end)
