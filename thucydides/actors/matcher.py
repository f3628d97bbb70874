"""The dictionaries compiled into phrase indexes, once per process and file set.

Matching is on NORM (lower case, ’ → ', British → American spelling), so "Defence
Ministry", "defense ministry" and lower-case police reports all match. Short all-capital
aliases ("US", "IS", "WHO", "ICE") would collide with common words in lower case, so they
match case-sensitively, except in an all-lower-case article, where agent and national
agency acronyms whose lower form is not an ordinary word ("sho", "dcp", "crpf") match too.

The index is a dict of token-string tuples, not a spaCy PhraseMatcher: a PhraseMatcher needs
a Doc per pattern, and making those Docs creates a vocabulary entry for every new word of
the dictionaries (about 5,000 words, over a second at start-up). A phrase of plain
space-separated letters tokenises to its words, so its token strings are computed without
the tokenizer; only phrases with punctuation, digits or a tokenizer special case go through
it (a few hundred, some milliseconds). tests/test_actors_matcher.py checks that both ways
give the same tokens for every built-in phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.attrs import NORM
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from thucydides.actors.dictionary import Dictionaries, Entry, load_dictionaries, norm_phrase
from thucydides.syntax.columns import column
from thucydides.wordlists import word_set

ACRONYM_RE = re.compile(r"^(?:[A-Z]\.?){2,6}$")
# Acronyms whose lower-case form is an everyday word: never matched in lower-case text.
COMMON_WORDS = word_set("actors", "everyday_acronyms") | {w.lower() for w in STOP_WORDS}
TITLE_CASE_WORDS = word_set("actors", "title_case_acronym_words")
PRIVATE_SECTORS = word_set("actors", "private_sectors")


@dataclass(slots=True)
class Match:
    start: int  # token offsets
    end: int
    entry: Entry
    role: str  # name | alias | demonym | capital | agent
    plural: bool = False  # matched an agent's plural form


@dataclass(slots=True)
class Compiled:
    dicts: Dictionaries
    owner: dict[str, tuple[Entry, str]] = field(default_factory=dict)  # phrase -> (entry, role)
    plural_of: dict[str, str] = field(default_factory=dict)  # generated agent plural -> singular
    norm: PhraseIndex | None = None
    exact: PhraseIndex | None = None
    lower_acronyms: PhraseIndex | None = None
    single: dict[str, tuple[Entry, str]] = field(default_factory=dict)  # one-word phrases by norm
    shared: dict[str, list[Entry]] = field(default_factory=dict)  # aliases of several people

    def pick(self, phrase: str, entry: Entry, when: date | None) -> Entry:
        """The person a shared alias ("Bush") means on the article date."""
        people = self.shared.get(phrase)
        if not people:
            return entry
        return max(people, key=lambda p: _relevance(p, when))

    def find(self, doc: Doc, lower_case_doc: bool, when: date | None = None) -> list[Match]:
        """All dictionary matches, longest first where they overlap, in text order."""
        assert self.norm is not None and self.exact is not None and self.lower_acronyms is not None
        norms = column(doc, "norm")  # shared, read-only: PhraseIndex.find does not change it
        raw = self.norm.find(norms)
        raw.extend(self.exact.find(column(doc, "text")))
        if lower_case_doc:
            raw.extend(self.lower_acronyms.find(norms))
        found: list[Match] = []
        for phrase, start, end in raw:
            singular = self.plural_of.get(phrase)
            entry, role = self.owner[singular or phrase]
            if entry.kind == "person" and phrase in self.shared:
                entry = self.pick(phrase, entry, when)
            if not entry.is_agent and not lower_case_doc and role != "demonym":
                # A proper name in ordinary text has a capital somewhere ("al-Nusra Front");
                # this keeps "turkey", "chad" and "china" (the dishes) out.
                if not any(c.isupper() for t in doc[start:end] for c in t.text):
                    continue
            if role != "agent" and end - start == 1 and doc[start].is_upper and len(doc[start]) <= 4:
                # An acronym inside an all-capital headline ("PENTAGON IS …") is a word, not an actor.
                neighbours = [t for t in doc[max(0, start - 2):end + 2] if t.is_alpha and t.i != start]
                if neighbours and all(t.is_upper for t in neighbours) and phrase in COMMON_WORDS:
                    continue
            found.append(Match(start, end, entry, role, plural=singular is not None))
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = bytearray(len(doc))
        kept: list[Match] = []
        for m in found:
            if any(taken[m.start:m.end]):
                continue
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
        kept.sort(key=lambda m: m.start)
        return _private_namesakes_out(doc, kept)

    def span_of(self, doc: Doc, m: Match) -> Span:
        return doc[m.start:m.end]


def _relevance(person: Entry, when: date | None) -> tuple[int, date]:
    """Holding office on the date beats having held one before it, which beats a later one."""
    if when is None:
        return (1, max(o.start for o in person.offices))
    if any(o.holds(when) for o in person.offices):
        return (3, max(o.start for o in person.offices if o.holds(when)))
    past = [o.end for o in person.offices if o.end is not None and o.end <= when]
    if past:
        return (2, max(past))
    return (0, date.max - (min(o.start for o in person.offices) - date.min))


def pluralise(word: str) -> str:
    irregular = {"man": "men", "woman": "women", "person": "people", "child": "children",
                 "chief": "chiefs", "staff": "staff", "police": "police", "militia": "militias",
                 "personnel": "personnel", "clergy": "clergy", "youth": "youths", "sheriff": "sheriffs"}
    if word in irregular:
        return irregular[word]
    for end, repl in (("man", "men"), ("woman", "women")):
        if word.endswith(end) and not word.endswith("human"):
            return word[: -len(end)] + repl
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def compile_dictionaries(dicts: Dictionaries, nlp: Language) -> Compiled:
    compiled = Compiled(dicts=dicts)
    norm_patterns: dict[str, str] = {}  # key phrase -> text to tokenise
    exact_patterns: dict[str, str] = {}
    lower_acro: dict[str, str] = {}
    for entry in dicts.entries.values():
        for phrase, role in entry.phrases.items():
            previous = compiled.owner.get(phrase)
            if previous is not None and previous[0].kind == "person" and entry.kind == "person" \
                    and previous[0] is not entry:
                compiled.shared.setdefault(phrase, [previous[0]]).append(entry)
            if previous is not None and not entry.user:
                continue  # first built-in owner wins; conflicts are caught by the dictionary tests
            compiled.owner[phrase] = (entry, role)
    originals: dict[str, str] = {}
    for entry in dicts.entries.values():
        for original in _originals(entry):
            originals.setdefault(norm_phrase(original), original)
    title_forms: dict[str, tuple[Entry, str]] = {}
    for phrase, (entry, role) in compiled.owner.items():
        original = originals.get(phrase, phrase)
        if ACRONYM_RE.match(original.replace(" ", "")) or original in ("US", "IS"):
            exact_patterns[phrase] = original
            if _title_case_form(original):
                # Some house styles write long acronyms as names ("Nato", "Isis"): match that form.
                title_forms[original.title()] = (entry, role)
                exact_patterns[original.title()] = original.title()
            # Lower-case text: only police/agency acronyms ("sho", "crpf", "bjp"); a lower-case
            # group or IGO acronym is too often a word ("fact", "who", "eta").
            national = entry.is_agent or entry.user or entry.origin.startswith("institutions.tsv")
            lower_ok = national and phrase.replace(".", "") not in COMMON_WORDS
            if lower_ok:
                lower_acro[phrase] = phrase
            if role == "agent" and original.isalpha():
                # "SHOs", "DCPs": acronym agents take a plain -s.
                plural = phrase + "s"
                if plural not in compiled.owner:
                    compiled.plural_of[plural] = phrase
                    exact_patterns[plural] = original + "s"
                    if lower_ok:
                        lower_acro[plural] = plural
        else:
            norm_patterns[phrase] = phrase
            if role == "agent":
                words = phrase.split(" ")
                plural = " ".join(words[:-1] + [pluralise(words[-1])])
                if plural != phrase and plural not in compiled.owner:
                    compiled.plural_of[plural] = phrase
                    norm_patterns[plural] = plural
        if " " not in phrase:
            compiled.single[phrase] = (entry, role)
    for form, owner in title_forms.items():
        compiled.owner.setdefault(form, owner)
    tokenizer = PatternTokenizer(nlp)
    compiled.norm = _matcher(tokenizer, "NORM", norm_patterns)
    compiled.exact = _matcher(tokenizer, "ORTH", exact_patterns)
    compiled.lower_acronyms = _matcher(tokenizer, "NORM", lower_acro)
    return compiled


def _private_namesakes_out(doc: Doc, kept: list[Match]) -> list[Match]:
    """'Abbas, a Kurdish shopkeeper, said …': a one-word name that the text itself calls a private
    person (an appositive agent of a private sector) is a namesake, not the famous holder."""
    private = {i for m in kept if m.entry.is_agent and (m.entry.sector or "").lower() in PRIVATE_SECTORS
               for i in range(m.start, m.end)}
    if not private:
        return kept
    return [m for m in kept
            if not (m.entry.kind == "person" and not m.entry.is_agent and m.end - m.start == 1
                    and any(c.dep_ == "appos" and c.i in private for c in doc[m.start].children))]


def _title_case_form(original: str) -> bool:
    """Whether an acronym's title-case form ("Nato") names the actor rather than a word."""
    return len(original) >= 4 and original.isalpha() and original.lower() not in COMMON_WORDS \
        and original.lower() not in TITLE_CASE_WORDS


