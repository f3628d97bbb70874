"""Where an attribution's parts lie around a cue: the content of a cue verb, "according to X",
"Name: text" lines, and the verb that frames a bare quote."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from thucydides.quotes.context import FoundQuote, QuoteContext
from thucydides.quotes.cues import CueVocabulary
from thucydides.syntax.clauses import (
    REPORTER_DEPS,
    SUBJECT_RELATIVE_PRONOUNS,
    grammatical_subject,
    is_passive_participle,
    reporting_subject,
)
from thucydides.syntax.phrases import char_span, token_end
from thucydides.wordlists import word_set

# Prepositions that carry on an object content ("criticized her for …", "described it as …").
OBJECT_PREPOSITIONS = word_set("quotes", "object_prepositions")


class CueFrames:
    """Reads the parse around cue words and quotes; one per `QuoteFinder`, sharing its cues."""

    def __init__(self, cues: CueVocabulary) -> None:
        self.cues = cues

    def complement(self, verb: Token, cls: str | None, preps: frozenset[str] | None,
                    ctx: QuoteContext) -> list[Token]:
        """The dependents of a cue verb that make up its content (empty when it has none).

        Only dependents in the verb's paragraph count: the parser's sentences sometimes
        run over a paragraph break and hang the previous paragraph's quote on the verb.
        """
        para = ctx.paragraph(verb.idx)
        kids = [c for c in verb.children if ctx.paragraph(c.idx) == para]
        comps = [c for c in kids if c.dep_ == "ccomp"]
        if comps:
            return [min(comps, key=lambda c: abs(c.i - verb.i))]
        if preps is not None:
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            if obj is not None and "" in preps:
                # "called him a liar", "urged them to leave": the object with its predicate.
                return [obj] + [c for c in kids if c.i > obj.i and (
                    c.dep_ in ("oprd", "xcomp", "ccomp")
                    or (c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS))]
            for c in kids:
                if c.dep_ == "prep" and c.lower_ in preps:
                    pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    if pobj:
                        return pobj + [g for g in kids if g.dep_ in ("xcomp", "oprd") and g.i > c.i]
        if cls in ("intention", "speech"):
            for c in kids:
                if c.dep_ == "xcomp" and c.i > verb.i:
                    return [c]
        return []

    def raised(self, verb: Token, lemma: str, cls: str | None, ctx: QuoteContext) -> tuple[int, int] | None:
        """Content of "the plan seems to have failed" / "the army is expected to withdraw":
        from the subject to the end of the predicate, with no source named."""
        if cls != "raising" and not (lemma in self.cues.passive_raising and is_passive_participle(verb)):
            return None
        subj = grammatical_subject(verb)
        pred = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp")
                     and c.i > verb.i), None)
        if subj is None or pred is None or subj.lower_ in ("it", "there"):
            if pred is not None and subj is not None and pred.dep_ == "ccomp":
                # "It is believed that …": the clause alone.
                return pred.left_edge.idx, self.content_end(verb, [pred])
            return None
        start = subj.left_edge.idx
        if subj.lower_ in SUBJECT_RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            # "… Romney, who is expected to speak": the clause from the pronoun on.
            start = subj.idx
        return start, self.content_end(verb, [pred])

    def content_end(self, verb: Token, comp: list[Token]) -> int:
        """End of a complement, stopping before another cue joined to it.

        The parser hangs ", adding that …" and "… and said that …" on the reported
        clause; they are attributions of their own, not part of this content. A joined
        cue verb in the reporting verb's own tense ("says … and tells") is taken as the
        reporter's; one in another form ("says he'd sit down and tell him …") as reported.
        """
        hi = max(token_end(c.right_edge) for c in comp)
        lo = min(c.i for c in comp)
        for c in comp:
            for d in c.subtree:
                if d.i <= lo or d.lemma_.lower() not in self.cues.verbs:
                    continue
                participle = d.dep_ == "advcl" and d.tag_ == "VBG"
                joined = d.dep_ == "conj" and d.tag_ == verb.tag_ and d.head.dep_ != "xcomp" and (
                    d.lemma_ == verb.lemma_ or d.head.tag_ != d.tag_)
                if participle or joined:
                    hi = min(hi, d.left_edge.idx)
                    break
        return hi

    def according(self, ctx: QuoteContext, tok: Token, rest: tuple[str, ...]) -> FoundQuote | None:
        doc = ctx.doc
        end = tok.i + 1 + len(rest)
        if end > len(doc) or tuple(t.lower_ for t in doc[tok.i + 1:end]) != rest:
            return None
        last = doc[end - 1]
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if obj is None and end < len(doc) and doc[end].pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            obj = doc[end]
            while obj.head.i != obj.i and obj.head.i >= end and obj.head.i < end + 8 and obj.head.pos_ in (
                    "PROPN", "NOUN"):
                obj = obj.head
        if obj is None:
            return None
        sent = tok.sent
        phrase_end = max(obj.right_edge.i, last.i) + 1
        left = ctx.trimmed(sent.start_char, tok.idx)
        right = (ctx.trimmed(token_end(doc[phrase_end - 1]), sent.end_char) if phrase_end < sent.end
                 else (0, 0))
        has_left = left[1] - left[0] > 1
        has_right = right[1] - right[0] > 1
        if has_left and has_right:
            content = (left[0], right[1])
        elif has_left:
            content = left
        elif has_right:
            content = right
        else:
            return None
        return FoundQuote(content, tok, (tok.idx, token_end(last)), obj, "according_to")

    def colon_lines(self, ctx: QuoteContext) -> list[FoundQuote]:
        """Paragraphs shaped "SPEAKER: what they said" with a short name before the colon."""
        doc, text = ctx.doc, ctx.text
        out: list[FoundQuote] = []
        n = len(doc)
        for p, ps in enumerate(ctx.para_starts):
            pe = ctx.para_starts[p + 1] - 1 if p + 1 < len(ctx.para_starts) else len(text)
            i = bisect_left(ctx.tok_starts, ps)
            while i < n and doc[i].is_space:
                i += 1
            first = i
            while i < n and i - first < 6 and doc[i].idx < pe and doc[i].text != ":":
                i += 1
            if i >= n or i == first or doc[i].text != ":" or doc[i].idx >= pe:
                continue
            label = doc[first:i]
            if not any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) or t.pos_ == "NOUN" for t in label):
                continue
            if any(not (t.is_alpha or t.text in (".", "-", "'", "’", "’s", "'s")) for t in label):
                continue
            ends = {label[0].lower_, label[-1].lower_}
            if ends & self.cues.not_speakers or label[0].lower_ in ("the", "a"):
                if label[-1].pos_ != "PROPN" or label[-1].lower_ in self.cues.not_speakers:
                    continue
            lo, hi = ctx.trimmed(token_end(doc[i]), pe)
            if hi - lo < 8 or text[lo].isdigit():
                continue
            out.append(FoundQuote((lo, hi), doc[i], char_span(doc[i]), label[-1], "direct"))
        return out

    def nearby_cue(self, ctx: QuoteContext, q: int) -> Token | None:
        """A cue verb outside quotes in the sentences around quote q, in its paragraph; nearest wins."""
        best: Token | None = None
        best_d = 1 << 30
        qs, qe = ctx.quotes[q]
        for tok in ctx.frame_tokens(q):
            cls = self.cues.verbs.get(tok.lemma_.lower())
            if cls != "speech" or tok.pos_ not in ("VERB", "AUX"):
                continue
            d = qs - token_end(tok) if tok.idx < qs else tok.idx - qe
            if d < best_d:
                best, best_d = tok, d
        return best if best is not None else self.framing_verb(ctx, q)

    def framing_verb(self, ctx: QuoteContext, q: int) -> Token | None:
        """Any verb that frames a quote the way a reporting verb does, right next to it:
        "“…,” she barked." / "“…?” asked the host." / "He fumed: “…”".

        The quote must end in a comma, question or exclamation mark (or the verb end in
        a colon or comma before it), so that an ordinary sentence after a quote is not taken.
        """
        doc, text = ctx.doc, ctx.text
        qs, qe = ctx.quotes[q]
        inner = text[qe - 3:qe]
        after = ctx.token_at(qe)
        if after is not None and any(c in inner for c in ",?!—"):
            i = after if doc[after].idx >= qe else after + 1
            for t in doc[i:min(i + 6, len(doc))]:
                if ctx.in_quote[t.i] >= 0 or t.text in ".;":
                    break
                if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP") and reporting_subject(t) is not None:
                    return t
        before = ctx.token_at(qs - 1)
        k = qs - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        if before is not None and k >= 0 and text[k] in ":,":
            j = before
            while j >= 0 and (doc[j].is_punct or doc[j].is_space):
                j -= 1
            v = doc[j] if j >= 0 else None
            if v is not None and v.pos_ == "VERB" and v.tag_ in ("VBD", "VBZ", "VBP") and ctx.in_quote[j] < 0:
                if any(c.dep_ in REPORTER_DEPS for c in v.children):
                    return v
        return None

    def tied(self, cue: Token, ctx: QuoteContext, q: int) -> bool:
        qs, qe = ctx.quotes[q]
        return any(qs <= c.idx < qe for c in cue.children if c.dep_ in ("ccomp", "dobj", "oprd", "xcomp"))

    def colon_cue(self, ctx: QuoteContext, q: int) -> FoundQuote | None:
        """A quote introduced by a clause ending in a colon: "She put it bluntly: “…”"."""
        qs, qe = ctx.quotes[q]
        j = qs - 1
        text = ctx.text
        while j >= 0 and text[j].isspace():
            j -= 1
        if j < 0 or text[j] != ":":
            return None
        ti = ctx.token_at(j)
        if ti is None:
            return None
        sent = ctx.doc[ti].sent
        root = sent.root
        subj = reporting_subject(root)
        if subj is None or ctx.in_quote[root.i] >= 0:
            return None
        return FoundQuote((qs, qe), root, char_span(root), subj, "direct", q)

