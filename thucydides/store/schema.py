"""The store's tables and views, created and migrated in order.

Each migration is a list of SQL statements applied once, in one transaction, and
recorded in `schema_version`. Never edit a released migration: append a new one
(`ALTER TABLE …`, `CREATE OR REPLACE VIEW …`) so that older files upgrade in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thucydides.output import NOT_ASSERTED_MODALITIES

# Events that did not happen, or are only talked about as possible, are kept in
# `events` (the coder's full output) but are not counted as happenings in
# `event_mentions` / `event_clusters`, which feed the exports, queries and plots.
NOT_COUNTED_MODALITIES = NOT_ASSERTED_MODALITIES

COUNTED = (
    "NOT e.negated AND coalesce(e.modality, 'asserted') NOT IN ("
    + ", ".join(f"'{m}'" for m in NOT_COUNTED_MODALITIES) + ")"
)

_V1_TABLES = [
    """
    CREATE TABLE schema_version (
        version INTEGER NOT NULL,
        description VARCHAR NOT NULL,
        applied_at TIMESTAMP NOT NULL
    )""",
    """
    CREATE TABLE articles (
        article_id VARCHAR NOT NULL,
        text_sha256 VARCHAR,
        date VARCHAR,
        pub_date DATE,
        title VARCHAR,
        source VARCHAR,
        url VARCHAR,
        source_key VARCHAR,
        coder_version VARCHAR,
        n_events INTEGER,
        text VARCHAR,
        stored_at TIMESTAMP NOT NULL
    )""",
    """
    CREATE TABLE sentences (
        article_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char INTEGER,
        end_char INTEGER
    )""",
    """
    CREATE TABLE events (
        article_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        event_uid BIGINT NOT NULL,
        cluster_id BIGINT NOT NULL,
        cluster_key VARCHAR NOT NULL,
        sentence_index INTEGER,
        trigger_text VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        source_text VARCHAR,
        source_start INTEGER,
        source_end INTEGER,
        source_code VARCHAR,
        source_country VARCHAR,
        source_sector VARCHAR,
        source_name VARCHAR,
        source_entity INTEGER,
        target_text VARCHAR,
        target_start INTEGER,
        target_end INTEGER,
        target_code VARCHAR,
        target_country VARCHAR,
        target_sector VARCHAR,
        target_name VARCHAR,
        target_entity INTEGER,
        cameo VARCHAR NOT NULL,
        base_code VARCHAR,
        root_code VARCHAR,
        quad_class INTEGER,
        goldstein DOUBLE,
        plover_type VARCHAR,
        plover_mode VARCHAR,
        plover_context VARCHAR[],
        event_date DATE,
        date_text VARCHAR,
        date_source VARCHAR,
        location_text VARCHAR,
        location_name VARCHAR,
        location_geonameid BIGINT,
        location_lat DOUBLE,
        location_lon DOUBLE,
        location_country VARCHAR,
        location_feature VARCHAR,
        negated BOOLEAN NOT NULL,
        confidence DOUBLE,
        modality VARCHAR,
        quote_id VARCHAR,
        n_repeats INTEGER NOT NULL,
        why VARCHAR
    )""",
    """
    CREATE TABLE event_repeats (
        article_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        sentence_index INTEGER,
        trigger_text VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER
    )""",
    """
    CREATE TABLE actor_mentions (
        article_id VARCHAR NOT NULL,
        text VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        code VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        name VARCHAR,
        kind VARCHAR,
        entity INTEGER,
        sentence_index INTEGER,
        how VARCHAR
    )""",
    """
    CREATE TABLE places (
        article_id VARCHAR NOT NULL,
        text VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        name VARCHAR,
        geonameid BIGINT,
        lat DOUBLE,
        lon DOUBLE,
        country VARCHAR,
        feature VARCHAR,
        sentence_index INTEGER,
        role VARCHAR
    )""",
    """
    CREATE TABLE times (
        article_id VARCHAR NOT NULL,
        text VARCHAR,
        start_char INTEGER,
        end_char INTEGER,
        value VARCHAR,
        end_value VARCHAR,
        kind VARCHAR,
        sentence_index INTEGER
    )""",
    """
    CREATE TABLE quotes (
        article_id VARCHAR NOT NULL,
        quote_id VARCHAR,
        kind VARCHAR,
        sentence_index INTEGER,
        speaker_text VARCHAR,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_code VARCHAR,
        speaker_name VARCHAR,
        speaker_entity INTEGER,
        cue_text VARCHAR,
        cue_start INTEGER,
        cue_end INTEGER,
        content_text VARCHAR,
        content_start INTEGER,
        content_end INTEGER
    )""",
]

# One row per counted event as the article reports it (GDELT's "mention"): with its
# article, span, sentence and publisher. Computed, so it is never stale after a write.
_V1_EVENT_MENTIONS = f"""
    CREATE OR REPLACE VIEW event_mentions AS
    SELECT
        e.cluster_id, e.event_uid, e.article_id, e.event_id, e.sentence_index,
        e.trigger_text, e.trigger_start, e.trigger_end, e.n_repeats,
        e.source_text, e.source_code, e.source_country, e.source_sector, e.source_name,
        e.target_text, e.target_code, e.target_country, e.target_sector, e.target_name,
        e.cameo, e.base_code, e.root_code, e.quad_class, e.goldstein,
        e.plover_type, e.plover_mode, e.plover_context,
        e.event_date, e.date_text, e.date_source,
        e.location_text, e.location_name, e.location_geonameid, e.location_lat, e.location_lon,
        e.location_country, e.location_feature,
        e.confidence, e.modality, e.quote_id,
        a.title AS article_title, a.source AS publisher, a.url AS article_url, a.pub_date,
        coalesce(a.source_key, 'article:' || a.article_id) AS source_key, a.stored_at,
        CASE WHEN s.start_char IS NOT NULL AND a.text IS NOT NULL
             THEN trim(substring(a.text, s.start_char + 1, s.end_char - s.start_char)) END AS sentence
    FROM events e
    JOIN articles a USING (article_id)
    LEFT JOIN sentences s ON s.article_id = e.article_id AND s.sentence_index = e.sentence_index
    WHERE {COUNTED}
