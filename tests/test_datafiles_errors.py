"""The shared data-file error and YAML helpers every loader reports through."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from thucydides.actors.dictionary import ActorDictionaryError
from thucydides.alerts import RulesFileError
from thucydides.datafiles import DataFileError, compose_yaml, content_lines, load_yaml
from thucydides.events.lexicon import LexiconError as EventLexiconError
from thucydides.ontology import OntologyError
from thucydides.places.build import PlacesDataError
from thucydides.quotes import CueFileError
from thucydides.times.lexicon import LexiconError as TimeLexiconError


@pytest.mark.parametrize(("line", "message"), [
    (7, "data/x.tsv:7: bad row"),
    (0, "data/x.tsv:0: bad row"),
    (None, "data/x.tsv: bad row"),
])
def test_message_names_file_line_and_reason(line: int | None, message: str) -> None:
    err = DataFileError(Path("data/x.tsv"), line, "bad row")
    assert str(err) == message
    assert (err.path, err.line, err.reason) == ("data/x.tsv", line, "bad row")


@pytest.mark.parametrize("cls", [OntologyError, ActorDictionaryError, PlacesDataError, CueFileError,
                                 TimeLexiconError, EventLexiconError, RulesFileError])
def test_area_errors_are_data_file_errors_and_survive_pickling(cls: type[DataFileError]) -> None:
    err = cls("f.yaml", 3, "broken")
    assert isinstance(err, DataFileError) and isinstance(err, ValueError)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls and str(back) == "f.yaml:3: broken" and back.line == 3


def test_yaml_errors_carry_the_line_pyyaml_blames() -> None:
    text = "a: 1\nb: [2\n"
    with pytest.raises(CueFileError, match=r"^c\.yaml:3: not valid YAML \(") as err:
        compose_yaml(text, "c.yaml", error=CueFileError)
    assert err.value.line == 3
    with pytest.raises(DataFileError, match=r"^c\.yaml:3: YAML syntax: "):
        load_yaml(text, "c.yaml", reason="YAML syntax: {exc}")
    assert load_yaml("a: [1, 2]\n", "c.yaml") == {"a": [1, 2]}


def test_yaml_error_without_position_uses_the_unplaced_line() -> None:
    # PyYAML's reader rejects control characters with no line mark
    with pytest.raises(DataFileError, match=r"^c\.yaml:0: "):
        load_yaml("a: \x07\n", "c.yaml")
    with pytest.raises(OntologyError, match=r"^c\.yaml: invalid YAML"):
        compose_yaml("a: \x07\n", "c.yaml", error=OntologyError, reason="invalid YAML: {exc}", unplaced=None)


def test_content_lines_skip_blanks_and_comments_but_count_them() -> None:
    lines = ["# header comment\n", "\n", "kind\tcode\n", "   \n", "a\tb\n", "  # indented is data\n"]
    assert list(content_lines(lines)) == [(3, "kind\tcode"), (5, "a\tb"), (6, "  # indented is data")]
