"""Caps on what decoding may cost: megapixels per image frame and per rendered PDF page, frames
per file, and a process-wide number of decodes/renders at once (so parallel uploads and page
image requests cannot multiply memory). Each cap is a setting (``YICHUANG_MAX_*``, through
``yichuang.config.Settings``), fixed when the process starts."""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from yichuang.config import load_settings

_SETTINGS = load_settings()
MAX_FRAME_MP = _SETTINGS.max_frame_mp  # a 48 MP phone photo decodes; larger JPEGs are drafted down
MAX_PAGE_MP = _SETTINGS.max_page_mp  # a rendered PDF page (A2 at 200 dpi): the scale is clamped
MAX_FRAMES = _SETTINGS.max_frames  # pages of one TIFF
MAX_PDF_PAGES = _SETTINGS.max_pdf_pages
DECODE_SLOTS = _SETTINGS.decode_slots  # decodes/renders at once, per process
MIN_SIDE_PX = 64  # below this on the short side a page cannot hold a readable line
MAX_ASPECT = 12.0  # a strip longer than this is no document page (a receipt is ~1:4)
RENDER_DPI = 200

_SLOTS = threading.BoundedSemaphore(DECODE_SLOTS)
_HELD = threading.local()


@contextmanager
def decode_slot() -> Iterator[None]:
    """Hold one of the process's decode slots while a page is decoded or rendered — and, where the
    caller wraps more (gate, OCR), for as long as the decoded page is in use. Re-entrant per thread."""
    depth = getattr(_HELD, "depth", 0)
    if depth == 0:
        _SLOTS.acquire()
    _HELD.depth = depth + 1
    try:
        yield
    finally:
        _HELD.depth = depth
        if depth == 0:
            _SLOTS.release()


def render_scale(width_pt: float, height_pt: float, dpi: int = RENDER_DPI) -> float:
    """Pixels per PDF point: ``dpi``/72, lowered so that the page stays under ``MAX_PAGE_MP``."""
    scale = dpi / 72
    area = max(float(width_pt), 0.01) * max(float(height_pt), 0.01)
    cap = math.sqrt(MAX_PAGE_MP * 1_000_000 / area)
    return min(scale, cap)


def degenerate(width: int, height: int) -> str | None:
    """Why a decoded page cannot be a document page (in Chinese, with what to do), or None."""
    short, long_ = min(width, height), max(width, height)
    if short < MIN_SIDE_PX:
        return (f"这一页只有 {width}×{height} 像素，太小，读不出文字：请对准整页材料重新拍摄或扫描"
                f"（短边至少 {MIN_SIDE_PX} 像素）")
    if long_ / short > MAX_ASPECT:
        return (f"这一页是 {width}×{height} 像素的细长条，不像一页材料：请把整页材料放进画面重新拍摄，"
                "或把长图裁成一页一张")
    return None
