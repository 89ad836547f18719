"""需人工核对: a field labelled on the page but not read is unknown, never absent (issue 9)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from yichuang.checkers.case import check_case, verdict_of
from yichuang.checkers.review import all3, any3, not3
from yichuang.checkers.rules import load_rulesets
from yichuang.service.render import print_check

from tests.checkhelp import LI, ZHANG, doc, food_application, health, ibr_application, id_card, lease, licence
from yichuang.types import Document, MaterialResult

RULES = load_rulesets()
DAY = date(2026, 11, 23)
IBR = "individual_business_registration"


def unread(d: Document, **codes: str) -> Document:
    """The same page with these fields' labels on it but their values not read."""
    fields = {k: v for k, v in d.fields.items() if k not in codes}
    details = {k: v for k, v in d.field_details.items() if k not in codes}
    return d.model_copy(update={"fields": fields, "field_details": details, "unread": dict(codes)})


def unsure(d: Document, name: str, value: str | None = None, confidence: float = 0.3) -> Document:
    """The same page with one value read at a low confidence."""
    detail = d.field_details[name].model_copy(update={"confidence": confidence,
                                                      "value": value or d.field_details[name].value})
    return d.model_copy(update={"fields": {**d.fields, name: detail.value},
                                "field_details": {**d.field_details, name: detail}})


def items(result):
    return {(m.item, m.role): m for m in result.materials}


def test_three_valued_logic():
    assert any3([False, None]) is None and any3([None, True]) is True and any3([False, False]) is False
    assert all3([True, None]) is None and all3([None, False]) is False and all3([True, True]) is True
    assert not3(None) is None and not3(True) is False


