"""A SECOND never-seen set (issue 9): nobody tunes on it; the lead measures it once, at the end.

    .venv/bin/python -m yichuang.samples.fresh2 --out /tmp/fresh2 --per-family 1     # pages + truth.json
    nice .venv/bin/python -m bench.accuracy --fresh2 --per-family 1 --cases 3         # measure (the lead, once)

The first fresh set (``samples.fresh``) was measured and is now development data. This module was
written blind — from how real Chinese forms, certificates and contracts look, not from what the
extractor handles — and draws, for every material, layout families that exist nowhere else in
``samples/``:

* issued documents after their national layouts with new geometry: the 2019+ licence 副本 with the
  QR code right and a long scope wrapping down its column, the 个体工商户 licence (经营者 / 组成形式 /
  经营场所), a 农民专业合作社 licence, the landscape 正本 with the seal over the date; the ID card at
  its real proportions (85.6 × 54 mm) with its own background pattern, one side alone photographed at
  an angle, both sides back first, or copied on A4 under a red 仅供…使用 stamp; the 不动产权证书 table
  with its 附记 page beside it, or the inner page with narrow two-line label cells; the 户口簿 户主页
  over the 常住人口登记卡 grid, or the 登记卡 alone;
* forms as ruled tables with the labels in a left column (long labels and values wrapping inside
  their cells), as two-column underlined forms with sections, the 不动产登记申请书 with the two
  parties as grid columns; a 授权委托书 in prose (本人…现委托…); contracts with 甲方（出租方）-style
  party lines, dates as 二〇二六年三月一日, amounts in 大写 and 小写; label wordings of their own
  (``fresh2_wording.yaml``, checked disjoint from the catalog, ``wording.yaml`` and
  ``fresh_wording.yaml``);
* fonts of its own (song, song bold, hei, hei bold, mono, kai), stamps over text;
* hard negatives of other kinds than ``samples.fresh``'s (税务登记证, 组织机构代码证, the old
  房屋所有权证, 居住证, 出生医学证明, the 食品经营许可证 副本, a 受理通知书, a 不予许可决定书): expected
  ``unknown``;
* whole cases of every matter, complete and variants that must not pass (a key material missing, an
  agent named with no 授权委托书, an expired ID card or vaccination, someone else's ID card, a
  look-alike handed in for a key material, a 共同共有 house without the spouse's 结婚证).

Every page records the text lines it drew (``page.image.info["text_lines"]``) so a test can check
the truth against the page. Deterministic by seed; nothing is committed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont
from yichuang.extractors.validators import USCC_ALPHABET, uscc_check_char
from yichuang.samples import national as N
from yichuang.samples.families import AS_OF, GenCase, _case_data
from yichuang.samples.fresh import iter_set, money_words, set_data
from yichuang.samples.materials import CaseData, SamplePage, _half
from yichuang.samples.people import Person, credit_code
from yichuang.samples.render import A4

HERE = Path(__file__).parent
LANDSCAPE = (A4[1], A4[0])
INK = (22, 22, 26)
BLUE = (25, 45, 125)
GREY = (95, 95, 95)
RED = (205, 35, 40)
Builder = Callable[[CaseData, random.Random], SamplePage]

_NOTO = "/usr/share/fonts/opentype/noto/"
FONTS = {  # style → (file, face index): the machine's CJK faces, more of them than samples.render uses
    "song": (_NOTO + "NotoSerifCJK-Regular.ttc", 2), "songbold": (_NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "hei": (_NOTO + "NotoSansCJK-Regular.ttc", 2), "heibold": (_NOTO + "NotoSansCJK-Bold.ttc", 2),
    "mono": (_NOTO + "NotoSansCJK-Regular.ttc", 7), "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
}
_AS_RENDER = {"song": "serif", "songbold": "serif", "hei": "sans", "heibold": "bold", "mono": "sans", "kai": "kai"}


@cache
def wording() -> dict:
    return yaml.safe_load((HERE / "fresh2_wording.yaml").read_text(encoding="utf-8"))


@cache
def face(style: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = FONTS[style]
    return ImageFont.truetype(path, size, index=index)


def width(s: str, size: int, style: str = "song") -> float:
    return face(style, size).getlength(s)


NO_LINE_START = "，。；：、）》”！？）％"  # typeset rule: these close the line they follow, never open one


def wrap(text: str, size: int, room: float, style: str = "song") -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if cur and width(cur + ch, size, style) > room and ch not in NO_LINE_START:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    return lines + ([cur] if cur else [])


class Sheet(N.Canvas):
    """A canvas with this set's fonts that remembers every text line it drew."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.lines: list[str] = []

    def text(self, x: float, y: float, s: str, size: int, style: str = "song", color=INK) -> float:
        self.lines.append(s)
        self.draw.text((x, y), s, font=face(style, size), fill=color)
        if "签" in s or "盖章" in s:  # where samples.seals signs the page
            from yichuang.samples.seals import sign_spots

            self.img.info.setdefault("sign_spots", []).extend(sign_spots(s, x, y, size, _AS_RENDER[style]))
        return width(s, size, style)

    def centred(self, cx: float, y: float, s: str, size: int, style: str = "song", color=INK) -> None:
        self.text(cx - width(s, size, style) / 2, y, s, size, style, color)

    def wrapped(self, x: float, y: float, s: str, size: int, room: float, style: str = "song",
                gap: float = 0.45, color=INK) -> float:
        for line in wrap(s, size, room, style):
            self.text(x, y, line, size, style, color)
            y += size * (1 + gap)
        return y

    def put(self, other: Sheet, xy: tuple[int, int], angle: float = 0.0, fill=(250, 250, 250)) -> None:
        img = other.img.rotate(angle, Image.Resampling.BICUBIC, expand=True, fillcolor=fill) if angle else other.img
        self.img.paste(img, xy)
        self.lines += other.lines

    def grey(self) -> None:
        self.img = self.img.convert("L").convert("RGB")
        self.draw = ImageDraw.Draw(self.img)

    def overlay(self, x: float, y: float, s: str, size: int, color=(205, 40, 45, 150), style: str = "kai") -> None:
        """Semi-transparent ink over what is already printed (a 复印件 stamp across the text)."""
        layer = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).text((x, y), s, font=face(style, size), fill=color)
        self.img = Image.alpha_composite(self.img.convert("RGBA"), layer).convert("RGB")
        self.draw = ImageDraw.Draw(self.img)
        self.lines.append(s)


def _page(material: str, family: str, cv: Sheet | Image.Image, truth: dict[str, str], lines: list[str] | None = None,
          card: bool = False) -> SamplePage:
    img = cv.img if isinstance(cv, Sheet) else cv
    img.info["text_lines"] = list(cv.lines if isinstance(cv, Sheet) else lines or [])
    return SamplePage(material, family, img, _half(truth), card=card)


# ---- dates, numbers, spacing ------------------------------------------------------------------------------

_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1..31 as written in a date: 十, 十一, 二十, 二十八, 三十一."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def cn_numeral_date(d: date) -> str:
    """2026-03-01 → 二〇二六年三月一日 (as a contract or a 委托书 is dated)."""
    return "".join(_CN_DIGITS[int(c)] for c in str(d.year)) + f"年{_cn_number(d.month)}月{_cn_number(d.day)}日"


def date_text(d: date, style: int) -> str:
    """One of the ways a page writes a date: 0 padded 年月日, 1 plain 年月日, 2 Chinese numerals, 3 slashes."""
    return [N.cn_date(d, True), N.cn_date(d, False), cn_numeral_date(d), f"{d.year}/{d.month:02d}/{d.day:02d}"][style]


def spacing(label: str, rng: random.Random) -> str:
    """Short labels letter-spaced to the width of the longest, the way each template prints them."""
    if len(label) == 2:
        return label[0] + rng.choice(["　", "　　", "  ", "   "]) + label[1]
    if len(label) == 3 and rng.random() < 0.5:
        return label[0] + " " + label[1] + " " + label[2]
    return label


def _coop_code(rng: random.Random, region: str) -> str:
    first = "93" + region + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return first + uscc_check_char(first)


def _years_on(d: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes the 28th)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


# ---- ruled tables: labels in a left column, values wrapping inside their cells -------------------------------

Cell = tuple[str, str]  # label, value


def table(cv: Sheet, rows: list[list[Cell]], x0: float, x1: float, y: float, s: int, label_w: float,
          value_style: str = "song", label_style: str = "song", ink=INK, cuts: dict[str, int] | None = None,
          centre_labels: bool = True, min_h: float = 0) -> float:
    """A ruled grid: every row holds one or more (label, value) pairs; a label wraps inside its cell
    (不动产 / 单元号 on two lines), a value wraps inside its own; ``cuts`` breaks a long number at a
    given character, as a narrow cell does. A row of one label "§…" is a heading across the table."""
    for row in rows:
        if len(row) == 1 and not row[0][1] and row[0][0].startswith("§"):  # a section heading across the table
            h = s + 26
            cv.rect((x0, y, x1, y + h), 2, fill=(232, 232, 232))
            cv.centred((x0 + x1) / 2, y + 12, row[0][0][1:], s, "heibold")
            y += h
            continue
        cell = (x1 - x0) / len(row)
        laid = []
        for label, value in row:
            room = cell - label_w - 24
            lines = wrap(value, s, room, value_style) if value else []
            if cuts and label in cuts and value and len(value) > cuts[label]:
                lines = [value[:cuts[label]], value[cuts[label]:]]
            labs = wrap(label, s - 2, label_w - 18, label_style)
            laid.append((labs, lines))
        h = max(min_h, *(max(len(v), len(lab), 1) * (s + 12) + 24 for lab, v in laid))
        x = x0
        for labs, lines in laid:
            cv.rect((x, y, x + label_w, y + h), 2)
            cv.rect((x + label_w, y, x + cell, y + h), 2)
            top = y + (h - len(labs) * (s + 10)) / 2
            for i, ln in enumerate(labs):
                lx = x + (label_w - width(ln, s - 2, label_style)) / 2 if centre_labels else x + 10
                cv.text(lx, top + i * (s + 10), ln, s - 2, label_style)
            vtop = y + (h - len(lines) * (s + 12)) / 2 + 4 if len(lines) == 1 else y + 14
            for i, ln in enumerate(lines):
                cv.text(x + label_w + 12, vtop + i * (s + 12), ln, s, value_style, ink)
            x += cell
        y += h
    return y


# ---- 营业执照: 2019+ national layout, four kinds, both orientations --------------------------------------------

