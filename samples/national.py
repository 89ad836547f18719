"""Issued documents drawn after their national layouts (issue 9, deliver 6).

* 营业执照 (2015 on): 统一社会信用代码 top left, emblem and title in the middle, QR code right; a left
  column 名称 / 类型 / 法定代表人 (经营者, 负责人, 执行事务合伙人, 投资人) / 经营范围 (long, wrapped),
  a right column 注册资本 / 成立日期 (注册日期) / 营业期限 / 住所 (经营场所, 主要经营场所, 营业场所);
  登记机关 and the date under a red seal at the bottom. 正本 landscape, 副本 portrait; the
  个体工商户 variant with 经营者 / 组成形式 / 经营场所.
* 居民身份证: the card's real geometry (85.6 × 54 mm), guilloche background, photo area; the back
  with the emblem; front and back apart, side by side on one image, or on an A4 copy.
* 不动产权证书: the inner page's ruled table (a wrapped 不动产单元号, 面积 with 建筑面积 and the
  land area beside it), alone or as a two-page spread with the issuing office's page.
* 居民户口簿: the 常住人口登记卡 grid, with or without the 户主页.

Every drawer returns the page and the fields it shows (ground truth, normalised as MATTERS.md says).
Seals go through :func:`paint_seal`, a hook another module can replace (``set_seal_painter``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PIL import Image, ImageDraw
from yichuang.samples.people import Person  # the card holder: name, sex, …, valid_until
from yichuang.samples.render import A4, font, text_width

RED = (200, 30, 35)
INK = (20, 20, 24)
CARD_MM = (85.6, 54.0)

Xy = tuple[float, float]


# ---- a small drawing surface ---------------------------------------------------------------------

@dataclass
class Canvas:
    size: tuple[int, int]
    paper: tuple[int, int, int] = (255, 255, 255)
    img: Image.Image = field(init=False)
    draw: ImageDraw.ImageDraw = field(init=False)

    def __post_init__(self) -> None:
        self.img = Image.new("RGB", self.size, self.paper)
        self.draw = ImageDraw.Draw(self.img)

    def text(self, x: float, y: float, s: str, size: int, style: str = "serif", color=INK) -> float:
        self.draw.text((x, y), s, font=font(style, size), fill=color)
        if "签" in s or "盖章" in s:  # where samples.seals signs the page (mark_page)
            from yichuang.samples.seals import sign_spots

            self.img.info.setdefault("sign_spots", []).extend(sign_spots(s, x, y, size, style))
        return text_width(s, size, style)

    def centred(self, cx: float, y: float, s: str, size: int, style: str = "serif", color=INK) -> None:
        self.text(cx - text_width(s, size, style) / 2, y, s, size, style, color)

    def wrapped(self, x: float, y: float, s: str, size: int, width: float, style: str = "serif",
                gap: float = 0.45, color=INK) -> float:
        """Text wrapped inside ``width``; returns the y below the last line."""
        for line in wrap(s, size, width, style):
            self.text(x, y, line, size, style, color)
            y += size * (1 + gap)
        return y

    def rect(self, box, width: int = 2, outline=INK, fill=None) -> None:
        self.draw.rectangle(box, outline=outline, width=width, fill=fill)

    def line(self, pts, width: int = 2, color=INK) -> None:
        self.draw.line(pts, fill=color, width=width)


def wrap(text: str, size: int, width: float, style: str = "serif") -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and text_width(cur + ch, size, style) > width:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + ([cur] if cur else [])


def spaced(label: str, width_chars: int = 4) -> str:
    """Two-character labels letter-spaced to the width of four, as printed: 名称 → 名　　称."""
    if len(label) == 2 and width_chars == 4:
        return label[0] + "　　" + label[1]
    if len(label) == 3 and width_chars == 4:
        return " ".join(label)
    return label


def cn_date(d: date, pad: bool = True) -> str:
    return f"{d.year}年{d.month:02d}月{d.day:02d}日" if pad else f"{d.year}年{d.month}月{d.day}日"


# ---- seals, emblem, QR, patterns -----------------------------------------------------------------

SealPainter = Callable[[Image.Image, Xy, float, str, random.Random], None]


def _default_seal(img: Image.Image, center: Xy, radius: float, text: str, rng: random.Random) -> None:
    """A round red official seal: ring, star, the office's name along the top arc (semi-transparent)."""
    size = int(radius * 2 + 8)
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    c = size / 2
    d.ellipse((4, 4, size - 4, size - 4), outline=255, width=max(3, int(radius / 14)))
    star = [(c + radius * 0.28 * math.cos(math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4),
             c - radius * 0.28 * math.sin(math.pi / 2 + k * math.pi / 5) * (1 if k % 2 == 0 else 0.4))
            for k in range(10)]
    d.polygon(star, fill=255)
    chars = list(text)[:18]
    ch_size = max(10, int(radius * 0.26))
    span = math.radians(min(250, 22 * len(chars)))
    for k, ch in enumerate(chars):
        ang = math.pi / 2 + span / 2 - (span * (k + 0.5) / len(chars))
        glyph = Image.new("L", (ch_size * 2, ch_size * 2), 0)
        ImageDraw.Draw(glyph).text((ch_size / 2, ch_size / 2), ch, font=font("bold", ch_size), fill=255)
        glyph = glyph.rotate(math.degrees(ang - math.pi / 2), Image.Resampling.BICUBIC)
        r = radius * 0.72
        layer.paste(255, (int(c + r * math.cos(ang) - ch_size), int(c - r * math.sin(ang) - ch_size)), glyph)
    alpha = layer.point(lambda v: int(v * rng.uniform(0.55, 0.8)))
    img.paste(Image.new("RGB", layer.size, RED), (int(center[0] - c), int(center[1] - c)), alpha)


