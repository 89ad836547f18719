"""Field extraction: label → value by box geometry, bordered forms, prose patterns.

Every line is cut at the labels found in it (longest label wins, OCR-tolerant). A field's value
is the text after its label on the same line; else the box to its right on the same row; else
the box below it (label cell above value cell). Values that wrap continue onto the lines below
that start where the value started. Prose fields use the catalog's regular expressions first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractors.catalog import Catalog, FieldSpec, Material
from extractors.normalise import Typed, canon, clean_value
from extractors.reading_order import group_rows, skew_angle
from yichuang.types import Box, ExtractedField, OcrPage

_BOUNDARY = set(" ：:;；，,。.、|（）()[]【】")


@dataclass
class _Line:
    idx: int
    text: str  # canonical form
    box: Box
    confidence: float
    row: int
    col: int
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def h(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    def x_at(self, char: int) -> float:
        return self.x0 + (self.x1 - self.x0) * char / max(len(self.text), 1)


@dataclass(frozen=True)
class _Hit:
    line: int
    start: int
    end: int
    label: str
    score: float


def _prepare(page: OcrPage) -> list[_Line]:
    """Lines with their boxes measured in the deskewed frame (photos tilted 5–10°)."""
    theta = skew_angle([line.box for line in page.lines])
    cos, sin = math.cos(-theta), math.sin(-theta)
    out: list[_Line] = []
    for r, row in enumerate(group_rows(page.lines)):
        for c, line in enumerate(row):
            xs = [x * cos - y * sin for x, y in line.box]
            ys = [x * sin + y * cos for x, y in line.box]
            out.append(_Line(len(out), canon(line.text), line.box, line.confidence, r, c,
                             min(xs), max(xs), min(ys), max(ys)))
    return out


def _find_hits(line: _Line, labels: list[str]) -> list[_Hit]:
    text = line.text
    cands: list[_Hit] = []
    for lab in labels:
        start = text.find(lab)
        found = False
        while start >= 0:
            cands.append(_Hit(line.idx, start, start + len(lab), lab, 1.0))
            found = True
            start = text.find(lab, start + 1)
        if not found and len(lab) >= 4 and len(text) >= len(lab) - 1:
            al = fuzz.partial_ratio_alignment(lab, text, score_cutoff=80 if len(lab) >= 5 else 84)
            if al is not None:
                cands.append(_Hit(line.idx, al.dest_start, al.dest_end, lab, al.score / 100))
    # a label inside running text is a label only at a boundary or before a colon
    cands = [h for h in cands if h.start == 0 or text[h.start - 1] in _BOUNDARY
             or (h.end < len(text) and text[h.end] in "：:")]
    cands.sort(key=lambda h: (-(h.end - h.start), -h.score, h.start))
    taken: list[_Hit] = []
    for h in cands:
        if all(h.end <= t.start or h.start >= t.end for t in taken):
            taken.append(h)
    return sorted(taken, key=lambda h: h.start)


def _is_title(text: str, titles: list[str]) -> bool:
    return any(len(text) <= len(t) + 4 and fuzz.ratio(t, text) >= 85 for t in titles)


class _Page:
    def __init__(self, page: OcrPage, material: Material, catalog: Catalog) -> None:
        self.page = page
        self.lines = _prepare(page)
        field_labels = [canon(lab) for spec in material.fields.values() for lab in spec.labels]
        others = [canon(lab) for lab in [*material.extra_labels, *catalog.stop_labels]]
        self.labels = list(dict.fromkeys(field_labels + others))
        titles = [canon(t) for t in material.recognise.titles]
        self.hits = [[] if _is_title(line.text, titles) else _find_hits(line, self.labels) for line in self.lines]
        self.rows: dict[int, list[_Line]] = {}
        for line in self.lines:
            self.rows.setdefault(line.row, []).append(line)

    def starts_with_label(self, line: _Line) -> bool:
        return any(h.start <= 1 for h in self.hits[line.idx])

    def labelled_on_its_row(self, line: _Line, own_label: int) -> bool:
        """Another label's box sits left of ``line`` on its row: ``line`` is that label's value."""
        cy = (line.y0 + line.y1) / 2
        left = [o for o in self.lines if o.idx != line.idx and o.x1 <= line.x0 + 0.5 * line.h
                and abs((o.y0 + o.y1) / 2 - cy) <= 0.6 * line.h]
        if not left:
            return False
        nearest = max(left, key=lambda o: o.x1)
        return nearest.idx != own_label and bool(self.hits[nearest.idx])

    def text_until_label(self, line: _Line, start: int = 0) -> str:
        ends = [h.start for h in self.hits[line.idx] if h.start >= start]
        return line.text[start:min(ends) if ends else len(line.text)]

    def right_of(self, line: _Line) -> _Line | None:
        """The nearest box to the right whose vertical span meets the label's (± one line):
        a value cell may be taller than its label, the label centred against wrapped lines."""
        cy = (line.y0 + line.y1) / 2
        near = [c for c in self.lines if c.idx != line.idx and c.x0 >= line.x1 - 0.5 * line.h
                and abs((c.y0 + c.y1) / 2 - cy) <= 1.0 * line.h]
        if not near:
            return None
        left = min(c.x0 for c in near)
        if left - line.x1 > 12 * line.h:
            return None
        column = [c for c in near if c.x0 - left <= 1.5 * line.h]
        return min(column, key=lambda c: c.y0)

    def rest_of_row(self, line: _Line, start: int = 0) -> str:
        """Text of ``line`` from ``start`` and of the boxes after it on its row, up to the next label:
        a value the detector split into several boxes ("1996年" "6月" "21日")."""
        text = self.text_until_label(line, start)
        if start + len(text) < len(line.text):
            return text
        for nxt in self.rows[line.row][line.col + 1:]:
            if self.starts_with_label(nxt):
                break
            part = self.text_until_label(nxt)
            text += part
            if len(part) < len(nxt.text):
                break
        return text

    def below(self, line: _Line) -> _Line | None:
        for r in (line.row + 1, line.row + 2):
            for cand in self.rows.get(r, []):
                if cand.y0 - line.y1 > 2.5 * line.h:
                    return None
                overlap = min(cand.x1, line.x1 + 2 * line.h) - max(cand.x0, line.x0 - line.h)
                if overlap > 0:
                    return cand
        return None

    def continuation(self, line: _Line, x_start: float, max_lines: int, label: _Line) -> list[_Line]:
        """Lines below ``line`` that carry on a wrapped value starting at ``x_start`` (a cell or a
        column), or at ``para_x`` (running prose wraps back to the paragraph's left edge)."""
        out: list[_Line] = []
        current = line
        for _ in range(max_lines - 1):
            below = [c for c in self.lines if c.y0 > current.y0 + 0.5 * current.h
                     and c.y0 - current.y1 <= 0.6 * current.h and c.idx not in {x.idx for x in out}
                     and min(abs(c.x0 - x_start), abs(c.x0 - label.x0)) <= 1.2 * current.h
                     and not self.starts_with_label(c) and not self.labelled_on_its_row(c, label.idx)]
            nxt = min(below, key=lambda c: c.y0) if below else None
            if nxt is None:
                break
            out.append(nxt)
            current = nxt
        return out


def _field(page: OcrPage, typed: Typed, line: _Line, raw: str, score: float) -> ExtractedField:
    confidence = line.confidence * score * (1.0 if typed.valid else 0.5)
    return ExtractedField(value=typed.value, confidence=round(confidence, 4), source=f"{page.source}#{page.page}",
                          box=line.box, raw=raw, valid=typed.valid, reason=typed.reason,
                          repaired_from=typed.repaired_from)


def _by_pattern(p: _Page, spec: FieldSpec, birth: str | None) -> ExtractedField | None:
    assert spec.pattern
    offsets: list[int] = []
    joined = ""
    for line in p.lines:
        offsets.append(len(joined))
        joined += line.text
    m = re.search(spec.pattern, joined, re.S)
    if not m or not m.group("value"):
        return None
    raw = m.group("value")
    typed = clean_value(spec.type, raw, spec.part, spec.values, birth)
    if typed is None:
        return None
    at = m.start("value")
    line = p.lines[max(i for i, off in enumerate(offsets) if off <= at)]
    return _field(p.page, typed, line, raw, 1.0)


def _by_labels(p: _Page, spec: FieldSpec, birth: str | None, exclude: str | None) -> ExtractedField | None:
    wanted = {canon(lab) for lab in spec.labels}
    multiline = spec.type in ("address", "text") and spec.lines > 1
    for hits in p.hits:
        for hit in hits:
            if hit.label not in wanted:
                continue
            line = p.lines[hit.line]
            candidates: list[tuple[_Line, str, float]] = []
            if p.text_until_label(line, hit.end).strip(" ：:"):  # the value follows the label in its box
                candidates.append((line, p.rest_of_row(line, hit.end), line.x_at(hit.end)))
            else:
                for nb in (p.right_of(line), p.below(line)):
                    if nb is not None and not p.starts_with_label(nb):
                        candidates.append((nb, p.rest_of_row(nb), nb.x0))
            for value_line, text, x_start in candidates:
                if multiline:
                    for more in p.continuation(value_line, x_start, spec.lines, line):
                        text += p.text_until_label(more)
                typed = clean_value(spec.type, text, spec.part, spec.values, birth)
                if typed is None or (exclude is not None and typed.value == exclude):
                    continue
                return _field(p.page, typed, value_line, text, hit.score)
    return None


def extract_fields(page: OcrPage, material_id: str, catalog: Catalog) -> dict[str, ExtractedField]:
    """The catalog's fields for ``material_id``, read from one page."""
    material = catalog.materials[material_id]
    p = _Page(page, material, catalog)
    out: dict[str, ExtractedField] = {}
    ordered = sorted(material.fields.items(), key=lambda kv: kv[1].other_than is not None)
    for name, spec in ordered:
        birth = out["birth_date"].value if spec.type == "id_number" and "birth_date" in out else None
        exclude = out[spec.other_than].value if spec.other_than and spec.other_than in out else None
        found = _by_pattern(p, spec, birth) if spec.pattern else None
        if found is None and spec.labels:
            found = _by_labels(p, spec, birth, exclude)
        if found is not None:
            out[name] = found
    return {name: out[name] for name in material.fields if name in out}
