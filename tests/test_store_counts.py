"""GDELT's counts and what the store counts at all: one per telling, only events with a country,
only asserted events; and the upgrade of a v1 store that counted each telling twice."""

from __future__ import annotations

from pathlib import Path

import duckdb
from test_store import GENEVA, make_doc, make_event

from thucydides.models import EventActor, Mention, Span
from thucydides.store import SCHEMA_VERSION, EventStore
from thucydides.store.schema import MIGRATIONS


def told_like_the_coder(event, *more_sentences: int):  # type: ignore[no-untyped-def]
    """The coder's `mentions` hold the event's own telling first, then the others."""
    event.mentions = [Mention(event.sentence_index, Span(event.trigger.text, event.trigger.start,
                                                         event.trigger.end))]
    event.mentions += [Mention(i, Span("talks", 40, 45)) for i in more_sentences]
    return event


def country_less(code: str) -> EventActor:
    return EventActor(code.lower(), 0, len(code), code, None, code, None)


def cluster_counts(path: Path) -> list[tuple[int, int, int]]:
    with EventStore(path, read_only=True) as store:
        df = store.sql("SELECT num_mentions, num_sources, num_articles FROM event_clusters "
                       "ORDER BY cluster_id")
    return [tuple(int(x) for x in row) for row in df.values.tolist()]


def test_a_single_telling_is_one_mention(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", [told_like_the_coder(make_event(0, "RUS", "USA"))])])
    assert cluster_counts(path) == [(1, 1, 1)]


def test_num_mentions_counts_every_telling_once(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", [told_like_the_coder(make_event(0, "RUS", "USA"), 1, 2)]),
                             make_doc("a2", [told_like_the_coder(make_event(0, "RUS", "USA"))])])
    assert cluster_counts(path)[0][0] == 4


def test_num_sources_counts_publishers_not_articles(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    docs = [make_doc(f"a{i}", [told_like_the_coder(make_event(0, "RUS", "USA", location=GENEVA))],
                     source=publisher) for i, publisher in enumerate(["Agency A", "agency a", "Paper B"])]
    with EventStore(path) as store:
        store.add_documents(docs)
    assert cluster_counts(path) == [(3, 2, 3)]


def test_num_articles_counts_articles_not_tellings(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", [told_like_the_coder(make_event(0, "RUS", "USA"), 1)]),
                             make_doc("a2", [told_like_the_coder(make_event(0, "RUS", "USA"))],
                                      source="Paper B")])
    assert cluster_counts(path) == [(3, 2, 2)]


def test_country_less_reports_of_one_day_do_not_merge_and_are_not_aggregated(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    docs = []
    for i in range(2):  # "the government condemned Russia" in two unrelated stories of one day
        event = make_event(0, None, "RUS", "112")
        event.source = country_less("GOV")
        docs.append(make_doc(f"g{i}", [event], text=f"Unrelated story {i}. The government spoke. End."))
    said = make_event(0, None, None, "112")  # "officials said": no country anywhere
    said.source, said.target = country_less("GOV"), country_less("COP")
    docs.append(make_doc("g3", [said]))
    with EventStore(path) as store:
        store.add_documents(docs)
        assert store.count("events") == 3
        assert cluster_counts(path) == [(1, 1, 1), (1, 1, 1)]
        actors = store.actors()
    flagged = actors.set_index("code")
    assert bool(flagged.loc["GOV", "no_country"]) is True and bool(flagged.loc["RUS", "no_country"]) is False
    assert actors["code"].tolist()[-1] == "GOV"  # listed after the actors of known country
    assert "COP" not in flagged.index


def test_non_events_are_in_no_view_or_aggregate(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    events = [make_event(0, "RUS", "USA", "190", date="2024-03-01", negated=True),
              make_event(1, "RUS", "USA", "190", date="2024-03-01", modality="hypothetical"),
              make_event(2, "RUS", "USA", "190", date="2024-03-01", modality="questioned")]
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", events)])
        assert store.count("events") == 3 and store.count("event_mentions") == 0
        assert store.dyad("RUS", "USA")["events"].sum() == 0
        assert len(store.actors()) == 0


def test_min_confidence_filters_queries(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    sure, unsure = make_event(0, "RUS", "USA", "190"), make_event(1, "CHN", "USA", "040", sentence_index=1)
    sure.confidence, unsure.confidence = 0.9, 0.3
    with EventStore(path) as store:
        store.add_documents([make_doc("a1", [sure, unsure])])
        assert store.events(min_confidence=0.5)["cameo"].tolist() == ["190"]
        assert store.actors(min_confidence=0.5)["code"].tolist() == ["RUS", "USA"]
        assert store.dyad("CHN", "USA", min_confidence=0.5)["events"].sum() == 0
        assert store.dyad("CHN", "USA")["events"].sum() == 1


def test_a_v1_store_is_upgraded_and_recounted(tmp_path: Path) -> None:
    from datetime import datetime

    from thucydides.store.flatten import flatten

    path = tmp_path / "old.duckdb"
    doc = make_doc("a1", [told_like_the_coder(make_event(0, "RUS", "USA"))])
    tables = flatten([doc], {"a1": doc.text}, datetime(2024, 3, 5))
    events = tables["events"].drop_columns(["date_precision", "location_source"])
    events = events.set_column(events.schema.get_field_index("n_repeats"), "n_repeats",
                               [[len(doc.events[0].mentions)]])  # what v1 stored: the own telling too
    con = duckdb.connect(str(path))
    for step in MIGRATIONS[0][2]:
        con.execute(step)  # type: ignore[arg-type]
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', now()::TIMESTAMP)")
    for name, rows in {**tables, "events": events}.items():
        con.register("rows", rows)
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM rows")
        con.unregister("rows")
    assert con.execute("SELECT num_mentions FROM event_clusters").fetchall() == [(2,)]
    con.close()
    with EventStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert cluster_counts(path) == [(1, 1, 1)]
