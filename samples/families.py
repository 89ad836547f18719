"""Layout families per material, one of them held out; and whole cases drawn from them.

    .venv/bin/python -m samples.families --out /tmp/fam --split dev --per-family 1

A *family* is one way a material is laid out (the licence's 正本 landscape, the ID card's two sides
side by side, a form with the underline style and another province's wording …). For every
material with fields, exactly one family is **held out** (``HELD_OUT``): nobody develops or tunes on
it; ``bench.accuracy --split heldout`` measures on it once, at the end. ``--split dev`` never draws
a held-out family or a held-out wording.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PIL import Image
from yichuang.samples import fuzz
from yichuang.samples import materials as M
from yichuang.samples import national as N
from yichuang.samples.materials import CaseData, SamplePage, _half
from yichuang.samples.people import Person, credit_code

Builder = Callable[[CaseData, random.Random], SamplePage]
SCOPES = ["预包装食品销售（含冷藏冷冻食品）；散装食品销售；日用百货、文具用品、五金产品零售；烟草制品零售（凭许可证经营）；"
          "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
          "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；"
          "计算机软硬件及辅助设备零售；办公用品销售。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
          "餐饮服务；食品销售；小食杂；日用百货销售"]


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# ---- issued documents -------------------------------------------------------------------------------

def _licence_data(d: CaseData, rng: random.Random, kind: str | None = None) -> N.LicenceData:
    kind = kind or ("individual" if d.individual else rng.choice(["company", "company", "joint_stock", "branch",
                                                                  "partnership", "sole"]))
    if (kind == "individual") != d.individual:  # the code's first digits say which (92: 个体工商户)
        d.credit_code = credit_code(rng, kind == "individual", d.operator.region[0])
    ktypes = N.LICENCE_KINDS[kind]["types"]
    if kind == "branch" and not d.company.endswith("分公司"):
        d.company += "第一分公司"  # the case's other documents name the branch too
    name = d.trade_name if kind == "individual" else d.company
    d.individual = kind == "individual"
    return N.LicenceData(kind=kind, credit_code=d.credit_code, name=name, entity_type=rng.choice(ktypes),
                         person=d.operator.name, scope=rng.choice([d.scope, *SCOPES]), established=d.established,
                         place=d.premises, authority=f"{d.operator.region[2]}市场监督管理局")


def licence(orientation: str, kind: str | None = None) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        ld = _licence_data(d, rng, kind)
        o = orientation if orientation != "any" else rng.choice(["portrait", "landscape"])
        return SamplePage("business_license", "", N.business_licence(ld, o, rng), _half(N.licence_truth(ld)))
    return build


def id_card(mode: str, who: str = "operator") -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        p = getattr(d, who)
        mm = rng.uniform(10.5, 13.0)
        front, back = N.id_card_front(p, rng, mm), N.id_card_back(p, rng, mm)
        both = {**N.card_front_truth(p), **N.card_back_truth(p)}
        if mode == "apart":
            side = rng.choice(["front", "back"])
            img, truth = (front, N.card_front_truth(p)) if side == "front" else (back, N.card_back_truth(p))
            return SamplePage("id_card", "", img, _half(truth), card=True)
        if mode == "pair":
            return SamplePage("id_card", "", N.side_by_side(front, back, rng, vertical=rng.random() < 0.3), _half(both),
                              card=True)
        return SamplePage("id_card", "", N.a4_copy(front, back, rng, p.name), _half(both))
    return build


def _title_data(d: CaseData, rng: random.Random, owner: Person | None = None) -> N.TitleData:
    return N.TitleData(cert_number=d.cert, owner=(owner or d.lessor).name, co_ownership=d.co_ownership,
                       address=d.premises, unit=d.unit, area=d.area, land_area=f"{rng.randrange(2000, 40000)}.{rng.randrange(10)}",
                       office=f"{d.lessor.region[2]}不动产登记局")


def title(mode: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        td = _title_data(d, rng)
        img = N.property_inner(td, rng) if mode == "inner" else N.property_spread(td, rng)
        return SamplePage("property_certificate", "", img, _half(N.title_truth(td)))
    return build


def _household_data(d: CaseData, rng: random.Random) -> N.HouseholdData:
    p = d.operator
    head = p if rng.random() < 0.5 else d.spouse
    return N.HouseholdData(household_kind=rng.choice(["家庭户", "非农业家庭户"]), householder=head.name,
                           number=f"{rng.randrange(10**8, 10**9)}", address=p.address, name=p.name,
                           relation="户主" if head is p else rng.choice(["配偶", "妻", "夫"]), sex=p.sex,
                           birthplace=p.region[1] + p.region[2], ethnicity=p.ethnicity, native_place=p.region[1],
                           birth=p.birth, id_number=p.id_number, office=f"{p.region[2]}派出所")


def household(mode: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        hd = _household_data(d, rng)
        if mode == "card":
            return SamplePage("household_register", "", N.household_card(hd, rng), _half(N.resident_card_truth(hd)))
        img = N.household_spread(hd, rng) if mode == "spread" else N.household_stacked(hd, rng)
        return SamplePage("household_register", "", img, _half({**N.householder_page(hd), **N.resident_card_truth(hd)}))
    return build


# ---- forms, contracts, certificates -----------------------------------------------------------------

def _form_values(material: str, d: CaseData) -> dict[str, str]:
    p = d.operator
    if material == "individual_business_application":
        return {"operator_name": p.name, "operator_id_number": p.id_number, "trade_name": d.trade_name,
                "premises_address": d.premises, "business_scope": d.scope, "phone": p.phone}
    if material == "food_license_application":
        return {"applicant": d.entity_name, "credit_code": d.credit_code, "legal_rep": p.name,
                "legal_rep_id_number": p.id_number, "premises_address": d.premises,
                "business_format": "食品销售经营者（便利店）", "phone": p.phone}
    if material == "dog_registration_form":
        return {"owner_name": p.name, "owner_id_number": p.id_number, "address": p.address, "breed": d.breed,
                "phone": p.phone}
    if material == "real_estate_application":
        return {"registration_type": "转移登记", "buyer": d.buyer.name, "seller": d.lessor.name, "address": d.premises,
                "unit_number": d.unit}
    if material == "power_of_attorney":
        return {"principal": d.operator.name, "agent_name": d.agent.name, "agent_id_number": d.agent.id_number,
                "entrusted_matter": f"代为办理{d.trade_name}{d.extra.get('matter', '个体工商户设立登记')}的申请及材料提交事宜"}
    raise KeyError(material)


def form(material: str, style: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        values = _form_values(material, d)
        sections = None
        if material in ("individual_business_application", "food_license_application") and d.extra.get("agent"):
            sections = {"agent": {"agent_name": d.agent.name, "agent_id_number": d.agent.id_number}}
        img, truth = fuzz.fuzz_form(material, values, rng, style, sections)
        return SamplePage(material, "", img, _half(truth))
    return build


def lease_pages(style: str, d: CaseData, rng: random.Random, pages: int = 1) -> list[SamplePage]:
    """A lease on one page, or on two (the second without a title, carrying the signatures)."""
    lessee = d.extra.get("lessee", d.operator.name)
    facts = {"address": d.premises, "area": d.area, "start": _cn(d.term_start), "end": _cn(d.term_end),
             "years": str(d.years)}
    clauses = ["月租金人民币伍仟元整，按季度支付，先付后用。", "乙方应按时交纳水、电、燃气及物业费用，不得擅自改变房屋结构。",
               "租赁期间，甲方负责房屋主体结构的维修；因乙方使用不当造成损坏的，由乙方负责修复或赔偿。",
               "租赁期满，乙方如需续租，应提前一个月书面通知甲方，同等条件下乙方享有优先承租权。",
               "本合同一式两份，甲乙双方各执一份，自双方签字之日起生效。"]
    imgs = fuzz.contract_pages("lease_contract", {"lessor": d.lessor.name, "lessee": lessee}, facts,
                               ["address", "term"], clauses if pages > 1 else clauses[:2] + clauses[4:], rng, style,
                               pages)
    truth = _half({"lessor": d.lessor.name, "lessee": lessee, "address": d.premises,
                   "term_start": d.term_start.isoformat(), "term_end": d.term_end.isoformat()})
    out = [SamplePage("lease_contract", style, imgs[0], truth)]
    return out + [SamplePage("lease_contract", "continuation", img, {}) for img in imgs[1:]]


def lease(style: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        return lease_pages(style, d, rng)[0]
    return build


def sale(style: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        seller = d.extra.get("seller", d.lessor.name)
        facts = {"address": d.premises, "area": d.area, "price": d.price}
        clauses = ["甲方保证该房屋权属清楚，无查封、抵押等权利限制。", "双方应于本合同签订之日起三十日内共同申请办理转移登记。"]
        img = fuzz.contract("house_sale_contract", {"seller": seller, "buyer": d.buyer.name}, facts, ["address", "price"],
                            clauses, rng, style)
        return SamplePage("house_sale_contract", "", img, _half({"seller": seller, "buyer": d.buyer.name,
                                                                  "address": d.premises, "price": d.price}))
    return build


def cert(material: str, style: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        if material == "health_certificate":
            p, until = d.staff, d.extra.get("health_until") or date(d.exam_date.year + 1, d.exam_date.month,
                                                                    min(d.exam_date.day, 28))
            values = {"name": p.name, "exam_date": _cn(d.exam_date), "valid_until": _cn(until)}
            extra = [("性别", p.sex), ("从业类别", "食品销售"), ("发证机构", f"{p.region[2]}疾病预防控制中心")]
            img, shown = fuzz.certificate(material, values, extra, rng, style, f"编号：JK{rng.randrange(10**8):08d}")
            truth = {"name": p.name, "exam_date": d.exam_date.isoformat(), "valid_until": until.isoformat()}
        elif material == "dog_vaccination_cert":
            owner = d.extra.get("dog_owner", d.operator.name)
            until = d.extra.get("vacc_until") or date(d.vaccinated_on.year + 1, d.vaccinated_on.month,
                                                      min(d.vaccinated_on.day, 28))
            values = {"owner_name": owner, "breed": d.breed, "vaccinated_on": _cn(d.vaccinated_on),
                      "valid_until": _cn(until)}
            extra = [("疫苗名称", "狂犬病灭活疫苗"), ("免疫单位", "动物诊疗中心")]
            img, shown = fuzz.certificate(material, values, extra, rng, style)
            truth = {"owner_name": owner, "breed": d.breed, "vaccinated_on": d.vaccinated_on.isoformat(),
                     "valid_until": until.isoformat()}
        elif material == "marriage_certificate":
            holder, spouse = d.lessor, d.spouse
            no = f"J{holder.region[0]}-{d.registered_on.year}-{rng.randrange(10**6):06d}"
            values = {"holder": holder.name, "registered_on": _cn(d.registered_on), "cert_number": no}
            other = "女" if holder.sex == "男" else "男"
            extra = [("姓名", holder.name), ("性别", holder.sex), ("姓名", spouse.name), ("性别", other)]
            img, shown = fuzz.certificate(material, values, [], rng, style)
            img = _append_people(img, extra)
            truth = {"holder": holder.name, "spouse": spouse.name, "registered_on": d.registered_on.isoformat(),
                     "cert_number": no}
        else:
            raise KeyError(material)
        del shown
        return SamplePage(material, "", img, _half(truth))
    return build


def _append_people(img: Image.Image, rows: list[tuple[str, str]]) -> Image.Image:
    """The two spouses' lines at the bottom of a marriage certificate (holder first)."""
    cv = N.Canvas(img.size)
    cv.img = img.copy()
    from PIL import ImageDraw

    cv.draw = ImageDraw.Draw(cv.img)
    y = img.height - 520
    for i in range(0, len(rows), 2):
        (l1, v1), (l2, v2) = rows[i], rows[i + 1]
        cv.text(130, y, f"{l1}　{v1}", 28, "serif")
        cv.text(620, y, f"{l2}　{v2}", 28, "serif")
        y += 70
    return cv.img


