"""The actor stage: who is named in an article, coded CAMEO-style (country + sector).

>>> analysis = ActorResolver().resolve(nlp("Russian troops entered the town."), date(2016, 5, 20))
>>> analysis.best_in(0, 14).code
'RUSMIL'
"""

from thucydides.actors.analysis import ActorAnalysis
from thucydides.actors.dictionary import ActorDictionaryError, Dictionaries, load_dictionaries
from thucydides.actors.resolver import ActorResolver

__all__ = ["ActorAnalysis", "ActorDictionaryError", "ActorResolver", "Dictionaries", "load_dictionaries"]
