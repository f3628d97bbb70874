"""Event coding: who did what to whom, as CAMEO codes with PLOVER types.

`EventCoder(pattern_files).code(doc, actors, doc_id) -> list[Event]`; the lexicon is
data (`thucydides/data/events/*.yaml`), see `thucydides.events.lexicon` for its schema.
"""

from thucydides.events.coder import EventCoder, merge_mentions
from thucydides.events.lexicon import Lexicon, LexiconError, load_lexicon

__all__ = ["EventCoder", "Lexicon", "LexiconError", "load_lexicon", "merge_mentions"]
