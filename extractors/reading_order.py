"""Reading order rebuilt from boxes, robust to pages photographed a few degrees off.

The engine's raw order follows detection, which mixes lines on a tilted photo. We estimate
the page's skew from the long boxes, undo it on the box centres, group boxes into rows by
vertical overlap, and read each row left to right.
"""

from __future__ import annotations

import math
from statistics import median
from typing import TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


def _geom(box: list[list[float]]) -> tuple[float, float, float, float, float]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = box
    w = math.hypot(x1 - x0, y1 - y0)
    h = math.hypot(x3 - x0, y3 - y0)
    angle = math.atan2(y1 - y0, x1 - x0)
    return (x0 + x1 + x2 + x3) / 4, (y0 + y1 + y2 + y3) / 4, w, h, angle


def skew_angle(boxes: list[list[list[float]]]) -> float:
    """Median angle (radians) of the boxes that are clearly wider than tall."""
    angles = [a for _, _, w, h, a in map(_geom, boxes) if w > 2 * h and abs(a) < math.radians(30)]
    return median(angles) if angles else 0.0


def order_lines(lines: list[T]) -> list[T]:
    """Sort objects with a ``box`` attribute into reading order."""
    return [line for row in group_rows(lines) for line in row]


def group_rows(lines: list[T]) -> list[list[T]]:
    """Objects with a ``box`` grouped into visual rows (top to bottom), each left to right."""
    if len(lines) < 2:
        return [list(lines)] if lines else []
    geoms = [_geom(line.box) for line in lines]  # type: ignore[attr-defined]
    theta = skew_angle([line.box for line in lines])  # type: ignore[attr-defined]
    cos, sin = math.cos(-theta), math.sin(-theta)
    items = []
    for line, (cx, cy, _w, h, _a) in zip(lines, geoms, strict=True):
        u = cx * cos - cy * sin
        v = cx * sin + cy * cos
        items.append((v, u, max(h, 1.0), line))
    items.sort(key=lambda it: it[0])
    rows: list[list[tuple[float, float, float, T]]] = []
    for item in items:
        v, _u, h, _ = item
        if rows:
            row = rows[-1]
            row_v = sum(it[0] for it in row) / len(row)
            row_h = median(it[2] for it in row)
            if abs(v - row_v) < 0.5 * min(h, row_h):
                row.append(item)
                continue
        rows.append([item])
    return [[it[3] for it in sorted(row, key=lambda it: it[1])] for row in rows]
