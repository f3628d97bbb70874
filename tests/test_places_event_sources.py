"""Where an event's place comes from (`location_source`): its own clause or sentence first, then the
place of the passage it is told in, then the article's dateline or main place, marked as such;
never the country of its source or target. Our own multi-paragraph passages."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import Event, EventActor, Plover, Span
from thucydides.places import PlaceResolver


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver()


def _event(doc: Doc, trigger: str, source: str | None = None, target: str | None = None) -> Event:
    start = doc.text.index(trigger)
    sent = next(i for i, s in enumerate(doc.sents) if s.start_char <= start < s.end_char)

    def actor(words: str | None) -> EventActor | None:
        if words is None:
            return None
        at = doc.text.index(words)
        return EventActor(words, at, at + len(words))

    trig = Span(trigger, start, start + len(trigger))
    return Event(f"e-{trigger}", sent, trig, actor(source), actor(target), "190", 4, -10.0, Plover("ASSAULT"))


def _placed(nlp: Language, resolver: PlaceResolver, text: str,
            triggers: list[str | tuple[str, str | None, str | None]]) -> dict[str, Event]:
    doc = nlp(text)
    places = resolver.find(doc, ActorAnalysis())
    events = {}
    for t in triggers:
        word, source, target = (t, None, None) if isinstance(t, str) else t
        events[word] = _event(doc, word, source, target)
    resolver.attach(list(events.values()), places, doc)
    return events


def _where(event: Event) -> tuple[str | None, str | None]:
    return (event.location.text if event.location else None), event.location_source


def test_own_clause_first(nlp: Language, resolver: PlaceResolver) -> None:
    got = _placed(nlp, resolver, "Rebels shelled a hospital in Aleppo on Sunday.", ["shelled"])
    assert _where(got["shelled"]) == ("Aleppo", "clause")


def test_an_untold_place_is_the_passage_place(nlp: Language, resolver: PlaceResolver) -> None:
    text = ("Government forces shelled the market in Homs on Sunday. Snipers wounded two medics.\n\n"
            "The foreign minister condemned the violence.")
    got = _placed(nlp, resolver, text, ["shelled", "wounded", "condemned"])
    assert _where(got["shelled"]) == ("Homs", "clause")
    assert _where(got["wounded"]) == ("Homs", "passage")
    assert _where(got["condemned"]) == (None, "none")  # another paragraph: no passage place


def test_a_nearer_place_named_in_between_ends_the_passage(nlp: Language, resolver: PlaceResolver) -> None:
    text = ("Government forces shelled the market in Homs on Sunday. Thousands fled toward Lebanon. "
            "Snipers wounded two medics.")
    got = _placed(nlp, resolver, text, ["shelled", "wounded"])
    assert _where(got["wounded"]) == (None, "none")


def test_the_dateline_is_the_fallback_not_the_target_country(nlp: Language, resolver: PlaceResolver) -> None:
    text = "WASHINGTON, May 20 (AP) - The Pentagon rejected a proposal from Russia for joint patrols."
    got = _placed(nlp, resolver, text, [("rejected", "The Pentagon", "Russia")])
    assert _where(got["rejected"]) == ("WASHINGTON", "dateline")


def test_the_article_main_place_is_the_last_fallback(nlp: Language, resolver: PlaceResolver) -> None:
    text = ("Life in Mosul is returning slowly.\n\n"
            "Shops in Mosul reopened this spring, and schools in Mosul now teach girls again.\n\n"
            "Militants in the hills attacked a patrol on Friday.\n\n"
            "Elders in Mosul say they want the army to stay.")
    got = _placed(nlp, resolver, text, ["attacked"])
    assert _where(got["attacked"]) == ("Mosul", "article")


def test_no_main_place_when_two_places_share_the_article(nlp: Language, resolver: PlaceResolver) -> None:
    text = ("Talks between Kabul and Islamabad resumed.\n\n"
            "Kabul wants the border open, and Islamabad wants guarantees.\n\n"
            "Gunmen attacked a convoy on Friday.\n\n"
            "Diplomats in Kabul and Islamabad expect a deal.")
    got = _placed(nlp, resolver, text, ["attacked"])
    assert _where(got["attacked"]) == (None, "none")


def test_a_headline_fragment_sets_no_passage(nlp: Language, resolver: PlaceResolver) -> None:
    text = "RAIDED  KANDAHAR -- Police raided a market on Monday and arrested nine men."
    got = _placed(nlp, resolver, text, ["RAIDED", "arrested"])
    assert got["arrested"].location_source in ("none", "dateline")


def _coded(nlp: Language, resolver: PlaceResolver, text: str, trigger: str, target: str, code: str,
           quad: int, source: str | None = None) -> Event:
    """One event whose target is a coded actor, as the actor stage leaves it."""
    doc = nlp(text)
    places = resolver.find(doc, ActorAnalysis())
    event = _event(doc, trigger, source, target)
    assert event.target is not None
    event.target.code, event.target.country = code, code[:3]
    event.quad_class = quad
    resolver.attach([event], places, doc)
    return event


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    ("ATHENS, June 3 - Greece urged Turkey to withdraw its survey ship.", "urged", "Greece", "Turkey"),
    ("BRUSSELS, June 3 - The alliance backed Ankara diplomatically.", "backed", "The alliance", "Ankara"),
])
def test_a_government_named_by_its_place_is_not_where_it_was_urged(
        nlp: Language, resolver: PlaceResolver, text: str, trigger: str, source: str, target: str) -> None:
    event = _coded(nlp, resolver, text, trigger, target, "TUR", 1, source)
    assert event.location_source == "dateline" and event.location is not None
    assert event.location.text != target


def test_the_place_attacked_is_where_the_attack_was(nlp: Language, resolver: PlaceResolver) -> None:
    event = _coded(nlp, resolver, "CAIRO, June 3 - Jets bombed Aleppo at dawn.", "bombed", "Aleppo", "SYR", 4)
    assert _where(event) == ("Aleppo", "clause")


def test_a_coded_target_behind_a_preposition_is_a_place(nlp: Language, resolver: PlaceResolver) -> None:
    text = "LONDON, June 3 - Police helicopters will patrol the skies over Dhaka during the summit."
    event = _coded(nlp, resolver, text, "patrol", "Dhaka", "BGD", 3)
    assert _where(event) == ("Dhaka", "clause")


def test_a_side_event_takes_its_main_clause_place(nlp: Language, resolver: PlaceResolver) -> None:
    # "in Ouagadougou" hangs on the church, out of the killing's reach: the killing is part of
    # the storming and happens where it does, before any passage or dateline place
    text = ("OUAGADOUGOU, Burkina Faso (AP) - Officials met in Niamey on Friday.\n\n"
            "Gunmen stormed a church in Kaya on Sunday, killing six worshippers and wounding a priest.")
    got = _placed(nlp, resolver, text, ["stormed", "killing", "wounding"])
    assert _where(got["stormed"]) == ("Kaya", "clause")
    assert _where(got["killing"]) == ("Kaya", "sentence")
    assert _where(got["wounding"]) == ("Kaya", "sentence")


def test_a_side_event_with_a_place_of_its_own_keeps_it(nlp: Language, resolver: PlaceResolver) -> None:
    text = "Troops stormed a rebel camp in Kaya on Sunday and arrested twelve suspects in Djibo."
    got = _placed(nlp, resolver, text, ["stormed", "arrested"])
    assert _where(got["stormed"]) == ("Kaya", "clause")
    assert _where(got["arrested"]) == ("Djibo", "clause")


def test_a_reported_clause_is_no_side_of_the_saying(nlp: Language, resolver: PlaceResolver) -> None:
    text = "The mayor spoke in Kaya on Sunday. She said gunmen had stormed a church, killing six worshippers."
    got = _placed(nlp, resolver, text, ["spoke", "said", "stormed", "killing"])
    assert _where(got["spoke"])[0] == "Kaya"
    # the killing hangs on the storming (no place), never on the saying
    assert _where(got["killing"]) == _where(got["stormed"])


def test_a_town_the_model_calls_a_nationality_is_still_the_place_in_its_slot(
        nlp: Language, resolver: PlaceResolver) -> None:
    # the small model tags "Aleppo" NORP; "in Aleppo" is a slot for a place and the gazetteer knows it
    doc = nlp("Jets bombed a market in Aleppo on Monday.")
    names = [p.name for p in resolver.find(doc, ActorAnalysis())]
    assert "Aleppo" in names, names
    syrian = nlp("Syrian jets bombed a market on Monday.")
    assert not [p for p in resolver.find(syrian, ActorAnalysis()) if p.start == 0]
