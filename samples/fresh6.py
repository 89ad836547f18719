"""A SIXTH never-seen set (issue 9): built blind, tuned on by nobody; the lead measures it once.

    .venv/bin/python -m yichuang.samples.fresh6 --out /tmp/fresh6 --per-family 1     # pages + truth.json
    nice .venv/bin/python -m bench.accuracy --fresh6 --per-family 1 --cases 3         # measure (the lead, once)

``samples.fresh`` … ``fresh5`` were each measured once and are development data now. This module was
written from how papers look at a service centre's window — not from what the extractor handles —
and draws layout families that exist nowhere else in ``samples/``:

* issued documents: the landscape 营业执照 正本 photographed beside a window (one side washed out);
  the portrait 副本 cropped tight by a phone app with the keystone it did not correct; the
  个体工商户 licence shaken (motion blur); both sides of an ID card on an office counter at a strong
  keystone; both sides as a scanner app's "card mode" lays them on a white page; the 不动产权证书 of
  one co-owner (权利人 holds one name, the other co-owner in 附记) and the booklet photographed open
  with its page curl; the 户口簿 spread with the lines bent by the binding; an old 常住人口登记卡
  filled in by hand at the 派出所;
* forms printed from an online service (a URL and the print time at the top, 第1页 共1页 at the foot,
  a grey shaded label column), forms whose labels are captions *under* the line the value is written
  on, and forms with dotted leaders (label……value); a landscape 不动产登记申请表 with the two parties as
  columns side by side and 登记类别 as ticked boxes; a 委托书 written wholly by hand on ruled letter
  paper and one printed from an online service; a lease whose parties appear only in the signature
  block at its end (two pages) and a one-page one photographed inside a plastic sheet protector; a
  sale contract whose price sits in a table with 大写 / 小写 columns; an e-health certificate shown on
  a phone screen (status bar, moiré) and a health card shot at a keystone; a vaccination certificate
  with dotted leaders; the 结婚证 page with its curl; rules printed from a template website; a floor
  plan printed from CAD in landscape with its title block;
* its own label wordings (``fresh6_wording.yaml``);
* capture styles of its own beside fresh3's: ``scanner-app`` (a phone scanner app's high-contrast
  grey output with its watermark line at the foot) and ``handheld-overexposed`` (a hand-held photo:
  over-exposed, with motion blur); see :func:`captured6`;
* hard negatives of new kinds (开户许可证, 出租房屋治安责任保证书, 商品房认购书, 儿童预防接种证, 犬只电子标识
  植入登记, 个体工商户年度报告, 房产测绘成果报告, 离婚协议书, 居民身份证领取凭证, 名称自主申报告知书):
  expected ``unknown`` or the catalog's look-alike material;
* whole cases of every matter, complete, and variants that must not pass. An applicant's 盖章 box
  carries the applicant's own seal.

Every page records the text lines it drew (``page.image.info["text_lines"]``). Deterministic by
seed; nothing is committed.
"""

from __future__ import annotations

import functools
import io
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
from yichuang.samples.fresh2 import GREY, INK, LANDSCAPE, Sheet, card_back, card_front, face, width, wrap
from yichuang.samples.fresh3 import dated, hand, on_desk, wood
from yichuang.samples.fresh4 import id_truth, licence_sheet, make_page, steep, strip_card, title_truth, typed
from yichuang.samples.fresh5 import seal_owned, shrink
from yichuang.samples.materials import CaseData, SamplePage
from yichuang.samples.people import Person, credit_code, person
from yichuang.samples.render import A4

HERE = Path(__file__).parent
Builder = Callable[[CaseData, random.Random], SamplePage]
Entry = tuple[str, str, str | None]  # label, value, truth field (None: drawn, not truth)
Section = tuple[str, list[Entry]]
BLUE_INK = (26, 36, 120)  # a blue ballpoint
RED_LINE = (214, 96, 96)  # the ruling of 信笺 letter paper
STYLES6 = ("scanner-app", "handheld-overexposed")  # this set's own capture styles (captured6)
# the national templates' fixed printed words (the same on every copy; not this set's own wordings)
TITLE_ROWS = ("权利人", "共有情况", "坐落", "不动产单元号", "权利类型", "权利性质", "用途", "面积", "使用期限", "权利其他状况")
HUKOU_HEAD = ("户别", "户主姓名", "户号", "住址")
HUKOU_CARD = ("姓名", "户主或与户主关系", "性别", "出生地", "民族", "出生日期", "公民身份证件编号", "本市（县）其他住址",
              "文化程度", "婚姻状况", "服务处所", "职业")
MARRIAGE_TOP = ("持证人", "登记日期", "结婚证字号", "备注")
PROVINCES = {"京": "北京市", "沪": "上海市", "渝": "重庆市", "闽": "福建省", "粤": "广东省", "川": "四川省", "浙": "浙江省"}


@cache
def wording() -> dict:
    return yaml.safe_load((HERE / "fresh6_wording.yaml").read_text(encoding="utf-8"))


def spec_of(material: str) -> dict:
    return wording()["forms"][material]


def pick(rng: random.Random, labels: list[str]) -> str:
    return rng.choice(labels)


# ---- page hazards of this set ---------------------------------------------------------------------------------

def _arr(img: Image.Image):
    import numpy as np

    return np.asarray(img.convert("RGB")).astype(np.float32)


