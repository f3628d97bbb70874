"""Scale-out: code a large batch on a Dask cluster into resumable Parquet parts.

`run_dask` is what `thucydides code --engine dask` calls; see `commands.py`.
"""

from __future__ import annotations

from thucydides.scale.cluster import local_worker_count
from thucydides.scale.commands import run_dask, summary
from thucydides.scale.parts import DOCUMENTS_SCHEMA, documents_table, iter_documents, part_files
from thucydides.scale.result import BatchIncomplete, BatchInterrupted, ScaleError, ScaleResult

__all__ = [
    "DOCUMENTS_SCHEMA", "BatchIncomplete", "BatchInterrupted", "ScaleError", "ScaleResult",
    "documents_table", "iter_documents", "local_worker_count", "part_files", "run_dask", "summary",
]
