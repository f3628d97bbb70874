"""The alert rules file: the shipped defaults load; every kind of mistake names its file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.alerts.rules import DEFAULT_RULES, Dyad, RulesFileError, load_rules, parse_rules
from thucydides.datafiles import DataFileError


def test_the_shipped_rules_load_with_their_defaults() -> None:
    rules = {r.name: r for r in load_rules().rules}
    assert set(rules) == {"daily-surge", "weekly-surge", "weekly-goldstein-shift"}
    daily = rules["daily-surge"]
    assert (daily.test, daily.window, daily.baseline, daily.check, daily.min_count, daily.z) == (
        "count", "day", 7, 2, 5, 3.0)
    shift = rules["weekly-goldstein-shift"]
    assert (shift.test, shift.window, shift.baseline, shift.delta, shift.baseline_min) == (
        "goldstein", "week", 8, 3.0, 5)
    assert load_rules(None).path == DEFAULT_RULES


def test_a_rule_follows_dyads_and_actors_by_code_prefix() -> None:
    text = """\
version: 1
defaults: {actors: [IRN]}
rules:
  - {name: iran, test: count}
  - {name: pair, test: goldstein, actors: [], dyads: [{source: rus, target: UKR}]}
"""
    iran, pair = parse_rules(text, "mine.yaml").rules
    assert iran.actors == ("IRN",) and iran.follows("IRNGOV", "USA") and iran.follows("ISR", "IRN")
    assert not iran.follows("ISR", "USA")
    assert pair.dyads == (Dyad("RUS", "UKR"),)
    assert pair.follows("RUSMIL", "UKR") and not pair.follows("UKR", "RUS")


GOOD = """\
version: 1
rules:
  - name: surge
    test: count
"""


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("", 1, "empty file"),
    ("version: 1\nrules: [\n", 3, "not valid YAML"),
    ("- just\n- a list\n", 1, "top level must be a mapping"),
    ("version: 1\n", 1, "missing section 'rules'"),
    ("version: 2\nrules: []\n", 1, "unsupported version"),
    (GOOD + "extra: 1\n", 5, "unknown section 'extra'"),
    ("version: 1\nrules: []\n", 2, "no rules"),
    ("version: 1\nrules: {a: 1}\n", 2, "rules must be a list"),
    (GOOD.replace("    test: count\n", ""), 3, "missing key 'test'"),
    (GOOD.replace("surge", "Big Surge"), 3, "is not a rule name"),
    (GOOD.replace("test: count", "test: spike"), 4, "'spike' is not one of count, goldstein"),
    (GOOD + "    window: month\n", 5, "window: 'month' is not one of day, week"),
    (GOOD + "    baseline: 1\n", 5, "baseline: 1 must be between 2 and 366"),
    (GOOD + "    baseline: eight\n", 5, "baseline: 'eight' is not a whole number"),
    (GOOD + "    min_count: 2.5\n", 5, "min_count: 2.5 is not a whole number"),
    (GOOD + "    z: .nan\n", 5, "z: nan must be between"),
    (GOOD + "    z: true\n", 5, "z: True is not a number"),
    (GOOD + "    z: [3]\n", 5, "z must be a single value"),
    (GOOD + "    delta: 2\n", 5, "rule 'surge': delta is not read by a count test"),
    (GOOD + "    treshold: 2\n", 5, "rule 'surge': unknown key 'treshold'"),
    (GOOD + "    z: 3\n    z: 4\n", 6, "duplicate key 'z'"),
    (GOOD + "    baseline: 3\n    check: 4\n", 3, "check (4) exceeds baseline (3)"),
    (GOOD + "    actors: [Russian Federation]\n", 5, "actors: 'Russian Federation' is not an actor code"),
    (GOOD + "    actors: RUS\n", 5, "actors must be a list"),
    (GOOD + "    dyads: [{source: RUS}]\n", 5, "each entry is {source: CODE, target: CODE}"),
    (GOOD + "  - name: surge\n    test: goldstein\n", 5, "rule 'surge' is defined twice"),
    ("version: 1\ndefaults: {level: region}\n" + GOOD[11:], 2,
     "level: 'region' is not one of country, actor"),
])
def test_a_broken_rules_file_names_file_line_and_reason(text: str, line: int, reason: str) -> None:
    with pytest.raises(RulesFileError) as err:
        parse_rules(text, "my-rules.yaml")
    assert err.value.path == "my-rules.yaml" and err.value.line == line, str(err.value)
    assert reason in err.value.reason
    assert str(err.value).startswith(f"my-rules.yaml:{line}: ")
    assert isinstance(err.value, DataFileError)


def test_a_missing_or_unreadable_rules_file(tmp_path: Path) -> None:
    with pytest.raises(RulesFileError, match="no such rules file"):
        load_rules(tmp_path / "nope.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"version: 1\n# caf\xe9\n")
    with pytest.raises(RulesFileError, match="cannot be read"):
        load_rules(bad)


def test_the_readme_example_rules_file_is_valid() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Alerts", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    iran, shift = parse_rules(example, "README.md").rules
    assert (iran.test, iran.actors, iran.min_ratio) == ("count", ("IRN",), 2.0)
    assert (shift.direction, shift.dyads) == ("down", (Dyad("RUS", "UKR"),))
