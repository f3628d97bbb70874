"""What a GDELT or ICEWS user relies on: exports that carry date precision and actor geography,
write valid CSV and rounded numbers, go to stdout with `-o -`; one filter vocabulary; plots
that refuse to draw nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from PIL import Image
from test_store import GENEVA, make_doc, make_event
from test_store_exports import GDELT_PUBLISHED
from typer.testing import CliRunner

from thucydides.store import EventStore
from thucydides.store.plot import QUAD_STYLE


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    month = make_event(0, "RUSGOV", "USA", "040", date="2016-02")
    year = make_event(1, "CHN", "JPN", "112", date="2015", sentence_index=1)
    day = make_event(2, "SYRMIL", "SYRREB", "193", date="2016-03-04", location=GENEVA, sentence_index=2)
    unsure = make_event(3, "IRN", "ISR", "130", date="2016-03-04", sentence_index=2)
    day.confidence, unsure.confidence = 0.6000000000000001, 0.3
    undated = make_event(4, "TUR", "GRC", "112")
    docs = [make_doc("a1", [month, year, day, unsure], date="2016-02-20", url="https://x.example/a1",
                     text="Talks in Geneva.\nA line break inside the sentence. Third."),
            make_doc("a2", [undated], date=None, url=None)]
    with EventStore(path) as s:
        s.add_documents(docs)
    return path


def run(runner: CliRunner, app: typer.Typer, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def gdelt_rows(text: str) -> dict[str, dict[str, str]]:
    rows = [dict(zip(GDELT_PUBLISHED, line.split("\t"), strict=True)) for line in text.splitlines()]
    return {r["EventCode"]: r for r in rows}


def test_gdelt_partial_dates_follow_gdelt_zero_convention(runner: CliRunner, app: typer.Typer,
                                                          store: Path) -> None:
    rows = gdelt_rows(run(runner, app, "export", "--store", str(store), "-f", "gdelt", "-o", "-"))
    month = rows["040"]
    assert (month["SQLDATE"], month["MonthYear"], month["Year"]) == ("20160200", "201602", "2016")
    assert (rows["112"]["SQLDATE"], rows["112"]["MonthYear"]) == ("20150000", "201500")
    assert rows["193"]["SQLDATE"] == "20160304"


def test_gdelt_leaves_out_undated_events_and_says_so(runner: CliRunner, app: typer.Typer,
                                                     store: Path) -> None:
    result = runner.invoke(app, ["export", "--store", str(store), "-f", "gdelt", "-o", "-"])
    assert result.exit_code == 0
    assert all(line.split("\t")[1] for line in result.stdout.splitlines())  # no empty SQLDATE
    assert "left out 1 events with no date" in result.stderr


def test_gdelt_actor_geo_and_source_url(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    rows = gdelt_rows(run(runner, app, "export", "--store", str(store), "-f", "gdelt", "-o", "-"))
    rus = rows["040"]
    assert (rus["Actor1Geo_Type"], rus["Actor1Geo_CountryCode"]) == ("1", "RUS")
    assert rus["Actor1Geo_FullName"] == "Russian Federation"
    assert 50 < float(rus["Actor1Geo_Lat"]) < 70 and 80 < float(rus["Actor1Geo_Long"]) < 110
    assert rus["Actor2Geo_CountryCode"] == "USA"
    assert rus["SOURCEURL"] == "https://x.example/a1"


def test_icews_and_plover_keep_partial_dates(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    icews = list(csv.DictReader(io.StringIO(run(runner, app, "export", "--store", str(store), "-f", "icews",
                                                "-o", "-")), delimiter="\t"))
    assert {r["CAMEO Code"]: r["Event Date"] for r in icews} == {"040": "2016-02", "112": "2015",
                                                                 "193": "2016-03-04", "130": "2016-03-04"}
    plover = [json.loads(x) for x in run(runner, app, "export", "--store", str(store), "-f", "plover",
                                          "-o", "-").splitlines()]
    month = next(r for r in plover if r["cameo"] == "040")
    assert (month["date"], month["date_precision"]) == ("2016-02", "month")


def test_csv_export_is_valid_and_rounded(runner: CliRunner, app: typer.Typer, store: Path) -> None:
    text = run(runner, app, "export", "--store", str(store), "-f", "csv", "--level", "mention", "-o", "-")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(text.splitlines()) == len(rows) + 1  # no field spans two lines
    assert all("\n" not in (r["sentence"] or "") for r in rows)
    assert "0.6000000000000001" not in text and {r["confidence"] for r in rows} >= {"0.6"}


def test_min_confidence_and_shared_filters_on_export_and_query(runner: CliRunner, app: typer.Typer,
                                                               store: Path) -> None:
    text = run(runner, app, "export", "--store", str(store), "-f", "csv", "-o", "-",
               "--min-confidence", "0.5")
    assert "130" not in {r["cameo"] for r in csv.DictReader(io.StringIO(text))}
    rows = json.loads(run(runner, app, "query", "events", "--store", str(store), "--root", "19",
                          "--quad", "4", "--country", "syr", "-f", "json"))
    assert [r["cameo"] for r in rows] == ["193"]
    assert json.loads(run(runner, app, "query", "events", "--store", str(store), "--plover", "threaten",
                          "--min-confidence", "0.5", "-f", "json")) == []


def test_export_to_stdout_writes_no_file_named_dash(runner: CliRunner, app: typer.Typer, store: Path,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = run(runner, app, "export", "--store", str(store), "-f", "plover", "-o", "-")
    assert out.count("\n") == 5 and not (tmp_path / "-").exists()


def test_plot_of_an_unknown_actor_fails_without_a_file(runner: CliRunner, app: typer.Typer, store: Path,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "none.png"
    result = runner.invoke(app, ["plot", "dyad", "RUS", "XYZ", "--store", str(store), "-o", str(out)])
    assert result.exit_code == 1 and "XYZ" in result.stderr and not out.exists()


def test_plot_of_one_month_is_not_a_full_width_block(runner: CliRunner, app: typer.Typer, store: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "one.png"
    run(runner, app, "plot", "dyad", "RUS", "USA", "--store", str(store), "-o", str(out))
    colour = tuple(int(QUAD_STYLE[0][2][i:i + 2], 16) for i in (1, 3, 5))  # verbal cooperation
    with Image.open(out) as img:
        rgb = img.convert("RGB")
        plot_area = range(0, int(rgb.height * 0.8), 4)  # above the legend, whose patch has the colour too
        xs = [x for x in range(rgb.width) for y in plot_area if rgb.getpixel((x, y)) == colour]
        width = rgb.width
    bar = max(xs) - min(xs)
    assert 0 < bar < width * 0.3
