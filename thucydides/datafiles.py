"""What the loaders of the reviewed data files share: the error that names file, line and reason,
YAML parsing that turns PyYAML's errors into it, and the line reader of the TSV files.

Each area keeps its own subclass of `DataFileError` (OntologyError, LexiconError, …) so callers can
catch one area's files or, with `DataFileError` (a ValueError), every broken data file at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DataFileError", "compose_yaml", "content_lines", "load_yaml", "yaml_error_line"]


class DataFileError(ValueError):
    """A data file breaks its schema. The message is `path:line: reason`, or `path: reason` when
    the problem belongs to the whole file (`line` None); line 0 is kept as written, some loaders
    use it for whole-file problems and their users read it that way."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Worker processes send errors back pickled; the default would call cls(message) and fail.
        return type(self), (self.path, self.line, self.reason), self.__dict__


def yaml_error_line(exc: yaml.YAMLError, unplaced: int | None = 0) -> int | None:
    """The 1-based line PyYAML blames, or `unplaced` when the error carries no position."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else unplaced


@cache
def _with_libyaml(loader: type[yaml.SafeLoader]) -> type:
    """The same loader (constructors, resolvers) reading with libyaml's parser when PyYAML has it.

    The pure-Python parser spent about half a second of every start reading the shipped data
    files; libyaml reads them four times faster into the same nodes, with the same line marks.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return loader

    from yaml.cyaml import CParser

    def init(self: Any, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    return type(f"Fast{loader.__name__}", (CParser, loader), {"__init__": init})


def load_yaml(text: str, path: Path | str, *, error: type[DataFileError] = DataFileError,
              loader: type[yaml.SafeLoader] = yaml.SafeLoader, reason: str = "not valid YAML ({exc})",
              unplaced: int | None = 0) -> Any:
    """`yaml.load(text)` with the safe loader (or `loader`); a YAML error raises `error` at its line.

    `reason` is formatted with the PyYAML error as `exc`.
    """
    try:
        return yaml.load(text, Loader=_with_libyaml(loader))
    except yaml.YAMLError as exc:
        raise error(path, yaml_error_line(exc, unplaced), reason.format(exc=exc)) from exc


def compose_yaml(text: str, path: Path | str, *, error: type[DataFileError] = DataFileError,
                 reason: str = "not valid YAML ({exc})", unplaced: int | None = 0) -> yaml.Node | None:
    """`yaml.compose(text)`: the node tree, whose marks let a loader name the line of each entry."""
    try:
        return yaml.compose(text, Loader=_with_libyaml(yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise error(path, yaml_error_line(exc, unplaced), reason.format(exc=exc)) from exc


def content_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without its newline) for each line that is not blank and does not
    start with `#`; numbers count every line, so they match what an editor shows."""
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            yield number, line
