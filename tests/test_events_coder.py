"""Event coder on our own sentences: codes, roles, modality, negation, merging."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.actors.analysis import ActorAnalysis
from thucydides.events import EventCoder
from thucydides.models import ActorMention, Event


@lru_cache(maxsize=1)
def real_resolver() -> ActorResolver:
    """The shipped actor dictionaries: whether an event is political depends on who is named."""
    return ActorResolver()


def code(nlp: Language, coder: EventCoder, text: str, actors: ActorAnalysis | None = None) -> list[Event]:
    doc = nlp(text)
    return coder.code(doc, actors or real_resolver().resolve(doc, None), "t")


def main(events: list[Event]) -> Event:
    """The event the referee would take as the sentence's representative."""
    live = [e for e in events if not e.negated and e.cameo[:2] not in ("01", "02")] or events
    return max(live, key=lambda e: e.confidence)


def codes(events: list[Event]) -> set[str]:
    return {e.cameo for e in events if not e.negated}


# -- the reference-article families, in our own words ------------------------------------------
def test_rejecting_a_joint_strike_proposal_is_reject_military_cooperation(nlp, coder) -> None:
    ev = main(code(nlp, coder, "Britain rejected China's offer to conduct joint naval strikes near Yemen."))
    assert ev.cameo == "1212"
    assert ev.plover.type == "REJECT"
    assert ev.source is not None and ev.source.text == "Britain"
    assert ev.target is not None and ev.target.text.startswith("China")
    assert "joint naval strikes" not in ev.target.text


def test_proposing_joint_airstrikes_is_intent_to_cooperate_militarily(nlp, coder) -> None:
    text = "The French defence minister proposed joint airstrikes against the militants."
    ev = main(code(nlp, coder, text))
    assert ev.cameo == "0312"
    assert ev.plover.type == "AGREE"
    assert ev.modality == "intended"


def test_bombing_campaign_is_aerial_assault_for_each_conjoined_actor(nlp, coder) -> None:
    text = "Canada and Australia have been carrying out bombing campaigns against the rebels."
    evs = code(nlp, coder, text)
    attacks = [e for e in evs if e.cameo == "195"]
    assert {e.source.text for e in attacks if e.source} == {"Canada", "Australia"}
    assert all(e.plover.type == "ASSAULT" for e in attacks)
    assert all(e.target is not None and e.target.text == "the rebels" for e in attacks)


def test_withdrawing_troops_is_retreat_withdraw(nlp, coder) -> None:
    ev = main(code(nlp, coder, "In June, the Kenyan president began withdrawing troops from Somalia."))
    assert ev.cameo == "0874"
    assert ev.plover.type == "RETREAT" and ev.plover.mode == "withdraw"
    assert ev.source is not None and ev.source.text == "the Kenyan president"


def test_ceasefire_is_truce(nlp, coder) -> None:
    evs = code(nlp, coder, "The two armies declared a ceasefire on Sunday.")
    ev = main(evs)
    assert ev.cameo == "0871"
    assert ev.plover.mode == "ceasefire"


def test_backing_a_regime_is_support(nlp, coder) -> None:
    ev = main(code(nlp, coder, "Iran has long backed the government in Damascus."))
    assert ev.cameo[:2] in ("05", "07")


def test_we_do_not_collaborate_is_never_cooperation(nlp, coder) -> None:
    evs = code(nlp, coder, "We do not collaborate or coordinate with the Chinese on any missions.")
    assert not any(e.cameo[:2] in ("03", "04", "05", "06", "07", "08") and not e.negated for e in evs)
    assert any(e.cameo[:2] == "12" for e in evs)


