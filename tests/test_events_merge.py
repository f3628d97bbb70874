"""Event coder, round 3: one event per happening, and the roles of round 3.

Our own sentences, one family per fix: a happening told in several sentences becomes one
event with several mentions; the maker of a rejected proposal is the target; verbs conjoined
before one object share it; brokers of a truce and groups that break it; empty statements;
the two senses of "strike"; the place left in a withdrawal.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder, merge_mentions
from thucydides.events.lexicon import LexiconError, load_lexicon
from thucydides.models import Event, EventActor, Mention, Plover, Span


def code(nlp: Language, coder: EventCoder, resolver: ActorResolver, text: str) -> list[Event]:
    doc = nlp(text)
    return coder.code(doc, resolver.resolve(doc, None), "t")


def live(events: list[Event], prefix: str = "") -> list[Event]:
    return [e for e in events if not e.negated and e.cameo.startswith(prefix)]


def country(side: EventActor | None) -> str | None:
    return side.country if side else None


# -- one event per happening -------------------------------------------------------------------
def _event(si: int, cameo: str, src: str, tgt: str, conf: float = 0.5, modality: str = "asserted",
           negated: bool = False, src_sector: str | None = None) -> Event:
    trig = Span("did", si * 10, si * 10 + 3)
    return Event(id="", sentence_index=si, trigger=trig,
                 source=EventActor(src, 0, 1, src, src[:3], src_sector),
                 target=EventActor(tgt, 2, 3, tgt, tgt[:3]), cameo=cameo, quad_class=3,
                 goldstein=-4.0, plover=Plover("REJECT"), negated=negated, confidence=conf,
                 modality=modality, mentions=[Mention(si, trig)])


def test_headline_lead_and_caption_are_one_event_with_the_most_specific_coding() -> None:
    evs = merge_mentions([_event(0, "1212", "USAMIL", "RUS", 0.9), _event(1, "1212", "USA", "RUS", 0.95),
                          _event(4, "120", "USA", "RUS", 0.7)])
    assert len(evs) == 1
    ev = evs[0]
    assert ev.cameo == "1212" and ev.source is not None and ev.source.code == "USAMIL"
    assert ev.confidence == 0.95
    assert [m.sentence_index for m in ev.mentions] == [0, 1, 4]


@pytest.mark.parametrize("other", [
    _event(1, "1212", "USAGOV", "RUS"),           # another body of the same state
    _event(1, "1212", "USAMIL", "RUS", modality="intended"),
    _event(1, "1212", "USAMIL", "RUS", negated=True),
    _event(1, "0312", "USAMIL", "RUS"),           # another root
    _event(1, "1212", "USAMIL", "CHN"),
    _event(0, "1212", "USAMIL", "RUS"),           # told twice in one sentence: two events
])
def test_different_happenings_stay_apart(other: Event) -> None:
    assert len(merge_mentions([_event(0, "1212", "USAMIL", "RUS"), other])) == 2


def test_police_acts_are_never_merged() -> None:
    evs = [_event(si, "173", "INDCOP", "IND", src_sector="COP") for si in (0, 3)]
    assert len(merge_mentions(evs)) == 2


def test_rejection_told_twice_in_an_article_is_one_event(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "The Kremlin rejected Tokyo's offer of joint naval drills. "
               "Later, Russia rejected an offer from Japan to hold joint naval exercises.")
    rejects = live(evs, "12")
    assert len(rejects) == 1, [(e.cameo, e.source, e.target) for e in rejects]
    assert country(rejects[0].source) == "RUS" and country(rejects[0].target) == "JPN"
    assert [m.sentence_index for m in rejects[0].mentions] == [0, 1]


# -- roles ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,target", [
    ("Turkey turned down a request from Greece to reopen the border.", "GRC"),
    ("Chile rejected a proposal by Peru to redraw the maritime border.", "PER"),
])
def test_rejected_proposal_targets_whoever_made_it(nlp, coder, resolver, text: str, target: str) -> None:
    rejects = live(code(nlp, coder, resolver, text), "12")
    assert rejects and all(country(e.target) == target for e in rejects), \
        [(e.cameo, e.target) for e in rejects]


def test_conjoined_verbs_share_the_object_of_the_last(nlp, coder, resolver) -> None:
    evs = live(code(nlp, coder, resolver, "Iran is financing and arming the Houthi rebels."))
    financing = [e for e in evs if e.trigger.text == "financing"]
    assert financing and financing[0].cameo[:2] in ("05", "07")
    assert financing[0].target is not None and financing[0].target.text == "the Houthi rebels"


def test_frame_verb_keeps_the_next_verb_as_its_complement(nlp, coder, resolver) -> None:
    text = "Oslo proposed to Sweden joint action to plan and conduct naval strikes."
    evs = live(code(nlp, coder, resolver, text))
    assert any(e.cameo == "0312" for e in evs), [(e.cameo, e.why["rule"]) for e in evs]


def test_truce_brokers_fused_with_a_hyphen_are_each_a_source(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "A fragile Turkey-U.S.-brokered truce is barely holding.")
    truce = live(evs, "087")
    assert {country(e.source) for e in truce} == {"TUR", "USA"}, [(e.cameo, e.source) for e in truce]


def test_hyphenated_brokers_of_a_participle_verb(nlp, coder, resolver) -> None:
    evs = live(code(nlp, coder, resolver, "An Egypt-Qatar-brokered truce took effect on Sunday."))
    brokers = {country(e.source) for e in evs if e.cameo[:2] in ("04", "08")}
    assert {"EGY", "QAT"} <= brokers


def test_hyphenated_names_are_not_split(nlp, coder, resolver) -> None:
    evs = live(code(nlp, coder, resolver, "Al-Shabaab refuses to lift the ban on aid agencies."))
    assert {e.source.text for e in evs if e.source} == {"Al-Shabaab"}


def test_truce_not_honoured_by_groups_that_include_named_ones_is_broken_by_them(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "The truce is barely holding and is not being respected by factions "
               "that include Hamas and Islamic Jihad.")
    broken = live(evs, "19")
    assert {e.source.text for e in broken if e.source} == {"Hamas", "Islamic Jihad"}
    assert all(e.cameo == "196" for e in broken)


def test_not_observing_a_ceasefire_is_violating_it(nlp, coder, resolver) -> None:
    evs = live(code(nlp, coder, resolver, "The rebels did not observe the ceasefire."))
    assert [e.cameo for e in evs] == ["196"]


def test_an_aside_with_including_keeps_the_group(nlp, coder, resolver) -> None:
    evs = live(code(nlp, coder, resolver, "Rebel groups, including Hamas, attacked the checkpoint."))
    assert any(e.source is not None and e.source.text == "Rebel groups" for e in evs), \
        [(e.cameo, e.source) for e in evs]


# -- statements with no one in them ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Taking such measures would help the talks.",
    "John Smith contributed to this report.",
    "Jane Doe contributed reporting from Paris.",
])
def test_statement_by_nobody_or_byline_is_not_an_event(nlp, coder, resolver, text: str) -> None:
    assert code(nlp, coder, resolver, text) == []


# -- strike: work stoppage or attack -----------------------------------------------------------
@pytest.mark.parametrize("text", ["Nurses went on strike over wages.",
                                  "Dock workers staged a strike in the port."])
def test_workers_strike_is_a_protest(nlp, coder, resolver, text: str) -> None:
    evs = live(code(nlp, coder, resolver, text))
    assert [e.cameo for e in evs] == ["143"]


@pytest.mark.parametrize("text", ["Jets carried out strikes on militant bases.",
                                  "The first Israeli strike since the vote killed three fighters."])
def test_strike_with_a_target_or_military_cue_is_an_attack(nlp, coder, resolver, text: str) -> None:
    evs = live(code(nlp, coder, resolver, text))
    assert any(e.cameo[:2] == "19" for e in evs) and not any(e.cameo[:2] == "14" for e in evs)


# -- withdrawal: the place left is the target --------------------------------------------------
@pytest.mark.parametrize("text,target", [
    ("Moscow removed its troops from Georgia.", "GEO"),
    ("France recalled its ambassador from Rome.", "ITA"),
])
def test_withdrawal_from_a_place_targets_it(nlp, coder, resolver, text: str, target: str) -> None:
    evs = live(code(nlp, coder, resolver, text))
    assert evs and country(evs[0].target) == target, [(e.cameo, e.target) for e in evs]


def test_expelling_from_ones_own_capital_does_not_target_it(nlp, coder, resolver) -> None:
    evs = live(code(nlp, coder, resolver, "Russia expelled two diplomats from Moscow."))
    assert evs and all(e.target is not None and e.target.text == "two diplomats" for e in evs)


# -- the lexicon fields behind these rules -----------------------------------------------------
@pytest.mark.parametrize("body,reason", [
    ('nouns:\n  spat: [{code: "143", cue: NOSUCHCLASS}]\n', "cue/unless must name a class"),
    ('verbs:\n  keep: [{obj: [truce], code: "0871", if_negated: "999"}]\n', "unknown CAMEO code"),
])
def test_new_pattern_fields_are_checked(tmp_path: Path, body: str, reason: str) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text(body)
    with pytest.raises(LexiconError, match=reason) as err:
        load_lexicon([p])
    assert "bad.yaml" in str(err.value)


def test_user_file_can_block_a_verb_use_and_give_a_negated_code(nlp, resolver, tmp_path: Path) -> None:
    p = tmp_path / "mine.yaml"
    p.write_text('verbs:\n  applaud: [{with: "politely", code: "051", skip: true}, {code: "051"}]\n'
                 '  heed: [{obj: [warning], code: "0871", if_negated: "128"}]\n')
    mine = EventCoder([p])
    polite, unheeded = nlp("Lima applauded politely."), nlp("Lima did not heed the warning.")
    assert mine.code(polite, resolver.resolve(polite, None), "t") == []
    evs = mine.code(unheeded, resolver.resolve(unheeded, None), "t")
    assert [e.cameo for e in evs if not e.negated] == ["128"]
