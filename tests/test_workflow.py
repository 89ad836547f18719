"""The case workflow, the short case number, the queue's search, and the label table."""

from __future__ import annotations

import typing
from datetime import date

import pytest

from yichuang.errors import ConflictError, UsageError


@pytest.fixture
def flows(home):
    from yichuang.service import jobs
    from yichuang.storage.workflow import WorkflowStore

    return jobs.context().cases, WorkflowStore(jobs.context().settings.database_url)


def test_numbers_are_the_day_and_a_sequence(flows):
    cases, wf = flows
    a, _ = cases.create(["dog_registration"], None, {}, actor="clerk1")
    b, _ = cases.create(["dog_registration"], None, {}, actor="citizen")
    day = date.today().strftime("%Y%m%d")
    assert wf.get(a).number == f"{day}-0001" and wf.get(b).number == f"{day}-0002"
    assert wf.get(a).number == f"{day}-0001"  # stable
    assert wf.get(a).channel == "window" and wf.get(b).channel == "online"
    assert wf.by_number(f"{day}-0002").case_id == b


def test_each_step_belongs_to_one_role_and_one_state(flows):
    cases, wf = flows
    case_id, _ = cases.create(["dog_registration"], None, {}, actor="citizen")
    with pytest.raises(ConflictError):
        wf.transition(case_id, "approve", "reviewer", "rev1")  # not under review yet
    with pytest.raises(ConflictError):
        wf.transition(case_id, "accept", "citizen", "citizen")  # the clerk accepts
    assert wf.transition(case_id, "submit", "citizen", "citizen").state == "submitted"
    with pytest.raises(UsageError):
        wf.transition(case_id, "reject", "clerk", "clerk1", "  ")  # a refusal needs a reason
    assert wf.transition(case_id, "accept", "clerk", "clerk1").state == "accepted"
    assert wf.transition(case_id, "send_to_review", "clerk", "clerk1").state == "reviewing"
    assert wf.transition(case_id, "return", "reviewer", "rev1", "请补租赁合同").comment == "请补租赁合同"
    assert wf.transition(case_id, "resubmit", "clerk", "clerk1").comment == "请补租赁合同"  # still in view
    done = wf.transition(case_id, "approve", "reviewer", "rev1")
    assert done.state == "approved" and done.comment == ""
    steps = [a.action for a in cases.audit_trail(case_id) if a.action in
             ("submit", "accept", "send_to_review", "return", "resubmit", "approve")]
    assert steps == ["submit", "accept", "send_to_review", "return", "resubmit", "approve"]


def test_the_queue_finds_a_case_by_number_id_number_name_or_phone(flows):
    cases, wf = flows
    a, _ = cases.create(["dog_registration"], None, {}, actor="clerk1")
    b, _ = cases.create(["dog_registration"], None, {}, actor="clerk1")
    wf.index_result(a, {"name": "林娜磊", "id_number": "11010519970216977x", "phone": "14387863911"})
    wf.index_result(b, {"name": "张三", "id_number": "", "phone": ""})
    number = wf.get(a).number
    assert [f.case_id for f in wf.queue(number).rows] == [a]
    assert [f.case_id for f in wf.queue(number[-4:]).rows] == [a]  # today's sequence alone
    assert [f.case_id for f in wf.queue("11010519970216977X").rows] == [a]  # the stored value, exactly
    assert wf.queue("110105").rows == []  # no partial ID-number match
    assert [f.case_id for f in wf.queue("娜磊").rows] == [a]
    assert [f.case_id for f in wf.queue("14387863911").rows] == [a]
    assert {f.case_id for f in wf.queue("", today=date.today(), open_only=True).rows} == {a, b}
    for step, role in (("accept", "clerk"), ("send_to_review", "clerk"), ("approve", "reviewer")):
        wf.transition(b, step, role, "x")
    assert {f.case_id for f in wf.queue("", today=None, open_only=True).rows} == {a}  # approved is closed


def test_the_applicant_comes_from_the_form_first():
    from yichuang.storage.workflow import applicant_from

    from yichuang.types import CheckResult, Document, FormValue

    def value(text: str) -> FormValue:
        return FormValue(value=text, source="form.pdf#1", confidence=0.9)

    result = CheckResult.model_construct(
        form={"owner_name": value("林娜磊"), "owner_id_number": value("11010519970216977X")},
        documents=[Document(source="id.jpg", page=1, material="id_card", confidence=0.9,
                            fields={"name": "别人", "phone": "14387863911"})])
    assert applicant_from(result) == {"name": "林娜磊", "id_number": "11010519970216977X", "phone": "14387863911"}


