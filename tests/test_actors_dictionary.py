"""The actor dictionaries: every built-in file loads, has no duplicate or conflicting entry,
and a broken user file is rejected with file, line and reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from thucydides import Coder
from thucydides.actors import ActorDictionaryError, load_dictionaries
from thucydides.actors.codes import split_code
from thucydides.actors.dictionary import BUILTIN_FILES, DATA_DIR, Dictionaries, check_conflicts, load_file


@pytest.mark.parametrize("name", BUILTIN_FILES)
def test_builtin_file_loads_without_duplicates(name: str) -> None:
    dicts = Dictionaries()
    load_file(DATA_DIR / name, dicts, override=False)  # raises on a duplicate entry
    assert dicts.entries


def test_builtin_dictionaries_have_no_conflicting_phrases() -> None:
    assert check_conflicts(load_dictionaries()) == []


def test_builtin_counts_meet_the_brief() -> None:
    dicts = load_dictionaries()
    assert dicts.count("state:") >= 195
    assert dicts.count("agent:") >= 300
    assert dicts.count("person:") >= 300
    assert dicts.count("entity:") >= 200


def test_people_office_dates_are_ordered_and_codes_valid() -> None:
    for entry in load_dictionaries().entries.values():
        for office in entry.offices:
            assert office.end is None or office.start < office.end, entry.name
            country, _ = split_code(office.code)
            assert country is not None, entry.name


def test_person_code_follows_article_date() -> None:
    obama = load_dictionaries().entries["person:barack obama"]
    assert obama.code_at(date(2015, 6, 1)) == ("USAGOV", "office:held")
    assert obama.code_at(date(2018, 3, 1)) == ("USAELI", "office:former")
    assert obama.code_at(date(2005, 1, 1))[0] == "USA"
    assert obama.code_at(None)[0] == "USAGOV"


@pytest.mark.parametrize("key, day, code", [
    ("person:james jeffrey", date(2019, 10, 10), "USAGOV"),     # US envoy for Syria
    ("person:brett mcgurk", date(2017, 5, 1), "USAGOV"),        # envoy to the anti-IS coalition
    ("person:brett mcgurk", date(2019, 5, 1), "USAELI"),        # between his two offices
    ("person:ebrahim raisi", date(2020, 1, 1), "IRNJUD"),       # head of the judiciary
    ("person:ebrahim raisi", date(2022, 1, 1), "IRNGOV"),       # president
])
def test_envoys_and_officials_of_the_syria_and_iran_stories(key: str, day: date, code: str) -> None:
    assert load_dictionaries().entries[key].code_at(day)[0] == code


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_header_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "# comment\nwho\tcode\nFoo\tRUS\n")
    with pytest.raises(ActorDictionaryError) as err:
        load_dictionaries([path])
    assert err.value.line == 2 and "mine.tsv" in str(err.value) and "header" in err.value.reason


def test_bad_code_and_date_are_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path, "name\taliases\tcode\tstart\tend\toffice\nJane Roe\t\trusgov\t2001-01-01\t\tx\n")
    with pytest.raises(ActorDictionaryError, match=r"mine.tsv:2: code 'rusgov'"):
        load_dictionaries([path])
    path = _write(tmp_path, "name\taliases\tcode\tstart\tend\toffice\nJane Roe\t\tRUSGOV\t2001-13-01\t\tx\n")
    with pytest.raises(ActorDictionaryError, match="start"):
        load_dictionaries([path])
    path = _write(tmp_path, "name\taliases\tcode\tstart\tend\toffice\n"
                            "Jane Roe\t\tRUSGOV\t2005-01-01\t2001-01-01\tx\n")
    with pytest.raises(ActorDictionaryError, match="before it starts"):
        load_dictionaries([path])


def test_unknown_sector_and_missing_cell(tmp_path: Path) -> None:
    path = _write(tmp_path, "phrase\tsector\tkind\nharbour master\tXYZ\tperson\n")
    with pytest.raises(ActorDictionaryError, match="sector 'XYZ'"):
        load_dictionaries([path])
    path = _write(tmp_path, "name\taliases\tcode\tkind\thome\n\tfoo\tIGO\torganisation\t\n")
    with pytest.raises(ActorDictionaryError, match="'name' is empty"):
        load_dictionaries([path])


def test_missing_user_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ActorDictionaryError, match="no such file"):
        load_dictionaries([tmp_path / "absent.tsv"])


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path, "name\taliases\tcode\tkind\thome\n"
                            "Pentagon\t\tUSAGOV\torganisation\tUSA\n"
                            "Harbour Watch\tHW\tNGOHRI\torganisation\t\n")
    dicts = load_dictionaries([path])
    assert dicts.entries["entity:pentagon"].code == "USAGOV"
    assert dicts.entries["entity:harbour watch"].user


@pytest.mark.parametrize("text, code", [
    ("Senator Lindsey Graham criticised the withdrawal from Syria.", "USALEG"),
    ("Senator John McCain met Syrian rebels in 2013.", "USALEG"),
])
def test_members_of_congress_are_us_legislators(text: str, code: str) -> None:
    doc = Coder().code(text, date="2016-05-01")
    assert any(a.code == code for a in doc.actors), [(a.text, a.code) for a in doc.actors]


@pytest.mark.parametrize("text, code", [
    ("Sinn Fein rejected the proposal on Tuesday.", "GBRPTY"),
    ("Prosecutors in Ankara accused FETO of plotting the coup.", "TUROPP"),
    ("Devlet Bahceli criticised the opposition alliance.", "TURPTY"),
    ("Brahimi met the Syrian foreign minister in Geneva.", "IGOUNO"),
])
def test_parties_movements_and_envoys_of_the_region(text: str, code: str) -> None:
    doc = Coder().code(text, date="2013-06-01")
    assert any(a.code == code for a in doc.actors), [(a.text, a.code) for a in doc.actors]
