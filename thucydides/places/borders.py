"""Border phrases naming two countries ("the Syrian-Turkish border", "Syria's border with
Turkey") become one place on that border, at a point between the two countries' nearest towns."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from thucydides.places.distance import haversine_km
from thucydides.places.gazetteer import Candidate, Gazetteer
from thucydides.places.lexicon import BORDER_WORDS, demonyms
from thucydides.places.mention import Mention
from thucydides.places.names import norm
from thucydides.syntax.columns import column


class BorderFinder:
    """Finds border phrases; keeps the point of each border it has placed (once per process)."""

    def __init__(self) -> None:
        self._points: dict[tuple[str, str], tuple[float, float]] = {}

    def mentions(self, doc: Doc, gaz: Gazetteer) -> Iterable[Mention]:
        """Border phrases naming two countries, as one place on that border."""
        dem = demonyms()
        pos = column(doc, "pos")
        for i, low in enumerate(column(doc, "lower")):
            if low not in BORDER_WORDS or pos[i] != "NOUN":
                continue
            tok = doc[i]
            countries: list[str] = []
            first = tok.i
            mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "npadvmod"}]
            for m in mods:
                for sub in m.subtree:
                    code = country_of_token(sub, gaz, dem)
                    if code and code not in countries:
                        countries.append(code)
                first = min(first, m.left_edge.i)
            for prep in tok.rights:
                if prep.dep_ == "prep" and prep.lower_ in {"with", "between"}:
                    for sub in prep.subtree:
                        code = country_of_token(sub, gaz, dem)
                        if code and code not in countries:
                            countries.append(code)
            if len(countries) < 2:
                continue
            while first < tok.i and doc[first].lower_ in {"the", "a", "its", "their"}:
                first += 1
            a, b = sorted(countries[:2])
            lat, lon = self.point(gaz, a, b)
            start, end = doc[first].idx, tok.idx + len(tok.text)
            ra, rb = gaz.country_row(a), gaz.country_row(b)
            name = f"{ra.name if ra else a}-{rb.name if rb else b} border"
            cand = Candidate(-1, None, name, lat, lon, f"{a}/{b}", "border", 1, "", True)
            yield Mention(start, end, "border", [cand], border=(a, b))

    def point(self, gaz: Gazetteer, a: str, b: str) -> tuple[float, float]:
        """A point on the a-b border: the midpoint of the closest pair of towns across it, searched
        among each side's towns nearest the other country (cached per pair)."""
        key = (a, b)
        if key in self._points:
            return self._points[key]
        for cand in gaz.lookup(f"{a}-{b} border") + gaz.lookup(f"{b}-{a} border"):
            if cand.feature == "border":
                self._points[key] = (cand.lat, cand.lon)
                return self._points[key]
        ra, rb = gaz.country_row(a), gaz.country_row(b)
        ta, tb = gaz.towns_of(a), gaz.towns_of(b)
        if ra is None or rb is None or not ta or not tb:
            point = ((ra.lat + rb.lat) / 2, (ra.lon + rb.lon) / 2) if ra and rb else (0.0, 0.0)
            self._points[key] = point
            return point

        def nearest(towns: list[int], lat: float, lon: float, k: int) -> list[int]:
            return sorted(towns, key=lambda i: haversine_km(gaz.lat[i], gaz.lon[i], lat, lon))[:k]

        side_a = nearest(ta, rb.lat, rb.lon, 40)
        side_b = nearest(tb, ra.lat, ra.lon, 40)
        best = min(((i, j) for i in side_a for j in side_b),
                   key=lambda p: haversine_km(gaz.lat[p[0]], gaz.lon[p[0]], gaz.lat[p[1]], gaz.lon[p[1]]))
        i, j = best
        point = ((gaz.lat[i] + gaz.lat[j]) / 2, (gaz.lon[i] + gaz.lon[j]) / 2)
        self._points[key] = point
        return point


def country_of_token(tok: Token, gaz: Gazetteer, dem: dict[str, str]) -> str | None:
    """The country a capitalised word names, as a demonym ("Syrian") or a country name."""
    if not tok.text[:1].isupper():
        return None
    key = norm(tok.text)
    if key in dem:
        return dem[key]
    for c in gaz.lookup_key(key)[:1]:
        if c.feature == "country":
            return c.country
    return None
