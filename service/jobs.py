"""The service's side of the pipeline: where a case's check runs (Celery workers when a broker is
configured, else a thread of this process). The steps themselves are ``yichuang.pipeline.case``."""

from __future__ import annotations

import logging
import threading

from yichuang.pipeline.case import Context, context, run_case, warm_up

log = logging.getLogger("yichuang.jobs")

__all__ = ["Context", "context", "finalize", "resume_interrupted", "run_case", "start_check", "warm_up"]


def finalize(case_id: str) -> str:
    """All pages read → the check result, stored (recomputed from stored pages if run again). A file
    that came or went meanwhile queues its pages and the check again (on workers)."""
    from yichuang.pipeline.case import check_case

    ctx = context()
    verdict = check_case(case_id, ctx.cases.get(case_id).generation)
    if verdict is not None:
        return verdict
    if ctx.settings.broker_url:
        from yichuang.service.tasks import submit

        submit(case_id, [p.page_id for p in ctx.cases.pages(case_id) if p.state == "pending"])
    return "requeued"


def start_check(case_id: str) -> str:
    """Queue the case on Celery workers when a broker is configured; else run it on a thread. A check
    already running is joined ("joined"): it picks up pages uploaded meanwhile by itself."""
    ctx = context()
    started, _generation = ctx.cases.begin_check(case_id)
    if not started:
        return "joined"
    if ctx.settings.broker_url:
        from yichuang.service.tasks import submit

        submit(case_id, [p.page_id for p in ctx.cases.pages(case_id)])
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
