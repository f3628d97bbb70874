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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from thucydides.actors.analysis import ActorAnalysis
from thucydides.datafiles import DataFileError, compose_yaml
from thucydides.models import Event, Quote, Span, Speaker
from thucydides.nlp import doc_text

CUE_FILE = Path(__file__).parent / "data" / "quote_cues.yaml"
CUE_CLASSES = ("speech", "belief", "intention", "raising")

_WORD = re.compile(r"^[a-z][a-z'-]*$")
_OBJECT = re.compile(r"^[a-z][a-z-]*( (for|on|to|about|against|of))?$")
_PHRASE = re.compile(r"^[a-z][a-z'-]*( [a-z][a-z'-]*)+$")

# Characters that end or start a quote-mark context.
_OPEN_D = "“«„"
_CLOSE_D = "”»"
_OPENING_CONTEXT = " \t\n([{—–-/:;,\u00a0"
_TRIM_END = " \t\n\u00a0.,;:—–-"
_TRIM_START = " \t\n\u00a0,;:—–-"
_QUOTE_CHARS = "\"“”‘’'«»„"

# A quote shorter than this, not tied to a cue by the parse, is a scare quote or a title.
MIN_DIRECT_WORDS = 4
# Subject relations whose dependent is the speaker of a cue verb.
_SUBJ = ("nsubj", "csubj")
# Relations by which a verb without its own subject shares its head's subject
# ("… and said that …", "…, saying that …", "wants to say …").
_SHARE_SUBJ = ("conj", "advcl", "xcomp")
# Left dependents that belong to a speaker phrase ("Russian Defense Minister Sergei Shoigu").
_NP_LEFT = ("compound", "amod", "det", "poss", "nmod", "nummod", "flat", "quantmod", "case")
_REL_PRONOUNS = ("who", "that", "which", "whom")
# Prepositions that carry on an object content ("criticized her for …", "described it as …").
_OBJ_PREPS = ("for", "as", "of", "over")
_TRAILING_CONJ = re.compile(r"[\s,;]+(?:and|but|or|nor|while|because|as)$")


class CueFileError(DataFileError):
    """The cue vocabulary file is malformed; the message names the file, line and reason."""


@dataclass(frozen=True, slots=True)
class CueVocabulary:
    verbs: dict[str, str]  # lemma -> class (speech | belief | intention)
    passive_raising: frozenset[str]  # "is expected to …": subject and predicate are the content
    objects: dict[str, frozenset[str]]  # lemma -> "" (direct object) and/or prepositions
    phrases: dict[str, tuple[str, ...]]  # first word -> rest, e.g. "according" -> ("to",)
    not_speakers: frozenset[str]  # lower-case words that head a "Label: …" line but do not speak


def _fail(path: Path, node: yaml.Node | None, reason: str) -> CueFileError:
    return CueFileError(path, node.start_mark.line + 1 if node is not None else 0, reason)


def _words(path: Path, node: yaml.Node, pattern: re.Pattern[str], what: str) -> list[tuple[str, yaml.Node]]:
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(path, node, f"{what} must be a list")
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not pattern.match(str(item.value)):
            raise _fail(path, item, f"{what}: {getattr(item, 'value', item)!r} is not a lower-case entry")
        out.append((str(item.value), item))
    return out


def _mapping(path: Path, node: yaml.Node, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} must be a mapping")
    out: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = str(key.value)
        if name in out:
            raise _fail(path, key, f"{what}: duplicate key {name!r}")
        out[name] = value
    return out


