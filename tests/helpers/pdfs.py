"""PDFs made in the test run with reportlab: text layer, scanned, mixed, encrypted."""

from __future__ import annotations

import io

from PIL import Image


def _canvas(buf, **kw):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return canvas.Canvas(buf, pagesize=A4, **kw), A4


def text_page(c, size, lines: list[str]) -> None:
    c.setFont("STSong-Light", 14)
    y = size[1] - 80
    for line in lines:
        c.drawString(60, y, line)
        y -= 26
    c.showPage()


def image_page(c, size, img: Image.Image) -> None:
    from reportlab.lib.utils import ImageReader

    c.drawImage(ImageReader(img), 0, 0, width=size[0], height=size[1])
    c.showPage()


def make_pdf(pages: list[list[str] | Image.Image], password: str | None = None) -> bytes:
    buf = io.BytesIO()
    c, size = _canvas(buf, encrypt=password) if password else _canvas(buf)
    for page in pages:
        if isinstance(page, Image.Image):
            image_page(c, size, page)
        else:
            text_page(c, size, page)
    c.save()
    return buf.getvalue()
