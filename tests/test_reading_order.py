"""Reading order is rebuilt from boxes, also on photos tilted a few degrees."""

from __future__ import annotations

import math
import random

import pytest
from yichuang.extractors.reading_order import order_lines, skew_angle

from yichuang.types import Line


def _grid(angle_deg: float) -> list[Line]:
    """Three rows of two boxes each (label, value), rotated about the page centre."""
    theta = math.radians(angle_deg)
    out = []
    for row in range(6):
        for col, (x, w) in enumerate([(100, 160), (300, 700)]):
            y = 100 + row * 60
            pts = [(x, y), (x + w, y), (x + w, y + 30), (x, y + 30)]
            rot = [[(px - 600) * math.cos(theta) - (py - 400) * math.sin(theta) + 600,
                    (px - 600) * math.sin(theta) + (py - 400) * math.cos(theta) + 400] for px, py in pts]
            out.append(Line(text=f"r{row}c{col}", box=rot, confidence=1.0))
    return out


@pytest.mark.parametrize("angle", [-10, -7, -5, 0, 5, 7, 10])
def test_rows_read_left_to_right_top_to_bottom(angle):
    lines = _grid(angle)
    shuffled = lines[:]
    random.Random(angle).shuffle(shuffled)
    assert [x.text for x in order_lines(shuffled)] == [x.text for x in lines]


def test_naive_sort_by_top_would_mix_rows_at_minus_10_degrees():
    lines = _grid(-10)
    naive = sorted(lines, key=lambda x: min(p[1] for p in x.box))
    assert [x.text for x in naive] != [x.text for x in lines]  # the problem the ordering solves
    assert abs(math.degrees(skew_angle([x.box for x in lines])) + 10) < 0.5