"""

# One row per happening across articles: same date, source, target, CAMEO code and
# location. Descriptive fields come from its first report; the counts follow GDELT:
# NumMentions (every report, repeats within an article included), NumSources
# (distinct publishers), NumArticles (distinct articles). Aggregates run over the
# narrow event columns first; the wide first-report row is joined on afterwards.
_V1_EVENT_CLUSTERS = f"""
    CREATE OR REPLACE VIEW event_clusters AS
    WITH m AS (
        SELECT e.cluster_id, e.event_uid, e.article_id, e.event_id, e.sentence_index, e.n_repeats,
               e.confidence, coalesce(a.source_key, 'article:' || a.article_id) AS source_key, a.stored_at
        FROM events e JOIN articles a USING (article_id)
        WHERE {COUNTED}
    ),
    agg AS (
        SELECT cluster_id,
               count(*) AS num_reports,
               sum(1 + n_repeats)::BIGINT AS num_mentions,
               count(DISTINCT source_key) AS num_sources,
               count(DISTINCT article_id) AS num_articles,
               bool_or(sentence_index = 0) AS is_root,
               max(confidence) AS confidence,
               min(stored_at) AS date_added,
               arg_min(event_uid, (stored_at, article_id, sentence_index, event_id)) AS first_uid
        FROM m GROUP BY cluster_id
    )
    SELECT
        f.cluster_id, f.event_date, f.date_text,
        f.source_code, f.source_country, f.source_sector, f.source_name, f.source_text,
        f.target_code, f.target_country, f.target_sector, f.target_name, f.target_text,
        f.cameo, f.base_code, f.root_code, f.quad_class, f.goldstein,
        f.plover_type, f.plover_mode, f.plover_context,
        f.location_name, f.location_text, f.location_geonameid, f.location_lat, f.location_lon,
        f.location_country, f.location_feature,
        agg.num_mentions, agg.num_sources, agg.num_articles, agg.num_reports, agg.is_root,
        agg.confidence, agg.date_added,
        f.article_id AS first_article_id, f.event_id AS first_event_id, a.url AS source_url,
        a.source AS publisher, f.trigger_text,
        CASE WHEN s.start_char IS NOT NULL AND a.text IS NOT NULL
             THEN trim(substring(a.text, s.start_char + 1, s.end_char - s.start_char)) END AS sentence
    FROM agg
    JOIN events f ON f.event_uid = agg.first_uid
    JOIN articles a ON a.article_id = f.article_id
    LEFT JOIN sentences s ON s.article_id = f.article_id AND s.sentence_index = f.sentence_index
