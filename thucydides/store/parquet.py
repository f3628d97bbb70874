"""The Parquet layout shared with the cluster path (`thucydides/scale/`).

A `documents` part is one row per coded article: its id, publication date, text,
coder version, and the whole document (`Document.to_dict()`, without text) as a JSON
string. The cluster workers write parts with `documents_to_arrow`; `thucydides load`
reads every `*.parquet` under a directory back into a store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from thucydides.models import Document

if TYPE_CHECKING:
    from thucydides.store.db import EventStore, StoreStats

DOCUMENTS_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("date", pa.string()),
    ("text", pa.string()),
    ("coder_version", pa.string()),
    ("document", pa.string()),
])

_READ_BATCH = 2000


def documents_to_arrow(docs: Iterable[Document]) -> pa.Table:
    """Coded documents as a table with DOCUMENTS_SCHEMA (write it with `pyarrow.parquet.write_table`)."""
    ids: list[str] = []
    dates: list[str | None] = []
    texts: list[str | None] = []
    versions: list[str] = []
    payloads: list[str] = []
    for doc in docs:
        ids.append(doc.id)
        dates.append(doc.date)
        texts.append(doc.text)
        versions.append(doc.coder_version)
        payloads.append(json.dumps(doc.to_dict(), ensure_ascii=False))
    return pa.table([ids, dates, texts, versions, payloads], schema=DOCUMENTS_SCHEMA)


def parquet_parts(path: str | Path) -> list[Path]:
    """Every `*.parquet` file under `path` (recursive), in a stable order; `path` may be one file."""
    root = Path(path)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such file or directory")
    return sorted(p for p in root.rglob("*.parquet") if p.is_file())


def read_documents(path: str | Path) -> Iterator[Document]:
    """The documents stored in the Parquet parts under `path`, part by part, in batches."""
    import pyarrow.parquet as pq

    for part in parquet_parts(path):
        try:
            pf = pq.ParquetFile(part)
        except (OSError, pa.ArrowInvalid) as exc:
            raise ValueError(f"{part}: not a Parquet file ({exc})") from None
        names = set(pf.schema_arrow.names)
        missing = [n for n in ("id", "document") if n not in names]
        if missing:
            raise ValueError(f"{part}: not a documents part: missing column(s) {', '.join(missing)} "
                             f"(expected {', '.join(DOCUMENTS_SCHEMA.names)})")
        columns = [n for n in ("id", "text", "document") if n in names]
        row_base = 0
        for batch in pf.iter_batches(batch_size=_READ_BATCH, columns=columns):
            data = batch.to_pydict()
            texts = data.get("text") or [None] * batch.num_rows
            for i, (payload, text) in enumerate(zip(data["document"], texts, strict=True)):
                try:
                    record = json.loads(payload)
                    doc = Document.from_dict(record, text=text or "")
                except (TypeError, ValueError, KeyError) as exc:
                    raise ValueError(f"{part}: row {row_base + i}: bad document JSON: {exc}") from None
                if text and not doc.text:
                    doc.text = text
                yield doc
            row_base += batch.num_rows


def load_parquet_dir(path: str | Path, store: EventStore) -> StoreStats:
    """Add the documents of every Parquet part under `path` to `store` (re-loading never duplicates)."""
    return store.add_documents(read_documents(path))
