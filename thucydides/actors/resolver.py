"""Actor mentions from a parsed article: dictionary matches composed along noun phrases.

One pass per article:
1. dictionary matches (PhraseMatcher) plus spaCy PERSON/ORG/NORP entities (pieces.py);
2. each match is attached to the head of its noun phrase (climbing compound, amod, poss …);
3. a phrase whose head is an actor word becomes one mention whose code joins the country
   of its modifiers (demonym, country, possessor, "X-led", institution) with the sector of
   its agent words ("Russian Defense Minister" → RUSMIL, "Pentagon spokesman" → USAMIL);
   a phrase with another head ("Russia's proposal") yields its actor modifiers alone
   (compose.py, phrase_rules.py);
4. appositions, surnames, role nouns and pronouns are linked (coref.py, speakers.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from thucydides.actors.analysis import ActorAnalysis
from thucydides.actors.compose import PhraseComposer
from thucydides.actors.coref import link_mentions
from thucydides.actors.matcher import Compiled, get_compiled
from thucydides.actors.pieces import PieceFinder, is_lower_case_doc
from thucydides.nlp import load_nlp


class ActorResolver:
    """Finds and codes the actor mentions of an article. Build once per process; cheap per call."""

    def __init__(self, extra_files: Sequence[Path | str] = ()):
        self.extra_files = [Path(p) for p in extra_files]
        self.compiled: Compiled = get_compiled(self.extra_files, load_nlp())
        self.pieces = PieceFinder(self.compiled)
        self.composer = PhraseComposer(self.compiled)

    @property
    def dictionaries(self):  # noqa: ANN201 - keeps the import graph simple
        return self.compiled.dicts

    def resolve(self, doc: Doc, pub_date: date | None = None) -> ActorAnalysis:
        lower_doc = is_lower_case_doc(doc)
        pieces = self.pieces.find(doc, lower_doc, pub_date)
        drafts = self.composer.compose(doc, pieces, pub_date)
        drafts = link_mentions(doc, drafts)
        return ActorAnalysis([d.mention for d in drafts])