def parse_cues(text: str, path: Path = CUE_FILE) -> CueVocabulary:
    """Validate and build the cue vocabulary from YAML text (errors carry file:line: reason)."""
    root = compose_yaml(text, path, error=CueFileError)
    if root is None:
        raise CueFileError(path, 1, "empty file")
    top = _mapping(path, root, "top level")
    unknown = set(top) - {"version", "verbs", "passive_raising", "object_verbs", "phrases", "not_speakers"}
    if unknown:
        name = sorted(unknown)[0]
        raise _fail(path, top[name], f"unknown section {name!r}")
    for required in ("version", "verbs"):
        if required not in top:
            raise _fail(path, root, f"missing section {required!r}")
    if str(top["version"].value) != "1":
        raise _fail(path, top["version"], f"unsupported version {top['version'].value!r}")

    verbs: dict[str, str] = {}
    for cls, node in _mapping(path, top["verbs"], "verbs").items():
        if cls not in CUE_CLASSES:
            raise _fail(path, node, f"unknown verb class {cls!r} (expected one of {', '.join(CUE_CLASSES)})")
        for lemma, item in _words(path, node, _WORD, f"verbs.{cls}"):
            if lemma in verbs:
                raise _fail(path, item, f"verb {lemma!r} listed twice (already in {verbs[lemma]})")
            verbs[lemma] = cls
    if not verbs:
        raise _fail(path, top["verbs"], "no cue verbs")

    passive = _word_set(path, top, "passive_raising")

    objects: dict[str, set[str]] = {}
    if "object_verbs" in top:
        for entry, item in _words(path, top["object_verbs"], _OBJECT, "object_verbs"):
            lemma, _, prep = entry.partition(" ")
            if prep in objects.get(lemma, ()):
                raise _fail(path, item, f"object verb {entry!r} listed twice")
            objects.setdefault(lemma, set()).add(prep)

    phrases: dict[str, tuple[str, ...]] = {}
    if "phrases" in top:
        for kind, node in _mapping(path, top["phrases"], "phrases").items():
            if kind != "according_to":
                raise _fail(path, node, f"unknown phrase kind {kind!r} (expected according_to)")
            for phrase, item in _words(path, node, _PHRASE, f"phrases.{kind}"):
                first, *rest = phrase.split()
                if first in phrases:
                    raise _fail(path, item, f"phrase {phrase!r}: another phrase starts with {first!r}")
                phrases[first] = tuple(rest)

    not_speakers = _word_set(path, top, "not_speakers")
    return CueVocabulary(verbs, passive, {k: frozenset(v) for k, v in objects.items()}, phrases, not_speakers)


def _word_set(path: Path, top: dict[str, yaml.Node], section: str) -> frozenset[str]:
    """An optional section listing single words, each once."""
    words: set[str] = set()
    if section in top:
        for word, item in _words(path, top[section], _WORD, section):
            if word in words:
                raise _fail(path, item, f"{section}: {word!r} listed twice")
            words.add(word)
    return frozenset(words)


@lru_cache(maxsize=4)
def load_cues(path: Path = CUE_FILE) -> CueVocabulary:
    """The cue vocabulary, read and validated once per process."""
    return parse_cues(Path(path).read_text(encoding="utf-8"), Path(path))


# ---------------------------------------------------------------------------
# quote marks
# ---------------------------------------------------------------------------


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _double_marks(text: str, ps: int, pe: int) -> list[tuple[int, int, str]]:
    """(position, length, role) of double quote marks in one paragraph; role open|close|either."""
    out: list[tuple[int, int, str]] = []
    i = ps
    while i < pe:
        ch = text[i]
        if ch in _OPEN_D:
            out.append((i, 1, "open"))
        elif ch in _CLOSE_D:
            out.append((i, 1, "close"))
        elif ch == '"':
            out.append((i, 1, "either"))
        elif ch in "'’`" and i + 1 < pe and text[i + 1] == ch:
            # Typewriter style ''quote'' / ``quote'' uses two single marks for a double one.
            out.append((i, 2, "open" if ch == "`" else "either"))
            i += 1
        i += 1
    return out


def _is_opening(text: str, pos: int, length: int, ps: int, pe: int) -> bool:
    before = text[pos - 1] if pos > ps else " "
    after = text[pos + length] if pos + length < pe else " "
    if before in _OPENING_CONTEXT or before in _OPEN_D:
        return not after.isspace()
    return False


