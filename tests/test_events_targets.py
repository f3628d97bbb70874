"""Event coder, targets: which phrase is the target, and how much of it is marked.

Our own sentences, one family per rule: clauses and dates trimmed from actor phrases, an actor
named inside a clause on a thing, the recipient of a light verb, the destination of moved
forces, the one pushed for something, places when nobody is named, attitudes about someone,
the object of force, mediation efforts, and side events that aim at no one.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.events.roles import noun_phrase
from thucydides.models import Event


def code(nlp: Language, coder: EventCoder, resolver: ActorResolver, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if not e.negated]


def targets(events: list[Event], root: str) -> set[str]:
    return {e.target.text for e in events if e.cameo.startswith(root) and e.target is not None}


# -- how much of the phrase is marked (hand-built parses: independent of the model) ---------------
def _doc(nlp: Language, words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps)


def test_an_infinitive_clause_on_the_noun_is_not_part_of_the_phrase(nlp) -> None:
    words = ["the", "council", "'s", "decision", "to", "reopen", "the", "schools"]
    heads = [1, 3, 1, 3, 5, 3, 7, 5]
    deps = ["det", "poss", "case", "ROOT", "aux", "acl", "det", "dobj"]
    doc = _doc(nlp, words, heads, deps)
    assert noun_phrase(doc[3])[2] == "the council 's decision"


def test_a_participle_clause_on_the_noun_stays(nlp) -> None:
    words = ["those", "affected", "in", "Kenya"]
    doc = _doc(nlp, words, [0, 0, 1, 2], ["ROOT", "acl", "prep", "pobj"])
    assert noun_phrase(doc[0])[2] == "those affected in Kenya"


def test_a_date_inside_the_phrase_is_left_out(nlp) -> None:
    words = ["the", "families", "of", "the", "victims", "in", "March"]
    heads = [1, 1, 1, 4, 2, 4, 5]
    deps = ["det", "ROOT", "prep", "det", "pobj", "prep", "pobj"]
    doc = _doc(nlp, words, heads, deps)
    doc.ents = [doc.char_span(doc[6].idx, doc[6].idx + len("March"), label="DATE")]
    assert noun_phrase(doc[1])[2] == "the families of the victims"


def test_coordinated_modifiers_belong_to_one_phrase_but_coordinated_heads_do_not(nlp) -> None:
    words = ["civilian", "and", "military", "targets"]
    doc = _doc(nlp, words, [3, 0, 0, 3], ["amod", "cc", "conj", "ROOT"])
    assert noun_phrase(doc[3])[2] == "civilian and military targets"
    words = ["the", "army", "and", "the", "police"]
    doc = _doc(nlp, words, [1, 1, 1, 4, 1], ["det", "ROOT", "cc", "det", "conj"])
    assert noun_phrase(doc[1])[2] == "the army"


# -- which phrase is the target -------------------------------------------------------------------
def test_possessed_thing_is_kept_but_an_actor_in_a_clause_on_a_bare_thing_is_taken(nlp, coder,
                                                                                   resolver) -> None:
    evs = code(nlp, coder, resolver, "The minister praised the council's decision to reopen the schools.")
    assert targets(evs, "05") == {"the council's decision"}
    evs = code(nlp, coder, resolver, "The agency reiterated its commitment to support the police.")
    assert "the police" in {e.target.text for e in evs if e.target is not None}


def test_light_verb_recipient_is_the_target(nlp, coder, resolver) -> None:
    text = "The president gave the rebel commander a final warning to leave the city."
    evs = code(nlp, coder, resolver, text)
    assert targets(evs, "13") == {"the rebel commander"}


def test_moved_forces_are_the_means_and_the_destination_the_target(nlp, coder, resolver) -> None:
    assert targets(code(nlp, coder, resolver, "Britain is deploying 300 troops to Mali."), "15") == {"Mali"}
    evs = code(nlp, coder, resolver, "Israel mobilised the army for an assault against Hamas.")
    assert targets(evs, "15") == {"Hamas"}


def test_the_one_pushed_for_something_is_the_target(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "The union pushed the ministry for higher wages.")
    assert targets(evs, "10") == {"the ministry"}


def test_place_is_the_target_when_nobody_is_named(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "Hundreds of fighters surrendered in Syria on Friday.")
    assert targets(evs, "087") == {"Syria"}


def test_defended_policy_of_a_named_actor_is_the_target(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "The minister defended Canada's policy.")
    assert targets(evs, "052") == {"Canada's policy"}


def test_an_attitude_is_about_the_subject_of_its_clause_or_the_object_of_its_gerund(nlp, coder,
                                                                                     resolver) -> None:
    evs = code(nlp, coder, resolver, "The envoy voiced hope that the new government in Lima will cooperate.")
    assert targets(evs, "013") == {"the new government in Lima"}
    evs = code(nlp, coder, resolver, "China expressed pessimism about ending the standoff.")
    assert targets(evs, "012") == {"the standoff"}


def test_force_lands_on_the_object_not_on_the_weapon(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "The army pounded the rebel camps with heavy artillery.")
    got = targets(evs, "19")
    assert len(got) == 1 and next(iter(got)).startswith("the rebel camps")


def test_mediation_effort_between_two_sides_targets_both(nlp, coder, resolver) -> None:
    text = "Norway launched a mediation effort between the government and the rebels."
    evs = code(nlp, coder, resolver, text)
    assert targets(evs, "045") == {"the government", "the rebels"}


def test_a_compound_on_a_plain_noun_is_no_event(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "Missiles fired by the navy struck an arms depot of the army.")
    assert not any(e.cameo.startswith("07") for e in evs)


# -- side events ----------------------------------------------------------------------------------
def test_a_purpose_is_no_event_of_its_own(nlp, coder, resolver) -> None:
    # what a fund is set up to do is an aim, not a happening (the setting up is the event)
    evs = code(nlp, coder, resolver, "The ministry set up a fund to support research projects.")
    assert not [e for e in evs if e.cameo.startswith("05")]
    assert [e for e in evs if e.trigger.text.startswith("set up")]


def test_a_side_event_keeps_a_place_or_a_person(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "Troops retook the airport, which had been occupied by the militia.")
    assert any(e.cameo.startswith("19") and e.target is not None and e.target.text == "the airport"
               for e in evs)
    evs = code(nlp, coder, resolver, "Days after her arrest, the lawyer spoke out.")
    assert any(e.cameo == "173" and e.target is not None and e.target.text == "her" for e in evs)


def test_suspended_aid_targets_its_beneficiary(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "The United States suspended aid to the Syrian rebels.")
    cut = [e for e in evs if e.cameo == "162"]
    assert cut and cut[0].target is not None and cut[0].target.text == "the Syrian rebels"


def test_the_host_state_is_the_target_of_a_recalled_ambassador(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "Chile recalled its ambassador to Caracas for consultations.")
    assert targets(evs, "16") == {"Caracas"}


def test_a_recalled_envoy_with_no_host_named_is_the_target(nlp, coder, resolver) -> None:
    evs = code(nlp, coder, resolver, "Chile recalled its envoy on Monday.")
    assert targets(evs, "16") == {"its envoy"}


# -- the one a threat's condition names ------------------------------------------------------------
def test_a_threats_condition_names_its_target(nlp, coder, resolver) -> None:
    text = "The United States threatened to impose new sanctions unless Iran halts enrichment."
    events = code(nlp, coder, resolver, text)
    assert targets(events, "13") == {"Iran"}


def test_the_condition_may_hang_inside_the_act_threatened(nlp, coder, resolver) -> None:
    text = ("The president threatened to cut off the money that migrants send home "
            "unless Mexico pays for the wall.")
    events = code(nlp, coder, resolver, text)
    assert targets(events, "13") == {"Mexico"}


def test_the_harm_threatened_keeps_its_own_target(nlp, coder, resolver) -> None:
    text = "Russia threatened to bomb the rebel camps unless Turkey withdrew its troops."
    events = code(nlp, coder, resolver, text)
    assert "Turkey" not in targets(events, "13")


def test_accession_papers_accepted_from_someone_target_the_giver(nlp, coder, resolver) -> None:
    text = "The American envoy accepted the accession papers from the Estonian foreign minister."
    events = code(nlp, coder, resolver, text)
    assert targets(events, "05") == {"the Estonian foreign minister"}


def test_a_day_parsed_as_the_object_is_no_target(nlp: Language, coder: EventCoder,
                                                 resolver: ActorResolver) -> None:
    events = code(nlp, coder, resolver, "The governor promised Friday to reopen the schools.")
    promise = [e for e in events if e.cameo.startswith("03")]
    assert promise and all(e.target is None or e.target.text != "Friday" for e in promise)


def test_a_relative_pronoun_undergoing_the_act_stands_for_its_noun(
        nlp: Language, coder: EventCoder, resolver: ActorResolver) -> None:
    events = code(nlp, coder, resolver,
                  "Tehran protested over the Iranian envoys who were expelled from several capitals.")
    expelled = [e for e in events if e.trigger.text == "expelled"]
    assert expelled and expelled[0].cameo == "161", [(e.cameo, e.why) for e in events]
    assert expelled[0].target is not None and expelled[0].target.text == "the Iranian envoys"


def test_a_state_of_affairs_named_by_a_country_word_is_no_target(
        nlp: Language, coder: EventCoder, resolver: ActorResolver) -> None:
    events = code(nlp, coder, resolver, "Russia and Turkey agreed to end the Syrian war.")
    assert events and all(e.target is None or e.target.text != "the Syrian war" for e in events)


@pytest.mark.parametrize("text, code_", [
    ("The rebels ended the war.", "087"),
    ("The two sides agreed to end hostilities.", "0356"),
    ("Russia and Turkey agreed to end the Syrian war.", "0356"),
])
def test_ending_a_war_is_de_escalation_not_cutting_ties(
        nlp: Language, coder: EventCoder, resolver: ActorResolver, text: str, code_: str) -> None:
    events = code(nlp, coder, resolver, text)
    assert [e.cameo for e in events][:1] == [code_], [(e.cameo, e.why) for e in events]


@pytest.mark.parametrize("text, code_", [
    ("Turkey will close the Dutch consulate in Istanbul.", "161"),
    ("Trump pledged to cut off aid to Pakistan.", "162"),
    ("Turkey threatened to expel the Dutch ambassador.", "1313"),  # an explicit threat stays one
])
def test_a_cut_in_relations_announced_is_the_cut(
        nlp: Language, coder: EventCoder, resolver: ActorResolver, text: str, code_: str) -> None:
    events = code(nlp, coder, resolver, text)
    assert [e.cameo for e in events][:1] == [code_], [(e.cameo, e.why) for e in events]
