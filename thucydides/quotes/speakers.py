"""The speaker of an attribution: the phrase around the speaker token, and its actor."""

from __future__ import annotations

from spacy.tokens import Token

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import Speaker
from thucydides.quotes.context import QuoteContext
from thucydides.syntax.clauses import SUBJECT_RELATIVE_PRONOUNS
from thucydides.syntax.phrases import name_phrase_extent, token_end


def speaker_phrase(ctx: QuoteContext, head: Token, actors: ActorAnalysis) -> Speaker:
    """The speaker phrase around a speaker token, coded through the actor mention it names."""
    text = ctx.text
    lo, hi = name_phrase_extent(head)
    start, end = ctx.doc[lo].idx, token_end(ctx.doc[hi])
    # A name never runs over a paragraph break (a photo credit above a byline, say).
    para_start = ctx.para_starts[ctx.paragraph(head.idx)]
    if start < para_start:
        start = para_start
        while text[start].isspace():
            start += 1
    mention = actors.best_in(start, end, head=head.idx)
    if mention is None and head.lower_ in SUBJECT_RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        # "…, who said …": the relative pronoun speaks for the noun the clause hangs on.
        noun = head.head.head
        mention = actors.best_in(noun.left_edge.idx, token_end(noun), head=noun.idx)
    if mention is None:
        return Speaker(text[start:end], start, end)
    return Speaker(text[start:end], start, end, mention.code, mention.name, mention.entity)
