"""The OCR engine interface and registry."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar, Protocol

from PIL import Image

from yichuang.errors import EngineUnavailableError


@dataclass(frozen=True)
class RawLine:
    text: str
    box: list[list[float]]  # 4 points in the upright image
    confidence: float


class OcrEngine(Protocol):
    name: ClassVar[str]

    @classmethod
    def is_available(cls) -> bool: ...

    @classmethod
    def cache_key(cls) -> str:
        """Identifies engine + models + settings: part of the OCR cache key (no model load)."""

    def recognize(self, image: Image.Image) -> tuple[list[RawLine], int, int, int]:
        """Return (lines, rotation applied clockwise, upright width, upright height)."""


_REGISTRY: dict[str, type] = {}
_INSTANCES: dict[str, OcrEngine] = {}
_LOCK = threading.Lock()


def register_engine(cls: type) -> type:
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtin() -> None:
    import yichuang.extractors.ocr.fake  # noqa: F401
    import yichuang.extractors.ocr.paddle  # noqa: F401
    import yichuang.extractors.ocr.ppocr  # noqa: F401


def engine_class(name: str) -> type:
    _load_builtin()
    if name not in _REGISTRY:
        raise EngineUnavailableError(f"OCR engine '{name}' is unknown: choose one of {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name]


def available_engines() -> dict[str, bool]:
    _load_builtin()
    return {name: cls.is_available() for name, cls in sorted(_REGISTRY.items())}


def get_engine(name: str = "ppocr") -> OcrEngine:
    """One shared instance per engine name (models load once per process)."""
    _load_builtin()
    with _LOCK:
        if name in _INSTANCES:
            return _INSTANCES[name]
        if name not in _REGISTRY:
            raise EngineUnavailableError(
                f"OCR engine '{name}' is unknown: choose one of {', '.join(sorted(_REGISTRY))}"
            )
        cls = _REGISTRY[name]
        if not cls.is_available():
            raise EngineUnavailableError(getattr(cls, "unavailable_hint", f"OCR engine '{name}' is not installed"))
        engine = cls()
        _INSTANCES[name] = engine
        return engine
