"""A FOURTH never-seen set (issue 9): built blind, tuned on by nobody; the lead measures it once.

    .venv/bin/python -m yichuang.samples.fresh4 --out /tmp/fresh4 --per-family 1     # pages + truth.json
    nice .venv/bin/python -m bench.accuracy --fresh4 --per-family 1 --cases 3         # measure (the lead, once)

``samples.fresh``, ``fresh2`` and ``fresh3`` were each measured once and are development data now.
This module was written from how papers reach a service centre's window — not from what the
extractor handles — and draws layout families that exist nowhere else in ``samples/``:

* issued documents: the portrait licence in a plastic sleeve with a glare band; the landscape 正本
  shot from above at a steep angle; the licence copied at half size onto A4 above a 门头照片 box;
  an ID card held in a hand (a thumb over a corner) with its back beside it; front above back on an
  A4 copy under 与原件一致 / 再复印无效 stamps and a signature across; both sides apart on a dark
  cloth; the 不动产权证书 inner page with its 附图 page, or with its values printed by a dot-matrix
  printer off their cells; the 户口簿 in its older typed layout with 变更 stamps, or 户主页 over
  登记卡 on one copy;
* forms with a two-level header (a section over its sub-columns, the values in the row below), and
  forms filled partly by typewriter and partly by hand, a value crossed out and rewritten beside, a
  long value overflowing its box, fields in a shuffled order; the provincial 不动产登记申请书 with
  申请登记事由 check boxes and the parties in rows; a 委托书 as a letter (尊敬的…：兹委托…) with
  the ID numbers in the sentence, typed or written by hand on 信纸; a lease with a 补充条款 page and
  a table of payment periods, a lease printed two pages to a sheet; a sale contract whose page 2
  begins mid-clause, one in prose only; a health certificate of another province with a QR code
  and no 体检日期 label, one as a small card held in a hand; a vaccination booklet page with several
  rows (the newest is the valid one), a carbon-copied 三联 slip; the 结婚证 inner page; a wall
  poster of the 管理制度; a zoned plan with a legend;
* its own label wordings (``fresh4_wording.yaml``; a test checks they are none of the catalog's nor
  the other wording files');
* capture styles of its own beside the bench's and fresh3's: ``fax-bw`` (a fax or a binarising
  office copier: black and white, about 120 dpi, streaks and a header line) and ``wechat-lamp`` (a
  phone photo under a warm lamp, sent through a chat app: long side 1280 px, JPEG 45–55); see
  :func:`captured4`;
* hard negatives of new kinds (吊销营业执照 decision, 准予变更食品经营许可决定书, 临时居民身份证,
  网签备案表, 犬只免疫收费收据, 营业执照遗失声明, 水费缴费通知单, 房地产估价报告, 婚姻登记记录证明,
  a rent receipt): expected ``unknown``;
* whole cases of every matter, complete, and variants that must not pass (a key material missing,
  an agent named in this set's words with no 委托书, an expired card, a name or an ID number not
  the card's, the spouse's card for the owner's, a key field left blank, an empty template handed in
  as the application, a two-page contract without its second page, a look-alike for a key material). An applicant's 盖章 box
  carries the applicant's own seal.

Every page records the text lines it drew (``page.image.info["text_lines"]``). Deterministic by
seed; nothing is committed.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, partial
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter
from yichuang.samples import fresh2 as F2
from yichuang.samples import national as N
from yichuang.samples.families import AS_OF, GenCase, _case_data
from yichuang.samples.fresh import money_words
from yichuang.samples.fresh2 import GREY, INK, LANDSCAPE, Sheet, face, table, width, wrap
from yichuang.samples.fresh3 import Builder, area_text, dated, fold, hand, on_desk
from yichuang.samples.materials import CaseData, SamplePage
from yichuang.samples.people import Person
from yichuang.samples.render import A4

PEN = (30, 52, 140)  # a blue gel pen
RED = (205, 35, 40)  # a red stamp pad, a red print serial
TYPE = (40, 40, 48)  # a typewriter's or a dot-matrix ribbon
STYLES4 = ("fax-bw", "wechat-lamp")  # this set's own capture styles (captured4)
Pair = tuple[str, str]  # a label and its value
Entry = tuple[str, str, str | None]  # label, value, truth field (None: drawn, not truth)


@cache
def wording() -> dict:
    return yaml.safe_load(Path(__file__).with_name("fresh4_wording.yaml").read_text(encoding="utf-8"))


def spec_of(material: str) -> dict:
    return wording()["forms"][material]


_FULL = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}


def _halfwidth(truth: dict[str, str]) -> dict[str, str]:
    return {k: "".join(_FULL.get(ch, ch) for ch in v) for k, v in truth.items()}


def make_page(material: str, family: str, cv: Sheet | Image.Image, truth: dict[str, str],
              lines: list[str] | None = None, card: bool = False, photo: bool = False) -> SamplePage:
    """The page with the text lines it drew (for the tests) and its truth."""
    img = cv.img if isinstance(cv, Sheet) else cv
    img.info["text_lines"] = list(cv.lines if isinstance(cv, Sheet) else lines or [])
    if photo:
        img.info["photo"] = True
    return SamplePage(material, family, img, _halfwidth(truth), card=card)


# ---- the applicant's own seal (never a regulator's on an applicant's 盖章 box) ----------------------------

def own_seals(cv: Sheet, holder: str, rng: random.Random) -> None:
    """Stamp ``holder``'s seal on every 盖章 box the sheet drew and take those boxes off the list
    ``samples.seals.mark_page`` stamps (it would put a random regulator's seal there); the 签字
    boxes stay for it to sign."""
    spots = cv.img.info.get("sign_spots") or []
    keep = []
    for label, x, y, size in spots:
        if "盖章" in label and "签" not in label:
            N.paint_seal(cv.img, (x + size * 2.2, y + size * 0.6), size * 2.6, holder, rng)
        else:
            keep.append((label, x, y, size))
    cv.img.info["sign_spots"] = keep
    cv.draw = ImageDraw.Draw(cv.img)


# ---- small drawing helpers of this set -----------------------------------------------------------------

def typed(cv: Sheet, x: float, y: float, s: str, size: int, rng: random.Random) -> float:
    """A value put in by a typewriter or dot-matrix printer: mono, the ribbon uneven, the line a little
    off where the platen held the paper."""
    dx, dy = rng.uniform(-4, 10), rng.uniform(-5, 7)
    return cv.text(x + dx, y + dy, s, size, "mono", rng.choice([TYPE, (70, 70, 84)]))


def crossed(cv: Sheet, x: float, y: float, wrong: str, right: str, size: int, rng: random.Random) -> None:
    """A value written, struck through with two strokes, and the right one written beside it with
    the writer's initials above — the way a citizen corrects a form at the counter."""
    w = hand(cv, x, y, wrong, size, rng)
    for k in (0.45, 0.62):
        cv.line([(x - 4, y + size * k + rng.uniform(-3, 3)), (x + w + 4, y + size * k + rng.uniform(-3, 3))], 3, PEN)
    hand(cv, x + w + size * 0.8, y, right, size, rng)


def strip_card(card: Sheet, rng: random.Random, angle: float) -> Image.Image:
    """A card cut out along its rounded corners and turned: RGBA, ready to lay on a background."""
    w, h = card.img.size
    mask = Image.new("L", card.img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), int(h * 0.06), fill=255)
    rgba = card.img.convert("RGBA")
    rgba.putalpha(mask)
    return rgba.rotate(angle, Image.Resampling.BICUBIC, expand=True)


def thumb(img: Image.Image, at: tuple[float, float], size: float, rng: random.Random) -> None:
    """A thumb and the side of a finger over a corner: skin-coloured, shaded, a nail."""
    dr = ImageDraw.Draw(img, "RGBA")
    x, y = at
    skin = rng.choice([(222, 178, 150), (200, 152, 120), (236, 196, 170)])
    dr.ellipse((x - size * 0.55, y - size, x + size * 0.55, y + size), fill=skin + (255,))
    dr.ellipse((x - size * 0.35, y - size * 0.85, x + size * 0.25, y - size * 0.25), fill=(240, 210, 200, 220))
    dr.ellipse((x - size * 0.55, y + size * 0.2, x + size * 0.55, y + size), fill=(0, 0, 0, 40))


