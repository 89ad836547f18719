"""Page layouts: ID-style cards, bordered forms with handwritten values, certificates, prose."""

from __future__ import annotations

from PIL import Image
from yichuang.samples.render import A4, Rect, Text, render, text_width
from yichuang.samples.seals import sign_spots

INK = (25, 25, 30)
BLUE_INK = (20, 40, 120)


def wrap(text: str, size: int, width: float, style: str = "sans") -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if text_width(cur + ch, size, style) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines


def title(items: list, text: str, y: float, size: int = 46, width: int = A4[0], style: str = "bold") -> float:
    items.append(Text((width - text_width(text, size, style)) / 2, y, text, size, style))
    return y + size * 2


def form(heading: str, rows: list[list[tuple[str, str]]], *, value_style: str = "kai", size: int = 26,
         notes: list[str] | None = None, subtitle: str | None = None) -> Image.Image:
    """A bordered table: label cell → value cell; values in a handwriting-like font wrap in their cell."""
    items: list = []
    y = title(items, heading, 110)
    if subtitle:
        items.append(Text(90, y - 30, subtitle, 22))
        y += 20
    left, right = 90, A4[0] - 90
    pad = 14
    for row in rows:
        cell_w = (right - left) / len(row)
        layouts = []
        height = size + 2 * pad + 10
        for label, value in row:
            lab_w = max(text_width(label, size), 4 * size) + 2 * pad
            val_lines = wrap(value, size + 2, cell_w - lab_w - 2 * pad, value_style) if value else [""]
            height = max(height, len(val_lines) * (size + 14) + 2 * pad)
            layouts.append((label, val_lines, lab_w))
        x = left
        for label, val_lines, lab_w in layouts:
            items.append(Rect(x, y, x + lab_w, y + height, width=2, fill=(246, 246, 246)))
            items.append(Rect(x + lab_w, y, x + cell_w, y + height, width=2))
            items.append(Text(x + pad, y + (height - size) / 2 - 4, label, size))
            for i, vl in enumerate(val_lines):
                items.append(Text(x + lab_w + pad, y + pad + i * (size + 14), vl, size + 2, value_style, BLUE_INK))
            x += cell_w
        y += height
    y += 40
    spots: list = []
    for note in notes or []:
        for ln in wrap(note, 24, right - left):
            items.append(Text(left, y, ln, 24))
            spots += sign_spots(ln, left, y, 24)
            y += 40
    img = render(items)
    img.info["sign_spots"] = spots  # where samples.seals signs or stamps the page
    return img


def certificate(heading: str, rows: list[tuple[str, str]], *, top_line: str | None = None, size: int = 28,
                spaced: bool = False, label_above: bool = False, frame: bool = True,
                footer: list[str] | None = None, value_style: str = "sans") -> Image.Image:
    """Label/value lines: value right of its label (or below it), as on licences and certificates."""
    items: list = []
    if frame:
        items.append(Rect(50, 50, A4[0] - 50, A4[1] - 50, width=6, outline=(150, 110, 40)))
        items.append(Rect(66, 66, A4[0] - 66, A4[1] - 66, width=2, outline=(150, 110, 40)))
    y = 130
    if top_line:
        items.append(Text(120, y, top_line, 26))
        y += 70
    y = title(items, heading, y, 56)
    label_x, value_x, right = 130, 420, A4[0] - 130
    for label, value in rows:
        shown = "　".join(label) if spaced and len(label) == 2 else label
        items.append(Text(label_x, y, shown, size, "bold" if not spaced else "sans"))
        if label_above:
            y += size + 16
            vx = label_x + 20
        else:
            vx = value_x
        lines = wrap(value, size, right - vx, value_style)
        for i, ln in enumerate(lines):
            items.append(Text(vx, y + i * (size + 16), ln, size, value_style))
        y += max(len(lines), 1) * (size + 16) + 26
    spots: list = []
    for ln in footer or []:
        y += 10
        items.append(Text(label_x, y, ln, 24))
        spots += sign_spots(ln, label_x, y, 24)
        y += 40
    img = render(items)
    img.info["sign_spots"] = spots
    return img


def prose(heading: str, paragraphs: list[str], *, size: int = 27, style: str = "sans") -> Image.Image:
    items: list = []
    y = title(items, heading, 120, 44)
    left, right = 110, A4[0] - 110
    spots: list = []
    for para in paragraphs:
        for ln in wrap(para, size, right - left, style):
            items.append(Text(left, y, ln, size, style))
            spots += sign_spots(ln, left, y, size, style)
            y += size + 20
        y += 14
    img = render(items)
    img.info["sign_spots"] = spots
    return img


CARD = (1000, 630)
CARD_BG = (236, 240, 244)


def id_front(name: str, sex: str, ethnicity: str, birth, address: str, id_number: str) -> Image.Image:
    items: list = [Rect(4, 4, CARD[0] - 4, CARD[1] - 4, width=2, fill=CARD_BG, outline=(180, 190, 200), radius=36),
                   Rect(680, 90, 930, 400, width=0, fill=(205, 212, 220), outline=(205, 212, 220))]
    lab = (60, 110, 160)
    items += [Text(70, 70, "姓名", 28, color=lab), Text(170, 64, name, 36)]
    items += [Text(70, 150, "性别", 28, color=lab), Text(170, 146, sex, 32),
              Text(300, 150, "民族", 28, color=lab), Text(400, 146, ethnicity, 32)]
    items += [Text(70, 230, "出生", 28, color=lab),
              Text(170, 226, f"{birth.year}年", 32), Text(320, 226, f"{birth.month}月", 32),
              Text(420, 226, f"{birth.day}日", 32)]
    items.append(Text(70, 310, "住址", 28, color=lab))
    for i, ln in enumerate(wrap(address, 32, 470)):
        items.append(Text(170, 306 + i * 50, ln, 32))
    items += [Text(70, 500, "公民身份号码", 28, color=lab), Text(300, 494, id_number, 38)]
    return render(items, CARD, (255, 255, 255))


def id_back(issuer: str, valid_from, valid_until: str) -> Image.Image:
    until = valid_until if valid_until == "长期" else valid_until.replace("-", ".")
    items: list = [Rect(4, 4, CARD[0] - 4, CARD[1] - 4, width=2, fill=CARD_BG, outline=(180, 190, 200), radius=36),
                   Rect(70, 60, 210, 200, width=4, outline=(200, 60, 60), radius=70)]
    items += [Text(300, 80, "中华人民共和国", 52, "bold"), Text(330, 180, "居民身份证", 60, "bold")]
    lab = (60, 110, 160)
    items += [Text(200, 420, "签发机关", 28, color=lab), Text(360, 416, issuer, 32)]
    items += [Text(200, 500, "有效期限", 28, color=lab),
              Text(360, 496, f"{valid_from:%Y.%m.%d}-{until}", 32)]
    return render(items, CARD, (255, 255, 255))


def photocopy(front: Image.Image, back: Image.Image) -> Image.Image:
    """Both sides of a card photocopied on one A4 sheet (grey, as copiers do)."""
    page = Image.new("RGB", A4, (250, 250, 250))
    page.paste(front.resize((760, 479)), (240, 180))
    page.paste(back.resize((760, 479)), (240, 900))
    return page.convert("L").convert("RGB")
