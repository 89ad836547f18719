"""Pages for the failure-class goldens (issue 9), drawn after the real national layouts.

    YICHUANG_REGEN_GOLDEN=1 .venv/bin/python -m tests.data.extract.classes.pages

Each page is drawn here (not by ``samples/``: these layouts must not be the generator's), captured,
read once by the real OCR engine and stored as ``<name>.ocr.json``; ``<name>.expected.json`` holds
what a person reads on the page: the documents on it, their material and fields, and the fields
whose label is printed but whose value is blank (``unread``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PIL import Image, ImageDraw
from yichuang.extractors.validators import id_check_char, uscc_check_char
from yichuang.samples.render import capture, font

HERE = Path(__file__).parent
INK = (25, 25, 25)
RED = (200, 30, 30)


def idn(first17: str) -> str:
    return first17 + id_check_char(first17)


def uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


class Canvas:
    def __init__(self, size: tuple[int, int], paper=(255, 255, 255)) -> None:
        self.img = Image.new("RGB", size, paper)
        self.draw = ImageDraw.Draw(self.img)

    def text(self, x: float, y: float, text: str, size: int = 28, style: str = "sans", color=INK) -> None:
        self.draw.text((x, y), text, font=font(style, size), fill=color)

    def spaced(self, x: float, y: float, text: str, width: float, size: int = 28, style: str = "sans") -> None:
        """A label letter-spaced to fill ``width`` (名　　称 over the width of 法定代表人)."""
        if len(text) == 1:
            self.text(x, y, text, size, style)
            return
        step = (width - size) / (len(text) - 1)
        for i, ch in enumerate(text):
            self.text(x + i * step, y, ch, size, style)

    def rect(self, x0, y0, x1, y1, width=2, color=INK) -> None:
        self.draw.rectangle((x0, y0, x1, y1), outline=color, width=width)

    def seal(self, cx: float, cy: float, r: float, words: str) -> None:
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=5)
        self.text(cx - 18, cy - 22, "★", 40, "sans", RED)
        self.text(cx - r * 0.7, cy + r * 0.3, words, 20, "sans", RED)

    def qr(self, x: float, y: float, side: float) -> None:
        import random

        rng = random.Random(int(x * 7 + y))
        n = 21
        cell = side / n
        for i in range(n):
            for j in range(n):
                if rng.random() < 0.5 or (i < 7 and j < 7) or (i < 7 and j > 13) or (i > 13 and j < 7):
                    self.draw.rectangle((x + i * cell, y + j * cell, x + (i + 1) * cell, y + (j + 1) * cell), fill=INK)

    def wrap(self, x: float, y: float, text: str, chars: int, size: int = 26, step: float = 40,
             style: str = "sans") -> float:
        for k in range(0, len(text), chars):
            self.text(x, y, text[k:k + chars], size, style)
            y += step
        return y


# ---- 1/2: the national 营业执照 (2015 on), portrait, landscape, 个体工商户 -------------------------

def licence_portrait() -> tuple[Image.Image, dict]:
    code = uscc("91440300MA5F8K2L1")
    f = {"credit_code": code, "entity_name": "深圳市禾丰餐饮管理有限公司", "entity_type": "有限责任公司(自然人独资)",
         "legal_rep": "陈佳欣", "address": "深圳市坪山区石井街道田头社区金田路128号201",
         "established": "2019-03-15",
         "business_scope": "餐饮管理;餐饮服务;预包装食品销售;散装食品销售;日用百货销售;食品经营(销售预包装食品)"}
    c = Canvas((1240, 1754), (252, 250, 244))
    c.text(90, 120, "统一社会信用代码", 24)
    c.text(90, 156, code, 26)
    c.text(520, 230, "营　业　执　照", 56, "bold")
    c.text(560, 310, "（副　　本）", 30)
    c.text(90, 210, "编号 S2612019031500283", 20)
    c.qr(1000, 110, 150)
    c.text(990, 270, "扫描二维码登录", 16)
    L, LV, R, RV = 90, 250, 660, 820
    y = 430
    c.spaced(L, y, "名称", 130, 28)
    c.text(LV, y, "深圳市禾丰餐饮管理有限公司", 26)
    c.spaced(R, y, "注册资本", 130, 28)
    c.text(RV, y, "人民币伍拾万元整", 26)
    y += 90
    c.spaced(L, y, "类型", 130, 28)
    c.text(LV, y, "有限责任公司（自然人独资）", 26)
    c.spaced(R, y, "成立日期", 130, 28)
    c.text(RV, y, "2019年03月15日", 26)
    y += 90
    c.spaced(L, y, "法定代表人", 130, 28)
    c.text(LV, y, "陈佳欣", 26)
    c.spaced(R, y, "住所", 130, 28)
    c.wrap(RV, y, f["address"], 13, 26)
    y += 130
    c.spaced(L, y, "经营范围", 130, 28)
    c.wrap(LV, y, "餐饮管理；餐饮服务；预包装食品销售；散装食品销售；日用百货销售；食品经营（销售预包装食品）", 14, 26)
    c.spaced(R, y, "营业期限", 130, 28)
    c.text(RV, y, "长期", 26)
    c.text(660, 1380, "登记机关", 28)
    c.seal(920, 1420, 110, "深圳市市场监督管理局")
    c.text(840, 1520, "2019年03月15日", 28)
    c.text(240, 1640, "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", 20)
    return capture(c.img, "scan", 901), {"documents": [{"material": "business_license", "fields": f}]}


def licence_landscape() -> tuple[Image.Image, dict]:
    code = uscc("92330106MA2H4T7Q5")
    f = {"credit_code": code, "entity_name": "杭州市西湖区林记百货店", "entity_type": "个体工商户",
         "legal_rep": "林国栋", "address": "浙江省杭州市西湖区文三路259号1幢103室",
         "established": "2021-07-08", "business_scope": "日用百货销售;食品销售(仅销售预包装食品);烟草制品零售"}
    c = Canvas((1754, 1240), (250, 248, 240))
    c.text(100, 90, "统一社会信用代码 " + code, 26)
    c.text(690, 150, "营 业 执 照", 64, "bold")
    c.qr(1480, 80, 160)
    L, LV, R, RV = 150, 330, 930, 1110
    y = 340
    c.text(L, y, "名　　　称", 28)
    c.text(LV, y, f["entity_name"], 28)
    c.text(R, y, "组成形式 个人经营", 28)
    y += 80
    c.text(L, y, "类　　　型", 28)
    c.text(LV, y, "个体工商户", 28)
    c.text(R, y, "注册日期", 28)
    c.text(RV, y, "2021年07月08日", 28)
    y += 80
    c.text(L, y, "经　营　者", 28)
    c.text(LV, y, "林国栋", 28)
    c.text(R, y, "经营场所浙江省杭州市西湖区文三路259号", 28)
    c.text(RV, y + 44, "1幢103室", 28)
    y += 130
    c.text(L, y, "经营范围", 28)
    c.wrap(LV, y, "日用百货销售；食品销售（仅销售预包装食品）；烟草制品零售", 18, 28, 44)
    c.text(1150, 980, "登记机关", 28)
    c.seal(1360, 1010, 110, "杭州市西湖区市场监督管理局")
    c.text(1270, 1110, "2021年07月08日", 28)
    return capture(c.img, "camera", 902), {"documents": [{"material": "business_license", "fields": f}]}


# ---- 3: label wordings, sections (委托代理人 block), 5: unread --------------------------------

def _form_rows(c: Canvas, x0: float, y0: float, widths: list[float], rows: list[list[str]], h: float = 70) -> float:
    y = y0
    for row in rows:
        x = x0
        span = sum(widths)
        cells = len(row)
        ws = widths[:cells - 1] + [span - sum(widths[:cells - 1])] if cells < len(widths) else widths
        for text, w in zip(row, ws, strict=False):
            c.rect(x, y, x + w, y + h)
            if text:
                c.text(x + 12, y + (h - 26) / 2, text, 24 if len(text) < 14 else 22, "kai" if text.startswith("~") else "sans")
            x += w
        y += h
    return y


def individual_application_agent() -> tuple[Image.Image, dict]:
    op_id, ag_id = idn("44030619880512301"), idn("44030319900218402")
    f = {"operator_name": "黄志强", "operator_id_number": op_id, "trade_name": "深圳市福田区志强便利店",
         "premises_address": "深圳市福田区华强北路1002号", "phone": "13926541870",
         "agent_name": "李海燕", "agent_id_number": ag_id}
    c = Canvas((1240, 1754))
    c.text(330, 110, "个体工商户登记（备案）申请书", 40, "bold")
    rows = [["经营者姓名", f["operator_name"], "身份证号码", op_id],
            ["个体工商户名称", f["trade_name"]],
            ["经营场所", f["premises_address"]],
            ["组成形式", "个人经营", "从业人数", "3"],
            ["经营范围", "预包装食品销售；日用百货销售"],
            ["联系电话", f["phone"], "邮政编码", "518000"],
            ["委托代理人", f["agent_name"], "代理人身份证号码", ag_id]]
    _form_rows(c, 80, 220, [210, 330, 220, 320], rows)
    c.text(100, 800, "本人承诺所提交材料真实有效。", 26)
    c.text(100, 880, "经营者签字：", 26)
    c.text(700, 880, "2025年6月3日", 26)
    return capture(c.img, "scan", 903), {"documents": [{"material": "individual_business_application", "fields": f}]}


def individual_application_agent_blank() -> tuple[Image.Image, dict]:
    op_id = idn("11010519850923611")
    f = {"operator_name": "赵文博", "operator_id_number": op_id, "trade_name": "北京市朝阳区文博文具店",
         "premises_address": "北京市朝阳区望京街道阜通东大街6号", "phone": "13701234567"}
    c = Canvas((1240, 1754))
    c.text(330, 110, "个体工商户登记（备案）申请书", 40, "bold")
    rows = [["经营者姓名", f["operator_name"], "身份证件号码", op_id],
            ["个体工商户名称", f["trade_name"]],
            ["经营场所", f["premises_address"]],
            ["联系电话", f["phone"]]]
    y = _form_rows(c, 80, 220, [210, 330, 220, 320], rows)
    c.text(90, y + 30, "委托代理人", 28, "bold")
    _form_rows(c, 80, y + 80, [210, 330, 220, 320], [["姓名", "", "身份证号码", ""], ["联系电话", ""]])
    c.text(100, 900, "经营者签字：", 26)
    # the form prints no 经营范围 row: not found, so unread (a person looks if a rule needs it)
    return capture(c.img, "scan", 904), {"documents": [{"material": "individual_business_application", "fields": f,
                                                        "unread": ["agent_id_number", "agent_name", "business_scope"]}]}


def real_estate_application() -> tuple[Image.Image, dict]:
    unit = "440305006001GB00012F00010203"
    f = {"buyer": "周晓峰", "seller": "吴美玲", "address": "深圳市南山区粤海街道科技南路18号海岸城3栋1502",
         "unit_number": unit, "registration_type": "转移登记"}
    c = Canvas((1240, 1754))
    c.text(390, 100, "不动产登记申请书", 44, "bold")
    rows = [["登记类型", "☑转移登记　□首次登记　□变更登记"],
            ["权利人（申请人）", f["buyer"], "身份证件号码", idn("44030519870611281")],
            ["义务人", f["seller"], "身份证件号码", idn("44030419780304202")],
            ["坐落", f["address"]],
            ["不动产单元号", unit]]
    _form_rows(c, 80, 200, [230, 300, 220, 330], rows, 80)
    c.text(100, 700, "申请人签字：", 26)
    c.text(700, 700, "申请日期：2025年5月20日", 26)
    return capture(c.img, "scan", 905), {"documents": [{"material": "real_estate_application", "fields": f}]}


# ---- 4: values wrapped inside a table cell; 建筑面积 vs 土地使用权面积 ------------------------------

def property_certificate_table() -> tuple[Image.Image, dict]:
    unit = "440305006001GB00012F00010203"
    f = {"cert_number": "粤(2020)深圳市不动产权第0211456号", "owner": "吴美玲", "co_ownership": "单独所有",
         "address": "南山区粤海街道科技南路18号海岸城3栋1502", "unit_number": unit, "area": "89.32"}
    c = Canvas((1240, 1754), (250, 247, 238))
    c.text(150, 120, "粤（2020）深圳市不动产权第0211456号", 30)
    x0, xl, x1 = 150, 370, 1090
    rows = [("权利人", ["吴美玲"]), ("共有情况", ["单独所有"]),
            ("坐落", ["南山区粤海街道科技南路18号海岸城3栋1502"]),
            ("不动产单元号", [unit[:16], unit[16:]]),
            ("权利类型", ["国有建设用地使用权/房屋所有权"]), ("权利性质", ["出让/市场化商品房"]),
            ("用途", ["城镇住宅用地/住宅"]),
            ("面积", ["土地使用权面积：35.20㎡", "房屋建筑面积：89.32㎡"]),
            ("使用期限", ["2010年05月01日起2080年04月30日止"])]
    y = 200
    for label, values in rows:
        h = 40 + 40 * len(values)
        c.rect(x0, y, xl, y + h)
        c.rect(xl, y, x1, y + h)
        c.text(x0 + 20, y + h / 2 - 14, label, 26)
        for k, v in enumerate(values):
            c.text(xl + 20, y + 20 + 40 * k, v, 26)
        y += h
    c.rect(x0, y, x1, y + 200)
    c.text(x0 + 20, y + 20, "权利其他状况", 26)
    return capture(c.img, "scan", 906), {"documents": [{"material": "property_certificate", "fields": f}]}


# ---- 5: two ID card sides on one image --------------------------------------------------------

def id_cards_side_by_side() -> tuple[Image.Image, dict]:
    num = idn("44030419920817532")
    front = {"name": "张大民", "sex": "男", "ethnicity": "汉", "birth_date": "1992-08-17",
             "address": "广东省深圳市福田区莲花路2008号", "id_number": num}
    back = {"issuer": "深圳市公安局福田分局", "valid_from": "2016-05-10", "valid_until": "2036-05-10"}
    c = Canvas((2000, 820), (235, 235, 232))
    for x in (60, 1040):
        c.draw.rounded_rectangle((x, 100, x + 900, 100 + 570), 30, fill=(244, 246, 250), outline=(180, 180, 190))
    x, y = 60, 100
    c.text(x + 60, y + 60, "姓名", 24, "sans", (60, 90, 150))
    c.text(x + 160, y + 56, "张大民", 32)
    c.text(x + 60, y + 130, "性别", 24, "sans", (60, 90, 150))
    c.text(x + 160, y + 126, "男", 30)
    c.text(x + 260, y + 130, "民族", 24, "sans", (60, 90, 150))
    c.text(x + 360, y + 126, "汉", 30)
    c.text(x + 60, y + 200, "出生", 24, "sans", (60, 90, 150))
    c.text(x + 160, y + 196, "1992年8月17日", 30)
    c.text(x + 60, y + 270, "住址", 24, "sans", (60, 90, 150))
    c.text(x + 160, y + 266, "广东省深圳市福田区莲花", 30)
    c.text(x + 160, y + 310, "路2008号", 30)
    c.rect(x + 620, y + 60, x + 860, y + 360, 2, (190, 190, 200))
    c.text(x + 60, y + 470, "公民身份号码", 24, "sans", (60, 90, 150))
    c.text(x + 280, y + 466, num, 32)
    x = 1040
    c.text(x + 60, y + 50, "★", 90, "sans", (200, 40, 40))
    c.text(x + 250, y + 90, "中华人民共和国", 44, "bold")
    c.text(x + 270, y + 170, "居民身份证", 58, "bold")
    c.text(x + 160, y + 400, "签发机关", 24, "sans", (60, 90, 150))
    c.text(x + 300, y + 396, back["issuer"], 30)
    c.text(x + 160, y + 470, "有效期限", 24, "sans", (60, 90, 150))
    c.text(x + 300, y + 466, "2016.05.10-2036.05.10", 30)
    expected = {"documents": [{"material": "id_card", "fields": front}, {"material": "id_card", "fields": back}]}
    return capture(c.img, "scan", 907), expected


# ---- 6: prose ---------------------------------------------------------------------------------

def sale_contract_prose() -> tuple[Image.Image, dict]:
    f = {"seller": "吴美玲", "buyer": "周晓峰", "address": "深圳市南山区粤海街道科技南路18号海岸城3栋1502",
         "price": "2530000"}
    lines = ["出卖人：吴美玲　　身份证号码：" + idn("44030419780304202"),
             "买受人：周晓峰　　身份证号码：" + idn("44030519870611281"),
             "根据《中华人民共和国民法典》及有关规定，甲乙双方经协商一致，",
             "订立本合同。",
             "第一条　出卖人所售房屋坐落于深圳市南山区粤海街道科技南路18号海",
             "岸城3栋1502的房屋，建筑面积89.32平方米。",
             "第二条　双方协商一致，该房屋成交价款为人民币2530000元（大写：贰",
             "佰伍拾叁万元整）。",
             "第三条　买受人于本合同签订之日起五日内支付定金人民币十万元。",
             "第四条　出卖人应于2025年7月1日前将房屋交付买受人。"]
    c = Canvas((1240, 1754))
    c.text(420, 110, "存量房买卖合同", 44, "bold")
    for i, t in enumerate(lines):
        c.text(100, 220 + 62 * i, t, 28, "serif")
    return capture(c.img, "camera", 908), {"documents": [{"material": "house_sale_contract", "fields": f}]}


# ---- 7: an issued 食品经营许可证 handed in for its application ------------------------------------

def food_permit() -> tuple[Image.Image, dict]:
    c = Canvas((1754, 1240), (250, 250, 245))
    c.text(640, 110, "食品经营许可证", 64, "bold")
    c.qr(1480, 90, 150)
    rows = [("经营者名称", "深圳市禾丰餐饮管理有限公司"), ("社会信用代码", uscc("91440300MA5F8K2L1")),
            ("法定代表人（负责人）", "陈佳欣"), ("住　　所", "深圳市坪山区石井街道田头社区金田路128号201"),
            ("经营场所", "深圳市坪山区石井街道田头社区金田路128号201"), ("主体业态", "餐饮服务经营者（中型餐馆）"),
            ("经营项目", "热食类食品制售；冷食类食品制售")]
    y = 290
    for lab, val in rows:
        c.text(150, y, lab, 28)
        c.text(470, y, val, 28)
        y += 70
    c.text(1100, 290, "许可证编号：JY24403100284561", 28)
    c.text(1100, 360, "日常监督管理机构：坪山区市场监管所", 24)
    c.text(1100, 430, "投诉举报电话：12315", 24)
    c.text(1100, 500, "有效期至：2029年03月14日", 28)
    c.text(1100, 900, "发证机关", 28)
    c.seal(1320, 930, 100, "深圳市市场监督管理局")
    c.text(1230, 1030, "签发人：刘志明　2024年03月15日", 24)
    return capture(c.img, "scan", 909), {"documents": [{"material": "unknown", "recognised_as": "food_business_permit"}]}


def licence_partnership_phone() -> tuple[Image.Image, dict]:
    """A partnership's licence (执行事务合伙人, 主要经营场所, 合伙期限), photographed by phone."""
    code = uscc("91320106MA1Y3R8P4")
    f = {"credit_code": code, "entity_name": "南京青禾企业管理咨询合伙企业(有限合伙)", "entity_type": "有限合伙企业",
         "legal_rep": "孙立伟", "address": "南京市鼓楼区中山北路268号1201室", "established": "2018-11-02"}
    c = Canvas((1754, 1240), (250, 248, 240))
    c.text(100, 90, "统一社会信用代码", 26)
    c.text(100, 128, code, 28)
    c.text(700, 150, "营　业　执　照", 64, "bold")
    c.qr(1480, 80, 160)
    L, LV, R, RV = 120, 360, 930, 1150
    y = 340
    c.spaced(L, y, "名称", 200, 28)
    c.wrap(LV, y, "南京青禾企业管理咨询合伙企业（有限合伙）", 14, 28, 44)
    c.spaced(R, y, "出资额", 180, 28)
    c.text(RV, y, "人民币壹佰万元整", 28)
    y += 120
    c.spaced(L, y, "类型", 200, 28)
    c.text(LV, y, "有限合伙企业", 28)
    c.spaced(R, y, "成立日期", 180, 28)
    c.text(RV, y, "2018年11月02日", 28)
    y += 80
    c.text(L, y, "执行事务合伙人", 28)
    c.text(LV, y, "孙立伟", 28)
    c.spaced(R, y, "合伙期限", 180, 28)
    c.text(RV, y, "2018年11月02日至长期", 28)
    y += 80
    c.spaced(L, y, "经营范围", 200, 28)
    c.wrap(LV, y, "企业管理咨询；商务信息咨询；市场营销策划（依法须经批准的项目，经相关部门批准后方可开展经营活动）", 16, 28, 44)
    c.text(R, y, "主要经营场所", 28)
    c.wrap(RV, y, f["address"], 12, 28, 44)
    c.text(1150, 980, "登记机关", 28)
    c.seal(1360, 1010, 110, "南京市鼓楼区市场监督管理局")
    c.text(1270, 1110, "2018年11月02日", 28)
    return capture(c.img, "phone", 910), {"documents": [{"material": "business_license", "fields": f}]}