def _originals(entry: Entry) -> list[str]:
    """The phrases as written in the file (case kept), to tell acronyms apart."""
    return entry.raw


class PhraseIndex:
    """Phrases as tuples of token strings (NORM or ORTH), found in a doc's token strings.

    Lookup is one dict probe per token and phrase length starting with that token, so the
    cost per article is linear in its length whatever the size of the dictionaries.
    """

    __slots__ = ("lengths", "table")

    def __init__(self) -> None:
        self.table: dict[tuple[str, ...], str] = {}
        self.lengths: dict[str, tuple[int, ...]] = {}  # first token -> phrase lengths, longest first

    def add(self, key: str, tokens: tuple[str, ...]) -> None:
        if not tokens:
            return
        self.table.setdefault(tokens, key)
        known = self.lengths.get(tokens[0], ())
        if len(tokens) not in known:
            self.lengths[tokens[0]] = tuple(sorted((*known, len(tokens)), reverse=True))

    def find(self, words: Sequence[str]) -> list[tuple[str, int, int]]:
        """(key, start, end) of every phrase occurrence, overlapping ones included."""
        out: list[tuple[str, int, int]] = []
        lengths = self.lengths
        table = self.table
        n = len(words)
        for i, word in enumerate(words):
            sizes = lengths.get(word)
            if sizes is None:
                continue
            for size in sizes:
                if i + size > n:
                    continue
                key = table.get(tuple(words[i:i + size]) if size > 1 else (word,))
                if key is not None:
                    out.append((key, i, i + size))
        return out

    def __len__(self) -> int:
        return len(self.table)


