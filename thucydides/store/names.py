"""Readable names for actor codes: sectors (GOV → Government), countries and groups (RUS, IGO)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from thucydides.datafiles import DataFileError, content_lines

NAMES_FILE = Path(__file__).with_name("names.tsv")
_KINDS = ("sector", "group")
_CODE = re.compile(r"^[A-Z]{3}$")


def load_names(path: Path = NAMES_FILE) -> dict[str, dict[str, str]]:
    """`{"sector": {code: name}, "group": {code: name}}`; a bad line fails with file, line and reason."""
    out: dict[str, dict[str, str]] = {k: {} for k in _KINDS}
    header_seen = False
    for number, line in content_lines(path.read_text(encoding="utf-8").splitlines()):
        cells = line.split("\t")
        if not header_seen:
            if cells != ["kind", "code", "name"]:
                raise DataFileError(path, number, f"header must be kind<TAB>code<TAB>name, got {line!r}")
            header_seen = True
            continue
        if len(cells) != 3:
            raise DataFileError(path, number, f"expected 3 tab-separated cells, got {len(cells)}")
        kind, code, name = (c.strip() for c in cells)
        if kind not in _KINDS:
            raise DataFileError(path, number, f"kind must be one of {', '.join(_KINDS)}, got {kind!r}")
        if not _CODE.match(code):
            raise DataFileError(path, number, f"code must be three capital letters, got {code!r}")
        if not name:
            raise DataFileError(path, number, f"empty name for {code}")
        if code in out[kind]:
            raise DataFileError(path, number, f"{kind} {code} listed twice")
        out[kind][code] = name
    if not header_seen:
        raise DataFileError(path, None, "no header line")
    return out


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, str]]:
    return load_names()


@lru_cache(maxsize=4096)
def country_name(code: str | None) -> str | None:
    """ISO alpha-3 or CAMEO group code → name; unknown codes come back as they are."""
    if not code:
        return None
    group = _names()["group"].get(code)
    if group:
        return group
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return found.name if found is not None else code


@lru_cache(maxsize=4096)
def sector_names(sectors: str | None) -> str | None:
    """"GOVMIL" → "Government,Military" (ICEWS's comma-separated sectors)."""
    if not sectors:
        return None
    table = _names()["sector"]
    parts = [sectors[i:i + 3] for i in range(0, len(sectors), 3)]
    return ",".join(table.get(p, p) for p in parts)


@lru_cache(maxsize=4096)
def cameo_name(code: str | None) -> str | None:
    """The CAMEO event description (ontology), or None when the code is unknown."""
    if not code:
        return None
    try:
        from thucydides.ontology import is_valid, lookup
    except ImportError:  # the ontology module is optional for the store
        return None
    return lookup(code).name if is_valid(code) else None


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    import pycountry

    from thucydides.places.build import load_country_table

    out: dict[str, tuple[float, float]] = {}
    for iso2, (lat, lon, _) in load_country_table().items():
        found = pycountry.countries.get(alpha_2=iso2)
        if found is not None:
            out[found.alpha_3] = (lat, lon)
    return out


def country_centroid(code: str | None) -> tuple[float, float] | None:
    """(lat, lon) of an ISO alpha-3 country's centroid (the places data), None for groups and unknowns."""
    return _centroids().get(code) if code else None
