"""A THIRD never-seen set (issue 9): built blind, tuned on by nobody; the lead measures it once, at the end.

    .venv/bin/python -m yichuang.samples.fresh3 --out /tmp/fresh3 --per-family 1     # pages + truth.json
    nice .venv/bin/python -m bench.accuracy --fresh3 --per-family 1 --cases 3         # measure (the lead, once)

``samples.fresh`` and ``samples.fresh2`` were measured and are development data now. This module was
written from how real papers at a service centre look — national templates and their county
variants, model contracts (示范文本) filled in by hand, photos taken on a desk — not from what the
extractor handles, and draws layout families that exist nowhere else in ``samples/``:

* issued documents: the small 营业执照 副本 in one column with the QR code at the bottom; the
  landscape 正本 hung in a picture frame and photographed at a slant; the licence copied onto A4 with
  a handwritten 与原件一致 and a company seal; both ID card sides side by side on one A4 copy under a
  repeated diagonal 仅供…使用 watermark, both on a wood desk in uneven light, or copied into the
  两个粘贴框 of a 身份证明粘贴页; the 不动产权证书 首页 with a 附记 box and QR code, or the open
  booklet photographed with its issuing page; the 户口簿 户主页 alone, or the open booklet with
  handwritten entries;
* forms with the label ABOVE the value in a small caption font, with a vertical header cell whose
  stacked characters span a section's rows (the same row wording under 委托人 and 受托人), with
  handwritten values off their underlines; a 委托书 with a ☑ 权限 checklist and 委托期限, and one
  filled in by hand in a printed sentence; contracts on two pages (the signatures and dates on the
  second), fill-in 示范文本 with handwritten blanks, a rent or price only in 大写; dates as
  2026/3/1, 2026.03.01, 二〇二六年三月一日; money as ¥2,530,000.00 and 贰佰伍拾叁万元整; areas as
  89.50㎡; a health certificate as a phone screenshot, a vaccination slip with its 存根;
* its own label wordings (``fresh3_wording.yaml``; a test checks they are none of the catalog's,
  ``wording.yaml``'s, ``fresh_wording.yaml``'s or ``fresh2_wording.yaml``'s);
* capture styles of its own beside the bench's: ``adf-scan`` (an office feeder scanner: grey,
  1–2° skew, a fold crease, the lid's dark edge, JPEG 60–75) and ``desk-phone`` (the page not
  filling the frame on a wood desk, perspective, 2–8° skew, uneven light and a hand's shadow, blur,
  JPEG 60–75); see :func:`captured3`;
* hard negatives of other kinds than the first two sets' (社会保障卡, 驾驶证, 行驶证, 申请结婚登记
  声明书, 税收完税证明, 准予注销登记通知书, 不动产登记信息查询结果, 户口迁移证, a vet's 电子发票):
  expected ``unknown``;
* whole cases of every matter, complete and variants that must not pass (a key material missing,
  an agent named under this set's wording with no 委托书, an expired card, the application's name
  or ID number not the card's, a key field left blank, a look-alike for a key material).

Every page records the text lines it drew (``page.image.info["text_lines"]``) so a test can check
the truth against the page. Deterministic by seed; nothing is committed.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter
from yichuang.samples import national as N
from yichuang.samples.families import AS_OF, GenCase, _case_data
from yichuang.samples.fresh import money_words
from yichuang.samples.fresh2 import (BLUE, DESK, GREY, INK, LANDSCAPE, RED, Cell, Sheet, _licence_kind, _page,
                                     _years_on, back_truth, card_back, card_front, cn_numeral_date, face,
                                     front_truth, table, width, wrap)
from yichuang.samples.materials import CaseData, SamplePage
from yichuang.samples.people import Person
from yichuang.samples.render import A4

HERE = Path(__file__).parent
Builder = Callable[[CaseData, random.Random], SamplePage]
PEN = (28, 40, 110)  # a blue ballpoint
STYLES3 = ("adf-scan", "desk-phone")  # this set's own capture styles (captured3)


@cache
def wording() -> dict:
    return yaml.safe_load((HERE / "fresh3_wording.yaml").read_text(encoding="utf-8"))


# ---- dates and numbers as pages write them -----------------------------------------------------------------

def dated(d: date, style: int) -> str:
    """0 2026/3/1, 1 2026.03.01, 2 二〇二六年三月一日, 3 2026年3月1日, 4 2026-03-01, 5 2026年03月01日."""
    return [f"{d.year}/{d.month}/{d.day}", f"{d.year}.{d.month:02d}.{d.day:02d}", cn_numeral_date(d),
            f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}年{d.month:02d}月{d.day:02d}日"][style]


def area_text(area: str, rng: random.Random) -> str:
    """86.5 → 86.50㎡, 86.5平方米, 86.5 m²-less forms a certificate or a contract prints."""
    return rng.choice([f"{float(area):.2f}㎡", f"{area}平方米", f"{float(area):.2f}平方米", f"{area}㎡"])


def money_figures(n: int) -> str:
    return f"¥{n:,}.00"


# ---- drawing helpers of this set ----------------------------------------------------------------------------

def hand(cv: Sheet, x: float, y: float, s: str, size: int, rng: random.Random, color=PEN) -> float:
    """A value written by hand: the kai face, every character a little off the line, the whole
    string slanted by a degree or two and set off its underline."""
    if not s:
        return 0.0
    cv.lines.append(s)
    f = face("kai", size)
    w = int(f.getlength(s) + size * 0.6 * len(s) ** 0.5 + size)
    layer = Image.new("RGBA", (w, int(size * 2.2)), (0, 0, 0, 0))
    dr = ImageDraw.Draw(layer)
    cx = size * 0.3
    for ch in s:
        dr.text((cx, size * 0.5 + rng.uniform(-0.09, 0.09) * size), ch, font=f, fill=color + (235,))
        cx += f.getlength(ch) * rng.uniform(0.98, 1.12)
    layer = layer.rotate(rng.uniform(-2.2, 1.2), Image.Resampling.BICUBIC, expand=True)
    cv.img.paste(layer, (int(x - size * 0.3), int(y - size * 0.5 + rng.uniform(-0.25, 0.1) * size)), layer)
    cv.draw = ImageDraw.Draw(cv.img)
    return cx


def stacked(cv: Sheet, cx: float, y0: float, y1: float, s: str, size: int, style: str = "heibold") -> None:
    """The characters of a header one under the other, centred in a tall cell (申/请/人/信/息)."""
    step = size * 1.25
    top = (y0 + y1) / 2 - step * len(s) / 2
    for i, ch in enumerate(s):
        cv.text(cx - width(ch, size, style) / 2, top + i * step, ch, size, style)


def watermark(cv: Sheet, text: str, rng: random.Random, size: int = 44, alpha: int = 70) -> None:
    """The copy shop's 仅供…使用 text repeated diagonally across the whole page, light."""
    w, h = cv.img.size
    tile = Image.new("RGBA", (w * 2, h * 2), (0, 0, 0, 0))
    dr = ImageDraw.Draw(tile)
    f = face("hei", size)
    step_x, step_y = f.getlength(text) + size * 3, size * 5
    for row in range(int(h * 2 / step_y) + 1):
        for col in range(int(w * 2 / step_x) + 2):
            dr.text((col * step_x - (row % 2) * step_x / 2, row * step_y), text, font=f, fill=(120, 120, 120, alpha))
    tile = tile.rotate(rng.uniform(25, 40), Image.Resampling.BICUBIC)
    tile = tile.crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    cv.img = Image.alpha_composite(cv.img.convert("RGBA"), tile).convert("RGB")
    cv.draw = ImageDraw.Draw(cv.img)
    cv.lines.append(text)


