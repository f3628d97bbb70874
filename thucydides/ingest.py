"""Ingest: turn the user's inputs (.txt, .jsonl, .html, directories, stdin) into Articles.

Nothing here raises for bad input: every problem becomes a `Reject` that names the
file, the line and the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from thucydides.limits import MAX_ARTICLE_CHARS, id_problem, surrogate_problem, text_problem
from thucydides.models import Article, Reject

SUPPORTED = (".txt", ".jsonl", ".html", ".htm")
STDIN = "-"
ON_DUPLICATE = ("error", "skip", "replace")

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")


class DateError(ValueError):
    """A publication date that is not an ISO calendar date."""


def parse_date(value: Any) -> date | None:
    """Parse a publication date: `YYYY-MM-DD`, optionally with an ISO time part.

    None and "" mean "no date". Anything else that is not a real calendar day raises
    DateError with the offending value in the message.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        shown = _shown(value) if isinstance(value, (int, float)) else ""
        raise DateError(f"date must be a string like 2016-05-20, got {type(value).__name__} {shown}".rstrip())
    m = _ISO_DAY.match(value)
    if not m:
        raise DateError(f"date {_shown(value)} is not an ISO date (YYYY-MM-DD)")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as exc:
        raise DateError(f"date {value!r} is not a real calendar day ({exc})") from None


def _shown(value: Any) -> str:
    """A value for an error message, short even when the value is not (repr of an int with
    5,000 digits raises)."""
    try:
        text = repr(value)
    except ValueError:
        return f"<{type(value).__name__} too long to show>"
    return text if len(text) <= 60 else text[:57] + "..."


def _decode(raw: bytes, origin: str) -> str | Reject:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Reject(origin, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}")


def _check_text(text: Any, origin: str, ident: str | None,
                max_chars: int = MAX_ARTICLE_CHARS) -> Reject | None:
    if not isinstance(text, str):
        return Reject(origin, f"field 'text' must be a string, got {type(text).__name__}", ident)
    if not text.strip():
        return Reject(origin, "empty text", ident)
    problem = text_problem(text, max_chars)
    return Reject(origin, problem, ident) if problem else None