KINDS = {  # types, the person's label, capital label, date label, term label, place label
    "company": (["有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "有限责任公司（非自然人投资或控股的法人独资）"],
                "法定代表人", "注册资本", "成立日期", "营业期限", "住所"),
    "branch": (["有限责任公司分公司（自然人投资或控股）", "其他有限责任公司分公司"], "负责人", None, "成立日期", "营业期限",
               "营业场所"),
    "partnership": (["有限合伙企业", "普通合伙企业"], "执行事务合伙人", "出资额", "成立日期", "合伙期限", "主要经营场所"),
    "sole": (["个人独资企业"], "投资人", None, "成立日期", None, "住所"),
    "individual": (["个体工商户"], "经营者", None, "注册日期", None, "经营场所"),
    "coop": (["农民专业合作社"], "法定代表人", "成员出资总额", "成立日期", "营业期限", "住所"),
}
LONG_SCOPES = [
    "许可项目：食品销售；烟草制品零售；酒类经营；药品零售。（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目"
    "以相关部门批准文件或许可证件为准）一般项目：日用百货销售；日用品销售；文具用品零售；五金产品零售；化妆品零售；个人卫生用品"
    "销售；家用电器销售；电子产品销售；针纺织品销售；母婴用品销售；宠物食品及用品零售；礼品花卉销售；外卖递送服务。"
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "一般项目：农产品的生产、销售、加工、运输、贮藏及其他相关服务；与农业生产经营有关的技术、信息、设施建设运营等服务；"
    "蔬菜种植；水果种植；谷物种植；农业机械服务；农作物病虫害防治服务。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "餐饮服务（不产生油烟、异味、废气）；食品销售（仅销售预包装食品）；小食杂；城市配送运输服务（不含危险货物）；"
    "打字复印；票务代理服务；代收代缴水电费；社区便民服务。",
]
CAPITALS = ["人民币贰佰万元整", "伍拾万元人民币", "人民币壹仟万元", "叁佰万元整", "100万元人民币"]


def _licence_kind(d: CaseData, rng: random.Random, kind: str | None) -> tuple[str, str]:
    """Fix the entity's kind, code and name in the case data; returns (kind, name)."""
    kind = kind or ("individual" if d.individual else rng.choice(ENTERPRISES))
    want = {"individual": "92", "coop": "93"}.get(kind, "91")
    if not d.credit_code.startswith(want):
        d.credit_code = (_coop_code(rng, d.operator.region[0]) if kind == "coop"
                         else credit_code(rng, kind == "individual", d.operator.region[0]))
    if kind == "branch" and not d.company.endswith("分公司"):
        d.company += "高新区分公司"
    if kind == "coop":
        d.company = f"{d.operator.region[2].removesuffix('区')}{rng.choice(['绿源', '丰收', '田园', '禾丰'])}蔬菜种植专业合作社"
    d.individual = kind == "individual"
    return kind, d.trade_name if kind == "individual" else d.company


def licence(d: CaseData, rng: random.Random, orientation: str = "portrait", kind: str | None = None,
            family: str = "licence-2019") -> SamplePage:
    kind, name = _licence_kind(d, rng, kind)
    types, rep, capital, when, term, place = KINDS[kind]
    etype = rng.choice(types)
    scope = rng.choice([d.scope, *LONG_SCOPES]) if kind != "coop" else LONG_SCOPES[1]
    land = orientation == "landscape"
    size = LANDSCAPE if land else A4
    w, h = size
    cv = Sheet(size, (254, 251, 243))
    gold = rng.choice([(176, 132, 60), (150, 110, 70), (190, 150, 80)])
    cv.rect((30, 30, w - 30, h - 30), 8, gold)  # a broad band with a fine inner rule and corner blocks
    cv.rect((52, 52, w - 52, h - 52), 1, gold)
    for cx, cy in ((52, 52), (w - 52, 52), (52, h - 52), (w - 52, h - 52)):
        cv.rect((cx - 14, cy - 14, cx + 14, cy + 14), 0, gold, gold)
    top = 100
    cs = rng.choice([20, 22])
    cv.text(110, top, "统一社会信用代码", cs, "hei")
    cv.text(110, top + cs + 10, d.credit_code, cs + 4, "mono")
    N.emblem(cv, (w / 2, top + 56), 48)
    ty = top + 120
    cv.centred(w / 2, ty, rng.choice(["营业执照", "营　业　执　照"]), 84 if land else 72, "songbold")
    q = 150 if land else 130
    N.qr(cv, (w - 110 - q, top - 12, q), rng)
    for i, ln in enumerate(wrap("扫描市场主体身份码了解更多登记、备案、许可、监管信息，体验更多应用服务。", 12, q + 20, "hei")):
        cv.text(w - 120 - q, top + q + 2 + i * 16, ln, 12, "hei")
    y0 = ty + (120 if land else 100)
    if not land:
        cv.centred(w / 2, y0, "（副　本）", 28, "song")
        cv.text(w - 330, y0 + 50, f"副本编号：1-{rng.randrange(1, 4)}", 18, "hei")
        y0 += 110
    s = rng.choice([25, 26, 28]) if not land else rng.choice([27, 29])
    vstyle = rng.choice(["song", "song", "kai", "hei"])
    fused = rng.random() < 0.35  # value printed right after the label: OCR reads one box
    left = [("名称", name), ("类型", etype), (rep, d.operator.name)]
    right: list[Cell] = []
    if kind == "individual":
        right.append(("组成形式", rng.choice(["个人经营", "家庭经营"])))
    if capital:
        right.append((capital, rng.choice(CAPITALS)))
    right.append((when, N.cn_date(d.established)))
    if term:
        right.append((term, f"{N.cn_date(d.established)}至{rng.choice(['长期', N.cn_date(_years_on(d.established, 30))])}"))
    right.append((place, d.premises))
    gutter = w * rng.uniform(0.5, 0.56)
    lx, rx = 110, gutter + 20
    lw = s * 4 + 24
    lw_r = max(lw, width(max((lab for lab, _ in right), key=len), s, "song") + 24)
    lw_l = max(lw, width(rep, s, "song") + 24)

    def column(cells: list[Cell], x: float, label_w: float, edge: float, y: float) -> float:
        for label, value in cells:
            lab = spacing(label, rng) if len(label) <= 3 else label
            lwid = cv.text(x, y, lab, s, "song")
            vx = x + lwid + s * 0.4 if fused else x + label_w
            y = cv.wrapped(vx, y, value, s, edge - vx, vstyle, 0.35) + s * 0.6
        return y

    y = column(left, lx, lw_l, gutter - 20, y0)
    cv.text(lx, y, spacing("经营范围", rng) if rng.random() < 0.3 else "经营范围", s, "song")
    cv.wrapped(lx + lw_l, y, scope, s - 2, gutter - 20 - lx - lw_l, vstyle, 0.3)
    column(right, rx, lw_r, w - 100, y0)
    fy = h - (250 if land else 330)
    fx = w * (0.64 if land else 0.56)
    cv.text(fx, fy, "登记机关", s, "song")
    issued = d.established + timedelta(days=rng.randrange(0, 700))
    cv.text(fx + 30, fy + 80, N.cn_date(issued), s, "song")
    N.paint_seal(cv.img, (fx + 170, fy + 60), 100, f"{d.operator.region[2]}市场监督管理局", rng)  # over the date
    foot = ["市场主体应当于每年1月1日至6月30日通过", "国家企业信用信息公示系统报送公示年度报告。"]
    for i, ln in enumerate(foot):
        cv.text(110, h - 150 + i * 24, ln, 17, "hei")
    cv.text(w - 470, h - 126, "国家市场监督管理总局监制", 17, "hei")
    cv.centred(w / 2, h - 96, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 16, "hei")
    return _page("business_license", family, cv, {
        "credit_code": d.credit_code, "entity_name": name, "entity_type": etype, "legal_rep": d.operator.name,
        "address": d.premises, "established": d.established.isoformat(), "business_scope": scope})


ENTERPRISES = ["company", "company", "branch", "partnership", "sole"]


def licence_portrait(d: CaseData, rng: random.Random) -> SamplePage:
    return licence(d, rng, "portrait", rng.choice(ENTERPRISES), "licence-2019-portrait")


def licence_individual(d: CaseData, rng: random.Random) -> SamplePage:
    return licence(d, rng, rng.choice(["portrait", "landscape"]), "individual", "licence-individual")


def licence_landscape(d: CaseData, rng: random.Random) -> SamplePage:
    return licence(d, rng, "landscape", rng.choice(ENTERPRISES), "licence-2019-landscape")


def licence_coop(d: CaseData, rng: random.Random) -> SamplePage:
    return licence(d, rng, rng.choice(["portrait", "landscape"]), "coop", "licence-coop")


# ---- 居民身份证: the real proportions, an own background, alone at an angle, back first, A4 copy -------------------

CARD_BG = (236, 240, 236)
DESK = (72, 64, 58)


def _card_sheet(mm: float, rng: random.Random, paper=DESK) -> Sheet:
    w, h = round(N.CARD_MM[0] * mm), round(N.CARD_MM[1] * mm)
    cv = Sheet((w, h), paper)
    cv.draw.rounded_rectangle((0, 0, w - 1, h - 1), int(3.18 * mm), fill=CARD_BG, outline=(196, 204, 198), width=2)
    cx, cy = w * rng.uniform(0.35, 0.6), h * rng.uniform(0.4, 0.6)
    for k in range(4, 60, 3):  # fine concentric rosettes, not sine waves
        r = k * mm * 0.9
        box = (cx - r, cy - r * 0.62, cx + r, cy + r * 0.62)
        cv.draw.arc(box, 0, 360, fill=rng.choice([(206, 222, 226), (218, 214, 196), (200, 220, 206)]), width=1)
    for x in range(int(3 * mm), w - int(3 * mm), int(2.2 * mm)):  # a dotted band at the bottom
        cv.draw.point((x, h - 3 * mm), fill=(190, 200, 205))
    return cv


def card_front(p: Person, rng: random.Random, mm: float, paper=DESK) -> Sheet:
    cv = _card_sheet(mm, rng, paper)
    lab, val = (38, 98, 150), (18, 18, 18)
    ls, vs = round(2.9 * mm), round(3.3 * mm)
    px = 54.5 * mm  # the portrait, 26 × 32 mm, right
    cv.rect((px, 7 * mm, px + 26 * mm, 39 * mm), 0, (208, 216, 222), (208, 216, 222))
    cx = px + 13 * mm
    cv.draw.ellipse((cx - 5.5 * mm, 11 * mm, cx + 5.5 * mm, 24 * mm), fill=(110, 116, 122))
    cv.draw.chord((cx - 11 * mm, 24 * mm, cx + 11 * mm, 48 * mm), 180, 360, fill=(110, 116, 122))
    cv.rect((px, 39 * mm, px + 26 * mm, 45 * mm), 0, CARD_BG, CARD_BG)
    xl, xv = 4.5 * mm, 13.5 * mm
    cv.text(xl, 5.6 * mm, "姓名", ls, "hei", lab)
    cv.text(xv, 5.0 * mm, p.name, round(3.7 * mm), "heibold", val)
    cv.text(xl, 12.0 * mm, "性别", ls, "hei", lab)
    cv.text(xv, 11.6 * mm, p.sex, vs, "hei", val)
    cv.text(24 * mm, 12.0 * mm, "民族", ls, "hei", lab)
    cv.text(32 * mm, 11.6 * mm, p.ethnicity, vs, "hei", val)
    cv.text(xl, 18.4 * mm, "出生", ls, "hei", lab)
    x = xv
    for part, unit in ((str(p.birth.year), "年"), (str(p.birth.month), "月"), (str(p.birth.day), "日")):
        x += cv.text(x, 18.0 * mm, part, vs, "hei", val) + 1.2 * mm
        x += cv.text(x, 18.4 * mm, unit, ls, "hei", lab) + 1.6 * mm
    cv.text(xl, 25.0 * mm, "住址", ls, "hei", lab)
    lines = wrap(p.address, vs, 11.2 * vs, "hei")  # the card's address lines are 11 characters wide (digits narrower)
    for i, ln in enumerate(lines[:4]):
        cv.text(xv, 24.6 * mm + i * 4.6 * mm, ln, vs, "hei", val)
    cv.text(xl, 45.0 * mm, "公民身份号码", ls, "hei", lab)
    cv.text(27.5 * mm, 44.4 * mm, p.id_number, round(3.8 * mm), "mono", val)
    return cv


def card_back(p: Person, rng: random.Random, mm: float, paper=DESK) -> Sheet:
    cv = _card_sheet(mm, rng, paper)
    N.emblem(cv, (12.5 * mm, 13.5 * mm), 8.8 * mm)
    cv.text(26 * mm, 7.0 * mm, "中华人民共和国", round(5.2 * mm), "songbold")
    cv.text(28.5 * mm, 16.0 * mm, "居 民 身 份 证", round(6.0 * mm), "songbold")
    lab = (38, 98, 150)
    ls, vs = round(2.9 * mm), round(3.2 * mm)
    cv.text(17 * mm, 38.0 * mm, "签发机关", ls, "hei", lab)
    cv.text(31 * mm, 37.7 * mm, p.issuer, vs, "hei")
    cv.text(17 * mm, 45.0 * mm, "有效期限", ls, "hei", lab)
    until = p.valid_until if p.valid_until == "长期" else p.valid_until.replace("-", ".")
    cv.text(31 * mm, 44.7 * mm, f"{p.valid_from:%Y.%m.%d}-{until}", vs, "hei")
    return cv


def front_truth(p: Person) -> dict[str, str]:
    return {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth.isoformat(),
            "address": p.address, "id_number": p.id_number}


def back_truth(p: Person) -> dict[str, str]:
    return {"issuer": p.issuer, "valid_from": p.valid_from.isoformat(), "valid_until": p.valid_until}


def id_alone(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """One side of the card photographed alone, turned a few degrees on the desk."""
    p: Person = getattr(d, who)
    mm = rng.uniform(9.5, 11.8)  # a scanner bed must hold the turned card (samples.generate.captured)
    side = rng.choice(["front", "back"])
    card = card_front(p, rng, mm) if side == "front" else card_back(p, rng, mm)
    angle = rng.choice([-1, 1]) * rng.uniform(3, 11)
    out = Sheet((round(card.img.width * 1.35), round(card.img.height * 1.6)), DESK)
    out.put(card, (card.img.width // 10, card.img.height // 10), angle, DESK)
    return _page("id_card", "card-alone-angle", out, front_truth(p) if side == "front" else back_truth(p), card=True)


def id_back_first(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Both sides on one image, the emblem side first (left, or above), each a little askew."""
    p: Person = getattr(d, who)
    mm = rng.uniform(9.5, 11.5)
    back, front = card_back(p, rng, mm), card_front(p, rng, mm)
    cw, ch = back.img.width, back.img.height
    vertical = rng.random() < 0.4
    gap = rng.randrange(50, 140)
    size = (cw + 220, 2 * ch + gap + 240) if vertical else (2 * cw + gap + 220, ch + 260)
    out = Sheet(size, DESK)
    second = (110, 120 + ch + gap) if vertical else (110 + cw + gap, 130)
    out.put(back, (100, 100), rng.uniform(-3, 3), DESK)
    out.put(front, second, rng.uniform(-3, 3), DESK)
    # a photo of both cards on the desk, already framed: captured as a page, not laid on a scanner bed
    return _page("id_card", "card-back-first", out, {**front_truth(p), **back_truth(p)})


def id_copy_stamped(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """The two sides copied on A4, back above front, a red 仅供…使用 stamp across the card's text."""
    p: Person = getattr(d, who)
    mm = rng.uniform(8.4, 9.4)
    paper = (250, 250, 250)
    back, front = card_back(p, rng, mm, paper), card_front(p, rng, mm, paper)
    cv = Sheet(A4, paper)
    x = (A4[0] - back.img.width) // 2 + rng.randrange(-60, 60)
    y1 = rng.randrange(160, 260)
    cv.put(back, (x, y1))
    y2 = y1 + back.img.height + rng.randrange(60, 140)
    cv.put(front, (x, y2))
    cv.grey()
    use = rng.choice(["仅供办理个体工商户登记使用", "仅限不动产转移登记使用", "此复印件仅供养犬登记用", "仅供食品经营许可申请使用"])
    cv.overlay(x + front.img.width * 0.15, y2 + front.img.height * 0.42, use, round(4.2 * mm))
    cv.text(x, y2 + front.img.height + 80, "与原件核对一致　核对人：", 26, "kai", BLUE)
    cv.text(x, y2 + front.img.height + 130, f"复印日期：{cn_numeral_date(AS_OF - timedelta(days=rng.randrange(1, 20)))}", 24,
            "kai", BLUE)
    return _page("id_card", "a4-copy-stamped", cv, {**front_truth(p), **back_truth(p)})


def id_case(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """A whole card for a case: back first on the desk, or the stamped A4 copy."""
    return (id_back_first if rng.random() < 0.5 else id_copy_stamped)(d, rng, who)


# ---- 不动产权证书: the table with its 附记 page, the inner page with narrow label cells ---------------------------

def _title_rows(d: CaseData, owner: Person, rng: random.Random, land: str) -> list[list[Cell]]:
    unit = rng.choice(["㎡", "平方米"])
    area = rng.choice([f"共有宗地面积{land}{unit}／房屋建筑面积{d.area}{unit}", f"房屋建筑面积：{d.area}{unit}　分摊土地面积：{land}{unit}",
                       f"建筑面积{d.area}{unit}（土地使用权面积{land}{unit}）"])
    return [[("权利人", owner.name)], [("共有情况", d.co_ownership)], [("坐落", d.premises)], [("不动产单元号", d.unit)],
            [("权利类型", "国有建设用地使用权/房屋所有权")], [("权利性质", rng.choice(["出让/商品房", "划拨/房改房", "出让/存量房"]))],
            [("用途", rng.choice(["城镇住宅用地/成套住宅", "商业服务用地/商业"]))], [("面积", area)],
            [("使用期限", f"国有建设用地使用权{rng.randrange(2003, 2016)}年01月01日起{rng.randrange(2073, 2086)}年12月31日止")],
            [("权利其他状况", f"房屋结构：混合结构；专有建筑面积：{float(d.area) * 0.82:.2f}{unit}；"
                        f"房屋总层数：{rng.randrange(5, 31)}，房屋所在层：{rng.randrange(1, 5)}")]]


def title_spread(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The open book: the inner table left, the 附记 page right."""
    owner = owner or d.lessor
    land = f"{rng.randrange(1500, 60000) / 10:.1f}"
    w, h = A4[0] * 2 - 160, A4[1] - 160
    cv = Sheet((w, h), (251, 247, 238))
    half = w / 2
    cv.line([(half, 20), (half, h - 20)], 4, (190, 170, 140))
    cv.text(110, 100, d.cert, 26, "song")
    table(cv, _title_rows(d, owner, rng, land), 90, half - 70, 160, 24, 160, "song", "song",
          cuts={"不动产单元号": rng.randrange(12, 20)} if rng.random() < 0.7 else None)
    cv.centred(half + half / 2, 110, "附　　记", 34, "songbold")
    notes = [f"业务编号：{rng.randrange(2019, 2026)}{rng.randrange(10**9, 10**10)}",
             f"登记时间：{N.cn_date(AS_OF - timedelta(days=rng.randrange(400, 3000)))}",
             f"共有人：{'无' if d.co_ownership == '单独所有' else d.spouse.name}",
             "本证书所载房屋已办理分户登记，附图见不动产登记簿。"]
    y = 200
    for ln in notes:
        y = cv.wrapped(half + 80, y, ln, 24, half - 170, "song") + 18
    N.paint_seal(cv.img, (half + half * 0.62, h - 360), 110, f"{owner.region[2]}不动产登记中心", rng)
    return _page("property_certificate", "title-spread-fuji", cv, {
        "cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership, "address": d.premises,
        "unit_number": d.unit, "area": d.area})


def title_narrow(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The inner page alone: labels in a narrow column (two lines each), the number over the table."""
    owner = owner or d.lessor
    land = f"{rng.randrange(1500, 60000) / 10:.1f}"
    cv = Sheet(A4, (252, 249, 241))
    N.guilloche(cv, (70, 70, A4[0] - 70, A4[1] - 70), rng, ((240, 232, 214), (228, 236, 224)))
    cv.text(A4[0] - 110 - width(d.cert, 24, "song"), 110, d.cert, 24, "song")
    table(cv, _title_rows(d, owner, rng, land), 110, A4[0] - 110, 170, 25, 96, rng.choice(["song", "hei"]), "song",
          cuts={"不动产单元号": rng.randrange(11, 17)})
    return _page("property_certificate", "title-narrow-labels", cv, {
        "cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership, "address": d.premises,
        "unit_number": d.unit, "area": d.area})


def title_case(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    return (title_spread if rng.random() < 0.5 else title_narrow)(d, rng, owner)


# ---- 居民户口簿: 户主页 over the 常住人口登记卡, or the 登记卡 alone ------------------------------------------------

def _register_card(cv: Sheet, p: Person, relation: str, x0: float, x1: float, y: float, rng: random.Random) -> float:
    cv.centred((x0 + x1) / 2, y, "常住人口登记卡", 36, "songbold")
    y += 66
    rows: list[list[Cell]] = [
        [("姓名", p.name), ("户主或与户主关系", relation)], [("曾用名", ""), ("性别", p.sex)],
        [("出生地", p.region[1] + p.region[2]), ("民族", p.ethnicity)],
        [("籍贯", p.region[1]), ("出生日期", N.cn_date(p.birth, False))], [("本市（县）其他住址", "")],
        [("宗教信仰", ""), ("公民身份号码", p.id_number)], [("身高", f"{rng.randrange(152, 188)}厘米"), ("血型", "")],
        [("文化程度", rng.choice(["大学本科", "硕士研究生", "高中", "中等专科"])), ("婚姻状况", rng.choice(["已婚", "未婚", "离婚"]))],
        [("兵役状况", ""), ("服务处所", "")], [("职业", rng.choice(["个体工商户", "职员", "退休人员", ""]))],
        [("何时由何地迁来本市（县）", "")], [("何时由何地迁来本址", "")]]
    return table(cv, rows, x0, x1, y, 22, 118, "song", "song")


def household_booklet(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    head = p if rng.random() < 0.5 else d.spouse
    cv = Sheet(A4, (249, 247, 240))
    cv.centred(A4[0] / 2, 70, "居 民 户 口 簿", 40, "songbold")
    y = table(cv, [[("户别", rng.choice(["家庭户", "非农业家庭户"])), ("户主姓名", head.name)],
                   [("户号", f"{rng.randrange(10**8, 10**9)}"), ("住址", p.address)]], 80, A4[0] - 80, 140, 23, 104)
    cv.text(100, y + 24, "户口登记机关盖章", 20, "song")
    cv.text(A4[0] - 440, y + 24, f"承办人签章：{rng.choice('赵钱孙李周吴')}警官", 20, "song")
    N.paint_seal(cv.img, (360, y + 40), 80, f"{p.region[3].removesuffix('分局')}派出所户口专用章", rng)  # over the line
    relation = "户主" if head is p else rng.choice(["妻", "夫"])
    _register_card(cv, p, relation, 80, A4[0] - 80, y + 130, rng)
    return _page("household_register", "booklet-head-over-card", cv,
                 {"householder": head.name, "address": p.address, "name": p.name, "id_number": p.id_number})


def household_card_only(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    cv = Sheet(A4, (250, 250, 248))
    _register_card(cv, p, rng.choice(["户主", "妻", "子", "女"]), 90, A4[0] - 90, 120, rng)
    cv.text(110, A4[1] - 260, f"登记日期：{N.cn_date(AS_OF - timedelta(days=rng.randrange(300, 4000)), False)}", 22, "song")
    cv.grey()
    return _page("household_register", "card-only", cv, {"name": p.name, "id_number": p.id_number})


# ---- forms: a ruled table with a left label column, or two underlined columns ---------------------------------

Entry = tuple[str, str, "str | None"]  # label, value, truth field


def _entries(spec: dict, values: dict[str, str], rng: random.Random, others: dict[str, str] | None = None) -> list[Entry]:
    out: list[Entry] = [(rng.choice(spec["fields"][k]), v, k) for k, v in values.items()]
    for k, v in (others or {}).items():
        out.append((rng.choice(spec["others"][k]), v, None))
    rng.shuffle(out)
    return out


def _agent_entries(spec: dict, agent: Person, rng: random.Random) -> tuple[str, list[Entry]]:
    a = spec["agent"]
    ents: list[Entry] = [(rng.choice(a["fields"]["agent_name"]), agent.name, "agent_name"),
                         (rng.choice(a["fields"]["agent_id_number"]), agent.id_number, "agent_id_number"),
                         (rng.choice(a["fields"]["phone"]), agent.phone, None)]
    return rng.choice(a["heading"]), ents


def ruled_form(material: str, title: str, sections: list[tuple[str | None, list[Entry]]], rng: random.Random,
               notes: list[str]) -> Sheet:
    """Labels in a left column of a ruled table; short pairs share a row; long values wrap in the cell."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, title, 38, rng.choice(["songbold", "heibold"]))
    cv.text(90, 150, f"填表日期：{cn_numeral_date(AS_OF - timedelta(days=rng.randrange(1, 15)))}", 20, "song")
    s, lw = rng.choice([22, 24]), rng.choice([150, 176, 196])
    vstyle = rng.choice(["kai", "song", "hei"])
    rows: list[list[Cell]] = []
    for heading, entries in sections:
        if heading:
            rows.append([("§" + heading, "")])
        pend: list[Cell] = []
        for label, value, _ in entries:
            if width(value, s, vstyle) > (A4[0] - 180) / 2 - lw - 30 or len(label) > 9:
                rows.append([(label, value)])
            else:
                pend.append((label, value))
                if len(pend) == 2:
                    rows.append(pend)
                    pend = []
        if pend:
            rows.append(pend)
    y = table(cv, rows, 90, A4[0] - 90, 190, s, lw, vstyle, "song", BLUE if vstyle == "kai" else INK,
              centre_labels=rng.random() < 0.5)
    y += 40
    for note in notes:
        y = cv.wrapped(100, y, note, 23, A4[0] - 200, "song") + 16
    return cv


def twocol_form(material: str, title: str, sections: list[tuple[str | None, list[Entry]]], rng: random.Random,
                notes: list[str]) -> Sheet:
    """Two columns of label：value on underlines; a long value takes the whole line; sections under 【】."""
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, title, 38, rng.choice(["songbold", "heibold"]))
    cv.text(A4[0] - 400, 146, f"受理编号：{rng.randrange(10**10, 10**11)}", 19, "hei")
    s = rng.choice([22, 24])
    vstyle, ink = rng.choice([("kai", BLUE), ("song", INK), ("hei", INK)])
    x0, x1 = 90, A4[0] - 90
    mid = (x0 + x1) / 2
    y = 200.0
    for heading, entries in sections:
        if heading:
            cv.text(x0, y, f"【{heading}】", s + 2, "heibold")
            y += s * 2.2
        col = 0
        for label, value, _ in entries:
            long = width(label + "：" + value, s, vstyle) > mid - x0 - 40
            if long and col:
                y += s * 2.3
                col = 0
            x = x0 if col == 0 else mid + 10
            right = x1 if long else (mid - 20 if col == 0 else x1)
            lw = cv.text(x, y, label + "：", s, "song")
            lines = wrap(value, s, right - x - lw - 10, vstyle)
            for i, ln in enumerate(lines):
                cv.text(x + lw + 6, y - 3 + i * (s * 1.7), ln, s, vstyle, ink)
                cv.line([(x + lw, y + s + 6 + i * s * 1.7), (right, y + s + 6 + i * s * 1.7)], 1, GREY)
            if long or col == 1:
                y += s * 1.7 * max(1, len(lines)) + s * 0.8
                col = 0
            else:
                col = 1
        if col:
            y += s * 2.5
        y += s * 0.6
    y += 30
    for note in notes:
        y = cv.wrapped(x0 + 10, y, note, 23, x1 - x0 - 20, "song") + 16
    return cv


FORMS = {"ruled": ruled_form, "twocol": twocol_form}


def _form(material: str, d: CaseData, rng: random.Random, style: str, values: dict[str, str],
          others: dict[str, str], agent: bool, heading: str | None, notes: list[str]) -> SamplePage:
    spec = wording()["forms"][material]
    sections: list[tuple[str | None, list[Entry]]] = [(heading, _entries(spec, values, rng, others))]
    truth = dict(values)
    if agent:
        head, ents = _agent_entries(spec, d.agent, rng)
        sections.append((head, ents))
        truth.update({"agent_name": d.agent.name, "agent_id_number": d.agent.id_number})
    cv = FORMS[style](material, rng.choice(spec["titles"]), sections, rng, notes)
    return _page(material, f"form-{style}", cv, truth)


def individual_application(d: CaseData, rng: random.Random, style: str | None = None) -> SamplePage:
    p = d.operator
    values = {"operator_name": p.name, "operator_id_number": p.id_number, "trade_name": d.trade_name,
              "premises_address": d.premises, "business_scope": d.scope, "phone": p.phone}
    others = {"staff": str(rng.randrange(1, 8)), "capital": str(rng.randrange(3, 50)), "form": rng.choice(["个人经营", "家庭经营"])}
    return _form("individual_business_application", d, rng, style or rng.choice(list(FORMS)), values, others,
                 bool(d.extra.get("agent")), rng.choice(["经营者及经营场所", "登记事项", None]),
                 ["本经营者承诺所提交的材料真实、合法、有效，复印件与原件一致。", "经营者签字：　　　　　　　　　日期："])


def food_application(d: CaseData, rng: random.Random, style: str | None = None) -> SamplePage:
    p = d.operator
    values = {"applicant": d.entity_name, "credit_code": d.credit_code, "legal_rep": p.name,
              "legal_rep_id_number": p.id_number, "premises_address": d.premises,
              "business_format": rng.choice(["食品销售经营者（便利店）", "食品销售经营者（超市）", "餐饮服务经营者（小型餐馆）"]),
              "phone": p.phone}
    others = {"items": "预包装食品销售（含冷藏冷冻食品）、散装食品销售（不含散装熟食）", "area": str(rng.randrange(20, 160))}
    return _form("food_license_application", d, rng, style or rng.choice(list(FORMS)), values, others,
                 bool(d.extra.get("agent")), rng.choice(["申请人基本情况", "经营者信息", None]),
                 ["申请人声明：本申请人所提交的申请材料及其内容真实有效，愿意承担相应的法律责任。",
                  "法定代表人（负责人）签字：　　　　　　　申请人盖章："])


def dog_application(d: CaseData, rng: random.Random, style: str | None = None) -> SamplePage:
    p = d.operator
    values = {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address, "breed": d.breed,
              "phone": p.phone}
    others = {"dog_name": rng.choice(["豆包", "元宝", "小白", "来福"]), "colour": rng.choice(["黄白相间", "纯黑", "棕色"]),
              "sex": rng.choice(["公", "母"]), "age": str(rng.randrange(3, 60))}
    return _form("dog_registration_form", d, rng, style or rng.choice(list(FORMS)), values, others, False,
                 rng.choice(["养犬人信息", "犬只及养犬人情况", None]),
                 ["养犬人承诺：文明养犬，出户束犬链并由成年人牵领，按时为犬只进行狂犬病免疫。", "养犬人签名：　　　　　　　　年　　月　　日"])


def estate_application(d: CaseData, rng: random.Random) -> SamplePage:
    """The 不动产登记申请书: registration kind ticked in cells, the two parties as columns of a grid."""
    spec = wording()["forms"]["real_estate_application"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, rng.choice(spec["titles"]), 38, "songbold")
    cv.text(90, 140, f"收件编号：{rng.randrange(10**11, 10**12)}　　收件人：{rng.choice('王李张刘')}某", 19, "hei")
    x0, x1, s = 80, A4[0] - 80, 22
    y = 180
    kinds = ["首次登记", "转移登记", "变更登记", "注销登记", "更正登记", "异议登记"]
    lab = rng.choice(spec["fields"]["registration_type"])
    lw = 190
    cv.rect((x0, y, x0 + lw, y + 96), 2)
    for i, ln in enumerate(wrap(lab, s - 2, lw - 16, "song")):
        cv.text(x0 + 10, y + 20 + i * (s + 8), ln, s - 2, "song")
    cw = (x1 - x0 - lw) / 3
    for k, kind in enumerate(kinds):
        cx, cy = x0 + lw + (k % 3) * cw, y + (k // 3) * 48
        cv.rect((cx, cy, cx + cw, cy + 48), 1)
        cv.text(cx + 12, cy + 11, ("■" if kind == "转移登记" else "□") + kind, s, "song")
    y += 120
    cols = [("buyer", d.buyer), ("seller", d.lessor)]
    rng.shuffle(cols)  # the seller's column first on some offices' forms
    heads = [rng.choice(spec["parties"][role]) for role, _ in cols]
    rowlabels = [(rng.choice(spec["rows"]["name"]), [p.name for _, p in cols]),
                 (rng.choice(spec["rows"]["id_kind"]), ["居民身份证", "居民身份证"]),
                 (rng.choice(spec["rows"]["id_number"]), [p.id_number for _, p in cols]),
                 (rng.choice(spec["rows"]["address"]), [p.address for _, p in cols]),
                 (rng.choice(spec["rows"]["phone"]), [p.phone for _, p in cols])]
    vw = (x1 - x0 - lw) / 2
    cv.rect((x0, y, x1, y + 44), 2, fill=(230, 230, 230))
    cv.text(x0 + 10, y + 10, "申请人情况", s, "heibold")
    for k, head in enumerate(heads):
        cv.centred(x0 + lw + vw * k + vw / 2, y + 10, head, s, "heibold")
    y += 44
    for label, vals in rowlabels:
        wrapped = [wrap(v, s, vw - 20, "kai") for v in vals]
        h = max(len(w) for w in wrapped) * (s + 10) + 22
        cv.rect((x0, y, x0 + lw, y + h), 2)
        for i, ln in enumerate(wrap(label, s - 2, lw - 16, "song")):
            cv.text(x0 + 10, y + 10 + i * (s + 6), ln, s - 2, "song")
        for k, lines in enumerate(wrapped):
            cx = x0 + lw + vw * k
            cv.rect((cx, y, cx + vw, y + h), 2)
            for i, ln in enumerate(lines):
                cv.text(cx + 12, y + 11 + i * (s + 10), ln, s, "kai", BLUE)
        y += h
    y += 20
    cv.rect((x0, y, x1, y + 44), 2, fill=(230, 230, 230))
    cv.text(x0 + 10, y + 10, "不动产情况", s, "heibold")
    y += 44
    rows = [[(rng.choice(spec["fields"]["address"]), d.premises)], [(rng.choice(spec["fields"]["unit_number"]), d.unit)],
            [("不动产类型", "房屋"), ("用途", "住宅")], [("面积（平方米）", d.area), ("原不动产权证书号", d.cert)]]
    y = table(cv, rows, x0, x1, y, s, lw, "kai", "song", BLUE, cuts=None)
    cv.wrapped(x0 + 10, y + 40, "本申请人对填写的上述内容及提交的申请材料的真实性负责。如有不实，申请人愿承担法律责任。", 22, x1 - x0 - 20)
    cv.text(x0 + 10, y + 130, "申请人（签章）：　　　　　　　　代理人（签章）：", 22, "song")
    return _page("real_estate_application", "estate-party-grid", cv, {
        "registration_type": "转移登记", "buyer": d.buyer.name, "seller": d.lessor.name, "address": d.premises,
        "unit_number": d.unit})


# ---- 授权委托书 in prose ---------------------------------------------------------------------------------------

def attorney(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["forms"]["power_of_attorney"]
    matter = d.extra.get("matter", "个体工商户设立登记")
    entrusted = f"办理“{d.entity_name}”{matter}的申请、材料签署与提交、领取登记文书"
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 110, rng.choice(spec["titles"]), 44, rng.choice(["songbold", "heibold"]))
    s = rng.choice([25, 27])
    style = rng.choice(["song", "kai", "hei"])
    prose = rng.choice(spec["prose"]).format(principal=d.operator.name, pid=d.operator.id_number, agent=d.agent.name,
                                             aid=d.agent.id_number)
    y = 230.0
    if rng.random() < 0.4:
        cv.text(110, y, "市场监督管理局：", s, style)
        y += s * 2
    lines = wrap("　　" + prose, s, A4[0] - 220, style)
    for ln in lines:
        cv.text(110, y, ln, s, style)
        y += s * 1.7
    y += s * 0.6
    lw = cv.text(110, y, rng.choice(spec["fields"]["entrusted_matter"]) + "：", s, "heibold")
    y = cv.wrapped(110 + lw, y, entrusted, s, A4[0] - 220 - lw, style, 0.7) + s
    until = AS_OF + timedelta(days=rng.choice([30, 60, 90]))
    y = cv.wrapped(110, y, f"委托期限：自签字之日起至{cn_numeral_date(until)}止。", s, A4[0] - 220, style, 0.7) + s * 1.5
    cv.text(A4[0] / 2, y, "委托人（签字）：", s, style)
    cv.text(A4[0] / 2, y + s * 2.4, "受托人（签字）：", s, style)
    cv.text(A4[0] / 2, y + s * 4.8, cn_numeral_date(AS_OF - timedelta(days=rng.randrange(1, 10))), s, style)
    return _page("power_of_attorney", "attorney-prose", cv, {"principal": d.operator.name, "agent_name": d.agent.name,
                                                            "agent_id_number": d.agent.id_number,
                                                            "entrusted_matter": entrusted})


def attorney_table(d: CaseData, rng: random.Random) -> SamplePage:
    """The national 指定代表或者共同委托代理人 form: a ruled table, the matter as ticked boxes, a paste box."""
    spec = wording()["forms"]["power_of_attorney"]
    matter = d.extra.get("matter", "个体工商户设立登记")
    entrusted = f"{d.entity_name}{matter}"
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, "指定代表或者共同委托代理人授权委托书", 34, "songbold")
    head = rng.choice(spec["agent"]["heading"])
    rows: list[list[Cell]] = [
        [(rng.choice(spec["fields"]["principal"]), d.operator.name)],
        [("§" + head, "")],
        [(rng.choice(spec["agent"]["fields"]["agent_name"]), d.agent.name),
         (rng.choice(spec["agent"]["fields"]["phone"]), d.agent.phone)],
        [(rng.choice(spec["agent"]["fields"]["agent_id_number"]), d.agent.id_number)],
        [(rng.choice(spec["fields"]["entrusted_matter"]), entrusted)],
        [("委托权限", "■同意　□不同意核对登记材料中的复印件并签署核对意见；■同意　□不同意修改企业自备文件的错误；"
                  "■同意　□不同意修改有关表格的填写错误；■同意　□不同意领取营业执照和有关文书")],
        [("委托有效期限", f"自{cn_numeral_date(AS_OF - timedelta(days=3))}至{cn_numeral_date(AS_OF + timedelta(days=87))}")]]
    y = table(cv, rows, 80, A4[0] - 80, 160, 23, 200, rng.choice(["kai", "song"]), "song", BLUE)
    cv.rect((80, y + 30, A4[0] - 80, y + 330), 2)
    cv.centred(A4[0] / 2, y + 160, "（" + head + "身份证件复印件粘贴处）", 24, "song", GREY)
    cv.text(100, y + 380, "申请人（签字或盖章）：", 24, "song")
    cv.text(A4[0] - 500, y + 380, cn_numeral_date(AS_OF - timedelta(days=3)), 24, "song")
    return _page("power_of_attorney", "attorney-national-table", cv, {
        "principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
        "entrusted_matter": entrusted})


def sale_table(d: CaseData, rng: random.Random) -> SamplePage:
    """A contract whose first page sets the parties and the house out in a ruled table."""
    spec = wording()["contracts"]["house_sale_contract"]
    price = int(d.price)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 42, "songbold")
    cv.text(A4[0] - 400, 160, f"合同编号：{d.unit[:6]}-{rng.randrange(10**5, 10**6)}", 19, "hei")
    s = 23
    rows: list[list[Cell]] = [
        [(rng.choice(spec["parties"]["seller"]), d.lessor.name), ("身份证号", d.lessor.id_number)],
        [(rng.choice(spec["parties"]["buyer"]), d.buyer.name), ("身份证号", d.buyer.id_number)],
        [("§房屋基本情况", "")], [(rng.choice(spec["table"]["address"]), d.premises)],
        [(rng.choice(spec["table"]["area"]), f"{d.area}平方米"), ("规划用途", "住宅")],
        [(rng.choice(spec["table"]["price"]), f"人民币{money_words(price)}（¥{price:,}元）")]]
    y = table(cv, rows, 80, A4[0] - 80, 210, s, 170, "kai", "song", BLUE)
    y += 30
    for para in ["第一条　甲方保证已如实陈述房屋权属状况，该房屋不存在租赁、抵押或者查封等情况。",
                 "第二条　乙方于签订本合同之日向甲方支付定金人民币伍万元整，定金在支付首付款时冲抵房价款。",
                 "第三条　双方约定于不动产登记机构办理转移登记之日交付房屋。",
                 "出卖方（签字）：　　　　　　　　　买受方（签字）："]:
        y = cv.wrapped(100, y, para, s, A4[0] - 200, "song", 0.55) + 16
    return _page("house_sale_contract", "sale-table", cv, {"seller": d.lessor.name, "buyer": d.buyer.name,
                                                           "address": d.premises, "price": str(price)})


# ---- contracts: 甲方（出租方）lines, dates in Chinese numerals, 大写 and 小写 amounts -------------------------------

def _contract_head(material: str, parties: list[tuple[str, Person, str]], rng: random.Random) -> tuple[Sheet, float, int, str]:
    spec = wording()["contracts"][material]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 42, rng.choice(["songbold", "heibold"]))
    s = rng.choice([23, 25])
    style = rng.choice(["song", "hei", "song"])
    y = 190.0
    for role, who, shown in parties:
        cv.text(100, y, f"{rng.choice(spec['parties'][role])}：{shown}", s, style)
        y += s * 1.6
        cv.text(140, y, f"证件类型及号码：居民身份证　{who.id_number}", s - 2, style)
        y += s * 1.5
        cv.text(140, y, f"联系地址：{who.address}", s - 2, style)
        y += s * 2.0
    return cv, y + s * 0.5, s, style


def lease_pages(d: CaseData, rng: random.Random, pages: int = 1) -> list[SamplePage]:
    """The lease on one page, or two: the second has no title, the last clauses and the signatures."""
    spec = wording()["contracts"]["lease_contract"]
    lessee = d.extra.get("lessee", d.operator.name)
    tenant = replace(d.operator, name=lessee)
    ds = rng.choice([1, 2, 2])
    facts = {"address": d.premises, "area": d.area, "start": date_text(d.term_start, ds), "end": date_text(d.term_end, ds),
             "years": "一二三四五六七八九十"[d.years - 1]}
    cv, y, s, style = _contract_head("lease_contract", [("lessor", d.lessor, d.lessor.name), ("lessee", tenant, lessee)],
                                     rng)
    rent = rng.randrange(25, 120) * 100
    body = [rng.choice(spec["address"]).format(**facts), rng.choice(spec["term"]).format(**facts),
            f"第三条　租金每月人民币{rent}元（大写：{money_words(rent)}），按季度支付，先付后用。",
            "第四条　乙方应合法经营，不得擅自改变房屋结构；甲方同意乙方以该房屋办理营业执照及相关许可。"]
    rest = ["第五条　租赁期间的水、电、燃气、物业管理费由乙方承担。",
            "第六条　任何一方违约，应向守约方支付相当于一个月租金的违约金。",
            "第七条　本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。",
            "甲方签字（盖章）：　　　　　　　　　乙方签字（盖章）：",
            f"签约日期：{cn_numeral_date(d.term_start - timedelta(days=rng.randrange(5, 25)))}"]
    for para in body + (rest if pages == 1 else []):
        y = cv.wrapped(100, y, para, s, A4[0] - 200, style, 0.55) + 16
    truth = {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
             "term_end": d.term_end.isoformat()}
    if pages == 1:
        return [_page("lease_contract", "lease-party-lines", cv, truth)]
    cv.centred(A4[0] / 2, A4[1] - 80, "— 1 —", 20, "hei")
    more = Sheet(A4)
    yy = 110.0
    for para in rest:
        yy = more.wrapped(100, yy, para, s, A4[0] - 200, style, 0.55) + 18
    more.centred(A4[0] / 2, A4[1] - 80, "— 2 —", 20, "hei")
    return [_page("lease_contract", "lease-party-lines", cv, truth), _page("lease_contract", "continuation", more, {})]


def lease(d: CaseData, rng: random.Random) -> SamplePage:
    return lease_pages(d, rng, 1)[0]


def lease_table(d: CaseData, rng: random.Random) -> SamplePage:
    """A shop lease whose first page is a table: the parties, the premises and the term in ruled cells."""
    spec = wording()["contracts"]["lease_contract"]
    lessee = d.extra.get("lessee", d.operator.name)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 42, "songbold")
    ds = rng.choice([0, 2])
    rent = rng.randrange(25, 120) * 100
    rows: list[list[Cell]] = [
        [(rng.choice(spec["parties"]["lessor"]), d.lessor.name), ("身份证号", d.lessor.id_number)],
        [(rng.choice(spec["parties"]["lessee"]), lessee), ("身份证号", d.operator.id_number)],
        [("§租赁房屋", "")], [(rng.choice(spec["table"]["address"]), d.premises)],
        [(rng.choice(spec["table"]["area"]), f"{d.area}平方米"), ("用途", "商业经营")],
        [(rng.choice(spec["table"]["start"]), date_text(d.term_start, ds)),
         (rng.choice(spec["table"]["end"]), date_text(d.term_end, ds))],
        [("月租金", f"人民币{rent}元（{money_words(rent)}）")]]
    y = table(cv, rows, 80, A4[0] - 80, 190, 23, 176, "kai", "song", BLUE) + 30
    for para in ["一、租金按季度支付，乙方于每季度首月五日前付清。", "二、乙方可在该房屋办理营业执照，甲方提供房屋权属证明复印件。",
                 "三、租赁期满乙方需继续承租的，应提前三十日书面告知甲方。", "甲方（签名）：　　　　　　　　　乙方（签名）："]:
        y = cv.wrapped(100, y, para, 23, A4[0] - 200, "song", 0.55) + 16
    return _page("lease_contract", "lease-table", cv, {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises,
                                                       "term_start": d.term_start.isoformat(),
                                                       "term_end": d.term_end.isoformat()})


def sale(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["contracts"]["house_sale_contract"]
    price = int(d.price)
    cv, y, s, style = _contract_head("house_sale_contract", [("seller", d.lessor, d.lessor.name),
                                                             ("buyer", d.buyer, d.buyer.name)], rng)
    body = [rng.choice(spec["address"]).format(address=d.premises, area=d.area),
            rng.choice(spec["price"]).format(words=money_words(price), comma=f"{price:,}", plain=str(price)),
            f"第三条　乙方于{cn_numeral_date(AS_OF + timedelta(days=7))}前将首付款存入资金监管账户，余款以商业贷款方式支付。",
            "第四条　甲方保证该房屋权属清楚，无抵押、查封等权利限制，已如实告知房屋情况。",
            "第五条　双方于本合同签订之日起三十日内共同申请办理不动产转移登记。",
            "出卖方签字：　　　　　　　　　买受方签字："]
    for para in body:
        y = cv.wrapped(100, y, para, s, A4[0] - 200, style, 0.55) + 16
    return _page("house_sale_contract", "sale-party-lines", cv, {"seller": d.lessor.name, "buyer": d.buyer.name,
                                                                 "address": d.premises, "price": str(price)})


# ---- certificates -----------------------------------------------------------------------------------------

def health_booklet(d: CaseData, rng: random.Random) -> SamplePage:
    """An A5 certificate held open: photo left, a ruled grid right, the issuing office's seal over the date."""
    spec = wording()["forms"]["health_certificate"]
    p = d.staff
    until = d.extra.get("health_until") or date(d.exam_date.year + 1, d.exam_date.month, min(d.exam_date.day, 28))
    w, h = 1240, 880
    cv = Sheet((w, h), (247, 250, 246))
    cv.rect((20, 20, w - 20, h - 20), 4, (60, 130, 90))
    cv.centred(w / 2, 50, rng.choice(spec["titles"]), 44, "songbold", (30, 110, 70))
    cv.rect((70, 170, 330, 510), 0, (205, 212, 218), (205, 212, 218))
    ds = rng.choice([0, 1, 3])
    rows = [[(rng.choice(spec["fields"]["name"]), p.name), ("性别", p.sex)],
            [("年龄", f"{(d.exam_date - p.birth).days // 365}岁"), (rng.choice(spec["others"]["kind"]), "食品经营")],
            [(rng.choice(spec["others"]["unit"]), d.entity_name)],
            [(rng.choice(spec["fields"]["exam_date"]), date_text(d.exam_date, ds))],
            [(rng.choice(spec["fields"]["valid_until"]), date_text(until, ds))]]
    y = table(cv, rows, 370, w - 60, 170, 24, 170, rng.choice(["song", "hei"]), "song")
    cv.text(70, y + 40, f"证号：{p.region[0]}{rng.randrange(10**9, 10**10)}", 22, "mono")
    cv.text(w - 470, y + 40, f"发证机构：{p.region[2]}疾病预防控制中心", 22, "song")
    N.paint_seal(cv.img, (w - 230, y + 30), 78, f"{p.region[2]}疾病预防控制中心", rng)
    return _page("health_certificate", "health-booklet", cv, {"name": p.name, "exam_date": d.exam_date.isoformat(),
                                                              "valid_until": until.isoformat()})


def vaccination_booklet(d: CaseData, rng: random.Random) -> SamplePage:
    """A small booklet page: the owner and dog as underlined blanks, the shot as a record row below."""
    spec = wording()["forms"]["dog_vaccination_cert"]
    owner = d.extra.get("dog_owner", d.operator.name)
    until = d.extra.get("vacc_until") or _years_on(d.vaccinated_on, 1) - timedelta(days=1)
    w, h = 1240, 1000
    cv = Sheet((w, h), (250, 248, 238))
    cv.centred(w / 2, 50, rng.choice(spec["titles"]), 40, "songbold")
    cv.text(w - 380, 120, f"No.{rng.randrange(10**7, 10**8)}", 22, "mono", RED)
    s, f = 24, spec["fields"]
    y = 190
    for label, value in [(rng.choice(f["owner_name"]), owner), ("联系电话", d.operator.phone),
                         (rng.choice(f["breed"]), d.breed), ("性别/毛色", rng.choice(["公/黄", "母/黑白", "公/棕"]))]:
        lw = cv.text(90, y, label + "：", s, "song")
        cv.text(90 + lw + 8, y - 4, value, s + 2, "kai", BLUE)
        cv.line([(90 + lw, y + s + 8), (w / 2 + 200, y + s + 8)], 1, GREY)
        y += 62
    y += 20
    heads = [rng.choice(f["vaccinated_on"]), "疫苗名称", "生产企业及批号", rng.choice(f["valid_until"]), "兽医签字"]
    cws = [230, 220, 300, 230, 120]
    x = 60
    for head, cwid in zip(heads, cws, strict=True):
        cv.rect((x, y, x + cwid, y + 70), 2, fill=(236, 234, 222))
        for i, ln in enumerate(wrap(head, 20, cwid - 14, "song")):
            cv.text(x + 8, y + 8 + i * 26, ln, 20, "song")
        x += cwid
    y += 70
    ds = rng.choice([0, 3])
    cells = [date_text(d.vaccinated_on, ds), "狂犬病灭活疫苗", f"{rng.choice(['瑞普', '中牧', '齐鲁'])} {rng.randrange(10**7, 10**8)}",
             date_text(until, ds), ""]
    for row in range(3):
        x = 60
        for cell, cwid in zip(cells, cws, strict=True):
            cv.rect((x, y, x + cwid, y + 60), 1)
            if row == 0 and cell:
                cv.wrapped(x + 8, y + 14, cell, 21, cwid - 14, "kai", 0.2, BLUE)
            x += cwid
        y += 60
    cv.text(90, y + 40, "免疫机构（盖章）：", s, "song")
    N.paint_seal(cv.img, (420, y + 50), 80, f"{d.operator.region[2]}动物疫病预防控制中心", rng)
    return _page("dog_vaccination_cert", "vaccination-booklet-record", cv, {
        "owner_name": owner, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()})


def health_printout(d: CaseData, rng: random.Random) -> SamplePage:
    """The electronic 健康证明 printed on A4: a QR code, the holder's table, a verification line."""
    spec = wording()["forms"]["health_certificate"]
    p = d.staff
    until = d.extra.get("health_until") or date(d.exam_date.year + 1, d.exam_date.month, min(d.exam_date.day, 28))
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 100, rng.choice(spec["titles"]), 40, "heibold", (20, 90, 160))
    cv.centred(A4[0] / 2, 160, "（电子证明打印件）", 24, "song")
    N.qr(cv, (A4[0] / 2 - 120, 220, 240), rng)
    ds = rng.choice([0, 1, 2])
    rows = [[(rng.choice(spec["fields"]["name"]), p.name)], [("性别", p.sex)],
            [("身份证号", p.id_number[:6] + "********" + p.id_number[-4:])],
            [(rng.choice(spec["others"]["kind"]), rng.choice(["食品销售", "餐饮服务", "公共场所"]))],
            [(rng.choice(spec["fields"]["exam_date"]), date_text(d.exam_date, ds))],
            [(rng.choice(spec["fields"]["valid_until"]), date_text(until, ds))],
            [("体检机构", f"{p.region[2]}社区卫生服务中心")]]
    y = table(cv, rows, 200, A4[0] - 200, 520, 26, 260, "hei", "song")
    cv.wrapped(200, y + 50, "扫描上方二维码可核验本证明真伪。本证明在全省范围内有效，打印件与电子证明具有同等效力。", 22,
               A4[0] - 400, "song")
    return _page("health_certificate", "health-e-printout", cv, {"name": p.name, "exam_date": d.exam_date.isoformat(),
                                                                 "valid_until": until.isoformat()})


def vaccination_card(d: CaseData, rng: random.Random) -> SamplePage:
    """A wallet card (85.6 × 54 mm), landscape, photographed alone: the shot's date and its end in one row."""
    spec = wording()["forms"]["dog_vaccination_cert"]
    owner = d.extra.get("dog_owner", d.operator.name)
    until = d.extra.get("vacc_until") or _years_on(d.vaccinated_on, 1) - timedelta(days=1)
    mm = rng.uniform(9.5, 11.5)
    w, h = round(85.6 * mm), round(54 * mm)
    cv = Sheet((w, h), DESK)
    cv.draw.rounded_rectangle((0, 0, w - 1, h - 1), int(3 * mm), fill=(250, 236, 200), outline=(170, 130, 60), width=3)
    cv.centred(w / 2, 3 * mm, rng.choice(spec["titles"]), round(4.6 * mm), "heibold", (150, 60, 20))
    f, ls, vs = spec["fields"], round(2.8 * mm), round(3.1 * mm)
    y = 12 * mm
    ds = rng.choice([0, 1, 3])
    for label, value in [(rng.choice(f["owner_name"]), owner), (rng.choice(f["breed"]), d.breed),
                         (rng.choice(f["vaccinated_on"]), date_text(d.vaccinated_on, ds)),
                         (rng.choice(f["valid_until"]), date_text(until, ds))]:
        lw = cv.text(5 * mm, y, label + "：", ls, "hei", (90, 60, 30))
        cv.text(5 * mm + lw + 1 * mm, y - 0.3 * mm, value, vs, "song")
        y += 7.5 * mm
    cv.text(5 * mm, 47 * mm, f"编号：{rng.randrange(10**8, 10**9)}", round(2.5 * mm), "mono")
    N.paint_seal(cv.img, (72 * mm, 38 * mm), 8 * mm, f"{d.operator.region[2]}动物卫生监督所", rng)
    out = Sheet((round(w * 1.3), round(h * 1.5)), DESK)
    out.put(cv, (w // 10, h // 10), rng.uniform(-7, 7), DESK)
    return _page("dog_vaccination_cert", "vaccination-wallet-card", out, {
        "owner_name": owner, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
        "valid_until": until.isoformat()}, card=True)


def marriage_page(d: CaseData, rng: random.Random) -> SamplePage:
    """One inner page, portrait: the photo on top, the holder's entries, the two people stacked below."""
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0]}-{d.registered_on.year}-{rng.randrange(10**6):06d}"
    w, h = 1000, 1420
    cv = Sheet((w, h), (252, 240, 236))
    cv.rect((w / 2 - 230, 70, w / 2 + 230, 380), 0, (214, 80, 80), (214, 80, 80))
    y = 430
    for label, value in [("持证人", holder.name), ("登记日期", N.cn_date(d.registered_on)), ("结婚证字号", no)]:
        lw = cv.text(90, y, label, 26, "hei", GREY)
        cv.text(90 + max(lw + 24, 160), y - 2, value, 28, "song")
        y += 58
    other = {"男": "女", "女": "男"}
    for pp in ([holder, spouse] if rng.random() < 0.5 else [spouse, holder]):
        y += 30
        sex = pp.sex if pp is holder else other[holder.sex]
        cv.line([(90, y), (w - 90, y)], 1, (200, 160, 150))
        y += 20
        for a, b in [(("姓名", pp.name), ("国籍", "中国")), (("性别", sex), ("出生日期", N.cn_date(pp.birth)))]:
            for k, (label, value) in enumerate((a, b)):
                lw = cv.text(90 + k * 420, y, label, 24, "hei", GREY)
                cv.text(90 + k * 420 + lw + 22, y - 2, value, 26, "song")
            y += 52
        lw = cv.text(90, y, "身份证件号", 24, "hei", GREY)
        cv.text(90 + lw + 22, y - 2, pp.id_number, 26, "mono")
        y += 60
    N.paint_seal(cv.img, (w - 230, h - 180), 95, f"{holder.region[2]}民政局婚姻登记专用章", rng)
    return _page("marriage_certificate", "marriage-inner-portrait", cv, {
        "holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(), "cert_number": no})


def safety_rules(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(["食品安全管理制度", "食品经营安全管理制度"]), 40, "heibold")
    cv.centred(A4[0] / 2, 160, f"（{d.entity_name}）", 26, "song")
    parts = [("一、从业人员健康管理制度", "食品从业人员每年进行健康检查，取得健康证明后方可上岗；出现发热、腹泻、皮肤伤口感染等"
              "情形的，立即离开工作岗位。"),
             ("二、进货查验和记录制度", "采购食品时查验供货者的许可证和食品出厂检验合格证或者其他合格证明，建立进货台账，"
              "记录保存期限不少于产品保质期满后六个月。"),
             ("三、食品贮存管理制度", "食品分类、分架、离地离墙存放，冷藏冷冻食品按标签标示的温度贮存，定期检查，及时清理过期食品。"),
             ("四、食品安全自查制度", "每月开展一次食品安全状况自查，发现问题立即整改；有食品安全事故潜在风险的，停止经营并报告。"),
             ("五、食品安全事故处置方案", "发生食品安全事故时，立即封存相关食品及原料，配合调查处理，不得隐匿、伪造、毁灭证据。")]
    y = 240.0
    for head, body in parts:
        cv.text(100, y, head, 27, "heibold")
        y = cv.wrapped(100, y + 46, "　　" + body, 25, A4[0] - 200, rng.choice(["song", "kai"]), 0.6) + 24
    cv.text(A4[0] - 480, y + 30, f"制定日期：{cn_numeral_date(AS_OF - timedelta(days=30))}", 24, "song")
    return _page("food_safety_rules", "rules-chapters", cv, {})


def floor_plan(d: CaseData, rng: random.Random) -> SamplePage:
    """Grid paper, rooms drawn in, dimension lines and a legend table."""
    cv = Sheet(LANDSCAPE, (253, 253, 250))
    w, h = LANDSCAPE
    for x in range(40, w - 40, 40):
        cv.line([(x, 40), (x, h - 40)], 1, (214, 228, 236))
    for y in range(40, h - 40, 40):
        cv.line([(40, y), (w - 40, y)], 1, (214, 228, 236))
    cv.centred(w / 2, 60, rng.choice(["经营场所平面图（示意）", "食品经营场所平面布局图"]), 38, "heibold")
    x0, y0, x1, y1 = 160, 200, 1120, 1000
    cv.rect((x0, y0, x1, y1), 6)
    cv.line([(x0 + 560, y0), (x0 + 560, y0 + 420)], 4)
    cv.line([(x0 + 560, y0 + 420), (x1, y0 + 420)], 4)
    cv.line([(x0, y0 + 600), (x0 + 300, y0 + 600)], 4)
    for label, (x, y) in [("销售区（货架）", (300, 450)), ("冷柜区", (840, 380)), ("库房", (820, 780)), ("收银台", (220, 900)),
                          ("洗手池", (560, 930)), ("门", (640, 1010))]:
        cv.text(x, y, label, 26, "hei")
    cv.text(x0, y1 + 30, f"|←　{rng.randrange(8, 14)}.{rng.randrange(10)} m　→|", 22, "hei")
    lx = 1240
    table(cv, [[("图例", "说明")], [("▭", "货架")], [("○", "洗手设施")], [("▲", "灭火器")], [("地址", d.premises)]],
          lx, w - 80, 220, 22, 90, "song", "song")
    cv.text(lx, h - 200, "绘制人：　　　　　　比例：1∶100", 22, "song")
    return _page("floor_plan", "plan-grid-paper", cv, {})


def plan_sketch(d: CaseData, rng: random.Random) -> SamplePage:
    """Drawn by hand on a blank sheet: wobbly walls, labels in a hand, the title written above."""
    cv = Sheet(A4, (250, 250, 246))
    cv.centred(A4[0] / 2, 90, rng.choice(["店面平面布局图", "经营场所平面布局图（手绘）"]), 40, "kai")
    cv.text(120, 170, f"地址：{d.premises}", 24, "kai", BLUE)

    def wall(a: tuple[float, float], b: tuple[float, float]) -> None:
        pts = [(a[0] + (b[0] - a[0]) * t / 12 + rng.uniform(-3, 3), a[1] + (b[1] - a[1]) * t / 12 + rng.uniform(-3, 3))
               for t in range(13)]
        cv.line(pts, 4, BLUE)

    corners = [(150, 280), (1090, 290), (1085, 1350), (155, 1340)]
    for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
        wall(a, b)
    wall((620, 285), (615, 760))
    wall((150, 760), (620, 760))
    for label, (x, y) in [("货架", (320, 480)), ("冷藏柜", (800, 430)), ("收银", (300, 1000)), ("仓库", (820, 1000)),
                          ("洗手池", (300, 1200)), ("大门", (600, 1360))]:
        cv.text(x, y, label, 32, "kai", BLUE)
    cv.text(150, 1420, "↑北　　单位：米　　约" + str(rng.randrange(40, 120)) + "平方米", 24, "kai", BLUE)
    return _page("floor_plan", "plan-hand-sketch", cv, {})


# ---- hard negatives: other papers handed in by mistake (expected: unknown) ---------------------------------------

def _certificate(title: str, rows: list[list[Cell]], rng: random.Random, seal: str, size=A4, sub: str = "") -> Sheet:
    w, h = size
    cv = Sheet(size, (251, 249, 243))
    cv.rect((36, 36, w - 36, h - 36), 5, (120, 140, 170))
    cv.centred(w / 2, 110, title, 60, "songbold")
    y = 220
    if sub:
        cv.centred(w / 2, 200, sub, 26, "song")
        y = 270
    table(cv, rows, 100, w - 100, y, 24, 210, "song", "song")
    N.paint_seal(cv.img, (w - 320, h - 260), 95, seal, rng)
    cv.text(w - 500, h - 190, f"发证日期：{N.cn_date(AS_OF - timedelta(days=rng.randrange(200, 3000)))}", 24, "song")
    return cv


def neg_tax(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    rows = [[("纳税人名称", d.company)], [("法定代表人（负责人）", p.name)], [("地　　址", d.premises)],
            [("登记注册类型", "有限责任公司"), ("经营范围", "日用百货销售")], [("批准设立机关", "工商行政管理局")],
            [("扣缴义务", "依法确定")]]
    cv = _certificate("税务登记证", rows, rng, f"{p.region[2]}国家税务局", LANDSCAPE,
                      f"{PROVINCE_TAX[rng.randrange(3)]}税字{p.region[0]}{rng.randrange(10**8, 10**9)}号")
    return _page("unknown", "tax-registration", cv, {})


PROVINCE_TAX = ["京", "沪", "粤"]


def neg_org_code(d: CaseData, rng: random.Random) -> SamplePage:
    rows = [[("机构名称", d.company)], [("机构类型", "企业法人")], [("法定代表人", d.operator.name)],
            [("有效期", f"自{N.cn_date(date(2013, 3, 1))}至{N.cn_date(date(2017, 3, 1))}")], [("颁发单位", "质量技术监督局")],
            [("登记号", f"组代管{d.operator.region[0]}-{rng.randrange(10**6, 10**7)}")]]
    cv = _certificate("中华人民共和国组织机构代码证", rows, rng, f"{d.operator.region[2]}质量技术监督局", LANDSCAPE,
                      f"代码：{rng.randrange(10**7, 10**8)}-{rng.randrange(10)}")
    return _page("unknown", "org-code", cv, {})


def neg_old_house(d: CaseData, rng: random.Random) -> SamplePage:
    rows = [[("房屋所有权人", d.lessor.name)], [("共有情况", "单独所有")], [("房屋坐落", d.premises)],
            [("登记时间", N.cn_date(date(2009, 6, 18)))], [("房屋性质", "商品房"), ("规划用途", "住宅")],
            [("总层数", f"{rng.randrange(6, 30)}"), ("建筑面积（㎡）", d.area)], [("土地使用年限", "2006年至2076年")]]
    cv = _certificate("房屋所有权证", rows, rng, f"{d.lessor.region[2]}房地产管理局", A4,
                      f"房权证{d.lessor.region[2]}字第{rng.randrange(10**7, 10**8)}号")
    return _page("unknown", "old-house-ownership", cv, {})


def neg_residence_permit(d: CaseData, rng: random.Random) -> SamplePage:
    """A 居住证: a card like the ID card, a different title and issuer."""
    p = d.operator
    mm = rng.uniform(11, 13)
    cv = _card_sheet(mm, rng)
    cv.text(4 * mm, 3 * mm, f"{rng.choice(['广东省', '浙江省', '四川省'])}居住证", round(4.4 * mm), "songbold", RED)
    for i, (label, value) in enumerate([("姓名", p.name), ("性别", p.sex), ("出生", N.cn_date(p.birth)),
                                        ("居住地址", p.address[:14]), ("签发机关", p.issuer)]):
        lw = cv.text(4 * mm, 11 * mm + i * 6.4 * mm, label, round(2.8 * mm), "hei", (38, 98, 150))
        cv.text(4 * mm + lw + 2 * mm, 10.6 * mm + i * 6.4 * mm, value, round(3.1 * mm), "hei")
    cv.text(4 * mm, 45 * mm, "公民身份号码", round(2.8 * mm), "hei", (38, 98, 150))
    cv.text(27 * mm, 44.5 * mm, p.id_number, round(3.6 * mm), "mono")
    cv.rect((60 * mm, 9 * mm, 82 * mm, 37 * mm), 0, (208, 216, 222), (208, 216, 222))
    out = Sheet((cv.img.width + 200, cv.img.height + 200), DESK)
    out.put(cv, (60, 60), rng.uniform(-6, 6), DESK)
    return _page("unknown", "residence-permit", out, {}, card=True)


def neg_birth(d: CaseData, rng: random.Random) -> SamplePage:
    rows = [[("新生儿姓名", d.operator.name[0] + rng.choice("子一思若")), ("性别", rng.choice("男女"))],
            [("出生时间", f"{AS_OF.year - 1}年{rng.randrange(1, 13)}月{rng.randrange(1, 28)}日{rng.randrange(24)}时")],
            [("出生地点", d.operator.region[1] + d.operator.region[2])], [("出生孕周", "39周"), ("出生体重（克）", "3350")],
            [("母亲姓名", d.spouse.name), ("母亲身份证件号码", d.spouse.id_number)],
            [("父亲姓名", d.operator.name), ("父亲身份证件号码", d.operator.id_number)],
            [("接生机构名称", f"{d.operator.region[2]}妇幼保健院")]]
    cv = _certificate("出生医学证明", rows, rng, f"{d.operator.region[2]}妇幼保健院出生医学证明专用章", A4,
                      f"编号：{rng.choice('PQR')}{rng.randrange(10**8, 10**9)}")
    return _page("unknown", "birth-certificate", cv, {})


def neg_permit_copy(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    rows = [[("经营者名称", d.entity_name)], [("社会信用代码（身份证号码）", d.credit_code)], [("法定代表人（负责人）", p.name)],
            [("住所", d.premises)], [("经营场所", d.premises)], [("主体业态", "食品销售经营者（便利店）")],
            [("经营项目", "预包装食品（含冷藏冷冻食品）销售，散装食品（不含熟食）销售")],
            [("日常监督管理机构", f"{p.region[2]}市场监督管理局{rng.choice(['城关', '新华', '东湖'])}市场监督管理所")],
            [("日常监督管理人员", f"{rng.choice('王李张')}某、{rng.choice('陈刘赵')}某"), ("投诉举报电话", "12315")],
            [("许可证编号", f"JY{rng.randrange(1, 3)}{p.region[0]}{rng.randrange(10**7, 10**8)}"),
             ("有效期至", N.cn_date(AS_OF + timedelta(days=1700)))]]
    cv = _certificate("食品经营许可证", rows, rng, f"{p.region[2]}市场监督管理局", A4, "（副　本）")
    return _page("unknown", "food-permit-copy", cv, {})


def _letter(title: str, office: str, paras: list[str], rng: random.Random, number: str) -> Sheet:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 110, office, 34, "songbold", RED)
    cv.line([(90, 180), (A4[0] - 90, 180)], 4, RED)
    cv.centred(A4[0] / 2, 230, title, 44, "songbold")
    cv.centred(A4[0] / 2, 300, number, 24, "song")
    y = 380.0
    for para in paras:
        y = cv.wrapped(110, y, para, 26, A4[0] - 220, "song", 0.7) + 20
    cv.text(A4[0] - 520, y + 80, office, 26, "song")
    cv.text(A4[0] - 480, y + 130, cn_numeral_date(AS_OF - timedelta(days=rng.randrange(2, 40))), 26, "song")
    N.paint_seal(cv.img, (A4[0] - 360, y + 110), 100, office, rng)
    return cv


def neg_acceptance(d: CaseData, rng: random.Random) -> SamplePage:
    office = f"{d.operator.region[1]}{d.operator.region[2]}市场监督管理局"
    paras = [f"{d.operator.name}：", f"　　你（单位）于{cn_numeral_date(AS_OF - timedelta(days=5))}提交的{d.trade_name}个体工商户设立登记申请，"
             "经审查，申请材料齐全，符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。",
             "　　我局将在法定期限内作出决定，请于二十个工作日后凭本通知书领取结果。",
             f"　　联系人：{rng.choice('王李张')}某　　联系电话：0{rng.randrange(10, 99)}-{rng.randrange(10**7, 10**8)}"]
    cv = _letter("受理通知书", office, paras, rng, f"（{d.operator.region[2][:2]}）登记内受字〔{AS_OF.year}〕第{rng.randrange(100, 999)}号")
    return _page("unknown", "acceptance-notice", cv, {})


def neg_refusal(d: CaseData, rng: random.Random) -> SamplePage:
    office = f"{d.operator.region[1]}{d.operator.region[2]}市场监督管理局"
    paras = [f"申请人：{d.entity_name}", f"　　你（单位）申请的食品经营许可，经审查，经营场所{d.premises}与住宅楼共用通道，"
             "不符合《食品经营许可和备案管理办法》规定的条件，根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予许可。",
             "　　如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。"]
    cv = _letter("不予许可决定书", office, paras, rng, f"食许不字〔{AS_OF.year}〕第{rng.randrange(10, 99)}号")
    return _page("unknown", "refusal-decision", cv, {})


# ---- the set ---------------------------------------------------------------------------------------------

def _ruled(builder: Callable[..., SamplePage]) -> Builder:
    return lambda d, rng: builder(d, rng, "ruled")


def _twocol(builder: Callable[..., SamplePage]) -> Builder:
    return lambda d, rng: builder(d, rng, "twocol")


FRESH2: list[tuple[str, str, Builder]] = [  # (material, family, builder)
    ("business_license", "licence-2019-portrait", licence_portrait),
    ("business_license", "licence-individual", licence_individual),
    ("business_license", "licence-2019-landscape", licence_landscape),
    ("business_license", "licence-coop", licence_coop),
    ("id_card", "card-alone-angle", id_alone),
    ("id_card", "card-back-first", id_back_first),
    ("id_card", "a4-copy-stamped", id_copy_stamped),
    ("property_certificate", "title-spread-fuji", title_spread),
    ("property_certificate", "title-narrow-labels", title_narrow),
    ("household_register", "booklet-head-over-card", household_booklet),
    ("household_register", "card-only", household_card_only),
    ("individual_business_application", "form-ruled", _ruled(individual_application)),
    ("individual_business_application", "form-twocol", _twocol(individual_application)),
    ("food_license_application", "form-ruled", _ruled(food_application)),
    ("food_license_application", "form-twocol", _twocol(food_application)),
    ("dog_registration_form", "form-ruled", _ruled(dog_application)),
    ("dog_registration_form", "form-twocol", _twocol(dog_application)),
    ("real_estate_application", "estate-party-grid", estate_application),
    ("power_of_attorney", "attorney-prose", attorney),
    ("power_of_attorney", "attorney-national-table", attorney_table),
    ("lease_contract", "lease-party-lines", lease),
    ("lease_contract", "lease-table", lease_table),
    ("house_sale_contract", "sale-party-lines", sale),
    ("house_sale_contract", "sale-table", sale_table),
    ("health_certificate", "health-booklet", health_booklet),
    ("health_certificate", "health-e-printout", health_printout),
    ("dog_vaccination_cert", "vaccination-booklet-record", vaccination_booklet),
    ("dog_vaccination_cert", "vaccination-wallet-card", vaccination_card),
    ("marriage_certificate", "marriage-inner-portrait", marriage_page),
    ("food_safety_rules", "rules-chapters", safety_rules),
    ("floor_plan", "plan-grid-paper", floor_plan),
    ("floor_plan", "plan-hand-sketch", plan_sketch),
]
NEGATIVES: dict[str, Builder] = {
    "tax-registration": neg_tax, "org-code": neg_org_code, "old-house-ownership": neg_old_house,
    "residence-permit": neg_residence_permit, "birth-certificate": neg_birth, "food-permit-copy": neg_permit_copy,
    "acceptance-notice": neg_acceptance, "refusal-decision": neg_refusal,
}


def _data(rng: random.Random) -> CaseData:
    return set_data(rng, 0.5, ["单独所有", "单独所有", "共同共有", "按份共有"])


def iter_fresh2_samples(per_family: int = 1, seed: int = 0, negatives: bool = True) -> Iterator[tuple[str, SamplePage]]:
    """(family, page): ``per_family`` pages of every family, then the hard negatives (one each)."""
    return iter_set([(f, b) for _, f, b in FRESH2], list(NEGATIVES.items()), per_family, seed, _data, negatives)


# ---- whole cases ------------------------------------------------------------------------------------------

def _expired(p: Person) -> Person:
    """The same person's card issued ten years before and run out before the check date."""
    return replace(p, valid_from=date(2010, 4, 2), valid_until=date(2020, 4, 2).isoformat())


def fresh2_cases(n_per_matter: int = 3, seed: int = 0) -> Iterator[GenCase]:
    """Complete cases of every matter drawn in this set's style, each followed by variants that must
    not pass (a clerk would refuse them)."""
    rng = random.Random(seed)

    def r() -> random.Random:
        return random.Random(rng.randrange(1 << 30))

    for k in range(n_per_matter):
        # 个体工商户设立登记, an agent hands it in
        d = _case_data(rng)
        d.individual, d.extra["agent"], d.extra["lessee"] = True, True, d.operator.name
        how = rng.randrange(3)  # the premises proof: a lease on one or two pages, a lease table, a title
        proof = (lease_pages(d, r(), rng.choice([1, 2])) if how == 0 else [lease_table(d, r())] if how == 1
                 else [title_case(d, r(), d.operator)])
        app, op_id, agent_id = individual_application(d, r()), id_case(d, r()), id_case(d, r(), "agent")
        poa = rng.choice([attorney, attorney_table])(d, r())
        pages = [app, op_id, agent_id, *proof, poa]
        m, name = ["individual_business_registration"], f"fresh2-ibr-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not poa], "incomplete", "agent_without_authority")
        yield GenCase(name, m, [p for p in pages if p is not op_id], "incomplete", "operator_id_missing")
        old = CaseData(**{**vars(d), "operator": _expired(d.operator)})
        yield GenCase(name, m, [id_case(old, r()) if p is op_id else p for p in pages], "incomplete",
                      "operator_id_expired")
        yield GenCase(name, m, [id_case(d, r(), "spouse") if p is op_id else p for p in pages], "incomplete",
                      "someone_elses_id")
        yield GenCase(name, m, [neg_acceptance(d, r()) if p is app else p for p in pages], "incomplete",
                      "notice_for_application")

        # 食品经营许可: every other case through an agent
        d = _case_data(rng)
        d.extra["agent"], d.extra["lessee"] = k % 2 == 1, d.operator.name
        d.extra["matter"] = "食品经营许可"
        lic = licence(d, r(), rng.choice(["portrait", "landscape"]), None, "licence-case")  # fixes kind, name, code
        app = food_application(d, r())
        lease_p = lease_pages(d, r(), rng.choice([1, 2]))
        pages = [app, lic, id_case(d, r()), *lease_p, safety_rules(d, r()), rng.choice([floor_plan, plan_sketch])(d, r()),
                 rng.choice([health_booklet, health_printout])(d, r())]
        if d.extra["agent"]:
            poa = rng.choice([attorney, attorney_table])(d, r())
            pages += [id_case(d, r(), "agent"), poa]
        m, name = ["food_business_license"], f"fresh2-food-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not lic], "incomplete", "licence_missing")
        yield GenCase(name, m, [neg_permit_copy(d, r()) if p is app else p for p in pages], "incomplete",
                      "permit_copy_for_application")
        yield GenCase(name, m, [p for p in pages if p not in lease_p], "incomplete", "premises_proof_missing")
        if d.extra["agent"]:
            yield GenCase(name, m, [p for p in pages if p is not poa], "incomplete", "agent_without_authority")

        # 二手房转移登记: a 共同共有 house brings the 结婚证
        d = _case_data(rng)
        d.co_ownership = "共同共有" if k % 2 == 0 else "单独所有"
        title = title_case(d, r())
        pages = [estate_application(d, r()), id_case(d, r(), "buyer"), id_case(d, r(), "lessor"), title,
                 rng.choice([sale, sale_table])(d, r())]
        consent = marriage_page(d, r()) if d.co_ownership == "共同共有" else None
        if consent:
            pages.append(consent)
        m, name = ["second_hand_house_transfer"], f"fresh2-house-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p.material != "house_sale_contract"], "incomplete", "contract_missing")
        yield GenCase(name, m, [neg_old_house(d, r()) if p is title else p for p in pages], "incomplete",
                      "old_ownership_cert_for_title")
        if consent:
            yield GenCase(name, m, [p for p in pages if p is not consent], "incomplete", "joint_without_consent")
        old = CaseData(**{**vars(d), "lessor": _expired(d.lessor)})
        yield GenCase(name, m, [id_case(old, r(), "lessor") if p is pages[2] else p for p in pages], "incomplete",
                      "seller_id_expired")

        # 养犬登记
        d = _case_data(rng)
        form, owner_id = dog_application(d, r()), id_case(d, r())
        shot = rng.choice([vaccination_booklet, vaccination_card])
        vacc = shot(d, r())
        pages = [form, owner_id, vacc, rng.choice([household_booklet, household_card_only])(d, r())]
        m, name = ["dog_registration"], f"fresh2-dog-{k}"
        yield GenCase(name, m, pages, "complete")
        yield GenCase(name, m, [p for p in pages if p is not vacc], "incomplete", "vaccination_missing")
        lapsed = CaseData(**{**vars(d), "vaccinated_on": AS_OF - timedelta(days=500),
                             "extra": {**d.extra, "vacc_until": AS_OF - timedelta(days=135)}})
        yield GenCase(name, m, [shot(lapsed, r()) if p is vacc else p for p in pages], "incomplete",
                      "vaccination_expired")
        yield GenCase(name, m, [neg_residence_permit(d, r()) if p is owner_id else p for p in pages], "incomplete",
                      "residence_permit_for_id")
        typo = CaseData(**{**vars(d), "operator": replace(d.operator, id_number=d.staff.id_number)})
        yield GenCase(name, m, [dog_application(typo, r()) if p is form else p for p in pages], "incomplete",
                      "owner_id_number_mismatch")  # the form's number is a valid one, but not the card's


def main() -> None:
    from yichuang.samples.fresh import set_arguments, write_set

    args = set_arguments("Draw the second never-seen set (pages + truth.json).")
    out = Path(args.out)
    n = write_set(list(iter_fresh2_samples(args.per_family, args.seed)), out, args.styles, args.seed)
    print(f"wrote {n} fresh2 pages to {out}")


if __name__ == "__main__":
    main()