def wood(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A wood desk: a brown base, long wavy grain, a little noise."""
    import numpy as np

    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.array(rng.choice([(150, 104, 66), (122, 84, 52), (176, 132, 88), (98, 70, 48)]), np.float32)
    a = rng.uniform(0, math.pi)
    u = xx * math.cos(a) + yy * math.sin(a)
    v = -xx * math.sin(a) + yy * math.cos(a)
    grain = np.sin(v / rng.uniform(9, 16) + 3 * np.sin(u / rng.uniform(120, 260))) * 0.5 + 0.5
    grain = grain ** 3 * 0.22 + np.sin(v / 2.7) * 0.03
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.025, (h, w))
    arr = base[None, None, :] * (0.86 + grain + noise)[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _light(img: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    """Uneven light: a bright spot where the lamp is, a falloff, a soft dark blob (a hand or the phone)."""
    import numpy as np

    w, h = img.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
    d = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / max(w, h)
    factor = 1.08 - strength * d
    bx, by = rng.choice([0.0, 1.0]) * w, rng.uniform(0.5, 1.0) * h
    blob = np.exp(-(((xx - bx) ** 2 + (yy - by) ** 2) / (2 * (0.22 * max(w, h)) ** 2)))
    factor -= 0.28 * blob
    arr = np.asarray(img).astype(np.float32) * np.clip(factor, 0.35, 1.15)[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _warp(img: Image.Image, rng: random.Random, amount: float, fill) -> Image.Image:
    w, h = img.size
    d = amount * min(w, h)
    src = [(rng.uniform(0, d), rng.uniform(0, d)), (w - rng.uniform(0, d), rng.uniform(0, d)),
           (w - rng.uniform(0, d), h - rng.uniform(0, d)), (rng.uniform(0, d), h - rng.uniform(0, d))]
    from yichuang.samples.render import _perspective_coeffs

    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], src)
    return img.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=fill)


def on_desk(page: Image.Image, rng: random.Random, fill: float = 0.72, angle: float | None = None,
            warp: float = 0.04) -> Image.Image:
    """The page lying on a wood desk, taking ``fill`` of the frame's longer side, turned and seen
    a little from the side, with a soft shadow under its edge."""
    w, h = page.size
    scale = fill
    out_w, out_h = int(w / scale), int(h / scale)
    desk = wood((out_w, out_h), rng)
    angle = rng.choice([-1, 1]) * rng.uniform(2, 8) if angle is None else angle
    rgba = page.convert("RGBA").rotate(angle, Image.Resampling.BICUBIC, expand=True)
    shadow = Image.new("RGBA", rgba.size, (0, 0, 0, 0))
    shadow.putalpha(rgba.getchannel("A").point(lambda a: a * 0.45))
    shadow = shadow.filter(ImageFilter.GaussianBlur(12))
    x = int((out_w - rgba.width) / 2 + rng.uniform(-0.05, 0.05) * out_w)
    y = int((out_h - rgba.height) / 2 + rng.uniform(-0.04, 0.04) * out_h)
    desk.paste(shadow, (x + 10, y + 14), shadow)
    desk.paste(rgba, (x, y), rgba)
    return _warp(desk, rng, warp, tuple(desk.getpixel((2, 2))))


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def fold(img: Image.Image, rng: random.Random) -> Image.Image:
    """A crease where the paper was folded in three or in half: a light line and a dark one beside it."""
    out = img.copy()
    dr = ImageDraw.Draw(out)
    w, h = img.size
    if rng.random() < 0.6:
        y = int(h * rng.choice([1 / 3, 1 / 2, 2 / 3]) + rng.uniform(-20, 20))
        dr.line([(0, y), (w, y + rng.uniform(-8, 8))], fill=(255, 255, 255), width=2)
        dr.line([(0, y + 3), (w, y + 3 + rng.uniform(-8, 8))], fill=(150, 150, 150), width=2)
    else:
        x = int(w / 2 + rng.uniform(-20, 20))
        dr.line([(x, 0), (x + rng.uniform(-8, 8), h)], fill=(255, 255, 255), width=2)
        dr.line([(x + 3, 0), (x + 3 + rng.uniform(-8, 8), h)], fill=(150, 150, 150), width=2)
    return out


def captured3(sample: SamplePage, style: str, seed: int) -> Image.Image:
    """How a page of this set reaches us: the bench's styles (``samples.generate.captured``), or this
    set's own ``adf-scan`` and ``desk-phone``."""
    from yichuang.samples.generate import captured
    from yichuang.samples.render import _noise
    from yichuang.samples.seals import mark_page

    if style not in STYLES3:
        return captured(sample, style, seed)
    rng = random.Random(seed)
    img = mark_page(sample.image, sample.material, seed)
    if style == "adf-scan":
        if sample.card:  # a card laid on the flatbed glass of the same machine
            bed = Image.new("RGB", A4, (246, 246, 244))
            bed.paste(img.resize((int(img.width * 0.8), int(img.height * 0.8))), (rng.randrange(60, 160), rng.randrange(80, 200)))
            img = bed
        elif rng.random() < 0.7:
            img = fold(img, rng)
        img = img.convert("L").point(lambda v: min(255, int(v * 1.12))).convert("RGB")  # grey, a little washed out
        img = img.rotate(rng.choice([-1, 1]) * rng.uniform(1, 2), Image.Resampling.BICUBIC, expand=False,
                         fillcolor=(40, 40, 40))
        ImageDraw.Draw(img).rectangle((0, 0, img.width, rng.randrange(6, 18)), fill=(30, 30, 30))  # the lid's edge
        img = _noise(img, rng, 5).filter(ImageFilter.UnsharpMask(1.2, 60, 3))
        return _jpeg(img, rng.randrange(60, 76))
    if not sample.card and rng.random() < 0.5:
        img = fold(img, rng)
    fill = rng.uniform(0.42, 0.55) if sample.card else rng.uniform(0.62, 0.82)
    img = on_desk(img, rng, fill, None, rng.uniform(0.02, 0.06))
    if max(img.size) > 2300:  # a phone photo as an app uploads it
        k = 2300 / max(img.size)
        img = img.resize((int(img.width * k), int(img.height * k)), Image.Resampling.LANCZOS)
    img = _light(img, rng, rng.uniform(0.25, 0.45))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.2)))
    img = _noise(img, rng, 6)
    return _jpeg(img, rng.randrange(60, 76))


