"""OCR engines, chosen by name from a registry; heavy libraries are imported lazily."""

from yichuang.extractors.ocr.base import (
    OcrEngine,
    RawLine,
    available_engines,
    engine_class,
    get_engine,
    register_engine,
)

__all__ = ["OcrEngine", "RawLine", "available_engines", "engine_class", "get_engine", "register_engine"]
