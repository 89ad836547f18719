"""One builder per material: a rendered page and the fields it shows (the ground truth).

Builders read a ``CaseData`` so that the documents of one case agree with each other (the same
operator on the ID card and the application), and take a ``layout`` to vary the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from PIL import Image
from yichuang.samples import layouts as L
from yichuang.samples.people import (
    BREEDS,
    Person,
    address,
    cert_number,
    company_name,
    credit_code,
    person,
    shop_name,
    unit_number,
)


@dataclass
class SamplePage:
    material: str
    layout: str
    image: Image.Image
    fields: dict[str, str]
    card: bool = False  # a card photographed alone (on a desk), not an A4 page


@dataclass
class CaseData:
    """Everything the documents of one case say, consistent across materials."""

    rng: random.Random
    operator: Person = None  # type: ignore[assignment]
    agent: Person = None  # type: ignore[assignment]
    lessor: Person = None  # type: ignore[assignment]
    buyer: Person = None  # type: ignore[assignment]
    spouse: Person = None  # type: ignore[assignment]
    staff: Person = None  # type: ignore[assignment]
    premises: str = ""
    trade_name: str = ""
    company: str = ""
    credit_code: str = ""
    individual: bool = True
    scope: str = "预包装食品销售（含冷藏冷冻食品）；日用百货销售；烟草制品零售"
    established: date = date(2024, 5, 8)
    term_start: date = date(2025, 3, 1)
    years: int = 3
    co_ownership: str = "单独所有"
    area: str = "86.5"
    price: str = "1850000"
    breed: str = "中华田园犬"
    unit: str = ""
    cert: str = ""
    exam_date: date = date(2025, 6, 3)
    vaccinated_on: date = date(2025, 8, 12)
    registered_on: date = date(2012, 10, 1)
    extra: dict = field(default_factory=dict)

    @classmethod
    def random(cls, rng: random.Random) -> CaseData:
        op = person(rng)
        d = cls(rng=rng, operator=op, agent=person(rng), lessor=person(rng), buyer=person(rng),
                spouse=person(rng, "女" if op.sex == "男" else "男"), staff=person(rng))
        d.premises = address(rng, op.region)
        d.trade_name = shop_name(rng, op.region[2])
        d.company = company_name(rng, op.region[1])
        d.individual = rng.random() < 0.6
        d.credit_code = credit_code(rng, d.individual, op.region[0])
        d.established = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
        d.term_start = date(2024, 1, 1) + timedelta(days=rng.randrange(600))
        d.years = rng.choice([1, 2, 3, 5])
        d.area = f"{rng.randrange(40, 180)}.{rng.randrange(1, 10)}"
        d.price = str(rng.randrange(60, 600) * 10000)
        d.breed = rng.choice(BREEDS)
        d.unit = unit_number(rng, op.region[0])
        d.cert = cert_number(rng, op.region)
        d.exam_date = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        d.vaccinated_on = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        d.registered_on = date(2005, 1, 1) + timedelta(days=rng.randrange(5000))
        return d

    @property
    def entity_name(self) -> str:
        return self.trade_name if self.individual else self.company

    @property
    def term_end(self) -> date:
        return date(self.term_start.year + self.years, self.term_start.month, self.term_start.day) - timedelta(days=1)


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _pick(rng: random.Random, layouts: list[str], layout: str | None) -> str:
    return layout or rng.choice(layouts)


# ---- builders -----------------------------------------------------------------------------

def id_card(d: CaseData, layout: str | None = None, who: str = "operator") -> SamplePage:
    p: Person = getattr(d, who)
    layout = _pick(d.rng, ["front", "back", "photocopy"], layout)
    front = L.id_front(p.name, p.sex, p.ethnicity, p.birth, p.address, p.id_number)
    back = L.id_back(p.issuer, p.valid_from, p.valid_until)
    f_front = {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth.isoformat(),
               "address": p.address, "id_number": p.id_number}
    f_back = {"issuer": p.issuer, "valid_from": p.valid_from.isoformat(), "valid_until": p.valid_until}
    if layout == "front":
        return SamplePage("id_card", layout, front, f_front, card=True)
    if layout == "back":
        return SamplePage("id_card", layout, back, f_back, card=True)
    return SamplePage("id_card", layout, L.photocopy(front, back), {**f_front, **f_back})


def household_register(d: CaseData, layout: str | None = None) -> SamplePage:
    p = d.operator
    householder = p if d.rng.random() < 0.5 else d.spouse
    rows = [[("户别", "家庭户"), ("户主姓名", householder.name)], [("户号", f"{d.rng.randrange(10**8):08d}"),
            ("住址", p.address)],
            [("姓名", p.name), ("与户主关系", "户主" if householder is p else "配偶")],
            [("性别", p.sex), ("民族", p.ethnicity)], [("出生日期", _cn(p.birth)), ("籍贯", p.region[1])],
            [("公民身份号码", p.id_number)]]
    layout = _pick(d.rng, ["form", "rows"], layout)
    if layout == "rows":
        rows = [[pair] for row in rows for pair in row]
    img = L.form("居民户口簿", rows, value_style="serif", subtitle="常住人口登记卡")
    return SamplePage("household_register", layout, img, {"householder": householder.name, "address": p.address,
                                                          "name": p.name, "id_number": p.id_number})


def business_license(d: CaseData, layout: str | None = None) -> SamplePage:
    layout = _pick(d.rng, ["spaced", "plain"], layout)
    p = d.operator
    if d.individual:
        rows = [("名称", d.trade_name), ("类型", "个体工商户"), ("经营者", p.name), ("组成形式", "个人经营"),
                ("经营范围", d.scope), ("注册日期", _cn(d.established)), ("经营场所", d.premises)]
        etype = "个体工商户"
    else:
        rows = [("名称", d.company), ("类型", "有限责任公司（自然人独资）"), ("法定代表人", p.name),
                ("经营范围", d.scope), ("注册资本", "伍拾万元整"), ("成立日期", _cn(d.established)),
                ("住所", d.premises)]
        etype = "有限责任公司（自然人独资）"
    img = L.certificate("营业执照", rows, top_line=f"统一社会信用代码  {d.credit_code}", spaced=layout == "spaced",
                        footer=["登记机关（盖章）", f"{d.established.year}年{d.established.month}月{d.established.day}日"])
    truth = {"credit_code": d.credit_code, "entity_name": d.entity_name, "entity_type": etype,
             "legal_rep": p.name, "address": d.premises, "established": d.established.isoformat(),
             "business_scope": d.scope}
    return SamplePage("business_license", layout, img, _half(truth))


def individual_business_application(d: CaseData, layout: str | None = None, agent: bool | str = False) -> SamplePage:
    """``agent``: True fills the 委托代理人 rows; "blank" prints them with nothing legible written
    (the value a clerk must look at: the product cannot tell whether there is an agent)."""
    layout = _pick(d.rng, ["rows", "pairs"], layout)
    p = d.operator
    pairs = [("经营者姓名", p.name), ("经营者身份证号码", p.id_number), ("个体工商户名称", d.trade_name),
             ("经营场所", d.premises), ("经营范围", d.scope), ("联系电话", p.phone)]
    if agent:
        blank = agent == "blank"
        pairs += [("委托代理人姓名", "" if blank else d.agent.name),
                  ("委托代理人身份证号码", "" if blank else d.agent.id_number)]
    rows = [[x] for x in pairs]
    if layout == "pairs":
        rows = [[pairs[0], pairs[5]], [pairs[1]], [pairs[2]], [pairs[3]], [pairs[4]]]
        if agent:
            rows += [[pairs[6]], [pairs[7]]]
    img = L.form("个体工商户登记（备案）申请书", rows, notes=["本人承诺所提交的材料真实有效。", "经营者签字："])
    truth = {"operator_name": p.name, "operator_id_number": p.id_number, "trade_name": d.trade_name,
             "premises_address": d.premises, "business_scope": d.scope, "phone": p.phone}
    if agent is True:
        truth |= {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number}
    return SamplePage("individual_business_application", layout, img, _half(truth))


def food_license_application(d: CaseData, layout: str | None = None, agent: bool = False) -> SamplePage:
    layout = _pick(d.rng, ["rows", "pairs"], layout)
    p = d.operator
    pairs = [("申请人名称", d.entity_name), ("统一社会信用代码", d.credit_code), ("法定代表人（负责人）", p.name),
             ("法定代表人身份证号码", p.id_number), ("经营场所", d.premises), ("主体业态", "食品销售经营者（便利店）"),
             ("联系电话", p.phone)]
    if agent:
        pairs += [("委托代理人姓名", d.agent.name), ("委托代理人身份证号码", d.agent.id_number)]
    rows = [[x] for x in pairs]
    if layout == "pairs":
        rows = [[pairs[0]], [pairs[1]], [pairs[2], pairs[6]], [pairs[3]], [pairs[4]], [pairs[5]]]
        if agent:
            rows += [[pairs[7]], [pairs[8]]]
    img = L.form("食品经营许可申请书", rows, notes=["申请人声明：所填写内容及提交材料真实、合法、有效。", "申请人签字："])
    truth = {"applicant": d.entity_name, "credit_code": d.credit_code, "legal_rep": p.name,
             "legal_rep_id_number": p.id_number, "premises_address": d.premises,
             "business_format": "食品销售经营者（便利店）", "phone": p.phone}
    if agent:
        truth |= {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number}
    return SamplePage("food_license_application", layout, img, _half(truth))


def lease_contract(d: CaseData, layout: str | None = None, lessee: str | None = None) -> SamplePage:
    layout = _pick(d.rng, ["prose", "header"], layout)
    lessee = lessee or d.operator.name
    if layout == "header":
        rows = [[("出租方（甲方）", d.lessor.name), ("联系电话", d.lessor.phone)],
                [("承租方（乙方）", lessee), ("联系电话", d.operator.phone)], [("房屋坐落", d.premises)],
                [("租赁期限", f"自{_cn(d.term_start)}起至{_cn(d.term_end)}止")], [("月租金", "人民币伍仟元整")]]
        img = L.form("房屋租赁合同", rows, notes=["一、乙方应按时交纳水、电、燃气及物业费用，不得擅自改变房屋结构。",
                                                  "二、本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。",
                                                  "甲方（签字）：　　　　　　乙方（签字）："])
        truth = {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises,
                 "term_start": d.term_start.isoformat(), "term_end": d.term_end.isoformat()}
        return SamplePage("lease_contract", layout, img, _half(truth))
    paras = [f"出租方（甲方）：{d.lessor.name}　身份证号码：{d.lessor.id_number}",
             f"承租方（乙方）：{lessee}　联系电话：{d.operator.phone}",
             "甲乙双方经友好协商，就房屋租赁事宜达成如下协议：",
             f"第一条　甲方将位于{d.premises}的房屋出租给乙方作为经营场所使用，建筑面积{d.area}平方米。",
             f"第二条　租赁期限自{_cn(d.term_start)}起至{_cn(d.term_end)}止。",
             "第三条　月租金人民币伍仟元整，按季度支付，先付后用。",
             "第四条　乙方应按时交纳水、电、燃气及物业费用，不得擅自改变房屋结构。",
             "第五条　本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。",
             "甲方（签字）：　　　　　　乙方（签字）："]
    truth = {"lessor": d.lessor.name, "lessee": lessee, "address": d.premises,
             "term_start": d.term_start.isoformat(), "term_end": d.term_end.isoformat()}
    return SamplePage("lease_contract", layout, L.prose("房屋租赁合同", paras), _half(truth))


def property_certificate(d: CaseData, layout: str | None = None, owner: Person | None = None) -> SamplePage:
    owner = owner or d.lessor
    rows = [("权利人", owner.name), ("共有情况", d.co_ownership), ("坐落", d.premises), ("不动产单元号", d.unit),
            ("权利类型", "国有建设用地使用权/房屋所有权"), ("用途", "城镇住宅用地/住宅"), ("面积", f"建筑面积{d.area}㎡")]
    layout = _pick(d.rng, ["certificate", "label_above"], layout)
    img = L.certificate("不动产权证书", rows, top_line=d.cert, frame=True, label_above=layout == "label_above")
    truth = {"cert_number": d.cert, "owner": owner.name, "co_ownership": d.co_ownership, "address": d.premises,
             "unit_number": d.unit, "area": d.area}
    return SamplePage("property_certificate", layout, img, _half(truth))


def food_safety_rules(d: CaseData, layout: str | None = None) -> SamplePage:
    paras = [f"{d.entity_name}食品安全管理制度", "一、从业人员健康管理制度：从业人员每年进行健康检查，取得健康证明后方可上岗。",
             "二、进货查验记录制度：采购食品时查验供货者的许可证和食品合格证明，建立进货台账。",
             "三、食品安全自查制度：每月开展一次食品安全自查，发现问题及时整改并记录。",
             "四、从业人员培训制度：定期组织食品安全知识培训，做好培训记录。",
             "五、餐具用具清洗消毒制度：工具、容器使用后及时清洗消毒，保持清洁。"]
    return SamplePage("food_safety_rules", "prose", L.prose("食品安全管理制度", paras), {})


def floor_plan(d: CaseData, layout: str | None = None) -> SamplePage:
    from yichuang.samples.render import A4, Rect, Text, render

    items: list = []
    L.title(items, "经营场所平面布局图", 110, 44)
    rooms = [(120, 300, 620, 800, "销售区"), (620, 300, 1120, 800, "仓库"), (120, 800, 620, 1200, "收银台"),
             (620, 800, 1120, 1200, "洗手池　操作间")]
    for x0, y0, x1, y1, name in rooms:
        items.append(Rect(x0, y0, x1, y1, width=4))
        items.append(Text(x0 + 40, (y0 + y1) / 2 - 20, name, 34))
    items += [Text(120, 1250, "入口 ↑", 30), Text(120, 1320, f"地址：{d.premises}", 26),
              Text(120, 1380, "比例 1:100　　面积：" + d.area + "平方米", 26)]
    return SamplePage("floor_plan", "plan", render(items, A4), {})


def health_certificate(d: CaseData, layout: str | None = None, valid_until: date | None = None) -> SamplePage:
    p = d.staff
    until = valid_until or date(d.exam_date.year + 1, d.exam_date.month, min(d.exam_date.day, 28))
    rows = [("姓名", p.name), ("性别", p.sex), ("年龄", str(2025 - p.birth.year)), ("从业类别", "食品销售"),
            ("体检日期", _cn(d.exam_date)), ("有效期至", _cn(until)), ("发证机构", f"{p.region[2]}疾病预防控制中心")]
    layout = _pick(d.rng, ["certificate", "label_above"], layout)
    img = L.certificate("健康证明", rows, frame=layout == "label_above", top_line=f"编号：JK{d.rng.randrange(10**8):08d}",
                        label_above=layout == "label_above")
    return SamplePage("health_certificate", layout, img,
                      {"name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()})


def power_of_attorney(d: CaseData, layout: str | None = None, matter: str = "个体工商户设立登记") -> SamplePage:
    principal = d.operator.name
    paras = [f"委托人：{principal}", f"受托人：{d.agent.name}　身份证号码：{d.agent.id_number}",
             f"委托事项：代为办理{d.trade_name}{matter}的申请、材料提交及领取执照等事宜。",
             "委托期限：自签字之日起三个月内有效。", "委托人签字：　　　　　　受托人签字："]
    truth = {"principal": principal, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
             "entrusted_matter": f"代为办理{d.trade_name}{matter}的申请、材料提交及领取执照等事宜"}
    layout = _pick(d.rng, ["prose", "form"], layout)
    if layout == "form":
        rows = [[("委托人", principal)], [("受托人", d.agent.name)], [("受托人身份证号码", d.agent.id_number)],
                [("委托事项", truth["entrusted_matter"])], [("委托期限", "自签字之日起三个月内有效")]]
        img = L.form("授权委托书", rows, notes=["委托人签字：　　　　　　受托人签字："])
        return SamplePage("power_of_attorney", layout, img, _half(truth))
    return SamplePage("power_of_attorney", layout, L.prose("授权委托书", paras), _half(truth))


def real_estate_application(d: CaseData, layout: str | None = None) -> SamplePage:
    layout = _pick(d.rng, ["form", "pairs"], layout)
    rows = [[("登记类型", "转移登记")], [("权利人（买方）", d.buyer.name)], [("义务人（卖方）", d.lessor.name)],
            [("坐落", d.premises)], [("不动产单元号", d.unit)], [("不动产权证书号", d.cert)]]
    if layout == "pairs":
        rows = [[("登记类型", "转移登记"), ("申请日期", "")], [("权利人（买方）", d.buyer.name), ("义务人（卖方）", d.lessor.name)],
                [("坐落", d.premises)], [("不动产单元号", d.unit)], [("不动产权证书号", d.cert)]]
    img = L.form("不动产登记申请书", rows, notes=["申请人签字：", "申请日期："])
    truth = {"registration_type": "转移登记", "buyer": d.buyer.name, "seller": d.lessor.name,
             "address": d.premises, "unit_number": d.unit}
    return SamplePage("real_estate_application", layout, img, _half(truth))


def house_sale_contract(d: CaseData, layout: str | None = None, seller: str | None = None,
                        buyer: str | None = None) -> SamplePage:
    seller = seller or d.lessor.name
    buyer = buyer or d.buyer.name
    paras = [f"出卖人（甲方）：{seller}", f"买受人（乙方）：{buyer}",
             "根据《中华人民共和国民法典》及有关规定，甲乙双方就存量房买卖事宜达成如下协议：",
             f"第一条　房屋坐落：{d.premises}，建筑面积{d.area}平方米，不动产单元号{d.unit}。",
             f"第二条　成交价格：人民币{d.price}元。",
             "第三条　甲方保证该房屋权属清楚，无查封、抵押等限制。", "出卖人（签字）：　　　　买受人（签字）："]
    truth = {"seller": seller, "buyer": buyer, "address": d.premises, "price": d.price}
    return SamplePage("house_sale_contract", "prose", L.prose("存量房买卖合同", paras), _half(truth))


def marriage_certificate(d: CaseData, layout: str | None = None) -> SamplePage:
    holder, spouse = d.lessor, d.spouse
    no = f"J{holder.region[0]}-{d.registered_on.year}-{d.rng.randrange(10**6):06d}"
    rows = [("持证人", holder.name), ("登记日期", _cn(d.registered_on)), ("结婚证字号", no),
            ("姓名", holder.name), ("性别", holder.sex), ("姓名", spouse.name), ("性别", spouse.sex)]
    layout = _pick(d.rng, ["certificate", "spaced"], layout)
    img = L.certificate("结婚证", rows, frame=True, spaced=layout == "spaced")
    return SamplePage("marriage_certificate", layout, img,
                      {"holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(),
                       "cert_number": no})


def dog_registration_form(d: CaseData, layout: str | None = None) -> SamplePage:
    p = d.operator
    rows = [[("犬主姓名", p.name), ("联系电话", p.phone)], [("身份证号码", p.id_number)], [("住址", p.address)],
            [("犬只品种", d.breed), ("犬名", "旺财")], [("毛色", "黄色"), ("犬只性别", "雄")]]
    layout = _pick(d.rng, ["form", "rows"], layout)
    if layout == "rows":
        rows = [[pair] for row in rows for pair in row]
    img = L.form("养犬登记申请表", rows, notes=["申请人承诺遵守养犬管理规定，文明养犬。", "申请人签字："])
    truth = {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address, "breed": d.breed,
             "phone": p.phone}
    return SamplePage("dog_registration_form", layout, img, _half(truth))


def dog_vaccination_cert(d: CaseData, layout: str | None = None, owner: str | None = None,
                         valid_until: date | None = None) -> SamplePage:
    owner = owner or d.operator.name
    until = valid_until or date(d.vaccinated_on.year + 1, d.vaccinated_on.month, min(d.vaccinated_on.day, 28))
    rows = [("犬主姓名", owner), ("犬只品种", d.breed), ("疫苗名称", "狂犬病灭活疫苗"),
            ("免疫日期", _cn(d.vaccinated_on)), ("有效期至", _cn(until)), ("免疫单位", "动物诊疗中心")]
    layout = _pick(d.rng, ["certificate", "label_above"], layout)
    img = L.certificate("犬只狂犬病免疫证明", rows, frame=False, label_above=layout == "label_above")
    return SamplePage("dog_vaccination_cert", layout, img,
                      {"owner_name": owner, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
                       "valid_until": until.isoformat()})


def _half(fields: dict[str, str]) -> dict[str, str]:
    from yichuang.extractors.normalise import half

    return {k: half(v) for k, v in fields.items()}


BUILDERS = {
    "id_card": id_card, "household_register": household_register, "business_license": business_license,
    "individual_business_application": individual_business_application,
    "food_license_application": food_license_application, "lease_contract": lease_contract,
    "property_certificate": property_certificate, "food_safety_rules": food_safety_rules, "floor_plan": floor_plan,
    "health_certificate": health_certificate, "power_of_attorney": power_of_attorney,
    "real_estate_application": real_estate_application, "house_sale_contract": house_sale_contract,
    "marriage_certificate": marriage_certificate, "dog_registration_form": dog_registration_form,
    "dog_vaccination_cert": dog_vaccination_cert,
}

LAYOUTS = {"id_card": ["front", "back", "photocopy"], "business_license": ["spaced", "plain"],
           "individual_business_application": ["rows", "pairs"], "food_license_application": ["rows", "pairs"],
           "household_register": ["form", "rows"], "lease_contract": ["prose", "header"],
           "property_certificate": ["certificate", "label_above"], "health_certificate": ["certificate", "label_above"],
           "power_of_attorney": ["prose", "form"], "real_estate_application": ["form", "pairs"],
           "marriage_certificate": ["certificate", "spaced"], "dog_registration_form": ["form", "rows"],
           "dog_vaccination_cert": ["certificate", "label_above"]}