def food_application_trustee() -> tuple[Image.Image, dict]:
    """A local 食品经营许可申请书: 负责人 wording, the agent block headed 受托人 printed vertically."""
    lr_id, ag_id = idn("32010619750930121"), idn("32010219930412332")
    f = {"applicant": "南京青禾餐饮有限公司", "credit_code": uscc("91320106MA1Y7K2D3"), "legal_rep": "顾家明",
         "legal_rep_id_number": lr_id, "premises_address": "南京市鼓楼区湖南路11号", "business_format": "餐饮服务经营者",
         "agent_name": "许晴", "agent_id_number": ag_id}
    c = Canvas((1240, 1754))
    c.text(360, 110, "食品经营许可申请书", 42, "bold")
    rows = [["申请人名称", f["applicant"]], ["社会信用代码", f["credit_code"]],
            ["负责人", f["legal_rep"], "身份证件号码", lr_id], ["经营场所", f["premises_address"]],
            ["主体业态", "☑餐饮服务经营者　□食品销售经营者"]]
    y = _form_rows(c, 80, 220, [210, 330, 220, 320], rows)
    c.rect(80, y, 160, y + 140)
    for k, ch in enumerate("受托人"):
        c.text(105, y + 12 + 40 * k, ch, 28)
    _form_rows(c, 160, y, [130, 330, 220, 320], [["姓名", f["agent_name"]], ["身份证号码", ag_id]])
    c.text(100, y + 220, "申请人签字：", 26)
    f["business_format"] = "餐饮服务经营者"
    return capture(c.img, "camera", 911), {"documents": [{"material": "food_license_application", "fields": f,
                                                          "unread": ["phone"]}]}  # no 联系电话 row printed