def _official_seal(img: Image.Image, center: Xy, radius: float, text: str, rng: random.Random) -> None:
    """The seal as samples.seals draws it (the one the seal checks are tested on), when present."""
    try:
        from yichuang.samples.seals import draw_seal
    except ImportError:
        _default_seal(img, center, radius, text, rng)
        return
    draw_seal(img, center, text, size=radius * 2, angle=rng.uniform(-20, 20), faded=rng.uniform(0, 0.3),
              seed=rng.randrange(1 << 20))


_SEAL_PAINTER: list[SealPainter] = [_official_seal]


def set_seal_painter(painter: SealPainter) -> SealPainter:
    """Replace how seals are drawn on issued documents (samples/seals.py hooks in here); returns the
    previous painter."""
    old = _SEAL_PAINTER[0]
    _SEAL_PAINTER[0] = painter
    return old


def paint_seal(img: Image.Image, center: Xy, radius: float, text: str, rng: random.Random) -> None:
    _SEAL_PAINTER[0](img, center, radius, text, rng)


def emblem(cv: Canvas, center: Xy, radius: float, gold=(205, 160, 40)) -> None:
    """The national emblem, abstracted: a red disc, gold rim, five stars, a gate below (no text)."""
    x, y = center
    cv.draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(190, 30, 30), outline=gold,
                    width=max(2, int(radius / 10)))
    for k, (dx, dy, s) in enumerate([(0, -0.45, 0.22), (-0.42, -0.2, 0.1), (-0.25, -0.02, 0.1),
                                     (0.25, -0.02, 0.1), (0.42, -0.2, 0.1)]):
        sx, sy, sr = x + dx * radius, y + dy * radius, s * radius
        pts = [(sx + sr * math.cos(math.pi / 2 + j * math.pi / 5) * (1 if j % 2 == 0 else 0.4),
                sy - sr * math.sin(math.pi / 2 + j * math.pi / 5) * (1 if j % 2 == 0 else 0.4)) for j in range(10)]
        cv.draw.polygon(pts, fill=gold)
        del k
    cv.rect((x - radius * 0.45, y + radius * 0.2, x + radius * 0.45, y + radius * 0.5), width=0, outline=gold, fill=gold)


