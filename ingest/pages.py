"""Decode a stored original into upright pages (images, or PDF text-layer lines)."""

from __future__ import annotations

import io
import math
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from yichuang.ingest import limits
from yichuang.ingest.limits import MAX_PDF_PAGES, RENDER_DPI, decode_slot, degenerate, render_scale  # noqa: F401 (re-exported)
from yichuang.ingest.sniff import ACCEPTED

from yichuang.errors import CorruptFileError, InputError, PasswordProtectedError, TooLargeError
from yichuang.types import Line

# scanned PDF pages are rendered at RENDER_DPI (clamped to limits.MAX_PAGE_MP); text-layer boxes use the same scale
MAX_PIXELS = int(limits.MAX_FRAME_MP * 1_000_000)


@dataclass
class PageContent:
    """One page: ``image`` (RGB, upright by EXIF) to OCR, or ``text_lines`` from a PDF text layer."""

    page: int
    width: int
    height: int
    image: Image.Image | None = None
    text_lines: list[Line] | None = None
    unreadable: str | None = None  # a page that decodes to no document (1×1, a thin strip): why, in Chinese


_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        try:
            import pillow_heif
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise InputError("读取 HEIC 照片需要 pillow-heif：请重新安装 yichuang，或把照片导出为 JPEG") from exc
        pillow_heif.register_heif_opener()
        _heif_registered = True


def _too_large(size: tuple[int, int] | None) -> TooLargeError:
    what = f"图片 {size[0]}×{size[1]} 像素（{size[0] * size[1] / 1e6:.0f} 百万像素）太大" if size else "图片像素太多"
    return TooLargeError(
        f"{what}，无法安全解码（可能是解压炸弹）："
        f"请缩小到 {limits.MAX_FRAME_MP:.0f} 百万像素以内（例如 8000×6000）后重新上传")


