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
    # a promised pursuit or punishment is a threat, not an offer
    ("The prime minister vowed to hunt down the gunmen.", "13"),
    ("The interior minister promised to track down the kidnappers and bring them to justice.", "13"),
    # diplomats expelled, missions closed, talks left: reduced relations (16), not a deportation
    ("Canada announced the expulsion of four Iranian diplomats.", "161"),
    ("Turkey closed the Dutch consulate in Istanbul.", "161"),
    ("Russia ordered Britain to reduce its diplomatic staffing in Moscow.", "161"),
    ("The separatist party was expelled from the peace negotiations.", "164"),
    # inspectors visit sites to inspect them; accession papers and views are accepted
    ("UN inspectors visited three weapons sites on Tuesday.", "09"),
    ("The FBI dispatched investigators to the port.", "09"),
    ("The Romanian foreign minister accepted the accession papers of Croatia.", "057"),
    ("The European ministers accepted Germany's view of the crisis.", "051"),
    ("Finland formally joined NATO on Tuesday.", "057"),
    ("Montenegro became a full member of NATO in June.", "057"),
    # who clashes with whom: a crowd with the police riots, the police with a crowd represses
    ("Riot police clashed with student demonstrators in the capital.", "175"),
    ("Hundreds of farmers clashed with police outside parliament.", "145"),
    # idioms of criticism and blame
    ("The senator railed against the new tariffs.", "111"),
    ("The president lashed out at the judges on Monday.", "111"),
    ("The foreign minister bristled at the remarks of his Dutch counterpart.", "111"),
    ("Beijing is critical of the new defence pact.", "111"),
    ("The opposition leader ripped into the finance minister.", "111"),
    ("Britain holds Moscow responsible for the poisoning.", "112"),
    # diplomacy, force posture, protest and war
    ("Erdogan spoke by telephone with the German chancellor.", "041"),
    ("The king awarded the outgoing ambassador a medal.", "051"),
    ("The Iraqi government resisted the weapons inspectors.", "1245"),
    ("Egypt moved tanks into the border zone.", "154"),
    ("China continued its military buildup near the strait.", "154"),
    ("Protesters waved flags outside the embassy.", "141"),
    ("The rebels waged war on the government for a decade.", "190"),
    ("The Kenyan police set up checkpoints around the capital.", "150"),
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
    ("The Spanish police fought terrorism in the Basque country.", "190"),
    # desire is no commitment; one's image is no party defended
    ("Iran wants a referendum on the constitution.", "030"),
    ("The minister defended her reputation in a long interview.", "052"),
    # documents released, suicide or projects carried out, rewards offered: no release, pledge or killing
    ("The senator released his tax returns on Friday.", "0841"),
    ("A soldier committed suicide at the base.", "030"),
    ("Army engineers executed the road project in the valley.", "1823"),
    ("A reward of two million dollars was offered for information on the bombers.", "030"),
    ("The embassy offered a reward for the capture of the gunmen.", "030"),
    # help with no one helped is a light verb
    ("The French army helped to stabilise the region.", "070"),
    ("The ambassador helped hang a banner in the lobby.", "070"),
    # an expulsion of migrants is a deportation; a crowd protesting laws is no official protest
    ("Germany announced the expulsion of forty Iranian diplomats.", "174"),
    ("Thousands of farmers protest the new land laws.", "114"),
    # demonstrating something is showing it, no protest
    ("The Turkish president demonstrated his resolve in the talks.", "141"),
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
