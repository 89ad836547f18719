"""Render Chinese document pages and simulate how they are captured.

Used by the tests (rendered in the test run) and by the sample generator. Fonts come from
Debian's packages installed by the README's set-up (fonts-noto-cjk, fonts-arphic-ukai).
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_FILES = {
    "sans": ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"],
    "bold": ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"],
    "serif": ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"],
    # handwriting-like, for values filled in on forms
    "kai": ["/usr/share/fonts/truetype/arphic/ukai.ttc",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"],
}

A4 = (1240, 1754)  # 150 dpi


class FontMissing(RuntimeError):
    pass


@cache
def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES[style]:
        if Path(path).is_file():
            # index 2 of the Noto CJK collection is Simplified Chinese (SC)
            index = 2 if "NotoS" in path else 0
            return ImageFont.truetype(path, size, index=index)
    raise FontMissing(f"no CJK font for '{style}': run the README set-up (installs fonts-noto-cjk, fonts-arphic-ukai)")


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: int = 28
    style: str = "sans"
    color: tuple[int, int, int] = (20, 20, 20)


@dataclass
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float
    width: int = 2
    fill: tuple[int, int, int] | None = None
    outline: tuple[int, int, int] = (40, 40, 40)
    radius: int = 0


def render(items: list[Text | Rect], size: tuple[int, int] = A4,
           paper: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    img = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(img)
    for item in items:
        if isinstance(item, Rect):
            box = (item.x0, item.y0, item.x1, item.y1)
            if item.radius:
                draw.rounded_rectangle(box, item.radius, fill=item.fill, outline=item.outline, width=item.width)
            else:
                draw.rectangle(box, fill=item.fill, outline=item.outline, width=item.width)
    for item in items:
        if isinstance(item, Text):
            draw.text((item.x, item.y), item.text, font=font(item.style, item.size), fill=item.color)
    return img


def text_width(text: str, size: int, style: str = "sans") -> float:
    return font(style, size).getlength(text)


# ---- capture styles -----------------------------------------------------------------------

def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def _noise(img: Image.Image, rng: random.Random, amount: int) -> Image.Image:
    import numpy as np

    arr = np.asarray(img).astype(np.int16)
    noise = np.random.default_rng(rng.randrange(1 << 30)).integers(-amount, amount + 1, arr.shape[:2])
    return Image.fromarray(np.clip(arr + noise[..., None], 0, 255).astype(np.uint8))


def _shadow(img: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    import numpy as np

    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = rng.uniform(0, 2 * math.pi)
    grad = (xx * math.cos(angle) + yy * math.sin(angle))
    grad = (grad - grad.min()) / max(float(np.ptp(grad)), 1.0)
    factor = 1.0 - strength * grad
    arr = np.asarray(img).astype(np.float32) * factor[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _perspective(img: Image.Image, rng: random.Random, amount: float, background) -> Image.Image:
    w, h = img.size
    d = amount * min(w, h)
    src = [(rng.uniform(0, d), rng.uniform(0, d)), (w - rng.uniform(0, d), rng.uniform(0, d)),
           (w - rng.uniform(0, d), h - rng.uniform(0, d)), (rng.uniform(0, d), h - rng.uniform(0, d))]
    dst = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = _perspective_coeffs(dst, src)
    return img.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=background)


def _perspective_coeffs(pa, pb):
    import numpy as np

    matrix = []
    for p1, p2 in zip(pa, pb, strict=True):
        matrix.append([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]])
        matrix.append([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]])
    a = np.array(matrix, dtype=np.float64)
    b = np.array(pb, dtype=np.float64).reshape(8)
    return np.linalg.solve(a, b).tolist()


def on_background(page: Image.Image, margin: float, color: tuple[int, int, int]) -> Image.Image:
    w, h = page.size
    pad = int(margin * max(w, h))
    bg = Image.new("RGB", (w + 2 * pad, h + 2 * pad), color)
    bg.paste(page, (pad, pad))
    return bg


def capture(page: Image.Image, style: str, seed: int = 0) -> Image.Image:
    """Simulate a capture: ``scan`` (flatbed), ``camera`` (document camera on a desk) or ``phone``."""
    rng = random.Random(seed)
    if style == "clean":
        return page
    if style == "scan":
        img = page.rotate(rng.uniform(-0.8, 0.8), Image.Resampling.BICUBIC, expand=False, fillcolor=(250, 250, 250))
        return _noise(img, rng, 6)
    if style == "camera":
        desk = (rng.randrange(60, 110), rng.randrange(60, 100), rng.randrange(50, 90))
        img = on_background(page, 0.04, desk)
        img = img.rotate(rng.uniform(-2.5, 2.5), Image.Resampling.BICUBIC, expand=False, fillcolor=desk)
        img = _shadow(img, rng, 0.18)
        img = _noise(img, rng, 5)
        return _jpeg(img, rng.randrange(82, 93))
    if style == "phone":
        desk = (rng.randrange(90, 160), rng.randrange(80, 140), rng.randrange(60, 120))
        img = on_background(page, 0.05, desk)
        img = _perspective(img, rng, 0.035, desk)
        angle = rng.choice([-1, 1]) * rng.uniform(5, 10)
        img = img.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=desk)
        img = _shadow(img, rng, 0.3)
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
        img = _noise(img, rng, 7)
        return _jpeg(img, rng.randrange(60, 86))
    raise ValueError(f"unknown capture style {style!r}: clean, scan, camera or phone")
