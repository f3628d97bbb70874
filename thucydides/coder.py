"""The pipeline: ingest → nlp → actors → events → time → place → quotes → document.

`Coder` is the Python API; the CLI, the HTTP service and the cluster path are thin
layers over it. Each stage is a small object with one job, built once per process.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from thucydides.actors import ActorResolver
from thucydides.actors.nationality import complete_countries
from thucydides.events import EventCoder
from thucydides.iterutil import chunked
from thucydides.models import Article, Document, Reject, Sentence
from thucydides.nlp import BATCH_SIZE, load_nlp
from thucydides.places import PlaceResolver
from thucydides.quotes import QuoteFinder
from thucydides.times import TimeResolver
from thucydides.version import __version__

CHUNK = 32  # articles sent to a worker process at a time


class Coder:
    """Codes articles into `Document`s.

    >>> doc = Coder().code("Russia rejected the proposal.", date="2016-05-20")
    """

    def __init__(self, actor_files: Sequence[Path | str] = (), pattern_files: Sequence[Path | str] = ()):
        self.actor_files = [Path(p) for p in actor_files]
        self.pattern_files = [Path(p) for p in pattern_files]
        self.nlp = load_nlp()
        self.actors = ActorResolver(self.actor_files)
        self.events = EventCoder(self.pattern_files)
        self.times = TimeResolver()
        self.places = PlaceResolver()
        self.quotes = QuoteFinder()
        # Pay for the gazetteer index at start-up, not inside the first article's timing.
        self.places.gazetteer  # noqa: B018

    # -- one article -----------------------------------------------------
    def code(self, text: str, date: str | date | None = None, id: str = "doc",
             title: str | None = None) -> Document:
        from thucydides.ingest import parse_date

        pub = parse_date(date) if isinstance(date, str) else date
        article = Article(id=id, text=text, date=pub, title=title, origin="<api>")
        return self.code_parsed(article, self.nlp(text))

    def code_parsed(self, article: Article, doc: Doc) -> Document:
        pub = article.date
        actors = self.actors.resolve(doc, pub)
        events = self.events.code(doc, actors, article.id)
        times = self.times.find(doc, pub)
        self.times.attach(events, times, doc, pub)
        places = self.places.find(doc, actors)
        self.places.attach(events, places, doc)
        complete_countries(events, actors, places)
        quotes = self.quotes.find(doc, actors, article.id)
        self.quotes.link(events, quotes)
        return Document(
            id=article.id,
            date=pub.isoformat() if pub else None,
            text=article.text,
            actors=actors.mentions,
            events=events,
            places=places,
            times=times,
            quotes=quotes,
            sentences=[Sentence(i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)],
            title=article.title,
            source=article.source,
            url=article.url,
            coder_version=__version__,
        )

    # -- many articles ---------------------------------------------------
    def code_many(self, articles: Iterable[Article | Reject | dict[str, Any] | str], workers: int = 1,
                  batch_size: int = BATCH_SIZE) -> Iterator[Document | Reject]:
        """Code a stream in input order: `Article`s, input records (dicts in the FORMAT.md
        input shape) or plain texts. Rejects pass through; a bad record or an article that
        fails inside the coder becomes a Reject instead of stopping the stream."""
        items = (_as_article(item, n) for n, item in enumerate(articles, start=1))
        if workers <= 1:
            yield from self._code_stream(items, batch_size)
            return
        yield from _code_in_processes(items, workers, self.actor_files, self.pattern_files, batch_size)

    def _code_stream(self, items: Iterable[Article | Reject], batch_size: int) -> Iterator[Document | Reject]:
        for batch in chunked(items, batch_size):
            yield from self._code_batch(batch)

    def _code_batch(self, items: list[Article | Reject]) -> Iterator[Document | Reject]:
        articles = [it for it in items if isinstance(it, Article)]
        parsed = iter(self.nlp.pipe((a.text for a in articles), batch_size=len(articles) or 1))
        for item in items:
            if isinstance(item, Reject):
                yield item
                continue
            doc = next(parsed)
            yield self.code_safely(item, doc)

    def code_safely(self, article: Article, doc: Doc | None = None) -> Document | Reject:
        try:
            return self.code_parsed(article, doc if doc is not None else self.nlp(article.text))
        except Exception as exc:  # one broken article must never kill a batch
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return Reject(article.origin, f"coder error: {type(exc).__name__}: {exc} "
                          f"(at {os.path.basename(where.filename)}:{where.lineno})", article.id)


def _as_article(item: Article | Reject | dict[str, Any] | str, n: int) -> Article | Reject:
    from thucydides.ingest import article_from_record

    if isinstance(item, (Article, Reject)):
        return item
    if isinstance(item, str):
        item = {"text": item}
    if isinstance(item, dict):
        return article_from_record(item, f"<item {n}>", default_id=f"doc-{n}")
    return Reject(f"<item {n}>", f"expected an Article, a record dict or a text, got {type(item).__name__}")


# -- worker processes -------------------------------------------------------
_worker_coder: Coder | None = None


def _init_worker(actor_files: list[Path], pattern_files: list[Path]) -> None:
    global _worker_coder
    _worker_coder = Coder(actor_files, pattern_files)


def _code_chunk(chunk: list[Article | Reject]) -> list[Document | Reject]:
    assert _worker_coder is not None
    return list(_worker_coder._code_batch(chunk))


def _code_in_processes(items: Iterable[Article | Reject], workers: int, actor_files: list[Path],
                       pattern_files: list[Path], batch_size: int) -> Iterator[Document | Reject]:
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(actor_files, pattern_files)) as pool:
        # a bounded window keeps memory flat on huge inputs while preserving input order
        pending = []
        for chunk in chunked(items, min(CHUNK, batch_size)):
            pending.append(pool.submit(_code_chunk, chunk))
            if len(pending) >= workers * 4:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()