def _single_spans(text: str, ps: int, pe: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted stretches in one paragraph, outside double quotes.

    An apostrophe inside a word (don't, O'Brien), an elision ('90s, 'em) or a plural
    possessive (the players' union) must not open or close a quote, so an opening mark
    needs a word start after it and a space before it, and a closing mark a non-space
    before it and no letter after it.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    weak: int | None = None  # a possible close that may be a plural possessive ("rebels' terms")
    k = 0
    i = ps
    while i < pe:
        while k < len(taken) and taken[k][1] <= i:
            k += 1
        if k < len(taken) and taken[k][0] <= i:
            if open_at is not None and weak is not None:
                spans.append((open_at, weak + 1))
            i = taken[k][1]
            open_at = weak = None
            continue
        ch = text[i]
        doubled = (i + 1 < pe and text[i + 1] in "'’`") or (i > ps and text[i - 1] in "'’`")
        if ch in "'‘’" and not doubled:
            before = text[i - 1] if i > ps else " "
            after = text[i + 1] if i + 1 < pe else " "
            if open_at is None:
                if (ch == "‘" or before in _OPENING_CONTEXT) and (after.isalpha() or after in "“\"("):
                    open_at = i
            elif not before.isspace() and not after.isalnum() and i + 1 - open_at > 3:
                nxt = text[i + 2] if i + 2 < pe else ""
                if before in "sz" and after == " " and nxt.islower():
                    if weak is None:
                        weak = i
                else:
                    spans.append((open_at, i + 1))
                    open_at = weak = None
        i += 1
    if open_at is not None and weak is not None:
        spans.append((open_at, weak + 1))
    return spans


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted stretches (marks included), sorted and non-overlapping.

    A quote never crosses a paragraph: a quote left open at a paragraph end (the
    convention for a quote running over several paragraphs) ends with its paragraph.
    """
    return _quote_marks(text)[0]


def _quote_marks(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Quote spans, and the indices of those left open at their paragraph's end."""
    out: list[tuple[int, int]] = []
    left_open: set[int] = set()
    for ps, pe in _paragraphs(text):
        if ps == pe:
            continue
        spans: list[tuple[int, int]] = []
        open_at: int | None = None
        for pos, length, role in _double_marks(text, ps, pe):
            if role == "either":
                role = "close" if open_at is not None else "open"
                if role == "close" and _is_opening(text, pos, length, ps, pe) and pos > open_at + length + 1:
                    # A fresh opening while one is pending: the earlier mark was unmatched.
                    role = "open"
            if role == "open":
                open_at = pos
            elif open_at is not None:
                spans.append((open_at, pos + length))
                open_at = None
            elif not spans and role == "close" and pos - ps > 20:
                # A closing mark with no opening in its paragraph ends a quote that began
                # in an earlier paragraph; this paragraph's part runs from its start.
                spans.append((ps, pos + length))
        if open_at is not None:
            end = pe
            while end > open_at and text[end - 1].isspace():
                end -= 1
            if end - open_at > 1:
                spans.append((open_at, end))
                unclosed = open_at
            else:
                unclosed = None
        else:
            unclosed = None
        spans.extend(_single_spans(text, ps, pe, spans))
        spans.sort()
        for span in spans:
            if span[0] == unclosed:
                left_open.add(len(out))
            out.append(span)
    return out, left_open


# ---------------------------------------------------------------------------
# the finder
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    content: tuple[int, int]
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: Token | None
    kind: str
    quote: int | None = None  # index of the quote-mark span it came from
    later: list[tuple[int, int]] | None = None  # further quote spans of a split quote


class QuoteFinder:
    """Finds attributed quotes; build once per process, call `find` per article."""

    def __init__(self, cue_file: Path | str | None = None, split_quotes: bool = True) -> None:
        """`split_quotes`: give each part of a quote split by its cue ("“A,” she said. “B.”")
        as its own Quote (same speaker and cue), which is how a reader counts quotes. False
        gives one Quote whose content runs from the first part to the last (the PolNeAR
        convention: about 0.03 higher content F1 on the quotes dev set)."""
        self.cues = load_cues(Path(cue_file) if cue_file else CUE_FILE)
        self.split_quotes = split_quotes

    # -- public API ---------------------------------------------------------

    def find(self, doc: Doc, actors: ActorAnalysis, doc_id: str) -> list[Quote]:
        if not len(doc):
            return []
        text = doc_text(doc)
        spans, left_open = _quote_marks(text)
        ctx = _Context(doc, spans, text)
        found: list[_Found] = []
        used_quotes: set[int] = set()
        cue_of_quote: dict[int, _Found] = {}

        # 1. Cue verbs with a complement: indirect speech, or a direct quote as complement.
        for tok in doc:
            lemma = tok.lemma_.lower()
            cls = self.cues.verbs.get(lemma)
            if cls is None and lemma not in self.cues.objects and lemma not in self.cues.passive_raising:
                continue
            if tok.pos_ not in ("VERB", "AUX") or ctx.in_quote[tok.i] >= 0:
                # A cue inside a direct quote is the quoted speaker's own wording, not
                # an attribution the article makes.
                continue
            raised = self._raised(tok, lemma, cls, ctx)
            if raised is not None:
                lo, hi = ctx.clip_to_paragraph(tok.idx, *ctx.trimmed(*raised))
                if hi > lo:
                    lo, hi, inner = ctx.absorb_quotes(lo, hi)
                    used_quotes.update(inner)
                    found.append(_Found((lo, hi), tok, _tok_span(tok), None, "indirect"))
                continue
            if cls == "raising":
                continue
            comp = self._complement(tok, cls, self.cues.objects.get(lemma), ctx)
            if not comp:
                continue
            lo, hi = ctx.trimmed(min(c.left_edge.idx for c in comp), self._content_end(tok, comp))
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
                f = _Found(ctx.quotes[q], tok, _tok_span(tok), _subject(tok), "direct", q)
                cue_of_quote[q] = f
                found.append(f)
                continue
            # A partial quote inside an indirect content belongs to it, closing mark included.
            lo, hi, inner = ctx.absorb_quotes(lo, hi)
            used_quotes.update(inner)
            found.append(_Found((lo, hi), tok, _tok_span(tok), _subject(tok), "indirect"))

        # 2. "according to X, …"
        for tok in doc:
            rest = self.cues.phrases.get(tok.lower_)
            if rest is None:
                continue
            f = self._according(ctx, tok, rest)
            if f is not None:
                found.append(f)

        # 3. "Name: text" lines (transcripts, headlines).
        for f in self._colon_lines(ctx):
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
            cue = self._nearby_cue(ctx, q)
            if cue is not None:
                prev = cue_of_quote.get(q - 1)
                if prev is not None and prev.cue is not None and prev.cue.i == cue.i:
                    # “A,” she said. “B.” — one attribution split by its cue.
                    prev.content = (prev.content[0], qe)
                    prev.later = (prev.later or []) + [(qs, qe)]
                    used_quotes.add(q)
                    cue_of_quote[q] = prev
                    continue
                if (words < MIN_DIRECT_WORDS and not self._tied(cue, ctx, q)) or ctx.is_title(q):
                    continue
                f = _Found((qs, qe), cue, _tok_span(cue), _subject(cue), "direct", q)
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
                f2 = self._colon_cue(ctx, q)
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

    # -- pieces ---------------------------------------------------------------

    def _complement(self, verb: Token, cls: str | None, preps: frozenset[str] | None,
                    ctx: _Context) -> list[Token]:
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
                    c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in _OBJ_PREPS))]
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

    def _raised(self, verb: Token, lemma: str, cls: str | None, ctx: _Context) -> tuple[int, int] | None:
        """Content of "the plan seems to have failed" / "the army is expected to withdraw":
        from the subject to the end of the predicate, with no source named."""
        if cls != "raising" and not (lemma in self.cues.passive_raising and verb.tag_ == "VBN"
                                     and any(c.dep_ == "auxpass" for c in verb.children)):
            return None
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        pred = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd", "ccomp")
                     and c.i > verb.i), None)
        if subj is None or pred is None or subj.lower_ in ("it", "there"):
            if pred is not None and subj is not None and pred.dep_ == "ccomp":
                # "It is believed that …": the clause alone.
                return pred.left_edge.idx, self._content_end(verb, [pred])
            return None
        start = subj.left_edge.idx
        if subj.lower_ in _REL_PRONOUNS and verb.dep_ == "relcl":
            # "… Romney, who is expected to speak": the clause from the pronoun on.
            start = subj.idx
        return start, self._content_end(verb, [pred])

    def _content_end(self, verb: Token, comp: list[Token]) -> int:
        """End of a complement, stopping before another cue joined to it.

        The parser hangs ", adding that …" and "… and said that …" on the reported
        clause; they are attributions of their own, not part of this content. A joined
        cue verb in the reporting verb's own tense ("says … and tells") is taken as the
        reporter's; one in another form ("says he'd sit down and tell him …") as reported.
        """
        hi = max(_end(c.right_edge) for c in comp)
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

    def _according(self, ctx: _Context, tok: Token, rest: tuple[str, ...]) -> _Found | None:
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
        right = ctx.trimmed(_end(doc[phrase_end - 1]), sent.end_char) if phrase_end < sent.end else (0, 0)
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
        return _Found(content, tok, (tok.idx, _end(last)), obj, "according_to")

    def _colon_lines(self, ctx: _Context) -> list[_Found]:
        """Paragraphs shaped "SPEAKER: what they said" with a short name before the colon."""
        doc, text = ctx.doc, ctx.text
        out: list[_Found] = []
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
            lo, hi = ctx.trimmed(_end(doc[i]), pe)
            if hi - lo < 8 or text[lo].isdigit():
                continue
            out.append(_Found((lo, hi), doc[i], _tok_span(doc[i]), label[-1], "direct"))
        return out

    def _nearby_cue(self, ctx: _Context, q: int) -> Token | None:
        """A cue verb outside quotes in the sentences around quote q, in its paragraph; nearest wins."""
        best: Token | None = None
        best_d = 1 << 30
        qs, qe = ctx.quotes[q]
        for tok in ctx.frame_tokens(q):
            cls = self.cues.verbs.get(tok.lemma_.lower())
            if cls != "speech" or tok.pos_ not in ("VERB", "AUX"):
                continue
            d = qs - _end(tok) if tok.idx < qs else tok.idx - qe
            if d < best_d:
                best, best_d = tok, d
        return best if best is not None else self._framing_verb(ctx, q)

    def _framing_verb(self, ctx: _Context, q: int) -> Token | None:
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
                if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP") and _subject(t) is not None:
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
                if any(c.dep_ in _SUBJ for c in v.children):
                    return v
        return None

    def _tied(self, cue: Token, ctx: _Context, q: int) -> bool:
        qs, qe = ctx.quotes[q]
        return any(qs <= c.idx < qe for c in cue.children if c.dep_ in ("ccomp", "dobj", "oprd", "xcomp"))

    def _colon_cue(self, ctx: _Context, q: int) -> _Found | None:
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
        subj = _subject(root)
        if subj is None or ctx.in_quote[root.i] >= 0:
            return None
        return _Found((qs, qe), root, _tok_span(root), subj, "direct", q)

    def _build(self, ctx: _Context, found: list[_Found], actors: ActorAnalysis, doc_id: str) -> list[Quote]:
        text = ctx.text
        seen: set[tuple[int, int]] = set()
        out: list[Quote] = []
        pieces: list[tuple[tuple[int, int], _Found]] = []
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
            speaker = _speaker(ctx, f.speaker, actors) if f.speaker is not None else None
            cue = Span(text[f.cue_span[0]:f.cue_span[1]], *f.cue_span) if f.cue_span else None
            anchor = f.cue.i if f.cue is not None else ctx.token_at(s)
            out.append(Quote(
                id=f"{doc_id}-q{len(out) + 1}", speaker=speaker, cue=cue,
                content=Span(text[s:e], s, e), kind=f.kind,
                sentence_index=ctx.sentence_index(anchor if anchor is not None else 0),
            ))
        return out


