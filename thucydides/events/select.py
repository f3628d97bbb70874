"""Selection: which of a sentence's events are coded.

The last stage of the event coder for one sentence. Each hit has a rank: the sentence's own
predication (main), a subordinate clause (sub) or an event noun in another's phrase
(background). Main events are always coded; a side event only when it is political event
data (see the events README).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from thucydides.events.assertion import report_verb
from thucydides.events.build import event_actor
from thucydides.events.context import Hit, SentenceContext
from thucydides.events.phrases import PLACE_ENTS
from thucydides.events.words import PLACE_PREPS, REPORT_LEMMAS, STATE_ACTS, STATE_NOUNS, VISIT_CODES, singular
from thucydides.models import Event, EventActor
from thucydides.syntax import means_governor, subjects_of

_RULE_CODES = re.compile(r":(\d{3,4})")  # the codes a hit's rule went through, innermost last
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
# civilians and criminals with no nation named: "a man", "two pedestrians", "an assailant"
PRIVATE_SECTORS = frozenset({"CVL", "CRM"})
# roots whose events are political only through who takes part: cooperation, talks, aid,
# concessions, investigations, demands, complaints, refusals and threats (03-13)
ACTOR_BOUND_ROOTS = frozenset(f"{n:02d}" for n in range(3, 14))


def rank_of(hit: Hit) -> str:
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


def select(built: list[tuple[Hit, list[Event]]]) -> list[tuple[Hit, list[Event]]]:
    """The events of one sentence that are coded.

    An event noun inside another predicate's phrase ("after the attack", "the killing of …")
    usually recalls a happening told elsewhere; with the sentence's own main event present
    it is left out unless it names a known actor ("Russian airstrikes on Aleppo").
    Subordinate clauses stay, with a lower confidence (see `build`), when they are political
    (`_political_side_event`).
    """
    built = [(h, kept) for h, evs in built if (kept := with_participants(h, evs))]
    built = [(h, kept) for h, evs in built if (kept := [e for e in evs if not _travel(h, e)])]
    built = [(h, evs) for h, evs in built
             if _political_side_event(h, evs) or (h.rank == "main" and _political_main_event(h, evs))]
    if not any(h.rank == "main" and h.code[:2] not in ("01", "02") for h, _ in built):
        return built
    return [(h, evs) for h, evs in built if h.rank != "background" or _names_coded_actor(evs)]


def private_opinion(ctx: SentenceContext, hit: Hit) -> bool:
    """'Critics argue that the sanctions punish ordinary Iranians', 'many believe Russia will
    withdraw': a prediction or a general claim voiced by no political actor (analysts, critics,
    readers, "many") is an opinion, not event data. What such a speaker tells as done stays
    ("residents said soldiers fired on the crowd"): a witness reports, an analyst forecasts."""
    head = hit.support or hit.head
    if hit.noun or not _predicted_or_general(hit, head):
        return False
    say = hit.appeal_from or report_verb(head)
    if say is None:
        return False
    speakers = subjects_of(say, False)
    if not speakers:
        return False
    who = speakers[0]
    actor = event_actor(ctx, who, set())
    if actor is not None and actor.code:
        return not _political_actor(actor)
    return not (who.pos_ == "PRON" or _names_someone(who))


def _predicted_or_general(hit: Hit, head: Token) -> bool:
    if hit.modality == "intended":
        return True  # "will withdraw", "must resign"
    # "the sanctions punish …": a simple present tells a state of affairs, not a happening
    return head.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in head.children)


def _names_coded_actor(evs: list[Event]) -> bool:
    return any((e.source and e.source.code) or (e.target and e.target.code) for e in evs)


def _political_actor(actor: EventActor | None) -> bool:
    """A coded actor other than a private person of no named nation ("a man", "an assailant"),
    or an uncoded one named as a state ("the two countries", "both sides")."""
    if actor is None:
        return False
    if not actor.code:
        return singular(actor.text.split()[-1].lower()) in STATE_NOUNS if actor.text.split() else False
    return actor.country is not None or actor.code[:3] not in PRIVATE_SECTORS


def _possible_speaker(actor: EventActor | None, doc: Doc) -> bool:
    """A speaker whose words may be event data: a political actor, or a name or pronoun the
    dictionaries do not know (an official the text names); not a coded private person ("the
    pharmacist", "a refugee") nor an uncoded common noun ("parents", "the student")."""
    if actor is None:
        return False
    if actor.code:
        return _political_actor(actor)
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(_names_someone(t) for t in span)


def _names_someone(tok: Token) -> bool:
    """A name or a pronoun, by the parse, not by capitals: "Critics" opening a sentence is
    capitalised and still a common noun; "Haddad" or "the Wagner Group" is a name."""
    if tok.lower_ in SPEAKER_PRONOUNS:
        return True
    return tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


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


def _political_main_event(hit: Hit, evs: list[Event]) -> bool:
    """The sentence's own predication is event data when someone political takes part in it.

    "She talked warmly with her customers", "the doctor visited her father", "the storm helped
    nobody": private people's dealings are no political event however plainly told, so
    cooperation, consultation, demands, complaints and threats (03-13) need a political actor
    on one side. Force (14-20) keeps its own tests (non-agents, accidents): a bombing that killed
    nine people is political violence even when the text never names who set the bomb.
    Statements and appeals (01, 02) are event data only from a political speaker: a refugee's,
    a parent's or a pharmacist's words stay quotes."""
    root = hit.code[:2]
    if root in ("01", "02"):
        return any(_possible_speaker(e.source, hit.head.doc) for e in evs)
    if root not in ACTOR_BOUND_ROOTS:
        return True
    return any(_political_actor(e.source) or _political_actor(e.target) for e in evs)


def _travel(hit: Hit, ev: Event) -> bool:
    """A visit, made or planned, with no visitor, no coded host, or whose host is a place or an
    institution of the visitor's own country ("he toured the damage", "the diplomats were flown
    to Paris", "plans to travel to a city in the heartland", "the minister visited the army's
    headquarters"): a journey, not a visit between two actors."""
    planned = _RULE_CODES.findall(hit.rule)
    planned_visit = ev.cameo[:2] == "03" and bool(planned) and planned[-1][:3] in VISIT_CODES
    if ev.cameo[:3] not in VISIT_CODES and not planned_visit:  # troops arriving (154) are no visit
        return False
    src, tgt = ev.source, ev.target
    if src is None or not src.code or tgt is None or not tgt.code:
        return True
    # a visit is between two states or a state and an organisation, never within one
    return src.country is not None and src.country == tgt.country


def _place_object(tok: Token | None) -> bool:
    """'a murder trial in Italy', 'exercises held in Norway': the place where it happened, which
    the coder takes as target when no one else is, is no one the event involves."""
    return (tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
            and tok.ent_type_ in PLACE_ENTS)


def with_participants(hit: Hit, evs: list[Event]) -> list[Event]:
    """An event needs someone on one side. A statement by nobody about nobody ("Taking such a
    step would …", a byline's "contributed to this report") says nothing; an act told as a bare
    noun or an agentless passive with nobody it befell ("the latest arrest brought to nine …",
    "an investigation is under way", "deportation is a heated topic") adds to the day's counts
    with no dyad to count it in; annotators leave "the war raged" out for the same reason. A verb
    of arrest, charge or expulsion still reports an act of the authorities even when the sentence names nobody
    ("… and were arrested on Friday"), and so does its noun with someone it befell."""
    if hit.code[:3] in STATE_ACTS and (not hit.noun or hit.target_tok is not None):
        return evs  # "triggered the arrest of tycoons": someone it befell, if unnamed
    if "03" <= hit.code[:2] <= "16":
        # "the talks were suspended", "elections were postponed", "60,000 people were evacuated":
        # talks, deals, aid and sanctions are done by someone; with no doer and no known actor
        # it befell the text does not say who acted (force, 17-20, keeps its own tests)
        if hit.noun and hit.rank == "background":
            # "developing the strategic partnership with Vietnam", "a trade deal with the US",
            # "the expulsion of Russian diplomats" in another's phrase: a relation or a past act
            # named in passing, with nobody said to have done it now
            return [e for e in evs if e.source is not None]
        return [e for e in evs if e.source is not None or (e.target is not None and e.target.code)]
    return [e for e in evs if e.source is not None or e.target is not None]