def test_the_issue_case_an_unread_agent_without_power_of_attorney_needs_review():
    """An application names an agent under labels nobody could read: never complete."""
    app = unread(ibr_application(), agent_name="section_unread", agent_id_number="section_unread")
    r = check_case([app, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert r.verdict == "needs_review"
    got = items(r)
    authority = got[("agent's authority", None)]
    assert (authority.status, authority.requirement) == ("needs_review", "conditional_key")
    assert any("委托代理人" in reason and "人工核对" in reason for reason in authority.reasons)
    assert got[("application", None)].status == "needs_review"
    assert "个体工商户登记（备案）申请书上的委托代理人姓名一栏未能识别，请人工核对" in got[("application", None)].reasons
    assert "需人工核对" in r.notice and "委托代理人" in r.notice
    assert r.to_json_dict()["verdict"] == "needs_review"


def test_a_read_agent_without_power_of_attorney_is_still_incomplete():
    app = ibr_application(agent_name="李四", agent_id_number=LI)
    r = check_case([app, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert r.verdict == "incomplete"
    assert items(r)[("agent's authority", None)].status == "missing"


def test_no_agent_section_on_the_page_is_not_a_review():
    r = check_case([ibr_application(), id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert r.verdict == "complete"
    assert all(m.status != "needs_review" for m in r.materials)


def test_an_unread_field_no_rule_reads_changes_nothing():
    app = unread(ibr_application(), phone="label_without_value")
    r = check_case([app, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert r.verdict == "complete"


def test_unread_agent_with_the_power_of_attorney_still_asks_to_compare():
    app = unread(ibr_application(), agent_name="section_unread")
    poa = doc("power_of_attorney", "poa.jpg", principal="张三", agent_name="李四", agent_id_number=LI,
              entrusted_matter="代为办理")
    r = check_case([app, id_card("o.jpg", "张三", ZHANG), id_card("a.jpg", "李四", LI), lease(), poa], [IBR], RULES, DAY)
    got = items(r)
    assert got[("agent's authority", None)].status == "present"
    assert got[("application", None)].status == "needs_review"
    assert r.verdict == "needs_review"


def test_an_unread_id_card_name_cannot_be_compared():
    card = unread(id_card("id.jpg", "张三", ZHANG), name="low_confidence")
    r = check_case([ibr_application(), card, lease()], [IBR], RULES, DAY)
    op = items(r)[("operator's ID", "operator")]
    assert op.status == "needs_review" and "经营者身份证上的姓名识别把握不大，请人工核对" in op.reasons
    assert r.verdict == "needs_review"


def test_an_unread_expiry_date_is_not_a_valid_one():
    card = unread(id_card("id.jpg", "张三", ZHANG), valid_until="cut_off")
    r = check_case([ibr_application(), card, lease()], [IBR], RULES, DAY)
    assert items(r)[("operator's ID", "operator")].status == "needs_review"
    assert r.verdict == "needs_review"


def test_an_expiry_read_with_little_confidence_is_put_to_a_person():
    card = unsure(id_card("id.jpg", "张三", ZHANG, until="2025-01-01"), "valid_until")
    r = check_case([ibr_application(), card, lease()], [IBR], RULES, DAY)
    op = items(r)[("operator's ID", "operator")]
    assert op.status == "needs_review" and "有效期" in op.reasons[0]
    confident = check_case([ibr_application(), id_card("id.jpg", "张三", ZHANG, until="2025-01-01"), lease()],
                           [IBR], RULES, DAY)
    assert items(confident)[("operator's ID", "operator")].status == "invalid"


def test_a_disagreement_on_an_unsure_value_is_reviewed_a_confident_one_is_inconsistent():
    low = unsure(ibr_application(name="张王"), "operator_name")
    r = check_case([low, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert r.verdict == "needs_review"
    assert any("识别把握不大" in x for m in r.materials for x in m.reasons)
    sure = check_case([ibr_application(name="张王"), id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert sure.verdict == "incomplete"


def test_an_unsure_value_that_agrees_needs_no_review():
    low = unsure(ibr_application(), "operator_name")
    r = check_case([low, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert r.verdict == "complete"


def test_an_unread_equals_condition_is_undecided():
    addr = "北京市朝阳区建国路88号1单元302室"
    unit = "110105001001GB00001F00010001"
    title = doc("property_certificate", "title.jpg", owner="李四", co_ownership="共同共有", address=addr,
                unit_number=unit, cert_number="京(2020)朝阳区不动产权第0001234号", area="86.5")
    house = [doc("real_estate_application", "app.jpg", registration_type="转移登记", buyer="王五", seller="李四",
                 address=addr, unit_number=unit),
             id_card("buyer.jpg", "王五", "310104197001010014"), id_card("seller.jpg", "李四", LI),
             unread(title, co_ownership="section_unread"),
             doc("house_sale_contract", "contract.jpg", seller="李四", buyer="王五", address=addr, price="1850000")]
    r = check_case(house, ["second_hand_house_transfer"], RULES, DAY)
    assert r.verdict in ("needs_review", "incomplete")
    assert r.verdict != "complete"
    reviewed = [m for m in r.materials if m.status == "needs_review"]
    assert any("共有" in x for m in reviewed for x in m.reasons)


def _res(status: str, requirement: str = "key") -> MaterialResult:
    return MaterialResult(item="x", name="x", material="id_card", requirement=requirement, status=status,
                          alternatives=["id_card"])


@pytest.mark.parametrize(("statuses", "verdict"), [
    ([("present", "key"), ("needs_review", "key"), ("missing", "key")], "incomplete"),
    ([("needs_review", "conditional_key"), ("inconsistent", "key")], "incomplete"),
    ([("needs_review", "key"), ("tolerated", "tolerable")], "needs_review"),
    ([("present", "key"), ("tolerated", "tolerable")], "accept_with_tolerance"),
    ([("present", "key"), ("not_required", "not_required")], "complete"),
])
def test_verdict_precedence(statuses, verdict):
    assert verdict_of([_res(s, q) for s, q in statuses]) == verdict


def test_food_licence_unread_legal_rep_is_reviewed_not_passed():
    app = unread(food_application(), legal_rep="section_unread")
    r = check_case([app, licence(), id_card("id.jpg", "张三", ZHANG), lease(), doc("food_safety_rules", "rules.jpg"),
                    doc("floor_plan", "plan.jpg"), health()], ["food_business_license"], RULES, DAY)
    assert r.verdict == "needs_review"


def test_the_cli_table_and_notice_say_needs_review(capsys):
    app = unread(ibr_application(), agent_name="section_unread")
    r = check_case([app, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    print_check(r)
    out = capsys.readouterr().out
    assert "需人工核对" in out and "预审结论：需人工核对" in out
    assert "预审结论：需人工核对" in r.notice


def test_every_reason_code_has_words_and_templates_fill():
    from yichuang.labels import labels, say
    from yichuang.types import Reason

    lab = labels()
    for code in ("label_without_value", "section_unread", "low_confidence", "default"):
        assert lab.why(code)
    assert lab.why("a-code-nobody-wrote") == lab.unread["default"]
    assert say(Reason.of("unread", item="申请书", label="委托代理人", why="default")) == \
        "申请书上的委托代理人一栏未能识别，请人工核对"


# ---- the issue's case end to end from stored OCR (extraction included, no OCR at test time) --------

CLASSES = Path(__file__).parent / "data" / "extract" / "classes"


def _read(name: str) -> list[Document]:
    from yichuang.extractors.document import read_documents

    from yichuang.types import OcrPage

    page = OcrPage.model_validate_json((CLASSES / f"{name}.ocr.json").read_text(encoding="utf-8"))
    return read_documents(page)


@pytest.mark.skipif(not (CLASSES / "application-agent-blank.ocr.json").exists(), reason="golden pages absent")
def test_an_application_whose_agent_section_is_unread_is_never_complete():
    docs = _read("application-agent-blank")
    assert [d.material for d in docs] == ["individual_business_application"]
    app = docs[0]
    others = [id_card("id.jpg", app.fields["operator_name"], app.fields["operator_id_number"]),
              lease(address=app.fields["premises_address"], lessee=app.fields["operator_name"])]
    r = check_case([app, *others], [IBR], RULES, DAY)
    assert r.verdict == "needs_review", [(m.item, m.status, m.reasons) for m in r.materials]
    assert items(r)[("agent's authority", None)].status == "needs_review"


@pytest.mark.skipif(not (CLASSES / "application-agent-wording.ocr.json").exists(), reason="golden pages absent")
def test_an_agent_under_local_wording_without_power_of_attorney_is_incomplete():
    docs = _read("application-agent-wording")
    app = docs[0]
    others = [id_card("id.jpg", app.fields["operator_name"], app.fields["operator_id_number"]),
              lease(address=app.fields["premises_address"], lessee=app.fields["operator_name"])]
    r = check_case([app, *others], [IBR], RULES, DAY)
    assert r.verdict == "incomplete"
    assert items(r)[("agent's authority", None)].status == "missing"


def test_every_reason_code_the_extraction_writes_has_words():
    extraction = getattr(RULES.catalog, "extraction", None)
    if extraction is None or not extraction.unread_codes:
        pytest.skip("the catalog declares no unread reason codes")
    from yichuang.labels import labels

    assert set(extraction.unread_codes) <= set(labels().unread)


def test_the_notice_asks_the_citizen_only_for_what_is_missing_and_the_clerk_for_the_rest():
    app = unread(ibr_application(), agent_name="section_unread")
    r = check_case([app, id_card("id.jpg", "张三", ZHANG)], [IBR], RULES, DAY)  # premises proof tolerated
    fix, _, check = r.notice.partition("以下内容未能自动识别")
    assert "请一并补正" in fix and "【可后补】" in fix and "【需人工核对】" not in fix
    assert "【需人工核对】" in check and "委托代理人" in check and "【可后补】" not in check
    clean = check_case([app, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert "请一并补正" not in clean.notice and "由窗口工作人员核对原件" in clean.notice
