"""Signatures and hand prints: is there ink in the box next to each 签字/签名/盖章 label?

A form or contract prints "甲方（签字）：" and leaves room after it; a signed copy has handwriting
(or a red fingerprint, or a seal) there. For every such label on the page this reports the party
the label names ("甲方", "申请人"), the region looked at and its state: ``signed``, ``unsigned``,
or ``unclear`` when the ink is too little to be sure either way (or the region leaves the page).
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image

from yichuang.types import Line, Seal, Signature

LABEL = re.compile(r"([^\s：:，,。；;]{0,8}?)[（(]?\s*(签字|签名|签章|盖章|捺印|手印)(?:[/、或及和]\s*(?:签字|签名|盖章|捺印|手印))*"
                   r"\s*[）)]?\s*[：:]?")
SIGNED = 0.012  # fraction of the region covered by ink
UNSIGNED = 0.003
NOT_PARTY = re.compile(r"[（(]|^(请|须|需|由|自|双方|并)")


def _party(prefix: str) -> str:
    prefix = prefix.strip(" （(）)：:")
    prefix = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、])", "", prefix)
    return "" if NOT_PARTY.search(prefix) else prefix


def _labels(line: Line) -> list[tuple[str, str, float, float]]:
    """(label, party, x where the label ends, x where the next label starts) for one line."""
    text = line.text
    n = max(1, len(text))
    xs = [p[0] for p in line.box]
    x0, x1 = min(xs), max(xs)

    def at(i: int) -> float:
        return x0 + (x1 - x0) * i / n

    found = [m for m in LABEL.finditer(text) if m.group(2)]
    out = []
    for k, m in enumerate(found):
        nxt = at(found[k + 1].start()) if k + 1 < len(found) else None
        if "签字之日" in text[m.start():m.end() + 2] or text[m.end():m.end() + 1] in ("之", "后", "日"):
            continue  # "自双方签字之日起生效": prose, not a box
        out.append((m.group(0).strip(), _party(m.group(1)), at(m.end()), nxt if nxt is not None else -1.0))
    return out


def _ink_fraction(gray: np.ndarray, red: np.ndarray, box: tuple[int, int, int, int],
                  skip: list[tuple[int, int, int, int]]) -> tuple[float, bool]:
    x0, y0, x1, y1 = box
    region = gray[y0:y1, x0:x1]
    if region.size == 0:
        return 0.0, False
    paper = float(np.percentile(region, 90))
    ink = region < min(paper - 70, 150)
    redr = red[y0:y1, x0:x1]
    for sx0, sy0, sx1, sy1 in skip:  # printed labels inside the region are not a signature
        ink[max(0, sy0 - y0):max(0, sy1 - y0), max(0, sx0 - x0):max(0, sx1 - x0)] = False
    both = ink | redr
    return float(both.mean()), bool(redr.mean() > 0.01)


def find_signatures(image: Image.Image, lines: list[Line], seals: list[Seal] | None = None) -> list[Signature]:
    """One :class:`Signature` per 签字/签名/盖章 label found in the page's OCR lines."""
    from extractors.seals import _hsv, ink_mask

    arr = np.asarray(image.convert("RGB"))
    gray = arr.min(axis=2).astype(np.int16)  # coloured pen ink is dark in its weakest channel
    hsv = _hsv(arr)
    red = ink_mask(hsv, "red", 50)
    height, width = gray.shape
    labelled = [ln for ln in lines if LABEL.search(ln.text)]
    printed = []
    for ln in lines:
        xs, ys = [p[0] for p in ln.box], [p[1] for p in ln.box]
        if ln.confidence >= 0.9 and (LABEL.search(ln.text) or re.search(r"日期|年\s*月\s*日|[：:]$", ln.text)):
            printed.append((int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys))))
    out: list[Signature] = []
    for ln in labelled:
        ys = [p[1] for p in ln.box]
        top, bottom = min(ys), max(ys)
        lh = max(12.0, bottom - top)
        for label, party, x_end, x_next in _labels(ln):
            right = x_next if x_next > 0 else x_end + 7 * lh
            box = (int(x_end + 0.1 * lh), int(top - 0.9 * lh), int(min(right, width) - 0.1 * lh),
                   int(bottom + 0.9 * lh))
            off_page = box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height or box[2] - box[0] < 2 * lh
            clipped = (max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3]))
            skip = [p for p in printed if p != _int_box(ln) and p[0] >= clipped[0] - lh]
            ink, is_red = _ink_fraction(gray, red, clipped, skip)
            if seals and any(_overlaps(s.box, clipped) for s in seals):
                ink, is_red = max(ink, SIGNED), True  # a seal stamped in the box marks it
            state = "signed" if ink >= SIGNED else "unsigned" if ink < UNSIGNED and not off_page else "unclear"
            out.append(Signature(label=label, party=party, box=[float(v) for v in clipped], state=state,
                                 ink=round(ink, 4), red=is_red))
    return out


def _int_box(ln: Line) -> tuple[int, int, int, int]:
    xs, ys = [p[0] for p in ln.box], [p[1] for p in ln.box]
    return (int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))


def _overlaps(a: list[float], b: tuple[int, int, int, int]) -> bool:
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    return ix > 0 and iy > 0 and ix * iy > 0.15 * min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
