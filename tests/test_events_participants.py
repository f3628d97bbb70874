"""Who took part (issue 14): an event needs someone on one side; an agentless passive of a state's
act names that state by the country it was done in; long acronyms in title case ("Nato")."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


def coded(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if not e.negated]


@pytest.mark.parametrize("text", [
    "The latest arrest raised the number of suspects in custody to nine.",
    "An investigation is under way, the spokesman added.",
    "Deportation remains a heated topic in the campaign.",
])
def test_an_act_with_nobody_on_either_side_is_no_event(nlp: Language, resolver: ActorResolver,
                                                       coder: EventCoder, text: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert not [e for e in events if e.cameo[:2] >= "03"], [(e.cameo, e.trigger.text) for e in events]


def test_the_same_act_with_someone_named_stays(nlp: Language, resolver: ActorResolver,
                                              coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Kenyan police arrested nine suspects on Friday.")
    assert [e.cameo[:3] for e in events] == ["173"]


@pytest.mark.parametrize("text, code, source", [
    ("At least ten reporters are imprisoned in Azerbaijan on political charges.", "173", "AZE"),
    ("Sixty Russian diplomats being expelled from the United States left on Saturday.", "161", "USA"),
    ("The two activists were detained in Turkey last week.", "173", "TUR"),
])
def test_a_state_act_in_the_passive_is_done_by_the_country_named(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, code: str, source: str) -> None:
    events = [e for e in coded(nlp, resolver, coder, text) if e.cameo[:3] == code]
    assert events and events[0].source is not None and events[0].source.code == source


@pytest.mark.parametrize("text", [
    "The two activists were detained in Kadikoy last week.",   # a town: where, not who
    "The two activists were detained by police in Turkey.",    # the doer is named
    "The bodies of the two activists were found in Turkey.",   # no act of a state
])
def test_no_state_is_read_from_a_town_a_named_doer_or_another_act(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    for e in coded(nlp, resolver, coder, text):
        assert e.source is None or e.source.code != "TUR", (e.cameo, e.source)


@pytest.mark.parametrize("text, code", [
    ("Nato condemned the missile test.", "IGOWSTNAT"),
    ("Isis fighters attacked a checkpoint near the border.", "IMGMOSISI"),
    ("Unicef delivered vaccines to the camp.", "IGOUNODEV"),
])
def test_a_long_acronym_written_as_a_name_is_the_actor(nlp: Language, resolver: ActorResolver,
                                                       text: str, code: str) -> None:
    doc = nlp(text)
    codes = {m.code for m in resolver.resolve(doc, None).mentions}
    assert any(c and c.startswith(code) for c in codes), codes


def test_an_acronym_whose_title_case_is_a_word_is_not_matched(nlp: Language, resolver: ActorResolver) -> None:
    doc = nlp("Fact is, nobody in the village knew.")
    assert not [m for m in resolver.resolve(doc, None).mentions if m.text == "Fact"]



def test_the_state_named_by_where_it_acted_is_still_where_it_acted(nlp: Language) -> None:
    from thucydides.coder import Coder

    doc = Coder().code("The two activists were detained in Turkey last week.")
    detained = [e for e in doc.events if e.cameo[:3] == "173"]
    assert detained and detained[0].source is not None and detained[0].source.code == "TUR"
    assert detained[0].location is not None and detained[0].location.country == "TUR"


def test_a_one_word_name_called_a_private_person_is_a_namesake(
        nlp: Language, resolver: ActorResolver) -> None:
    private = nlp("Abbas, a Kurdish shopkeeper, said he had lost his home.")
    assert "PSEGOV" not in {m.code for m in resolver.resolve(private, None).mentions}
    official = nlp("Abbas, the Palestinian president, said he would attend.")
    assert "PSEGOV" in {m.code for m in resolver.resolve(official, None).mentions}


@pytest.mark.parametrize("text, code", [
    ("The sister of the Cuban president met the protesters.", "CUBCVL"),
    ("The wife of the Russian president visited a school in Moscow.", "RUSCVL"),
])
def test_a_relative_named_through_an_office_holder_is_a_private_person(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, code: str) -> None:
    sources = {e.source.code for e in coded(nlp, resolver, coder, text) if e.source is not None}
    assert code in sources and not any(c and c.endswith("GOV") for c in sources), sources
