from __future__ import annotations

from pathlib import Path

import pytest

from thucydides import ontology
from thucydides.ontology import OntologyError, load_codebook, load_plover

HEADER = "code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode\tdescription\n"
ROOTS = [f"{r:02d}" for r in range(1, 21)]


def referee_plover_type(code: str) -> str | None:
    """CAMEO -> PLOVER as the referee's table states it (eval README), written out independently."""
    r = code[:2]
    if r in ("01", "02"):
        return None
    if r == "08":
        if code[:4] in ("0813", "0814") or (len(code) >= 3 and code[2] in "4567"):
            return "RETREAT"
        return "CONCEDE"
    if r == "16":
        return "COERCE" if code.startswith("163") else "SANCTION"
    if r == "17":
        return "ASSAULT" if code.startswith(("1712", "175")) else "COERCE"
    if r == "19":
        return "COERCE" if code.startswith(("191", "192")) else "ASSAULT"
    return {"03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
            "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
            "14": "PROTEST", "15": "MOBILIZE", "18": "ASSAULT", "20": "ASSAULT"}[r]


def write(tmp_path: Path, body: str, name: str = "bad.tsv") -> Path:
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- packaged codebook


def test_every_root_present_and_enough_codes() -> None:
    codes = ontology.all_codes()
    assert all(r in codes for r in ROOTS)
    assert len(codes) >= 280


def test_every_code_has_parent() -> None:
    codes = ontology.all_codes()
    for code in codes:
        if len(code) == 4:
            assert code[:3] in codes, code
        if len(code) >= 3:
            assert code[:2] in codes, code


def test_known_subcodes_present() -> None:
    for code in ("0211", "0214", "0314", "0834", "0871", "0874", "1014", "1212", "1313", "1623",
                 "1711", "1712", "1724", "1823", "1833", "2041", "2042"):
        assert ontology.is_valid(code), code


def test_quad_class_follows_root() -> None:
    expected = {**dict.fromkeys(ROOTS[0:5], 1), **dict.fromkeys(ROOTS[5:8], 2),
                **dict.fromkeys(ROOTS[8:13], 3), **dict.fromkeys(ROOTS[13:], 4)}
    for code, entry in ontology.all_codes().items():
        assert entry.quad_class == expected[code[:2]], code


def test_plover_type_matches_referee_table() -> None:
    for code, entry in ontology.all_codes().items():
        assert entry.plover_type == referee_plover_type(code), code


def test_modes_and_contexts_are_valid() -> None:
    contexts = set(ontology.plover_contexts())
    for code, entry in ontology.all_codes().items():
        if entry.plover_mode is not None:
            assert entry.plover_mode in ontology.plover_modes(entry.plover_type), code
        assert set(entry.plover_context) <= contexts, code


def test_goldstein_sign_follows_cooperation_or_conflict() -> None:
    for code, entry in ontology.all_codes().items():
        root = int(code[:2])
        if root in (1, 2):
            # statements and appeals hover around zero (declining comment, denying blame dip below)
            assert -2.0 <= entry.goldstein <= 4.0, code
        elif root <= 8:
            assert entry.goldstein > 0, code
        else:
            assert entry.goldstein < 0, code


def test_spot_checks() -> None:
    ceasefire = ontology.lookup("0871")
    assert (ceasefire.plover_type, ceasefire.plover_mode) == ("RETREAT", "ceasefire")
    assert ceasefire.goldstein == 9.0
    assert ontology.lookup("0874").plover_mode == "withdraw"
    arrest = ontology.lookup("173")
    assert (arrest.plover_type, arrest.plover_mode, arrest.quad_class) == ("COERCE", "arrest", 4)
    air = ontology.lookup("195")
    assert (air.plover_type, air.plover_mode, air.goldstein) == ("ASSAULT", "aerial", -10.0)
    assert ontology.lookup("1212").plover_type == "REJECT"
    assert ontology.lookup("0312").plover_type == "AGREE"
    assert ontology.lookup("057").goldstein == 8.0
    assert ontology.lookup("163").plover_type == "COERCE"
    assert ontology.lookup("010").plover_type is None
    assert "truce" in ontology.lookup("0871").name.lower()


def test_lookup_unknown_code_raises_keyerror_with_code() -> None:
    with pytest.raises(KeyError, match="0999"):
        ontology.lookup("0999")
    assert not ontology.is_valid("0999")
    assert not ontology.is_valid("21")
    assert not ontology.is_valid(None)


def test_root_parent_and_penta_class() -> None:
    assert ontology.root("1823") == "18"
    assert ontology.root("04") == "04"
    assert ontology.parent("0871") == "087"
    assert ontology.parent("087") == "08"
    assert ontology.parent("08") is None
    with pytest.raises(ValueError):
        ontology.root("abc")
    with pytest.raises(ValueError):
        ontology.root("2101")
    cases = {"010": 0, "0214": 0, "036": 1, "057": 1, "0871": 2, "073": 2, "112": 3, "163": 3,
             "1212": 3, "141": 4, "154": 4, "173": 4, "195": 4, "2042": 4}
    for code, penta in cases.items():
        assert ontology.penta_class(code) == penta, code
    assert ontology.lookup("163").penta_class == 3


def test_all_codes_is_a_copy() -> None:
    codes = ontology.all_codes()
    codes.pop("010")
    assert ontology.is_valid("010")


