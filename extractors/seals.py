"""Seals on a page: where the red (or purple) seal is, its shape, its ring text, and the text under it.

Offline, CPU only (OpenCV + NumPy). The page step has two halves around the OCR call:

    prep = prepare(image)                  # find seals by colour and shape; the page to OCR
    lines, rotation, w, h = engine.recognize(prep.ocr_image)   # seal colour suppressed under seals
    scan = finish(prep, lines, rotation, engine)              # ring text, upright boxes, signatures

A capture with no colour at all (a black-and-white copy, a grey scan) has ``colour=False``: the
absence of red there says nothing, and the checker must say "cannot tell", never "no seal".
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from yichuang.types import Line, Seal, SealScan

WORK_SIDE = 1000  # detection runs on the page scaled to this long side
MIN_SIDE = 0.045  # a seal's short side, as a fraction of the page's short side (≈ 1 cm on A4)
MAX_SIDE = 0.45


@dataclass
class Candidate:
    box: tuple[float, float, float, float]  # in original pixels
    shape: str
    colour: str
    confidence: float
    centre: tuple[float, float]
    radii: tuple[float, float]  # half axes in original pixels
    angle: float  # ellipse angle (degrees)


@dataclass
class Prepared:
    image: Image.Image  # the capture as received (colour)
    ocr_image: Image.Image  # the same with seal colour removed under the seals
    colour: bool
    candidates: list[Candidate] = field(default_factory=list)
    ms: float = 0.0  # time spent finding and suppressing seals


def _hsv(arr: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(arr, cv2.COLOR_RGB2HSV)


def colour_masks(hsv: np.ndarray) -> dict[str, np.ndarray]:
    """Seal-ink pixels by colour (OpenCV hue 0..180): red wraps around 0, purple sits past blue ink."""
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    return {"red": (s >= 45) & (v >= 70) & ((h <= 9) | (h >= 163)),
            "purple": (s >= 32) & (v >= 70) & (h >= 128) & (h < 163)}


def ink_mask(hsv: np.ndarray, colour: str, s_min: int = 55) -> np.ndarray:
    """Pixels of one seal colour, with a looser saturation floor (faded ink, anti-aliased edges)."""
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    hue = ((h <= 12) | (h >= 160)) if colour == "red" else ((h >= 125) & (h < 165))
    return hue & (s >= s_min) & (v >= 60)


def _page_region(hsv: np.ndarray) -> np.ndarray:
    """The paper (bright, unsaturated) with what lies on it; the desk around a photo is left out.
    Worked out at a quarter of the working scale: the page outline needs no detail."""
    import cv2

    small = hsv[::4, ::4]
    paper = ((small[..., 2] >= 150) & (small[..., 1] <= 60)).astype(np.uint8)
    k = max(3, small.shape[1] // 40)
    closed = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=4)
    if n <= 1:
        return np.ones(hsv.shape[:2], bool)
    biggest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    region = (labels == biggest).astype(np.uint8)
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(region)
    cv2.drawContours(filled, contours, -1, 1, thickness=-1)
    filled = cv2.erode(filled, np.ones((3, 3), np.uint8), iterations=2)  # off the desk's edge
    return cv2.resize(filled, (hsv.shape[1], hsv.shape[0]), interpolation=cv2.INTER_NEAREST).astype(bool)


def has_colour(hsv: np.ndarray, region: np.ndarray) -> bool:
    """Any coloured ink on the paper (blue pen, red seal, coloured print)? A grey copy has none."""
    s, v = hsv[..., 1], hsv[..., 2]
    inked = (s >= 70) & (v >= 50) & region
    return int(inked.sum()) >= max(40, region.sum() // 20000)


def _classify(hull: np.ndarray, mask: np.ndarray, short: int) -> tuple[str, float, tuple] | None:
    """Shape of one group of seal-coloured ink, judged on its convex hull (a faded seal's ring is
    broken; its hull is still a circle, an oval or a square)."""
    import cv2

    area = cv2.contourArea(hull)
    x, y, w, h = cv2.boundingRect(hull)
    if min(w, h) < MIN_SIDE * short or max(w, h) > MAX_SIDE * short * 1.6 or len(hull) < 4:
        return None
    (rcx, rcy), (rw, rh), rangle = cv2.minAreaRect(hull)
    aspect = max(rw, rh) / max(1.0, min(rw, rh))
    if aspect > 1.9:
        return None  # a line of red text, a rule: not a seal
    if len(hull) >= 5:
        (ecx, ecy), (ea, eb), eangle = cv2.fitEllipse(hull)
    else:  # a clean square's hull has four corners
        (ecx, ecy), (ea, eb), eangle = (rcx, rcy), (rw, rh), rangle
    extent = area / max(1.0, rw * rh)
    ellipse_area = math.pi * ea * eb / 4
    ellipse_fit = min(area, ellipse_area) / max(area, ellipse_area, 1.0)
    region = np.zeros((h, w), np.uint8)
    cv2.drawContours(region, [hull - [x, y]], -1, 1, thickness=-1)
    ink = float(mask[y:y + h, x:x + w][region.astype(bool)].mean())
    if ink < 0.04:
        return None
    if extent >= 0.9:
        shape, fit = "square", (extent - 0.9) / 0.1
    elif ellipse_fit >= 0.9 and 0.72 <= extent <= 0.86:
        shape, fit = ("round" if aspect < 1.2 else "oval"), (ellipse_fit - 0.9) / 0.1
    else:
        return None
    confidence = round(min(1.0, 0.6 + 0.25 * fit + 0.15 * min(1.0, ink / 0.15)), 3)
    return shape, confidence, ((ecx, ecy), (ea / 2, eb / 2), eangle)


def find_seals(image: Image.Image) -> tuple[list[Candidate], bool, dict[str, np.ndarray], float]:
    """Seal candidates (original pixel boxes), whether the capture has colour, the colour masks at
    working scale, and that scale."""
    import cv2

    scale = min(1.0, WORK_SIDE / max(image.size))
    arr = np.asarray(image.convert("RGB"))
    if scale < 1.0:
        arr = cv2.resize(arr, (round(image.width * scale), round(image.height * scale)), interpolation=cv2.INTER_AREA)
    hsv = _hsv(arr)
    region = _page_region(hsv)
    masks = {k: m & region for k, m in colour_masks(hsv).items()}
    short = min(arr.shape[:2])
    colour = has_colour(hsv, region) or any(m.sum() >= (MIN_SIDE * short) ** 2 * 0.1 for m in masks.values())
    out: list[Candidate] = []
    if not colour:
        return out, False, masks, scale
    k = max(5, short // 45) | 1  # merge the pieces of one seal (ring, text, star), not two seals
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    for name, mask in masks.items():
        if mask.sum() < (MIN_SIDE * short) ** 2 * 0.1:
            continue
        m8 = mask.astype(np.uint8)
        m8 = cv2.morphologyEx(m8, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # isolated noise pixels
        grouped = cv2.dilate(m8, kernel)
        contours, _ = cv2.findContours(grouped, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            x, y, w, h = cv2.boundingRect(c)
            inside = m8[y:y + h, x:x + w]
            pts = cv2.findNonZero(inside)
            if pts is None or len(pts) < 20:
                continue
            hull = cv2.convexHull(pts + [x, y])
            got = _classify(hull, m8, short)
            if got is None:
                continue
            shape, conf, ((ecx, ecy), (ra, rb), eang) = got
            hx, hy, hw, hh = cv2.boundingRect(hull)
            out.append(Candidate(box=(hx / scale, hy / scale, (hx + hw) / scale, (hy + hh) / scale), shape=shape,
                                 colour=name, confidence=conf, centre=(ecx / scale, ecy / scale),
                                 radii=(ra / scale, rb / scale), angle=eang))
    return out, colour, masks, scale


def suppress(image: Image.Image, candidates: list[Candidate], masks: dict[str, np.ndarray],
             scale: float) -> Image.Image:
    """The page with the seal ink turned to paper inside each seal box, so the black text that the
    seal covers (the date, 登记机关) is what OCR sees. Only seal boxes change."""
    if not candidates:
        return image
    import cv2

    arr = np.array(image.convert("RGB"))
    for cand in candidates:
        x0, y0, x1, y1 = (int(round(v)) for v in cand.box)
        pad = int(0.04 * max(x1 - x0, y1 - y0))
        x0, y0 = max(0, x0 - pad), max(0, y0 - pad)
        x1, y1 = min(arr.shape[1], x1 + pad), min(arr.shape[0], y1 + pad)
        crop = arr[y0:y1, x0:x1]
        ink = ink_mask(_hsv(crop), cand.colour, 35)
        ink = cv2.dilate(ink.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
        # keep dark pixels (printed text) even where the seal's edge was dilated over them
        dark = crop.max(axis=2) < 90
        ink &= ~dark
        paper = np.median(crop[~ink].reshape(-1, 3), axis=0) if (~ink).any() else np.array([245, 245, 245])
        crop[ink] = paper.astype(np.uint8)
        arr[y0:y1, x0:x1] = crop
    return Image.fromarray(arr)


def prepare(image: Image.Image) -> Prepared:
    started = time.perf_counter()
    image = image.convert("RGB")
    cands, colour, masks, scale = find_seals(image)
    ocr_image = suppress(image, cands, masks, scale)
    return Prepared(image=image, ocr_image=ocr_image, colour=colour, candidates=cands,
                    ms=(time.perf_counter() - started) * 1000)


# ---- ring text ------------------------------------------------------------------------------

def unwarp_ring(image: Image.Image, cand: Candidate, inner: float = 0.5, outer: float = 0.92,
                start: float = 110.0, end: float = 430.0) -> Image.Image:
    """The ring band of a round (or oval) seal cut open into a straight strip, read left to right.

    Angles are image degrees (y down, clockwise from east): the ring text of a Chinese seal starts
    at the lower left (~120°), runs over the top (270°) and ends at the lower right (~420°). The
    seal ink becomes black on white, so the same OCR models read it like any printed line.
    """
    import cv2

    cx, cy = cand.centre
    ra, rb = cand.radii
    angle = cand.angle
    if ra < rb:  # make `ra` the major axis, and its direction the nearest to horizontal
        ra, rb, angle = rb, ra, angle + 90
    angle = (angle + 90) % 180 - 90
    r_mid = (ra + rb) / 2 * (inner + outer) / 2
    width = max(32, int(r_mid * math.radians(end - start)))
    height = max(16, int((ra + rb) / 2 * (outer - inner)))
    theta = np.radians(np.linspace(start, end, width, dtype=np.float32))[None, :]
    frac = np.linspace(outer, inner, height, dtype=np.float32)[:, None]
    rot = math.radians(angle)
    # fitEllipse: axis a along `angle`; use the same radius fraction on each axis
    ex, ey = ra * frac * np.cos(theta), rb * frac * np.sin(theta)
    if cand.shape == "round":
        r = (ra + rb) / 2 * frac
        ex, ey = r * np.cos(theta), r * np.sin(theta)
        rot = 0.0
    map_x = (cx + ex * math.cos(rot) - ey * math.sin(rot)).astype(np.float32)
    map_y = (cy + ex * math.sin(rot) + ey * math.cos(rot)).astype(np.float32)
    arr = np.asarray(image.convert("RGB"))
    strip = cv2.remap(arr, map_x, map_y, cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    hsv = _hsv(strip)
    hue = ink_mask(hsv, cand.colour, 0)
    sat = hsv[..., 1].astype(np.float32)
    # grey levels, not a hard mask: a blurred phone photo keeps its strokes apart
    ink = np.where(hue, 255 - np.clip((sat - 12) * 2.6, 0, 235), 255).astype(np.uint8)
    pad = height // 3
    # a square canvas: detectors scale the short side up, and a long thin strip would become huge
    side = width + 2 * pad
    top = (side - height) // 2
    ink = np.pad(ink, ((top, side - height - top), (pad, pad)), constant_values=255)
    return Image.fromarray(ink).convert("RGB")


RING_INK = 0.04  # share of the text band with ink before the ring is worth an OCR call


def ring_ink(strip: Image.Image) -> float:
    """Ink in the text band of an unwarped ring (the strip sits in the middle of its canvas)."""
    g = np.asarray(strip.convert("L"))
    band = g[int(g.shape[0] * 0.5 - g.shape[1] * 0.06):int(g.shape[0] * 0.5 + g.shape[1] * 0.06)]
    return float((band < 200).mean()) if band.size else 0.0


def ring_text(image: Image.Image, cand: Candidate, engine) -> tuple[str, float]:
    """Read a round seal's ring: unwarp it and give the strip to the page's OCR engine."""
    strip = unwarp_ring(image, cand)
    if ring_ink(strip) < RING_INK:  # an empty ring (an emblem's outline): nothing to read
        return "", 0.0
    lines, _, _, _ = engine.recognize(strip)
    lines = sorted(lines, key=lambda ln: min(p[0] for p in ln.box))
    text = "".join(ln.text for ln in lines).replace(" ", "")
    conf = float(np.mean([ln.confidence for ln in lines])) if lines else 0.0
    return text, round(conf, 4)


def _upright_box(box: tuple[float, float, float, float], rotation: int, w: int, h: int) -> list[float]:
    """A box in capture pixels → the upright page the OCR lines use (rotated clockwise)."""
    x0, y0, x1, y1 = box
    pts = [(x0, y0), (x1, y1)]
    if rotation == 90:
        pts = [(h - y, x) for x, y in pts]
    elif rotation == 180:
        pts = [(w - x, h - y) for x, y in pts]
    elif rotation == 270:
        pts = [(y, w - x) for x, y in pts]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [round(min(xs), 1), round(min(ys), 1), round(max(xs), 1), round(max(ys), 1)]


def upright_image(image: Image.Image, rotation: int) -> Image.Image:
    return image.rotate(-rotation, expand=True) if rotation else image


def finish(prep: Prepared, lines: list[Line], rotation: int, engine, *, read_rings: bool = True) -> SealScan:
    """Seal evidence for the page: upright boxes, ring text of round seals, signatures by label."""
    from yichuang.extractors.signatures import find_signatures

    started = time.perf_counter()
    w, h = prep.image.size
    seals = []
    for cand in prep.candidates:
        text, tconf = ("", 0.0)
        if read_rings and engine is not None and cand.shape in ("round", "oval"):
            text, tconf = ring_text(prep.image, cand, engine)
        seals.append(Seal(box=_upright_box(cand.box, rotation, w, h), shape=cand.shape, colour=cand.colour,
                          confidence=cand.confidence, text=text, text_confidence=tconf))
    upright = upright_image(prep.image, rotation)
    signatures = find_signatures(upright, lines, seals)
    ms = round(prep.ms + (time.perf_counter() - started) * 1000, 1)
    return SealScan(colour=prep.colour, seals=seals, signatures=signatures, suppressed=bool(prep.candidates), ms=ms)
