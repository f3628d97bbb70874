"""Actor dictionaries: TSV files with a header row, one loader, schema checked at load.

Five schemas, told apart by their header (the file name does not matter, so a user file
may hold any of them):

countries   code  name  aliases  demonyms  capitals
agents      phrase  sector  kind
people      name  aliases  code  start  end  office
entities    name  aliases  code  kind  home
sources     (not a schema: `#` starts a comment line, blank lines are skipped)

Lists inside a cell are separated by `|`. Dates are ISO `YYYY-MM-DD`; an empty `end` means
the office is still held. Every problem raises `ActorDictionaryError` naming file, line
and reason, so a reviewer can fix the row at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thucydides.actors.codes import CODE_RE, SECTORS, split_code
from thucydides.datafiles import DataFileError
from thucydides.models import ACTOR_KINDS

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
BUILTIN_FILES = ("countries.tsv", "agents.tsv", "institutions.tsv", "organisations.tsv", "groups.tsv",
                 "people.tsv")

SCHEMAS: dict[str, tuple[str, ...]] = {
    "countries": ("code", "name", "aliases", "demonyms", "capitals"),
    "agents": ("phrase", "sector", "kind"),
    "people": ("name", "aliases", "code", "start", "end", "office"),
    "entities": ("name", "aliases", "code", "kind", "home"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "countries": ("code", "name"),
    "agents": ("phrase", "kind"),
    "people": ("name", "code", "start"),
    "entities": ("name", "code", "kind"),
}
# An agent's sector: a CAMEO sector code, or "-" for a role word with no sector of its own
# ("spokesman", "head"), which takes the sector of the organisation it belongs to.
NEUTRAL = "-"
AGENT_KINDS = ("person", "group", "organisation")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ActorDictionaryError(DataFileError):
    """A dictionary file that breaks the schema; the message names file, line and reason.

    Problems with the whole file (unreadable, no header) are reported at line 0.
    """


@dataclass(frozen=True, slots=True)
class Office:
    code: str
    start: date
    end: date | None
    office: str

    def holds(self, when: date) -> bool:
        return self.start <= when and (self.end is None or when < self.end)


@dataclass(slots=True)
class Entry:
    """One real-world actor (or one agent word) and the phrases that name it."""

    key: str  # unique: "state:RUS", "person:vladimir putin", "entity:nato", "agent:police"
    name: str
    kind: str  # state | person | organisation | group (agents: the kind of the noun)
    code: str | None = None  # None for agents; for people the latest office
    sector: str | None = None  # agents only ("-" = neutral)
    phrases: dict[str, str] = field(default_factory=dict)  # phrase -> role (name, alias, demonym …)
    offices: list[Office] = field(default_factory=list)
    home: str | None = None
    origin: str = ""
    raw: list[str] = field(default_factory=list)  # the phrases as written (case kept)
    user: bool = False  # from a user file: its phrases override the built-in ones

    @property
    def is_agent(self) -> bool:
        return self.key.startswith("agent:")

    def code_at(self, when: date | None) -> tuple[str | None, str]:
        """A person's code at a date and the rule: office held, former office holder (ELI), latest."""
        if not self.offices:
            return self.code, "dictionary"
        if when is None:
            latest = max(self.offices, key=lambda o: o.start)
            return latest.code, "office:latest"
        held = [o for o in self.offices if o.holds(when)]
        if held:
            # Two offices at once (a president who is also party leader): the one taken last.
            return max(held, key=lambda o: o.start).code, "office:held"
        past = [o for o in self.offices if o.end is not None and o.end <= when]
        if past:
            country, _ = split_code(max(past, key=lambda o: o.end or o.start).code)
            if country and len(country) == 3:
                return country + "ELI", "office:former"
        # Not yet in office: the country is known, the role is not.
        country, _ = split_code(min(self.offices, key=lambda o: o.start).code)
        return country, "office:before"


@dataclass(slots=True)
class Dictionaries:
    entries: dict[str, Entry] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def count(self, prefix: str) -> int:
        return sum(1 for k in self.entries if k.startswith(prefix))


def norm_phrase(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split()).lower()


