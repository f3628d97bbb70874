"""The cue vocabulary of the quote stage: reporting verbs by class, verbs whose object is the
content, "according to" phrases and labels that do not speak, read from `data/quote_cues.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from thucydides.datafiles import DataFileError, compose_yaml
from thucydides.syntax import REPORTING_VERBS

CUE_FILE = Path(__file__).parent.parent / "data" / "quote_cues.yaml"
CUE_CLASSES = ("speech", "belief", "intention", "raising")

_WORD = re.compile(r"^[a-z][a-z'-]*$")
_OBJECT = re.compile(r"^[a-z][a-z-]*( (for|on|to|about|against|of))?$")
_PHRASE = re.compile(r"^[a-z][a-z'-]*( [a-z][a-z'-]*)+$")


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


def with_reporting_verbs(cues: CueVocabulary) -> CueVocabulary:
    """The vocabulary with the shared reporting verbs (`reporting_verbs` in data/words/syntax.yaml)
    as speech cues, unless the cue file classes one of them otherwise ("think" is belief)."""
    verbs = dict(cues.verbs)
    for lemma in sorted(REPORTING_VERBS):
        verbs.setdefault(lemma, "speech")
    return CueVocabulary(verbs, cues.passive_raising, cues.objects, cues.phrases, cues.not_speakers)


@lru_cache(maxsize=4)
def load_cues(path: Path = CUE_FILE) -> CueVocabulary:
    """The cue vocabulary of a file with the shared reporting verbs, read and validated once per process."""
    return with_reporting_verbs(parse_cues(Path(path).read_text(encoding="utf-8"), Path(path)))
