"""Event pattern families on our own sentences: each row a sense, an idiom or an object class
that decides the CAMEO code (the lexicon in thucydides/data/events/*.yaml), and the senses that
must not be coded as the event their word usually names."""

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


def codes(events: list[Event]) -> set[str]:
    return {e.cameo for e in events if not e.negated}


CODED = [
    # idioms and objects choose the code
    ("The opposition leader took a swipe at the finance minister.", "111"),
    ("A soldier aimed his rifle at the marchers.", "150"),
    ("The visiting reporters were denied visas by the interior ministry.", "160"),
    ("Customs officers returned the stolen statues to Greece.", "084"),
    ("Greece signed a trade agreement with Egypt.", "057"),
    ("Ghana is sending 300 troops to the UN peacekeeping mission in Lebanon.", "074"),
    ("The dock workers called off their strike on Friday.", "082"),
    ("Two rebel commanders gave up fighting and went home.", "087"),
    ("Peru and Ecuador concluded the border war.", "087"),
    # forces decisions and suspensions
    ("Hundreds of Kenyan troops arrived in the port city on Monday.", "154"),
    ("Japan decided on Thursday to lift its sanctions on Iran.", "085"),
    ("Norway announced a suspension of aid to the junta.", "162"),
    ("Germany halted assistance to the junta.", "162"),
    # material cooperation families
    ("Egypt and France began a new round of joint naval exercises.", "062"),
    ("The two armies staged joint war games near the border.", "062"),
    ("The army gave military equipment to the border guards of Chad.", "072"),
    ("The junta let free forty political prisoners.", "0841"),
    ("Washington rolled back tariffs on Mexican steel.", "085"),
    ("Red Cross volunteers distributed food and medicine to the flood victims.", "070"),
    ("Japan will extend 50 million dollars in humanitarian aid to Nepal.", "033"),
    ("The bank lent two billion dollars in credit to Ghana.", "071"),
    # strikes blockades and fights
    ("Thousands of dock workers stopped work on Monday over pay.", "143"),
    ("The navy imposed a blockade on the rebel port.", "191"),
    ("Rebels fought the army near the dam.", "190"),
    ("The two armies exchanged fire across the river.", "193"),
    # statement families
    ("The ministry is exploring the possibility of buying gas from Qatar.", "014"),
    ("The king attended a ceremony marking the end of the war.", "017"),
    ("The cabinet rejected claims of favouritism.", "016"),
    # conflict and talk families
    ("The hackers launched cyber warfare against the bank.", "170"),
    ("The militia held the villagers as human shields.", "181"),
    ("The rebels are guilty of violating the ceasefire agreement.", "196"),
    ("The cartel is responsible for the bombing of the courthouse.", "18"),
    ("A district judge found the mayor guilty of bribery.", "116"),
    ("Turkey has strengthened its forces along the border.", "154"),
    ("The two leaders held bilateral discussions in Addis Ababa.", "040"),
]

NOT_CODED = [
    # senses that are no event
    ("A student hailing from the border village won the prize.", "051"),
    ("The climber froze to death near the summit.", "160"),
    ("The new centre is aimed at fighting fake news.", "030"),
    ("The suspects were paraded before the cameras.", "150"),
    ("The senators return to the capital on Monday.", "084"),
    ("The president signed two laws on pretrial detention.", "057"),
    ("Talk to any farmer in the valley and you will hear the same story.", "040"),
    ("Army doctors carried out surgical operations on the wounded villagers.", "190"),
    ("The donors reinforced their commitment to the refugees.", "154"),
    ("The bank is mobilising new funds for the reconstruction of the port.", "154"),
    ("The dock workers called off their strike on Friday.", "143"),
    # fighting what is no one is no assault
    ("The ministry sent doctors to fight the cholera epidemic.", "190"),
    ("Donors pledged money to fight COVID-19 in the camps.", "190"),
    ("The government will combat corruption in the police.", "190"),
    ("The EU deployed election observers across the country.", "154"),
]


@pytest.mark.parametrize("text, expected", CODED)
def test_the_pattern_family_codes(nlp, coder, text, expected) -> None:
    assert any(c.startswith(expected) for c in codes(code(nlp, coder, text))), text


@pytest.mark.parametrize("text, absent", NOT_CODED)
def test_the_sense_is_no_such_event(nlp, coder, text, absent) -> None:
    assert absent not in codes(code(nlp, coder, text)), text


@pytest.mark.parametrize("text, root", [
    ("Chad is willing to withdraw its troops from the border zone.", "03"),
    ("Peru is ready to contribute troops to the UN force.", "03"),
])
def test_readiness_is_intent_to_act(nlp, coder, text, root) -> None:
    evs = code(nlp, coder, text)
    assert any(e.cameo[:2] == root and e.modality == "intended" and e.why["clause"] == "main" for e in evs)
    assert not [e for e in evs if e.cameo[:2] in ("07", "08") and not e.negated], text


def test_a_passive_participle_acts_on_the_noun_it_describes(nlp, resolver, coder) -> None:
    doc = nlp("The rebels killed in the ambush were buried on Friday.")
    evs = coder.code(doc, resolver.resolve(doc, None), "t")
    kill = next(e for e in evs if e.cameo[:2] in ("18", "19"))
    assert kill.target is not None and kill.target.text == "The rebels"
    # and its object class: figures are released, not freed
    released = code(nlp, coder, "Turnout rose, according to figures released by the ministry.")
    assert "0841" not in codes(released)


def test_a_minister_arriving_is_still_a_visit(nlp, coder) -> None:
    assert "042" in codes(code(nlp, coder, "The foreign minister arrived in Paris on Monday."))


def test_by_doing_is_the_same_actors_means(nlp, resolver, coder) -> None:
    doc = nlp("China backed the campaign by donating medical supplies to Malawi.")
    evs = coder.code(doc, resolver.resolve(doc, None), "t")
    aid = next(e for e in evs if e.cameo[:2] == "07")
    assert aid.source is not None and aid.source.country == "CHN"
    assert aid.why["clause"] == "main"


def test_ready_for_nothing_named_is_no_event(nlp, coder) -> None:
    assert not code(nlp, coder, "The army is ready.")


def test_an_event_noun_in_an_urged_clause_is_what_is_urged(nlp, coder) -> None:
    evs = code(nlp, coder, "Britain urged the council to renew the sanctions on Iran.")
    assert {e.cameo[:2] for e in evs if not e.negated} == {"02"}
    evs = code(nlp, coder, "Britain urged Israel to lift the blockade of the port.")
    assert not [e for e in evs if e.cameo == "191"]  # the blockade is what is to be lifted


def test_responsible_for_nothing_named_is_no_event(nlp, coder) -> None:
    assert not code(nlp, coder, "The minister is responsible for the budget.")