def _split_list(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _parse_date(path: Path, line: int, column: str, value: str) -> date:
    if not DATE_RE.match(value):
        raise ActorDictionaryError(path, line, f"column '{column}': '{value}' is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ActorDictionaryError(path, line, f"column '{column}': {exc}") from None


def _check_code(path: Path, line: int, code: str) -> None:
    if not CODE_RE.match(code):
        raise ActorDictionaryError(path, line, f"code '{code}' is not one or more 3-letter "
                                   f"upper-case elements")


def _rows(path: Path) -> Iterable[tuple[int, str, dict[str, str]]]:
    """(line number, schema, row) for each data row; the first non-comment line is the header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ActorDictionaryError(path, 0, f"cannot read: {exc}") from None
    header: list[str] | None = None
    schema = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if header is None:
            header = cells
            for name, columns in SCHEMAS.items():
                if tuple(header) == columns:
                    schema = name
                    break
            else:
                known = "; ".join(" ".join(c) for c in SCHEMAS.values())
                raise ActorDictionaryError(path, number, f"unknown header {' '.join(header)!r}; "
                                           f"expected one of (tab-separated): {known}")
            continue
        if len(cells) > len(header):
            raise ActorDictionaryError(path, number, f"{len(cells)} tab-separated cells, header has "
                                       f"{len(header)}")
        cells += [""] * (len(header) - len(cells))
        row = dict(zip(header, cells, strict=True))
        for column in REQUIRED[schema]:
            if not row[column]:
                raise ActorDictionaryError(path, number, f"column '{column}' is empty")
        yield number, schema, row
    if header is None:
        raise ActorDictionaryError(path, 0, "empty file: no header row")


def _add_phrase(entry: Entry, phrase: str, role: str) -> None:
    key = norm_phrase(phrase)
    if key and key not in entry.phrases:
        entry.phrases[key] = role
        entry.raw.append(" ".join(phrase.split()))


def load_file(path: Path, into: Dictionaries, override: bool) -> None:
    """Read one file into `into`. Built-in files may not contradict each other
    (`override=False`); a user file replaces any entry with the same key."""
    seen_here: dict[str, int] = {}
    people_here: set[str] = set()
    for number, schema, row in _rows(path):
        origin = f"{path.name}:{number}"
        if schema == "countries":
            code = row["code"]
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise ActorDictionaryError(path, number, f"country code '{code}' is not 3 upper-case letters")
            entry = Entry(key=f"state:{code}", name=row["name"], kind="state", code=code, origin=origin)
            _add_phrase(entry, row["name"], "name")
            for alias in _split_list(row["aliases"]):
                _add_phrase(entry, alias, "alias")
            for demonym in _split_list(row["demonyms"]):
                _add_phrase(entry, demonym, "demonym")
            for capital in _split_list(row["capitals"]):
                _add_phrase(entry, capital, "capital")
        elif schema == "agents":
            sector = row["sector"] or NEUTRAL
            if sector != NEUTRAL and sector not in SECTORS:
                raise ActorDictionaryError(path, number, f"sector '{sector}' is not a known sector code "
                                           f"(or '-' for none)")
            if row["kind"] not in AGENT_KINDS:
                raise ActorDictionaryError(path, number, f"kind '{row['kind']}' is not one of {AGENT_KINDS}")
            phrase = norm_phrase(row["phrase"])
            entry = Entry(key=f"agent:{phrase}", name=phrase, kind=row["kind"], sector=sector, origin=origin)
            _add_phrase(entry, row["phrase"], "agent")  # case kept: an acronym ("SHO") matches as one
        elif schema == "people":
            code = row["code"]
            _check_code(path, number, code)
            start = _parse_date(path, number, "start", row["start"])
            end = _parse_date(path, number, "end", row["end"]) if row["end"] else None
            if end is not None and end < start:
                raise ActorDictionaryError(path, number, f"office ends ({end}) before it starts ({start})")
            key = f"person:{norm_phrase(row['name'])}"
            office = Office(code=code, start=start, end=end, office=row["office"])
            existing = into.entries.get(key)
            if existing is not None and (key in people_here or not override):
                # Another office of the same person: extend the entry.
                existing.offices.append(office)
                for alias in _split_list(row["aliases"]):
                    _add_phrase(existing, alias, "alias")
                existing.code = max(existing.offices, key=lambda o: o.start).code
                continue
            people_here.add(key)
            entry = Entry(key=key, name=row["name"], kind="person", code=code, offices=[office],
                          origin=origin)
            _add_phrase(entry, row["name"], "name")
            for alias in _split_list(row["aliases"]):
                _add_phrase(entry, alias, "alias")
        else:  # entities
            code = row["code"]
            _check_code(path, number, code)
            if row["kind"] not in ACTOR_KINDS or row["kind"] == "person":
                raise ActorDictionaryError(path, number, f"kind '{row['kind']}' must be state, organisation "
                                           f"or group (people go in a people file)")
            home = row["home"] or None
            if home is not None and not re.fullmatch(r"[A-Z]{3}", home):
                raise ActorDictionaryError(path, number, f"home '{home}' is not a 3-letter country code")
            entry = Entry(key=f"entity:{norm_phrase(row['name'])}", name=row["name"], kind=row["kind"],
                          code=code, home=home, origin=origin)
            _add_phrase(entry, row["name"], "name")
            for alias in _split_list(row["aliases"]):
                _add_phrase(entry, alias, "alias")
        if entry.key in seen_here:
            raise ActorDictionaryError(path, number, f"duplicate entry '{entry.name}' (first on line "
                                       f"{seen_here[entry.key]})")
        seen_here[entry.key] = number
        if entry.key in into.entries and not override:
            raise ActorDictionaryError(path, number, f"entry '{entry.name}' is already defined at "
                                       f"{into.entries[entry.key].origin}")
        # Re-inserting moves an overridden entry last, so its phrases win when the matcher is built.
        entry.user = override
        into.entries.pop(entry.key, None)
        into.entries[entry.key] = entry
    into.files.append(str(path))


def check_conflicts(dicts: Dictionaries) -> list[str]:
    """Phrases that name two different actors with different codes (a reviewer must choose)."""
    owners: dict[str, Entry] = {}
    problems = []
    for entry in dicts.entries.values():
        for phrase in entry.phrases:
            other = owners.get(phrase)
            if other is None:
                owners[phrase] = entry
                continue
            if other.kind == "person" and entry.kind == "person":
                continue  # a shared alias ("Bush") is resolved by the article date
            if other.is_agent != entry.is_agent or other.code != entry.code or other.sector != entry.sector:
                problems.append(f"'{phrase}': {other.origin} ({other.code or other.sector}) vs "
                                f"{entry.origin} ({entry.code or entry.sector})")
    return problems


def load_dictionaries(extra_files: Sequence[Path | str] = ()) -> Dictionaries:
    """The built-in dictionaries, then each user file in order (later entries win)."""
    dicts = Dictionaries()
    for name in BUILTIN_FILES:
        path = DATA_DIR / name
        if path.exists():
            load_file(path, dicts, override=False)
    for extra in extra_files:
        path = Path(extra)
        if not path.is_file():
            raise ActorDictionaryError(path, 0, "no such file")
        load_file(path, dicts, override=True)
    return dicts
