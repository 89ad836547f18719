"""A FRESH held-out set: one new layout family per material, nobody tunes on it (issue 9).

    .venv/bin/python -m yichuang.samples.fresh --out /tmp/fresh --per-family 1   # pages + truth.json
    nice .venv/bin/python -m bench.accuracy --fresh --per-family 1 --cases 3      # measure (the lead, once)

The held-out families of ``samples.families`` were measured and are now *seen*. This module draws,
for every material the generator can draw, one layout family that exists nowhere else in
``samples/`` (not in families.py, layouts.py, national.py nor fuzz.py):

* its own label wordings by province and form version (``fresh_wording.yaml``; never the catalog's
  and never ``wording.yaml``'s — a test checks both), another field order, letter spacing;
* other geometry: the 2014 single-column 营业执照 副本, both card sides side by side on a landscape
  A4 copy with a 仅供…使用 overlay, the 不动产权证书 inner page as a four-column grid with wrapped
  cells, the 户口簿 首页 and 登记卡 reduced side by side on one landscape copy, forms as boxes with
  the label above the value in two columns and sections under a shaded bar, a 授权委托书 with the
  two parties' boxes side by side, contracts with fill-in blanks and 大写 amounts, the 健康证 as a
  card, a vaccination certificate as a table with a header row, the 结婚证 as an open spread;
* fonts drawn from the machine's CJK fonts (sans, serif, kai, bold), capture styles scan / camera /
  phone applied by the bench (``samples.generate.captured``);
* hard negatives — papers handed in by mistake (the issued 食品经营许可证, a 离婚证, a 不动产登记
  证明, a 个体工商户注销登记申请书, a 房屋租赁登记备案证明, a 健康检查表): expected ``unknown``;
* whole cases of every matter drawn in the fresh style (complete, and variants that must not pass).

Every page records the text lines it drew (``page.image.info["text_lines"]``) so that a test can
check the ground truth against what is on the page. Deterministic by seed; nothing is committed.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from PIL import Image, ImageDraw
from yichuang.samples import national as N
from yichuang.samples.families import AS_OF, GenCase, _case_data
from yichuang.samples.materials import CaseData, SamplePage, _half
from yichuang.samples.people import Person, credit_code
from yichuang.samples.render import A4, text_width

HERE = Path(__file__).parent
FAMILY = "fresh"
BLUE = (20, 40, 120)
GREY = (90, 90, 90)
LANDSCAPE = (A4[1], A4[0])
Builder = Callable[[CaseData, random.Random], SamplePage]


@cache
def wording() -> dict:
    return yaml.safe_load((HERE / "fresh_wording.yaml").read_text(encoding="utf-8"))


class Sheet(N.Canvas):
    """A canvas that remembers every text line it drew (for the ground-truth test)."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.lines: list[str] = []

    def text(self, x: float, y: float, s: str, size: int, style: str = "serif", color=N.INK) -> float:
        self.lines.append(s)
        return super().text(x, y, s, size, style, color)

    def paste(self, other: Sheet | Image.Image, xy: tuple[int, int], lines: list[str] | None = None) -> None:
        img = other.img if isinstance(other, Sheet) else other
        self.img.paste(img, xy)
        self.lines += other.lines if isinstance(other, Sheet) else (lines or [])

    def grey(self) -> None:
        self.img = self.img.convert("L").convert("RGB")
        self.draw = ImageDraw.Draw(self.img)


def _page(material: str, cv: Sheet, truth: dict[str, str], card: bool = False, family: str = FAMILY) -> SamplePage:
    cv.img.info["text_lines"] = list(cv.lines)
    return SamplePage(material, family, cv.img, _half(truth), card=card)


def _cn(d: date, style: int) -> str:
    """A date as the page writes it; one ``style`` per page (0 padded 年月日, 1 plain, 2 dotted)."""
    return [N.cn_date(d, True), N.cn_date(d, False), f"{d.year}.{d.month:02d}.{d.day:02d}"][style]


def _space(label: str, rng: random.Random) -> str:
    if len(label) == 2 and rng.random() < 0.4:
        return label[0] + rng.choice(["　", "　　"]) + label[1]
    return label


def money_words(n: int) -> str:
    """1850000 → 壹佰捌拾伍万元整 (the 大写 amount written beside the figures)."""
    digits, small, big = "零壹贰叁肆伍陆柒捌玖", ["", "拾", "佰", "仟"], ["", "万", "亿"]
    if n == 0:
        return "零元整"
    out, group, zero = "", 0, False
    while n:
        part, n = n % 10000, n // 10000
        text, pz = "", False
        for i in range(4):
            dgt = part // 10 ** i % 10
            if dgt:
                text = digits[dgt] + small[i] + ("零" if pz and text else "") + text
                pz = False
            else:
                pz = True
        if part:
            out = text + big[group] + ("零" if zero and out else "") + out
        zero = part < 1000
        group += 1
    return out + "元整"


# ---- 营业执照: the 2014 single-column 副本 -------------------------------------------------------------

