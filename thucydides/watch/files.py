"""Local sources: a folder that new files arrive in, and a JSONL file that grows at its end.

Both read with the readers of `thucydides code` (thucydides/ingest.py), so an article has the same
id and the same reasons for a reject whichever command read it.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import BinaryIO

from thucydides.ingest import SUPPORTED, jsonl_line_article, read_path
from thucydides.models import Article, Reject
from thucydides.watch.entries import Entry, Known, Poll, Settings, Source, SourceError, SourceState


class FolderSource(Source):
    """Every .txt, .jsonl, .html file below a folder, each read once it has stopped changing; a file
    rewritten later is read again and its articles replace their earlier versions (same ids)."""

    kind = "folder"

    def poll(self, state: SourceState, settings: Settings, known: Known | None = None) -> Poll:
        root = Path(self.location)
        if not root.is_dir():
            raise SourceError("no such folder" if not root.exists() else "not a folder")
        try:
            files = _files(root, settings.settle_s)
        except OSError as exc:
            raise SourceError(f"cannot list the folder: {exc.strerror or exc}") from None
        settled = known([(key, stamp) for key, stamp, _ in files]) if known else set()
        poll = Poll()
        for key, stamp, path in files:
            if key in settled:
                continue
            if len(poll.entries) >= settings.max_entries:
                poll.more = True
                break
            poll.entries.extend(_file_entries(root, path, key, stamp, settings))
        return poll


def _files(root: Path, settle_s: float) -> list[tuple[str, str, Path]]:
    """(key, size:mtime, path) of each readable file below `root`, in sorted order. Hidden files
    (editors' and rsync's temporary copies) and files changed in the last `settle_s` seconds, which
    may still be being written, wait for a later poll."""
    out = []
    newest = time.time() - settle_s
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.suffix.lower() not in SUPPORTED:
            continue
        try:
            info = path.stat()
        except OSError:  # gone between the listing and now
            continue
        if not path.is_file() or (settle_s > 0 and info.st_mtime > newest):
            continue
        out.append((f"file:{rel.as_posix()}", f"{info.st_size}:{info.st_mtime_ns}", path))
    return out


def _file_entries(root: Path, path: Path, key: str, stamp: str, settings: Settings) -> list[Entry]:
    rel = key.removeprefix("file:")
    entries = []
    for item in read_path(path, settings.today(), settings.max_chars, root=root):
        if isinstance(item, Article):
            sha = hashlib.sha256(item.text.encode("utf-8")).hexdigest()[:32]
            entries.append(Entry(key=f"{rel}#{item.id}", fingerprint=sha, article=item, url=item.url,
                                 versioned=True))
        else:
            entries.append(Entry(key=f"{rel}#reject:{item.origin}", fingerprint=stamp, reject=item))
    # The file itself, settled after its articles: a run killed half-way through reads it again.
    entries.append(Entry(key=key, fingerprint=stamp))
    return entries


class JsonlSource(Source):
    """A JSONL file that another program appends to: only complete lines are read (a line still
    being written waits), from the byte offset where the last poll stopped. A file that shrank or
    was replaced (another inode) is read again from its start, its line numbers following on from
    the old file's."""

    kind = "jsonl"

    def poll(self, state: SourceState, settings: Settings, known: Known | None = None) -> Poll:
        path = Path(self.location)
        try:
            info = path.stat()
            with path.open("rb") as stream:
                return self._read(stream, info.st_size, f"inode:{info.st_ino}", state, settings)
        except OSError as exc:
            raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None

    def _read(self, stream: BinaryIO, size: int, inode: str, state: SourceState, settings: Settings) -> Poll:
        # Line numbers run on across a rotation: they name the articles without ids (wire-17), and a
        # new file's line 3 must not take the id of the old file's line 3.
        offset, lineno, note = state.byte_offset, state.line_number, None
        if state.etag and state.etag != inode:
            offset, note = 0, "the file was replaced; reading the new one from its start"
        elif size < offset:
            offset, note = 0, "the file shrank (truncated?); reading it again from its start"
        stream.seek(offset)
        poll = Poll(note=note)
        stem = Path(self.location).stem
        while len(poll.entries) < settings.max_entries:
            line = stream.readline(settings.max_bytes + 1)
            length = len(line)
            if not line.endswith(b"\n"):
                if length <= settings.max_bytes:
                    break  # the last line is still being written: it is read once it is complete
                rest = _rest_of_line(stream)
                if rest is None:
                    break
                length += rest
                lineno += 1
                too_long = Reject(f"{self.location}:{lineno}", f"line has over {settings.max_bytes:,} bytes")
                entry: Entry | None = Entry(key=f"@{offset}", reject=too_long)
            else:
                lineno += 1
                entry = self._entry(line, offset, lineno, stem, settings)
            offset += length
            if entry is not None:
                entry.mark = {"byte_offset": offset, "line_number": lineno, "etag": inode}
                poll.entries.append(entry)
        else:
            poll.more = True
        poll.state = {"byte_offset": offset, "line_number": lineno, "etag": inode}
        return poll

    def _entry(self, line: bytes, offset: int, lineno: int, stem: str, settings: Settings) -> Entry | None:
        if not line.strip():
            return None
        sha = hashlib.sha256(line).hexdigest()[:32]
        item = jsonl_line_article(line, f"{self.location}:{lineno}", f"{stem}-{lineno}", settings.today(),
                                  settings.max_chars)
        if isinstance(item, Reject):
            return Entry(key=f"@{offset}", fingerprint=sha, reject=item)
        return Entry(key=f"@{offset}", fingerprint=sha, article=item, url=item.url)


def _rest_of_line(stream: BinaryIO) -> int | None:
    """Skip the rest of an overlong line, through its newline: the bytes skipped, or None when the
    line is not complete yet."""
    skipped = 0
    while True:
        chunk = stream.readline(1 << 20)
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            return skipped
        if not chunk:
            return None
