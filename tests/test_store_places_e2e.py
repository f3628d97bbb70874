"""The location rule end to end: the real coder, the store and the GDELT, ICEWS and PLOVER exports.
ActionGeo is the event's own place, else the dateline marked as such, never the target's
country; Actor1Geo/Actor2Geo are the actors' countries."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from test_store_exports import GDELT_PUBLISHED
from typer.testing import CliRunner

from thucydides.store import EventStore

# Our own three-paragraph wire story: a shelling placed in its own clause, a rejection and an
# appeal between governments that name no place of their own.
STORY = ("CAIRO, June 3 - Syrian troops shelled a market in Homs on Sunday, killing four people.\n\n"
         "The Pentagon rejected a Russian proposal for joint patrols on Monday.\n\n"
         "Turkey urged Greece to withdraw its ships.")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from thucydides import Coder

    doc = Coder().code(STORY, date="2024-06-03", id="wire", title="Shelling in Homs")
    path = tmp_path_factory.mktemp("e2e") / "s.duckdb"
    with EventStore(path) as s:
        s.add_documents([doc], {"wire": STORY})
    return path


def export(runner: CliRunner, app: typer.Typer, store: Path, fmt: str) -> str:
    result = runner.invoke(app, ["export", "--store", str(store), "-f", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_gdelt_action_geo_is_the_event_s_place_else_the_dateline(runner: CliRunner, app: typer.Typer,
                                                                  store: Path) -> None:
    rows = {r["EventCode"]: r for r in (dict(zip(GDELT_PUBLISHED, line.split("\t"), strict=True))
                                        for line in export(runner, app, store, "gdelt").splitlines())}
    shelling = next(r for code, r in rows.items() if code.startswith("19"))
    assert shelling["ActionGeo_FullName"].startswith("Homs") and shelling["ActionGeo_CountryCode"] == "SYR"
    assert shelling["Actor1Geo_CountryCode"] == "SYR"
    rejection = next(r for code, r in rows.items() if code.startswith("12"))
    assert (rejection["Actor1CountryCode"], rejection["Actor2CountryCode"]) == ("USA", "RUS")
    # the rejection names no place: the dateline, not Russia's centroid
    assert rejection["ActionGeo_FullName"].startswith("Cairo") and rejection["ActionGeo_CountryCode"] == "EGY"
    assert (rejection["Actor1Geo_CountryCode"], rejection["Actor2Geo_CountryCode"]) == ("USA", "RUS")
    appeal = next(r for r in rows.values() if r["Actor1CountryCode"] == "TUR")
    assert appeal["ActionGeo_CountryCode"] == "EGY" and appeal["Actor2Geo_CountryCode"] == "GRC"


def test_plover_and_icews_say_where_the_place_came_from(runner: CliRunner, app: typer.Typer,
                                                       store: Path) -> None:
    plover = [json.loads(line) for line in export(runner, app, store, "plover").splitlines()]
    sources = {r["cameo"][:2]: r["location"]["source"] for r in plover if r["location"]}
    assert sources["19"] == "clause" and sources["12"] == "dateline"
    assert all(r["location"]["country"] not in ("RUS", "GRC") for r in plover if r["location"])
    icews = list(csv.DictReader(io.StringIO(export(runner, app, store, "icews")), delimiter="\t"))
    cities = {r["CAMEO Code"][:2]: r["City"] for r in icews}
    assert cities["19"] == "Homs" and cities["12"] == "Cairo"
