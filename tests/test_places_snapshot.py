"""The gazetteer's cached snapshot: built on first use, read instead of the index after, never stale."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from thucydides.places.build import FORMAT_VERSION
from thucydides.places.gazetteer import Gazetteer

ROWS = [
    "1\tRiverton\t10.5\t20.25\tAAA\tcity\t5000\tAA.01\triverton|river town",
    "2\tRiverton\t-3.0\t7.0\tBBB\tadmin\t900\t\triverton",
    "3\tOld Harbour\t1.0\t2.0\tBBB\tcity\t70\t\told harbour",
]


def write_index(path: Path, rows: list[str]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(f"#thucydides-gazetteer\t{FORMAT_VERSION}\t{len(rows)}\n")
        fh.write("".join(row + "\n" for row in rows))
    return path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "thucydides"


def snapshots(cache: Path) -> list[Path]:
    return sorted(cache.glob("gazetteer-*.marshal")) if cache.exists() else []


def answers(gaz: Gazetteer) -> list[list[tuple]]:
    return [[(c.name, c.lat, c.lon, c.country, c.feature, c.weight, c.admin1, c.primary, c.geonameid)
             for c in gaz.lookup(name)] for name in ("Riverton", "river town", "Old Harbour", "Nowhere")]


def test_second_load_reads_the_snapshot_with_the_same_answers(tmp_path: Path, cache: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    index = write_index(tmp_path / "index.tsv.gz", ROWS)
    parsed = Gazetteer(index)
    assert len(snapshots(cache)) == 1

    def no_parsing(self: Gazetteer, path: Path) -> None:
        raise AssertionError("the index was parsed although a snapshot exists")

    monkeypatch.setattr(Gazetteer, "_load", no_parsing)
    restored = Gazetteer(index)
    assert answers(restored) == answers(parsed)
    assert answers(parsed)[0][0][3] == "BBB"  # the admin unit before the town of the same name
    assert len(restored) == 3


def test_a_changed_index_is_parsed_again(tmp_path: Path, cache: Path) -> None:
    index = write_index(tmp_path / "index.tsv.gz", ROWS)
    Gazetteer(index)
    write_index(index, ROWS[:2])
    os.utime(index, ns=(1, 1))  # a different modification time whatever the clock did
    assert len(Gazetteer(index)) == 2


def test_a_broken_snapshot_is_ignored(tmp_path: Path, cache: Path) -> None:
    index = write_index(tmp_path / "index.tsv.gz", ROWS)
    Gazetteer(index)
    (snapshot,) = snapshots(cache)
    snapshot.write_bytes(b"\x00not marshal")
    assert len(Gazetteer(index)) == 3


def test_an_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    index = write_index(tmp_path / "index.tsv.gz", ROWS)
    assert len(Gazetteer(index)) == 3