def _fit_frame(img: Image.Image) -> None:
    """Refuse a frame over the megapixel cap; a JPEG is decoded at 1/2, 1/4 or 1/8 instead when that fits."""
    w, h = img.size
    if w * h <= MAX_PIXELS:
        return
    if img.format == "JPEG":
        factor = math.ceil(math.sqrt(w * h / MAX_PIXELS))
        img.draft("RGB", (max(1, w // factor), max(1, h // factor)))
        if img.size[0] * img.size[1] <= MAX_PIXELS:
            return
    raise _too_large((w, h))


def _open_image(data: bytes, media_type: str) -> Image.Image:
    if media_type == "image/heic":
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own caps decide (limits.py)
            img = Image.open(io.BytesIO(data))
            n = int(getattr(img, "n_frames", 1))
            if n > limits.MAX_FRAMES:
                raise TooLargeError(f"文件有 {n} 帧（页），超过 {limits.MAX_FRAMES}：请按材料拆成多个文件后上传")
            _fit_frame(img)
            return img
    except Image.DecompressionBombError as exc:
        raise _too_large(None) from exc
    except UnidentifiedImageError as exc:
        raise CorruptFileError(f"文件看起来是 {media_type}，但无法解码，已损坏：请重新拍摄或复制（可上传 {ACCEPTED}）") from exc
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow's plugins raise OSError, ValueError, TypeError, KeyError … for damage
        raise CorruptFileError(f"{media_type} 文件不完整或已损坏（{exc}）：请重新拍摄或复制后再上传") from exc


def _load_frame(frame: Image.Image, media_type: str) -> Image.Image:
    try:
        _fit_frame(frame)
        with decode_slot():
            frame.load()
            upright = ImageOps.exif_transpose(frame) or frame
            return upright.convert("RGB") if upright.mode != "RGB" else upright.copy()
    except TooLargeError:
        raise
    except (EOFError, MemoryError) as exc:
        raise CorruptFileError(f"{media_type} 文件已损坏（{exc.__class__.__name__}）：请重新拍摄或复制后再上传") \
            from exc
    except OSError as exc:
        if "truncated" in str(exc).lower() or "broken" in str(exc).lower() or "premature" in str(exc).lower():
            raise CorruptFileError(f"{media_type} 文件不完整（复制或上传中途断了，truncated）：请重新拍摄或复制后再上传") from exc
        raise CorruptFileError(f"{media_type} 文件已损坏（{exc}）：请重新拍摄或复制后再上传") from exc
    except Exception as exc:  # noqa: BLE001 - any other decoder failure is a damaged file too
        raise CorruptFileError(f"{media_type} 文件已损坏（{exc}）：请重新拍摄或复制后再上传") from exc


def _iter_image_pages(data: bytes, media_type: str) -> Iterator[PageContent]:
    img = _open_image(data, media_type)
    for number in range(1, int(getattr(img, "n_frames", 1)) + 1):
        try:
            if number > 1:
                img.seek(number - 1)
        except Exception as exc:  # noqa: BLE001 - a damaged frame header
            raise CorruptFileError(f"{media_type} 文件已损坏（第 {number} 帧）：请重新拍摄或复制后再上传") from exc
        frame = img
        if why := degenerate(*frame.size):
            yield PageContent(page=number, width=frame.size[0], height=frame.size[1], unreadable=why)
            continue
        rgb = _load_frame(frame, media_type)
        yield PageContent(page=number, width=rgb.width, height=rgb.height, image=rgb)


def _count_image_pages(data: bytes, media_type: str) -> int:
    img = _open_image(data, media_type)
    n = int(getattr(img, "n_frames", 1))
    if n > 1:  # every frame's size is in its header: refuse a bomb frame before decoding any
        try:
            for index in range(n):
                img.seek(index)
                _fit_frame(img)
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged frame header
            raise CorruptFileError(f"{media_type} 文件已损坏（第 {index + 1} 帧）：请重新拍摄或复制后再上传") \
                from exc
    return n


# ---- PDF ----------------------------------------------------------------------------------

def _open_pdf(data: bytes):  # -> pdfplumber.PDF
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n = len(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for the same two causes
        inner = getattr(exc, "args", [None])[0] if exc.args else None
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(inner, PDFPasswordIncorrect) \
                or "password" in repr(exc).lower():
            raise PasswordProtectedError("PDF 设置了密码：请去掉密码（例如“打印”成新的 PDF）后再上传") from exc
        raise CorruptFileError("PDF 已损坏或不完整，无法读取：请重新导出或扫描") from exc
    if n == 0:
        raise CorruptFileError("PDF 里没有页面：请重新导出或扫描")
    if n > MAX_PDF_PAGES:
        raise TooLargeError(f"PDF 有 {n} 页，超过 {MAX_PDF_PAGES} 页：请按材料拆开后再上传")
    return pdf


def _layout_chars(page) -> list[dict]:
    """Upright characters from pdfplumber's pdfminer layout, top-down coordinates.

    Reading ``page.layout`` directly skips the per-character attribute dictionaries that
    ``page.chars`` builds (colours, matrices…): three times faster on text-heavy pages.
    """
    from pdfminer.layout import LTChar

    layout = page.layout
    top0, left0 = layout.y1, layout.x0
    out: list[dict] = []
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if text.strip() and obj.upright:
                out.append({"text": text, "x0": obj.x0 - left0, "x1": obj.x1 - left0,
                            "top": top0 - obj.y1, "bottom": top0 - obj.y0})
        elif hasattr(obj, "_objs"):
            stack.extend(obj)
    return out


def text_layer_lines(page, scale: float) -> list[Line]:  # page: pdfplumber.page.Page
    """Characters with positions → lines with boxes (in pixels at ``scale`` × PDF points)."""
    chars = _layout_chars(page)
    if not chars:
        return []
    chars.sort(key=lambda c: (c["top"], c["x0"]))
    rows: list[list[dict]] = []
    for ch in chars:
        mid = (ch["top"] + ch["bottom"]) / 2
        for row in reversed(rows[-3:]):
            ref = row[0]
            height = ref["bottom"] - ref["top"]
            if abs(mid - (ref["top"] + ref["bottom"]) / 2) <= 0.45 * max(height, 1):
                row.append(ch)
                break
        else:
            rows.append([ch])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        segments: list[list[dict]] = [[row[0]]]
        for prev, ch in zip(row, row[1:], strict=False):
            size = max(prev["bottom"] - prev["top"], prev["x1"] - prev["x0"], 1)
            if ch["x0"] - prev["x1"] > 1.5 * size:
                segments.append([ch])
            else:
                segments[-1].append(ch)
        for seg in segments:
            text = "".join(c["text"] for c in seg)
            x0 = min(c["x0"] for c in seg) * scale
            x1 = max(c["x1"] for c in seg) * scale
            y0 = min(c["top"] for c in seg) * scale
            y1 = max(c["bottom"] for c in seg) * scale
            box = [[round(x0, 1), round(y0, 1)], [round(x1, 1), round(y0, 1)],
                   [round(x1, 1), round(y1, 1)], [round(x0, 1), round(y1, 1)]]
            lines.append(Line(text=text, box=box, confidence=1.0))
    return lines


def usable_text_layer(lines: list[Line], image_cover: float = 0.0) -> bool:
    """A layer is usable when its characters decode, and it is not a stamp over a scanned image
    (a page mostly covered by an image with a few words on top, like "Scanned by …")."""
    text = "".join(line.text for line in lines)
    if not text:
        return False
    garbled = text.count("(cid:") * 8 + text.count("\ufffd")
    if garbled > 0.1 * len(text):
        return False
    return not (image_cover > 0.5 and len(text) < 40)


def _image_cover(page) -> float:
    area = float(page.width) * float(page.height) or 1.0
    from pdfminer.layout import LTFigure, LTImage

    covered = 0.0
    stack = list(page.layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTImage):
            covered += max(0.0, obj.width) * max(0.0, obj.height)
        elif isinstance(obj, LTFigure):
            stack.extend(obj)
    return min(covered / area, 1.0)


# pdfium is not thread-safe: two renders at once in one process (two decode slots, parallel page
# image requests) can crash the server. Every pdfium call of the process goes through this lock; the
# decode slots still bound how many decoded pages are held in memory.
_PDFIUM = threading.Lock()


class _Renderer:
    """Opens the PDF with pdfium only when a page actually needs rendering."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.doc = None

    def render(self, index: int) -> Image.Image:
        import pypdfium2 as pdfium

        with decode_slot(), _PDFIUM:
            if self.doc is None:
                self.doc = pdfium.PdfDocument(self.data)
            page = self.doc[index]
            width, height = page.get_size()
            bitmap = page.render(scale=render_scale(width, height))
            image = bitmap.to_pil().convert("RGB")
            page.close()
            return image

    def close(self) -> None:
        if self.doc is not None:
            with _PDFIUM:
                self.doc.close()
            self.doc = None


DAMAGED_PAGE = "这一页已损坏，无法读取：请重新导出或扫描这一页"


def _pdf_page(pdf, index: int, renderer: _Renderer) -> PageContent:
    """One PDF page; a page that fails to parse or render is marked unreadable (that page only)."""
    try:
        return _read_pdf_page(pdf, index, renderer)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - pdfminer/pdfium raise many types for one damaged page
        return PageContent(page=index + 1, width=0, height=0, unreadable=DAMAGED_PAGE)


def _read_pdf_page(pdf, index: int, renderer: _Renderer) -> PageContent:
    page = pdf.pages[index]
    scale = render_scale(float(page.width), float(page.height))
    width, height = round(float(page.width) * scale), round(float(page.height) * scale)
    if why := degenerate(width, height):
        page.flush_cache()
        return PageContent(page=index + 1, width=width, height=height, unreadable=why)
    lines = text_layer_lines(page, scale)
    if usable_text_layer(lines, _image_cover(page)):
        content = PageContent(page=index + 1, width=width, height=height, text_lines=lines)
    else:
        image = renderer.render(index)
        content = PageContent(page=index + 1, width=image.width, height=image.height, image=image)
    page.flush_cache()
    return content


def _iter_pdf_pages(data: bytes) -> Iterator[PageContent]:
    pdf = _open_pdf(data)
    renderer = _Renderer(data)
    try:
        for index in range(len(pdf.pages)):
            yield _pdf_page(pdf, index, renderer)
    finally:
        pdf.close()
        renderer.close()


# ---- public -------------------------------------------------------------------------------

def iter_pages(data: bytes, media_type: str) -> Iterator[PageContent]:
    """Yield every page of a file in order, numbered from 1."""
    if media_type == "application/pdf":
        yield from _iter_pdf_pages(data)
    else:
        yield from _iter_image_pages(data, media_type)


def open_page(data: bytes, media_type: str, page: int) -> PageContent:
    """Decode one page (1-based): what a worker does when it is handed a page reference."""
    if media_type == "application/pdf":
        pdf = _open_pdf(data)
        try:
            if not 1 <= page <= len(pdf.pages):
                raise InputError(f"page {page} does not exist: the PDF has {len(pdf.pages)} pages")
            renderer = _Renderer(data)
            try:
                return _pdf_page(pdf, page - 1, renderer)
            finally:
                renderer.close()
        finally:
            pdf.close()
    for content in _iter_image_pages(data, media_type):
        if content.page == page:
            return content
    raise InputError(f"page {page} does not exist in this image file")


def count_pages(data: bytes, media_type: str) -> int:
    if media_type == "application/pdf":
        pdf = _open_pdf(data)
        try:
            return len(pdf.pages)
        finally:
            pdf.close()
    return _count_image_pages(data, media_type)
