"""Unusable photos on purpose: blurred, dark, glare, cut off, too small (for the quality gate)."""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageFilter

DEFECTS = ("blurred", "dark", "glare", "cut_off", "too_small")
PHOTO_ONLY = {"glare", "cut_off"}  # a flatbed scan has no desk around the page and no flash


def degrade(img: Image.Image, defect: str, seed: int = 0) -> Image.Image:
    rng = random.Random(seed)
    if defect == "blurred":
        return img.filter(ImageFilter.GaussianBlur(rng.uniform(3.5, 6.0) * max(img.size) / 1600))
    if defect == "dark":
        arr = np.asarray(img, dtype=np.float32) * rng.uniform(0.18, 0.32)
        return Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if defect == "glare":
        w, h = img.size
        arr = np.asarray(img, dtype=np.float32)
        cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
        r = rng.uniform(0.14, 0.22) * max(w, h)
        yy, xx = np.mgrid[0:h, 0:w]
        d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / r
        boost = np.clip(1.6 - d, 0, 1)[..., None] * 400
        return Image.fromarray((arr + boost).clip(0, 255).astype(np.uint8))
    if defect == "cut_off":
        w, h = img.size
        frac = rng.uniform(0.3, 0.45)
        side = rng.choice(["left", "right", "top", "bottom"])
        box = {"left": (int(w * frac), 0, w, h), "right": (0, 0, int(w * (1 - frac)), h),
               "top": (0, int(h * frac), w, h), "bottom": (0, 0, w, int(h * (1 - frac)))}[side]
        return img.crop(box)
    if defect == "too_small":
        scale = rng.uniform(0.12, 0.22)
        return img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))))
    raise ValueError(defect)