def legacy(material: str) -> Builder:
    def build(d: CaseData, rng: random.Random) -> SamplePage:
        return M.BUILDERS[material](d, None)
    return build


# ---- the families -----------------------------------------------------------------------------------

FAMILIES: dict[str, dict[str, Builder]] = {
    "business_license": {"portrait": licence("portrait"), "individual": licence("portrait", "individual"),
                         "landscape": licence("landscape")},
    "id_card": {"apart": id_card("apart"), "pair": id_card("pair"), "a4_copy": id_card("a4_copy")},
    "property_certificate": {"inner": title("inner"), "spread": title("spread")},
    "household_register": {"card": household("card"), "spread": household("spread"), "stacked": household("stacked")},
    **{m: {"ruled": form(m, "ruled"), "open": form(m, "open"), "underline": form(m, "underline")}
       for m in ("individual_business_application", "food_license_application", "dog_registration_form",
                 "real_estate_application", "power_of_attorney")},
    "lease_contract": {"prose": lease("prose"), "header": lease("header"), "clauses": lease("clauses")},
    "house_sale_contract": {"prose": sale("prose"), "header": sale("header"), "clauses": sale("clauses")},
    **{m: {"lines": cert(m, "lines"), "table": cert(m, "table"), "stacked": cert(m, "stacked")}
       for m in ("health_certificate", "dog_vaccination_cert", "marriage_certificate")},
    "food_safety_rules": {"legacy": legacy("food_safety_rules")},
    "floor_plan": {"legacy": legacy("floor_plan")},
}

