"""Files and pages: sniff, limits, store, quality gate (once), then each page read once ever."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from yichuang.errors import InputError, UnreadablePageError, YichuangError
from yichuang.extractors.ocr import OcrEngine
from yichuang.extractors.reading_order import order_lines
from yichuang.ingest import PageContent, count_pages, expand_paths, iter_pages, sniff
from yichuang.ingest.sniff import extension_mismatch
from yichuang.pipeline.cache import page_id
from yichuang.pipeline.runtime import Runtime
from yichuang.types import FileError, Line, OcrPage, RuledLine, StoredFile

log = logging.getLogger("yichuang")

PAGE_FAILED = "这一页无法读取：请重新拍摄或扫描这一页后上传，或删除这个文件"
SERVER_CODES = ("storage_error", "engine_unavailable")  # a server problem, not the page's: retried, never blamed on it

ProgressFn = Callable[[str, int, int], None]


def read_page(content: PageContent, source: str, pid: str, engine: OcrEngine | None) -> OcrPage:
    """One page → its lines in reading order (text layer when usable, else OCR)."""
    if content.unreadable:
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
                   seals=seals.finish(prep, lines, rotation, engine), rules=_rules(prep.ocr_image, rotation))


def _rules(image, rotation: int) -> list[RuledLine]:
    """The table rules of the image OCR read, in the frame of its boxes (only when OCR did not turn
    the capture: the rules would be in another frame)."""
    if rotation:
        return []
    from yichuang.extractors.layout import ruled_lines

    return [RuledLine(x0=r.x0, y0=r.y0, x1=r.x1, y1=r.y1, vertical=r.vertical) for r in ruled_lines(image)]


def page_failure(err: BaseException) -> str:
    """The fix-it message a page that could not be read carries to the person (in Chinese); a server
    problem is raised again (the queue retries it), never blamed on the page."""
    if isinstance(err, YichuangError):
        if err.http_status >= 500 or err.code in SERVER_CODES:
            raise err
        return err.message
    return PAGE_FAILED


def page_error(source: str, page: int, pages: int, message: str) -> FileError:
    """One unread page as the result lists it, the same on every path (CLI, HTTP, workers)."""
    return FileError(source=source, code="unreadable_page", message=f"第 {page} 页：{message}" if pages > 1 else message)


@dataclass
class ReadResult:
    pages: list[OcrPage] = field(default_factory=list)
    files: list[StoredFile] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    """All pages of one file; each page is OCR'd at most once ever (cached by page id). ``errors``
    collects the pages that cannot be read, with their fix-it message; without it the first one raises."""
    cache = runtime.cache
    pids = [page_id(stored.sha256, n) for n in range(1, stored.pages + 1)]
    hits = cache.get_many(pids, stored.source)
    out: list[OcrPage | None] = [hits.get(pid) for pid in pids]
    fresh: list[OcrPage] = []
    if any(p is None for p in out):
        for content in iter_pages(data, stored.media_type):
            if out[content.page - 1] is not None:
                continue
            pid = pids[content.page - 1]
            try:
                result = read_page(content, stored.source, pid, runtime.engine if content.image is not None else None)
            except Exception as exc:  # noqa: BLE001 - one page's failure marks that page; the file goes on
                if errors is None:
                    raise
                if not isinstance(exc, YichuangError):
                    log.exception("page %s of %s… could not be read", content.page, stored.sha256[:12])
                errors.append(page_error(stored.source, content.page, stored.pages, page_failure(exc)))
                continue
            fresh.append(result)
            out[content.page - 1] = result
            if progress:
                progress(stored.source, content.page, stored.pages)
    cache.put_many(fresh)
    return [p for p in out if p is not None]


def read_one_page(sha256: str, media_type: str, source: str, data: bytes | None, page: int,
                  runtime: Runtime) -> OcrPage:
    """One page of a stored original (what a worker does), through the same OCR cache."""
    from yichuang.ingest import open_page

    pid = page_id(sha256, page)
    cache = runtime.cache
    hit = cache.get(pid, source)
    if hit is not None:
        return hit
    data = data if data is not None else runtime.store.get(sha256)
    content = open_page(data, media_type, page)
    result = read_page(content, source, pid, runtime.engine if content.image is not None else None)
    cache.put_many([result])
    return result


def read_files(paths: list[str | Path], runtime: Runtime, progress: ProgressFn | None = None) -> ReadResult:
    """Captures on disk → their pages (``yichuang ocr`` and ``yichuang check``); a file with no readable
    page is not stored, and is named in ``errors`` with its fix-it message."""
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
                raise UnreadablePageError(page_errors[0].message if stored.pages == 1
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
