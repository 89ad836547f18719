"""A stored case, step by step: upload → pages read → documents → the check, saved.

Each step is a plain function over references (case id, page id), idempotent — a page already read
is not read again, a result is recomputed from what is stored — so a Celery worker can run it again
after a crash. The CLI, the HTTP API, the pages and the workers all call these; none repeats a step.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date

from yichuang.checkers.rules import Rulesets, load_rulesets
from yichuang.config import Settings, load_settings
from yichuang.errors import NotFoundError, TooLargeError, YichuangError
from yichuang.ingest.gate import PageVerdict
from yichuang.pipeline.cache import split_page_id
from yichuang.pipeline.read import describe_file, keep_file, page_error, page_failure, read_one_page
from yichuang.pipeline.runtime import Runtime, open_runtime
from yichuang.storage.cases import CaseStore, PageRef
from yichuang.types import Document, FileError, OcrPage, StoredFile

log = logging.getLogger("yichuang.pipeline")

MAX_ROUNDS = 20  # uploads during a check: at most this many re-checks in one run


@dataclass
class Context:
    settings: Settings
    runtime: Runtime
    cases: CaseStore
    rules: Rulesets


_CTX: dict[tuple, Context] = {}
_LOCK = threading.Lock()


def context(settings: Settings | None = None) -> Context:
    """One context per process and configuration (models, connections and rulesets load once)."""
    settings = settings or load_settings()
    key = (settings.storage_url, settings.database_url, settings.ocr_engine)
    with _LOCK:
        if key not in _CTX:
            runtime = open_runtime(settings)
            _CTX[key] = Context(settings, runtime, CaseStore(settings.database_url, settings),
                                    load_rulesets())
        return _CTX[key]


def warm_up() -> None:
    from yichuang.extractors.entities import warm_up as warm_entities
    from yichuang.extractors.second_look import warm_up as warm_second_look

    ctx = context()
    ctx.runtime.engine  # noqa: B018 - loads the OCR models
    warm_second_look(ctx.runtime)  # and the second look's small recogniser
    warm_entities()


# ---- ingest ---------------------------------------------------------------------------------

@dataclass
class Ingested:
    file: StoredFile
    quality: list[PageVerdict]  # the gate's verdict on each page
    added: bool  # False: the same file was already part of the case


def upload_limits(settings: Settings) -> tuple[int, int]:
    """(bytes per file, pages per case): Settings.max_upload_mb (25) and max_case_pages (60)."""
    return settings.max_upload_mb * 1024 * 1024, settings.max_case_pages


def ingest_upload(runtime: Runtime, cases: CaseStore, case_id: str, name: str, data: bytes, actor: str, *,
                  max_bytes: int | None = None, max_case_pages: int | None = None,
                  pages_now: int | None = None) -> Ingested:
    """One uploaded file: size limit, sniffed, decoded and gated in full (under the decode caps), the
    case's page limit; then stored durably and recorded on the case. A refused file is neither
    (an ``InputError`` with its fix-it message)."""
    from yichuang.ingest.gate import inspect_file

    limit_bytes, limit_pages = upload_limits(cases.settings)  # the store's settings: the context's
    max_bytes = limit_bytes if max_bytes is None else max_bytes
    max_case_pages = limit_pages if max_case_pages is None else max_case_pages
    if len(data) > max_bytes:
        raise TooLargeError(f"文件超过 {max_bytes // (1024 * 1024)} MB：请把照片或扫描件调小，或把 PDF 拆开后再上传")
    seen = inspect_file(data)  # fully decoded and gated, nothing stored yet
    described = describe_file(data, name, seen.media_type, len(seen.pages))
    pages_now = len(cases.pages(case_id)) if pages_now is None else pages_now
    if pages_now + described.pages > max_case_pages:
        raise TooLargeError(f"上传后办件将有 {pages_now + described.pages} 页，超过 {max_case_pages} 页："
                            "请只上传事项需要的材料页")
    keep_file(data, described, runtime)  # durable in object storage before it is recorded
    added = cases.add_file(case_id, described.sha256, name, described.media_type, described.pages, actor=actor)
    return Ingested(described, seen.pages, added)


# ---- pages ----------------------------------------------------------------------------------

def find_page(ctx: Context, case_id: str, pid: str) -> PageRef | None:
    """One page of a case by its page id (``<sha256>-<n>``), or None when it is not (or no longer) part of it."""
    return next((p for p in ctx.cases.pages(case_id) if p.page_id == pid), None)


def find_file(ctx: Context, case_id: str, sha256: str) -> PageRef | None:
    """The first page of one file of a case."""
    return next((p for p in ctx.cases.pages(case_id) if p.sha256 == sha256), None)


@dataclass(frozen=True)
class PageKey:
    """A page of a case, as a task carries it."""

    case_id: str
    page_id: str


def documents_of_page(ctx: Context, ocr: OcrPage) -> list[Document]:
    """One read page → its documents (regions split); the fast profile's second look on a page
    that holds one document."""
    from yichuang.extractors.document import read_documents
    from yichuang.extractors.second_look import look_again

    first, *more = read_documents(ocr, ctx.rules.catalog)
    if not more:
        try:
            first = look_again(first, ocr, ctx.runtime, ctx.rules)
        except Exception:  # noqa: BLE001 - the second look only improves a reading; its doubts stay unread
            log.exception("page %s: the second look failed, the fast reading is kept", ocr.page_id[:14])
    return [first, *more]


def process_page(ref: PageKey) -> str:
    """Ingested original → OCR (cached by page) → documents and fields, stored on the case. A page that
    cannot be read is marked failed with its fix-it message (in Chinese); the case goes on."""
    ctx = context()
    case_page = find_page(ctx, ref.case_id, ref.page_id)
    if case_page is None:
        return "removed"  # the file was taken out of the case after the task was queued
    if case_page.state == "done":
        return "done"
    sha256, page = split_page_id(ref.page_id)
    try:
        from yichuang.ingest.limits import decode_slot

        with decode_slot():  # the decoded page, its gate and its OCR count against the process's slots
            ocr = read_one_page(sha256, case_page.media_type, case_page.name, None, page, ctx.runtime)
        ctx.cases.page_done(ref.case_id, sha256, page, documents_of_page(ctx, ocr))
    except NotFoundError:
        return "removed"  # the file was taken out of the case while its page was being read
    except Exception as exc:  # noqa: BLE001 - a decoder or engine failure on one page marks that page only
        message = page_failure(exc)  # a server problem is raised again: the queue retries it
        if not isinstance(exc, YichuangError):
            log.exception("page %s of %s… in case %s could not be read", page, sha256[:12], ref.case_id)
        ctx.cases.page_done(ref.case_id, sha256, page, None, error=message)
    return "done"


def page_errors(pages: list[PageRef]) -> list[FileError]:
    """The case's unread pages, each with the fix-it message its reading gave (as the CLI shows it)."""
    count: dict[str, int] = {}
    for p in pages:
        count[p.sha256] = count.get(p.sha256, 0) + 1
    from yichuang.pipeline.read import PAGE_FAILED

    return [page_error(p.name, p.page, count[p.sha256], p.error or PAGE_FAILED) for p in pages if p.state == "failed"]


