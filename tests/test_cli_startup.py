"""`thucydides code FILE -o OUT` starts without the service, the store or Dask (issue 18: fast start)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("fastapi", "uvicorn", "starlette", "duckdb", "pandas", "pyarrow", "matplotlib", "dask",
         "distributed")

# Runs the CLI in-process after its own imports, then lists which heavy top-level packages were loaded.
PROBE = """
import json, sys
from thucydides.cli import app
try:
    app(["code", sys.argv[1], "-o", sys.argv[2], "--no-progress"])
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = set(json.loads(sys.argv[3]))
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & heavy)))
"""


def test_coding_a_file_imports_no_service_store_or_dask(tmp_path: Path) -> None:
    source, target = tmp_path / "one.txt", tmp_path / "out.jsonl"
    source.write_text("The mayor of Springfield thanked the firefighters on Sunday.\n", encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", PROBE, str(source), str(target), json.dumps(HEAVY)],
                          capture_output=True, text=True, cwd=root, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert json.loads(target.read_text(encoding="utf-8"))["id"]


def test_the_store_and_service_names_still_resolve() -> None:
    from thucydides import service, store

    assert store.EventStore.__name__ == "EventStore"
    assert callable(service.create_app)