def photo(cv: Sheet, rng: random.Random, fill: float, angle: float, warp: float) -> tuple[Image.Image, list[str]]:
    """A sheet already photographed (part of the family, not of the capture)."""
    img = _light(on_desk(cv.img, rng, fill, angle, warp), rng, 0.3)
    return img, list(cv.lines)


def _photo_page(material: str, family: str, img: Image.Image, lines: list[str], truth: dict[str, str]) -> SamplePage:
    if max(img.size) > 2400:
        k = 2400 / max(img.size)
        img = img.resize((int(img.width * k), int(img.height * k)), Image.Resampling.LANCZOS)
    return _page(material, family, img, truth, lines)


def _copy(img: Image.Image) -> Image.Image:
    """A photocopy: grey, contrast up, specks."""
    g = img.convert("L").point(lambda v: 255 if v > 215 else int(v * 0.92))
    return g.convert("RGB")


# ---- 营业执照 ---------------------------------------------------------------------------------------------

PERSON_LABEL = {"company": "法定代表人", "branch": "负责人", "partnership": "执行事务合伙人", "sole": "投资人",
                "individual": "经营者", "coop": "法定代表人"}
TYPES = {"company": ["有限责任公司（自然人独资）", "有限责任公司（自然人投资或控股）", "其他有限责任公司"],
         "branch": ["有限责任公司分公司（自然人独资）"], "partnership": ["普通合伙企业"], "sole": ["个人独资企业"],
         "individual": ["个体工商户"], "coop": ["农民专业合作社"]}