# one family per material with fields: never developed on, measured only at the end
HELD_OUT: dict[str, str] = {
    "business_license": "landscape", "id_card": "a4_copy", "property_certificate": "spread",
    "household_register": "stacked", "lease_contract": "clauses", "house_sale_contract": "clauses",
    **{m: "underline" for m in ("individual_business_application", "food_license_application", "dog_registration_form",
                                "real_estate_application", "power_of_attorney")},
    **{m: "stacked" for m in ("health_certificate", "dog_vaccination_cert", "marriage_certificate")},
}

SPLITS = ("dev", "heldout", "all")


def families_of(material: str, split: str) -> list[str]:
    """The families of a material in a split: dev = all but the held-out one; heldout = only it."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: dev, heldout or all")
    names = list(FAMILIES[material])
    held = HELD_OUT.get(material)
    if split == "dev":
        return [n for n in names if n != held]
    if split == "heldout":
        return [held] if held else []
    return names


def draw(material: str, family: str, d: CaseData, rng: random.Random) -> SamplePage:
    page = FAMILIES[material][family](d, rng)
    page.layout = family
    return page


def fresh_data(rng: random.Random) -> CaseData:
    d = CaseData.random(random.Random(rng.randrange(1 << 30)))
    d.extra["agent"] = rng.random() < 0.3
    return d


def iter_family_samples(per_family: int, split: str = "dev", seed: int = 0, materials: list[str] | None = None
                        ) -> Iterator[tuple[str, SamplePage]]:
    """(family, page) for every material and family of the split, ``per_family`` each."""
    rng = random.Random(seed)
    for material in materials or list(FAMILIES):
        for family in families_of(material, split):
            for _ in range(per_family):
                yield family, draw(material, family, fresh_data(rng), random.Random(rng.randrange(1 << 30)))


# ---- whole cases ----------------------------------------------------------------------------------

AS_OF = date(2026, 11, 23)


@dataclass
class GenCase:
    """A generated case: its pages, the verdict a clerk should reach, and what was changed."""

    name: str
    matters: list[str]
    pages: list[SamplePage]
    expect: str  # complete | incomplete
    variant: str = "complete"


def _case_data(rng: random.Random) -> CaseData:
    d = CaseData.random(random.Random(rng.randrange(1 << 30)))
    for p in (d.operator, d.agent, d.lessor, d.buyer, d.spouse, d.staff):
        p.valid_from = date(2020, 5, 1)
        p.valid_until = "2040-05-01"
    d.exam_date = AS_OF - timedelta(days=120)
    d.vaccinated_on = AS_OF - timedelta(days=60)
    d.term_start = AS_OF - timedelta(days=200)
    return d


def _fam(material: str, split: str, rng: random.Random) -> str:
    return rng.choice(families_of(material, split) or list(FAMILIES[material]))


def _page(material: str, split: str, d: CaseData, rng: random.Random, **kw) -> SamplePage:
    if material == "id_card":
        fam = _fam(material, split, rng)
        fam = "pair" if fam == "apart" else fam  # one image per card in a case: both sides
        page = id_card(fam, kw.get("who", "operator"))(d, random.Random(rng.randrange(1 << 30)))
        page.layout = fam
        return page
    return draw(material, _fam(material, split, rng), d, random.Random(rng.randrange(1 << 30)))


def generated_cases(n_per_matter: int, split: str = "dev", seed: int = 0) -> Iterator[GenCase]:
    """Complete cases per matter, each followed by variants that must not pass: a key material
    left out (same pages, one dropped), and an agent named on the application without the power of
    attorney. The pages of the variants are drawn once and shared (cheap to OCR)."""
    rng = random.Random(seed)
    for k in range(n_per_matter):
        # 个体工商户设立登记 with an agent
        d = _case_data(rng)
        d.individual = True
        d.extra["agent"] = True
        pages = [_page("individual_business_application", split, d, rng), _page("id_card", split, d, rng),
                 _page("id_card", split, d, rng, who="agent"),
                 _page(rng.choice(["lease_contract", "property_certificate"]), split, d, rng)]
        d.extra["lessee"] = d.operator.name
        if pages[-1].material == "property_certificate" or rng.random() < 0.5:  # a lease on two pages
            pages[-1:] = lease_pages(_fam("lease_contract", split, rng), d, random.Random(rng.randrange(1 << 30)), 2)
        pages.append(_page("power_of_attorney", split, d, rng))
        yield GenCase(f"ibr-{k}", ["individual_business_registration"], pages, "complete")
        yield GenCase(f"ibr-{k}", ["individual_business_registration"],
                      [p for p in pages if p.material != "power_of_attorney"], "incomplete", "agent_without_authority")
        yield GenCase(f"ibr-{k}", ["individual_business_registration"], [pages[0], *pages[2:]], "incomplete",
                      "operator_id_missing")
        # 食品经营许可
        d = _case_data(rng)
        d.extra["agent"] = False
        licence_page = _page("business_license", split, d, rng)  # first: it fixes the entity's kind and name
        pages = [_page("food_license_application", split, d, rng), licence_page]
        pages += [_page("id_card", split, d, rng), _page("lease_contract", split, d, rng),
                  M.BUILDERS["food_safety_rules"](d, None), M.BUILDERS["floor_plan"](d, None),
                  _page("health_certificate", split, d, rng)]
        for p in pages:
            p.layout = p.layout or "legacy"
        yield GenCase(f"food-{k}", ["food_business_license"], pages, "complete")
        yield GenCase(f"food-{k}", ["food_business_license"], [p for p in pages if p.material != "business_license"],
                      "incomplete", "licence_missing")
        # 二手房转移
        d = _case_data(rng)
        d.co_ownership = "单独所有"
        pages = [_page("real_estate_application", split, d, rng), _page("id_card", split, d, rng, who="buyer"),
                 _page("id_card", split, d, rng, who="lessor"), _page("property_certificate", split, d, rng),
                 _page("house_sale_contract", split, d, rng)]
        yield GenCase(f"house-{k}", ["second_hand_house_transfer"], pages, "complete")
        yield GenCase(f"house-{k}", ["second_hand_house_transfer"], [p for p in pages if p.material != "house_sale_contract"],
                      "incomplete", "contract_missing")
        # 养犬登记
        d = _case_data(rng)
        pages = [_page("dog_registration_form", split, d, rng), _page("id_card", split, d, rng),
                 _page("dog_vaccination_cert", split, d, rng), _page("household_register", split, d, rng)]
        yield GenCase(f"dog-{k}", ["dog_registration"], pages, "complete")
        yield GenCase(f"dog-{k}", ["dog_registration"], [p for p in pages if p.material != "dog_vaccination_cert"],
                      "incomplete", "vaccination_missing")


def main() -> None:
    ap = argparse.ArgumentParser(description="Draw the layout families (one held out per material).")
    ap.add_argument("--out", required=True)
    ap.add_argument("--split", default="dev", choices=SPLITS)
    ap.add_argument("--per-family", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--material", action="append", default=None)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    truth = []
    for n, (family, page) in enumerate(iter_family_samples(args.per_family, args.split, args.seed, args.material)):
        name = f"{page.material}-{family}-{n}.jpg"
        page.image.save(out / name, quality=85)
        truth.append({"file": name, "material": page.material, "family": family, "fields": page.fields})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(truth)} pages ({args.split}) to {out}")


if __name__ == "__main__":
    main()
