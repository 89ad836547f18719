"""The pipeline: ingest → storage → extractors → checkers, above the stages and below the entry points.

- ``cache``: ``OcrCache`` and the page identity (``page_id`` = ``<sha256 of the original>-<page>``).
- ``read``: files and pages (``describe_file``, ``keep_file``, ``read_page``, ``read_files``).
- ``check``: captures on disk → documents → the check (``yichuang check``).
- ``case``: a stored case step by step (``ingest_upload``, ``process_page``, ``check_case``, ``run_case``).

The CLI, the HTTP API and pages, follow-up and the Celery tasks call these; none repeats a step.
"""

from yichuang.pipeline.cache import TEXT_LAYER_KEY, OcrCache, page_id, split_page_id
from yichuang.pipeline.read import (
    PAGE_FAILED,
    ProgressFn,
    ReadResult,
    describe_file,
    keep_file,
    page_error,
    page_failure,
    read_files,
    read_one_page,
    read_page,
    read_stored_file,
    store_file,
)
from yichuang.pipeline.runtime import Runtime, open_runtime

__all__ = ["PAGE_FAILED", "TEXT_LAYER_KEY", "OcrCache", "ProgressFn", "ReadResult", "Runtime", "check_paths",
           "describe_file", "documents_of_pages", "keep_file", "open_runtime", "page_error", "page_failure",
           "page_id", "read_files", "read_one_page", "read_page", "read_stored_file", "split_page_id", "store_file"]


def __getattr__(name: str):  # the check step imports the checkers: loaded when first asked for
    if name in ("check_paths", "documents_of_pages", "read_and_place"):
        from yichuang.pipeline import check

        return getattr(check, name)
    raise AttributeError(name)
