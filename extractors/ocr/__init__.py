"""OCR engines, chosen by name from a registry; heavy libraries are imported lazily."""

from yichuang.extractors.ocr.base import (
    EngineOptions,
    OcrEngine,
    RawLine,
    Recognition,
    engine_class,
    get_engine,
    register_engine,
)

__all__ = ["EngineOptions", "OcrEngine", "RawLine", "Recognition", "engine_class", "get_engine", "register_engine"]
