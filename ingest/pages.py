"""Decode a stored original into upright pages (images, or PDF text-layer lines)."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ingest.sniff import ACCEPTED
from yichuang.errors import CorruptFileError, InputError, PasswordProtectedError, TooLargeError
from yichuang.types import Line

RENDER_DPI = 200  # scanned PDF pages are rendered at this resolution; text-layer boxes use the same scale
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
MAX_PDF_PAGES = 500


@dataclass
class PageContent:
    """One page: ``image`` (RGB, upright by EXIF) to OCR, or ``text_lines`` from a PDF text layer."""

    page: int
    width: int
    height: int
    image: Image.Image | None = None
    text_lines: list[Line] | None = None
    notes: list[str] = field(default_factory=list)


_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered:
        try:
            import pillow_heif
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise InputError("HEIC photos need pillow-heif: reinstall yichuang, or export the photo as JPEG") from exc
        pillow_heif.register_heif_opener()
        _heif_registered = True


def _open_image(data: bytes, media_type: str) -> Image.Image:
    if media_type == "image/heic":
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            w, h = img.size
            if w * h > MAX_PIXELS:
                raise Image.DecompressionBombError
            return img
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooLargeError(
            f"image is too large to decode safely (over {MAX_PIXELS // 1_000_000} megapixels, a possible "
            "decompression bomb): resize it to under 8000×8000 pixels and try again"
        ) from exc
    except UnidentifiedImageError as exc:
        raise CorruptFileError(f"file looks like {media_type} but cannot be decoded: it is damaged; "
                               f"capture or copy it again ({ACCEPTED})") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise CorruptFileError(f"{media_type} file is truncated or damaged ({exc}): copy or capture it again") from exc


def _load_frame(frame: Image.Image, media_type: str) -> Image.Image:
    try:
        frame.load()
        upright = ImageOps.exif_transpose(frame) or frame
        return upright.convert("RGB") if upright.mode != "RGB" else upright.copy()
    except OSError as exc:
        if "truncated" in str(exc).lower() or "broken" in str(exc).lower() or "premature" in str(exc).lower():
            raise CorruptFileError(f"{media_type} file is truncated (the copy or upload stopped early): "
                                   "copy or capture it again") from exc
        raise CorruptFileError(f"{media_type} file is damaged ({exc}): copy or capture it again") from exc
    except (ValueError, SyntaxError) as exc:
        raise CorruptFileError(f"{media_type} file is damaged ({exc}): copy or capture it again") from exc


def _iter_image_pages(data: bytes, media_type: str) -> Iterator[PageContent]:
    img = _open_image(data, media_type)
    frames = ImageSequence.Iterator(img) if getattr(img, "n_frames", 1) > 1 else [img]
    for number, frame in enumerate(frames, start=1):
        rgb = _load_frame(frame, media_type)
        yield PageContent(page=number, width=rgb.width, height=rgb.height, image=rgb)


def _count_image_pages(data: bytes, media_type: str) -> int:
    return int(getattr(_open_image(data, media_type), "n_frames", 1))


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
            raise PasswordProtectedError("PDF is password-protected: remove the password (print to a new PDF) "
                                         "and try again") from exc
        raise CorruptFileError("PDF is damaged or truncated and cannot be read: export or scan it again") from exc
    if n == 0:
        raise CorruptFileError("PDF has no pages: export or scan it again")
    if n > MAX_PDF_PAGES:
        raise TooLargeError(f"PDF has {n} pages, more than {MAX_PDF_PAGES}: split it by material and try again")
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


class _Renderer:
    """Opens the PDF with pdfium only when a page actually needs rendering."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.doc = None

    def render(self, index: int) -> Image.Image:
        import pypdfium2 as pdfium

        if self.doc is None:
            self.doc = pdfium.PdfDocument(self.data)
        bitmap = self.doc[index].render(scale=RENDER_DPI / 72)
        return bitmap.to_pil().convert("RGB")

    def close(self) -> None:
        if self.doc is not None:
            self.doc.close()


def _pdf_page(pdf, index: int, renderer: _Renderer) -> PageContent:
    page = pdf.pages[index]
    scale = RENDER_DPI / 72
    width, height = round(float(page.width) * scale), round(float(page.height) * scale)
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
