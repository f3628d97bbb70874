"""The quote stage: who said (or believes, or wants) what, in direct and indirect speech.

`QuoteFinder().find(doc, actors, doc_id)` returns one `Quote` per attribution:
the speaker (resolved through the actor layer), the cue (the reporting verb or
"according to") and the content. Conventions follow PolNeAR-style attribution
annotation, which the dev set uses:

* a direct quote's content is the quoted stretch with its quote marks;
* a quote split by its cue ("“A,” she said. “B.”") is one attribution whose content
  runs from the first quote mark to the last (the cue sits inside it);
* an indirect content is the complement clause including "that", without the
  sentence's closing punctuation;
* "according to X, …" takes the rest of the sentence as content.

`link(events, quotes)` marks the events reported inside a quote and the statement
events coded on a cue verb.

Everything is linear in the length of the document: quote marks are found in one
pass over the text, and tokens are mapped to quote spans and sentences with arrays
built once per call.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from spacy.tokens import Doc

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import Event, Quote, Span
from thucydides.nlp import doc_text
from thucydides.quotes.context import FoundQuote, QuoteContext
from thucydides.quotes.cues import CUE_FILE, load_cues
from thucydides.quotes.frames import CueFrames
from thucydides.quotes.speakers import speaker_phrase
from thucydides.syntax.clauses import reporting_subject
from thucydides.syntax.columns import column
from thucydides.syntax.marks import quote_marks
from thucydides.syntax.phrases import char_span

# A quote shorter than this, not tied to a cue by the parse, is a scare quote or a title.
MIN_DIRECT_WORDS = 4


class QuoteFinder:
    """Finds attributed quotes; build once per process, call `find` per article."""

    def __init__(self, cue_file: Path | str | None = None, split_quotes: bool = True) -> None:
        """`split_quotes`: give each part of a quote split by its cue ("“A,” she said. “B.”")
        as its own Quote (same speaker and cue), which is how a reader counts quotes. False
        gives one Quote whose content runs from the first part to the last (the PolNeAR
        convention: about 0.03 higher content F1 on the quotes dev set)."""
        self.cues = load_cues(Path(cue_file) if cue_file else CUE_FILE)
        self.split_quotes = split_quotes
        self.frames = CueFrames(self.cues)

    # -- public API ---------------------------------------------------------

    def find(self, doc: Doc, actors: ActorAnalysis, doc_id: str) -> list[Quote]:
        if not len(doc):
            return []
        text = doc_text(doc)
        spans, left_open = quote_marks(text)
        ctx = QuoteContext(doc, spans, text)
        found: list[FoundQuote] = []
        used_quotes: set[int] = set()
        cue_of_quote: dict[int, FoundQuote] = {}

        # 1. Cue verbs with a complement: indirect speech, or a direct quote as complement.
        # The words are read from columns: only a cue verb is made a Token.
        pos = column(doc, "pos")
        for i, lemma in enumerate(column(doc, "lemma_lower")):
            cls = self.cues.verbs.get(lemma)
            if cls is None and lemma not in self.cues.objects and lemma not in self.cues.passive_raising:
                continue
            if pos[i] not in ("VERB", "AUX") or ctx.in_quote[i] >= 0:
                # A cue inside a direct quote is the quoted speaker's own wording, not
                # an attribution the article makes.
                continue
            tok = doc[i]
            raised = self.frames.raised(tok, lemma, cls, ctx)
            if raised is not None:
                lo, hi = ctx.clip_to_paragraph(tok.idx, *ctx.trimmed(*raised))
                if hi > lo:
                    lo, hi, inner = ctx.absorb_quotes(lo, hi)
                    used_quotes.update(inner)
                    found.append(FoundQuote((lo, hi), tok, char_span(tok), None, "indirect"))
                continue
            if cls == "raising":
                continue
            comp = self.frames.complement(tok, cls, self.cues.objects.get(lemma), ctx)
            if not comp:
                continue
            lo, hi = ctx.trimmed(min(c.left_edge.idx for c in comp), self.frames.content_end(tok, comp))
            lo, hi = ctx.clip_to_paragraph(tok.idx, lo, hi)
            if hi <= lo:
                continue
            q = ctx.quote_holding(lo, hi)
            if q is not None and cls == "speech":
                # The complement opens with a quote mark or lies inside a quote (whose first
                # sentence the parser cut off): the quote itself is the content.
                if q in used_quotes:
                    continue
                used_quotes.add(q)
                f = FoundQuote(ctx.quotes[q], tok, char_span(tok), reporting_subject(tok), "direct", q)
                cue_of_quote[q] = f
                found.append(f)
                continue
            # A partial quote inside an indirect content belongs to it, closing mark included.
            lo, hi, inner = ctx.absorb_quotes(lo, hi)
            used_quotes.update(inner)
            found.append(FoundQuote((lo, hi), tok, char_span(tok), reporting_subject(tok), "indirect"))

        # 2. "according to X, …"
        for i, lower in enumerate(column(doc, "lower")):
            rest = self.cues.phrases.get(lower)
            if rest is None:
                continue
            tok = doc[i]
            f = self.frames.according(ctx, tok, rest)
            if f is not None:
                found.append(f)

        # 3. "Name: text" lines (transcripts, headlines).
        for f in self.frames.colon_lines(ctx):
            lo, hi, inner = ctx.absorb_quotes(*f.content)
            if any(q in used_quotes for q in inner):
                continue
            used_quotes.update(inner)
            f.content = (lo, hi)
            found.append(f)

        # 4. Quote-mark spans not yet attributed: the nearest cue around them.
        for q, (qs, qe) in enumerate(ctx.quotes):
            if q in used_quotes:
                continue
            words = ctx.word_count(q)
            cue = self.frames.nearby_cue(ctx, q)
            if cue is not None:
                prev = cue_of_quote.get(q - 1)
                if prev is not None and prev.cue is not None and prev.cue.i == cue.i:
                    # “A,” she said. “B.” — one attribution split by its cue.
                    prev.content = (prev.content[0], qe)
                    prev.later = (prev.later or []) + [(qs, qe)]
                    used_quotes.add(q)
                    cue_of_quote[q] = prev
                    continue
                if (words < MIN_DIRECT_WORDS and not self.frames.tied(cue, ctx, q)) or ctx.is_title(q):
                    continue
                f = FoundQuote((qs, qe), cue, char_span(cue), reporting_subject(cue), "direct", q)
            else:
                prev = cue_of_quote.get(q - 1)
                if prev is not None and (q - 1) in left_open and ctx.next_paragraph(q - 1, q):
                    # A quote left open at its paragraph's end goes on in the next one,
                    # which opens with a fresh mark: the same speaker's words, one quote
                    # (not a split one), so it stays whole in split mode too.
                    prev.content = (prev.content[0], qe)
                    if prev.later:
                        prev.later[-1] = (prev.later[-1][0], qe)
                    used_quotes.add(q)
                    cue_of_quote[q] = prev
                    continue
                if prev is not None and prev.cue is not None and ctx.split_by_cue(q - 1, q, prev.cue):
                    prev.content = (prev.content[0], qe)
                    prev.later = (prev.later or []) + [(qs, qe)]
                    used_quotes.add(q)
                    cue_of_quote[q] = prev
                    continue
                if words < MIN_DIRECT_WORDS:
                    continue
                f2 = self.frames.colon_cue(ctx, q)
                if f2 is None:
                    continue
                f = f2
            used_quotes.add(q)
            cue_of_quote[q] = f
            found.append(f)

        return self._build(ctx, _drop_nested(found), actors, doc_id)

    def link(self, events: list[Event], quotes: list[Quote]) -> None:
        """Set `event.quote` for events reported inside a quote and for statement events on its cue.

        A trigger inside the content but on the quote's own speaker or cue (a split
        quote carries them inside its extent) is not reported speech.
        """
        if not events or not quotes:
            return
        by_start = sorted(quotes, key=lambda q: (q.content.start, -q.content.end))
        starts = [q.content.start for q in by_start]
        cues = {(q.cue.start, q.cue.end): q for q in quotes if q.cue is not None}
        for ev in events:
            t = ev.trigger
            q_cue = cues.get((t.start, t.end))
            if q_cue is not None:
                ev.quote = q_cue.id
                continue
            if ev.cameo[:2] == "01" and t is not None:
                # A statement event whose trigger overlaps a cue (e.g. "said in a statement").
                hit = next((q for (cs, ce), q in cues.items() if cs < t.end and t.start < ce), None)
                if hit is not None:
                    ev.quote = hit.id
                    continue
            # The innermost content holding the trigger: the latest-starting one that covers it.
            i = bisect_right(starts, t.start)
            best: Quote | None = None
            for q in reversed(by_start[max(0, i - 8):i]):
                c = q.content
                if c.start <= t.start and t.end <= c.end and not _on_frame(q, t):
                    if best is None or c.end - c.start < best.content.end - best.content.start:
                        best = q
            if best is not None:
                ev.quote = best.id


    def _build(self, ctx: QuoteContext, found: list[FoundQuote], actors: ActorAnalysis,
               doc_id: str) -> list[Quote]:
        text = ctx.text
        seen: set[tuple[int, int]] = set()
        out: list[Quote] = []
        pieces: list[tuple[tuple[int, int], FoundQuote]] = []
        for f in found:
            if self.split_quotes and f.later:
                first = ctx.quotes[f.quote] if f.quote is not None else f.content
                pieces.append(((f.content[0], first[1]), f))
                pieces.extend((part, f) for part in f.later)
            else:
                pieces.append((f.content, f))
        pieces.sort(key=lambda p: (p[0][0], -p[0][1]))
        for (s, e), f in pieces:
            if e <= s or (s, e) in seen:
                continue
            seen.add((s, e))
            speaker = speaker_phrase(ctx, f.speaker, actors) if f.speaker is not None else None
            cue = Span(text[f.cue_span[0]:f.cue_span[1]], *f.cue_span) if f.cue_span else None
            anchor = f.cue.i if f.cue is not None else ctx.token_at(s)
            out.append(Quote(
                id=f"{doc_id}-q{len(out) + 1}", speaker=speaker, cue=cue,
                content=Span(text[s:e], s, e), kind=f.kind,
                sentence_index=ctx.sentence_index(anchor if anchor is not None else 0),
            ))
        return out


def _drop_nested(found: list[FoundQuote]) -> list[FoundQuote]:
    """Drop indirect attributions whose cue lies inside another attribution's content.

    "She told reporters that he thinks the plan failed": the article attributes the
    whole complement to her; what he thinks is part of what she said (PolNeAR, and
    the dev set, annotate only the outer one). Direct quotes are kept.
    """
    if len(found) < 2:
        return found
    order = sorted(range(len(found)), key=lambda i: found[i].content[0])
    starts = [found[i].content[0] for i in order]
    # Prefix maxima of content ends with their owners: the two largest, so a content
    # covering its own cue (a split quote) does not count against itself.
    best: list[tuple[tuple[int, int], tuple[int, int]]] = []
    top1, top2 = (-1, -1), (-1, -1)
    for i in order:
        cand = (found[i].content[1], i)
        if cand > top1:
            top1, top2 = cand, top1
        elif cand > top2:
            top2 = cand
        best.append((top1, top2))
    keep = []
    for i, f in enumerate(found):
        if f.kind == "direct" or f.cue_span is None:
            keep.append(f)
            continue
        x = f.cue_span[0]
        k = bisect_right(starts, x) - 1
        if k >= 0:
            (e1, o1), (e2, o2) = best[k]
            end = e1 if o1 != i else e2
            if end > x:
                continue
        keep.append(f)
    return keep


def _on_frame(q: Quote, trigger: Span) -> bool:
    for s in (q.cue, q.speaker):
        if s is not None and s.start < trigger.end and trigger.start < s.end:
            return True
    return False