SCOPES3 = [
    "许可项目：食品销售；烟草制品零售；出版物零售。一般项目：食品销售（仅销售预包装食品）；日用杂品销售；厨具卫具及日用杂品零售；"
    "鞋帽零售；服装服饰零售；办公用品销售；玩具销售；新鲜水果零售；新鲜蔬菜零售；鲜肉零售；水产品零售。"
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "餐饮服务；食品小作坊经营；小餐饮、小食杂、食品小作坊经营。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "零售：预包装食品兼散装食品，乳制品（不含婴幼儿配方乳粉），卷烟、雪茄烟；日用百货、化妆品、文具、五金交电。",
]


def _licence_rows(d: CaseData, rng: random.Random, kind: str | None) -> tuple[str, str, str, str, list[Cell]]:
    kind, name = _licence_kind(d, rng, kind)
    etype = rng.choice(TYPES[kind])
    scope = rng.choice([d.scope, *SCOPES3])
    rows: list[Cell] = [("名称", name), ("类型", etype), (PERSON_LABEL[kind], d.operator.name)]
    if kind == "individual":
        rows.append(("组成形式", rng.choice(["个人经营", "家庭经营"])))
    elif kind in ("company", "branch", "coop"):
        rows.append(("注册资本" if kind != "coop" else "成员出资总额", rng.choice(["人民币伍拾万元整", "叁拾万元", "壹佰万元人民币"])))
    rows.append(("注册日期" if kind == "individual" else "成立日期", N.cn_date(d.established)))
    if kind in ("company", "branch", "coop"):
        rows.append(("营业期限", f"{N.cn_date(d.established)}至长期"))
    place = {"individual": "经营场所", "branch": "营业场所", "partnership": "主要经营场所"}.get(kind, "住所")
    rows.append((place, d.premises))
    return kind, name, etype, scope, rows


def _spread4(label: str) -> str:
    """A label spread to four characters' width, the way the printed licence aligns its column."""
    if len(label) == 2:
        return label[0] + "　　" + label[1]
    if len(label) == 3:
        return label[0] + " " + label[1] + " " + label[2]
    return label


def licence_fuben(d: CaseData, rng: random.Random) -> SamplePage:
    """The small 副本 in one column: code under the title, values right of spread labels, the long
    scope last, the QR code bottom left and the authority's seal bottom right."""
    kind, name, etype, scope, rows = _licence_rows(d, rng, None)
    w, h = 1100, 1560
    cv = Sheet((w, h), (253, 250, 240))
    gold = (170, 128, 66)
    cv.rect((24, 24, w - 24, h - 24), 5, gold)
    cv.rect((40, 40, w - 40, h - 40), 1, gold)
    N.emblem(cv, (w / 2, 120), 46)
    cv.centred(w / 2, 190, "营　业　执　照", 64, "songbold")
    cv.centred(w / 2, 275, "（副本）", 26, "song")
    cv.text(w - 300, 282, f"编号：{rng.randrange(10**7, 10**8)}-{rng.randrange(1, 4)}", 17, "hei")
    cv.centred(w / 2, 330, f"统一社会信用代码　{d.credit_code}", 24, "hei")
    s = 25
    y = 410.0
    lx, vx = 100, 100 + s * 5 + 10
    for label, value in rows + [("经营范围", scope)]:
        cv.text(lx, y, _spread4(label) if len(label) <= 3 else label, s, "song")
        y = cv.wrapped(vx, y, value, s if label != "经营范围" else s - 2, w - 100 - vx, "song", 0.4) + 22
    N.qr(cv, (100, h - 330, 170), rng)
    cv.text(100, h - 150, "扫描二维码登录“国家企业信用", 14, "hei")
    cv.text(100, h - 130, "信息公示系统”了解更多信息", 14, "hei")
    cv.text(w - 420, h - 300, "登记机关", 24, "song")
    issued = d.established + timedelta(days=rng.randrange(0, 500))
    cv.text(w - 400, h - 220, N.cn_date(issued), 24, "song")
    N.paint_seal(cv.img, (w - 260, h - 240), 90, f"{d.operator.region[2]}市场监督管理局", rng)
    cv.centred(w / 2, h - 90, "国家市场监督管理总局监制", 16, "hei")
    return _page("business_license", "licence-fuben-onecol", cv, {
        "credit_code": d.credit_code, "entity_name": name, "entity_type": etype, "legal_rep": d.operator.name,
        "address": d.premises, "established": d.established.isoformat(), "business_scope": scope})


