"""What a source hands the watcher: entries (an article, a page still to fetch, or a reject), the
source state that commits with them, and the settings every source reads."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from thucydides.limits import MAX_ARTICLE_CHARS
from thucydides.models import Article, Reject
from thucydides.watch.defaults import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S

MAX_ENTRIES_PER_POLL = 200  # a backlog (a long JSONL file, a full folder) is read in parts this big
SETTLE_S = 1.0  # a file changed this recently may still be being written; a later poll reads it
MAX_KEY_CHARS = 500  # an entry id past this is no id; it is hashed instead


@dataclass(slots=True)
class Settings:
    """How sources fetch and read: time limit and size cap per request, the article size limit, and
    whether a feed entry's page is fetched even when the feed gives a summary."""

    timeout: float = DEFAULT_TIMEOUT_S
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = MAX_ARTICLE_CHARS
    full_pages: bool = False
    max_entries: int = MAX_ENTRIES_PER_POLL
    settle_s: float = SETTLE_S

    def today(self) -> date:
        """The publication date of an entry that gives none: the day it was seen (UTC)."""
        return datetime.now(UTC).date()


@dataclass(slots=True)
class SourceState:
    """What the store remembers of a source between polls and across restarts."""

    etag: str | None = None
    last_modified: str | None = None
    byte_offset: int = 0
    line_number: int = 0
    consecutive_errors: int = 0


@dataclass(slots=True)
class Entry:
    """One item a source delivered, keyed within its source.

    Exactly one of `article` (its text is here), `link` (its text is the page there; `article` holds
    the entry's own title, date and id, `fallback` the summary to code if the page cannot be had) or
    `reject` (it cannot be coded, and why) says what to do with it. `fingerprint` changes when a
    known entry's content changes (a rewritten file); `versioned`: such a change is a new version of
    the same article, which replaces the stored one (files), rather than another article that
    happens to sit where an old one was (a line of a rotated JSONL file). `mark` is source state
    (the offset of a growing file) that commits together with this entry's outcome.
    """

    key: str
    fingerprint: str | None = None
    article: Article | None = None
    link: str | None = None
    fallback: Article | Reject | None = None
    reject: Reject | None = None
    url: str | None = None
    versioned: bool = False
    mark: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Poll:
    """One poll's answer. `state` (validators, offsets) is saved once every entry is settled;
    `more`: the source has more ready now (a backlog read in parts); `note`: a warning to show."""

    entries: list[Entry] = field(default_factory=list)
    state: dict[str, Any] = field(default_factory=dict)
    more: bool = False
    not_modified: bool = False
    note: str | None = None


# Which of these (entry key, fingerprint) pairs the store has settled already.
Known = Callable[[list[tuple[str, str | None]]], set[str]]


class SourceError(Exception):
    """A poll that failed as a whole (the feed cannot be fetched or read, the folder is gone).
    `retry_after`: seconds the server asked us to wait."""

    def __init__(self, message: str, retry_after: float | None = None):
        self.retry_after = retry_after
        super().__init__(message)


class Source(ABC):
    """A place articles arrive: a feed URL, a feed file, a folder, a growing JSONL file."""

    kind: str = ""

    def __init__(self, location: str, interval: float | None = None):
        self.location = location
        self.interval = interval  # None: the watcher's own

    @property
    def key(self) -> str:
        """The source's name in the store: kind and location, stable across runs."""
        return f"{self.kind}:{self.location}"

    @abstractmethod
    def poll(self, state: SourceState, settings: Settings, known: Known | None = None) -> Poll:
        """What is new since `state`; raises SourceError when the source cannot be read at all.
        `known(pairs)` says which (entry key, fingerprint) pairs the store has settled, for a source
        that can skip reading those (a folder's unchanged files)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"
