"""The Python API: `from thucydides import Coder`."""

from __future__ import annotations

import json

from thucydides import Coder
from thucydides.models import Article, Document, Reject


def test_code_returns_typed_document_with_to_dict() -> None:
    doc = Coder().code("Rebels attacked an army convoy near the border on Monday.", date="2021-03-02",
                       id="api-1")
    assert isinstance(doc, Document) and doc.id == "api-1" and doc.date == "2021-03-02"
    attacks = [e for e in doc.events if e.cameo.startswith(("18", "19"))]
    assert attacks and attacks[0].date == "2021-03-01"
    assert (attacks[0].date_source, attacks[0].date_precision) == ("relative-to-publication", "day")
    assert attacks[0].why["date"] == "clause"
    as_dict = doc.to_dict()
    json.dumps(as_dict)
    assert as_dict["events"][0]["trigger"]["text"] in doc.text


def test_code_many_streams_articles_records_and_texts_in_order() -> None:
    items = [
        Article("a", "Police arrested two smugglers at the port."),
        {"id": "b", "text": "The minister condemned the attack.", "date": "2020-05-05"},
        {"id": "c", "text": "No date here.", "date": "05/05/2020"},
        "Protesters marched through the capital.",
        42,
    ]
    out = list(Coder().code_many(items))  # type: ignore[arg-type]
    assert [type(o).__name__ for o in out] == ["Document", "Document", "Reject", "Document", "Reject"]
    assert [o.id for o in out[:2]] == ["a", "b"] and out[3].id == "doc-4"
    assert isinstance(out[2], Reject) and "invalid date" in out[2].reason
    assert isinstance(out[4], Reject) and "got int" in out[4].reason


def test_an_article_with_no_date_is_dated_by_its_dateline() -> None:
    text = ("Turkey strikes Kurdish positions\n\nISTANBUL, 12 March 2019 - Turkish jets bombed Kurdish "
            "positions in northern Iraq, the defence ministry said.")
    doc = Coder().code(text, id="dl-1")
    assert doc.date == "2019-03-12"
    bombed = [e for e in doc.events if e.cameo.startswith("19")]
    assert bombed and bombed[0].date == "2019-03-12"
    given = Coder().code(text, id="dl-2", date="2019-03-13")  # a date given wins over the dateline
    assert given.date == "2019-03-13"
