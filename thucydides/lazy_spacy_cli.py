"""Defer spaCy's own command line (`spacy.cli`) until something really uses it.

`import spacy` imports `spacy.cli` for the one name `spacy.info`, and with it weasel, httpx,
requests and the training and packaging commands: 0.25-0.35 s of a 2 s start on this project's
machine, for code that coding never runs. `import_spacy()`, called by `thucydides code` before
spaCy is first imported, puts stand-ins for `spacy.cli` and `spacy.cli.info` in `sys.modules`;
the first use of any of their names (or `spacy.info()`) imports the real modules and answers
from them, and `import spacy.cli.<command>` still finds the real submodules. It does nothing
once spaCy is loaded, so a program that imports spaCy itself is never touched.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

_NAMES = ("spacy.cli", "spacy.cli.info")


class _Deferred(types.ModuleType):
    """A module that turns into the real one on first attribute access."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            # The import system probes `__path__` and the like: asking is not using the module.
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _real(module_name: str) -> types.ModuleType:
    for name in _NAMES:
        if isinstance(sys.modules.get(name), _Deferred):
            del sys.modules[name]
    return importlib.import_module(module_name)


def _info(*args: Any, **kwargs: Any) -> Any:
    return _real("spacy.cli.info").info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """`import spacy` with its command line deferred (when spaCy is not imported yet)."""
    if "spacy" not in sys.modules and not any(name in sys.modules for name in _NAMES):
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.submodule_search_locations:
            _install([f"{location}/cli" for location in spec.submodule_search_locations])
    import spacy

    if isinstance(sys.modules.get("spacy.cli"), _Deferred) and "cli" not in vars(spacy):
        # A module found in sys.modules is not bound on its parent: `spacy.cli` must still resolve.
        spacy.cli = sys.modules["spacy.cli"]  # type: ignore[attr-defined]
    return spacy


def _install(path: list[str]) -> None:
    package = _Deferred("spacy.cli")
    # Submodules (`spacy.cli.download`) import from the real folder; such an import binds the
    # submodule, not the function of the same name, on the stand-in: the one difference, and
    # only in a `thucydides code` process, which never uses spaCy's command line.
    package.__path__ = path
    info = _Deferred("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]  # the one name `spacy/__init__.py` imports
    package.info = info  # type: ignore[attr-defined]
    sys.modules["spacy.cli"] = package
    sys.modules["spacy.cli.info"] = info
