"""Whole-article precision (issue 14): blame laid by a speaker is an accusation, travel is no
visit, words are attacked only in words, and what a cause did not bring about did not happen."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


def coded(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t")
            if not e.negated and e.cameo[:2] >= "03"]


def codes(events: list[Event]) -> list[str]:
    return [e.cameo for e in events]


@pytest.mark.parametrize("text, speaker, blamed", [
    ("Officials say the militia commanders are responsible for the recent bomb attacks.", "Officials",
     "the militia commanders"),
    ("Police believe the rebels were responsible for the killings.", "Police", "the rebels"),
])
def test_blame_in_a_speakers_clause_is_the_speakers_accusation(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, speaker: str,
        blamed: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert codes(events) == ["112"], codes(events)
    assert events[0].source is not None and events[0].source.text == speaker
    assert events[0].target is not None and events[0].target.text == blamed


def test_blame_told_by_the_text_and_a_claim_of_ones_own_deed_stay_the_deed(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    told = coded(nlp, resolver, coder, "The militia is responsible for the bombing of the market.")
    assert [c[:2] for c in codes(told)] == ["18"]
    claimed = coded(nlp, resolver, coder, "The group said it was responsible for the attack.")
    assert "112" not in codes(claimed)


@pytest.mark.parametrize("text", [
    "The diplomats were flown to Paris.",                      # no visitor
    "Mr Dupont toured the damage inside the building.",       # no host
    "The French president visited Marseille on Monday.",       # a town at home
    "US Secretary of State John Smith announced plans to travel to a city in the US heartland.",
])
def test_travel_is_no_visit(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert not [c for c in codes(events) if c[:3] in ("042", "043", "036")], codes(events)


@pytest.mark.parametrize("text, code", [
    ("The French president visited Germany.", "042"),
    ("The Turkish foreign minister will visit Moscow next week.", "036"),
])
def test_a_visit_to_another_country_stays(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                          text: str, code: str) -> None:
    assert code in codes(coded(nlp, resolver, coder, text))


def test_attacking_a_view_is_criticism(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The senator attacked the hateful ideology of the rebels.")
    assert codes(events) == ["111"]


@pytest.mark.parametrize("text", [
    "Erdogan attacked Netanyahu in a speech to his party in Ankara.",
    "Macron and Le Pen exchanged barbs over pensions during the televised debate.",
])
def test_named_people_attacking_each_other_do_it_in_words(nlp: Language, resolver: ActorResolver,
                                                          coder: EventCoder, text: str) -> None:
    events = coded(nlp, resolver, coder, text)
    found = codes(events)
    assert "111" in found and not any(c[:2] in ("18", "19", "20") for c in found), found


def test_a_named_person_shooting_back_retorts(nlp: Language, resolver: ActorResolver,
                                              coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Erdogan shot back at Macron in a televised speech on Saturday.")
    assert "111" in codes(events) and not any(c[:2] == "19" for c in codes(events)), codes(events)


@pytest.mark.parametrize("text", [
    "Washington condemned the incursion but stopped short of imposing sanctions on Ankara.",
    "The ministers stopped short of recognising the breakaway region.",
])
def test_stopping_short_of_an_act_is_not_doing_it(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                                  text: str) -> None:
    found = codes(coded(nlp, resolver, coder, text))
    assert not any(c[:2] in ("05", "16") for c in found), found


def test_a_deal_is_no_doer(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The agreement with the Syrian government allowed Russian police to "
                                         "patrol the town.")
    assert all(e.source is None or e.source.country != "SYR" for e in events if e.cameo[:2] == "08"), \
        [(e.cameo, e.source) for e in events]


@pytest.mark.parametrize("text, code", [
    ("The Iranian foreign minister questioned the legitimacy of the American sanctions.", "111"),
    ("Turkish police questioned more than 100 suspects after the bombing.", "091"),
])
def test_what_is_questioned_tells_doubt_from_inquiry(nlp: Language, resolver: ActorResolver,
                                                     coder: EventCoder, text: str, code: str) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == [code]


def test_gunmen_attacking_a_named_person_is_violence(nlp: Language, resolver: ActorResolver,
                                                     coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Taliban gunmen attacked Governor Ahmadi near his house.")
    assert any(c[:2] == "19" for c in codes(events)), codes(events)


@pytest.mark.parametrize("text", [
    "The new tax hit the farming industry hardest.",
    "The campaign targeted the governor's record.",
])
def test_a_blow_to_figures_or_views_is_no_event(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                                text: str) -> None:
    assert not coded(nlp, resolver, coder, text)


def test_a_rocket_hitting_a_market_stays_violence(nlp: Language, resolver: ActorResolver,
                                                   coder: EventCoder) -> None:
    assert [c[:2] for c in codes(coded(nlp, resolver, coder, "A rocket hit the market in Aleppo."))] == ["19"]


@pytest.mark.parametrize("text", [
    "The sanctions will not force Iran to back down.",
    "The strikes did not cause the rebels to retreat, he said.",
])
def test_what_a_cause_did_not_bring_about_did_not_happen(nlp: Language, resolver: ActorResolver,
                                                         coder: EventCoder, text: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert not events, codes(events)  # neither a retreat nor a refusal


def test_what_a_cause_brought_about_happened(nlp: Language, resolver: ActorResolver,
                                             coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Heavy shelling forced the rebels to retreat.")
    assert codes(events) == ["0874"]


def test_a_suggested_act_is_not_told_as_done(nlp: Language, resolver: ActorResolver,
                                             coder: EventCoder) -> None:
    text = "The memo was read as a suggestion that the minister offer to resign, a source said."
    assert not coded(nlp, resolver, coder, text)


@pytest.mark.parametrize("text", [
    "The two governments failed to reach agreement on a prisoner exchange.",
    "Negotiators have failed to reach a deal on the border after hours of talks.",
])
def test_talks_that_end_without_a_deal_reject_the_settlement(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == ["127"]


def test_a_failed_arrest_is_still_no_arrest(nlp: Language, resolver: ActorResolver,
                                            coder: EventCoder) -> None:
    assert not coded(nlp, resolver, coder, "Police failed to arrest the suspect.")


def test_the_indirect_object_receives_what_is_given(nlp: Language, resolver: ActorResolver,
                                                     coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Russia gave Armenia some of the military equipment.")
    assert codes(events) == ["072"]
    assert events[0].target is not None and events[0].target.code == "ARM"


def test_money_allocated_is_aid(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    text = "The European Commission is allocating 95 million euros in humanitarian support for Yemen."
    assert codes(coded(nlp, resolver, coder, text)) == ["071"]


@pytest.mark.parametrize("text, code", [
    ("A Kurdish fighter recognised the voice of his commander on the radio.", None),
    ("The minister recognises the importance of trade with its neighbours.", None),
    ("Sweden recognised the State of Palestine in 2014.", "054"),
    ("The militants cut his head off in front of the camera.", "1823"),
    ("Kurdish forces freed the city from the militants.", "192"),
    ("The rebels freed two hostages.", "0841"),
    ("The Gulf states pledged 100 million dollars to the rebels.", "0331"),
])
def test_senses_by_what_is_acted_on(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                    text: str, code: str | None) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == ([code] if code else [])


@pytest.mark.parametrize("text", [
    "Critics argue that the sanctions punish ordinary Iranians.",
    "Many believe Russia will eventually withdraw its troops from Syria.",
    "Analysts said Turkey will attack Afrin.",
])
def test_forecasts_and_general_claims_of_commentators_are_no_events(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    assert not coded(nlp, resolver, coder, text)


@pytest.mark.parametrize("text, root", [
    ("Residents said soldiers fired on the crowd.", "19"),          # a witness tells what was done
    ("Officials said Turkey will attack Afrin.", "13"),             # an official's word is a threat
    ("Mr Lavrov said Russia will withdraw its troops.", "03"),
])
def test_what_witnesses_tell_and_officials_announce_stays(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, root: str) -> None:
    assert [c[:2] for c in codes(coded(nlp, resolver, coder, text))] == [root]


@pytest.mark.parametrize("text", [
    "A possible Turkish offensive against the Kurds worries Washington.",
    "Moscow said that US air strikes against Iraq could do serious harm to relations.",
    "The minister said Washington would violate the treaty by attacking without approval.",
])
def test_acts_only_talked_of_are_not_done(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                          text: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert not [c for c in codes(events) if c[:2] in ("18", "19", "20")], codes(events)


def test_a_planned_act_is_an_intention(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    text = "The planned withdrawal of American troops from Syria was announced on Monday."
    assert codes(coded(nlp, resolver, coder, text)) == ["0356"]


@pytest.mark.parametrize("text, code", [
    ("A NATO air strike killed six civilians.", "IGOWSTNAT"),
    ("An al-Qaida car bomb destroyed the embassy.", "IMGMOSALQ"),
])
def test_a_group_or_alliance_behind_a_weapon_is_the_doer(nlp: Language, resolver: ActorResolver,
                                                        coder: EventCoder, text: str, code: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert events and events[0].source is not None and events[0].source.code == code


@pytest.mark.parametrize("text, code", [
    ("Tehran has agreed to curb its enrichment of uranium.", "035"),   # intent to yield
    ("Iran curbed its oil exports.", "080"),
    ("The government restricted access to the city.", "172"),          # imposed on others
])
def test_restraint_on_oneself_is_a_concession(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                              text: str, code: str) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == [code]


@pytest.mark.parametrize("text, code, source, target", [
    ("Russia and Turkey signed an agreement on Idlib.", "057", "RUS", "TUR"),
    ("Iran and Iraq held talks in Baghdad.", "040", "IRN", "IRQ"),
])
def test_two_sides_acting_together_are_one_event_between_them(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, code: str, source: str,
        target: str) -> None:
    events = coded(nlp, resolver, coder, text)
    assert [(e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
            for e in events] == [(code, source, target)]


def test_a_named_partner_stays_the_target(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Russia and Iran held talks with Turkey in Sochi.")
    assert {(e.source.code if e.source else None, e.target.code if e.target else None) for e in events} == {
        ("RUS", "TUR"), ("IRN", "TUR")}


def test_the_owner_of_a_view_rejected_is_the_target(nlp: Language, resolver: ActorResolver,
                                                    coder: EventCoder) -> None:
    text = "Both ministers rejected Smith's assessment that the country was isolated."
    events = coded(nlp, resolver, coder, text)
    assert events and events[0].target is not None and events[0].target.text == "Smith"


@pytest.mark.parametrize("text, code", [
    ("Aid agencies warn that the situation could deteriorate.", None),        # pessimism (012)
    ("The ministry called the strike a flagrant violation of international law.", None),
    ("He gave an interview to an American journalist in a blazer.", None),
    ("The government gave in to the protesters.", "080"),
    ("Rebels bombed a bus in Ankara.", "183"),
    ("Russian jets bombed a hospital in Idlib.", "195"),
    ("Iran vowed to retaliate.", "1384"),
    ("The United States withdrew from the nuclear deal in 2018.", "160"),
    ("Russian troops withdrew from the town.", "0874"),
])
def test_senses_from_the_feature_review(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                        text: str, code: str | None) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == ([code] if code else [])


def test_two_sides_agreeing_agree_with_each_other(nlp: Language, resolver: ActorResolver,
                                                  coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Armenia and Azerbaijan have agreed to a ceasefire.")
    assert [(e.source.code if e.source else None, e.target.code if e.target else None) for e in events] == [
        ("ARM", "AZE")]
    promised = coded(nlp, resolver, coder, "Russia and Turkey promised to withdraw.")
    assert len(promised) == 2  # a promise is each one's own


@pytest.mark.parametrize("text", ["The sanctions have hit ordinary people hardest.",
                                  "The embargo killed thousands of children, the report said."])
def test_economic_blows_are_not_attacks(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                        text: str) -> None:
    assert not [c for c in codes(coded(nlp, resolver, coder, text)) if c[:2] in ("18", "19", "20")]


def test_a_date_opening_the_sentence_is_not_part_of_the_subject(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "On 9 May Turkish jets struck a depot near the border.")
    assert events and events[0].source is not None
    assert events[0].source.text == "Turkish jets"


@pytest.mark.parametrize("text, target", [
    ("Tehran warned that London would regret the seizure of the tanker.", "London"),
    ("The Iranian foreign minister warned that Washington would pay a heavy price.", "Washington"),
])
def test_a_warning_of_what_befalls_someone_is_aimed_at_them(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, target: str) -> None:
    threats = [e for e in coded(nlp, resolver, coder, text) if e.cameo[:2] == "13"]
    assert threats and threats[0].target is not None and threats[0].target.text == target, threats


def test_a_warning_that_tells_the_harm_keeps_the_harms_target(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    text = "Ankara warned that its jets would strike the militia's camps."
    threats = [e for e in coded(nlp, resolver, coder, text) if e.cameo[:2] == "13"]
    assert threats and threats[0].target is not None and "camps" in threats[0].target.text


@pytest.mark.parametrize("text, target", [
    ("Ankara demanded that Syrian forces pull back behind the line.", "Syrian forces"),
    ("The EU demanded that Israel lift the blockade.", "Israel"),
])
def test_a_demand_told_in_a_that_clause_is_made_of_its_subject(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, target: str) -> None:
    asks = [e for e in coded(nlp, resolver, coder, text) if e.cameo[:2] in ("02", "10")]
    assert asks and asks[0].target is not None and asks[0].target.text == target, asks


@pytest.mark.parametrize("text", [
    "The EU pledged €20m in emergency aid to Lebanon.",
    "Britain pledged £7m to the UN refugee agency.",
])
def test_an_amount_pledged_is_economic_aid(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                           text: str) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == ["0331"]


@pytest.mark.parametrize("text", [
    "The army pressed on with its assault on the town.",
    "The junta pressed ahead with the vote.",
])
def test_pressing_on_with_something_is_no_demand(nlp: Language, resolver: ActorResolver,
                                                 coder: EventCoder, text: str) -> None:
    assert "10" not in {c[:2] for c in codes(coded(nlp, resolver, coder, text))}


def test_asking_not_to_be_named_is_no_appeal(nlp: Language, resolver: ActorResolver,
                                             coder: EventCoder) -> None:
    doc = nlp("A Red Crescent medic, who asked not to be named, said two shells hit the clinic.")
    events = coder.code(doc, resolver.resolve(doc, None), "t")
    assert not [e for e in events if e.cameo[:2] == "02"], [e.cameo for e in events]


def test_a_demand_that_the_guilty_be_identified_is_still_a_demand(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    text = "The opposition demanded that the killers be identified and punished."
    assert "10" in {c[:2] for c in codes(coded(nlp, resolver, coder, text))}


def test_a_passive_joined_to_an_active_verb_does_not_make_its_sufferer_the_doer(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    text = ("Hezbollah, which has fought Israel since 1982 and is designated a terrorist group by "
            "the Netherlands, denied the report.")
    listed = [e for e in coded(nlp, resolver, coder, text) if e.cameo == "163"]
    assert listed and listed[0].target is not None and listed[0].target.text == "Hezbollah"
    assert listed[0].source is not None and listed[0].source.text == "the Netherlands"


def test_the_agent_hung_on_a_passives_predicate_noun_is_the_doer(
        nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    listed = coded(nlp, resolver, coder, "The militia is designated a terrorist group by Canada.")
    assert listed and listed[0].source is not None and listed[0].source.text == "Canada"


@pytest.mark.parametrize("text, code", [
    ("Two fighters were killed in a Turkish air strike.", "195"),
    ("Three civilians were wounded by Syrian shelling near the border.", "194"),
    ("Israeli missiles killed five militants.", "195"),
    # a bomb's or a gunman's killing stays an assault
    ("A car bomb killed four soldiers.", "18"),
    ("A suicide bomber killed twelve people at the market.", "18"),
])
def test_a_killing_by_the_weapons_of_war_is_fighting(nlp: Language, resolver: ActorResolver,
                                                     coder: EventCoder, text: str, code: str) -> None:
    found = codes(coded(nlp, resolver, coder, text))
    assert found and found[0].startswith(code), found


@pytest.mark.parametrize("text", [
    "The talks were suspended in March.",
    "Elections scheduled for June were postponed indefinitely.",
])
def test_talks_and_deals_with_no_doer_and_no_known_actor_are_no_event(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    assert codes(coded(nlp, resolver, coder, text)) == []


def test_an_agentless_act_done_to_a_known_actor_stays(nlp: Language, resolver: ActorResolver,
                                                      coder: EventCoder) -> None:
    assert codes(coded(nlp, resolver, coder, "Iran was invited to the talks in Vienna.")) != []


def test_a_force_seizing_a_named_town_occupies_it(nlp: Language, resolver: ActorResolver,
                                                   coder: EventCoder) -> None:
    assert codes(coded(nlp, resolver, coder, "Islamic State seized Falluja in May.")) == ["192"]
    assert codes(coded(nlp, resolver, coder, "Rebels seized the tanker.")) == ["171"]


def test_what_was_not_being_done_is_no_refusal(nlp: Language, resolver: ActorResolver,
                                              coder: EventCoder) -> None:
    doc = nlp("Officials said the United States was not negotiating with Cuba.")
    events = [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if e.cameo[:2] == "12"]
    assert events == [] or all(e.negated for e in events)


def test_a_warning_that_judges_is_a_pessimistic_comment(nlp: Language, resolver: ActorResolver,
                                                        coder: EventCoder) -> None:
    text = "The Iraqi commander warned that any deal with the militia would be a grave mistake."
    assert "13" not in {c[:2] for c in codes(coded(nlp, resolver, coder, text))}


@pytest.mark.parametrize("text, root", [
    ("The Iraqi parliament voted to expel foreign troops from the country.", "17"),
    ("The Turkish parliament voted to send troops to Libya.", "15"),
])
def test_a_vote_to_act_is_the_act_decided(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                          text: str, root: str) -> None:
    assert any(c[:2] == root for c in codes(coded(nlp, resolver, coder, text))), codes(
        coded(nlp, resolver, coder, text))


@pytest.mark.parametrize("text", [
    "The Iraqi parliament voted on the budget on Monday.",
    "The Turkish parliament voted 350 to 120.",
])
def test_a_vote_with_nothing_to_do_is_no_event(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                               text: str) -> None:
    assert not codes(coded(nlp, resolver, coder, text))


def test_a_vote_to_back_a_cause_is_a_stance(nlp: Language, resolver: ActorResolver,
                                            coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "The Canadian finance minister voted to support the new constitution.")
    assert not any(c[:2] == "05" for c in codes(events)), codes(events)


def test_standing_by_an_ally_is_support(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Greece stood by Cyprus throughout the dispute.")
    assert "051" in codes(events), codes(events)


def test_warning_of_what_cannot_be_done_is_no_threat(nlp: Language, resolver: ActorResolver,
                                                     coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "Aid groups in Lebanon warn that the shelters cannot take in more families.")
    assert not any(c[:2] == "13" for c in codes(events)), codes(events)


def test_troops_poured_across_a_border_are_deployed(nlp: Language, resolver: ActorResolver,
                                                    coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Turkey poured armoured units into northern Syria on Sunday.")
    assert any(c[:2] == "15" for c in codes(events)), codes(events)


def test_critics_of_a_government_are_its_opposition(nlp: Language, resolver: ActorResolver,
                                                    coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Critics of the Hungarian government accused the prime minister of "
                                         "muzzling the press.")
    accusation = [e for e in events if e.cameo.startswith("11")]
    assert accusation and accusation[0].source is not None and accusation[0].source.code == "HUNOPP", events


def test_a_purge_of_public_servants_is_an_administrative_sanction(nlp: Language, resolver: ActorResolver,
                                                                   coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "Egyptian authorities dismissed thousands of teachers after the coup.")
    assert "172" in codes(events), codes(events)


def test_an_agent_hung_on_the_name_given_lists_the_group(nlp: Language, resolver: ActorResolver,
                                                         coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Hezbollah is listed as a terrorist organisation by Australia.")
    listing = [e for e in events if e.cameo.startswith("163")]
    assert listing and listing[0].source is not None and listing[0].source.country == "AUS", events


@pytest.mark.parametrize("text, code", [
    ("Indian and Pakistani troops traded fire across the Line of Control on Sunday.", "19"),
    ("The two foreign ministers traded insults at the summit.", "11"),
])
def test_trading_fire_or_insults_is_no_trade(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                             text: str, code: str) -> None:
    found = codes(coded(nlp, resolver, coder, text))
    assert any(c[:2] == code for c in found) and "061" not in found, found


def test_a_warning_of_what_the_own_side_could_do_is_a_threat(nlp: Language, resolver: ActorResolver,
                                                             coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "The Indian army chief warned that India could cross the border to hit militant camps.")
    threats = [e for e in events if e.cameo[:2] == "13"]
    assert threats, [(e.cameo, e.source, e.target) for e in events]
    assert all(e.target is None or e.target.country != "IND" for e in threats), threats


def test_fire_traded_by_two_sides_is_one_event_each_way(nlp: Language, resolver: ActorResolver,
                                                        coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Armenia and Azerbaijan traded fire along the border overnight.")
    assert {(e.source and e.source.country, e.target and e.target.country)
            for e in events if e.cameo[:2] == "19"} == {("ARM", "AZE"), ("AZE", "ARM")}, events


def test_the_one_let_act_is_the_target(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Azerbaijan allowed Israeli jets to use its airfields.")
    allowed = [e for e in events if e.cameo.startswith("08")]
    assert allowed and allowed[0].target is not None and allowed[0].target.country == "ISR", events


def test_a_demand_for_a_named_sides_act_is_made_of_it(nlp: Language, resolver: ActorResolver,
                                                       coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The Iraqi government demanded an immediate Turkish withdrawal.")
    demand = [e for e in events if e.cameo.startswith("10")]
    assert demand and demand[0].target is not None and demand[0].target.country == "TUR", events


@pytest.mark.parametrize("text, expected", [
    ("The council charged the monitors with overseeing the truce in the south.", None),
    ("The commission was charged with drafting a new electoral law.", None),
    ("Prosecutors in Kyiv charged the former minister with taking bribes.", "11"),
])
def test_a_duty_given_is_no_charge(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                   text: str, expected: str | None) -> None:
    found = [c[:2] for c in codes(coded(nlp, resolver, coder, text)) if c[:2] in ("11", "17")]
    assert (found[:1] == [expected]) if expected else not found, found


def test_destroying_ones_own_weapons_attacks_no_one(nlp: Language, resolver: ActorResolver,
                                                    coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder,
                   "Libya destroyed its chemical weapons under international supervision.")
    assert not any(c[:2] in ("18", "19", "20") for c in codes(events)), codes(events)


def test_a_description_in_apposition_stands_for_the_name(nlp: Language, resolver: ActorResolver,
                                                         coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Hamas, an Islamist movement that fought Israel in 2014, rejected "
                                         "the proposal.")
    fights = [e for e in events if e.cameo[:2] == "19"]
    assert fights and fights[0].source is not None and fights[0].source.code == "PSEREB", fights


def test_sanctions_imposed_again_are_sanctions(nlp: Language, resolver: ActorResolver,
                                                coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The European Union reimposed sanctions on Belarus in March.")
    assert "163" in codes(events), codes(events)


@pytest.mark.parametrize("text", [
    "The Arab League passed a resolution condemning Israel on Sunday.",
    "The Egyptian foreign ministry issued a statement condemning Israel.",
])
def test_a_document_speaks_for_its_issuer(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                          text: str) -> None:
    events = coded(nlp, resolver, coder, text)
    condemn = [e for e in events if e.cameo.startswith("111")]
    assert condemn and condemn[0].source is not None and condemn[0].source.code, events
    assert condemn[0].target is not None and condemn[0].target.country == "ISR", events


def test_an_embassy_reopened_opens_ties_with_the_host(nlp: Language, resolver: ActorResolver,
                                                      coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "Bahrain reopened its embassy in Damascus on Tuesday.")
    assert ("BHR", "SYR") in {(e.source and e.source.country, e.target and e.target.country)
                              for e in events if e.cameo == "054"}, events
