"""The syntax layer's answers on sentences of our own (spaCy sm parses)."""

from __future__ import annotations

from spacy.language import Language

from thucydides import syntax as sx


def test_passive_voice_agent_and_undergoer(nlp: Language) -> None:
    doc = nlp("Three protesters were arrested by the police.")
    verb = doc[3]
    assert sx.is_passive(verb) and sx.is_passive(verb, clausal_subject=True)
    assert sx.is_passive_participle(verb)
    assert [t.text for t in sx.subjects_of(verb, True)] == ["police"]
    assert [t.text for t in sx.objects_of(verb, True)] == ["protesters"]
    active = nlp("The police arrested three protesters.")
    assert not sx.is_passive(active[2]) and not sx.is_passive_participle(active[2])
    assert sx.grammatical_subject(active[2]).text == "police"


def test_object_control_gives_the_complement_its_doer(nlp: Language) -> None:
    doc = nlp("The army urged the rebels to surrender their weapons.")
    surrender = doc[6]
    assert "urge" in sx.OBJECT_CONTROL_VERBS
    assert [t.text for t in sx.subjects_of(surrender, False)] == ["rebels"]
    assert [t.text for t in sx.objects_of(surrender, False)] == ["weapons"]


def test_relative_pronoun_stands_for_its_noun(nlp: Language) -> None:
    doc = nlp("The group that attacked the convoy fled.")
    assert sx.resolve_relative(doc[2]).text == "group"
    assert [t.text for t in sx.subjects_of(doc[3], False)] == ["group"]
    assert sx.resolve_relative(doc[1]).i == 1  # not a pronoun: itself


def test_reporting_subject_takes_the_agent_of_a_passive(nlp: Language) -> None:
    doc = nlp("The minister, who spoke on Monday, was questioned by reporters.")
    assert sx.reporting_subject(doc[9]).text == "reporters"
    assert sx.reporting_subject(doc[4]).text == "who"
    assert "whose" in sx.RELATIVE_PRONOUNS and "whose" not in sx.SUBJECT_RELATIVE_PRONOUNS


def test_shared_object_and_means_clause(nlp: Language) -> None:
    doc = nlp("The rebels trained and armed the volunteers.")
    assert sx.shared_object(doc[2]).text == "volunteers"
    assert sx.direct_object(doc[4], False).text == "volunteers"
    means = nlp("China helped by donating supplies.")
    assert sx.means_governor(means[3]).text == "helped"
    assert [t.text for t in sx.subjects_of(means[3], False)] == ["China"]
    assert sx.tree_depth(means[3]) == 2 and sx.tree_depth(means[1]) == 0


def test_noun_phrase_head_and_name_extent(nlp: Language) -> None:
    doc = nlp("Russian and Syrian troops entered the town.")
    assert sx.noun_phrase_head(doc[0]).text == "troops"
    assert sx.noun_phrase_head(doc[2]).text == "troops"  # a conjoined modifier shares the head
    name = nlp("Russian Defense Minister Sergei Shoigu said it.")
    assert sx.name_phrase_extent(name[4]) == (0, 4)
    assert sx.char_span(name[4]) == (name[4].idx, name[4].idx + len("Shoigu"))


def test_infinitive_and_clausal_complement(nlp: Language) -> None:
    doc = nlp("The rebels vowed that they would fight and plan to seize the town.")
    words = {t.text: t for t in doc}
    assert sx.has_clausal_complement(words["vowed"]) and not sx.has_clausal_complement(words["seize"])
    assert sx.is_to_infinitive(words["seize"]) and not sx.is_to_infinitive(words["fight"])


def test_possessor_preposition_objects_and_glued_words(nlp: Language) -> None:
    doc = nlp("Turkey's offensive stalled because of heavy rain after the cease-fire.")
    words = {t.text: t for t in doc}
    assert sx.possessor(words["offensive"]).text == "Turkey"
    assert sx.possessor(words["rain"]) is None
    assert [t.text for t in sx.prep_objects(words["because"])] == ["rain"]
    assert sx.glued_lemma(words["fire"]) == "cease-fire"
    assert sx.glued_lemma(words["rain"]) is None
