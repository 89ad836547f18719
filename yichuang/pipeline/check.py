"""Read pages → documents → the check, for captures on disk (``yichuang check``); the stored case's
steps (yichuang/pipeline/case.py) use the same document step page by page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from yichuang.checkers.rules import Rulesets
from yichuang.pipeline.read import ProgressFn, ReadResult, read_files
from yichuang.pipeline.runtime import Runtime
from yichuang.types import CheckResult, Document, OcrPage


def documents_of_pages(pages: list[OcrPage], runtime: Runtime, rules: Rulesets) -> list[Document]:
    """Pages in input order → documents (regions split, continuation pages joined), the fast
    profile's second look on each page that holds one document."""
    from yichuang.extractors.document import read_pages
    from yichuang.extractors.second_look import look_again

    return read_pages(pages, rules.catalog, lambda doc, page: look_again(doc, page, runtime, rules))


def read_and_place(paths: list[str | Path], runtime: Runtime, rules: Rulesets,
                   progress: ProgressFn | None = None) -> tuple[ReadResult, list[Document]]:
    read = read_files(paths, runtime, progress)
    return read, documents_of_pages(read.pages, runtime, rules)


def check_paths(paths: list[str | Path], matter_ids: list[str], runtime: Runtime, rules: Rulesets, as_of: date,
                facts: dict[str, str], progress: ProgressFn | None = None) -> CheckResult:
    """Read the captures, place and extract every page, and check the case (no archive, no store)."""
    from yichuang.checkers.case import check_case

    read, documents = read_and_place(paths, runtime, rules, progress)
    return check_case(documents, matter_ids, rules, as_of, facts, read.errors)
