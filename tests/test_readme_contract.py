"""The README documents what a user relies on and the code defines: exit codes, the options of
`code`, the shared filter vocabulary, and the values of date_source, date_precision and
location_source. A new option, exit code, filter or source without its line fails here."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from thucydides import cli
from thucydides.store.filters import FILTERS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def test_every_exit_code_is_in_the_exit_status_table() -> None:
    documented = {int(m) for m in re.findall(r"^\| (\d+) \|", _section("Input"), flags=re.MULTILINE)}
    assert documented == {cli.EXIT_OK, cli.EXIT_NOTHING, cli.EXIT_USAGE, cli.EXIT_SOME_REJECTED}


def test_every_option_of_code_is_in_the_synopsis() -> None:
    code = typer.main.get_command(cli.app).commands["code"]  # type: ignore[attr-defined]
    synopsis = _section("Command line")
    options = [p for p in code.params if p.param_type_name == "option" and p.name != "help"]
    assert len(options) > 15
    for param in options:
        # a whole option name, not the start of a longer one (--store in --store-dir)
        assert any(re.search(re.escape(o) + r"(?![\w-])", synopsis) for o in param.opts), param.opts


def test_every_filter_is_documented_for_cli_and_url() -> None:
    text = _section("Event store, exports, queries and plots")
    for name in FILTERS:
        assert f"`{name}`" in text, name
    assert "?from=" in text and "min_confidence=" in text and "422" in text


def test_the_values_of_each_event_s_provenance_are_documented() -> None:
    from thucydides.places import event_places
    from thucydides.times import event_dates

    output = _section("Output")
    locations = re.findall(r"^    (\w+) {2,}", event_places.__doc__ or "", flags=re.MULTILINE)
    dates = re.findall(r"^    ([\w-]+) {2,}", event_dates.__doc__ or "", flags=re.MULTILINE)
    assert len(locations) == 6 and len(dates) == 5
    for value in [*locations, *dates, "day", "month", "year", "past", "unknown"]:
        assert f"`{value}`" in output, value
