from __future__ import annotations

from spacy.language import Language

from thucydides.nlp import doc_text


def test_a_blank_line_ends_a_sentence(nlp: Language) -> None:
    doc = nlp("Troops leave the border town\n\nKABUL, June 3 - The army said its units had left the town.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Troops leave the border town"
    assert sentences[1].startswith("KABUL, June 3")


def test_a_single_line_break_inside_a_paragraph_does_not_split(nlp: Language) -> None:
    doc = nlp("The minister said the talks\nwould resume next week.")
    assert len(list(doc.sents)) == 1


def test_doc_text_is_the_text_and_cached(nlp: Language) -> None:
    doc = nlp("Police arrested two men.")
    assert doc_text(doc) == "Police arrested two men." and doc.user_data["thucydides_text"] is doc_text(doc)


def test_a_dateline_is_not_part_of_the_first_sentence(nlp: Language) -> None:
    doc = nlp("Truce holds\n\nKHARTOUM, Nov 24 - The army withdrew its troops on Friday.")
    starts = [s[0].text for s in doc.sents]
    assert starts == ["Truce", "KHARTOUM", "The"]
    withdrew = next(t for t in doc if t.text == "withdrew")
    assert [t.text for t in withdrew.children if t.dep_ == "nsubj"] == ["army"]


def test_title_case_and_colon_datelines_are_cut_off(nlp: Language) -> None:
    for text, first in [("Mombasa, Kenya - The navy seized a ship on Monday.", "The"),
                        ("KANDAHAR: Afghan troops retook the district on Sunday.", "Afghan"),
                        ("Aug 3, 2019 -- Rebels shelled the town overnight.", "Rebels")]:
        starts = [s[0].text for s in nlp(text).sents]
        assert starts[1:] == [first], text


def test_a_name_with_an_aside_is_no_dateline(nlp: Language) -> None:
    doc = nlp("Putin - who arrived on Monday - met Erdogan in Ankara.")
    assert len(list(doc.sents)) == 1


def test_a_dash_in_ordinary_text_is_no_dateline(nlp: Language) -> None:
    doc = nlp("The U.S. - Mexico border is long and hard to patrol.")
    assert len(list(doc.sents)) == 1


def test_the_arabic_article_stays_with_its_name(nlp: Language) -> None:
    doc = nlp("Bashar al-Assad met the envoy. Al-Shabaab and el-Sisi's allies spoke; al-qaida too.")
    words = [t.text for t in doc]
    assert {"al-Assad", "Al-Shabaab", "el-Sisi", "al-qaida"} <= set(words), words
    # split off, the particle became a sentence of its own and left the meeting with no subject
    assert [s.text for s in doc.sents][0] == "Bashar al-Assad met the envoy."


def test_other_hyphens_still_split(nlp: Language) -> None:
    words = [t.text for t in nlp("A self-styled, Russian-backed group in Tel-Aviv and a real-time feed.")]
    assert {"self", "styled", "Russian", "backed", "Tel", "Aviv", "real", "time"} <= set(words), words
