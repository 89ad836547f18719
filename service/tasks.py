"""Celery tasks: one per page (ingest → OCR → extract), a chord per case into the check.

Tasks wrap the pipeline's steps (``yichuang.pipeline.case``: ``process_page``, ``check_case``); they are idempotent, acknowledged late and
rejected on worker loss, and the Redis visibility timeout sits above the longest task, so a
killed worker's task is delivered again to the next worker instead of waiting an hour.
"""

from __future__ import annotations

import os
import sys

from yichuang.config import load_settings  # pydantic only: numpy is not loaded yet

if "numpy" not in sys.modules:  # OpenBLAS starts one spinning thread per core unless told before numpy loads:
    # a worker is one process per core, so its numpy (reading order, box geometry) runs on its own thread
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(load_settings().worker_ocr_threads))

from celery import Celery, chord  # noqa: E402 - after the thread setting above
from celery.signals import worker_process_init
from yichuang.service import jobs  # noqa: E402


def make_app(broker_url: str | None = None) -> Celery:
    settings = load_settings()
    url = broker_url or settings.broker_url or "redis://127.0.0.1:6379/0"
    timeout = settings.visibility_timeout  # s; above the longest task (a page takes ~2 s)
    app = Celery("yichuang", broker=url, backend=url)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_transport_options={"visibility_timeout": timeout},
        result_backend_transport_options={"visibility_timeout": timeout},
        result_expires=24 * 3600,
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


app = make_app()


@worker_process_init.connect
def _warm_up(**_kwargs) -> None:
    """Load the OCR models, the spaCy pipeline and the rulesets when the worker starts, not on the
    first citizen's page. OCR threads: YICHUANG_OCR_THREADS if set, else one per worker process
    (YICHUANG_WORKER_OCR_THREADS), for onnxruntime and OpenCV alike."""
    settings = load_settings()
    threads = str(settings.ocr_threads or settings.worker_ocr_threads)
    os.environ["YICHUANG_OCR_THREADS"] = threads  # the engine this worker builds reads it
    import cv2

    cv2.setNumThreads(int(threads))
    jobs.warm_up()


@app.task(name="yichuang.page", autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def page_task(case_id: str, page_id: str, page: int | None = None) -> str:
    from yichuang.pipeline.case import PageKey, process_page

    if page is not None:  # a task queued before pages were known by their id: (case, sha256, page)
        page_id = f"{page_id}-{page}"
    return process_page(PageKey(case_id, page_id))


@app.task(name="yichuang.check")
def check_task(_pages: list, case_id: str) -> str:
    return jobs.finalize(case_id)


def submit(case_id: str, page_ids: list[str]) -> None:
    if not page_ids:
        check_task.delay([], case_id)
        return
    chord([page_task.s(case_id, pid) for pid in page_ids])(check_task.s(case_id))