# ---- label above its value (certificates, cards) ---------------------------------------------------

def health_certificate_label_above() -> tuple[Image.Image, dict]:
    """A 健康证明 card: each label a small line, its value on the line below, three to a row."""
    f = {"name": "王丽华", "exam_date": "2026-03-10", "valid_until": "2027-03-09"}
    c = Canvas((1100, 700), (250, 252, 255))
    c.text(330, 40, "从业人员健康证明", 48, "bold")
    c.rect(40, 20, 1060, 680, 3)
    cols = [80, 420, 760]
    cells = [[("姓名", "王丽华"), ("性别", "女"), ("年龄", "32")],
             [("体检日期", "2026年03月10日"), ("有效期至", "2027年03月09日"), ("从业类别", "食品")],
             [("编号", "440304202603100112"), ("发证机构", "深圳市福田区疾病预防控制中心"), None]]
    y = 150
    for row in cells:
        for x, cell in zip(cols, row, strict=True):
            if cell:
                c.text(x, y, cell[0], 20, "sans", (90, 90, 90))
                c.text(x, y + 34, cell[1], 28 if len(cell[1]) < 14 else 20)
        y += 140
    return capture(c.img, "scan", 921), {"documents": [{"material": "health_certificate", "fields": f}]}


def vaccination_cert_label_above() -> tuple[Image.Image, dict]:
    """A 免疫证明 in ruled cells, the label at the top of each cell and the value under it."""
    f = {"owner_name": "周建国", "breed": "柯基犬", "vaccinated_on": "2026-05-18", "valid_until": "2027-05-17"}
    c = Canvas((1240, 900))
    c.text(380, 50, "犬只狂犬病免疫证明", 44, "bold")
    cells = [[("犬主姓名", "周建国"), ("犬只品种", "柯基犬"), ("毛色", "黄白")],
             [("免疫日期", "2026年5月18日"), ("有效期至", "2027年5月17日"), ("疫苗批号", "202604017")],
             [("免疫单位", "成都市武侯区动物疫病预防控制中心"), ("兽医签字", "")]]
    y = 160
    for row in cells:
        x = 80
        w = 1080 / len(row)
        for label, value in row:
            c.rect(x, y, x + w, y + 150)
            c.text(x + 14, y + 14, label, 22)
            if value:
                c.text(x + 30, y + 70, value, 30 if len(value) < 12 else 24)
            x += w
        y += 150
    return capture(c.img, "camera", 922), {"documents": [{"material": "dog_vaccination_cert", "fields": f}]}