KINDS = {  # label of the person, capital, date, term and place as each kind prints them
    "company": (["有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "其他有限责任公司"], "法定代表人", "注册资本",
                "成立日期", "营业期限", "住所"),
    "branch": (["有限责任公司分公司（自然人投资或控股）"], "负责人", None, "成立日期", "营业期限", "营业场所"),
    "partnership": (["普通合伙企业"], "执行事务合伙人", "出资额", "成立日期", "合伙期限", "主要经营场所"),
    "sole": (["个人独资企业"], "投资人", None, "成立日期", None, "住所"),
    "individual": (["个体工商户"], "经营者", None, "注册日期", None, "经营场所"),
}
SCOPES = ["零售：预包装食品（不含冷藏冷冻食品）、乳制品（含婴幼儿配方乳粉）；销售：日用杂品、针纺织品、化妆品、文化用品、"
          "电子产品。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
          "食品经营（销售预包装食品）；保健食品销售；卷烟零售；彩票代销；洗衣代收服务；家政服务。",
          "小餐饮（不含凉菜、生食海产品、裱花蛋糕）；饮料及冷饮服务；食品互联网销售（仅销售预包装食品）。"]


def licence(d: CaseData, rng: random.Random) -> SamplePage:
    kind = "individual" if d.individual else rng.choice(["company", "company", "branch", "partnership", "sole"])
    types, rep, capital, when, term, place = KINDS[kind]
    if not d.credit_code.startswith("92" if kind == "individual" else "91"):
        d.credit_code = credit_code(rng, kind == "individual", d.operator.region[0])
    if kind == "branch" and not d.company.endswith("分公司"):
        d.company += "城东分公司"
    name = d.trade_name if kind == "individual" else d.company
    etype, scope = rng.choice(types), rng.choice([d.scope, *SCOPES])
    cv = Sheet(A4, (252, 251, 246))
    N.frame(cv, 36, rng, (160, 120, 70))
    w = A4[0]
    cv.text(w - 470, 110, "统一社会信用代码", 22, "sans")
    cv.text(w - 470, 140, d.credit_code, 26, "sans")
    cv.text(120, 110, f"证照编号：{rng.randrange(10**13, 10**14)}", 20, "sans")
    N.emblem(cv, (w / 2, 260), 56)
    cv.centred(w / 2, 350, "营 业 执 照", 72, "bold")
    cv.centred(w / 2, 450, "（副　本）" if rng.random() < 0.6 else "（副本）（1-1）", 28, "serif")
    rows = [("名称", name), ("类型", etype), (place, d.premises), (rep, d.operator.name)]
    if capital:
        rows.append((capital, rng.choice(["人民币伍拾万元整", "壹佰万元整", "叁拾万元人民币"])))
    if kind == "individual":
        rows.append(("组成形式", rng.choice(["个人经营", "家庭经营"])))
    rows.append((when, N.cn_date(d.established)))
    if term:
        rows.append((term, f"{N.cn_date(d.established)}至{rng.choice(['长期', '2045年12月31日'])}"))
    rows.append(("经营范围", scope))
    s, style = rng.choice([26, 28]), rng.choice(["serif", "sans"])
    lx, vx, right, y = 150, 150 + s * 5, w - 140, 540
    for label, value in rows:
        cv.text(lx, y, N.spaced(label) if len(label) <= 3 else label, s, style)
        y = cv.wrapped(vx, y, value, s, right - vx, style, 0.4) + s * 0.7
    fy = A4[1] - 330
    cv.text(w - 560, fy, "登记机关", s, style)
    cv.text(w - 420, fy + 90, N.cn_date(d.established + timedelta(days=rng.randrange(0, 300))), s, style)
    N.paint_seal(cv.img, (w - 300, fy + 50), 95, f"{d.operator.region[2]}市场监督管理局", rng)
    cv.centred(w / 2, A4[1] - 100, "企业信用信息公示系统网址：http://www.gsxt.gov.cn　　中华人民共和国国家工商行政管理总局监制",
               16, "sans")
    d.individual = kind == "individual"
    return _page("business_license", cv, {"credit_code": d.credit_code, "entity_name": name, "entity_type": etype,
                                          "legal_rep": d.operator.name, "address": d.premises,
                                          "established": d.established.isoformat(), "business_scope": scope})


# ---- 居民身份证: both sides on a landscape copy, "仅供…使用" across the back -------------------------------

PURPOSES = ["个体工商户登记", "食品经营许可申请", "不动产转移登记", "养犬登记", "办理营业执照"]


def id_card(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    p: Person = getattr(d, who)
    mm = rng.uniform(10.0, 12.5)
    front, back = N.id_card_front(p, rng, mm), N.id_card_back(p, rng, mm)
    until = p.valid_until if p.valid_until == "长期" else p.valid_until.replace("-", ".")
    lines = [p.name, p.sex, p.ethnicity, str(p.birth.year), str(p.birth.month), str(p.birth.day), p.address,
             p.id_number, p.issuer, f"{p.valid_from:%Y.%m.%d}-{until}"]
    cv = Sheet(LANDSCAPE, (250, 250, 250))
    cw = rng.randrange(700, 790)
    scale = cw / front.width
    fs, bs = front.resize((cw, round(front.height * scale))), back.resize((cw, round(back.height * scale)))
    gap = rng.randrange(40, 110)
    x0 = (LANDSCAPE[0] - 2 * cw - gap) // 2
    top = rng.randrange(220, 330)
    order = [(fs, x0), (bs, x0 + cw + gap)] if rng.random() < 0.7 else [(bs, x0), (fs, x0 + cw + gap)]
    for img, x in order:
        cv.img.paste(img, (x, top + rng.randrange(-15, 15)))
    cv.lines += lines
    cv.grey()
    bx = order[0][1] if order[0][0] is bs else order[1][1]
    note = f"仅供{rng.choice(PURPOSES)}使用，再复印无效"
    layer = Image.new("RGBA", cv.img.size, (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((bx + 40, top + bs.height * 0.52), note, font=N.font("kai", 34), fill=(200, 40, 40, 150))
    cv.img = Image.alpha_composite(cv.img.convert("RGBA"), layer).convert("RGB")
    cv.draw = ImageDraw.Draw(cv.img)
    cv.lines.append(note)
    cv.text(x0, top + fs.height + 90, f"复印日期：{AS_OF.year}.{AS_OF.month:02d}.{rng.randrange(1, 20):02d}", 26, "kai", BLUE)
    truth = {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth.isoformat(),
             "address": p.address, "id_number": p.id_number, "issuer": p.issuer,
             "valid_from": p.valid_from.isoformat(), "valid_until": p.valid_until}
    return _page("id_card", cv, truth)


# ---- 不动产权证书: the inner page as a four-column grid ---------------------------------------------------

def _grid(cv: Sheet, rows: list[list[tuple[str, str]]], x0: float, x1: float, y: float, s: int,
          label_w: float = 150, cut: dict[str, int] | None = None) -> float:
    """Ruled rows of (label, value) pairs; a pair alone spans the row; labels and values wrap in cells."""
    for row in rows:
        cell = (x1 - x0) / len(row)
        laid = []
        for label, value in row:
            vw = cell - label_w - 24
            lines = N.wrap(value, s, vw) if value else [""]
            if cut and label in cut and len(value) > cut[label]:  # a long number broken in its narrow cell
                lines = [value[:cut[label]], value[cut[label]:]]
            labs = N.wrap(label, s - 2, label_w - 16)
            laid.append((labs, lines))
        h = max(max(len(v), len(lab)) * (s + 12) + 22 for lab, v in laid)
        x = x0
        for labs, lines in laid:
            cv.rect((x, y, x + label_w, y + h), 2)
            cv.rect((x + label_w, y, x + cell, y + h), 2)
            for i, ln in enumerate(labs):
                cv.text(x + 8, y + (h - len(labs) * (s + 10)) / 2 + i * (s + 10), ln, s - 2, "serif")
            for i, ln in enumerate(lines):
                if ln:
                    cv.text(x + label_w + 12, y + 11 + i * (s + 12), ln, s, "serif")
            x += cell
        y += h
    return y


def title_cert(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    owner = owner or d.lessor
    cv = Sheet(A4, (252, 249, 242))
    N.guilloche(cv, (60, 60, A4[0] - 60, A4[1] - 60), rng, ((236, 226, 206), (230, 232, 212)))
    cv.centred(A4[0] / 2, 130, d.cert, 28, "serif")
    land = f"{rng.randrange(2000, 40000)}.{rng.randrange(10)}"
    area_unit = rng.choice(["㎡", "平方米"])
    rows = [[("权利人", owner.name), ("共有情况", d.co_ownership)], [("坐落", d.premises)],
            [("不动产单元号", d.unit), ("权利类型", "国有建设用地使用权/房屋（构筑物）所有权")],
            [("权利性质", "出让/存量房"), ("用途", rng.choice(["城镇住宅用地/住宅", "商服用地/商业"]))],
            [("房屋建筑面积", f"{d.area}{area_unit}"), ("土地使用权面积", f"{land}{area_unit}（共有宗地）")],
            [("使用期限", "2010年06月01日起2080年05月31日止")],
            [("权利其他状况", f"房屋结构：钢混　总层数：{rng.randrange(6, 34)}　所在层：{rng.randrange(1, 6)}；"
                         f"套内建筑面积{float(d.area) * 0.85:.2f}{area_unit}")]]
    y = _grid(cv, rows, 90, A4[0] - 90, 210, 24, 150, {"不动产单元号": rng.randrange(13, 19)})
    cv.text(90, y + 40, "附　记", 26, "serif")
    cv.text(90, y + 90, f"业务号：{rng.randrange(10**11, 10**12)}", 22, "serif")
    return _page("property_certificate", cv, {"cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership,
                                              "address": d.premises, "unit_number": d.unit, "area": d.area})


# ---- 居民户口簿: 首页 and 登记卡 reduced side by side on a landscape copy -----------------------------------

def household(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["forms"]["household_register"]
    p = d.operator
    head = p if rng.random() < 0.5 else d.spouse
    cv = Sheet(LANDSCAPE, (251, 251, 251))
    half = LANDSCAPE[0] / 2
    cv.line([(half, 40), (half, LANDSCAPE[1] - 40)], 2, (150, 150, 150))
    cv.centred(half / 2, 110, "居民户口簿", 42, "bold")
    f = spec["front"]
    y = _grid(cv, [[(f["kind"], rng.choice(["家庭户", "居民家庭户"]))], [(f["householder"], head.name)],
                   [(f["number"], f"{rng.randrange(10**8, 10**9)}")], [(f["address"], p.address)]],
              80, half - 60, 200, 24, 150)
    cv.text(100, y + 60, "户口登记机关户口专用章", 22, "serif")
    N.paint_seal(cv.img, (half - 260, y + 120), 85, f"{p.region[2]}公安分局户口专用章", rng)
    x0 = half + 50
    cv.centred(half + half / 2, 110, "常住人口登记卡", 40, "bold")
    id_label = rng.choice(spec["card"]["id_number"])
    relation = "户主" if head is p else rng.choice(["妻", "夫", "配偶"])
    rows = [[(spec["card"]["name"], p.name), ("户主或与户主关系", relation)], [("曾用名", ""), ("性别", p.sex)],
            [("出生地", p.region[1] + p.region[2]), ("民族", p.ethnicity)],
            [("籍贯", p.region[1]), ("出生日期", N.cn_date(p.birth, False))], [(id_label, p.id_number)],
            [("文化程度", rng.choice(["大学", "高中", "中专"])), ("婚姻状况", rng.choice(["已婚", "未婚"]))],
            [("服务处所", ""), ("职业", rng.choice(["个体", "职员", ""]))], [("何时由何地迁来本址", "")]]
    _grid(cv, rows, x0, LANDSCAPE[0] - 60, 200, 22, 130)
    cv.grey()
    return _page("household_register", cv, {"householder": head.name, "address": p.address, "name": p.name,
                                            "id_number": p.id_number})


# ---- forms: boxes with the label above the value, two columns, sections under a shaded bar -------------

Entry = tuple[str, str, "str | None"]  # label, value, truth field


def boxed(cv: Sheet, entries: list[Entry], y: float, rng: random.Random, heading: str | None = None,
          x0: float = 80, x1: float = A4[0] - 80) -> float:
    if heading:
        cv.rect((x0, y, x1, y + 46), 2, fill=(228, 228, 228))
        cv.text(x0 + 14, y + 9, heading, 26, "bold")
        y += 46
    ls, vs = rng.choice([20, 22]), rng.choice([26, 28])
    vf, ink = rng.choice([("kai", BLUE), ("kai", BLUE), ("sans", N.INK), ("serif", N.INK)])  # by hand or typed
    col = (x1 - x0) / 2
    pending: list[Entry] = []

    def row(items: list[Entry], y: float) -> float:
        w = (x1 - x0) / len(items)
        laid = [(e, N.wrap(e[1], vs, w - 28, vf) or [""]) for e in items]
        h = ls + 22 + max(len(lines) for _, lines in laid) * (vs + 12) + 10
        for k, (e, lines) in enumerate(laid):
            x = x0 + k * w
            cv.rect((x, y, x + w, y + h), 2)
            cv.text(x + 10, y + 8, e[0], ls, "sans", GREY)
            for i, ln in enumerate(lines):
                cv.text(x + 16, y + ls + 20 + i * (vs + 12), ln, vs, vf, ink)
        return y + h

    for e in entries:
        if text_width(e[1], vs, vf) > col - 40:
            if pending:
                y = row(pending, y)
                pending = []
            y = row([e], y)
        else:
            pending.append(e)
            if len(pending) == 2:
                y = row(pending, y)
                pending = []
    if pending:
        y = row(pending, y)
    return y


def _entries(spec: dict, values: dict[str, str], rng: random.Random) -> list[Entry]:
    out = [(_space(rng.choice(spec[name]), rng), value, name) for name, value in values.items()]
    rng.shuffle(out)
    return out


def _form_page(material: str, values: dict[str, str], d: CaseData, rng: random.Random,
               agent: bool = False, notes: list[str] | None = None, extra: list[Entry] | None = None) -> SamplePage:
    spec = wording()["forms"][material]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 40, "bold")
    cv.text(A4[0] - 420, 160, f"编号：{rng.randrange(10**9, 10**10)}", 20, "sans")
    entries = _entries(spec["fields"], values, rng) + (extra or [])
    y = boxed(cv, entries, 200, rng, rng.choice(["基本信息", "申请人情况", None]))
    truth = dict(values)
    if agent:
        sec = spec["sections"]["agent"]
        agent_values = {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number}
        ents = [(rng.choice(sec["fields"][k]), v, k) for k, v in agent_values.items()]
        ents.append(("联系电话（代理人）", d.agent.phone, None))
        y = boxed(cv, ents, y + 24, rng, rng.choice(sec["heading"]))
        truth.update(agent_values)
    y += 50
    for note in notes or []:
        y = cv.wrapped(90, y, note, 24, A4[0] - 180, "serif") + 14
    return _page(material, cv, truth)


def individual_application(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    values = {"operator_name": p.name, "operator_id_number": p.id_number, "trade_name": d.trade_name,
              "premises_address": d.premises, "business_scope": d.scope, "phone": p.phone}
    extra = [("从业人数", str(rng.randrange(1, 6)), None), ("资金数额（万元）", str(rng.randrange(2, 30)), None)]
    return _form_page("individual_business_application", values, d, rng, bool(d.extra.get("agent")),
                      ["本人保证以上填写内容真实有效，如有虚假，愿承担相应法律责任。", "经营者（签字）：　　　　　　　年　　月　　日"], extra)


def food_application(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    values = {"applicant": d.entity_name, "credit_code": d.credit_code, "legal_rep": p.name,
              "legal_rep_id_number": p.id_number, "premises_address": d.premises,
              "business_format": rng.choice(["食品销售经营者（便利店）", "食品销售经营者（食杂店）"]), "phone": p.phone}
    extra = [("经营项目", "预包装食品（含冷藏冷冻食品）销售；散装食品销售", None)]
    return _form_page("food_license_application", values, d, rng, bool(d.extra.get("agent")),
                      ["申请人对申请材料的真实性负责，并承担相应的法律责任。", "法定代表人（负责人）签字：　　　　　　　（公章）"], extra)


def dog_form(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    values = {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address, "breed": d.breed,
              "phone": p.phone}
    extra = [("犬名", rng.choice(["旺财", "豆豆", "球球", "可乐"]), None), ("毛色", rng.choice(["黄色", "黑白", "棕色"]), None),
             ("犬只性别", rng.choice(["公", "母"]), None)]
    return _form_page("dog_registration_form", values, d, rng, False,
                      ["养犬人承诺：遵守养犬管理规定，外出牵引，及时清理犬只粪便。", "养犬人（签名）：　　　　　　　年　　月　　日"], extra)


def estate_application(d: CaseData, rng: random.Random) -> SamplePage:
    values = {"buyer": d.buyer.name, "seller": d.lessor.name, "address": d.premises, "unit_number": d.unit}
    spec = wording()["forms"]["real_estate_application"]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, rng.choice(spec["titles"]), 40, "bold")
    cv.text(90, 170, f"收件编号：{rng.randrange(10**9, 10**10)}　　收件日期：{AS_OF.year}年{AS_OF.month}月", 20, "sans")
    y = 210
    label = rng.choice(spec["fields"]["registration_type"])
    tick = "■转移登记　□首次登记　□变更登记　□抵押登记　□注销登记"
    cv.rect((80, y, A4[0] - 80, y + 60), 2)
    lw = cv.text(94, y + 16, label, 24, "sans")
    cv.text(94 + lw + 30, y + 14, tick, 26, "serif")
    y = boxed(cv, _entries(spec["fields"], {k: values[k] for k in ("buyer", "seller")}, rng)
              + [("证件种类", "居民身份证", None)], y + 80, rng, "申请人情况")
    y = boxed(cv, _entries(spec["fields"], {k: values[k] for k in ("address", "unit_number")}, rng)
              + [("不动产类型", "房屋", None), ("面积（㎡）", d.area, None)], y + 24, rng, "不动产情况")
    cv.wrapped(90, y + 50, "本申请人对填写的上述内容及提交的申请材料的真实性负责。申请人（签章）：", 24, A4[0] - 180, "serif")
    return _page("real_estate_application", cv, {"registration_type": "转移登记", **values})


def attorney(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["forms"]["power_of_attorney"]
    matter = d.extra.get("matter", "个体工商户设立登记")
    entrusted = f"代为办理{d.trade_name}{matter}的申请、材料提交及领取执照"
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 100, rng.choice(spec["titles"]), 42, "bold")
    half = A4[0] / 2
    name_l, id_l = rng.choice(spec["fields"]["name"]), rng.choice(spec["fields"]["id_number"])
    y_end = 0.0
    for k, (who, box) in enumerate([(d.operator, "principal"), (d.agent, "agent")]):
        x0 = 80 + k * (half - 80)
        y = boxed(cv, [(name_l, who.name, None), (id_l, who.id_number, None), ("联系电话", who.phone, None)], 210, rng,
                  rng.choice(spec["boxes"][box]), x0, x0 + half - 80)
        y_end = max(y_end, y)
    y = y_end + 40
    lw = cv.text(90, y, rng.choice(spec["fields"]["entrusted_matter"]) + "：", 26, "serif")
    y = cv.wrapped(90 + lw, y, entrusted, 26, A4[0] - 180 - lw, "kai", 0.45, BLUE) + 20
    for ln in ["委托权限：■代为提交申请材料　■代为核对登记材料中的复印件　■代为领取登记文书",
               f"委托有效期：自{AS_OF.year}年{AS_OF.month}月起三个月", "委托人（签字）：", "受托人（签字）："]:
        y = cv.wrapped(90, y, ln, 24, A4[0] - 180, "serif") + 24
    return _page("power_of_attorney", cv, {"principal": d.operator.name, "agent_name": d.agent.name,
                                           "agent_id_number": d.agent.id_number, "entrusted_matter": entrusted})


# ---- contracts: fill-in blanks, 大写 amounts ----------------------------------------------------------------

def _fill(cv: Sheet, x: float, y: float, label: str, value: str, s: int, right: float) -> float:
    """label：value on a blank, the value handwritten; returns the y of the next line."""
    lw = cv.text(x, y, label + "：", s, "serif")
    vw = cv.text(x + lw + 6, y - 2, value, s + 2, "kai", BLUE)
    cv.line([(x + lw, y + s + 8), (min(right, x + lw + vw + 60), y + s + 8)], 1)
    return y + s * 2


def _contract(material: str, parties: list[tuple[str, Person]], body: list[str], rng: random.Random) -> Sheet:
    spec = wording()["contracts"][material]
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 100, rng.choice(spec["titles"]), 42, "bold")
    cv.text(A4[0] - 380, 170, f"合同编号：{rng.randrange(10**7, 10**8)}", 20, "sans")
    s, left, right = rng.choice([24, 26]), 100, A4[0] - 100
    y = 220
    for role, person in parties:
        label = rng.choice(spec["parties"][role])
        y = _fill(cv, left, y, label, person.name, s, right)
        cv.text(left + 40, y - s * 0.3, f"身份证号码：{person.id_number}　　联系电话：{person.phone}", s - 4, "serif")
        y += s * 1.6
    y += 10
    for para in body:
        y = cv.wrapped(left, y, para, s, right - left, rng.choice(["serif", "sans"])) + 14
    return cv


def lease_pages(d: CaseData, rng: random.Random, pages: int = 1) -> list[SamplePage]:
    """The lease on one page, or on two: the second has no title and carries the rest of the clauses
    and the signatures (it continues the document; its own truth is empty)."""
    spec = wording()["contracts"]["lease_contract"]
    lessee = d.extra.get("lessee", d.operator.name)
    ds = rng.randrange(3)
    facts = {"address": d.premises, "area": d.area, "start": _cn(d.term_start, ds), "end": _cn(d.term_end, ds),
             "years": str(d.years)}
    body = [rng.choice(spec["address"]).format(**facts), rng.choice(spec["term"]).format(**facts),
            f"三、租金：每月人民币{rng.randrange(20, 90) * 100}元，按月支付，乙方于每月五日前交付。"]
    rest = ["四、押金：乙方于签订本合同时向甲方交付押金一个月租金，期满无违约的，甲方如数退还。",
            "五、乙方不得将房屋转租他人；因经营需要办理营业执照的，甲方予以配合。",
            "六、本合同未尽事宜，双方协商解决；本合同一式贰份，自双方签字（盖章）之日起生效。",
            "甲方（签字）：　　　　　　　　　　乙方（签字）：",
            f"签订日期：{_cn(d.term_start - timedelta(days=rng.randrange(3, 20)), ds)}"]
    lessor = d.lessor
    tenant = Person(**{**vars(d.operator), "name": lessee}) if lessee != d.operator.name else d.operator
    cv = _contract("lease_contract", [("lessor", lessor), ("lessee", tenant)], body + (rest if pages == 1 else []), rng)
    truth = {"lessor": lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
             "term_end": d.term_end.isoformat()}
    if pages == 1:
        return [_page("lease_contract", cv, truth)]
    cv.centred(A4[0] / 2, A4[1] - 90, "第1页（共2页）", 20, "sans")
    more = Sheet(A4)
    y = 120.0
    for para in rest:
        y = more.wrapped(100, y, para, 25, A4[0] - 200, "serif") + 16
    more.centred(A4[0] / 2, A4[1] - 90, "第2页（共2页）", 20, "sans")
    return [_page("lease_contract", cv, truth), _page("lease_contract", more, {}, family="continuation")]


def lease(d: CaseData, rng: random.Random) -> SamplePage:
    return lease_pages(d, rng)[0]


def sale(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["contracts"]["house_sale_contract"]
    seller = d.lessor
    price = int(d.price)
    template = rng.choice(spec["price"])
    shown = f"{price:,}" if "¥" in template else str(price)
    body = [rng.choice(spec["address"]).format(address=d.premises, area=d.area),
            template.format(price=shown, price_words=money_words(price)),
            "第三条　付款方式：乙方于本合同签订之日起五日内支付定金，余款通过资金监管账户支付。",
            "第四条　甲方保证该房屋产权清晰，不存在抵押、查封及其他权利限制。",
            "第五条　双方于本合同签订后三十日内共同向不动产登记机构申请办理转移登记。",
            "甲方（签字）：　　　　　　　　　　乙方（签字）："]
    cv = _contract("house_sale_contract", [("seller", seller), ("buyer", d.buyer)], body, rng)
    return _page("house_sale_contract", cv, {"seller": seller.name, "buyer": d.buyer.name, "address": d.premises,
                                             "price": str(price)})


# ---- certificates --------------------------------------------------------------------------------------

def health_card(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["forms"]["health_certificate"]
    p = d.staff
    until = d.extra.get("health_until") or date(d.exam_date.year + 1, d.exam_date.month, min(d.exam_date.day, 28))
    mm = rng.uniform(11.0, 13.0)
    w, h = round(85.6 * mm), round(54 * mm)
    cv = Sheet((w, h), (255, 255, 255))
    cv.draw.rounded_rectangle((0, 0, w - 1, h - 1), int(3 * mm), fill=(246, 240, 232), outline=(190, 170, 150), width=2)
    cv.centred(w / 2, 3 * mm, rng.choice(spec["titles"]), int(5.5 * mm), "bold", (170, 30, 30))
    cv.rect((5 * mm, 13 * mm, 27 * mm, 41 * mm), 0, (210, 214, 220), (210, 214, 220))
    age, ds = (d.exam_date - p.birth).days // 365, rng.randrange(3)
    rows = [(rng.choice(spec["fields"]["name"]), p.name), ("性别", p.sex), ("年龄", str(age)),
            ("类别", rng.choice(["食品销售", "食品生产经营"])),
            (rng.choice(spec["fields"]["exam_date"]), _cn(d.exam_date, ds)),
            (rng.choice(spec["fields"]["valid_until"]), _cn(until, ds))]
    ls = int(3.0 * mm)
    y = 13 * mm
    for label, value in rows:
        lw = cv.text(31 * mm, y, label + "：", ls, "sans", (60, 60, 60))
        cv.text(31 * mm + lw + 4, y - 2, value, int(3.3 * mm), "serif")
        y += 4.6 * mm
    cv.text(5 * mm, 45 * mm, f"编号：{p.region[0]}{rng.randrange(10**7, 10**8)}", int(2.6 * mm), "sans")
    cv.text(40 * mm, 48.5 * mm, f"{p.region[2]}疾病预防控制中心", int(2.8 * mm), "sans")
    N.paint_seal(cv.img, (76 * mm, 46 * mm), 7 * mm, f"{p.region[2]}疾病预防控制中心", rng)
    return _page("health_certificate", cv, {"name": p.name, "exam_date": d.exam_date.isoformat(),
                                            "valid_until": until.isoformat()}, card=True)


def vaccination_table(d: CaseData, rng: random.Random) -> SamplePage:
    spec = wording()["forms"]["dog_vaccination_cert"]
    owner = d.extra.get("dog_owner", d.operator.name)
    until = d.extra.get("vacc_until") or date(d.vaccinated_on.year + 1, d.vaccinated_on.month,
                                              min(d.vaccinated_on.day, 28))
    cv = Sheet(A4, (252, 253, 250))
    cv.centred(A4[0] / 2, 110, rng.choice(spec["titles"]), 42, "bold")
    cv.text(A4[0] - 420, 190, f"证号：QY{rng.randrange(10**7, 10**8)}", 22, "sans")
    f, ds = spec["fields"], rng.randrange(3)
    groups = [[(rng.choice(f["owner_name"]), owner), ("联系电话", d.operator.phone)],
              [("犬名", rng.choice(["小黑", "多多", "阿黄"])), (rng.choice(f["breed"]), d.breed),
               ("毛色", rng.choice(["黄", "黑", "白"]))],
              [(rng.choice(f["vaccinated_on"]), _cn(d.vaccinated_on, ds)), (rng.choice(f["valid_until"]), _cn(until, ds)),
               ("疫苗批号", f"{rng.randrange(10**8, 10**9)}")]]
    x0, x1, y, s = 90, A4[0] - 90, 250, 24
    for group in groups:  # a header row of labels over a row of values
        cw = (x1 - x0) / len(group)
        for k, (label, value) in enumerate(group):
            x = x0 + k * cw
            cv.rect((x, y, x + cw, y + 50), 2, fill=(235, 238, 235))
            cv.text(x + 10, y + 12, label, s - 2, "sans")
            cv.rect((x, y + 50, x + cw, y + 120), 2)
            cv.text(x + 12, y + 68, value, s + 2, "kai", BLUE)
        y += 150
    cv.text(x0, y + 20, "免疫单位（盖章）：", s, "serif")
    cv.text(x0 + 600, y + 20, "执业兽医（签字）：", s, "serif")
    return _page("dog_vaccination_cert", cv, {"owner_name": owner, "breed": d.breed,
                                              "vaccinated_on": d.vaccinated_on.isoformat(),
                                              "valid_until": until.isoformat()})


def marriage_spread(d: CaseData, rng: random.Random) -> SamplePage:
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0]}-{d.registered_on.year}-{rng.randrange(10**6):06d}"
    w, h = LANDSCAPE[0], 1050
    cv = Sheet((w, h), (250, 243, 240))
    half = w / 2
    cv.line([(half, 30), (half, h - 30)], 3, (190, 150, 140))
    cv.wrapped(110, 200, "根据《中华人民共和国民法典》，经审查，符合结婚条件，准予登记，发给此证。", 28, half - 220)
    cv.text(150, h - 330, "婚姻登记专用章", 26, "serif")
    N.paint_seal(cv.img, (half - 280, h - 320), 100, f"{holder.region[2]}民政局婚姻登记处", rng)
    cv.text(150, h - 200, f"婚姻登记员：{rng.choice('王李张刘陈')}某", 24, "serif")
    x = half + 60
    y = 90
    for label, value in [("持证人", holder.name), ("登记日期", N.cn_date(d.registered_on)), ("结婚证字号", no),
                         ("备注", "")]:
        lw = cv.text(x, y, label, 26, "sans")
        if value:
            cv.text(x + max(lw + 30, 170), y, value, 28, "serif")
        y += 60
    cv.rect((w - 320, 90, w - 90, 300), 0, (200, 70, 70), (200, 70, 70))  # the couple's photo
    people = [holder, spouse] if rng.random() < 0.5 else [spouse, holder]
    other = {"男": "女", "女": "男"}
    for k, pp in enumerate(people):
        cx = x + k * (half - 120) / 2
        yy = y + 60
        sex = pp.sex if pp is holder else other[holder.sex]
        for label, value in [("姓名", pp.name), ("性别", sex), ("国籍", "中国"), ("出生日期", N.cn_date(pp.birth)),
                             ("身份证件号", pp.id_number)]:
            cv.text(cx, yy, label, 22, "sans", GREY)
            cv.text(cx, yy + 32, value, 26, "serif")
            yy += 82
    return _page("marriage_certificate", cv, {"holder": holder.name, "spouse": spouse.name,
                                              "registered_on": d.registered_on.isoformat(), "cert_number": no})


def safety_rules(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 110, rng.choice(["食品安全管理制度汇编", "食品安全管理制度（试行）"]), 40, "bold")
    cv.centred(A4[0] / 2, 180, d.entity_name, 28, "serif")
    paras = ["第一章　总则　为保证所经营食品的安全，依据《中华人民共和国食品安全法》，结合本店实际，制定本制度。",
             "第二章　进货查验　采购食品应当查验供货者的许可证和产品合格证明文件，如实记录食品名称、规格、数量、"
             "生产日期、供货者名称及联系方式，记录保存不少于产品保质期满后六个月。",
             "第三章　从业人员健康管理　从业人员上岗前取得健康证明，患有有碍食品安全疾病的人员调离直接接触入口食品的岗位。",
             "第四章　过期及变质食品处置　定期检查库存食品，及时清理变质或超过保质期的食品并登记销毁。",
             "第五章　食品安全自查　每季度开展自查，发现食品安全风险立即停止经营并向所在地市场监督管理部门报告。"]
    y = 260
    for para in paras:
        y = cv.wrapped(110, y, para, 26, A4[0] - 220, rng.choice(["serif", "sans"])) + 20
    return _page("food_safety_rules", cv, {})


def plan(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 100, rng.choice(["经营场所布局平面示意图", "店铺平面布局示意图"]), 40, "bold")
    cv.text(120, 180, f"单位名称：{d.entity_name}", 24, "serif")
    x0, y0, x1, y1 = 140, 280, 1100, 1200
    cv.rect((x0, y0, x1, y1), 5)
    cv.line([(x0 + 600, y0), (x0 + 600, y0 + 400)], 3)
    cv.line([(x0, y0 + 400), (x0 + 600, y0 + 400)], 3)
    for label, (x, y) in [("货架区", (300, 460)), ("冷藏冷冻柜", (820, 420)), ("收银台", (300, 900)), ("仓储间", (780, 860)),
                          ("洗手消毒池", (760, 1080)), ("入口", (560, 1160))]:
        cv.text(x, y, label, 26, "sans")
    cv.text(x0, y1 + 40, "←　8.0m　→", 22, "sans")
    cv.text(x1 - 200, y0 - 60, "北↑　比例1:100", 22, "sans")
    return _page("floor_plan", cv, {})


# ---- hard negatives: papers handed in by mistake (expected: unknown) -----------------------------------------

def _issued(title: str, rows: list[tuple[str, str]], rng: random.Random, landscape: bool, seal: str) -> Sheet:
    size = LANDSCAPE if landscape else A4
    cv = Sheet(size, (252, 250, 245))
    N.frame(cv, 40, rng, (90, 120, 160))
    cv.centred(size[0] / 2, 140, title, 64, "bold")
    y, s = 300, 26
    for label, value in rows:
        cv.text(160, y, label, s, "serif")
        y = cv.wrapped(160 + s * 7, y, value, s, size[0] - 320 - s * 7) + 20
    N.paint_seal(cv.img, (size[0] - 330, size[1] - 260), 95, seal, rng)
    cv.text(size[0] - 480, size[1] - 200, f"发证日期：{N.cn_date(AS_OF - timedelta(days=rng.randrange(30, 900)))}", 24)
    return cv


def negative_permit(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    rows = [("经营者名称", d.entity_name), ("社会信用代码", d.credit_code), ("法定代表人（负责人）", p.name),
            ("住　　所", d.premises), ("经营场所", d.premises), ("主体业态", "食品销售经营者（便利店）"),
            ("经营项目", "预包装食品（含冷藏冷冻食品）销售"), ("许可证编号", f"JY1{p.region[0]}{rng.randrange(10**7, 10**8)}"),
            ("有效期至", N.cn_date(AS_OF + timedelta(days=1500)))]
    return _page("unknown", _issued("食品经营许可证", rows, rng, True, f"{p.region[2]}市场监督管理局"), {}, family="permit")


def negative_divorce(d: CaseData, rng: random.Random) -> SamplePage:
    rows = [("持证人", d.lessor.name), ("登记日期", N.cn_date(AS_OF - timedelta(days=400))),
            ("离婚证字号", f"L{d.lessor.region[0]}-2025-{rng.randrange(10**6):06d}"), ("姓名", d.lessor.name),
            ("姓名", d.spouse.name)]
    return _page("unknown", _issued("离婚证", rows, rng, False, f"{d.lessor.region[2]}民政局婚姻登记处"), {}, family="divorce")


def negative_registration_proof(d: CaseData, rng: random.Random) -> SamplePage:
    rows = [("证明权利或事项", "抵押权"), ("权利人（申请人）", "中国建设银行股份有限公司分行"), ("义务人", d.lessor.name),
            ("坐落", d.premises), ("不动产单元号", d.unit), ("其他", f"担保债权数额{rng.randrange(50, 300)}万元")]
    cv = _issued("不动产登记证明", rows, rng, False, f"{d.lessor.region[2]}不动产登记中心")
    return _page("unknown", cv, {}, family="registration_proof")


def negative_deregistration(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "个体工商户注销登记申请书", 40, "bold")
    p = d.operator
    entries: list[Entry] = [("个体工商户名称", d.trade_name, None), ("统一社会信用代码", d.credit_code, None),
                            ("经营者姓名", p.name, None), ("注销原因", "经营者决定停止经营", None),
                            ("联系电话", p.phone, None)]
    y = boxed(cv, entries, 200, rng, "注销登记事项")
    cv.wrapped(90, y + 50, "本人承诺：本个体工商户债权债务已清算完结，申请注销登记。经营者（签字）：", 24, A4[0] - 180, "serif")
    return _page("unknown", cv, {}, family="deregistration")


def negative_lease_filing(d: CaseData, rng: random.Random) -> SamplePage:
    rows = [("备案编号", f"租备字第{rng.randrange(10**6, 10**7)}号"), ("出租人", d.lessor.name),
            ("承租人", d.operator.name), ("房屋地址", d.premises), ("备案日期", N.cn_date(d.term_start))]
    cv = _issued("房屋租赁登记备案证明", rows, rng, False, f"{d.lessor.region[2]}住房和城乡建设局")
    return _page("unknown", cv, {}, family="lease_filing")


def negative_exam_sheet(d: CaseData, rng: random.Random) -> SamplePage:
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 90, "从业人员预防性健康检查表", 38, "bold")
    p = d.staff
    entries: list[Entry] = [("姓名", p.name, None), ("性别", p.sex, None), ("体检项目", "胸部X线、肝功能、粪便培养", None),
                            ("胸部X线", "未见异常", None), ("谷丙转氨酶", f"{rng.randrange(10, 40)}U/L", None),
                            ("检查医师意见", "以上项目检查结果待复核", None)]
    boxed(cv, entries, 200, rng, "检查结果")
    return _page("unknown", cv, {}, family="exam_sheet")


# ---- the set --------------------------------------------------------------------------------------------

FRESH: dict[str, Builder] = {
    "business_license": licence, "id_card": id_card, "property_certificate": title_cert,
    "household_register": household, "individual_business_application": individual_application,
    "food_license_application": food_application, "dog_registration_form": dog_form,
    "real_estate_application": estate_application, "power_of_attorney": attorney, "lease_contract": lease,
    "house_sale_contract": sale, "health_certificate": health_card, "dog_vaccination_cert": vaccination_table,
    "marriage_certificate": marriage_spread, "food_safety_rules": safety_rules, "floor_plan": plan,
}
NEGATIVES: dict[str, Builder] = {
    "permit": negative_permit, "divorce": negative_divorce, "registration_proof": negative_registration_proof,
    "deregistration": negative_deregistration, "lease_filing": negative_lease_filing, "exam_sheet": negative_exam_sheet,
}


def set_data(rng: random.Random, agent_share: float, co_ownership: list[str] | None = None) -> CaseData:
    """One page's data for a generated set: an agent named on ``agent_share`` of them, and where the
    set draws it, the house's 共有情况 (each set keeps its own odds)."""
    d = CaseData.random(random.Random(rng.randrange(1 << 30)))
    d.extra["agent"] = rng.random() < agent_share
    if co_ownership:
        d.co_ownership = rng.choice(co_ownership)
    return d


def iter_set(families: list[tuple[str | None, Builder]], negatives: list[tuple[str | None, Builder]], per_family: int,
             seed: int, data: Callable[[random.Random], CaseData], with_negatives: bool = True
             ) -> Iterator[tuple[str, SamplePage]]:
    """(family, page) of a generated set: ``per_family`` pages of every (family, builder), then its hard
    negatives, one each. A family of None is the one the page says it is drawn in (``page.layout``)."""
    rng = random.Random(seed)
    for family, builder in families:
        for _ in range(per_family):
            page = builder(data(rng), random.Random(rng.randrange(1 << 30)))
            assert family is None or page.layout == family, (page.layout, family)
            yield family or page.layout, page
    if with_negatives:
        for family, builder in negatives:
            page = builder(data(rng), random.Random(rng.randrange(1 << 30)))
            yield family or page.layout, page


def _data(rng: random.Random) -> CaseData:
    return set_data(rng, 0.4)


def iter_fresh_samples(per_family: int = 1, seed: int = 0, negatives: bool = True
                       ) -> Iterator[tuple[str, SamplePage]]:
    """(family, page): ``per_family`` pages of every material's fresh family, then the hard negatives."""
    return iter_set([(None, b) for b in FRESH.values()], [(None, b) for b in NEGATIVES.values()], per_family, seed,
                    _data, negatives)


def fresh_cases(n_per_matter: int = 3, seed: int = 0) -> Iterator[GenCase]:
    """Complete cases of every matter in the fresh style, each followed by variants that must not pass
    (a key material left out; an agent named without a power of attorney)."""
    rng = random.Random(seed)

    def r() -> random.Random:
        return random.Random(rng.randrange(1 << 30))

    for k in range(n_per_matter):
        d = _case_data(rng)
        d.individual, d.extra["agent"], d.extra["lessee"] = True, True, d.operator.name
        proof = lease_pages(d, r(), rng.choice([1, 2])) if rng.random() < 0.6 else [title_cert(d, r(), d.operator)]
        pages = [individual_application(d, r()), id_card(d, r()), id_card(d, r(), "agent"), *proof, attorney(d, r())]
        m = ["individual_business_registration"]
        yield GenCase(f"fresh-ibr-{k}", m, pages, "complete")
        yield GenCase(f"fresh-ibr-{k}", m, [negative_deregistration(d, r()), *pages[1:]], "incomplete",
                      "lookalike_for_application")
        yield GenCase(f"fresh-ibr-{k}", m, [p for p in pages if p.material != "power_of_attorney"], "incomplete",
                      "agent_without_authority")
        yield GenCase(f"fresh-ibr-{k}", m, [pages[0], *pages[2:]], "incomplete", "operator_id_missing")

        d = _case_data(rng)
        d.extra["agent"], d.extra["lessee"] = False, d.operator.name
        lic = licence(d, r())  # first: it fixes the entity's kind, name and code
        pages = [food_application(d, r()), lic, id_card(d, r()), *lease_pages(d, r(), rng.choice([1, 2])),
                 safety_rules(d, r()), plan(d, r()), health_card(d, r())]
        yield GenCase(f"fresh-food-{k}", ["food_business_license"], pages, "complete")
        yield GenCase(f"fresh-food-{k}", ["food_business_license"], [negative_permit(d, r()), *pages[1:]], "incomplete",
                      "permit_for_application")
        yield GenCase(f"fresh-food-{k}", ["food_business_license"], [p for p in pages if p.material != "business_license"],
                      "incomplete", "licence_missing")

        d = _case_data(rng)
        d.co_ownership = "单独所有"
        pages = [estate_application(d, r()), id_card(d, r(), "buyer"), id_card(d, r(), "lessor"), title_cert(d, r()),
                 sale(d, r())]
        m = ["second_hand_house_transfer"]
        yield GenCase(f"fresh-house-{k}", m, pages, "complete")
        yield GenCase(f"fresh-house-{k}", m, [negative_registration_proof(d, r()) if p.material == "property_certificate"
                                              else p for p in pages], "incomplete", "proof_for_certificate")
        yield GenCase(f"fresh-house-{k}", m, [p for p in pages if p.material != "house_sale_contract"], "incomplete",
                      "contract_missing")

        d = _case_data(rng)
        pages = [dog_form(d, r()), id_card(d, r()), vaccination_table(d, r()), household(d, r())]
        yield GenCase(f"fresh-dog-{k}", ["dog_registration"], pages, "complete")
        yield GenCase(f"fresh-dog-{k}", ["dog_registration"], [p for p in pages if p.material != "dog_vaccination_cert"],
                      "incomplete", "vaccination_missing")


def write_set(samples: list[tuple[str, SamplePage]], out: Path, styles: str, seed: int) -> int:
    """Write a set's pages (as drawn, or captured per style) and their truth.json; the count written."""
    from yichuang.samples.generate import captured

    truth = []
    rng = random.Random(seed)
    for style in styles.split(","):
        for n, (family, page) in enumerate(samples):
            name = f"{page.material}-{family}-{n}.jpg" if style == "clean" else f"{style}/{page.material}-{family}-{n}.jpg"
            img = page.image if style == "clean" else captured(page, style, rng.randrange(1 << 30))
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            img.save(out / name, quality=88)
            truth.append({"file": name, "style": style, "material": page.material, "family": family,
                          "fields": page.fields})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(truth)


def set_arguments(description: str) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--out", required=True)
    ap.add_argument("--per-family", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--styles", default="clean", help="clean (as drawn), or captured: scan,camera,phone")
    return ap.parse_args()


def main() -> None:
    args = set_arguments("Draw the fresh held-out set (pages + truth.json).")
    out = Path(args.out)
    n = write_set(list(iter_fresh_samples(args.per_family, args.seed)), out, args.styles, args.seed)
    print(f"wrote {n} fresh pages to {out}")


if __name__ == "__main__":
    main()
