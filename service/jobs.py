"""The service's units of work as plain functions over references (case id, object key, page).

Each is idempotent — a page already read is not read again, a result is recomputed from what is
stored — so a Celery worker can run it again after a crash. With no broker they run in-process.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date

from yichuang.checkers.rules import Rulesets, load_rulesets
from yichuang.storage.cases import CaseStore

from yichuang.config import Settings, load_settings
from yichuang.errors import NotFoundError, YichuangError
from yichuang.pipeline import Runtime, open_runtime, read_one_page
from yichuang.types import Document, FileError

log = logging.getLogger("yichuang.jobs")


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
            _CTX[key] = Context(settings, runtime, CaseStore(settings.database_url), load_rulesets())
        return _CTX[key]


def warm_up() -> None:
    from yichuang.extractors.entities import nlp
    from yichuang.extractors.second_look import warm_up as warm_second_look

    ctx = context()
    ctx.runtime.engine  # noqa: B018 - loads the OCR models
    warm_second_look(ctx.runtime)  # and the second look's small recogniser
    nlp()


def process_page(case_id: str, sha256: str, page: int) -> str:
    """Ingested original → OCR (cached by page) → material and fields, stored on the case."""
    from yichuang.extractors.document import read_documents
    from yichuang.extractors.second_look import look_again

    ctx = context()
    ref = next((p for p in ctx.cases.pages(case_id) if p.sha256 == sha256 and p.page == page), None)
    if ref is None:
        return "removed"  # the file was taken out of the case after the task was queued
    if ref.state == "done":
        return "done"
    try:
        from yichuang.ingest.limits import decode_slot

        with decode_slot():  # the decoded page, its gate and its OCR count against the process's slots
            ocr = read_one_page(sha256, ref.media_type, ref.name, None, page, ctx.runtime)
        first, *more = read_documents(ocr, ctx.rules.catalog)
        if not more:
            try:
                first = look_again(first, ocr, ctx.runtime, ctx.rules)
            except Exception:  # noqa: BLE001 - the second look only improves a reading; its doubts stay unread
                log.exception("page %s of %s…: the second look failed, the fast reading is kept", page, sha256[:12])
        # the page's first document as before; further documents on the same image under "regions"
        stored = first.model_dump() | ({"regions": [d.model_dump() for d in more]} if more else {})
        ctx.cases.page_done(case_id, sha256, page, stored)
    except NotFoundError:
        return "removed"  # the file was taken out of the case while its page was being read
    except YichuangError as err:
        if err.http_status >= 500 or err.code in ("storage_error", "engine_unavailable"):
            raise  # a server problem: let the queue retry
        ctx.cases.page_done(case_id, sha256, page, None, error=err.message)
    except Exception:  # noqa: BLE001 - a decoder or engine failure on one page marks that page only
        log.exception("page %s of %s… in case %s could not be read", page, sha256[:12], case_id)
        ctx.cases.page_done(case_id, sha256, page, None, error=PAGE_FAILED)
    return "done"


PAGE_FAILED = "这一页无法读取：请重新拍摄或扫描这一页后上传，或删除这个文件"
MAX_ROUNDS = 20  # uploads during a check: at most this many re-checks in one run


def finalize(case_id: str) -> str:
    """All pages read → the check result, stored (recomputed from stored pages if run again). A file
    that came or went meanwhile queues its pages and the check again (on workers)."""
    ctx = context()
    generation = ctx.cases.get(case_id).generation
    verdict = finalize_generation(case_id, generation)
    if verdict is not None:
        return verdict
    if ctx.settings.broker_url:
        from yichuang.service.tasks import submit

        submit(case_id, [(p.sha256, p.page) for p in ctx.cases.pages(case_id) if p.state == "pending"])
    return "requeued"


def finalize_generation(case_id: str, generation: int) -> str | None:
    """The check over ``generation``; saved (and its verdict returned) only if the case is still at it."""

    ctx = context()
    info = ctx.cases.get(case_id)
    pages = ctx.cases.pages(case_id)
    if any(p.state == "pending" for p in pages):
        return None  # a page came in after this generation's pages were listed
    done = [p for p in pages if p.document is not None]
    docs = apply_overrides(case_id, [Document.model_validate(_primary(p.document)) for p in done],
                           [(p.sha256, p.page) for p in done])
    docs = _documents(ctx, done, docs)
    errors = [FileError(source=p.name, code="unreadable_page", message=f"page {p.page}: cannot be read")
              for p in pages if p.state == "failed"]
    as_of = date.fromisoformat(info.as_of) if info.as_of else date.today()
    from yichuang.service import followup  # 容缺 promises, supplements' arrival days, the material archive

    store = followup.FollowupStore(ctx.settings.database_url)
    result = followup.check_stored(store, ctx.rules, case_id, docs, info.matters, as_of, info.facts, errors)
    if not ctx.cases.finish_check(case_id, generation, result.to_json_dict()):
        return None
    followup.after_check(store, case_id, result.to_json_dict(), rules=ctx.rules, facts=info.facts)
    from yichuang.storage.workflow import WorkflowStore, applicant_from

    try:  # the queue's search index: never worth losing the result over
        WorkflowStore(ctx.settings.database_url).index_result(case_id, applicant_from(result.to_json_dict()))
    except Exception as exc:  # noqa: BLE001 - the class only: a SQL error's text would carry the ID number
        log.warning("case %s: the applicant index was not updated (%s)", case_id, type(exc).__name__)
    return result.verdict


def _primary(stored: dict) -> dict:
    return {k: v for k, v in stored.items() if k != "regions"}


def _documents(ctx: Context, done: list, docs: list[Document]) -> list[Document]:
    """Stored pages → documents: further documents found on one image, then continuation pages
    joined to the document they carry on (their fields read again from the cached OCR)."""
    from yichuang.extractors.document import join_continuations
    from yichuang.extractors.ocr import engine_class

    from yichuang.pipeline import TEXT_LAYER_KEY, page_id
    from yichuang.types import OcrPage

    out: list[Document] = []
    where: dict[str, tuple[str, int]] = {}
    for p, doc in zip(done, docs, strict=True):
        out.append(doc)
        out += [Document.model_validate(d) for d in p.document.get("regions", [])]
        where[doc.ref] = (p.sha256, p.page)

    def ocr_of(doc: Document) -> OcrPage | None:
        if doc.ref not in where:
            return None
        sha, page = where[doc.ref]
        pid = page_id(sha, page)
        keys = (TEXT_LAYER_KEY, engine_class(ctx.runtime.engine_name).cache_key())
        hit = ctx.runtime.meta.cached_ocr_many([pid], keys).get(pid)
        return OcrPage.model_validate({**hit, "source": doc.source, "page": doc.page}) if hit else None

    return join_continuations(out, ocr_of, ctx.rules.catalog)


def apply_overrides(case_id: str, docs: list[Document], keys: list[tuple[str, int]]) -> list[Document]:
    """A clerk's corrections (a page's material, a field's value) over what was read; audited when made."""
    from yichuang.extractors.fields import read_fields
    from yichuang.extractors.normalise import clean_value
    from yichuang.storage.accounts import AccountStore

    from yichuang.pipeline import TEXT_LAYER_KEY, page_id
    from yichuang.types import ExtractedField, OcrPage

    ctx = context()
    overrides = AccountStore(ctx.settings.database_url).overrides(case_id)
    if not overrides:
        return docs
    index = {key: n for n, key in enumerate(keys)}
    out = list(docs)
    for ov in overrides:
        n = index.get((ov.sha256, ov.page))
        if n is None:
            continue
        doc = out[n]
        if ov.field is None:  # the page is another material: read its fields again from the cached OCR
            details, unread = {}, {}
            if ov.value != "unknown":
                from yichuang.extractors.ocr import engine_class

                pid = page_id(ov.sha256, ov.page)
                keys_ = (TEXT_LAYER_KEY, engine_class(ctx.runtime.engine_name).cache_key())
                hit = ctx.runtime.meta.cached_ocr_many([pid], keys_).get(pid)
                if hit:
                    ocr = OcrPage.model_validate({**hit, "source": doc.source, "page": doc.page})
                    reading = read_fields(ocr, ov.value, ctx.rules.catalog)
                    details, unread = reading.fields, reading.unread
            out[n] = doc.model_copy(update={"material": ov.value, "confidence": 1.0, "best_guess": None,
                                            "recognised_as": None, "fields": {k: v.value for k, v in details.items()},
                                            "field_details": details, "unread": unread})
        else:
            spec = ctx.rules.catalog.materials[doc.material].fields.get(ov.field) \
                if doc.material in ctx.rules.catalog.materials else None
            typed = clean_value(spec.type, ov.value, spec.part, spec.values) if spec else None
            value = typed.value if typed else ov.value
            detail = ExtractedField(value=value, confidence=1.0, source=doc.ref, raw=f"clerk {ov.actor}: {ov.value}",
                                    valid=typed.valid if typed else True, reason=typed.reason if typed else "",
                                    code=typed.code if typed else "", params=typed.params if typed else {})
            out[n] = doc.model_copy(update={"fields": {**doc.fields, ov.field: value},
                                            "field_details": {**doc.field_details, ov.field: detail},
                                            "unread": {k: v for k, v in doc.unread.items() if k != ov.field}})
    return out


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
                process_page(case_id, ref.sha256, ref.page)
        verdict = finalize_generation(case_id, generation)
        if verdict is not None:
            return verdict
    raise YichuangError(f"case {case_id} kept changing during {MAX_ROUNDS} checks")


def start_check(case_id: str) -> str:
    """Queue the case on Celery workers when a broker is configured; else run it on a thread. A check
    already running is joined ("joined"): it picks up pages uploaded meanwhile by itself."""
    ctx = context()
    started, _generation = ctx.cases.begin_check(case_id)
    if not started:
        return "joined"
    if ctx.settings.broker_url:
        from yichuang.service.tasks import submit

        submit(case_id, [(p.sha256, p.page) for p in ctx.cases.pages(case_id)])
        return "queued"
    threading.Thread(target=_run_safely, args=(case_id,), name=f"case-{case_id}", daemon=True).start()
    return "started"


def _run_safely(case_id: str) -> None:
    try:
        run_case(case_id)
    except Exception:  # noqa: BLE001 - recorded on the case; the API reports it
        log.exception("case %s failed", case_id)
        context().cases.set_state(case_id, "failed")


def resume_interrupted() -> list[str]:
    """In-process mode: cases left `running` by a stopped server are picked up again at start."""
    ctx = context()
    if ctx.settings.broker_url:
        return []
    resumed = [c.id for c in ctx.cases.list_cases("running")]
    for case_id in resumed:
        threading.Thread(target=_run_safely, args=(case_id,), daemon=True).start()
    return resumed
