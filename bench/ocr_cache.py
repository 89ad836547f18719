"""An OCR engine wrapper that keeps every ``recognize()`` answer on disk, keyed by the image's
bytes and the engine's cache key, so an accuracy run can be repeated in seconds while extraction
changes (``bench.accuracy --ocr-cache DIR``). The generated pages are deterministic for a seed,
so a second run asks the models nothing. For development only: the product's own cache is
``yichuang.pipeline.cache.OcrCache``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PIL import Image
from yichuang.extractors.ocr.base import RawLine, Recognition


class CachedEngine:
    name = "cached"

    def __new__(cls, engine, root: str | Path):
        # the pipeline records ``type(engine).name``: a subclass per wrapped engine keeps it
        sub = type(f"Cached{type(engine).__name__}", (cls,), {"name": type(engine).name})
        return object.__new__(sub)

    def __init__(self, engine, root: str | Path) -> None:
        self._engine = engine
        self._root = Path(root)
        self._root.mkdir(parents=True, exist_ok=True)
        self.hits = 0
        self.misses = 0

    def cache_key(self) -> str:
        return type(self._engine).cache_key()

    def __getattr__(self, item):  # anything else the pipeline asks of the engine
        return getattr(self._engine, item)

    def _path(self, image: Image.Image) -> Path:
        h = hashlib.sha256(self.cache_key().encode())
        h.update(f"{image.mode}{image.size}".encode())
        h.update(image.tobytes())
        return self._root / f"{h.hexdigest()[:32]}.json"

    def recognize(self, image: Image.Image) -> Recognition:
        path = self._path(image)
        if path.exists():
            self.hits += 1
            d = json.loads(path.read_text(encoding="utf-8"))
            return Recognition([RawLine(t, b, c) for t, b, c in d["lines"]], d["rotation"], d["width"], d["height"])
        self.misses += 1
        rec = self._engine.recognize(image)
        doc = {"lines": [[r.text, r.box, r.confidence] for r in rec.lines], "rotation": rec.rotation,
               "width": rec.width, "height": rec.height}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        return rec