def dark_cloth(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A dark cloth or a black desk mat, faintly textured."""
    import numpy as np

    base = np.array(rng.choice([(28, 28, 32), (40, 34, 30), (22, 30, 44)]), np.float32)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, (size[1] // 2 + 1, size[0] // 2 + 1))
    arr = np.clip(base[None, None, :] + noise[..., None], 0, 255).astype(np.uint8)
    return Image.fromarray(arr).resize(size, Image.Resampling.BILINEAR)


def steep(img: Image.Image, rng: random.Random, squeeze: float, fill) -> Image.Image:
    """Seen from above at a steep angle: the far edge ``squeeze`` narrower than the near one, and
    foreshortened."""
    from yichuang.samples.render import _perspective_coeffs

    w, h = img.size
    d = squeeze * w / 2
    far_top = rng.random() < 0.5
    top = [(d, 0), (w - d, 0)] if far_top else [(0, 0), (w, 0)]
    bottom = [(w, h), (0, h)] if far_top else [(w - d, h), (d, h)]
    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], top + bottom)
    out = img.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=fill)
    return out.resize((w, int(h * rng.uniform(0.8, 0.9))), Image.Resampling.LANCZOS)


def stamp_box(cv: Sheet, x: float, y: float, s: str, size: int, rng: random.Random, color=(200, 40, 50)) -> None:
    """A rectangular rubber stamp (与原件一致, 变更, 再复印无效): the text in a frame, a little turned."""
    f = face("heibold", size)
    w, h = int(f.getlength(s) + size * 1.2), int(size * 1.9)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    dr = ImageDraw.Draw(layer)
    dr.rectangle((2, 2, w - 3, h - 3), outline=color + (200,), width=max(2, size // 9))
    dr.text((size * 0.6, size * 0.4), s, font=f, fill=color + (200,))
    layer = layer.rotate(rng.uniform(-12, 12), Image.Resampling.BICUBIC, expand=True)
    cv.img.paste(layer, (int(x), int(y)), layer)
    cv.draw = ImageDraw.Draw(cv.img)
    cv.lines.append(s)


def scribble(img: Image.Image, box: tuple[float, float, float, float], rng: random.Random) -> None:
    """A signature across whatever is under it: a few joined loops in a blue pen, half transparent."""
    dr = ImageDraw.Draw(img, "RGBA")
    x0, y0, x1, y1 = box
    pts, x = [], x0
    while x < x1:
        pts.append((x, rng.uniform(y0, y1)))
        x += rng.uniform(12, 30)
    dr.line(pts, fill=PEN + (170,), width=4, joint="curve")


def _copy_grey(img: Image.Image) -> Image.Image:
    return img.convert("L").point(lambda v: 255 if v > 205 else int(v * 0.88)).convert("RGB")


def paragraphs(cv: Sheet, x: float, y: float, paras: list[str], size: int, room: float, gap: float,
               after: float) -> float:
    """Paragraphs one under the other, each wrapped inside ``room``; the y below the last."""
    for para in paras:
        y = cv.wrapped(x, y, para, size, room, "song", gap) + after
    return y


def _shrink(img: Image.Image, long_side: int) -> Image.Image:
    if max(img.size) <= long_side:
        return img
    k = long_side / max(img.size)
    return img.resize((int(img.width * k), int(img.height * k)), Image.Resampling.LANCZOS)


# ---- 营业执照 (the 2019 national layout: code top left, emblem and title, QR right, two columns) --------

KINDS4 = {  # kind → (types, person label, date label, place label, capital label or None)
    "company": (["有限责任公司（自然人独资）", "有限责任公司（自然人投资或控股）"], "法定代表人", "成立日期", "住所", "注册资本"),
    "sole": (["个人独资企业"], "投资人", "成立日期", "住所", None),
    "individual": (["个体工商户"], "经营者", "注册日期", "经营场所", None),
}
SCOPES4 = [
    "许可项目：食品经营；酒类经营。一般项目：日用百货销售；五金产品零售；文具用品零售；化妆品零售；个人卫生用品销售；"
    "水果零售；农副产品销售。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "餐饮服务（不含生食类食品制售）；食品互联网销售。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "一般项目：食用农产品零售；新鲜蔬菜零售；鲜蛋零售；粮油零售；调味品零售。许可项目：食品销售。",
]


def licence_truth(d: CaseData, rng: random.Random) -> tuple[str, list[Pair], str, dict[str, str]]:
    kind = "individual" if d.individual else rng.choice(["company", "company", "sole"])
    types, person, day, place, capital = KINDS4[kind]
    name = d.trade_name if kind == "individual" else d.company
    etype = rng.choice(types)
    scope = rng.choice([d.scope, *SCOPES4])
    left: list[Pair] = [("名称", name), ("类型", etype), (person, d.operator.name)]
    right: list[Pair] = []
    if capital:
        right.append((capital, rng.choice(["人民币伍拾万元整", "贰拾万元整", "壹佰万元整"])))
    elif kind == "individual":
        right.append(("组成形式", rng.choice(["个人经营", "家庭经营"])))
    right.append((day, N.cn_date(d.established)))
    if kind != "individual":
        right.append(("营业期限", f"{N.cn_date(d.established)}至长期"))
    right.append((place, d.premises))
    truth = {"credit_code": d.credit_code, "entity_name": name, "entity_type": etype, "legal_rep": d.operator.name,
             "address": d.premises, "established": d.established.isoformat(), "business_scope": scope}
    return kind, left + [("§", "")] + right, scope, truth


def _spaced(label: str) -> str:
    return "　".join(label) if len(label) == 2 else label


def licence_sheet(d: CaseData, rng: random.Random, size: tuple[int, int]) -> tuple[Sheet, dict[str, str]]:
    """The licence in its two columns: left 名称/类型/person/经营范围, right the rest; the scope wraps
    down the left column, the authority's seal over the date bottom right."""
    _, rows, scope, truth = licence_truth(d, rng)
    cut = rows.index(("§", ""))
    left, right = rows[:cut], rows[cut + 1:]
    w, h = size
    cv = Sheet(size, (250, 247, 238))
    red = (180, 60, 40)
    cv.rect((28, 28, w - 28, h - 28), 6, red)
    cv.rect((44, 44, w - 44, h - 44), 1, red)
    s = 24 if w < h else 26
    cv.text(80, 80, "统一社会信用代码", s - 6, "hei")
    cv.text(80, 80 + s, d.credit_code, s, "mono")
    N.qr(cv, (w - 80 - 150, 72, 150), rng)
    cv.text(w - 80 - 150, 230, "扫描二维码", 14, "hei")
    N.emblem(cv, (w / 2, 120), 44)
    cv.centred(w / 2, 180, "营　业　执　照", 70 if w > h else 60, "songbold")
    if w < h:
        cv.centred(w / 2, 262, "（副　本）", 24, "song")
    top = 330.0 if w < h else 310.0
    mid = w * 0.5
    lx, lv = 80, 80 + s * 5.5
    y = top
    for label, value in left:
        cv.text(lx, y, _spaced(label), s, "hei")
        y = cv.wrapped(lv, y, value, s, mid - 30 - lv, "song", 0.35) + 18
    cv.text(lx, y, "经营范围", s, "hei")
    cv.wrapped(lv, y, scope, s - 3, mid - 30 - lv, "song", 0.32)
    rx, rv = mid + 20, mid + 20 + s * 5.5
    y = top
    for label, value in right:
        cv.text(rx, y, _spaced(label), s, "hei")
        y = cv.wrapped(rv, y, value, s, w - 80 - rv, "song", 0.35) + 18
    cv.text(w - 460, h - 250, "登记机关", s, "hei")
    cv.text(w - 430, h - 170, N.cn_date(d.established + timedelta(days=rng.randrange(0, 300))), s, "song")
    N.paint_seal(cv.img, (w - 300, h - 200), 96, f"{d.operator.region[2]}市场监督管理局", rng)
    cv.centred(w / 2, h - 90, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 15, "hei")
    return cv, truth


def licence_sleeve(d: CaseData, rng: random.Random) -> SamplePage:
    """The portrait 副本 kept in a clear plastic sleeve: a bluish film, its welded edge, a crease,
    a glare band across; on a dark counter, photographed."""
    cv, truth = licence_sheet(d, rng, (1150, 1600))
    w, h = cv.img.size
    sleeve = Image.new("RGB", (w + 90, h + 90), (214, 222, 228))
    sleeve.paste(cv.img, (45, 30))
    film = Image.new("RGBA", sleeve.size, (190, 210, 230, 34))
    dr = ImageDraw.Draw(film)
    dr.rectangle((0, 0, sleeve.width - 1, sleeve.height - 1), outline=(255, 255, 255, 140), width=10)
    cx = rng.uniform(0.25, 0.75) * w
    for k, a in ((0, 95), (60, 55), (130, 30)):  # the glare: a bright band, softer at its sides
        dr.polygon([(cx - 60 - k, 0), (cx + 60 + k, 0), (cx - 260 + k, sleeve.height), (cx - 380 - k, sleeve.height)],
                   fill=(255, 255, 255, a // 2))
    y = rng.uniform(0.3, 0.7) * h
    dr.line([(0, y), (sleeve.width, y + rng.uniform(-30, 30))], fill=(255, 255, 255, 120), width=3)
    film = film.filter(ImageFilter.GaussianBlur(6))
    sleeve = Image.alpha_composite(sleeve.convert("RGBA"), film).convert("RGB")
    bg = dark_cloth((int(sleeve.width * 1.25), int(sleeve.height * 1.2)), rng)
    rgba = sleeve.convert("RGBA").rotate(rng.uniform(-4, 4), Image.Resampling.BICUBIC, expand=True)
    bg.paste(rgba, ((bg.width - rgba.width) // 2, (bg.height - rgba.height) // 2), rgba)
    return make_page("business_license", "licence-sleeve-glare", _shrink(bg, 2400), truth, cv.lines, photo=True)


def licence_steep(d: CaseData, rng: random.Random) -> SamplePage:
    """The landscape 正本 lying on a counter, photographed from above at a steep angle."""
    cv, truth = licence_sheet(d, rng, LANDSCAPE)
    bordered = Image.new("RGB", (cv.img.width + 160, cv.img.height + 160), (150, 140, 128))
    bordered.paste(cv.img, (80, 80))
    img = steep(bordered, rng, rng.uniform(0.18, 0.26), (150, 140, 128))
    img = img.rotate(rng.uniform(-3, 3), Image.Resampling.BICUBIC, fillcolor=(150, 140, 128))
    return make_page("business_license", "licence-steep-above", _shrink(img, 2400), truth, cv.lines, photo=True)


def licence_half_a4(d: CaseData, rng: random.Random) -> SamplePage:
    """The landscape licence copied at about half size on the upper half of an A4 page; below it,
    the 门头照片 the window asks for, pasted in a box with its caption."""
    cv, truth = licence_sheet(d, rng, LANDSCAPE)
    k = rng.uniform(0.6, 0.68)
    small = _copy_grey(cv.img.resize((int(cv.img.width * k), int(cv.img.height * k)), Image.Resampling.LANCZOS))
    page = Sheet(A4, (250, 250, 250))
    x = (A4[0] - small.width) // 2
    page.img.paste(small, (x, 90))
    page.lines += cv.lines
    y = 90 + small.height + 70
    page.text(x, y, "经营场所门头照片：", 24, "hei")
    box = (x, y + 50, x + small.width, min(A4[1] - 140, y + 50 + small.height))
    page.rect(box, 2, GREY)
    shop = Image.new("RGB", (box[2] - box[0] - 20, box[3] - box[1] - 20), (180, 180, 180))
    sd = ImageDraw.Draw(shop)
    sd.rectangle((40, 30, shop.width - 40, 120), fill=(70, 70, 70))
    sd.text((80, 50), truth["entity_name"][:12], font=face("heibold", 48), fill=(230, 230, 230))
    sd.rectangle((120, 170, shop.width - 120, shop.height - 10), fill=(110, 110, 110))
    page.img.paste(shop, (box[0] + 10, box[1] + 10))
    page.text(x, box[3] + 20, "提交人签字：", 22, "song")
    return make_page("business_license", "licence-half-a4-shopfront", page, truth)


# ---- 居民身份证 --------------------------------------------------------------------------------------------

def id_truth(p: Person) -> dict[str, str]:
    return {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth.isoformat(),
            "address": p.address, "id_number": p.id_number, "issuer": p.issuer, "valid_from": p.valid_from.isoformat(),
            "valid_until": p.valid_until}


def card_pair(d: CaseData, who: str, rng: random.Random, scale: tuple[float, float],
              paper) -> tuple[Person, Sheet, Sheet, float]:
    """``who``'s card, both sides, at a pixels-per-mm drawn from ``scale`` (returned too), cut from ``paper``."""
    p: Person = getattr(d, who)
    mm = rng.uniform(*scale)
    return p, F2.card_front(p, rng, mm, paper), F2.card_back(p, rng, mm, paper), mm


def id_in_hand(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """The front held up in a hand — a thumb over the portrait's corner — the back lying below it,
    a finger on its emblem; a dark background."""
    p, front, back, mm = card_pair(d, who, rng, (8.2, 9.0), (0, 0, 0))
    cw, ch = front.img.size
    bg = dark_cloth((cw + 420, 2 * ch + 460), rng)
    a = rng.uniform(-6, 6)
    f = strip_card(front, rng, a)
    bg.paste(f, (200 + rng.randrange(-30, 30), 140), f)
    thumb(bg, (200 + cw - 10 * mm, 140 + 6 * mm), 9 * mm, rng)
    b = strip_card(back, rng, rng.uniform(-6, 6))
    by = 140 + ch + 160
    bg.paste(b, (160 + rng.randrange(-30, 30), by), b)
    thumb(bg, (170 + 6 * mm, by + 5 * mm), 8 * mm, rng)
    return make_page("id_card", "id-held-in-hand", bg, id_truth(p), front.lines + back.lines, photo=True)


def id_stacked_stamped(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Front above back on an A4 copy, 与原件一致 and 再复印无效 stamped over the cards, the holder's
    signature and the date written across both."""
    paper = (251, 251, 251)
    p, front, back, _ = card_pair(d, who, rng, (7.0, 7.8), paper)
    cv = Sheet(A4, paper)
    x = (A4[0] - front.img.width) // 2 + rng.randrange(-60, 60)
    y = rng.randrange(140, 260)
    cv.put(front, (x, y))
    y2 = y + front.img.height + rng.randrange(40, 90)
    cv.put(back, (x + rng.randrange(-20, 20), y2))
    cv.grey()
    stamp_box(cv, x + front.img.width * 0.55, y + front.img.height * 0.55, "与原件一致", 34, rng)
    stamp_box(cv, x + 20, y2 + back.img.height * 0.15, "再复印无效", 30, rng)
    scribble(cv.img, (x + front.img.width * 0.2, y2 - 40, x + front.img.width * 0.8, y2 + 10), rng)
    yy = y2 + back.img.height + 60
    hand(cv, x + 40, yy, p.name, 44, rng)
    hand(cv, x + 300, yy + 10, dated(AS_OF - timedelta(days=rng.randrange(1, 15)), 4), 34, rng)
    return make_page("id_card", "id-stacked-stamped-signed", cv, id_truth(p))


def id_dark_apart(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Both sides on a black desk mat, far apart, each at its own angle, photographed from close."""
    p, front, back, _ = card_pair(d, who, rng, (7.6, 8.4), (0, 0, 0))
    cw, ch = front.img.size
    bg = dark_cloth((2 * cw + 520, ch + 520), rng)
    cards = [front, back] if rng.random() < 0.5 else [back, front]
    for k, card in enumerate(cards):
        c = strip_card(card, rng, rng.choice([-1, 1]) * rng.uniform(5, 14))
        bg.paste(c, (100 + k * (cw + 260) + rng.randrange(-30, 30), 140 + rng.randrange(-60, 60)), c)
    return make_page("id_card", "id-dark-mat-apart", bg, id_truth(p), front.lines + back.lines, photo=True)


def id_case4(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    return rng.choice([id_in_hand, id_stacked_stamped, id_dark_apart])(d, rng, who)


# ---- 不动产权证书 ------------------------------------------------------------------------------------------

def title_truth(d: CaseData, owner: Person) -> dict[str, str]:
    return {"cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership, "address": d.premises,
            "unit_number": d.unit, "area": d.area}


def _title_rows4(d: CaseData, owner: Person, rng: random.Random) -> list[tuple[str, str]]:
    f = spec_of("property_certificate")["fields"]
    return [(rng.choice(f["owner"]), owner.name), (rng.choice(f["co_ownership"]), d.co_ownership),
            (rng.choice(f["address"]), d.premises), (rng.choice(f["unit_number"]), d.unit),
            ("权利类型", "国有建设用地使用权/房屋所有权"), ("权利性质", rng.choice(["出让/商品房", "划拨/房改房"])),
            ("用途", "住宅用地/成套住宅"), (rng.choice(f["area"]), area_text(d.area, rng)),
            ("使用期限", f"{rng.randrange(1998, 2016)}年{rng.randrange(1, 13)}月{rng.randrange(1, 28)}日起{rng.randrange(2068, 2086)}年止")]


def title_with_plan(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The opened booklet scanned flat: the table page left, the 附图 page right (a floor sketch with
    its compass, the room dimensions, 图幅 and 测绘单位)."""
    owner = owner or d.lessor
    pw, ph = 1050, 1450
    cv = Sheet((2 * pw, ph), (248, 246, 236))
    cv.line([(pw, 0), (pw, ph)], 4, (190, 180, 160))
    cv.text(90, 80, d.cert, 23, "song")
    table(cv, [[r] for r in _title_rows4(d, owner, rng)], 70, pw - 70, 140, 22, 190, "song", "song")
    cv.centred(pw * 1.5, 80, "附　　图", 34, "songbold")
    cv.text(pw + 90, 150, rng.choice(spec_of("property_certificate")["plan"]), 24, "hei")
    x0, y0 = pw + 180, 260
    cv.rect((x0, y0, x0 + 620, y0 + 520), 4)
    cv.line([(x0 + 300, y0), (x0 + 300, y0 + 320)], 3)
    cv.line([(x0, y0 + 320), (x0 + 620, y0 + 320)], 3)
    for label, xy in (("客厅", (x0 + 70, y0 + 140)), ("卧室", (x0 + 400, y0 + 140)), ("厨房", (x0 + 70, y0 + 400)),
                      ("卫生间", (x0 + 380, y0 + 400))):
        cv.text(*xy, label, 22, "song")
    cv.text(x0 + 250, y0 - 40, f"{rng.randrange(800, 1200)}", 18, "song")
    cv.text(x0 + 640, y0 + 240, f"{rng.randrange(700, 1000)}", 18, "song")
    cv.line([(pw + 900, 300), (pw + 900, 220)], 3)
    cv.text(pw + 890, 190, "北", 20, "hei")
    cv.text(pw + 120, ph - 220, f"测绘单位：{owner.region[1]}房产测绘所　　比例尺：1:200", 20, "song")
    cv.text(pw + 120, ph - 180, f"图号：{rng.randrange(10**5, 10**6)}", 20, "song")
    return make_page("property_certificate", "title-table-and-plan", cv, title_truth(d, owner))


def title_dotmatrix(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The inner page with its printed grid; the values put in later by a dot-matrix printer whose
    paper sat a few millimetres off, so values cross the ruled lines and start in the label column."""
    owner = owner or d.lessor
    cv = Sheet(A4, (249, 247, 240))
    x0, x1, lw = 110, A4[0] - 110, 200
    shift_x, shift_y = rng.uniform(-40, -15), rng.uniform(8, 22)
    typed(cv, A4[0] - 520 + shift_x, 110 + shift_y, d.cert, 22, rng)
    y = 170.0
    for label, value in _title_rows4(d, owner, rng):
        lines = wrap(value, 23, x1 - x0 - lw - 30, "mono")
        h = max(64, len(lines) * 36 + 24)
        cv.rect((x0, y, x0 + lw, y + h), 2)
        cv.rect((x0 + lw, y, x1, y + h), 2)
        for i, ln in enumerate(wrap(label, 21, lw - 20, "song")):
            cv.text(x0 + 12, y + 14 + i * 28, ln, 21, "song")
        for i, ln in enumerate(lines):
            typed(cv, x0 + lw + 14 + shift_x, y + 16 + i * 36 + shift_y, ln, 23, rng)
        y += h
    cv.rect((x0, y, x1, y + 260), 2)
    cv.text(x0 + 14, y + 14, "附记", 22, "song")
    typed(cv, x0 + 80 + shift_x, y + 60 + shift_y, f"业务件号：{rng.randrange(10**11, 10**12)}", 20, rng)
    return make_page("property_certificate", "title-dotmatrix-offset", cv, title_truth(d, owner))


def title_case4(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    return (title_with_plan if rng.random() < 0.5 else title_dotmatrix)(d, rng, owner)


# ---- 居民户口簿: the older typed layout -----------------------------------------------------------------

def household_truth(head: Person, member: Person, addr: str) -> dict[str, str]:
    return {"householder": head.name, "address": addr, "name": member.name, "id_number": member.id_number}


def _head_block(cv: Sheet, x0: float, y0: float, x1: float, head: Person, addr: str, rng: random.Random) -> float:
    f = spec_of("household_register")["fields"]
    cv.centred((x0 + x1) / 2, y0, "户　口　簿", 38, "songbold")
    y = y0 + 80
    rows = [(("户别", rng.choice(["非农业家庭户", "农业家庭户", "家庭户"])), (rng.choice(f["householder"]), head.name)),
            (("户号", str(rng.randrange(10**8, 10**9))), (rng.choice(f["address"]), addr))]
    half = (x1 - x0) / 2
    for row in rows:
        h = 120 if len(row[1][1]) > 12 else 72
        for k, (label, value) in enumerate(row):
            bx = x0 + k * half
            cv.rect((bx, y, bx + 130, y + h), 2)
            cv.rect((bx + 130, y, bx + half, y + h), 2)
            for i, ln in enumerate(wrap(label, 19, 116, "song")):
                cv.text(bx + 8, y + 10 + i * 26, ln, 19, "song")
            for i, ln in enumerate(wrap(value, 21, half - 160, "mono")):
                typed(cv, bx + 142, y + 12 + i * 34, ln, 21, rng)
        y += h
    cv.rect((x0, y, x1, y + 140), 2)
    cv.text(x0 + 10, y + 10, "户口登记机关和户口专用章", 18, "song")
    N.paint_seal(cv.img, (x0 + half, y + 75), 58, f"{head.region[2]}公安局户口专用章", rng)
    return y + 140


def _member_card(cv: Sheet, x0: float, y0: float, x1: float, member: Person, relation: str, rng: random.Random) -> float:
    """The 常住人口登记卡 of the older layout: many narrow typed rows, two items a row."""
    f = spec_of("household_register")["fields"]
    cv.centred((x0 + x1) / 2, y0, "常住人口登记卡", 32, "songbold")
    y = y0 + 60
    rows: list[list[tuple[str, str]]] = [
        [(rng.choice(f["name"]), member.name), ("户主或与户主关系", relation)],
        [("曾用名", ""), ("性别", member.sex)], [("出生地", member.region[1]), ("民族", member.ethnicity)],
        [("籍贯", member.region[1]), ("出生日期", dated(member.birth, 3))],
        [("本市（县）其他住址", "")], [("宗教信仰", "无"), (rng.choice(f["id_number"]), member.id_number)],
        [("身高", f"{rng.randrange(150, 185)}厘米"), ("血型", rng.choice(["A", "B", "O", "不明"]))],
        [("文化程度", rng.choice(["大学本科", "高中", "大专"])), ("婚姻状况", "已婚")],
        [("兵役状况", "未服兵役"), ("服务处所", rng.choice(["个体", "自由职业", "某商贸公司"]))],
        [("何时由何地迁来本市（县）", "")], [("何时由何地迁来本址", "")]]
    half = (x1 - x0) / 2
    for row in rows:
        h = 58
        cw = (x1 - x0) / len(row)
        for k, (label, value) in enumerate(row):
            bx = x0 + k * cw
            lw = min(cw * 0.45, 40 + len(label) * 19)
            cv.rect((bx, y, bx + lw, y + h), 1)
            cv.rect((bx + lw, y, bx + cw, y + h), 1)
            for i, ln in enumerate(wrap(label, 17, lw - 10, "song")[:2]):
                cv.text(bx + 5, y + 4 + i * 24, ln, 17, "song")
            if value:
                typed(cv, bx + lw + 10, y + 14, value, 21, rng)
        y += h
    stamp_box(cv, x0 + half + 40, y - 4 * 58, "变　更", 30, rng)
    hand(cv, x0 + half + 200, y - 3 * 58 + 8, "已变更", 22, rng, RED)
    cv.text(x0, y + 16, f"登记日期：{dated(AS_OF - timedelta(days=rng.randrange(600, 6000)), 3)}", 18, "song")
    return y + 50


def household_typed_spread(d: CaseData, rng: random.Random) -> SamplePage:
    """The open booklet of the older kind scanned flat: the 户主页 left, a member's 登记卡 right,
    all values typed, a 变更 stamp over the changed rows."""
    head, member = d.operator, (d.spouse if rng.random() < 0.5 else d.operator)
    relation = "户主" if member is head else ("妻" if member.sex == "女" else "夫")
    pw = 1050
    cv = Sheet((2 * pw, 1300), (244, 238, 222))
    cv.line([(pw, 0), (pw, 1300)], 4, (180, 170, 150))
    _head_block(cv, 60, 80, pw - 60, head, d.operator.address, rng)
    _member_card(cv, pw + 50, 60, 2 * pw - 50, member, relation, rng)
    return make_page("household_register", "hukou-typed-spread-changes", cv,
                     household_truth(head, member, d.operator.address))


def household_stacked_copy(d: CaseData, rng: random.Random) -> SamplePage:
    """One A4 copy: the 户主页 at the top, the member's 登记卡 under it, both reduced, grey."""
    head, member = d.operator, (d.spouse if rng.random() < 0.5 else d.operator)
    relation = "户主" if member is head else ("妻" if member.sex == "女" else "夫")
    cv = Sheet(A4, (252, 252, 252))
    y = _head_block(cv, 120, 90, A4[0] - 120, head, d.operator.address, rng)
    cv.line([(80, y + 40), (A4[0] - 80, y + 40)], 1, (200, 200, 200))
    _member_card(cv, 90, y + 80, A4[0] - 90, member, relation, rng)
    cv.grey()
    return make_page("household_register", "hukou-stacked-a4-copy", cv, household_truth(head, member, d.operator.address))


# ---- forms: two-level headers, or typed and written with corrections ------------------------------------

Section = tuple[str, list[Entry]]


def section(spec: dict, key: str, values: dict[str, str | None], rng: random.Random,
            truth: bool = True) -> Section:
    sec = spec["sections"][key]
    entries = [(rng.choice(sec["rows"][f]), v, f if truth else None) for f, v in values.items() if v is not None]
    return rng.choice(sec["heading"]), entries


def others(spec: dict, values: dict[str, str], rng: random.Random) -> list[Entry]:
    return [(rng.choice(spec["others"][k]), v, None) for k, v in values.items()]


def _long(value: str) -> bool:
    return len(value) > 16


def side_label_row(cv: Sheet, x0: float, x1: float, y: float, label: str, lines: list[str], s: int, lw: float,
                   min_h: float, pad: float, label_dy: float, style: str, ink) -> float:
    """A row of a label cell ``lw`` wide and the value's cell to ``x1``; the y below it."""
    h = max(min_h, len(lines) * (s + 12) + pad)
    cv.rect((x0, y, x0 + lw, y + h), 2)
    cv.rect((x0 + lw, y, x1, y + h), 2)
    for i, ln in enumerate(wrap(label, s - 2, lw - 20, "song")):
        cv.text(x0 + 10, y + label_dy + i * (s + 4), ln, s - 2, "song")
    for i, ln in enumerate(lines):
        cv.text(x0 + lw + 14, y + 14 + i * (s + 12), ln, s, style, ink)
    return y + h


def column_head_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                     blank: frozenset[str]) -> Sheet:
    """A table with a two-level header: a section's name across its sub-columns, the sub-labels in
    the row under it, the values in the row under those; a long value gets a row of its own with its
    label in a narrow left cell."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, title, 34, "songbold")
    cv.text(A4[0] - 420, 125, f"登记序号：{rng.randrange(10**6, 10**7)}", 18, "song", GREY)
    x0, x1, s = 70, A4[0] - 70, 21
    vstyle = rng.choice(["kai", "song"])
    ink = PEN if vstyle == "kai" else INK
    y = 160.0
    for heading, entries in sections:
        short = [e for e in entries if not _long(e[1])]
        long_ = [e for e in entries if _long(e[1])]
        if short:
            cv.rect((x0, y, x1, y + 44), 2, fill=(238, 238, 238))
            cv.centred((x0 + x1) / 2, y + 10, heading, s + 1, "heibold")
            y += 44
            cw = (x1 - x0) / len(short)
            laid = [wrap(v, s, cw - 24, vstyle) if f not in blank else [] for _, v, f in short]
            labs = [wrap(lab, s - 2, cw - 16, "song") for lab, _, _ in short]
            lh = max(len(lab) for lab in labs) * (s + 6) + 18
            vh = max(56, max(len(v) for v in laid) * (s + 12) + 24)
            for k, ((_, _, _), lab, val) in enumerate(zip(short, labs, laid, strict=True)):
                bx = x0 + k * cw
                cv.rect((bx, y, bx + cw, y + lh), 2)
                cv.rect((bx, y + lh, bx + cw, y + lh + vh), 2)
                for i, ln in enumerate(lab):
                    cv.text(bx + (cw - width(ln, s - 2)) / 2, y + 9 + i * (s + 6), ln, s - 2, "song")
                for i, ln in enumerate(val):
                    cv.text(bx + 12, y + lh + 14 + i * (s + 12), ln, s, vstyle, ink)
            y += lh + vh
        for label, value, f in long_:
            lines = wrap(value, s, x1 - x0 - 200, vstyle) if f not in blank else []
            y = side_label_row(cv, x0, x1, y, label, lines, s, 170, 60, 26, 10, vstyle, ink)
        y += 18
    y += 20
    for note in notes:
        y = cv.wrapped(x0 + 10, y, note, 21, x1 - x0 - 20, "song") + 16
    return cv


def _wrong(value: str, rng: random.Random) -> str:
    """What was first written: a digit slipped, or a character of the street left out."""
    if value[-4:].isdigit() or value[-1] == "X":
        k = rng.randrange(len(value) - 6, len(value) - 1)
        return value[:k] + str((int(value[k]) + rng.randrange(1, 9)) % 10 if value[k].isdigit() else 0) + value[k + 1:]
    return value[: len(value) // 2] + value[len(value) // 2 + 1:]


def typed_hand_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                    blank: frozenset[str]) -> Sheet:
    """A ruled form filled half by the office's typewriter, half by the citizen's pen: one value crossed
    out and written again beside, the longest one running over its box's right edge and on into the
    margin; rows in the order this county prints them (shuffled within a section)."""
    cv = Sheet(A4, (252, 251, 247))
    cv.centred(A4[0] / 2, 80, title, 36, "songbold")
    x0, x1, lw, s = 90, A4[0] - 190, 210, 22
    y = 160.0
    entries = [e for _, es in sections for e in es]
    fixable = [e for e in entries if e[2] and e[2] not in blank and e[2].endswith(("phone", "id_number"))]
    fix = rng.choice(fixable)[2] if fixable else None
    longest = max((e for e in entries if e[2] not in blank), key=lambda e: width(e[1], 26, "kai"))[2]
    for heading, es in sections:
        es = list(es)
        rng.shuffle(es)
        cv.rect((x0, y, A4[0] - 90, y + 40), 2, fill=(236, 236, 236))
        cv.text(x0 + 10, y + 8, heading, s, "heibold")
        y += 40
        for label, value, f in es:
            vx = x0 + lw + 14
            if f in blank or not value:
                lines: list[str] = []
            elif f == longest and f is not None:  # on past the box's right edge, and on below it
                lines = wrap(value, 26, A4[0] - 30 - vx, "kai")
            else:
                lines = wrap(value, 24, x1 - vx, "kai")
            h = 70 if f == longest else max(70, len(lines) * 34 + 10)
            cv.rect((x0, y, x0 + lw, y + h), 2)
            cv.rect((x0 + lw, y, A4[0] - 90, y + h), 2)
            for i, ln in enumerate(wrap(label, s - 2, lw - 16, "song")[:2]):
                cv.text(x0 + 8, y + 10 + i * 26, ln, s - 2, "song")
            if not lines:
                pass
            elif f == fix:
                crossed(cv, vx, y + 14, _wrong(value, rng), value, 24, rng)
            elif f == longest:
                for i, ln in enumerate(lines):
                    hand(cv, vx, y + 14 + i * 36, ln, 26, rng)
                h += max(0, len(lines) - 1) * 36  # the next row starts below what ran over
            elif rng.random() < 0.5:
                for i, ln in enumerate(wrap(value, 22, x1 - vx, "mono")):
                    typed(cv, vx, y + 10 + i * 32, ln, 22, rng)
                h = max(h, len(wrap(value, 22, x1 - vx, "mono")) * 32 + 14)
            else:
                for i, ln in enumerate(lines):
                    hand(cv, vx, y + 8 + i * 34, ln, 24, rng)
            y += h
        y += 14
    y += 24
    for note in notes:
        y = cv.wrapped(x0 + 10, y, note, 21, A4[0] - 200, "song") + 16
    return cv


FORM_STYLES4 = {"form-two-level-header": column_head_form, "form-typed-and-hand": typed_hand_form}


def truth_of(sections: list[Section], blank: frozenset[str]) -> dict[str, str]:
    return {f: v for _, es in sections for _, v, f in es if f and f not in blank}


def _agent(spec: dict, d: CaseData, rng: random.Random) -> Section:
    head, rows = section(spec, "agent", {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
                                         "phone": d.agent.phone}, rng)
    return head, [(lab, v, f if f != "phone" else None) for lab, v, f in rows]  # the agent's phone: drawn, not truth


def individual_application(d: CaseData, rng: random.Random, family: str | None = None,
                           blank: frozenset[str] = frozenset(), empty: bool = False) -> SamplePage:
    spec = spec_of("individual_business_application")
    family = family or rng.choice(list(FORM_STYLES4))
    p = d.operator
    sections = [section(spec, "operator", {"operator_name": p.name, "operator_id_number": p.id_number, "phone": p.phone}, rng),
                section(spec, "shop", {"trade_name": d.trade_name, "premises_address": d.premises,
                                       "business_scope": d.scope}, rng)]
    sections[1][1].extend(others(spec, {"form": rng.choice(["个人经营", "家庭经营"]), "staff": str(rng.randrange(0, 5)),
                                        "capital": str(rng.randrange(2, 40))}, rng))
    if d.extra.get("agent"):
        sections.append(_agent(spec, d, rng))
    if empty:
        blank = frozenset(f for _, es in sections for _, _, f in es if f)
        sections = [(h, [(lab, "", f) for lab, _, f in es]) for h, es in sections]
    cv = FORM_STYLES4[family](rng.choice(spec["titles"]), sections, rng,
                              ["申请人保证：以上所填内容真实，提交的材料合法有效。", "业户签字（手印）：　　　　　年　　月　　日"], blank)
    return make_page("individual_business_application", family, cv, truth_of(sections, blank))


FORMATS4 = ["食品销售经营者（超市）", "食品销售经营者（便利店）", "餐饮服务经营者（小型餐馆）", "单位食堂（职工食堂）"]


def food_application(d: CaseData, rng: random.Random, family: str | None = None,
                     blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = spec_of("food_license_application")
    family = family or rng.choice(list(FORM_STYLES4))
    p = d.operator
    sections = [section(spec, "operator", {"applicant": d.entity_name, "credit_code": d.credit_code,
                                           "business_format": rng.choice(FORMATS4), "premises_address": d.premises}, rng),
                section(spec, "rep", {"legal_rep": p.name, "legal_rep_id_number": p.id_number, "phone": p.phone}, rng)]
    sections[0][1].extend(others(spec, {"area": str(rng.randrange(20, 160))}, rng))
    if d.extra.get("agent"):
        sections.append(_agent(spec, d, rng))
    cv = FORM_STYLES4[family](rng.choice(spec["titles"]), sections, rng,
                              ["本单位承诺对申请材料实质内容的真实性负责。", "负责人签字：　　　　　　申领单位（盖章）："], blank)
    own_seals(cv, d.entity_name, rng)
    return make_page("food_license_application", family, cv, truth_of(sections, blank))


def dog_application(d: CaseData, rng: random.Random, family: str | None = None,
                    blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = spec_of("dog_registration_form")
    family = family or rng.choice(list(FORM_STYLES4))
    p = d.operator
    sections = [section(spec, "owner", {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address,
                                        "phone": p.phone}, rng),
                section(spec, "dog", {"breed": d.breed}, rng)]
    sections[1][1].extend(others(spec, {"dog_name": rng.choice(["豆豆", "大黄", "奶茶", "小黑"]),
                                        "colour": rng.choice(["棕黄", "纯黑", "白底黑斑"]), "sex": rng.choice(["公", "母"]),
                                        "age": str(rng.randrange(3, 100))}, rng))
    cv = FORM_STYLES4[family](rng.choice(spec["titles"]), sections, rng,
                              ["养犬人承诺：文明养犬，依法为犬只免疫，出户束链并由成年人牵领。", "养犬人签字：　　　　　　年　　月　　日"],
                              blank)
    return make_page("dog_registration_form", family, cv, truth_of(sections, blank))


# ---- 不动产登记申请书: the provincial layout, parties in rows -------------------------------------------------

def estate_application(d: CaseData, rng: random.Random, blank: frozenset[str] = frozenset()) -> SamplePage:
    """申请登记事由 as check boxes; a parties table whose rows are 权利人 and 义务人 and whose columns are
    the name, the ID kind and number, the share and the phone; then the property rows."""
    spec = spec_of("real_estate_application")
    f = spec["fields"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, rng.choice(spec["titles"]), 34, "songbold")
    cv.text(80, 130, f"业务编号：{rng.randrange(10**11, 10**12)}", 18, "mono")
    cv.text(A4[0] - 440, 130, f"受理日期：{dated(AS_OF - timedelta(days=3), 5)}", 18, "song")
    x0, x1, s = 70, A4[0] - 70, 20
    y = 170.0
    lab = rng.choice(f["registration_type"])
    cv.rect((x0, y, x0 + 200, y + 96), 2)
    for i, ln in enumerate(wrap(lab, s, 180, "song")):
        cv.text(x0 + 10, y + 18 + i * 28, ln, s, "song")
    cv.rect((x0 + 200, y, x1, y + 96), 2)
    kinds = ["首次登记", "转移登记", "变更登记", "注销登记", "更正登记", "异议登记", "预告登记", "查封登记"]
    for k, kind in enumerate(kinds):
        cv.text(x0 + 216 + (k % 4) * 220, y + 14 + (k // 4) * 42, ("■" if kind == "转移登记" else "□") + kind, s, "song")
    y += 116
    cols = spec["party_columns"]
    heads = [rng.choice(spec["party_kind"]), rng.choice(cols["name"]), rng.choice(cols["id_kind"]),
             rng.choice(cols["id_number"]), rng.choice(cols["share"]), rng.choice(cols["phone"])]
    ws = [150, 190, 130, 270, 110, x1 - x0 - 850]
    xs = [x0 + sum(ws[:k]) for k in range(len(ws) + 1)]
    hh = 70
    for k, head in enumerate(heads):
        cv.rect((xs[k], y, xs[k + 1], y + hh), 2, fill=(240, 240, 240))
        for i, ln in enumerate(wrap(head, s - 3, ws[k] - 12, "song")[:2]):
            cv.text(xs[k] + 6, y + 8 + i * 26, ln, s - 3, "song")
    y += hh
    truth = {"registration_type": "转移登记"}
    share = "100%" if d.co_ownership == "单独所有" else "共同共有"
    parties = [("buyer", d.buyer), ("seller", d.lessor)]
    for role, who in parties:
        values = [rng.choice(spec["party_rows"][role]), "" if role in blank else who.name, "居民身份证",
                  who.id_number, share, who.phone]
        rh = 84
        for k, v in enumerate(values):
            cv.rect((xs[k], y, xs[k + 1], y + rh), 2)
            style = "song" if k == 0 else "kai"
            for i, ln in enumerate(wrap(v, s - (3 if k == 0 else 0), ws[k] - 12, style)[:2]):
                cv.text(xs[k] + 6, y + 12 + i * 30, ln, s - (3 if k == 0 else 0), style, INK if k == 0 else PEN)
        if role not in blank:
            truth[role] = who.name
        y += rh
    y += 20
    for field_, value in (("address", d.premises), ("unit_number", d.unit), (None, "成套住宅"),
                          (None, area_text(d.area, rng))):
        label = rng.choice(f[field_]) if field_ else ("房屋用途" if value == "成套住宅" else "面积（平方米）")
        lines = wrap(value, s, x1 - x0 - 240, "kai") if field_ not in blank else []
        y = side_label_row(cv, x0, x1, y, label, lines, s, 210, 56, 22, 12, "kai", PEN)
        if field_ and field_ not in blank:
            truth[field_] = value
    y = cv.wrapped(x0 + 10, y + 36, "申请人郑重声明：本申请所填写的内容及提交的申请材料真实有效，如有不实，愿承担相应法律责任。", 20,
                   x1 - x0 - 20) + 20
    cv.text(x0 + 10, y, "权利人签字：", 22, "song")
    cv.text(A4[0] / 2, y, "义务人签字：", 22, "song")
    return make_page("real_estate_application", "estate-provincial-party-rows", cv, truth)


# ---- 委托书 as a letter --------------------------------------------------------------------------------------

def _matter(d: CaseData) -> str:
    return f"{d.extra.get('matter', '个体工商户设立登记')}（{d.entity_name}）"


def _letter_text(d: CaseData, rng: random.Random) -> tuple[str, list[str], str]:
    L = spec_of("power_of_attorney")["letter"]
    greeting = rng.choice(L["greeting"])
    idp = rng.choice(L["id_phrase"])
    entrusted = _matter(d)
    body = [f"　　本人{d.operator.name}（{idp}{d.operator.id_number}），因工作原因无法亲自前往，{rng.choice(L['opening'])}"
            f"{d.agent.name}（{idp}{d.agent.id_number}）{rng.choice(L['matter_phrase'])}{entrusted}相关手续，"
            "受托人在办理过程中签署的相关材料本人均予认可。",
            f"　　委托期限：自即日起至{dated(AS_OF + timedelta(days=rng.choice([30, 60, 90])), 3)}止。",
            "　　" + rng.choice(L["close"])]
    return greeting, body, entrusted


def _letter_truth(d: CaseData, entrusted: str) -> dict[str, str]:
    return {"principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
            "entrusted_matter": entrusted}


def attorney_letter(d: CaseData, rng: random.Random) -> SamplePage:
    """Typed as a letter: a title, 尊敬的…：, the people and their ID numbers inside one sentence, the
    matter, a closing line, the signature and the date at the right."""
    greeting, body, entrusted = _letter_text(d, rng)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 110, rng.choice(spec_of("power_of_attorney")["titles"]), 40, "songbold")
    x0, s = 120, 25
    cv.text(x0, 230, greeting, s, "song")
    y = 300.0
    y = paragraphs(cv, x0, y, body, s, A4[0] - 2 * x0, 0.9, 20)
    y += 80
    cv.text(A4[0] - 520, y, "委托人（签名）：", s, "song")
    cv.text(A4[0] - 520, y + 60, f"联系电话：{d.operator.phone}", s - 2, "song")
    cv.text(A4[0] - 520, y + 120, dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 3), s, "song")
    return make_page("power_of_attorney", "attorney-letter-typed", cv, _letter_truth(d, entrusted))


def attorney_letter_hand(d: CaseData, rng: random.Random) -> SamplePage:
    """The same letter written by hand on red-ruled 信纸, the lines not quite kept."""
    greeting, body, entrusted = _letter_text(d, rng)
    cv = Sheet(A4, (250, 248, 240))
    for yy in range(220, A4[1] - 120, 64):
        cv.line([(90, yy), (A4[0] - 90, yy)], 1, (220, 140, 140))
    cv.text(90, A4[1] - 100, f"{d.operator.region[2]}便民服务中心", 18, "song", (200, 110, 110))
    hand(cv, A4[0] / 2 - 60, 120, rng.choice(spec_of("power_of_attorney")["titles"]), 44, rng)
    y = 175.0
    hand(cv, 110, y, greeting, 30, rng)
    y += 64
    for para in body:
        for ln in wrap(para, 30, A4[0] - 260, "kai"):
            hand(cv, 110, y, ln, 30, rng)
            y += 64
    y += 64
    cv.text(A4[0] - 520, y, "委托人签字：", 26, "song")
    hand(cv, A4[0] - 520, y + 64, dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 4), 28, rng)
    return make_page("power_of_attorney", "attorney-letter-hand-lined", cv, _letter_truth(d, entrusted))


def attorney_case4(d: CaseData, rng: random.Random) -> SamplePage:
    return (attorney_letter if rng.random() < 0.5 else attorney_letter_hand)(d, rng)


# ---- contracts ------------------------------------------------------------------------------------------

def _party_lines(cv: Sheet, y: float, parties: list[tuple[str, Person]], s: int) -> float:
    for label, who in parties:
        cv.text(110, y, f"{label}：{who.name}", s, "song")
        cv.text(650, y, f"身份证号：{who.id_number}", s - 2, "song")
        y += s * 2
    return y + s


def _lease_truth(d: CaseData, lessee: str) -> dict[str, str]:
    return {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
            "term_end": d.term_end.isoformat()}


def _lease_clauses(d: CaseData, rng: random.Random, spec: dict) -> list[str]:
    f = spec["fields"]
    st = rng.choice([2, 3, 5])
    term = rng.choice(f["term"])
    when = (f"{dated(d.term_start, st)}起至{dated(d.term_end, st)}止" if term != "出租期共计"
            else f"{d.years}年，自{dated(d.term_start, st)}起至{dated(d.term_end, st)}止")
    return [f"第一条　{rng.choice(f['address'])}{d.premises}，建筑面积{area_text(d.area, rng)}，用于商业经营。",
            f"第二条　{term}{when}。",
            "第三条　租金按季度支付，具体金额及支付时间见补充条款所附明细表。",
            "第四条　租赁期间水、电、燃气、物业费用由乙方承担，甲方应保证房屋及设施处于正常可用状态。",
            "第五条　乙方不得擅自改变房屋结构及用途，如需装修应事先征得甲方书面同意。",
            "第六条　任何一方违约，应向守约方支付相当于两个月租金的违约金。"]


def lease_supplement_pages(d: CaseData, rng: random.Random) -> list[SamplePage]:
    """Page 1: the parties and the clauses; page 2: the 补充条款 with the rent only in a table of
    payment periods, then the signatures."""
    spec = spec_of("lease_contract")
    lessee = d.extra.get("lessee", d.entity_name)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 38, "songbold")
    s = 23
    y = 190.0
    for label, name in ((rng.choice(spec["parties"]["lessor"]), d.lessor.name),
                        (rng.choice(spec["parties"]["lessee"]), lessee)):
        cv.text(110, y, f"{label}：{name}", s, "song")
        y += s * 2
    y += s
    paragraphs(cv, 110, y, _lease_clauses(d, rng, spec), s, A4[0] - 220, 0.7, 14)
    cv.centred(A4[0] / 2, A4[1] - 90, "第 1 页 共 2 页", 18, "song")
    more = Sheet(A4)
    more.centred(A4[0] / 2, 90, rng.choice(spec["supplement"]), 32, "songbold")
    y = more.wrapped(110, 170, "一、经甲乙双方协商一致，就租金支付事项补充约定如下，本补充条款与主合同具有同等法律效力。", s,
                     A4[0] - 220, "song", 0.7) + 20
    more.text(110, y, rng.choice(spec["payments"]), s, "heibold")
    y += 50
    rent = rng.randrange(20, 90) * 100
    start = d.term_start
    rows = []
    k = 1
    while start <= d.term_end and k <= 8:
        end = min(d.term_end, _months_on(start, 3) - timedelta(days=1))
        rows.append([(f"第{k}期", f"{dated(start, 4)}至{dated(end, 4)}　应付{rent * 3}元　付款日{dated(start - timedelta(days=5), 4)}")])
        start, k = end + timedelta(days=1), k + 1
    y = table(more, rows, 110, A4[0] - 110, y, 20, 110, "song", "song") + 30
    y = more.wrapped(110, y, "二、以上期次之外的租金按相同标准顺延支付。", s, A4[0] - 220, "song", 0.7) + 60
    more.text(110, y, "甲方（签字）：", s, "song")
    more.text(A4[0] / 2 + 40, y, "乙方（签字）：", s, "song")
    more.text(110, y + 70, "日期：", s, "song")
    more.centred(A4[0] / 2, A4[1] - 90, "第 2 页 共 2 页", 18, "song")
    return [make_page("lease_contract", "lease-supplement-payments", cv, _lease_truth(d, lessee)),
            make_page("lease_contract", "continuation", more, {})]


def _months_on(d: date, months: int) -> date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, 28))


def lease_supplement(d: CaseData, rng: random.Random) -> SamplePage:
    return lease_supplement_pages(d, rng)[0]


def lease_two_up(d: CaseData, rng: random.Random) -> SamplePage:
    """The whole contract printed two pages to a landscape sheet (a booklet print): page 1 left with
    the parties and the clauses, page 2 right with the rest and the signatures; small type."""
    spec = spec_of("lease_contract")
    lessee = d.extra.get("lessee", d.entity_name)
    cv = Sheet(LANDSCAPE)
    pw = LANDSCAPE[0] // 2
    cv.line([(pw, 40), (pw, LANDSCAPE[1] - 40)], 1, (210, 210, 210))
    s = 17
    cv.centred(pw / 2, 60, rng.choice(spec["titles"]), 28, "songbold")
    y = 130.0
    for label, name in ((rng.choice(spec["parties"]["lessor"]), d.lessor.name),
                        (rng.choice(spec["parties"]["lessee"]), lessee)):
        cv.text(70, y, f"{label}：{name}", s + 1, "song")
        y += s * 2.2
    clauses = _lease_clauses(d, rng, spec)
    paragraphs(cv, 70, y, clauses[:4], s, pw - 140, 0.6, 10)
    cv.centred(pw / 2, LANDSCAPE[1] - 60, "— 1 —", 15, "song")
    y = 70.0
    y = paragraphs(cv, pw + 70, y, clauses[4:] + ["第七条　本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。"], s,
                   pw - 140, 0.6, 10)
    y += 60
    cv.text(pw + 70, y, "甲方（签字）：", s + 1, "song")
    cv.text(pw + 70, y + 90, "乙方（签字）：", s + 1, "song")
    cv.text(pw + 70, y + 180, f"签订日期：{dated(d.term_start - timedelta(days=7), 2)}", s + 1, "song")
    cv.centred(pw * 1.5, LANDSCAPE[1] - 60, "— 2 —", 15, "song")
    return make_page("lease_contract", "lease-two-up-sheet", cv, _lease_truth(d, lessee))


def _sale_truth(d: CaseData) -> dict[str, str]:
    return {"seller": d.lessor.name, "buyer": d.buyer.name, "address": d.premises, "price": d.price}


def sale_midclause_pages(d: CaseData, rng: random.Random) -> list[SamplePage]:
    """Page 1 ends inside a clause; page 2 begins with the rest of that sentence (no title, no
    parties), carries the remaining clauses and the signatures."""
    spec = spec_of("house_sale_contract")
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 38, "songbold")
    s = 23
    y = _party_lines(cv, 190, [(rng.choice(spec["parties"]["seller"]), d.lessor),
                               (rng.choice(spec["parties"]["buyer"]), d.buyer)], s)
    price = int(d.price)
    paras = [f"第一条　{rng.choice(spec['prose']['address'])}{d.premises}的房屋（建筑面积{area_text(d.area, rng)}，"
             f"不动产权证号{d.cert}）转让给乙方。",
             f"第二条　{rng.choice(spec['prose']['price'])}{money_words(price)}（小写：{price}元）。",
             "第三条　乙方于本合同签订之日起五个工作日内向甲方支付定金，余款通过资金监管账户划转，甲方应在"]
    paragraphs(cv, 110, y, paras, s, A4[0] - 220, 0.7, 14)
    more = Sheet(A4)
    y2 = 110.0
    for para in ["收到全部房款之日起三十日内腾空房屋并交付乙方，同时结清水、电、燃气及物业等费用。",
                 "第四条　双方应于本合同签订后共同向不动产登记机构申请办理转移登记，税费按国家规定各自承担。",
                 "第五条　甲方保证该房屋权属清楚，无查封、抵押及其他权利限制。",
                 "第六条　本合同自双方签字之日起生效，一式三份。"]:
        y2 = more.wrapped(110, y2, para, s, A4[0] - 220, "song", 0.7) + 14
    y2 += 60
    more.text(110, y2, "甲方（签字）：", s, "song")
    more.text(A4[0] / 2 + 40, y2, "乙方（签字）：", s, "song")
    return [make_page("house_sale_contract", "sale-page2-midclause", cv, _sale_truth(d)),
            make_page("house_sale_contract", "continuation", more, {})]


def sale_midclause(d: CaseData, rng: random.Random) -> SamplePage:
    return sale_midclause_pages(d, rng)[0]


def sale_prose(d: CaseData, rng: random.Random) -> SamplePage:
    """One page of prose: the parties introduced inside the first paragraph, the house and the price
    (in 大写 and figures with a thousands separator) in sentences; no table, no party lines."""
    spec = spec_of("house_sale_contract")
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 100, rng.choice(spec["titles"]), 38, "songbold")
    s = 24
    price = int(d.price)
    sl, bl = rng.choice(spec["parties"]["seller"]), rng.choice(spec["parties"]["buyer"])
    paras = [f"　　{sl}{d.lessor.name}，身份证号码{d.lessor.id_number}；{bl}{d.buyer.name}，身份证号码{d.buyer.id_number}。"
             "甲乙双方本着自愿、公平、诚实信用的原则，就房屋转让事宜达成如下协议：",
             f"　　一、{rng.choice(spec['prose']['address'])}{d.premises}的住宅一套，建筑面积{area_text(d.area, rng)}。",
             f"　　二、{rng.choice(spec['prose']['price'])}{money_words(price)}（¥{price:,}元），乙方分两期付清。",
             "　　三、甲方应于收到首期款后配合乙方办理不动产转移登记，交房时结清一切费用。",
             "　　四、本协议自双方签字之日起生效，未尽事宜双方另行协商。"]
    y = 200.0
    y = paragraphs(cv, 110, y, paras, s, A4[0] - 220, 0.8, 16)
    y += 60
    cv.text(110, y, "甲方（签字）：", s, "song")
    cv.text(A4[0] / 2 + 40, y, "乙方（签字）：", s, "song")
    cv.text(110, y + 80, dated(AS_OF - timedelta(days=rng.randrange(5, 30)), 2), s, "song")
    return make_page("house_sale_contract", "sale-prose-only", cv, _sale_truth(d))


def sale_case4(d: CaseData, rng: random.Random) -> list[SamplePage]:
    return sale_midclause_pages(d, rng) if rng.random() < 0.5 else [sale_prose(d, rng)]


def lease_case4(d: CaseData, rng: random.Random) -> list[SamplePage]:
    return lease_supplement_pages(d, rng) if rng.random() < 0.5 else [lease_two_up(d, rng)]


# ---- 健康证明 --------------------------------------------------------------------------------------------

def _health_of(d: CaseData, who: str) -> tuple[dict, dict, Person]:
    spec = spec_of("health_certificate")
    return spec, spec["fields"], getattr(d, who)


def _health_until(d: CaseData) -> date:
    return d.exam_date + timedelta(days=364)


def health_province_qr(d: CaseData, rng: random.Random, who: str = "staff") -> SamplePage:
    """Another province's certificate: the photo left, a QR code right, the rows between; the exam
    date under its own wording (no 体检日期), the validity as a sentence."""
    spec, f, p = _health_of(d, who)
    w, h = 1300, 860
    cv = Sheet((w, h), (246, 250, 246))
    cv.rect((18, 18, w - 18, h - 18), 4, (40, 120, 80))
    cv.centred(w / 2, 50, rng.choice(spec["titles"]), 34, "songbold", (30, 100, 60))
    cv.rect((60, 150, 260, 400), 2, GREY, (214, 220, 226))
    N.qr(cv, (w - 260, 150, 190), rng)
    cv.text(w - 270, 350, "扫码核验真伪", 18, "hei")
    until = _health_until(d)
    rows = [(rng.choice(f["name"]), p.name), ("性别", p.sex), (rng.choice(spec["others"]["kind"]), "食品经营"),
            (rng.choice(spec["others"]["unit"]), d.entity_name), (rng.choice(f["exam_date"]), dated(d.exam_date, 3)),
            ("证号", f"{rng.choice('粤川浙')}健{rng.randrange(10**9, 10**10)}")]
    y = 150.0
    for label, value in rows:
        lw = cv.text(300, y, label + "：", 24, "hei")
        y = cv.wrapped(300 + lw, y, value, 24, w - 600 - lw, "song", 0.3) + 16
    cv.text(300, y + 20, f"{rng.choice(f['valid_until'])}{dated(until, 3)}", 24, "song")
    cv.text(60, h - 120, f"发证机构：{p.region[2]}疾病预防控制中心", 22, "song")
    N.paint_seal(cv.img, (w - 330, h - 150), 80, f"{p.region[2]}卫生健康局", rng)
    return make_page("health_certificate", "health-province-qr", cv, {
        "name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()})


def health_card_in_hand(d: CaseData, rng: random.Random, who: str = "staff") -> SamplePage:
    """The small laminated card held between two fingers over a dark table."""
    spec, f, p = _health_of(d, who)
    cw, ch = 860, 540
    card = Sheet((cw, ch), (236, 246, 250))
    card.rect((8, 8, cw - 8, ch - 8), 3, (40, 90, 160))
    card.centred(cw / 2, 24, "健康证", 40, "heibold", (40, 90, 160))
    card.rect((36, 110, 216, 340), 0, (200, 210, 220), (200, 210, 220))
    until = _health_until(d)
    y = 110.0
    for label, value in ((rng.choice(f["name"]), p.name), ("性别", p.sex), (rng.choice(f["exam_date"]), dated(d.exam_date, 1)),
                         (rng.choice(f["valid_until"]), dated(until, 1))):
        lw = card.text(240, y, label + "：", 22, "hei")
        card.text(240 + lw, y, value, 24, "hei")
        y += 56
    card.text(36, ch - 80, f"编号：{rng.randrange(10**10, 10**11)}", 20, "mono")
    N.paint_seal(card.img, (cw - 150, ch - 110), 70, f"{p.region[2]}卫生健康委员会", rng)
    bg = dark_cloth((cw + 360, ch + 360), rng)
    c = strip_card(card, rng, rng.uniform(-8, 8))
    bg.paste(c, (180, 180), c)
    thumb(bg, (200, 180 + ch - 40), 70, rng)
    return make_page("health_certificate", "health-card-in-hand", bg, {
        "name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()}, card.lines, photo=True)


def health_case4(d: CaseData, rng: random.Random) -> SamplePage:
    return (health_province_qr if rng.random() < 0.5 else health_card_in_hand)(d, rng)


# ---- 犬只狂犬病免疫证明 --------------------------------------------------------------------------------------

def _vacc_until(d: CaseData) -> date:
    return d.extra.get("vacc_until") or d.vaccinated_on + timedelta(days=364)


def vaccination_booklet_rows(d: CaseData, rng: random.Random) -> SamplePage:
    """A booklet page: the owner and the dog on top, then a table of shots, one a year; the newest
    row is the one in force (the older ones ran out)."""
    spec = spec_of("dog_vaccination_cert")
    f = spec["fields"]
    cv = Sheet((1200, 1500), (250, 246, 232))
    cv.centred(600, 60, rng.choice(spec["titles"]), 34, "songbold")
    y = 140.0
    for label, value in ((rng.choice(f["owner_name"]), d.operator.name), (rng.choice(f["breed"]), d.breed),
                         ("犬只编号", f"QF{rng.randrange(10**7, 10**8)}")):
        lw = cv.text(90, y, label + "：", 24, "song")
        hand(cv, 90 + lw + 10, y - 4, value, 28, rng)
        y += 64
    y += 20
    heads = [spec["columns"][0], rng.choice(f["vaccinated_on"]), spec["columns"][1], rng.choice(f["valid_until"]),
             spec["columns"][2]]
    ws = [90, 230, 300, 260, 140]
    xs = [90 + sum(ws[:k]) for k in range(len(ws) + 1)]
    for k, head in enumerate(heads):
        cv.rect((xs[k], y, xs[k + 1], y + 70), 2)
        for i, ln in enumerate(wrap(head, 19, ws[k] - 12, "song")[:2]):
            cv.text(xs[k] + 6, y + 8 + i * 26, ln, 19, "song")
    y += 70
    shots = [d.vaccinated_on - timedelta(days=365 * k + rng.randrange(-20, 20)) for k in (2, 1)] + [d.vaccinated_on]
    until = _vacc_until(d)
    for n, when in enumerate(shots, 1):
        end = until if n == len(shots) else when + timedelta(days=364)
        cells = [str(n), dated(when, 4), f"狂犬病灭活疫苗 {rng.randrange(10**5, 10**6)}", dated(end, 4), ""]
        for k, v in enumerate(cells):
            cv.rect((xs[k], y, xs[k + 1], y + 64), 2)
            if v:
                hand(cv, xs[k] + 8, y + 14, v, 21, rng)
        y += 64
    N.paint_seal(cv.img, (900, y + 120), 80, f"{d.operator.region[2]}动物疫病预防控制中心", rng)
    return make_page("dog_vaccination_cert", "vaccination-booklet-rows", cv, {
        "owner_name": d.operator.name, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()})


def vaccination_carbon(d: CaseData, rng: random.Random) -> SamplePage:
    """The 客户联 of a three-part carbon slip: pink paper, printed rows, the values in blue carbon
    that spread and skip where the pen pressed lightly."""
    spec = spec_of("dog_vaccination_cert")
    f = spec["fields"]
    cv = Sheet((1400, 760), (250, 226, 228))
    cv.centred(700, 40, rng.choice(spec["titles"]), 32, "songbold", (140, 40, 60))
    cv.text(1100, 100, "第二联　客户联", 20, "song", (140, 40, 60))
    until = _vacc_until(d)
    rows = [(rng.choice(f["owner_name"]), d.operator.name), (rng.choice(f["breed"]), d.breed),
            (rng.choice(f["vaccinated_on"]), dated(d.vaccinated_on, 3)), (rng.choice(f["valid_until"]), dated(until, 3)),
            ("疫苗批号", str(rng.randrange(10**7, 10**8)))]
    y = 150.0
    carbon = (50, 60, 150)
    for label, value in rows:
        lw = cv.text(80, y, label + "：", 24, "song", (140, 40, 60))
        cv.line([(80 + lw, y + 32), (1300, y + 32)], 1, (170, 90, 110))
        hand(cv, 80 + lw + 20, y - 6, value, 28, rng, carbon)
        y += 82
    cv.img = cv.img.filter(ImageFilter.GaussianBlur(0.9))
    cv.draw = ImageDraw.Draw(cv.img)
    cv.text(80, y + 20, "免疫单位（章）　　　　　　　　兽医：", 22, "song", (140, 40, 60))
    N.paint_seal(cv.img, (400, y + 40), 70, f"{d.operator.region[2]}动物诊疗服务站", rng)
    return make_page("dog_vaccination_cert", "vaccination-carbon-slip", cv, {
        "owner_name": d.operator.name, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()})


def vaccination_case4(d: CaseData, rng: random.Random) -> SamplePage:
    return (vaccination_booklet_rows if rng.random() < 0.5 else vaccination_carbon)(d, rng)


# ---- 结婚证, 制度, 平面图 ---------------------------------------------------------------------------------

def marriage_inner(d: CaseData, rng: random.Random) -> SamplePage:
    """The inner page scanned with the red booklet's edge: 持证人, 登记日期, 证字号 on top, the couple's
    photo box, then each person's name, sex, nationality, birth date and ID number."""
    spec = spec_of("marriage_certificate")
    f = spec["fields"]
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0][:6]}-{AS_OF.year - rng.randrange(3, 20)}-{rng.randrange(10**5, 10**6):06d}"
    cv = Sheet((1300, 940), (186, 30, 36))
    inner = Sheet((1220, 860), (248, 238, 230))
    y = 50.0
    for label, value in ((rng.choice(f["holder"]), holder.name), (rng.choice(f["registered_on"]), dated(d.registered_on, 5)),
                         (rng.choice(f["cert_number"]), no)):
        lw = inner.text(60, y, label, 24, "song")
        inner.text(60 + lw + 30, y, value, 26, "kai")
        y += 60
    inner.text(60, y, "备注", 24, "song")
    inner.rect((700, 40, 1160, 330), 2, GREY, (226, 214, 206))
    y = 380.0
    for label, who in ((rng.choice(f["holder"]), holder), (rng.choice(f["spouse_row"]), spouse)):
        inner.text(60, y, f"{label}　姓名　{who.name}　　性别　{who.sex}　　国籍　中国", 23, "song")
        inner.text(60, y + 48, f"出生日期　{dated(who.birth, 5)}　　身份证件号　{who.id_number}", 23, "song")
        y += 140
    N.paint_seal(inner.img, (900, 740), 80, f"{holder.region[2]}民政局婚姻登记专用章", rng)
    cv.img.paste(inner.img, (40, 40))
    cv.lines += inner.lines
    return make_page("marriage_certificate", "marriage-inner-red-edge", cv, {
        "holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(), "cert_number": no})


RULES4 = ["从业人员健康管理制度", "食品进货查验记录制度", "食品贮存管理制度", "食品添加剂使用管理制度", "餐用具清洗消毒制度",
          "食品安全自查制度", "不合格食品处置制度", "食品安全事故处置方案"]


def rules_poster(d: CaseData, rng: random.Random) -> SamplePage:
    """The rules printed as a wall poster in an aluminium frame, photographed on the shop's wall."""
    spec = spec_of("food_safety_rules")
    cv = Sheet((1100, 1500), (255, 252, 240))
    cv.rect((0, 0, 1100, 150), 0, None, (30, 110, 170))
    cv.centred(550, 45, rng.choice(spec["titles"]), 44, "heibold", (255, 255, 255))
    y = 200.0
    for i, rule in enumerate(rng.sample(RULES4, 6), 1):
        cv.text(70, y, f"{i}. {rule}", 28, "heibold", (30, 110, 170))
        y = cv.wrapped(100, y + 46, "严格落实岗位责任，专人负责，定期检查并做好记录，发现问题及时整改，记录保存不少于两年。", 22, 930,
                       "song", 0.5) + 24
    cv.text(70, 1440, f"{d.entity_name}　宣", 22, "song")
    framed = Image.new("RGB", (1160, 1560), (190, 192, 196))
    framed.paste(cv.img, (30, 30))
    wall = Image.new("RGB", (1500, 1900), rng.choice([(220, 214, 200), (200, 210, 214)]))
    wall.paste(framed, (170, 170))
    img = steep(wall, rng, rng.uniform(0.06, 0.12), wall.getpixel((2, 2)))
    return make_page("food_safety_rules", "rules-wall-poster", img, {}, cv.lines, photo=True)


def plan_zoned(d: CaseData, rng: random.Random) -> SamplePage:
    """A plan with coloured zones (加工, 储存, 销售, 清洗) and a legend table naming each colour."""
    spec = spec_of("floor_plan")
    cv = Sheet(LANDSCAPE)
    cv.centred(LANDSCAPE[0] / 2, 50, rng.choice(spec["titles"]), 34, "songbold")
    cv.text(80, 110, f"经营地址：{d.premises}", 20, "song")
    zones = [("销售区", (250, 220, 160)), ("储存区", (170, 210, 240)), ("清洗消毒区", (190, 230, 190)),
             ("收银台", (240, 190, 200))]
    x0, y0, x1, y1 = 80, 170, 1150, 1100
    cv.rect((x0, y0, x1, y1), 5)
    boxes = [(x0, y0, 750, 800), (750, y0, x1, 600), (750, 600, x1, y1), (x0, 800, 750, y1)]
    for (name, colour), box in zip(zones, boxes, strict=True):
        cv.rect(box, 3, INK, colour)
        cv.text(box[0] + 30, box[1] + 30, name, 24, "hei")
    cv.text(x0 + 20, y1 + 20, "入口", 22, "hei")
    lx = 1220
    cv.text(lx, 180, "图　例", 26, "heibold")
    for i, (name, colour) in enumerate(zones):
        cv.rect((lx, 240 + i * 60, lx + 60, 280 + i * 60), 1, INK, colour)
        cv.text(lx + 80, 246 + i * 60, name, 22, "song")
    cv.text(lx, 560, f"总面积：{area_text(d.area, rng)}", 22, "song")
    cv.text(lx, 620, "绘制人签字：", 22, "song")
    return make_page("floor_plan", "plan-zoned-legend", cv, {})


# ---- hard negatives (expected: unknown) -------------------------------------------------------------------

def _decision(title: str, number: str, office: str, paras: list[str], rng: random.Random, family: str) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 110, title, 36, "songbold")
    cv.centred(A4[0] / 2, 180, number, 22, "song")
    y = paragraphs(cv, 110, 260.0, paras, 23, A4[0] - 220, 0.8, 18)
    cv.text(A4[0] - 500, y + 80, office, 23, "song")
    cv.text(A4[0] - 460, y + 130, dated(AS_OF - timedelta(days=rng.randrange(10, 200)), 2), 23, "song")
    N.paint_seal(cv.img, (A4[0] - 360, y + 110), 95, office, rng)
    return make_page("unknown", family, cv, {})


def neg_revocation(d: CaseData, rng: random.Random) -> SamplePage:
    office = f"{d.operator.region[2]}市场监督管理局"
    return _decision("行政处罚决定书", f"{d.operator.region[2][:2]}市监处罚〔{AS_OF.year - 1}〕{rng.randrange(10, 400)}号", office,
                     [f"当事人：{d.company}", f"统一社会信用代码：{d.credit_code}", f"法定代表人：{d.operator.name}",
                      "当事人自领取营业执照后无正当理由超过六个月未开业，违反《中华人民共和国市场主体登记管理条例》相关规定。",
                      "依据上述规定，本局决定：吊销当事人营业执照。当事人应当自本决定书送达之日起十五日内缴回营业执照正、副本。"],
                     rng, "licence-revocation-decision")


def neg_food_change(d: CaseData, rng: random.Random) -> SamplePage:
    office = f"{d.operator.region[2]}市场监督管理局"
    return _decision("准予变更食品经营许可决定书", f"食许变字〔{AS_OF.year}〕第{rng.randrange(100, 999)}号", office,
                     [f"{d.entity_name}：", f"你单位于{dated(AS_OF - timedelta(days=30), 3)}提出的食品经营许可变更申请，经审查，"
                      "符合法定条件，决定准予变更。", "变更事项：经营项目　变更前：预包装食品销售　变更后：预包装食品销售、散装食品销售",
                      f"经营场所：{d.premises}"], rng, "food-permit-change-decision")


def neg_temporary_id(d: CaseData, rng: random.Random) -> SamplePage:
    """The 临时居民身份证: paper, the same rows as the card, a three-month validity."""
    p = d.operator
    cv = Sheet((1000, 640), (238, 236, 222))
    cv.rect((10, 10, 990, 630), 3, (120, 100, 70))
    cv.centred(500, 30, "中华人民共和国临时居民身份证", 34, "songbold")
    rows = [("姓名", p.name), ("性别", p.sex), ("民族", p.ethnicity), ("出生", dated(p.birth, 3)), ("住址", p.address),
            ("公民身份号码", p.id_number), ("有效期限", f"{dated(AS_OF - timedelta(days=20), 1)}-{dated(AS_OF + timedelta(days=70), 1)}")]
    y = 100.0
    for label, value in rows:
        lw = cv.text(50, y, label + "　", 22, "hei", (60, 90, 130))
        y = cv.wrapped(50 + lw, y, value, 22, 650 - lw, "hei", 0.3) + 12
    cv.rect((760, 100, 950, 340), 0, (210, 210, 210), (210, 210, 210))
    N.paint_seal(cv.img, (830, 520), 70, f"{p.region[3]}", rng)
    return make_page("unknown", "temporary-id-card", cv, {}, card=True)


def neg_netsign(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "存量房买卖合同网签备案表", 36, "songbold")
    cv.text(90, 160, f"备案编号：WQ{rng.randrange(10**10, 10**11)}　　备案日期：{dated(AS_OF - timedelta(days=5), 4)}", 19, "song")
    rows: list[list[Pair]] = [[("出卖人", d.lessor.name), ("买受人", d.buyer.name)], [("房屋坐落", d.premises)],
                              [("不动产权证号", d.cert)], [("网签价格", f"{d.price}元"), ("付款方式", "资金监管")],
                              [("经纪机构", f"{d.operator.region[2]}某房地产经纪有限公司")]]
    y = table(cv, rows, 90, A4[0] - 90, 210, 22, 170, "song", "song")
    cv.wrapped(100, y + 40, "本表仅为合同网签备案信息的摘要，不作为合同正本使用。", 22, A4[0] - 200)
    N.paint_seal(cv.img, (A4[0] - 330, y + 200), 90, f"{d.lessor.region[2]}住房和城乡建设局网签专用章", rng)
    return make_page("unknown", "sale-netsign-filing", cv, {})


def neg_fee_receipt(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet((1300, 700), (246, 246, 240))
    cv.centred(650, 40, "犬只免疫服务收费收据", 34, "songbold", (160, 40, 40))
    cv.text(1000, 100, f"No.{rng.randrange(10**6, 10**7)}", 20, "mono", RED)
    rows: list[list[Pair]] = [[("交款人", d.operator.name), ("日期", dated(d.vaccinated_on, 4))],
                              [("收费项目", f"狂犬病疫苗注射（{d.breed}）"), ("金额", f"{rng.randrange(30, 90)}.00元")],
                              [("合计金额（大写）", "肆拾元整")]]
    table(cv, rows, 60, 1240, 150, 22, 170, "song", "song")
    cv.text(60, 560, "收款单位（财务专用章）　　　　收款人：", 22, "song")
    N.paint_seal(cv.img, (420, 590), 70, f"{d.operator.region[2]}宠物医院财务专用章", rng)
    return make_page("unknown", "dog-immunity-fee-receipt", cv, {})


def neg_loss_notice(d: CaseData, rng: random.Random) -> SamplePage:
    """A newspaper's 遗失声明 column, cut out and pasted on A4."""
    cv = Sheet(A4, (250, 250, 250))
    cv.text(120, 80, f"{d.operator.region[1]}日报　{dated(AS_OF - timedelta(days=12), 3)}　第{rng.randrange(5, 20)}版", 20, "song")
    col = Sheet((700, 900), (236, 232, 220))
    col.centred(350, 20, "遗失声明", 34, "heibold")
    y = 90.0
    for item in [f"{d.entity_name}不慎遗失营业执照正本一份，统一社会信用代码：{d.credit_code}，声明作废。",
                 f"{d.lessor.name}遗失不动产权证书，证号：{d.cert}，声明作废。",
                 f"{d.staff.name}遗失居民身份证，声明作废。"]:
        y = col.wrapped(30, y, item, 22, 640, "song", 0.5) + 24
    cv.put(col, (260, 160), rng.uniform(-2, 2))
    return make_page("unknown", "licence-loss-notice", cv, {})


def neg_water_bill(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "水费缴费通知单", 36, "songbold", (20, 90, 160))
    rows: list[list[Pair]] = [[("户名", d.lessor.name), ("户号", str(rng.randrange(10**8, 10**9)))], [("用水地址", d.premises)],
                              [("本期读数", str(rng.randrange(100, 900))), ("用水量（吨）", str(rng.randrange(5, 30)))],
                              [("应缴金额", f"{rng.randrange(20, 200)}.50元"), ("缴费截止", dated(AS_OF + timedelta(days=15), 4))]]
    table(cv, rows, 90, A4[0] - 90, 180, 22, 170, "song", "song")
    return make_page("unknown", "water-bill-notice", cv, {})


def neg_valuation(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4, (248, 248, 252))
    cv.centred(A4[0] / 2, 300, "房地产估价报告", 50, "songbold")
    cv.centred(A4[0] / 2, 420, f"估价项目：{d.premises}住宅房地产市场价值评估", 24, "song")
    cv.centred(A4[0] / 2, 480, f"估价委托人：{d.buyer.name}", 24, "song")
    cv.centred(A4[0] / 2, 540, f"估价报告编号：{d.lessor.region[1][:2]}估字（{AS_OF.year}）第{rng.randrange(100, 999)}号", 24, "song")
    cv.centred(A4[0] / 2, 1300, f"{d.lessor.region[1]}某房地产土地评估有限公司", 26, "song")
    cv.centred(A4[0] / 2, 1350, dated(AS_OF - timedelta(days=20), 2), 24, "song")
    return make_page("unknown", "valuation-report-cover", cv, {})


def neg_marriage_record(d: CaseData, rng: random.Random) -> SamplePage:
    office = f"{d.lessor.region[2]}民政局"
    return _decision("婚姻登记记录证明", f"编号：HYZM{rng.randrange(10**8, 10**9)}", office,
                     [f"经查询全国婚姻登记信息系统，{d.lessor.name}（身份证号{d.lessor.id_number}）与{d.spouse.name}"
                      f"（身份证号{d.spouse.id_number}）于{dated(d.registered_on, 3)}办理结婚登记。",
                      "本证明仅证明查询时婚姻登记记录情况，有效期三个月。"], rng, "marriage-record-proof")


def neg_rent_receipt(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet((1300, 620), (252, 250, 244))
    cv.centred(650, 40, "收　条", 40, "songbold")
    rent = rng.randrange(20, 90) * 100
    hand(cv, 90, 150, f"今收到{d.operator.name}交来{d.premises}门面房租金", 30, rng)
    hand(cv, 90, 220, f"人民币{money_words(rent * 3)}（¥{rent * 3}.00），", 30, rng)
    hand(cv, 90, 290, f"租期{dated(d.term_start, 4)}至{dated(_months_on(d.term_start, 3), 4)}。", 30, rng)
    cv.text(760, 420, "收款人：", 26, "song")
    hand(cv, 880, 412, d.lessor.name, 32, rng)
    hand(cv, 760, 480, dated(d.term_start, 3), 28, rng)
    return make_page("unknown", "rent-receipt", cv, {})


# ---- the set ---------------------------------------------------------------------------------------------

def _fam(builder: Callable[..., SamplePage], family: str) -> Builder:
    return lambda d, rng: builder(d, rng, family)


FAMILIES4: dict[str, dict[str, Builder]] = {  # material → family → builder, in the order drawn
    "business_license": {"licence-sleeve-glare": licence_sleeve, "licence-steep-above": licence_steep,
                         "licence-half-a4-shopfront": licence_half_a4},
    "id_card": {"id-held-in-hand": id_in_hand, "id-stacked-stamped-signed": id_stacked_stamped,
                "id-dark-mat-apart": id_dark_apart},
    "property_certificate": {"title-table-and-plan": title_with_plan, "title-dotmatrix-offset": title_dotmatrix},
    "household_register": {"hukou-typed-spread-changes": household_typed_spread,
                           "hukou-stacked-a4-copy": household_stacked_copy},
    **{material: {fam: _fam(builder, fam) for fam in FORM_STYLES4}
       for material, builder in (("individual_business_application", individual_application),
                                 ("food_license_application", food_application),
                                 ("dog_registration_form", dog_application))},
    "real_estate_application": {"estate-provincial-party-rows": estate_application},
    "power_of_attorney": {"attorney-letter-typed": attorney_letter, "attorney-letter-hand-lined": attorney_letter_hand},
    "lease_contract": {"lease-supplement-payments": lease_supplement, "lease-two-up-sheet": lease_two_up},
    "house_sale_contract": {"sale-page2-midclause": sale_midclause, "sale-prose-only": sale_prose},
    "health_certificate": {"health-province-qr": health_province_qr, "health-card-in-hand": health_card_in_hand},
    "dog_vaccination_cert": {"vaccination-booklet-rows": vaccination_booklet_rows,
                             "vaccination-carbon-slip": vaccination_carbon},
    "marriage_certificate": {"marriage-inner-red-edge": marriage_inner},
    "food_safety_rules": {"rules-wall-poster": rules_poster},
    "floor_plan": {"plan-zoned-legend": plan_zoned},
}
FRESH4: list[tuple[str, str, Builder]] = [(m, f, b) for m, fams in FAMILIES4.items() for f, b in fams.items()]
NEGATIVES: dict[str, Builder] = {
    "licence-revocation-decision": neg_revocation, "food-permit-change-decision": neg_food_change,
    "temporary-id-card": neg_temporary_id, "sale-netsign-filing": neg_netsign, "dog-immunity-fee-receipt": neg_fee_receipt,
    "licence-loss-notice": neg_loss_notice, "water-bill-notice": neg_water_bill, "valuation-report-cover": neg_valuation,
    "marriage-record-proof": neg_marriage_record, "rent-receipt": neg_rent_receipt,
}


def _data(rng: random.Random) -> CaseData:
    """A page's case data: an agent on every other application, any kind of ownership."""
    d = CaseData.random(_stream(rng))
    d.extra["agent"], d.co_ownership = rng.random() < 0.5, rng.choice(["单独所有", "共同共有", "按份共有"])
    return d


def iter_fresh4_samples(per_family: int = 1, seed: int = 0, negatives: bool = True) -> Iterator[tuple[str, SamplePage]]:
    """(family, page): ``per_family`` pages of every family, then the hard negatives (one each); each
    page from its own case data and its own random stream, both drawn from ``seed``."""
    rng = random.Random(seed)
    plan = [(f, b) for _, f, b in FRESH4 for _ in range(per_family)] + (list(NEGATIVES.items()) if negatives else [])
    for family, builder in plan:
        page = builder(_data(rng), random.Random(rng.randrange(1 << 30)))
        assert page.layout == family or page.material == "unknown", (page.layout, family)
        yield family, page


# ---- capture styles of this set ----------------------------------------------------------------------------

def _jpeg_q(img: Image.Image, quality: int) -> Image.Image:
    """The image as a JPEG of ``quality`` decodes."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def fax_bw(img: Image.Image, rng: random.Random) -> Image.Image:
    """A fax or a binarising copier: about 120 dpi, pure black and white at an uneven threshold,
    a few horizontal streaks, the sending machine's header line at the top."""
    import numpy as np

    k = rng.uniform(0.78, 0.85) if max(img.size) > 1500 else 1.0
    g = img.convert("L").resize((int(img.width * k), int(img.height * k)), Image.Resampling.LANCZOS)
    arr = np.asarray(g).astype(np.int16)
    threshold = rng.randrange(150, 175) + np.random.default_rng(rng.randrange(1 << 30)).integers(-14, 15, arr.shape)
    bw = np.where(arr < threshold, 0, 255).astype(np.uint8)
    for _ in range(rng.randrange(1, 4)):
        y = rng.randrange(60, bw.shape[0] - 4)
        bw[y:y + rng.choice([1, 2]), :] = 0
    out = Image.fromarray(bw).convert("RGB")
    hdr = Image.new("RGB", (out.width, 34), (255, 255, 255))
    ImageDraw.Draw(hdr).text((12, 6), f"{AS_OF:%Y-%m-%d} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}  FAX  P.00{rng.randrange(1, 4)}",
                             font=face("mono", 18), fill=(0, 0, 0))
    full = Image.new("RGB", (out.width, out.height + 34), (255, 255, 255))
    full.paste(hdr, (0, 0))
    full.paste(out, (0, 34))
    full = full.rotate(rng.uniform(-0.8, 0.8), Image.Resampling.NEAREST, fillcolor=(255, 255, 255))
    return full.convert("L").point(lambda v: 0 if v < 128 else 255).convert("RGB")  # the header too: two levels


def warm_lamp(img: Image.Image, rng: random.Random) -> Image.Image:
    """Under a warm desk lamp: a yellow-orange cast, brighter where the lamp is, dark at the corners."""
    import numpy as np

    w, h = img.size[0] // 8 + 1, img.size[1] // 8 + 1
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rng.uniform(0.2, 0.8) * w, rng.uniform(0.0, 0.4) * h
    dist = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / max(w, h)
    gain = np.clip(1.1 - rng.uniform(0.35, 0.55) * dist, 0.45, 1.1).astype(np.float32)
    big = np.asarray(Image.fromarray(gain, "F").resize(img.size, Image.Resampling.BILINEAR))
    tint = np.array([1.06, 0.93, 0.7], np.float32) * rng.uniform(0.95, 1.02)
    arr = np.asarray(img).astype(np.float32) * big[..., None] * tint[None, None, :]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def captured4(sample: SamplePage, style: str, seed: int) -> Image.Image:
    """How a page of this set reaches us: the bench's and fresh3's styles (``fresh3.captured3``), or
    this set's own ``fax-bw`` and ``wechat-lamp``."""
    from yichuang.samples.fresh3 import captured3
    from yichuang.samples.seals import mark_page

    if style not in STYLES4:
        return captured3(sample, style, seed)
    rng = random.Random(seed)
    img = mark_page(sample.image, sample.material, seed)
    if style == "fax-bw":
        if sample.card:  # a card is copied on an A4 page before it is faxed
            bed = Image.new("RGB", A4, (255, 255, 255))
            bed.paste(img.resize((int(img.width * 0.8), int(img.height * 0.8))), (rng.randrange(60, 160), rng.randrange(80, 200)))
            img = bed
        return fax_bw(img, rng)
    if not sample.image.info.get("photo"):
        if not sample.card and rng.random() < 0.4:
            img = fold(img, rng)
        fill = rng.uniform(0.45, 0.6) if sample.card else rng.uniform(0.8, 0.9)
        img = on_desk(img, rng, fill, rng.choice([-1, 1]) * rng.uniform(1, 5), rng.uniform(0.02, 0.05))
    img = warm_lamp(img, rng)
    img = _shrink(img, 1280).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    return _jpeg_q(img, rng.randrange(45, 56))


# ---- whole cases ------------------------------------------------------------------------------------------

def _expired(p: Person) -> Person:
    """The same person's card, issued in 2010 for ten years: run out before the check date."""
    return replace(p, valid_from=date(2010, 3, 15), valid_until=date(2020, 3, 15).isoformat())


def _misspelt(p: Person) -> Person:
    """The application's name one character off the card's (a homophone written at the counter)."""
    swap = {"伟": "炜", "芳": "芬", "静": "菁", "丽": "俪", "军": "钧", "明": "鸣", "华": "骅", "杰": "捷", "红": "虹",
            "娜": "那", "敏": "闵", "涛": "滔", "强": "蔷"}
    last = p.name[-1]
    return replace(p, name=p.name[:-1] + swap.get(last, "瑜" if last != "瑜" else "榆"))


def _drop(pages: list[SamplePage], *gone: SamplePage) -> list[SamplePage]:
    """The case's pages without ``gone`` (by identity: a variant shares its other pages)."""
    return [p for p in pages if all(p is not g for g in gone)]


def _swap(pages: list[SamplePage], old: SamplePage, new: SamplePage) -> list[SamplePage]:
    return [new if p is old else p for p in pages]


def _stream(rng: random.Random) -> random.Random:
    """A random stream of its own for one page, drawn from the case's."""
    return random.Random(rng.randrange(1 << 30))


def _ibr_cases(k: int, rng: random.Random) -> Iterator[GenCase]:
    """个体工商户设立登记 through an agent named in this set's words."""
    r = partial(_stream, rng)
    d = _case_data(rng)
    d.individual, d.extra["agent"], d.extra["lessee"] = True, True, d.operator.name
    fam = rng.choice(list(FORM_STYLES4))
    lease_p = lease_case4(d, r())
    app, op_id, agent_id, poa = (individual_application(d, r(), fam), id_case4(d, r()), id_case4(d, r(), "agent"),
                                 attorney_case4(d, r()))
    pages = [app, op_id, agent_id, *lease_p, poa]
    m, name = ["individual_business_registration"], f"fresh4-ibr-{k}"
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _drop(pages, poa), "incomplete", "agent_without_authority")
    yield GenCase(name, m, _drop(pages, op_id), "incomplete", "operator_id_missing")
    old = CaseData(**{**vars(d), "operator": _expired(d.operator)})
    yield GenCase(name, m, _swap(pages, op_id, id_case4(old, r())), "incomplete", "operator_id_expired")
    slip = CaseData(**{**vars(d), "operator": _misspelt(d.operator)})
    yield GenCase(name, m, _swap(pages, app, individual_application(slip, r(), fam)), "incomplete",
                  "operator_name_mismatch")
    yield GenCase(name, m, _swap(pages, app, individual_application(d, r(), fam, empty=True)),
                  "incomplete", "empty_template_for_application")


def _food_cases(k: int, rng: random.Random) -> Iterator[GenCase]:
    """食品经营许可: every other case through an agent."""
    r = partial(_stream, rng)
    d = _case_data(rng)
    d.extra["agent"], d.extra["lessee"] = k % 2 == 1, d.operator.name
    d.extra["matter"] = "食品经营许可"
    lic = rng.choice([licence_sleeve, licence_steep, licence_half_a4])(d, r())
    app = food_application(d, r())
    lease_p = lease_case4(d, r())
    pages = [app, lic, id_case4(d, r()), *lease_p, rules_poster(d, r()), plan_zoned(d, r()), health_case4(d, r())]
    poa = attorney_case4(d, r()) if d.extra["agent"] else None
    pages += [id_case4(d, r(), "agent"), poa] if poa else []
    name, m = f"fresh4-food-{k}", ["food_business_license"]
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _drop(pages, lic), "incomplete", "licence_missing")
    yield GenCase(name, m, _drop(pages, *lease_p), "incomplete", "premises_proof_missing")
    yield GenCase(name, m, _swap(pages, lic, neg_revocation(d, r())), "incomplete",
                  "revocation_for_licence")
    other = CaseData(**{**vars(d), "operator": replace(d.operator, id_number=d.lessor.id_number)})
    yield GenCase(name, m, _swap(pages, app, food_application(other, r())), "incomplete",
                  "legal_rep_id_number_mismatch")
    yield GenCase(name, m, _swap(pages, app, food_application(d, r(), None, frozenset({"legal_rep"}))),
                  "incomplete", "legal_rep_blank")
    if poa is not None:
        yield GenCase(name, m, _drop(pages, poa), "incomplete", "agent_without_authority")


def _house_cases(k: int, rng: random.Random) -> Iterator[GenCase]:
    """二手房转移登记."""
    r = partial(_stream, rng)
    d = _case_data(rng)
    d.co_ownership = ("单独所有", "共同共有")[k % 2 == 0]  # a joint house needs the spouse's 结婚证
    title, seller_id = title_case4(d, r()), id_case4(d, r(), "lessor")
    contract = sale_midclause_pages(d, r()) if k % 2 == 0 else [sale_prose(d, r())]
    pages = [estate_application(d, r()), id_case4(d, r(), "buyer"), seller_id, title, *contract]
    consent = [marriage_inner(d, r())] if d.co_ownership == "共同共有" else []
    pages += consent
    name, m = f"fresh4-house-{k}", ["second_hand_house_transfer"]
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _drop(pages, *contract), "incomplete", "contract_missing")
    yield GenCase(name, m, _swap(_drop(pages, *contract[1:]), contract[0], neg_netsign(d, r())),
                  "incomplete", "netsign_for_contract")
    if len(contract) > 1:
        yield GenCase(name, m, _drop(pages, contract[1]), "incomplete", "contract_page_two_missing")
    if consent:  # (a 婚姻登记记录证明 is accepted for a lost 结婚证 in many places: not a must-not-pass)
        yield GenCase(name, m, _drop(pages, *consent), "incomplete", "joint_without_marriage_proof")
    old = CaseData(**{**vars(d), "lessor": _expired(d.lessor)})
    yield GenCase(name, m, _swap(pages, seller_id, id_case4(old, r(), "lessor")), "incomplete",
                  "seller_id_expired")


def _dog_cases(k: int, rng: random.Random) -> Iterator[GenCase]:
    """养犬登记."""
    r = partial(_stream, rng)
    d = _case_data(rng)
    ffam = rng.choice(list(FORM_STYLES4))
    form, owner_id = dog_application(d, r(), ffam), id_case4(d, r())
    shot = rng.choice([vaccination_booklet_rows, vaccination_carbon])  # the same kind again when it has lapsed
    pages = [form, owner_id, shot(d, r()), rng.choice([household_typed_spread, household_stacked_copy])(d, r())]
    vacc = pages[2]
    name, m = f"fresh4-dog-{k}", ["dog_registration"]
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _drop(pages, vacc), "incomplete", "vaccination_missing")
    lapsed = CaseData(**{**vars(d), "vaccinated_on": AS_OF - timedelta(days=430),
                         "extra": {**d.extra, "vacc_until": AS_OF - timedelta(days=66)}})
    yield GenCase(name, m, _swap(pages, vacc, shot(lapsed, r())), "incomplete", "vaccination_expired")
    yield GenCase(name, m, _swap(pages, vacc, neg_fee_receipt(d, r())), "incomplete",
                  "fee_receipt_for_vaccination")
    yield GenCase(name, m, _swap(pages, form, dog_application(d, r(), ffam, frozenset({"owner_id_number"}))),
                  "incomplete", "owner_id_number_blank")
    yield GenCase(name, m, _swap(pages, owner_id, id_case4(d, r(), "spouse")), "incomplete",
                  "someone_elses_id")  # (a 临时身份证 would be accepted at a window: it is a page negative only)


def fresh4_cases(n_per_matter: int = 3, seed: int = 0) -> Iterator[GenCase]:
    """Complete cases of every matter drawn in this set's style, each followed by variants a clerk
    would refuse (expected ``incomplete``; the bench counts any pass of them as a false accept)."""
    rng = random.Random(seed)
    for k in range(n_per_matter):
        for matter in (_ibr_cases, _food_cases, _house_cases, _dog_cases):
            yield from matter(k, rng)


# ---- the command -------------------------------------------------------------------------------------------

def write_own_styles(samples: list[tuple[str, SamplePage]], out: Path, styles: list[str], seed: int, keep: bool) -> int:
    """Pages captured in this set's own styles, added to ``truth.json`` (or starting it); the count written."""
    import json

    index = out / "truth.json"
    out.mkdir(parents=True, exist_ok=True)
    truth = json.loads(index.read_text(encoding="utf-8")) if keep else []
    rng = random.Random(seed + 4)
    jobs = [(style, n, family, page) for style in styles for n, (family, page) in enumerate(samples)]
    for style in styles:
        (out / style).mkdir(parents=True, exist_ok=True)
    for style, n, family, page in jobs:
        rel = f"{style}/{page.material}-{family}-{n}.jpg"
        captured4(page, style, rng.randrange(1 << 30)).save(out / rel, quality=90)
        truth.append({"file": rel, "style": style, "material": page.material, "family": family, "fields": page.fields})
    index.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(jobs)


def main() -> None:
    from yichuang.samples.fresh import set_arguments, write_set
    from yichuang.samples.fresh3 import STYLES3
    from yichuang.samples.fresh3 import write_own_styles as write_styles3

    args = set_arguments("Draw the fourth never-seen set (pages + truth.json); styles may include "
                         + ", ".join(STYLES3 + STYLES4) + ".")
    out = Path(args.out)
    samples = list(iter_fresh4_samples(args.per_family, args.seed))
    styles = [s for s in args.styles.split(",") if s]
    base = [s for s in styles if s not in STYLES3 + STYLES4]
    n = write_set(samples, out, ",".join(base), args.seed) if base else 0
    if three := [s for s in styles if s in STYLES3]:
        n += write_styles3(samples, out, three, args.seed, keep=bool(base))
    n += write_own_styles(samples, out, [s for s in styles if s in STYLES4], args.seed, keep=bool(base or three))
    print(f"wrote {n} fresh4 pages to {out}")


if __name__ == "__main__":
    main()
