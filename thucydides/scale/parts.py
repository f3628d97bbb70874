"""Parquet parts: one file per partition, one row per coded article.

Columns (`thucydides.store.parquet.DOCUMENTS_SCHEMA`, built by the store's
`documents_to_arrow`; `thucydides load OUT_DIR` reads the parts back):

    id             string   article id
    date           string   publication date, ISO, or null
    text           string   the article text
    coder_version  string   thucydides version that coded it
    document       string   `Document.to_dict()` as JSON (without "text": it has its own column);
                            exactly the line `--format documents` writes for the article

Every part also carries, in its Parquet key-value metadata under `thucydides.part`, what
a resume needs to trust it without the manifest: partition index, article/document/event
counts, the rejects of the partition (ingest and coding, in input order) and the digest
of the partition's inputs. Nothing time-dependent goes into a part, so a resumed batch
yields byte-identical files to an uninterrupted one.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from thucydides.models import Document
from thucydides.store.parquet import DOCUMENTS_SCHEMA, documents_to_arrow

PARTS_DIR = "parts"
META_KEY = b"thucydides.part"
PART_FILE = re.compile(r"^part-(\d{5,})\.parquet$")
COMPRESSION = "zstd"
__all__ = ["DOCUMENTS_SCHEMA", "documents_table", "iter_documents", "part_files"]


def documents_table(docs: Sequence[Document]) -> pa.Table:
    """The documents table for `docs`: the store's own builder, so both sides share one schema."""
    return documents_to_arrow(docs)


def part_bytes(table: pa.Table, meta: dict[str, Any]) -> bytes:
    """Serialise one part (built on the worker so the client only moves bytes to disk)."""
    table = table.replace_schema_metadata({META_KEY: json.dumps(meta, ensure_ascii=False, sort_keys=True)})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression=COMPRESSION)
    return sink.getvalue().to_pybytes()


def part_path(out_dir: Path, part: str) -> Path:
    return out_dir / PARTS_DIR / f"{part}.parquet"


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same directory, fsync, then rename over the target:
    a reader (or a resume) sees either no file or the complete file, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    # the rename itself must reach the disk before the part is counted as done
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_part_meta(path: Path) -> dict[str, Any]:
    """The `thucydides.part` metadata of a finished part (reads only the footer)."""
    schema = pq.read_schema(path)
    raw = (schema.metadata or {}).get(META_KEY)
    if raw is None:
        raise ValueError(f"{path}: not a thucydides part (no {META_KEY.decode()} metadata)")
    meta: dict[str, Any] = json.loads(raw)
    return meta


def finished_parts(out_dir: Path) -> dict[int, Path]:
    """Part files present under OUT_DIR/parts, by partition index. Only complete files can
    carry a final name (see write_atomic), so presence means finished."""
    found: dict[int, Path] = {}
    directory = out_dir / PARTS_DIR
    if not directory.is_dir():
        return found
    for path in directory.iterdir():
        m = PART_FILE.match(path.name)
        if m:
            found[int(m[1])] = path
    return found


def remove_temp_files(out_dir: Path) -> int:
    """Delete leftovers of writes that an interruption cut short."""
    directory = out_dir / PARTS_DIR
    removed = 0
    if directory.is_dir():
        for path in directory.glob(".*.tmp"):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def part_files(out_dir: Path) -> list[Path]:
    """The part files in partition order."""
    return [path for _, path in sorted(finished_parts(out_dir).items())]


def iter_documents(out_dir: Path | Iterable[Path]) -> Iterator[Document]:
    """Every coded document of a batch directory (or of the given part files), in input order."""
    paths = part_files(out_dir) if isinstance(out_dir, Path) else list(out_dir)
    for path in paths:
        table = pq.read_table(path, columns=["text", "document"])
        for text, document in zip(table.column("text").to_pylist(), table.column("document").to_pylist(),
                                  strict=True):
            yield Document.from_dict(json.loads(document), text=text or "")
