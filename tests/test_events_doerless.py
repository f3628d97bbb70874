"""Force told with no doer (events/doerless.py): a sentence fed alone keeps it; an article leaves
it out unless the text names who did it."""

from __future__ import annotations

import pytest

from thucydides import Coder

ARTICLE = ("Gunmen from an armed group stormed a police post near the border on Monday. "
           "The attackers set fire to two vehicles before fleeing into the hills. "
           "Nine people were killed and fourteen were wounded, the local governor said. "
           "The interior ministry promised an inquiry.")


@pytest.fixture(scope="module")
def full_coder() -> Coder:
    return Coder()


def _force(coder: Coder, text: str) -> list:
    return [e for e in coder.code(text, date="2025-02-03").events
            if e.cameo[:2] in ("18", "19", "20") and not e.negated]


def test_a_sentence_alone_keeps_harm_with_no_doer(full_coder: Coder) -> None:
    events = _force(full_coder, "Nine people were killed and fourteen were wounded.")
    assert events and all(e.source is None for e in events)


def test_an_article_leaves_out_harm_with_no_doer(full_coder: Coder) -> None:
    events = _force(full_coder, ARTICLE)
    assert events, "the storming by the gunmen is coded"
    assert all(e.source is not None for e in events), [(e.cameo, e.trigger.text) for e in events]


def test_an_article_keeps_harm_whose_doer_is_named(full_coder: Coder) -> None:
    text = ARTICLE.replace("Nine people were killed", "Nine people were killed by the gunmen")
    killed = [e for e in _force(full_coder, text) if e.trigger.text.startswith("killed")]
    assert killed and killed[0].source is not None


def test_one_agent_told_after_two_acts_did_both(full_coder: Coder) -> None:
    events = _force(full_coder, "The engineer was kidnapped and killed by militants of the group.")
    kidnap = [e for e in events if e.cameo.startswith("181")]
    assert kidnap and kidnap[0].source is not None and kidnap[0].source.text.startswith("militants")


def test_an_act_or_a_weapon_with_no_actor_behind_it_is_no_doer(full_coder: Coder) -> None:
    text = ("The governor visited the wounded in the northern town on Saturday. Shops stayed shut and "
            "schools were closed. The twin bombings killed forty people, the health ministry said.")
    killed = [e for e in _force(full_coder, text) if e.trigger.text.startswith("killed")]
    assert not killed, [(e.cameo, e.source) for e in killed]


def test_the_khmer_rouge_is_a_cambodian_armed_group(full_coder: Coder) -> None:
    events = _force(full_coder, "Khmer Rouge guerrillas ambushed a Cambodian army convoy near the border.")
    assert events and events[0].source is not None and events[0].source.code == "KHMREB", events
