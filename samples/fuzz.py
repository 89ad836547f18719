"""A fuzzer for forms, contracts and simple certificates (issue 9, deliver 6).

What varies: the label wording (by province and form version, from ``samples/wording.yaml`` — the
generator's own list, never the catalog's), the field order, sections (a 委托代理人 block whose 姓名
and 身份证号码 belong to the agent), letter spacing ("名　　称"), values wrapped inside their cell,
two columns, and prose. Each fuzzed page returns the fields it shows as ground truth.

Styles: ``ruled`` (a bordered table), ``open`` (label：value lines, one or two columns, no rules),
``underline`` (label：value on a rule, as on older local forms — the held-out style, drawn only with
the held-out wordings), and for contracts ``prose`` / ``header`` / ``clauses``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from PIL import Image
from yichuang.samples.national import Canvas, wrap
from yichuang.samples.render import A4, text_width

HERE = Path(__file__).parent
BLUE = (20, 40, 120)


@cache
def wording() -> dict:
    return yaml.safe_load((HERE / "wording.yaml").read_text(encoding="utf-8"))


def pick(rng: random.Random, variants: dict, heldout: bool) -> str:
    return rng.choice(variants["heldout" if heldout else "dev"])


def letter_space(label: str, rng: random.Random, p: float = 0.35) -> str:
    """Short labels are often spaced out to align with longer ones: 姓名 → 姓　　名 / 姓　名."""
    if len(label) == 2 and rng.random() < p:
        return label[0] + rng.choice(["　　", "　", "  "]) + label[1]
    if len(label) == 3 and rng.random() < p / 2:
        return "　".join(label)
    return label


@dataclass
class Entry:
    label: str
    value: str
    field: str | None  # the catalog field it fills (ground truth), None for decoration
    wide: bool = False  # a long value: a row of its own


@dataclass
class Block:
    heading: str | None
    entries: list[Entry]


def form_blocks(material: str, values: dict[str, str], rng: random.Random, heldout: bool,
                sections: dict[str, dict[str, str]] | None = None) -> tuple[str, list[Block]]:
    """The title and the blocks of a form: main fields in a shuffled order, then its sections."""
    spec = wording()["forms"][material]
    title = pick(rng, spec["titles"], heldout)
    entries = []
    for name, value in values.items():
        if name not in spec["fields"]:
            continue
        label = letter_space(pick(rng, spec["fields"][name], heldout), rng)
        entries.append(Entry(label, value, name, wide=len(value) > 16))
    head = entries[:1]
    rest = entries[1:]
    rng.shuffle(rest)
    blocks = [Block(None, _holder_first(head + rest))]
    for sec_name, sec_values in (sections or {}).items():
        sec = spec["sections"][sec_name]
        ents = [Entry(letter_space(pick(rng, sec["fields"][f], heldout), rng), v, f, wide=len(v) > 16)
                for f, v in sec_values.items()]
        blocks.append(Block(pick(rng, sec, heldout), ents))
    return title, blocks


def _holder_first(entries: list[Entry]) -> list[Entry]:
    """A party's ID number right after the party's name (agent_name → agent_id_number): on a real
    form an ID number printed under another person's row is that person's, whatever the order."""
    def is_id(e: Entry) -> bool:
        return (e.field or "").endswith("_id_number")

    out = [e for e in entries if not is_id(e)]
    for e in entries:
        if not is_id(e):
            continue
        party = (e.field or "").removesuffix("_id_number")
        at = next((i for i, o in enumerate(out) if o.field in (party, f"{party}_name")), None)
        out.insert(len(out) if at is None else at + 1, e)
    return out


def _title(cv: Canvas, text: str, y: float, size: int = 44) -> float:
    cv.centred(A4[0] / 2, y, text, size, "bold")
    return y + size * 2.2


def ruled(title: str, blocks: list[Block], rng: random.Random, notes: list[str]) -> Image.Image:
    """A bordered table; two entries share a row when both are short; a section opens with its name
    in a tall cell at the left of its rows."""
    cv = Canvas(A4)
    y = _title(cv, title, 100)
    left, right = 80, A4[0] - 80
    s = rng.choice([24, 26])
    for block in blocks:
        rows: list[list[Entry]] = []
        pending: list[Entry] = []
        for e in block.entries:
            if e.wide or rng.random() < 0.35:
                if pending:
                    rows.append(pending)
                    pending = []
                rows.append([e])
            else:
                pending.append(e)
                if len(pending) == 2:
                    rows.append(pending)
                    pending = []
        if pending:
            rows.append(pending)
        x_start = left
        top = y
        if block.heading:
            x_start = left + s * 2 + 20  # the section's name stands vertically in its own column
        for row in rows:
            cell = (right - x_start) / len(row)
            height = s + 30
            drawn = []
            for e in row:
                lw = max(text_width(e.label, s, "serif"), 4 * s) + 24
                lines = wrap(e.value, s + 2, cell - lw - 24, "kai") or [""]
                height = max(height, len(lines) * (s + 14) + 24)
                drawn.append((e, lw, lines))
            x = x_start
            for e, lw, lines in drawn:
                cv.rect((x, y, x + lw, y + height), 2, fill=(247, 247, 247))
                cv.rect((x + lw, y, x + cell, y + height), 2)
                _label(cv, x + 12, y + (height - s) / 2 - 3, e.label, s, bool(e.value))
                for i, ln in enumerate(lines):
                    cv.text(x + lw + 12, y + 12 + i * (s + 14), ln, s + 2, "kai", BLUE)
                x += cell
            y += height
        if block.heading:
            cv.rect((left, top, x_start, y), 2, fill=(247, 247, 247))
            chars = list(block.heading)
            step = min(s + 8, (y - top - 20) / max(len(chars), 1))
            for i, ch in enumerate(chars):
                cv.text(left + 14, top + 10 + i * step, ch, min(s, int(step)), "serif")
    y += 40
    for note in notes:
        y = cv.wrapped(left, y, note, 24, right - left, "serif") + 10
    return cv.img


def _label(cv: Canvas, x: float, y: float, label: str, size: int, filled: bool) -> float:
    """A field's label. Filled in (委托人（签字）：夏欣伟), its 签字 is the printed value, not a box
    that mark_page signs with another name over it (a real page is signed by its own party)."""
    spots = list(cv.img.info.get("sign_spots", []))
    width = cv.text(x, y, label, size, "serif")
    if filled:
        cv.img.info["sign_spots"] = spots
    return width


def open_lines(title: str, blocks: list[Block], rng: random.Random, notes: list[str], underline: bool = False,
               columns: int | None = None) -> Image.Image:
    """label：value lines without rules, one or two columns; sections under a heading line."""
    cv = Canvas(A4)
    y = _title(cv, title, 110)
    s = rng.choice([25, 27])
    left, right = 100, A4[0] - 100
    columns = columns or rng.choice([1, 2])
    colon = rng.choice(["：", "：", " "])
    for block in blocks:
        if block.heading:
            y += 16
            cv.text(left, y, ("一、" if rng.random() < 0.5 else "") + block.heading, s + 2, "bold")
            y += s * 2
        short = [e for e in block.entries if not e.wide]
        wide = [e for e in block.entries if e.wide]
        ordered = _holder_first(short + wide) if rng.random() < 0.5 else block.entries
        col_w = (right - left) / columns
        col = 0
        row_h = 0.0
        for k, e in enumerate(ordered):
            span = 1 if (columns == 1 or not e.wide) else columns
            holder = k + 1 < len(ordered) and (ordered[k + 1].field or "").removesuffix("_id_number") in (
                e.field, (e.field or "").removesuffix("_name")) and (ordered[k + 1].field or "").endswith("_id_number")
            if (span > 1 or holder) and col:  # a holder starts the row its ID number follows on
                y += row_h
                col, row_h = 0, 0.0
            x = left + col * col_w
            width = col_w * span - 30
            lw = _label(cv, x, y, e.label + colon, s, bool(e.value))
            lines = wrap(e.value, s + 2, width - lw - 10, "kai") or [""]
            for i, ln in enumerate(lines):
                cv.text(x + lw + 8, y - 2 + i * (s + 16), ln, s + 2, "kai", BLUE)
            if underline:
                for i in range(len(lines)):
                    base = y + s + 8 + i * (s + 16)
                    cv.line([(x + lw, base), (x + width, base)], 1)
            row_h = max(row_h, len(lines) * (s + 16) + 22)
            col += span
            if col >= columns:
                y += row_h
                col, row_h = 0, 0.0
        if col:
            y += row_h
    y += 40
    for note in notes:
        y = cv.wrapped(left, y, note, 24, right - left, "serif") + 10
    return cv.img


def fuzz_form(material: str, values: dict[str, str], rng: random.Random, style: str,
              sections: dict[str, dict[str, str]] | None = None) -> tuple[Image.Image, dict[str, str]]:
    """A form page in one style; truth = every value shown, by catalog field."""
    heldout = style == "underline"
    title, blocks = form_blocks(material, values, rng, heldout, sections)
    notes = wording()["forms"][material].get("notes", [])
    if style == "ruled":
        img = ruled(title, blocks, rng, notes)
    elif style == "open":
        img = open_lines(title, blocks, rng, notes)
    elif style == "underline":
        img = open_lines(title, blocks, rng, notes, underline=True)
    else:
        raise ValueError(f"unknown form style {style!r}: ruled, open or underline")
    truth = {e.field: e.value for b in blocks for e in b.entries if e.field}
    return img, truth


# ---- contracts ------------------------------------------------------------------------------------

def contract(material: str, parties: dict[str, str], facts: dict[str, str], use: list[str], clauses: list[str],
             rng: random.Random, style: str) -> Image.Image:
    """A contract: the parties (as a header table, or lines), then numbered clauses in prose."""
    return contract_pages(material, parties, facts, use, clauses, rng, style)[0]


def contract_pages(material: str, parties: dict[str, str], facts: dict[str, str], use: list[str], clauses: list[str],
                   rng: random.Random, style: str, pages: int = 1) -> list[Image.Image]:
    """The contract on one page, or on two: the second page has no title and carries on the clauses
    up to the parties' signatures (a continuation page joins the document it continues)."""
    spec = wording()["contracts"][material]
    heldout = style == "clauses"
    title = pick(rng, spec["titles"], heldout)
    cv = Canvas(A4)
    y = _title(cv, title, 110)
    s = rng.choice([25, 27])
    left, right = 100, A4[0] - 100
    labels = {name: pick(rng, spec["parties"][name], heldout) for name in parties}
    if style == "header":
        for name, person in parties.items():
            cv.rect((left, y, left + 300, y + s + 30), 2, fill=(247, 247, 247))
            cv.rect((left + 300, y, right, y + s + 30), 2)
            cv.text(left + 12, y + 12, labels[name], s, "serif")
            cv.text(left + 312, y + 10, person, s + 2, "kai", BLUE)
            y += s + 30
        y += 30
    elif style == "clauses":
        for name, person in parties.items():
            y = cv.wrapped(left, y, f"{labels[name]}：{person}（以下简称“{'甲方' if name in ('lessor', 'seller') else '乙方'}”）",
                           s, right - left, "serif") + 8
        y += 10
    else:
        for name, person in parties.items():
            y = cv.wrapped(left, y, f"{labels[name]}：{person}", s, right - left, "serif") + 8
        y += 10
    body = []
    for key in use:
        if key in spec:
            body.append(pick(rng, spec[key], heldout).format(**facts))
    numbered = ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条"]
    out = [cv]
    for i, para in enumerate(body + clauses):
        if pages > 1 and i == len(body):  # the rest on a page of its own, numbered on
            cv.centred(A4[0] / 2, A4[1] - 90, "第 1 页 共 2 页", 20, "sans")
            cv = Canvas(A4)
            out.append(cv)
            y = 110
        y = cv.wrapped(left, y, f"{numbered[i]}　{para}" if i < len(numbered) else para, s, right - left, "serif") + 12
    y += 30
    cv.text(left, y, pick(rng, spec["signatures"], heldout), s, "serif")
    if pages > 1:
        cv.centred(A4[0] / 2, A4[1] - 90, "第 2 页 共 2 页", 20, "sans")
    return [c.img for c in out]


