"""The event store on a real DuckDB file: writing, replacing, deduplicating, querying, locking.

Documents are built straight from the data model (no spaCy), so these tests are fast.
`make_doc` and friends are shared with the other test_store_* modules.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from thucydides.models import (
    ActorMention,
    Document,
    Event,
    EventActor,
    Mention,
    Place,
    Plover,
    Quote,
    Sentence,
    Span,
    Speaker,
    TimeExpr,
)
from thucydides.store import SCHEMA_VERSION, EventStore, StoreError, StoreLockedError
from thucydides.store.flatten import event_day

GENEVA = Place("Geneva", 0, 6, "Geneva", 2660646, 46.2, 6.14, "CHE", "city")
DAMASCUS = Place("Damascus", 0, 8, "Damascus", 170654, 33.5, 36.3, "SYR", "city")

# code → (quad class, Goldstein, PLOVER type)
CODES = {
    "040": (1, 1.0, "CONSULT"),
    "036": (1, 4.0, "AGREE"),
    "057": (1, 8.0, "AGREE"),
    "070": (2, 7.0, "AID"),
    "112": (3, -2.0, "ACCUSE"),
    "130": (3, -4.4, "THREATEN"),
    "190": (4, -10.0, "ASSAULT"),
    "193": (4, -10.0, "ASSAULT"),
}


def actor(code: str | None, text: str = "", name: str | None = None, start: int = 0) -> EventActor | None:
    if code is None:
        return None
    return EventActor(text or code, start, start + len(text or code), code, code[:3], code[3:] or None,
                      name or code)


def make_event(i: int, src: str | None, tgt: str | None, cameo: str = "040", date: str | None = None,
               location: Place | None = None, sentence_index: int = 0, repeats: int = 0,
               negated: bool = False, modality: str = "asserted") -> Event:
    quad, goldstein, plover = CODES[cameo]
    return Event(
        id=f"e{i}", sentence_index=sentence_index, trigger=Span("met", 10, 13),
        source=actor(src, name=f"{src} name" if src else None), target=actor(tgt),
        cameo=cameo, quad_class=quad, goldstein=goldstein, plover=Plover(plover, None, ["diplomatic"]),
        date=date, date_source="sentence" if date else "publication", location=location,
        negated=negated, modality=modality, why={"rule": "test"},
        mentions=[Mention(sentence_index + k + 1, Span("talks", 40, 45)) for k in range(repeats)],
    )


def make_doc(doc_id: str, events: list[Event], date: str | None = "2024-03-05", text: str | None = None,
             source: str | None = "Agency A", url: str | None = None, title: str | None = None) -> Document:
    body = text if text is not None else (
        f"Story {doc_id}: the delegations met in Geneva on Tuesday. Officials described the talks. "
        "A third sentence closes it."
    )
    first = body.index(".") + 1
    second = body.index(".", first) + 1
    return Document(
        id=doc_id, date=date, text=body, events=events,
        actors=[ActorMention("Russia", 0, 6, "RUS", "RUS", None, "Russia", "state", 1, 0, "dictionary")],
        places=[GENEVA], times=[TimeExpr("Tuesday", 40, 47, date, 0)],
        quotes=[Quote(f"{doc_id}-q0", Speaker("Lavrov", 0, 6, "RUSGOV", "Sergei Lavrov", 2),
                      Span("said", 7, 11), Span("the talks were useful", 12, 33), "indirect", 1)],
        sentences=[Sentence(0, 0, first), Sentence(1, first, second), Sentence(2, second, len(body))],
        title=title or f"Title {doc_id}", source=source, url=url, coder_version="test-1.0",
    )


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


def count(path: Path, sql: str) -> int:
    with EventStore(path, read_only=True) as store:
        return int(store.sql(sql).iloc[0, 0])


# -- writing -----------------------------------------------------------------
def test_store_writes_every_table_and_records_version(store_path: Path) -> None:
    doc = make_doc("a1", [make_event(0, "RUSGOV", "USA", repeats=1), make_event(1, "USA", "RUS", "112")])
    with EventStore(store_path) as store:
        stats = store.add_documents([doc])
        assert stats.articles == 1 and stats.events == 2 and stats.replaced == 0
        summary = store.summary()
    assert summary["articles"] == 1
    assert summary["events"] == 2
    assert summary["actor_mentions"] == 1 and summary["places"] == 1 and summary["times"] == 1
    assert summary["quotes"] == 1
    assert summary["schema_version"] == SCHEMA_VERSION
    assert count(store_path, "SELECT count(*) FROM event_repeats") == 1
    with EventStore(store_path, read_only=True) as store:
        row = store.sql("SELECT coder_version, text_sha256, n_events FROM articles").iloc[0]
        versions = store.sql("SELECT version FROM schema_version")
    assert row["coder_version"] == "test-1.0"
    assert len(row["text_sha256"]) == 64
    assert row["n_events"] == 2
    assert list(versions["version"]) == list(range(1, SCHEMA_VERSION + 1))


def test_reopening_does_not_migrate_twice(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents([make_doc("a1", [make_event(0, "RUS", "USA")])])
    with EventStore(store_path) as store:
        assert store.count("schema_version") == SCHEMA_VERSION
        assert store.count("events") == 1


def test_recoding_same_id_replaces_rows(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents([make_doc("a1", [make_event(0, "RUS", "USA"), make_event(1, "USA", "RUS")])])
        stats = store.add_documents([make_doc("a1", [make_event(0, "RUS", "CHN", "130")])])
        assert stats.replaced == 1
        assert store.count("articles") == 1
        assert store.count("events") == 1
        assert store.count("quotes") == 1 and store.count("places") == 1 and store.count("sentences") == 3
        assert store.sql("SELECT cameo FROM events")["cameo"].tolist() == ["130"]


def test_same_text_under_another_id_replaces_rows(store_path: Path) -> None:
    text = "Russia and the United States held talks in Geneva. Nothing was agreed. More later."
    with EventStore(store_path) as store:
        store.add_documents([make_doc("wire-1", [make_event(0, "RUS", "USA")], text=text)])
        stats = store.add_documents([make_doc("wire-1-copy", [make_event(0, "RUS", "USA")], text=text)])
        assert stats.replaced == 1
        assert store.sql("SELECT article_id FROM articles")["article_id"].tolist() == ["wire-1-copy"]
        assert store.count("events") == 1
        assert store.count("event_clusters") == 1


def test_duplicates_within_one_batch_keep_the_last(store_path: Path) -> None:
    text = "Same wire story word for word. Second sentence. Third one."
    docs = [make_doc("x", [make_event(0, "RUS", "USA")], text=text),
            make_doc("y", [make_event(0, "RUS", "USA", "130")], text=text),
            make_doc("z", [make_event(0, "CHN", "USA")]),
            make_doc("z", [make_event(0, "CHN", "JPN")])]
    with EventStore(store_path) as store:
        stats = store.add_documents(docs)
        assert stats.articles == 2 and stats.replaced == 2
        rows = store.sql("SELECT article_id, cameo, target_code FROM events ORDER BY article_id")
    assert rows.values.tolist() == [["y", "130", "USA"], ["z", "040", "JPN"]]


def test_texts_argument_supplies_missing_text(store_path: Path) -> None:
    doc = make_doc("a1", [make_event(0, "RUS", "USA")])
    text = doc.text
    doc.text = ""
    with EventStore(store_path) as store:
        store.add_documents([doc], texts={"a1": text})
        stored = store.sql("SELECT text, text_sha256 FROM articles").iloc[0]
    assert stored["text"] == text and stored["text_sha256"]


def test_buffered_add_is_written_on_close(store_path: Path) -> None:
    with EventStore(store_path, batch_size=3) as store:
        for i in range(5):
            store.add(make_doc(f"a{i}", [make_event(0, "RUS", "USA", date=f"2024-03-0{i + 1}")]))
        assert store.count("articles") == 3  # one full batch flushed, two queued
    assert count(store_path, "SELECT count(*) FROM articles") == 5


def test_bulk_add_in_several_batches(store_path: Path) -> None:
    docs = (make_doc(f"a{i}", [make_event(0, "RUS", "USA", date=f"2024-01-{i % 28 + 1:02d}")])
            for i in range(250))
    with EventStore(store_path, batch_size=100) as store:
        stats = store.add_documents(docs)
        assert stats.articles == 250 and stats.events == 250
        assert store.count("event_clusters") == 28


# -- deduplication across articles -------------------------------------------
def test_same_event_in_two_articles_is_one_cluster_with_gdelt_counts(store_path: Path) -> None:
    docs = [
        make_doc("a1", [make_event(0, "RUSGOV", "USA", location=GENEVA, repeats=1)], source="Agency A"),
        make_doc("a2", [make_event(0, "RUSGOV", "USA", location=GENEVA, sentence_index=2)], source="Paper B"),
        make_doc("a3", [make_event(0, "RUSGOV", "USA", location=GENEVA, sentence_index=1)],
                 source="Agency A"),
    ]
    with EventStore(store_path) as store:
        store.add_documents(docs)
        clusters = store.events()
        mentions = store.events(level="mention")
    assert len(clusters) == 1
    c = clusters.iloc[0]
    assert (c["num_mentions"], c["num_sources"], c["num_articles"]) == (4, 2, 3)
    assert bool(c["is_root"]) is True
    assert c["first_article_id"] == "a1"
    assert sorted(mentions["article_id"]) == ["a1", "a2", "a3"]
    assert set(mentions["cluster_id"]) == {c["cluster_id"]}
    assert mentions["trigger_start"].tolist() == [10, 10, 10]
    assert mentions.set_index("article_id").loc["a2", "sentence"] == "A third sentence closes it."


def test_different_location_date_or_code_makes_separate_clusters(store_path: Path) -> None:
    docs = [
        make_doc("a1", [make_event(0, "RUS", "USA", location=GENEVA)]),
        make_doc("a2", [make_event(0, "RUS", "USA", location=DAMASCUS)]),
        make_doc("a3", [make_event(0, "RUS", "USA", location=GENEVA, date="2024-03-06")]),
        make_doc("a4", [make_event(0, "RUS", "USA", "112", location=GENEVA)]),
        make_doc("a5", [make_event(0, "USA", "RUS", location=GENEVA)]),
    ]
    with EventStore(store_path) as store:
        store.add_documents(docs)
        assert store.count("event_clusters") == 5


def test_negated_and_hypothetical_events_are_stored_but_not_counted(store_path: Path) -> None:
    doc = make_doc("a1", [make_event(0, "RUS", "USA", "190", negated=True),
                          make_event(1, "RUS", "UKR", "190", modality="hypothetical"),
                          make_event(2, "RUS", "USA", "040")])
    with EventStore(store_path) as store:
        store.add_documents([doc])
        assert store.count("events") == 3
        assert store.count("event_mentions") == 1
        assert store.events()["cameo"].tolist() == ["040"]


def test_event_day_prefers_precise_then_publication_date() -> None:
    from datetime import date

    pub = date(2024, 3, 5)
    assert event_day("2024-02-28", pub) == date(2024, 2, 28)
    assert event_day(None, pub) == pub
    # a month is no day: its first day with its precision, never the publication day it holds
    assert event_day("2024-03", pub) == date(2024, 3, 1)
    assert event_day("2023", pub) == date(2023, 1, 1)
    assert event_day(None, None) is None


# -- queries -----------------------------------------------------------------
def dyad_docs() -> list[Document]:
    return [
        make_doc("a1", [make_event(0, "RUSGOV", "USA", "040", date="2024-01-10")]),
        make_doc("a2", [make_event(0, "USAGOV", "RUS", "112", date="2024-01-20")]),
        make_doc("a3", [make_event(0, "RUSMIL", "USA", "190", date="2024-03-02")]),
        make_doc("a4", [make_event(0, "RUS", "CHN", "057", date="2024-03-03")]),
    ]


def test_dyad_both_directions_fills_empty_months(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents(dyad_docs())
        df = store.dyad("RUS", "USA", by="month")
    assert [p.strftime("%Y-%m") for p in df["period"]] == ["2024-01", "2024-02", "2024-03"]
    assert df["events"].tolist() == [2, 0, 1]
    assert df["verbal_cooperation"].tolist() == [1, 0, 0]
    assert df["verbal_conflict"].tolist() == [1, 0, 0]
    assert df["material_conflict"].tolist() == [0, 0, 1]
    assert df["goldstein_sum"].tolist() == [-1.0, 0.0, -10.0]
    assert df["goldstein_mean"].iloc[0] == pytest.approx(-0.5)


def test_dyad_directed_and_date_range(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents(dyad_docs())
        directed = store.dyad("RUS", "USA", by="month", directed=True)
        ranged = store.dyad("RUS", "USA", start="2024-01-15", end="2024-01-31", by="day")
    assert directed["events"].sum() == 2
    assert ranged["events"].sum() == 1 and len(ranged) == 17


def test_actors_ranks_by_events(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents(dyad_docs())
        df = store.actors(limit=3)
        countries = store.actors(by_country=True)
    assert df["code"].tolist()[:2] == ["RUS", "USA"]  # ties broken by code
    assert df["events"].tolist() == [2, 2, 1]
    assert countries.set_index("country").loc["RUS", "events"] == 4
    assert countries.set_index("country").loc["RUS", "name"] == "Russian Federation"


def test_events_filters_by_actor_code_and_dates(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents(dyad_docs())
        assert len(store.events(actor="RUS")) == 4
        assert len(store.events(actor="CHN")) == 1
        assert store.events(code="19")["cameo"].tolist() == ["190"]
        assert len(store.events(start="2024-03-01")) == 2
        assert len(store.events(end="2024-01-31", actor="USAGOV")) == 1
        with pytest.raises(ValueError):
            store.events(actor="R'; DROP TABLE events; --")


def test_sql_returns_dataframe(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents(dyad_docs())
        df = store.sql("SELECT root_code, count(*) AS n FROM event_clusters GROUP BY 1 ORDER BY 1")
    assert df.values.tolist() == [["04", 1], ["05", 1], ["11", 1], ["19", 1]]


# -- opening errors and locking ------------------------------------------------
def test_read_only_on_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such event store"):
        EventStore(tmp_path / "nope.duckdb", read_only=True).open()


def test_not_a_duckdb_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("this is not a database\n" * 200)
    with pytest.raises(StoreError, match="bad.duckdb"):
        EventStore(bad).open()


def test_newer_schema_is_refused(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.con.execute("INSERT INTO schema_version VALUES (999, 'from the future', now())")
    with pytest.raises(StoreError, match="newer"):
        EventStore(store_path).open()


_HOLDER = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
""")


