"""Faster stand-ins for two of the model's Python components, giving exactly their results.

Per token, spaCy's attribute ruler runs its Matcher over ~180 patterns (about 22 µs a token here,
10% of the whole parse) and its rule lemmatizer makes several Python calls; both answers depend
only on a few attributes of the token (and, for a handful of two-token patterns, its neighbour),
so they are computed once per distinct key and kept:

- `FastAttributeRuler`: a one-token pattern that tests only LOWER, TAG, DEP or IS_SPACE by
  equality or `IN` is decided from those four values, cached per distinct combination; the few
  longer patterns still go through a Matcher of their own; the matches are then applied by the
  ruler's own `set_annotations`, in the ruler's own order.
- `FastLemmatizer`: the rule lemmatizer's answer is a function of (ORTH, POS, MORPH) — spaCy
  caches it under that key itself — so tokens are read and written as arrays and the
  lemmatizer is asked only for keys not seen before.

Both fall back to the original component when its rules use anything the stand-in does not
handle, so a different model cannot silently change the parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

_KEY_ATTRS = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [LOWER, TAG, DEP, IS_SPACE]

Condition = tuple[int, frozenset[int]]  # column of the key, allowed values


class FastAttributeRuler:
    """The attribute ruler's results without running its Matcher on every token."""

    def __init__(self, ruler: Any):
        self.ruler = ruler
        self.name = getattr(ruler, "name", "attribute_ruler")
        self.single: list[tuple[int, int, list[Condition]]] = []  # rule id, match id, conditions
        self.longer = Matcher(ruler.vocab)
        self.has_longer = False
        self.cache: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        strings = ruler.vocab.strings
        for rule_id, rule in enumerate(ruler.patterns):
            match_id = strings[str(rule_id)]
            if ruler.indices[rule_id] != rule["index"]:
                raise ValueError("attribute ruler rules out of order")
            for pattern in rule["patterns"]:
                conditions = _conditions(pattern[0], strings) if len(pattern) == 1 else None
                if conditions is None:
                    self.longer.add(match_id, [pattern])
                    self.has_longer = True
                else:
                    self.single.append((rule_id, match_id, conditions))
        # Words no one-token pattern names all behave alike: they share one cache key.
        self.named_words = frozenset(value for _, _, conditions in self.single
                                     for column, allowed in conditions if column == 0 for value in allowed)
        if 0 in self.named_words:  # 0 stands for "any other word" in the cache key
            raise ValueError("a pattern names the empty string")

    def _rules_for(self, key: tuple[int, ...]) -> list[tuple[int, int]]:
        found = self.cache.get(key)
        if found is None:
            found = [(rule_id, match_id) for rule_id, match_id, conditions in self.single
                     if all(key[column] in allowed for column, allowed in conditions)]
            self.cache[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        matches: list[tuple[int, int, int, int]] = []
        rules_for = self._rules_for
        named = self.named_words
        for i, (lower, tag, dep, space) in enumerate(doc.to_array(_ARRAY_ATTRS).tolist()):
            key = (lower if lower in named else 0, tag, dep, space)
            matches.extend((rule_id, match_id, i, i + 1) for rule_id, match_id in rules_for(key))
        if self.has_longer:
            strings = doc.vocab.strings
            matches.extend((int(strings[m_id]), m_id, s, e)
                           for m_id, s, e in self.longer(doc, allow_missing=True))
        matches.sort()  # the ruler's order: later rules override earlier ones
        self.ruler.set_annotations(doc, matches)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _conditions(token_pattern: dict[str, Any], strings: Any) -> list[Condition] | None:
    """The pattern's tests as (column, allowed values), or None when it uses anything else."""
    conditions: list[Condition] = []
    for attr, value in token_pattern.items():
        column = _KEY_ATTRS.get(attr)
        if column is None:
            return None
        if attr == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            conditions.append((column, frozenset({int(value)})))
        elif isinstance(value, str):
            conditions.append((column, frozenset({strings.add(value)})))
        elif isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str)
                                                                      for v in value["IN"]):
            conditions.append((column, frozenset(strings.add(v) for v in value["IN"])))
        else:
            return None
    return conditions


class FastLemmatizer:
    """The rule lemmatizer's results, asked once per distinct (ORTH, POS, MORPH)."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self.name = getattr(lemmatizer, "name", "lemmatizer")
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer.overwrite:  # every token is lemmatised again: nothing to keep
            return lemmatizer(doc)
        table = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = numpy.flatnonzero(table[:, 3] == 0)
        if not len(todo):
            return doc
        cache = self.cache
        strings = doc.vocab.strings
        lemmas = table[:, 3].copy()
        for i, key in zip(todo.tolist(), map(tuple, table[todo, :3].tolist()), strict=True):
            lemma = cache.get(key)
            if lemma is None:
                lemma = strings.add(lemmatizer.lemmatize(doc[i])[0])
                cache[key] = lemma
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def speed_up(nlp: Language) -> None:
    """Put the stand-ins in the pipeline under the original names, when the rules allow."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    for name, component in list(nlp.pipeline):
        if isinstance(component, AttributeRuler):
            try:
                FastAttributeRuler(component)
            except ValueError:
                continue
            factory = "thucydides_fast_attribute_ruler"
        elif isinstance(component, Lemmatizer) and component.mode == "rule":
            factory = "thucydides_fast_lemmatizer"
        else:
            continue
        # The stand-in wraps the loaded component, so it goes in beside it and takes its name.
        nlp.add_pipe(factory, name=f"{name}_fast", after=name, config={"wraps": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(f"{name}_fast", name)


@Language.factory("thucydides_fast_attribute_ruler", default_config={"wraps": "attribute_ruler"})
def _make_fast_attribute_ruler(nlp: Language, name: str, wraps: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe(wraps))


@Language.factory("thucydides_fast_lemmatizer", default_config={"wraps": "lemmatizer"})
def _make_fast_lemmatizer(nlp: Language, name: str, wraps: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe(wraps))
