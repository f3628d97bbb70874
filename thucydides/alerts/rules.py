"""The alert rules file: which dyads to watch, with which test, window, baseline and thresholds.

The shipped defaults are `thucydides/data/alert_rules.yaml` (its header documents every key);
`--rules FILE` replaces them with the user's own file of the same schema. Any breach raises
`RulesFileError` naming the file, the line and the reason.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from thucydides.datafiles import DataFileError, compose_yaml

DEFAULT_RULES = Path(__file__).resolve().parent.parent / "data" / "alert_rules.yaml"
TESTS = ("count", "goldstein")
LEVELS = ("country", "actor")
WINDOWS = ("day", "week")
DIRECTIONS = ("down", "up", "both")

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_CODE_RE = re.compile(r"^[A-Z0-9]{2,40}$")
# keys only one test reads: giving one to the other test is a mistake worth naming
_COUNT_ONLY = ("z", "min_ratio")
_GOLDSTEIN_ONLY = ("delta", "direction", "min_baseline", "min_t")


class RulesFileError(DataFileError):
    """The alert rules file breaks its schema; the message names file, line and reason."""


@dataclass(frozen=True, slots=True)
class Dyad:
    """A directed pair to follow: code prefixes (RUS matches RUS and RUSMIL)."""

    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    test: str
    level: str = "country"
    window: str = "week"
    baseline: int = 8
    check: int = 2
    min_count: int = 5
    z: float = 3.0
    min_ratio: float | None = None
    min_sigma: float = 1.0
    delta: float = 3.0
    direction: str = "both"
    min_baseline: int | None = None  # None: as min_count
    min_t: float | None = None
    dyads: tuple[Dyad, ...] = ()
    actors: tuple[str, ...] = ()

    def follows(self, source: str, target: str) -> bool:
        """Whether this rule watches the directed dyad source → target (no lists: every dyad)."""
        if self.dyads and not any(
            source.startswith(d.source) and target.startswith(d.target) for d in self.dyads
        ):
            return False
        if self.actors and not any(side.startswith(a) for a in self.actors for side in (source, target)):
            return False
        return True

    @property
    def baseline_min(self) -> int:
        return self.min_count if self.min_baseline is None else self.min_baseline


@dataclass(frozen=True, slots=True)
class RuleSet:
    path: Path
    rules: tuple[Rule, ...] = field(default_factory=tuple)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(path: Path, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise RulesFileError(path, _line(node), f"{what} must be a mapping")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        name = str(key.value)
        if name in out:
            raise RulesFileError(path, _line(key), f"{what}: duplicate key {name!r}")
        out[name] = (key, value)
    return out


def _scalar(path: Path, node: yaml.Node, key: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise RulesFileError(path, _line(node), f"{key} must be a single value")
    return yaml.safe_load(yaml.serialize(node))


def _number(
    path: Path, node: yaml.Node, key: str, *, integer: bool, low: float, high: float = math.inf
) -> float | int:
    value = _scalar(path, node, key)
    kind = "a whole number" if integer else "a number"
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (integer and not isinstance(value, int))
    ):
        raise RulesFileError(path, _line(node), f"{key}: {value!r} is not {kind}")
    if not math.isfinite(value) or not low <= value <= high:
        upper = f" and {high:g}" if math.isfinite(high) else ""
        raise RulesFileError(
            path, _line(node), f"{key}: {value!r} must be {'between' if upper else 'at least'} {low:g}{upper}"
        )
    return value


def _choice(path: Path, node: yaml.Node, key: str, choices: tuple[str, ...]) -> str:
    value = _scalar(path, node, key)
    if value not in choices:
        raise RulesFileError(path, _line(node), f"{key}: {value!r} is not one of {', '.join(choices)}")
    return str(value)


def _code(path: Path, node: yaml.Node, key: str) -> str:
    value = _scalar(path, node, key)
    if not isinstance(value, str) or not _CODE_RE.match(value.strip().upper()):
        raise RulesFileError(path, _line(node), f"{key}: {value!r} is not an actor code (e.g. RUS, USAGOV)")
    return value.strip().upper()


def _list(path: Path, node: yaml.Node, key: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise RulesFileError(path, _line(node), f"{key} must be a list")
    return list(node.value)


def _dyads(path: Path, node: yaml.Node) -> tuple[Dyad, ...]:
    out = []
    for item in _list(path, node, "dyads"):
        entry = _mapping(path, item, "dyads entry")
        if set(entry) != {"source", "target"}:
            raise RulesFileError(path, _line(item), "dyads: each entry is {source: CODE, target: CODE}")
        out.append(
            Dyad(
                _code(path, entry["source"][1], "dyads.source"),
                _code(path, entry["target"][1], "dyads.target"),
            )
        )
    return tuple(out)


# key -> reader of its node; each returns the value for `Rule`
_READERS: dict[str, Any] = {
    "level": lambda p, n: _choice(p, n, "level", LEVELS),
    "window": lambda p, n: _choice(p, n, "window", WINDOWS),
    "baseline": lambda p, n: _number(p, n, "baseline", integer=True, low=2, high=366),
    "check": lambda p, n: _number(p, n, "check", integer=True, low=1, high=52),
    "min_count": lambda p, n: _number(p, n, "min_count", integer=True, low=1),
    "z": lambda p, n: float(_number(p, n, "z", integer=False, low=0.1, high=100)),
    "min_ratio": lambda p, n: float(_number(p, n, "min_ratio", integer=False, low=1, high=1000)),
    "min_sigma": lambda p, n: float(_number(p, n, "min_sigma", integer=False, low=0.01, high=1000)),
    "delta": lambda p, n: float(_number(p, n, "delta", integer=False, low=0.1, high=20)),
    "direction": lambda p, n: _choice(p, n, "direction", DIRECTIONS),
    "min_baseline": lambda p, n: _number(p, n, "min_baseline", integer=True, low=1),
    "min_t": lambda p, n: float(_number(p, n, "min_t", integer=False, low=0.1, high=100)),
    "dyads": _dyads,
    "actors": lambda p, n: tuple(_code(p, item, "actors") for item in _list(p, n, "actors")),
}


def _settings(path: Path, fields: dict[str, tuple[yaml.Node, yaml.Node]], what: str) -> dict[str, Any]:
    out = {}
    for key, (key_node, value) in fields.items():
        reader = _READERS.get(key)
        if reader is None:
            raise RulesFileError(
                path, _line(key_node), f"{what}: unknown key {key!r} (one of {', '.join(sorted(_READERS))})"
            )
        out[key] = reader(path, value)
    return out


def _rule(path: Path, node: yaml.Node, defaults: dict[str, Any]) -> Rule:
    fields = _mapping(path, node, "rule")
    for required in ("name", "test"):
        if required not in fields:
            raise RulesFileError(path, _line(node), f"rule: missing key {required!r}")
    name = _scalar(path, fields["name"][1], "name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise RulesFileError(
            path,
            _line(fields["name"][1]),
            f"name: {name!r} is not a rule name (lower-case letters, digits, - and _)",
        )
    test = _choice(path, fields["test"][1], "test", TESTS)
    own = {k: v for k, v in fields.items() if k not in ("name", "test")}
    other = _GOLDSTEIN_ONLY if test == "count" else _COUNT_ONLY
    for key in other:
        if key in own:
            raise RulesFileError(
                path, _line(own[key][0]), f"rule {name!r}: {key} is not read by a {test} test"
            )
    settings = {k: v for k, v in defaults.items() if k not in other}
    settings.update(_settings(path, own, f"rule {name!r}"))
    rule = Rule(name=name, test=test, **settings)
    if rule.check > rule.baseline:
        raise RulesFileError(
            path, _line(node), f"rule {name!r}: check ({rule.check}) exceeds baseline ({rule.baseline})"
        )
    return rule


def parse_rules(text: str, path: Path | str) -> RuleSet:
    """Validate and build the rule set from YAML text (errors carry file:line: reason)."""
    path = Path(path)
    root = compose_yaml(text, path, error=RulesFileError)
    if root is None:
        raise RulesFileError(path, 1, "empty file: expected version, defaults and rules")
    top = _mapping(path, root, "top level")
    unknown = set(top) - {"version", "defaults", "rules"}
    if unknown:
        name = sorted(unknown)[0]
        raise RulesFileError(
            path, _line(top[name][0]), f"unknown section {name!r} (version, defaults, rules)"
        )
    for required in ("version", "rules"):
        if required not in top:
            raise RulesFileError(path, _line(root), f"missing section {required!r}")
    version_node = top["version"][1]
    if _scalar(path, version_node, "version") != 1:
        raise RulesFileError(path, _line(version_node), f"unsupported version {version_node.value!r} (1)")
    defaults = (
        _settings(path, _mapping(path, top["defaults"][1], "defaults"), "defaults")
        if "defaults" in top
        else {}
    )
    rules: list[Rule] = []
    for node in _list(path, top["rules"][1], "rules"):
        rule = _rule(path, node, defaults)
        if any(r.name == rule.name for r in rules):
            raise RulesFileError(path, _line(node), f"rule {rule.name!r} is defined twice")
        rules.append(rule)
    if not rules:
        raise RulesFileError(path, _line(top["rules"][1]), "no rules")
    return RuleSet(path, tuple(rules))


def load_rules(path: Path | str | None = None) -> RuleSet:
    """The rules of a file (default: the shipped `data/alert_rules.yaml`)."""
    path = Path(path) if path is not None else DEFAULT_RULES
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RulesFileError(path, None, "no such rules file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesFileError(path, None, f"cannot be read: {exc}") from None
    return parse_rules(text, path)
