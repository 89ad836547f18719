"""The quality gate: is a photo good enough to read, before any OCR? Problems are said in
plain Chinese a citizen can act on ("照片模糊，请对准后重拍")."""

from __future__ import annotations

import numpy as np
from PIL import Image

from yichuang.types import Quality

BLURRED = "照片模糊，请对准文件、保持手机稳定后重拍"
DARK = "照片太暗，请到光线充足的地方重拍"
GLARE = "照片有反光，看不清部分文字，请换个角度或关掉闪光灯重拍"
CUT_OFF = "文件没有拍全，请把整页（四个角）都放进画面后重拍"
TOO_SMALL = "文件在照片里太小或像素太低，请靠近一些重拍"

SHARP_MIN = 0.3
WORK_SIDE = 1000  # measurements on a copy of this size: independent of the camera's resolution


def _gray(image: Image.Image) -> np.ndarray:
    img = image.convert("L")
    scale = WORK_SIDE / max(img.size)
    if scale < 1:
        img = img.resize((max(1, round(img.width * scale)), max(1, round(img.height * scale))), Image.Resampling.BOX)
    return np.asarray(img, dtype=np.float32)


def _otsu(arr: np.ndarray) -> float:
    hist, edges = np.histogram(arr, bins=64, range=(0, 256))
    total = hist.sum()
    cum = np.cumsum(hist)
    mids = (edges[:-1] + edges[1:]) / 2
    cum_mean = np.cumsum(hist * mids)
    best, thr = -1.0, 128.0
    for i in range(1, 63):
        w0, w1 = cum[i], total - cum[i]
        if w0 == 0 or w1 == 0:
            continue
        m0, m1 = cum_mean[i] / w0, (cum_mean[-1] - cum_mean[i]) / w1
        between = w0 * w1 * (m0 - m1) ** 2
        if between > best:
            best, thr = between, edges[i + 1]
    return float(thr)


def measures(image: Image.Image) -> dict[str, float]:
    arr = _gray(image)
    h, w = arr.shape
    thr = _otsu(arr)
    paper = arr > thr
    # sharpness: the steepest edges (one-pixel steps) relative to the ink/paper contrast; a blurred
    # photo spreads every stroke edge over several pixels
    step = np.maximum(np.abs(np.diff(arr, axis=1))[:-1, :], np.abs(np.diff(arr, axis=0))[:, :-1])
    contrast = max(float(np.percentile(arr, 99.5) - np.percentile(arr, 0.5)), 1.0)
    sharp = float(np.percentile(step, 99.7)) / contrast
    borders = [paper[0, :].mean(), paper[-1, :].mean(), paper[:, 0].mean(), paper[:, -1].mean()]
    # glare: blocks blown out to white on a page whose paper elsewhere is not (a photo, not a scan)
    unblown = arr[paper & (arr < 250)]
    level = float(np.median(unblown)) if unblown.size else 255.0
    bh, bw = max(h // 16, 1), max(w // 16, 1)
    blocks = arr[: bh * 16, : bw * 16].reshape(16, bh, 16, bw).swapaxes(1, 2)
    blown = ((blocks >= 250).mean(axis=(2, 3)) > 0.9).mean()
    return {"min_side": float(min(image.size)), "brightness": float(np.percentile(arr, 90)), "sharp": sharp,
            "paper_fraction": float(paper.mean()), "paper_level": level, "blown": float(blown),
            "borders_touched": float(sum(b > 0.25 for b in borders))}


def assess(image: Image.Image) -> Quality:
    from yichuang.ingest.limits import degenerate

    if degenerate(*image.size):  # 1×1, a thin strip: nothing to measure, and nothing to read
        return Quality(usable=False, problems=[TOO_SMALL])
    m = measures(image)
    problems: list[str] = []
    if m["brightness"] < 95:
        problems.append(DARK)
    if m["min_side"] < 400 or m["paper_fraction"] < 0.12:
        problems.append(TOO_SMALL)
    elif 1 <= m["borders_touched"] <= 3 and m["paper_fraction"] < 0.97:
        problems.append(CUT_OFF)
    if m["paper_level"] < 240 and 0.02 <= m["blown"] <= 0.5:  # a white scan is blown out everywhere: no glare
        problems.append(GLARE)
    if m["sharp"] < SHARP_MIN and DARK not in problems and TOO_SMALL not in problems:
        problems.append(BLURRED)
    return Quality(usable=not problems, problems=problems)
