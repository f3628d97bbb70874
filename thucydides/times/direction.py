"""Which way a time expression points from the time of writing: the tense and words around it.

A bare "Friday" or "March" is the last one in "met Friday" and the next one in "will meet
Friday"; the verb the expression hangs on, its auxiliaries and the words just before the
expression ("until", "planned for") tell which. -1 looks back, +1 ahead, 0 gives no clue.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from thucydides.syntax import REPORTING_VERBS
from thucydides.times.lexicon import Lexicon
from thucydides.times.narrative import in_past_perfect
from thucydides.times.parse import Parse

REPORTING_LEMMAS = REPORTING_VERBS
VERB_POS = ("VERB", "AUX")


def is_clause_verb(token: Token) -> bool:
    """A verb that heads a clause of its own, not an auxiliary of another verb."""
    return token.pos_ in VERB_POS and not (token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass"))


def governing_verb(token: Token) -> Token | None:
    """The first verb above a token (the token's own clause), or None."""
    seen = 0
    t = token
    while seen < 12:
        if t is not token and is_clause_verb(t):
            return t
        if t.head is t:
            return t if t.pos_ in VERB_POS else None
        t = t.head
        seen += 1
    return None


class DirectionReader:
    """Reads an expression's direction; built once with the lexicon's future words."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._preceders = tuple(sorted(lex.future_preceders, key=len, reverse=True))

    def direction(self, text: str, span: Span, parse: Parse) -> int:
        """-1 when the expression looks back from the time of writing, +1 ahead, 0 no clue."""
        if parse.rel is not None and parse.rel != 0:
            return parse.rel
        if span.root.dep_ == "poss" and parse.kind == "weekday":
            return 0  # "Wednesday's ruling": something already there to be named
        verb = governing_verb(span.root)
        before = text[max(0, span.start_char - 24):span.start_char].lower()
        before = " ".join(re.sub(r"[^a-z' ]", " ", before).split())
        for p in self._preceders:
            # a phrase of several words may follow a word glued to it ("airstrikesplanned for"),
            # a single word must stand alone ("until", not "…until")
            if before == p or before.endswith(" " + p) or (" " in p and before.endswith(p)):
                # "until Thursday they had not …": a past perfect keeps it behind
                if verb is not None and any(c.lower_ == "had" for c in verb.children if c.dep_ == "aux"):
                    return -1
                return 1
        if before == "since" or before.endswith(" since"):
            return -1  # "since December": a time gone by, whatever the verb
        if verb is None:
            return 0
        return self.verb_direction(verb, span.root, depth=0)

    def verb_direction(self, verb: Token, timex: Token | None, depth: int) -> int:
        lex = self.lex
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        for a in auxes:
            if a.lower_ in lex.future_modals or a.lemma_ in lex.future_modals:
                if a.tag_ == "MD" and any(b.lemma_ == "have" for b in auxes):
                    return -1  # "could have left Friday"
                return 1
        if in_past_perfect(verb):
            # "had proposed a curfew on Thursday": the past perfect tells of a time before the
            # one the text stands in, even for a verb of planning; a plan's time takes "for"
            # ("had been scheduled for Thursday"), read above with the other preceders
            return -1
        if verb.lemma_ in lex.future_lemmas and verb.tag_ in ("VBN", "JJ"):
            return 1  # "planned for Wednesday", "expected Monday", "due Tuesday"
        if verb.lemma_ in lex.plan_lemmas:
            return 1  # "planned a rally on Saturday": the rally lies ahead of the planning
        infinitive = any(a.tag_ == "TO" for a in auxes)
        if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.tag_ == "TO" for c in verb.subtree):
            return 1  # "is going to vote"
        if infinitive or verb.dep_ == "xcomp":
            head = verb.head
            if head is not verb and depth < 3:
                if head.lemma_ in lex.future_lemmas:
                    return 1
                if infinitive and verb.dep_ == "xcomp" and (head.lemma_ == "set" or (
                        head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"))):
                    return 1  # "is to resume trading Tuesday", "set to resume Monday"
                up = self.verb_direction(head, None, depth + 1)
                return 1 if up > 0 else 0
            return 0
        if verb.tag_ == "VBD":
            return -1
        if verb.tag_ == "VBN":
            if any(a.lemma_ == "have" for a in auxes):
                return -1  # present perfect: "have shelled the area since December"
            if auxes and all(a.tag_ in ("VBZ", "VBP") for a in auxes) and verb.lemma_ not in REPORTING_LEMMAS:
                return 1  # present passive of a scheduled act: "the case is heard in May"
            return -1  # "was announced Friday", "the year ended March 31"
        if verb.tag_ == "VBG":
            tenses = {a.tag_ for a in auxes}
            if "VBD" in tenses:
                return -1
            if tenses & {"VBZ", "VBP"}:
                return 1  # "is meeting Friday"
            return 0
        if verb.tag_ in ("VBZ", "VBP"):
            if any(a.tag_ == "VBD" for a in auxes):
                return -1
            if verb.lemma_ in REPORTING_LEMMAS or verb.lemma_ == "be" \
                    or any(a.lemma_ == "have" for a in auxes):
                return 0
            if timex is not None and timex.dep_ == "poss":
                return 0  # "follows Tuesday's decision": the decision is already there
            return 1  # news present for a scheduled act: "the talks open Monday"
        return 0