def test_the_label_table_names_every_status_verdict_state_and_field():
    from yichuang.checkers.rules import load_rulesets
    from yichuang.storage.workflow import TRANSITIONS

    from yichuang import types
    from yichuang.labels import labels, zh_date

    lab = labels()
    assert set(typing.get_args(types.Status)) <= set(lab.statuses)
    assert set(typing.get_args(types.Verdict)) <= set(lab.verdicts) & set(lab.verdict_banner) & set(lab.verdict_citizen)
    assert set(TRANSITIONS) <= set(lab.actions)
    assert {t.target for t in TRANSITIONS.values()} <= set(lab.states)
    rules = load_rulesets()
    names = {f for m in rules.catalog.materials.values() for f in m.fields}
    names |= {f for m in rules.matters.values() for f in m.form}
    assert all(not lab.field(n).isascii() for n in names)
    assert lab.field("term_start") == "租赁起始日期"
    assert zh_date("请于2026-12-23前补交") == "请于2026年12月23日前补交"
    assert lab.side("id_card", {"issuer": "北京市公安局"}) == "国徽面"
    assert lab.side("id_card", {"name": "林娜磊"}) == "人像面"


def test_every_label_the_pages_script_uses_is_in_the_table():
    import re
    from pathlib import Path

    from yichuang.labels import labels

    table = labels().for_js()
    script = (Path(__file__).resolve().parents[1] / "service" / "static" / "app.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bL\.(\w+)\.(\w+)", script))
    assert len(used) > 20
    missing = [f"{section}.{key}" for section, key in used if key not in table.get(section, {})]
    assert not missing, missing


def test_templates_have_no_inline_script_style_or_handler():
    """The pages must run under a strict Content-Security-Policy ('self' only)."""
    import re
    from pathlib import Path

    for path in (Path(__file__).resolve().parents[1] / "service" / "templates").glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", text, re.I), path.name


def test_case_lists_are_filtered_counted_and_paged_in_sql(flows):
    from datetime import timedelta

    cases, wf = flows
    dogs = [cases.create(["dog_registration"], None, {}, actor="clerk1")[0] for _ in range(7)]
    other = cases.create(["food_business_license"], None, {}, actor="clerk1")[0]
    for case_id in dogs[:3]:
        cases.set_state(case_id, "done", "complete")
    first = wf.queue("", today=date.today(), limit=3)
    assert (first.total, len(first.rows), first.offset, first.next_offset, first.prev_offset) == (8, 3, 0, 3, None)
    last = wf.queue("", today=date.today(), limit=3, offset=6)
    assert (len(last.rows), last.next_offset, last.prev_offset) == (2, None, 3)
    seen = [f.case_id for off in (0, 3, 6) for f in wf.queue("", today=date.today(), limit=3, offset=off).rows]
    assert sorted(seen) == sorted([*dogs, other]) and len(set(seen)) == 8  # every case once, none twice
    assert {f.case_id for f in wf.queue("", matter="dog_registration", limit=50).rows} == set(dogs)
    assert wf.queue("", matter="dog", limit=50).total == 0  # a whole matter id, not a part of one
    complete = wf.queue("", matter="dog_registration", verdict="complete", limit=2)
    assert complete.total == 3 and len(complete.rows) == 2 and {f.verdict for f in complete.rows} == {"complete"}
    today = date.today()
    assert wf.queue("", since=today, until=today).total == 8
    assert wf.queue("", since=today + timedelta(days=1)).total == 0
    assert wf.queue("", until=today - timedelta(days=1)).total == 0


def test_reviews_and_corrections_belong_to_the_case_store(flows):
    cases, _wf = flows
    case_id, _ = cases.create(["dog_registration"], None, {}, actor="clerk1")
    with pytest.raises(UsageError):
        cases.review(case_id, "rev1", "returned", " ")  # a return needs its reason
    cases.review(case_id, "rev1", "returned", "缺少免疫证明")
    cases.override(case_id, "a" * 64, 1, "owner_name", "张三", "clerk1", before="张二")
    (review,) = cases.reviews(case_id)
    assert (review.reviewer, review.decision, review.comment) == ("rev1", "returned", "缺少免疫证明")
    (fix,) = cases.overrides(case_id)
    assert (fix.page_id, fix.field, fix.value, fix.actor) == ("a" * 64 + "-1", "owner_name", "张三", "clerk1")
    assert cases.get(case_id).decision == "returned"
    cases.undo_override(case_id, fix.id, "clerk1")
    assert cases.overrides(case_id) == []
    assert [a.action for a in cases.audit_trail(case_id)][-3:] == ["review_returned", "override_field",
                                                                     "override_undone"]
