"""Layout: a page's OCR lines → its structure, as plain data, before any field is read.

* **tokens**: the lines measured in the deskewed frame, grouped into rows (left to right);
  a letter-spaced label that OCR returned as several boxes ("名" "称深圳市…", "法" "定" "代" …)
  is joined back into one token, so the label can be found and split off its fused value.
* **regions**: parts of one capture separated by a wide empty band (two cards photographed side by
  side); the caller decides whether each is a document of its own.
* **gutters**: column edges inside a region — an empty vertical band that, on several rows, has a
  value on its left and a *label* starting right of it (the two columns of a 营业执照, the label
  cells of a form). A value never runs across a gutter.

Everything here is geometry over boxes; which words are labels comes from the catalog lexicon.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from statistics import median

from yichuang.extractors.normalise import canon
from yichuang.extractors.reading_order import group_rows, skew_angle

from yichuang.types import Box, Line, OcrPage

MERGE_GAP = 5.0  # letter-spaced label: at most this many line heights between its characters
REGION_GAP_X = 2.5  # an empty vertical band this many line heights wide separates regions
REGION_GAP_Y = 3.0


@dataclass
class Token:
    idx: int
    text: str  # canonical form
    box: Box  # upright page pixels, as OCR gave it (union of the boxes joined)
    confidence: float
    x0: float  # deskewed frame
    x1: float
    y0: float
    y1: float
    row: int = 0
    col: int = 0
    lines: list[int] = field(default_factory=list)  # OCR line indices joined into this token
    parts: list[tuple[int, float, float]] = field(default_factory=list)  # (first char, x0, x1) of each box joined
    breaks: set[int] = field(default_factory=set)  # characters OCR put a space before (or a box began at)

    @property
    def h(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def x_at(self, char: int) -> float:
        """Where character ``char`` starts (within the box it came from, for a joined token)."""
        parts = self.parts or [(0, self.x0, self.x1)]
        k = max(i for i, part in enumerate(parts) if part[0] <= char or i == 0)
        start, x0, x1 = parts[k]
        end = parts[k + 1][0] if k + 1 < len(parts) else len(self.text)
        return x0 + (x1 - x0) * (char - start) / max(end - start, 1)


@dataclass(frozen=True)
class Region:
    x0: float
    y0: float
    x1: float
    y1: float
    tokens: tuple[int, ...]


@dataclass(frozen=True)
class Gutter:
    x0: float  # the empty band between two columns, deskewed frame
    x1: float
    y0: float
    y1: float


@dataclass(frozen=True)
class Rule:
    """A ruled line of a table found in the image (upright page pixels): a cell's border."""

    x0: float
    y0: float
    x1: float
    y1: float
    vertical: bool


