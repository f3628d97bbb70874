"""The place stage: a shipped gazetteer, a toponym finder/resolver and event locations."""

from thucydides.places.gazetteer import Candidate, Gazetteer, load_gazetteer
from thucydides.places.resolver import PlaceResolver

__all__ = ["Candidate", "Gazetteer", "PlaceResolver", "load_gazetteer"]
