"""Acts taken up again ('condemned the attacks') are aimed at whoever did them (events/recall.py)."""

from __future__ import annotations

import pytest

from thucydides import Coder


@pytest.fixture(scope="module")
def full_coder() -> Coder:
    return Coder()


def _event(coder: Coder, text: str, root: str):
    found = [e for e in coder.code(text, date="2024-03-08").events if e.cameo[:2] == root and not e.negated]
    assert found, text
    return found[-1]


@pytest.mark.parametrize("text, root, doer", [
    ("Turkish drones struck two villages near Kobani. Damascus condemned the attacks.", "11", "TURMIL"),
    ("Israel warned Hezbollah to halt its rocket fire. The group's deputy leader rejected the warning.",
     "12", "ISR"),
])
def test_an_act_taken_up_again_is_aimed_at_its_doer(full_coder: Coder, text: str, root: str,
                                                    doer: str) -> None:
    event = _event(full_coder, text, root)
    assert event.target is not None and event.target.code == doer, event.target
    assert str(event.why.get("target", "")).startswith("recalled")


def test_an_act_told_long_before_is_not_taken_up(full_coder: Coder) -> None:
    text = ("Turkish drones struck two villages near Kobani. Aid convoys arrived in the evening. "
            "Schools stayed shut. Markets reopened on Friday. Damascus condemned the attacks.")
    event = _event(full_coder, text, "11")
    assert event.target is None or event.target.code != "TURMIL"


def test_an_owned_act_keeps_its_owner(full_coder: Coder) -> None:
    text = "Turkish drones struck two villages near Kobani. Moscow condemned Israel's attacks."
    event = _event(full_coder, text, "11")
    assert event.target is not None and event.target.code == "ISR"


@pytest.mark.parametrize("text, doer, root", [
    ("Turkish jets struck Kurdish positions near Kobani. The strikes killed at least nine fighters.",
     "TURMIL", "19"),
    ("Israeli jets pounded villages in the south on Monday. Twelve people were killed in the raids.",
     "ISRMIL", "19"),
])
def test_harm_done_by_an_act_taken_up_is_its_doers(full_coder: Coder, text: str, doer: str,
                                                   root: str) -> None:
    harm = _event(full_coder, text, root)
    assert harm.trigger.text == "killed"
    assert harm.source is not None and harm.source.code == doer, harm.source
