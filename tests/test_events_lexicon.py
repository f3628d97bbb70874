"""The event lexicon loads, covers the codebook, and rejects broken pattern files."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides import ontology
from thucydides.events.lexicon import LexiconError, iter_patterns, load_lexicon


def test_shipped_lexicon_loads_and_is_broad() -> None:
    lex = load_lexicon()
    assert lex.n_patterns > 600
    roots = {c[:2] for c in lex.codes()}
    assert roots == {f"{r:02d}" for r in range(1, 21)}


def test_every_code_in_lexicon_is_in_codebook() -> None:
    for p in iter_patterns(load_lexicon()):
        assert ontology.is_valid(p.code), p.id


def test_most_codebook_codes_are_reachable() -> None:
    lex = load_lexicon()
    leaves = {c for c in ontology.all_codes() if len(c) >= 3}
    missing = leaves - lex.codes()
    assert len(missing) < 0.1 * len(leaves), sorted(missing)


def test_verbs_indexed_by_lemma_and_sorted_by_specificity() -> None:
    lex = load_lexicon()
    pull = lex.verbs["pull"]
    assert [p.specificity for p in pull] == sorted((p.specificity for p in pull), reverse=True)
    assert any(p.words == ("out", "of") and p.code == "0874" for p in pull)


def test_multiword_noun_keyed_by_head() -> None:
    lex = load_lexicon()
    assert any(p.prefix == ("air",) and p.code == "195" for p in lex.nouns["strike"])
    assert any(p.prefix == ("cease", "-") for p in lex.nouns["fire"])


def test_on_and_off_stay_words_not_booleans() -> None:
    lex = load_lexicon()
    assert lex.support["go"] == ("on",)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "extra.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_user_file_adds_patterns(tmp_path: Path) -> None:
    p = _write(tmp_path, 'verbs:\n  zorble:\n    - {code: "173"}\n')
    lex = load_lexicon([p])
    assert lex.verbs["zorble"][0].code == "173"
    assert "zorble" not in load_lexicon().verbs


@pytest.mark.parametrize("text, reason", [
    ('verbs:\n  zorble:\n    - {code: "999"}\n', "unknown CAMEO code"),
    ('verbs:\n  zorble:\n    - {code: 173}\n', "quoted string"),
    ('verbs:\n  zorble:\n    - {code: "173", wiht: "up"}\n', "unknown field"),
    ('verbs:\n  zorble:\n    - {code: "173", frame: nosuch}\n', "unknown frame"),
    ('verbs:\n  zorble:\n    - {code: "173", obj: "@NOSUCH"}\n', "unknown class"),
    ('verbs:\n  zorble:\n    - {with: "up"}\n', "missing code"),
    ('verbs:\n  zorble: [{code: "173"}]\n  zorble: [{code: "174"}]\n', "duplicate key"),
    ('verbz:\n  zorble: []\n', "unknown section"),
    ('verbs:\n  zorble: [{code: "173"\n', "YAML syntax"),
    ('verbs:\n  zorble:\n    - {code: "173", subj: "@gpe"}\n', "unknown class"),   # no entity type doer
    ('verbs:\n  zorble:\n    - {code: "173", as: "@armed"}\n', "unknown class"),   # a doer type as a name
    ('verbs:\n  zorble:\n    - {code: "173", subj: 7}\n', "subj must be"),
])
def test_bad_files_fail_with_file_line_reason(tmp_path: Path, text: str, reason: str) -> None:
    p = _write(tmp_path, text)
    with pytest.raises(LexiconError) as err:
        load_lexicon([p])
    msg = str(err.value)
    assert str(p) in msg and reason in msg
    assert msg.split(str(p) + ":")[1].split(":")[0].isdigit()


def test_doer_and_name_constraints_load(tmp_path: Path) -> None:
    p = _write(tmp_path, 'verbs:\n  zorble:\n    - {code: "192", subj: [rebel, "@armed"], as: [terrorist]}\n')
    pattern = load_lexicon([p]).verbs["zorble"][0]
    assert pattern.subj == frozenset({"rebel", "@armed"}) and pattern.label == frozenset({"terrorist"})


def test_frames_recode_by_slot() -> None:
    lex = load_lexicon()
    assert lex.recode("intent", "062") == "0312"
    assert lex.recode("reject", "0312") == "1212"
    assert lex.recode("threaten", "190") == "1384"
    assert lex.recode("appeal", "0841") == "0253"
    assert lex.recode("demand", "0871") == "1056"
    assert lex.recode("stop", "072") == "1622"
    assert lex.recode("intent", None) == "030"
    assert lex.recode("keep", "195") == "195"