def _licence_landscape(d: CaseData, rng: random.Random) -> tuple[Sheet, dict[str, str]]:
    """The 正本 in landscape: two columns under the title, labels in hei, values in song."""
    kind, name, etype, scope, rows = _licence_rows(d, rng, None)
    w, h = LANDSCAPE
    cv = Sheet((w, h), (252, 248, 236))
    gold = (160, 120, 62)
    for k in range(3):
        cv.rect((30 + k * 9, 30 + k * 9, w - 30 - k * 9, h - 30 - k * 9), 2, gold)
    cv.text(100, 90, "统一社会信用代码", 20, "hei")
    cv.text(100, 118, d.credit_code, 26, "mono")
    N.qr(cv, (w - 250, 80, 140), rng)
    N.emblem(cv, (w / 2, 130), 50)
    cv.centred(w / 2, 200, "营业执照", 90, "songbold")
    left, right = rows[:3], rows[3:]
    s = 27
    y = 380.0
    for label, value in left:
        cv.text(110, y, _spread4(label) if len(label) <= 3 else label, s, "hei")
        y = cv.wrapped(110 + s * 6, y, value, s, w * 0.52 - 110 - s * 6, "song", 0.35) + 20
    cv.text(110, y, "经营范围", s, "hei")
    cv.wrapped(110 + s * 6, y, scope, s - 3, w * 0.52 - 110 - s * 6, "song", 0.3)
    y = 380.0
    rx = w * 0.55
    for label, value in right:
        cv.text(rx, y, _spread4(label) if len(label) <= 3 else label, s, "hei")
        y = cv.wrapped(rx + s * 6, y, value, s, w - 110 - rx - s * 6, "song", 0.35) + 20
    cv.text(w - 520, h - 230, "登记机关", s, "hei")
    cv.text(w - 480, h - 160, N.cn_date(d.established + timedelta(days=rng.randrange(0, 400))), s, "song")
    N.paint_seal(cv.img, (w - 340, h - 190), 100, f"{d.operator.region[2]}市场监督管理局", rng)
    cv.text(110, h - 110, "国家企业信用信息公示系统网址：www.gsxt.gov.cn", 16, "hei")
    return cv, {"credit_code": d.credit_code, "entity_name": name, "entity_type": etype, "legal_rep": d.operator.name,
                "address": d.premises, "established": d.established.isoformat(), "business_scope": scope}


def licence_framed(d: CaseData, rng: random.Random) -> SamplePage:
    """The 正本 behind glass in a picture frame, photographed on the shop's counter at a slant."""
    cv, truth = _licence_landscape(d, rng)
    w, h = cv.img.size
    framed = Image.new("RGB", (w + 120, h + 120), rng.choice([(40, 30, 24), (120, 84, 40), (20, 20, 20)]))
    framed.paste(cv.img, (60, 60))
    dr = ImageDraw.Draw(framed, "RGBA")  # a glare band across the glass
    gx = rng.uniform(0.2, 0.7) * w
    dr.polygon([(gx, 60), (gx + 140, 60), (gx - 160, h + 60), (gx - 300, h + 60)], fill=(255, 255, 255, 60))
    img = _light(on_desk(framed, rng, 0.78, rng.choice([-1, 1]) * rng.uniform(3, 7), 0.07), rng, 0.25)
    return _photo_page("business_license", "licence-framed-slant", img, list(cv.lines), truth)