# ---- values on underlines ----------------------------------------------------------------------------

def dog_registration_underlines() -> tuple[Image.Image, dict]:
    """A 养犬登记申请表 in the underline style: ``label：______`` with the value written on the line
    (printed, or in a hand-like face sitting a little above it)."""
    oid = idn("51010719870315422")
    f = {"owner_name": "刘晓梅", "owner_id_number": oid, "address": "成都市青羊区文翁路18号3栋2单元501",
         "breed": "比熊犬", "phone": "13882145566"}
    c = Canvas((1240, 1754))
    c.text(400, 110, "养犬登记申请表", 44, "bold")
    rows = [("犬主姓名：", f["owner_name"], 0), ("身份证号码：", oid, 0), ("住址：", f["address"], 1),
            ("犬只品种：", f["breed"], 1), ("犬名：", "豆豆", 0), ("联系电话：", f["phone"], 1)]
    y = 260
    for label, value, raised in rows:
        c.text(100, y, label, 28)
        x0 = 100 + 28 * len(label) + 8
        c.draw.line((x0, y + 36, 1140, y + 36), fill=INK, width=2)
        c.text(x0 + 40, y - (10 if raised else 2), value, 28, "kai" if raised else "sans")
        y += 110
    c.text(100, y + 40, "申请人签字：____________", 28)
    return capture(c.img, "scan", 923), {"documents": [{"material": "dog_registration_form", "fields": f}]}


