"""The service's units of work as plain functions over references (case id, object key, page).

Each is idempotent — a page already read is not read again, a result is recomputed from what is
stored — so a Celery worker can run it again after a crash. With no broker they run in-process.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import date

from checkers.rules import Rulesets, load_rulesets
from storage.cases import CaseStore
from yichuang.config import Settings, load_settings
from yichuang.errors import YichuangError
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
    from extractors.entities import nlp

    ctx = context()
    ctx.runtime.engine  # noqa: B018 - loads the OCR models
    nlp()


def process_page(case_id: str, sha256: str, page: int) -> str:
    """Ingested original → OCR (cached by page) → material and fields, stored on the case."""
    from extractors.document import read_document

    ctx = context()
    ref = next((p for p in ctx.cases.pages(case_id) if p.sha256 == sha256 and p.page == page), None)
    if ref is None:
        raise YichuangError(f"page {page} of {sha256[:12]}… is not part of case {case_id}")
    if ref.state == "done":
        return "done"
    try:
        ocr = read_one_page(sha256, ref.media_type, ref.name, None, page, ctx.runtime)
        doc = read_document(ocr, ctx.rules.catalog)
        ctx.cases.page_done(case_id, sha256, page, doc.model_dump())
    except YichuangError as err:
        if err.http_status >= 500 or err.code in ("storage_error", "engine_unavailable"):
            raise  # a server problem: let the queue retry
        ctx.cases.page_done(case_id, sha256, page, None, error=err.message)
    return "done"


def finalize(case_id: str) -> str:
    """All pages read → the check result, stored (recomputed from stored pages if run again)."""
    from checkers.case import check_case

    ctx = context()
    info = ctx.cases.get(case_id)
    pages = ctx.cases.pages(case_id)
    docs = apply_overrides(case_id, [Document.model_validate(p.document) for p in pages if p.document is not None],
                           [(p.sha256, p.page) for p in pages if p.document is not None])
    errors = [FileError(source=p.name, code="unreadable_page", message=f"page {p.page}: cannot be read")
              for p in pages if p.state == "failed"]
    as_of = date.fromisoformat(info.as_of) if info.as_of else date.today()
    result = check_case(docs, info.matters, ctx.rules, as_of, info.facts, errors)
    data = result.to_json_dict()
    ctx.cases.save_result(case_id, data)
    from storage.workflow import WorkflowStore, applicant_from

    try:  # the queue's search index: never worth losing the result over
        WorkflowStore(ctx.settings.database_url).index_result(case_id, applicant_from(data))
    except Exception as exc:  # noqa: BLE001 - the class only: a SQL error's text would carry the ID number
        log.warning("case %s: the applicant index was not updated (%s)", case_id, type(exc).__name__)
    return result.verdict


def apply_overrides(case_id: str, docs: list[Document], keys: list[tuple[str, int]]) -> list[Document]:
    """A clerk's corrections (a page's material, a field's value) over what was read; audited when made."""
    from extractors.fields import extract_fields
    from extractors.normalise import clean_value
    from storage.accounts import AccountStore
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
            details = {}
            if ov.value != "unknown":
                from extractors.ocr import engine_class

                pid = page_id(ov.sha256, ov.page)
                keys_ = (TEXT_LAYER_KEY, engine_class(ctx.runtime.engine_name).cache_key())
                hit = ctx.runtime.meta.cached_ocr_many([pid], keys_).get(pid)
                if hit:
                    ocr = OcrPage.model_validate({**hit, "source": doc.source, "page": doc.page})
                    details = extract_fields(ocr, ov.value, ctx.rules.catalog)
            out[n] = doc.model_copy(update={"material": ov.value, "confidence": 1.0, "best_guess": None,
                                            "fields": {k: v.value for k, v in details.items()},
                                            "field_details": details})
        else:
            spec = ctx.rules.catalog.materials[doc.material].fields.get(ov.field) \
                if doc.material in ctx.rules.catalog.materials else None
            typed = clean_value(spec.type, ov.value, spec.part, spec.values) if spec else None
            value = typed.value if typed else ov.value
            detail = ExtractedField(value=value, confidence=1.0, source=doc.ref, raw=f"clerk {ov.actor}: {ov.value}",
                                    valid=typed.valid if typed else True, reason=typed.reason if typed else "")
            out[n] = doc.model_copy(update={"fields": {**doc.fields, ov.field: value},
                                            "field_details": {**doc.field_details, ov.field: detail}})
    return out


def run_case(case_id: str) -> str:
    """The whole case in this process: every pending page, then the check."""
    ctx = context()
    for ref in ctx.cases.pages(case_id):
        if ref.state != "done":
            process_page(case_id, ref.sha256, ref.page)
    return finalize(case_id)


def start_check(case_id: str) -> str:
    """Queue the case on Celery workers when a broker is configured; else run it on a thread."""
    ctx = context()
    ctx.cases.set_state(case_id, "running")
    if ctx.settings.broker_url:
        from service.tasks import submit

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
