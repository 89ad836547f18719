"""What every step runs with: the object store, the metadata store (and its OCR cache), the engine."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from yichuang.config import Settings, load_settings
from yichuang.extractors.ocr import OcrEngine, get_engine
from yichuang.storage import MetaStore, ObjectStore, open_object_store

log = logging.getLogger("yichuang.pipeline")


@dataclass
class Runtime:
    store: ObjectStore
    meta: MetaStore
    engine_name: str = "ppocr"
    _engine: OcrEngine | None = field(default=None, repr=False)
    prefetch: bool = True  # when the engine loads, load what the page needs next on a thread (below)
    _prefetching: threading.Thread | None = field(default=None, repr=False)

    @property
    def engine(self) -> OcrEngine:
        if self._engine is None:
            self._engine = get_engine(self.engine_name)
            if self.prefetch:
                self._prefetching = start_prefetch(self)
        return self._engine

    @property
    def cache(self):
        from yichuang.pipeline.cache import OcrCache

        return OcrCache(self.meta, self.engine_name)


def _prefetch(runtime: Runtime) -> None:
    """spaCy's entity pipeline and the second look's small recogniser, loaded while the first page's
    OCR runs: onnxruntime and OpenCV release the GIL, so on two cores these loads (~0.5 s of Python
    imports and session set-up, bench/startup.py) overlap the OCR instead of following it. Whoever
    needs them first waits for the same lock; a failure here is left for that caller to raise."""
    from yichuang.extractors.entities import nlp
    from yichuang.extractors.second_look import warm_up

    try:
        nlp()
        warm_up(runtime)
    except Exception:  # noqa: BLE001 - only a head start: the page's own call raises with its message
        log.debug("prefetch failed; the page loads what it needs itself", exc_info=True)


def start_prefetch(runtime: Runtime) -> threading.Thread | None:
    """Start ``_prefetch`` on a daemon thread (OCR engines only: the fake engine needs nothing)."""
    if runtime.engine_name != "ppocr":
        return None
    thread = threading.Thread(target=_prefetch, args=(runtime,), name="yichuang-prefetch", daemon=True)
    thread.start()
    return thread


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
