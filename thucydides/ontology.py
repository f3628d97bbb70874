"""The CAMEO event codebook and the PLOVER 2.0 ontology, loaded once per process.

The data live in `thucydides/data/cameo.tsv` (one row per CAMEO code) and
`thucydides/data/plover.yaml` (PLOVER types, their modes, and contexts). Both are
validated on first use; a broken file raises `OntologyError` naming file, line
and reason, so a bad edit fails loudly instead of mis-coding events silently.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from thucydides.datafiles import DataFileError, compose_yaml

DATA_DIR = Path(__file__).parent / "data"
CAMEO_PATH = DATA_DIR / "cameo.tsv"
PLOVER_PATH = DATA_DIR / "plover.yaml"

# Fixed by PLOVER 2.0; plover.yaml must define exactly these, so a typo there cannot
# quietly invent or drop a type.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

REQUIRED_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode", "description")
OPTIONAL_COLUMNS = ("plover_context",)

_CODE_RE = re.compile(r"^\d{2,4}$")

# The referee's "pentaclass" (ConfliBERT labels): unlike GDELT's QuadClass it splits off
# statements/appeals as 0 and moves 16 to verbal conflict and 14/15 to material conflict.
_PENTA_BY_ROOT: dict[str, int] = {
    **dict.fromkeys(("01", "02"), 0),
    **dict.fromkeys(("03", "04", "05"), 1),
    **dict.fromkeys(("06", "07", "08"), 2),
    **dict.fromkeys(("09", "10", "11", "12", "13", "16"), 3),
    **dict.fromkeys(("14", "15", "17", "18", "19", "20"), 4),
}


def quad_class_of_root(root_code: str) -> int:
    """GDELT QuadClass of a CAMEO root: 1/2 verbal/material cooperation, 3/4 verbal/material conflict."""
    r = int(root_code)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root_code!r}")
    return 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


class OntologyError(DataFileError):
    """A codebook or ontology file is malformed; the message says file, line and reason."""


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    description: str = ""
    plover_context: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def penta_class(self) -> int:
        return _PENTA_BY_ROOT[self.code[:2]]


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    penta: int
    description: str
    modes: MappingProxyType[str, str]


@dataclass(frozen=True, slots=True)
class PloverOntology:
    types: MappingProxyType[str, PloverType]
    contexts: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))


# ---------------------------------------------------------------------------- PLOVER YAML


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node, path: Path, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise OntologyError(path, _line(node), f"{what} must be a non-empty string")
    return str(node.value).strip()


def _mapping(node: yaml.Node, path: Path, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise OntologyError(path, _line(node), f"{what} must be a mapping")
    seen: set[str] = set()
    for key, _ in node.value:
        k = _scalar(key, path, f"key in {what}")
        if k in seen:
            raise OntologyError(path, _line(key), f"duplicate key {k!r} in {what}")
        seen.add(k)
    return list(node.value)


def load_plover(path: Path | str) -> PloverOntology:
    """Read and validate a PLOVER ontology YAML file (schema in the header of plover.yaml)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise OntologyError(path, None, f"cannot read: {exc}") from exc
    # compose (not load) keeps line numbers, so errors can point at the offending entry
    root = compose_yaml(text, path, error=OntologyError, reason="invalid YAML: {exc}", unplaced=None)
    if root is None:
        raise OntologyError(path, None, "file is empty")
    top = dict((_scalar(k, path, "top-level key"), (k, v)) for k, v in _mapping(root, path, "document"))
    for required in ("types", "contexts"):
        if required not in top:
            raise OntologyError(path, _line(root), f"missing top-level key {required!r}")

    types: dict[str, PloverType] = {}
    for key, value in _mapping(top["types"][1], path, "types"):
        name = _scalar(key, path, "type name")
        if name not in PLOVER_TYPES:
            raise OntologyError(path, _line(key), f"unknown PLOVER type {name!r} (expected one of the 16)")
        entry = dict((_scalar(k, path, f"field of {name}"), v) for k, v in _mapping(value, path, name))
        for required in ("penta", "description", "modes"):
            if required not in entry:
                raise OntologyError(path, _line(key), f"type {name} lacks {required!r}")
        penta_text = _scalar(entry["penta"], path, f"{name}.penta")
        if penta_text not in {"1", "2", "3", "4"}:
            raise OntologyError(path, _line(entry["penta"]), f"{name}.penta must be 1-4, got {penta_text!r}")
        modes: dict[str, str] = {}
        for mkey, mval in _mapping(entry["modes"], path, f"{name}.modes"):
            mode = _scalar(mkey, path, f"mode of {name}")
            if not re.fullmatch(r"[a-z][a-z0-9-]*", mode):
                raise OntologyError(path, _line(mkey),
                                    f"mode {mode!r} of {name} must be lower-case-with-hyphens")
            modes[mode] = _scalar(mval, path, f"description of mode {name}.{mode}")
        description = _scalar(entry["description"], path, f"{name}.description")
        types[name] = PloverType(name, int(penta_text), description, MappingProxyType(modes))
    missing = [t for t in PLOVER_TYPES if t not in types]
    if missing:
        raise OntologyError(path, _line(top["types"][0]), f"types lacks {', '.join(missing)}")

    contexts: dict[str, str] = {}
    for ckey, cval in _mapping(top["contexts"][1], path, "contexts"):
        ctx = _scalar(ckey, path, "context name")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", ctx):
            raise OntologyError(path, _line(ckey), f"context {ctx!r} must be lower_case_with_underscores")
        contexts[ctx] = _scalar(cval, path, f"description of context {ctx}")
    # keep the canonical PLOVER order rather than file order, so plover_types() is stable
    ordered = {t: types[t] for t in PLOVER_TYPES}
    return PloverOntology(MappingProxyType(ordered), MappingProxyType(contexts))


