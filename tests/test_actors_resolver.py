"""Mentions → codes, one rule per test, with our own sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.language import Language

from thucydides.actors import ActorAnalysis, ActorResolver
from thucydides.models import ActorMention

DAY = date(2016, 5, 20)



def analyse(nlp: Language, resolver: ActorResolver, text: str, when: date | None = DAY) -> ActorAnalysis:
    return resolver.resolve(nlp(text), when)


def at(analysis: ActorAnalysis, text: str, phrase: str, occurrence: int = 0) -> ActorMention | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return analysis.best_in(start, start + len(phrase))


def code_of(nlp: Language, resolver: ActorResolver, text: str, phrase: str,
            when: date | None = DAY) -> str | None:
    m = at(analyse(nlp, resolver, text, when), text, phrase)
    return m.code if m else None


def test_country_name_as_actor(nlp: Language, resolver: ActorResolver) -> None:
    text = "Ukraine accused Belarus of massing tanks."
    a = analyse(nlp, resolver, text)
    assert at(a, text, "Ukraine").code == "UKR"
    assert at(a, text, "Ukraine").kind == "state"
    assert at(a, text, "Belarus").code == "BLR"


def test_us_spellings(nlp: Language, resolver: ActorResolver) -> None:
    for name in ("U.S.", "US", "United States", "America"):
        text = f"The {name} imposed new tariffs on steel."
        assert code_of(nlp, resolver, text, name) == "USA", name


def test_pronoun_us_is_not_the_country(nlp: Language, resolver: ActorResolver) -> None:
    text = "The minister told us that talks would resume."
    a = analyse(nlp, resolver, text)
    assert all(m.code != "USA" for m in a.mentions)


def test_demonym_plus_agent(nlp: Language, resolver: ActorResolver) -> None:
    assert code_of(nlp, resolver, "Georgian officials denied the report.", "Georgian officials") == "GEOGOV"
    assert code_of(nlp, resolver, "Libyan rebels seized the port.", "Libyan rebels") == "LBYREB"
    assert code_of(nlp, resolver, "Kenyan police fired tear gas.", "Kenyan police") == "KENCOP"


def test_possessive_country(nlp: Language, resolver: ActorResolver) -> None:
    text = "Japan’s defence minister visited the base."
    assert code_of(nlp, resolver, text, "Japan’s defence minister") == "JPNMIL"
    text = "Egypt's foreign ministry summoned the envoy."
    assert code_of(nlp, resolver, text, "Egypt's foreign ministry") == "EGYGOV"


def test_metonym_institution(nlp: Language, resolver: ActorResolver) -> None:
    assert code_of(nlp, resolver, "The Kremlin dismissed the claim.", "Kremlin") == "RUSGOV"
    assert code_of(nlp, resolver, "A White House spokeswoman declined to comment.",
                   "White House spokeswoman") == "USAGOV"
    assert code_of(nlp, resolver, "Pentagon officials briefed reporters.", "Pentagon officials") == "USAMIL"


def test_title_before_unknown_name(nlp: Language, resolver: ActorResolver) -> None:
    text = "Colombian Interior Minister Ana Torres met the governors."
    m = at(analyse(nlp, resolver, text), text, "Colombian Interior Minister Ana Torres")
    assert m.code == "COLGOV" and m.kind == "person"


def test_dictionary_person_with_date(nlp: Language, resolver: ActorResolver) -> None:
    text = "Barack Obama spoke to the nation."
    assert code_of(nlp, resolver, text, "Barack Obama", date(2015, 6, 1)) == "USAGOV"
    assert code_of(nlp, resolver, text, "Barack Obama", date(2019, 6, 1)) == "USAELI"


def test_shared_alias_resolved_by_date(nlp: Language, resolver: ActorResolver) -> None:
    text = "Bush ordered the troops home."
    a = analyse(nlp, resolver, text, date(1991, 3, 1))
    assert at(a, text, "Bush").name == "George H. W. Bush"
    a = analyse(nlp, resolver, text, date(2004, 3, 1))
    assert at(a, text, "Bush").name == "George W. Bush"


def test_unknown_person_gets_no_code(nlp: Language, resolver: ActorResolver) -> None:
    text = "Margarethe Oyelaran criticised the plan on Tuesday."
    m = at(analyse(nlp, resolver, text), text, "Margarethe Oyelaran")
    assert m is not None and m.code is None and m.kind == "person"


def test_agent_alone_has_no_country(nlp: Language, resolver: ActorResolver) -> None:
    text = "Protesters blocked the road and police detained a dozen of them."
    a = analyse(nlp, resolver, text)
    police = at(a, text, "police")
    assert police.code == "COP" and police.country is None and police.sector == "COP"
    assert at(a, text, "Protesters").sector == "CVL"


def test_lower_case_police_report(nlp: Language, resolver: ActorResolver) -> None:
    text = ("surat: the sho and two constables of the city police were attacked by a mob on sunday. "
            "the dcp said the crime branch would probe the attack.")
    a = analyse(nlp, resolver, text, None)
    for phrase in ("sho", "constables", "dcp", "crime branch"):
        m = at(a, text, phrase)
        assert m is not None and m.sector == "COP" and m.country is None, phrase
    assert at(a, text, "mob").sector == "CVL"


def test_x_led_coalition(nlp: Language, resolver: ActorResolver) -> None:
    text = "Saudi-led coalition forces struck the airport."
    m = at(analyse(nlp, resolver, text), text, "Saudi-led coalition forces")
    assert m.code == "SAUMIL"


def test_air_force_and_igo(nlp: Language, resolver: ActorResolver) -> None:
    assert code_of(nlp, resolver, "The French Air Force flew two sorties.", "French Air Force") == "FRAMIL"
    assert code_of(nlp, resolver, "UN peacekeepers left the town.", "UN peacekeepers") == "IGOUNOMIL"
    assert code_of(nlp, resolver, "NATO warned Moscow.", "NATO") == "IGOWSTNAT"


def test_compound_actors_are_separate(nlp: Language, resolver: ActorResolver) -> None:
    text = "Iran and Iraq signed a border deal."
    a = analyse(nlp, resolver, text)
    assert at(a, text, "Iran").code == "IRN" and at(a, text, "Iraq").code == "IRQ"


def test_armed_group_aliases(nlp: Language, resolver: ActorResolver) -> None:
    text = "Boko Haram fighters raided a school, and al-Shabab claimed a bombing in Mogadishu."
    a = analyse(nlp, resolver, text)
    assert at(a, text, "Boko Haram fighters").code == "NGAREB"
    assert at(a, text, "al-Shabab").code == "SOMREB"


def test_common_word_is_not_a_country(nlp: Language, resolver: ActorResolver) -> None:
    text = "The family ate roast turkey and rice."
    assert all(m.code != "TUR" for m in analyse(nlp, resolver, text).mentions)


def test_person_name_is_not_a_place(nlp: Language, resolver: ActorResolver) -> None:
    text = "Denzel Washington attended the premiere."
    assert all(m.code != "USA" for m in analyse(nlp, resolver, text).mentions)


def test_user_dictionary_entry_is_used(nlp: Language, tmp_path: Path) -> None:
    path = tmp_path / "extra.tsv"
    path.write_text("name\taliases\tcode\tkind\thome\nHarbour Watch\t\tNGOHRI\torganisation\t\n",
                    encoding="utf-8")
    text = "Harbour Watch condemned the arrests."
    m = at(ActorResolver([path]).resolve(nlp(text), DAY), text, "Harbour Watch")
    assert m.code == "NGOHRI"


def test_mentions_carry_all_fields(nlp: Language, resolver: ActorResolver) -> None:
    text = "Police arrested two men. Egyptian President Hosni Mubarak resigned."
    a = analyse(nlp, resolver, text, date(2011, 2, 1))
    m = at(a, text, "Egyptian President Hosni Mubarak")
    assert (m.code, m.country, m.sector, m.kind, m.name, m.sentence_index) == (
        "EGYGOV", "EGY", "GOV", "person", "Hosni Mubarak", 1)
    assert m.how and m.entity is not None
    assert text[m.start:m.end] == m.text


def test_the_nations_of_the_united_kingdom_are_british(nlp: Language, resolver: ActorResolver) -> None:
    text = "Northern Ireland's largest unionist party walked out, and Scottish police made arrests."
    assert code_of(nlp, resolver, text, "Northern Ireland's largest unionist party") == "GBRPTY"
    assert code_of(nlp, resolver, text, "Scottish police") == "GBRCOP"


def test_turkish_and_iranian_parties_bodies_and_office_holders(nlp: Language,
                                                              resolver: ActorResolver) -> None:
    text = "The HDP accused the Basij of beatings, and Larijani said the Guardian Council had ruled."
    when = date(2019, 6, 1)
    assert code_of(nlp, resolver, text, "HDP", when) == "TUROPP"
    assert code_of(nlp, resolver, text, "Basij", when) == "IRNMIL"
    assert code_of(nlp, resolver, text, "Larijani", when) == "IRNLEG"
    assert code_of(nlp, resolver, text, "Guardian Council", when) == "IRNGOV"


def test_royal_marines_are_british_forces(nlp: Language, resolver: ActorResolver) -> None:
    text = "Royal Marines boarded the tanker off the coast."
    assert code_of(nlp, resolver, text, "Royal Marines") == "GBRMIL"
