"""The event coder's word lists (data/words/events.yaml) and the root groups it derives from the codebook."""

from __future__ import annotations

import yaml

from thucydides import ontology
from thucydides.events import words
from thucydides.wordlists import WORDS_DIR, load_word_file

CODE_LISTS = ("non_agent_roots", "coercive_roots", "joint_action_roots", "not_intended_roots",
              "withdrawal_codes", "protest_forms", "state_acts")


def test_every_list_the_coder_asks_for_is_in_the_file_and_none_is_unused() -> None:
    in_file = set(load_word_file(words.WORD_FILE))
    asked = set(words.REQUESTED)
    assert asked, "the events package asks for no list at all"
    assert asked - in_file == set()
    assert in_file - asked == set(), "lists in events.yaml that no stage reads"


def test_every_list_says_why_it_exists() -> None:
    raw = yaml.safe_load((WORDS_DIR / f"{words.WORD_FILE}.yaml").read_text(encoding="utf-8"))
    undocumented = [name for name, spec in raw.items() if not (isinstance(spec, dict) and spec.get("about"))]
    assert undocumented == []


def test_code_lists_hold_codebook_codes() -> None:
    lists = load_word_file(words.WORD_FILE)
    for name in CODE_LISTS:
        assert lists[name], name
        assert all(ontology.is_valid(code) for code in lists[name]), name


def test_root_groups_follow_the_codebook() -> None:
    assert words.COOP_ROOTS == {"03", "04", "05", "06", "07", "08"}
    assert words.FORCE_ROOTS == {"18", "19", "20"}
    assert all(ontology.lookup(root).plover_type == "ASSAULT" for root in words.FORCE_ROOTS)


def test_the_reporting_verbs_are_the_one_shared_list() -> None:
    assert {"say", "tell", "announce", "accord"} <= words.REPORT_LEMMAS
    assert words.REPORT_LEMMAS == frozenset(load_word_file("syntax")["reporting_verbs"])
    assert "reporting" not in load_word_file(words.WORD_FILE)


def test_ordered_lists_keep_the_file_order() -> None:
    # the first preposition that names an actor is the target: the order is part of the rule
    assert words.ACTOR_TARGET_PREPS == load_word_file(words.WORD_FILE)["actor_target_preps"]
    assert words.ACTOR_TARGET_PREPS[0] == "to"