def _article_from_line(line: str, origin: str, default_id: str, default_date: date | None,
                       max_chars: int = MAX_ARTICLE_CHARS) -> Article | Reject:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Reject(origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return Reject(origin, "malformed JSON: nested too deeply")
    except ValueError as exc:  # a number of more than 4,300 digits (Python's int conversion limit)
        return Reject(origin, f"malformed JSON: {str(exc).split(';')[0]}")
    if not isinstance(record, dict):
        return Reject(origin, f"expected a JSON object, got {type(record).__name__}")
    return article_from_record(record, origin, default_id=default_id, default_date=default_date,
                               max_chars=max_chars)


def articles_from_jsonl_lines(lines: Iterable[str], name: str, default_date: date | None = None,
                              max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article | Reject]:
    """One article per JSON line; blank lines are skipped, bad lines rejected."""
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            yield _article_from_line(line, f"{name}:{lineno}", f"{Path(name).stem}-{lineno}", default_date,
                                     max_chars)


def _record_id(value: Any, default_id: str) -> str | Reject:
    if value is None or value == "":
        return default_id
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return Reject("", f"field 'id' must be a string or a number, got {type(value).__name__}")
    try:
        ident = str(value)
    except ValueError as exc:  # an int of more than 4,300 digits
        return Reject("", f"field 'id' is not usable: {str(exc).split(';')[0]}")
    problem = id_problem(ident)
    return Reject("", problem) if problem else ident or default_id


def article_from_record(record: dict[str, Any], origin: str, default_id: str,
                        default_date: date | None = None,
                        max_chars: int = MAX_ARTICLE_CHARS) -> Article | Reject:
    """Validate one input record (the FORMAT.md input shape) into an Article."""
    ident = _record_id(record.get("id"), default_id)
    if isinstance(ident, Reject):
        ident.origin = origin
        return ident
    if "text" not in record:
        return Reject(origin, "missing field 'text'", ident)
    bad = _check_text(record["text"], origin, ident, max_chars)
    if bad:
        return bad
    try:
        pub = parse_date(record.get("date"))
    except DateError as exc:
        return Reject(origin, f"invalid date: {exc}"[:500], ident)
    optional = {}
    for key in ("title", "source", "url"):
        value = record.get(key)
        try:
            optional[key] = str(value) if value is not None else None
        except ValueError as exc:  # an int of more than 4,300 digits
            return Reject(origin, f"field {key!r} is not usable: {str(exc).split(';')[0]}", ident)
        problem = surrogate_problem(optional[key] or "", key)
        if problem:
            return Reject(origin, problem, ident)
    return Article(id=ident, text=record["text"], date=pub or default_date, origin=origin, **optional)


def html_article(raw: str, origin: str, default_date: date | None, ident: str,
                 max_chars: int = MAX_ARTICLE_CHARS) -> Article | Reject:
    """The article in a web page (main text, title, date, site name, via trafilatura), or its Reject."""
    try:
        return _html_extract(raw, origin, default_date, ident, max_chars)
    except Exception as exc:  # a page that breaks the extractor costs itself, not the batch
        return Reject(origin, f"HTML extraction failed: {type(exc).__name__}: {str(exc)[:200]}", ident)


def _html_extract(raw: str, origin: str, default_date: date | None, ident: str,
                  max_chars: int) -> Article | Reject:
    import trafilatura

    extracted = trafilatura.bare_extraction(raw, with_metadata=True)
    if extracted is None:
        return Reject(origin, "no article text found in the HTML page", ident)
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    if not text.strip():
        return Reject(origin, "no article text found in the HTML page", ident)
    bad = _check_text(text, origin, ident, max_chars)
    if bad:
        return bad
    try:
        pub = parse_date((data.get("date") or "")[:10] or None)
    except DateError:
        pub = None
    return Article(id=ident, text=text, date=pub or default_date, title=data.get("title"),
                   source=data.get("sitename"), url=data.get("url"), origin=origin)


def path_id(path: Path, root: Path | None = None) -> str:
    """A file's article id: its name without the suffix, or, under a directory given as input,
    its path below that directory ("2024/03/report"), so that two report.txt never share one."""
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


# A page's markup is many times its text; a file this many times the text limit cannot hold an
# article under it, and reading it whole would cost memory for nothing.
MAX_FILE_BYTES_PER_CHAR = {".txt": 4, ".html": 25, ".htm": 25}


def read_path(path: Path, default_date: date | None = None, max_chars: int = MAX_ARTICLE_CHARS,
              root: Path | None = None) -> Iterator[Article | Reject]:
    """Articles from one file, or from every supported file under a directory."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        if not files:
            yield Reject(str(path), f"directory holds no {', '.join(SUPPORTED)} files")
        for file in files:
            yield from read_path(file, default_date, max_chars, root=path)
        return
    origin = str(path)
    ident = path_id(path, root)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Reject(origin, f"unsupported file type {suffix or '(none)'}; "
                             f"expected one of {', '.join(SUPPORTED)}")
        return
    try:
        if suffix == ".jsonl":
            with path.open("rb") as lines:  # line by line: a big batch file is never held whole
                yield from _jsonl_lines(lines, origin, default_date, max_chars, stem=ident)
            return
        size = path.stat().st_size
        if size > MAX_FILE_BYTES_PER_CHAR[suffix] * max_chars:
            yield Reject(origin, f"file has {size:,} bytes, too many for an article under the limit of "
                                 f"{max_chars:,} characters (raise it with --max-chars)", ident)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield Reject(origin, f"cannot read file: {exc.strerror or exc}")
        return
    text = _decode(raw, origin)
    if isinstance(text, Reject):
        text.id = ident
        yield text
        return
    if suffix in (".html", ".htm"):
        yield html_article(text, origin, default_date, ident, max_chars)
        return
    bad = _check_text(text, origin, ident, max_chars)
    yield bad or Article(id=ident, text=text, date=default_date, origin=origin)


def _jsonl_lines(lines: Iterable[bytes], origin: str, default_date: date | None,
                 max_chars: int = MAX_ARTICLE_CHARS, stem: str | None = None,
                 ids_from_content: bool = False) -> Iterator[Article | Reject]:
    # Decode line by line so one bad line does not cost the whole file.
    stem = stem or Path(origin).stem
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        yield jsonl_line_article(line, where, None if ids_from_content else f"{stem}-{lineno}",
                                 default_date, max_chars)


def jsonl_line_article(line: bytes, origin: str, default_id: str | None, default_date: date | None,
                       max_chars: int = MAX_ARTICLE_CHARS) -> Article | Reject:
    """One JSONL line (bytes, so that bad UTF-8 costs only this line) as an Article, or its Reject;
    without `default_id` an article with no id of its own is named by its line's content."""
    text = _decode(line, origin)
    if isinstance(text, Reject):
        return text
    return _article_from_line(text, origin, default_id or content_id(text), default_date, max_chars)


def content_id(text: str, prefix: str = "stdin") -> str:
    """An id made from the text itself: the same text gets the same id, another text another one."""
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def unique_ids(items: Iterable[Article | Reject], on_duplicate: str = "error") -> Iterator[Article | Reject]:
    """Articles whose id was already seen in this run: rejected naming the first (`error`), dropped
    (`skip`) or passed on to replace the earlier one where they are stored (`replace`)."""
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(f"on_duplicate must be one of {', '.join(ON_DUPLICATE)}, not {on_duplicate!r}")
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article) and on_duplicate != "replace":
            seen = first.get(item.id)
            if seen is not None:
                if on_duplicate == "error":
                    yield Reject(item.origin, f"duplicate id {item.id!r}, first used by {seen} "
                                              "(--on-duplicate replace|skip to allow it)", item.id)
                continue
            first[item.id] = item.origin
        yield item


def read_stdin(stream: IO[bytes], default_date: date | None = None,
               max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article | Reject]:
    """stdin holds JSONL when its first non-blank character is '{', else one plain-text article."""
    raw = stream.read()
    text = _decode(raw, "<stdin>")
    if isinstance(text, Reject):
        yield text
        return
    if text.lstrip().startswith("{"):
        yield from _jsonl_lines(raw.split(b"\n"), "<stdin>", default_date, max_chars, ids_from_content=True)
        return
    ident = content_id(text)  # "stdin" for every piped article made each one replace the last
    bad = _check_text(text, "<stdin>", ident, max_chars)
    yield bad or Article(id=ident, text=text, date=default_date, origin="<stdin>")


def read_inputs(inputs: Iterable[str], default_date: date | None = None, stdin: IO[bytes] | None = None,
                max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[Article | Reject]:
    """Every article named by the command line, in order; a text over `max_chars` is rejected."""
    for name in inputs:
        if name == STDIN:
            yield from read_stdin(stdin or sys.stdin.buffer, default_date, max_chars)
            continue
        path = Path(name)
        if not path.exists():
            yield Reject(name, "no such file or directory")
            continue
        yield from read_path(path, default_date, max_chars)


def count_inputs(inputs: Iterable[str]) -> int | None:
    """A cheap upper bound of the number of articles, for the progress bar (None if unknown)."""
    total = 0
    for name in inputs:
        if name == STDIN:
            return None
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix == ".jsonl":
                try:
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            elif suffix in SUPPORTED:
                total += 1
    return total
