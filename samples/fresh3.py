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
from yichuang.samples.fresh import iter_set, money_words, set_data
from yichuang.samples.fresh2 import (
    BLUE,
    DESK,
    GREY,
    INK,
    LANDSCAPE,
    RED,
    Cell,
    Sheet,
    _licence_kind,
    _page,
    _years_on,
    back_truth,
    card_back,
    card_front,
    cn_numeral_date,
    face,
    front_truth,
    table,
    width,
    wrap,
)
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
    tile = tile.rotate(rng.uniform(25, 40), Image.Resampling.BILINEAR)
    tile = tile.crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    cv.img = Image.alpha_composite(cv.img.convert("RGBA"), tile).convert("RGB")
    cv.draw = ImageDraw.Draw(cv.img)
    cv.lines.append(text)


def wood(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A wood desk: a brown base, long wavy grain, a little noise."""
    import numpy as np

    k = 3  # drawn at a third of the size and enlarged: the grain is smooth, and this is nine times faster
    w, h = size[0] // k + 1, size[1] // k + 1
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.array(rng.choice([(150, 104, 66), (122, 84, 52), (176, 132, 88), (98, 70, 48)]), np.float32)
    a = rng.uniform(0, math.pi)
    u = xx * math.cos(a) + yy * math.sin(a)
    v = -xx * math.sin(a) + yy * math.cos(a)
    wobble = 1.2 * np.sin(u / rng.uniform(90, 160)) + 0.5 * np.sin(u / rng.uniform(25, 40) + v / 60)
    grain = np.sin(v / rng.uniform(2.2, 3.6) + wobble + 0.9 * np.sin(v / 17)) * 0.5 + 0.5
    grain = grain ** 4 * 0.16 + np.sin(v / 0.9 + u / 80) * 0.02 + np.sin(v / 23) * 0.05
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.03, (h, w))
    arr = base[None, None, :] * (0.86 + grain + noise)[..., None]
    small = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return small.resize((w * k, h * k), Image.Resampling.BICUBIC).crop((0, 0, *size))


def _light(img: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    """Uneven light: a bright spot where the lamp is, a falloff, a soft dark blob (a hand or the phone)."""
    import numpy as np

    w, h = img.size[0] // 8 + 1, img.size[1] // 8 + 1  # light varies slowly: worked out at an eighth, enlarged
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
    d = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / max(w, h)
    factor = 1.08 - strength * d
    bx, by = rng.choice([0.0, 1.0]) * w, rng.uniform(0.5, 1.0) * h
    blob = np.exp(-(((xx - bx) ** 2 + (yy - by) ** 2) / (2 * (0.22 * max(w, h)) ** 2)))
    factor = np.clip(factor - 0.28 * blob, 0.35, 1.15).astype(np.float32)
    big = np.asarray(Image.fromarray(factor, "F").resize(img.size, Image.Resampling.BILINEAR))
    arr = np.asarray(img).astype(np.float32) * big[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _warp(img: Image.Image, rng: random.Random, amount: float, fill) -> Image.Image:
    w, h = img.size
    d = amount * min(w, h)
    src = [(rng.uniform(0, d), rng.uniform(0, d)), (w - rng.uniform(0, d), rng.uniform(0, d)),
           (w - rng.uniform(0, d), h - rng.uniform(0, d)), (rng.uniform(0, d), h - rng.uniform(0, d))]
    from yichuang.samples.render import _perspective_coeffs

    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], src)
    return img.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=fill)


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
    alpha = rgba.getchannel("A").point(lambda a: a * 0.45)
    small = alpha.resize((max(1, alpha.width // 4), max(1, alpha.height // 4))).filter(ImageFilter.GaussianBlur(3))
    shadow.putalpha(small.resize(alpha.size, Image.Resampling.BILINEAR))
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
    img = mark_page(sample.image, sample.material, seed, owner=sample.fields.get("applicant"))
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
    if sample.image.info.get("photo"):  # a photo already: taken again only in this phone's light
        img = img.rotate(rng.uniform(-2, 2), Image.Resampling.BICUBIC, expand=False, fillcolor=img.getpixel((1, 1)))
    else:
        if not sample.card and rng.random() < 0.5:
            img = fold(img, rng)
        fill = rng.uniform(0.42, 0.55) if sample.card else rng.uniform(0.62, 0.82)
        img = on_desk(img, rng, fill, None, rng.uniform(0.02, 0.06))
    if max(img.size) > 2800:  # a phone photo as an app uploads it (an A4 page stays at about 150 dpi or more)
        k = 2800 / max(img.size)
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
    page = _page(material, family, img, truth, lines)
    page.image.info["photo"] = True  # already a photo on a desk: a capture style does not lay it on another
    return page


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


# ---- forms: captions above values, a vertical header cell, handwriting on underlines ----------------------

Entry = tuple[str, str, "str | None"]  # label, value, truth field (None: drawn, not asked for)
Section = tuple["str | None", list[Entry]]


def _section(spec: dict, key: str, values: dict[str, str], rng: random.Random,
             extra: list[Entry] | None = None) -> Section:
    sec = spec["sections"][key]
    rows = [(rng.choice(sec["rows"][k]), v, k if k in values and not k.startswith("_") else None)
            for k, v in values.items() if k in sec["rows"]]
    return rng.choice(sec["heading"]), rows + (extra or [])


def _others(spec: dict, values: dict[str, str], rng: random.Random) -> list[Entry]:
    return [(rng.choice(spec["others"][k]), v, None) for k, v in values.items()]


def caption_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                 blank: frozenset[str] = frozenset()) -> Sheet:
    """Ruled boxes, each with a small grey caption in its top-left corner and the value under it;
    sections under a shaded bar; long values take the whole row."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, title, 36, rng.choice(["songbold", "heibold"]))
    cv.text(A4[0] - 420, 130, f"申请编号：{rng.randrange(10**12, 10**13)}", 18, "hei", GREY)
    x0, x1 = 80, A4[0] - 80
    cap, s = rng.choice([15, 16, 17]), rng.choice([23, 25])
    vstyle = rng.choice(["song", "hei"])
    y = 170.0
    for heading, entries in sections:
        if heading:
            cv.rect((x0, y, x1, y + 40), 0, (200, 200, 200), (226, 230, 236))
            cv.text(x0 + 12, y + 8, heading, 22, "heibold")
            y += 40
        row: list[Entry] = []

        def flush(row: list[Entry], y: float) -> float:
            if not row:
                return y
            cw = (x1 - x0) / len(row)
            laid = [wrap(v, s, cw - 28, vstyle) if f not in blank else [] for _, v, f in row]
            h = cap + 22 + max(1, *(len(ln) for ln in laid)) * (s + 10) + 10
            for k, ((label, _, _), lines) in enumerate(zip(row, laid, strict=True)):
                bx = x0 + k * cw
                cv.rect((bx, y, bx + cw, y + h), 1, (120, 120, 120))
                cv.text(bx + 8, y + 6, label, cap, "hei", GREY)
                for i, ln in enumerate(lines):
                    cv.text(bx + 14, y + cap + 18 + i * (s + 10), ln, s, vstyle)
            return y + h

        for entry in entries:
            if width(entry[1], s, vstyle) > (x1 - x0) / 2 - 40:
                y = flush(row, y)
                row = []
                y = flush([entry], y)
            else:
                row.append(entry)
                if len(row) == 2:
                    y = flush(row, y)
                    row = []
        y = flush(row, y) + 16
    y += 20
    for note in notes:
        y = cv.wrapped(x0 + 10, y, note, 22, x1 - x0 - 20, "song") + 14
    return cv


def header_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                blank: frozenset[str] = frozenset()) -> Sheet:
    """A ruled table whose first column is one tall cell per section with the heading's characters
    stacked; then label and value cells, two pairs a row where the values are short."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, title, 36, "songbold")
    cv.text(90, 140, f"填报日期：{dated(AS_OF - timedelta(days=rng.randrange(1, 12)), rng.choice([0, 1, 2]))}", 20, "song")
    x0, x1 = 80, A4[0] - 80
    hw, lw, s = 64, rng.choice([150, 170]), rng.choice([22, 23])
    vstyle = rng.choice(["kai", "song"])
    ink = PEN if vstyle == "kai" else INK
    y = 190.0
    for heading, entries in sections:
        top = y
        rows: list[list[Entry]] = []
        pend: list[Entry] = []
        for e in entries:
            if width(e[1], s, vstyle) > (x1 - x0 - hw) / 2 - lw - 24 or len(e[0]) > 8:
                rows.append([e])
            else:
                pend.append(e)
                if len(pend) == 2:
                    rows.append(pend)
                    pend = []
        if pend:
            rows.append(pend)
        heading = (heading or "").replace("（", "").replace("）", "")
        need = len(heading) * 22 * 1.25 + 30  # the stacked heading must fit its cell
        lays = []
        for row in rows:
            cell = (x1 - x0 - hw) / len(row)
            laid = [(wrap(lab, s - 3, lw - 14, "song"), wrap(v, s, cell - lw - 24, vstyle) if f not in blank else [])
                    for lab, v, f in row]
            lays.append((cell, laid, max(60, *(max(len(a), len(b), 1) * (s + 12) + 22 for a, b in laid))))
        short = need - sum(h for _, _, h in lays)
        if short > 0:
            lays = [(c, lay, h + short / len(lays)) for c, lay, h in lays]
        for cell, laid, h in lays:
            for k, (labs, vals) in enumerate(laid):
                cx = x0 + hw + k * cell
                cv.rect((cx, y, cx + lw, y + h), 2)
                cv.rect((cx + lw, y, cx + cell, y + h), 2)
                ly = y + (h - len(labs) * (s + 8)) / 2
                for i, ln in enumerate(labs):
                    cv.text(cx + 8, ly + i * (s + 8), ln, s - 3, "song")
                for i, ln in enumerate(vals):
                    cv.text(cx + lw + 12, y + 14 + i * (s + 12), ln, s, vstyle, ink)
            y += h
        cv.rect((x0, top, x0 + hw, y), 2)
        stacked(cv, x0 + hw / 2, top, y, heading, 22)
    y += 30
    for note in notes:
        y = cv.wrapped(x0 + 10, y, note, 22, x1 - x0 - 20, "song") + 14
    return cv


def underline_hand_form(title: str, entries: list[Entry], rng: random.Random, notes: list[str],
                        blank: frozenset[str] = frozenset()) -> Sheet:
    """A printed form of label：______ lines, one a row; the values written in by hand, above or
    across their line, never quite on it."""
    cv = Sheet(A4, (252, 252, 248))
    cv.centred(A4[0] / 2, 90, title, 38, "songbold")
    x0, x1 = 110, A4[0] - 110
    y = 220.0
    s = 24
    for label, value, f in entries:
        lw = cv.text(x0, y, label + "：", s, "song")
        cv.line([(x0 + lw, y + s + 6), (x1, y + s + 6)], 1, GREY)
        if f not in blank:
            for i, ln in enumerate(wrap(value, 28, x1 - x0 - lw - 40, "kai")):
                hand(cv, x0 + lw + 20 + rng.uniform(0, 30), y - 8 + i * 46, ln, 28, rng)
            y += 46 * max(0, len(wrap(value, 28, x1 - x0 - lw - 40, "kai")) - 1)
        y += 78
    y += 30
    for note in notes:
        y = cv.wrapped(x0, y, note, 22, x1 - x0, "song") + 14
    return cv


FORM_STYLES = {"form-caption-above": caption_form, "form-vertical-header": header_form}


def _agent_section(spec: dict, agent: Person, rng: random.Random) -> Section:
    return _section(spec, "agent", {"agent_name": agent.name, "agent_id_number": agent.id_number, "phone": agent.phone}, rng)


def _truth(sections: list[Section], blank: frozenset[str]) -> dict[str, str]:
    return {f: v for _, entries in sections for _, v, f in entries if f and f not in blank}


def individual_application(d: CaseData, rng: random.Random, family: str | None = None,
                           blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = wording()["forms"]["individual_business_application"]
    family = family or rng.choice(list(FORM_STYLES))
    p = d.operator
    sections = [_section(spec, "operator", {"operator_name": p.name, "operator_id_number": p.id_number,
                                            "phone": p.phone}, rng),
                _section(spec, "shop", {"trade_name": d.trade_name, "premises_address": d.premises,
                                        "business_scope": d.scope}, rng,
                         _others(spec, {"form": rng.choice(["个人经营", "家庭经营"]), "staff": str(rng.randrange(1, 6)),
                                        "capital": str(rng.randrange(2, 30))}, rng))]
    # the operator's phone is the catalog's `phone`; the agent's phone is drawn but not truth
    if d.extra.get("agent"):
        head, rows = _agent_section(spec, d.agent, rng)
        sections.append((head, [(lab, v, f if f != "phone" else None) for lab, v, f in rows]))
    cv = FORM_STYLES[family](rng.choice(spec["titles"]), sections, rng,
                             ["本人承诺：所填内容及提交材料真实有效，如有虚假愿承担法律责任。", "经营者（签字）：　　　　　　年　　月　　日"],
                             blank)
    return _page("individual_business_application", family, cv, _truth(sections, blank))


FORMATS = ["食品销售经营者（便利店）", "食品销售经营者（食杂店）", "餐饮服务经营者（小餐馆）"]


def food_application(d: CaseData, rng: random.Random, family: str | None = None,
                     blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = wording()["forms"]["food_license_application"]
    family = family or rng.choice(list(FORM_STYLES))
    p = d.operator
    sections = [_section(spec, "operator", {"applicant": d.entity_name, "credit_code": d.credit_code,
                                            "business_format": rng.choice(FORMATS), "premises_address": d.premises}, rng,
                         _others(spec, {"area": str(rng.randrange(20, 150))}, rng)),
                _section(spec, "rep", {"legal_rep": p.name, "legal_rep_id_number": p.id_number, "phone": p.phone}, rng)]
    if d.extra.get("agent"):
        head, rows = _agent_section(spec, d.agent, rng)
        sections.append((head, [(lab, v, f if f != "phone" else None) for lab, v, f in rows]))
    cv = FORM_STYLES[family](rng.choice(spec["titles"]), sections, rng,
                             ["申请人声明：本单位（本人）对所提交材料的真实性负责。", "法定代表人（签字）：　　　　　　申请单位（盖章）："], blank)
    return _page("food_license_application", family, cv, _truth(sections, blank))


def dog_application(d: CaseData, rng: random.Random, family: str | None = None,
                    blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = wording()["forms"]["dog_registration_form"]
    family = family or rng.choice(["form-caption-above", "form-hand-underline"])
    p = d.operator
    values = {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address, "phone": p.phone}
    others = {"dog_name": rng.choice(["旺财", "球球", "可乐", "花卷"]), "colour": rng.choice(["黄色", "黑白花", "奶白"]),
              "sex": rng.choice(["公", "母"]), "age": str(rng.randrange(3, 90))}
    notes = ["犬主承诺：遵守养犬管理规定，外出时为犬只束犬链、挂犬牌，及时清理犬只粪便。", "犬主签字：　　　　　　　日期："]
    if family == "form-hand-underline":
        f = spec["fields"]
        entries: list[Entry] = [(rng.choice(f[k]), v, k) for k, v in {**values, "breed": d.breed}.items()]
        entries += _others(spec, others, rng)
        rng.shuffle(entries)
        cv = underline_hand_form(rng.choice(spec["titles"]), entries, rng, notes, blank)
        return _page("dog_registration_form", family, cv, _truth([(None, entries)], blank))
    sections = [_section(spec, "owner", values, rng),
                _section(spec, "dog", {"breed": d.breed}, rng, _others(spec, others, rng))]
    cv = caption_form(rng.choice(spec["titles"]), sections, rng, notes, blank)
    return _page("dog_registration_form", family, cv, _truth(sections, blank))


def estate_application(d: CaseData, rng: random.Random, blank: frozenset[str] = frozenset()) -> SamplePage:
    """The 不动产登记申请书 with vertical header cells: the kind ticked, then the 权利人 block and the
    义务人 block one under the other (the same row wordings in each), then the property."""
    spec = wording()["forms"]["real_estate_application"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, rng.choice(spec["titles"]), 36, "songbold")
    cv.text(90, 130, f"收件编号：{rng.randrange(10**9, 10**10)}　　收件日期：{dated(AS_OF - timedelta(days=2), 1)}", 18, "hei")
    x0, x1, s = 80, A4[0] - 80, 21
    hw, lw = 56, 190
    y = 170.0
    kinds = ["首次登记", "转移登记", "变更登记", "注销登记", "更正登记", "预告登记"]
    lab = rng.choice(spec["fields"]["registration_type"])
    cv.rect((x0, y, x0 + hw + lw, y + 90), 2)
    for i, ln in enumerate(wrap(lab, s - 1, hw + lw - 16, "song")):
        cv.text(x0 + 8, y + 14 + i * 28, ln, s - 1, "song")
    cw = (x1 - x0 - hw - lw) / 3
    for k, kind in enumerate(kinds):
        cx, cy = x0 + hw + lw + (k % 3) * cw, y + (k // 3) * 45
        cv.rect((cx, cy, cx + cw, cy + 45), 1)
        cv.text(cx + 10, cy + 10, ("☑" if kind == "转移登记" else "☐") + kind, s, "song")
    y += 110
    rows = spec["person_rows"]
    blocks = [("buyer", d.buyer), ("seller", d.lessor)]
    if rng.random() < 0.3:
        blocks.reverse()
    truth = {"registration_type": "转移登记"}
    outer_top = y
    for role, who in blocks:
        sec = spec["sections"][role]
        head = rng.choice(sec["heading"])
        entries = [(rng.choice(sec["rows"][role]), who.name, role), (rng.choice(rows["id_kind"]), "居民身份证", None),
                   (rng.choice(rows["id_number"]), who.id_number, None), (rng.choice(rows["address"]), who.address, None),
                   (rng.choice(rows["phone"]), who.phone, None)]
        top = y
        for label, value, f in entries:
            lines = wrap(value, s, x1 - x0 - 2 * hw - lw - 30, "kai") if f not in blank else []
            h = max(52, len(lines) * (s + 12) + 20)
            cv.rect((x0 + hw, y, x0 + 2 * hw, y + h), 0, None, None)
            cv.rect((x0 + 2 * hw, y, x0 + 2 * hw + lw, y + h), 2)
            cv.rect((x0 + 2 * hw + lw, y, x1, y + h), 2)
            cv.text(x0 + 2 * hw + 8, y + h / 2 - 12, label, s - 2, "song")
            for i, ln in enumerate(lines):
                cv.text(x0 + 2 * hw + lw + 12, y + 12 + i * (s + 12), ln, s, "kai", PEN)
            y += h
            if f and f not in blank:
                truth[f] = value
        cv.rect((x0 + hw, top, x0 + 2 * hw, y), 2)
        stacked(cv, x0 + hw * 1.5, top, y, head.replace("（", "").replace("）", ""), 18, "song")
    cv.rect((x0, outer_top, x0 + hw, y), 2)
    stacked(cv, x0 + hw / 2, outer_top, y, "申请人情况", 22)
    top = y
    for field_, value in (("address", d.premises), ("unit_number", d.unit), (None, "住宅"), (None, area_text(d.area, rng))):
        label = rng.choice(spec["fields"][field_]) if field_ else ("用途" if value == "住宅" else "面积")
        lines = wrap(value, s, x1 - x0 - hw - lw - 30, "kai") if field_ not in blank else []
        h = max(52, len(lines) * (s + 12) + 20)
        cv.rect((x0 + hw, y, x0 + hw + lw, y + h), 2)
        cv.rect((x0 + hw + lw, y, x1, y + h), 2)
        for i, ln in enumerate(wrap(label, s - 2, lw - 14, "song")):
            cv.text(x0 + hw + 8, y + 8 + i * (s + 4), ln, s - 2, "song")
        for i, ln in enumerate(lines):
            cv.text(x0 + hw + lw + 12, y + 12 + i * (s + 12), ln, s, "kai", PEN)
        y += h
        if field_ and field_ not in blank:
            truth[field_] = value
    cv.rect((x0, top, x0 + hw, y), 2)
    stacked(cv, x0 + hw / 2, top, y, "不动产情况", 22)
    cv.wrapped(x0 + 10, y + 40, "申请人承诺：本申请书所填内容及提交的材料真实、合法、有效。", 21, x1 - x0 - 20)
    cv.text(x0 + 10, y + 110, "权利人（签章）：　　　　　　义务人（签章）：", 22, "song")
    return _page("real_estate_application", "estate-vertical-blocks", cv, truth)


# ---- 授权委托书: a 权限 checklist, or a printed sentence filled in by hand --------------------------------------

def _matter_text(d: CaseData) -> str:
    return f"{d.extra.get('matter', '个体工商户设立登记')}（{d.entity_name}）"


def attorney_checklist(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["forms"]["power_of_attorney"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, rng.choice(spec["titles"]), 40, "songbold")
    x0, x1, s = 100, A4[0] - 100, 23
    y = 180.0
    for role, who in (("principal", d.operator), ("agent", d.agent)):
        sec = spec["sections"][role]
        cv.text(x0, y, f"{rng.choice(sec['heading'])}", s + 1, "heibold")
        y += s * 1.9
        rows = [(rng.choice(sec["rows"]["principal" if role == "principal" else "agent_name"]), who.name)]
        if role == "agent":
            rows.append((rng.choice(sec["rows"]["agent_id_number"]), who.id_number))
        else:
            rows.append(("证件号（居民身份证）", who.id_number))
        rows += [(rng.choice(spec["person_rows"]["address"]), who.address), (rng.choice(spec["person_rows"]["phone"]), who.phone)]
        for label, value in rows:
            lw = cv.text(x0 + 30, y, label + "：", s, "song")
            y = cv.wrapped(x0 + 30 + lw, y, value, s, x1 - x0 - 30 - lw, "song", 0.5) + 12
        y += 16
    entrusted = _matter_text(d)
    lw = cv.text(x0, y, rng.choice(spec["fields"]["entrusted_matter"]) + "：", s, "heibold")
    y = cv.wrapped(x0 + lw, y, entrusted, s, x1 - x0 - lw, "song", 0.5) + 18
    cv.text(x0, y, "委托权限（请勾选）：", s, "heibold")
    y += s * 1.8
    ticks = rng.sample(range(len(spec["powers"])), k=rng.randrange(3, len(spec["powers"]) + 1))
    for i, power in enumerate(spec["powers"]):
        cv.text(x0 + 30 + (i % 2) * 520, y + (i // 2) * (s * 1.8), ("☑" if i in ticks else "☐") + power, s - 1, "song")
    y += (len(spec["powers"]) + 1) // 2 * s * 1.8 + 14
    start, end = AS_OF - timedelta(days=rng.randrange(1, 8)), AS_OF + timedelta(days=rng.choice([30, 90, 180]))
    st = rng.choice([0, 1, 2])
    cv.text(x0, y, f"{rng.choice(spec['term'])}：自{dated(start, st)}至{dated(end, st)}止", s, "song")
    y += s * 3
    cv.text(x0, y, "委托人（签字）：", s, "song")
    cv.text(A4[0] / 2 + 40, y, "受托人（签字）：", s, "song")
    cv.text(A4[0] / 2 + 40, y + s * 2.5, dated(start, st), s, "song")
    return _page("power_of_attorney", "attorney-checklist", cv, {
        "principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
        "entrusted_matter": entrusted})


def attorney_hand_filled(d: CaseData, rng: random.Random) -> SamplePage:
    """A printed 委托书 whose blanks are filled in by hand: 委托人____（身份证号____）现委托____…"""
    spec = wording()["forms"]["power_of_attorney"]
    cv = Sheet(A4, (252, 251, 246))
    cv.centred(A4[0] / 2, 110, rng.choice(spec["titles"]), 42, "songbold")
    x0, s = 110, 26
    entrusted = _matter_text(d)
    parts: list[tuple[str, str]] = [("委托人", d.operator.name), ("，公民身份号码", d.operator.id_number),
                                    ("，现委托", d.agent.name), ("（公民身份号码", d.agent.id_number),
                                    ("）作为我的代理人，代为办理", entrusted), ("事宜。代理人在办理上述事项过程中所签署的有关文件，我均予以承认。", "")]
    y = 260.0
    x = x0 + 2 * s
    for printed, filled in parts:
        for ch in printed:
            if x + s > A4[0] - 110:
                x, y = x0, y + s * 2.4
            x += cv.text(x, y, ch, s, "song")
        if filled:
            need = width(filled, 28, "kai") + 40
            if x + need > A4[0] - 110 and need < A4[0] - 220:
                x, y = x0, y + s * 2.4
            cv.line([(x, y + s + 8), (x + need, y + s + 8)], 1, GREY)
            hand(cv, x + 16, y - 8, filled, 28, rng)
            x += need
    y += s * 3.5
    until = AS_OF + timedelta(days=rng.choice([60, 120]))
    cv.text(x0, y, "委托期限：至", s, "song")
    hand(cv, x0 + width("委托期限：至", s, "song") + 10, y - 6, dated(until, rng.choice([0, 3])), 28, rng)
    cv.text(x0 + width("委托期限：至", s, "song") + 260, y, "止", s, "song")
    y += s * 4
    cv.text(A4[0] / 2, y, "委托人（签名）：", s, "song")
    cv.text(A4[0] / 2, y + s * 2.6, "受托人（签名）：", s, "song")
    cv.text(A4[0] / 2, y + s * 5.2, "年　　月　　日", s, "song")
    return _page("power_of_attorney", "attorney-hand-filled", cv, {
        "principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
        "entrusted_matter": entrusted})


def attorney_case3(d: CaseData, rng: random.Random) -> SamplePage:
    return (attorney_checklist if rng.random() < 0.5 else attorney_hand_filled)(d, rng)


# ---- contracts: two pages, fill-in 示范文本, amounts only in 大写 ---------------------------------------------

def _blank_line(cv: Sheet, x: float, y: float, printed: str, filled: str, s: int, rng: random.Random,
                right: float = A4[0] - 100) -> float:
    """``printed`` then a line with ``filled`` written on it by hand; returns the y of the next row."""
    lw = cv.text(x, y, printed, s, "song")
    room = right - x - lw - 20
    lines = wrap(filled, 27, room, "kai") if filled else [""]
    for i, ln in enumerate(lines):
        cv.line([(x + lw, y + s + 6 + i * 48), (right, y + s + 6 + i * 48)], 1, GREY)
        if ln:
            hand(cv, x + lw + 14, y - 6 + i * 48, ln, 27, rng)
    return y + 48 * len(lines) + 24


def _paras(cv: Sheet, y: float, paras: list[str], s: int, style: str = "song") -> float:
    for para in paras:
        y = cv.wrapped(100, y, para, s, A4[0] - 200, style, 0.6) + 14
    return y


def lease_two_pages(d: CaseData, rng: random.Random) -> list[SamplePage]:
    """Page 1: the parties, the premises, the term, the rent in 大写 only; page 2 (no title): the
    last clauses, both signatures and the dates."""
    spec = wording()["contracts"]["lease_contract"]
    lessee = d.extra.get("lessee", d.operator.name)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 40, "songbold")
    s, y = 23, 180.0
    for role, name, who in (("lessor", d.lessor.name, d.lessor), ("lessee", lessee, d.operator)):
        cv.text(100, y, f"{rng.choice(spec['parties'][role])}：{name}", s + 1, "song")
        y += s * 1.7
        cv.text(140, y, f"{rng.choice(spec['others']['id'])}：{who.id_number}　{rng.choice(spec['others']['contact'])}："
                f"{who.phone}", s - 2, "song")
        y += s * 2.2
    ds = rng.choice([0, 1, 2])
    rent = rng.randrange(18, 90) * 100
    y = _paras(cv, y + 10, [
        "根据《中华人民共和国民法典》及有关规定，甲乙双方在平等、自愿的基础上，就房屋租赁事宜达成如下协议：",
        f"第一条　{rng.choice(spec['blanks']['address'])}{d.premises}，建筑面积{area_text(d.area, rng)}，用途为商业经营。",
        f"第二条　租赁期限自{dated(d.term_start, ds)}起至{dated(d.term_end, ds)}止。",
        f"第三条　月租金为人民币{money_words(rent)}，每三个月支付一次，乙方另交押金人民币{money_words(rent * 2)}。",
        "第四条　乙方以该房屋作为经营场所办理营业执照的，甲方应提供房屋权属证明复印件并予配合。"], s)
    cv.centred(A4[0] / 2, A4[1] - 80, "第 1 页 共 2 页", 18, "hei")
    more = Sheet(A4)
    yy = _paras(more, 110, ["第五条　租赁期间，房屋及附属设施的维修由甲方负责，因乙方使用不当造成损坏的由乙方负责。",
                            "第六条　租赁期满，乙方需继续租用的，应于期满前一个月书面通知甲方，同等条件下乙方有优先承租权。",
                            "第七条　本合同未尽事宜，双方协商解决；协商不成的，向房屋所在地人民法院起诉。",
                            "第八条　本合同一式三份，甲乙双方各执一份，备案一份，自双方签字之日起生效。"], s)
    signed = d.term_start - timedelta(days=rng.randrange(3, 20))
    more.text(100, yy + 60, "甲方（签字）：", s, "song")
    more.text(A4[0] / 2 + 20, yy + 60, "乙方（签字）：", s, "song")
    more.text(100, yy + 160, f"签订日期：{dated(signed, rng.choice([0, 1]))}", s, "song")
    more.text(A4[0] / 2 + 20, yy + 160, f"签订日期：{dated(signed, rng.choice([0, 1]))}", s, "song")
    more.centred(A4[0] / 2, A4[1] - 80, "第 2 页 共 2 页", 18, "hei")
    truth = {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
             "term_end": d.term_end.isoformat()}
    return [_page("lease_contract", "lease-two-pages", cv, truth), _page("lease_contract", "continuation", more, {})]


def lease_two_page(d: CaseData, rng: random.Random) -> SamplePage:
    return lease_two_pages(d, rng)[0]


def lease_model_blanks(d: CaseData, rng: random.Random) -> SamplePage:
    """The city's 示范文本 with its blanks filled by hand; the term's numbers each in their own blank."""
    spec = wording()["contracts"]["lease_contract"]
    lessee = d.extra.get("lessee", d.operator.name)
    cv = Sheet(A4, (252, 252, 249))
    cv.centred(A4[0] / 2, 80, rng.choice(spec["titles"]), 40, "songbold")
    cv.centred(A4[0] / 2, 140, "（示范文本）", 22, "song")
    s, y = 24, 210.0
    y = _blank_line(cv, 100, y, rng.choice(spec["parties"]["lessor"]) + "：", d.lessor.name, s, rng)
    y = _blank_line(cv, 100, y, rng.choice(spec["others"]["id"]) + "：", d.lessor.id_number, s, rng)
    y = _blank_line(cv, 100, y, rng.choice(spec["parties"]["lessee"]) + "：", lessee, s, rng)
    y = _blank_line(cv, 100, y, rng.choice(spec["others"]["id"]) + "：", d.operator.id_number, s, rng) + 10
    cv.text(100, y, "第一条　房屋基本情况", s, "heibold")
    y = _blank_line(cv, 100, y + 50, rng.choice(spec["blanks"]["address"]), d.premises, s, rng)
    y = _blank_line(cv, 100, y, "建筑面积（平方米）", d.area, s, rng) + 10
    cv.text(100, y, "第二条　租赁期限", s, "heibold")
    y += 56
    x = 100.0
    for printed, filled in (("自", str(d.term_start.year)), ("年", str(d.term_start.month)), ("月", str(d.term_start.day)),
                            ("日起至", str(d.term_end.year)), ("年", str(d.term_end.month)), ("月", str(d.term_end.day)),
                            ("日止。", "")):
        x += cv.text(x, y, printed, s, "song") + 8
        if filled:
            cv.line([(x, y + s + 6), (x + 70, y + s + 6)], 1, GREY)
            hand(cv, x + 8, y - 6, filled, 27, rng)
            x += 78
    y += 80
    rent = rng.randrange(18, 90) * 100
    cv.text(100, y, "第三条　租金及支付方式", s, "heibold")
    y = _blank_line(cv, 100, y + 50, "月租金（大写）：人民币", money_words(rent), s, rng)
    y = _paras(cv, y + 10, ["第四条　甲方保证对出租房屋享有合法的出租权利，乙方可以该房屋办理工商登记。",
                            "出租人（签章）：　　　　　　　承租人（签章）："], s)
    return _page("lease_contract", "lease-model-blanks", cv, {
        "lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
        "term_end": d.term_end.isoformat()})


def sale_model_blanks(d: CaseData, rng: random.Random) -> SamplePage:
    """The 示范文本 filled in by hand; the price in 小写 with a ¥ and thousands, and in 大写."""
    spec = wording()["contracts"]["house_sale_contract"]
    price = int(d.price)
    cv = Sheet(A4, (252, 252, 249))
    cv.centred(A4[0] / 2, 80, rng.choice(spec["titles"]), 40, "songbold")
    cv.text(A4[0] - 420, 150, f"合同编号：{rng.randrange(10**9, 10**10)}", 18, "hei")
    s, y = 24, 210.0
    y = _blank_line(cv, 100, y, rng.choice(spec["parties"]["seller"]) + "：", d.lessor.name, s, rng)
    y = _blank_line(cv, 100, y, rng.choice(spec["others"]["id"]) + "：", d.lessor.id_number, s, rng)
    y = _blank_line(cv, 100, y, rng.choice(spec["parties"]["buyer"]) + "：", d.buyer.name, s, rng)
    y = _blank_line(cv, 100, y, rng.choice(spec["others"]["id"]) + "：", d.buyer.id_number, s, rng) + 10
    cv.text(100, y, "第一条　房屋基本情况", s, "heibold")
    y = _blank_line(cv, 100, y + 50, rng.choice(spec["blanks"]["address"]), d.premises, s, rng)
    y = _blank_line(cv, 100, y, "不动产权证书号：", d.cert, s, rng)
    y = _blank_line(cv, 100, y, "建筑面积：", area_text(d.area, rng), s, rng) + 10
    cv.text(100, y, "第二条　成交价格", s, "heibold")
    y = _blank_line(cv, 100, y + 50, "成交价格（小写）：", money_figures(price) + "元", s, rng)
    y = _blank_line(cv, 100, y, "（大写）：人民币", money_words(price), s, rng)
    y = _paras(cv, y + 10, ["第三条　买受人于本合同签订后　　日内通过资金监管账户支付首付款。",
                            "第四条　双方自本合同签订之日起三十日内共同向不动产登记机构申请转移登记。",
                            "出卖人（签章）：　　　　　　　买受人（签章）："], s)
    return _page("house_sale_contract", "sale-model-blanks", cv, {
        "seller": d.lessor.name, "buyer": d.buyer.name, "address": d.premises, "price": str(price)})


def sale_two_pages(d: CaseData, rng: random.Random) -> list[SamplePage]:
    """Page 1: the two parties as blocks of rows with the same wording, the house, the price only
    in 大写 inside a sentence; page 2 (no title): signatures and dates."""
    spec = wording()["contracts"]["house_sale_contract"]
    price = int(d.price)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 40, "songbold")
    s = 23
    rows: list[list[Cell]] = []
    for role, who in (("seller", d.lessor), ("buyer", d.buyer)):
        rows += [[("§" + rng.choice(spec["parties"][role]), "")], [("姓名或单位名称", who.name)],
                 [(rng.choice(spec["others"]["id"]), who.id_number)], [(rng.choice(spec["others"]["contact"]), who.address)]]
    y = table(cv, rows, 90, A4[0] - 90, 170, s, 200, "song", "song") + 30
    y = _paras(cv, y, [
        f"第一条　{rng.choice(spec['blanks']['address'])}{d.premises}，建筑面积{area_text(d.area, rng)}，"
        f"不动产权证书号为{d.cert}。",
        f"第二条　经双方协商一致，该房屋成交总价为人民币{money_words(price)}，含房屋附属设施设备及装修。",
        "第三条　出卖人保证该房屋没有产权纠纷，未设定抵押，亦未被司法查封。"], s)
    cv.centred(A4[0] / 2, A4[1] - 80, "— 1 —", 20, "hei")
    more = Sheet(A4)
    yy = _paras(more, 110, ["第四条　税费按国家及本市有关规定由双方各自承担。",
                            "第五条　本合同自双方签字之日起生效，一式四份，双方各执一份，其余交登记机构及资金监管机构。"], s)
    when = AS_OF - timedelta(days=rng.randrange(5, 30))
    more.text(100, yy + 60, "出卖人（签字）：", s, "song")
    more.text(A4[0] / 2 + 20, yy + 60, "买受人（签字）：", s, "song")
    more.text(100, yy + 150, dated(when, 2), s, "song")
    more.text(A4[0] / 2 + 20, yy + 150, dated(when, 2), s, "song")
    more.centred(A4[0] / 2, A4[1] - 80, "— 2 —", 20, "hei")
    truth = {"seller": d.lessor.name, "buyer": d.buyer.name, "address": d.premises, "price": str(price)}
    return [_page("house_sale_contract", "sale-two-pages", cv, truth), _page("house_sale_contract", "continuation", more, {})]


def sale_two_page(d: CaseData, rng: random.Random) -> SamplePage:
    return sale_two_pages(d, rng)[0]


# ---- certificates: a phone screenshot, a card with captions, a slip with its stub, a copied spread ---------

def _health_until(d: CaseData) -> date:
    return d.extra.get("health_until") or _years_on(d.exam_date, 1) - timedelta(days=1)


def health_screenshot(d: CaseData, rng: random.Random) -> SamplePage:
    """The electronic certificate as a phone screenshot: a status bar, the app's header, a card."""
    spec = wording()["certificates"]["health_certificate"]
    p, until = d.staff, _health_until(d)
    w, h = 1080, 2340
    cv = Sheet((w, h), (244, 246, 250))
    cv.text(50, 30, f"{rng.randrange(8, 22)}:{rng.randrange(60):02d}", 36, "heibold")
    cv.text(w - 260, 30, f"5G  {rng.randrange(20, 99)}%", 34, "hei")
    cv.rect((0, 110, w, 250), 0, (30, 120, 220), (30, 120, 220))
    cv.text(40, 150, "〈", 50, "hei", (255, 255, 255))
    cv.centred(w / 2, 150, "电子健康证明", 50, "heibold", (255, 255, 255))
    cv.draw.rounded_rectangle((50, 300, w - 50, 1900), 30, fill=(255, 255, 255))
    cv.centred(w / 2, 350, rng.choice(spec["titles"]), 46, "heibold", (20, 90, 160))
    cv.rect((w / 2 - 130, 450, w / 2 + 130, 780), 0, (210, 216, 224), (210, 216, 224))
    st = rng.choice([0, 1, 4])
    rows = [(rng.choice(spec["name"]), p.name), ("性　　别", p.sex), ("从业类别", rng.choice(["食品生产经营", "公共场所"])),
            (rng.choice(spec["exam_date"]), dated(d.exam_date, st)), (rng.choice(spec["valid_until"]), dated(until, st)),
            ("发证机构", f"{p.region[2]}疾病预防控制中心")]
    y = 840
    for label, value in rows:
        cv.text(110, y, label, 36, "hei", GREY)
        cv.text(430, y, value, 38, "hei")
        y += 92
    cv.draw.rounded_rectangle((w / 2 - 110, y + 10, w / 2 + 110, y + 80), 30, fill=(40, 170, 90))
    cv.centred(w / 2, y + 22, "有效", 40, "heibold", (255, 255, 255))
    N.qr(cv, (w / 2 - 150, 1960, 300), rng)
    cv.centred(w / 2, 2280, "请向检查人员出示此码", 30, "hei", GREY)
    return _page("health_certificate", "health-phone-screenshot", cv, {
        "name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()})


def health_card_captions(d: CaseData, rng: random.Random) -> SamplePage:
    """A laminated card: small captions above the values, the photo left, a QR code right, a glare band."""
    spec = wording()["certificates"]["health_certificate"]
    p, until = d.staff, _health_until(d)
    mm = rng.uniform(9.5, 11)
    w, h = round(85.6 * mm), round(54 * mm)
    cv = Sheet((w, h), (250, 250, 250))
    cv.draw.rounded_rectangle((0, 0, w - 1, h - 1), int(3 * mm), fill=(236, 246, 238), outline=(90, 150, 110), width=3)
    cv.centred(w / 2, 3 * mm, rng.choice(spec["titles"]), round(4.2 * mm), "heibold", (30, 110, 60))
    cv.rect((4 * mm, 12 * mm, 22 * mm, 36 * mm), 0, (200, 208, 214), (200, 208, 214))
    cap, val = round(2.3 * mm), round(3.1 * mm)
    st = rng.choice([1, 3, 5])
    cells = [(rng.choice(spec["name"]), p.name), ("性别", p.sex), (rng.choice(spec["exam_date"]), dated(d.exam_date, st)),
             (rng.choice(spec["valid_until"]), dated(until, st))]
    for k, (label, value) in enumerate(cells):
        x, y = 26 * mm + (k % 2) * 24 * mm * (1 if k < 2 else 0), 12 * mm + (k if k >= 2 else 0) * 0 + (k // 2) * 10 * mm
        if k >= 2:
            x, y = 26 * mm, 22 * mm + (k - 2) * 10 * mm
        cv.text(x, y, label, cap, "hei", GREY)
        cv.text(x, y + cap + 0.8 * mm, value, val, "song")
    N.qr(cv, (66 * mm, 14 * mm, 15 * mm), rng)
    cv.text(4 * mm, 46 * mm, f"编号：{rng.randrange(10**11, 10**12)}", round(2.4 * mm), "mono")
    layer = Image.new("RGBA", cv.img.size, (0, 0, 0, 0))
    gx = rng.uniform(0.3, 0.7) * w
    ImageDraw.Draw(layer).polygon([(gx, 0), (gx + 50, 0), (gx - 70, h), (gx - 120, h)], fill=(255, 255, 255, 110))
    cv.img = Image.alpha_composite(cv.img.convert("RGBA"), layer).convert("RGB")
    cv.draw = ImageDraw.Draw(cv.img)
    return _page("health_certificate", "health-card-captions", cv, {
        "name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()}, card=True)


def _vacc_until(d: CaseData) -> date:
    return d.extra.get("vacc_until") or _years_on(d.vaccinated_on, 1) - timedelta(days=1)


def vaccination_stub(d: CaseData, rng: random.Random) -> SamplePage:
    """A landscape slip: the 存根 left (the same owner, breed and date), a perforation, the 正联 right."""
    spec = wording()["certificates"]["dog_vaccination_cert"]
    owner, until = d.extra.get("dog_owner", d.operator.name), _vacc_until(d)
    w, h = 1600, 900
    cv = Sheet((w, h), (250, 247, 236))
    st = rng.choice([0, 1, 3])
    cut = 520
    cv.centred(cut / 2, 50, "存　根", 30, "songbold")
    y = 130
    for label, value in (("犬主", owner), ("品种", d.breed), ("免疫日期", dated(d.vaccinated_on, st))):
        cv.text(40, y, f"{label}：{value}", 22, "song")
        y += 60
    cv.text(40, h - 120, f"No.{rng.randrange(10**6, 10**7)}", 22, "mono", RED)
    for yy in range(20, h - 20, 24):
        cv.line([(cut, yy), (cut, yy + 12)], 2, GREY)
    cv.centred((cut + w) / 2, 50, rng.choice(spec["titles"]), 36, "songbold")
    cv.text(w - 360, 110, f"No.{rng.randrange(10**6, 10**7)}", 22, "mono", RED)
    rows: list[list[Cell]] = [[(rng.choice(spec["owner_name"]), owner), ("联系电话", d.operator.phone)],
                              [(rng.choice(spec["breed"]), d.breed), ("毛色", rng.choice(["黄", "黑", "白"]))],
                              [("疫苗名称及批号", f"狂犬病灭活疫苗 {rng.randrange(10**7, 10**8)}")],
                              [(rng.choice(spec["vaccinated_on"]), dated(d.vaccinated_on, st)),
                               (rng.choice(spec["valid_until"]), dated(until, st))]]
    y2 = table(cv, rows, cut + 40, w - 40, 160, 22, 170, "kai", "song", PEN)
    cv.text(cut + 60, y2 + 50, "免疫单位（盖章）：", 22, "song")
    N.paint_seal(cv.img, (cut + 420, y2 + 80), 75, f"{d.operator.region[2]}动物防疫站", rng)
    cv.text(cut + 60, y2 + 130, "兽医（签名）：", 22, "song")
    return _page("dog_vaccination_cert", "vaccination-slip-stub", cv, {
        "owner_name": owner, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()})


def vaccination_captions(d: CaseData, rng: random.Random) -> SamplePage:
    """A booklet page of boxes, small captions above the values, the vet's entries by hand."""
    spec = wording()["certificates"]["dog_vaccination_cert"]
    owner, until = d.extra.get("dog_owner", d.operator.name), _vacc_until(d)
    w, h = 1100, 1500
    cv = Sheet((w, h), (248, 248, 240))
    cv.centred(w / 2, 60, rng.choice(spec["titles"]), 36, "songbold")
    st = rng.choice([0, 2, 3])
    cells = [(rng.choice(spec["owner_name"]), owner), ("犬名", rng.choice(["豆豆", "多多", "大黄"])),
             (rng.choice(spec["breed"]), d.breed), ("犬只性别", rng.choice(["公", "母"])),
             (rng.choice(spec["vaccinated_on"]), dated(d.vaccinated_on, st)), (rng.choice(spec["valid_until"]), dated(until, st))]
    y = 150
    for k in range(0, len(cells), 2):
        for j, (label, value) in enumerate(cells[k:k + 2]):
            x = 60 + j * 490
            cv.rect((x, y, x + 490, y + 120), 1, (110, 110, 110))
            cv.text(x + 10, y + 8, label, 17, "hei", GREY)
            hand(cv, x + 24, y + 52, value, 30, rng)
        y += 120
    cv.text(80, y + 60, "免疫机构（章）：", 24, "song")
    N.paint_seal(cv.img, (420, y + 80), 80, f"{d.operator.region[2]}动物疫病预防控制中心", rng)
    return _page("dog_vaccination_cert", "vaccination-caption-boxes", cv, {
        "owner_name": owner, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()}, card=True)


def marriage_copy(d: CaseData, rng: random.Random) -> SamplePage:
    """The inner spread (holder's entries left, the two people right) copied onto A4 portrait."""
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0]}-{d.registered_on.year}-{rng.randrange(10**6):06d}"
    w, h = 1800, 1200
    cv = Sheet((w, h), (250, 236, 232))
    cv.line([(w / 2, 20), (w / 2, h - 20)], 3, (210, 170, 160))
    cv.rect((200, 80, 700, 420), 0, (200, 90, 90), (200, 90, 90))
    y = 500
    for label, value in (("持证人", holder.name), ("登记日期", dated(d.registered_on, 5)), ("结婚证字号", no), ("备注", "")):
        cv.text(120, y, label, 28, "hei", GREY)
        cv.text(330, y - 2, value, 30, "song")
        y += 72
    N.paint_seal(cv.img, (560, 980), 110, f"{holder.region[2]}民政局婚姻登记专用章", rng)
    other = {"男": "女", "女": "男"}
    y = 100
    for pp in (holder, spouse):
        sex = pp.sex if pp is holder else other[holder.sex]
        for label, value in (("姓名", pp.name), ("性别", sex), ("国籍", "中国"), ("出生日期", dated(pp.birth, 5)),
                             ("身份证件号", pp.id_number)):
            cv.text(w / 2 + 80, y, label, 26, "hei", GREY)
            cv.text(w / 2 + 280, y - 2, value, 28, "song" if label != "身份证件号" else "mono")
            y += 62
        y += 90
    k = 1100 / w
    small = _copy(cv.img.resize((1100, int(h * k)), Image.Resampling.LANCZOS))
    page = Sheet(A4, (250, 250, 250))
    page.img.paste(small, (70, 260))
    page.lines += cv.lines
    page.text(90, 260 + small.height + 80, "复印件与原件相符　核对人：", 26, "kai", BLUE)
    return _page("marriage_certificate", "marriage-spread-a4-copy", page, {
        "holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(), "cert_number": no})


def rules_table(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, rng.choice(["食品安全管理制度汇编", "门店食品安全管理制度"]), 38, "heibold")
    cv.centred(A4[0] / 2, 140, d.entity_name, 24, "song")
    rows: list[list[Cell]] = [[("制度名称", "主要内容")],
                              [("从业人员健康管理", "从业人员持有效健康证明上岗，每日晨检并登记，患有有碍食品安全疾病的调离岗位。")],
                              [("进货查验记录", "查验供货者许可证、食品合格证明，如实记录食品名称、规格、数量、生产日期、供货者名称。")],
                              [("过期食品处置", "每周检查库存食品，临近保质期的单独存放并标示，过期食品立即下架销毁并记录。")],
                              [("场所清洁消毒", "经营场所每日清扫，设备设施定期清洗消毒，垃圾密闭存放、及时清运。")],
                              [("食品安全自查", "每季度自查一次，发现问题立即整改并形成自查报告，存档备查。")]]
    y = table(cv, rows, 90, A4[0] - 90, 200, 23, 230, "song", "heibold")
    cv.text(A4[0] - 520, y + 60, f"食品安全管理员：{d.operator.name}", 24, "song")
    cv.text(A4[0] - 520, y + 110, f"制定日期：{dated(AS_OF - timedelta(days=20), 1)}", 24, "song")
    return _page("food_safety_rules", "rules-table-grid", cv, {})


def plan_cad(d: CaseData, rng: random.Random) -> SamplePage:
    """A CAD printout: thin walls, dimension lines with ticks, a title block bottom right."""
    w, h = LANDSCAPE
    cv = Sheet((w, h))
    cv.rect((30, 30, w - 30, h - 30), 3)
    x0, y0, x1, y1 = 160, 160, 1250, 980
    cv.rect((x0, y0, x1, y1), 3)
    cv.rect((x0 + 8, y0 + 8, x1 - 8, y1 - 8), 1)
    cv.line([(x0 + 700, y0), (x0 + 700, y0 + 460)], 3)
    cv.line([(x0 + 700, y0 + 460), (x1, y0 + 460)], 3)
    for t, (x, y) in [("营业区", (420, 560)), ("冷链展示柜", (880, 280)), ("储物间", (1000, 700)), ("收银区", (260, 880)),
                      ("洗手盆", (720, 900))]:
        cv.text(x, y, t, 24, "hei")
    cv.line([(x0, y1 + 60), (x1, y1 + 60)], 1)
    for x in (x0, x0 + 700, x1):
        cv.line([(x - 8, y1 + 68), (x + 8, y1 + 52)], 2)
    cv.text(x0 + 300, y1 + 20, f"{rng.randrange(6000, 8000)}", 20, "hei")
    cv.text(x0 + 850, y1 + 20, f"{rng.randrange(3000, 5000)}", 20, "hei")
    bx = w - 560
    rows: list[list[Cell]] = [[("图名", rng.choice(["平面布置图", "经营场所平面布局图"]))], [("工程", d.entity_name)],
                              [("比例", "1:100"), ("图号", "P-01")], [("日期", dated(AS_OF - timedelta(days=30), 4))]]
    table(cv, rows, bx, w - 50, h - 330, 18, 90, "hei", "hei")
    return _page("floor_plan", "plan-cad-titleblock", cv, {})


# ---- hard negatives: other papers handed in by mistake (expected: unknown) ------------------------------------

def _card_photo(cv: Sheet, rng: random.Random) -> Sheet:
    out = Sheet((cv.img.width + 220, cv.img.height + 220), DESK)
    out.put(cv, (70, 70), rng.uniform(-6, 6), DESK)
    return out


def neg_social_card(d: CaseData, rng: random.Random) -> SamplePage:
    """The 社会保障卡: a chip, a name and the ID number under 社会保障号码, a bank's name."""
    p, mm = d.operator, rng.uniform(10, 11.5)
    w, h = round(85.6 * mm), round(54 * mm)
    cv = Sheet((w, h), DESK)
    cv.draw.rounded_rectangle((0, 0, w - 1, h - 1), int(3 * mm), fill=(222, 236, 248), outline=(150, 170, 200), width=2)
    cv.text(4 * mm, 3 * mm, "中华人民共和国社会保障卡", round(4 * mm), "heibold", (20, 70, 150))
    cv.rect((6 * mm, 14 * mm, 18 * mm, 23 * mm), 0, (200, 170, 80), (212, 180, 90))
    for i, (label, value) in enumerate([("姓名", p.name), ("社会保障号码", p.id_number), ("社会保障卡号", f"{rng.randrange(10**8, 10**9)}"),
                                        ("发卡日期", f"{rng.randrange(2016, 2025)}年{rng.randrange(1, 13)}月")]):
        cv.text(6 * mm, 26 * mm + i * 6 * mm, f"{label}　{value}", round(2.9 * mm), "hei")
    cv.rect((62 * mm, 12 * mm, 81 * mm, 37 * mm), 0, (200, 208, 214), (200, 208, 214))
    cv.text(58 * mm, 47 * mm, rng.choice(["中国工商银行", "中国建设银行", "中国农业银行"]), round(2.8 * mm), "heibold", (180, 30, 30))
    return _page("unknown", "social-security-card", _card_photo(cv, rng), {}, card=True)


def neg_driving_licence(d: CaseData, rng: random.Random) -> SamplePage:
    """The 机动车驾驶证 in its wallet: the card's fields with 证号 = the ID number, and the 副页."""
    p, mm = d.operator, rng.uniform(9, 10)
    w, h = round(88 * mm), round(60 * mm)
    cv = Sheet((w, h), (236, 240, 246))
    cv.rect((0, 0, w - 1, h - 1), 2, (120, 140, 170))
    cv.centred(w / 2, 2.5 * mm, "中华人民共和国机动车驾驶证", round(4 * mm), "songbold")
    rows = [("证号", p.id_number), ("姓名", p.name), ("性别", p.sex), ("国籍", "中国"), ("住址", p.address[:16]),
            ("初次领证日期", dated(date(2015, 6, 3), 4)), ("准驾车型", "C1"), ("有效期限", f"{2021}-06-03至2031-06-03")]
    for i, (label, value) in enumerate(rows):
        cv.text(4 * mm, 11 * mm + i * 5.8 * mm, f"{label}　{value}", round(2.7 * mm), "song")
    cv.rect((66 * mm, 12 * mm, 84 * mm, 36 * mm), 0, (200, 208, 214), (200, 208, 214))
    N.paint_seal(cv.img, (w - 14 * mm, h - 12 * mm), 8 * mm, f"{p.region[1]}公安局交通警察支队", rng)
    return _page("unknown", "driving-licence", _card_photo(cv, rng), {}, card=True)


def neg_vehicle_licence(d: CaseData, rng: random.Random) -> SamplePage:
    """The 机动车行驶证: 号牌号码, 所有人 and 住址, 品牌型号, 车辆识别代号, the 副页 beside."""
    p = d.operator
    cv = Sheet(LANDSCAPE, (246, 246, 242))
    cv.centred(LANDSCAPE[0] / 4, 90, "中华人民共和国机动车行驶证", 34, "songbold")
    plate = f"{rng.choice('京沪渝闽粤川浙')}{rng.choice('ABCDE')}{rng.randrange(10000, 99999)}"
    rows: list[list[Cell]] = [[("号牌号码", plate), ("车辆类型", "小型轿车")], [("所有人", p.name)], [("住址", p.address)],
                              [("使用性质", "非营运"), ("品牌型号", rng.choice(["大众汽车", "比亚迪", "丰田"]) + "牌")],
                              [("车辆识别代号", "LSV" + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(14)))],
                              [("注册日期", dated(date(2019, 4, 12), 4)), ("发证日期", dated(date(2019, 4, 12), 4))]]
    table(cv, rows, 60, LANDSCAPE[0] / 2 - 40, 160, 22, 150, "song", "song")
    cv.centred(LANDSCAPE[0] * 3 / 4, 90, "副　页", 34, "songbold")
    table(cv, [[("号牌号码", plate)], [("核定载人数", "5人"), ("总质量", "1850kg")], [("检验记录", "检验有效期至2027年04月")]],
          LANDSCAPE[0] / 2 + 40, LANDSCAPE[0] - 60, 160, 22, 150, "song", "song")
    return _page("unknown", "vehicle-licence", cv, {})


def neg_marriage_statement(d: CaseData, rng: random.Random) -> SamplePage:
    """The 申请结婚登记声明书: both people's entries and a declaration — not the certificate."""
    a, b = d.lessor, d.spouse
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "申请结婚登记声明书", 40, "songbold")
    rows: list[list[Cell]] = [[("§男方", "")], [("姓名", a.name), ("出生日期", dated(a.birth, 5))], [("身份证件号", a.id_number)],
                              [("§女方", "")], [("姓名", b.name), ("出生日期", dated(b.birth, 5))], [("身份证件号", b.id_number)]]
    y = table(cv, rows, 90, A4[0] - 90, 190, 23, 170, "kai", "song", PEN) + 40
    y = cv.wrapped(100, y, "　　本人与对方均无配偶，没有直系血亲和三代以内旁系血亲关系，了解对方的身体健康状况，"
                   "现依照《中华人民共和国民法典》的规定，自愿结为夫妻。本人上述声明完全真实，如有虚假，愿承担法律责任。", 24,
                   A4[0] - 200, "song", 0.7)
    cv.text(100, y + 60, "声明人（签名）：", 24, "song")
    cv.text(100, y + 130, f"婚姻登记员：{rng.choice('王李张')}某　　{dated(AS_OF - timedelta(days=rng.randrange(10, 300)), 3)}", 22, "song")
    return _page("unknown", "marriage-statement", cv, {})


def neg_tax_proof(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.lessor
    cv = Sheet(LANDSCAPE, (250, 248, 240))
    cv.centred(LANDSCAPE[0] / 2, 70, "中华人民共和国税收完税证明", 40, "songbold")
    cv.text(80, 150, f"填发日期：{dated(AS_OF - timedelta(days=rng.randrange(5, 60)), 3)}　　税务机关：国家税务总局{p.region[2]}税务局",
            20, "song")
    rows: list[list[Cell]] = [[("纳税人识别号", p.id_number), ("纳税人名称", p.name)],
                              [("原凭证号", f"{rng.randrange(10**15, 10**16)}")],
                              [("税种", "契税"), ("品目名称", "存量房（住房）")],
                              [("税款所属时期", f"{AS_OF.year}-{AS_OF.month:02d}-01至{AS_OF.year}-{AS_OF.month:02d}-30")],
                              [("实缴（退）金额", f"¥{rng.randrange(10000, 80000):,}.00")]]
    table(cv, rows, 80, LANDSCAPE[0] - 80, 200, 22, 180, "song", "song")
    N.paint_seal(cv.img, (LANDSCAPE[0] - 300, LANDSCAPE[1] - 230), 95, f"国家税务总局{p.region[2]}税务局", rng)
    return _page("unknown", "tax-payment-proof", cv, {})


def neg_deregistration_notice(d: CaseData, rng: random.Random) -> SamplePage:
    office = f"{d.operator.region[2]}市场监督管理局"
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 110, "准予注销登记通知书", 42, "songbold")
    cv.centred(A4[0] / 2, 180, f"（{d.operator.region[2][:2]}）登记个销字〔{AS_OF.year}〕第{rng.randrange(100, 999)}号", 22, "song")
    y = cv.wrapped(110, 260, f"{d.trade_name}：", 26, A4[0] - 220, "song")
    y = cv.wrapped(110, y + 10, f"　　经审查，提交的个体工商户注销登记申请，申请材料齐全，符合法定形式，我局决定准予注销登记。"
                   f"经营者：{d.operator.name}；统一社会信用代码：{d.credit_code}；经营场所：{d.premises}。", 26, A4[0] - 220, "song", 0.7)
    cv.text(A4[0] - 520, y + 100, office, 26, "song")
    cv.text(A4[0] - 480, y + 160, dated(AS_OF - timedelta(days=rng.randrange(2, 60)), 3), 26, "song")
    N.paint_seal(cv.img, (A4[0] - 360, y + 130), 100, office, rng)
    return _page("unknown", "deregistration-notice", cv, {})


def neg_property_search(d: CaseData, rng: random.Random) -> SamplePage:
    """不动产登记信息查询结果: the owner, address, unit and certificate number — a print-out, not the title."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "不动产登记信息查询结果证明", 38, "songbold")
    cv.text(90, 160, f"查询编号：CX{rng.randrange(10**10, 10**11)}　　查询时间：{dated(AS_OF - timedelta(days=1), 4)}", 20, "hei")
    rows: list[list[Cell]] = [[("查询人", d.lessor.name)], [("不动产权证号", d.cert)], [("权利人", d.lessor.name)],
                              [("房屋坐落", d.premises)], [("不动产单元号", d.unit)], [("抵押情况", "无"), ("查封情况", "无")],
                              [("登记状态", "现势")]]
    y = table(cv, rows, 90, A4[0] - 90, 210, 23, 200, "song", "song")
    cv.wrapped(100, y + 40, "本查询结果仅反映查询时点的登记簿记载情况，仅供参考，不作为权属证明。", 22, A4[0] - 200)
    N.paint_seal(cv.img, (A4[0] - 330, y + 200), 95, f"{d.lessor.region[2]}不动产登记中心查询专用章", rng)
    return _page("unknown", "property-search-result", cv, {})


def neg_migration(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    cv = Sheet(LANDSCAPE, (248, 244, 234))
    cv.centred(LANDSCAPE[0] / 2, 70, "户口迁移证", 44, "songbold")
    cv.text(LANDSCAPE[0] - 400, 140, f"编号：{rng.randrange(10**7, 10**8)}", 20, "mono", RED)
    rows: list[list[Cell]] = [[("姓名", p.name), ("性别", p.sex)], [("出生日期", dated(p.birth, 3)), ("民族", p.ethnicity)],
                              [("公民身份号码", p.id_number)], [("迁出地址", p.address)],
                              [("迁往地址", f"{rng.choice(['四川省成都市', '福建省福州市'])}某区某街道")], [("迁移原因", "投靠亲属")]]
    table(cv, rows, 90, LANDSCAPE[0] - 90, 190, 22, 170, "kai", "song", PEN)
    N.paint_seal(cv.img, (LANDSCAPE[0] - 330, LANDSCAPE[1] - 200), 90, f"{p.region[3]}户口专用章", rng)
    return _page("unknown", "household-migration-permit", cv, {})


def neg_vet_invoice(d: CaseData, rng: random.Random) -> SamplePage:
    """A pet hospital's 电子发票 for a rabies shot: the breed and the date are there, it is no certificate."""
    cv = Sheet(LANDSCAPE)
    cv.centred(LANDSCAPE[0] / 2, 60, "电子发票（普通发票）", 38, "songbold", (150, 60, 40))
    cv.text(LANDSCAPE[0] - 520, 130, f"发票号码：{rng.randrange(10**19, 10**20)}", 18, "mono")
    cv.text(LANDSCAPE[0] - 520, 160, f"开票日期：{dated(d.vaccinated_on, 3)}", 18, "song")
    rows: list[list[Cell]] = [[("购买方名称", d.operator.name), ("销售方名称", f"{d.operator.region[2]}爱宠动物医院有限公司")],
                              [("项目名称", f"*医疗服务*犬狂犬病疫苗注射（{d.breed}）")],
                              [("数量", "1"), ("金额", f"¥{rng.randrange(40, 150)}.00")], [("价税合计（大写）", "壹佰贰拾元整")]]
    table(cv, rows, 80, LANDSCAPE[0] - 80, 210, 21, 200, "song", "song")
    cv.text(80, LANDSCAPE[1] - 150, "开票人：系统", 20, "song")
    return _page("unknown", "vet-invoice", cv, {})


# ---- the set ---------------------------------------------------------------------------------------------

def _fam(builder: Callable[..., SamplePage], family: str) -> Builder:
    return lambda d, rng: builder(d, rng, family)


FRESH3: list[tuple[str, str, Builder]] = [  # (material, family, builder)
    ("business_license", "licence-fuben-onecol", licence_fuben),
    ("business_license", "licence-framed-slant", licence_framed),
    ("business_license", "licence-a4-copy-hand", licence_copy),
    ("id_card", "a4-side-by-side-watermark", id_a4_watermark),
    ("id_card", "card-pair-wood-desk", id_wood_pair),
    ("id_card", "paste-sheet-two-boxes", id_paste_sheet),
    ("property_certificate", "title-first-page-fuji-qr", title_first_page),
    ("property_certificate", "title-open-book-photo", title_open_book),
    ("household_register", "hukou-head-page-alone", household_head_alone),
    ("household_register", "hukou-open-handwritten", household_open_hand),
    ("individual_business_application", "form-caption-above", _fam(individual_application, "form-caption-above")),
    ("individual_business_application", "form-vertical-header", _fam(individual_application, "form-vertical-header")),
    ("food_license_application", "form-caption-above", _fam(food_application, "form-caption-above")),
    ("food_license_application", "form-vertical-header", _fam(food_application, "form-vertical-header")),
    ("dog_registration_form", "form-caption-above", _fam(dog_application, "form-caption-above")),
    ("dog_registration_form", "form-hand-underline", _fam(dog_application, "form-hand-underline")),
    ("real_estate_application", "estate-vertical-blocks", estate_application),
    ("power_of_attorney", "attorney-checklist", attorney_checklist),
    ("power_of_attorney", "attorney-hand-filled", attorney_hand_filled),
    ("lease_contract", "lease-two-pages", lease_two_page),
    ("lease_contract", "lease-model-blanks", lease_model_blanks),
    ("house_sale_contract", "sale-model-blanks", sale_model_blanks),
    ("house_sale_contract", "sale-two-pages", sale_two_page),
    ("health_certificate", "health-phone-screenshot", health_screenshot),
    ("health_certificate", "health-card-captions", health_card_captions),
    ("dog_vaccination_cert", "vaccination-slip-stub", vaccination_stub),
    ("dog_vaccination_cert", "vaccination-caption-boxes", vaccination_captions),
    ("marriage_certificate", "marriage-spread-a4-copy", marriage_copy),
    ("food_safety_rules", "rules-table-grid", rules_table),
    ("floor_plan", "plan-cad-titleblock", plan_cad),
]
NEGATIVES: dict[str, Builder] = {
    "social-security-card": neg_social_card, "driving-licence": neg_driving_licence, "vehicle-licence": neg_vehicle_licence,
    "marriage-statement": neg_marriage_statement, "tax-payment-proof": neg_tax_proof,
    "deregistration-notice": neg_deregistration_notice, "property-search-result": neg_property_search,
    "household-migration-permit": neg_migration, "vet-invoice": neg_vet_invoice,
}


def _data(rng: random.Random) -> CaseData:
    return set_data(rng, 0.5, ["单独所有", "共同共有", "按份共有"])


def iter_fresh3_samples(per_family: int = 1, seed: int = 0, negatives: bool = True) -> Iterator[tuple[str, SamplePage]]:
    """(family, page): ``per_family`` pages of every family, then the hard negatives (one each)."""
    return iter_set([(f, b) for _, f, b in FRESH3], list(NEGATIVES.items()), per_family, seed, _data, negatives)


# ---- whole cases ------------------------------------------------------------------------------------------

def _expired(p: Person) -> Person:
    """The same person's card, issued in 2011 for ten years: run out before the check date."""
    return replace(p, valid_from=date(2011, 7, 9), valid_until=date(2021, 7, 9).isoformat())


def _renamed(p: Person, rng: random.Random) -> Person:
    """A name one character off (同音 or a slip of the pen): the application's, not the card's."""
    swap = {"伟": "玮", "芳": "方", "静": "靜", "丽": "莉", "军": "君", "明": "铭", "华": "桦", "杰": "洁", "红": "宏"}
    last = p.name[-1]
    return replace(p, name=p.name[:-1] + swap.get(last, rng.choice("晖琪睿" if last not in "晖琪睿" else "岚")))


def fresh3_cases(n_per_matter: int = 3, seed: int = 0) -> Iterator[GenCase]:
    """Complete cases of every matter drawn in this set's style, each followed by variants a clerk
    would refuse (expected ``incomplete``; the bench counts any pass of them as a false accept)."""
    rng = random.Random(seed)

    def r() -> random.Random:
        return random.Random(rng.randrange(1 << 30))

    for k in range(n_per_matter):
        # 个体工商户设立登记 through an agent (named under this set's wording)
        d = _case_data(rng)
        d.individual, d.extra["agent"], d.extra["lessee"] = True, True, d.operator.name
        fam = rng.choice(list(FORM_STYLES))
        how = rng.randrange(3)
        proof = (lease_two_pages(d, r()) if how == 0 else [lease_model_blanks(d, r())] if how == 1
                 else [title_case3(d, r(), d.operator)])
        app, op_id, agent_id, poa = individual_application(d, r(), fam), id_case3(d, r()), id_case3(d, r(), "agent"), \
            attorney_case3(d, r())
        pages = [app, op_id, agent_id, *proof, poa]
        m, name = ["individual_business_registration"], f"fresh3-ibr-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not poa], "incomplete", "agent_without_authority")
        yield GenCase(name, m, [p for p in pages if p is not op_id], "incomplete", "operator_id_missing")
        old = CaseData(**{**vars(d), "operator": _expired(d.operator)})
        yield GenCase(name, m, [id_case3(old, r()) if p is op_id else p for p in pages], "incomplete",
                      "operator_id_expired")
        slip = CaseData(**{**vars(d), "operator": _renamed(d.operator, rng)})
        yield GenCase(name, m, [individual_application(slip, r(), fam) if p is app else p for p in pages], "incomplete",
                      "operator_name_mismatch")
        yield GenCase(name, m, [individual_application(d, r(), fam, frozenset({"operator_id_number"})) if p is app else p
                                for p in pages], "incomplete", "operator_id_number_blank")

        # 食品经营许可: every other case through an agent
        d = _case_data(rng)
        d.extra["agent"], d.extra["lessee"] = k % 2 == 0, d.operator.name
        d.extra["matter"] = "食品经营许可"
        lic = rng.choice([licence_fuben, licence_framed, licence_copy])(d, r())  # first: it fixes kind, name and code
        app = food_application(d, r())
        lease_p = lease_two_pages(d, r()) if rng.random() < 0.5 else [lease_model_blanks(d, r())]
        pages = [app, lic, id_case3(d, r()), *lease_p, rules_table(d, r()), plan_cad(d, r()),
                 rng.choice([health_screenshot, health_card_captions])(d, r())]
        poa = None
        if d.extra["agent"]:
            poa = attorney_case3(d, r())
            pages += [id_case3(d, r(), "agent"), poa]
        m, name = ["food_business_license"], f"fresh3-food-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not lic], "incomplete", "licence_missing")
        yield GenCase(name, m, [p for p in pages if p not in lease_p], "incomplete", "premises_proof_missing")
        other = CaseData(**{**vars(d), "operator": replace(d.operator, id_number=d.staff.id_number)})
        yield GenCase(name, m, [food_application(other, r()) if p is app else p for p in pages], "incomplete",
                      "legal_rep_id_number_mismatch")
        if poa is not None:
            yield GenCase(name, m, [p for p in pages if p is not poa], "incomplete", "agent_without_authority")

        # 二手房转移登记
        d = _case_data(rng)
        d.co_ownership = "共同共有" if k % 2 == 1 else "单独所有"
        title = title_case3(d, r())
        seller_id = id_case3(d, r(), "lessor")
        contract = sale_two_pages(d, r()) if rng.random() < 0.5 else [sale_model_blanks(d, r())]
        pages = [estate_application(d, r()), id_case3(d, r(), "buyer"), seller_id, title, *contract]
        consent = marriage_copy(d, r()) if d.co_ownership == "共同共有" else None
        if consent:
            pages.append(consent)
        m, name = ["second_hand_house_transfer"], f"fresh3-house-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p not in contract], "incomplete", "contract_missing")
        yield GenCase(name, m, [neg_property_search(d, r()) if p is title else p for p in pages], "incomplete",
                      "search_result_for_title")
        if consent:
            yield GenCase(name, m, [p for p in pages if p is not consent], "incomplete", "joint_without_consent")
        old = CaseData(**{**vars(d), "lessor": _expired(d.lessor)})
        yield GenCase(name, m, [id_case3(old, r(), "lessor") if p is seller_id else p for p in pages], "incomplete",
                      "seller_id_expired")

        # 养犬登记
        d = _case_data(rng)
        ffam = rng.choice(["form-caption-above", "form-hand-underline"])
        form, owner_id = dog_application(d, r(), ffam), id_case3(d, r())
        shot = rng.choice([vaccination_stub, vaccination_captions])
        vacc = shot(d, r())
        pages = [form, owner_id, vacc, rng.choice([household_head_alone, household_open_hand])(d, r())]
        m, name = ["dog_registration"], f"fresh3-dog-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not vacc], "incomplete", "vaccination_missing")
        lapsed = CaseData(**{**vars(d), "vaccinated_on": AS_OF - timedelta(days=420),
                             "extra": {**d.extra, "vacc_until": AS_OF - timedelta(days=56)}})
        yield GenCase(name, m, [shot(lapsed, r()) if p is vacc else p for p in pages], "incomplete", "vaccination_expired")
        yield GenCase(name, m, [dog_application(d, r(), ffam, frozenset({"owner_name"})) if p is form else p
                                for p in pages], "incomplete", "owner_name_blank")
        yield GenCase(name, m, [neg_social_card(d, r()) if p is owner_id else p for p in pages], "incomplete",
                      "social_card_for_id")


def write_own_styles(samples: list[tuple[str, SamplePage]], out: Path, styles: list[str], seed: int, keep: bool) -> int:
    """Pages captured in this set's own styles, appended to ``truth.json`` (or starting it); the count written."""
    import json

    truth = json.loads((out / "truth.json").read_text(encoding="utf-8")) if keep else []
    rng = random.Random(seed + 3)
    written = 0
    for style in styles:
        for n, (family, page) in enumerate(samples):
            name = f"{style}/{page.material}-{family}-{n}.jpg"
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            captured3(page, style, rng.randrange(1 << 30)).save(out / name, quality=88)
            truth.append({"file": name, "style": style, "material": page.material, "family": family,
                          "fields": page.fields})
            written += 1
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def main() -> None:
    from yichuang.samples.fresh import set_arguments, write_set

    args = set_arguments("Draw the third never-seen set (pages + truth.json); styles may include "
                         + ", ".join(STYLES3) + ".")
    out = Path(args.out)
    samples = list(iter_fresh3_samples(args.per_family, args.seed))
    styles = [s for s in args.styles.split(",") if s]
    theirs = [s for s in styles if s not in STYLES3]
    n = write_set(samples, out, ",".join(theirs), args.seed) if theirs else 0
    n += write_own_styles(samples, out, [s for s in styles if s in STYLES3], args.seed, keep=bool(theirs))
    print(f"wrote {n} fresh3 pages to {out}")


if __name__ == "__main__":
    main()