def licence_copy(d: CaseData, rng: random.Random) -> SamplePage:
    """The landscape licence copied onto A4 portrait, reduced, with 与原件一致 written by hand and the
    company's seal over it."""
    cv, truth = _licence_landscape(d, rng)
    k = 1080 / cv.img.width
    small = _copy(cv.img.resize((1080, int(cv.img.height * k)), Image.Resampling.LANCZOS))
    page = Sheet(A4, (250, 250, 250))
    page.img.paste(small, (80, 180))
    page.lines += cv.lines
    y = 200 + small.height + 60
    hand(page, 160, y, "此复印件与原件一致", 40, rng, (20, 20, 20))
    hand(page, 160, y + 80, f"仅供{rng.choice(['办理食品经营许可', '门店备案', '签订租赁合同'])}使用", 36, rng, (20, 20, 20))
    page.text(160, y + 170, "经办人签字：", 26, "song")
    N.paint_seal(page.img, (760, y + 90), 110, truth["entity_name"], rng)
    return _page("business_license", "licence-a4-copy-hand", page, truth)


# ---- 居民身份证 --------------------------------------------------------------------------------------------

USES = ["仅供办理个体工商户登记使用", "仅供不动产登记使用，他用无效", "仅限养犬登记使用", "仅供食品经营许可办理使用，复印无效"]


def id_a4_watermark(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Front left and back right on one A4 copy, a 仅供…使用 watermark repeated diagonally across."""
    p: Person = getattr(d, who)
    mm = rng.uniform(6.4, 6.8)
    paper = (252, 252, 252)
    front, back = card_front(p, rng, mm, paper), card_back(p, rng, mm, paper)
    cv = Sheet(A4, paper)
    gap = rng.randrange(24, 50)
    x = (A4[0] - 2 * front.img.width - gap) // 2
    y = rng.randrange(220, 520)
    cv.put(front, (x, y))
    cv.put(back, (x + front.img.width + gap, y + rng.randrange(-12, 12)))
    cv.grey()
    watermark(cv, rng.choice(USES), rng, rng.choice([36, 44]), rng.choice([60, 85]))
    cv.text(x, y + front.img.height + 90, "本人签名：", 26, "song")
    cv.text(x, y + front.img.height + 150, f"日期：{dated(AS_OF - timedelta(days=rng.randrange(1, 20)), 0)}", 24, "song")
    return _page("id_card", "a4-side-by-side-watermark", cv, {**front_truth(p), **back_truth(p)})


def id_wood_pair(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Both sides on a wood desk, one above the other, each turned its own way, in a lamp's light."""
    p: Person = getattr(d, who)
    mm = rng.uniform(8.6, 9.4)
    front, back = card_front(p, rng, mm, (0, 0, 0)), card_back(p, rng, mm, (0, 0, 0))
    cw, ch = front.img.width, front.img.height
    desk = wood((cw + 360, 2 * ch + 420), rng)
    out = Sheet(desk.size)
    out.img = desk
    out.draw = ImageDraw.Draw(desk)
    for k, card in enumerate([front, back] if rng.random() < 0.6 else [back, front]):
        mask = Image.new("L", card.img.size, 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, cw - 1, ch - 1), int(3 * mm), fill=255)
        rgba = card.img.convert("RGBA")
        rgba.putalpha(mask)
        rgba = rgba.rotate(rng.choice([-1, 1]) * rng.uniform(3, 8), Image.Resampling.BICUBIC, expand=True)
        out.img.paste(rgba, (150 + rng.randrange(-40, 40), 120 + k * (ch + 140)), rgba)
        out.lines += card.lines
    img = _light(out.img, rng, 0.35)
    return _photo_page("id_card", "card-pair-wood-desk", img, out.lines, {**front_truth(p), **back_truth(p)})


