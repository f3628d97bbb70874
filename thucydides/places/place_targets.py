"""The country of a place attacked: the target of an assault, a siege or an occupation that the
text names by a place ("shelled Aleppo", "the bombardment of southern Idlib") is that place's
state, as annotators code it (country of the place, no sector). Only the place a target's own
words name counts; a target named by an actor keeps the actor's code.
"""

from __future__ import annotations

from thucydides.actors.codes import INTERNATIONAL
from thucydides.models import IMPLIED_SOURCE, Event, EventActor, Place
from thucydides.places.event_places import MATERIAL_CONFLICT
from thucydides.wordlists import word_set

STATE_ACTS = word_set("events", "state_acts")  # arrests, charges, expulsions: only authorities do them
ARREST = "173"
OWN_PLACE_SOURCES = frozenset({"clause", "sentence", "passage", "dateline"})


def authorities_at_home(events: list[Event]) -> None:
    """'Orujov was charged with tax evasion', told from Baku: an arrest, a charge or an expulsion
    with no doer named (or only events/build.py's implied authorities, with no country yet) is
    the act of the authorities of the state where it was done, when that is also the state of
    the one it befell (a Briton arrested in Dubai is not Britain's act).
    The source is that state's police for an arrest, its government otherwise, spanning the
    place that says so."""
    for ev in events:
        loc, tgt = ev.location, ev.target
        unplaced = ev.source is None or (ev.why.get("source") == IMPLIED_SOURCE and not ev.source.country)
        if (not unplaced or ev.cameo[:3] not in STATE_ACTS or tgt is None or loc is None
                or ev.location_source not in OWN_PLACE_SOURCES):
            continue
        country = tgt.country
        if country and country not in INTERNATIONAL and loc.country == country:
            sector = "COP" if ev.cameo[:3] == ARREST else "GOV"  # arrests are the police's work
            ev.source = EventActor(loc.text, loc.start, loc.end, country + sector, country, sector)


def code_place_targets(events: list[Event], places: list[Place]) -> None:
    """Gives an uncoded target of material conflict the country of the place it names."""
    for ev in events:
        tgt = ev.target
        if ev.quad_class != MATERIAL_CONFLICT or tgt is None or tgt.code:
            continue
        country = _named_country(tgt, places) or _where_struck(ev)
        if country is not None:
            ev.target = EventActor(tgt.text, tgt.start, tgt.end, country, country, None, tgt.name, tgt.entity)


def _where_struck(ev: Event) -> str | None:
    """'An Israeli drone struck a car near Tyre': a thing attacked where the act's own clause
    says it was is in that place's state, and annotators code the target so; never the
    attacker's own state by this reading alone (forces strike at home too, and name it)."""
    loc = ev.location
    if loc is None or ev.location_source != "clause" or not loc.country or "/" in loc.country:
        return None
    if loc.country in INTERNATIONAL or (ev.source is not None and ev.source.country == loc.country):
        return None
    return loc.country


def _named_country(tgt: EventActor, places: list[Place]) -> str | None:
    """The country of the place the target's words name; None where they name none, or places
    of more than one country ("the border between Turkey and Syria")."""
    inside = {p.country for p in places
              if p.country and p.role != "dateline" and tgt.start <= p.start and p.end <= tgt.end}
    return inside.pop() if len(inside) == 1 and "/" not in next(iter(inside)) else None