def _hold_lock(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_second_writer_gets_store_locked_error(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents([make_doc("a1", [make_event(0, "RUS", "USA")])])
    proc = _hold_lock(store_path, 30)
    try:
        began = time.monotonic()
        with pytest.raises(StoreLockedError) as info:
            EventStore(store_path, lock_timeout=0.5).open()
        assert time.monotonic() - began >= 0.5
        assert str(store_path) in str(info.value)
        assert "locked" in str(info.value)
        with pytest.raises(StoreLockedError):
            EventStore(store_path, read_only=True, lock_timeout=0.2).open()
    finally:
        proc.kill()
        proc.wait()
    assert count(store_path, "SELECT count(*) FROM events") == 1


def test_second_writer_waits_for_the_lock(store_path: Path) -> None:
    with EventStore(store_path) as store:
        store.add_documents([make_doc("a1", [make_event(0, "RUS", "USA")])])
    proc = _hold_lock(store_path, 1.5)
    try:
        began = time.monotonic()
        with EventStore(store_path, lock_timeout=30) as store:
            waited = time.monotonic() - began
            store.add_documents([make_doc("a2", [make_event(0, "RUS", "CHN")])])
    finally:
        proc.wait()
    assert waited >= 0.5
    assert count(store_path, "SELECT count(*) FROM articles") == 2


def test_reader_in_the_same_process_as_the_writer_shares_it(store_path: Path) -> None:
    with EventStore(store_path) as writer:
        writer.add_documents([make_doc("a1", [make_event(0, "RUS", "USA")])])
        with EventStore(store_path, read_only=True) as reader:
            assert reader.count("events") == 1


def test_undated_look_alikes_in_different_articles_stay_separate(store_path: Path) -> None:
    one = make_doc("u1", [make_event(1, "RUS", "USA", "040")], date=None)
    two = make_doc("u2", [make_event(1, "RUS", "USA", "040")], date=None)
    with EventStore(store_path) as store:
        store.add_documents([one, two])
        clusters = store.sql("SELECT num_articles FROM event_clusters ORDER BY cluster_id")
    assert clusters["num_articles"].tolist() == [1, 1]


def test_events_without_any_coded_actor_are_kept_but_not_counted(store_path: Path) -> None:
    one = make_doc("n1", [make_event(1, None, None, "112")])
    two = make_doc("n2", [make_event(1, None, None, "112")])
    with EventStore(store_path) as store:
        store.add_documents([one, two])
        assert store.count("events") == 2
        assert store.count("event_clusters") == 0 and store.count("event_mentions") == 0
