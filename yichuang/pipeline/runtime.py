"""What every step runs with: the object store, the metadata store (and its OCR cache), the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from yichuang.config import Settings, load_settings
from yichuang.extractors.ocr import OcrEngine, get_engine
from yichuang.storage import MetaStore, ObjectStore, open_object_store


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

    @property
    def cache(self):
        from yichuang.pipeline.cache import OcrCache

        return OcrCache(self.meta, self.engine_name)


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