def qr(cv: Canvas, box: tuple[float, float, float], rng: random.Random) -> None:
    """A QR-looking square: three finder patterns and random modules (not decodable, not needed)."""
    x0, y0, side = box
    n = 29
    m = side / n
    for i in range(n):
        for j in range(n):
            if rng.random() < 0.48:
                cv.rect((x0 + i * m, y0 + j * m, x0 + (i + 1) * m, y0 + (j + 1) * m), width=0, outline=INK, fill=INK)
    for fx, fy in ((0, 0), (n - 7, 0), (0, n - 7)):
        cv.rect((x0 + fx * m, y0 + fy * m, x0 + (fx + 7) * m, y0 + (fy + 7) * m), width=0, outline=INK, fill=(255, 255, 255))
        cv.rect((x0 + fx * m, y0 + fy * m, x0 + (fx + 7) * m - 1, y0 + (fy + 7) * m - 1), width=int(m), outline=INK)
        cv.rect((x0 + (fx + 2) * m, y0 + (fy + 2) * m, x0 + (fx + 5) * m, y0 + (fy + 5) * m), width=0, outline=INK,
                fill=INK)


def guilloche(cv: Canvas, box, rng: random.Random, colors=((170, 205, 215), (200, 215, 190))) -> None:
    """Fine interlaced sine waves, as on the ID card and certificates."""
    x0, y0, x1, y1 = box
    for k in range(26):
        color = colors[k % len(colors)]
        amp, per, phase = rng.uniform(6, 22), rng.uniform(60, 180), rng.uniform(0, 6.28)
        base = y0 + (y1 - y0) * (k + 0.5) / 26
        pts = [(x, base + amp * math.sin(phase + x / per * 6.28)) for x in range(int(x0), int(x1), 6)]
        cv.line(pts, 1, color)


def frame(cv: Canvas, margin: int, rng: random.Random, color=(180, 130, 60)) -> None:
    """The licence's decorative border: a double rule with a wave band between."""
    w, h = cv.size
    cv.rect((margin, margin, w - margin, h - margin), width=5, outline=color)
    cv.rect((margin + 22, margin + 22, w - margin - 22, h - margin - 22), width=2, outline=color)
    for side in range(4):
        for t in range(0, (w if side % 2 == 0 else h) - 2 * margin, 18):
            if side == 0:
                cv.draw.arc((margin + t, margin + 4, margin + t + 18, margin + 20), 0, 180, fill=color)
            elif side == 2:
                cv.draw.arc((margin + t, h - margin - 20, margin + t + 18, h - margin - 4), 180, 360, fill=color)
    del rng


# ---- 营业执照 ---------------------------------------------------------------------------------------

