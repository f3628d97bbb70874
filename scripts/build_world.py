"""Regenerate thucydides/service/static/world.json, the offline world map of the web page.

Source: the npm package `world-atlas` 2.0.2 (Natural Earth 1:110m admin-0 countries,
public domain; the package is ISC), fetched with the npm client:

    python scripts/build_world.py            # runs `npm pack world-atlas@2.0.2` in a temp dir
    python scripts/build_world.py path/to/countries-110m.json

The TopoJSON is decoded here and every country is pre-projected (equirectangular,
x = lon + 180, y = 90 - lat, one decimal) into an SVG path, so the page needs no map
library at all: it drops the paths into an <svg viewBox="0 0 360 150"> and places event
dots with the same two lines of arithmetic. Antarctica is left out (no events; saves space).
The output is committed (a ~100 KB data file), so building the package needs no npm.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

import pycountry

OUT = Path(__file__).resolve().parent.parent / "thucydides" / "service" / "static" / "world.json"
PACKAGE = "world-atlas@2.0.2"
SKIP = {"010"}  # Antarctica


def fetch() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        name = (
            subprocess.run(
                ["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True, text=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        with tarfile.open(Path(tmp) / name) as tar:
            member = tar.extractfile("package/countries-110m.json")
            assert member is not None
            return json.load(member)


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # consecutive arcs share their joining point
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points: list[tuple[float, float]]) -> str:
    out: list[str] = []
    last = None
    for lon, lat in points:
        xy = (round(lon + 180, 1), round(90 - lat, 1))
        if xy == last:
            continue
        last = xy
        out.append(f"{xy[0]:g},{xy[1]:g}")
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def alpha3(numeric: str | None, name: str) -> str | None:
    if numeric:
        country = pycountry.countries.get(numeric=numeric)
        if country is not None:
            return str(country.alpha_3)
    special = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
    return special.get(name)


def build(topo: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom.get("id") in SKIP or geom.get("type") is None:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        d = "".join(ring_path(ring_points(ring, arcs)) for poly in polys for ring in poly)
        if not d:
            continue
        name = geom.get("properties", {}).get("name", "")
        countries.append({"id": alpha3(geom.get("id"), name), "name": name, "d": d})
    countries.sort(key=lambda c: c["name"])
    return {
        "source": "Natural Earth 1:110m admin-0 countries via npm world-atlas 2.0.2 (public domain)",
        "projection": "equirectangular: x = lon + 180, y = 90 - lat",
        "viewBox": [0, 0, 360, 150],
        "countries": countries,
    }


def main() -> None:
    topo = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else fetch()
    world = build(topo)
    OUT.write_text(json.dumps(world, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(world['countries'])} countries, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
