"""Harm without a political doer (thucydides/data/events/nonagents.yaml) on our own sentences.

Disasters, accidents and disease are no attack, coercion, protest or mobilisation; real attacks
told with the same words (a bomb explosion, a fire set by rioters) stay attacks. Also the
event types of fine-grained conflict annotation (arson, retaking territory, defusing a bomb,
forced disappearance) that needed patterns of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.events.lexicon import NON_AGENT_CLASSES, LexiconError, load_lexicon
from thucydides.models import Event

POLITICAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})




def code(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if not e.negated]


def top_type(events: list[Event]) -> str | None:
    return max(events, key=lambda e: e.confidence).plover.type if events else None


DISASTERS = [
    "A strong earthquake killed at least 150 people in the hill villages.",
    "Floods washed away bridges and destroyed hundreds of homes.",
    "A fire at a plastics factory killed nine workers.",
    "The bus plunged into a ravine, killing 18 passengers.",
    "Six people died in a road accident near the toll plaza.",
    "Three labourers were killed when the old building collapsed.",
    "The cyclone hit the coast on Sunday, damaging thousands of huts.",
    "Four people were killed in a gas cylinder explosion in a restaurant.",
    "A boiler explosion at the sugar mill injured seven workers.",
    "The outbreak of cholera has killed 20 people in the camps.",
    "Lightning killed three farmers in the fields.",
    "A stampede at the shrine killed 12 pilgrims.",
    "Passengers were injured when the express derailed near the station.",
    "A wildfire destroyed more than 200 homes.",
    "Heatwave kills 25 in the desert district.",
    "Forty people died in the floods in the delta.",
    "A gas cylinder exploded in a restaurant, killing five people.",
    "A speeding lorry hit a motorcycle, killing two men.",
    "Landslides triggered by heavy rain killed 12 people.",
    "Two men were charred to death in a fire at their shop.",
    "A magnitude 6.1 earthquake struck the region, killing 30 people.",
    "Covid-19 has killed 200 people in the state.",
    # a named storm, and a cause clause the parser hangs on the second conjunct
    "Eleven fishermen died after Cyclone Marla struck the island.",
    "Two cyclists were killed and a third badly hurt on Sunday when a van mounted the pavement.",
]


@pytest.mark.parametrize("text", DISASTERS)
def test_disasters_and_accidents_are_no_political_event(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    types = {e.plover.type for e in code(nlp, resolver, coder, text)}
    assert not types & POLITICAL, types


ATTACKS = [
    "A bomb explosion killed 14 people at a bus stand.",
    "A fire set by rioters killed four members of a family.",
    "Gunmen opened fire on worshippers, killing 11.",
    "An IED explosion killed three soldiers on patrol.",
    "Two people died in police firing in the town.",
    "A man was burnt alive by a mob in the village.",
    "Two men were charred to death by the mob.",
    "Three people were killed in a stampede triggered by police firing.",
    "Two people died in clashes after the earthquake.",
    "Rebels attacked the town after the floods.",
    "An outbreak of violence has killed 30 people in the city.",
    "Militants blew up a railway bridge.",
    "Soldiers were killed when their vehicle hit a landmine.",
    "Two civilians were killed in cross-fire.",
    "A powerful explosion ripped through a police station; a suicide bomber was behind it.",
    "The mayor was shot and killed by automatic weapons fire outside his house.",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_attacks_told_with_disaster_words_stay_attacks(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    assert top_type(code(nlp, resolver, coder, text)) == "ASSAULT"


@pytest.mark.parametrize("text, expected", [
    ("Militants set fire to a school in the village.", "1712"),
    ("Rioters set several shops ablaze.", "1712"),
    ("A mob attacked a mosque and set it on fire.", "1712"),
    ("Soldiers raped several women in the village.", "1821"),
    ("The journalist was forcibly disappeared by security agents.", "181"),
    ("Troops recaptured the town from the rebels.", "192"),
    ("Government forces retook the city from the insurgents.", "192"),
    ("Rebels overran an army base in the north.", "192"),
    ("Police defused a bomb planted near the market.", "1711"),
    ("The army recovered a cache of arms and ammunition from a hideout.", "1711"),
    ("India recalled its high commissioner from Pakistan.", "161"),
])
def test_conflict_patterns(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str,
                           expected: str) -> None:
    codes = [e.cameo for e in code(nlp, resolver, coder, text)]
    assert expected in codes, codes


def test_deployment_for_disaster_relief_is_aid(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    text = "Troops were deployed to help with rescue operations after the earthquake."
    relief = code(nlp, resolver, coder, text)
    assert {e.plover.type for e in relief} & POLITICAL == set()
    assert "073" in [e.cameo for e in relief]
    war = code(nlp, resolver, coder, "Troops were deployed to the border after the clashes.")
    assert top_type(war) == "MOBILIZE"


def test_raped_is_not_lemmatised_as_rap() -> None:
    lex = load_lexicon()
    assert lex.lemmas["raped"] == "rape"


def test_non_agent_classes_are_loaded() -> None:
    lex = load_lexicon()
    for name in NON_AGENT_CLASSES:
        assert lex.classes[name], name
    assert "earthquake" in lex.classes["NON_AGENTS"]
    assert "bomb" in lex.classes["ATTACK_MARKS"]


def test_a_word_both_harmless_and_an_attack_mark_fails(tmp_path: Path) -> None:
    p = tmp_path / "extra.yaml"
    p.write_text("classes:\n  ATTACK_MARKS: [bomb, earthquake]\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon([p])
    assert "earthquake" in str(err.value) and "extra.yaml:2" in str(err.value)


def test_bad_lemmas_section_fails(tmp_path: Path) -> None:
    p = tmp_path / "extra.yaml"
    p.write_text("lemmas:\n  Raped: rape\n", encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load_lexicon([p])
    assert "lemmas" in str(err.value) and "extra.yaml" in str(err.value)


def test_a_blast_is_a_bomb_unless_named_after_a_machine(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    bomb = code(nlp, resolver, coder, "A blast killed nine people at a bus stop in the capital on Friday.")
    assert any(e.cameo.startswith("18") for e in bomb), bomb
    accident = code(nlp, resolver, coder, "A gas cylinder blast killed four people in a roadside eatery.")
    assert not [e for e in accident if e.plover.type in ("ASSAULT", "COERCE")], accident
