"""OUT_DIR/manifest.json: what a batch was asked to do and how far it got.

The manifest is for people and tools (inputs, settings, per-partition counts, status,
timestamps, totals). Resuming does not depend on it being current: every finished
part carries its own counts and rejects (see parts.py), so a client killed between
writing a part and rewriting the manifest loses nothing. It is rewritten atomically.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from thucydides.scale.parts import write_atomic

MANIFEST = "manifest.json"
FORMAT = "thucydides-batch/1"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def manifest_path(out_dir: Path) -> Path:
    return out_dir / MANIFEST


def load_manifest(out_dir: Path) -> dict[str, Any] | None:
    path = manifest_path(out_dir)
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: unreadable manifest ({exc})") from None
    if data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a thucydides batch manifest (format {data.get('format')!r})")
    return data


def save_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    manifest["updated_at"] = now()
    write_atomic(manifest_path(out_dir),
                 (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def partition_entry(part: str, meta: dict[str, Any], status: str, file: str | None = None,
                    **extra: Any) -> dict[str, Any]:
    entry = {
        "id": part,
        "file": file,
        "status": status,
        "articles": meta.get("articles", 0),
        "documents": meta.get("documents", 0),
        "rejected": meta.get("rejected", 0),
        "events": meta.get("events", 0),
        "digest": meta.get("digest"),
    }
    entry.update(extra)
    return entry


def totals(entries: list[dict[str, Any]]) -> dict[str, int]:
    done = [e for e in entries if e["status"] == "done"]
    return {
        "partitions": len(entries),
        "partitions_done": len(done),
        "articles": sum(e["articles"] for e in done),
        "documents": sum(e["documents"] for e in done),
        "rejected": sum(e["rejected"] for e in done),
        "events": sum(e["events"] for e in done),
    }