# ---------------------------------------------------------------------------
# per-document indexes
# ---------------------------------------------------------------------------


class _Context:
    """Arrays built once per document: token offsets, quote membership, sentences, paragraphs."""

    def __init__(self, doc: Doc, quotes: list[tuple[int, int]], text: str) -> None:
        self.doc = doc
        self.text = text  # Doc.text rebuilds the string on every access: read it once
        self.quotes = quotes
        self.q_starts = [q[0] for q in quotes]
        self.q_ends = [q[1] for q in quotes]
        self.tok_starts = [t.idx for t in doc]
        n = len(doc)
        self.in_quote = [-1] * n
        for qi, (qs, qe) in enumerate(quotes):
            i = bisect_left(self.tok_starts, qs)
            while i < n and self.tok_starts[i] < qe:
                self.in_quote[i] = qi
                i += 1
        self.sent_of = [0] * n
        self.sent_bounds: list[tuple[int, int]] = []
        for si, sent in enumerate(doc.sents):
            self.sent_bounds.append((sent.start, sent.end))
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si
        text = self.text
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def token_at(self, char: int) -> int | None:
        i = bisect_right(self.tok_starts, char) - 1
        return i if i >= 0 else None

    def sentence_index(self, token: int) -> int:
        return self.sent_of[token] if 0 <= token < len(self.sent_of) else 0

    def paragraph(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1

    def word_count(self, q: int) -> int:
        qs, qe = self.quotes[q]
        lo = bisect_left(self.tok_starts, qs)
        hi = bisect_left(self.tok_starts, qe)
        return sum(1 for t in self.doc[lo:hi] if t.is_alpha)

    def is_title(self, q: int) -> bool:
        """A short quoted stretch in title case ("Meet the Press") names a show or a book."""
        qs, qe = self.quotes[q]
        lo = bisect_left(self.tok_starts, qs)
        hi = bisect_left(self.tok_starts, qe)
        words = [t for t in self.doc[lo:hi] if t.is_alpha]
        if not words or len(words) > 8 or any(t.text in ".?!" for t in self.doc[lo:hi]):
            return False
        return all(t.text[0].isupper() for t in words if len(t) > 3)

    def inside_quote(self, tok: Token, q: int) -> bool:
        return self.in_quote[tok.i] == q

    def quote_holding(self, lo: int, hi: int) -> int | None:
        """The quote that opens at [lo, hi) or holds all of it."""
        i = bisect_right(self.q_starts, lo) - 1
        if i >= 0:
            qs, qe = self.quotes[i]
            if qs <= lo < qe and (lo - qs <= 2 or hi <= qe):
                return i
        return None

    def absorb_quotes(self, lo: int, hi: int) -> tuple[int, int, range]:
        """Widen [lo, hi) over the quotes it cuts, and say which quotes lie in it."""
        first = bisect_right(self.q_ends, lo)
        last = bisect_left(self.q_starts, hi)
        if first < last:
            lo = min(lo, self.quotes[first][0])
            hi = max(hi, self.quotes[last - 1][1])
        return lo, hi, range(first, last)

    def clip_to_paragraph(self, anchor: int, lo: int, hi: int) -> tuple[int, int]:
        """A content never leaves its cue's paragraph (the parser's sentences sometimes do)."""
        p = self.paragraph(anchor)
        p_lo = self.para_starts[p]
        p_hi = self.para_starts[p + 1] if p + 1 < len(self.para_starts) else len(self.text)
        return self.trimmed(max(lo, p_lo), min(hi, p_hi))

    def frame_tokens(self, q: int) -> list[Token]:
        """Tokens outside quotes in the sentences overlapping quote q, in its paragraph."""
        qs, qe = self.quotes[q]
        first = self.token_at(qs)
        last = self.token_at(qe - 1)
        if first is None or last is None:
            return []
        s0 = self.sent_bounds[self.sent_of[first]][0]
        s1 = self.sent_bounds[self.sent_of[last]][1]
        para = self.paragraph(qs)
        out = []
        for i in range(s0, s1):
            if self.in_quote[i] >= 0:
                continue
            t = self.doc[i]
            if self.paragraph(t.idx) != para:
                continue
            out.append(t)
        return out

    def next_paragraph(self, q1: int, q2: int) -> bool:
        """Whether quote q2 opens the paragraph right after the one quote q1 ends."""
        s2 = self.quotes[q2][0]
        p2 = self.paragraph(s2)
        if p2 == 0 or self.text[self.para_starts[p2]:s2].strip():
            return False
        p1 = self.paragraph(self.quotes[q1][1] - 1)
        return not self.text[self.para_starts[p1 + 1]:self.para_starts[p2]].strip()

    def split_by_cue(self, q1: int, q2: int, cue: Token) -> bool:
        """Whether quote q2 continues q1 with only q1's cue sentence between them, in one paragraph."""
        e1 = self.quotes[q1][1]
        s2 = self.quotes[q2][0]
        if not e1 <= cue.idx < s2 or self.paragraph(e1) != self.paragraph(s2):
            return False
        # Nothing but the cue's own sentence lies between the two quotes.
        sent_end = self.sent_bounds[self.sent_of[cue.i]][1]
        end_char = _end(self.doc[sent_end - 1]) if sent_end > 0 else 0
        gap = self.text[end_char:s2]
        return end_char >= s2 or gap.strip() == ""

    def trimmed(self, lo: int, hi: int) -> tuple[int, int]:
        text = self.text
        while lo < hi and text[lo] in _TRIM_START:
            lo += 1
        while hi > lo and text[hi - 1] in _TRIM_END:
            hi -= 1
        m = _TRAILING_CONJ.search(text, max(lo, hi - 12), hi)
        if m is not None and m.start() > lo:
            hi = m.start()
            while hi > lo and text[hi - 1] in _TRIM_END:
                hi -= 1
        return lo, hi


def _drop_nested(found: list[_Found]) -> list[_Found]:
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


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _tok_span(tok: Token) -> tuple[int, int]:
    return tok.idx, _end(tok)


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """The speaker token of a cue verb: its subject, or the subject it shares, or the agent."""
    for c in verb.children:
        if c.dep_ in _SUBJ:
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            # "was asked by the host": the agent speaks.
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if depth < 4 and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ in _SHARE_SUBJ:
            # "She insisted the curfew would end, adding that …": the parser may hang the
            # participle on the reported clause; the one adding is the reporter.
            while verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.i != head.i:
                head = head.head
            return _subject(head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i != head.i:
            # "After blasting the paper, she …", "began by saying …"
            return _subject(head.head, depth + 1)
        if verb.dep_ == "relcl":
            return head
    if depth == 0:
        # The parse lost the subject: the nearest subject-like phrase before the verb.
        sent_start = verb.sent.start
        for i in range(verb.i - 1, max(sent_start, verb.i - 12) - 1, -1):
            t = verb.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") or (t.pos_ in ("PROPN", "PRON") and t.dep_ != "poss"
                                                    and t.lower_ not in _REL_PRONOUNS and t.head.i == verb.i):
                return t
    return None


def _speaker(ctx: _Context, head: Token, actors: ActorAnalysis) -> Speaker:
    text = ctx.text
    lo = head.i
    for c in head.lefts:
        if c.dep_ in _NP_LEFT:
            lo = min(lo, c.left_edge.i)
    hi = head.i
    for c in head.rights:
        if c.dep_ in ("compound", "flat"):
            hi = max(hi, c.right_edge.i)
    start, end = ctx.doc[lo].idx, _end(ctx.doc[hi])
    # A name never runs over a paragraph break (a photo credit above a byline, say).
    para_start = ctx.para_starts[ctx.paragraph(head.idx)]
    if start < para_start:
        start = para_start
        while text[start].isspace():
            start += 1
    mention = actors.best_in(start, end, head=head.idx)
    if mention is None and head.lower_ in _REL_PRONOUNS and head.head.dep_ == "relcl":
        # "…, who said …": the relative pronoun speaks for the noun the clause hangs on.
        noun = head.head.head
        mention = actors.best_in(noun.left_edge.idx, _end(noun), head=noun.idx)
    if mention is None:
        return Speaker(text[start:end], start, end)
    return Speaker(text[start:end], start, end, mention.code, mention.name, mention.entity)


def _on_frame(q: Quote, trigger: Span) -> bool:
    for s in (q.cue, q.speaker):
        if s is not None and s.start < trigger.end and trigger.start < s.end:
            return True
    return False
