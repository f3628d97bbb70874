"""The closed word and code sets of the event coder, named once for every stage.

The words are data (`thucydides/data/words/events.yaml`, each list with a note on why it
exists); root groups that the codebook defines are derived from it rather than listed.
"""

from __future__ import annotations

from thucydides import ontology
from thucydides.syntax import REPORTING_VERBS
from thucydides.wordlists import word_list, word_set

WORD_FILE = "events"
# the list names this package asks for, so a test can tell a missing list from an unused one
REQUESTED: list[str] = []


def _set(name: str) -> frozenset[str]:
    REQUESTED.append(name)
    return word_set(WORD_FILE, name)


def _ordered(name: str) -> tuple[str, ...]:
    """A list whose order matters: the first preposition that names someone wins."""
    REQUESTED.append(name)
    return word_list(WORD_FILE, name)


CAMEO_ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
# cooperation proper (03-08): the referee's pentaclasses 1 and 2, verbal and material
# cooperation; statements and appeals (class 0) are no cooperation to refuse
COOP_ROOTS = frozenset(r for r in CAMEO_ROOTS if ontology.penta_class(r) in (1, 2))
# force used on someone, whose object undergoes it: the PLOVER type ASSAULT (18-20)
FORCE_ROOTS = frozenset(r for r in CAMEO_ROOTS if ontology.lookup(r).plover_type == "ASSAULT")

# one list for every stage (data/words/syntax.yaml)
REPORT_LEMMAS = REPORTING_VERBS
FUTURE_AUX = _set("future_aux")
HYPO_AUX = _set("hypothetical_aux")
POSSIBLE_AUX = _set("possible_aux")
ANONYMITY_VERBS = _set("anonymity_verbs")
AERIAL_MEANS = _set("aerial_means")
ARTILLERY_MEANS = _set("artillery_means")
COMBAT_MEANS = _set("combat_means")
# noun -> the roots of the acts it may take up ("the attacks" -> 18-20), for events/recall.py
RECALLED_ACTS: dict[str, frozenset[str]] = {
    noun: roots
    for name, roots in (("recalled_force", frozenset({"18", "19", "20"})),
                        ("recalled_threat", frozenset({"13"})),
                        ("recalled_offer", frozenset({"03", "05"})),
                        ("recalled_blame", frozenset({"11"})),
                        ("recalled_demand", frozenset({"10"})))
    for noun in _set(name)
}
DEONTIC_AUX = _set("deontic_aux")
CONDITIONAL_MARKS = _set("conditional_marks")
FIRST_PERSON = _set("first_person")
REFUSE_LEMMAS = _set("refusal_verbs")

NON_AGENT_ROOTS = _set("non_agent_roots")
COERCIVE_ROOTS = _set("coercive_roots")
JOINT_ACTION_ROOTS = _set("joint_action_roots")
NOT_INTENDED_ROOTS = _set("not_intended_roots")
WITHDRAW_CODES = _set("withdrawal_codes")
PROTEST_FORMS = _set("protest_forms")
STATE_ACTS = _set("state_acts")
STATE_ACTS_PLACED = _set("state_acts_placed")
STATE_ACT_PLACE_PREPS = _set("state_act_place_preps")
# three-digit code -> the sector of the authorities that alone carry it out ("173" -> "COP")
IMPLIED_AUTHORITY: dict[str, str] = {
    code: sector.upper() for code, sector in (entry.split() for entry in _ordered("implied_authority"))}

JOINT_WORDS = _set("joint_words")
MONEY_WORDS = _set("money_words")
HARM_VERBS = _set("harm_verbs")
INCLUDE_LEMMAS = _set("include_verbs")
NAMED_BY_COMPOUND = _set("compound_named_heads")
MEASURE_HEADS = _set("measure_heads")
QUANTITY_HEADS = _set("quantity_heads")

CAUSE_PREPS = _set("cause_preps")
CAUSE_EVENT_PREPS = _set("cause_event_preps")
PLACE_PREPS = _set("place_preps")
PLACE_TARGET_PREPS = _set("place_target_preps")
SEPARATE_PREPS = _set("background_preps")
OCCASION_PREPS = _set("occasion_preps")
OCCASION_NOUNS = _set("occasion_nouns")
OCCASION_EDGES = _set("occasion_edges")
SETTING_PARTICIPLES = _set("setting_participles")
OBJECT_TARGET_PREPS = _ordered("object_target_preps")
ACTOR_TARGET_PREPS = _ordered("actor_target_preps")
BENEFICIARY_PREPS = _ordered("beneficiary_preps")
COMPLEMENT_PREPS = _set("complement_preps")
ABOUT_PREPS = _set("about_preps")
DESTINATION_PREPS = _set("destination_preps")
MISSION_TARGET_PREPS = _ordered("mission_target_preps")

NEGATIVE_QUANTIFIERS = _set("negative_quantifiers")
NON_FACTIVE_GOVERNORS = _set("non_factive_governors")
NON_FACTIVE_PARTICIPLES = _set("non_factive_participles")
HABITUAL_ADVERBS = _set("habitual_adverbs")
HEDGE_ADVERBS = _set("hedge_adverbs")
CONTRAST_ADVERBS = _set("contrast_adverbs")
STATE_NOUNS = _set("state_nouns")
INSTRUMENTS_OF_FORCE = _set("instruments_of_force")
THING_NOUNS = _set("thing_nouns")
ABSTRACTION_NOUNS = _set("abstraction_nouns")
HAPPENING_NOUNS = _set("happening_nouns")
KIN_NOUNS = _set("kin_nouns")
OPPONENT_NOUNS = _set("opponent_nouns")
EXCHANGE_VERBS = _set("exchange_verbs")
PERMISSION_VERBS = _set("permission_verbs")
CAUSATIVE_VERBS = _set("causative_verbs")
RESPONSIBILITY_WORDS = _set("responsibility_words")
ACCUSATION_PREDICATES = _set("accusation_predicates")
JUDGEMENT_WORDS = _set("judgement_words")
CAUSED_HARMS = _set("caused_harms")
VISIT_CODES = _set("visit_codes")
ADJUNCT_ACT_ROOTS = _set("adjunct_act_roots")
UNREAL_MODIFIERS = _set("unreal_modifiers")
PLANNED_MODIFIERS = _set("planned_modifiers")
RECIPROCAL_CODES = _set("reciprocal_codes")
MUTUAL_VERBS = _set("mutual_verbs")
ARGUMENT_NOUNS = _set("argument_nouns")
WARNING_VERBS = _set("warning_verbs")
NAMING_VERBS = _set("naming_verbs")
ARMED_SECTORS = _set("armed_sectors")
IRREGULAR_SECTORS = _set("irregular_sectors")


def singular(word: str) -> str:
    """The singular of a plural English noun, as far as the word lists need it ("militias" ->
    "militia", "bombings" -> "bombing"; "press" stays)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
