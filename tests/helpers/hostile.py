"""A corpus of hostile and careless inputs, made in the test run: empty, truncated, mislabelled,
encrypted, decompression bombs, polyglots, HEIC, GIF, 1×1, strips, huge and tiny PDF pages,
many-frame TIFFs. Each entry names what the product must answer: "ok" (stored, 201) or the
error code of the 4xx refusal."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw


@dataclass(frozen=True)
class Hostile:
    name: str
    make: Callable[[], bytes]
    expect: str  # "ok" or an error code
    bad_pages: int = 0  # pages stored but marked unreadable (a multi-page file with a few bad pages)


def _enc(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def doc_image(size: tuple[int, int] = (1200, 1600)) -> Image.Image:
    """A plain page with dark lines of "text" on white (passes decoding; the quality gate may grumble)."""
    img = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(img)
    for y in range(120, size[1] - 120, 60):
        d.rectangle([100, y, size[0] - 100, y + 18], fill="black")
    return img


def _pdf(pages: list[tuple[float, float]], text: bool = False) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for w, h in pages:
        c.setPageSize((w, h))
        if text:
            c.drawString(2, 2, "x")
        c.showPage()
    c.save()
    return buf.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    data = bytearray(_enc(Image.new("L", (8, 8)), "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def _tiff(frames: list[Image.Image], **kw) -> bytes:
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], **kw)
    return buf.getvalue()


def _heic(img: Image.Image) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return _enc(img, "HEIF", quality=60)


def _encrypted_pdf() -> bytes:
    from tests.helpers.pdfs import make_pdf

    return make_pdf([["机密"]], password="secret")


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _corrupt_middle(data: bytes) -> bytes:
    mid = len(data) // 2
    return data[:mid] + bytes(b ^ 0xFF for b in data[mid:mid + 400]) + data[mid + 400:]


def corpus() -> list[Hostile]:
    small = doc_image((800, 1100))
    jpeg = _enc(small, "JPEG", quality=80)
    png = _enc(small, "PNG")
    pdf_text = _pdf([(595, 842)], text=True)
    return [
        Hostile("empty.jpg", lambda: b"", "empty_file"),
        Hostile("one-byte.png", lambda: b"\x89", "unsupported_type"),
        Hostile("truncated-half.jpg", lambda: _half(jpeg), "corrupt_file"),
        Hostile("truncated-header.jpg", lambda: jpeg[:300], "corrupt_file"),
        Hostile("truncated-half.png", lambda: _half(png), "corrupt_file"),
        Hostile("corrupt-idat.png", lambda: _corrupt_middle(png), "corrupt_file"),
        Hostile("png-named.pdf", lambda: png, "ok"),
        Hostile("pdf-named.jpg", lambda: pdf_text, "ok"),
        Hostile("text-named.jpg", lambda: "这不是照片，是一段文字".encode(), "unsupported_type"),
        Hostile("page-named.png", lambda: b"<!doctype html><html><body>hi</body></html>", "unsupported_type"),
        Hostile("zip-named.pdf", lambda: b"PK\x03\x04" + b"\0" * 200, "unsupported_type"),
        Hostile("still.gif", lambda: _enc(small.convert("P"), "GIF"), "unsupported_type"),
        Hostile("animated.gif", lambda: _enc(small.convert("P"), "GIF", save_all=True,
                                             append_images=[small.convert("P")] * 3), "unsupported_type"),
        Hostile("photo.heic", lambda: _heic(small), "ok"),
        Hostile("truncated.heic", lambda: _half(_heic(small)), "corrupt_file"),
        Hostile("fake.avif", lambda: b"\0\0\0\x1cftypavif" + b"\0" * 64, "unsupported_type"),
        Hostile("encrypted.pdf", _encrypted_pdf, "password_protected"),
        Hostile("truncated.pdf", lambda: pdf_text[:300], "corrupt_file"),
        Hostile("header-only.pdf", lambda: b"%PDF-1.4\n%%EOF\n", "corrupt_file"),
        Hostile("bomb-claims-40000.png", lambda: _png_claiming(40000, 40000), "too_large"),
        Hostile("bomb-real-12000.png", lambda: _enc(Image.new("1", (12000, 12000)), "PNG"), "too_large"),
        Hostile("bomb-jpeg-65000.jpg", lambda: _jpeg_claiming(65000, 65000, jpeg), "too_large"),
        Hostile("one-pixel.jpg", lambda: _enc(Image.new("RGB", (1, 1), "white"), "JPEG"), "unreadable_page"),
        Hostile("one-pixel.png", lambda: _enc(Image.new("RGB", (1, 1)), "PNG"), "unreadable_page"),
        Hostile("one-pixel.bmp", lambda: _enc(Image.new("RGB", (1, 1)), "BMP"), "unreadable_page"),
        Hostile("strip-20000x50.png", lambda: _enc(Image.new("L", (20000, 50), 255), "PNG"), "unreadable_page"),
        Hostile("strip-50x20000.png", lambda: _enc(Image.new("L", (50, 20000), 255), "PNG"), "unreadable_page"),
        Hostile("strip-65535x1.png", lambda: _enc(Image.new("L", (65535, 1), 255), "PNG"), "unreadable_page"),
        Hostile("thin-3000x200.png", lambda: _enc(Image.new("L", (3000, 200), 255), "PNG"), "unreadable_page"),
        Hostile("page-1pt.pdf", lambda: _pdf([(1, 1)]), "unreadable_page"),
        Hostile("page-2000x5pt.pdf", lambda: _pdf([(2000, 5)]), "unreadable_page"),
        Hostile("page-5000pt.pdf", lambda: _pdf([(5000, 5000)]), "ok"),
        Hostile("page-14400pt.pdf", lambda: _pdf([(14400, 14400)]), "ok"),
        Hostile("page-14400pt-text.pdf", lambda: _pdf([(14400, 14400)], text=True), "ok"),
        Hostile("pdf-one-bad-page.pdf", lambda: _pdf([(595, 842), (1, 1), (595, 842)], text=True), "ok", bad_pages=1),
        Hostile("tiff-60x8000.tif", lambda: _tiff([Image.new("1", (8000, 8000))] * 60, compression="group4"),
                "too_large"),
        Hostile("tiff-150-frames.tif", lambda: _tiff([Image.new("L", (100, 100), 255)] * 150), "too_large"),
        Hostile("tiff-one-bad-frame.tif", lambda: _tiff([small, Image.new("RGB", (1, 1)), small]), "ok",
                bad_pages=1),
        Hostile("truncated.tif", lambda: _half(_tiff([small, small])), "corrupt_file"),
        Hostile("polyglot-jpeg+pdf.jpg", lambda: jpeg + pdf_text, "ok"),
        Hostile("polyglot-html+pdf.pdf", lambda: b"<html>" + b"%PDF-1.4 " + b"x" * 100, "corrupt_file"),
        Hostile("polyglot-gif+zip.gif", lambda: _enc(small.convert("P"), "GIF") + b"PK\x03\x04" + b"\0" * 50,
                "unsupported_type"),
        Hostile("small.webp", lambda: _enc(small, "WEBP"), "ok"),
        Hostile("truncated.webp", lambda: _half(_enc(small, "WEBP")), "corrupt_file"),
        Hostile("truncated.bmp", lambda: _half(_enc(small, "BMP")), "corrupt_file"),
        Hostile("phone-63mp.jpg", lambda: _enc(Image.new("RGB", (9000, 7000), "white"), "JPEG", quality=50), "ok"),
        Hostile("\0nul-and-long-" + "名" * 600 + ".png", lambda: png, "ok"),
    ]


def _jpeg_claiming(width: int, height: int, jpeg: bytes) -> bytes:
    """A small JPEG whose frame header (SOF0) claims another size: a decompression bomb."""
    data = bytearray(jpeg)
    i = 2
    while i < len(data) - 9:
        if data[i] == 0xFF and data[i + 1] in (0xC0, 0xC1, 0xC2):
            data[i + 5:i + 9] = struct.pack(">HH", height, width)
            return bytes(data)
        i += 2 + struct.unpack(">H", data[i + 2:i + 4])[0]
    raise ValueError("no SOF marker")
