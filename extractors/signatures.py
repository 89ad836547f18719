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
SIGNED = 0.004  # fraction of the region covered by ink
UNSIGNED = 0.0015
NOT_PARTY = re.compile(r"[（(]|^(请|须|需|由|自|双方|并)")


def _party(prefix: str) -> str:
    prefix = re.sub(r"[（(][^）)]*[）)]", "", prefix).strip(" （(）)：:")
    prefix = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、])", "", prefix)
    return "" if NOT_PARTY.search(prefix) else prefix


def _labels(line: Line) -> list[tuple[str, str, float, float]]:
    """(label, party, x where the label ends, x where the next label starts) for one line."""
    text = line.text
    n = max(1, len(text))
    xs, ys = [p[0] for p in line.box], [p[1] for p in line.box]
    x0, x1 = min(xs), max(xs)
    # OCR drops the blank run between two labels, so count characters from the nearer end
    cw = min((x1 - x0) / n, (max(ys) - min(ys)) * 1.05)

    def at(i: int, from_right: bool = False) -> float:
        return x1 - (n - i) * cw if from_right else x0 + i * cw

    found = [m for m in LABEL.finditer(text) if m.group(2)]
    out = []
    for k, m in enumerate(found):
        # the next label's party name may have been read together with this box's handwriting
        nxt = at(max(m.end(), found[k + 1].start(2) - 3), True) if k + 1 < len(found) else None
        if "签字之日" in text[m.start():m.end() + 2] or text[m.end():m.end() + 1] in ("之", "后", "日"):
            continue  # "自双方签字之日起生效": prose, not a box
        out.append((m.group(0).strip(), _party(m.group(1)), at(m.end(), k > 0), nxt if nxt is not None else -1.0))
    return out


def _ink_fraction(arr: np.ndarray, box: tuple[int, int, int, int],
                  skip: list[tuple[int, int, int, int]]) -> tuple[float, bool]:
    """Share of the region covered by pen ink or a red print, printed neighbours left out."""
    from yichuang.extractors.seals import _hsv, ink_mask

    x0, y0, x1, y1 = box
    crop = arr[y0:y1, x0:x1]
    if crop.size == 0:
        return 0.0, False
    gray = crop.min(axis=2).astype(np.int16)  # coloured pen ink is dark in its weakest channel
    paper = float(np.percentile(gray, 90))
    red = ink_mask(_hsv(np.ascontiguousarray(crop)), "red", 50)
    ink = (gray < min(paper - 70, 150)) | red
    for sx0, sy0, sx1, sy1 in skip:  # printed lines above and below are not a signature
        ink[max(0, sy0 - y0):max(0, sy1 - y0), max(0, sx0 - x0):max(0, sx1 - x0)] = False
        red[max(0, sy0 - y0):max(0, sy1 - y0), max(0, sx0 - x0):max(0, sx1 - x0)] = False
    return float(ink.mean()), bool(red.mean() > 0.01)


def find_signatures(image: Image.Image, lines: list[Line], seals: list[Seal] | None = None) -> list[Signature]:
    """One :class:`Signature` per 签字/签名/盖章 label found in the page's OCR lines."""
    labelled = [ln for ln in lines if LABEL.search(ln.text)]
    if not labelled:
        return []
    arr = np.asarray(image.convert("RGB"))
    height, width = arr.shape[:2]
    out: list[Signature] = []
    for ln in labelled:
        top, bottom = min(p[1] for p in ln.box), max(p[1] for p in ln.box)
        lh = max(12.0, bottom - top)
        # other lines whose middle is outside this line's height: printed text above or below
        row = [o for o in lines if o is not ln
               and top <= (min(p[1] for p in o.box) + max(p[1] for p in o.box)) / 2 <= bottom]
        skip = [_int_box(o) for o in lines if o is not ln and o not in row]
        # the next label on the same row (OCR may read it as a line of its own) ends this box
        later = sorted(min(p[0] for p in o.box) for o in row if LABEL.search(o.text)
                       and min(p[0] for p in o.box) > min(p[0] for p in ln.box))
        skip += [_int_box(o) for o in row if LABEL.search(o.text)]
        for label, party, x_end, x_next in _labels(ln):
            right = x_next if x_next > 0 else x_end + 7 * lh
            right = min([right] + [x for x in later if x > x_end])
            box = (int(x_end + 0.1 * lh), int(top - 0.6 * lh), int(min(right, width) - 0.1 * lh),
                   int(bottom + 0.6 * lh))
            off_page = box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height or box[2] - box[0] < 2 * lh
            clipped = (max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3]))
            ink, is_red = _ink_fraction(arr, clipped, skip)
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
