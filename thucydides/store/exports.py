"""Exports of the store in published event-data layouts: GDELT 2.0, ICEWS, PLOVER, Parquet, CSV.

GDELT rows are happenings (event_clusters, with NumMentions/NumSources/NumArticles);
ICEWS and PLOVER rows are reports (event_mentions: one coded sentence of one story),
as those datasets are. CSV and Parquet write our own columns, at either level.
Rows are read from DuckDB in Arrow batches, so an export never holds the whole store.
"""

from __future__ import annotations

import csv
import json
import math
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from thucydides.store.db import ORDER, EventStore, StoreError, event_filters
from thucydides.store.names import cameo_name, country_centroid, country_name, sector_names

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

EXPORT_FORMATS = ("gdelt", "icews", "plover", "parquet", "csv")
BATCH_ROWS = 100_000

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

# The GDELT 2.0 event table, in the codebook's order (61 columns, tab-separated, no header).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

# The ICEWS coded-event table (Dataverse "events.YYYY.tab"), tab-separated with a header.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
    "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)

# The keys of one PLOVER JSONL record, in order (thucydides/store/FORMATS.md says what each holds).
PLOVER_FIELDS: tuple[str, ...] = (
    "id", "date", "date_precision", "event_type", "mode", "context",
    "source", "src_actor", "src_agent", "src_other",
    "target", "tgt_actor", "tgt_agent", "tgt_other",
    "location", "story_id", "publisher", "headline", "url", "text",
    "cameo", "goldstein", "quad_class", "event_cluster", "version",
)

_REGION_FEATURES = {"region", "state", "province", "adm1", "admin1", "governorate", "oblast"}
_DISTRICT_FEATURES = {"district", "county", "adm2", "admin2"}


STDOUT = "-"
# GDELT and ICEWS rows must carry a date; an event with neither its own nor a publication date
# is left out of them (and counted by `undated_left_out`) rather than given an empty one.
_DATED_ONLY = ("gdelt", "icews")