"""

# Aggregates and clusters are event data only where a country is known on at least one
# side: "officials said" (GOV, no country) is kept in `events` but counted nowhere, or it
# would top every actor ranking and merge with every other country-less report of the day.
COUNTRY_CODED = "(e.source_country IS NOT NULL OR e.target_country IS NOT NULL)"

_V2_COLUMNS = [
    "ALTER TABLE events ADD COLUMN date_precision VARCHAR",
    "ALTER TABLE events ADD COLUMN location_source VARCHAR",
    # v1 stored the article's tellings of an event including the event's own one, so a single
    # mention counted twice in NumMentions; recount the other tellings from event_repeats.
    """
    UPDATE events SET n_repeats = (
        SELECT count(*) FROM event_repeats r
        WHERE r.article_id = events.article_id AND r.event_id = events.event_id
          AND NOT (r.sentence_index IS NOT DISTINCT FROM events.sentence_index
                   AND r.trigger_start IS NOT DISTINCT FROM events.trigger_start))""",
    """
    UPDATE events SET date_precision = CASE length(date_text)
        WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END""",
]

_COUNTED_AND_CODED = f"{COUNTED} AND {COUNTRY_CODED}"



def _v2_view(v1_sql: str, alias: str) -> str:
    """A v1 view with the v2 columns and only events with a country on one side."""
    out = v1_sql.replace(f"{alias}.date_text,", f"{alias}.date_text, {alias}.date_precision,", 1)
    out = out.replace(f"{alias}.location_feature,", f"{alias}.location_feature, {alias}.location_source,", 1)
    out = out.replace(f"WHERE {COUNTED}", f"WHERE {_COUNTED_AND_CODED}")
    assert out.count("date_precision") == 1 and out.count("location_source") == 1, "v1 view changed"
    return out


_V2_EVENT_MENTIONS = _v2_view(_V1_EVENT_MENTIONS, "e")
_V2_EVENT_CLUSTERS = _v2_view(_V1_EVENT_CLUSTERS, "f")


def _recluster(con: Any) -> None:
    """Every dated cluster key computed afresh: v1 merged same-day reports whose actors had no
    country (GOV, COP) across articles; v5 keyed a month or a year by the day it was filed under."""
    from thucydides.store.flatten import cluster_key_of, period_of, stable_id

    rows = con.execute(
        "SELECT article_id, event_id, event_date, date_text, date_precision, source_code, source_country, "
        "target_code, target_country, cameo, cluster_key FROM events "
        "WHERE cluster_key NOT LIKE 'own|%'").fetchall()
    changed = []
    for article_id, event_id, day, text, precision, src, src_country, tgt, tgt_country, cameo, key in rows:
        place = key.split("|", 4)[4] if key.count("|") >= 4 else ""
        when = period_of(day, text, precision)
        new = cluster_key_of(when, src, src_country, tgt, tgt_country, cameo, place, article_id, event_id)
        if new != key:
            changed.append((new, stable_id(new), article_id, event_id))
    if changed:
        con.executemany("UPDATE events SET cluster_key = ?, cluster_id = ? "
                        "WHERE article_id = ? AND event_id = ?", changed)


# v2 filed an event the coder left undated (background in the past perfect, "years earlier", or
# nothing to count from) under its article's publication day, so it was counted in that week and
# merged with that day's reports. It has no day: clear it, then re-key its cluster.
_V3_UNDATED = [
    """
    UPDATE events SET event_date = NULL
    WHERE date_text IS NULL AND event_date IS NOT NULL
      AND (date_source = 'none' OR date_precision IN ('past', 'unknown'))""",
    _recluster,
]

# The watcher's ledger (thucydides/watch): per source what it last answered (validators, the offset
# of a growing file, errors) and per entry what became of it. Each entry row commits in the same
# transaction as its article, so a restart neither codes an entry twice nor skips one. No keys or
# indexes: DuckDB checks them eagerly on UPDATE, and the lookups scan one source's rows.
_V4_WATCH = [
    """
    CREATE TABLE watch_sources (
        source_key VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        location VARCHAR NOT NULL,
        etag VARCHAR,
        last_modified VARCHAR,
        byte_offset BIGINT,
        line_number BIGINT,
        last_poll TIMESTAMP,
        last_success TIMESTAMP,
        last_error VARCHAR,
        last_error_at TIMESTAMP,
        consecutive_errors INTEGER NOT NULL,
        articles BIGINT NOT NULL
    )""",
    """
    CREATE TABLE watch_entries (
        source_key VARCHAR NOT NULL,
        entry_key VARCHAR NOT NULL,
        fingerprint VARCHAR,
        outcome VARCHAR NOT NULL,
        article_id VARCHAR,
        url VARCHAR,
        canonical_url VARCHAR,
        content_hash VARCHAR,
        reason VARCHAR,
        seen_at TIMESTAMP NOT NULL
    )""",
    # Every source that delivered an article: the same wire story from two feeds is one article
    # with two rows here.
    """
    CREATE OR REPLACE VIEW article_sources AS
    SELECT w.article_id, w.source_key, s.kind, s.location, w.entry_key, w.url, w.outcome, w.seen_at
    FROM watch_entries w LEFT JOIN watch_sources s USING (source_key)
    WHERE w.article_id IS NOT NULL AND w.outcome IN ('coded', 'duplicate')""",
]

# Dyad alerts (thucydides/alerts): one row per rule, dyad and window, raised once (alert_id is a
# hash of those), with the reports (article_id, event_id) and happenings (cluster_id) it counted.
# Not article rows: re-coding an article leaves the alerts it caused as they were when raised.
_V5_ALERTS = [
    """
    CREATE TABLE alerts (
        alert_id VARCHAR PRIMARY KEY,
        rule VARCHAR NOT NULL,
        test VARCHAR NOT NULL,
        level VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        window_kind VARCHAR NOT NULL,
        window_start DATE NOT NULL,
        window_end DATE NOT NULL,
        count INTEGER NOT NULL,
        baseline_windows INTEGER NOT NULL,
        baseline_count INTEGER NOT NULL,
        baseline_mean DOUBLE,
        baseline_sd DOUBLE,
        z DOUBLE,
        ratio DOUBLE,
        goldstein_mean DOUBLE,
        baseline_goldstein DOUBLE,
        goldstein_shift DOUBLE,
        message VARCHAR NOT NULL,
        raised_at TIMESTAMP NOT NULL,
        webhook_attempts INTEGER NOT NULL DEFAULT 0,
        webhook_sent_at TIMESTAMP,
        webhook_error VARCHAR
    )""",
    """
    CREATE TABLE alert_events (
        alert_id VARCHAR NOT NULL,
        cluster_id BIGINT NOT NULL,
        article_id VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL
    )""",
]

# v5 filed an event dated to a month or a year ("in March") under the publication day when the
# two agreed, so it was counted in that day's and week's figures and merged with that day's
# reports. It is filed under its period's first day, with its precision, and keyed by the period.
_FIRST_DAY = """try_cast(CASE WHEN date_precision = 'month' AND length(date_text) = 7 THEN date_text || '-01'
                     WHEN date_precision = 'year' AND length(date_text) = 4 THEN date_text || '-01-01' END
                AS DATE)"""
_V6_PARTIAL_DATES = [
    f"""
    UPDATE events SET event_date = {_FIRST_DAY}
    WHERE date_precision IN ('month', 'year') AND event_date IS NOT NULL AND {_FIRST_DAY} IS NOT NULL
      AND event_date <> {_FIRST_DAY}""",
    _recluster,
]

# A migration step is SQL, or a function of the connection for what SQL cannot compute.
Step = str | Callable[[Any], None]

MIGRATIONS: list[tuple[int, str, list[Step]]] = [
    (1, "articles, events, actor mentions, places, times, quotes; event_mentions and event_clusters views",
     [*_V1_TABLES, _V1_EVENT_MENTIONS, _V1_EVENT_CLUSTERS]),
    (2, "date precision and location source; NumMentions without the event's own telling; clusters and "
        "views only over events with a country on one side",
     [*_V2_COLUMNS, _recluster, _V2_EVENT_MENTIONS, _V2_EVENT_CLUSTERS]),
    (3, "events the coder left undated (background before its narrative) have no event day, not the "
        "publication day", _V3_UNDATED),
    (4, "the watcher's ledger: watch_sources, watch_entries and the article_sources view", _V4_WATCH),
    (5, "dyad alerts and the events that raised them", _V5_ALERTS),
    (6, "events dated to a month or a year are filed under their period, not the publication day, and "
        "clustered by the period", _V6_PARTIAL_DATES),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]

# Tables that hold one article's rows, keyed by article_id: what a re-code replaces.
ARTICLE_TABLES = ("articles", "sentences", "events", "event_repeats", "actor_mentions", "places", "times",
                  "quotes")