# --------------------------------------------------------------------------- PLOVER ontology


def test_plover_types_modes_contexts() -> None:
    assert len(ontology.plover_types()) == 16
    assert set(ontology.plover_types()) == set(ontology.PLOVER_TYPES)
    assert "arrest" in ontology.plover_modes("COERCE")
    assert "ceasefire" in ontology.plover_modes("RETREAT")
    assert ontology.plover_modes("AGREE") == ()
    with pytest.raises(KeyError):
        ontology.plover_modes("FIGHT")
    for ctx in ("military", "diplomatic", "terrorism", "economic", "election", "human_rights", "cyber"):
        assert ctx in ontology.plover_contexts()
    assert ontology.penta_class_of_type("SANCTION") == 3
    assert ontology.penta_class_of_type("CONCEDE") == 2
    assert ontology.penta_class_of_type("PROTEST") == 4


def test_type_penta_agrees_with_cameo_penta() -> None:
    # an event coded only by PLOVER type must land where its CAMEO codes land, bar the mixed ones
    for code, entry in ontology.all_codes().items():
        if entry.plover_type is None or code.startswith(("163", "1712", "175", "191", "192")):
            continue
        assert ontology.penta_class_of_type(entry.plover_type) == entry.penta_class, code


# --------------------------------------------------------------------------- broken files


def test_valid_small_codebook_loads(tmp_path: Path) -> None:
    p = write(tmp_path, "# comment\n" + HEADER + "17\tCOERCE\t-7\t4\tCOERCE\t\t\n"
              "173\tArrest\t-5\t4\tCOERCE\tarrest\tdetain\n", "ok.tsv")
    codes = load_codebook(p)
    assert set(codes) == {"17", "173"}
    assert codes["173"].plover_mode == "arrest"


@pytest.mark.parametrize(("row", "reason"), [
    ("17x\tBad\t-5\t4\tCOERCE\t\t\n", "2-4 digits"),
    ("173\tArrest\t-12\t4\tCOERCE\t\t\n", r"outside \[-10, 10\]"),
    ("173\tArrest\tlots\t4\tCOERCE\t\t\n", "not a number"),
    ("173\tArrest\t-5\t5\tCOERCE\t\t\n", "quad_class"),
    ("173\tArrest\t-5\t1\tCOERCE\t\t\n", "does not match root"),
    ("173\tArrest\t-5\t4\tFIGHT\t\t\n", "not a PLOVER type"),
    ("173\tArrest\t-5\t4\tCOERCE\taerial\t\n", "not a mode of COERCE"),
    ("173\tArrest\t-5\t4\t\tarrest\t\n", "without a plover_type"),
    ("173\tArrest\t-5\t4\tCOERCE\n", "tab-separated fields"),
    ("17\tCOERCE again\t-7\t4\tCOERCE\t\t\n", "duplicate code 17"),
])
def test_broken_row_names_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    p = write(tmp_path, HEADER + "17\tCOERCE\t-7\t4\tCOERCE\t\t\n" + row)
    with pytest.raises(OntologyError, match=reason) as err:
        load_codebook(p)
    assert str(err.value).startswith(f"{p}:3: ")
    assert err.value.line == 3


def test_missing_parent_names_child_line(tmp_path: Path) -> None:
    p = write(tmp_path, HEADER + "17\tCOERCE\t-7\t4\tCOERCE\t\t\n1731\tSub\t-5\t4\tCOERCE\t\t\n")
    with pytest.raises(OntologyError, match=r":3: code 1731 has no parent 173"):
        load_codebook(p)


def test_bad_header(tmp_path: Path) -> None:
    p = write(tmp_path, "code\tname\tgoldstein\n17\tCOERCE\t-7\n")
    with pytest.raises(OntologyError, match=r"bad\.tsv:1: bad header: missing column"):
        load_codebook(p)


def test_broken_plover_yaml(tmp_path: Path) -> None:
    good = ontology.PLOVER_PATH.read_text(encoding="utf-8")
    p = write(tmp_path, good.replace("  AGREE:\n", "  AGREEE:\n"), "plover.yaml")
    with pytest.raises(OntologyError, match=r"plover\.yaml:\d+: unknown PLOVER type 'AGREEE'"):
        load_plover(p)
    p = write(tmp_path, good.replace("      arrest: Arrest", "      Arrest Now: Arrest"), "plover.yaml")
    with pytest.raises(OntologyError, match=r"plover\.yaml:\d+: mode 'Arrest Now' of COERCE"):
        load_plover(p)
    p = write(tmp_path, "types: [unclosed\n", "plover.yaml")
    with pytest.raises(OntologyError, match="invalid YAML"):
        load_plover(p)


def test_codebook_checked_against_given_ontology(tmp_path: Path) -> None:
    good = ontology.PLOVER_PATH.read_text(encoding="utf-8")
    jailed = good.replace("      arrest: Arrest, detain", "      jail: Jail")
    onto = load_plover(write(tmp_path, jailed, "p.yaml"))
    p = write(tmp_path, HEADER + "17\tCOERCE\t-7\t4\tCOERCE\t\t\n173\tArrest\t-5\t4\tCOERCE\tarrest\t\n")
    with pytest.raises(OntologyError, match="not a mode of COERCE"):
        load_codebook(p, onto)
