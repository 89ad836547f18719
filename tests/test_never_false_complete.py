"""Property: removing or corrupting any key material of a complete case never leaves it `complete`."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from checkers.case import check_case
from checkers.rules import load_rulesets
from tests.checkhelp import (
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

RULES = load_rulesets()
DAY = date(2026, 11, 23)
ADDR = "北京市朝阳区建国路88号1单元302室"


def complete_cases():
    agent_app = ibr_application(agent_name="李四", agent_id_number=LI)
    poa = doc("power_of_attorney", "poa.jpg", principal="张三", agent_name="李四", agent_id_number=LI,
              entrusted_matter="代为办理")
    house = [doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller="李四",
                 address=ADDR, unit_number="110105001001GB00001F00010001"),
             id_card("buyer.jpg", "王五", WANG), id_card("seller.jpg", "李四", LI),
             doc("property_certificate", "title.jpg", owner="李四", co_ownership="共同共有", address=ADDR,
                 unit_number="110105001001GB00001F00010001", cert_number="京(2020)朝阳区不动产权第0001234号", area="86.5"),
             doc("house_sale_contract", "contract.jpg", seller="李四", buyer="王五", address=ADDR, price="1850000"),
             doc("marriage_certificate", "m.jpg", holder="李四", spouse="赵敏", registered_on="2012-10-01",
                 cert_number="J110105-2012-001234")]
    food = [food_application(), licence(), id_card("id.jpg", "张三", ZHANG), lease(),
            doc("food_safety_rules", "rules.jpg"), doc("floor_plan", "plan.jpg"), health()]
    dog = [doc("dog_registration_form", "form.jpg", owner_name="张三", owner_id_number=ZHANG, address=ADDR,
               breed="柯基犬", phone="13812345678"), id_card("id.jpg", "张三", ZHANG),
           doc("dog_vaccination_cert", "vacc.jpg", owner_name="张三", breed="柯基犬", vaccinated_on="2026-01-01",
               valid_until="2027-01-01"), lease()]
    bundle = [ibr_application(), food_application(), id_card("id.jpg", "张三", ZHANG), lease(),
              doc("food_safety_rules", "rules.jpg"), doc("floor_plan", "plan.jpg"), health()]
    return [
        (["individual_business_registration"], [agent_app, id_card("o.jpg", "张三", ZHANG),
                                                id_card("a.jpg", "李四", LI), lease(), poa]),
        (["second_hand_house_transfer"], house),
        (["food_business_license"], food),
        (["dog_registration"], dog),
        (["convenience_store_opening"], bundle),
    ]


CASES = complete_cases()


def test_the_base_cases_are_complete():
    for matters, docs in CASES:
        assert check_case(docs, matters, RULES, DAY).verdict == "complete", matters


def _key_documents(matters, docs):
    result = check_case(docs, matters, RULES, DAY)
    keyed = {ref for m in result.materials if m.requirement in ("key", "conditional_key") for ref in m.documents}
    return [i for i, d in enumerate(docs) if d.ref in keyed]


def _corrupt(d, how: str, field_pick: int):
    fields = dict(d.fields)
    if how == "expire" and "valid_until" in fields:
        fields["valid_until"] = "2020-01-01"
        return doc(d.material, d.source, d.page, **fields)
    names = [k for k in fields if k in ("name", "owner_name", "owner", "seller", "buyer", "operator_name", "holder",
                                        "legal_rep", "agent_name", "applicant")]
    if how == "rename" and names:
        key = names[field_pick % len(names)]
        fields[key] = fields[key] + "某"
        return doc(d.material, d.source, d.page, **fields)
    ids = [k for k in fields if "id_number" in k or k == "credit_code"]
    if ids:
        key = ids[field_pick % len(ids)]
        return doc(d.material, d.source, d.page, invalid={key: "check character should be 0"}, **fields)
    return None  # this document has nothing of that kind to corrupt: drop it instead


@settings(max_examples=300, deadline=None)
@given(case=st.integers(0, len(CASES) - 1), pick=st.integers(0, 50), how=st.sampled_from(["drop", "expire", "rename",
                                                                                          "checksum"]),
       field_pick=st.integers(0, 10))
def test_removing_or_corrupting_a_key_material_is_never_complete(case, pick, how, field_pick):
    matters, docs = CASES[case]
    keyed = _key_documents(matters, docs)
    target = keyed[pick % len(keyed)]
    changed = None if how == "drop" else _corrupt(docs[target], how, field_pick)
    if how in ("expire", "rename") and changed is None:
        changed = _corrupt(docs[target], "checksum", field_pick)
    new_docs = [d for i, d in enumerate(docs) if i != target] + ([changed] if changed is not None else [])
    result = check_case(new_docs, matters, RULES, DAY)
    assert result.verdict == "incomplete", (matters, docs[target].material, how)