# ---- documents and the check ----------------------------------------------------------------

def documents_of(ctx: Context, case_id: str, done: list[PageRef]) -> list[Document]:
    """Stored pages → documents: the clerk's corrections, further documents found on one image, then
    continuation pages joined to the document they carry on (their fields read again from the cache)."""
    from yichuang.extractors.document import join_continuations

    docs = apply_overrides(ctx, case_id, [d for p in done for d in p.documents])
    cache = ctx.runtime.cache
    return join_continuations(docs, lambda doc: cache.get(doc.page_id, doc.source) if doc.page_id else None,
                              ctx.rules.catalog)


def apply_overrides(ctx: Context, case_id: str, docs: list[Document]) -> list[Document]:
    """A clerk's corrections (a page's material, a field's value) over what was read; audited when made.
    A page given another material has its fields read again from its cached reading."""
    from yichuang.extractors.document import reread_as
    from yichuang.extractors.normalise import clean_value
    from yichuang.types import ExtractedField

    overrides = ctx.cases.overrides(case_id)
    if not overrides:
        return docs
    out = list(docs)
    index = {d.page_id: n for n, d in reversed(list(enumerate(docs))) if d.region <= 1}  # a page's first document
    cache = ctx.runtime.cache
    for ov in overrides:
        n = index.get(ov.page_id)
        if n is None:
            continue
        doc = out[n]
        if ov.field is None:  # the page is another material
            ocr = cache.get(doc.page_id, doc.source) if ov.value != "unknown" else None
            out[n] = reread_as(doc, ov.value, ocr, ctx.rules.catalog)
        else:
            spec = ctx.rules.catalog.materials[doc.material].fields.get(ov.field) \
                if doc.material in ctx.rules.catalog.materials else None
            typed = clean_value(spec.type, ov.value, spec.part, spec.values) if spec else None
            value = typed.value if typed else ov.value
            detail = ExtractedField(value=value, confidence=1.0, source=doc.ref, page_id=doc.page_id,
                                    raw=f"clerk {ov.actor}: {ov.value}", **(typed.verdict() if typed else {}))
            out[n] = doc.model_copy(update={"fields": {**doc.fields, ov.field: value},
                                            "field_details": {**doc.field_details, ov.field: detail},
                                            "unread": {k: v for k, v in doc.unread.items() if k != ov.field}})
    return out


