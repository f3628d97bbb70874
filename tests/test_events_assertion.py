"""Whole-article precision (issue 14): only what the text asserts, between actors it can name.

One family per category of error seen on whole articles, each with our own sentences: the
asserted version must code, the unasserted one must not.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides import Coder
from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


def coded(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if not e.negated]


def roots(events: list[Event]) -> set[str]:
    return {e.cameo[:2] for e in events}


@pytest.mark.parametrize("asserted, unasserted, root", [
    # a negative quantifier denies the act
    ("The Iraqi government talks to the rebels.",
     "Nobody in the Iraqi government talks to the rebels.", "04"),
    ("The Kenyan police took action against the gang.", "No action was taken by the Kenyan police.", "17"),
    # a governing word wishes, expects or schedules the act
    ("Cuban diplomats met the boy in Miami.",
     "The father wants Cuban diplomats to meet the boy in Miami.", "04"),
    ("The Chinese premier visited Pakistan.", "The Chinese premier is expected to visit Pakistan.", "04"),
    ("The Chinese premier visited Pakistan.", "The Chinese premier was scheduled to visit Pakistan.", "04"),
    # a modal or a negation on the governing verb
    ("American tourists visited Tanzania.", "American tourists should continue visiting Tanzania.", "04"),
    ("The United States used force against Iraq.",
     "The United States is not authorized to use force against Iraq.", "17"),
    # feared, not told as done
    ("Syrian Kurds say Washington abandoned them.",
     "Syrian Kurds fear that Washington has abandoned them.", "16"),
    # a habit, not a happening
    ("Egyptian police arrested protesters in Cairo.",
     "Egyptian police often arrest protesters in Cairo.", "17"),
    # a guess, not a telling
    ("British police concluded the guerrillas had killed him.",
     "British police concluded the guerrillas had probably killed him.", "18"),
    ("Israeli jets struck the depot.", "Israeli jets possibly struck the depot.", "19"),
])
def test_only_the_asserted_version_codes(nlp, resolver, coder, asserted, unasserted, root) -> None:
    assert root in roots(coded(nlp, resolver, coder, asserted)), asserted
    assert root not in roots(coded(nlp, resolver, coder, unasserted)), unasserted


@pytest.mark.parametrize("text", [
    "Diplomats fear Turkish troops will invade the Kurdish enclave.",
    # the consequent of a condition the writer sets out
    "If Turkey invades, the Kurds will fight the Turkish army.",
])
def test_a_feared_or_conditional_act_is_neither_done_nor_threatened(nlp, resolver, coder, text) -> None:
    told = roots(coded(nlp, resolver, coder, text))
    assert not told & {"13", "18", "19"}, told


def test_a_speakers_conditional_threat_is_a_threat(nlp, resolver, coder) -> None:
    text = '"If you attack our ships, we will strike your bases," the Iranian commander said.'
    assert "13" in roots(coded(nlp, resolver, coder, text))


def test_what_would_have_happened_is_neither_done_nor_threatened(nlp, resolver, coder) -> None:
    done = "The ministry said Syrian rockets killed 40 Turkish soldiers."
    assert roots(coded(nlp, resolver, coder, done)) & {"18", "19"}
    unreal = "The ministry said Syrian rockets would have killed 40 Turkish soldiers."
    told = roots(coded(nlp, resolver, coder, unreal))
    assert not told & {"13", "18", "19"}, told


def test_a_question_codes_nothing(nlp, resolver, coder) -> None:
    assert coded(nlp, resolver, coder, "Did the Turkish army shell the Kurdish town?") == []


def test_private_people_talking_is_no_political_event(nlp, resolver, coder) -> None:
    assert "04" not in roots(coded(nlp, resolver, coder, "She talked warmly with her customers."))
    minister = "The Iranian foreign minister talked with his Iraqi host."
    assert "04" in roots(coded(nlp, resolver, coder, minister))


def test_a_private_persons_words_are_no_statement_event(nlp, resolver, coder) -> None:
    assert "01" not in roots(coded(nlp, resolver, coder, "The pharmacist said the shop would stay open."))
    assert "01" in roots(coded(nlp, resolver, coder, "The Russian foreign minister said talks would go on."))


@pytest.mark.parametrize("text, statement", [
    # capitalised because it opens the sentence, still a common noun
    ("Organisers said the march would go ahead.", False),
    ("Campaigners hope the talks will resume.", False),
    # a name the dictionaries do not know may be an official's
    ("Karimov said the talks would go ahead.", True),
])
def test_a_speaker_is_a_name_by_the_parse_not_by_its_capital(nlp, resolver, coder, text, statement) -> None:
    assert ("01" in roots(coded(nlp, resolver, coder, text))) is statement, text


@pytest.mark.parametrize("text, source_code", [
    ("A Turkish missile strike killed three fighters near the border.", "TURMIL"),
    ("An RPG hit the army checkpoint.", None),
    ("Roadside bombs killed four Afghan soldiers.", None),
])
def test_the_force_behind_a_weapon_is_the_doer(nlp, resolver, coder, text, source_code) -> None:
    harm = [e for e in coded(nlp, resolver, coder, text) if e.cameo[:2] in ("18", "19")]
    assert harm, text
    if source_code is None:
        assert all(e.source is None for e in harm), [e.source for e in harm]
    else:
        assert all(e.source is not None and e.source.code == source_code for e in harm)


def test_one_act_of_several_uncoded_people_is_one_event(nlp, resolver, coder) -> None:
    evs = coded(nlp, resolver, coder, "Smith, Jones and Brown voted to support the Australian republic.")
    assert len([e for e in evs if e.cameo[:2] == "05"]) <= 1


def test_two_named_groups_keep_their_own_events(nlp, resolver, coder) -> None:
    evs = coded(nlp, resolver, coder, "Hamas and Hezbollah fired rockets at Israeli towns.")
    sources = {e.source.name or e.source.text for e in evs if e.source is not None and e.cameo[:2] == "19"}
    assert len(sources) == 2, sources


@pytest.mark.parametrize("text, root", [
    ("The Syrian army seized the gas.", "17"),
    ("Turkey criticised his decision.", "11"),
    ("Hamas seized 3.5 million dollars from the bank.", "17"),
])
def test_things_and_sums_are_no_targets(nlp, resolver, coder, text, root) -> None:
    evs = [e for e in coded(nlp, resolver, coder, text) if e.cameo[:2] == root]
    assert evs and all(e.target is None for e in evs), [(e.cameo, e.target) for e in evs]


def test_a_common_noun_state_stays_a_target(nlp, resolver, coder) -> None:
    evs = coded(nlp, resolver, coder, "Russia sent medical supplies to the two countries.")
    assert any(e.target is not None and e.target.text.endswith("countries") for e in evs)


def test_an_act_set_against_a_negated_one_happened() -> None:
    doc = Coder().code("The president chose not to respond militarily and instead announced new sanctions "
                       "on Iran.", date="2020-01-09")
    sanctions = [e for e in doc.events if e.cameo.startswith("16")]
    assert sanctions and not sanctions[0].negated and sanctions[0].modality == "asserted", doc.events


def test_acts_joined_under_one_negation_stay_negated() -> None:
    doc = Coder().code("The rebels did not attack or shell the town.", date="2020-01-09")
    assert doc.events and all(e.negated for e in doc.events if e.cameo[:2] == "19")


def test_a_habit_told_on_the_copula_is_no_happening() -> None:
    doc = Coder().code("The newspaper is often critical of the Turkish government.", date="2020-01-09")
    assert not [e for e in doc.events if e.cameo[:2] == "11" and not e.negated], doc.events


@pytest.mark.parametrize("text, code", [
    ("Iranian police fired tear gas three times at the crowd.", "175"),
    ("Saudi-led jets have violated the truce more than fifty times this week.", "196"),
])
def test_a_count_of_times_is_still_a_happening(text: str, code: str) -> None:
    doc = Coder().code(text, date="2020-01-09")
    assert any(e.cameo.startswith(code) for e in doc.events), doc.events
