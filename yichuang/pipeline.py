"""The in-process pipeline: ingest → storage → extractors → checkers.

Each step is a plain function over plain data so that a Celery task can run the same step
for one page reference. ``read_files`` is what ``yichuang ocr`` and ``yichuang check`` call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from yichuang.config import Settings, load_settings
from yichuang.errors import InputError
from yichuang.extractors.ocr import OcrEngine, engine_class, get_engine
from yichuang.extractors.reading_order import order_lines
from yichuang.ingest import PageContent, count_pages, expand_paths, iter_pages, sniff
from yichuang.ingest.sniff import extension_mismatch
from yichuang.storage import MetaStore, ObjectStore, open_object_store
from yichuang.types import FileError, Line, OcrPage, StoredFile

log = logging.getLogger("yichuang")

TEXT_LAYER_KEY = "pdf-text/v1"


@dataclass
class Runtime:
    store: ObjectStore
    meta: MetaStore
    engine_name: str = "ppocr"
    _engine: OcrEngine | None = field(default=None, repr=False)

    @property
    def engine(self) -> OcrEngine:
        if self._engine is None:
            self._engine = get_engine(self.engine_name)
        return self._engine


def open_runtime(settings: Settings | None = None, engine_name: str | None = None) -> Runtime:
    settings = settings or load_settings()
    if settings.storage_url.startswith(f"file://{settings.home}") or str(settings.home) in settings.database_url:
        from yichuang.config import private_dir

        private_dir(settings.home, tighten=True)  # originals and the database: the owner only
    return Runtime(
        store=open_object_store(settings.storage_url),
        meta=MetaStore(settings.database_url),
        engine_name=engine_name or settings.ocr_engine,
    )


def page_id(sha256: str, page: int) -> str:
    return f"{sha256}-{page}"


def read_page(content: PageContent, source: str, pid: str, engine: OcrEngine | None) -> OcrPage:
    """One page → its lines in reading order (text layer when usable, else OCR)."""
    if content.unreadable:
        from yichuang.errors import UnreadablePageError

        raise UnreadablePageError(content.unreadable)
    if content.text_lines is not None:
        return OcrPage(source=source, page=content.page, page_id=pid, engine="pdf-text",
                       width=content.width, height=content.height, lines=order_lines(content.text_lines))
    assert content.image is not None and engine is not None
    from yichuang.extractors import seals
    from yichuang.ingest.quality import assess

    quality = assess(content.image)  # the gate runs before OCR; OCR still tries, the verdict says why
    prep = seals.prepare(content.image)  # seals found by colour; their ink removed over the text they cover
    raw, rotation, width, height = engine.recognize(prep.ocr_image)
    from yichuang.extractors.second_look import remember_image

    remember_image(pid, prep.ocr_image)  # for the second look that follows
    lines = [Line(text=r.text, box=[[round(x, 1), round(y, 1)] for x, y in r.box],
                  confidence=round(r.confidence, 4)) for r in raw]
    return OcrPage(source=source, page=content.page, page_id=pid, engine=type(engine).name,
                   width=width, height=height, rotation=rotation, lines=order_lines(lines), quality=quality,
                   seals=seals.finish(prep, lines, rotation, engine))


@dataclass
class ReadResult:
    pages: list[OcrPage] = field(default_factory=list)
    files: list[StoredFile] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


ProgressFn = Callable[[str, int, int], None]


def describe_file(data: bytes, source: str, media_type: str | None = None, pages: int | None = None) -> StoredFile:
    """A file's type, page count (frame sizes checked against the caps) and key, without storing it."""
    from yichuang.storage.base import sha256_hex

    media_type = media_type or sniff(data)
    pages = pages if pages is not None else count_pages(data, media_type)
    return StoredFile(source=source, sha256=sha256_hex(data), media_type=media_type, size=len(data), pages=pages)


def keep_file(data: bytes, described: StoredFile, runtime: Runtime) -> StoredFile:
    """Store a file already validated (content-addressed, idempotent) and record it."""
    name = Path(described.source).name
    key = runtime.store.put(data, {"media_type": described.media_type, "original-name": name,
                                   "pages": str(described.pages)})
    runtime.meta.record_object(key, described.media_type, len(data), described.pages, name)
    return described


def store_file(data: bytes, source: str, runtime: Runtime) -> StoredFile:
    """Validate a file's type and page count, then store it once (content-addressed)."""
    return keep_file(data, describe_file(data, source), runtime)


