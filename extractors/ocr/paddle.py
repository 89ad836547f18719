"""Optional engine: the PaddleOCR package itself, for sites that install it with their own models.

PaddleOCR downloads models at run time unless every model directory is given, so this
engine is available only when ``paddleocr`` is importable and ``YICHUANG_PADDLEOCR_MODELS``
names a folder holding ``det/``, ``rec/`` and ``cls/`` (PaddleOCR inference model folders).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import ClassVar

from PIL import Image
from yichuang.extractors.ocr.base import RawLine, Recognition, register_engine


def _models_root() -> Path | None:
    from yichuang.config import load_settings

    raw = load_settings().paddleocr_models
    return Path(raw) if raw else None


@register_engine
class PaddleOcrEngine:
    name: ClassVar[str] = "paddleocr"
    unavailable_hint: ClassVar[str] = (
        "the paddleocr engine needs `pip install paddleocr paddlepaddle` and YICHUANG_PADDLEOCR_MODELS set to a "
        "folder with det/, rec/ and cls/ model folders (it cannot download models here); or use --engine ppocr"
    )

    @classmethod
    def is_available(cls) -> bool:
        root = _models_root()
        return (
            importlib.util.find_spec("paddleocr") is not None
            and root is not None
            and all((root / sub).is_dir() for sub in ("det", "rec", "cls"))
        )

    def __init__(self) -> None:
        from paddleocr import PaddleOCR

        root = _models_root()
        assert root is not None
        self._ocr = PaddleOCR(
            text_detection_model_dir=str(root / "det"),
            text_recognition_model_dir=str(root / "rec"),
            textline_orientation_model_dir=str(root / "cls"),
            use_doc_orientation_classify=False,
            use_doc_unwarping=False,
            use_textline_orientation=True,
        )

    @classmethod
    def cache_key(cls) -> str:
        root = _models_root()
        return f"paddleocr/{root.name if root else 'none'}/v1"

    def recognize(self, image: Image.Image) -> Recognition:
        import numpy as np

        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        lines: list[RawLine] = []
        for res in self._ocr.predict(bgr):
            for text, score, poly in zip(res["rec_texts"], res["rec_scores"], res["rec_polys"], strict=False):
                if text.strip():
                    lines.append(RawLine(text=text, box=np.asarray(poly, dtype=float).tolist(),
                                         confidence=float(score)))
        return Recognition(lines, 0, image.width, image.height)
