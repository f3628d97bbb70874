"""The reference article (../shared/examples) codes as its README says.

The article is read from the shared folder beside the repository, never copied into it;
the test skips where that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thucydides.models import Document

SHARED = (Path(__file__).resolve().parents[2] / "shared" / "examples"
          / "pentagon-rejects-joint-airstrikes.jsonl")

pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared/examples is not beside the repository")


@pytest.fixture(scope="module")
def coded() -> Document:
    from thucydides.coder import Coder

    record = json.loads(SHARED.read_text(encoding="utf-8").splitlines()[0])
    return Coder().code(record["text"], date=record["date"], id=record["id"])


def _events(doc: Document, prefix: tuple[str, ...]) -> list:
    return [e for e in doc.events if not e.negated and e.cameo.startswith(prefix)]


def _country(side) -> str | None:
    return side.country if side else None


def test_rejection_usa_to_russia(coded: Document) -> None:
    rejects = _events(coded, ("12",))
    assert any(_country(e.source) == "USA" and _country(e.target) == "RUS" for e in rejects), \
        [(e.cameo, e.source, e.target) for e in rejects]


def test_russian_proposal_is_intent_not_action(coded: Document) -> None:
    proposals = _events(coded, ("03", "02"))
    assert any(_country(e.source) == "RUS" and _country(e.target) == "USA" for e in proposals), \
        [(e.cameo, e.source, e.target) for e in proposals]


def test_bombing_campaigns_by_both(coded: Document) -> None:
    bombing = _events(coded, ("19",))
    assert {"RUS", "USA"} <= {_country(e.source) for e in bombing}, [(e.cameo, e.source) for e in bombing]


def test_putin_withdraws_troops(coded: Document) -> None:
    withdrawals = _events(coded, ("087",))
    assert any(e.source and e.source.code == "RUSGOV" for e in withdrawals), \
        [(e.cameo, e.source) for e in withdrawals]


def test_no_cooperation_between_usa_and_russia(coded: Document) -> None:
    coop = _events(coded, ("04", "05", "06", "07", "08"))
    pairs = {(_country(e.source), _country(e.target)) for e in coop}
    assert ("USA", "RUS") not in pairs and ("RUS", "USA") not in pairs, pairs


def _actor(doc: Document, text: str, nth: int = 0):
    found = [a for a in doc.actors if a.text == text]
    assert len(found) > nth, (text, [a.text for a in doc.actors])
    return found[nth]


def test_actors_resolve_as_the_reference_says(coded: Document) -> None:
    assert _actor(coded, "Pentagon spokesman Navy Captain Jeff Davis").code == "USAMIL"
    shoigu = _actor(coded, "Russian Defense Minister Sergei Shoigu")
    assert shoigu.code in ("RUSMIL", "RUSGOV") and shoigu.name == "Sergei Shoigu"
    later = _actor(coded, "Shoigu")
    assert later.entity == shoigu.entity and later.code == shoigu.code
    assert _actor(coded, "Russian President Vladimir Putin").code == "RUSGOV"
    assert _actor(coded, "al-Nusra Front").code == "SYRREB"
    assert _actor(coded, "Russian Air Forces").code == "RUSMIL"
    islamic_state = {_actor(coded, name).entity for name in ("Islamic State", "ISIS", "ISIL", "Daesh", "IS")}
    assert len(islamic_state) == 1
    assert _actor(coded, "Islamic State").country == "IMG"


def test_he_after_davis_quote_is_davis(coded: Document) -> None:
    davis = _actor(coded, "Pentagon spokesman Navy Captain Jeff Davis")
    he = _actor(coded, "he")
    assert he.entity == davis.entity and he.code == "USAMIL"


def test_times_resolve_against_the_publication_date(coded: Document) -> None:
    values = {(t.text, t.value) for t in coded.times}
    for expected in (("Friday", "2016-05-20"), ("Earlier Friday", "2016-05-20"), ("Wednesday", "2016-05-25"),
                     ("May 25", "2016-05-25"), ("late February", "2016-02"), ("Nov. 12, 2015", "2015-11-12")):
        assert expected in values, values
    assert any(value == "2016-03" for _, value in values), values


def test_times_without_publication_date_pin_the_year() -> None:
    from thucydides.coder import Coder

    record = json.loads(SHARED.read_text(encoding="utf-8").splitlines()[0])
    doc = Coder().code(record["text"], date=None, id=record["id"])
    values = {(t.text, t.value) for t in doc.times}
    assert ("May 25", "2016-05-25") in values and ("Wednesday", "2016-05-25") in values, values


def test_places_are_geocoded(coded: Document) -> None:
    by_text = {p.text: p for p in coded.places}
    for name, country in (("Syria", "SYR"), ("Turkey", "TUR"), ("Iraq", "IRQ")):
        assert by_text[name].country == country
    incirlik = by_text["Incirlik Air Base"]
    assert incirlik.feature == "airbase" and incirlik.country == "TUR"
    assert abs(incirlik.lat - 37.0) < 0.2 and abs(incirlik.lon - 35.43) < 0.2
    border = by_text["Syria’s Turkish border"]
    assert border.feature == "border" and set(border.country.split("/")) == {"SYR", "TUR"}
    assert by_text["WASHINGTON"].role == "dateline"
    # the dateline is only a fallback, and says so; no event is placed at an actor's country by default
    for e in coded.events:
        assert (e.location is not None and e.location.role == "dateline") == (e.location_source == "dateline")
        assert e.location_source in ("clause", "sentence", "passage", "dateline", "article", "none")
    rejections = [e for e in coded.events if e.trigger.text.lower().startswith("reject")]
    assert rejections and all(e.location is None or e.location.country != "RUS" for e in rejections)


def test_two_quotes_each_by_davis_and_shoigu(coded: Document) -> None:
    direct = [q for q in coded.quotes if q.kind == "direct" and q.speaker]
    davis = [q for q in direct if q.speaker.name == "Jeff Davis"]
    shoigu = [q for q in direct if q.speaker.name == "Sergei Shoigu"]
    assert len(davis) == 2 and len(shoigu) == 2, [(q.speaker.text, q.content.text[:30]) for q in direct]
    assert all(q.speaker.code == "USAMIL" for q in davis)
    assert all(q.speaker.code in ("RUSMIL", "RUSGOV") for q in shoigu)
