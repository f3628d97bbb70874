"""Police-domain patterns (thucydides/data/events/security.yaml) on our own sentences.

Each case runs the real actor resolver, so the police must come out as the COP source where
the sentence makes them the doer; lower-case cases mirror the all-lower-case police reports.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.events.lexicon import load_lexicon
from thucydides.models import Event


def code(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return coder.code(doc, resolver.resolve(doc, None), "t")


def by_police(events: list[Event], prefix: str, negated: bool = False) -> list[Event]:
    return [e for e in events if e.cameo.startswith(prefix) and e.negated == negated
            and e.source is not None and e.source.sector == "COP"]


def test_security_file_is_loaded_with_the_shipped_lexicon() -> None:
    lex = load_lexicon()
    origins = {p.origin.split(":")[0] for ps in lex.verbs.values() for p in ps}
    assert "security.yaml" in origins
    assert any(p.code == "175" for p in lex.verbs["burst"])


# -- crowd control: 175 (violent repression) -----------------------------------------------------
@pytest.mark.parametrize("text", [
    "the police burst tear gas shells to scatter the crowd near the market.",
    "Police lobbed teargas shells at the stone-throwing youths.",
    "the cops fired in the air to scare away the rioters.",
])
def test_tear_gas_and_warning_shots_are_repression_by_police(nlp, resolver, coder, text) -> None:
    evs = by_police(code(nlp, resolver, coder, text), "175")
    assert evs, text
    assert all(e.plover.type == "ASSAULT" for e in evs)


def test_resorting_to_a_lathicharge_takes_the_lathicharge_code(nlp, resolver, coder) -> None:
    text = "policemen resorted to a lathicharge when the procession turned violent."
    evs = code(nlp, resolver, coder, text)
    assert by_police(evs, "175")
    assert not [e for e in evs if e.cameo == "170" and not e.negated]


def test_shells_lobbed_by_hand_are_not_artillery(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "Police lobbed teargas shells at the crowd.")
    assert not [e for e in evs if e.cameo.startswith("194")]


# -- arrests, cases, searches, seizures -----------------------------------------------------------
def test_booking_suspects_is_an_arrest_with_the_suspects_as_target(nlp, resolver, coder) -> None:
    ev = by_police(code(nlp, resolver, coder, "the district police booked six youths for rioting."), "173")[0]
    assert ev.target is not None and "youths" in ev.target.text
    assert ev.plover.mode == "arrest"


@pytest.mark.parametrize("text", [
    "the police registered a case against the shopkeeper.",
    "The Police lodged an FIR against the two brothers.",
])
def test_registering_a_case_is_a_legal_action_against_the_target(nlp, resolver, coder, text) -> None:
    evs = by_police(code(nlp, resolver, coder, text), "115")
    assert evs, text
    assert evs[0].target is not None


def test_raiding_a_house_is_a_search_not_an_armed_attack(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the police raided the house of the gang leader on sunday.")
    assert by_police(evs, "150")
    assert not [e for e in evs if e.cameo.startswith("19")]


def test_raiding_a_town_stays_an_attack(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "The rebels raided the town at dawn.")
    assert [e for e in evs if e.cameo.startswith("19")]


@pytest.mark.parametrize("text", [
    "the police cordoned off the area after the blast.",
    "Police sealed off the lanes around the temple.",
    "the police combed the forest for the escaped convicts.",
])
def test_cordons_and_combing_are_shows_of_police_power(nlp, resolver, coder, text) -> None:
    evs = by_police(code(nlp, resolver, coder, text), "150")
    assert evs, text
    assert evs[0].plover.type == "MOBILIZE"


def test_seizing_weapons_is_confiscation(nlp, resolver, coder) -> None:
    text = "the police seized three country-made pistols and cartridges from the car."
    evs = code(nlp, resolver, coder, text)
    assert by_police(evs, "1711")


def test_seizing_a_town_is_still_occupation(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "The rebels seized the town after a week of fighting.")
    assert any(e.cameo == "192" for e in evs)


@pytest.mark.parametrize("text, want", [
    ("the administration clamped prohibitory orders in the town.", "1721"),
    ("The collector imposed prohibitory orders in the district.", "1721"),
    ("the authorities clamped a curfew on the old city.", "1723"),
])
def test_prohibitory_orders_and_curfews(nlp, resolver, coder, text, want) -> None:
    assert any(e.cameo == want for e in code(nlp, resolver, coder, text)), text


def test_rushing_forces_is_mobilising_police(nlp, resolver, coder) -> None:
    assert by_police(code(nlp, resolver, coder, "the police rushed additional forces to the village."), "153")


# -- inaction: a negated event with the police as source -----------------------------------------
@pytest.mark.parametrize("text", [
    "the policemen stood by as the shops were looted.",
    "the constables looked the other way while the mob set the bus on fire.",
    "the police remained passive throughout the violence.",
    "Local policemen did nothing to stop the looters.",
    "The police turned a blind eye to the attacks.",
])
def test_police_inaction_is_a_negated_police_event(nlp, resolver, coder, text) -> None:
    evs = code(nlp, resolver, coder, text)
    assert [e for e in evs if e.negated and e.source is not None and e.source.sector == "COP"], text


def test_standing_by_does_not_make_a_positive_police_action(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the policemen stood by as the shops were looted.")
    assert not [e for e in evs if not e.negated and e.source is not None and e.source.sector == "COP"]


def test_active_police_sentence_has_no_inaction(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the police lathicharged the mob and arrested twelve people.")
    assert not [e for e in evs if e.negated]
    assert by_police(evs, "175") and by_police(evs, "173")


# -- killing in police firing --------------------------------------------------------------------
def test_succumbing_to_firing_is_a_killing_with_the_victim_as_target(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "A young man succumbed to his injuries in the firing.")
    kills = [e for e in evs if e.cameo[:2] in ("18", "19") and e.trigger.text.startswith("succumbed")]
    assert kills
    assert kills[0].target is not None and "man" in kills[0].target.text


@pytest.mark.parametrize("text", [
    "the railway police are on high alert ahead of the festival.",
    "The police kept a close watch on the trains arriving from the north.",
    "the police had made elaborate security arrangements near the shrine.",
])
def test_alert_and_vigilance_raise_police_alert_status(nlp, resolver, coder, text) -> None:
    evs = by_police(code(nlp, resolver, coder, text), "151")
    assert evs, text


def test_making_travel_arrangements_is_no_security_event(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the family made travel arrangements for the wedding.")
    assert not [e for e in evs if e.cameo.startswith("15")]


# -- who fired: the police behind "police firing", control verbs, deployments -----------------------
@pytest.mark.parametrize("text", [
    "two men were killed in police firing near the bus stand on friday.",
    "the three youths killed in police firing were cremated on sunday.",
    "an injured man later succumbed to police firing.",
])
def test_deaths_in_police_firing_have_the_police_as_source(nlp, resolver, coder, text) -> None:
    evs = [e for e in code(nlp, resolver, coder, text) if e.cameo[:2] in ("18", "19", "20")]
    assert evs and all(e.source is not None and e.source.sector == "COP" for e in evs), text
    assert "firing" not in evs[0].source.text  # the doer, not the act


@pytest.mark.parametrize("text", [
    "the police were forced to open fire on the mob.",
    "the stone pelting prompted the police to open fire.",
])
def test_police_made_to_fire_are_the_ones_firing(nlp, resolver, coder, text) -> None:
    assert by_police(code(nlp, resolver, coder, text), "19"), text


def test_resorting_to_firing_is_firing_by_police(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the police resorted to firing when the mob turned violent.")
    assert by_police(evs, "193")


def test_police_deployed_show_their_own_power(nlp, resolver, coder) -> None:
    text = "additional police have been deployed in the walled city."
    evs = by_police(code(nlp, resolver, coder, text), "15")
    assert evs and evs[0].target is None


@pytest.mark.parametrize("text", [
    "the police remained mute spectators while the shops burned.",
    "policemen were silent spectators as the mob went on the rampage.",
])
def test_police_as_spectators_is_inaction(nlp, resolver, coder, text) -> None:
    evs = code(nlp, resolver, coder, text)
    assert [e for e in evs if e.negated and e.source is not None and e.source.sector == "COP"], text


def test_police_atrocities_are_assault_not_mass_violence(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "police atrocities on the villagers have angered the district.")
    assert by_police(evs, "180")
    assert not [e for e in evs if e.cameo.startswith("20")]


def test_coaches_booked_for_pilgrims_are_no_arrest(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the two sleeper coaches which were booked for the pilgrims ran empty.")
    assert not [e for e in evs if e.cameo.startswith("173")]


@pytest.mark.parametrize("text", [
    "the offenders had been booked for murder and arson.",
    "he has been booked for rioting in the old city.",
    "the police booked him for inciting violence.",
])
def test_booked_for_an_offence_is_an_arrest(nlp, resolver, coder, text) -> None:
    assert [e for e in code(nlp, resolver, coder, text) if e.cameo == "173"], text


# -- killings told without an auxiliary or through a quantity word -----------------------------------
@pytest.mark.parametrize("text", [
    "two killed in police firing at the railway crossing on monday.",
    "three youths killed in police firing at the market were buried on tuesday.",
    "some 30 were killed in about 400 rounds of firing by the police.",
    "most of the people killed in the police firing were labourers.",
])
def test_victims_of_police_firing_are_targets_and_police_the_source(nlp, resolver, coder, text) -> None:
    kills = [e for e in code(nlp, resolver, coder, text) if e.cameo[:2] in ("18", "19", "20")]
    assert kills and all(e.source is not None and e.source.sector == "COP" for e in kills), text
    assert all(e.target is None or e.target.sector != "COP" for e in kills)


def test_policemen_killed_in_a_headline_are_victims_not_killers(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "4 policemen and 3 civilians also killed.")
    kills = [e for e in evs if e.cameo[:2] in ("18", "19", "20")]
    assert kills and not by_police(kills, "1") and not by_police(kills, "2")
    assert any(e.target is not None and e.target.sector == "COP" for e in kills)


def test_policemen_who_kill_stay_the_source(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "four policemen killed two armed robbers in an encounter.")
    kills = by_police(evs, "18") + by_police(evs, "19")
    assert [e for e in kills if e.target is not None and "robbers" in e.target.text]


# -- inaction: refusals, inability, watching --------------------------------------------------------
@pytest.mark.parametrize("text", [
    "the police refused to register a complaint against the councillor.",
    "the local police have not been able to arrest the named kidnappers.",
    "the police could not control the mob that set the shops on fire.",
    "the constables could do little to stop the looting.",
    "the houses were looted with the police twiddling their thumbs.",
    "the policemen on duty simply watched as the mob looted the shops.",
    "the police team ran away when the mob attacked the house.",
    "the inaction of the local police angered the villagers.",
    "the policemen on duty did not act against the stone-pelting mob.",
])
def test_police_inaction_phrasings_are_negated_police_events(nlp, resolver, coder, text) -> None:
    evs = code(nlp, resolver, coder, text)
    assert [e for e in evs if e.negated and e.source is not None and e.source.sector == "COP"], text


def test_refusing_a_cooperative_act_stays_a_rejection(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "The government refused to release the prisoners.")
    assert any(e.cameo.startswith("12") and not e.negated for e in evs)


def test_able_to_arrest_is_an_arrest(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the police were able to arrest the gang leader on sunday.")
    assert by_police(evs, "173")


def test_could_without_negation_stays_hypothetical(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "The army could attack the town at any time.")
    assert not [e for e in evs if e.cameo.startswith("19")]


# -- ordinary police actions ----------------------------------------------------------------------
@pytest.mark.parametrize("text, prefix", [
    ("the stolen jewellery has been recovered by the police.", "1711"),
    ("the police took the three youths into custody on friday.", "173"),
    ("the police acted against the rioters in the old city.", "15"),
    ("the police contained the violence within two hours.", "15"),
    ("the district police launched a manhunt for the escaped convicts.", "15"),
    ("policemen chased the raiders into the temple complex.", "15"),
])
def test_ordinary_police_actions_are_coded_with_police_as_source(nlp, resolver, coder, text, prefix) -> None:
    assert by_police(code(nlp, resolver, coder, text), prefix), text


def test_acting_as_a_mediator_is_no_police_action(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "the retired inspector acted as a mediator between the two families.")
    assert not [e for e in evs if e.cameo.startswith("15")]


def test_a_state_protesting_complains_officially(nlp, resolver, coder) -> None:
    evs = code(nlp, resolver, coder, "Japan protested strongly against the Chinese naval drills.")
    assert any(e.cameo == "114" and e.plover.type == "ACCUSE" for e in evs)
    street = code(nlp, resolver, coder, "Thousands of students protested in Tehran on Friday.")
    assert any(e.cameo.startswith("14") for e in street)
