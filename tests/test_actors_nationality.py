"""A sector-only event actor takes the country its article fixes, and only then."""

from __future__ import annotations

import pytest

from thucydides import Coder
from thucydides.models import Event


@pytest.fixture(scope="module")
def full_coder() -> Coder:
    return Coder()


def _event(doc_events: list[Event], lemma: str) -> Event:
    found = [e for e in doc_events if lemma in e.trigger.text.lower()]
    assert found, [e.trigger.text for e in doc_events]
    return found[0]


def test_place_in_the_sentence_fixes_the_police(full_coder: Coder) -> None:
    doc = full_coder.code("Police arrested the newspaper editor in Baku on Monday.", date="2024-03-08")
    arrest = _event(doc.events, "arrest")
    assert arrest.source is not None and arrest.source.code == "AZECOP"
    assert arrest.why["countries"]["source"] in ("sentence place", "sentence actor")


def test_the_other_actor_of_the_sentence_fixes_the_protesters(full_coder: Coder) -> None:
    doc = full_coder.code("Nigerian soldiers clashed with protesters on Friday.", date="2024-03-08")
    clash = _event(doc.events, "clash")
    assert clash.target is not None and clash.target.country == "NGA"


def test_two_countries_in_the_sentence_leave_it_open(full_coder: Coder) -> None:
    doc = full_coder.code("Police arrested two men in Paris and in Berlin.", date="2024-03-08")
    arrest = _event(doc.events, "arrest")
    assert arrest.source is not None and arrest.source.country is None
    assert "countries" not in arrest.why


def test_the_article_country_when_one_clearly_leads(full_coder: Coder) -> None:
    text = ("Kenya's president met opposition leaders in Nairobi. Kenyan officials said the talks "
            "went well. The Kenyan government promised reforms.\n\nPolice later detained two activists.")
    doc = full_coder.code(text, date="2024-03-08")
    detain = _event(doc.events, "detain")
    assert detain.source is not None and detain.source.code == "KENCOP"
    assert detain.why["countries"]["source"] == "article"


def test_no_country_from_an_article_without_a_leading_one(full_coder: Coder) -> None:
    text = ("France and Germany held talks in Brussels. Police later detained two activists.")
    doc = full_coder.code(text, date="2024-03-08")
    detain = _event(doc.events, "detain")
    assert detain.source is not None and detain.source.country is None


def test_a_named_person_takes_the_article_country(full_coder: Coder) -> None:
    text = ("Slovenia's government met in Ljubljana. Slovenian officials said the talks went well. "
            "Slovenia will vote on Sunday.\n\nTomas Kralj accused the ministers of lying.")
    doc = full_coder.code(text, date="2024-03-08")
    accuse = _event(doc.events, "accuse")
    assert accuse.source is not None and accuse.source.country == "SVN"
    assert accuse.why["countries"]["source"] == "article"


def test_a_named_person_is_not_placed_by_the_other_person_of_the_sentence(full_coder: Coder) -> None:
    doc = full_coder.code("Russian President Vladimir Putin met President Tomas Kralj on Monday.",
                          date="2024-03-08")
    meet = _event(doc.events, "met")
    assert meet.target is not None and meet.target.country is None


def test_a_state_word_before_a_land_noun_is_a_place_not_an_actor(full_coder: Coder) -> None:
    text = ("Cambodia's government met in Phnom Penh. Cambodian officials said the talks went well. "
            "Cambodia will vote on Sunday.\n\nTroops shelled the village near the Thai border.")
    doc = full_coder.code(text, date="2024-03-08")
    shell = _event(doc.events, "shell")
    assert shell.source is not None and shell.source.code == "KHMMIL"


def test_police_are_of_the_place_they_act_in_before_the_article_country(full_coder: Coder) -> None:
    text = ("Syria's government met in Damascus. Syrian officials said the talks went well. "
            "Syria will vote on Sunday.\n\nPolice detained two activists in Istanbul on Monday.")
    doc = full_coder.code(text, date="2024-03-08")
    detain = _event(doc.events, "detain")
    assert detain.source is not None and detain.source.code == "TURCOP"
    assert detain.why["countries"]["source"] == "sentence place"


def test_troops_take_the_article_country_before_the_place_they_fight_in(full_coder: Coder) -> None:
    text = ("Turkey's government met in Ankara. Turkish officials said the talks went well. "
            "Turkey will vote on Sunday.\n\nTroops shelled two villages near Aleppo on Monday.")
    doc = full_coder.code(text, date="2024-03-08")
    shell = _event(doc.events, "shell")
    assert shell.source is not None and shell.source.code == "TURMIL"