def id_paste_sheet(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """A 身份证明粘贴页: two ruled boxes, the front copied into the first, the back into the second."""
    p: Person = getattr(d, who)
    mm = rng.uniform(7.6, 8.4)
    paper = (250, 250, 250)
    front, back = card_front(p, rng, mm, paper), card_back(p, rng, mm, paper)
    cv = Sheet(A4, paper)
    cv.centred(A4[0] / 2, 80, rng.choice(["身份证明复印件粘贴页", "申请人身份证件复印件粘贴处"]), 34, "songbold")
    y = 170
    for side, card in (("（人像面）", front), ("（国徽面）", back)):
        cv.rect((120, y, A4[0] - 120, y + card.img.height + 110), 2)
        cv.text(140, y + 14, side, 20, "song", GREY)
        cv.put(card, ((A4[0] - card.img.width) // 2 + rng.randrange(-30, 30), y + 60), rng.uniform(-2, 2), paper)
        y += card.img.height + 150
    cv.grey()
    cv.text(140, y + 10, "以上复印件由本人提供，与原件相符。　本人签字：", 24, "song")
    return _page("id_card", "paste-sheet-two-boxes", cv, {**front_truth(p), **back_truth(p)})


def id_case3(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    return rng.choice([id_a4_watermark, id_wood_pair, id_paste_sheet])(d, rng, who)


# ---- 不动产权证书 ------------------------------------------------------------------------------------------

def _title_rows3(d: CaseData, owner: Person, rng: random.Random) -> tuple[list[list[Cell]], str]:
    area = area_text(d.area, rng)
    rows: list[list[Cell]] = [
        [("权利人", owner.name)], [("共有情况", d.co_ownership)], [("坐落", d.premises)], [("不动产单元号", d.unit)],
        [("权利类型", "国有建设用地使用权/房屋（构筑物）所有权")], [("权利性质", rng.choice(["出让/市场化商品房", "出让/存量房"]))],
        [("用途", "城镇住宅用地/住宅")],
        [("面积", f"宗地面积{rng.randrange(3000, 40000) / 10:.1f}㎡/房屋建筑面积{area}")],
        [("使用期限", f"{rng.randrange(2000, 2015)}年{rng.randrange(1, 13)}月{rng.randrange(1, 28)}日起{rng.randrange(2070, 2085)}年止")],
        [("权利其他状况", f"套内建筑面积：{float(d.area) * 0.8:.2f}㎡\n所在层/总层数：{rng.randrange(2, 9)}/{rng.randrange(10, 33)}")]]
    return rows, area


def title_first_page(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The 首页: the number over the table, the rows in the national order, a 附记 box under the
    table with a QR code and the 共有 note."""
    owner = owner or d.lessor
    rows, _ = _title_rows3(d, owner, rng)
    rows[-1] = [(rows[-1][0][0], rows[-1][0][1].replace("\n", "；"))]
    cv = Sheet(A4, (251, 250, 244))
    cv.text(A4[0] - 130 - width(d.cert, 24, "song"), 90, d.cert, 24, "song")
    y = table(cv, rows, 110, A4[0] - 110, 150, 23, 150, rng.choice(["song", "hei"]), "song")
    cv.rect((110, y, A4[0] - 110, y + 360), 2)
    cv.centred(A4[0] / 2, y + 16, "附　记", 26, "songbold")
    N.qr(cv, (A4[0] - 330, y + 60, 190), rng)
    notes = [f"业务号：{rng.randrange(10**11, 10**12)}", f"共有人：{'无' if d.co_ownership == '单独所有' else d.spouse.name}",
             "扫描右侧二维码可查验本证书信息。"]
    yy = y + 70
    for ln in notes:
        yy = cv.wrapped(140, yy, ln, 22, A4[0] - 520, "song") + 14
    return _page("property_certificate", "title-first-page-fuji-qr", cv, {
        "cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership, "address": d.premises,
        "unit_number": d.unit, "area": d.area})


def title_open_book(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The open booklet photographed: the issuing page left (statement, seal, a print serial), the
    table page right with the number on top."""
    owner = owner or d.lessor
    rows, _ = _title_rows3(d, owner, rng)
    rows[-1] = [(rows[-1][0][0], rows[-1][0][1].replace("\n", "　"))]
    pw, ph = 1100, 1500
    cv = Sheet((2 * pw, ph), (250, 245, 232))
    cv.line([(pw, 0), (pw, ph)], 6, (200, 186, 160))
    statement = ("根据《中华人民共和国民法典》等法律法规，为保护不动产权利人合法权益，对不动产权利人申请登记的本证所列"
                 "不动产权利，经审查核实，准予登记，颁发此证。")
    cv.wrapped(120, 300, "　　" + statement, 26, pw - 240, "song", 0.8)
    cv.text(pw - 480, 800, "登记机构（章）", 26, "song")
    cv.text(pw - 470, 880, dated(AS_OF - timedelta(days=rng.randrange(300, 3000)), 5), 26, "song")
    N.paint_seal(cv.img, (pw - 330, 830), 110, f"{owner.region[2]}不动产登记中心", rng)
    cv.text(120, ph - 160, f"编号NO　{rng.choice('DEJ')}{rng.randrange(10**10, 10**11)}", 24, "mono", RED)
    cv.text(pw + 110, 90, d.cert, 24, "song")
    table(cv, rows, pw + 80, 2 * pw - 80, 150, 22, 130, "song", "song")
    img, lines = photo(cv, rng, 0.84, rng.uniform(-4, 4), 0.05)
    return _photo_page("property_certificate", "title-open-book-photo", img, lines, {
        "cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership, "address": d.premises,
        "unit_number": d.unit, "area": d.area})


def title_case3(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    return (title_first_page if rng.random() < 0.5 else title_open_book)(d, rng, owner)


# ---- 居民户口簿 --------------------------------------------------------------------------------------------

def _head_page(cv: Sheet, x0: float, y0: float, x1: float, head: Person, addr: str, rng: random.Random, by_hand: bool) -> float:
    cv.centred((x0 + x1) / 2, y0, "户　口　簿", 40, "songbold")
    y = y0 + 80
    cw = (x1 - x0) / 4
    rows = [[("户别", rng.choice(["家庭户", "居民家庭户"])), ("户主姓名", head.name)],
            [("户号", f"{rng.randrange(10**7, 10**8)}"), ("住址", addr)]]
    for row in rows:
        h = 110 if len(row[1][1]) > 14 else 70
        for k, (label, value) in enumerate(row):
            lx = x0 + k * 2 * cw
            cv.rect((lx, y, lx + cw * 0.7, y + h), 2)
            cv.rect((lx + cw * 0.7, y, lx + 2 * cw, y + h), 2)
            cv.text(lx + 12, y + h / 2 - 12, label, 20, "song")
            room = cw * 1.3 - 24
            lines = wrap(value, 22, room, "kai")
            for i, ln in enumerate(lines):
                if by_hand:
                    hand(cv, lx + cw * 0.7 + 12, y + 12 + i * 34, ln, 22, rng)
                else:
                    cv.text(lx + cw * 0.7 + 12, y + 12 + i * 34, ln, 22, "song")
        y += h
    cv.rect((x0, y, x0 + 2 * cw, y + 150), 2)
    cv.text(x0 + 12, y + 12, "户口登记机关户口专用章", 18, "song")
    cv.rect((x0 + 2 * cw, y, x1, y + 150), 2)
    cv.text(x0 + 2 * cw + 12, y + 12, "承办人签章", 18, "song")
    cv.text(x0 + 2 * cw + 12, y + 100, f"签发日期　{dated(AS_OF - timedelta(days=rng.randrange(400, 5000)), 3)}", 18, "song")
    N.paint_seal(cv.img, (x0 + cw, y + 80), 60, f"{head.region[2]}公安局户口专用章", rng)
    return y + 150


def household_head_alone(d: CaseData, rng: random.Random) -> SamplePage:
    """The 户主页 alone, the booklet's own size, laid on the glass: only the householder and address."""
    head = d.operator if rng.random() < 0.6 else d.spouse
    cv = Sheet((1000, 700), (244, 240, 228))
    _head_page(cv, 50, 50, 950, head, d.operator.address, rng, False)
    return _page("household_register", "hukou-head-page-alone", cv, {"householder": head.name,
                                                                    "address": d.operator.address}, card=True)


def household_open_hand(d: CaseData, rng: random.Random) -> SamplePage:
    """The open booklet: the 户主页 left, a member's 登记卡 right, entries written by hand."""
    p = d.operator
    head = p if rng.random() < 0.4 else d.spouse
    w, h = 2000, 1300
    cv = Sheet((w, h), (245, 240, 226))
    cv.line([(w / 2, 0), (w / 2, h)], 5, (205, 195, 175))
    _head_page(cv, 60, 60, w / 2 - 60, head, p.address, rng, True)
    x0, x1 = w / 2 + 60, w - 60
    cv.centred((x0 + x1) / 2, 60, "常住人口登记卡", 34, "songbold")
    y = 130.0
    rows = [("姓名", p.name, "户主或与户主关系", "户主" if head is p else rng.choice(["夫", "妻"])),
            ("曾用名", "", "性别", p.sex), ("出生地", p.region[1] + p.region[2], "民族", p.ethnicity),
            ("籍贯", p.region[1], "出生日期", dated(p.birth, 3)), ("公民身份证件编号", p.id_number, "", ""),
            ("文化程度", rng.choice(["大专", "高中", "初中", "大学"]), "婚姻状况", rng.choice(["已婚", "未婚"])),
            ("服务处所", "", "职业", rng.choice(["个体", "职员", ""]))]
    cw = (x1 - x0) / 4
    for a, va, b, vb in rows:
        hgt = 64
        if not b:
            cv.rect((x0, y, x0 + cw, y + hgt), 2)
            cv.rect((x0 + cw, y, x1, y + hgt), 2)
            for i, ln in enumerate(wrap(a, 18, cw - 16, "song")):
                cv.text(x0 + 8, y + 6 + i * 24, ln, 18, "song")
            hand(cv, x0 + cw + 16, y + 16, va, 26, rng)
        else:
            for k, (lab, val) in enumerate(((a, va), (b, vb))):
                lx = x0 + k * 2 * cw
                cv.rect((lx, y, lx + cw, y + hgt), 2)
                cv.rect((lx + cw, y, lx + 2 * cw, y + hgt), 2)
                for i, ln in enumerate(wrap(lab, 18, cw - 16, "song")):
                    cv.text(lx + 8, y + 6 + i * 24, ln, 18, "song")
                if val:
                    for i, ln in enumerate(wrap(val, 22, cw - 20, "kai")):
                        hand(cv, lx + cw + 12, y + 12 + i * 30, ln, 22, rng)
        y += hgt
    return _page("household_register", "hukou-open-handwritten", cv, {
        "householder": head.name, "address": p.address, "name": p.name, "id_number": p.id_number})
