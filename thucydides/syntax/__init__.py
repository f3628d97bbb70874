"""The syntax layer: parse questions answered once, for every stage.

Is a verb passive, who is its subject, what its object, which clause governs it, where does a
noun phrase begin, which stretches of the text are quoted. Stages (actors, events, quotes …)
import from here; this package imports no stage (only spaCy and the neutral modules
`nlp`, `models`, `wordlists`), so it can sit below all of them.

    clauses.py  voice, subjects, objects, governing clauses
    phrases.py  noun-phrase heads, name extents, possessors, hyphen-glued words, token offsets
    marks.py    quote-mark pairing in raw text
    columns.py  token attributes and tree depths as per-document lists, read once
"""

from thucydides.syntax.clauses import (
    ISSUED_DOCUMENTS,
    MEANS_PREPOSITIONS,
    OBJECT_CONTROL_VERBS,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    SUBJECT_RELATIVE_PRONOUNS,
    child_with_dep,
    conjuncts,
    direct_object,
    find_prep_object,
    grammatical_subject,
    has_clausal_complement,
    is_passive,
    is_passive_participle,
    is_to_infinitive,
    means_governor,
    objects_of,
    reporting_subject,
    resolve_relative,
    shared_object,
    subject_children,
    subjects_of,
    tree_depth,
)
from thucydides.syntax.columns import column, tree_depths
from thucydides.syntax.marks import DOUBLE_QUOTE_MARKS, paragraphs, quote_marks, quote_spans
from thucydides.syntax.phrases import (
    char_span,
    glued_lemma,
    name_phrase_extent,
    noun_phrase_head,
    possessor,
    prep_objects,
    token_end,
)

__all__ = [
    "DOUBLE_QUOTE_MARKS", "ISSUED_DOCUMENTS", "MEANS_PREPOSITIONS", "OBJECT_CONTROL_VERBS",
    "RELATIVE_PRONOUNS",
    "REPORTING_VERBS", "SUBJECT_RELATIVE_PRONOUNS", "char_span", "child_with_dep", "column", "conjuncts",
    "direct_object", "find_prep_object", "glued_lemma", "grammatical_subject", "has_clausal_complement",
    "is_passive", "is_passive_participle", "is_to_infinitive", "means_governor", "name_phrase_extent",
    "noun_phrase_head", "objects_of", "paragraphs", "possessor", "prep_objects", "quote_marks",
    "quote_spans", "reporting_subject", "resolve_relative", "shared_object", "subject_children",
    "subjects_of", "token_end", "tree_depth", "tree_depths",
]