# ---------------------------------------------------------------------------- CAMEO TSV


def load_codebook(path: Path | str, plover: PloverOntology | None = None) -> dict[str, CameoCode]:
    """Read and validate a CAMEO codebook TSV; `plover` defaults to the packaged ontology.

    Blank lines and lines starting with '#' are skipped; the first other line is the header.
    """
    path = Path(path)
    onto = plover if plover is not None else _plover()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise OntologyError(path, None, f"cannot read: {exc}") from exc

    header: list[str] | None = None
    codes: dict[str, CameoCode] = {}
    line_of: dict[str, int] = {}
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if header is None:
            missing = [c for c in REQUIRED_COLUMNS if c not in fields]
            unknown = [c for c in fields if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
            if missing or unknown:
                parts = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + (
                    [f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
                raise OntologyError(path, lineno, "bad header: " + "; ".join(parts))
            if len(set(fields)) != len(fields):
                raise OntologyError(path, lineno, "bad header: duplicate column")
            header = fields
            continue
        if len(fields) != len(header):
            raise OntologyError(path, lineno,
                                f"expected {len(header)} tab-separated fields, got {len(fields)}")
        row = dict(zip(header, fields, strict=True))
        entry = _parse_row(row, onto, path, lineno)
        if entry.code in codes:
            first = line_of[entry.code]
            raise OntologyError(path, lineno, f"duplicate code {entry.code} (first on line {first})")
        codes[entry.code] = entry
        line_of[entry.code] = lineno

    if header is None:
        raise OntologyError(path, None, "no header line")
    if not codes:
        raise OntologyError(path, None, "no codes")
    for code, lineno in line_of.items():
        parent = _parent(code)
        if parent is not None and parent not in codes:
            raise OntologyError(path, lineno, f"code {code} has no parent {parent} in the file")
    return codes


def _parse_row(row: dict[str, str], onto: PloverOntology, path: Path, lineno: int) -> CameoCode:
    code = row["code"]
    if not _CODE_RE.match(code):
        raise OntologyError(path, lineno, f"code {code!r} must be 2-4 digits")
    if not 1 <= int(code[:2]) <= 20:
        raise OntologyError(path, lineno, f"code {code} has root {code[:2]}, outside 01-20")
    if not row["name"]:
        raise OntologyError(path, lineno, f"code {code} has no name")
    try:
        goldstein = float(row["goldstein"])
    except ValueError:
        raise OntologyError(path, lineno, f"goldstein {row['goldstein']!r} is not a number") from None
    if math.isnan(goldstein) or not -10.0 <= goldstein <= 10.0:
        raise OntologyError(path, lineno, f"goldstein {goldstein} outside [-10, 10]")
    if row["quad_class"] not in {"1", "2", "3", "4"}:
        raise OntologyError(path, lineno, f"quad_class {row['quad_class']!r} must be 1-4")
    quad = int(row["quad_class"])
    if quad != quad_class_of_root(code[:2]):
        raise OntologyError(path, lineno, f"quad_class {quad} does not match root {code[:2]} "
                                          f"(expected {quad_class_of_root(code[:2])})")
    ptype = row["plover_type"] or None
    if ptype is not None and ptype not in onto.types:
        raise OntologyError(path, lineno, f"plover_type {ptype!r} is not a PLOVER type")
    mode = row["plover_mode"] or None
    if mode is not None:
        if ptype is None:
            raise OntologyError(path, lineno, f"plover_mode {mode!r} given without a plover_type")
        if mode not in onto.types[ptype].modes:
            raise OntologyError(path, lineno, f"plover_mode {mode!r} is not a mode of {ptype} "
                                              f"(valid: {', '.join(onto.types[ptype].modes) or 'none'})")
    contexts = tuple(c.strip() for c in row.get("plover_context", "").split(";") if c.strip())
    for ctx in contexts:
        if ctx not in onto.contexts:
            raise OntologyError(path, lineno, f"plover_context {ctx!r} is not a PLOVER context")
    return CameoCode(code, row["name"], goldstein, quad, ptype, mode, row["description"], contexts)


def _parent(code: str) -> str | None:
    # 3-digit codes hang off their 2-digit root ("0871" -> "087" -> "08")
    return code[:-1] if len(code) == 4 else code[:2] if len(code) == 3 else None


# ---------------------------------------------------------------------------- cached API


@lru_cache(maxsize=1)
def _plover() -> PloverOntology:
    return load_plover(PLOVER_PATH)


@lru_cache(maxsize=1)
def _codes() -> MappingProxyType[str, CameoCode]:
    return MappingProxyType(load_codebook(CAMEO_PATH, _plover()))


def lookup(code: str) -> CameoCode:
    """The codebook entry for a CAMEO code ("0871"); KeyError if there is none."""
    try:
        return _codes()[code]
    except (KeyError, TypeError):
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def all_codes() -> dict[str, CameoCode]:
    """Every CAMEO code in the codebook, in file order (a fresh dict; entries are immutable)."""
    return dict(_codes())


def is_valid(code: Any) -> bool:
    return isinstance(code, str) and code in _codes()


def root(code: str) -> str:
    """The 2-digit root of a CAMEO code ("1823" -> "18"); ValueError if it is not code-shaped."""
    if not isinstance(code, str) or not _CODE_RE.match(code) or not 1 <= int(code[:2]) <= 20:
        raise ValueError(f"not a CAMEO code: {code!r}")
    return code[:2]


def parent(code: str) -> str | None:
    """The code one level up ("0871" -> "087", "087" -> "08", "08" -> None)."""
    root(code)
    return _parent(code)


def penta_class(code: str) -> int:
    """The referee's pentaclass of a code: 01/02 -> 0, 03-05 -> 1, 06-08 -> 2, 09-13 & 16 -> 3, else 4."""
    return _PENTA_BY_ROOT[root(code)]


def penta_class_of_type(plover_type: str) -> int:
    """The referee's pentaclass for an event known only by its PLOVER type (1-4)."""
    try:
        return _plover().types[plover_type].penta
    except KeyError:
        raise KeyError(f"unknown PLOVER type {plover_type!r}") from None


def plover_types() -> tuple[str, ...]:
    return tuple(_plover().types)


def plover_modes(plover_type: str) -> tuple[str, ...]:
    """The modes valid for a PLOVER type (may be empty); KeyError for an unknown type."""
    try:
        return tuple(_plover().types[plover_type].modes)
    except KeyError:
        raise KeyError(f"unknown PLOVER type {plover_type!r}") from None


def plover_contexts() -> tuple[str, ...]:
    return tuple(_plover().contexts)


def plover_ontology() -> PloverOntology:
    """The whole parsed plover.yaml (types with descriptions and modes, contexts)."""
    return _plover()
