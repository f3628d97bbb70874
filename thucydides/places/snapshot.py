"""A compact copy of the parsed gazetteer index in the user cache, so that a process starts fast.

Parsing the gzip TSV (240,000 places, 600,000 names) costs about 1.3 s of CPU at every start; the
same columns and name table written once with `marshal` load in about 0.2 s. The copy is built on
first use next to the index's other cached form and named after what it was built from (the
index file's path, size and modification time, its format and the Python version, whose marshal
format it uses), so an edited or rebuilt index, or another Python, never reads a stale copy. A
copy that cannot be read or written is skipped: the index itself stays the reference.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

SNAPSHOT_VERSION = "1"
# geonameid, lat, lon, weight (array bytes); name, country, feature, admin1 (lists); keys (dict)
FIELDS = 9


def snapshot_path(index: Path, cache_dir: Path, index_format: str) -> Path | None:
    try:
        stat = index.stat()
    except OSError:
        return None
    key = "|".join((SNAPSHOT_VERSION, index_format, str(index.resolve()), str(stat.st_size),
                    str(stat.st_mtime_ns), f"{sys.version_info[0]}.{sys.version_info[1]}"))
    return cache_dir / f"gazetteer-{hashlib.sha256(key.encode()).hexdigest()[:20]}.marshal"


def read_snapshot(path: Path | None) -> tuple[Any, ...] | None:
    """The saved columns, or None when there is no readable copy of the right shape."""
    if path is None:
        return None
    try:
        state = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(state, tuple) or len(state) != FIELDS or not isinstance(state[-1], dict):
        return None
    return state


def write_snapshot(path: Path | None, state: tuple[Any, ...]) -> None:
    """Write the copy whole or not at all (processes starting together may race to write it)."""
    if path is None:
        return
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(marshal.dumps(state))
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
