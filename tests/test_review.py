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


# ---- a reading that is not a value is doubtful, by the catalog's label grammar (issue 9) -------------------

def _grammar():
    from yichuang.checkers.review import label_grammar

    ms, _ = RULES.resolve([IBR, "food_business_license", "dog_registration", "second_hand_house_transfer"])
    return label_grammar(RULES.catalog, ms)


@pytest.mark.parametrize(("field", "reading"), [
    ("operator_name", "身份证明"),  # a head noun of a title (证明) after a qualifier
    ("operator_name", "居民身份证"),  # a material's name
    ("operator_name", "本人姓"),  # a party's label (本人姓名) cut inside its head
    ("operator_name", "受托代办人手机"),  # a qualifier + a party word + a phone head: no catalog label
    ("operator_name", "经营者性别"),
    ("operator_name", "码"),  # a fragment shorter than a name
    ("premises_address", "详细地址"),
    ("premises_address", "详细"),  # shorter than any address
    ("premises_address", "经营场所位置"),
])
def test_a_label_read_as_a_compared_value_is_put_to_a_person_not_called_inconsistent(field, reading):
    app = ibr_application(**({"name": reading} if field == "operator_name" else {"address": reading}))
    r = check_case([app, id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    got = items(r)[("application", None)]
    assert got.status == "needs_review", got.reasons
    assert r.verdict == "needs_review"
    assert all("人工核对" in x for x in got.reasons)


def test_two_well_formed_names_that_differ_stay_inconsistent():
    for other in ("李四", "王建国", "欧阳娜娜"):
        r = check_case([ibr_application(name=other), id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
        assert items(r)[("application", None)].status == "inconsistent", other
        assert r.verdict == "incomplete"


def test_the_grammar_takes_no_person_name_for_a_label():
    """Every two-character name the generator's people can have, and 40 000 three-character ones:
    none is a label by the grammar (a false doubt would send clean cases to a person)."""
    import random

    from yichuang.checkers.review import doubtful
    from yichuang.samples.people import GIVEN, SURNAMES

    g = _grammar()
    rng = random.Random(7)
    names = {s + a for s in SURNAMES for a in GIVEN}
    names |= {rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(40000)}
    flagged = sorted(n for n in names if doubtful(n, "name", g))
    assert not flagged, flagged[:20]


@pytest.mark.parametrize(("value", "ftype"), [
    ("南山乐购便利店", "text"), ("北京市惠民商贸有限公司高新区分公司", "text"), ("转移登记", "text"),
    ("柯基犬", "text"), ("中华田园犬", "text"), ("北京市朝阳区建国路88号1单元302室", "address"),
    ("朝阳区望京街道花家地村", "address"), ("食品销售经营者（便利店）", "text"), ("日用百货销售", "text"),
])
def test_the_grammar_takes_no_written_value_for_a_label(value, ftype):
    from yichuang.checkers.review import doubtful

    assert not doubtful(value, ftype, _grammar())


def test_an_unseen_label_combination_is_recognised_by_its_shape():
    """Wordings no catalog entry has: a qualifier + a party word + a head, for every head kind."""
    from yichuang.checkers.review import label_like

    g = _grammar()
    heads = [h for h in g.heads if not h.startswith(("基本", "情况", "信息"))]
    for head in heads:
        for qualifier in ("受托代办人", "申办方", "联系"):
            assert label_like(qualifier + head, "name", g), qualifier + head


# ---- near-equal values are a reading problem, different ones a disagreement ---------------------------------

@pytest.mark.parametrize(("a", "b", "residue"), [
    ("南山乐购便利店92440305ABQQEGXC9B", "南山乐购便利店", True),  # the next box's credit code fused to the name
    ("110105199003071234朝阳惠民便利店", "朝阳惠民便利店", True),
    ("实北京市朝阳区建国路88号1单元302室", "北京市朝阳区建国路88号1单元302室", True),  # one stray edge character
    ("北京市朝阳区建国路88号1单元302室一", "北京市朝阳区建国路88号1单元302室", True),
    ("北京市朝阳区解放大道278号", "北京市朝阳区长江路153号", False),  # another road, another number
    ("北京市朝阳区建国路88号1单元3021", "北京市朝阳区建国路88号1单元302", False),  # a digit may be the value's own
    ("朝阳惠民便利店", "朝阳惠民超市", False),
    ("张三丰", "张三", False),  # short values: another person
    ("朝阳惠民便利店ABCD", "朝阳惠民便利店", False),  # letters without a digit: not an identifier
])
def test_residue(a, b, residue):
    from yichuang.checkers.compare import residue as is_residue

    assert is_residue(a, b) is residue and is_residue(b, a) is residue


def _food_app(**over: str) -> Document:
    return doc("food_license_application", "food.jpg", **{**food_application().fields, **over})


def _food(app=None, lease_doc=None, card=None, lic=None):
    return [app or food_application(), lic or licence(), card or id_card("id.jpg", "张三", ZHANG), lease_doc or lease(),
            doc("food_safety_rules", "rules.jpg"), doc("floor_plan", "plan.jpg"), health()]


def test_a_name_with_a_fused_code_is_reviewed_a_different_name_is_inconsistent():
    fused = _food_app(applicant="朝阳惠民便利店91350100M000100Y43")
    r = check_case(_food(fused), ["food_business_license"], RULES, DAY)
    got = items(r)[("application", None)]
    assert got.status == "needs_review" and any("识别把握不大，请人工核对原件" in x for x in got.reasons)
    other = check_case(_food(_food_app(applicant="朝阳利民便利店")), ["food_business_license"], RULES, DAY)
    assert items(other)[("application", None)].status == "inconsistent"


def test_a_stray_edge_character_on_an_address_is_reviewed_another_address_is_not():
    from tests.checkhelp import ADDR

    stray = _food_app(premises_address="实" + ADDR)
    moved = lease(address="北京市朝阳区建国路90号1单元302室")
    for app, contract in [(stray, lease()), (_food_app(), lease(address="朝阳区建国路88号1单元302室实"))]:
        r = check_case(_food(app, contract), ["food_business_license"], RULES, DAY)
        assert r.verdict in ("complete", "needs_review"), [(m.item, m.status, m.reasons) for m in r.materials]
    assert check_case(_food(lease_doc=moved), ["food_business_license"], RULES, DAY).verdict == "incomplete"


def test_a_contract_address_that_is_a_party_home_is_reviewed_when_the_licence_registers_the_other():
    """The lease printed the tenant's 联系地址 (their ID card's address) and that line was read as the
    house: the application and the licence agree on the premises, so a person compares the originals."""
    home = "北京市海淀区学院路1号2单元101室"
    card = doc("id_card", "id.jpg", name="张三", id_number=ZHANG, birth_date="1990-03-07", address=home,
               issuer="北京市公安局海淀分局", valid_from="2015-01-01", valid_until="2035-01-01")
    r = check_case(_food(card=card, lease_doc=lease(address=home)), ["food_business_license"], RULES, DAY)
    assert r.verdict == "needs_review"
    assert [m.status for m in r.materials if m.material == "lease_contract"] == ["needs_review"]
    # no second witness: the application alone names another address than the lease (and the home)
    ibr = check_case([ibr_application(address="北京市朝阳区望京街1号"), card, lease(address=home)], [IBR], RULES, DAY)
    assert ibr.verdict == "incomplete"


def test_an_id_number_box_holding_a_credit_code_is_reviewed_a_bad_checksum_is_invalid():
    code = "91350100M000100Y43"
    misplaced = _food_app(legal_rep_id_number=code)
    misplaced.field_details["legal_rep_id_number"] = misplaced.field_details["legal_rep_id_number"].model_copy(
        update={"valid": False, "code": "id_chars"})
    r = check_case(_food(misplaced), ["food_business_license"], RULES, DAY)
    got = items(r)[("application", None)]
    assert got.status == "needs_review", got.reasons
    assert any("统一社会信用代码" in x and "人工核对" in x for x in got.reasons)
    bad = doc("food_license_application", "food.jpg", invalid={"legal_rep_id_number": "check character"},
              **{**food_application().fields, "legal_rep_id_number": ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")})
    assert items(check_case(_food(bad), ["food_business_license"], RULES, DAY))[("application", None)].status == "invalid"


def test_an_invalid_reading_with_little_confidence_is_reviewed():
    bad = doc("food_license_application", "food.jpg", invalid={"legal_rep_id_number": "check character"},
              **{**food_application().fields, "legal_rep_id_number": ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")})
    low = unsure(bad, "legal_rep_id_number", confidence=0.4)
    got = items(check_case(_food(low), ["food_business_license"], RULES, DAY))[("application", None)]
    assert got.status == "needs_review" and any("识别把握不大" in x for x in got.reasons)


def test_a_clause_read_as_the_agent_is_reviewed_another_person_is_inconsistent():
    def case(agent_on_poa: str):
        app = ibr_application(agent_name="李四", agent_id_number=LI)
        poa = doc("power_of_attorney", "poa.jpg", principal="张三", agent_name=agent_on_poa, agent_id_number=LI,
                  entrusted_matter="代为办理")
        return check_case([app, id_card("o.jpg", "张三", ZHANG), id_card("a.jpg", "李四", LI), lease(), poa], [IBR],
                          RULES, DAY)

    clause = case("在办理过程中所签")
    assert items(clause)[("agent's authority", None)].status == "needs_review"
    assert clause.verdict == "needs_review"
    other = case("王五")
    assert items(other)[("agent's authority", None)].status == "inconsistent"


def test_a_valid_id_number_that_passes_the_credit_code_check_by_chance_is_an_id_number():
    """One all-digit number in ~31 passes the 统一社会信用代码 check too: as a valid 身份证号码 it is one."""
    from yichuang.checkers.review import doubtful, other_identifier
    from yichuang.extractors.validators import validate_credit_code

    from tests.checkhelp import fixid

    both = next(n for k in range(1000) if validate_credit_code(n := fixid(f"11010519900307{k:03d}")).valid)
    assert other_identifier(both, "id_number") is None
    assert not doubtful(both, "id_number", _grammar())
    assert other_identifier("91350100M000100Y43", "id_number") == "credit_code"


def test_a_card_no_confident_name_could_place_is_put_to_a_person():
    """The application's name is a label read back: the one ID card goes to the operator in order, and
    a person confirms whose it is; a confidently read other name marks the application instead."""
    r = check_case([ibr_application(name="身份证明"), id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    card = items(r)[("operator's ID", "operator")]
    assert card.status == "needs_review" and [c.code for c in card.reason_codes] == ["role_unconfirmed"]
    assert "经营者身份证（张三）" in card.reasons[0] and "经营者本人" in card.reasons[0]
    sure = check_case([ibr_application(name="张叁"), id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY)
    assert items(sure)[("operator's ID", "operator")].status == "present"
