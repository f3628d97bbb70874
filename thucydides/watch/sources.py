"""Command-line source specs into sources: `https://…` a feed, a folder, a `.jsonl` file that grows,
any other file a feed document. `15m=SPEC` gives that source its own interval."""

from __future__ import annotations

import re
from pathlib import Path

from thucydides.watch.entries import Source
from thucydides.watch.feeds import FeedFileSource, FeedSource
from thucydides.watch.files import FolderSource, JsonlSource
from thucydides.watch.interval import IntervalError, parse_interval

_INTERVAL_PREFIX = re.compile(r"^([0-9][0-9A-Za-z.]*)=(.+)$", re.S)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


class SourceSpecError(ValueError):
    """A source on the command line that names nothing the watcher can read."""


def parse_source(spec: str) -> Source:
    """The source a command-line argument names; SourceSpecError says why when it names none."""
    target, interval = spec.strip(), None
    prefixed = _INTERVAL_PREFIX.match(target)
    if prefixed and not Path(target).exists():
        try:
            interval = parse_interval(prefixed.group(1))
        except IntervalError as exc:
            raise SourceSpecError(f"{spec}: {exc}") from None
        target = prefixed.group(2).strip()
    if not target:
        raise SourceSpecError(f"{spec!r}: empty source")
    if _SCHEME.match(target):
        if not target.lower().startswith(("http://", "https://")):
            raise SourceSpecError(f"{spec}: only http:// and https:// feeds can be watched")
        return FeedSource(target, interval)
    path = Path(target).expanduser()
    if path.is_dir():
        return FolderSource(str(path.resolve()), interval)
    if not path.exists():
        raise SourceSpecError(f"{spec}: no such file or folder, and not an http(s) feed URL")
    if not path.is_file():
        raise SourceSpecError(f"{spec}: not a file or folder")
    if path.suffix.lower() == ".jsonl":
        return JsonlSource(str(path.resolve()), interval)
    return FeedFileSource(str(path.resolve()), interval)


def parse_sources(specs: list[str]) -> list[Source]:
    """Every source of the command line; the same source named twice is an error, not two pollers."""
    sources: list[Source] = []
    seen: dict[str, str] = {}
    for spec in specs:
        source = parse_source(spec)
        if source.key in seen:
            raise SourceSpecError(f"{spec}: the same source as {seen[source.key]}")
        seen[source.key] = spec
        sources.append(source)
    if not sources:
        raise SourceSpecError("no sources to watch")
    return sources
