"""First-person pronouns inside a direct quote stand for its speaker.

    “We will respond,” the defence minister said.   → "We" = the minister's code
    Lavrov told reporters: “Our patience is over.”   → "Our" = Lavrov's code

Only the plain frames are used: a speech verb right after the closing mark whose subject
is an actor mention (“…,” X said / “…,” said X), a speech verb just before the opening
mark (X said, “…” / X said: “…”), and a quote that follows such a cue sentence at once
(“…,” X said. “…”). Anything looser (a quote two sentences from its
cue, a quote inside a quote) is left alone: a wrong speaker is worse than none. The
quote stage (thucydides/quotes/) finds quotes and speakers in full; this is only the
cheap, precise part the actor stage needs to code "we" and "our" as event actors.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from thucydides.actors.draft import Draft
from thucydides.models import ActorMention
from thucydides.nlp import doc_text
from thucydides.syntax.clauses import REPORTING_VERBS, grammatical_subject
from thucydides.syntax.columns import column
from thucydides.syntax.marks import DOUBLE_QUOTE_MARKS, quote_spans
from thucydides.wordlists import word_set

SPEECH_VERBS = REPORTING_VERBS
SINGULAR = word_set("actors", "first_person_singular")
PLURAL = word_set("actors", "first_person_plural")
QUOTE_MARKS = DOUBLE_QUOTE_MARKS
AFTER_WINDOW = 10  # tokens from the closing mark to the speech verb ("…,” Defense Minister X Y said)
BEFORE_WINDOW = 2  # tokens between the speech verb and the opening mark ("said: “", "told reporters: “")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    # The shared mark pairing knows paragraphs, typewriter quotes and unclosed quotes; only
    # the double-quoted stretches count here.
    return [(s, e) for s, e in quote_spans(text) if text[s] in QUOTE_MARKS]


def _speech_verb(tokens: list[Token]) -> Token | None:
    for tok in tokens:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _mention_at(tok: Token, mentions: list[ActorMention], starts: list[int]) -> ActorMention | None:
    """The mention covering a token, coded ones first (a pronoun subject is a mention too)."""
    hi = bisect_right(starts, tok.idx)
    hits = [m for m in mentions[:hi] if m.start <= tok.idx < m.end]
    if not hits:
        return None
    return max(hits, key=lambda m: (m.code is not None, m.end - m.start))


def _speaker(doc: Doc, qs: int, qe: int, inside: tuple[int, int],
             mentions: list[ActorMention], starts: list[int]) -> tuple[ActorMention | None, str]:
    """The speaker mention of the quote [qs, qe) and the frame that gave it (after | before)."""
    first, last = inside  # token range of the quote, marks included
    # “…,” X said / “…,” said X: the verb right after the closing mark, in the same sentence.
    after = [t for t in doc[last:min(len(doc), last + AFTER_WINDOW + 1)] if t.idx >= qe]
    if after and after[0].text in QUOTE_MARKS:
        after = after[1:]
    for i, tok in enumerate(after):
        if tok.is_sent_start and i > 0 or tok.text in QUOTE_MARKS:
            after = after[:i]
            break
    # A quote closed by a full stop ends its sentence: a verb after it starts a new one.
    closed_by_stop = doc_text(doc)[:qe].rstrip(QUOTE_MARKS + " ").endswith(".")
    verb = None if closed_by_stop else _speech_verb(after)
    if verb is not None and not any(t.text in ".!?" for t in doc[last:verb.i]):
        subj = grammatical_subject(verb)
        if subj is not None and subj.idx >= qe:
            return _mention_at(subj, mentions, starts), "after"
        return None, ""
    # X said, “…” / X said: “…”: the verb just before the opening mark.
    before = [t for t in doc[max(0, first - BEFORE_WINDOW - 2):first] if t.idx + len(t) <= qs]
    if not before or before[-1].text not in (",", ":"):
        return None, ""
    verb = _speech_verb(list(reversed(before[:-1])))
    if verb is None:
        return None, ""
    subj = grammatical_subject(verb)
    if subj is None or subj.i > verb.i:
        return None, ""
    return _mention_at(subj, mentions, starts), "before"


def quote_pronouns(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """New pronoun drafts for I/we/our… inside direct quotes with a plainly stated speaker."""
    text = doc_text(doc)
    if not any(c in text for c in QUOTE_MARKS):
        return []
    pronouns = [doc[i] for i, low in enumerate(column(doc, "lower")) if low in SINGULAR or low in PLURAL]
    if not pronouns:
        return []
    spans = _quote_spans(text)
    if not spans:
        return []
    mentions = sorted((d.mention for d in drafts), key=lambda m: m.start)
    starts = [m.start for m in mentions]
    token_starts = [t.idx for t in doc]
    out: list[Draft] = []
    span_starts = [s for s, _ in spans]
    speakers: dict[int, tuple[ActorMention | None, str]] = {}

    def speaker_of(k: int) -> tuple[ActorMention | None, str]:
        if k not in speakers:
            qs, qe = spans[k]
            first = bisect_left(token_starts, qs)
            last = bisect_left(token_starts, qe)
            found = _speaker(doc, qs, qe, (first, last), mentions, starts)
            if found[0] is None and k > 0:
                # “A,” X said. “B.” — a quote right after a cue sentence goes on in X's voice.
                gap = text[spans[k - 1][1]:qs]
                if "\n" not in gap and len(gap) <= 80 and gap.rstrip().endswith("."):
                    previous = speaker_of(k - 1)
                    if previous[1] == "after":
                        found = (previous[0], "continued")
            speakers[k] = found
        return speakers[k]

    for tok in pronouns:
        k = bisect_right(span_starts, tok.idx) - 1
        if k < 0 or not (spans[k][0] < tok.idx < spans[k][1]):
            continue
        speaker = speaker_of(k)[0]
        if speaker is None or speaker.code is None:
            continue
        plural_of_person = tok.lower_ in PLURAL and speaker.kind == "person"
        mention = ActorMention(
            text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), code=speaker.code,
            country=speaker.country, sector=speaker.sector,
            # "we" said by a minister is the government, not the minister alone.
            name=None if plural_of_person else speaker.name,
            kind="group" if plural_of_person else speaker.kind,
            entity=None if plural_of_person else speaker.entity,
            sentence_index=0, how="coref:quote",
        )
        out.append(Draft(mention=mention, head=tok.i, key=None))
    return out
