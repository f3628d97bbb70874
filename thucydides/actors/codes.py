"""CAMEO actor-code vocabulary: which 3-letter elements are sectors, how a code splits."""

from __future__ import annotations

import re

# Sector (agent) codes of CAMEO and PLOVER that may follow the country element. The
# `sector` field of a mention is the first element after the country that is in this set.
SECTORS: frozenset[str] = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "SPY", "UAF", "BUS", "MED", "EDU",
    "REL", "CVL", "REF", "LAB", "CRM", "ELI", "HLH", "AGR", "INS", "SEP", "HRI", "ENV", "DEV",
    "MOD", "RAD", "SET", "IGO", "NGO", "MNC", "JRN", "ATH", "MOV", "PEA",
})

# Non-state "country" elements: international and transnational actors.
INTERNATIONAL: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "NGM", "INT"})

CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a code. An agent-only code ("COP") has no country."""
    if not code:
        return None, None
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if parts[0] in SECTORS and parts[0] not in INTERNATIONAL:
        return None, parts[0]
    country = parts[0]
    sector = next((p for p in parts[1:] if p in SECTORS), None)
    return country, sector


def join_code(country: str | None, sector: str | None) -> str | None:
    if country and sector:
        return country + sector
    return country or sector or None
