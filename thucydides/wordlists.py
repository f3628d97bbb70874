"""Named word lists read from `thucydides/data/words/*.yaml`, shared by every stage.

A stage that needs a closed set of words ("the reporting verbs", "the hypothetical auxiliaries")
asks for it by file and name instead of writing the words in Python, so the lists are reviewed
as data and one list can serve several stages. Each file is a mapping of list name to either a
list of words or `{about: "why this list exists", words: [...]}`:

    reporting:
      about: verbs that report speech; their complement clause is what was said
      words: [say, tell, announce]
    future_aux: [will, shall, "'ll"]

Words are lower-case strings (spaces, hyphens, apostrophes and dots allowed); a list may not
repeat a word. Any breach raises `WordListError` naming the file, the line and the reason.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from thucydides.datafiles import DataFileError, compose_yaml

__all__ = ["WORDS_DIR", "WordListError", "load_word_file", "word_list", "word_set"]

WORDS_DIR = Path(__file__).resolve().parent / "data" / "words"
NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
WORD_RE = re.compile(r"^[^\sA-Z][^A-Z]*$")


class WordListError(DataFileError):
    """A word-list file breaks its schema; the message names file, line and reason."""


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _words(path: Path, name: str, node: yaml.Node) -> tuple[str, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise WordListError(path, _line(node), f"list {name!r} must be a list of words")
    words: list[str] = []
    seen: set[str] = set()
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag != "tag:yaml.org,2002:str":
            raise WordListError(path, _line(item), f"list {name!r}: every entry must be a word (a string)")
        word = item.value
        if not word or word != word.strip() or not WORD_RE.match(word):
            raise WordListError(path, _line(item), f"list {name!r}: {word!r} is not a lower-case word")
        if word in seen:
            raise WordListError(path, _line(item), f"list {name!r}: {word!r} is listed twice")
        seen.add(word)
        words.append(word)
    return tuple(words)


def parse_word_file(text: str, path: Path | str) -> dict[str, tuple[str, ...]]:
    """The lists of one file's text, in file order; `path` is only used in error messages."""
    path = Path(path)
    root = compose_yaml(text, path, error=WordListError)
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise WordListError(path, _line(root), "a word-list file must map list names to word lists")
    lists: dict[str, tuple[str, ...]] = {}
    for key, value in root.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if not NAME_RE.match(name):
            raise WordListError(path, _line(key), f"list name {name!r} must be lower_case_with_underscores")
        if name in lists:
            raise WordListError(path, _line(key), f"list {name!r} is defined twice")
        if isinstance(value, yaml.MappingNode):
            fields = {k.value: v for k, v in value.value}
            unknown = set(fields) - {"about", "words"}
            if unknown or "words" not in fields:
                raise WordListError(path, _line(value),
                                    f"list {name!r}: a mapping needs 'words' and may have 'about' only")
            value = fields["words"]
        lists[name] = _words(path, name, value)
    return lists


@cache
def load_word_file(stem: str) -> dict[str, tuple[str, ...]]:
    """Every list of `data/words/<stem>.yaml`, read and checked once per process."""
    path = WORDS_DIR / f"{stem}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WordListError(path, None, f"cannot read word-list file ({exc.strerror or exc})") from exc
    return parse_word_file(text, path)


def word_list(stem: str, name: str) -> tuple[str, ...]:
    """List `name` of `data/words/<stem>.yaml`, in file order."""
    lists = load_word_file(stem)
    if name not in lists:
        raise WordListError(WORDS_DIR / f"{stem}.yaml", None, f"no list named {name!r}")
    return lists[name]


def word_set(stem: str, name: str) -> frozenset[str]:
    """List `name` of `data/words/<stem>.yaml` as a set, for membership tests."""
    return frozenset(word_list(stem, name))
