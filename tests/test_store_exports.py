"""Exports checked against the published layouts: GDELT 2.0 (61 columns), ICEWS (20), PLOVER, Parquet, CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from test_store import DAMASCUS, GENEVA, make_doc, make_event

from thucydides.store import EventStore
from thucydides.store.exports import GDELT_COLUMNS, ICEWS_COLUMNS, PLOVER_FIELDS, export
from thucydides.store.names import country_name, load_names, sector_names

# Written out from the GDELT 2.0 Event Database codebook, independently of the code under test.
GDELT_PUBLISHED = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]

ICEWS_PUBLISHED = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
]


@pytest.fixture
def filled_store(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    docs = [
        make_doc("a1", [make_event(0, "RUSGOVMIL", "USA", "040", location=GENEVA, repeats=1),
                        make_event(1, "SYRMIL", "SYRREB", "193", date="2024-04-02", location=DAMASCUS,
                                   sentence_index=1)],
                 url="https://news.example.org/a1", source="Agency A"),
        make_doc("a2", [make_event(0, "RUSGOVMIL", "USA", "040", location=GENEVA, sentence_index=1)],
                 url="https://paper.example.com/a2", source="Paper B"),
        make_doc("a3", [make_event(0, "CHN", "USA", "070", date="2023-12-30")], source="Agency A"),
    ]
    with EventStore(path) as store:
        store.add_documents(docs)
    return path


def run_export(path: Path, fmt: str, out: Path, **kw: object) -> int:
    with EventStore(path, read_only=True) as store:
        return export(store, fmt, out, **kw)  # type: ignore[arg-type]


def read_tsv(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_gdelt_columns_are_the_published_61_in_order() -> None:
    assert list(GDELT_COLUMNS) == GDELT_PUBLISHED
    assert len(GDELT_COLUMNS) == 61


def test_gdelt_export_rows(filled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    assert run_export(filled_store, "gdelt", out) == 3
    rows = read_tsv(out)
    assert len(rows) == 3 and all(len(r) == 61 for r in rows)  # GDELT files carry no header
    by = [dict(zip(GDELT_PUBLISHED, r, strict=True)) for r in rows]
    geneva = next(r for r in by if r["EventCode"] == "040")
    assert geneva["SQLDATE"] == "20240305" and geneva["MonthYear"] == "202403" and geneva["Year"] == "2024"
    assert float(geneva["FractionDate"]) == pytest.approx(2024 + 64 / 366, abs=1e-4)
    assert geneva["Actor1Code"] == "RUSGOVMIL" and geneva["Actor1CountryCode"] == "RUS"
    types = (geneva["Actor1Type1Code"], geneva["Actor1Type2Code"], geneva["Actor1Type3Code"])
    assert types == ("GOV", "MIL", "")
    assert geneva["Actor2Code"] == "USA"
    assert (geneva["EventBaseCode"], geneva["EventRootCode"], geneva["QuadClass"]) == ("040", "04", "1")
    assert float(geneva["GoldsteinScale"]) == 1.0
    assert (geneva["NumMentions"], geneva["NumSources"], geneva["NumArticles"]) == ("3", "2", "2")
    assert geneva["IsRootEvent"] == "1"
    assert geneva["ActionGeo_Type"] == "4" and geneva["ActionGeo_CountryCode"] == "CHE"
    assert geneva["ActionGeo_FullName"].startswith("Geneva")
    assert float(geneva["ActionGeo_Lat"]) == pytest.approx(46.2)
    assert geneva["ActionGeo_FeatureID"] == "2660646"
    assert len(geneva["DATEADDED"]) == 14 and geneva["DATEADDED"].isdigit()
    assert geneva["SOURCEURL"] == "https://news.example.org/a1"
    assert int(geneva["GLOBALEVENTID"]) > 0
    assert {r["EventRootCode"] for r in by} == {"04", "19", "07"}


def test_gdelt_header_on_request(filled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    run_export(filled_store, "gdelt", out, header=True)
    assert read_tsv(out)[0] == GDELT_PUBLISHED


def test_icews_export_columns_and_values(filled_store: Path, tmp_path: Path) -> None:
    assert list(ICEWS_COLUMNS) == ICEWS_PUBLISHED
    out = tmp_path / "events.icews.tab"
    assert run_export(filled_store, "icews", out) == 4  # one row per report
    rows = read_tsv(out)
    assert rows[0] == ICEWS_PUBLISHED
    assert all(len(r) == 20 for r in rows)
    records = [dict(zip(ICEWS_PUBLISHED, r, strict=True)) for r in rows[1:]]
    syria = next(r for r in records if r["CAMEO Code"] == "193")
    assert syria["Event Date"] == "2024-04-02"
    assert syria["Source Sectors"] == "Military" and syria["Target Sectors"] == "Rebels"
    assert syria["Source Country"] == "Syrian Arab Republic"
    assert syria["Story ID"] == "a1" and syria["Sentence Number"] == "2"
    assert syria["City"] == "Damascus" and syria["Country"] == "Syrian Arab Republic"
    assert float(syria["Intensity"]) == -10.0
    assert syria["Publisher"] == "Agency A"


def test_plover_jsonl_records(filled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    assert run_export(filled_store, "plover", out) == 4
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(list(r) == list(PLOVER_FIELDS) for r in records)
    syria = next(r for r in records if r["cameo"] == "193")
    assert syria["event_type"] == "ASSAULT" and syria["context"] == ["diplomatic"]
    assert (syria["src_actor"], syria["src_agent"], syria["src_other"]) == ("SYR", "MIL", "SYRMIL")
    assert syria["tgt_other"] == "SYRREB"
    assert syria["location"]["name"] == "Damascus" and syria["location"]["geonameid"] == 170654
    assert syria["story_id"] == "a1" and syria["date"] == "2024-04-02"
    assert syria["text"] == "Officials described the talks."


def test_parquet_is_partitioned_by_year_and_month(filled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    assert run_export(filled_store, "parquet", out) == 3
    assert (out / "year=2024" / "month=03").is_dir()
    assert (out / "year=2024" / "month=04").is_dir()
    assert (out / "year=2023" / "month=12").is_dir()
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 3
    assert {"cluster_id", "cameo", "num_mentions", "plover_context"} <= set(table.column_names)


def test_parquet_refuses_a_non_empty_directory(filled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    from thucydides.store import StoreError

    with pytest.raises(StoreError, match="not empty"):
        run_export(filled_store, "parquet", out)


def test_csv_export_and_filters(filled_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    assert run_export(filled_store, "csv", out) == 3
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["cameo"] for r in rows} == {"040", "193", "070"}
    assert run_export(filled_store, "csv", out, actor="SYR") == 1
    assert run_export(filled_store, "csv", out, code="04") == 1
    assert run_export(filled_store, "csv", out, start="2024-01-01", end="2024-03-31") == 1
    assert run_export(filled_store, "csv", out, level="mention") == 4
    assert run_export(filled_store, "csv", out, actor="IRN") == 0
    assert out.read_text(encoding="utf-8").startswith("cluster_id,")


def test_names_file_loads_and_maps() -> None:
    names = load_names()
    assert names["sector"]["GOV"] == "Government"
    assert sector_names("GOVMIL") == "Government,Military"
    assert country_name("RUS") == "Russian Federation"
    assert country_name("IGO") == "Intergovernmental Organization"
    assert country_name("XQZ") == "XQZ"


def test_names_file_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "names.tsv"
    bad.write_text("kind\tcode\tname\nsector\tGOV\tGovernment\nsector\tgov\tlowercase\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"names\.tsv:3: code must be three capital letters"):
        load_names(bad)