# the person's label and the right column by entity kind (national template wording)
LICENCE_KINDS = {
    "company": {"types": ["有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "其他有限责任公司"],
                "rep": "法定代表人", "capital": "注册资本", "date": "成立日期", "term": "营业期限", "place": "住所"},
    "joint_stock": {"types": ["股份有限公司（非上市、自然人投资或控股）"], "rep": "法定代表人", "capital": "注册资本",
                    "date": "成立日期", "term": "营业期限", "place": "住所"},
    "branch": {"types": ["有限责任公司分公司（自然人投资或控股）"], "rep": "负责人", "capital": None,
               "date": "成立日期", "term": "营业期限", "place": "营业场所"},
    "partnership": {"types": ["普通合伙企业", "有限合伙企业"], "rep": "执行事务合伙人", "capital": "出资额",
                    "date": "成立日期", "term": "合伙期限", "place": "主要经营场所"},
    "sole": {"types": ["个人独资企业"], "rep": "投资人", "capital": "出资额", "date": "成立日期",
             "term": "营业期限", "place": "住所"},
    "individual": {"types": ["个体工商户"], "rep": "经营者", "capital": None, "date": "注册日期", "term": None,
                   "place": "经营场所"},
}
CAPITALS = ["伍拾万元整", "壹佰万元整", "人民币伍佰万元整", "叁拾万元整", "1000万元人民币", "200万元"]


@dataclass
class LicenceData:
    kind: str
    credit_code: str
    name: str
    entity_type: str
    person: str
    scope: str
    established: date
    place: str
    authority: str


def licence_truth(d: LicenceData) -> dict[str, str]:
    return {"credit_code": d.credit_code, "entity_name": d.name, "entity_type": d.entity_type,
            "legal_rep": d.person, "address": d.place, "established": d.established.isoformat(),
            "business_scope": d.scope}


def business_licence(d: LicenceData, orientation: str, rng: random.Random) -> Image.Image:
    """The 2015+ national licence, 正本 (landscape) or 副本 (portrait)."""
    landscape = orientation == "landscape"
    size = (A4[1], A4[0]) if landscape else A4
    w, h = size
    cv = Canvas(size, (253, 250, 244))
    frame(cv, 40, rng)
    k = LICENCE_KINDS[d.kind]
    s = 30 if landscape else 27  # body text size
    # head: code top left, emblem and title middle, QR right
    top = 110
    cv.text(100, top, "统一社会信用代码", 24, "sans")
    cv.text(100, top + 36, d.credit_code, 28, "sans")
    emblem(cv, (w / 2, top + 70), 58)
    title_y = top + 150
    cv.centred(w / 2, title_y, "营　业　执　照", 86 if landscape else 78, "bold")
    if not landscape:
        cv.centred(w / 2, title_y + 104, "（副　本）", 30, "serif")
    qside = 150 if landscape else 140
    qr(cv, (w - 100 - qside, top - 10, qside), rng)
    note_y = top + qside + 4
    for i, ln in enumerate(wrap("扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。", 13,
                                 qside + 40, "sans")):
        cv.text(w - 120 - qside, note_y + i * 18, ln, 13, "sans")
    # body: two columns
    body_y = title_y + (140 if landscape else 170)
    left_x, gutter = 110, w * (0.52 if landscape else 0.5)
    label_w = s * 4 + 30  # widened below when a label is longer (执行事务合伙人)
    col_right = gutter - 30
    right_x, right_edge = gutter + 10, w - 100
    left = [(spaced("名称"), d.name), (spaced("类型"), d.entity_type), (spaced(k["rep"]), d.person)]
    if d.kind == "individual":
        left.append((spaced("组成形式"), rng.choice(["个人经营", "家庭经营"])))
    right: list[tuple[str, str]] = []
    if k["capital"]:
        right.append((spaced(k["capital"]), rng.choice(CAPITALS)))
    right.append((spaced(k["date"]), cn_date(d.established)))
    if k["term"]:
        until = rng.choice(["长期", cn_date(date(d.established.year + 20, d.established.month, d.established.day))])
        right.append((spaced(k["term"]), f"{cn_date(d.established)}至{until}"))
    right.append((spaced(k["place"]), d.place))
    label_w = max([label_w, *(text_width(lab, s, "serif") + 30 for lab, _ in left + right)])
    y = body_y
    for label, value in left:
        cv.text(left_x, y, label, s, "serif")
        y = cv.wrapped(left_x + label_w, y, value, s, col_right - left_x - label_w) + s * 0.55
    cv.text(left_x, y, spaced("经营范围"), s, "serif")
    scope_lines = wrap(d.scope, s - 2, col_right - left_x - label_w)
    for i, ln in enumerate(scope_lines):
        cv.text(left_x + label_w, y + i * (s + 12), ln, s - 2, "serif")
    y = body_y
    for label, value in right:
        cv.text(right_x, y, label, s, "serif")
        y = cv.wrapped(right_x + label_w, y, value, s, right_edge - right_x - label_w) + s * 0.55
    # foot: 登记机关 and date under the seal
    foot_y = h - (230 if landscape else 300)
    fx = w * (0.68 if landscape else 0.6)
    cv.text(fx - 150, foot_y, "登记机关", s, "serif")
    cv.text(fx, foot_y + 70, cn_date(date(d.established.year, d.established.month, d.established.day)), s, "serif")
    paint_seal(cv.img, (fx + 110, foot_y + 30), 95, d.authority, rng)
    cv.centred(w / 2, h - 110, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 18, "sans")
    cv.centred(w / 2, h - 84, "国家市场监督管理总局监制", 18, "sans")
    return cv.img


# ---- 居民身份证 ------------------------------------------------------------------------------------

def card_front_truth(p: Person) -> dict[str, str]:
    return {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth.isoformat(),
            "address": p.address, "id_number": p.id_number}


def card_back_truth(p: Person) -> dict[str, str]:
    return {"issuer": p.issuer, "valid_from": p.valid_from.isoformat(), "valid_until": p.valid_until}


def _card(px_per_mm: float, rng: random.Random) -> Canvas:
    w, h = round(CARD_MM[0] * px_per_mm), round(CARD_MM[1] * px_per_mm)
    cv = Canvas((w, h), (255, 255, 255))
    r = int(3.2 * px_per_mm)
    cv.draw.rounded_rectangle((0, 0, w - 1, h - 1), r, fill=(238, 243, 240), outline=(200, 205, 200), width=2)
    guilloche(cv, (8, 8, w - 8, h - 8), rng)
    return cv


def id_card_front(p: Person, rng: random.Random, px_per_mm: float = 12.0) -> Image.Image:
    """Front (the 'personal information' side): geometry after GB/T 16649 sizes, in mm × scale."""
    mm = px_per_mm
    cv = _card(mm, rng)
    # photo: 26 × 32 mm at the right, a grey silhouette
    px0, py0 = 55.5 * mm, 6.0 * mm
    cv.rect((px0, py0, px0 + 26 * mm, py0 + 32 * mm), width=0, outline=(215, 222, 226), fill=(215, 222, 226))
    cx = px0 + 13 * mm
    cv.draw.ellipse((cx - 6 * mm, py0 + 5 * mm, cx + 6 * mm, py0 + 19 * mm), fill=(120, 125, 130))
    cv.draw.ellipse((cx - 11 * mm, py0 + 19 * mm, cx + 11 * mm, py0 + 40 * mm), fill=(120, 125, 130))
    cv.rect((px0, py0 + 32 * mm, px0 + 26 * mm, py0 + 40 * mm), width=0, outline=(238, 243, 240), fill=(238, 243, 240))
    lab, val = (40, 105, 160), (15, 15, 15)
    ls, vs = int(3.0 * mm), int(3.4 * mm)
    x_lab, x_val = 5.0 * mm, 14.5 * mm
    cv.text(x_lab, 5.0 * mm, "姓　名" if rng.random() < 0.3 else "姓名", ls, "sans", lab)
    cv.text(x_val, 4.6 * mm, p.name, int(3.8 * mm), "sans", val)
    cv.text(x_lab, 11.5 * mm, "性别", ls, "sans", lab)
    cv.text(x_val, 11.1 * mm, p.sex, vs, "sans", val)
    cv.text(26 * mm, 11.5 * mm, "民族", ls, "sans", lab)
    cv.text(34 * mm, 11.1 * mm, p.ethnicity, vs, "sans", val)
    cv.text(x_lab, 18.0 * mm, "出生", ls, "sans", lab)
    cv.text(x_val, 17.6 * mm, f"{p.birth.year}", vs, "sans", val)
    cv.text(25.5 * mm, 18.0 * mm, "年", ls, "sans", lab)
    cv.text(30 * mm, 17.6 * mm, f"{p.birth.month}", vs, "sans", val)
    cv.text(35 * mm, 18.0 * mm, "月", ls, "sans", lab)
    cv.text(39.5 * mm, 17.6 * mm, f"{p.birth.day}", vs, "sans", val)
    cv.text(44.5 * mm, 18.0 * mm, "日", ls, "sans", lab)
    cv.text(x_lab, 24.5 * mm, "住址", ls, "sans", lab)
    cv.wrapped(x_val, 24.1 * mm, p.address, vs, 35 * mm, "sans", 0.35, val)
    cv.text(x_lab, 44.5 * mm, "公民身份号码", ls, "sans", lab)
    cv.text(29 * mm, 44.0 * mm, p.id_number, int(3.9 * mm), "sans", val)
    return cv.img


def id_card_back(p: Person, rng: random.Random, px_per_mm: float = 12.0) -> Image.Image:
    """Back (the 'national emblem' side): emblem top left, the title, 签发机关 and 有效期限 below."""
    mm = px_per_mm
    cv = _card(mm, rng)
    emblem(cv, (13 * mm, 13 * mm), 8.5 * mm)
    cv.text(27 * mm, 6.5 * mm, "中华人民共和国", int(5.4 * mm), "bold", INK)
    cv.text(29 * mm, 16.5 * mm, "居民身份证", int(6.6 * mm), "bold", INK)
    lab = (40, 105, 160)
    ls, vs = int(3.0 * mm), int(3.3 * mm)
    cv.text(18 * mm, 38.5 * mm, "签发机关", ls, "sans", lab)
    cv.text(32 * mm, 38.2 * mm, p.issuer, vs, "sans")
    cv.text(18 * mm, 45.5 * mm, "有效期限", ls, "sans", lab)
    until = p.valid_until if p.valid_until == "长期" else p.valid_until.replace("-", ".")
    cv.text(32 * mm, 45.2 * mm, f"{p.valid_from:%Y.%m.%d}-{until}", vs, "sans")
    return cv.img


def side_by_side(front: Image.Image, back: Image.Image, rng: random.Random, vertical: bool = False,
                 paper=(246, 246, 244)) -> Image.Image:
    """Both sides of one card on one image (a copier or a phone photo of both)."""
    gap = rng.randrange(40, 120)
    if vertical:
        w, h = max(front.width, back.width) + 160, front.height + back.height + gap + 160
        pos = [(80 + rng.randrange(0, 40), 80), (80 + rng.randrange(0, 40), 80 + front.height + gap)]
    else:
        w, h = front.width + back.width + gap + 160, max(front.height, back.height) + 160 + 40
        pos = [(80, 80 + rng.randrange(0, 40)), (80 + front.width + gap, 80 + rng.randrange(0, 40))]
    page = Image.new("RGB", (w, h), paper)
    page.paste(front, pos[0])
    page.paste(back, pos[1])
    return page


def a4_copy(front: Image.Image, back: Image.Image, rng: random.Random, holder: str) -> Image.Image:
    """The two sides photocopied on an A4 sheet (grey), signed 此复印件与原件一致."""
    page = Image.new("RGB", A4, (250, 250, 250))
    cw = 760
    scale = cw / front.width
    fs, bs = front.resize((cw, round(front.height * scale))), back.resize((cw, round(back.height * scale)))
    x = (A4[0] - cw) // 2 + rng.randrange(-40, 40)
    page.paste(fs, (x, 200))
    page.paste(bs, (x, 260 + fs.height))
    cv = Canvas(A4)
    cv.img = page.convert("L").convert("RGB")
    cv.draw = ImageDraw.Draw(cv.img)
    y = 340 + fs.height + bs.height
    cv.text(x, y, "此复印件与原件一致", 34, "kai", (30, 40, 120))
    cv.text(x, y + 60, f"{holder}", 40, "kai", (30, 40, 120))
    return cv.img


# ---- 不动产权证书 ------------------------------------------------------------------------------------

@dataclass
class TitleData:
    cert_number: str
    owner: str
    co_ownership: str
    address: str
    unit: str
    area: str
    land_area: str
    right_type: str = "国有建设用地使用权/房屋所有权"
    nature: str = "出让/市场化商品房"
    use: str = "城镇住宅用地/住宅"
    term: str = "国有建设用地使用权　2008年03月01日起2078年02月28日止"
    office: str = "不动产登记局"


def title_truth(d: TitleData) -> dict[str, str]:
    return {"cert_number": d.cert_number, "owner": d.owner, "co_ownership": d.co_ownership, "address": d.address,
            "unit_number": d.unit, "area": d.area}


def _title_table(cv: Canvas, d: TitleData, x0: float, y0: float, x1: float, rng: random.Random) -> None:
    s = 26
    cv.text(x1 - text_width(d.cert_number, s, "serif") - 10, y0, d.cert_number, s, "serif")
    y = y0 + 60
    label_w = 190
    area_text = rng.choice([f"共有宗地面积{d.land_area}㎡/房屋建筑面积{d.area}㎡",
                            f"土地使用权面积：{d.land_area}㎡　建筑面积：{d.area}㎡"])
    rows = [("权利人", d.owner), ("共有情况", d.co_ownership), ("坐落", d.address), ("不动产单元号", d.unit),
            ("权利类型", d.right_type), ("权利性质", d.nature), ("用途", d.use), ("面积", area_text),
            ("使用期限", d.term)]
    val_w = x1 - x0 - label_w - 30
    for label, value in rows:
        lines = wrap(value, s, val_w)
        if label == "不动产单元号" and rng.random() < 0.7:  # the 28-character number wraps in a narrow cell
            cut = rng.randrange(12, 21)
            lines = [value[:cut], value[cut:]]
        hgt = max(1, len(lines)) * (s + 12) + 22
        cv.rect((x0, y, x0 + label_w, y + hgt), 2)
        cv.rect((x0 + label_w, y, x1, y + hgt), 2)
        cv.centred(x0 + label_w / 2, y + (hgt - s) / 2 - 3, label, s - 2, "serif")
        for i, ln in enumerate(lines):
            cv.text(x0 + label_w + 14, y + 11 + i * (s + 12), ln, s, "serif")
        y += hgt
    other = 260
    cv.rect((x0, y, x0 + label_w, y + other), 2)
    cv.rect((x0 + label_w, y, x1, y + other), 2)
    cv.centred(x0 + label_w / 2, y + other / 2 - 14, "权利其他状况", s - 4, "serif")
    for i, ln in enumerate(["专有建筑面积：" + d.area + "㎡，分摊建筑面积：" + f"{float(d.area) * 0.12:.2f}㎡",
                            "房屋结构：钢筋混凝土结构", f"房屋总层数：{rng.randrange(6, 33)}层，所在层：{rng.randrange(1, 6)}层"]):
        cv.text(x0 + label_w + 14, y + 14 + i * (s + 14), ln, s - 2, "serif")


def property_inner(d: TitleData, rng: random.Random) -> Image.Image:
    """The inner page: the number top right, then the ruled table."""
    cv = Canvas(A4, (252, 249, 242))
    guilloche(cv, (60, 60, A4[0] - 60, A4[1] - 60), rng, ((238, 225, 205), (232, 232, 214)))
    _title_table(cv, d, 100, 150, A4[0] - 100, rng)
    return cv.img


def property_spread(d: TitleData, rng: random.Random) -> Image.Image:
    """The two-page spread: the office's page with its seal on the left, the table on the right."""
    w, h = A4[0] * 2 - 120, A4[1] - 200
    cv = Canvas((w, h), (252, 249, 242))
    half = w / 2
    cv.line([(half, 30), (half, h - 30)], 3, (180, 160, 130))
    cv.wrapped(120, 240, "根据《中华人民共和国民法典》等法律法规，为保护不动产权利人合法权益，对不动产权利人申请登记"
                         "的本证所列不动产权利，经审查核实，准予登记，颁发此证。", 28, half - 240)
    cv.text(half - 520, h - 420, "登记机构（章）", 30, "serif")
    cv.text(half - 500, h - 330, cn_date(date(2020 + rng.randrange(5), rng.randrange(1, 13), rng.randrange(1, 28))),
            30, "serif")
    paint_seal(cv.img, (half - 330, h - 390), 110, d.office, rng)
    cv.text(160, h - 150, "编号NO　" + f"D{rng.randrange(10**10):010d}", 26, "sans", RED)
    sub = Canvas((int(half) - 40, h), (252, 249, 242))
    _title_table(sub, d, 50, 90, half - 110, rng)
    cv.img.paste(sub.img, (int(half) + 20, 0))
    return cv.img


# ---- 居民户口簿 --------------------------------------------------------------------------------------

@dataclass
class HouseholdData:
    household_kind: str
    householder: str
    number: str
    address: str
    name: str
    relation: str
    sex: str
    birthplace: str
    ethnicity: str
    native_place: str
    birth: date
    id_number: str
    office: str


def householder_page(d: HouseholdData) -> dict[str, str]:
    return {"householder": d.householder, "address": d.address}


def resident_card_truth(d: HouseholdData) -> dict[str, str]:
    return {"name": d.name, "id_number": d.id_number}


def _resident_card(cv: Canvas, d: HouseholdData, x0: float, y0: float, x1: float, rng: random.Random) -> float:
    s = 24
    cv.centred((x0 + x1) / 2, y0, "常住人口登记卡", 44, "bold")
    y = y0 + 80
    rows = [[("姓名", d.name), ("户主或与户主关系", d.relation)], [("曾用名", ""), ("性别", d.sex)],
            [("出生地", d.birthplace), ("民族", d.ethnicity)], [("籍贯", d.native_place), ("出生日期", cn_date(d.birth, False))],
            [("本市（县）其他住址", "")], [("宗教信仰", ""), ("公民身份证件编号", d.id_number)],
            [("身高", f"{rng.randrange(150, 190)}厘米"), ("血型", rng.choice(["A", "B", "O", "AB", ""]))],
            [("文化程度", rng.choice(["大学本科", "高中", "大学专科", "初中"])), ("婚姻状况", rng.choice(["已婚", "未婚"])),
             ("兵役状况", "")],
            [("服务处所", ""), ("职业", rng.choice(["职员", "个体经营", "自由职业", ""]))],
            [("何时由何地迁来本市（县）", "")], [("何时由何地迁来本址", "")]]
    for row in rows:
        cell = (x1 - x0) / len(row)
        hgt = s + 34
        x = x0
        for label, value in row:
            lw = min(text_width(label, s - 2, "serif") + 24, cell * 0.6)
            cv.rect((x, y, x + lw, y + hgt), 2)
            cv.rect((x + lw, y, x + cell, y + hgt), 2)
            lines = wrap(label, s - 2, lw - 16)
            for i, ln in enumerate(lines[:2]):
                cv.text(x + 8, y + (hgt - len(lines[:2]) * (s + 2)) / 2 + i * (s + 2), ln, s - 2, "serif")
            if value:
                cv.text(x + lw + 12, y + 14, value, s + 2, "serif")
            x += cell
        y += hgt
    cv.text(x0, y + 30, "承办人签章：", s, "serif")
    cv.text(x1 - 300, y + 30, "登记日期：" + cn_date(date(2010 + rng.randrange(12), rng.randrange(1, 13), 1), False),
            s - 2, "serif")
    paint_seal(cv.img, (x1 - 180, y + 10), 80, d.office + "户口专用章", rng)
    return y + 90


def _householder_block(cv: Canvas, d: HouseholdData, x0: float, y0: float, x1: float) -> float:
    s = 26
    cv.centred((x0 + x1) / 2, y0, "居民户口簿", 46, "bold")
    y = y0 + 90
    rows = [[("户别", d.household_kind), ("户主姓名", d.householder)], [("户号", d.number), ("住址", d.address)]]
    for row in rows:
        cell = (x1 - x0) / 2
        x = x0
        laid = [(label, text_width(label, s, "serif") + 28, value) for label, value in row]
        hgt = max(max(1, len(wrap(v, s, cell - lw - 20))) * (s + 10) + 26 for _, lw, v in laid)
        for label, lw, value in laid:
            lines = wrap(value, s, cell - lw - 20)
            cv.rect((x, y, x + lw, y + hgt), 2)
            cv.rect((x + lw, y, x + cell, y + hgt), 2)
            cv.text(x + 12, y + (hgt - s) / 2 - 2, label, s, "serif")
            for i, ln in enumerate(lines):
                cv.text(x + lw + 12, y + 13 + i * (s + 10), ln, s, "serif")
            x += cell
        y += hgt
    return y


def household_card(d: HouseholdData, rng: random.Random) -> Image.Image:
    cv = Canvas(A4, (250, 248, 240))
    _resident_card(cv, d, 90, 150, A4[0] - 90, rng)
    return cv.img


def household_spread(d: HouseholdData, rng: random.Random) -> Image.Image:
    """户主页 (left) and the 常住人口登记卡 (right), as the open booklet lies under the camera."""
    w, h = A4[0] * 2 - 200, A4[1] - 300
    cv = Canvas((w, h), (250, 248, 240))
    half = w / 2
    cv.line([(half, 20), (half, h - 20)], 3, (170, 150, 120))
    _householder_block(cv, d, 80, 160, half - 80)
    cv.text(80, h - 300, "户口登记机关", 26, "serif")
    paint_seal(cv.img, (380, h - 300), 90, d.office + "户口专用章", rng)
    sub = Canvas((int(half) - 20, h), (250, 248, 240))
    _resident_card(sub, d, 40, 80, half - 80, rng)
    cv.img.paste(sub.img, (int(half) + 10, 0))
    return cv.img


def household_stacked(d: HouseholdData, rng: random.Random) -> Image.Image:
    """户主页 above the 登记卡 on one A4 copy."""
    cv = Canvas(A4, (251, 251, 251))
    y = _householder_block(cv, d, 90, 100, A4[0] - 90)
    _resident_card(cv, d, 90, y + 80, A4[0] - 90, rng)
    cv.img = cv.img.convert("L").convert("RGB")
    return cv.img
