"""`thucydides sql` reads the store and nothing else: each escape a user found is refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest
import typer
from test_store import make_doc, make_event
from typer.testing import CliRunner

from thucydides.store import EventStore
from thucydides.store.sandbox import run_sql


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    mine, other = tmp_path / "mine.duckdb", tmp_path / "other.duckdb"
    for path, ident in ((mine, "kept-1"), (other, "theirs-1")):
        with EventStore(path) as s:
            s.add_documents([make_doc(ident, [make_event(0, "RUS", "UKR", "190", date="2024-02-01")],
                                      date="2024-02-01")])
    return mine, other


def sql(app: typer.Typer, store: Path, query: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["sql", "--store", str(store), "--format", "json", query])
    return result.exit_code, result.stdout + result.stderr


def test_the_store_tables_and_views_are_readable(app: typer.Typer, stores: tuple[Path, Path]) -> None:
    code, out = sql(app, stores[0], "SELECT article_id FROM articles")
    assert code == 0 and json.loads(out) == [{"article_id": "kept-1"}]
    code, out = sql(app, stores[0], "SELECT count(*) AS n FROM event_clusters")
    assert code == 0 and json.loads(out) == [{"n": 1}]


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM glob('/root/*')",
    "SELECT * FROM '/etc/passwd'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
])
def test_files_extensions_and_settings_are_out_of_reach(app: typer.Typer, stores: tuple[Path, Path],
                                                       query: str) -> None:
    code, out = sql(app, stores[0], query)
    assert code == 1 and "SQL error" in out
    assert "root:" not in out  # nothing of /etc/passwd leaks into the message


def test_copy_to_and_export_write_no_file(app: typer.Typer, stores: tuple[Path, Path],
                                          tmp_path: Path) -> None:
    target = tmp_path / "leak.csv"
    assert sql(app, stores[0], f"COPY articles TO '{target}'")[0] == 1
    assert sql(app, stores[0], f"EXPORT DATABASE '{tmp_path / 'dump'}'")[0] == 1
    assert not target.exists() and not (tmp_path / "dump").exists()


def test_the_store_itself_cannot_be_changed(app: typer.Typer, stores: tuple[Path, Path]) -> None:
    for query in ("DELETE FROM articles", "DROP TABLE articles",
                  "INSERT INTO schema_version VALUES (99, 'x', now())"):
        assert sql(app, stores[0], query)[0] == 1
    assert run_sql(stores[0], "SELECT count(*) AS n FROM articles")["n"].tolist() == [1]


def test_another_store_cannot_be_attached_and_emptied(app: typer.Typer, stores: tuple[Path, Path]) -> None:
    mine, other = stores
    code, _ = sql(app, mine, f"ATTACH '{other}' AS other (READ_ONLY false); DELETE FROM other.articles")
    assert code == 1
    with EventStore(other, read_only=True) as s:
        assert s.count("articles") == 1


def test_run_sql_refuses_the_same_escapes_from_python(stores: tuple[Path, Path]) -> None:
    with pytest.raises(duckdb.Error):
        run_sql(stores[0], "SELECT * FROM read_csv('/etc/passwd')")
    assert os.path.exists(stores[1])