# ---- a declaration sentence is not a label ---------------------------------------------------------

def food_application_declaration() -> tuple[Image.Image, dict]:
    """The 申请人声明 paragraph under the form: 申请人 there heads a sentence, not the applicant's name."""
    lr_id = idn("51010219800101203")
    f = {"applicant": "成都市锦江区家乐商贸有限公司", "credit_code": uscc("91510104MA6C4R1B2"), "legal_rep": "罗建军",
         "legal_rep_id_number": lr_id, "premises_address": "成都市锦江区春熙路88号", "business_format": "食品销售经营者",
         "phone": "13980012345"}
    c = Canvas((1240, 1754))
    c.text(360, 110, "食品经营许可申请书", 42, "bold")
    c.text(90, 200, "申请人声明：本申请书所填写内容及所附材料均真实、合法、有效。", 26)
    rows = [["申请人名称", f["applicant"]], ["统一社会信用代码", f["credit_code"]],
            ["法定代表人", f["legal_rep"], "身份证号码", lr_id], ["经营场所", f["premises_address"]],
            ["主体业态", "☑食品销售经营者　□餐饮服务经营者"], ["联系电话", f["phone"]]]
    y = _form_rows(c, 80, 270, [230, 330, 200, 320], rows)
    c.text(90, y + 40, "申请人签字：", 26)
    return capture(c.img, "scan", 924), {"documents": [{"material": "food_license_application", "fields": f}]}


