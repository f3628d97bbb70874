"""The reference article (../shared/examples) codes as its README says.

The article is read from the shared folder beside the repository, never copied into it;
the test skips where that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thucydides.models import Document

SHARED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "pentagon-rejects-joint-airstrikes.jsonl"

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