# -- verb families -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, root", [
    ("The opposition called for the release of all political prisoners.", "02"),
    ("The union urged the government to raise wages.", "02"),
    ("Pakistan offered to mediate between the two sides.", "03"),
    ("The presidents met in Geneva on Tuesday.", "04"),
    ("The prime minister visited Tokyo last week.", "04"),
    ("Norway praised the peace deal.", "05"),
    ("The two countries signed a trade agreement.", "05"),
    ("The navies of both states will share intelligence.", "03"),
    ("Japan sent humanitarian aid to the flood victims.", "07"),
    ("The rebels released twelve hostages.", "08"),
    ("The minister stepped down after the scandal.", "08"),
    ("Prosecutors opened an investigation into the bank.", "09"),
    ("The workers demanded higher pay.", "10"),
    ("Amnesty condemned the killings.", "11"),
    ("The opposition accused the ruling party of vote rigging.", "11"),
    ("The court rejected the appeal.", "12"),
    ("The general threatened to shell the town.", "13"),
    ("Thousands of students protested against the new law.", "14"),
    ("The army deployed tanks along the border.", "15"),
    ("Washington imposed sanctions on three banks.", "16"),
    ("Police arrested five suspects on Monday.", "17"),
    ("Gunmen kidnapped two aid workers.", "18"),
    ("A car bomb killed nine people in the market.", "18"),
    ("Warplanes bombed rebel positions overnight.", "19"),
    ("The militia massacred dozens of villagers.", "20"),
])
def test_root_families(nlp, coder, text: str, root: str) -> None:
    ev = main(code(nlp, coder, text))
    assert ev.cameo[:2] == root, (text, ev.cameo, ev.why)


def test_phrasal_verbs(nlp, coder) -> None:
    assert "0874" in codes(code(nlp, coder, "The company pulled out of the region."))
    assert "0831" in codes(code(nlp, coder, "The mayor stepped down on Friday."))
    assert "175" in codes(code(nlp, coder, "The government cracked down on the protesters."))


# -- roles -------------------------------------------------------------------------------------
def test_passive_swaps_roles(nlp, coder) -> None:
    ev = main(code(nlp, coder, "The journalist was arrested by the secret police."))
    assert ev.cameo == "173"
    assert ev.source is not None and ev.source.text == "the secret police"
    assert ev.target is not None and ev.target.text == "The journalist"


def test_passive_without_agent_has_no_source(nlp, coder) -> None:
    ev = main(code(nlp, coder, "Three protesters were beaten."))
    assert ev.cameo[:2] == "18" and ev.source is None


def test_agentless_detention_is_the_unnamed_authorities(nlp, coder) -> None:
    # only a state's police detain: the doer is implied, its country left to the article
    ev = main(code(nlp, coder, "Three protesters were detained."))
    assert ev.cameo == "173" and ev.source is not None
    assert (ev.source.code, ev.source.country, ev.source.text) == ("COP", None, "detained")
    assert ev.why["source"] == "implied: the authorities"


def test_relative_clause_left_out_of_target(nlp, coder) -> None:
    ev = main(code(nlp, coder, "The soldiers shot a farmer who had crossed the line."))
    assert ev.target is not None and ev.target.text == "a farmer"


def test_reported_speech_codes_inner_clause(nlp, coder) -> None:
    evs = code(nlp, coder, "The ministry said rebels had attacked a convoy near the border.")
    ev = main(evs)
    assert ev.cameo == "190"
    assert ev.source is not None and ev.source.text == "rebels"
    say = [e for e in evs if e.cameo == "010"]
    assert say and say[0].confidence < ev.confidence


def test_actor_codes_come_from_actor_analysis(nlp, coder) -> None:
    text = "police lathicharged the crowd near the station."
    doc = nlp(text)
    actors = ActorAnalysis([ActorMention("police", 0, 6, "INDCOP", "IND", "COP")])
    ev = main(coder.code(doc, actors, "t"))
    assert ev.cameo == "175"
    assert ev.source is not None and ev.source.sector == "COP" and ev.source.code == "INDCOP"


# -- modality and negation ---------------------------------------------------------------------
def test_negated_action_is_marked(nlp, coder) -> None:
    evs = code(nlp, coder, "The troops did not attack the village.")
    assert evs and all(e.negated for e in evs if e.cameo[:2] == "19")


def test_refusal_to_yield_is_rejection(nlp, coder) -> None:
    ev = main(code(nlp, coder, "The minister said his government will not lift the embargo."))
    assert ev.cameo[:2] == "12" and not ev.negated


def test_conditional_is_not_coded_as_happened(nlp, coder) -> None:
    evs = code(nlp, coder, "If the talks fail, the army could attack the city.")
    assert not any(e.cameo[:2] == "19" and e.modality == "asserted" for e in evs)


def test_future_attack_is_a_threat(nlp, coder) -> None:
    ev = main(code(nlp, coder, "The rebels will attack the capital next week."))
    assert ev.cameo[:2] == "13"


def test_denial_is_deny_responsibility(nlp, coder) -> None:
    evs = code(nlp, coder, "The militia denied carrying out the bombing.")
    assert "016" in codes(evs)
    assert not any(e.cameo[:2] == "18" for e in evs)