def test_a_community_named_by_faith_takes_the_country_of_its_sentence(full_coder: Coder) -> None:
    doc = full_coder.code("Police in Belfast arrested six Protestants on suspicion of rioting.",
                          date="2024-03-08")
    arrest = _event(doc.events, "arrest")
    assert arrest.target is not None and arrest.target.code == "GBRCVL"


def test_a_crowd_is_of_the_city_it_rallies_in_not_of_the_embassy_it_rallies_at(full_coder: Coder) -> None:
    doc = full_coder.code("In Ankara, hardline students rallied outside the Dutch embassy on Monday.",
                          date="2024-03-08")
    rally = _event(doc.events, "rallied")
    assert rally.source is not None and rally.source.country == "TUR"


def test_a_named_person_beside_another_state_is_not_given_the_article_country(full_coder: Coder) -> None:
    text = ("Kenya's president met opposition leaders in Nairobi. Kenyan officials said the talks "
            "went well. The Kenyan government promised reforms.\n\nForeign Minister Tomas Kralj "
            "condemned the bombing of the Chinese embassy in Nairobi.")
    doc = full_coder.code(text, date="2024-03-08")
    condemn = _event(doc.events, "condemn")
    assert condemn.source is not None and condemn.source.country is None


def test_a_titled_official_in_a_datelined_story_is_of_the_dateline_country(full_coder: Coder) -> None:
    text = ("NICOSIA, August 8 (Xinhua) -- President Alexis Marinou condemned the bombing of "
            "the U.S. embassy in Nairobi on Friday.")
    doc = full_coder.code(text, date="1998-08-08")
    condemn = _event(doc.events, "condemn")
    assert condemn.source is not None and condemn.source.country == "CYP"
    assert condemn.why["countries"]["source"] == "dateline"


def test_a_state_force_is_never_of_the_state_it_fights(full_coder: Coder) -> None:
    doc = full_coder.code("The Jordanian army said that three Jordanian soldiers had been killed by regime "
                          "shelling near the border.", date="2024-03-08")
    killing = _event(doc.events, "kill")
    assert killing.target is not None and killing.target.code == "JORMIL"
    assert killing.source is not None and killing.source.country != "JOR"


@pytest.mark.parametrize("text, word", [
    ("Iran's foreign minister accused European governments of doing nothing.", "accused"),
    ("Iraqi officials said foreign fighters attacked the base.", "attacked"),
])
def test_an_actor_named_beyond_one_state_takes_no_country(full_coder: Coder, text: str, word: str) -> None:
    event = _event(full_coder.code(text, date="2024-03-08").events, word)
    side = event.target if word == "accused" else event.source
    assert side is not None and side.country is None, side


def test_those_a_foreign_force_strikes_take_the_articles_country_not_the_attackers(
        full_coder: Coder) -> None:
    text = ("Beirut was tense on Monday. Lebanon's army deployed in the south. Lebanese officials met "
            "in Beirut. Two fighters were killed in an Israeli air strike.")
    killing = _event(full_coder.code(text, date="2024-03-08").events, "kill")
    assert killing.target is not None and killing.target.country == "LBN"


def test_those_who_strike_a_foreign_target_take_the_articles_country_not_the_victims(
        full_coder: Coder) -> None:
    text = ("Ramadi was quiet on Monday. The Iraqi army left Ramadi in May. Iraqi police returned to "
            "Baghdad. In Ramadi, insurgents ambushed a convoy carrying four American engineers.")
    ambush = _event(full_coder.code(text, date="2024-03-08").events, "ambush")
    assert ambush.source is not None and ambush.source.country == "IRQ"


def test_a_militia_aligned_with_a_state_is_not_that_states(full_coder: Coder) -> None:
    attack = _event(full_coder.code("An Iran-aligned militia attacked the base.", date="2024-03-08").events,
                    "attack")
    assert attack.source is not None and attack.source.country != "IRN"


def test_diplomats_expelled_are_not_of_the_expelling_state(full_coder: Coder) -> None:
    doc = full_coder.code("The diplomats whom Turkey expelled left on Friday.", date="2024-03-08")
    expel = _event(doc.events, "expel")
    assert expel.cameo.startswith("16")
    assert expel.target is not None and expel.target.country != "TUR"


def test_a_people_living_across_states_fixes_no_country(full_coder: Coder) -> None:
    doc = full_coder.code("Turkey will attack the Kurdish militia.", date="2024-03-08")
    attack = _event(doc.events, "attack")
    assert attack.target is not None and attack.target.country is None, attack.target
