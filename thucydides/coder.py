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
from thucydides.limits import (
    ARTICLE_TIME_BUDGET_S,
    MAX_ARTICLE_CHARS,
    ArticleRefused,
    Deadline,
    id_problem,
    surrogate_problem,
    text_problem,
    token_problem,
)
from thucydides.models import Article, Document, Reject, Sentence, TimeExpr
from thucydides.nlp import BATCH_SIZE, load_nlp
from thucydides.places import PlaceResolver
from thucydides.places.place_targets import authorities_at_home
from thucydides.quotes import QuoteFinder
from thucydides.times import TimeResolver
from thucydides.version import __version__

CHUNK = 32  # articles sent to a worker process at a time
# Longer articles are parsed one at a time, so that their time budget also bounds the parse;
# batching gains nothing on texts this long.
SOLO_PARSE_CHARS = 20_000


class Coder:
    """Codes articles into `Document`s.

    >>> doc = Coder().code("Russia rejected the proposal.", date="2016-05-20")
    """

    def __init__(self, actor_files: Sequence[Path | str] = (), pattern_files: Sequence[Path | str] = (),
                 max_chars: int = MAX_ARTICLE_CHARS, time_budget: float | None = ARTICLE_TIME_BUDGET_S):
        """`max_chars`: longer texts are refused; `time_budget`: seconds one article may take
        (checked between stages; None for no limit)."""
        if isinstance(actor_files, (str, Path)) or isinstance(pattern_files, (str, Path)):
            raise TypeError("actor_files and pattern_files are lists of paths, not one path")
        if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
            raise ValueError(f"max_chars must be a positive int, got {max_chars!r}")
        if time_budget is not None and not (isinstance(time_budget, (int, float)) and time_budget > 0):
            raise ValueError(f"time_budget must be a positive number of seconds or None, got {time_budget!r}")
        self.actor_files = [Path(p) for p in actor_files]
        self.pattern_files = [Path(p) for p in pattern_files]
        self.max_chars = max_chars
        self.time_budget = time_budget
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
        """Code one text. Raises TypeError for arguments of the wrong type and ValueError
        (`ArticleRefused`) for a text over the size limits or the time budget."""
        from thucydides.ingest import parse_date

        _check_code_arguments(text, date, id, title)
        deadline = Deadline(self.time_budget)
        pub = parse_date(date) if isinstance(date, str) else date
        article = Article(id=id, text=text, date=pub, title=title, origin="<api>")
        refused = self.refusal(article)
        if refused:
            raise ArticleRefused(refused)
        doc = self.nlp.make_doc(text)
        refused = token_problem(len(doc), len(text))
        if refused:
            raise ArticleRefused(refused)
        return self.code_parsed(article, self._parse(doc, deadline), deadline)

    def _parse(self, tokens: Doc, deadline: Deadline) -> Doc:
        """`nlp(tokens)`, one pipeline step at a time, stopping when the time budget is spent."""
        doc = tokens
        for name, step in self.nlp.pipeline:
            deadline.check(f"parsing ({name})")
            doc = step(doc)
        return doc

    def refusal(self, article: Article) -> str | None:
        """Why an article is refused before parsing (size, id, text that is not UTF-8), or None."""
        problem = text_problem(article.text, self.max_chars) or id_problem(article.id)
        for field in ("title", "source", "url"):
            value = getattr(article, field)
            problem = problem or (surrogate_problem(value, field) if value else None)
        return problem

    def code_parsed(self, article: Article, doc: Doc, deadline: Deadline | None = None) -> Document:
        deadline = deadline or Deadline(self.time_budget)
        pub = article.date
        deadline.check("actors")
        actors = self.actors.resolve(doc, pub)
        deadline.check("events")
        events = self.events.code(doc, actors, article.id)
        deadline.check("times")
        times = self.times.find(doc, pub)
        # an article with no date of its own is dated by its dateline ("ISTANBUL, 12 March 2019 -")
        pub = pub or _dateline_day(times)
        self.times.attach(events, times, doc, pub)
        deadline.check("places")
        places = self.places.find(doc, actors)
        self.places.attach(events, places, doc)
        complete_countries(events, actors, places)
        authorities_at_home(events)  # needs the targets' countries, filled just above
        deadline.check("quotes")
        quotes = self.quotes.find(doc, actors, article.id)
        self.quotes.link(events, quotes)
        deadline.check("the document")
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
        admitted = [self._admit(item) if isinstance(item, Article) else item for item in items]
        tokenised = [item[1] for item in admitted
                     if isinstance(item, tuple) and len(item[0].text) < SOLO_PARSE_CHARS]
        try:
            docs = list(self.nlp.pipe(tokenised, batch_size=len(tokenised) or 1))
            parsed: Iterator[Doc | None] = iter(docs)
        except Exception:  # one article broke the batch's parse: parse each alone, so only it is rejected
            parsed = iter([None] * len(tokenised))
        for item in admitted:
            if isinstance(item, Reject):
                yield item
                continue
            article, tokens = item
            doc = next(parsed) if len(article.text) < SOLO_PARSE_CHARS else None
            yield self.code_safely(article, doc, tokens)

    def _admit(self, article: Article) -> tuple[Article, Doc] | Reject:
        """The article and its tokens, or its Reject when it is refused before parsing."""
        refused = self.refusal(article)
        if refused:
            return Reject(article.origin, refused, article.id if not id_problem(article.id) else None)
        try:
            tokens = self.nlp.make_doc(article.text)
        except Exception as exc:  # one broken article must never kill a batch
            return _coder_error(article, exc)
        refused = token_problem(len(tokens), len(article.text))
        return Reject(article.origin, refused, article.id) if refused else (article, tokens)

    def code_safely(self, article: Article, doc: Doc | None = None,
                    tokens: Doc | None = None) -> Document | Reject:
        """A Document, or a Reject naming the reason; never raises for one article's content."""
        deadline = Deadline(self.time_budget)
        try:
            if doc is None:
                admitted = self._admit(article) if tokens is None else (article, tokens)
                if isinstance(admitted, Reject):
                    return admitted
                doc = self._parse(admitted[1], deadline)
            return self.code_parsed(article, doc, deadline)
        except ArticleRefused as exc:
            return Reject(article.origin, str(exc), article.id)
        except Exception as exc:  # one broken article must never kill a batch
            return _coder_error(article, exc)


def _coder_error(article: Article, exc: BaseException) -> Reject:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" (at {os.path.basename(where.filename)}:{where.lineno})" if where else ""
    message = str(exc)[:500]
    return Reject(article.origin, f"coder error: {type(exc).__name__}: {message}{at}", article.id)


def _check_code_arguments(text: object, date_: object, ident: object, title: object) -> None:
    if not isinstance(text, str):
        binary = isinstance(text, (bytes, bytearray))
        hint = " (decode bytes first, e.g. raw.decode('utf-8'))" if binary else ""
        raise TypeError(f"text must be a str, got {type(text).__name__}{hint}")
    if date_ is not None and not isinstance(date_, (str, date)):
        raise TypeError(f"date must be an ISO string like '2024-03-08', a datetime.date or None, "
                        f"got {type(date_).__name__} {date_!r}"[:300])
    if not isinstance(ident, str):
        raise TypeError(f"id must be a str, got {type(ident).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, got {type(title).__name__}")


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


def _dateline_day(times: list[TimeExpr]) -> date | None:
    """The day the article's dateline gives, if it gives a whole one."""
    for t in times:
        if t.kind == "dateline" and t.value and len(t.value) == 10:
            try:
                return date.fromisoformat(t.value)
            except ValueError:
                return None
    return None
