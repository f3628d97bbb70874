"""The quote stage: who said (or believes, or wants) what, in direct and indirect speech.

    cues.py      the cue vocabulary (data/quote_cues.yaml) and its loader
    context.py   per-document indexes: tokens, quotes, sentences, paragraphs
    frames.py    the parse around a cue: contents, "according to", "Name:" lines, framing verbs
    speakers.py  the speaker phrase and its actor
    finder.py    `QuoteFinder`: attributions in order, and linking events to them

Quote marks are paired by the syntax layer (`thucydides.syntax.marks`), which the actor stage
reads too.
"""

from thucydides.quotes.cues import CUE_CLASSES, CUE_FILE, CueFileError, CueVocabulary, load_cues, parse_cues
from thucydides.quotes.finder import MIN_DIRECT_WORDS, QuoteFinder
from thucydides.syntax.marks import quote_spans

__all__ = ["CUE_CLASSES", "CUE_FILE", "MIN_DIRECT_WORDS", "CueFileError", "CueVocabulary", "QuoteFinder",
           "load_cues", "parse_cues", "quote_spans"]