def read_stored_file(stored: StoredFile, data: bytes, runtime: Runtime,
                     progress: ProgressFn | None = None, errors: list[FileError] | None = None) -> list[OcrPage]:
    """(``errors`` collects pages that decode to no document page; without it the first one raises.)"""
    """All pages of one stored file; each page is OCR'd at most once ever (cache by page id)."""
    ocr_key = engine_class(runtime.engine_name).cache_key()
    pids = [page_id(stored.sha256, n) for n in range(1, stored.pages + 1)]
    hits = runtime.meta.cached_ocr_many(pids, (TEXT_LAYER_KEY, ocr_key))
    out: list[OcrPage | None] = [
        OcrPage.model_validate({**hits[pid], "source": stored.source, "page": n}) if pid in hits else None
        for n, pid in enumerate(pids, start=1)
    ]
    fresh: list[tuple[str, str, dict]] = []
    if any(p is None for p in out):
        for content in iter_pages(data, stored.media_type):
            if out[content.page - 1] is not None:
                continue
            pid = pids[content.page - 1]
            if content.unreadable and errors is not None:
                errors.append(FileError(source=stored.source, code="unreadable_page",
                                        message=f"第 {content.page} 页：{content.unreadable}"))
                continue
            engine = runtime.engine if content.image is not None else None
            result = read_page(content, stored.source, pid, engine)
            fresh.append((pid, TEXT_LAYER_KEY if result.engine == "pdf-text" else ocr_key,
                          result.model_dump(exclude={"source"})))
            out[content.page - 1] = result
            if progress:
                progress(stored.source, content.page, stored.pages)
    if fresh:
        runtime.meta.store_ocr_many(fresh)
    return [p for p in out if p is not None]


def read_one_page(sha256: str, media_type: str, source: str, data: bytes | None, page: int,
                  runtime: Runtime) -> OcrPage:
    """One page of a stored original (what a worker does), through the same OCR cache."""
    from yichuang.ingest import open_page

    pid = page_id(sha256, page)
    ocr_key = engine_class(runtime.engine_name).cache_key()
    hit = runtime.meta.cached_ocr_many([pid], (TEXT_LAYER_KEY, ocr_key)).get(pid)
    if hit:
        return OcrPage.model_validate({**hit, "source": source, "page": page})
    data = data if data is not None else runtime.store.get(sha256)
    content = open_page(data, media_type, page)
    result = read_page(content, source, pid, runtime.engine if content.image is not None else None)
    key = TEXT_LAYER_KEY if result.engine == "pdf-text" else ocr_key
    runtime.meta.store_ocr_many([(pid, key, result.model_dump(exclude={"source"}))])
    return result


def read_files(paths: list[str | Path], runtime: Runtime, progress: ProgressFn | None = None) -> ReadResult:
    files, missing, skipped = expand_paths(paths)
    result = ReadResult()
    result.errors.extend(FileError(source=src, code=err.code, message=err.message) for src, err in missing)
    result.notes.extend(f"{s}: skipped (not a capture)" for s in skipped)
    for path in files:
        source = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            result.errors.append(FileError(source=source, code="unreadable", message=f"cannot read the file ({exc.strerror}): check its permissions"))
            continue
        try:  # decoded and gated first; stored only when the file gave at least one page
            stored = describe_file(data, source)
            page_errors: list[FileError] = []
            pages = read_stored_file(stored, data, runtime, progress, page_errors)
            if not pages and page_errors:
                from yichuang.errors import UnreadablePageError

                raise UnreadablePageError(page_errors[0].message.split("：", 1)[-1] if stored.pages == 1
                                          else f"全部 {stored.pages} 页都读不出：{page_errors[0].message}")
            keep_file(data, stored, runtime)
            if note := extension_mismatch(path.name, stored.media_type):
                result.notes.append(f"{source}: {note}")
            result.files.append(stored)
            result.pages.extend(pages)
            result.errors.extend(page_errors)
        except InputError as err:
            message = err.message
            if err.code == "unsupported_type" and (claimed := _claimed_type(path.name)):
                message = f"文件名是 {path.suffix.lower()}（{claimed}），但{message}"
            result.errors.append(FileError(source=source, code=err.code, message=message))
    return result


def _claimed_type(name: str) -> str | None:
    from yichuang.ingest.sniff import MEDIA_TYPES

    suffix = Path(name).suffix.lower()
    return next((mt for mt, exts in MEDIA_TYPES.items() if suffix in exts), None)


def check_paths(paths: list[str | Path], matter_ids: list[str], runtime: Runtime, rules, as_of,
                facts: dict[str, str], progress: ProgressFn | None = None):
    """Read the captures, place and extract every page, and check the case (``yichuang check``)."""
    from yichuang.checkers.case import check_case
    from yichuang.extractors.document import read_pages
    from yichuang.extractors.second_look import look_again

    read = read_files(paths, runtime, progress)
    # documents, not pages (regions split, continuations joined); the fast profile's second look first
    documents = read_pages(read.pages, rules.catalog, lambda doc, page: look_again(doc, page, runtime, rules))
    return check_case(documents, matter_ids, rules, as_of, facts, read.errors)