# -- several mentions, evidence, extension -----------------------------------------------------
def test_same_event_in_two_sentences_is_one_event_with_two_mentions(nlp, coder) -> None:
    text = "Chile expelled Peru's ambassador. On Monday, Chile expelled Peru's ambassador."
    doc = nlp(text)
    second = text.index("On Monday")
    actors = ActorAnalysis([
        ActorMention(name, at, at + len(name), code, code)
        for name, code in (("Chile", "CHL"), ("Peru", "PER"))
        for at in (text.index(name), text.index(name, second))
    ])
    evs = [e for e in coder.code(doc, actors, "t") if e.cameo == "161"]
    assert len(evs) == 1
    assert [m.sentence_index for m in evs[0].mentions] == [0, 1]


def test_why_names_rule_and_tokens(nlp, coder) -> None:
    ev = main(code(nlp, coder, "The rebels freed the hostages."))
    assert ev.why["rule"].startswith("v:free")
    assert ev.why["tokens"] == ["freed"]
    assert ev.trigger.text == "freed"
    assert ev.id == "t-e1"


def test_user_pattern_file_extends_lexicon(nlp, tmp_path: Path) -> None:
    p = tmp_path / "mine.yaml"
    p.write_text('verbs:\n  gherao:\n    - {code: "144"}\n  frobnicate:\n    - {code: "173"}\n')
    coder = EventCoder([p])
    ev = main(coder.code(nlp("The police frobnicated the suspects."), ActorAnalysis(), "t"))
    assert ev.cameo == "173"


# -- police-report phrasing --------------------------------------------------------------------
def test_death_in_firing_takes_the_firing_actor_as_source(nlp, coder) -> None:
    ev = main(code(nlp, coder, "four men died in firing by the police on sunday."))
    assert ev.cameo[:2] in ("18", "19")
    assert ev.source is not None and ev.source.text == "the police"
    assert ev.target is not None and ev.target.text == "four men"


def test_failure_to_act_is_a_negated_event(nlp, coder) -> None:
    evs = code(nlp, coder, "the constables failed to stop the mob.")
    assert evs and all(e.negated for e in evs)


def test_placed_under_arrest_targets_the_person(nlp, coder) -> None:
    ev = main(code(nlp, coder, "the trader was placed under arrest."))
    assert ev.cameo == "173"
    assert ev.target is not None and ev.target.text == "the trader"


def test_cardiac_arrest_is_not_an_arrest(nlp, coder) -> None:
    assert not any(e.cameo == "173" for e in code(nlp, coder, "the leader suffered a cardiac arrest."))


def test_possessor_of_an_arrest_is_its_target(nlp, coder) -> None:
    evs = [e for e in code(nlp, coder, "Days after her arrest, the lawyer spoke out.") if e.cameo == "173"]
    assert evs and evs[0].target is not None and evs[0].target.text == "her"
    assert evs[0].source is None


def test_giving_money_is_economic_aid(nlp, coder) -> None:
    ev = main(code(nlp, coder, "Norway gave $5 million to the flood victims in Malawi."))
    assert ev.cameo == "071"


def test_a_bombing_campaign_is_military_not_an_election(nlp, coder) -> None:
    events = code(nlp, coder, "The air force has been carrying out a bombing campaign against rebel camps.")
    bombing = [e for e in events if e.cameo.startswith("19")]
    assert bombing, events
    assert "military" in bombing[0].plover.context and "election" not in bombing[0].plover.context
    vote = code(nlp, coder, "Opposition candidates accused the election commission of rigging the ballot.")
    assert any("election" in e.plover.context for e in vote), vote



def test_cue_refinement_does_not_depend_on_hash_order() -> None:
    # "suicide" and "vehicle" both narrow 183 and are equally long: the winner must not change
    # with the process's string hashing (PYTHONHASHSEED), or re-coding the same batch differs
    import os
    import subprocess
    import sys

    script = ("from thucydides.nlp import load_nlp; from thucydides.events import EventCoder;"
              "from thucydides.actors.analysis import ActorAnalysis;"
              "doc = load_nlp()('A suicide bomber blew up a vehicle near the post.');"
              "print(sorted(e.cameo for e in EventCoder().code(doc, ActorAnalysis(), 't')))")
    outs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1, outs
