"""What the stages of the event coder pass along: the sentence being coded and its hits.

Everything that belongs to one call lives here, never on the `EventCoder`, so that one coder
can code several articles at once (threads sharing one instance).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from thucydides.actors.analysis import ActorAnalysis
from thucydides.events.schema import Lexicon
from thucydides.models import ActorMention
from thucydides.nlp import doc_text
from thucydides.syntax.columns import column

# lexicon classes of nouns that stand for people even when the actor layer codes none
ACTOR_CLASSES = ("PRISONERS", "DIPLOMATS", "TROOPS", "CROWD")
ACTOR_ENTS = ("GPE", "NORP", "ORG", "PERSON")


@dataclass(frozen=True, slots=True)
class SentenceContext:
    """One sentence of one article, with what the stages read while coding it."""

    lex: Lexicon
    actors: ActorAnalysis            # the article's actor mentions
    sent: SpacySpan
    index: int                       # the sentence's position in the article
    lemmas: frozenset[str]           # the sentence's words and lemmas, for patterns that need a cue
    question: bool

    @classmethod
    def of(cls, lex: Lexicon, actors: ActorAnalysis, sent: SpacySpan, index: int) -> SentenceContext:
        doc, start, end = sent.doc, sent.start, sent.end
        lemmas = frozenset(column(doc, "lemma_lower")[start:end]) | frozenset(column(doc, "lower")[start:end])
        text = doc_text(doc)[sent.start_char:sent.end_char]  # Span.text would re-join its tokens
        return cls(lex, actors, sent, index, lemmas, text.rstrip().endswith("?"))

    def mention(self, tok: Token) -> ActorMention | None:
        """The actor layer's mention of the phrase this token heads."""
        return self.actors.best_in(tok.idx, tok.idx + len(tok.text), head=tok.idx)

    def coded(self, tok: Token) -> bool:
        """The actor layer has a code for the phrase this token heads."""
        m = self.mention(tok)
        return m is not None and bool(m.code)

    def country(self, tok: Token) -> str | None:
        """The country of the actor the phrase this token heads stands for, if the actor layer knows it."""
        m = self.mention(tok)
        return m.country if m is not None else None

    def same_country(self, tok: Token, others: list[Token]) -> bool:
        """The actor `tok` heads is of the country of one of `others` ("warned that Israel could …",
        said by Israel's minister)."""
        mine = self.country(tok)
        return mine is not None and any(self.country(o) == mine for o in others)

    def actorish(self, tok: Token | None) -> bool:
        """Someone who can act or be acted on: a name, a pronoun, a coded actor, troops, a crowd."""
        if tok is None:
            return False
        if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_ in ACTOR_ENTS:
            return True
        if self.coded(tok):
            return True  # "the Iraqi government", "the lecturers": the actor layer knows them
        lemma = tok.lemma_.lower()
        return any(lemma in self.lex.classes.get(c, ()) for c in ACTOR_CLASSES)


@dataclass(slots=True)
class Hit:
    """A coded predicate before roles are attached."""

    code: str
    rule: str
    trigger: list[Token]
    head: Token                      # the token whose clause gives the roles (verb, or noun)
    frame_head: Token | None = None  # a frame word whose subject is the source (propose X …)
    target_tok: Token | None = None  # explicit target head from the pattern
    source_tok: Token | None = None  # explicit source head (noun events: by X, X's)
    consumed: set[int] = field(default_factory=set)
    # tokens told within this event (a frame's complement clause) that start no event of their own
    # but may still belong to an actor's phrase ("ready to contribute troops to the force in Mali")
    covered: set[int] = field(default_factory=set)
    mode: str | None = None
    context: tuple[str, ...] = ()
    conf: float = 0.6
    modality: str = "asserted"
    negated: bool = False
    lemma: str = ""
    frames: list[str] = field(default_factory=list)
    noun: bool = False
    support: Token | None = None     # light verb carrying a noun event
    victim_subject: bool = False     # "two died in police firing": the subject suffers the event
    planned: list[Token] = field(default_factory=list)  # a frame's complement: the action proposed
    why_not: str | None = None        # why a hit is not told as happening (assertion.py), for tracing
    rank: str = "main"
    appeal_from: Token | None = None  # "X said Y must do Z": X's reporting verb (X appeals to Y)
    neg_code: str | None = None       # the code of the negated verb ("did not honour the truce": 196)
