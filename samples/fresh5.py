"""A FIFTH never-seen set (issue 9): built blind, tuned on by nobody; the lead measures it once.

    .venv/bin/python -m yichuang.samples.fresh5 --out /tmp/fresh5 --per-family 1     # pages + truth.json
    nice .venv/bin/python -m bench.accuracy --fresh5 --per-family 1 --cases 3         # measure (the lead, once)

``samples.fresh`` … ``fresh4`` were each measured once and are development data now. This module was
written from how papers look at a service centre's window — not from what the extractor handles —
and draws layout families that exist nowhere else in ``samples/``:

* issued documents: the landscape 营业执照 副本 with the QR code right, each label fused with its value
  in one run and the page scanned turned by 90°; the 个体工商户 licence (经营者 / 组成形式 / 经营场所)
  with a long many-line 经营范围, a coffee ring on it and a thumb over the blank margin; the ID card's
  front and back side by side on one phone photo on a patterned tablecloth; an A4 copy of both sides
  placed diagonally and scanned upside down; the 不动产权证书 inner page whose 不动产单元号 wraps over
  two lines in its cell, a fold shadow across the table; the 户口簿 户主页 and 常住人口登记卡 of the
  newer print with letter-spaced labels, photographed turned by 90°;
* forms in two columns of label/value pairs with letter-spaced labels, and forms whose values are
  written right after their labels (fused) with the ID number in 18 single-digit boxes; the national
  不动产登记申请书 with 权利人（申请人）/ 义务人 blocks; a city 委托书 template with check boxes for
  the entrusted matters; a lease whose parties are in a header block 甲方（出租方）… with the rent in
  大写 and figures over two pages; a sale contract with 出卖人 / 买受人 in a header block and the
  price in prose (坐落于…的房屋, 成交价款为人民币…); a health certificate card scanned turned by 90°;
  a vaccination certificate with its 存根 stub beside it; the 结婚证 page photographed with a thumb
  on the margin; rules as a stapled handout; a floor plan sketched on squared paper;
* its own label wordings (``fresh5_wording.yaml``);
* capture styles of its own beside fresh3's: ``toner-streak`` (a copier running out of toner: faint,
  with white vertical streaks) and ``flash-night`` (a phone photo at night with the flash: a hot spot,
  dark corners, sensor noise, a little motion blur); see :func:`captured5`;
* hard negatives of new kinds (个体工商户简易注销登记申请表, 个人住房抵押借款合同, 准予迁入证明, 动物检疫合格证明,
  健康体检表, 结婚登记审查处理表, 不动产登记受理凭证, 食品经营许可证延续通知): expected ``unknown`` or
  the catalog's look-alike material;
* whole cases of every matter, complete, and variants that must not pass. An applicant's 盖章 box
  carries the applicant's own seal.

Every page records the text lines it drew (``page.image.info["text_lines"]``). Deterministic by
seed; nothing is committed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFilter
from yichuang.samples import national as N
from yichuang.samples.families import AS_OF, GenCase
from yichuang.samples.fresh import money_words
from yichuang.samples.fresh2 import GREY, INK, LANDSCAPE, RED, Sheet, card_back, card_front, width, wrap
from yichuang.samples.fresh3 import area_text, dated, hand
from yichuang.samples.fresh4 import (
    id_truth,
    make_page,
    strip_card,
    thumb,
    title_truth,
    typed,
)
from yichuang.samples.materials import CaseData, SamplePage
from yichuang.samples.people import Person, credit_code
from yichuang.samples.render import A4

HERE = Path(__file__).parent
# the national templates' fixed printed words (the same on every copy; not this set's own wordings)
HUKOU = {"householder": "户 主 姓 名", "address": "住　　址", "name": "姓　　名", "id_number": "公民身份证件编号"}
MARRIAGE = {"holder": "持 证 人", "registered_on": "登 记 日 期", "cert_number": "结婚证字号"}
ESTATE_BLOCKS = {"buyer": ["权利人（申请人）", "权利人"], "seller": ["义务人"]}
ESTATE_ROWS = ["姓名（名称）", "身份证件种类", "证件号", "通讯地址", "联系电话", "代理人姓名"]
Builder = Callable[[CaseData, random.Random], SamplePage]
PEN = (20, 30, 90)  # a dark-blue rollerball
STYLES5 = ("toner-streak", "flash-night")  # this set's own capture styles (captured5)
Entry = tuple[str, str, str | None]  # label, value, truth field (None: drawn, not truth)


@cache
def wording() -> dict:
    return yaml.safe_load((HERE / "fresh5_wording.yaml").read_text(encoding="utf-8"))


def spec_of(material: str) -> dict:
    return wording()["forms"][material]


def letter_spaced(label: str, cells: int = 4) -> str:
    """A label spread over ``cells`` character widths with ideographic spaces (名　　称, 住　　所)."""
    if len(label) >= cells or len(label) < 2:
        return label
    gaps = len(label) - 1
    per, extra = divmod(cells - len(label), gaps)
    out = label[0]
    for k, ch in enumerate(label[1:]):
        out += "　" * (per + (1 if k < extra else 0) + 1) + ch
    return out


def seal_owned(page: SamplePage, owner: str) -> SamplePage:
    """The applicant's 盖章 box gets the applicant's own seal (``samples.seals.mark_page`` reads it)."""
    page.image.info["seal_owner"] = owner
    return page


def shrink(img: Image.Image, long_side: int) -> Image.Image:
    if max(img.size) <= long_side:
        return img
    k = long_side / max(img.size)
    return img.resize((int(img.width * k), int(img.height * k)), Image.Resampling.LANCZOS)


# ---- page hazards of this set -------------------------------------------------------------------------------

def coffee_ring(img: Image.Image, centre: tuple[float, float], r: float, rng: random.Random) -> Image.Image:
    """A cup's ring and a light brown wash inside it; the text under it stays legible."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    dr = ImageDraw.Draw(layer)
    x, y = centre
    dr.ellipse((x - r, y - r, x + r, y + r), fill=(150, 100, 50, 26))
    for k in range(3):
        rr = r - k * 3 + rng.uniform(-2, 2)
        dr.ellipse((x - rr, y - rr, x + rr, y + rr), outline=(120, 75, 35, 70 - k * 15), width=4)
    layer = layer.filter(ImageFilter.GaussianBlur(2))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def fold_shadow(img: Image.Image, y: float, rng: random.Random) -> Image.Image:
    """A page folded in three and flattened: a soft grey band along the fold, lighter on one side."""
    import numpy as np

    arr = np.asarray(img).astype(np.float32)
    h = arr.shape[0]
    rows = np.arange(h, dtype=np.float32)
    depth = rng.uniform(0.16, 0.24)
    band = 1 - depth * np.exp(-((rows - y) / rng.uniform(10, 18)) ** 2) + 0.04 * (rows > y)
    return Image.fromarray(np.clip(arr * band[:, None, None], 0, 255).astype(np.uint8))


