"""Police in lower-case Indian reports: ranks, units and forces get sector COP; the army, mobs
and rioters do not. Our own sentences in the style of such reports."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from thucydides.actors import ActorAnalysis, ActorResolver

DAY = date(2002, 3, 5)
# Padding makes the article long enough to count as an all-lower-case report.
TAIL = " the situation in the old city remained tense but under control through the night."



def analyse(nlp: Language, resolver: ActorResolver, text: str) -> ActorAnalysis:
    return resolver.resolve(nlp(text + TAIL), DAY)


def sector_at(analysis: ActorAnalysis, text: str, phrase: str) -> str | None:
    start = text.index(phrase)
    m = analysis.best_in(start, start + len(phrase))
    return m.sector if m else None


@pytest.mark.parametrize("phrase", [
    "the psi", "the pi", "two head constables", "the sho", "the dcp", "an acp", "the cops",
    "policemen", "the crime branch", "the sog", "the rapid action force", "srp men",
    "the crpf", "home guards", "the cid", "the ats", "grp personnel", "security forces",
    "the commissioner of police", "sleuths",
])
def test_police_words_are_cop(nlp: Language, resolver: ActorResolver, phrase: str) -> None:
    text = f"vadodara: on tuesday {phrase} reached the spot after a clash near the bus stand."
    a = analyse(nlp, resolver, text)
    assert sector_at(a, text, phrase) == "COP", [(m.text, m.code) for m in a.mentions]


@pytest.mark.parametrize(("phrase", "sector"), [
    ("the army", "MIL"), ("army jawans", "MIL"), ("the bsf", "MIL"), ("a mob", "CVL"),
    ("the rioters", "CVL"), ("villagers", "CVL"), ("the miscreants", "CRM"),
])
def test_non_police_actors_are_not_cop(nlp: Language, resolver: ActorResolver, phrase: str,
                                       sector: str) -> None:
    text = f"vadodara: on tuesday {phrase} reached the spot after a clash near the bus stand."
    a = analyse(nlp, resolver, text)
    assert sector_at(a, text, phrase) == sector, [(m.text, m.code) for m in a.mentions]


def test_title_before_initials_and_surname_is_one_police_officer(nlp: Language,
                                                                 resolver: ActorResolver) -> None:
    text = ("surat: deputy commissioner of police a k verma said the curfew would stay. "
            "he added that ten were held.")
    a = analyse(nlp, resolver, text)
    start = text.index("a k verma")
    officer = a.best_in(start, start + 9)
    assert officer is not None and officer.sector == "COP" and officer.kind == "person"
    he = a.best_in(text.index(" he ") + 1, text.index(" he ") + 3)
    assert he is not None and he.sector == "COP"


def test_jawans_take_the_sector_of_their_force(nlp: Language, resolver: ActorResolver) -> None:
    text = "rajkot: the jawans of the state reserve police fired in the air to disperse the crowd."
    a = analyse(nlp, resolver, text)
    assert sector_at(a, text, "the jawans") == "COP"


def test_lower_case_acronym_that_is_a_word_is_not_matched(nlp: Language, resolver: ActorResolver) -> None:
    text = "delhi: the minister took a dig at the opposition over the riots."
    a = analyse(nlp, resolver, text)
    assert not [m for m in a.mentions if m.text == "dig"]


def test_acronym_agents_are_case_sensitive_in_ordinary_text(nlp: Language, resolver: ActorResolver) -> None:
    a = resolver.resolve(nlp("The Pi Day party was held. The PSI questioned the driver."), DAY)
    assert [m.text for m in a.mentions if m.sector == "COP"] == ["PSI"]


@pytest.mark.parametrize("phrase", ["police firing", "police action", "police deployment"])
def test_police_before_an_event_noun_is_an_actor(nlp: Language, resolver: ActorResolver,
                                                 phrase: str) -> None:
    text = f"vadodara: the {phrase} on tuesday drew criticism from the opposition leaders."
    a = analyse(nlp, resolver, text)
    assert sector_at(a, text, "police") == "COP", [(m.text, m.code) for m in a.mentions]


@pytest.mark.parametrize("phrase", ["police station", "police headquarters", "army camp"])
def test_agent_word_before_a_place_names_no_actor(nlp: Language, resolver: ActorResolver,
                                                  phrase: str) -> None:
    text = f"vadodara: a mob gathered outside the {phrase} on tuesday evening."
    a = analyse(nlp, resolver, text)
    word = phrase.split()[0]
    start = text.index(phrase)
    assert a.best_in(start, start + len(word)) is None, [(m.text, m.code) for m in a.mentions]


def test_anti_government_protests_name_no_government(nlp: Language, resolver: ActorResolver) -> None:
    text = "Students staged anti-government protests in the capital on Monday."
    a = resolver.resolve(nlp(text), DAY)
    assert not [m for m in a.mentions if m.sector == "GOV"], [(m.text, m.code) for m in a.mentions]


@pytest.mark.parametrize("phrase", ["police sentries", "a police squad", "a police contingent"])
def test_a_posted_detail_of_police_is_cop(nlp: Language, resolver: ActorResolver, phrase: str) -> None:
    text = f"vadodara: on tuesday {phrase} reached the spot after a clash near the bus stand."
    a = analyse(nlp, resolver, text)
    assert sector_at(a, text, phrase) == "COP", [(m.text, m.code) for m in a.mentions]
