"""The shipped gazetteer: loads, answers lookups by dict, and its reviewed files are checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.places.build import (
    INDEX_FILE,
    PlacesDataError,
    load_country_table,
    load_extra_places,
)
from thucydides.places.gazetteer import load_gazetteer
from thucydides.places.lexicon import LOC_PREPS, load_demonyms
from thucydides.places.names import norm
from thucydides.wordlists import WordListError, parse_word_file


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_index_ships_with_the_package() -> None:
    assert INDEX_FILE.exists()
    assert INDEX_FILE.stat().st_size < 20_000_000


def test_gazetteer_loads_every_source(gaz) -> None:
    assert len(gaz) > 230_000
    features = set(gaz.feature)
    assert {"country", "city", "admin", "airbase", "continent", "sea"} <= features


def test_paris_defaults_to_france(gaz) -> None:
    top = gaz.lookup("Paris")[0]
    assert (top.country, top.feature) == ("FRA", "city")


def test_aleppo_is_in_syria(gaz) -> None:
    top = gaz.lookup("Aleppo")[0]
    assert top.country == "SYR"
    assert abs(top.lat - 36.2) < 0.2 and abs(top.lon - 37.16) < 0.2


def test_incirlik_is_an_airbase_in_turkey(gaz) -> None:
    for name in ("Incirlik Air Base", "Incirlik airbase"):
        top = gaz.lookup(name)[0]
        assert (top.country, top.feature) == ("TUR", "airbase")
        assert abs(top.lat - 37.0) < 0.1 and abs(top.lon - 35.43) < 0.1


def test_country_aliases_and_spelling_variants(gaz) -> None:
    assert gaz.lookup("U.S.")[0].country == "USA"
    assert gaz.lookup("the United States")[0].country == "USA"
    assert gaz.lookup("Côte d’Ivoire")[0].country == "CIV"
    assert gaz.lookup("Gaza Strip")[0].feature == "disputed"


def test_unknown_name_gives_nothing(gaz) -> None:
    assert gaz.lookup("Qwertyuiop Heights") == []


def test_norm_folds_case_accents_dots_and_hyphens() -> None:
    assert norm("U.S.") == norm("US") == "us"
    assert norm("Gilgit-Baltistan") == "gilgit baltistan"
    assert norm("Zürich") == "zurich"
    assert norm("Syria’s") == "syria's"


def test_reviewed_files_load() -> None:
    assert len(load_country_table()) > 240
    extra = {r.name: r for r in load_extra_places()}
    assert extra["Hmeimim Air Base"].iso3 == "SYR"
    assert load_demonyms()["turkish"] == "TUR"
    assert "in" in LOC_PREPS


def test_extra_places_loader_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "extra.tsv"
    bad.write_text("# comment\nname\taliases\tlat\tlon\tcountry\tfeature\tweight\n"
                   "Nowhere Base\t\t95.0\t10.0\tXXX\tairbase\t1\n", encoding="utf-8")
    with pytest.raises(PlacesDataError, match=r"extra.tsv:3: coordinates out of range"):
        load_extra_places(bad)


def test_extra_places_loader_rejects_unknown_feature(tmp_path: Path) -> None:
    bad = tmp_path / "extra.tsv"
    bad.write_text("name\taliases\tlat\tlon\tcountry\tfeature\tweight\n"
                   "Somewhere\t\t10.0\t10.0\tFRA\tcastle\t1\n", encoding="utf-8")
    with pytest.raises(PlacesDataError, match=r"extra.tsv:2: unknown feature"):
        load_extra_places(bad)


def test_word_lists_refuse_yaml_booleans() -> None:
    # an unquoted "on" loads as true: the shared loader must refuse it, naming the list
    with pytest.raises(WordListError, match="loc_preps"):
        parse_word_file("loc_preps: [in, on]\n", "places.yaml")