# ---- simple certificates -----------------------------------------------------------------------------

def certificate(material: str, values: dict[str, str], extra: list[tuple[str, str]], rng: random.Random,
                style: str, top_line: str | None = None) -> tuple[Image.Image, dict[str, str]]:
    """A certificate: ``lines`` (label and value on a line), ``table`` (ruled) or ``stacked`` (label
    above value — held out, with the held-out wordings)."""
    spec = wording()["forms"][material]
    heldout = style == "stacked"
    title = pick(rng, spec["titles"], heldout)
    entries = [(letter_space(pick(rng, spec["fields"][f], heldout), rng, 0.5), v, f) for f, v in values.items()]
    entries += [(lab, v, None) for lab, v in extra]
    order = entries[:1] + rng.sample(entries[1:], len(entries) - 1)
    cv = Canvas(A4, (253, 252, 248))
    cv.rect((50, 50, A4[0] - 50, A4[1] - 50), 4, (120, 140, 160))
    y = 120
    if top_line:
        cv.text(110, y, top_line, 24, "sans")
        y += 60
    y = _title(cv, title, y, 52)
    left, right = 130, A4[0] - 130
    s = 28
    for label, value, _ in order:
        if style == "table":
            lines = wrap(value, s, right - left - 290) or [""]
            h = len(lines) * (s + 14) + 24
            cv.rect((left, y, left + 270, y + h), 2)
            cv.rect((left + 270, y, right, y + h), 2)
            cv.text(left + 14, y + (h - s) / 2 - 3, label, s - 2, "serif")
            for i, ln in enumerate(lines):
                cv.text(left + 290, y + 12 + i * (s + 14), ln, s, "serif")
            y += h
        elif style == "stacked":
            cv.text(left, y, label, s - 4, "sans", (90, 90, 90))
            y = cv.wrapped(left + 20, y + s + 6, value, s, right - left - 20, "serif") + 20
        else:
            lw = cv.text(left, y, label, s, "bold")
            y = cv.wrapped(left + max(lw + 30, 240), y, value, s, right - left - max(lw + 30, 240), "serif") + 22
    return cv.img, {f: v for _, v, f in order if f}
