"""The checker on hand-written documents (no OCR): every status, matter, bundle, role, boundary."""

from __future__ import annotations

from datetime import date

import pytest
from yichuang.checkers.case import check_case
from yichuang.checkers.compare import same_place
from yichuang.checkers.rules import load_rulesets

from tests.checkhelp import (
    ADDR,
    LI,
    WANG,
    ZHANG,
    doc,
    food_application,
    health,
    ibr_application,
    id_card,
    lease,
    licence,
)
from yichuang.errors import UnknownMatterError

RULES = load_rulesets()
DAY = date(2026, 11, 23)


def run(docs, *matters, facts=None, as_of=DAY):
    return check_case(docs, list(matters), RULES, as_of, facts or {})


def by_item(result):
    return {(m.item, m.role): m for m in result.materials}


# ---- individual_business_registration -----------------------------------------------------

def test_complete_case():
    r = run([ibr_application(), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    assert r.verdict == "complete"
    items = by_item(r)
    assert items[("operator's ID", "operator")].status == "present"
    assert items[("operator's ID", "operator")].documents == ["id.jpg#1"]
    assert items[("agent's authority", None)].status == "not_required"
    assert items[("agent's authority", None)].requirement == "not_required"
    assert r.form["operator_name"].value == "张三" and r.form["operator_name"].source == "app.jpg#1"


def test_missing_tolerable_premises_gives_acceptance_with_deadline():
    r = run([ibr_application(), id_card("id.jpg", "张三", ZHANG)], "individual_business_registration")
    assert r.verdict == "accept_with_tolerance"
    premises = by_item(r)[("premises proof", None)]
    # 10 working days (the ruleset's promise_days) after Monday 2026-11-23
    assert (premises.status, premises.requirement, premises.deadline) == ("tolerated", "tolerable", "2026-12-07")
    assert (premises.deadline_text, premises.promise_days, premises.deadline_unverified) == ("2026年12月7日", 10, False)
    assert premises.material == "lease_contract" and premises.alternatives == ["lease_contract", "property_certificate"]
    assert "2026年12月7日" in r.notice and "容缺" in r.notice


def test_any_of_reports_the_alternative_that_satisfied_it():
    prop = doc("property_certificate", "prop.jpg", owner="张三", co_ownership="单独所有", address=ADDR,
               unit_number="110105001001GB00001F00010001", cert_number="京(2020)朝阳区不动产权第0001234号", area="86.5")
    r = run([ibr_application(), id_card("id.jpg", "张三", ZHANG), prop], "individual_business_registration")
    assert by_item(r)[("premises proof", None)].material == "property_certificate"
    assert r.verdict == "complete"


def test_missing_key_material_is_incomplete():
    r = run([ibr_application(), lease()], "individual_business_registration")
    assert r.verdict == "incomplete"
    assert by_item(r)[("operator's ID", "operator")].status == "missing"
    assert "经营者身份证" in r.notice


def test_agent_named_without_authority_is_incomplete():
    app = ibr_application(agent_name="李四", agent_id_number=LI)
    r = run([app, id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    items = by_item(r)
    assert items[("agent's authority", None)].requirement == "conditional_key"
    assert items[("agent's authority", None)].status == "missing"
    assert items[("agent's ID", "agent")].status == "missing"
    assert r.verdict == "incomplete"


def test_agent_with_authority_and_id_is_complete_and_ids_are_told_apart_by_name():
    app = ibr_application(agent_name="李四", agent_id_number=LI)
    poa = doc("power_of_attorney", "poa.jpg", principal="张三", agent_name="李四", agent_id_number=LI,
              entrusted_matter="代为办理个体工商户设立登记")
    # the agent's card comes first: order must not matter
    r = run([app, id_card("a.jpg", "李四", LI), id_card("o.jpg", "张三", ZHANG), lease(), poa],
            "individual_business_registration")
    items = by_item(r)
    assert items[("agent's ID", "agent")].documents == ["a.jpg#1"]
    assert items[("operator's ID", "operator")].documents == ["o.jpg#1"]
    assert r.verdict == "complete"


def test_clerk_fact_makes_the_agent_items_required():
    r = run([ibr_application(), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration",
            facts={"agent": "true"})
    assert by_item(r)[("agent's authority", None)].status == "missing"
    assert r.verdict == "incomplete"


@pytest.mark.parametrize("as_of,status", [("2026-11-22", "present"), ("2026-11-23", "present"),
                                          ("2026-11-24", "invalid")])
def test_id_card_expiry_at_the_as_of_boundary(as_of, status):
    r = run([ibr_application(), id_card("id.jpg", "张三", ZHANG, until="2026-11-23"), lease()],
            "individual_business_registration", as_of=date.fromisoformat(as_of))
    item = by_item(r)[("operator's ID", "operator")]
    assert item.status == status
    if status == "invalid":
        assert item.reasons == ["经营者身份证已过期（有效期至2026-11-23）"] and r.verdict == "incomplete"


def test_long_term_id_card_never_expires():
    r = run([ibr_application(), id_card("id.jpg", "张三", ZHANG, until="长期"), lease()],
            "individual_business_registration", as_of=date(2090, 1, 1))
    assert by_item(r)[("operator's ID", "operator")].status == "present"


def test_checksum_failure_makes_the_material_invalid():
    bad = id_card("id.jpg", "张三", ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1"),
                  invalid={"id_number": "a stored English reason, not what people read"})
    r = run([ibr_application(number=bad.fields["id_number"]), bad, lease()], "individual_business_registration")
    item = by_item(r)[("operator's ID", "operator")]
    # no code stored with the field: its validator says why, in the label table's words
    assert item.status == "invalid" and f"校验位应为{ZHANG[-1]}" in item.reasons[0]
    assert item.reason_codes[0].code == "invalid_field" and item.reason_codes[0].cause.code == "check_char"
    assert r.verdict == "incomplete"


def test_name_mismatch_marks_the_application_not_the_id_card():
    r = run([ibr_application(name="张叁"), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    items = by_item(r)
    assert items[("application", None)].status == "inconsistent"
    assert "张叁 / 张三" in items[("application", None)].reasons[0]
    assert items[("operator's ID", "operator")].status == "present"
    assert r.verdict == "incomplete"


def test_address_compared_fuzzily():
    same = "朝阳区建国路８８号１单元302室"  # no province/city, full-width digits
    r = run([ibr_application(address=same), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    assert r.verdict == "complete"
    other = run([ibr_application(address="北京市海淀区学院路1号"), id_card("id.jpg", "张三", ZHANG), lease()],
                "individual_business_registration")
    assert by_item(other)[("application", None)].status == "inconsistent"


@pytest.mark.parametrize("a,b,same", [
    ("北京市朝阳区建国路88号1单元302室", "朝阳区建国路88号1单元302室", True),
    ("福建省福州市鼓楼区长江路241号", "鼓楼区长江路241号", True),
    ("北京市朝阳区建国路88号1单元302室", "北京市朝阳区建国路88号1单元303室", False),
    ("北京市朝阳区建国路88号", "北京市海淀区建国路88号", False),
])
def test_same_place(a, b, same):
    assert same_place(a, b) is same


def test_front_and_back_photographed_apart_are_one_card():
    front = doc("id_card", "f.jpg", name="张三", id_number=ZHANG, birth_date="1990-03-07", address=ADDR)
    back = doc("id_card", "b.jpg", issuer="北京市公安局朝阳分局", valid_from="2010-01-01", valid_until="2020-01-01")
    r = run([ibr_application(), front, back, lease()], "individual_business_registration")
    item = by_item(r)[("operator's ID", "operator")]
    assert item.documents == ["f.jpg#1", "b.jpg#1"]
    assert item.status == "invalid"  # the back says it expired in 2020


def test_unknown_matter():
    with pytest.raises(UnknownMatterError, match="unknown matter 'nope'"):
        run([], "nope")


# ---- food_business_license and the bundle -------------------------------------------------

def _food_docs(**kw):
    rules = doc("food_safety_rules", "rules.jpg")
    plan = doc("floor_plan", "plan.jpg")
    return [food_application(), licence(), id_card("id.jpg", "张三", ZHANG), lease(), rules, plan, health(**kw)]


def test_food_licence_complete_and_expired_health_certificate_is_tolerable():
    assert run(_food_docs(), "food_business_license").verdict == "complete"
    r = run(_food_docs(until="2026-01-01"), "food_business_license")
    item = by_item(r)[("staff health certificate", None)]
    assert item.status == "invalid" and item.requirement == "tolerable"
    assert r.verdict == "accept_with_tolerance"


def test_food_licence_alone_needs_the_business_licence():
    docs = [d for d in _food_docs() if d.material != "business_license"]
    r = run(docs, "food_business_license")
    assert by_item(r)[("business licence", None)].status == "missing" and r.verdict == "incomplete"


def test_credit_code_mismatch_with_licence():
    docs = _food_docs()
    docs[0] = food_application(credit_code_override=None) if False else docs[0]
    app = doc("food_license_application", "food.jpg", applicant="朝阳惠民便利店", credit_code="91110105MA01ABCD1X",
              legal_rep="张三", legal_rep_id_number=ZHANG, premises_address=ADDR)
    r = run([app, *docs[1:]], "food_business_license")
    assert by_item(r)[("application", None)].status == "inconsistent"


def test_convenience_store_bundle_shares_materials_and_does_not_ask_for_the_licence():
    docs = [ibr_application(), food_application(), id_card("id.jpg", "张三", ZHANG), lease(),
            doc("food_safety_rules", "rules.jpg"), doc("floor_plan", "plan.jpg"), health()]
    r = run(docs, "convenience_store_opening")
    assert r.bundle == "convenience_store_opening"
    assert r.matters == ["individual_business_registration", "food_business_license"]
    items = by_item(r)
    ident = items[("operator's ID", "operator")]
    assert ident.shared_by == ["individual_business_registration", "food_business_license"]
    assert ident.requirement == "key" and ident.status == "present"
    premises = items[("premises proof", None)]
    assert premises.shared_by == ["individual_business_registration", "food_business_license"]
    assert premises.requirement == "key"  # tolerable in one matter, key in the other: key wins
    assert items[("business licence", None)].status == "produced_in_bundle"
    assert r.saved.materials_separately == 10 and r.saved.materials_in_bundle == 7
    assert r.verdict == "complete"
    assert [m.item for m in r.materials].count("operator's ID") == 1  # asked once


def test_bundle_without_premises_is_incomplete_because_food_licence_needs_it():
    docs = [ibr_application(), food_application(), id_card("id.jpg", "张三", ZHANG),
            doc("food_safety_rules", "rules.jpg"), doc("floor_plan", "plan.jpg"), health()]
    r = run(docs, "convenience_store_opening")
    assert by_item(r)[("premises proof", None)].status == "missing" and r.verdict == "incomplete"


def test_two_matters_named_separately_form_one_case():
    docs = [ibr_application(), food_application(), id_card("id.jpg", "张三", ZHANG), lease(),
            doc("food_safety_rules", "rules.jpg"), doc("floor_plan", "plan.jpg"), health()]
    r = run(docs, "individual_business_registration", "food_business_license")
    items = by_item(r)
    assert items[("business licence", None)].status == "produced_in_bundle"
    assert items[("operator's ID", "operator")].status == "present"
    assert items[("legal representative's ID", "legal_rep")].status == "present"  # the same card, by name
    assert r.verdict == "complete"


# ---- second_hand_house_transfer ------------------------------------------------------------

def _house(seller="李四", seller_on_contract=None, co="单独所有", marriage=False):
    docs = [doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller=seller,
                address=ADDR, unit_number="110105001001GB00001F00010001"),
            id_card("buyer.jpg", "王五", WANG),  # buyer's card first: roles come from names
            id_card("seller.jpg", seller, LI),
            doc("property_certificate", "title.jpg", owner=seller, co_ownership=co, address=ADDR,
                unit_number="110105001001GB00001F00010001", cert_number="京(2020)朝阳区不动产权第0001234号",
                area="86.5"),
            doc("house_sale_contract", "contract.jpg", seller=seller_on_contract or seller, buyer="王五",
                address="朝阳区建国路88号1单元302室", price="1850000")]
    if marriage:
        docs.append(doc("marriage_certificate", "m.jpg", holder=seller, spouse="赵敏", registered_on="2012-10-01",
                        cert_number="J110105-2012-001234"))
    return docs


def test_house_transfer_roles_from_names_not_order():
    r = run(_house(), "second_hand_house_transfer")
    items = by_item(r)
    assert items[("seller's ID", "seller")].documents == ["seller.jpg#1"]
    assert items[("buyer's ID", "buyer")].documents == ["buyer.jpg#1"]
    assert items[("spouse's consent", "seller")].status == "not_required"
    assert r.verdict == "complete"
    assert r.form["seller"].value == "李四" and r.form["buyer_id_number"].value == WANG


def test_contract_names_another_seller_the_contract_is_marked():
    r = run(_house(seller_on_contract="李思"), "second_hand_house_transfer")
    items = by_item(r)
    contract = items[("sale contract", None)]
    assert contract.status == "inconsistent"
    assert contract.reasons == ["存量房买卖合同出卖人与不动产权证书、卖方身份证不一致：李思 / 李四"]
    assert items[("seller's ID", "seller")].status == "present"
    assert r.form["seller"].conflicts[0].value == "李四"  # the form lists the conflict, does not hide it


def test_co_owned_property_needs_the_marriage_certificate():
    r = run(_house(co="共同共有"), "second_hand_house_transfer")
    consent = by_item(r)[("spouse's consent", "seller")]
    assert (consent.requirement, consent.status) == ("conditional_key", "missing")
    assert r.verdict == "incomplete"
    assert run(_house(co="共同共有", marriage=True), "second_hand_house_transfer").verdict == "complete"


# ---- dog_registration ----------------------------------------------------------------------

def _dog(owner="张三", vacc_owner=None, until="2027-01-01"):
    return [doc("dog_registration_form", "form.jpg", owner_name=owner, owner_id_number=ZHANG, address=ADDR,
                breed="柯基犬", phone="13812345678"),
            id_card("id.jpg", "张三", ZHANG),
            doc("dog_vaccination_cert", "vacc.jpg", owner_name=vacc_owner or owner, breed="柯基犬",
                vaccinated_on="2026-01-01", valid_until=until)]


def test_dog_registration_statuses():
    r = run(_dog(), "dog_registration")
    assert r.verdict == "accept_with_tolerance"  # residence proof tolerated
    assert run([*_dog(), lease()], "dog_registration").verdict == "complete"
    expired = run([*_dog(until="2026-11-01"), lease()], "dog_registration")
    assert by_item(expired)[("vaccination", None)].status == "invalid" and expired.verdict == "incomplete"
    wrong = run([*_dog(vacc_owner="张四"), lease()], "dog_registration")
    assert by_item(wrong)[("vaccination", None)].status == "inconsistent" and wrong.verdict == "incomplete"


def test_unknown_pages_are_listed_in_the_notice():
    odd = doc("unknown", "receipt.jpg")
    r = run([*_dog(), lease(), odd], "dog_registration")
    # the page is named by its place among the papers handed in, not by a file name the citizen never saw
    n = [d.source for d in r.documents].index("receipt.jpg") + 1
    assert r.verdict == "complete" and f"【无法识别】第{n}份材料第1页" in r.notice and "receipt.jpg" not in r.notice


# ---- readings that are not the field's value (issue 9): never a pass, never a silent mismatch ---------

def test_a_code_with_a_labels_residue_is_the_same_number():
    """不动产单元号 read as "代码1101…" (the label's tail): identifiers compare on letters and digits."""
    docs = _house()
    docs[0] = doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller="李四",
                  address=ADDR, unit_number="代码110105001001GB00001F00010001")
    assert run(docs, "second_hand_house_transfer").verdict == "complete"
    docs[0] = doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller="李四",
                  address=ADDR, unit_number="110105001001GB00001F00010002")  # one digit off: another unit
    r = run(docs, "second_hand_house_transfer")
    assert by_item(r)[("application", None)].status == "inconsistent" and r.verdict == "incomplete"


@pytest.mark.parametrize("read", ["姓名", "张三年月日", "李四一年月日", "对申请材料的真实性负责，并承担相应的法律责任"])
def test_a_label_or_a_signature_line_read_as_the_name_is_put_to_a_person(read):
    """The form's own words (姓名), the 签字 line's 年 月 日, a sentence: not a name someone wrote. The
    disagreement goes to a person (需人工核对), it is neither passed nor called a mismatch."""
    r = run([ibr_application(name=read), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    app = by_item(r)[("application", None)]
    assert app.status == "needs_review" and r.verdict == "needs_review"
    assert "识别把握不大，请人工核对原件" in app.reasons[0]


def test_a_value_with_the_next_label_fused_to_it_is_the_same_value():
    """"…302室营业执照统一社会信用代码", "…302室使用面积(m)55": the address whole, then the next box OCR
    joined to it (a label, a label and its value). The address agrees; nothing to ask (issue 9: the
    checker asked a person without cause)."""
    for fused in ("营业执照统一社会信用代码", "使用面积(m)55", "建筑面积(平方米)134.3"):
        r = run([ibr_application(address=ADDR + fused), id_card("id.jpg", "张三", ZHANG), lease()],
                "individual_business_registration")
        assert by_item(r)[("application", None)].status == "present" and r.verdict == "complete", fused


def test_a_label_fused_before_a_name_leaves_the_name():
    """许可申请主体 | 海淀优选便利店 read as one box, 经营者 | 张三 likewise: the label and the value."""
    r = run([ibr_application(name="经营者张三"), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    assert r.verdict == "complete", [(m.item, m.status, m.reasons) for m in r.materials if m.status != "present"]
    app = doc("food_license_application", "food.jpg", applicant="许可申请主体朝阳惠民便利店", credit_code="91350100M000100Y43",
              legal_rep="张三", legal_rep_id_number=ZHANG, premises_address=ADDR, business_format="食品销售经营者(便利店)",
              phone="13812345678")
    r = run([app, licence(), id_card("id.jpg", "张三", ZHANG), lease(), doc("food_safety_rules", "rules.jpg"),
             doc("floor_plan", "plan.jpg"), health()], "food_business_license")
    assert r.verdict == "complete", [(m.item, m.status, m.reasons) for m in r.materials if m.status != "present"]


def test_a_fused_label_never_explains_away_another_value():
    """The value must be there whole: another room, another name, with a label fused on, still disagree."""
    other = ADDR.replace("302室", "303室")
    r = run([ibr_application(address=other + "使用面积(m)55"), id_card("id.jpg", "张三", ZHANG), lease()],
            "individual_business_registration")
    assert r.verdict != "complete" and by_item(r)[("application", None)].status != "present"
    r = run([ibr_application(name="经营者李四"), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    assert by_item(r)[("application", None)].status != "present" and r.verdict != "complete"


def test_a_plain_other_name_is_still_a_mismatch():
    r = run([ibr_application(name="李四"), id_card("id.jpg", "张三", ZHANG), lease()], "individual_business_registration")
    assert by_item(r)[("application", None)].status == "inconsistent" and r.verdict == "incomplete"


def test_one_identifier_read_at_two_lengths_is_put_to_a_person():
    """A 不动产单元号 of 28 characters on the certificate and 27 on the application: one reading lost a
    character, which one nobody can tell from here — a person compares, it is no mismatch; the same
    length and another number is one."""
    unit = "110105001001GB00001F00010001"
    house = [doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller="李四",
                 address=ADDR, unit_number=unit[1:]),
             id_card("buyer.jpg", "王五", WANG), id_card("seller.jpg", "李四", LI),
             doc("property_certificate", "title.jpg", owner="李四", co_ownership="单独所有", address=ADDR,
                 unit_number=unit, cert_number="京(2020)朝阳区不动产权第0001234号", area="86.5"),
             doc("house_sale_contract", "contract.jpg", seller="李四", buyer="王五", address=ADDR, price="1850000")]
    r = run(house, "second_hand_house_transfer")
    assert by_item(r)[("application", None)].status == "needs_review" and r.verdict == "needs_review"
    house[0] = doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller="李四",
                   address=ADDR, unit_number=unit[:-1] + "9")
    r = run(house, "second_hand_house_transfer")
    assert by_item(r)[("application", None)].status == "inconsistent" and r.verdict == "incomplete"


def test_a_name_read_from_the_next_partys_block_is_put_to_a_person():
    """不动产登记申请书 prints a 姓名 row in the 权利人 block and one in the 义务人 block: a 权利人 read as the
    seller's name (the next block's) may be a misreading of the form — a person looks. A name nobody of
    the case carries is still a mismatch."""
    def house(buyer: str):
        return [doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer=buyer, seller="李四",
                    address=ADDR, unit_number="110105001001GB00001F00010001"),
                id_card("buyer.jpg", "王五", WANG), id_card("seller.jpg", "李四", LI),
                doc("property_certificate", "title.jpg", owner="李四", co_ownership="单独所有", address=ADDR,
                    unit_number="110105001001GB00001F00010001", cert_number="京(2020)朝阳区不动产权第0001234号", area="86.5"),
                doc("house_sale_contract", "contract.jpg", seller="李四", buyer="王五", address=ADDR, price="1850000")]

    r = run(house("李四"), "second_hand_house_transfer")
    assert by_item(r)[("application", None)].status == "needs_review" and r.verdict == "needs_review"
    r = run(house("赵六"), "second_hand_house_transfer")
    assert by_item(r)[("application", None)].status == "inconsistent" and r.verdict == "incomplete"