def _img(arr) -> Image.Image:
    import numpy as np

    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def page_curl(img: Image.Image, rng: random.Random, spine: float | None = None, depth: float = 0.03) -> Image.Image:
    """A book lying open: every column pushed up or down by how far it is from the spine, so printed
    lines bend (steeply beside the binding, gently towards the edge), and a shadow in the gutter.
    ``spine`` is the binding's x (a fraction of the width); ``None`` for one page bound at its left."""
    import numpy as np

    arr = _arr(img)
    h, w = arr.shape[:2]
    pad = int(depth * h * 2) + 4
    paper = arr[2, 2].copy()
    big = np.empty((h + 2 * pad, w, 3), np.float32)
    big[:] = paper
    big[pad:pad + h] = arr
    sx = (spine if spine is not None else 0.0) * w
    half = max(sx, w - sx, 1.0)
    xs = np.arange(w, dtype=np.float32)
    dist = np.abs(xs - sx) / half
    near = np.exp(-dist / 0.12)  # the sharp rise beside the binding
    bow = dist ** 2  # the page's own gentle bow
    up = rng.uniform(0.6, 1.0) * depth * h
    dy = -up * near + rng.uniform(0.3, 0.6) * depth * h * bow
    out = np.empty_like(big)
    for x in range(w):
        out[:, x] = np.roll(big[:, x], int(round(dy[x])), axis=0)
    shade = 1 - 0.35 * near  # the gutter darker
    out *= shade[None, :, None]
    return _img(out[pad - pad // 2:pad + h + pad // 2])


def motion_blur(img: Image.Image, length: int, angle_deg: float) -> Image.Image:
    """The phone moved while the shutter was open: the page smeared ``length`` pixels along a direction."""
    import math

    import numpy as np

    arr = _arr(img)
    acc = np.zeros_like(arr)
    n = max(2, length)
    dx, dy = math.cos(math.radians(angle_deg)), math.sin(math.radians(angle_deg))
    for k in range(n):
        t = k - (n - 1) / 2
        acc += np.roll(arr, (int(round(t * dy)), int(round(t * dx))), axis=(0, 1))
    return _img(acc / n)


def overexposed(img: Image.Image, rng: random.Random, strength: float = 0.5) -> Image.Image:
    """Too much light from one side (a window, the phone's auto-exposure): ink towards that side grey,
    paper white; the far side a little less so. Every character stays readable."""
    import numpy as np

    arr = _arr(img)
    h, w = arr.shape[:2]
    side = rng.choice(["left", "right", "top"])
    ramp = np.linspace(1.0, 0.0, w if side != "top" else h, dtype=np.float32)
    if side == "right":
        ramp = ramp[::-1]
    k = 1 - strength * (0.45 + 0.55 * ramp)  # how much of the ink's darkness is kept
    k = k[None, :, None] if side != "top" else k[:, None, None]
    out = 255 - (255 - arr) * k + 10
    return _img(out)


def screen_moire(img: Image.Image, rng: random.Random) -> Image.Image:
    """A photo of a screen: the pixel grid beating with the camera's (moiré bands), the sub-pixel stripes,
    a faint blue cast."""
    import numpy as np

    arr = _arr(img)
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    a, f = rng.uniform(0.2, 0.9), rng.uniform(0.08, 0.14)
    bands = 0.5 + 0.5 * np.sin((xx * np.cos(a) + yy * np.sin(a)) * f + np.sin(yy / 37) * 2.0)
    arr = arr * (0.88 + 0.12 * bands)[..., None]
    stripes = np.stack([(xx % 3 == c).astype(np.float32) for c in range(3)], -1)
    arr = arr * (0.94 + 0.06 * stripes) * np.array([0.96, 0.99, 1.05], np.float32)
    return _img(arr)


def sheet_protector(img: Image.Image, rng: random.Random) -> Image.Image:
    """The page inside a clear punched sheet protector (活页袋): the white binding strip with its holes
    down the left, the film's faint grey cast, a soft diagonal sheen and a few creases in the plastic."""
    import numpy as np

    w, h = img.size
    strip = int(w * 0.045)
    bed = Image.new("RGB", (w + strip, h + 16), (240, 240, 238))
    bed.paste(img, (strip, 8))
    dr = ImageDraw.Draw(bed)
    dr.rectangle((0, 0, strip - 4, h + 16), fill=(246, 246, 246), outline=(205, 205, 205))
    for k in range(11):
        cy = 40 + k * (h - 60) / 10
        dr.ellipse((strip * 0.3, cy - 7, strip * 0.3 + 14, cy + 7), fill=(60, 58, 56))
    arr = _arr(bed) * 0.94 + 8
    yy, xx = np.mgrid[0:bed.height, 0:bed.width].astype(np.float32)
    t = (xx / bed.width + yy / bed.height) / 2
    c = rng.uniform(0.35, 0.65)
    sheen = np.exp(-((t - c) ** 2) / (2 * 0.05 ** 2)) * rng.uniform(25, 40)  # bright but the ink shows through
    arr = arr + sheen[..., None]
    out = _img(arr)
    dr = ImageDraw.Draw(out, "RGBA")
    for _ in range(rng.randrange(2, 4)):
        y0 = rng.uniform(0.1, 0.9) * bed.height
        dr.line([(strip, y0), (bed.width, y0 + rng.uniform(-120, 120))], fill=(255, 255, 255, 90), width=2)
    return out


def counter_top(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A speckled grey service-counter top (terrazzo / quartz)."""
    import numpy as np

    g = np.random.default_rng(rng.randrange(1 << 30))
    base = np.array(rng.choice([(150, 150, 146), (126, 128, 130), (170, 166, 158)]), np.float32)
    noise = g.normal(0, 9, (size[1] // 3 + 1, size[0] // 3 + 1, 1))
    arr = base[None, None, :] + noise
    speck = g.random((size[1] // 3 + 1, size[0] // 3 + 1)) > 0.985
    arr[speck] = (50, 50, 52)
    small = _img(arr)
    return small.resize((small.width * 3, small.height * 3), Image.Resampling.BILINEAR).crop((0, 0, *size))


def keystone(img: Image.Image, rng: random.Random, squeeze: float, fill) -> Image.Image:
    """Shot from the side of the counter: the far edge ``squeeze`` narrower (fresh4's ``steep``)."""
    return steep(img, rng, squeeze, fill)


def tick_box(cv: Sheet, x: float, y: float, size: int, ticked: bool, rng: random.Random) -> float:
    """A □ drawn as a box, ticked by hand (√) or left empty; returns its width."""
    cv.rect((x, y + 3, x + size, y + 3 + size), 2)
    if ticked:
        cv.line([(x + 3, y + size * 0.55), (x + size * 0.4, y + size), (x + size + 4, y - size * 0.2)], 3, BLUE_INK)
    return size + 6


def dotted(cv: Sheet, x: float, y: float, label: str, to_x: float, size: int, style: str = "song") -> float:
    """``label`` then a leader of dots (……) up to ``to_x``; returns where the value goes."""
    lw = cv.text(x, y, label, size, style)
    dot = width("…", size, style)
    n = max(2, int((to_x - x - lw) / dot))
    cv.draw.text((x + lw, y), "…" * n, font=face(style, size), fill=GREY)  # the leader is print, not text to read
    return x + lw + n * dot + 6


def photo_page(material: str, family: str, img: Image.Image, lines: list[str], truth: dict[str, str],
               long_side: int = 2400) -> SamplePage:
    return make_page(material, family, shrink(img, long_side), truth, lines, photo=True)


# ---- 营业执照 (the national two-column layout of fresh4's ``licence_sheet``, met in new ways) ----------------------

def licence_window(d: CaseData, rng: random.Random) -> SamplePage:
    """The landscape 正本 lying by a window: one side washed out by the light, the desk around it."""
    cv, truth = licence_sheet(d, rng, LANDSCAPE)
    img = on_desk(cv.img, rng, rng.uniform(0.78, 0.86), rng.uniform(-3, 3), 0.03)
    return photo_page("business_license", "licence-landscape-window-washout", overexposed(img, rng, 0.5), cv.lines, truth)


def licence_tight_crop(d: CaseData, rng: random.Random) -> SamplePage:
    """The portrait 副本 as a phone app cut it out: cropped inside the printed frame (its border and a
    few millimetres of margin gone), the keystone it failed to correct, a little soft."""
    cv, truth = licence_sheet(d, rng, (1150, 1600))
    w, h = cv.img.size
    cut = cv.img.crop((rng.randrange(34, 52), rng.randrange(34, 52), w - rng.randrange(34, 52), h - rng.randrange(34, 52)))
    img = keystone(cut, rng, rng.uniform(0.06, 0.1), (245, 243, 236)).filter(ImageFilter.GaussianBlur(0.7))
    return photo_page("business_license", "licence-portrait-app-crop-keystone", img, cv.lines, truth)


def licence_shaken(d: CaseData, rng: random.Random) -> SamplePage:
    """The 个体工商户 licence (经营者 / 组成形式 / 经营场所) photographed in a hurry: a motion blur of a
    few pixels along the hand's movement."""
    if not d.individual:  # a 个体工商户's licence: its name is the 字号, its code begins 92
        d = replace(d, individual=True, credit_code=credit_code(rng, True, d.operator.region[0]))
    cv, truth = licence_sheet(d, rng, (1150, 1600))
    img = on_desk(cv.img, rng, 0.82, rng.uniform(-4, 4), 0.03)
    img = motion_blur(shrink(img, 2000), rng.randrange(5, 8), rng.uniform(-30, 30))
    return photo_page("business_license", "licence-getihu-motion-blur", img, cv.lines, truth)


# ---- 居民身份证 ------------------------------------------------------------------------------------------------

def id_keystone_counter(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """Both sides of the card lying apart on a grey service counter, shot from the clerk's side of it:
    a strong keystone (the far card much smaller than the near one)."""
    p: Person = getattr(d, who)
    mm = rng.uniform(9.5, 11)
    front, back = card_front(p, rng, mm, (0, 0, 0)), card_back(p, rng, mm, (0, 0, 0))
    cw, ch = front.img.size
    bg = counter_top((cw + 520, 2 * ch + 420), rng)
    order = [front, back] if rng.random() < 0.5 else [back, front]
    for k, card in enumerate(order):
        c = strip_card(card, rng, rng.uniform(-7, 7))
        bg.paste(c, (200 + rng.randrange(-60, 120), 120 + k * (ch + 160)), c)
    img = keystone(bg, rng, rng.uniform(0.22, 0.3), (120, 120, 120))
    return photo_page("id_card", "id-pair-counter-keystone", img, front.lines + back.lines, id_truth(p))


def id_card_mode(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    """A scanner app's 证件模式: both sides cut out, straightened and laid on a white A4 page one under
    the other, enhanced to grey, the app's name printed at the foot."""
    p: Person = getattr(d, who)
    mm = 11.0
    front, back = card_front(p, rng, mm, (255, 255, 255)), card_back(p, rng, mm, (255, 255, 255))
    cv = Sheet(A4)
    cw = front.img.width
    x = (A4[0] - cw) // 2
    cv.put(front, (x, 180))
    cv.put(back, (x, 180 + front.img.height + 110))
    cv.img = cv.img.convert("L").point(lambda v: 0 if v < 70 else 255 if v > 215 else int((v - 70) * 255 / 145)).convert("RGB")
    cv.draw = ImageDraw.Draw(cv.img)
    cv.draw.text((A4[0] - 330, A4[1] - 60), "掌上扫描 · 证件模式", font=face("hei", 18), fill=(150, 150, 150))
    return make_page("id_card", "id-scanner-app-card-mode", cv, id_truth(p))


ID6 = (id_keystone_counter, id_card_mode)


def id_case6(d: CaseData, rng: random.Random, who: str = "operator") -> SamplePage:
    return rng.choice(ID6)(d, rng, who)


# ---- 不动产权证书 ------------------------------------------------------------------------------------------------

def _title_values(d: CaseData, owner: Person, rng: random.Random) -> list[tuple[str, str]]:
    area = f"{d.area}㎡" if rng.random() < 0.5 else f"{d.area}平方米"
    values = [owner.name, d.co_ownership, d.premises, d.unit, "国有建设用地使用权/房屋所有权",
              rng.choice(["出让/市场化商品房", "出让/存量房"]), "城镇住宅用地/住宅",
              f"共有宗地面积{rng.randrange(3000, 20000)}.{rng.randrange(10, 99)}㎡/房屋建筑面积{area}",
              f"{rng.randrange(2000, 2016)}年{rng.randrange(1, 13)}月{rng.randrange(1, 28)}日起{rng.randrange(2070, 2086)}年止",
              f"专有建筑面积{float(d.area) - rng.randrange(8, 15):.2f}㎡，分摊建筑面积{rng.randrange(8, 15)}.00㎡"]
    return list(zip(TITLE_ROWS, values, strict=True))


def _title_table(cv: Sheet, rows: list[tuple[str, str]], x0: float, y: float, x1: float, s: int) -> float:
    lw = 150
    for label, value in rows:
        lines = wrap(value, s, x1 - x0 - lw - 28, "song")
        h = max(58, len(lines) * (s + 12) + 22)
        for box in ((x0, y, x0 + lw, y + h), (x0 + lw, y, x1, y + h)):  # the label cell, the value cell
            cv.rect(box, 2)
        cv.centred(x0 + lw / 2, y + (h - s) / 2 - 2, label, s - 1, "song")
        for i, ln in enumerate(lines):
            cv.text(x0 + lw + 14, y + 12 + i * (s + 12), ln, s, "song")
        y += h
    return y


def title_coowner(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """One co-owner's certificate, the booklet scanned open: the table page left (权利人 names the
    holder alone), the 附记 page right naming the other co-owner and who holds this certificate. The
    truth is the holder: the 权利人 cell is what the certificate says its right-holder is; the 附记 only
    records who else shares the house."""
    owner = owner or d.lessor
    d = replace(d, co_ownership=d.co_ownership if d.co_ownership != "单独所有" else "共同共有")
    pw, ph = 1100, 1500
    cv = Sheet((2 * pw, ph), (247, 244, 232))
    cv.line([(pw, 0), (pw, ph)], 3, (185, 175, 160))
    cv.text(80, 70, d.cert, 23, "song")
    _title_table(cv, _title_values(d, owner, rng), 70, 130, pw - 70, 21)
    cv.centred(pw * 1.5, 90, "附　　记", 30, "songbold")
    share = "" if d.co_ownership == "共同共有" else f"，{owner.name}占50%，{d.spouse.name}占50%"
    for i, ln in enumerate(wrap(f"共有人：{d.spouse.name}（身份证号{d.spouse.id_number}）{share}。", 22, pw - 180, "song")
                           + [f"本证书由共有人{owner.name}持有。", "业务号：" + f"{rng.randrange(10**11, 10**12)}"]):
        cv.text(pw + 90, 170 + i * 40, ln, 22, "song")
    N.paint_seal(cv.img, (pw + pw * 0.6, ph - 300), 95, f"{owner.region[2]}不动产登记中心", rng)
    img = cv.img.convert("L").convert("RGB")
    return make_page("property_certificate", "title-coowner-with-fuji", img, title_truth(d, owner), cv.lines)


def title_curl(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    """The booklet held open at its inner page and photographed: the table's lines bend towards the
    binding on the left, the gutter dark."""
    owner = owner or d.lessor
    cv = Sheet((1150, 1550), (246, 242, 228))
    cv.text(80, 70, d.cert, 23, "song")
    _title_table(cv, _title_values(d, owner, rng), 70, 130, 1080, 22)
    img = page_curl(cv.img, rng, None, rng.uniform(0.018, 0.028))
    img = on_desk(img, rng, 0.8, rng.uniform(-3, 3), 0.03)
    return photo_page("property_certificate", "title-inner-page-curl", img, cv.lines, title_truth(d, owner))


def title_case6(d: CaseData, rng: random.Random, owner: Person | None = None) -> SamplePage:
    return (title_coowner if d.co_ownership != "单独所有" else title_curl)(d, rng, owner)


# ---- 居民户口簿 ------------------------------------------------------------------------------------------------

def _household_rows(head: Person, addr: str, rng: random.Random) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    top = list(zip(HUKOU_HEAD, ["家庭户", head.name, f"{rng.randrange(10**8, 10**9)}", addr], strict=True))
    card = list(zip(HUKOU_CARD, [head.name, "户主", head.sex, head.region[1] + head.region[2], head.ethnicity,
                                 dated(head.birth, 3), head.id_number, "", rng.choice(["大学本科", "高中", "大专"]),
                                 rng.choice(["已婚", "未婚"]), "", rng.choice(["职员", "个体", "自由职业"])], strict=True))
    return top, card


def _grid_rows(cv: Sheet, rows: list[tuple[str, str]], x0: float, y: float, x1: float, s: int, lw: float,
               by_hand: bool, rng: random.Random) -> float:
    for label, value in rows:
        lines = wrap(value, s, x1 - x0 - lw - 30, "kai" if by_hand else "song") if value else []
        h = max(54, len(lines) * (s + 14) + 18)
        cv.rect((x0, y, x0 + lw, y + h), 1)
        cv.rect((x0 + lw, y, x1, y + h), 1)
        cv.text(x0 + 8, y + (h - s) / 2 - 2, label, s - 3, "song")
        for i, ln in enumerate(lines):
            if by_hand:
                hand(cv, x0 + lw + 14, y + 12 + i * (s + 14), ln, s + 2, rng, BLUE_INK)
            else:
                cv.text(x0 + lw + 14, y + 12 + i * (s + 14), ln, s, "song")
        y += h
    return y


def household_curl(d: CaseData, rng: random.Random) -> SamplePage:
    """The 户主页 and the householder's 常住人口登记卡 side by side in the open booklet, photographed:
    the lines bend up towards the binding in the middle."""
    head = d.operator
    top, card = _household_rows(head, d.premises, rng)
    pw, ph = 1000, 1400
    cv = Sheet((2 * pw, ph), (240, 236, 222))
    cv.centred(pw / 2, 70, "户　口　簿", 38, "songbold")
    _grid_rows(cv, top, 70, 160, pw - 70, 23, 170, False, rng)
    N.paint_seal(cv.img, (pw * 0.6, 760), 88, f"{head.region[2]}公安局户口专用章", rng)
    cv.centred(pw * 1.5, 70, "常住人口登记卡", 34, "songbold")
    _grid_rows(cv, [r for r in card if r[1]], pw + 60, 150, 2 * pw - 60, 22, 230, False, rng)
    img = page_curl(cv.img, rng, 0.5, rng.uniform(0.02, 0.03))
    img = on_desk(img, rng, 0.85, rng.uniform(-2, 2), 0.02)
    truth = {"householder": head.name, "address": d.premises, "name": head.name, "id_number": head.id_number}
    return photo_page("household_register", "hukou-spread-page-curl", img, cv.lines, truth)


def household_by_hand(d: CaseData, rng: random.Random) -> SamplePage:
    """An older booklet's 常住人口登记卡 filled in by hand at the 派出所 (blue ink in the printed grid),
    the 户口专用章 on the card's corner, copied in grey."""
    head = d.operator
    _, card = _household_rows(head, d.premises, rng)
    cv = Sheet(A4, (250, 248, 240))
    cv.centred(A4[0] / 2, 80, "常住人口登记卡", 36, "songbold")
    _grid_rows(cv, card, 90, 170, A4[0] - 90, 24, 260, True, rng)
    N.paint_seal(cv.img, (A4[0] - 260, 1420), 95, f"{head.region[2]}公安局{rng.choice(['城关', '东街', '新华'])}派出所户口专用章", rng)
    cv.text(120, 1560, f"登记日期：{dated(date(2008 + rng.randrange(8), rng.randrange(1, 13), rng.randrange(1, 28)), 3)}", 21, "song")
    img = cv.img.convert("L").convert("RGB")
    truth = {"name": head.name, "id_number": head.id_number}  # the card names no 住址 of the household
    return make_page("household_register", "hukou-card-handwritten-old", img, truth, cv.lines)


# ---- forms: three ways of laying out label and value that no other set draws ----------------------------------

def _long(value: str, s: int) -> bool:
    return width(value, s, "song") > 430


def online_form(title: str, sections: list[Section], rng: random.Random, notes: list[str], blank: frozenset[str],
                sign: str = "申请人签字：") -> Sheet:
    """Printed from a provincial online-service site: the site's name, the page's URL and the print time
    at the top, 第1页 共1页 and the URL again at the foot, a grey shaded label column, values in the
    site's sans font (typed in online), section bars across the table."""
    cv = Sheet(A4)
    host = f"zwfw.{rng.choice(['gd', 'zj', 'sc', 'fj', 'cq'])}.gov.cn"
    url = f"https://{host}/onething/apply/print?bizId={rng.randrange(10**13, 10**14)}"
    stamp = f"{AS_OF - timedelta(days=rng.randrange(2, 20)):%Y/%m/%d} {rng.randrange(8, 18):02d}:{rng.randrange(60):02d}"
    cv.text(50, 22, stamp, 15, "hei", GREY)
    cv.text(A4[0] / 2 - 120, 22, "政务服务网 · 网上办事大厅", 15, "hei", GREY)
    cv.centred(A4[0] / 2, 80, title, 32, "heibold")
    cv.text(A4[0] - 420, 140, f"申报编号：WB{rng.randrange(10**10, 10**11)}", 17, "hei", GREY)
    x0, x1, lw, s = 70, A4[0] - 70, 300, 20
    y = 175.0
    for heading, entries in sections:
        cv.rect((x0, y, x1, y + 40), 1, (120, 120, 120), (200, 200, 200))
        cv.text(x0 + 14, y + 8, heading, s, "heibold")
        y += 40
        for label, value, f in entries:
            shown = "" if f in blank else value
            lines = wrap(shown, s, x1 - x0 - lw - 30, "hei") if shown else []
            h = max(50, len(lines) * (s + 12) + 18)
            cv.rect((x0, y, x0 + lw, y + h), 1, (120, 120, 120), (228, 228, 228))
            cv.rect((x0 + lw, y, x1, y + h), 1, (120, 120, 120))
            cv.text(x0 + 14, y + (h - s) / 2 - 2, label, s - 1, "hei")
            for i, ln in enumerate(lines):
                cv.text(x0 + lw + 16, y + 10 + i * (s + 12), ln, s, "hei")
            y += h
        y += 14
    for note in notes:
        y = cv.wrapped(x0, y + 6, note, 16, x1 - x0, "hei", 0.4, GREY)
    cv.text(x1 - 420, y + 40, sign, 20, "hei")
    cv.text(x1 - 420, y + 100, f"日期：{dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 4)}", 20, "hei")
    cv.text(50, A4[1] - 40, url, 14, "hei", GREY)
    cv.text(A4[0] - 170, A4[1] - 40, "第1页 共1页", 15, "hei", GREY)
    return cv


def caption_below_form(title: str, sections: list[Section], rng: random.Random, notes: list[str],
                       blank: frozenset[str],
                       sign: str = "申请人签字：") -> Sheet:
    """Each value written by hand on a line, its label printed small *under* the line (the way
    signature lines are captioned); two short entries to a row, long ones alone."""
    cv = Sheet(A4, (253, 252, 248))
    cv.centred(A4[0] / 2, 80, title, 34, "songbold")
    x0, x1, s = 90, A4[0] - 90, 26
    y = 170.0
    for heading, entries in sections:
        cv.text(x0, y, "■ " + heading, 22, "heibold")
        y += 60
        queue = list(entries)
        while queue:
            e = queue.pop(0)
            alone = _long(e[1], s) or not queue or _long(queue[0][1], s)
            row: list[Entry] = [e] if alone else [e, queue.pop(0)]
            cell = (x1 - x0) / len(row)
            deepest = y
            for j, (label, value, f) in enumerate(row):
                cx = x0 + j * cell
                lines = wrap(value, s, cell - 50, "kai") if f not in blank and value else []
                ly = y
                for ln in lines or [""]:
                    if ln:
                        hand(cv, cx + 14, ly, ln, s, rng, BLUE_INK)
                    ly += s + 16
                cv.line([(cx + 6, ly), (cx + cell - 24, ly)], 1, (60, 60, 60))
                cv.centred(cx + (cell - 18) / 2, ly + 8, label, 17, "song")
                deepest = max(deepest, ly + 44)
            y = deepest + 20
        y += 10
    for note in notes:
        y = cv.wrapped(x0, y, note, 17, x1 - x0, "song", 0.4, GREY)
    cv.text(x0 + 520, y + 40, sign, 22, "song")
    cv.text(x0 + 520, y + 100, dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 3), 22, "song")
    return cv


def leader_form(title: str, sections: list[Section], rng: random.Random, notes: list[str], blank: frozenset[str],
                sign: str = "申请人签字：") -> Sheet:
    """No ruled cells at all: every row is a label, a leader of dots and the value typed after it
    (姓名……………张三), long values wrapping under the value column; section titles numbered 一、二、."""
    cv = Sheet(A4, (251, 251, 249))
    cv.centred(A4[0] / 2, 80, title, 34, "songbold")
    x0, vx, x1, s = 100, 520, A4[0] - 90, 22
    y = 170.0
    for n, (heading, entries) in enumerate(sections):
        cv.text(x0, y, f"{'一二三四五'[n]}、{heading}", 23, "heibold")
        y += 50
        for label, value, f in entries:
            at = dotted(cv, x0 + 30, y, label, vx, s)
            lines = wrap(value, s, x1 - at - 10, "mono") if f not in blank and value else []
            for i, ln in enumerate(lines):
                typed(cv, at if i == 0 else vx, y + i * (s + 16), ln, s, rng)
            y += max(1, len(lines)) * (s + 16) + 14
        y += 16
    for note in notes:
        y = cv.wrapped(x0, y, "※" + note, 17, x1 - x0, "song", 0.4, GREY)
    cv.text(x0 + 480, y + 40, sign, 22, "song")
    cv.text(x0 + 480, y + 100, dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 5), 22, "song")
    return cv


FORM_STYLES6 = {"form-online-printout": online_form, "form-caption-below-line": caption_below_form,
                "form-dotted-leaders": leader_form}


def _sections(spec: dict, values: dict[str, dict[str, str]], rng: random.Random) -> list[Section]:
    """The form's sections in its spec's order: a heading and one (label, value, field) per row given a
    value; the spec's ``others`` rows (no truth) go after the first section's."""
    out: list[Section] = []
    for key, sec in spec["sections"].items():
        if key not in values:
            continue
        entries: list[Entry] = [(pick(rng, sec["rows"][f]), v, f) for f, v in values[key].items()]
        if not out:
            entries += [(label, rng.choice(choices), None) for label, choices in spec.get("others", {}).items()]
        out.append((pick(rng, sec["headings"]), entries))
    return out


def _form_page(material: str, family: str | None, values: dict[str, dict[str, str]], rng: random.Random,
               blank: frozenset[str], sign: str, seal: str | None = None) -> SamplePage:
    spec = spec_of(material)
    family = family or rng.choice(list(FORM_STYLES6))
    sections = _sections(spec, values, rng)
    cv = FORM_STYLES6[family](pick(rng, spec["titles"]), sections, rng, spec.get("notes", []), blank, sign)
    truth = {f: v for _, es in sections for _, v, f in es if f and f not in blank and v}
    page = make_page(material, family, cv, truth)
    return seal_owned(page, seal) if seal else page


def _agent_values(d: CaseData) -> dict[str, dict[str, str]]:
    return {"agent": {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number}} if d.extra.get("agent") else {}


def individual_application(d: CaseData, rng: random.Random, family: str | None = None,
                           blank: frozenset[str] = frozenset()) -> SamplePage:
    op = d.operator
    values = {"operator": {"operator_name": op.name, "operator_id_number": op.id_number, "phone": op.phone},
              "business": {"trade_name": d.trade_name, "premises_address": d.premises, "business_scope": d.scope},
              **_agent_values(d)}
    return _form_page("individual_business_application", family, values, rng, blank, "经营者签字：")


FORMATS6 = ["食品销售经营者（便利店）", "食品销售经营者（食杂店）", "餐饮服务经营者（小型餐馆）", "餐饮服务经营者（饮品店）"]


def food_application(d: CaseData, rng: random.Random, family: str | None = None,
                     blank: frozenset[str] = frozenset()) -> SamplePage:
    op = d.operator
    values = {"applicant": {"applicant": d.entity_name, "credit_code": d.credit_code, "legal_rep": op.name,
                            "legal_rep_id_number": op.id_number, "phone": op.phone},
              "operation": {"premises_address": d.premises, "business_format": d.extra.setdefault("format", rng.choice(FORMATS6))},
              **_agent_values(d)}
    return _form_page("food_license_application", family, values, rng, blank, "申请人（盖章）：", seal=d.entity_name)


def dog_application(d: CaseData, rng: random.Random, family: str | None = None,
                    blank: frozenset[str] = frozenset()) -> SamplePage:
    op = d.operator
    values = {"owner": {"owner_name": op.name, "owner_id_number": op.id_number, "address": d.premises, "phone": op.phone},
              "dog": {"breed": d.breed}}
    return _form_page("dog_registration_form", family, values, rng, blank, "养犬人签字：")


# ---- 不动产登记申请表: landscape, the parties as columns side by side ---------------------------------------------

REG_TYPES = ["首次登记", "转移登记", "变更登记", "抵押登记", "更正登记"]


def estate_columns(d: CaseData, rng: random.Random, blank: frozenset[str] = frozenset()) -> SamplePage:
    """A landscape 申请表: 登记类别 as a row of boxes (转移登记 ticked), then a table whose two value
    columns are the buyer's and the seller's side by side under their party headings, then the
    不动产情况 rows. ``blank``: fields left empty (``seller``: the seller's name cell empty)."""
    spec = spec_of("real_estate_application")
    f, parties = spec["fields"], spec["parties"]
    buyer, seller = d.buyer, d.lessor
    w, h = LANDSCAPE
    cv = Sheet(LANDSCAPE)
    cv.centred(w / 2, 50, pick(rng, spec["titles"]), 34, "songbold")
    cv.text(w - 520, 110, f"收件编号：{rng.randrange(10**9, 10**10)}　收件人：", 17, "song")
    x0, x1, s = 70, w - 70, 20
    y = 150.0
    cv.rect((x0, y, x1, y + 56), 2)
    cv.text(x0 + 12, y + 16, pick(rng, f["registration_type"]), s, "song")
    x = x0 + 260
    for kind in REG_TYPES:
        x += tick_box(cv, x, y + 14, 20, kind == "转移登记", rng)
        x += cv.text(x, y + 16, kind, s, "song") + 30
    y += 56
    lw = 260
    col = (x1 - x0 - lw) / 2
    heads = [pick(rng, parties["buyer"]), pick(rng, parties["seller"])]
    cv.rect((x0, y, x0 + lw, y + 48), 2, fill=(236, 236, 236))
    for k, head in enumerate(heads):
        cv.rect((x0 + lw + k * col, y, x0 + lw + (k + 1) * col, y + 48), 2, fill=(236, 236, 236))
        cv.centred(x0 + lw + k * col + col / 2, y + 12, head, s, "heibold")
    y += 48
    cells = [[buyer.name, "" if "seller" in blank else seller.name], ["居民身份证", "居民身份证"],
             [buyer.id_number, seller.id_number], [buyer.address, seller.address], [buyer.phone, seller.phone]]
    for label, pair in zip(spec["rows"], cells, strict=True):
        laid = [wrap(v, s, col - 30, "song") if v else [] for v in pair]
        rh = max(50, max(len(v) for v in laid) * (s + 10) + 18)
        cv.rect((x0, y, x0 + lw, y + rh), 2)
        cv.text(x0 + 12, y + (rh - s) / 2 - 2, label, s - 1, "song")
        for k, lines in enumerate(laid):
            cv.rect((x0 + lw + k * col, y, x0 + lw + (k + 1) * col, y + rh), 2)
            for i, ln in enumerate(lines):
                cv.text(x0 + lw + k * col + 14, y + 10 + i * (s + 10), ln, s, "song")
        y += rh
    rows = [(pick(rng, f["address"]), d.premises), (pick(rng, f["unit_number"]), d.unit),
            ("面积（㎡）", d.area), ("用途", "住宅"), ("原不动产权证书号", d.cert)]
    for label, value in rows:
        cv.rect((x0, y, x0 + lw, y + 50), 2)
        cv.rect((x0 + lw, y, x1, y + 50), 2)
        cv.text(x0 + 12, y + 13, label, s - 1, "song")
        cv.text(x0 + lw + 14, y + 12, value, s, "song")
        y += 50
    cv.text(x0 + 40, y + 40, f"{heads[0]}签章：", s, "song")
    cv.text(x0 + 40 + col + lw / 2, y + 40, f"{heads[1]}签章：", s, "song")
    cv.text(x0 + 40, y + 110, f"申请日期：{dated(AS_OF - timedelta(days=rng.randrange(1, 9)), 3)}", s, "song")
    truth = {"registration_type": "转移登记", "buyer": buyer.name, "address": d.premises, "unit_number": d.unit}
    if "seller" not in blank:
        truth["seller"] = seller.name
    return make_page("real_estate_application", "estate-landscape-party-columns", cv, truth)


# ---- 授权委托书 ----------------------------------------------------------------------------------------------------

def _matter6(d: CaseData) -> str:
    return d.extra.get("matter", "个体工商户设立登记")


def attorney_letter_paper(d: CaseData, rng: random.Random) -> SamplePage:
    """Written wholly by hand on ruled 信笺 letter paper (red lines, a red 信笺 head): the title, the
    parties one to a line, the matter, a sentence of authority, the date and a signature line."""
    f = spec_of("power_of_attorney")["fields"]
    op, ag, matter = d.operator, d.agent, _matter6(d)
    cv = Sheet(A4, (253, 251, 244))
    cv.centred(A4[0] / 2, 50, "信　　笺", 30, "songbold", RED_LINE)
    cv.line([(70, 100), (A4[0] - 70, 100)], 3, RED_LINE)
    pitch = 62
    for k in range(24):
        cv.line([(70, 170 + k * pitch), (A4[0] - 70, 170 + k * pitch)], 1, RED_LINE)
    lines = [f"{pick(rng, f['principal'])}：{op.name}", f"身份证号：{op.id_number}",
             f"{pick(rng, f['agent_name'])}：{ag.name}", f"{pick(rng, f['agent_id_number'])}：{ag.id_number}",
             f"{pick(rng, f['entrusted_matter'])}：{matter}"]
    prose = (f"本人因事务繁忙，不能亲自前往办理，特委托{ag.name}代表本人办理{matter}的申请、材料递交、"
             "信息核对及领取文书等手续。受托人在上述范围内所签署的文件本人均予承认，并承担相应法律责任。")
    x0, room = 110, A4[0] - 240
    hand(cv, A4[0] / 2 - 70, 170 - 52, "委 托 书", 38, rng, BLUE_INK)
    row = 1
    for ln in lines:
        hand(cv, x0, 170 + row * pitch - 48, ln, 27, rng, BLUE_INK)
        row += 1
    for ln in wrap("　　" + prose, 27, room, "kai"):
        hand(cv, x0, 170 + row * pitch - 48, ln, 27, rng, BLUE_INK)
        row += 1
    cv.text(x0 + 560, 170 + (row + 1) * pitch - 46, "委托人签字：", 24, "kai", BLUE_INK)
    hand(cv, x0 + 560, 170 + (row + 2) * pitch - 48, dated(AS_OF - timedelta(days=rng.randrange(2, 12)), 3), 26, rng, BLUE_INK)
    truth = {"principal": op.name, "agent_name": ag.name, "agent_id_number": ag.id_number, "entrusted_matter": matter}
    return make_page("power_of_attorney", "attorney-handwritten-letter-paper", cv, truth)


def attorney_online(d: CaseData, rng: random.Random) -> SamplePage:
    """Downloaded from the online-service site and printed: the grey label column, the URL at the foot."""
    f = spec_of("power_of_attorney")["fields"]
    op, ag, matter = d.operator, d.agent, _matter6(d)
    entries: list[Entry] = [(pick(rng, f["principal"]), op.name, "principal"), ("身份证件号码", op.id_number, None),
                            (pick(rng, f["agent_name"]), ag.name, "agent_name"),
                            (pick(rng, f["agent_id_number"]), ag.id_number, "agent_id_number"),
                            (pick(rng, f["entrusted_matter"]), matter, "entrusted_matter"),
                            ("委托期限", "自签署之日起至事项办结止", None)]
    notes = ["受托人在委托权限内办理的事项，委托人均予以认可，并承担相应的法律责任。"]
    cv = online_form(pick(rng, spec_of("power_of_attorney")["titles"]), [("委托信息", entries)], rng, notes, frozenset(),
                     "委托人签字：")
    truth = {fld: v for _, v, fld in entries if fld}
    return make_page("power_of_attorney", "attorney-online-printout", cv, truth)


def attorney_case6(d: CaseData, rng: random.Random) -> SamplePage:
    return rng.choice([attorney_letter_paper, attorney_online])(d, rng)


# ---- 房屋租赁合同: the parties only in the signature block -----------------------------------------------------------

def _lease_clauses(d: CaseData, rng: random.Random) -> list[str]:
    f = spec_of("lease_contract")["fields"]
    rent = rng.randrange(18, 90) * 100
    return [
        "出租方（以下简称甲方）与承租方（以下简称乙方）双方本着平等、自愿的原则，经协商一致，就房屋租赁事宜订立本合同。",
        f"第一条　{pick(rng, f['address'])}：{d.premises}，建筑面积{d.area}平方米，用途为商业经营。",
        f"第二条　{pick(rng, f['term'])}{dated(d.term_start, 3)}起至{dated(d.term_end, 3)}止。",
        f"第三条　月租金为人民币{rent}元，按季度支付，乙方应于每季度首月五日前付清当季租金。",
        f"第四条　乙方于签订本合同时向甲方支付押金人民币{rent * 2}元，合同期满乙方无违约的，甲方无息退还。",
        "第五条　租赁期间，水、电、燃气、物业管理等费用由乙方承担；房屋主体结构的维修由甲方负责。",
        "第六条　乙方不得擅自改变房屋结构和用途，不得将房屋转租他人。",
        "第七条　任何一方违约，应向对方支付相当于两个月租金的违约金。",
        "第八条　本合同未尽事宜，双方可另行协商签订补充协议，补充协议与本合同具有同等效力。",
        "第九条　本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。",
    ]


def _signature_block(cv: Sheet, y: float, d: CaseData, rng: random.Random) -> float:
    """Two columns at the foot: the lessor's and the lessee's caption, name written by hand beside it,
    then 身份证号 / 电话 / 日期 lines."""
    parties = spec_of("lease_contract")["parties"]
    lessee = d.extra.get("lessee") or d.operator.name
    lessee_p = d.operator if lessee == d.operator.name else d.agent
    for k, (label, who, p) in enumerate(((pick(rng, parties["lessor"]), d.lessor.name, d.lessor),
                                         (pick(rng, parties["lessee"]), lessee, lessee_p))):
        x = 110 + k * 540
        lw = cv.text(x, y, label + "：", 22, "song")
        hand(cv, x + lw + 8, y - 4, who, 28, rng, BLUE_INK)
        cv.text(x, y + 60, "身份证号：", 20, "song")
        hand(cv, x + 110, y + 58, p.id_number, 21, rng, BLUE_INK)
        cv.text(x, y + 110, f"电话：{p.phone}", 20, "song")
        cv.text(x, y + 160, f"日期：{dated(d.term_start - timedelta(days=rng.randrange(3, 20)), 3)}", 20, "song")
    return y + 210


def lease_signature_pages(d: CaseData, rng: random.Random) -> list[SamplePage]:
    """Two pages: page 1 the title and the first clauses (the premises and the term) — the parties are
    only 甲方 and 乙方 there; page 2 the remaining clauses and the signature block naming them."""
    clauses = _lease_clauses(d, rng)
    title = pick(rng, spec_of("lease_contract")["titles"])
    one = Sheet(A4)
    one.centred(A4[0] / 2, 90, title, 38, "songbold")
    one.text(A4[0] - 360, 160, f"合同编号：ZL{rng.randrange(10**6, 10**7)}", 18, "song")
    y = 220.0
    for c in clauses[:5]:
        y = one.wrapped(100, y, c, 23, A4[0] - 200, "song", 0.55) + 18
    one.centred(A4[0] / 2, A4[1] - 70, "第 1 页 共 2 页", 16, "song", GREY)
    two = Sheet(A4)
    y = 110.0
    for c in clauses[5:]:
        y = two.wrapped(100, y, c, 23, A4[0] - 200, "song", 0.55) + 18
    y = _signature_block(two, y + 80, d, rng)
    two.centred(A4[0] / 2, A4[1] - 70, "第 2 页 共 2 页", 16, "song", GREY)
    first = {"address": d.premises, "term_start": d.term_start.isoformat(), "term_end": d.term_end.isoformat()}
    lessee = d.extra.get("lessee") or d.operator.name
    return [make_page("lease_contract", "lease-parties-in-signature-block", one, first),
            make_page("lease_contract", "lease-parties-in-signature-block", two, {"lessor": d.lessor.name, "lessee": lessee})]


def lease_signature(d: CaseData, rng: random.Random) -> SamplePage:
    return lease_signature_pages(d, rng)[0]


def lease_sheet_protector(d: CaseData, rng: random.Random) -> SamplePage:
    """The whole lease on one page (clauses set small), the signature block naming the parties at its
    foot, kept in a clear sheet protector and photographed in it."""
    clauses = _lease_clauses(d, rng)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 70, pick(rng, spec_of("lease_contract")["titles"]), 34, "songbold")
    y = 150.0
    for c in clauses:
        y = cv.wrapped(90, y, c, 20, A4[0] - 180, "song", 0.45) + 10
    _signature_block(cv, y + 50, d, rng)
    img = sheet_protector(cv.img, rng)
    img = on_desk(img, rng, 0.84, rng.uniform(-3, 3), 0.025)
    lessee = d.extra.get("lessee") or d.operator.name
    truth = {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises, "term_start": d.term_start.isoformat(),
             "term_end": d.term_end.isoformat()}
    return photo_page("lease_contract", "lease-in-sheet-protector", img, cv.lines, truth)


def lease_case6(d: CaseData, rng: random.Random) -> list[SamplePage]:
    return lease_signature_pages(d, rng) if rng.random() < 0.6 else [lease_sheet_protector(d, rng)]


# ---- 存量房买卖合同: the price in a 大写 / 小写 table -----------------------------------------------------------------

def sale_price_table(d: CaseData, rng: random.Random) -> SamplePage:
    spec = spec_of("house_sale_contract")
    parties, f = spec["parties"], spec["fields"]
    seller, buyer, price = d.lessor, d.buyer, int(d.price)
    cv = Sheet(A4)
    cv.centred(A4[0] / 2, 80, pick(rng, spec["titles"]), 36, "songbold")
    y = 170.0
    for label, p in ((pick(rng, parties["seller"]), seller), (pick(rng, parties["buyer"]), buyer)):
        cv.text(100, y, f"{label}：{p.name}", 23, "song")
        cv.text(100, y + 42, f"证件类型：居民身份证　证件号码：{p.id_number}", 21, "song")
        y += 100
    y = cv.wrapped(100, y + 10, "根据《中华人民共和国民法典》及有关法律法规的规定，买卖双方在平等、自愿、协商一致的基础上，"
                   "就存量房屋买卖事宜达成如下协议：", 22, A4[0] - 200, "song", 0.5) + 14
    y = cv.wrapped(100, y, f"第一条　{pick(rng, f['address'])}：{d.premises}，建筑面积{d.area}平方米。", 22, A4[0] - 200,
                   "song", 0.5) + 14
    cv.text(100, y, "第二条　成交价格及付款方式（单位：人民币）", 22, "song")
    y += 50
    head = rng.choice(spec["price_columns"])
    deposit = rng.choice([20000, 50000, 100000])
    rows = [(pick(rng, f["price"]), price), ("其中：定金", deposit), ("首付款（含定金）", price * 3 // 10),
            ("贷款金额", price - price * 3 // 10)]
    xs = [100, 420, 900, A4[0] - 100]
    for k, text in enumerate(head):
        cv.rect((xs[k], y, xs[k + 1], y + 48), 2, fill=(238, 238, 238))
        cv.text(xs[k] + 12, y + 12, text, 20, "heibold")
    y += 48
    for label, amount in rows:
        for k, text in enumerate((label, money_words(amount), f"{amount:,}.00")):
            cv.rect((xs[k], y, xs[k + 1], y + 52), 2)
            cv.text(xs[k] + 12, y + 14, text, 20 if k else 19, "song")
        y += 52
    y += 24
    for c in ["第三条　买受人应于本合同签订之日起五日内向出卖人支付定金。", "第四条　出卖人应于办理转移登记之日起十五日内将房屋交付买受人。",
              "第五条　本合同一式三份，买卖双方各执一份，不动产登记机构存档一份。"]:
        y = cv.wrapped(100, y, c, 22, A4[0] - 200, "song", 0.5) + 12
    cv.text(100, y + 50, "出卖人（签字）：", 22, "song")
    cv.text(650, y + 50, "买受人（签字）：", 22, "song")
    truth = {"seller": seller.name, "buyer": buyer.name, "address": d.premises, "price": d.price}
    return make_page("house_sale_contract", "sale-price-table-daxie-xiaoxie", cv, truth)


# ---- 健康证明 ----------------------------------------------------------------------------------------------------

def _health_dates(d: CaseData) -> tuple[date, date]:
    until = d.extra.get("health_until") or date(d.exam_date.year + 1, d.exam_date.month, min(d.exam_date.day, 28))
    return d.exam_date, until


def health_screen(d: CaseData, rng: random.Random, who: str = "staff") -> SamplePage:
    """The electronic certificate as the citizen shows it: a phone screen photographed — the status
    bar, the app's title bar, the card with its labels, a QR code; moiré from the screen's pixels."""
    f = spec_of("health_certificate")["fields"]
    p: Person = getattr(d, who)
    exam, until = _health_dates(d)
    sw, sh = 900, 1900
    cv = Sheet((sw, sh), (246, 248, 250))
    cv.rect((0, 0, sw, 70), 0, (246, 248, 250), (246, 248, 250))
    cv.draw.text((40, 18), f"{rng.randrange(8, 21)}:{rng.randrange(60):02d}", font=face("heibold", 28), fill=INK)
    cv.draw.text((sw - 200, 18), "5G  " + f"{rng.randrange(20, 99)}%", font=face("hei", 26), fill=INK)
    cv.rect((0, 70, sw, 170), 0, (40, 130, 90), (40, 130, 90))
    cv.centred(sw / 2, 100, pick(rng, spec_of("health_certificate")["titles"]), 34, "heibold", (255, 255, 255))
    cv.rect((40, 220, sw - 40, 1500), 2, (210, 214, 218), (255, 255, 255))
    cv.rect((sw - 290, 260, sw - 80, 520), 0, (208, 216, 222), (208, 216, 222))
    y = 270.0
    for label, value in ((pick(rng, f["name"]), p.name), ("性　别", p.sex), ("年　龄", str(AS_OF.year - p.birth.year)),
                         (pick(rng, f["exam_date"]), dated(exam, 5)), (pick(rng, f["valid_until"]), dated(until, 5)),
                         ("发证机构", f"{p.region[2]}疾病预防控制中心"), ("证明编号", f"JK{rng.randrange(10**10, 10**11)}")):
        lw = cv.text(80, y, label + "：", 28, "hei", GREY)
        cv.wrapped(80 + lw + 6, y, value, 30, sw - 80 - lw - (330 if y < 540 else 90), "heibold", 0.3)
        y += 100 if len(value) < 14 else 140
    N.qr(cv, (sw / 2 - 150, 1150, 300), rng)
    cv.centred(sw / 2, 1560, "本证明仅限本人使用", 24, "hei", GREY)
    phone = Image.new("RGB", (sw + 80, sh + 160), (20, 20, 22))
    phone.paste(screen_moire(cv.img, rng), (40, 80))
    bg = wood((sw + 600, sh + 600), rng)
    ph = phone.convert("RGBA").rotate(rng.uniform(-8, 8), Image.Resampling.BICUBIC, expand=True)
    bg.paste(ph, (260, 200), ph)
    truth = {"name": p.name, "exam_date": exam.isoformat(), "valid_until": until.isoformat()}
    return photo_page("health_certificate", "health-e-cert-phone-screen", keystone(bg, rng, 0.06, (90, 70, 50)),
                      cv.lines, truth)


def health_card_keystone(d: CaseData, rng: random.Random, who: str = "staff") -> SamplePage:
    """The laminated paper card (photo left, rows right) photographed on the counter from its side."""
    f = spec_of("health_certificate")["fields"]
    p: Person = getattr(d, who)
    exam, until = _health_dates(d)
    cv = Sheet((1100, 700), (252, 250, 240))
    cv.rect((10, 10, 1090, 690), 4, (40, 120, 80))
    cv.centred(550, 40, pick(rng, spec_of("health_certificate")["titles"]), 36, "songbold", (40, 120, 80))
    cv.rect((60, 150, 300, 450), 0, (210, 216, 222), (210, 216, 222))
    y = 150.0
    for label, value in ((pick(rng, f["name"]), p.name), ("性别", p.sex), (pick(rng, f["exam_date"]), dated(exam, 3)),
                         (pick(rng, f["valid_until"]), dated(until, 3)), ("编号", f"{rng.randrange(10**9, 10**10)}")):
        lw = cv.text(340, y, label + "：", 26, "song")
        cv.text(340 + lw + 6, y, value, 28, "song")
        y += 80
    N.paint_seal(cv.img, (880, 560), 90, f"{p.region[2]}卫生健康委员会体检专用章", rng)
    glossy = Image.new("RGB", (1140, 740), (235, 238, 240))
    glossy.paste(cv.img, (20, 20))
    bg = counter_top((1700, 1300), rng)
    c = glossy.convert("RGBA").rotate(rng.uniform(-6, 6), Image.Resampling.BICUBIC, expand=True)
    bg.paste(c, (260, 240), c)
    img = keystone(bg, rng, rng.uniform(0.16, 0.22), (120, 120, 120))
    truth = {"name": p.name, "exam_date": exam.isoformat(), "valid_until": until.isoformat()}
    return photo_page("health_certificate", "health-card-counter-keystone", img, cv.lines, truth)


def health_case6(d: CaseData, rng: random.Random) -> SamplePage:
    return rng.choice([health_screen, health_card_keystone])(d, rng)


# ---- 犬只狂犬病免疫证明: an A5 certificate with dotted leaders -------------------------------------------------------

def vaccination_leaders(d: CaseData, rng: random.Random) -> SamplePage:
    spec = spec_of("dog_vaccination_cert")
    f = spec["fields"]
    owner = d.operator
    until = d.extra.get("vacc_until") or d.vaccinated_on + timedelta(days=364)
    cv = Sheet((1240, 880), (250, 248, 236))
    cv.centred(620, 50, pick(rng, spec["titles"]), 36, "songbold")
    cv.text(880, 115, f"No.{rng.randrange(10**7, 10**8)}", 20, "song", (190, 40, 40))
    rows = [(pick(rng, f["owner_name"]), owner.name), ("联系电话", owner.phone), (pick(rng, f["breed"]), d.breed),
            ("毛色", rng.choice(["黄", "黑", "白", "花"])), ("疫苗名称", "狂犬病灭活疫苗"), ("疫苗批号", f"{rng.randrange(10**7, 10**8)}"),
            (pick(rng, f["vaccinated_on"]), dated(d.vaccinated_on, 3)), (pick(rng, f["valid_until"]), dated(until, 3))]
    y = 170.0
    for label, value in rows:
        at = dotted(cv, 90, y, label, 520, 24)
        hand(cv, at, y - 4, value, 27, rng, BLUE_INK)
        y += 72
    cv.text(760, 760, "免疫单位：", 22, "song")
    N.paint_seal(cv.img, (980, 740), 85, f"{owner.region[2]}动物疫病预防控制中心", rng)
    truth = {"owner_name": owner.name, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
             "valid_until": until.isoformat()}
    return make_page("dog_vaccination_cert", "vaccination-a5-dotted-leaders", cv, truth)


# ---- 结婚证 -------------------------------------------------------------------------------------------------------

def marriage_curl(d: CaseData, rng: random.Random) -> SamplePage:
    """The 结婚证's inner page held open and photographed: the booklet's curl bends its lines."""
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0]}-{d.registered_on.year}-{rng.randrange(10**5, 10**6):06d}"
    cv = Sheet((1300, 900), (250, 238, 230))
    for k, (label, value) in enumerate(zip(MARRIAGE_TOP, [holder.name, dated(d.registered_on, 5), no, ""], strict=True)):
        lw = cv.text(90, 70.0 + 66 * k, label, 24, "song")
        if value:
            cv.text(120 + lw, 70.0 + 66 * k, value, 25, "song")
    cv.rect((800, 60, 1220, 340), 2, GREY, (224, 214, 206))  # the couple's photo
    for k, who in enumerate((holder, spouse)):
        rows = (f"姓名　{who.name}　　性别　{who.sex}　　国籍　中国", f"出生日期　{dated(who.birth, 5)}", f"身份证件号　{who.id_number}")
        for j, row in enumerate(rows):
            cv.text(90, 420.0 + 170 * k + 44 * j, row, 23, "song")
    N.paint_seal(cv.img, (1010, 720), 80, f"{holder.region[2]}民政局婚姻登记专用章", rng)
    img = page_curl(cv.img, rng, None, 0.03)
    img = on_desk(img, rng, 0.82, rng.uniform(-4, 4), 0.03)
    truth = {"holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(), "cert_number": no}
    return photo_page("marriage_certificate", "marriage-inner-page-curl", img, cv.lines, truth)


# ---- 食品安全管理制度, 平面布局图 -------------------------------------------------------------------------------------

RULES6 = ["一、从业人员健康管理制度：从业人员每年进行健康检查，取得健康证明后方可上岗。",
          "二、食品进货查验记录制度：采购食品时查验供货者的许可证和食品合格证明文件，如实记录。",
          "三、食品贮存管理制度：食品与非食品分开存放，离地离墙，定期检查，及时清理变质或超过保质期的食品。",
          "四、场所卫生管理制度：每日营业结束后清扫经营场所，定期清洗消毒设施设备。",
          "五、食品安全自查制度：每月对食品安全状况进行自查，发现问题及时整改并记录。",
          "六、食品召回和投诉处理制度：发现不符合食品安全标准的食品立即停止经营，通知相关方并记录。"]


def rules_online(d: CaseData, rng: random.Random) -> SamplePage:
    """A rules template downloaded from a website and printed: the page's URL and 第1页 共3页 at the
    foot, the shop's name typed into the heading."""
    cv = Sheet(A4)
    cv.text(50, 22, f"{AS_OF:%Y/%m/%d} 食品安全管理制度模板下载", 15, "hei", GREY)
    cv.centred(A4[0] / 2, 90, d.entity_name, 26, "hei")
    cv.centred(A4[0] / 2, 140, pick(rng, spec_of("food_safety_rules")["titles"]), 34, "heibold")
    y = 230.0
    for rule in RULES6:
        y = cv.wrapped(100, y, rule, 22, A4[0] - 200, "hei", 0.6) + 24
    cv.text(50, A4[1] - 40, f"https://www.{rng.choice(['shipin', 'spaq', 'fda-mb'])}.com/doc/{rng.randrange(10**6, 10**7)}.html",
            14, "hei", GREY)
    cv.text(A4[0] - 170, A4[1] - 40, "第1页 共3页", 15, "hei", GREY)
    return make_page("food_safety_rules", "rules-web-template-printout", cv, {})


def plan_cad(d: CaseData, rng: random.Random) -> SamplePage:
    """A CAD print in landscape: walls as thick lines, the rooms named inside them, dimension lines with
    their figures, a 图签 title block bottom right naming the drawing and the shop."""
    w, h = LANDSCAPE
    cv = Sheet(LANDSCAPE)
    x0, y0, x1, y1 = 120, 140, w - 560, h - 160
    cv.rect((x0, y0, x1, y1), 6)
    mx, my = x0 + (x1 - x0) * rng.uniform(0.55, 0.65), y0 + (y1 - y0) * rng.uniform(0.45, 0.55)
    cv.line([(mx, y0), (mx, y1)], 4)
    cv.line([(mx, my), (x1, my)], 4)
    for text, (cx, cy) in (("营业区（货架）", ((x0 + mx) / 2, (y0 + y1) / 2)), ("仓储区", ((mx + x1) / 2, (y0 + my) / 2)),
                           ("加工操作区", ((mx + x1) / 2, (my + y1) / 2)), ("收银台", (x0 + 140, y1 - 80))):
        cv.centred(cx, cy, text, 24, "hei")
    cv.line([(x0 + 60, y1 - 6), (x0 + 200, y1 - 6)], 8, (255, 255, 255))
    cv.text(x0 + 80, y1 + 10, "入口", 20, "hei")
    for a, b, label in (((x0, y0 - 50), (x1, y0 - 50), f"{rng.randrange(8, 14)}000"),
                        ((x0 - 60, y0), (x0 - 60, y1), f"{rng.randrange(5, 9)}000")):
        cv.line([a, b], 1)
        cv.text((a[0] + b[0]) / 2 - 20, (a[1] + b[1]) / 2 - 26, label, 18, "hei")
    tb = (w - 520, h - 420, w - 60, h - 60)
    cv.rect(tb, 2)
    for k, text in enumerate([pick(rng, spec_of("floor_plan")["titles"]), d.entity_name, d.premises, "比例 1:100",
                              f"日期 {AS_OF - timedelta(days=rng.randrange(5, 40)):%Y.%m.%d}"]):
        cv.line([(tb[0], tb[1] + k * 72), (tb[2], tb[1] + k * 72)], 1)
        cv.wrapped(tb[0] + 14, tb[1] + 12 + k * 72, text, 18 if k else 22, tb[2] - tb[0] - 28, "hei", 0.2)
    return make_page("floor_plan", "plan-cad-landscape-title-block", cv, {})


# ---- hard negatives: papers people hand in that are not the material ------------------------------------------------

def _notice(title: str, rows: list[tuple[str, str]], paras: list[str], seal: str, rng: random.Random,
            size: tuple[int, int] = A4, sub: str = "") -> Sheet:
    w, h = size
    cv = Sheet(size)
    cv.centred(w / 2, 70, title, 34, "songbold")
    y = 140.0
    if sub:
        cv.centred(w / 2, y, sub, 20, "song", GREY)
        y += 50
    lw = 250
    for label, value in rows:
        lines = wrap(value, 21, w - 160 - lw - 30, "song") or [""]
        rh = max(54, len(lines) * 32 + 20)
        cv.rect((80, y, 80 + lw, y + rh), 2)
        cv.rect((80 + lw, y, w - 80, y + rh), 2)
        cv.text(92, y + (rh - 21) / 2 - 2, label, 20, "song")
        for i, ln in enumerate(lines):
            if ln:
                cv.text(80 + lw + 14, y + 12 + i * 32, ln, 21, "song")
        y += rh
    y += 30
    for p in paras:
        y = cv.wrapped(90, y, p, 21, w - 180, "song", 0.5) + 12
    if seal:
        N.paint_seal(cv.img, (w - 300, min(y + 120, h - 160)), 90, seal, rng)
    return cv


def _neg(family: str, cv: Sheet | Image.Image, material: str = "unknown", lines: list[str] | None = None) -> SamplePage:
    return make_page(material, family, cv, {}, lines)


def neg_bank_permit(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("开户许可证", [("核准号", f"J{rng.randrange(10**12, 10**13)}"), ("编号", f"{rng.randrange(10**12, 10**13)}"),
                             ("存款人", d.company), ("法定代表人（单位负责人）", d.operator.name),
                             ("开户银行", f"中国建设银行股份有限公司{d.operator.region[2]}支行"),
                             ("账号", f"{rng.randrange(10**15, 10**16)}{rng.randrange(1000, 9999)}")],
                 ["经核准，准予开立基本存款账户。"], "中国人民银行" + d.operator.region[1].removesuffix("市") + "营业管理部", rng, LANDSCAPE)
    return _neg("bank-account-opening-permit", cv)


def neg_security_pledge(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("出租房屋治安责任保证书", [("出租人", d.lessor.name), ("出租房屋地址", d.premises), ("承租人", d.operator.name),
                                    ("承租用途", "经营")],
                 ["为维护社会治安秩序，出租人和承租人自愿作出如下保证：", "一、不利用出租房屋从事违法犯罪活动；",
                  "二、承租人员变动时，及时到辖区派出所申报登记；", "三、发现违法犯罪线索及时报告公安机关。",
                  "保证人（签字）：", f"{d.operator.region[2]}公安分局　{rng.choice(['城南', '河西', '新港'])}派出所制"], "", rng)
    return _neg("rental-security-pledge", cv)


def neg_subscription(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("商品房认购书", [("认购人", d.buyer.name), ("证件号码", d.buyer.id_number),
                               ("认购房号", f"{rng.randrange(1, 30)}栋{rng.randrange(1, 4)}单元{rng.randrange(5, 30)}0{rng.randrange(1, 5)}室"),
                               ("暂定面积", f"{d.area}平方米"), ("认购总价", f"{int(d.price):,}元"), ("认购金", "50,000元")],
                 ["认购人应于签订本认购书之日起七日内到售楼处签订《商品房买卖合同》，逾期视为放弃认购。",
                  "本认购书不作为办理产权登记的依据。", "认购人（签字）：　　　出卖人（盖章）："],
                 f"{d.operator.region[1].removesuffix('市')[-2:]}市{rng.choice(['锦绣', '华府', '滨江'])}置业有限公司", rng)
    return _neg("new-house-subscription-agreement", cv)


def neg_child_vaccination(d: CaseData, rng: random.Random) -> SamplePage:
    child = rng.choice(["小", "子", "一"]) + rng.choice(["宇", "涵", "诺"])
    cv = _notice("预防接种证", [("儿童姓名", d.operator.name[0] + child), ("出生日期", dated(AS_OF - timedelta(days=900), 3)),
                            ("监护人姓名", d.operator.name), ("家庭住址", d.premises)],
                 ["乙肝疫苗　第1剂　出生24小时内", "卡介苗　出生时", "脊灰灭活疫苗　2月龄", "百白破疫苗　3月龄",
                  "儿童入托、入学时须查验本证，请妥善保管。"], f"{d.operator.region[2]}社区卫生服务中心预防接种门诊", rng, sub="（儿童）")
    return _neg("child-vaccination-booklet", cv)


def neg_microchip(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("犬只电子标识植入登记单", [("犬主", d.operator.name), ("犬只品种", d.breed),
                                      ("芯片编号", f"{rng.randrange(10**14, 10**15)}"), ("植入部位", "左侧颈部皮下"),
                                      ("植入日期", dated(AS_OF - timedelta(days=rng.randrange(10, 90)), 3))],
                 ["本单据为电子标识植入记录，不作为免疫证明使用。"], f"{d.operator.region[2]}{rng.choice(['爱宠', '宠康', '瑞派'])}动物医院", rng)
    return _neg("dog-microchip-record", cv)


def neg_annual_report(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("个体工商户年度报告书", [("统一社会信用代码", d.credit_code), ("名称", d.trade_name), ("经营者姓名", d.operator.name),
                                   ("报告年度", f"{AS_OF.year - 1}年度"), ("资金数额", f"{rng.randrange(3, 30)}万元"),
                                   ("从业人数", str(rng.randrange(1, 6))), ("营业额或营业收入", f"{rng.randrange(10, 200)}万元")],
                 ["本年度报告内容通过国家企业信用信息公示系统向社会公示，经营者对其真实性负责。"], "", rng,
                 sub=f"报送日期：{dated(AS_OF - timedelta(days=rng.randrange(120, 200)), 3)}")
    return _neg("getihu-annual-report", cv)


def neg_survey_report(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("房产测绘成果报告书", [("委托单位", d.lessor.name), ("房屋坐落", d.premises), ("建筑面积", f"{d.area}㎡"),
                                  ("套内建筑面积", f"{float(d.area) - 10:.2f}㎡"), ("测绘日期", dated(date(2016, 5, 10), 3))],
                 ["本成果仅供办理相关手续参考，测绘面积以不动产登记机构登记为准。"], f"{d.lessor.region[2]}房产测绘队", rng)
    return _neg("house-survey-report", cv)


def neg_divorce_agreement(d: CaseData, rng: random.Random) -> SamplePage:
    a, b = d.lessor, d.spouse
    cv = _notice("离婚协议书", [("男方", a.name if a.sex == "男" else b.name), ("女方", b.name if a.sex == "男" else a.name)],
                 [f"双方于{dated(d.registered_on, 3)}登记结婚，现因感情破裂，经协商一致自愿离婚，并就有关事项达成如下协议：",
                  f"一、位于{d.premises}的房屋归{a.name}所有。", "二、双方无共同债权债务。", "三、本协议一式三份，自婚姻登记机关登记之日起生效。",
                  "男方（签字）：　　　　女方（签字）："], "", rng)
    return _neg("divorce-agreement", cv)


def neg_id_receipt(d: CaseData, rng: random.Random) -> SamplePage:
    p = d.operator
    cv = _notice("居民身份证领取凭证", [("姓名", p.name), ("公民身份号码", p.id_number), ("受理日期", dated(AS_OF - timedelta(days=9), 3)),
                                   ("领证日期", dated(AS_OF + timedelta(days=12), 3)), ("受理单位", p.issuer)],
                 ["请凭此凭证及本人近期照片回执到受理单位领取证件。此凭证不作为身份证明使用。"], p.issuer + "户政专用章", rng,
                 (1240, 900))
    return _neg("id-card-collection-receipt", cv)


def neg_name_notice(d: CaseData, rng: random.Random) -> SamplePage:
    cv = _notice("企业名称自主申报告知书", [("申报名称", d.company), ("申报人", d.operator.name), ("申报日期", dated(AS_OF - timedelta(days=5), 3))],
                 ["你提交的名称经系统比对，未发现与已登记或保留的名称相同，现予告知。", "本告知书不作为主体资格证明，请在三十日内办理设立登记。"],
                 f"{d.operator.region[2]}市场监督管理局", rng)
    return _neg("name-declaration-notice", cv)


# ---- the set --------------------------------------------------------------------------------------------------------

def _form_family(builder: Callable[..., SamplePage], family: str) -> Builder:
    """A form builder bound to one of :data:`FORM_STYLES6`."""
    return lambda d, rng: builder(d, rng, family)


_FORMS6 = {"individual_business_application": individual_application, "food_license_application": food_application,
           "dog_registration_form": dog_application}
BY_MATERIAL6: dict[str, dict[str, Builder]] = {  # material → {family: builder}, in the order the set draws them
    "business_license": {"licence-landscape-window-washout": licence_window,
                         "licence-portrait-app-crop-keystone": licence_tight_crop,
                         "licence-getihu-motion-blur": licence_shaken},
    "id_card": {"id-pair-counter-keystone": id_keystone_counter, "id-scanner-app-card-mode": id_card_mode},
    "property_certificate": {"title-coowner-with-fuji": title_coowner, "title-inner-page-curl": title_curl},
    "household_register": {"hukou-spread-page-curl": household_curl, "hukou-card-handwritten-old": household_by_hand},
    **{material: {fam: _form_family(build, fam) for fam in FORM_STYLES6} for material, build in _FORMS6.items()},
    "real_estate_application": {"estate-landscape-party-columns": estate_columns},
    "power_of_attorney": {"attorney-handwritten-letter-paper": attorney_letter_paper,
                          "attorney-online-printout": attorney_online},
    "lease_contract": {"lease-parties-in-signature-block": lease_signature, "lease-in-sheet-protector": lease_sheet_protector},
    "house_sale_contract": {"sale-price-table-daxie-xiaoxie": sale_price_table},
    "health_certificate": {"health-e-cert-phone-screen": health_screen, "health-card-counter-keystone": health_card_keystone},
    "dog_vaccination_cert": {"vaccination-a5-dotted-leaders": vaccination_leaders},
    "marriage_certificate": {"marriage-inner-page-curl": marriage_curl},
    "food_safety_rules": {"rules-web-template-printout": rules_online},
    "floor_plan": {"plan-cad-landscape-title-block": plan_cad},
}
FRESH6: list[tuple[str, str, Builder]] = [(material, family, build) for material, fams in BY_MATERIAL6.items()
                                          for family, build in fams.items()]  # (material, family, builder)
# the hard negatives (family → builder): papers handed in by mistake, each expected ``unknown``
NEGATIVES: dict[str, Builder] = dict(zip(
    ("bank-account-opening-permit", "rental-security-pledge", "new-house-subscription-agreement",
     "child-vaccination-booklet", "dog-microchip-record", "getihu-annual-report", "house-survey-report",
     "divorce-agreement", "id-card-collection-receipt", "name-declaration-notice"),
    (neg_bank_permit, neg_security_pledge, neg_subscription, neg_child_vaccination, neg_microchip, neg_annual_report,
     neg_survey_report, neg_divorce_agreement, neg_id_receipt, neg_name_notice), strict=True))


def _wed(d: CaseData, rng: random.Random) -> CaseData:
    """The seller's (lessor's) spouse is of the other sex (``CaseData.random`` pairs the spouse with the
    operator): the 结婚证 and the co-owner's 附记 name a couple."""
    d.spouse = person(rng, "女" if d.lessor.sex == "男" else "男")
    return d


def _sample_data(rng: random.Random) -> CaseData:
    d = _wed(CaseData.random(random.Random(rng.randrange(1 << 30))), rng)
    d.extra["agent"] = rng.random() < 0.5
    d.co_ownership = rng.choice(["单独所有", "共同共有", "按份共有"])
    return d


def iter_fresh6_samples(per_family: int = 1, seed: int = 0, negatives: bool = True) -> Iterator[tuple[str, SamplePage]]:
    """(family, page): ``per_family`` pages of every family, then the hard negatives (one each);
    ``samples.fresh.iter_set`` draws them."""
    from yichuang.samples.fresh import iter_set

    return iter_set([(family, build) for _, family, build in FRESH6], list(NEGATIVES.items()), per_family, seed,
                    _sample_data, negatives)


# ---- capture styles of this set ---------------------------------------------------------------------------------------

def _jpeg6(img: Image.Image, quality: int) -> Image.Image:
    """``img`` as it comes back from being saved as a JPEG of ``quality``."""
    saved = io.BytesIO()
    img.save(saved, "JPEG", quality=quality)
    return Image.open(io.BytesIO(saved.getvalue())).convert("RGB")


def scanner_app(img: Image.Image, rng: random.Random) -> Image.Image:
    """A phone scanner app's "document" filter: grey, the paper pushed to white and the ink to black
    (a steep tone curve, not a threshold), sharpened, a faint trace of the page's edge left where the
    app cropped, and its watermark line at the foot."""
    g = img.convert("L")
    lo, hi = rng.randrange(60, 90), rng.randrange(175, 200)
    g = g.point(lambda v: 0 if v <= lo else 255 if v >= hi else int((v - lo) * 255 / (hi - lo)))
    g = g.filter(ImageFilter.UnsharpMask(1.5, 80, 2))
    out = g.convert("RGB")
    out = shrink(out, 2200)
    dr = ImageDraw.Draw(out)
    dr.line([(0, 3), (out.width, rng.randrange(0, 8))], fill=(180, 180, 180), width=2)
    mark = f"由 掌上扫描 生成　{AS_OF - timedelta(days=rng.randrange(1, 30)):%Y-%m-%d %H:%M}"
    dr.text((out.width - width(mark, 16, "hei") - 30, out.height - 34), mark, font=face("hei", 16), fill=(140, 140, 140))
    return _jpeg6(out, rng.randrange(72, 86))


def handheld_overexposed(img: Image.Image, rng: random.Random) -> Image.Image:
    """A hand-held phone photo in bright light: over-exposed from one side, a motion blur of a few
    pixels, a JPEG of the phone's default quality."""
    img = shrink(img, 2200)
    img = overexposed(img, rng, rng.uniform(0.35, 0.5))
    img = motion_blur(img, rng.randrange(3, 6), rng.uniform(0, 180))
    return _jpeg6(img, rng.randrange(78, 88))


def captured6(sample: SamplePage, style: str, seed: int) -> Image.Image:
    """How a page of this set reaches us: fresh3's styles and the bench's (``fresh3.captured3``), or this
    set's own ``scanner-app`` and ``handheld-overexposed``."""
    from yichuang.samples.fresh3 import captured3
    from yichuang.samples.seals import mark_page

    own = {"scanner-app": _app_scan, "handheld-overexposed": _handheld_shot}.get(style)
    if own is None:
        return captured3(sample, style, seed)
    rng = random.Random(seed)  # the marks first (signatures, the applicant's seal), then the capture
    return own(sample, mark_page(sample.image, sample.material, seed, owner=sample.fields.get("applicant")), rng)


def _app_scan(sample: SamplePage, img: Image.Image, rng: random.Random) -> Image.Image:
    return scanner_app(img, rng)


def _handheld_shot(sample: SamplePage, img: Image.Image, rng: random.Random) -> Image.Image:
    """A page not yet photographed is laid on the desk first; a photo is only taken again."""
    if sample.image.info.get("photo"):
        return handheld_overexposed(img, rng)
    share = rng.uniform(0.5, 0.6) if sample.card else rng.uniform(0.8, 0.9)  # of the frame the page fills
    tilt = rng.choice([-1, 1]) * rng.uniform(1, 4)
    return handheld_overexposed(on_desk(img, rng, share, tilt, rng.uniform(0.02, 0.04)), rng)


# ---- whole cases ----------------------------------------------------------------------------------------------------

def _lapsed_card(p: Person) -> Person:
    """The same person's previous card: issued in 2008 for ten years, out of date on the check date."""
    return replace(p, valid_from=date(2008, 9, 12), valid_until="2018-09-12")


_SLIP = {"伟": "炜", "芳": "方", "静": "靜", "丽": "莉", "军": "君", "明": "鸣", "华": "桦", "杰": "洁", "红": "虹",
         "娜": "纳", "敏": "闽", "涛": "韬", "强": "蔷", "磊": "垒", "洋": "阳", "勇": "湧"}


def _misspelt(p: Person) -> Person:
    """The name as the counter form has it: its last character a homophone of the card's."""
    last = p.name[-1]
    return replace(p, name=p.name[:-1] + _SLIP.get(last, "玥" if last != "玥" else "悦"))


def _in_force(rng: random.Random) -> CaseData:
    """A case whose papers are all in force on the check date: cards issued in 2018–2024 for twenty
    years, a health exam and a rabies shot of the last months, a lease that has begun and runs on."""
    d = _wed(CaseData.random(random.Random(rng.randrange(1 << 30))), rng)
    d.extra = {}
    people = (d.operator, d.agent, d.lessor, d.buyer, d.spouse, d.staff)
    issued = [date(2018, 3, 1) + timedelta(days=rng.randrange(6 * 365)) for _ in people]
    for holder, day in zip(people, issued, strict=True):
        holder.valid_from, holder.valid_until = day, date(day.year + 20, day.month, min(day.day, 28)).isoformat()
    d.exam_date, d.vaccinated_on, d.term_start = (AS_OF - timedelta(days=rng.randrange(lo, hi))
                                                  for lo, hi in ((20, 250), (15, 200), (30, 330)))
    d.years = max(d.years, 2)
    return d


def _with(d: CaseData, **changes) -> CaseData:
    return CaseData(**{**vars(d), **changes})


def _swap(pages: list[SamplePage], old: SamplePage | list[SamplePage] | None, new: SamplePage | None) -> list[SamplePage]:
    """``pages`` with ``old`` (one page or several) taken out, ``new`` (if any) in its place."""
    olds = old if isinstance(old, list) else [old]
    out: list[SamplePage] = []
    for p in pages:
        if any(p is o for o in olds):
            if new is not None and p is olds[0]:
                out.append(new)
            continue
        out.append(p)
    return out


def _ibr_cases(k: int, rng: random.Random, r: Callable[[], random.Random]) -> Iterator[GenCase]:
    """个体工商户设立登记 through an agent the application names in this set's words."""
    d = _in_force(rng)
    d.individual = True
    d.extra.update(agent=True, lessee=d.operator.name, matter="个体工商户设立登记")
    fam = rng.choice(list(FORM_STYLES6))
    lease = lease_signature_pages(d, r())
    app = individual_application(d, r(), fam)
    op_id = id_case6(d, r())
    poa = attorney_case6(d, r())
    pages = [app, op_id, id_case6(d, r(), "agent"), *lease, poa]
    name, matters = f"fresh6-ibr-{k}", ["individual_business_registration"]
    yield GenCase(name, matters, pages, "complete")
    refused = {
        "agent_without_authority": lambda: _swap(pages, poa, None),
        "operator_id_expired": lambda: _swap(pages, op_id, id_case6(_with(d, operator=_lapsed_card(d.operator)), r())),
        "operator_name_mismatch": lambda: _swap(pages, app, individual_application(
            _with(d, operator=_misspelt(d.operator)), r(), fam)),
        "operator_id_number_blank": lambda: _swap(pages, app, individual_application(
            d, r(), fam, frozenset({"operator_id_number"}))),
        "lease_page_two_missing": lambda: _swap(pages, lease[1], None),
    }
    for variant, draw in refused.items():  # drawn one by one, in this order, as the case stream asks
        yield GenCase(name, matters, draw(), "incomplete", variant)


LICENCES6 = (licence_window, licence_tight_crop, licence_shaken)


def _food_cases(k: int, rng: random.Random, r: Callable[[], random.Random]) -> Iterator[GenCase]:
    """食品经营许可, every other case through an agent."""
    d = _in_force(rng)
    d.extra.update(agent=k % 2 == 1, lessee=d.operator.name, matter="食品经营许可")
    if LICENCES6[k % 3] is licence_shaken and not d.individual:  # that licence is a 个体工商户's: so is the applicant
        d.individual, d.credit_code = True, credit_code(rng, True, d.operator.region[0])
    lic = LICENCES6[k % 3](d, r())
    fam = rng.choice(list(FORM_STYLES6))
    app = food_application(d, r(), fam)
    lease = lease_case6(d, r())
    pages = [app, lic, id_case6(d, r()), *lease, rules_online(d, r()), plan_cad(d, r()), health_case6(d, r())]
    poa = attorney_case6(d, r()) if d.extra["agent"] else None
    if poa is not None:
        pages += [id_case6(d, r(), "agent"), poa]
    m, name = ["food_business_license"], f"fresh6-food-{k}"
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _swap(pages, lic, neg_annual_report(d, r())), "incomplete", "annual_report_for_licence")
    yield GenCase(name, m, _swap(pages, lease, None), "incomplete", "premises_proof_missing")
    other = _with(d, operator=replace(d.operator, id_number=d.staff.id_number))
    yield GenCase(name, m, _swap(pages, app, food_application(other, r(), fam)), "incomplete", "legal_rep_id_number_mismatch")
    yield GenCase(name, m, _swap(pages, app, food_application(d, r(), fam, frozenset({"legal_rep"}))), "incomplete",
                  "legal_rep_blank")
    if poa is not None:
        yield GenCase(name, m, _swap(pages, poa, None), "incomplete", "agent_without_authority")


def _house_cases(k: int, rng: random.Random, r: Callable[[], random.Random]) -> Iterator[GenCase]:
    """二手房转移登记: a jointly owned house every other case (the spouse's 结婚证 then needed)."""
    d = _in_force(rng)
    d.co_ownership = "共同共有" if k % 2 == 0 else "单独所有"
    d.extra["matter"] = "不动产转移登记"
    title, seller_id = title_case6(d, r()), id_case6(d, r(), "lessor")
    contract, app = sale_price_table(d, r()), estate_columns(d, r())
    pages = [app, id_case6(d, r(), "buyer"), seller_id, title, contract]
    consent = marriage_curl(d, r()) if d.co_ownership == "共同共有" else None
    if consent is not None:
        pages.append(consent)
    m, name = ["second_hand_house_transfer"], f"fresh6-house-{k}"
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _swap(pages, contract, neg_subscription(d, r())), "incomplete", "subscription_for_contract")
    yield GenCase(name, m, _swap(pages, title, neg_survey_report(d, r())), "incomplete", "survey_report_for_title")
    if consent is not None:
        yield GenCase(name, m, _swap(pages, consent, None), "incomplete", "joint_without_marriage_proof")
    yield GenCase(name, m, _swap(pages, seller_id, id_case6(_with(d, lessor=_lapsed_card(d.lessor)), r(), "lessor")),
                  "incomplete", "seller_id_expired")
    yield GenCase(name, m, _swap(pages, app, estate_columns(d, r(), frozenset({"seller"}))), "incomplete", "seller_blank")


def _dog_cases(k: int, rng: random.Random, r: Callable[[], random.Random]) -> Iterator[GenCase]:
    """养犬登记 with the 户口簿 as the residence proof."""
    d = _in_force(rng)
    d.extra["matter"] = "养犬登记"
    fam = rng.choice(list(FORM_STYLES6))
    form, owner_id, shot = dog_application(d, r(), fam), id_case6(d, r()), vaccination_leaders(d, r())
    pages = [form, owner_id, shot, (household_curl if k % 2 else household_by_hand)(d, r())]
    m, name = ["dog_registration"], f"fresh6-dog-{k}"
    yield GenCase(name, m, pages, "complete")
    yield GenCase(name, m, _swap(pages, shot, neg_microchip(d, r())), "incomplete", "microchip_for_vaccination")
    lapsed = _with(d, vaccinated_on=AS_OF - timedelta(days=400), extra={**d.extra, "vacc_until": AS_OF - timedelta(days=36)})
    yield GenCase(name, m, _swap(pages, shot, vaccination_leaders(lapsed, r())), "incomplete", "vaccination_expired")
    yield GenCase(name, m, _swap(pages, form, dog_application(d, r(), fam, frozenset({"owner_id_number"}))), "incomplete",
                  "owner_id_number_blank")
    yield GenCase(name, m, _swap(pages, form, dog_application(_with(d, operator=_misspelt(d.operator)), r(), fam)),
                  "incomplete", "owner_name_mismatch")


def fresh6_cases(n_per_matter: int = 3, seed: int = 0) -> Iterator[GenCase]:
    """``n_per_matter`` rounds of the four matters: in each, a complete case, then the variants of it
    a clerk must refuse (expected ``incomplete``; the bench counts a pass of one as a false accept)."""
    rng = random.Random(seed)
    seeded = functools.partial(_seeded, rng)
    for k, matter in itertools.product(range(n_per_matter), (_ibr_cases, _food_cases, _house_cases, _dog_cases)):
        yield from matter(k, rng, seeded)


def _seeded(rng: random.Random) -> random.Random:
    """A generator of its own for the next page, seeded from the case stream ``rng``."""
    return random.Random(rng.randrange(1 << 30))


# ---- the command ----------------------------------------------------------------------------------------------------

def write_fresh6(samples: list[tuple[str, SamplePage]], out: Path, styles: list[str], seed: int) -> int:
    """Every page in every style (``clean``: as drawn) under ``out/<style>/``, and ``truth.json`` (one
    record a written file, style by style); returns how many files it wrote."""
    import json

    seeds = random.Random(seed + 6)

    def written(style: str, n: int, family: str, page: SamplePage) -> dict:
        img = page.image if style == "clean" else captured6(page, style, seeds.randrange(1 << 30))
        rel = Path(style) / f"{n:02d}-{page.material}-{family}.jpg"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        img.save(out / rel, quality=90)
        return {"file": rel.as_posix(), "style": style, "material": page.material, "family": family, "fields": page.fields}

    records = [written(style, n, family, page) for style, (n, (family, page)) in itertools.product(styles, enumerate(samples))]
    (out / "truth.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(records)


def main() -> None:
    from yichuang.samples.fresh import set_arguments
    from yichuang.samples.fresh3 import STYLES3

    known = ", ".join(("clean", "the bench's", *STYLES3, *STYLES6))
    args = set_arguments(f"Draw the sixth never-seen set (pages + truth.json); styles: {known}.")
    count = write_fresh6(list(iter_fresh6_samples(args.per_family, args.seed)), Path(args.out),
                         list(filter(None, args.styles.split(","))), args.seed)
    print(f"wrote {count} fresh6 pages to {args.out}")


if __name__ == "__main__":
    main()