def application_underscores() -> tuple[Image.Image, dict]:
    """A 个体工商户 application printed as ``label：＿＿＿＿`` (the line is part of the printed text)
    and filled in by hand on the line: OCR reads the label with its run of underscores as one box
    and the value as a box over them."""
    op_id = idn("33010619910708152")
    f = {"operator_name": "沈佳怡", "operator_id_number": op_id, "trade_name": "杭州市西湖区佳怡花店",
         "premises_address": "杭州市西湖区文三路259号", "business_scope": "鲜花零售；礼品销售", "phone": "13757112233"}
    c = Canvas((1240, 1754))
    c.text(330, 110, "个体工商户登记（备案）申请书", 40, "bold")
    rows = [("经营者姓名：", f["operator_name"]), ("身份证号码：", op_id), ("个体工商户名称：", f["trade_name"]),
            ("经营场所：", f["premises_address"]), ("经营范围：", f["business_scope"]), ("联系电话：", f["phone"])]
    y = 250
    for label, value in rows:
        c.text(100, y, label + "＿" * (26 - len(label)), 28)
        c.text(100 + 28 * len(label) + 30, y - 14, value, 30, "kai", (20, 40, 160))
        y += 100
    c.text(100, y + 40, "经营者签字：", 28)
    f["business_scope"] = "鲜花零售;礼品销售"  # read in canonical form
    return capture(c.img, "scan", 925), {"documents": [{"material": "individual_business_application", "fields": f}]}