def export(store: EventStore, fmt: str, out: Path | str, start: str | date | None = None,
           end: str | date | None = None, actor: str | None = None, code: str | None = None,
           level: str = "cluster", header: bool | None = None, overwrite: bool = False, **more: Any) -> int:
    """Write the store's events in `fmt` to `out` ("-": stdout; a directory for parquet); return rows written.

    `more` takes the other `EventFilter` fields (source, target, country, root, plover, quad,
    min_confidence). Non-events (negated, hypothetical, questioned) are never exported.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    if level not in ("cluster", "mention"):
        raise ValueError(f"level must be 'cluster' or 'mention', not {level!r}")
    where, params = event_filters(start, end, actor, code, **more)
    if fmt in _DATED_ONLY:
        where = f"{where} AND event_date IS NOT NULL" if where else " WHERE event_date IS NOT NULL"
    if fmt == "parquet":
        if str(out) == STDOUT:
            raise ValueError("parquet writes a directory of files: give -o a directory, not -")
        return _export_parquet(store, Path(out), where, params, level, overwrite)
    if str(out) != STDOUT:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        return _export_csv(store, out, where, params, level, True if header is None else header)
    if fmt == "gdelt":
        rows = _batches(store, f"SELECT * FROM event_clusters{where} ORDER BY {ORDER['cluster']}", params)
        return _write_tsv(out, (gdelt_frame(b) for b in rows), GDELT_COLUMNS, bool(header))
    mentions = f"SELECT * FROM event_mentions{where} ORDER BY {ORDER['mention']}"
    if fmt == "icews":
        rows = _batches(store, mentions, params)
        with_header = True if header is None else header
        return _write_tsv(out, (icews_frame(b) for b in rows), ICEWS_COLUMNS, with_header)
    return _write_plover(out, _arrow_batches(store, mentions, params))


def undated_left_out(store: EventStore, fmt: str, level: str = "cluster", **filters: Any) -> int:
    """How many events matching `filters` a `fmt` export leaves out for want of any date."""
    if fmt not in _DATED_ONLY:
        return 0
    where, params = event_filters(**filters)
    view = "event_clusters" if fmt == "gdelt" else "event_mentions"
    where = f"{where} AND event_date IS NULL" if where else " WHERE event_date IS NULL"
    found = store.con.execute(f"SELECT count(*) FROM {view}{where}", params).fetchall()
    return int(found[0][0]) if found else 0


@contextmanager
def _opened(out: Path | str, newline: str | None = None) -> Iterator[IO[str]]:
    if str(out) == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    with Path(out).open("w", encoding="utf-8", newline=newline) as fh:
        yield fh


def _arrow_batches(store: EventStore, sql: str, params: list[Any]) -> Iterator[pa.RecordBatch]:
    # A cursor of its own: a result left half-read on the main connection (fetchone)
    # must not block the export, nor the export block other work.
    cursor = store.con.cursor()
    try:
        for batch in cursor.sql(sql, params=params).to_arrow_reader(BATCH_ROWS):
            if batch.num_rows:
                yield batch
    finally:
        cursor.close()


def _batches(store: EventStore, sql: str, params: list[Any]) -> Iterator[pd.DataFrame]:
    import pandas as pd
    import pyarrow as pa

    # Nullable integer dtypes: a geonameid or sentence number must not turn into 2660646.0.
    ints = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
            pa.int64(): pd.Int64Dtype(), pa.uint64(): pd.UInt64Dtype()}
    for batch in _arrow_batches(store, sql, params):
        yield batch.to_pandas(types_mapper=ints.get)


def tidy(frame: pd.DataFrame, breaks: str = r"[\t\r\n]+") -> pd.DataFrame:
    """A frame ready to write as text: line breaks (and tabs) in fields as spaces, floats rounded.

    A raw line break splits a row for most readers, and 0.6000000000000001 is float noise,
    not information (6 decimals keep coordinates to about 10 cm).
    """
    from pandas.api.types import infer_dtype, is_float_dtype

    frame = frame.copy()
    for column in frame.columns:
        kind = infer_dtype(frame[column], skipna=True)
        if kind == "string":
            frame[column] = frame[column].str.replace(breaks, " ", regex=True)
        elif is_float_dtype(frame[column]):
            frame[column] = frame[column].round(6)
    return frame


def _write_tsv(out: Path | str, frames: Iterator[pd.DataFrame], columns: tuple[str, ...],
               header: bool) -> int:
    n = 0
    with _opened(out, newline="") as fh:
        if header:
            fh.write("\t".join(columns) + "\n")
        for frame in frames:
            frame = tidy(frame)  # tabs and newlines inside a field would break the row layout
            frame.to_csv(fh, sep="\t", header=False, index=False, na_rep="", quoting=csv.QUOTE_NONE,
                         escapechar="\\", columns=list(columns))
            n += len(frame)
    return n


def _int_or_none(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def _nan_to_none(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _sector_part(sectors: pd.Series, i: int) -> pd.Series:
    part = sectors.astype("string").str.slice(3 * i, 3 * i + 3)
    return part.where(part.str.len() > 0)


def _gdelt_geo_type(feature: Any, country: Any, has_place: bool) -> int:
    # GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1); 0 none.
    if not has_place:
        return 0
    f = (feature or "").lower() if isinstance(feature, str) else ""
    us = country == "USA"
    if f == "country":
        return 1
    if f in _REGION_FEATURES:
        return 2 if us else 5
    return 3 if us else 4


def gdelt_frame(df: pd.DataFrame) -> pd.DataFrame:
    """event_clusters rows → the 61 GDELT 2.0 columns."""
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    out["GLOBALEVENTID"] = df["cluster_id"].astype("int64")
    for column, values in gdelt_dates(df).items():
        out[column] = values
    for n, role in ((1, "source"), (2, "target")):
        name = df[f"{role}_name"].where(df[f"{role}_name"].notna(), df[f"{role}_text"])
        out[f"Actor{n}Code"] = df[f"{role}_code"]
        out[f"Actor{n}Name"] = name.astype("string").str.upper()
        out[f"Actor{n}CountryCode"] = df[f"{role}_country"]
        for f in ("KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code"):
            out[f"Actor{n}{f}"] = None
        for i in range(3):
            out[f"Actor{n}Type{i + 1}Code"] = _sector_part(df[f"{role}_sector"], i)
    out["IsRootEvent"] = df["is_root"].fillna(False).astype("int64")
    out["EventCode"] = df["cameo"]
    out["EventBaseCode"] = df["base_code"]
    out["EventRootCode"] = df["root_code"]
    out["QuadClass"] = df["quad_class"]
    out["GoldsteinScale"] = df["goldstein"].round(1)
    out["NumMentions"] = df["num_mentions"]
    out["NumSources"] = df["num_sources"]
    out["NumArticles"] = df["num_articles"]
    out["AvgTone"] = None  # the coder does not measure tone
    # Where an actor is from, at country level (GDELT's Type 1): its name and centroid.
    for n, role in ((1, "source"), (2, "target")):
        for column, values in _actor_geo(df[f"{role}_country"]).items():
            out[f"Actor{n}Geo_{column}"] = values
    has_place = df["location_name"].notna() | df["location_text"].notna() | df["location_lat"].notna()
    out["ActionGeo_Type"] = [
        _gdelt_geo_type(f, c, h) for f, c, h in zip(df["location_feature"], df["location_country"], has_place,
                                                    strict=True)
    ]
    out["ActionGeo_FullName"] = [
        _full_name(n, t, f, c) for n, t, f, c in zip(
            df["location_name"], df["location_text"], df["location_feature"], df["location_country"],
            strict=True)
    ]
    out["ActionGeo_CountryCode"] = df["location_country"]
    out["ActionGeo_ADM1Code"] = None
    out["ActionGeo_ADM2Code"] = None
    out["ActionGeo_Lat"] = df["location_lat"].round(4)
    out["ActionGeo_Long"] = df["location_lon"].round(4)
    out["ActionGeo_FeatureID"] = df["location_geonameid"]
    out["DATEADDED"] = pd.to_datetime(df["date_added"]).dt.strftime("%Y%m%d%H%M%S")
    out["SOURCEURL"] = df["source_url"]  # an article id is no URL: empty when the article had none
    return out[list(GDELT_COLUMNS)]


def gdelt_dates(df: pd.DataFrame) -> dict[str, pd.Series]:
    """SQLDATE, MonthYear, Year and FractionDate at the precision the text gave.

    GDELT's convention for a partial date: the unknown parts are zeros, so an event of
    "February 2016" is 20160200 (month 201602) and one of "2016" is 20160000 (201600),
    never a made-up first day. FractionDate takes the middle of the known period.
    """
    import pandas as pd

    day = pd.to_datetime(df["event_date"])
    text = df["date_text"].astype("string").fillna("")
    precision = df["date_precision"].astype("string").fillna("day")
    month = precision == "month"
    year = precision == "year"
    sqldate = day.dt.strftime("%Y%m%d").astype("string")
    monthyear = day.dt.strftime("%Y%m").astype("string")
    years = day.dt.year.astype("Int64")
    days_in_year = day.dt.is_leap_year.map({True: 366, False: 365})
    fraction = day.dt.year + (day.dt.day_of_year - 1) / days_in_year
    if month.any() or year.any():
        y = pd.to_numeric(text.str.slice(0, 4), errors="coerce")
        m = pd.to_numeric(text.str.slice(5, 7), errors="coerce")
        sqldate = sqldate.mask(month, text.str.slice(0, 4) + text.str.slice(5, 7) + "00")
        sqldate = sqldate.mask(year, text.str.slice(0, 4) + "0000")
        monthyear = monthyear.mask(month, text.str.slice(0, 4) + text.str.slice(5, 7))
        monthyear = monthyear.mask(year, text.str.slice(0, 4) + "00")
        years = years.mask(month | year, y.astype("Int64"))
        fraction = fraction.mask(month, y + (m - 0.5) / 12).mask(year, y + 0.5)
    return {"SQLDATE": sqldate, "MonthYear": monthyear, "Year": years, "FractionDate": fraction.round(4)}


def _actor_geo(countries: pd.Series) -> dict[str, list[Any]]:
    centroids = [country_centroid(c) if isinstance(c, str) else None for c in countries]
    known = [c if point is not None else None for c, point in zip(countries, centroids, strict=True)]
    return {
        "Type": [1 if c else 0 for c in known],
        "FullName": [country_name(c) if c else None for c in known],
        "CountryCode": known,
        "ADM1Code": [None] * len(known),
        "ADM2Code": [None] * len(known),
        "Lat": [round(p[0], 4) if p else None for p in centroids],
        "Long": [round(p[1], 4) if p else None for p in centroids],
        "FeatureID": known,
    }


def _full_name(name: Any, text: Any, feature: Any, country: Any) -> str | None:
    # GDELT writes "City, Region, Country"; we know the place and its country.
    place = name if isinstance(name, str) and name else (text if isinstance(text, str) and text else None)
    if place is None:
        return None
    cname = country_name(country) if isinstance(country, str) else None
    if cname and feature != "country" and cname.lower() != place.lower():
        return f"{place}, {cname}"
    return place


def icews_frame(df: pd.DataFrame) -> pd.DataFrame:
    """event_mentions rows → the 20 ICEWS columns."""
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    out["Event ID"] = df["event_uid"].astype("int64")
    # A partial date stays partial ("2016-02"): ICEWS has no precision column to flag a made-up day.
    day = pd.to_datetime(df["event_date"]).dt.strftime("%Y-%m-%d").astype("string")
    text = df["date_text"].astype("string")
    partial = df["date_precision"].isin(["month", "year"])
    out["Event Date"] = day.mask(partial, text)
    for label, role in (("Source", "source"), ("Target", "target")):
        out[f"{label} Name"] = df[f"{role}_name"].where(df[f"{role}_name"].notna(), df[f"{role}_text"])
        out[f"{label} Sectors"] = df[f"{role}_sector"].map(
            lambda s: sector_names(s) if isinstance(s, str) else None)
        out[f"{label} Country"] = df[f"{role}_country"].map(
            lambda s: country_name(s) if isinstance(s, str) else None)
    out["Event Text"] = df["cameo"].map(cameo_name)
    out["CAMEO Code"] = df["cameo"]
    out["Intensity"] = df["goldstein"].round(1)
    out["Story ID"] = df["article_id"]
    out["Sentence Number"] = df["sentence_index"] + 1
    out["Publisher"] = df["publisher"]
    feature = df["location_feature"].map(lambda f: f.lower() if isinstance(f, str) else "")
    place = df["location_name"].where(df["location_name"].notna(), df["location_text"])
    is_country = feature == "country"
    is_region = feature.isin(_REGION_FEATURES)
    is_district = feature.isin(_DISTRICT_FEATURES)
    out["City"] = place.where(~(is_country | is_region | is_district) & place.notna(), None)
    out["District"] = place.where(is_district, None)
    out["Province"] = place.where(is_region, None)
    out["Country"] = df["location_country"].map(lambda s: country_name(s) if isinstance(s, str) else None)
    out["Latitude"] = df["location_lat"]
    out["Longitude"] = df["location_lon"]
    return out[list(ICEWS_COLUMNS)]


def plover_records(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """event_mentions rows (dicts of Python values) → PLOVER 2.0 JSON records, one per coded sentence."""
    from thucydides import __version__

    for row in rows:
        day = row["event_date"]
        location = None
        if row["location_name"] is not None or row["location_text"] is not None:
            location = {
                "name": row["location_name"] or row["location_text"],
                "country": row["location_country"],
                "lat": _nan_to_none(row["location_lat"]),
                "lon": _nan_to_none(row["location_lon"]),
                "geonameid": _int_or_none(row["location_geonameid"]),
                "feature": row["location_feature"],
                "source": row.get("location_source"),
            }
        context = row["plover_context"]
        precision = row.get("date_precision")
        record = {
            "id": f"{row['article_id']}:{row['event_id']}",
            "date": row["date_text"] if precision in ("month", "year") else _iso_day(day),
            "date_precision": precision or ("day" if day is not None else None),
            "event_type": row["plover_type"],
            "mode": row["plover_mode"],
            "context": list(context) if context is not None else [],
            "source": row["source_name"] or row["source_text"],
            "src_actor": row["source_country"],
            "src_agent": row["source_sector"],
            "src_other": row["source_code"],
            "target": row["target_name"] or row["target_text"],
            "tgt_actor": row["target_country"],
            "tgt_agent": row["target_sector"],
            "tgt_other": row["target_code"],
            "location": location,
            "story_id": row["article_id"],
            "publisher": row["publisher"],
            "headline": row["article_title"],
            "url": row["article_url"],
            "text": row["sentence"],
            "cameo": row["cameo"],
            "goldstein": _nan_to_none(row["goldstein"]),
            "quad_class": _int_or_none(row["quad_class"]),
            "event_cluster": _int_or_none(row["cluster_id"]),
            "version": f"thucydides {__version__}",
        }
        yield record


def _iso_day(day: Any) -> str | None:
    if day is None or (isinstance(day, float) and math.isnan(day)):
        return None
    return day.isoformat()[:10] if isinstance(day, date) else str(day)[:10]


def _write_plover(out: Path | str, batches: Iterator[pa.RecordBatch]) -> int:
    n = 0
    with _opened(out) as fh:
        for batch in batches:
            for record in plover_records(batch.to_pylist()):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n


def _flat_select(level: str, where: str, join_lists: bool = True) -> str:
    view = "event_clusters" if level == "cluster" else "event_mentions"
    order = ORDER[level]
    # CSV has no lists: contexts are joined with ';' as the coder's own CSV output does.
    columns = "* REPLACE (array_to_string(plover_context, ';') AS plover_context)" if join_lists else "*"
    return f"SELECT {columns} FROM {view}{where} ORDER BY {order}"


def _count(store: EventStore, level: str, where: str, params: list[Any]) -> int:
    view = "event_clusters" if level == "cluster" else "event_mentions"
    rows = store.con.execute(f"SELECT count(*) FROM {view}{where}", params).fetchall()
    return int(rows[0][0]) if rows else 0


def _export_csv(store: EventStore, out: Path | str, where: str, params: list[Any], level: str,
                header: bool) -> int:
    sql = _flat_select(level, where)
    n = 0
    with _opened(out, newline="") as fh:
        first = True
        for batch in _arrow_batches(store, sql, params):
            frame = tidy(batch.to_pandas(), breaks=r"\s*[\r\n]+\s*")
            frame.to_csv(fh, header=header and first, index=False)
            first = False
            n += len(frame)
        if first and header:  # nothing matched: still say what the columns are
            columns = store.con.execute(f"SELECT * FROM ({sql}) LIMIT 0", params).description or []
            fh.write(",".join(d[0] for d in columns) + "\n")
    return n


def _export_parquet(store: EventStore, out: Path, where: str, params: list[Any], level: str,
                    overwrite: bool) -> int:
    if out.exists() and (not out.is_dir() or any(out.iterdir())) and not overwrite:
        raise StoreError(f"{out}: already exists and is not empty (choose another directory or overwrite)")
    out.mkdir(parents=True, exist_ok=True)
    select = (f"SELECT *, year(event_date) AS year, lpad(month(event_date)::VARCHAR, 2, '0') AS month "
              f"FROM ({_flat_select(level, where, join_lists=False)})")
    target = str(out).replace("'", "''")
    store.con.execute(
        f"COPY ({select}) TO '{target}' "
        "(FORMAT parquet, PARTITION_BY (year, month), OVERWRITE_OR_IGNORE true)",
        params,
    )
    return _count(store, level, where, params)