def tablecloth(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A checked plastic tablecloth, as on a kitchen table at home."""
    a, b = rng.choice([((200, 60, 60), (236, 228, 220)), ((60, 110, 170), (230, 232, 236)), ((90, 140, 80), (236, 236, 224))])
    img = Image.new("RGB", size, b)
    dr = ImageDraw.Draw(img, "RGBA")
    step = rng.randrange(70, 110)
    for x in range(0, size[0], step * 2):
        dr.rectangle((x, 0, x + step, size[1]), fill=a + (120,))
    for y in range(0, size[1], step * 2):
        dr.rectangle((0, y, size[0], y + step), fill=a + (120,))
    return img.filter(ImageFilter.GaussianBlur(1.2))


def squared_paper(size: tuple[int, int]) -> Sheet:
    """方格纸: light green 5 mm squares."""
    cv = Sheet(size, (250, 252, 246))
    for x in range(0, size[0], 40):
        cv.line([(x, 0), (x, size[1])], 1, (190, 220, 196))
    for y in range(0, size[1], 40):
        cv.line([(0, y), (size[0], y)], 1, (190, 220, 196))
    return cv


def turned(img: Image.Image, quarter: int) -> Image.Image:
    """Scanned or photographed the wrong way round: 90° (1, 3) or upside down (2)."""
    return img.transpose([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270][quarter - 1])


def digit_boxes(cv: Sheet, x: float, y: float, value: str, size: int, rng: random.Random, hand_ink: bool = True) -> float:
    """An ID number written one character per printed box (18 boxes), the way many forms ask for it."""
    box = size * 1.25
    for k, ch in enumerate(value):
        cv.rect((x + k * box, y, x + (k + 1) * box, y + box * 1.25), 1, GREY)
        if hand_ink:
            hand(cv, x + k * box + size * 0.2, y + size * 0.12, ch, size, rng)
        else:
            cv.text(x + k * box + size * 0.3, y + size * 0.15, ch, size, "song")
    return x + len(value) * box


# ---- 营业执照 -------------------------------------------------------------------------------------------------

SCOPES5 = [
    "许可项目：食品销售；烟草制品零售；酒类经营。（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）"
    "一般项目：日用百货销售；五金产品零售；厨具卫具及日用杂品零售；文具用品零售；体育用品及器材零售；玩具销售；化妆品零售；"
    "电子产品销售；针纺织品销售；食用农产品零售；水产品零售；鲜肉零售；新鲜水果零售；新鲜蔬菜零售。"
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "许可项目：餐饮服务；食品小作坊经营；小餐饮、小食杂、食品小作坊经营。一般项目：外卖递送服务；餐饮管理；"
    "农副产品销售；食品销售（仅销售预包装食品）；保健食品（预包装）销售；婴幼儿配方乳粉及其他婴幼儿配方食品销售。"
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
]


def _licence_rows(d: CaseData, rng: random.Random, individual: bool) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str, dict]:
    name = d.trade_name if individual else d.company
    etype = "个体工商户" if individual else rng.choice(["有限责任公司（自然人独资）", "有限责任公司（自然人投资或控股）"])
    scope = rng.choice(SCOPES5) if individual or rng.random() < 0.6 else d.scope
    person = "经营者" if individual else "法定代表人"
    left = [("名称", name), ("类型", etype), (person, d.operator.name)]
    if individual:
        right = [("组成形式", rng.choice(["个人经营", "家庭经营"])), ("注册日期", N.cn_date(d.established)), ("经营场所", d.premises)]
    else:
        right = [("注册资本", rng.choice(["人民币叁拾万元整", "伍拾万元人民币", "壹佰万元整"])), ("成立日期", N.cn_date(d.established)),
                 ("营业期限", "长期"), ("住所", d.premises)]
    truth = {"credit_code": d.credit_code, "entity_name": name, "entity_type": etype, "legal_rep": d.operator.name,
             "address": d.premises, "established": d.established.isoformat(), "business_scope": scope}
    return left, right, scope, truth


def _licence_head(cv: Sheet, d: CaseData, rng: random.Random, fuben: bool) -> None:
    w, _ = cv.img.size
    red = (176, 52, 40)
    N.frame(cv, 30, rng, red)
    cv.text(90, 90, "统一社会信用代码", 20, "hei")
    cv.text(90, 120, d.credit_code, 26, "mono")
    N.emblem(cv, (w / 2, 118), 48)
    cv.centred(w / 2, 180, "营　业　执　照", 64, "songbold")
    if fuben:
        cv.centred(w / 2, 260, "（副　本）", 24, "song")
    cv.text(90, 160, f"证照编号：{rng.randrange(10**9, 10**10)}{rng.randrange(10**7, 10**8)}", 16, "song")
    N.qr(cv, (w - 90 - 160, 80, 160), rng)
    cv.text(w - 90 - 170, 250, "扫描二维码登录“国家企业", 13, "hei")
    cv.text(w - 90 - 170, 270, "信用信息公示系统”了解更多", 13, "hei")


def _licence_foot(cv: Sheet, d: CaseData, rng: random.Random) -> None:
    w, h = cv.img.size
    cv.text(w - 480, h - 240, "登记机关", 24, "hei")
    cv.text(w - 440, h - 160, N.cn_date(d.established + timedelta(days=rng.randrange(0, 200))), 24, "song")
    N.paint_seal(cv.img, (w - 320, h - 190), 92, f"{d.operator.region[2]}市场监督管理局", rng)
    cv.centred(w / 2, h - 84, "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。", 15, "hei")


def licence_fused_turned(d: CaseData, rng: random.Random) -> SamplePage:
    """The landscape 副本 in its two columns, each label printed right against its value in one run
    (名称XX商贸有限公司), scanned on a flatbed turned by 90°."""
    left, right, scope, truth = _licence_rows(d, rng, d.individual)
    cv = Sheet(LANDSCAPE, (252, 249, 240))
    _licence_head(cv, d, rng, True)
    w, h = cv.img.size
    mid, s, y0 = w * 0.52, 24, 320.0
    y = y0
    for label, value in left:
        y = cv.wrapped(100, y, f"{letter_spaced(label, 4)}{value}", s, mid - 140, "song", 0.4) + 14
    y = cv.wrapped(100, y, f"经营范围{scope}", s - 3, mid - 140, "song", 0.35)
    y = y0
    for label, value in right:
        y = cv.wrapped(mid + 20, y, f"{letter_spaced(label, 4)}{value}", s, w - 120 - mid, "song", 0.4) + 14
    _licence_foot(cv, d, rng)
    bed = Image.new("RGB", (cv.img.width + 80, cv.img.height + 100), (246, 246, 246))
    bed.paste(cv.img, (30, 50))
    return make_page("business_license", "licence-fused-turned", turned(bed, rng.choice([1, 3])), truth, cv.lines)


def licence_getihu_stained(d: CaseData, rng: random.Random) -> SamplePage:
    """The 个体工商户 licence (portrait 副本): 经营者 / 组成形式 / 经营场所, a 经营范围 of eight lines;
    a coffee ring over the scope, a thumb over the blank bottom margin; photographed."""
    if not d.individual:  # the case's other documents name the 个体工商户 too; its code starts 92
        d.individual, d.credit_code = True, credit_code(rng, True, d.operator.region[0])
    left, right, scope, truth = _licence_rows(d, rng, True)
    cv = Sheet((1180, 1660), (251, 248, 238))
    _licence_head(cv, d, rng, True)
    s, lx, vx = 24, 100, 100 + 24 * 5.5
    y = 320.0
    for label, value in left + right:
        cv.text(lx, y, letter_spaced(label, 4), s, "hei")
        y = cv.wrapped(vx, y, value, s, 1180 - 110 - vx, "song", 0.35) + 16
    cv.text(lx, y, "经营范围", s, "hei")
    sy = y
    y = cv.wrapped(vx, y, scope, s - 2, 1180 - 110 - vx, "song", 0.4)
    _licence_foot(cv, d, rng)
    img = coffee_ring(cv.img, (rng.uniform(350, 800), (sy + y) / 2), rng.uniform(90, 130), rng)
    bg = Image.new("RGB", (img.width + 260, img.height + 300), rng.choice([(120, 96, 70), (96, 90, 84)]))
    bg.paste(img, (130, 120))
    thumb(bg, (130 + rng.uniform(300, 800), 120 + img.height + 10), 60, rng)
    return make_page("business_license", "licence-getihu-stained-thumb", shrink(bg, 2400), truth, cv.lines, photo=True)


def licence_punched_clip(d: CaseData, rng: random.Random) -> SamplePage:
    """The landscape licence in its two columns with letter-spaced labels (名　　称) and a long
    scope, taken out of an archive folder: two punch holes in the left margin, a paper clip over the
    top edge; scanned flat."""
    left, right, scope, truth = _licence_rows(d, rng, d.individual)
    cv = Sheet(LANDSCAPE, (251, 248, 240))
    _licence_head(cv, d, rng, False)
    w, h = cv.img.size
    mid, s, y0 = w * 0.5, 24, 320.0
    lx, lv = 120, 120 + s * 5
    y = y0
    for label, value in left:
        cv.text(lx, y, letter_spaced(label, 4), s, "hei")
        y = cv.wrapped(lv, y, value, s, mid - 30 - lv, "song", 0.35) + 16
    cv.text(lx, y, letter_spaced("经营范围", 4), s, "hei")
    cv.wrapped(lv, y, scope, s - 3, mid - 30 - lv, "song", 0.35)
    rx, rv = mid + 30, mid + 30 + s * 5
    y = y0
    for label, value in right:
        cv.text(rx, y, letter_spaced(label, 4), s, "hei")
        y = cv.wrapped(rv, y, value, s, w - 110 - rv, "song", 0.35) + 16
    _licence_foot(cv, d, rng)
    for hy in (h * 0.35, h * 0.65):
        cv.draw.ellipse((50, hy - 14, 78, hy + 14), fill=(235, 235, 235), outline=(170, 170, 170))
    cx = rng.uniform(w * 0.3, w * 0.6)
    cv.draw.rounded_rectangle((cx, -10, cx + 40, 130), 18, outline=(150, 150, 160), width=5)
    cv.draw.rounded_rectangle((cx + 8, 10, cx + 32, 100), 12, outline=(170, 170, 180), width=4)
    return make_page("business_license", "licence-punched-clipped", cv, truth)


# ---- 居民身份证 --------------------------------------------------------------------------------------------

def id_pair_phone(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Front and back laid side by side on a checked tablecloth and photographed together."""
    p: Person = getattr(d, who)
    mm = rng.uniform(7.8, 8.6)
    front, back = card_front(p, rng, mm, (0, 0, 0)), card_back(p, rng, mm, (0, 0, 0))
    cw, ch = front.img.size
    bg = tablecloth((2 * cw + 300, ch + 360), rng)
    cards = [front, back] if rng.random() < 0.7 else [back, front]
    for k, card in enumerate(cards):
        c = strip_card(card, rng, rng.uniform(-3, 3))
        bg.paste(c, (90 + k * (cw + 100) + rng.randrange(-20, 20), 170 + rng.randrange(-30, 30)), c)
    return make_page("id_card", "id-pair-tablecloth-photo", bg, id_truth(p), front.lines + back.lines, photo=True)


def id_copy_upside_down(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """An A4 copy with the front top left and the back lower right, a 仅供…使用 line written by the
    holder between them, fed into the scanner upside down."""
    p: Person = getattr(d, who)
    mm = rng.uniform(7.0, 7.6)
    paper = (252, 252, 252)
    front, back = card_front(p, rng, mm, paper), card_back(p, rng, mm, paper)
    cv = Sheet(A4, paper)
    cv.put(front, (rng.randrange(90, 160), rng.randrange(150, 230)))
    y2 = 230 + front.img.height + rng.randrange(180, 260)
    cv.put(back, (A4[0] - back.img.width - rng.randrange(90, 160), y2))
    cv.grey()
    hand(cv, 140, y2 - 120, f"此复印件仅供办理{d.extra.get('matter', '登记')}使用", 34, rng)
    hand(cv, 140, y2 + back.img.height + 80, f"{p.name}　{dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 3)}", 34, rng)
    return make_page("id_card", "id-copy-diagonal-upside-down", turned(cv.img, 2), id_truth(p), cv.lines)


def id_pair_portrait_phone(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Front and back side by side on a sheet of white paper, photographed with the phone held upright,
    so the image comes out turned by 90°; a thumb on the paper's blank margin."""
    p: Person = getattr(d, who)
    mm = rng.uniform(7.6, 8.2)
    paper = (246, 246, 244)
    front, back = card_front(p, rng, mm, paper), card_back(p, rng, mm, paper)
    cw, ch = front.img.size
    bg = Image.new("RGB", (2 * cw + 260, ch + 420), paper)
    for k, card in enumerate((front, back)):
        c = strip_card(card, rng, rng.uniform(-2, 2))
        bg.paste(c, (80 + k * (cw + 80), 150), c)
    thumb(bg, (rng.uniform(200, bg.width - 200), bg.height - 40), 70, rng)
    return make_page("id_card", "id-pair-upright-phone-turned", turned(bg, rng.choice([1, 3])), id_truth(p),
                     front.lines + back.lines, photo=True)


def id_case5(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    return rng.choice([id_pair_phone, id_copy_upside_down, id_pair_portrait_phone])(d, rng, who)


# ---- 不动产权证书: the inner page, the unit number wrapped in its cell ------------------------------------------

def title_wrapped_fold(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The inner page's table with letter-spaced labels; the cell for 不动产单元号 is narrow, so the
    28-character number runs over two lines; a fold shadow across the lower rows; the 附记 with a
    note. Scanned flat."""
    owner = owner or d.lessor
    cv = Sheet((1100, 1500), (248, 247, 238))
    cv.text(700, 60, d.cert, 20, "song")
    x0, x1, lw = 90, 1010, 190
    rows = [("权利人", owner.name), ("共有情况", d.co_ownership), ("坐落", d.premises), ("不动产单元号", d.unit),
            ("权利类型", "国有建设用地使用权/房屋（构筑物）所有权"), ("权利性质", rng.choice(["出让/市场化商品房", "出让/存量房"])),
            ("用途", "城镇住宅用地/住宅"), ("面积", f"共有宗地面积{rng.randrange(3000, 30000)}.{rng.randrange(10)}㎡/房屋建筑面积{d.area}㎡"),
            ("使用期限", f"国有建设用地使用权{rng.randrange(2000, 2016)}年{rng.randrange(1, 13)}月{rng.randrange(1, 28)}日起"
             f"{rng.randrange(2070, 2086)}年止"), ("权利其他状况", f"专有建筑面积：{d.area}㎡　分摊建筑面积：{rng.randrange(5, 20)}.{rng.randrange(10)}㎡")]
    y, s = 120.0, 22
    for label, value in rows:
        room = (x1 - x0 - lw - 30) * (0.5 if label == "不动产单元号" else 1)
        lines = [value[:14], value[14:]] if label == "不动产单元号" else wrap(value, s, room, "song")
        h = max(70, len(lines) * (s + 14) + 22)
        cv.rect((x0, y, x0 + lw, y + h), 2)
        cv.rect((x0 + lw, y, x1, y + h), 2)
        cv.text(x0 + 16, y + (h - s) / 2, letter_spaced(label, 6) if len(label) <= 3 else label, s - 1, "song")
        for i, ln in enumerate(lines):
            cv.text(x0 + lw + 14, y + 14 + i * (s + 14), ln, s, "song")
        y += h
    cv.rect((x0, y, x1, y + 220), 2)
    cv.text(x0 + 14, y + 14, "附　　记", 22, "song")
    cv.text(x0 + 40, y + 60, f"不动产登记业务编号：{rng.randrange(10**11, 10**12)}", 20, "song")
    img = fold_shadow(cv.img, rng.uniform(600, 900), rng)
    return make_page("property_certificate", "title-unit-wrapped-fold", img,
                     {**title_truth(d, owner), "area": d.area}, cv.lines)


def title_spread_upside_down(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The opened booklet: the registration page left (the 登记机构 seal and the date), the table page
    right with letter-spaced labels, photographed upside down with a thumb on the spine's margin."""
    owner = owner or d.lessor
    pw, ph = 1000, 1380
    cv = Sheet((2 * pw, ph), (246, 244, 232))
    cv.line([(pw, 0), (pw, ph)], 3, (180, 170, 150))
    cv.wrapped(120, 200, "根据《中华人民共和国民法典》等法律法规，为保护不动产权利人合法权益，对不动产权利人申请登记的本证所列"
               "不动产权利，经审查核实，准予登记，颁发此证。", 22, pw - 240, "song", 0.6)
    cv.text(240, 700, "登记机构（章）", 24, "song")
    N.paint_seal(cv.img, (430, 820), 100, f"{owner.region[2]}不动产登记局", rng)
    cv.text(260, 980, dated(AS_OF - timedelta(days=rng.randrange(300, 3000)), 3), 24, "song")
    cv.text(160, ph - 140, "编号No " + str(rng.randrange(10**10, 10**11)), 20, "mono", RED)
    cv.text(pw + 90, 70, d.cert, 21, "song")
    y = 130.0
    for label, value in (("权利人", owner.name), ("共有情况", d.co_ownership), ("坐落", d.premises), ("不动产单元号", d.unit),
                         ("权利类型", "国有建设用地使用权/房屋所有权"), ("用途", "住宅"), ("面积", f"建筑面积{d.area}平方米"),
                         ("使用期限", f"{rng.randrange(2068, 2086)}年{rng.randrange(1, 13)}月止")):
        lines = wrap(value, 21, pw - 380, "song")
        h = max(66, len(lines) * 34 + 22)
        cv.rect((pw + 60, y, pw + 250, y + h), 2)
        cv.rect((pw + 250, y, 2 * pw - 60, y + h), 2)
        cv.text(pw + 72, y + (h - 21) / 2, letter_spaced(label, 5) if len(label) <= 4 else label, 20, "song")
        for i, ln in enumerate(lines):
            cv.text(pw + 264, y + 12 + i * 34, ln, 21, "song")
        y += h
    img = Image.new("RGB", (cv.img.width + 160, cv.img.height + 160), (60, 56, 52))
    img.paste(cv.img, (80, 80))
    thumb(img, (80 + pw + rng.uniform(-40, 40), 60), 60, rng)
    return make_page("property_certificate", "title-spread-upside-down", turned(img, 2),
                     {**title_truth(d, owner), "area": d.area}, cv.lines, photo=True)


def title_case5(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    return (title_wrapped_fold if rng.random() < 0.5 else title_spread_upside_down)(d, rng, owner)


# ---- 居民户口簿: the newer print, photographed turned ---------------------------------------------------------

def household_spread_turned(d: CaseData, rng: random.Random) -> SamplePage:
    """The booklet open at the 户主页 (left) and a member's 常住人口登记卡 (right), the newer printed
    layout with letter-spaced labels; photographed from the side, so the image is turned by 90°."""
    head = d.operator
    member = d.spouse if rng.random() < 0.5 else d.operator
    relation = "户主" if member is head else ("妻" if member.sex == "女" else "夫")
    f = {k: [v] for k, v in HUKOU.items()}
    pw, ph = 1000, 1360
    cv = Sheet((2 * pw, ph), (238, 240, 232))
    cv.line([(pw, 0), (pw, ph)], 3, (170, 170, 160))
    cv.centred(pw / 2, 70, "居　民　户　口　簿", 34, "songbold")
    y = 160.0
    for label, value in (("户　　别", rng.choice(["家庭户", "居民家庭户"])), (f["householder"][0], head.name),
                         ("户　　号", str(rng.randrange(10**8, 10**9))), (f["address"][0], d.operator.address)):
        cv.rect((60, y, 240, y + 96), 2)
        cv.rect((240, y, pw - 60, y + 96), 2)
        cv.text(74, y + 34, label, 21, "song")
        cv.wrapped(256, y + 14, value, 23, pw - 340, "song", 0.3)
        y += 96
    cv.text(80, y + 30, "承办人签章：", 20, "song")
    N.paint_seal(cv.img, (pw / 2, y + 200), 70, f"{head.region[2]}公安局户口专用章", rng)
    cv.centred(pw * 1.5, 70, "常住人口登记卡", 32, "songbold")
    rows = [[(f["name"][0], member.name), ("户主或与户主关系", relation)], [("性　　别", member.sex), ("民　　族", member.ethnicity)],
            [("出 生 地", member.region[1] + member.region[2]), ("籍　　贯", member.region[1])],
            [("出生日期", dated(member.birth, 3))], [(f["id_number"][0], member.id_number)],
            [("文化程度", rng.choice(["大学本科", "高中", "大学专科"])), ("婚姻状况", rng.choice(["已婚", "未婚"]))],
            [("服务处所", rng.choice(["个体", "自由职业"])), ("职　　业", rng.choice(["个体经营", "职员"]))]]
    y = 150.0
    for row in rows:
        cw = (pw - 100) / len(row)
        for k, (label, value) in enumerate(row):
            bx = pw + 50 + k * cw
            lw = 150 if len(row) == 2 else 260
            cv.rect((bx, y, bx + lw, y + 80), 1)
            cv.rect((bx + lw, y, bx + cw, y + 80), 1)
            for i, ln in enumerate(wrap(label, 19, lw - 14, "song")[:2]):
                cv.text(bx + 8, y + 12 + i * 26, ln, 19, "song")
            cv.text(bx + lw + 12, y + 26, value, 22, "song")
        y += 80
    cv.text(pw + 60, y + 30, f"登记日期：{dated(AS_OF - timedelta(days=rng.randrange(400, 4000)), 3)}", 19, "song")
    img = Image.new("RGB", (cv.img.width + 200, cv.img.height + 200), (86, 80, 76))
    img.paste(cv.img, (100, 100))
    return make_page("household_register", "hukou-newprint-turned", turned(img, rng.choice([1, 3])),
                     {"householder": head.name, "address": d.operator.address, "name": member.name,
                      "id_number": member.id_number}, cv.lines, photo=True)


def household_card_stained(d: CaseData, rng: random.Random) -> SamplePage:
    """The 常住人口登记卡 alone, copied on A4, a coffee ring across its middle rows; the householder's
    name is on the card's 户主姓名 row."""
    f = {k: [v] for k, v in HUKOU.items()}
    head, member = d.operator, d.spouse
    cv = Sheet(A4, (252, 252, 250))
    cv.centred(A4[0] / 2, 120, "常住人口登记卡", 34, "songbold")
    rows = [(f["householder"][0], head.name), (f["name"][0], member.name), ("户主或与户主关系", "妻" if member.sex == "女" else "夫"),
            ("性　　别", member.sex), ("民　　族", member.ethnicity), ("出生日期", dated(member.birth, 3)),
            (f["id_number"][0], member.id_number), (f["address"][0], d.operator.address),
            ("何时由何地迁来本址", f"{rng.randrange(2005, 2020)}年{rng.randrange(1, 13)}月由{member.region[1]}迁来")]
    y = 200.0
    for label, value in rows:
        lines = wrap(value, 22, A4[0] - 200 - 300, "song")
        h = max(64, len(lines) * 34 + 24)
        cv.rect((100, y, 380, y + h), 2)
        cv.rect((380, y, A4[0] - 100, y + h), 2)
        cv.text(112, y + (h - 20) / 2, label, 20, "song")
        for i, ln in enumerate(lines):
            cv.text(396, y + 14 + i * 34, ln, 22, "song")
        y += h
    cv.text(110, y + 30, "承办人签章：　　　　登记日期：" + dated(AS_OF - timedelta(days=rng.randrange(500, 5000)), 3), 19, "song")
    cv.grey()
    img = coffee_ring(cv.img, (rng.uniform(400, 900), rng.uniform(450, 700)), rng.uniform(100, 140), rng)
    return make_page("household_register", "hukou-card-copy-stained", img,
                     {"householder": head.name, "address": d.operator.address, "name": member.name,
                      "id_number": member.id_number}, cv.lines)


# ---- forms: two columns of pairs with spaced labels, or fused values with digit boxes ---------------------------

Section = tuple[str, list[Entry]]


def section(spec: dict, key: str, values: dict[str, str | None], rng: random.Random) -> Section:
    sec = spec["sections"][key]
    return rng.choice(sec["heading"]), [(rng.choice(sec["rows"][f]), v, f) for f, v in values.items() if v is not None]


def others(spec: dict, values: dict[str, str], rng: random.Random) -> list[Entry]:
    return [(rng.choice(spec["others"][k]), v, None) for k, v in values.items()]


def _is_id(value: str) -> bool:
    return len(value) == 18 and value[:17].isdigit()


def _notes(cv: Sheet, notes: list[str], x0: float, x1: float, y: float, lead: float = 10) -> None:
    """The declaration and the signature lines under a form, ``lead`` above each."""
    for note in notes:
        y = cv.wrapped(x0 + 10, y + lead, note, 20, x1 - x0 - 20, "song") + 12


def twocol_spaced_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                       blank: frozenset[str]) -> Sheet:
    """A ruled grid of two label/value pairs a row; short labels letter-spaced to the cell's width;
    a long value (an address, the scope) takes the whole row; values typed."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, title, 32, "songbold")
    cv.text(80, 130, "注：请用黑色墨水笔或打印填写，“□”内打“√”。", 17, "song", GREY)
    x0, x1, s = 70, A4[0] - 70, 20
    half, lw = (x1 - x0) / 2, 150
    y = 170.0
    for heading, entries in sections:
        cv.rect((x0, y, x1, y + 40), 2, fill=(235, 235, 235))
        cv.text(x0 + 12, y + 8, heading, s, "heibold")
        y += 40
        short = [e for e in entries if width(e[1], s, "song") < half - lw - 30]
        long_ = [e for e in entries if e not in short]
        for k in range(0, len(short), 2):
            pair = short[k:k + 2]
            laid = [wrap(letter_spaced(label, 5) if len(label) <= 4 else label, s - 2, lw - 14, "song") for label, _, _ in pair]
            rh = max(64, max(len(labs) for labs in laid) * 26 + 14)
            for j, ((_, value, f), labs) in enumerate(zip(pair, laid, strict=True)):
                bx = x0 + j * half
                cv.rect((bx, y, bx + lw, y + rh), 2)
                cv.rect((bx + lw, y, bx + (half if len(pair) == 2 else x1 - x0), y + rh), 2)
                for i, ln in enumerate(labs):
                    cv.text(bx + 8, y + (rh - len(labs) * 26) / 2 + 2 + i * 26, ln, s - 2, "song")
                if f not in blank and value:
                    typed(cv, bx + lw + 12, y + rh / 2 - 14, value, s, rng)
            y += rh
        for label, value, f in long_:
            lines = wrap(value, s, x1 - x0 - lw - 40, "mono") if f not in blank else []
            h = max(64, len(lines) * (s + 14) + 24)
            cv.rect((x0, y, x0 + lw, y + h), 2)
            cv.rect((x0 + lw, y, x1, y + h), 2)
            for i, ln in enumerate(wrap(label, s - 2, lw - 14, "song")[:3]):
                cv.text(x0 + 8, y + 10 + i * 26, ln, s - 2, "song")
            for i, ln in enumerate(lines):
                typed(cv, x0 + lw + 12, y + 14 + i * (s + 14), ln, s, rng)
            y += h
        y += 16
    _notes(cv, notes, x0, x1, y)
    return cv


def fused_boxes_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                     blank: frozenset[str]) -> Sheet:
    """Each row a ruled strip: the printed label, and right after it — no colon, no gap — the
    citizen's handwriting; an ID number goes one digit per printed box."""
    cv = Sheet(A4, (253, 252, 248))
    cv.centred(A4[0] / 2, 80, title, 34, "songbold")
    cv.text(A4[0] - 400, 140, "受理编号：　　　　　　", 18, "song", GREY)
    x0, x1, s = 90, A4[0] - 90, 22
    y = 190.0
    for heading, entries in sections:
        cv.text(x0, y, heading, s + 2, "heibold")
        y += 46
        for label, value, f in entries:
            lw = cv.text(x0 + 10, y + 14, label, s, "song")
            vx = x0 + 10 + lw + rng.uniform(2, 8)
            if f in blank or not value:
                rows = 1
            elif _is_id(value):
                digit_boxes(cv, vx + 10, y + 4, value, 24, rng)
                rows = 1
            else:
                lines = wrap(value, 25, x1 - vx - 10, "kai")
                for i, ln in enumerate(lines):
                    hand(cv, vx if i == 0 else x0 + 30, y + 12 + i * 44, ln, 25, rng)
                rows = len(lines)
            y += 44 * rows + 18
            cv.line([(x0, y - 4), (x1, y - 4)], 1, GREY)
        y += 20
    _notes(cv, notes, x0, x1, y)
    return cv


def vertical_sections_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                           blank: frozenset[str]) -> Sheet:
    """The section's name written top to bottom in a narrow cell on the left, its rows to the right
    (label cell, value cell), values in ballpoint; the rows in the order this city prints them."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, title, 32, "songbold")
    x0, x1, s, lw = 70, A4[0] - 70, 20, 230
    y = 150.0
    for heading, entries in sections:
        entries = list(entries)
        rng.shuffle(entries)
        top = y
        for label, value, f in entries:
            lines = wrap(value, s + 2, x1 - x0 - 60 - lw - 40, "kai") if f not in blank and value else []
            h = max(66, len(lines) * (s + 18) + 24)
            cv.rect((x0 + 60, y, x0 + 60 + lw, y + h), 2)
            cv.rect((x0 + 60 + lw, y, x1, y + h), 2)
            for i, ln in enumerate(wrap(label, s - 1, lw - 16, "song")[:2]):
                cv.text(x0 + 70, y + 12 + i * 26, ln, s - 1, "song")
            for i, ln in enumerate(lines):
                hand(cv, x0 + 60 + lw + 14, y + 12 + i * (s + 18), ln, s + 2, rng)
            y += h
        cv.rect((x0, top, x0 + 60, y), 2)
        chars = [ch for ch in heading if ch not in "、一二三四（）"]
        step = min(30, (y - top - 20) / max(1, len(chars)))
        for i, ch in enumerate(chars):
            cv.text(x0 + 19, top + 12 + i * step, ch, min(s, int(step) - 2), "song")
        y += 12
    _notes(cv, notes, x0, x1, y, 16)
    return cv


FORM_STYLES5 = {"form-twocol-spaced": twocol_spaced_form, "form-fused-digit-boxes": fused_boxes_form,
                "form-vertical-sections": vertical_sections_form}


def truth_of(sections: list[Section], blank: frozenset[str]) -> dict[str, str]:
    return {f: v for _, es in sections for _, v, f in es if f and f not in blank and f != "phone"}


def _agent(spec: dict, d: CaseData, rng: random.Random) -> Section:
    return section(spec, "agent", {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
                                   "phone": d.agent.phone}, rng)


def _phone_not_truth(sections: list[Section]) -> list[Section]:
    return [(h, [(lab, v, None if f == "phone" else f) for lab, v, f in es]) for h, es in sections]


def individual_application(d: CaseData, rng: random.Random, family: str | None = None,
                           blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = spec_of("individual_business_application")
    family = family or rng.choice(list(FORM_STYLES5))
    p = d.operator
    sections = [section(spec, "operator", {"operator_name": p.name, "operator_id_number": p.id_number, "phone": p.phone}, rng),
                section(spec, "shop", {"trade_name": d.trade_name, "premises_address": d.premises,
                                       "business_scope": d.scope}, rng)]
    sections[1][1].extend(others(spec, {"form": rng.choice(["个人经营", "家庭经营"]), "staff": str(rng.randrange(1, 6)),
                                        "capital": str(rng.randrange(3, 50))}, rng))
    if d.extra.get("agent"):
        sections.append(_agent(spec, d, rng))
    sections = _phone_not_truth(sections)
    cv = FORM_STYLES5[family](rng.choice(spec["titles"]), sections, rng,
                              ["本人承诺：所填内容及提交材料真实、合法、有效，愿承担相应法律责任。",
                               "经营者签字：　　　　　　　　　　　年　　月　　日"], blank)
    return make_page("individual_business_application", family, cv, truth_of(sections, blank))


FORMATS5 = ["食品销售经营者（便利店）", "餐饮服务经营者（小型饭店）", "食品销售经营者（食杂店）", "餐饮服务经营者（饮品店）"]


def food_application(d: CaseData, rng: random.Random, family: str | None = None,
                     blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = spec_of("food_license_application")
    family = family or rng.choice(list(FORM_STYLES5))
    p = d.operator
    sections = [section(spec, "operator", {"applicant": d.entity_name, "credit_code": d.credit_code,
                                           "business_format": rng.choice(FORMATS5), "premises_address": d.premises}, rng),
                section(spec, "rep", {"legal_rep": p.name, "legal_rep_id_number": p.id_number, "phone": p.phone}, rng)]
    sections[0][1].extend(others(spec, {"area": str(rng.randrange(20, 200)), "staff": str(rng.randrange(1, 9))}, rng))
    if d.extra.get("agent"):
        sections.append(_agent(spec, d, rng))
    sections = _phone_not_truth(sections)
    cv = FORM_STYLES5[family](rng.choice(spec["titles"]), sections, rng,
                              ["申请人声明：本申请人对所提交材料实质内容的真实性负责。",
                               "法定代表人（负责人）签字：　　　　　　　申请人（盖章）："], blank)
    return seal_owned(make_page("food_license_application", family, cv, truth_of(sections, blank)), d.entity_name)


def dog_application(d: CaseData, rng: random.Random, family: str | None = None,
                    blank: frozenset[str] = frozenset()) -> SamplePage:
    spec = spec_of("dog_registration_form")
    family = family or rng.choice(list(FORM_STYLES5))
    p = d.operator
    sections = [section(spec, "owner", {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address,
                                        "phone": p.phone}, rng),
                section(spec, "dog", {"breed": d.breed}, rng)]
    sections[1][1].extend(others(spec, {"dog_name": rng.choice(["旺财", "球球", "可乐", "花卷"]),
                                        "colour": rng.choice(["黄白", "黑色", "灰白"]), "sex": rng.choice(["公", "母"]),
                                        "age": str(rng.randrange(3, 90))}, rng))
    sections = _phone_not_truth(sections)
    cv = FORM_STYLES5[family](rng.choice(spec["titles"]), sections, rng,
                              ["犬主承诺：遵守养犬管理规定，按时为犬只免疫，出户拴绳牵引。", "犬主签字：　　　　　　　年　　月　　日"],
                              blank)
    return make_page("dog_registration_form", family, cv, truth_of(sections, blank))


# ---- 不动产登记申请书: the national layout with 权利人（申请人）/ 义务人 blocks ---------------------------------

def estate_blocks(d: CaseData, rng: random.Random, blank: frozenset[str] = frozenset()) -> SamplePage:
    """The national 不动产登记申请书: 登记类型 check boxes, then a block per party — its heading in a
    tall narrow cell on the left (权利人（申请人）, 义务人), the rows 姓名（名称）/ 证件种类 / 证件号 /
    通讯地址 / 联系电话 / 代理人 on the right — then the property rows (坐落, 单元号, 用途, 面积)."""
    spec = spec_of("real_estate_application")
    f = spec["fields"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 60, rng.choice(spec["titles"]), 34, "songbold")
    cv.text(80, 120, f"收件编号：{rng.randrange(10**9, 10**10)}　　收件人：　　　　单位：□平方米 □公顷", 17, "song")
    x0, x1, s = 60, A4[0] - 60, 19
    y = 160.0
    cv.rect((x0, y, x0 + 190, y + 90), 2)
    cv.text(x0 + 10, y + 32, rng.choice(f["registration_type"]), s, "song")
    cv.rect((x0 + 190, y, x1, y + 90), 2)
    for k, kind in enumerate(["首次登记", "转移登记", "变更登记", "注销登记", "更正登记", "异议登记", "预告登记", "查封登记"]):
        cv.text(x0 + 205 + (k % 4) * 215, y + 12 + (k // 4) * 40, ("☑" if kind == "转移登记" else "☐") + kind, s, "song")
    y += 90
    truth = {"registration_type": "转移登记"}
    for role, who in (("buyer", d.buyer), ("seller", d.lessor)):
        rows = list(zip(ESTATE_ROWS, ["" if role in blank else who.name, "居民身份证", who.id_number, who.address,
                                      who.phone, ""], strict=True))
        top, rh = y, 56
        for label, value in rows:
            cv.rect((x0 + 70, y, x0 + 260, y + rh), 2)
            cv.rect((x0 + 260, y, x1, y + rh), 2)
            cv.text(x0 + 80, y + 16, label, s - 1, "song")
            if value:
                cv.text(x0 + 276, y + 14, value, s + 1, "kai", PEN)
            y += rh
        cv.rect((x0, top, x0 + 70, y), 2)
        head = rng.choice(ESTATE_BLOCKS[role])
        for i, ch in enumerate(head):
            cv.text(x0 + 24, top + 20 + i * 26, ch, s, "song")
        if role not in blank:
            truth[role] = who.name
    for key, value in (("address", d.premises), ("unit_number", d.unit), ("use", "住宅"), ("area", area_text(d.area, rng))):
        label = rng.choice(f[key] if key in f else spec["others"][key])
        cv.rect((x0, y, x0 + 260, y + 60), 2)
        cv.rect((x0 + 260, y, x1, y + 60), 2)
        cv.text(x0 + 12, y + 18, label, s - 1, "song")
        if key not in blank:
            cv.text(x0 + 276, y + 16, value, s + 1, "kai", PEN)
            if key in f:
                truth[key] = value
        y += 60
    y = cv.wrapped(x0 + 10, y + 30, "本申请人对填写的上述内容及提交的申请材料的真实性负责。如有不实，申请人愿承担法律责任。", 19,
                   x1 - x0 - 20) + 24
    cv.text(x0 + 10, y, "申请人（签章）：", 21, "song")
    cv.text(A4[0] / 2 + 20, y, "申请人（签章）：", 21, "song")
    return make_page("real_estate_application", "estate-national-party-blocks", cv, truth)


# ---- 授权委托书: a city template with check boxes --------------------------------------------------------------

def _matter(d: CaseData) -> str:
    return f"{d.extra.get('matter', '个体工商户设立登记')}（{d.entity_name}）"


def attorney_checkboxes(d: CaseData, rng: random.Random) -> SamplePage:
    """The city's printed 授权委托书: a table for the 委托人 and the 受托人, then the matter and a list
    of check boxes (the ticked ones in pen), the term, the signatures."""
    spec = spec_of("power_of_attorney")
    rws = spec["rows"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, rng.choice(spec["titles"]), 36, "songbold")
    x0, x1, lw, s = 80, A4[0] - 80, 260, 21
    y = 170.0
    for label, value in ((rng.choice(rws["principal"]), d.operator.name), (rng.choice(rws["principal_id"]), d.operator.id_number),
                         (rng.choice(rws["agent_name"]), d.agent.name), (rng.choice(rws["agent_id_number"]), d.agent.id_number)):
        cv.rect((x0, y, x0 + lw, y + 66), 2)
        cv.rect((x0 + lw, y, x1, y + 66), 2)
        cv.text(x0 + 12, y + 22, label, s, "song")
        hand(cv, x0 + lw + 20, y + 18, value, 26, rng)
        y += 66
    entrusted = _matter(d)
    cv.rect((x0, y, x0 + lw, y + 420), 2)
    cv.rect((x0 + lw, y, x1, y + 420), 2)
    cv.text(x0 + 12, y + 190, rng.choice(spec["entrusted_label"]), s, "song")
    hand(cv, x0 + lw + 20, y + 20, entrusted, 25, rng)
    ticked = rng.sample(range(len(spec["boxes"])), rng.randrange(2, len(spec["boxes"]) + 1))
    for k, box in enumerate(spec["boxes"]):
        by = y + 90 + k * 62
        cv.rect((x0 + lw + 20, by, x0 + lw + 46, by + 26), 2)
        if k in ticked:
            cv.line([(x0 + lw + 22, by + 12), (x0 + lw + 32, by + 24), (x0 + lw + 52, by - 6)], 4, PEN)
        cv.text(x0 + lw + 60, by, box, s, "song")
    y += 440
    y = cv.wrapped(x0, y, f"委托期限：自{dated(AS_OF - timedelta(days=2), 3)}至{dated(AS_OF + timedelta(days=60), 3)}止。"
                   "受托人在委托权限内签署的文件，委托人均予以承认。", s, x1 - x0) + 40
    cv.text(x0, y, "委托人（签字）：", 22, "song")
    cv.text(A4[0] / 2, y, "受托人（签字）：", 22, "song")
    cv.text(A4[0] - 360, y + 80, "　　年　　月　　日", 22, "song")
    return make_page("power_of_attorney", "attorney-city-checkboxes", cv, {
        "principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
        "entrusted_matter": entrusted})


def attorney_side_by_side(d: CaseData, rng: random.Random) -> SamplePage:
    """A county template: the 委托人 and the 受托人 in two columns side by side (name, ID number, phone
    under each), the matter in a sentence below, then both signatures."""
    spec = spec_of("power_of_attorney")
    rws = spec["rows"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 36, "songbold")
    x0, mid, x1, s = 80, A4[0] / 2, A4[0] - 80, 21
    cv.rect((x0, 180, x1, 560), 2)
    cv.line([(mid, 180), (mid, 560)], 2)
    for k, (name_l, id_l, who) in enumerate(((rng.choice(rws["principal"]), rng.choice(rws["principal_id"]), d.operator),
                                              (rng.choice(rws["agent_name"]), rng.choice(rws["agent_id_number"]), d.agent))):
        bx = x0 + k * (mid - x0) + 20
        cv.text(bx, 200, name_l, s, "heibold")
        hand(cv, bx + 10, 250, who.name, 28, rng)
        cv.text(bx, 330, id_l, s, "heibold")
        hand(cv, bx + 10, 380, who.id_number, 24, rng)
        cv.text(bx, 460, f"联系电话：{who.phone}", s - 1, "song")
    entrusted = _matter(d)
    y = cv.wrapped(x0, 610, "现委托受托人代表委托人办理以下事项：", s + 1, x1 - x0) + 10
    hand(cv, x0 + 40, y, entrusted, 26, rng)
    y += 70
    y = cv.wrapped(x0, y, "受托人在办理上述事项过程中所签署的有关文件和材料，委托人均予以认可，并承担相应的法律责任。委托期限："
                   f"{dated(AS_OF - timedelta(days=1), 3)}至{dated(AS_OF + timedelta(days=90), 3)}。", s + 1, x1 - x0, "song", 0.6) + 60
    cv.text(x0, y, "委托人（签字）：", 22, "song")
    cv.text(mid + 20, y, "受托人（签字）：", 22, "song")
    cv.text(x1 - 300, y + 80, "　　年　　月　　日", 22, "song")
    return make_page("power_of_attorney", "attorney-two-columns", cv, {
        "principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
        "entrusted_matter": entrusted})


def attorney_case5(d: CaseData, rng: random.Random) -> SamplePage:
    return (attorney_checkboxes if rng.random() < 0.5 else attorney_side_by_side)(d, rng)


# ---- contracts: parties in a header block, money in 大写 and figures -----------------------------------------

def _party_block(cv: Sheet, y: float, rows: list[tuple[str, Person | str, str]], rng: random.Random) -> float:
    idl = rng.choice(spec_of("lease_contract")["id_label"])
    for label, who, _ in rows:
        name = who if isinstance(who, str) else who.name
        cv.text(110, y, f"{label}：{name}", 23, "song")
        y += 40
        if not isinstance(who, str):
            cv.text(110, y, f"{idl}：{who.id_number}", 21, "song")
            cv.text(620, y, f"联系电话：{who.phone}", 21, "song")
            y += 40
        y += 12
    return y


def lease_header_pages(d: CaseData, rng: random.Random) -> list[SamplePage]:
    """Page 1: the parties in a header block (甲方（出租方）：…, 乙方（承租方）：…), then the clauses —
    the house 坐落于…, the term 自…起至…止, the rent in 大写 and figures. Page 2 (no title): the rest
    of the clauses, then the signatures and dates."""
    spec = spec_of("lease_contract")
    lessee = d.extra.get("lessee", d.entity_name)
    rent = rng.randrange(18, 80) * 100
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 38, "songbold")
    cv.text(A4[0] - 420, 150, f"合同编号：ZL{AS_OF.year}{rng.randrange(10**5, 10**6)}", 18, "song", GREY)
    y = _party_block(cv, 200, [(rng.choice(spec["parties"]["lessor"]), d.lessor, ""),
                               (rng.choice(spec["parties"]["lessee"]), lessee, "")], rng)
    if lessee != d.operator.name:
        cv.text(110, y, f"乙方负责人：{d.operator.name}", 21, "song")
        y += 50
    clauses = ["根据《中华人民共和国民法典》及有关规定，甲乙双方在平等、自愿的基础上，就房屋租赁事宜达成如下协议：",
               f"第一条　{rng.choice(spec['clause_address'])}{d.premises}的房屋（建筑面积{d.area}平方米）出租给乙方作经营使用。",
               f"第二条　租赁期限自{dated(d.term_start, 3)}起至{dated(d.term_end, 3)}止。",
               f"第三条　月租金为人民币{money_words(rent)}（¥{rent}.00元），按季度支付，每季度首月五日前付清。",
               "第四条　押金为一个月租金，租赁期满乙方结清各项费用后，甲方无息退还。"]
    for c in clauses:
        y = cv.wrapped(110, y + 10, c, 23, A4[0] - 220, "song", 0.55) + 8
    p1 = make_page("lease_contract", "lease-header-block-words", cv, {
        "lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
        "term_end": d.term_end.isoformat()})
    cv2 = Sheet(A4)
    y = 120.0
    for c in ["第五条　租赁期间，水、电、燃气、物业管理等费用由乙方承担。乙方不得擅自改变房屋结构和用途。",
              "第六条　任何一方提前解除合同，应提前三十日书面通知对方，并支付一个月租金作为违约金。",
              "第七条　本合同一式两份，甲乙双方各执一份，自双方订立之日起生效。"]:
        y = cv2.wrapped(110, y, c, 23, A4[0] - 220, "song", 0.55) + 16
    y += 80
    cv2.text(110, y, "甲方（签字）：", 23, "song")
    cv2.text(A4[0] / 2 + 20, y, "乙方（签字或盖章）：", 23, "song")
    y += 80
    cv2.text(110, y, f"日期：{dated(d.term_start - timedelta(days=rng.randrange(3, 20)), 3)}", 22, "song")
    cv2.text(A4[0] / 2 + 20, y, f"日期：{dated(d.term_start - timedelta(days=rng.randrange(3, 20)), 3)}", 22, "song")
    cv2.centred(A4[0] / 2, A4[1] - 90, "第 2 页 共 2 页", 18, "song", GREY)
    p2 = seal_owned(make_page("lease_contract", "lease-header-block-words", cv2, {}), lessee)
    return [p1, p2]


def lease_header(d: CaseData, rng: random.Random) -> SamplePage:
    return lease_header_pages(d, rng)[0]


def lease_blanks_by_hand(d: CaseData, rng: random.Random) -> SamplePage:
    """A stationer's printed lease with blanks on underlines, every blank filled in by hand: the
    parties, the address, the term (年 月 日 in separate blanks), the rent in 大写 and figures."""
    spec = spec_of("lease_contract")
    lessee = d.extra.get("lessee", d.entity_name)
    rent = rng.randrange(15, 70) * 100
    cv = Sheet(A4, (252, 251, 246))
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 38, "songbold")
    x0, s = 110, 23

    def blank_line(y: float, parts: list[tuple[str, str]]) -> float:
        x = float(x0)
        for printed, filled in parts:
            if printed:
                x += cv.text(x, y, printed, s, "song")
            if filled:
                w = max(width(filled, 26, "kai") + 30, 80)
                cv.line([(x, y + s + 8), (x + w, y + s + 8)], 1, GREY)
                hand(cv, x + 12, y - 4, filled, 26, rng)
                x += w
        return y + 64

    e, t = d.term_end, d.term_start
    y = 190.0
    y = blank_line(y, [(rng.choice(spec["parties"]["lessor"]) + "：", d.lessor.name)])
    y = blank_line(y, [(rng.choice(spec["id_label"]) + "：", d.lessor.id_number)])
    y = blank_line(y, [(rng.choice(spec["parties"]["lessee"]) + "：", lessee)])
    y = blank_line(y + 10, [("一、甲方将位于", d.premises[:14])])
    y = blank_line(y, [("", d.premises[14:]), ("的房屋出租给乙方使用。", "")])
    y = blank_line(y, [("二、租期自", str(t.year)), ("年", str(t.month)), ("月", str(t.day)), ("日起", "")])
    y = blank_line(y, [("至", str(e.year)), ("年", str(e.month)), ("月", str(e.day)), ("日止。", "")])
    y = blank_line(y, [("三、每月租金人民币（大写）", money_words(rent))])
    y = blank_line(y, [("（小写）¥", f"{rent}.00"), ("元，按", "季"), ("支付。", "")])
    for c in ["四、乙方应按时交纳水电费，不得擅自转租。", "五、本合同一式两份，双方签字后生效。"]:
        y = cv.wrapped(x0, y, c, s, A4[0] - 220, "song", 0.6) + 16
    cv.text(x0, y + 60, "甲方（签字）：", s, "song")
    cv.text(A4[0] / 2, y + 60, "乙方（签字）：", s, "song")
    return make_page("lease_contract", "lease-blanks-by-hand", cv, {
        "lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": t.isoformat(),
        "term_end": e.isoformat()})


def lease_case5(d: CaseData, rng: random.Random) -> list[SamplePage]:
    return lease_header_pages(d, rng) if rng.random() < 0.6 else [lease_blanks_by_hand(d, rng)]


def sale_header_prose(d: CaseData, rng: random.Random) -> SamplePage:
    """出卖人 / 买受人 in a header block, the house 坐落于…的房屋 and the price 成交价款为人民币… in the
    clauses, written in 大写 and in figures."""
    spec = spec_of("house_sale_contract")
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 38, "songbold")
    y = _party_block(cv, 190, [(rng.choice(spec["parties"]["seller"]), d.lessor, ""),
                               (rng.choice(spec["parties"]["buyer"]), d.buyer, "")], rng)
    price = int(d.price)
    for c in ["甲、乙双方就房屋买卖事项，经协商一致，达成如下合同：",
              f"第一条　甲方自愿将坐落于{d.premises}的房屋（不动产权证号：{d.cert}，建筑面积{d.area}平方米）出售给乙方。",
              f"第二条　成交价款为人民币{money_words(price)}（小写：¥{price}元），该价款包含房屋及其附属设施。",
              "第三条　乙方于本合同签订之日起五日内支付定金，余款通过资金监管账户支付。",
              "第四条　甲方应于办理转移登记后十日内将房屋交付乙方，并结清交付前的物业、水电等费用。",
              "第五条　本合同一式三份，甲乙双方各执一份，不动产登记机构一份。"]:
        y = cv.wrapped(110, y + 10, c, 23, A4[0] - 220, "song", 0.55) + 8
    y += 60
    cv.text(110, y, "甲方（签字）：", 23, "song")
    cv.text(A4[0] / 2 + 20, y, "乙方（签字）：", 23, "song")
    cv.text(110, y + 70, f"订立日期：{dated(AS_OF - timedelta(days=rng.randrange(5, 30)), 3)}", 22, "song")
    return make_page("house_sale_contract", "sale-header-block-prose", cv, {
        "seller": d.lessor.name, "buyer": d.buyer.name, "address": d.premises, "price": d.price})


# ---- certificates --------------------------------------------------------------------------------------------

def health_card_turned(d: CaseData, rng: random.Random, who: str = "staff") -> SamplePage:
    """A small landscape card (photo left, rows right, the validity at the bottom), laid on the scanner
    bed turned by 90° beside the edge."""
    spec = spec_of("health_certificate")
    f = spec["fields"]
    p: Person = getattr(d, who)
    until = d.exam_date + timedelta(days=364)
    cv = Sheet((1100, 700), (246, 248, 252))
    cv.rect((14, 14, 1086, 686), 3, (40, 90, 160))
    cv.centred(550, 36, rng.choice(spec["titles"]), 32, "songbold", (30, 70, 140))
    cv.rect((50, 130, 250, 390), 2, GREY, (210, 216, 222))
    y = 130.0
    for label, value in (("姓　　名", p.name), ("性　　别", p.sex), ("年　　龄", str(AS_OF.year - p.birth.year)),
                         ("工作单位", d.entity_name), (rng.choice(f["exam_date"]), dated(d.exam_date, 3)),
                         ("编　　号", f"JK{rng.randrange(10**9, 10**10)}")):
        lw = cv.text(300, y, label + "：", 23, "hei")
        y = cv.wrapped(300 + lw, y, value, 23, 1040 - 300 - lw, "song", 0.3) + 14
    cv.text(300, y + 10, f"{rng.choice(f['valid_until'])}：{dated(until, 3)}", 23, "hei")
    cv.text(50, 620, f"发证单位：{p.region[2]}疾病预防控制中心", 20, "song")
    N.paint_seal(cv.img, (880, 560), 76, f"{p.region[2]}疾病预防控制中心", rng)
    bed = Image.new("RGB", A4, (250, 250, 250))
    bed.paste(turned(cv.img, rng.choice([1, 3])), (rng.randrange(60, 200), rng.randrange(60, 300)))
    return make_page("health_certificate", "health-card-turned-scan", bed, {
        "name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()}, cv.lines)


def health_e_printout(d: CaseData, rng: random.Random, who: str = "staff") -> SamplePage:
    """The 电子健康证明 printed from the phone on A4: a screenshot-like card, status bar on top, a QR
    code in the middle, the rows under it, a 已核验 badge."""
    spec = spec_of("health_certificate")
    f = spec["fields"]
    p: Person = getattr(d, who)
    until = d.exam_date + timedelta(days=364)
    cv = Sheet(A4, (255, 255, 255))
    sx, sw = 330, 640
    cv.rect((sx, 100, sx + sw, 1500), 2, GREY, (242, 246, 250))
    cv.text(sx + 20, 112, f"{rng.randrange(8, 22)}:{rng.randrange(60):02d}", 20, "hei")
    cv.text(sx + sw - 120, 112, "5G 87%", 18, "hei")
    cv.rect((sx, 150, sx + sw, 240), 0, None, (30, 140, 110))
    cv.centred(sx + sw / 2, 176, rng.choice(spec["titles"]), 30, "heibold", (255, 255, 255))
    N.qr(cv, (sx + sw / 2 - 150, 290, 300), rng)
    cv.centred(sx + sw / 2, 610, "已核验", 24, "heibold", (30, 140, 110))
    y = 680.0
    for label, value in (("姓　　名", p.name), ("性　　别", p.sex),
                         ("从业类别", "食品生产经营"), (rng.choice(f["exam_date"]), dated(d.exam_date, 1)),
                         (rng.choice(f["valid_until"]), dated(until, 1)), ("发证机构", f"{p.region[2]}疾病预防控制中心")):
        cv.text(sx + 30, y, label, 22, "hei", GREY)
        cv.wrapped(sx + 200, y, value, 22, sw - 230, "hei", 0.3)
        y += 70
    return make_page("health_certificate", "health-e-cert-printout", cv, {
        "name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()})


def health_case5(d: CaseData, rng: random.Random) -> SamplePage:
    return (health_card_turned if rng.random() < 0.5 else health_e_printout)(d, rng)


def vaccination_with_stub(d: CaseData, rng: random.Random) -> SamplePage:
    """The certificate with its 存根 still attached at the left, a perforated line between; the stub
    repeats the owner and the number; the body has the owner, the dog, the date and the validity."""
    spec = spec_of("dog_vaccination_cert")
    f = spec["fields"]
    until = d.extra.get("vacc_until") or d.vaccinated_on + timedelta(days=364)
    no = f"No.{rng.randrange(10**7, 10**8)}"
    cv = Sheet((1500, 760), (248, 246, 236))
    cv.text(40, 40, "存　根", 26, "songbold")
    cv.text(40, 110, no, 20, "mono", RED)
    cv.text(40, 170, f"犬主：{d.operator.name}", 21, "song")
    cv.text(40, 220, f"电话：{d.operator.phone}", 19, "song")
    for yy in range(20, 740, 24):
        cv.line([(400, yy), (400, yy + 12)], 2, GREY)
    cv.centred(950, 40, rng.choice(spec["titles"]), 34, "songbold", (150, 30, 30))
    cv.text(1250, 100, no, 20, "mono", RED)
    y = 160.0
    for label, value in ((rng.choice(f["owner_name"]), d.operator.name), ("住　　址", d.operator.address),
                         (rng.choice(f["breed"]), d.breed), ("毛　　色", rng.choice(["黄", "黑白", "棕"])),
                         (rng.choice(f["vaccinated_on"]), dated(d.vaccinated_on, 3)), ("疫苗批号", f"{rng.randrange(10**7, 10**8)}"),
                         (rng.choice(f["valid_until"]), dated(until, 3))):
        lw = cv.text(450, y, label + "：", 22, "song")
        hand(cv, 450 + lw + 10, y - 2, value, 24, rng)
        y += 62
    cv.text(450, y + 10, "免疫单位：", 21, "song")
    N.paint_seal(cv.img, (1250, y), 66, f"{d.operator.region[2]}动物疫病预防控制中心", rng)
    return make_page("dog_vaccination_cert", "vaccination-with-stub", cv, {
        "owner_name": d.operator.name, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()})


def vaccination_sticker_card(d: CaseData, rng: random.Random) -> SamplePage:
    """A folded card: the owner and the dog on the left half, the shot on the right half with the
    vaccine's batch sticker stuck beside the date, the vet's handwriting."""
    spec = spec_of("dog_vaccination_cert")
    f = spec["fields"]
    until = d.extra.get("vacc_until") or d.vaccinated_on + timedelta(days=364)
    cv = Sheet((1500, 820), (244, 248, 240))
    cv.line([(750, 20), (750, 800)], 2, (200, 200, 190))
    cv.centred(375, 40, rng.choice(spec["titles"]), 30, "songbold", (30, 100, 60))
    y = 130.0
    for label, value in ((rng.choice(f["owner_name"]), d.operator.name), ("联系电话", d.operator.phone),
                         (rng.choice(f["breed"]), d.breed), ("犬只性别", rng.choice(["公", "母"]))):
        lw = cv.text(60, y, label + "：", 22, "song")
        hand(cv, 70 + lw, y - 2, value, 24, rng)
        y += 70
    cv.centred(1125, 40, "免 疫 记 录", 28, "songbold")
    y = 150.0
    lw = cv.text(800, y, rng.choice(f["vaccinated_on"]) + "：", 22, "song")
    hand(cv, 810 + lw, y - 2, dated(d.vaccinated_on, 0), 26, rng)
    sticker = (1180, y + 70, 1440, y + 190)
    cv.rect(sticker, 1, GREY, (255, 255, 255))
    cv.text(sticker[0] + 12, sticker[1] + 12, "狂犬病灭活疫苗", 18, "hei")
    cv.text(sticker[0] + 12, sticker[1] + 44, f"批号 {rng.randrange(10**7, 10**8)}", 18, "mono")
    cv.text(sticker[0] + 12, sticker[1] + 76, "1ml/瓶", 18, "hei")
    y += 240
    lw = cv.text(800, y, rng.choice(f["valid_until"]) + "：", 22, "song")
    hand(cv, 810 + lw, y - 2, dated(until, 0), 26, rng)
    cv.text(800, y + 110, "兽医签字：", 22, "song")
    N.paint_seal(cv.img, (1300, y + 200), 62, f"{d.operator.region[2]}动物诊疗机构", rng)
    return make_page("dog_vaccination_cert", "vaccination-folded-sticker", cv, {
        "owner_name": d.operator.name, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()})


def vaccination_case5(d: CaseData, rng: random.Random) -> SamplePage:
    return (vaccination_with_stub if rng.random() < 0.5 else vaccination_sticker_card)(d, rng)


def marriage_thumb(d: CaseData, rng: random.Random) -> SamplePage:
    """The 结婚证 page photographed in the hand: a thumb on the blank margin, the red cover behind."""
    f = {k: [v] for k, v in MARRIAGE.items()}
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0]}-{AS_OF.year - rng.randrange(4, 18)}-{rng.randrange(10**5, 10**6):06d}"
    inner = Sheet((1200, 840), (250, 240, 232))
    y = 60.0
    for label, value in ((f["holder"][0], holder.name), (f["registered_on"][0], dated(d.registered_on, 3)),
                         (f["cert_number"][0], no)):
        lw = inner.text(70, y, label, 24, "song")
        inner.text(90 + lw, y, value, 25, "song")
        y += 64
    inner.rect((720, 50, 1140, 330), 2, GREY, (222, 212, 206))
    y = 400.0
    for who in (holder, spouse):
        inner.text(70, y, f"姓名 {who.name}　　性别 {who.sex}　　国籍 中国", 23, "song")
        inner.text(70, y + 46, f"出生日期 {dated(who.birth, 3)}", 23, "song")
        inner.text(70, y + 92, f"身份证件号 {who.id_number}", 23, "song")
        y += 170
    N.paint_seal(inner.img, (920, 700), 78, f"{holder.region[2]}民政局婚姻登记专用章", rng)
    bg = Image.new("RGB", (1500, 1150), (70, 66, 62))
    cover = Image.new("RGB", (1280, 920), (176, 28, 34))
    bg.paste(cover, (110, 110))
    bg.paste(inner.img, (150, 150))
    thumb(bg, (150 + rng.uniform(200, 1000), 150 + 840 + 5), 58, rng)
    return make_page("marriage_certificate", "marriage-page-in-hand", bg, {
        "holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(), "cert_number": no},
        inner.lines, photo=True)


RULES5 = ["从业人员健康检查制度", "食品安全管理人员职责", "进货查验和索证索票制度", "食品贮存和运输管理制度", "过期变质食品处置制度",
          "场所及设施设备清洗维护制度", "食品安全投诉处理制度"]


def rules_handout(d: CaseData, rng: random.Random) -> SamplePage:
    """The rules as a stapled handout: a staple at the top left, the first page's numbered rules."""
    spec = spec_of("food_safety_rules")
    cv = Sheet(A4)
    cv.line([(60, 70), (110, 50)], 5, (150, 150, 160))
    cv.centred(A4[0] / 2, 110, rng.choice(spec["titles"]), 36, "songbold")
    cv.centred(A4[0] / 2, 170, d.entity_name, 24, "song")
    y = 240.0
    for i, rule in enumerate(rng.sample(RULES5, 5), 1):
        cv.text(110, y, f"{'一二三四五'[i - 1]}、{rule}", 26, "heibold")
        y = cv.wrapped(150, y + 48, "明确责任人员，建立台账，每日检查、每周汇总，发现问题立即整改并记录备查；记录保存期限不少于食品保质期满后六个月。",
                       22, A4[0] - 280, "song", 0.5) + 26
    return make_page("food_safety_rules", "rules-stapled-handout", cv, {})


def plan_squared(d: CaseData, rng: random.Random) -> SamplePage:
    """A plan drawn by hand on squared paper: walls in pen, the zones written in, the door marked."""
    spec = spec_of("floor_plan")
    cv = squared_paper(A4)
    hand(cv, 200, 90, rng.choice(spec["titles"]), 40, rng, INK)
    hand(cv, 120, 170, f"地址：{d.premises}", 26, rng)
    x0, y0, x1, y1 = 160, 300, 1080, 1200
    for a, b in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0 + 260, y1)), ((x0, y1), (x0, y0)),
                 ((x0 + 560, y0), (x0 + 560, y0 + 500)), ((x0, y0 + 500), (x1, y0 + 500))):
        cv.line([a, b], 4, PEN)
    for name, xy in (("销售区", (x0 + 180, y0 + 200)), ("仓库", (x0 + 700, y0 + 200)), ("加工操作区", (x0 + 120, y0 + 680)),
                     ("洗消间", (x0 + 640, y0 + 680))):
        hand(cv, *xy, name, 32, rng)
    hand(cv, x0 + 40, y1 + 20, "门", 30, rng)
    hand(cv, 160, 1300, f"面积约{area_text(d.area, rng)}　比例1:100", 26, rng)
    hand(cv, 160, 1380, "绘图人：" + d.operator.name, 26, rng)
    return make_page("floor_plan", "plan-squared-paper-sketch", cv, {})


# ---- hard negatives --------------------------------------------------------------------------------------------

def _grid(cv: Sheet, rows: list[tuple[str, str]], y: float, x0: float = 80, x1: float = A4[0] - 80, lw: float = 230) -> float:
    for label, value in rows:
        lines = wrap(value, 21, x1 - x0 - lw - 30, "song") or [""]
        h = max(60, len(lines) * 34 + 22)
        cv.rect((x0, y, x0 + lw, y + h), 2)
        cv.rect((x0 + lw, y, x1, y + h), 2)
        cv.text(x0 + 12, y + 16, label, 20, "song")
        for i, ln in enumerate(lines):
            if ln:
                cv.text(x0 + lw + 14, y + 14 + i * 34, ln, 21, "song")
        y += h
    return y


def neg_deregistration(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, "个体工商户简易注销登记申请表", 34, "songbold")
    y = _grid(cv, [("个体工商户名称", d.trade_name), ("统一社会信用代码", d.credit_code), ("经营者姓名", d.operator.name),
                   ("注销原因", "☑经营者决定停止经营　☐被依法吊销营业执照　☐其他"), ("债权债务清理情况", "已清理完毕"),
                   ("营业执照缴回情况", "☑正本1份　☑副本1份")], 170)
    cv.wrapped(90, y + 30, "本经营者申请注销登记，承诺所提交材料真实有效，债权债务已清理完毕。", 21, A4[0] - 180)
    cv.text(90, y + 120, "经营者签字：", 22, "song")
    return make_page("deregistration_or_change_application", "getihu-deregistration-application", cv, {})


def neg_mortgage(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "个人住房抵押借款合同", 36, "songbold")
    y = 200.0
    for c in [f"抵押人（借款人）：{d.buyer.name}　身份证号码：{d.buyer.id_number}",
              f"抵押权人（贷款人）：中国某某银行股份有限公司{d.buyer.region[2]}支行",
              f"第一条　抵押人以其坐落于{d.premises}的房屋（{d.cert}）作为借款的抵押物。",
              f"第二条　借款金额为人民币{money_words(int(d.price) // 2)}，借款期限二十年。",
              "第三条　抵押期间，未经抵押权人书面同意，抵押人不得转让、出租抵押物。"]:
        y = cv.wrapped(110, y, c, 23, A4[0] - 220, "song", 0.55) + 14
    return make_page("unknown", "property-mortgage-contract", cv, {})


def neg_migration(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet((1500, 900), (236, 244, 236))
    cv.centred(750, 40, "准予迁入证明", 38, "songbold", (30, 90, 50))
    cv.text(1150, 100, f"准迁字第{rng.randrange(10**6, 10**7)}号", 20, "song", RED)
    y = _grid(cv, [("姓名", d.operator.name), ("公民身份号码", d.operator.id_number), ("原户口所在地", d.operator.address),
                   ("准予迁入地址", f"{d.buyer.region[1]}{d.buyer.region[2]}某街道"), ("迁入原因", "购房落户")], 150, 60, 1440, 220)
    cv.text(60, y + 30, f"发证机关：{d.operator.region[2]}派出所　　有效期限：至{dated(AS_OF + timedelta(days=40), 3)}", 20, "song")
    return make_page("household_migration_permit", "hukou-migration-permit", cv, {})


def neg_quarantine(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet((1400, 820), (246, 240, 246))
    cv.centred(700, 40, "动物检疫合格证明（动物B）", 34, "songbold", (120, 40, 120))
    cv.text(1040, 96, f"No.{rng.randrange(10**9, 10**10)}", 20, "mono", RED)
    _grid(cv, [("货主", d.operator.name), ("动物种类", "犬"), ("数量及单位", "壹只"), ("用途", "伴侣"),
               ("启运地点", f"{d.operator.region[2]}某宠物店"), ("到达地点", d.operator.address),
               ("牲畜耳标号", "—")], 150, 60, 1340, 220)
    cv.text(60, 740, "官方兽医签字：　　　　　签发日期：" + dated(AS_OF - timedelta(days=8), 3), 20, "song")
    return make_page("unknown", "dog-quarantine-certificate", cv, {})


def neg_checkup_form(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.staff
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, "从业人员健康体检表", 34, "songbold")
    y = _grid(cv, [("姓名", p.name), ("性别", p.sex), ("身份证号", p.id_number), ("既往病史", "无"),
                   ("心、肺、肝、脾", "未见异常"), ("皮肤", "无化脓性或渗出性皮肤病"), ("胸部X线", "未见异常"),
                   ("粪便培养（沙门氏菌、志贺氏菌）", "阴性"), ("体检结论", "")], 160)
    cv.text(90, y + 40, "主检医师签字：　　　　　　（本表不作为健康证明使用）", 21, "song")
    return make_page("unknown", "health-checkup-form", cv, {})


def neg_marriage_review(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, "结婚登记审查处理表", 34, "songbold")
    y = _grid(cv, [("男方姓名", d.lessor.name if d.lessor.sex == "男" else d.spouse.name),
                   ("女方姓名", d.spouse.name if d.lessor.sex == "男" else d.lessor.name),
                   ("提供证件情况", "☑居民身份证　☑户口簿"), ("审查意见", "符合结婚条件，准予登记"),
                   ("婚姻登记员", ""), ("登记日期", dated(d.registered_on, 3))], 160)
    cv.text(90, y + 40, "（本表由婚姻登记机关存档）", 21, "song")
    return make_page("unknown", "marriage-review-form", cv, {})


def neg_acceptance(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet((1300, 900))
    cv.centred(650, 40, "不动产登记受理凭证", 34, "songbold")
    y = _grid(cv, [("业务编号", str(rng.randrange(10**11, 10**12))), ("申请人", f"{d.buyer.name}、{d.lessor.name}"),
                   ("登记类型", "转移登记"), ("不动产坐落", d.premises), ("承诺办结时间", dated(AS_OF + timedelta(days=5), 3))],
              120, 60, 1240, 220)
    cv.text(60, y + 30, "凭此凭证领取不动产权证书，请妥善保管。", 20, "song")
    return make_page("acceptance_receipt", "estate-acceptance-receipt", cv, {})


def neg_renewal_notice(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 100, "食品经营许可证延续提醒告知书", 34, "songbold")
    y = 220.0
    for c in [f"{d.entity_name}：", "　　你单位持有的食品经营许可证将于九十日内届满。需要延续的，请在有效期届满三十个工作日前，"
              "向原发证部门提出延续申请；逾期未申请的，许可证有效期届满后将依法注销。",
              "　　特此告知。", f"{d.operator.region[2]}市场监督管理局", dated(AS_OF - timedelta(days=15), 3)]:
        y = cv.wrapped(110, y, c, 24, A4[0] - 220, "song", 0.6) + 16
    return make_page("unknown", "food-permit-renewal-reminder", cv, {})


# ---- the set ----------------------------------------------------------------------------------------------------

def _fam(builder: Callable[..., SamplePage], family: str) -> Builder:
    return lambda d, rng: builder(d, rng, family)


FRESH5: list[tuple[str, str, Builder]] = [  # (material, family, builder)
    ("business_license", "licence-fused-turned", licence_fused_turned),
    ("business_license", "licence-getihu-stained-thumb", licence_getihu_stained),
    ("business_license", "licence-punched-clipped", licence_punched_clip),
    ("id_card", "id-pair-tablecloth-photo", id_pair_phone),
    ("id_card", "id-copy-diagonal-upside-down", id_copy_upside_down),
    ("id_card", "id-pair-upright-phone-turned", id_pair_portrait_phone),
    ("property_certificate", "title-unit-wrapped-fold", title_wrapped_fold),
    ("property_certificate", "title-spread-upside-down", title_spread_upside_down),
    ("household_register", "hukou-newprint-turned", household_spread_turned),
    ("household_register", "hukou-card-copy-stained", household_card_stained),
    *((m, fam, _fam(build, fam)) for m, build in (("individual_business_application", individual_application),
                                                  ("food_license_application", food_application),
                                                  ("dog_registration_form", dog_application)) for fam in FORM_STYLES5),
    ("real_estate_application", "estate-national-party-blocks", estate_blocks),
    ("power_of_attorney", "attorney-city-checkboxes", attorney_checkboxes),
    ("power_of_attorney", "attorney-two-columns", attorney_side_by_side),
    ("lease_contract", "lease-header-block-words", lease_header),
    ("lease_contract", "lease-blanks-by-hand", lease_blanks_by_hand),
    ("house_sale_contract", "sale-header-block-prose", sale_header_prose),
    ("health_certificate", "health-card-turned-scan", health_card_turned),
    ("health_certificate", "health-e-cert-printout", health_e_printout),
    ("dog_vaccination_cert", "vaccination-with-stub", vaccination_with_stub),
    ("dog_vaccination_cert", "vaccination-folded-sticker", vaccination_sticker_card),
    ("marriage_certificate", "marriage-page-in-hand", marriage_thumb),
    ("food_safety_rules", "rules-stapled-handout", rules_handout),
    ("floor_plan", "plan-squared-paper-sketch", plan_squared),
]
NEGATIVES: dict[str, Builder] = {
    "getihu-deregistration-application": neg_deregistration, "property-mortgage-contract": neg_mortgage,
    "hukou-migration-permit": neg_migration, "dog-quarantine-certificate": neg_quarantine,
    "health-checkup-form": neg_checkup_form, "marriage-review-form": neg_marriage_review,
    "estate-acceptance-receipt": neg_acceptance, "food-permit-renewal-reminder": neg_renewal_notice,
}


def _data(rng: random.Random) -> CaseData:
    d = CaseData.random(random.Random(rng.randrange(1 << 30)))
    d.extra["agent"] = rng.random() < 0.5
    d.co_ownership = rng.choice(["单独所有", "共同共有", "按份共有"])
    return d


def iter_fresh5_samples(per_family: int = 1, seed: int = 0, negatives: bool = True) -> Iterator[tuple[str, SamplePage]]:
    """(family, page): ``per_family`` pages of every family, then the hard negatives (one each)."""
    rng = random.Random(seed)
    plan = [(family, build) for _, family, build in FRESH5 for _ in range(per_family)]
    for family, build in plan + (list(NEGATIVES.items()) if negatives else []):
        yield family, build(_data(rng), random.Random(rng.randrange(1 << 30)))


# ---- capture styles of this set ----------------------------------------------------------------------------

def toner_streak(img: Image.Image, rng: random.Random) -> Image.Image:
    """A copier running out of toner: everything lighter and lower in contrast, a few vertical white
    streaks where the drum left no toner, a grey haze; printed back out and scanned at 150 dpi."""
    import numpy as np

    g = np.asarray(img.convert("L")).astype(np.float32)
    g = 255 - (255 - g) * rng.uniform(0.55, 0.7)  # faint
    w = g.shape[1]
    for _ in range(rng.randrange(2, 5)):
        x, bw = rng.randrange(0, w - 20), rng.randrange(3, 7)
        g[:, x:x + bw] = 255 - (255 - g[:, x:x + bw]) * 0.5  # fainter there, still legible
    haze = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 5, g.shape)
    out = Image.fromarray(np.clip(g + haze - 8, 0, 255).astype(np.uint8)).convert("RGB")
    k = 0.72 if max(out.size) > 1800 else 1.0
    return out.resize((int(out.width * k), int(out.height * k)), Image.Resampling.BILINEAR)


def flash_night(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo at night with the flash on: a bright hot spot (the print washed out a little
    there), dark corners, sensor noise, a slight motion blur, JPEG 70."""
    import io

    import numpy as np

    w, h = img.size
    sw, sh = w // 8 + 1, h // 8 + 1
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    cx, cy = rng.uniform(0.35, 0.65) * sw, rng.uniform(0.3, 0.6) * sh
    dist = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / max(sw, sh)
    gain = np.clip(1.2 - 1.1 * dist, 0.35, 1.2).astype(np.float32)
    big = np.asarray(Image.fromarray(gain, "F").resize(img.size, Image.Resampling.BILINEAR))
    arr = np.asarray(img).astype(np.float32) * big[..., None] * np.array([0.98, 0.99, 1.04], np.float32)
    arr += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 7, arr.shape)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    out = shrink(out, 2000).filter(ImageFilter.BoxBlur(rng.uniform(0.4, 0.9)))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=70)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def captured5(sample: SamplePage, style: str, seed: int) -> Image.Image:
    """How a page of this set reaches us: fresh3's styles and the bench's (``fresh3.captured3``), or
    this set's own ``toner-streak`` and ``flash-night``."""
    from yichuang.samples.fresh3 import captured3, on_desk
    from yichuang.samples.seals import mark_page

    if style not in STYLES5:
        return captured3(sample, style, seed)
    rng = random.Random(seed)
    img = mark_page(sample.image, sample.material, seed)
    if style == "toner-streak":
        if sample.card:
            bed = Image.new("RGB", A4, (255, 255, 255))
            bed.paste(img.resize((int(img.width * 0.8), int(img.height * 0.8))), (rng.randrange(60, 160), rng.randrange(80, 200)))
            img = bed
        return toner_streak(img, rng)
    if not sample.image.info.get("photo"):
        fill = rng.uniform(0.45, 0.6) if sample.card else rng.uniform(0.8, 0.9)
        img = on_desk(img, rng, fill, rng.choice([-1, 1]) * rng.uniform(1, 4), rng.uniform(0.02, 0.04))
    return flash_night(img, rng)


# ---- whole cases --------------------------------------------------------------------------------------------

def _expired(p: Person) -> Person:
    """The same person's old card: issued in 2009 for ten years, out of date on the check date."""
    return replace(p, valid_from=date(2009, 6, 20), valid_until="2019-06-20")


_NEAR = str.maketrans("伟芳静丽军明华杰红娜敏涛强", "玮方婧莉君铭桦洁鸿纳珉韬锵")  # the same sound, another character


def _other_name(p: Person) -> Person:
    """The application's name one character off the card's, as written at the counter."""
    last = p.name[-1].translate(_NEAR)
    return replace(p, name=p.name[:-1] + (last if last != p.name[-1] else "琦" if last == "琪" else "琪"))


def _case_data(rng: random.Random) -> CaseData:
    """A case whose papers are all in force on the check date: cards issued in 2019–2023 for twenty
    years, a recent health exam and shot, a lease running."""
    d = CaseData.random(random.Random(rng.randrange(1 << 30)))
    d.extra = {}
    for p in (d.operator, d.agent, d.lessor, d.buyer, d.spouse, d.staff):
        p.valid_from = date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        p.valid_until = date(p.valid_from.year + 20, p.valid_from.month, min(p.valid_from.day, 28)).isoformat()
    d.exam_date = AS_OF - timedelta(days=rng.randrange(30, 200))
    d.vaccinated_on = AS_OF - timedelta(days=rng.randrange(20, 150))
    d.term_start = AS_OF - timedelta(days=rng.randrange(60, 300))
    return d


def _child(rng: random.Random) -> Callable[[], random.Random]:
    """A source of generators, each seeded from ``rng`` in turn."""
    return lambda: random.Random(rng.randrange(1 << 30))


def fresh5_cases(n_per_matter: int = 3, seed: int = 0) -> Iterator[GenCase]:
    """Complete cases of every matter drawn in this set's style, each followed by variants a clerk
    would refuse (expected ``incomplete``; the bench counts any pass of them as a false accept)."""
    rng = random.Random(seed)
    r = _child(rng)
    for k in range(n_per_matter):
        # 个体工商户设立登记 through an agent named in this set's words
        d = _case_data(rng)
        d.individual, d.extra["agent"], d.extra["lessee"] = True, True, d.operator.name
        fam = rng.choice(list(FORM_STYLES5))
        lease_p = lease_header_pages(d, r())
        app, op_id, poa = individual_application(d, r(), fam), id_case5(d, r()), attorney_case5(d, r())
        pages = [app, op_id, id_case5(d, r(), "agent"), *lease_p, poa]
        m, name = ["individual_business_registration"], f"fresh5-ibr-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not poa], "incomplete", "agent_without_authority")
        yield GenCase(name, m, [p for p in pages if p is not op_id], "incomplete", "operator_id_missing")
        old = CaseData(**{**vars(d), "operator": _expired(d.operator)})
        yield GenCase(name, m, [id_case5(old, r()) if p is op_id else p for p in pages], "incomplete", "operator_id_expired")
        slip = CaseData(**{**vars(d), "operator": _other_name(d.operator)})
        yield GenCase(name, m, [individual_application(slip, r(), fam) if p is app else p for p in pages], "incomplete",
                      "operator_name_mismatch")
        yield GenCase(name, m, [individual_application(d, r(), fam, frozenset({"operator_id_number"})) if p is app else p
                                for p in pages], "incomplete", "operator_id_number_blank")
        yield GenCase(name, m, [p for p in pages if p is not lease_p[1]], "incomplete", "lease_page_two_missing")

        # 食品经营许可: every other case through an agent
        d = _case_data(rng)
        d.extra["agent"], d.extra["lessee"], d.extra["matter"] = k % 2 == 0, d.operator.name, "食品经营许可"
        lic = [licence_getihu_stained, licence_fused_turned, licence_punched_clip][k % 3](d, r())
        fam = rng.choice(list(FORM_STYLES5))
        app = food_application(d, r(), fam)
        lease_p = lease_case5(d, r())
        pages = [app, lic, id_case5(d, r()), *lease_p, rules_handout(d, r()), plan_squared(d, r()), health_case5(d, r())]
        poa = None
        if d.extra["agent"]:
            poa = attorney_case5(d, r())
            pages += [id_case5(d, r(), "agent"), poa]
        m, name = ["food_business_license"], f"fresh5-food-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not lic], "incomplete", "licence_missing")
        yield GenCase(name, m, [p for p in pages if p not in lease_p], "incomplete", "premises_proof_missing")
        yield GenCase(name, m, [neg_renewal_notice(d, r()) if p is lic else p for p in pages], "incomplete",
                      "renewal_notice_for_licence")
        other = CaseData(**{**vars(d), "operator": replace(d.operator, id_number=d.buyer.id_number)})
        yield GenCase(name, m, [food_application(other, r(), fam) if p is app else p for p in pages], "incomplete",
                      "legal_rep_id_number_mismatch")
        yield GenCase(name, m, [food_application(d, r(), fam, frozenset({"legal_rep"})) if p is app else p for p in pages],
                      "incomplete", "legal_rep_blank")
        if poa is not None:
            yield GenCase(name, m, [p for p in pages if p is not poa], "incomplete", "agent_without_authority")

        # 二手房转移登记
        d = _case_data(rng)
        d.co_ownership = "共同共有" if k % 2 == 0 else "单独所有"
        d.extra["matter"] = "不动产转移登记"
        title, seller_id = title_case5(d, r()), id_case5(d, r(), "lessor")
        contract = sale_header_prose(d, r())
        app = estate_blocks(d, r())
        pages = [app, id_case5(d, r(), "buyer"), seller_id, title, contract]
        consent = marriage_thumb(d, r()) if d.co_ownership == "共同共有" else None
        if consent:
            pages.append(consent)
        m, name = ["second_hand_house_transfer"], f"fresh5-house-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not contract], "incomplete", "contract_missing")
        yield GenCase(name, m, [neg_mortgage(d, r()) if p is contract else p for p in pages], "incomplete",
                      "mortgage_for_contract")
        yield GenCase(name, m, [p for p in pages if p is not title], "incomplete", "title_missing")
        if consent:
            yield GenCase(name, m, [p for p in pages if p is not consent], "incomplete", "joint_without_marriage_proof")
        old = CaseData(**{**vars(d), "lessor": _expired(d.lessor)})
        yield GenCase(name, m, [id_case5(old, r(), "lessor") if p is seller_id else p for p in pages], "incomplete",
                      "seller_id_expired")
        yield GenCase(name, m, [estate_blocks(d, r(), frozenset({"seller"})) if p is app else p for p in pages],
                      "incomplete", "seller_blank")

        # 养犬登记
        d = _case_data(rng)
        d.extra["matter"] = "养犬登记"
        fam = rng.choice(list(FORM_STYLES5))
        shot = vaccination_with_stub if k % 2 == 0 else vaccination_sticker_card
        form, owner_id, vacc = dog_application(d, r(), fam), id_case5(d, r()), shot(d, r())
        pages = [form, owner_id, vacc, (household_spread_turned if k % 2 else household_card_stained)(d, r())]
        m, name = ["dog_registration"], f"fresh5-dog-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not vacc], "incomplete", "vaccination_missing")
        lapsed = CaseData(**{**vars(d), "vaccinated_on": AS_OF - timedelta(days=420),
                             "extra": {**d.extra, "vacc_until": AS_OF - timedelta(days=55)}})
        yield GenCase(name, m, [shot(lapsed, r()) if p is vacc else p for p in pages], "incomplete",
                      "vaccination_expired")
        yield GenCase(name, m, [neg_quarantine(d, r()) if p is vacc else p for p in pages], "incomplete",
                      "quarantine_for_vaccination")
        yield GenCase(name, m, [dog_application(d, r(), fam, frozenset({"owner_id_number"})) if p is form else p
                                for p in pages], "incomplete", "owner_id_number_blank")
        slip = CaseData(**{**vars(d), "operator": _other_name(d.operator)})
        yield GenCase(name, m, [dog_application(slip, r(), fam) if p is form else p for p in pages], "incomplete",
                      "owner_name_mismatch")


# ---- the command -------------------------------------------------------------------------------------------

def write_fresh5(samples: list[tuple[str, SamplePage]], out: Path, styles: list[str], seed: int) -> int:
    """Every page in every style (``clean``: as drawn) under ``out/<style>/``, and ``truth.json``."""
    import json

    rng = random.Random(seed + 5)
    records = []
    for style, (n, (family, page)) in itertools.product(styles, enumerate(samples)):
        img = page.image if style == "clean" else captured5(page, style, rng.randrange(1 << 30))
        name = f"{style}/{page.material}-{family}-{n}.jpg"
        (out / style).mkdir(parents=True, exist_ok=True)
        img.save(out / name, quality=90)
        records.append({"file": name, "style": style, "material": page.material, "family": family, "fields": page.fields})
    (out / "truth.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)


def main() -> None:
    from yichuang.samples.fresh import set_arguments
    from yichuang.samples.fresh3 import STYLES3

    args = set_arguments("Draw the fifth never-seen set (pages + truth.json); styles: clean, the bench's, "
                         + ", ".join(STYLES3 + STYLES5) + ".")
    styles = [s for s in args.styles.split(",") if s]
    n = write_fresh5(list(iter_fresh5_samples(args.per_family, args.seed)), Path(args.out), styles, args.seed)
    print(f"wrote {n} fresh5 pages to {args.out}")


if __name__ == "__main__":
    main()
