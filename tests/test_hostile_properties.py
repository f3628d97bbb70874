"""Property tests: whatever bytes, records, texts or HTTP bodies arrive, the readers, the Python
API and the service answer with an article, a reject or a 4xx, and never raise or give a 500."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_service_api import FakeCoder

from thucydides import Coder
from thucydides.ingest import article_from_record, articles_from_jsonl_lines, read_stdin
from thucydides.models import Article, Document, Reject
from thucydides.service import Limits, create_app

# Text with what breaks coders: lone surrogates, controls, quote and bracket runs, odd spaces.
hostile_chars = st.one_of(
    st.characters(codec=None),
    st.sampled_from(['"', "(", ")", "\u201c", "\u201d", "\n", "\r", "\t", "\u2028", "\x00",
                     "\ud800", "\udfff"]),
)
hostile_text = st.one_of(
    st.text(hostile_chars, max_size=300),
    st.builds(lambda c, n, t: t + c * n, st.sampled_from(['"', "(", "\u201c", ".", "-", "x"]),
              st.integers(0, 3000), st.text(max_size=50)),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
records = st.fixed_dictionaries({}, optional={
    "id": json_values, "text": st.one_of(hostile_text, json_values), "date": st.one_of(
        json_values, st.sampled_from(["0001-01-01", "9999-12-31", "2024-02-30", "2024-03-08"])),
    "title": json_values, "source": json_values, "url": json_values,
})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=8))
def test_jsonl_bytes_give_one_article_or_reject_per_line(lines: list[bytes]) -> None:
    raw = b"\n".join(lines)
    items = list(read_stdin(io.BytesIO(b"{" + raw)))
    assert all(isinstance(i, (Article, Reject)) for i in items)


@settings(max_examples=300, deadline=None)
@given(st.lists(json_values, max_size=6))
def test_json_lines_of_any_value_give_one_item_each(values: list[Any]) -> None:
    lines = [json.dumps(v) for v in values]
    items = list(articles_from_jsonl_lines(lines, "gen.jsonl"))
    assert len(items) == len([x for x in lines if x.strip()])
    for n, item in enumerate(items, start=1):
        assert isinstance(item, (Article, Reject)) and item.origin == f"gen.jsonl:{n}"


@settings(max_examples=300, deadline=None)
@given(records)
def test_records_give_an_article_that_can_be_written_or_a_reject(record: dict[str, Any]) -> None:
    item = article_from_record(record, "<gen>", default_id="gen")
    assert isinstance(item, (Article, Reject))
    if isinstance(item, Article):
        for value in (item.id, item.text, item.title or "", item.source or "", item.url or ""):
            value.encode("utf-8")  # would raise on a surrogate
    else:
        item.reason.encode("utf-8", "surrogateescape")


@pytest.fixture(scope="module")
def api() -> Coder:
    return Coder()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(hostile_text, records), min_size=1, max_size=4))
def test_code_many_answers_every_item_and_never_raises(api: Coder, items: list[Any]) -> None:
    out = list(api.code_many(items))
    assert len(out) == len(items)
    for result in out:
        assert isinstance(result, (Document, Reject))
        if isinstance(result, Reject):
            assert not result.reason.startswith("coder error"), result.reason
        else:
            json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(hostile_text, json_values), st.one_of(json_values, st.dates()), json_values)
def test_code_raises_only_type_and_value_errors(api: Coder, text: Any, when: Any, ident: Any) -> None:
    try:
        doc = api.code(text, date=when, id=ident)
    except (TypeError, ValueError):
        return
    assert isinstance(doc, Document)


@pytest.fixture(scope="module")
def service() -> Iterator[TestClient]:
    limits = Limits(max_body_bytes=50_000, max_articles=5, code_timeout_s=5.0, max_pending=4)
    with TestClient(create_app(coder_factory=FakeCoder, limits=limits)) as client:
        yield client


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(json_values, st.lists(records, max_size=6), records))
def test_any_json_body_gets_a_document_or_a_4xx(service: TestClient, body: Any) -> None:
    response = service.post("/v1/code", content=json.dumps(body).encode("utf-8", "surrogatepass"),
                            headers={"content-type": "application/json"})
    assert response.status_code < 500, (response.status_code, response.text[:300])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["application/json", "text/plain", "text/html"]))
def test_any_bytes_body_gets_a_document_or_a_4xx(service: TestClient, body: bytes, ctype: str) -> None:
    response = service.post("/v1/code", content=body, headers={"content-type": ctype})
    assert response.status_code < 500, (response.status_code, response.text[:300])