def check_case(case_id: str, generation: int | None = None) -> str | None:
    """The case's pages, all read → the check result, saved with its follow-up (promises, archive,
    the queue's index). Returns the verdict, or None when a page is still pending or the case moved on
    past ``generation`` meanwhile (nothing is saved then)."""
    ctx = context()
    info = ctx.cases.get(case_id)
    generation = info.generation if generation is None else generation
    pages = ctx.cases.pages(case_id)
    if any(p.state == "pending" for p in pages):
        return None  # a page came in after this generation's pages were listed
    docs = documents_of(ctx, case_id, [p for p in pages if p.documents])
    errors = page_errors(pages)
    as_of = date.fromisoformat(info.as_of) if info.as_of else date.today()
    from yichuang.pipeline import followup  # 容缺 promises, supplements' arrival days, the material archive
    from yichuang.storage.archive import FollowupStore

    store = FollowupStore(ctx.settings.database_url)
    result = followup.check_stored(store, ctx.rules, case_id, docs, info.matters, as_of, info.facts, errors)
    if not ctx.cases.finish_check(case_id, generation, result):
        return None
    followup.after_check(store, case_id, result, rules=ctx.rules, facts=info.facts)
    from yichuang.storage.workflow import WorkflowStore, applicant_from

    try:  # the queue's search index: never worth losing the result over
        WorkflowStore(ctx.settings.database_url).index_result(case_id, applicant_from(result))
    except Exception as exc:  # noqa: BLE001 - the class only: a SQL error's text would carry the ID number
        log.warning("case %s: the applicant index was not updated (%s)", case_id, type(exc).__name__)
    return result.verdict


def run_case(case_id: str) -> str:
    """The whole case in this process: every pending page, then the check — again while files keep
    coming or going, so the saved verdict covers every page the case has when it is saved."""
    ctx = context()
    for _ in range(MAX_ROUNDS):
        # marked running each round: called directly (CLI, a supplement), or after a failed run marked it
        ctx.cases.begin_check(case_id)
        generation = ctx.cases.get(case_id).generation
        for ref in ctx.cases.pages(case_id):
            if ref.state != "done":  # a page that failed before is tried again
                process_page(PageKey(case_id, ref.page_id))
        verdict = check_case(case_id, generation)
        if verdict is not None:
            return verdict
    raise YichuangError(f"case {case_id} kept changing during {MAX_ROUNDS} checks")
