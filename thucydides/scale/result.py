"""What a Dask batch reports: its errors and its `ScaleResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from thucydides.scale import manifest as mf

EXIT_OK, EXIT_NOTHING, EXIT_SOME_REJECTED = 0, 1, 3  # as `thucydides code`: 2 is a usage error
REJECTS_FILE = "rejects.jsonl"


class ScaleError(Exception):
    """A batch that cannot start or cannot finish; the message says why and what to do."""


class BatchInterrupted(ScaleError):
    """Stopped on purpose before the end (the `stop_after` test hook); resume to finish."""


class BatchIncomplete(ScaleError):
    """Some partitions failed on the cluster; the others are written. Resume to retry."""

    def __init__(self, message: str, result: ScaleResult):
        super().__init__(message)
        self.result = result


@dataclass(slots=True)
class ScaleResult:
    out_dir: Path
    partitions: int = 0
    coded_partitions: int = 0  # coded by this run
    skipped_partitions: int = 0  # finished by an earlier run and left alone
    failed: list[str] = field(default_factory=list)
    articles: int = 0
    documents: int = 0
    rejected: int = 0
    events: int = 0
    workers: int = 0
    startup_seconds: float = 0.0  # connecting/starting the cluster and loading the coder on workers
    seconds: float = 0.0  # coding, from the first submitted partition to the last written part
    coded_articles: int = 0  # articles in the partitions this run coded

    @property
    def manifest(self) -> Path:
        return mf.manifest_path(self.out_dir)

    @property
    def rejects_file(self) -> Path:
        return self.out_dir / REJECTS_FILE

    @property
    def exit_code(self) -> int:
        """As the single-machine path: 0 all coded, 3 some rejected, 1 nothing coded."""
        if self.documents == 0 or self.failed:
            return EXIT_NOTHING
        return EXIT_SOME_REJECTED if self.rejected else EXIT_OK

    @property
    def rate(self) -> float:
        return self.coded_articles / self.seconds if self.seconds > 0 else 0.0
