"""thucydides: news articles in, political event data (CAMEO/PLOVER) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thucydides.version import __version__

__all__ = ["Coder", "__version__"]

if TYPE_CHECKING:
    from thucydides.coder import Coder


def __getattr__(name: str) -> Any:
    # Importing the package must stay cheap (the CLI's --help, the data loaders);
    # the coder and its model load only when asked for.
    if name == "Coder":
        from thucydides.coder import Coder

        return Coder
    raise AttributeError(name)
