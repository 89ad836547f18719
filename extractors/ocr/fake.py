"""A fake OCR engine for tests: returns the lines a test scripted for an image size."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PIL import Image
from yichuang.extractors.ocr.base import RawLine, Recognition, register_engine


@register_engine
class FakeEngine:
    name: ClassVar[str] = "fake"
    script: ClassVar[Callable[[Image.Image], list[RawLine]] | None] = None
    calls: ClassVar[int] = 0

    @classmethod
    def is_available(cls) -> bool:
        return True

    @classmethod
    def cache_key(cls) -> str:
        return "fake/v1"

    def recognize(self, image: Image.Image) -> Recognition:
        type(self).calls += 1
        lines = self.script(image) if self.script else []
        return Recognition(lines, 0, image.width, image.height)