PLAIN_RE = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")


class PatternTokenizer:
    """The token strings spaCy would give a phrase inside a sentence, cheaply."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self.rules = set(nlp.tokenizer.rules or {})
        self.norm_of = nlp.vocab.lex_attr_getters.get(NORM, str.lower)

    def _norm(self, word: str) -> str:
        vocab = self.nlp.vocab
        if word in vocab:  # an existing entry may carry a norm of its own
            return vocab[word].norm_
        return self.norm_of(word)

    def plain(self, text: str) -> bool:
        return bool(PLAIN_RE.match(text)) and not any(w in self.rules for w in text.split(" "))

    def tokens(self, text: str, attr: str) -> tuple[str, ...]:
        if self.plain(text):
            words = text.split(" ")
            return tuple(words) if attr == "ORTH" else tuple(self._norm(w) for w in words)
        return self.spacy_tokens(text, attr)

    def spacy_tokens(self, text: str, attr: str) -> tuple[str, ...]:
        tokenizer = self.nlp.tokenizer
        # Tokenise a phrase ending in a period followed by a word, then drop it: alone, "U.S."
        # would lose its final period to the end-of-text rule and never match inside a sentence.
        doc = tokenizer(text + " x")[:-1] if text.endswith(".") else tokenizer(text)
        return tuple(t.text if attr == "ORTH" else t.norm_ for t in doc)


def _matcher(tokenizer: PatternTokenizer, attr: str, patterns: dict[str, str]) -> PhraseIndex:
    index = PhraseIndex()
    for key, text in patterns.items():
        index.add(key, tokenizer.tokens(text, attr))
        if "'" in text:
            # NORM maps a lone ’s to 's but not an apostrophe inside a word ("d’Ivoire").
            index.add(key, tokenizer.tokens(text.replace("'", "\u2019"), attr))
    return index


_CACHE: dict[tuple[tuple[str, float], ...], Compiled] = {}


def get_compiled(extra_files: Sequence[Path | str], nlp: Language) -> Compiled:
    """Compiled dictionaries for this file set, built once per process (keyed by path and mtime)."""
    key = tuple((str(Path(p).resolve()), Path(p).stat().st_mtime if Path(p).exists() else -1.0)
                for p in extra_files)
    compiled = _CACHE.get(key)
    if compiled is None:
        compiled = compile_dictionaries(load_dictionaries(extra_files), nlp)
        _CACHE[key] = compiled
    return compiled
