"""Second-round resolution rules: coordination, quotes, former office holders, NER slips,
datelines, organisations named after a country, role words taking a sector. Own sentences."""

from __future__ import annotations

from datetime import date

from spacy.language import Language

from thucydides.actors import ActorAnalysis, ActorResolver
from thucydides.models import ActorMention

DAY = date(2016, 5, 20)



def mentions(nlp: Language, resolver: ActorResolver, text: str) -> ActorAnalysis:
    return resolver.resolve(nlp(text), DAY)


def exact(analysis: ActorAnalysis, text: str, phrase: str, occurrence: int = 0) -> ActorMention:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    found = [m for m in analysis.mentions if m.start == start and m.end == start + len(phrase)]
    assert found, f"no mention over {phrase!r}: {[(m.text, m.code) for m in analysis.mentions]}"
    return found[0]


# -- coordination --------------------------------------------------------------------

def test_conjoined_demonyms_give_one_mention_each(nlp: Language, resolver: ActorResolver) -> None:
    text = "Iranian and Iraqi soldiers cleared the road near the border."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Iranian").code == "IRNMIL"
    assert exact(a, text, "Iraqi soldiers").code == "IRQMIL"
    assert exact(a, text, "Iranian").entity != exact(a, text, "Iraqi soldiers").entity


def test_three_conjoined_demonyms(nlp: Language, resolver: ActorResolver) -> None:
    text = "French, German and Italian diplomats left the talks early."
    a = mentions(nlp, resolver, text)
    assert [exact(a, text, p).code for p in ("French", "German", "Italian diplomats")] == [
        "FRAGOV", "DEUGOV", "ITAGOV"]


def test_conjoined_demonyms_are_coded_by_the_first_named(nlp: Language, resolver: ActorResolver) -> None:
    # the phrase as a whole (an event's source) stands for the first conjunct, as coders take it
    text = "Iranian and Iraqi soldiers cleared the road near the border."
    a = mentions(nlp, resolver, text)
    head = text.index("soldiers")
    assert a.best_in(0, head + len("soldiers"), head=head).code == "IRNMIL"


def test_backed_group_keeps_its_own_nationality(nlp: Language, resolver: ActorResolver) -> None:
    text = "Iranian-backed Iraqi militias fired rockets, and Saudi-led forces struck the port."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Iranian-backed Iraqi militias").country == "IRQ"
    assert exact(a, text, "Saudi-led forces").country == "SAU"  # no other state named: the leader's


def test_same_country_twice_is_not_split(nlp: Language, resolver: ActorResolver) -> None:
    text = "Senior, experienced Chilean soldiers met on Monday."
    a = mentions(nlp, resolver, text)
    codes = [m.code for m in a.mentions if m.code]
    assert codes == ["CHLMIL"]


def test_conjoined_country_names_stay_two_actors(nlp: Language, resolver: ActorResolver) -> None:
    text = "Japan and the United States held naval drills."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Japan").code == "JPN"
    assert exact(a, text, "United States").code == "USA"


# -- first person inside quotes --------------------------------------------------------

def test_we_in_quote_takes_speaker_after_quote(nlp: Language, resolver: ActorResolver) -> None:
    text = "\u201cWe will not leave the port,\u201d the Egyptian navy said on Sunday."
    a = mentions(nlp, resolver, text)
    we = exact(a, text, "We")
    assert we.code == "EGYMIL" and we.how == "coref:quote"


def test_our_in_quote_takes_speaker_before_quote(nlp: Language, resolver: ActorResolver) -> None:
    text = "Sergei Lavrov told reporters: \u201cOur position has not changed.\u201d"
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Our").code == "RUSGOV"


def test_quote_continues_after_cue_sentence(nlp: Language, resolver: ActorResolver) -> None:
    text = ("\u201cThe talks are over,\u201d Sergei Lavrov said on Monday. "
            "\u201cWe expect an answer from the other side.\u201d")
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "We").code == "RUSGOV"


def test_quote_without_plain_speaker_leaves_we_alone(nlp: Language, resolver: ActorResolver) -> None:
    text = "\u201cWe are ready.\u201d Sergei Lavrov said the talks would go on."
    a = mentions(nlp, resolver, text)
    assert not [m for m in a.mentions if m.text == "We"]


def test_possessive_pronoun_gives_country_to_agent(nlp: Language, resolver: ActorResolver) -> None:
    text = "Bashar al-Assad said his forces would hold the city."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "forces").code == "SYRMIL"


# -- former office holders, NER slips ----------------------------------------------------

def test_former_title_is_elite(nlp: Language, resolver: ActorResolver) -> None:
    text = "The former Chilean president Juan Pablo Ortega spoke at the rally."
    a = mentions(nlp, resolver, text)
    start = text.index("Juan Pablo Ortega")
    m = a.best_in(start, start + len("Juan Pablo Ortega"))
    assert m is not None and m.code == "CHLELI"


