"""The watcher: poll each source when it is due, code what is new, store each article exactly once.

One poll of a source: read its remembered state, ask it what is new, drop what the store has settled,
recognise copies (same canonical URL, same text) of stored articles, fetch pages for link-only feed
entries, code the rest in small chunks and commit each entry's outcome, in the source's order, in
the transaction that stores its article. The store is open only while it is read or written, never
while a page is fetched or an article coded, so `query` and `serve` can use it between commits.
A source that fails is reported, backs off and is tried again; the others go on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from thucydides.iterutil import chunked
from thucydides.models import Article, Document, Reject
from thucydides.watch.entries import Entry, Settings, Source, SourceError
from thucydides.watch.http import FetchError
from thucydides.watch.ledger import Ledger
from thucydides.watch.pages import page_article
from thucydides.watch.plan import Plan, triage
from thucydides.watch.status import WatchStatus

if TYPE_CHECKING:
    from thucydides.store.db import EventStore

CHUNK = 16  # articles coded between two commits: a kill loses at most this much coding
MAX_PAGE_TRIES = 3  # a page that keeps timing out is given up (its summary coded, if any) after this
BACKOFF_CAP_S = 6 * 3600.0

CodeFn = Callable[[list[Article]], Iterable[Document | Reject]]
StoreOpener = Callable[[], AbstractContextManager["EventStore"]]
OnCycle = Callable[["EventStore"], None]

log = logging.getLogger("thucydides.watch")


class Reporter(Protocol):
    """Where the watcher says what it did (the CLI's lines, the server's log)."""

    def polled(self, source: Source, summary: PollSummary) -> None: ...
    def rejected(self, source: Source, reject: Reject) -> None: ...
    def problem(self, source: Source | None, message: str) -> None: ...


class LogReporter:
    def polled(self, source: Source, summary: PollSummary) -> None:
        log.info("%s: %s", source.key, summary.describe())

    def rejected(self, source: Source, reject: Reject) -> None:
        log.warning("%s: rejected %s%s: %s", source.key, reject.origin,
                    f" [{reject.id}]" if reject.id else "", reject.reason)

    def problem(self, source: Source | None, message: str) -> None:
        log.warning("%s%s", f"{source.key}: " if source else "", message)


@dataclass(slots=True)
class PollSummary:
    coded: int = 0
    duplicates: int = 0
    rejected: int = 0
    deferred: int = 0
    not_modified: bool = False
    more: bool = False
    error: str | None = None
    retry_after: float | None = None
    retry_in: float | None = None
    rejects: list[Reject] = field(default_factory=list)

    def describe(self) -> str:
        if self.error:
            when = f"; retry in {self.retry_in:.0f} s" if self.retry_in is not None else ""
            return f"error: {self.error}{when}"
        if self.not_modified:
            return "not modified"
        text = f"{self.coded} new, {self.duplicates} duplicate, {self.rejected} rejected"
        if self.deferred:
            text += f", {self.deferred} page(s) to fetch again next poll"
        return text


class Watcher:
    """Polls `sources` into the store that `open_store()` opens, coding with `code`."""

    def __init__(self, sources: list[Source], open_store: StoreOpener, code: CodeFn, *, interval: float,
                 settings: Settings | None = None, on_cycle: OnCycle | None = None,
                 reporter: Reporter | None = None, clock: Callable[[], float] = time.monotonic):
        self.sources = sources
        self.open_store = open_store
        self.code = code
        self.interval = interval
        self.settings = settings or Settings()
        self.on_cycle = on_cycle
        self.reporter: Reporter = reporter or LogReporter()
        self.clock = clock
        self.status = WatchStatus(sources, interval)
        self._due = {s.key: 0.0 for s in sources}
        self._errors: dict[str, int] = {}
        self._page_tries: dict[tuple[str, str], int] = {}

    # -- running -----------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        """Poll every source when it is due until `stop` is set."""
        try:
            while not stop.is_set():
                stored = 0
                for source in self.sources:
                    if stop.is_set():
                        break
                    if self._due[source.key] <= self.clock():
                        stored += self.poll(source).coded
                if stored:
                    self._after_cycle()
                stop.wait(max(0.0, min(self._due.values()) - self.clock()))
        finally:
            self.status.stopped()

    def run_once(self) -> list[PollSummary]:
        """Poll every source once, reading any backlog to its end; then the cycle hook."""
        summaries = []
        for source in self.sources:
            summary = self.poll(source)
            summaries.append(summary)
            while summary.more and not summary.error:
                summary = self.poll(source)
                summaries[-1] = _merge(summaries[-1], summary)
        if any(s.coded for s in summaries):
            self._after_cycle()
        self.status.stopped()
        return summaries

    def _after_cycle(self) -> None:
        if self.on_cycle is None:
            return
        try:
            with self.open_store() as store:
                self.on_cycle(store)
        except Exception as exc:  # the hook (alerts) must not stop the watching
            self.reporter.problem(None, f"after the cycle: {type(exc).__name__}: {exc}")

    # -- one poll ----------------------------------------------------------
    def poll(self, source: Source) -> PollSummary:
        """Poll one source now and settle everything it delivered; errors end up in the summary."""
        summary = PollSummary()
        save: dict[str, object] | None = None
        try:
            with self.open_store() as store:
                state = Ledger(store).source_state(source)
            self._errors.setdefault(source.key, state.consecutive_errors)
            poll = source.poll(state, self.settings, known=lambda pairs: self._settled(source, pairs))
            if poll.note:
                self.reporter.problem(source, poll.note)
            summary.not_modified, summary.more = poll.not_modified, poll.more
            if poll.entries:
                self._settle(source, poll.entries, summary)
            save = None if summary.deferred else poll.state
        except SourceError as exc:
            summary.error, summary.retry_after = str(exc), exc.retry_after
        except Exception as exc:  # the store is locked or broken: this poll is lost, the next one redoes it
            summary.error = f"{type(exc).__name__}: {exc}"
        errors = self._errors.get(source.key, 0) + 1 if summary.error else 0
        self._errors[source.key] = errors
        backlog = summary.more and not summary.error
        delay = 0.0 if backlog else self._delay(source, errors, summary.retry_after)
        summary.retry_in = delay if summary.error else None
        self._due[source.key] = self.clock() + delay
        try:
            with self.open_store() as store:
                Ledger(store).finish_poll(source, save, summary.error, errors)
        except Exception as exc:
            self.reporter.problem(source, f"could not record the poll: {type(exc).__name__}: {exc}")
        self.status.polled(source, error=summary.error, errors=errors, next_poll=time.time() + delay)
        self.reporter.polled(source, summary)
        return summary

    def _delay(self, source: Source, errors: int, retry_after: float | None) -> float:
        """The source's interval; after `errors` failures in a row, twice as long per failure (capped),
        and never sooner than the server's Retry-After."""
        interval = source.interval or self.interval
        if not errors:
            return interval
        delay = min(interval * 2 ** min(errors, 20), max(interval, BACKOFF_CAP_S))
        return max(delay, retry_after or 0.0)

    def _settled(self, source: Source, pairs: list[tuple[str, str | None]]) -> set[str]:
        with self.open_store() as store:
            return Ledger(store).settled(source, pairs)

    # -- settling a poll's entries -----------------------------------------
    def _settle(self, source: Source, entries: list[Entry], summary: PollSummary) -> None:
        with self.open_store() as store:
            plans = triage(Ledger(store), source, entries)
        for chunk in chunked(plans, CHUNK):
            self._fetch_pages(source, chunk)
            todo = [p for p in chunk if p.action == "code" and p.article is not None]
            for plan, result in zip(todo, self._code([p.article for p in todo if p.article]), strict=True):
                plan.result = result
            with self.open_store() as store:
                ledger = Ledger(store)
                for plan in chunk:
                    self._commit(ledger, source, plan, summary)

    def _fetch_pages(self, source: Source, chunk: list[Plan]) -> None:
        for plan in chunk:
            if plan.action != "fetch" or plan.entry.article is None or plan.entry.link is None:
                continue
            tries = self._page_tries.get((source.key, plan.entry.key), 0) + 1
            try:
                got = page_article(plan.entry.article, plan.entry.link, self.settings)
            except FetchError as exc:
                if exc.transient and tries < MAX_PAGE_TRIES:
                    self._page_tries[(source.key, plan.entry.key)] = tries
                    plan.action = "defer"
                    continue
                why = f"page not fetched: {exc.reason}" + (f" ({tries} tries)" if exc.transient else "")
                got = plan.entry.fallback or Reject(plan.entry.article.origin, why, plan.entry.article.id)
            self._page_tries.pop((source.key, plan.entry.key), None)
            plan.take(got)

    def _code(self, articles: list[Article]) -> list[Document | Reject]:
        """Each article's Document or Reject, in order; a coder that fails on a chunk gets one at a time."""
        if not articles:
            return []
        try:
            results = list(self.code(articles))
            if len(results) != len(articles):
                raise RuntimeError(f"the coder answered {len(results)} of {len(articles)} articles")
        except Exception:
            results = [self._code_one(a) for a in articles]
        pairs = zip(articles, results, strict=True)
        return [_completed(r, a) if isinstance(r, Document) else r for a, r in pairs]

    def _code_one(self, article: Article) -> Document | Reject:
        try:
            return next(iter(self.code([article])))
        except Exception as exc:  # one broken article never stops the source
            return Reject(article.origin, f"coder error: {type(exc).__name__}: {str(exc)[:300]}", article.id)

    def _commit(self, ledger: Ledger, source: Source, plan: Plan, summary: PollSummary) -> None:
        outcome = None if plan.action == "defer" else plan.resolve(ledger)
        if outcome is None:  # its page, or the page of the earlier copy it follows, is asked for next poll
            summary.deferred += 1
            return
        if outcome.outcome == "coded" and isinstance(plan.result, Document):
            try:
                ledger.store_article(source, outcome, plan.result)
            except Exception as exc:  # as `code --store`: a document that cannot be written is its reject
                outcome = replace(outcome, outcome="rejected", article_id=None,
                                  reason=f"could not be written: {type(exc).__name__}: {str(exc)[:300]}")
                plan.reject = Reject(plan.origin, outcome.reason or "", plan.article_id)
                ledger.record(source, outcome)
        else:
            ledger.record(source, outcome)
        self.status.counted(source, outcome.outcome)
        if outcome.outcome == "coded":
            summary.coded += 1
        elif outcome.outcome == "duplicate":
            summary.duplicates += 1
        elif outcome.outcome == "rejected":
            summary.rejected += 1
            reject = plan.reject or Reject(plan.origin, outcome.reason or "rejected", plan.article_id)
            summary.rejects.append(reject)
            self.reporter.rejected(source, reject)


def _completed(doc: Document, article: Article) -> Document:
    """A document with the article's metadata wherever the coder left it out (a coder that was handed
    only the text, as the service's pool)."""
    return replace(doc, text=doc.text or article.text, title=doc.title or article.title,
                   source=doc.source or article.source, url=doc.url or article.url)


def _merge(a: PollSummary, b: PollSummary) -> PollSummary:
    return PollSummary(coded=a.coded + b.coded, duplicates=a.duplicates + b.duplicates,
                       rejected=a.rejected + b.rejected, deferred=a.deferred + b.deferred,
                       not_modified=b.not_modified, more=b.more, error=b.error, retry_after=b.retry_after,
                       retry_in=b.retry_in, rejects=a.rejects + b.rejects)