PAGES = {
    "licence-portrait": licence_portrait,
    "licence-landscape-individual": licence_landscape,
    "application-agent-wording": individual_application_agent,
    "application-agent-blank": individual_application_agent_blank,
    "real-estate-application-wording": real_estate_application,
    "property-certificate-wrapped-cell": property_certificate_table,
    "id-card-two-sides-one-image": id_cards_side_by_side,
    "sale-contract-prose": sale_contract_prose,
    "food-permit-lookalike": food_permit,
    "licence-partnership-phone": licence_partnership_phone,
    "food-application-trustee-vertical": food_application_trustee,
    "health-certificate-label-above": health_certificate_label_above,
    "vaccination-cert-label-above": vaccination_cert_label_above,
    "dog-registration-underlines": dog_registration_underlines,
    "food-application-declaration": food_application_declaration,
    "application-underscores": application_underscores,
}


def main(names: list[str]) -> None:
    if os.environ.get("YICHUANG_REGEN_GOLDEN") != "1":
        sys.exit("set YICHUANG_REGEN_GOLDEN=1 to overwrite the golden files")
    from yichuang.extractors.ocr import get_engine
    from yichuang.ingest.pages import PageContent

    from yichuang.pipeline import read_page

    engine = get_engine("ppocr")
    for name in names or list(PAGES):
        img, expected = PAGES[name]()
        if os.environ.get("SAVE_PNG"):
            img.save(f"/tmp/{name}.png")
        page = read_page(PageContent(page=1, width=img.width, height=img.height, image=img),
                         f"{name}.jpg", f"golden-{name}-1", engine)
        (HERE / f"{name}.ocr.json").write_text(page.model_dump_json(indent=1), encoding="utf-8")
        (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
        print(name, len(page.lines), "lines")


if __name__ == "__main__":
    main(sys.argv[1:])