def test_former_modifying_something_else_is_ignored(nlp: Language, resolver: ActorResolver) -> None:
    text = "The Chilean president visited the former mining town."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Chilean president").code == "CHLGOV"


def test_aircraft_tagged_as_person_is_not_a_person(nlp: Language, resolver: ActorResolver) -> None:
    text = "Four U.S. Navy F-18E Super Hornets landed on the carrier."
    a = mentions(nlp, resolver, text)
    coded = [m for m in a.mentions if m.code == "USAMIL"]
    assert coded and all(m.kind != "person" for m in coded)


def test_surname_ending_in_s_stays_a_person(nlp: Language, resolver: ActorResolver) -> None:
    text = "Army General Paulo Reyes met the press. Reyes said nothing."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Reyes", 1).kind == "person"


# -- names, places and datelines -------------------------------------------------------------

def test_dateline_capital_is_not_an_actor(nlp: Language, resolver: ActorResolver) -> None:
    text = "ANKARA (AP) - Greece and Turkey agreed to resume talks."
    a = mentions(nlp, resolver, text)
    assert not [m for m in a.mentions if m.text == "ANKARA"]
    assert exact(a, text, "Greece").code == "GRC"


def test_dateline_city_and_country(nlp: Language, resolver: ActorResolver) -> None:
    text = "LIMA, Peru Peru's congress voted on Tuesday to remove the minister."
    a = mentions(nlp, resolver, text)
    assert [m.text for m in a.mentions if m.start < 10] == []


def test_capital_as_first_word_of_a_sentence_still_counts(nlp: Language, resolver: ActorResolver) -> None:
    text = "Ankara said it would answer the note."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "Ankara").code == "TUR"


def test_capital_inside_longer_place_name_is_not_the_state(nlp: Language, resolver: ActorResolver) -> None:
    text = "Lima County officials closed the bridge."
    a = mentions(nlp, resolver, text)
    assert all(m.country != "PER" for m in a.mentions)


def test_organisation_named_after_a_country(nlp: Language, resolver: ActorResolver) -> None:
    text = "The Ghana Federation of Teachers Union called a strike."
    a = mentions(nlp, resolver, text)
    org = [m for m in a.mentions if m.country == "GHA"]
    assert org and org[0].kind == "organisation" and org[0].text.startswith("Ghana")


def test_verb_form_of_an_agent_word_is_not_an_actor(nlp: Language, resolver: ActorResolver) -> None:
    text = "The Chilean opposition accused the cabinet of lying."
    a = mentions(nlp, resolver, text)
    assert not [m for m in a.mentions if m.text == "accused"]


def test_role_word_takes_sector_from_of_phrase(nlp: Language, resolver: ActorResolver) -> None:
    text = "A spokesman for the navy said the ship was safe."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "spokesman").sector == "MIL"


def test_dateline_after_a_headline(nlp: Language, resolver: ActorResolver) -> None:
    text = "Talks collapse in Geneva\n\nMADRID, The Spanish government recalled its envoy."
    a = mentions(nlp, resolver, text)
    assert not [m for m in a.mentions if m.text == "MADRID"]


def test_headline_in_capitals_is_not_a_dateline(nlp: Language, resolver: ActorResolver) -> None:
    text = "SPAIN, MOROCCO SIGN FISHING PACT"
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "SPAIN").code == "ESP"


def test_aircraft_model_before_a_person_tag(nlp: Language, resolver: ActorResolver) -> None:
    text = "Royal Air Force F-35B Lightnings flew over the base."
    a = mentions(nlp, resolver, text)
    assert all(m.kind != "person" for m in a.mentions)


def test_ex_minister_is_elite(nlp: Language, resolver: ActorResolver) -> None:
    text = "The ex-minister of Chile met the press."
    a = mentions(nlp, resolver, text)
    assert exact(a, text, "minister").code == "CHLELI"


def test_dictionary_person_after_last_office_is_elite(nlp: Language, resolver: ActorResolver) -> None:
    text = "Boris Yeltsin visited a hospital."
    m = exact(resolver.resolve(nlp(text), date(2005, 1, 1)), text, "Boris Yeltsin")
    assert m.code == "RUSELI"


def test_a_backer_is_not_the_country_of_those_it_backs(nlp, resolver) -> None:
    from datetime import date as _date
    cases = [("Turkish-backed fighters shelled the town.", "Turkish-backed fighters", "REB"),
             ("Turkish-backed Syrian rebels shelled the town.", "Turkish-backed Syrian rebels", "SYRREB"),
             ("The US-led coalition bombed the city.", "US-led coalition", "USA")]
    for text, phrase, code in cases:
        a = resolver.resolve(nlp(text), _date(2019, 10, 12))
        start = text.index(phrase)
        hits = [m for m in a.mentions if m.start <= start + 1 and m.end >= start + len(phrase) - 1]
        assert hits and hits[0].code == code, (text, [(m.text, m.code) for m in a.mentions])
