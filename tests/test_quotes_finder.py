"""Quote stage: direct and indirect speech, speakers, cues, split quotes, link()."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import ActorMention, Event, Plover, Quote, Span
from thucydides.quotes import QuoteFinder, quote_spans


@pytest.fixture(scope="module")
def finder() -> QuoteFinder:
    return QuoteFinder()


def find(nlp: Language, finder: QuoteFinder, text: str, actors: ActorAnalysis | None = None) -> list[Quote]:
    return finder.find(nlp(text), actors or ActorAnalysis([]), "t")


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.to_dict() for q in quotes]
    return quotes[0]


# -- quote marks ---------------------------------------------------------------


def test_quote_spans_curly_straight_and_single() -> None:
    text = "He said “yes to all”, she said \"no to all\" and they said 'maybe to some' today."
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“yes to all”", "\"no to all\"", "'maybe to some'"]


def test_apostrophes_are_not_single_quotes() -> None:
    text = "The rebels' leader didn't come, and the '90s treaty isn't Jones' idea at all."
    assert quote_spans(text) == []


def test_open_quote_ends_with_its_paragraph() -> None:
    text = "“We will hold the line. Nobody leaves.\n\n“And nobody gives up,” he said."
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“We will hold the line. Nobody leaves.", "“And nobody gives up,”"]


# -- direct quotes ---------------------------------------------------------------


def test_quote_before_cue(nlp: Language, finder: QuoteFinder) -> None:
    text = "“The border crossing will stay closed until further notice,” the interior minister said."
    q = only(find(nlp, finder, text))
    assert q.kind == "direct"
    assert q.content.text == "“The border crossing will stay closed until further notice,”"
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "the interior minister"


def test_inverted_cue(nlp: Language, finder: QuoteFinder) -> None:
    text = "“We have no plans to send more troops to the region,” said Defence Minister Karl Lund."
    q = only(find(nlp, finder, text))
    assert q.speaker is not None and "Lund" in q.speaker.text
    assert q.content.text.startswith("“We have no plans")


def test_cue_before_quote(nlp: Language, finder: QuoteFinder) -> None:
    text = "The foreign minister said, “Our embassy will remain open for as long as it is safe.”"
    q = only(find(nlp, finder, text))
    assert q.content.text == "“Our embassy will remain open for as long as it is safe.”"
    assert q.speaker is not None and q.speaker.text == "The foreign minister"


def test_cue_with_colon(nlp: Language, finder: QuoteFinder) -> None:
    text = "The general told the press: “Our units have pulled back from the river.”"
    q = only(find(nlp, finder, text))
    assert q.content.text == "“Our units have pulled back from the river.”"
    assert q.cue is not None and q.cue.text == "told"


def test_straight_double_quotes(nlp: Language, finder: QuoteFinder) -> None:
    text = "\"The ceasefire is holding in most districts,\" a UN spokeswoman said on Tuesday."
    q = only(find(nlp, finder, text))
    assert q.content.text == "\"The ceasefire is holding in most districts,\""
    assert q.speaker is not None and q.speaker.text == "a UN spokeswoman"


def test_single_quotes_with_apostrophes_inside(nlp: Language, finder: QuoteFinder) -> None:
    text = "'We don't accept the rebels' terms and we won't sign,' the prime minister said."
    q = only(find(nlp, finder, text))
    assert q.content.text == "'We don't accept the rebels' terms and we won't sign,'"
    assert q.speaker is not None and q.speaker.text == "the prime minister"


def test_split_quote_is_one_attribution_in_polnear_mode(nlp: Language) -> None:
    text = ("“Closing the port would hurt everyone,” the trade minister said. "
            "“Of course, we are ready to talk about inspections.”")
    q = only(find(nlp, QuoteFinder(split_quotes=False), text))
    assert q.content.start == 0 and q.content.end == len(text)
    assert q.speaker is not None and q.speaker.text == "the trade minister"


def test_multi_sentence_quote(nlp: Language, finder: QuoteFinder) -> None:
    text = ("The envoy said: “The talks were long. Both sides made offers. "
            "We will meet again in Geneva next month.”")
    q = only(find(nlp, finder, text))
    assert q.content.text.startswith("“The talks were long.")
    assert q.content.text.endswith("next month.”")


def test_quote_continuing_in_next_paragraph_is_not_attributed_twice(
        nlp: Language, finder: QuoteFinder) -> None:
    text = ("“We will rebuild the bridge before winter,” the governor said.\n\n"
            "“The money has already been set aside.”")
    quotes = find(nlp, finder, text)
    assert len(quotes) == 1
    assert quotes[0].content.text == "“We will rebuild the bridge before winter,”"


def test_scare_quotes_are_not_quotes(nlp: Language, finder: QuoteFinder) -> None:
    text = "The so-called “peace plan” was signed in the capital on Friday."
    assert find(nlp, finder, text) == []


def test_cue_inside_quote_is_not_an_attribution(nlp: Language, finder: QuoteFinder) -> None:
    text = "“I think the vote will be delayed again,” the senator said."
    q = only(find(nlp, finder, text))
    assert q.cue is not None and q.cue.text == "said"


# -- indirect speech -------------------------------------------------------------


def test_indirect_with_that(nlp: Language, finder: QuoteFinder) -> None:
    text = "The spokesman warned that any incursion would be met with force."
    q = only(find(nlp, finder, text))
    assert q.kind == "indirect"
    assert q.content.text == "that any incursion would be met with force"
    assert q.cue is not None and q.cue.text == "warned"
    assert q.speaker is not None and q.speaker.text == "The spokesman"


def test_indirect_without_that_and_told_reporters(nlp: Language, finder: QuoteFinder) -> None:
    text = "The general told reporters the convoy had crossed the border overnight."
    q = only(find(nlp, finder, text))
    assert q.content.text == "the convoy had crossed the border overnight"
    assert q.cue is not None and q.cue.text == "told"


@pytest.mark.parametrize("verb", ["denied", "insisted", "announced", "claimed", "believes"])
def test_indirect_verbs(nlp: Language, finder: QuoteFinder, verb: str) -> None:
    text = f"The president {verb} that the army had left the disputed villages."
    q = only(find(nlp, finder, text))
    assert q.cue is not None and q.cue.text == verb
    assert q.content.text == "that the army had left the disputed villages"


def test_participle_cue_shares_subject(nlp: Language, finder: QuoteFinder) -> None:
    text = "The mayor insisted the curfew would end soon, adding that the army was in control."
    quotes = find(nlp, finder, text)
    assert [q.cue.text for q in quotes if q.cue] == ["insisted", "adding"]
    assert quotes[0].content.text == "the curfew would end soon"
    assert all(q.speaker is not None and q.speaker.text == "The mayor" for q in quotes)


def test_object_content(nlp: Language, finder: QuoteFinder) -> None:
    text = "The opposition leader criticized the government for its handling of the floods."
    q = only(find(nlp, finder, text))
    assert q.content.text == "the government for its handling of the floods"


@pytest.mark.parametrize("text,content", [
    ("According to the health ministry, 40 people died in the floods.", "40 people died in the floods"),
    ("Forty people died in the floods, according to the health ministry.", "Forty people died in the floods"),
])
def test_according_to(nlp: Language, finder: QuoteFinder, text: str, content: str) -> None:
    q = only(find(nlp, finder, text))
    assert q.kind == "according_to"
    assert q.content.text == content
    assert q.speaker is not None and q.speaker.text == "the health ministry"
    assert q.cue is not None and q.cue.text.lower() == "according to"


def test_transcript_line(nlp: Language, finder: QuoteFinder) -> None:
    text = "HANSEN: We will never accept these terms from the government."
    q = only(find(nlp, finder, text))
    assert q.speaker is not None and q.speaker.text == "HANSEN"
    assert q.content.text == "We will never accept these terms from the government"


def test_label_that_is_not_a_speaker(nlp: Language, finder: QuoteFinder) -> None:
    assert find(nlp, finder, "Update: The bridge reopened to traffic on Monday.") == []


# -- speakers through the actor layer ------------------------------------------


def test_pronoun_speaker_takes_code_from_actor_layer(nlp: Language, finder: QuoteFinder) -> None:
    text = "Anna Berg arrived in Oslo on Monday. She said the embassy would stay open."
    she = text.index("She")
    actors = ActorAnalysis([
        ActorMention("Anna Berg", 0, 9, code="NORGOV", name="Anna Berg", entity=1),
        ActorMention("She", she, she + 3, code="NORGOV", name="Anna Berg", entity=1, how="coref:pronoun"),
    ])
    q = only(find(nlp, finder, text, actors))
    assert q.speaker is not None
    assert (q.speaker.text, q.speaker.start) == ("She", she)
    assert (q.speaker.code, q.speaker.name, q.speaker.entity) == ("NORGOV", "Anna Berg", 1)
    assert q.sentence_index == 1


def test_speaker_without_actor_has_no_code(nlp: Language, finder: QuoteFinder) -> None:
    q = only(find(nlp, finder, "A local farmer said the river had flooded twice this year."))
    assert q.speaker is not None and q.speaker.code is None


def test_ids_are_numbered_in_text_order(nlp: Language, finder: QuoteFinder) -> None:
    text = ("The minister said the talks had failed. "
            "The envoy said a new round would start in May.")
    quotes = finder.find(nlp(text), ActorAnalysis([]), "doc7")
    assert [q.id for q in quotes] == ["doc7-q1", "doc7-q2"]
    assert quotes[0].content.start < quotes[1].content.start


# -- link() ------------------------------------------------------------------------


def _event(eid: str, text: str, word: str, cameo: str) -> Event:
    i = text.index(word)
    return Event(id=eid, sentence_index=0, trigger=Span(word, i, i + len(word)), source=None, target=None,
                 cameo=cameo, quad_class=1, goldstein=0.0, plover=Plover(None))


def test_link_events_inside_content_and_statement_on_cue(nlp: Language, finder: QuoteFinder) -> None:
    text = "“The army attacked the village at dawn,” the governor said. Later the rebels withdrew."
    quotes = find(nlp, finder, text)
    q = only(quotes)
    inside = _event("e1", text, "attacked", "190")
    statement = _event("e2", text, "said", "010")
    outside = _event("e3", text, "withdrew", "0874")
    finder.link([inside, statement, outside], quotes)
    assert inside.quote == q.id
    assert statement.quote == q.id
    assert outside.quote is None


def test_link_ignores_cue_and_speaker_inside_split_quote(nlp: Language) -> None:
    finder = QuoteFinder(split_quotes=False)
    text = ("“Closing the port would hurt everyone,” the trade minister warned. "
            "“We are ready to negotiate about inspections.”")
    quotes = find(nlp, finder, text)
    q = only(quotes)
    speaker_ev = _event("e1", text, "minister", "190")  # a trigger on the speaker phrase is not reported
    reported = _event("e2", text, "negotiate", "030")
    finder.link([speaker_ev, reported], quotes)
    assert speaker_ev.quote is None
    assert reported.quote == q.id


def test_link_with_nothing_is_a_no_op(finder: QuoteFinder) -> None:
    finder.link([], [])


# -- robustness ------------------------------------------------------------------

_PIECES = ["“", "”", "\"", "'", "‘", "’", "''", "``", " said ", " says ", ", ", ". ", "\n\n", "\n",
           "according to ", "the minister", "He", "that ", "we will win", "rebels' ", "don't ",
           ": ", "SMITH", "«", "»", "told reporters ", "(", ")", "—"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=25))
def test_find_never_crashes_and_spans_are_consistent(
        nlp: Language, finder: QuoteFinder, pieces: list[str]) -> None:
    text = "".join(pieces)
    quotes = finder.find(nlp(text), ActorAnalysis([]), "h")
    for q in quotes:
        for span in (q.content, q.cue, q.speaker):
            if span is None:
                continue
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start:span.end] == span.text
        assert q.kind in ("direct", "indirect", "according_to")
    assert len({q.id for q in quotes}) == len(quotes)


def test_split_quote_is_two_quotes_by_default(nlp: Language, finder: QuoteFinder) -> None:
    text = ("“Closing the port would hurt everyone,” the trade minister said. "
            "“Of course, we are ready to talk about inspections.”")
    quotes = finder.find(nlp(text), ActorAnalysis([]), "t")
    assert [q.content.text for q in quotes] == [
        "“Closing the port would hurt everyone,”", "“Of course, we are ready to talk about inspections.”"]
    assert all(q.speaker is not None and q.speaker.text == "the trade minister" for q in quotes)
    assert all(q.cue is not None and q.cue.text == "said" for q in quotes)


def test_framing_verb_outside_vocabulary(nlp: Language, finder: QuoteFinder) -> None:
    text = "“Get out of my office,” the colonel barked."
    q = only(find(nlp, finder, text))
    assert q.cue is not None and q.cue.text == "barked"
    assert q.speaker is not None and q.speaker.text == "the colonel"


def test_nested_indirect_attribution_is_dropped(nlp: Language, finder: QuoteFinder) -> None:
    text = "The senator told reporters that she thinks the treaty will be signed in June."
    q = only(find(nlp, finder, text))
    assert q.cue is not None and q.cue.text == "told"
    assert q.content.text == "that she thinks the treaty will be signed in June"


def test_quote_running_over_paragraphs_is_one_content(nlp: Language, finder: QuoteFinder) -> None:
    # The first paragraph's quote is left open: the next paragraph goes on with it.
    text = ("The governor said: “We will rebuild the bridge before winter.\n\n"
            "“The money has already been set aside by the council.”")
    q = only(find(nlp, finder, text))
    assert q.content.start == text.index("“We")
    assert q.content.end == len(text)
    assert q.speaker is not None and q.speaker.text == "The governor"


def test_seem_and_passive_expect_have_no_speaker(nlp: Language, finder: QuoteFinder) -> None:
    text = "The rebel army is expected to withdraw from the city by Friday."
    q = only(find(nlp, finder, text))
    assert q.speaker is None
    assert q.content.text == "The rebel army is expected to withdraw from the city by Friday"
