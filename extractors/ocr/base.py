"""The OCR engine interface and registry."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar, Literal, NamedTuple, Protocol

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field, field_validator

from yichuang.errors import EngineUnavailableError


@dataclass(frozen=True)
class RawLine:
    text: str
    box: list[list[float]]  # 4 points in the upright image
    confidence: float


class Recognition(NamedTuple):
    """What ``recognize()`` returns: the lines in the upright page, the rotation applied clockwise
    to make it upright, and the upright size (unpacks like the tuple it replaced)."""

    lines: list[RawLine]
    rotation: int
    width: int
    height: int


class EngineOptions(BaseModel):
    """How an engine is built; ``None`` = from the environment (``YICHUANG_OCR_PROFILE``,
    ``YICHUANG_OCR_BACKEND``, ``YICHUANG_OCR_THREADS``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    profile: str | None = None  # a key of extractors.ocr.profiles.PROFILES
    backend: Literal["onnxruntime", "openvino", "openvino-det"] | None = None
    threads: int | None = Field(default=None, ge=1, le=64)  # intra-op threads per model session

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, value: str | None) -> str | None:
        from yichuang.extractors.ocr.profiles import PROFILES

        if value is not None and value not in PROFILES:
            raise ValueError(f"unknown OCR profile {value!r}: use one of {', '.join(PROFILES)}")
        return value


class OcrEngine(Protocol):
    name: ClassVar[str]

    @classmethod
    def is_available(cls) -> bool: ...

    @classmethod
    def cache_key(cls) -> str:
        """Identifies engine + models + settings: part of the OCR cache key (no model load)."""

    def recognize(self, image: Image.Image) -> Recognition:
        """The page's lines, upright (see ``Recognition``)."""


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
