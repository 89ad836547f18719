"""The OCR cache: one reading per page and engine, keyed by the page's identity.

A page is known by its ``page_id`` (``<sha256 of the original>-<page>``) wherever it goes; the cache
row is (page_id, engine key). A PDF text layer is stored under ``TEXT_LAYER_KEY`` and serves any
engine. The second look (extractors/second_look.py) keeps its own keys under the engine's, in the
same 120-character column.
"""

from __future__ import annotations

from yichuang.extractors.ocr import engine_class
from yichuang.storage import MetaStore
from yichuang.types import OcrPage

TEXT_LAYER_KEY = "pdf-text/v1"


def page_id(sha256: str, page: int) -> str:
    """The one identity of a page: its original's content hash and its number in that file."""
    return f"{sha256}-{page}"


def split_page_id(pid: str) -> tuple[str, int]:
    sha, _, number = pid.rpartition("-")
    return sha, int(number)


class OcrCache:
    """Cached readings of pages for one engine (the text layer counts for every engine)."""

    def __init__(self, meta: MetaStore, engine_name: str) -> None:
        self.meta = meta
        self.ocr_key = engine_class(engine_name).cache_key()

    @property
    def keys(self) -> tuple[str, str]:
        return TEXT_LAYER_KEY, self.ocr_key

    def key_of(self, page: OcrPage) -> str:
        return TEXT_LAYER_KEY if page.engine == "pdf-text" else self.ocr_key

    def get_many(self, pids: list[str], source: str, pages: list[int] | None = None) -> dict[str, OcrPage]:
        """page_id → the cached page, shown under ``source`` (the display name; not part of the key)."""
        hits = self.meta.cached_ocr_many(pids, self.keys)
        numbers = dict(zip(pids, pages, strict=True)) if pages else {}
        return {pid: OcrPage.model_validate({**hit, "source": source,
                                             "page": numbers.get(pid, split_page_id(pid)[1])})
                for pid, hit in hits.items()}

    def get(self, pid: str, source: str = "") -> OcrPage | None:
        return self.get_many([pid], source).get(pid)

    def rotation(self, pid: str) -> int:
        hit = self.meta.cached_ocr_many([pid], self.keys).get(pid)
        return int(hit.get("rotation", 0)) if hit else 0

    def put_many(self, pages: list[OcrPage]) -> None:
        if pages:
            self.meta.store_ocr_many([(p.page_id, self.key_of(p), p.model_dump(exclude={"source"})) for p in pages])

    # -- the second look's re-reads of some boxes of a page ------------------------------------
    @staticmethod
    def second_look_key(prefix: str, boxes: list[list[list[float]]]) -> str:
        """``second-look/v1/<digest>``: the engines' keys (``prefix``) and the boxes as one digest,
        so the key fits the cache's 120-character key column however long the engines' keys are."""
        import hashlib
        import json

        digest = hashlib.sha256(json.dumps([prefix, [[[round(x) for x in p] for p in b] for b in boxes]]).encode())
        return f"second-look/v1/{digest.hexdigest()[:40]}"

    def get_extra(self, pid: str, key: str) -> dict | None:
        return self.meta.cached_ocr_many([pid], (key,)).get(pid)

    def put_extra(self, pid: str, key: str, stored: dict) -> None:
        self.meta.store_ocr_many([(pid, key, stored)])
