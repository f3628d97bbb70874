"""`thucydides code FILE -o OUT` starts without the service, the store, Dask or spaCy's own CLI
(issue 18: fast start)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("fastapi", "uvicorn", "starlette", "duckdb", "pandas", "pyarrow", "matplotlib", "dask", "weasel",
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


# In a fresh interpreter: spaCy imported through import_spacy() leaves its CLI unloaded, and every
# way of reaching that CLI afterwards still gets the real thing.
LAZY_PROBE = """
import json, sys
from thucydides.lazy_spacy_cli import import_spacy
spacy = import_spacy()
before = "weasel" in sys.modules
import spacy.cli
out = {"before": before, "download": callable(spacy.cli.download),
       "info": spacy.info(markdown=False)["spacy_version"] == spacy.__version__,
       "after": "weasel" in sys.modules}
print(json.dumps(out))
"""


def test_spacys_own_cli_loads_only_when_used() -> None:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", LAZY_PROBE], capture_output=True, text=True, cwd=root,
                          check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "before": False, "download": True, "info": True, "after": True}
    submodule = LAZY_PROBE.replace("import spacy.cli\n", "from spacy.cli.download import download\n"
                                                        "import spacy.cli\n")
    submodule = submodule.replace("callable(spacy.cli.download)", "callable(download)")
    done = subprocess.run([sys.executable, "-c", submodule], capture_output=True, text=True, cwd=root,
                          check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1])["download"] is True


def test_import_spacy_leaves_an_already_imported_spacy_alone() -> None:
    import spacy

    from thucydides.lazy_spacy_cli import import_spacy

    assert import_spacy() is spacy
    assert type(sys.modules["spacy.cli"]).__name__ == "module"
