"""The cue vocabulary file: it loads, and malformed files fail with file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.quotes import CUE_FILE, CueFileError, load_cues, parse_cues
from thucydides.syntax import REPORTING_VERBS

GOOD = """\
version: 1
verbs:
  speech: [say, tell]
  belief: [think]
object_verbs: [praise, call for]
phrases:
  according_to: [according to]
not_speakers: [latest]
"""


def test_shipped_file_loads() -> None:
    cues = load_cues(CUE_FILE)
    for lemma in ("say", "tell", "add", "warn", "insist", "deny", "announce", "claim", "tweet"):
        assert cues.verbs[lemma] == "speech"
    assert cues.verbs["believe"] == "belief"
    assert cues.verbs["want"] == "intention"
    assert cues.phrases["according"] == ("to",)
    assert "for" in cues.objects["call"]


def test_the_shared_reporting_verbs_are_speech_cues_unless_classed_otherwise() -> None:
    cues = load_cues(CUE_FILE)
    classed = parse_cues(CUE_FILE.read_text(encoding="utf-8"), CUE_FILE).verbs
    assert "say" in REPORTING_VERBS and "say" not in classed  # listed once, in syntax.yaml
    assert cues.verbs["say"] == "speech"
    assert "think" in REPORTING_VERBS and cues.verbs["think"] == "belief"
    assert all(cues.verbs[v] == classed.get(v, "speech") for v in REPORTING_VERBS)


def test_loaded_once() -> None:
    assert load_cues(CUE_FILE) is load_cues(CUE_FILE)


def test_good_text_parses() -> None:
    cues = parse_cues(GOOD, Path("x.yaml"))
    assert cues.verbs == {"say": "speech", "tell": "speech", "think": "belief"}
    assert cues.objects == {"praise": frozenset({""}), "call": frozenset({"for"})}
    assert cues.not_speakers == frozenset({"latest"})


@pytest.mark.parametrize("text,line,reason", [
    (GOOD.replace("  belief: [think]", "  belief: [think, say]"), 4, "listed twice"),
    (GOOD.replace("belief:", "feeling:"), 4, "unknown verb class"),
    (GOOD.replace("[say, tell]", "[Say, tell]"), 3, "not a lower-case entry"),
    (GOOD + "extra: 1\n", 9, "unknown section"),
    (GOOD.replace("version: 1", "version: 2"), 1, "unsupported version"),
    (GOOD.replace("according_to: [according to]", "according_to: [according]"), 7, "lower-case entry"),
    ("version: 1\n", 1, "missing section 'verbs'"),
    ("version: 1\nverbs: [say\n", 3, "not valid YAML"),
])
def test_errors_name_file_line_and_reason(text: str, line: int, reason: str) -> None:
    with pytest.raises(CueFileError) as err:
        parse_cues(text, Path("cues.yaml"))
    msg = str(err.value)
    assert msg.startswith(f"cues.yaml:{line}:"), msg
    assert reason in msg
