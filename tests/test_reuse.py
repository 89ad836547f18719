"""材料复用 on hand-written documents: archived materials of the same holder, valid on the check date."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from yichuang.checkers.case import _Case, check_case
from yichuang.checkers.reuse import Record, candidates
from yichuang.checkers.rules import load_rulesets

from tests.checkhelp import LI, ZHANG, doc, ibr_application, id_card, lease

RULES = load_rulesets()
DAY = date(2026, 11, 23)
IBR = "individual_business_registration"


def rec(material="id_card", holder=ZHANG, until="2035-01-01", rid=1, **kw) -> Record:
    return Record(id=rid, holder=holder, material=material, source_case="c0ffee000001", verified_on=date(2026, 11, 2),
                  valid_until=until, **kw)


def by_item(result):
    return {(m.item, m.role): m for m in result.materials}


def test_second_case_without_the_id_card_reuses_the_archived_one():
    r = check_case([ibr_application(), lease()], [IBR], RULES, DAY, archive=[rec()])
    item = by_item(r)[("operator's ID", "operator")]
    assert item.status == "reused" and r.verdict == "complete"
    assert item.reused_from.case == "c0ffee000001" and item.reused_from.verified_on == "2026-11-02"
    assert "无需再次提交" in item.reasons[0]
    assert r.saved.materials_reused == 1 and r.saved.materials_in_bundle == 2
    assert "经营者身份证" not in r.notice  # never asked of the citizen


def test_an_archived_card_expired_on_the_check_date_is_not_reused():
    r = check_case([ibr_application(), lease()], [IBR], RULES, DAY, archive=[rec(until="2026-11-22")])
    assert by_item(r)[("operator's ID", "operator")].status == "missing" and r.verdict == "incomplete"
    same_day = check_case([ibr_application(), lease()], [IBR], RULES, DAY, archive=[rec(until="2026-11-23")])
    assert by_item(same_day)[("operator's ID", "operator")].status == "reused"  # valid through its last day


def test_a_different_holder_never_reuses():
    r = check_case([ibr_application(number=LI, name="李四"), lease()], [IBR], RULES, DAY, archive=[rec(holder=ZHANG)])
    assert by_item(r)[("operator's ID", "operator")].status == "missing"


def test_an_archived_card_whose_name_differs_from_the_application_is_not_reused():
    card = rec(fields={"name": "张三", "id_number": ZHANG})
    ok = check_case([ibr_application(), lease()], [IBR], RULES, DAY, archive=[card])
    assert by_item(ok)[("operator's ID", "operator")].status == "reused"
    wrong = check_case([ibr_application(name="王五"), lease()], [IBR], RULES, DAY, archive=[card])
    item = by_item(wrong)[("operator's ID", "operator")]
    assert item.status == "missing" and "不能复用" in item.reasons[-1]


def test_an_archived_lease_for_another_address_is_not_this_premises_proof():
    old = rec("lease_contract", until=None, fields={"address": "上海市徐汇区漕溪北路1号", "lessee": "张三"})
    r = check_case([ibr_application(), id_card("id.jpg", "张三", ZHANG)], [IBR], RULES, DAY, archive=[old])
    premises = by_item(r)[("premises proof", None)]
    assert premises.status == "tolerated" and "不能复用" in premises.reasons[-1]
    same = rec("lease_contract", until=None, fields={"address": "北京市朝阳区建国路88号1单元302室"})
    r = check_case([ibr_application(), id_card("id.jpg", "张三", ZHANG)], [IBR], RULES, DAY, archive=[same])
    assert by_item(r)[("premises proof", None)].status == "reused"


def test_no_holder_known_no_reuse_and_a_clerk_fact_names_it():
    app = doc("individual_business_application", "app.jpg", operator_name="张三", trade_name="店")  # no ID number
    r = check_case([app, lease()], [IBR], RULES, DAY, archive=[rec()])
    assert by_item(r)[("operator's ID", "operator")].status == "missing"
    r = check_case([app, lease()], [IBR], RULES, DAY, {"holder_id": ZHANG.lower()}, archive=[rec()])
    assert by_item(r)[("operator's ID", "operator")].status == "reused"


def test_a_revoked_record_and_a_non_reusable_item_are_never_reused():
    r = check_case([ibr_application(), lease()], [IBR], RULES, DAY, archive=[rec(revoked=True)])
    assert by_item(r)[("operator's ID", "operator")].status == "missing"
    r = check_case([id_card("id.jpg", "张三", ZHANG), lease()], [IBR], RULES, DAY, {"holder_id": ZHANG},
                   archive=[rec("individual_business_application")])
    assert by_item(r)[("application", None)].status == "missing"  # reusable: false in the ruleset


def test_a_tolerable_item_is_reused_under_the_applicant():
    r = check_case([ibr_application(), id_card("id.jpg", "张三", ZHANG)], [IBR], RULES, DAY,
                   archive=[rec("lease_contract", until=None)])
    premises = by_item(r)[("premises proof", None)]
    assert premises.status == "reused" and premises.deadline is None and r.verdict == "complete"


def test_what_an_accepted_case_archives():
    docs = [ibr_application(), id_card("id.jpg", "张三", ZHANG), lease()]
    case = _Case(docs, *RULES.resolve([IBR]), DAY, {}, RULES)
    case.resolve()
    case.consistency()
    got = {(c.material, c.holder, c.valid_until) for c in candidates(case, case.results())}
    # the signed application is never archived (reusable: false); the card under its own number
    assert got == {("id_card", ZHANG, "2035-01-01"), ("lease_contract", ZHANG, None)}


def test_an_expired_card_is_not_archived():
    docs = [ibr_application(), id_card("id.jpg", "张三", ZHANG, until="2020-01-01"), lease()]
    case = _Case(docs, *RULES.resolve([IBR]), DAY, {}, RULES)
    case.resolve()
    case.consistency()
    assert "id_card" not in {c.material for c in candidates(case, case.results())}


# ---- property: reuse never makes a case complete unless a valid record of exactly that item and holder exists

HOLDERS = [ZHANG, LI]
MATERIALS = ["id_card", "lease_contract", "property_certificate", "individual_business_application",
             "power_of_attorney", "business_license"]
record_st = st.builds(
    lambda n, m, h, until, revoked: Record(id=n, holder=h, material=m, source_case=f"case{n}",
                                           verified_on=date(2026, 1, 1), valid_until=until, revoked=revoked),
    st.integers(1, 99), st.sampled_from(MATERIALS), st.sampled_from(HOLDERS),
    st.sampled_from([None, "长期", "2026-11-22", "2026-11-23", "2030-01-01", "not a date"]), st.booleans())


@settings(max_examples=300, deadline=None)
@given(records=st.lists(record_st, max_size=6), holder=st.sampled_from(HOLDERS),
       keep=st.lists(st.booleans(), min_size=3, max_size=3), agent=st.booleans())
def test_reuse_never_turns_a_case_complete_without_a_valid_record_for_that_item_and_holder(records, holder, keep, agent):
    name = "张三" if holder == ZHANG else "李四"
    pool = [ibr_application(name=name, number=holder), id_card("id.jpg", name, holder), lease(lessee=name)]
    docs = [d for d, k in zip(pool, keep, strict=True) if k]
    facts = {"agent": "true"} if agent else {}
    without = check_case(docs, [IBR], RULES, DAY, facts)
    records = [Record(**{**r.__dict__, "id": n}) for n, r in enumerate(records)]  # unique ids
    with_ = check_case(docs, [IBR], RULES, DAY, facts, archive=records)
    for a, b in zip(without.materials, with_.materials, strict=True):
        if b.status == "reused":
            assert a.status in ("missing", "tolerated")
            src = next(r for r in records if r.id == b.reused_from.record)
            assert src.material in a.alternatives and not src.revoked
            assert src.valid_until in (None, "长期") or date.fromisoformat(src.valid_until) >= DAY
            # exactly that holder: the application names it (the agent's number is never on these forms)
            assert keep[0] and src.holder == holder and b.role != "agent"
            assert a.item not in ("application", "agent's authority")
        else:
            assert b.model_dump(exclude={"reasons", "reason_codes"}) == a.model_dump(exclude={"reasons", "reason_codes"})
    if with_.verdict == "complete" and without.verdict != "complete":
        assert any(m.status == "reused" for m in with_.materials)


CREDIT = "91350100M000100Y43"
BUNDLE_MATERIALS = [*MATERIALS, "food_safety_rules", "floor_plan", "health_certificate", "food_license_application"]
bundle_record_st = st.builds(
    lambda n, m, h, until, revoked, named: Record(
        id=n, holder=h, material=m, source_case=f"case{n}", verified_on=date(2026, 1, 1), valid_until=until,
        revoked=revoked, fields={"name": named} if named else {}),
    st.integers(1, 99), st.sampled_from(BUNDLE_MATERIALS), st.sampled_from([*HOLDERS, CREDIT]),
    st.sampled_from([None, "2026-11-22", "2030-01-01"]), st.booleans(), st.sampled_from([None, "张三", "李四"]))


@settings(max_examples=300, deadline=None)
@given(records=st.lists(bundle_record_st, max_size=8), keep=st.lists(st.booleans(), min_size=8, max_size=8),
       fact=st.sampled_from([None, ZHANG, LI, CREDIT]))
def test_in_the_bundle_reuse_needs_a_valid_record_of_exactly_that_item_and_holder(records, keep, fact):
    from tests.checkhelp import doc as mk
    from tests.checkhelp import food_application, health

    pool = [ibr_application(), food_application(), id_card("id.jpg", "张三", ZHANG), lease(), health(),
            mk("food_safety_rules", "rules.jpg"), mk("floor_plan", "plan.jpg"), id_card("id2.jpg", "李四", LI)]
    docs = [d for d, k in zip(pool, keep, strict=True) if k]
    facts = {"holder_id": fact} if fact else {}
    records = [Record(**{**r.__dict__, "id": n}) for n, r in enumerate(records)]
    without = check_case(docs, ["convenience_store_opening"], RULES, DAY, facts)
    with_ = check_case(docs, ["convenience_store_opening"], RULES, DAY, facts, archive=records)
    food_items = {"food safety rules", "floor plan", "staff health certificate"}
    for a, b in zip(without.materials, with_.materials, strict=True):
        if b.status != "reused":
            assert b.model_dump(exclude={"reasons", "reason_codes"}) == a.model_dump(exclude={"reasons", "reason_codes"})
            continue
        src = next(r for r in records if r.id == b.reused_from.record)
        assert a.status in ("missing", "tolerated") and src.material in a.alternatives and not src.revoked
        assert src.valid_until is None or date.fromisoformat(src.valid_until) >= DAY
        named = {d.material: d for d in docs}
        if a.item in food_items:  # the food licence's applicant: the entity, from its form (or the clerk's fact)
            assert src.holder == (CREDIT if "food_license_application" in named else fact)
        elif a.item == "premises proof":  # shared: the first matter that names its applicant decides
            ibr, food = "individual_business_application" in named, "food_license_application" in named
            assert src.holder == (ZHANG if ibr else CREDIT if food else fact)
        else:  # the operator / legal representative: the person the forms (or the clerk's fact) name
            forms = "individual_business_application" in named or "food_license_application" in named
            assert src.holder == (ZHANG if forms else fact)
            assert src.fields.get("name") in (None, "张三") or not forms
        assert a.item not in ("application", "agent's authority")
    if with_.verdict == "complete" and without.verdict != "complete":
        assert any(m.status == "reused" for m in with_.materials)
