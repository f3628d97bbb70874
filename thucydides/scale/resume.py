"""Checks before a batch runs: may it start in OUT_DIR, and may a resume continue what is there?

A resumed batch must be the same batch: same inputs and options (the settings kept in the
manifest) and the same build of the coder on the workers as for the parts already written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from thucydides import __version__
from thucydides.scale import manifest as mf
from thucydides.scale.partition import part_id
from thucydides.scale.result import ScaleError
from thucydides.scale.worker import CoderConfig, ShippedFile


def batch_settings(inputs: Sequence[str], default_date: date | None, size: int, config: CoderConfig,
                   on_duplicate: str = "error") -> dict[str, Any]:
    return {
        "inputs": list(inputs),
        "default_date": default_date.isoformat() if default_date else None,
        "partition_size": size,
        # another policy puts other articles in the partitions: a resume must not mix the two
        "on_duplicate": on_duplicate,
        "coder_version": __version__,
        **config.describe(),
    }


def check_resume(out_dir: Path, resume: bool) -> dict[str, Any] | None:
    """The existing manifest when resuming, None for a fresh batch; ScaleError otherwise."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ScaleError(f"{out_dir} exists and is not a directory")
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return None
    if not resume:
        raise ScaleError(f"{out_dir} is not empty; pass --resume to continue the batch there, "
                         "or choose an empty output directory")
    try:
        manifest = mf.load_manifest(out_dir)
    except ValueError as exc:
        raise ScaleError(str(exc)) from None
    if manifest is None:
        raise ScaleError(f"{out_dir} is not empty and holds no {mf.MANIFEST}: it is not a thucydides "
                         "batch, so --resume cannot continue it")
    return manifest


def compare_settings(old: dict[str, Any], new: dict[str, Any], out_dir: Path) -> None:
    differ = [key for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)]
    if differ:
        detail = "; ".join(f"{k}: was {old.get(k)!r}, now {new.get(k)!r}" for k in differ)
        raise ScaleError(f"cannot resume {out_dir}: the batch was started with other settings ({detail}). "
                         "Resume with the same inputs and options, or start a new output directory")


def ship_files(paths: Sequence[Path | str], option: str) -> tuple[ShippedFile, ...]:
    shipped = []
    for p in paths:
        try:
            shipped.append(ShippedFile.read(Path(p)))
        except OSError as exc:
            raise ScaleError(f"{option} {p}: cannot read ({exc.strerror or exc})") from None
    return tuple(shipped)


def check_same_build(done_meta: dict[int, dict[str, Any]], code: str | None, out_dir: Path) -> None:
    """Resuming with another build would mix two coders' output in one batch: refuse."""
    other = sorted(i for i, meta in done_meta.items() if meta.get("code") != code)
    if other:
        was = done_meta[other[0]].get("code")
        raise ScaleError(
            f"cannot resume {out_dir}: {len(other)} finished parts (e.g. {part_id(other[0])}) were coded by "
            f"another build of thucydides ({was}, the workers now run {code}); the code, data or spaCy model "
            "changed since. Start a new output directory to recode everything with this build")