def ruled_lines(image, min_length: float = 0.03, min_pixels: int = 60, max_thickness: int = 8) -> list[Rule]:
    """The table rules of a page image (OpenCV morphology): long thin dark horizontal and vertical
    strokes, at least ``min_length`` of the page's side and ``min_pixels`` long (longer than a
    character of any printed size), at most ``max_thickness`` thick. Text strokes are shorter and are
    opened away; a page without a table gives none."""
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    h, w = gray.shape
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    out: list[Rule] = []
    for vertical in (False, True):
        length = max(int((h if vertical else w) * min_length), min_pixels)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, length) if vertical else (length, 1))
        strokes = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        contours, _ = cv2.findContours(strokes, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in contours:
            x, y, bw, bh = cv2.boundingRect(c)
            if (bw if vertical else bh) <= max_thickness + (bh if vertical else bw) * 0.02:  # thin (a little slant)
                out.append(Rule(float(x), float(y), float(x + bw), float(y + bh), vertical))
    return out


def rules_in_frame(rules: list[Rule], theta: float) -> list[Gutter]:
    """Rules in the deskewed frame of the tokens, as thin bands (vertical ones first)."""
    cos, sin = math.cos(-theta), math.sin(-theta)
    out = []
    for r in rules:
        pts = [(r.x0, r.y0), (r.x1, r.y0), (r.x1, r.y1), (r.x0, r.y1)]
        xs = [x * cos - y * sin for x, y in pts]
        ys = [x * sin + y * cos for x, y in pts]
        out.append((r.vertical, Gutter(min(xs), max(xs), min(ys), max(ys))))
    return [g for v, g in out if v] + [g for v, g in out if not v]


@dataclass
class Layout:
    tokens: list[Token]
    regions: list[Region]
    gutters: list[Gutter]
    theta: float = 0.0
    vrules: list[Gutter] = field(default_factory=list)  # table rules from the image: cell borders
    hrules: list[Gutter] = field(default_factory=list)

    def cell_edge(self, x: float, tok: Token) -> float | None:
        """The first vertical rule right of ``x`` on ``tok``'s line: where its table cell ends. A rule
        that runs through the middle of ``tok``'s value (OCR read one line of text across it: a
        scanner's streak, a fold) is no border of its cell."""
        xs = [g.x0 for g in self.vrules if g.x0 >= x + 0.3 * tok.h and g.y0 - 0.3 * tok.h <= tok.cy <= g.y1 + 0.3 * tok.h
              and not (x + 2 * tok.h < g.x0 and (g.x0 + g.x1) / 2 <= tok.x1)]
        return min(xs) if xs else None

    def ruled_between(self, upper: Token, lower: Token) -> bool:
        """A horizontal rule between two lines where they overlap: they are in different cells."""
        x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
        return any(upper.cy < g.y0 and g.y1 < lower.cy and g.x0 <= x1 and g.x1 >= x0 and self._in_table(g)
                   for g in self.hrules)

    def _in_table(self, g: Gutter, tol: float = 6.0) -> bool:
        """A horizontal rule that meets a vertical one is a cell border; one alone is an underline to
        write on (a value wraps from one underline to the next)."""
        y = (g.y0 + g.y1) / 2
        return any(v.y0 - tol <= y <= v.y1 + tol and g.x0 - tol <= (v.x0 + v.x1) / 2 <= g.x1 + tol for v in self.vrules)

    def cells(self) -> list[list[int]]:
        """The box grid: each row cut at the gutters that cross it, as lists of token indices."""
        rows: dict[int, list[Token]] = {}
        for tok in self.tokens:
            rows.setdefault(tok.row, []).append(tok)
        out: list[list[int]] = []
        for r in sorted(rows):
            cell: list[int] = []
            for tok in sorted(rows[r], key=lambda t: t.x0):
                if cell and any(self.tokens[cell[-1]].x1 <= g.x1 and tok.x0 >= g.x0
                                and g.y0 - tok.h <= tok.cy <= g.y1 + tok.h for g in self.gutters):
                    out.append(cell)
                    cell = []
                cell.append(tok.idx)
            out.append(cell)
        return out

    def to_dict(self) -> dict:
        """Plain data (the review page can draw it): tokens, cells, regions and gutters."""
        return {"theta": self.theta,
                "tokens": [{"text": t.text, "box": t.box, "row": t.row, "col": t.col, "lines": t.lines}
                           for t in self.tokens],
                "cells": self.cells(),
                "regions": [asdict(r) for r in self.regions], "gutters": [asdict(g) for g in self.gutters],
                "rules": [asdict(g) for g in self.vrules + self.hrules]}

    def gutter_after(self, tok: Token) -> float | None:
        """The left edge of the first gutter right of where ``tok`` starts, on its row."""
        xs = [g.x0 for g in self.gutters if g.x0 >= tok.x0 + 0.5 * tok.h and g.y0 - tok.h <= tok.cy <= g.y1 + tok.h]
        return min(xs) if xs else None


def _measure(lines: list[Line], theta: float) -> list[tuple[float, float, float, float]]:
    cos, sin = math.cos(-theta), math.sin(-theta)
    out = []
    for line in lines:
        xs = [x * cos - y * sin for x, y in line.box]
        ys = [x * sin + y * cos for x, y in line.box]
        out.append((min(xs), max(xs), min(ys), max(ys)))
    return out


def _union_box(boxes: list[Box]) -> Box:
    xs = [p[0] for b in boxes for p in b]
    ys = [p[1] for b in boxes for p in b]
    return [[min(xs), min(ys)], [max(xs), min(ys)], [max(xs), max(ys)], [min(xs), max(ys)]]


def _joins(acc: str, nxt: str, labels: list[str]) -> bool:
    """``acc`` is a label's beginning only (a letter-spaced fragment) and ``nxt`` carries it on."""
    if not acc or any(acc.startswith(lab) for lab in labels):
        return False
    merged = acc + nxt
    return any(lab.startswith(acc) and len(lab) > len(acc) and (lab.startswith(merged) or merged.startswith(lab))
               for lab in labels)


SPACED_PIECE = 3  # characters at most in each box of a letter-spaced label OCR misread one character of


def _joined(cur: Token, nxt: Token, text: str | None = None) -> Token:
    parts = (cur.parts or [(0, cur.x0, cur.x1)]) + [(len(cur.text), nxt.x0, nxt.x1)]
    breaks = cur.breaks | {len(cur.text) + b for b in nxt.breaks}
    return Token(cur.idx, text or cur.text + nxt.text, _union_box([cur.box, nxt.box]),
                 min(cur.confidence, nxt.confidence), cur.x0, nxt.x1, min(cur.y0, nxt.y0),
                 max(cur.y1, nxt.y1), lines=cur.lines + nxt.lines, parts=parts, breaks=breaks)


def _misread_label(pieces: list[Token], labels: list[str], row_start: bool) -> str | None:
    """The one label the short boxes ``pieces`` spell with one character misread (坐 | 攀 for 坐　落,
    权 | 利 | Y for 权　利　人, 并 | 有情况 for 共有情况): a letter-spaced label, each box at most
    ``SPACED_PIECE`` characters and one of them a single character. A two-character label so read
    must open its row or its column (the label column), its other character right."""
    if any(len(t.text) > SPACED_PIECE for t in pieces) or not any(len(t.text) == 1 for t in pieces):
        return None
    merged = "".join(t.text for t in pieces)
    if len(merged) == 2 and not row_start:
        return None
    near = [lab for lab in labels if len(lab) == len(merged) and sum(a != b for a, b in zip(lab, merged, strict=True)) == 1]
    return near[0] if len(near) == 1 else None


def _join_spaced(row: list[Token], labels: list[str]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(row):
        cur = row[i]
        j = i + 1
        while j < len(row) and row[j].x0 - cur.x1 <= MERGE_GAP * min(cur.h, row[j].h) \
                and _joins(cur.text, row[j].text, labels):
            cur = _joined(cur, row[j])
            j += 1
        if cur.text not in labels:
            for k in range(max(j + 1, i + 2), min(i + 5, len(row) + 1)):  # a letter-spaced label, one character misread
                pieces = row[i:k]
                if any(b.x0 - a.x1 > MERGE_GAP * min(a.h, b.h) for a, b in zip(pieces, pieces[1:], strict=False)):
                    break
                opens = i == 0 or row[i].x0 - row[i - 1].x1 > REGION_GAP_X * row[i].h  # (a column's first box)
                if (lab := _misread_label(pieces, labels, opens)) is not None:
                    cur = row[i]
                    for nxt in pieces[1:]:
                        cur = _joined(cur, nxt)
                    cur.text, j = lab, k
                    break
        out.append(cur)
        i = j
    return out


def _spaces(raw: str) -> set[int]:
    """Positions in ``canon(raw)`` that followed whitespace in ``raw`` (OCR's word gaps: "陈佳欣 住所 …")."""
    out: set[int] = set()
    n = 0
    for k, piece in enumerate(raw.split()):
        if k:
            out.add(n)
        n += len(canon(piece))
    return out


WATERMARK_SIZE = 2.5  # a watermark's box is this many times the text's line height (lower quartile), or more
WATERMARK_REPEATS = 3  # … and its words come back in this many such boxes


def _text_angle(lines: list[Line]) -> float:
    """The skew of the page's text, from its smallest boxes (a watermark's, however many, are set
    larger): the boxes whose own height is within a quarter of the lower quartile's."""
    sides = [math.hypot(line.box[3][0] - line.box[0][0], line.box[3][1] - line.box[0][1]) for line in lines]
    q = sorted(sides)[len(sides) // 4]
    return skew_angle([line.box for line, side in zip(lines, sides, strict=True) if side <= 1.25 * q])


def watermark_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines that are a watermark over the page (仅供办理…使用 across an ID copy): set
    in type far larger than the text (or at an angle, which makes its box as tall), and repeated —
    the same words in several such boxes. A title is large but said once; a watermark is part of no
    value, no label and no row."""
    if len(lines) < WATERMARK_REPEATS + 2:
        return set()
    # measured square to the page's text (a long line on a tilted photo is no taller than its letters)
    heights = [y1 - y0 for _, _, y0, y1 in _measure(lines, _text_angle(lines))]
    h = sorted(heights)[len(heights) // 4]  # the text's size (a watermark may be most of the boxes)
    big = [n for n, hh in enumerate(heights) if hh >= WATERMARK_SIZE * h and len(canon(lines[n].text)) >= 2]
    if len(big) < WATERMARK_REPEATS:
        return set()
    texts = {n: canon(lines[n].text) for n in big}

    def shared(a: str, b: str) -> bool:  # a run of three characters (or the whole of a short box) in both
        k = min(3, len(a), len(b))
        return any(a[i:i + k] in b for i in range(len(a) - k + 1))

    out: set[int] = set()
    for n in big:  # the boxes linked by shared words, each to the next: one watermark if enough of them
        group, todo = {n}, [n]
        while todo:
            a = todo.pop()
            for m in big:
                if m not in group and shared(texts[a], texts[m]):
                    group.add(m)
                    todo.append(m)
        if len(group) >= WATERMARK_REPEATS:
            out |= group
    return out


STACK_MIN = 3  # single characters stacked one per line: a vertical header cell (申/请/人/信/息)


def _bounds(line: Line) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in line.box], [y for _, y in line.box]
    return min(xs), min(ys), max(xs), max(ys)


def _spaced_head(lines: list[Line], n: int, labels: list[str]) -> bool:
    """Line ``n`` (one character) is the first character of a letter-spaced label whose rest OCR read
    in the box right of it on its row (名 | 称綦江…, 经 | 营者魏文娟): it carries on that label."""
    ch = canon(lines[n].text)
    x0, y0, x1, y1 = _bounds(lines[n])
    h = max(y1 - y0, 1.0)
    right = [(b[0], m) for m in range(len(lines)) if m != n and (b := _bounds(lines[m]))[0] >= x1 - 0.2 * h
             and b[0] - x1 <= MERGE_GAP * h and min(b[3], y1) - max(b[1], y0) > 0.5 * h]
    if not right:
        return False
    merged = ch + canon(lines[min(right)[1]].text)
    return any(len(lab) >= 2 and lab.startswith(ch) and merged.startswith(lab) for lab in labels)


def stacked_lines(lines: list[Line], skip: set[int] | None = None, labels: list[str] | None = None) -> list[list[int]]:
    """Runs of single-character boxes one under another in one narrow column (a vertical header
    cell written one character per line: 申 / 请 / 人 / 信 / 息), top to bottom, each run at least
    ``STACK_MIN`` long, each the first box of its row: one text, a section head for the rows right of
    it, never a value. A character whose label carries on in the box right of it (名 | 称…, 类 | 型…:
    letter-spaced labels down a column, ``labels``) is no header's."""
    singles = [n for n, line in enumerate(lines) if n not in (skip or set()) and len(canon(line.text)) == 1
               and "\u4e00" <= canon(line.text) <= "\u9fff" and not _spaced_head(lines, n, labels or [])]
    def leftmost(n: int) -> bool:  # a header cell opens its rows: no box left of it (妻/女/汉 are values)
        x0, y0, _, y1 = _bounds(lines[n])
        return not any(m != n and (b := _bounds(lines[m]))[2] <= x0 + 1 and b[1] < y1 and b[3] > y0
                       for m in range(len(lines)) if m not in (skip or set()))

    singles = [n for n in singles if leftmost(n)]
    singles.sort(key=lambda n: _bounds(lines[n])[1])
    runs: list[list[int]] = []
    for n in singles:
        x0, y0, x1, y1 = _bounds(lines[n])
        h = max(y1 - y0, 1.0)
        for run in runs:
            px0, py0, px1, py1 = _bounds(lines[run[-1]])
            if abs((x0 + x1) / 2 - (px0 + px1) / 2) <= 0.5 * h and -0.2 * h <= y0 - py1 <= 1.0 * h:
                run.append(n)
                break
        else:
            runs.append([n])
    return [run for run in runs if len(run) >= STACK_MIN]


TURNED_SHARE = 0.6  # of the lines of three characters or more standing upright: a page read turned 90°


def _turn(box: Box, width: float, height: float, clockwise: bool) -> Box:
    """``box`` on the page turned a quarter (clockwise: the left edge becomes the top), its first point
    the top-left again."""
    pts = [[height - y, x] if clockwise else [y, width - x] for x, y in box]
    k = min(range(4), key=lambda i: pts[i][0] + pts[i][1])
    return pts[k:] + pts[:k]


def upright_lines(page: OcrPage) -> list[Line]:
    """The page's lines as the layout reads them: when most of its longer lines stand upright (a page
    photographed turned 90° that the engine read line by line but did not turn), their boxes turned a
    quarter back, so that rows run left to right."""
    lines = page.lines
    long_ = [line for line in lines if len(canon(line.text)) >= 3]
    tall = [line for line in long_ if (b := _bounds(line))[3] - b[1] > 1.5 * (b[2] - b[0])]
    if len(tall) < 5 or len(tall) < TURNED_SHARE * len(long_):
        return lines

    # the engine reads a standing box turned a quarter counter-clockwise (and a page of upside-down lines it
    # turns whole), so a page whose lines it read right has its top at its right: turn it back that way
    return [Line(text=line.text, box=_turn(line.box, page.width, page.height, False), confidence=line.confidence)
            for line in lines]


def tokens_of(page: OcrPage, labels: list[str]) -> tuple[list[Token], float]:
    """Deskewed tokens in rows, letter-spaced label fragments joined (``labels`` in canonical form);
    a watermark's boxes are left out (``watermark_lines``), a vertical header cell written one
    character per box is one token (``stacked_lines``); a page read turned is laid out upright
    (``upright_lines``: the tokens' boxes stay the page's)."""
    turned = upright_lines(page)
    if turned is not page.lines:
        toks, theta = tokens_of(page.model_copy(update={"lines": turned}), labels)
        for tok in toks:
            tok.box = _union_box([page.lines[n].box for n in tok.lines])
        return toks, theta
    marks = watermark_lines(page.lines)
    stacks = stacked_lines(page.lines, marks, labels)
    stacked = {n for run in stacks for n in run}
    lines = [line for n, line in enumerate(page.lines) if n not in marks and n not in stacked]
    index = {id(line): [n] for n, line in enumerate(page.lines)}
    for run in stacks:
        joined = Line(text="".join(page.lines[n].text.strip() for n in run),
                      box=_union_box([page.lines[n].box for n in run]),
                      confidence=min(page.lines[n].confidence for n in run))
        index[id(joined)] = list(run)
        lines.append(joined)
    theta = skew_angle([line.box for line in lines])
    out: list[Token] = []
    for r, row in enumerate(group_rows(lines)):
        geo = _measure(row, theta)
        toks = [Token(0, canon(line.text), line.box, line.confidence, *g, lines=list(index[id(line)]),
                      breaks=_spaces(line.text)) for line, g in zip(row, geo, strict=True)]
        for c, tok in enumerate(_join_spaced(toks, labels)):
            tok.idx, tok.row, tok.col = len(out), r, c
            out.append(tok)
    return out, theta


def _gaps(spans: list[tuple[float, float]], min_width: float) -> list[tuple[float, float]]:
    """Empty bands between intervals, at least ``min_width`` wide, widest first."""
    spans = sorted(spans)
    out: list[tuple[float, float]] = []
    reach = spans[0][1] if spans else 0.0
    for a, b in spans[1:]:
        if a - reach >= min_width:
            out.append((reach, a))
        reach = max(reach, b)
    return sorted(out, key=lambda g: g[0] - g[1])


def _bands(spans: list[tuple[float, float]], min_width: float, allowed: int) -> list[tuple[float, float]]:
    """Vertical bands at least ``min_width`` wide crossed by at most ``allowed`` of the spans."""
    if not spans:
        return []
    lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
    step = max(min_width / 4, 1.0)
    xs = [lo + k * step for k in range(int((hi - lo) / step) + 1)]
    free = [sum(a < x < b for a, b in spans) <= allowed for x in xs]
    out: list[tuple[float, float]] = []
    start = None
    for x, ok in zip(xs, free, strict=True):
        if ok and start is None:
            start = x
        elif not ok and start is not None:
            if x - step - start >= min_width:
                out.append((start, x - step))
            start = None
    return out


def cut_once(tokens: list[Token], ids: list[int]) -> tuple[list[int], list[int]] | None:
    """The tokens ``ids`` cut in two by the widest empty band (vertical bands first), or None."""
    if len(ids) < 4:
        return None
    h = median(tokens[i].h for i in ids)
    for axis, gap in (("x", REGION_GAP_X), ("y", REGION_GAP_Y)):
        spans = [(tokens[i].x0, tokens[i].x1) if axis == "x" else (tokens[i].y0, tokens[i].y1) for i in ids]
        gaps = _gaps(spans, gap * h)
        if gaps:
            cut = (gaps[0][0] + gaps[0][1]) / 2
            first = [i for i in ids if (tokens[i].x1 if axis == "x" else tokens[i].y1) <= cut]
            second = [i for i in ids if i not in set(first)]
            return first, second
    return None


def region_of(tokens: list[Token], ids: list[int]) -> Region:
    return Region(min(tokens[i].x0 for i in ids), min(tokens[i].y0 for i in ids),
                  max(tokens[i].x1 for i in ids), max(tokens[i].y1 for i in ids), tuple(ids))


def find_gutters(tokens: list[Token], label_start: set[int], min_rows: int = 2) -> list[Gutter]:
    """Column edges: empty vertical bands over the labelled rows with a label right of them on
    ``min_rows`` rows or more (``label_start``: tokens that begin with a label)."""
    rows: dict[int, list[Token]] = {}
    for tok in tokens:
        rows.setdefault(tok.row, []).append(tok)
    body = [r for r, toks in rows.items() if any(t.idx in label_start for t in toks)]
    if len(body) < min_rows:
        return []
    toks = [t for r in body for t in rows[r]]
    h = median(t.h for t in toks)
    wide = max(t.x1 for t in toks) - min(t.x0 for t in toks)
    # a box spanning most of the width (a sentence, a fused row) does not hide a gutter, nor does
    # one row in eight crossing it (a heading, a cell over both columns)
    spans = [(t.x0, t.x1) for t in toks if t.x1 - t.x0 < 0.6 * wide]
    out: list[Gutter] = []
    for a, b in _bands(spans, 0.4 * h, max(1, len(body) // 8)):
        hits = [r for r in body
                if any(t.x1 <= a + 1 for t in rows[r])
                and (right := [t for t in rows[r] if t.x0 >= a - 1])
                and min(right, key=lambda t: t.x0).idx in label_start]
        if len(hits) >= min_rows:
            ys = [t.y0 for r in hits for t in rows[r]] + [t.y1 for r in hits for t in rows[r]]
            out.append(Gutter(a, b, min(ys), max(ys)))
    return sorted(out, key=lambda g: g.x0)


def wrapped_below(tokens: list[Token], max_chars: int = 6) -> list[tuple[int, int]]:
    """(upper, lower) pairs of boxes that may be one text wrapped inside its cell: the lower box short
    (at most ``max_chars``), right under the upper one (no more than half a line between), starting
    at its left edge or centred under it, and no wider. Which pairs are a label's wrapped lines is the
    caller's to judge (by the lexicon)."""
    out: list[tuple[int, int]] = []
    taken: set[int] = set()
    for a in tokens:
        h = a.h
        below = [b for b in tokens if b.idx != a.idx and b.idx not in taken and b.row != a.row
                 and a.cy < b.y0 + 0.3 * b.h and b.y0 - a.y1 <= 0.5 * h and len(b.text) <= max_chars
                 and (abs(b.x0 - a.x0) <= 0.8 * h or abs((b.x0 + b.x1) / 2 - (a.x0 + a.x1) / 2) <= 0.8 * h)
                 and b.x1 <= a.x1 + 0.5 * h]
        if below:
            b = min(below, key=lambda t: t.y0)
            out.append((a.idx, b.idx))
            taken.add(b.idx)
    return out


def join_below(tokens: list[Token], pairs: list[tuple[int, int]]) -> list[Token]:
    """``tokens`` with each (upper, lower) pair joined into the upper one (a label wrapped over two
    lines of its cell: "出租人（以下简" / "称甲方）"), re-indexed; rows keep the upper box's row."""
    lower_of = dict(pairs)
    gone = set(lower_of.values())
    out: list[Token] = []
    for tok in tokens:
        if tok.idx in gone:
            continue
        cur = tok.idx
        while cur in lower_of:  # a label over three lines joins twice
            low = tokens[lower_of[cur]]
            cur = low.idx
            n = len(tok.text)
            parts = (tok.parts or [(0, tok.x0, tok.x1)]) + [(n + p, x0, x1) for p, x0, x1 in
                                                             (low.parts or [(0, low.x0, low.x1)])]
            tok = Token(tok.idx, tok.text + low.text, _union_box([tok.box, low.box]),
                        min(tok.confidence, low.confidence), min(tok.x0, low.x0), max(tok.x1, low.x1), tok.y0,
                        max(tok.y1, low.y1), row=tok.row, col=tok.col, lines=tok.lines + low.lines, parts=parts,
                        breaks=tok.breaks | {n} | {n + b for b in low.breaks})
        out.append(tok)
    for n, tok in enumerate(out):
        tok.idx = n
    return out
