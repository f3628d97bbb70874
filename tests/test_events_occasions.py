"""Occasions and adjunct acts (issue 14): a journey told as the occasion of another act is a
visit of its own by the one acting, and talks told in an adverbial phrase are held by the
clause's subject; a home journey and force told that way name no doer."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


def coded(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if not e.negated]


def dyads(events: list[Event], root: str) -> set[tuple[str | None, str | None]]:
    return {(e.source and e.source.country, e.target and e.target.country)
            for e in events if e.cameo.startswith(root)}


@pytest.mark.parametrize("text, doer, partner, root", [
    # a journey told as the occasion of another act is the actor's visit
    ("The Iranian foreign minister laid a wreath at the memorial during a visit to Turkey.", "IRN", "TUR",
     "042"),
    ("The Russian defence minister met army commanders on a two-day visit to Syria.", "RUS", "SYR", "042"),
    ("On the sidelines of a visit to Moscow, the Turkish foreign minister met reporters.", "TUR", "RUS",
     "042"),
    # a participle after before / after / while is the main subject's act
    ("The US envoy praised the embassy staff before meeting with Kenyan government officials.", "USA", "KEN",
     "04"),
    ("After meeting Erdogan in Ankara, Putin said the talks went well.", "RUS", "TUR", "04"),
])
def test_an_act_told_alongside_another_is_the_same_doers(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, doer: str,
        partner: str, root: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert (doer, partner) in dyads(events, root), [(e.cameo, e.source, e.target) for e in events]


def test_a_journey_at_home_told_as_the_occasion_is_no_visit(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The Turkish president spoke on a visit to Istanbul.")
    assert not dyads(events, "042")


def test_talks_in_an_adverbial_phrase_are_the_subjects(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "Iranian negotiators in Vienna on Tuesday completed the draft text, in consultation "
                   "with Russian diplomats.")
    consult = [e for e in events if e.cameo.startswith("04")]
    assert consult and consult[0].source is not None
    assert consult[0].source.text == "Iranian negotiators in Vienna"
    assert consult[0].target is not None and consult[0].target.country == "RUS"


def test_force_in_an_adverbial_phrase_gets_no_doer_from_the_sufferer(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The soldier was wounded in an attack on the convoy.")
    assert all(e.source is None or e.source.text != "The soldier" for e in events)


@pytest.mark.parametrize("text, root", [
    ("The minister said Russia places importance on developing the strategic partnership with Vietnam.",
     "06"),
    ("Lawmakers debated the cabinet's stance on the expulsion of Iranian diplomats.", "16"),
])
def test_a_relation_named_in_passing_with_no_doer_is_no_event(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, root: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert not [e for e in events if e.cameo.startswith(root)], [(e.cameo, e.why) for e in events]


def test_an_act_named_in_passing_with_its_doer_stays(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "The minister spoke after Turkey's expulsion of the Russian ambassador.")
    assert ("TUR", "RUS") in dyads(events, "16"), [(e.cameo, e.source, e.target) for e in events]


def test_a_visit_within_ones_own_country_is_no_visit(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The Turkish president visited the Turkish army's headquarters.")
    assert not dyads(events, "042"), [(e.cameo, e.source, e.target) for e in events]


@pytest.mark.parametrize("text, doer, host", [
    # a participle set off by commas tells an act of its own
    ("The Japanese trade minister, visiting Jakarta, signed a deal on nickel exports.", "JPN", "IDN"),
    # on the way to a visit
    ("The Iraqi prime minister is heading to Tehran for two days of talks.", "IRQ", "IRN"),
    ("The Indian foreign minister left Colombo for Dhaka on Thursday.", "IND", "BGD"),
    ("The Egyptian president departed for Riyadh after the summit.", "EGY", "SAU"),
])
def test_a_journey_told_by_a_participle_or_a_verb_of_departure_is_a_visit(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, doer: str, host: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert (doer, host) in dyads(events, "042"), [(e.cameo, e.source, e.target) for e in events]


def test_a_participle_of_speaking_is_the_setting_of_the_act(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The Kenyan president, speaking in Nairobi, condemned the raid.")
    assert [e.cameo[:2] for e in events] == ["11"], [(e.cameo, e.trigger.text) for e in events]


def test_heading_to_no_place_of_another_state_is_no_visit(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Voters in Ohio are heading to the polls on Tuesday.")
    assert not dyads(events, "04")


def test_ending_a_visit_is_the_visit_not_a_break_in_talks(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "The Chinese foreign minister ended a three-day visit to Pakistan on Sunday.")
    assert ("CHN", "PAK") in dyads(events, "042"), [(e.cameo, e.source, e.target) for e in events]
    assert not dyads(events, "16")
