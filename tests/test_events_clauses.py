"""Event coder, round 2: clause structure decides roles, modality and which events are coded.

Our own sentences, one family per fix: negated conjuncts, compound subjects with a light verb,
proposals with a "to X" target, actions inside a proposal or purpose clause, obligations in
reported speech, targets inside object phrases, background event nouns.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


@lru_cache(maxsize=1)
def real_resolver() -> ActorResolver:
    """The shipped actor dictionaries: whether an event is political depends on who is named."""
    return ActorResolver()


def code(nlp: Language, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return coder.code(doc, real_resolver().resolve(doc, None), "t")


def code_resolved(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    """With the real actor dictionaries: which side events are coded depends on who is named."""
    doc = nlp(text)
    return coder.code(doc, resolver.resolve(doc, None), "t")


def live(events: list[Event]) -> list[Event]:
    return [e for e in events if not e.negated]


# -- negation and conjuncts --------------------------------------------------------------------
def test_negation_covers_a_conjoined_verb_and_the_shared_target(nlp, coder) -> None:
    evs = code(nlp, coder, "We do not collaborate or coordinate with the Chinese on any missions.")
    assert not any(e.cameo[:2] in ("04", "05", "06", "07", "08") for e in live(evs))
    refusals = [e for e in evs if e.cameo[:2] == "12"]
    assert refusals and all(e.target is not None and e.target.text == "the Chinese" for e in refusals)


def test_negated_second_conjunct_is_no_material_help(nlp, coder) -> None:
    evs = code(nlp, coder, "The navy does not train or equip the rebels.")
    assert not any(e.cameo[:2] in ("06", "07") for e in live(evs))
    assert any(e.cameo[:3] == "122" for e in evs)  # refusing military aid (equip)


# -- sources ------------------------------------------------------------------------------------
def test_compound_subject_with_light_verb_and_auxiliary_chain(nlp, coder) -> None:
    text = ("Canada and Norway have as of late been carrying out separate bombing campaigns "
            "against the rebels.")
    attacks = [e for e in code(nlp, coder, text) if e.cameo[:2] == "19"]
    assert {e.source.text for e in attacks if e.source} == {"Canada", "Norway"}


# -- proposals and intent -----------------------------------------------------------------------
def test_proposal_to_someone_targets_them_and_absorbs_the_strikes(nlp, coder) -> None:
    text = ("We suggest to the French starting on June 3 joint action of our air forces "
            "to plan and conduct strikes against the militants.")
    evs = live(code(nlp, coder, text))
    assert not any(e.cameo[:2] in ("18", "19") and e.modality == "asserted" for e in evs)
    proposals = [e for e in evs if e.cameo[:2] == "03"]
    assert proposals and proposals[0].target is not None and proposals[0].target.text == "the French"
    assert proposals[0].cameo == "0312"  # joint strikes: intent to cooperate militarily
    assert proposals[0].modality == "intended"


def test_intent_event_names_the_planned_action(nlp, coder) -> None:
    ev = next(e for e in code(nlp, coder, "Moscow proposed joint airstrikes against the militants.")
              if e.cameo[:2] == "03")
    assert ev.why["planned"]["text"] == "airstrikes"
    assert ev.why["planned"]["start"] > ev.trigger.start


def test_purpose_clause_is_an_aim_not_an_event(nlp, resolver, coder) -> None:
    evs = code_resolved(nlp, resolver, coder,
                        "Indian troops were sent to the valley to attack the Taliban camp.")
    assert not [e for e in evs if e.cameo[:2] == "19"]
    done = code_resolved(nlp, resolver, coder, "Indian troops attacked the Taliban camp in the valley.")
    assert [e for e in done if e.cameo[:2] == "19"]


def test_implicative_verb_keeps_its_complement_a_fact(nlp, coder) -> None:
    evs = code(nlp, coder, "The rebels managed to seize the airport.")
    assert any(e.cameo == "192" and e.modality == "asserted" for e in evs)


def test_question_is_not_coded_as_done_or_planned(nlp, coder) -> None:
    assert code(nlp, coder, "Will the army attack the city?") == []
    assert code(nlp, coder, "Do you support the Kenyan government?") == []
    assert [e.cameo[:2] for e in code(nlp, coder, "The army attacked the city.")] == ["19"]


def test_conditional_action_is_not_coded(nlp, coder) -> None:
    evs = code(nlp, coder, "If the ceasefire collapses, the militia might shell the port.")
    assert not any(e.cameo[:2] == "19" for e in evs)


# -- reported obligations -----------------------------------------------------------------------
def test_said_someone_must_act_is_a_demand_on_them(nlp, coder) -> None:
    evs = code(nlp, coder, "The minister said Iran must release the sailors.")
    demand = [e for e in evs if e.cameo[:2] == "10"]
    assert demand and demand[0].source is not None and demand[0].source.text == "The minister"
    assert demand[0].target is not None and demand[0].target.text == "Iran"
    assert not any(e.cameo == "0841" for e in live(evs))  # nobody released anyone yet
    assert not any(e.cameo == "010" for e in evs)  # the statement is the demand


def test_said_someone_should_act_is_an_appeal(nlp, coder) -> None:
    evs = code(nlp, coder, "The minister said Iran should release the sailors.")
    assert [e for e in evs if e.cameo[:2] == "02"] and not [e for e in evs if e.cameo[:2] == "10"]


def test_obligation_with_an_uncoded_verb_is_still_a_demand(nlp, coder) -> None:
    evs = code(nlp, coder, "Rights groups said the authorities must ensure order in the camps.")
    demand = [e for e in evs if e.cameo == "100"]
    assert demand and demand[0].target is not None and demand[0].target.text == "the authorities"


def test_a_demand_that_someone_act_stays_a_demand(nlp, coder) -> None:
    evs = code(nlp, coder, "The prosecutor demanded that the general stand trial.")
    assert any(e.cameo == "100" for e in evs)


def test_we_must_is_no_appeal(nlp, coder) -> None:
    evs = code(nlp, coder, "The minister said we must stay calm.")
    assert not any(e.cameo[:2] in ("02", "10") for e in evs)


# -- targets ------------------------------------------------------------------------------------
def test_target_of_lifted_restrictions_is_whom_they_bind(nlp, coder) -> None:
    ev = next(e for e in code(nlp, coder, "Saudi Arabia eased restrictions on foreign workers.")
              if e.cameo[:3] == "081")
    assert ev.target is not None and ev.target.text == "foreign workers"


def test_recipient_deep_in_the_object_phrase(nlp, coder) -> None:
    text = "Japan sent emergency supplies and medical staff such as surgeons to Nepal."
    ev = next(e for e in code(nlp, coder, text) if e.cameo[:2] == "07")
    assert ev.target is not None and ev.target.text == "Nepal"


def test_rejected_accusation_is_a_denial_targeting_the_accuser(nlp, coder) -> None:
    # CAMEO 016: rejecting an accusation denies responsibility; it rejects no proposal (12)
    text = "The government rejected accusations by the opposition that it rigged the vote."
    ev = next(e for e in code(nlp, coder, text) if e.cameo == "016")
    assert ev.target is not None and ev.target.text == "the opposition"
    assert not [e for e in code(nlp, coder, text) if e.cameo[:2] == "12"]


def test_rejected_accusation_without_accuser_has_no_target(nlp, coder) -> None:
    ev = next(e for e in code(nlp, coder, "The mayor rejected the accusations.") if e.cameo == "016")
    assert ev.target is None


@pytest.mark.parametrize("text", [
    "A spokesman for the ministry declined to comment on the report.",
    "The embassy refused to say whether the envoy had been recalled.",
])
def test_declining_to_comment_is_cameo_011(nlp, coder, text) -> None:
    evs = code(nlp, coder, text)
    assert "011" in {e.cameo for e in evs} and not [e for e in evs if e.cameo[:2] == "12"], text


def test_a_reporting_clause_beside_a_rejection_is_not_what_is_rejected(nlp, coder) -> None:
    evs = code(nlp, coder, "The council rejected the draft resolution, saying it was one-sided.")
    assert any(e.cameo == "120" for e in evs)


def test_date_is_never_a_target(nlp, coder) -> None:
    evs = code(nlp, coder, "On Tuesday evening, Russian jets carried out air strikes in the north.")
    assert any(e.cameo == "195" for e in evs)
    assert all(e.target is None or "Tuesday" not in e.target.text for e in evs)


def test_relative_pronoun_target_stands_for_its_noun(nlp, resolver, coder) -> None:
    evs = code_resolved(nlp, resolver, coder,
                        "Troops retook the airport, which had been occupied by the Taliban.")
    occupied = [e for e in evs if e.cameo == "192" and e.source is not None
                and e.source.text == "the Taliban"]
    assert occupied and occupied[0].target is not None and occupied[0].target.text == "the airport"


# -- which events a sentence codes --------------------------------------------------------------
def test_background_event_noun_is_left_out_beside_a_main_event(nlp, coder) -> None:
    evs = code(nlp, coder, "After the bombing of the market, the army arrested twenty suspects.")
    assert any(e.cameo == "173" for e in evs)
    assert not any(e.cameo[:2] == "18" for e in evs)
    assert all(e.why["clause"] == "main" for e in evs)


def test_subordinate_event_stays_with_lower_confidence(nlp, resolver, coder) -> None:
    evs = code_resolved(nlp, resolver, coder,
                        "Police arrested the Taliban fighters who had attacked the convoy.")
    arrest = next(e for e in evs if e.cameo == "173")
    attack = next(e for e in evs if e.cameo[:2] == "19")
    assert attack.why["clause"] == "sub"
    assert attack.confidence < arrest.confidence


@pytest.mark.parametrize("text, root", [
    # private people and nobody known: background to the main event, not event data
    ("Police arrested the men who had attacked the convoy.", "19"),
    ("The mayor opened a clinic for a man who was stabbed by a neighbour.", "18"),
    # a place is where it happened, not who took part
    ("The festival was cancelled after a shooting in Paris last year.", "19"),
    ("A new school now stands where looters destroyed the old library.", "17"),
])
def test_side_event_with_no_known_actor_is_left_out(nlp, resolver, coder, text, root) -> None:
    evs = code_resolved(nlp, resolver, coder, text)
    assert not [e for e in evs if e.cameo[:2] == root and not e.negated], text


def test_side_event_of_a_named_nation_or_group_stays(nlp, resolver, coder) -> None:
    evs = code_resolved(nlp, resolver, coder,
                        "Kabul protested the raid in which US troops killed four farmers.")
    kill = [e for e in evs if e.cameo[:2] in ("18", "19") and not e.negated]
    assert kill and kill[0].why["clause"] != "main"
    assert kill[0].source is not None and kill[0].source.country == "USA"


def test_an_arrest_in_a_side_clause_stays_though_nobody_is_named(nlp, resolver, coder) -> None:
    # only authorities arrest: the act names its doer's kind even when the text does not
    evs = code_resolved(nlp, resolver, coder,
                        "The two men, who were arrested on Monday, appeared in court.")
    assert [e for e in evs if e.cameo == "173" and not e.negated]
