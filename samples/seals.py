"""Seals, signatures and hand prints drawn onto generated pages (with their ground truth).

The other builders call :func:`draw_seal` and :func:`draw_signature` on a rendered page; every
function returns the box it drew so a test or a bench knows where the mark is.

    draw_seal(img, (cx, cy), "某某市某某商贸有限公司", shape="round", colour="red")
    draw_signature(img, (x0, y0, x1, y1), "张三")
    draw_fingerprint(img, (cx, cy))
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from yichuang.samples.render import font

INKS = {"red": (214, 38, 46), "purple": (118, 44, 150)}
PEN = {"black": (30, 30, 36), "blue": (24, 44, 128)}
SHAPES = ("round", "oval", "square")


@dataclass
class Mark:
    kind: str  # "seal" | "signature" | "fingerprint"
    box: tuple[float, float, float, float]
    shape: str = ""
    colour: str = ""
    text: str = ""


def _ink_layer(size: tuple[int, int]) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    layer = Image.new("L", size, 0)  # coverage 0..255
    return layer, ImageDraw.Draw(layer)


def _char(layer: Image.Image, ch: str, size: int, centre: tuple[float, float], angle: float,
          squeeze: float = 1.0, style: str = "bold") -> None:
    """One character centred at ``centre``, rotated ``angle`` degrees counter-clockwise."""
    f = font(style, size)
    tile = Image.new("L", (size * 2, size * 2), 0)
    ImageDraw.Draw(tile).text((size, size), ch, font=f, fill=255, anchor="mm")
    if squeeze != 1.0:
        tile = tile.resize((max(1, int(tile.width * squeeze)), tile.height))
    tile = tile.rotate(angle, Image.Resampling.BICUBIC, expand=True)
    x, y = int(centre[0] - tile.width / 2), int(centre[1] - tile.height / 2)
    under = np.asarray(layer.crop((x, y, x + tile.width, y + tile.height)))
    layer.paste(Image.fromarray(np.maximum(under, np.asarray(tile))), (x, y))


def _arc_text(layer: Image.Image, text: str, cx: float, cy: float, rx: float, ry: float, size: int,
              span: float) -> None:
    """Characters along the upper arc, reading clockwise, tops pointing outwards."""
    n = len(text)
    if not n:
        return
    start = 90 + span / 2  # math degrees, counter-clockwise from east; text runs clockwise
    step = span / max(n - 1, 1)
    squeeze = min(1.0, (span * math.pi / 180 * (rx + ry) / 2 * 0.8) / max(n, 1) / size)
    for i, ch in enumerate(text):
        a = math.radians(start - i * step) if n > 1 else math.radians(90)
        x, y = cx + rx * math.cos(a), cy - ry * math.sin(a)
        _char(layer, ch, size, (x, y), math.degrees(a) - 90, max(0.55, squeeze))


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.38
        a = math.radians(90 + k * 36)
        pts.append((cx + rad * math.cos(a), cy - rad * math.sin(a)))
    draw.polygon(pts, fill=255)


def _fade(layer: Image.Image, rng: random.Random, faded: float) -> Image.Image:
    """Uneven ink: blotches where the stamp pressed lightly, overall lighter when faded."""
    arr = np.asarray(layer).astype(np.float32) / 255
    h, w = arr.shape
    noise = np.random.default_rng(rng.randrange(1 << 30)).random((max(2, h // 12), max(2, w // 12)))
    blotch = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC),
                        dtype=np.float32) / 255
    strength = (1 - faded) * (0.75 + 0.25 * blotch) - faded * 0.35 * (blotch < 0.25)
    return Image.fromarray((np.clip(arr * strength, 0, 1) * 255).astype(np.uint8))


def _stamp(img: Image.Image, layer: Image.Image, origin: tuple[int, int], colour: tuple[int, int, int]) -> None:
    """Multiply the ink onto the page: text under the seal stays dark, as with real stamp ink."""
    x, y = origin
    region = img.crop((x, y, x + layer.width, y + layer.height))
    base = np.asarray(region).astype(np.float32)
    a = np.asarray(layer).astype(np.float32)[..., None] / 255
    ink = np.array(colour, dtype=np.float32)
    out = base * (1 - a) + (base * ink / 255) * a
    img.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (x, y))


def draw_seal(img: Image.Image, centre: tuple[float, float], text: str, *, shape: str = "round",
              colour: str = "red", size: float = 230, faded: float = 0.0, angle: float = 0.0,
              bottom: str = "", seed: int = 0) -> Mark:
    """Stamp a seal centred at ``centre`` (page pixels); ``size`` is the outer diameter (width)."""
    rng = random.Random(seed)
    if shape == "oval":
        w, h = size, size * 0.68
    else:
        w = h = size
    pad = int(size * 0.1)
    layer, draw = _ink_layer((int(w) + 2 * pad, int(h) + 2 * pad))
    cx, cy = layer.width / 2, layer.height / 2
    border = max(3, int(size * 0.035))
    if shape == "round":
        r = size / 2
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=255, width=border)
        csize = int(size * 0.13)
        _arc_text(layer, text, cx, cy, r - border - csize * 0.75, r - border - csize * 0.75, csize, 250)
        _star(draw, cx, cy, size * 0.16)
        if bottom:
            bs = int(size * 0.1)
            _line(layer, bottom, cx, cy + size * 0.26, bs)
    elif shape == "oval":
        rx, ry = w / 2, h / 2
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), outline=255, width=border)
        draw.ellipse((cx - rx + border * 2, cy - ry + border * 2, cx + rx - border * 2, cy + ry - border * 2),
                     outline=255, width=max(1, border // 3))
        csize = int(h * 0.16)
        _arc_text(layer, text, cx, cy, rx - border * 2 - csize * 0.8, ry - border * 2 - csize * 0.8, csize, 160)
        _line(layer, bottom or "专用章", cx, cy + h * 0.12, int(h * 0.15))
    elif shape == "square":
        draw.rectangle((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), outline=255, width=border)
        chars = list(text[:4]) if len(text) <= 4 else list(text)
        cols = 2 if len(chars) > 2 else 1
        rows = math.ceil(len(chars) / cols)
        cs = int(min((w - 4 * border) / cols, (h - 4 * border) / rows) * 0.9)
        for k, ch in enumerate(chars):  # read right column first, top to bottom, as name seals do
            col, row = cols - 1 - k // rows, k % rows
            x = cx - w / 2 + 2 * border + (col + 0.5) * (w - 4 * border) / cols
            y = cy - h / 2 + 2 * border + (row + 0.5) * (h - 4 * border) / rows
            _char(layer, ch, cs, (x, y), 0, style="serif")
    else:
        raise ValueError(f"unknown seal shape {shape!r}: {', '.join(SHAPES)}")
    if angle:
        layer = layer.rotate(angle, Image.Resampling.BICUBIC)
    layer = _fade(layer.filter(ImageFilter.GaussianBlur(0.6)), rng, faded)
    ox, oy = int(centre[0] - layer.width / 2), int(centre[1] - layer.height / 2)
    _stamp(img, layer, (ox, oy), INKS[colour])
    return Mark("seal", (ox + pad, oy + pad, ox + pad + w, oy + pad + h), shape, colour, text)


def _line(layer: Image.Image, text: str, cx: float, cy: float, size: int) -> None:
    for i, ch in enumerate(text):
        _char(layer, ch, size, (cx + (i - (len(text) - 1) / 2) * size, cy), 0)


def draw_signature(img: Image.Image, box: tuple[float, float, float, float], name: str, *,
                   pen: str = "black", seed: int = 0) -> Mark:
    """A handwritten signature inside ``box``: the name in a brush hand, slanted, with a flourish."""
    rng = random.Random(seed)
    x0, y0, x1, y1 = box
    h = y1 - y0
    size = int(h * rng.uniform(0.7, 0.9))
    layer, draw = _ink_layer((int(x1 - x0), int(h)))
    x = size * 0.2
    for ch in name:
        _char(layer, ch, size, (x + size / 2, h / 2 + rng.uniform(-h * 0.08, h * 0.08)), rng.uniform(-12, 4),
              squeeze=rng.uniform(0.8, 1.0), style="kai")
        x += size * rng.uniform(0.75, 0.95)
    pts = [(x - size * 0.2, h * 0.6)]
    for _ in range(3):
        pts.append((pts[-1][0] + size * rng.uniform(0.2, 0.4), h * rng.uniform(0.3, 0.8)))
    draw.line(pts, fill=255, width=max(2, size // 14))
    layer = layer.transform(layer.size, Image.Transform.AFFINE, (1, 0.18, -h * 0.09, 0, 1, 0),
                            Image.Resampling.BICUBIC)
    _stamp(img, layer, (int(x0), int(y0)), PEN[pen])
    return Mark("signature", (x0, y0, min(x1, x0 + x + size), y1), text=name)


def draw_fingerprint(img: Image.Image, centre: tuple[float, float], *, size: float = 60, seed: int = 0) -> Mark:
    """A red hand print (捺印): an oval of broken ridges."""
    rng = random.Random(seed)
    w, h = size * 0.75, size
    layer, draw = _ink_layer((int(w) + 8, int(h) + 8))
    cx, cy = layer.width / 2, layer.height / 2
    draw.ellipse((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), fill=120)
    for k in range(3, int(h / 2), 4):
        draw.arc((cx - k * 0.75, cy - k, cx + k * 0.75, cy + k), rng.uniform(0, 60), rng.uniform(250, 340),
                 fill=255, width=2)
    layer = _fade(layer, rng, 0.1)
    ox, oy = int(centre[0] - layer.width / 2), int(centre[1] - layer.height / 2)
    _stamp(img, layer, (ox, oy), INKS["red"])
    return Mark("fingerprint", (ox + 4, oy + 4, ox + 4 + w, oy + 4 + h), "oval", "red")


def photocopy(img: Image.Image) -> Image.Image:
    """A black-and-white copy: the seal turns grey like everything else."""
    return img.convert("L").convert("RGB")


def seal_text_for(entity: str) -> str:
    """What a 公章 of ``entity`` says on its ring (the entity's full name)."""
    return entity


# ---- where a generated page is signed or stamped ----------------------------------------------

_SPOT = __import__("re").compile(r"([^\s：:，。]{0,8}?)[（(]?(签字|签名|签章|盖章)[）)]?[：:]?")


def sign_spots(line: str, x: float, y: float, size: int, style: str = "sans") -> list[tuple[str, float, float, int]]:
    """(label, x after the label, y, font size) for every 签字/盖章 box on one rendered line."""
    from yichuang.samples.render import text_width

    out = []
    for m in _SPOT.finditer(line):
        if line[m.end():m.end() + 1] in ("之", "后", "日") or "签字之日" in line[m.start():m.end() + 2]:
            continue
        out.append((m.group(0), x + text_width(line[:m.end()], size, style), y, size))
    return out


# a 盖章 box whose label names one of these is the issuing body's (登记机关（盖章）, 免疫机构（盖章）);
# any other (申请人盖章, 申请单位（盖章）) is the page's own party's
_ISSUER_BOX = ("机关", "机构", "免疫", "局")


def stamped_by_issuer(label: str) -> bool:
    """Is the 盖章 box labelled ``label`` stamped by the issuing body (not by the applicant)?"""
    return any(w in label for w in _ISSUER_BOX)


def mark_page(img: Image.Image, material: str = "", seed: int = 0, *, sign: bool | None = None,
              owner: str | None = None) -> Image.Image:
    """The page as the citizen brings it: every 签字 box signed, a licence's 登记机关 stamped by a
    regulator and an applicant's 盖章 box with the applicant's own seal: ``owner`` (or
    ``img.info["seal_owner"]``), the applicant's name; without one the box gets a regulator's seal.
    ``img.info["unsigned"] = True`` (or ``sign=False``) leaves the boxes empty, for cases that
    must fail for a missing signature."""
    owner = owner or img.info.get("seal_owner")
    spots = img.info.get("sign_spots") or []
    if sign is None:
        sign = not img.info.get("unsigned")
    if not spots or not sign:
        return img
    from yichuang.samples.people import GIVEN, SURNAMES

    rng = random.Random(seed)
    out = img.copy()
    marks: list[Mark] = []
    for label, x, y, size in spots:
        if "盖章" in label and "签" not in label:
            # the regulator is drawn for every box, so that the marks after an applicant's stay as they were
            authority = rng.choice(["北京市朝阳区", "上海市徐汇区", "重庆市綦江区", "成都市武侯区"]) + "市场监督管理局"
            text = seal_text_for(owner) if owner and not stamped_by_issuer(label) else authority
            marks.append(draw_seal(out, (x - size * 2.5, y + size * 1.5), text, size=rng.uniform(200, 240),
                                   angle=rng.uniform(-15, 15), seed=rng.randrange(1 << 20)))
            continue
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
        marks.append(draw_signature(out, (x + size * 0.6, y - size * 0.5, x + size * 7, y + size * 1.6), name,
                                    pen=rng.choice(["black", "blue"]), seed=rng.randrange(1 << 20)))
    out.info = {k: v for k, v in img.info.items() if k != "sign_spots"}
    out.info["marks"] = marks  # ground truth for tests and bench/seals.py
    return out
