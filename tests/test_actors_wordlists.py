"""The actor stage's word lists (data/words/actors.yaml)."""

from __future__ import annotations

from thucydides.actors.phrase_rules import EVENT_NOUNS, NAME_TITLES
from thucydides.events.lexicon import load_lexicon
from thucydides.wordlists import WORDS_DIR, load_word_file


def test_event_nouns_match_the_shipped_event_lexicon() -> None:
    # The actor stage keeps its own copy so that it does not import the later event stage;
    # when the event lexicon gains or drops a noun, the copy should follow (or say why not).
    lexicon = frozenset(k for k, pats in load_lexicon().nouns.items() if not all(p.skip for p in pats))
    assert EVENT_NOUNS == lexicon, (f"only in actors.yaml: {sorted(EVENT_NOUNS - lexicon)}; "
                                    f"only in the event lexicon: {sorted(lexicon - EVENT_NOUNS)}")


def test_name_titles_match_with_or_without_a_full_stop() -> None:
    assert NAME_TITLES.match("Gen.") and NAME_TITLES.match("MRS") and NAME_TITLES.match("dr")
    assert not NAME_TITLES.match("General") and not NAME_TITLES.match("Mr..")


def test_every_list_of_actors_quotes_and_syntax_says_why_it_exists() -> None:
    for stem in ("actors", "quotes", "syntax"):
        text = (WORDS_DIR / f"{stem}.yaml").read_text(encoding="utf-8")
        for name in load_word_file(stem):
            block = text.split(f"\n{name}:\n", 1)[1].split("\n\n", 1)[0]
            assert "about:" in block, f"{stem}.yaml: {name}"
