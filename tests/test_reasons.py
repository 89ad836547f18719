"""Reasons as codes, words in one place: every code a checker or validator can emit has its one
Chinese sentence in rulesets/labels.yaml; the rendered Chinese of a few reasons is fixed here."""

from __future__ import annotations

import ast
import shutil
import string
from pathlib import Path

import pytest
from yichuang.checkers.seals import judge_seal
from yichuang.extractors.validators import (
    id_number_parts,
    validate_credit_code,
    validate_date,
    validate_id_number,
    validate_phone,
)
from yichuang.rulesets import RULESETS_DIR, load_catalog, load_rulesets_dir
from yichuang.rulesets.schema import SealRequirement

from yichuang.errors import RulesetError
from yichuang.labels import labels, say
from yichuang.types import Document, Reason, Seal, SealScan

ROOT = Path(__file__).resolve().parents[1]
EMITTERS = [*sorted((ROOT / "checkers").glob("*.py")), ROOT / "extractors" / "validators.py"]


def _emitted_codes() -> dict[str, str]:
    """Every literal code passed to Reason.of(…) or Problem(…) in the checkers and validators → where."""
    out: dict[str, str] = {}
    for path in EMITTERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", "")
            owner = getattr(fn.value, "id", "") if isinstance(fn, ast.Attribute) else ""
            if (name, owner) in (("of", "Reason"), ("Problem", "")):
                first = node.args[0]
                if isinstance(first, ast.Attribute) and first.attr == "code":
                    continue  # a code passed on (a field's validator code): its emitter is walked too
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                    f"{path.name}:{node.lineno}: a reason code is a literal, so this test can see it"
                if first.value:
                    out.setdefault(first.value, f"{path.name}:{node.lineno}")
    return out


def test_every_reason_code_any_checker_or_validator_emits_has_a_chinese_sentence():
    codes = _emitted_codes()
    # the walk sees the checkers and the validators (a broken walk would pass vacuously)
    assert {"check_char", "length", "phone_prefix", "not_a_date", "tolerated", "missing_key", "conflict", "unread",
            "undecided", "seal_missing", "sign_missing", "supplied_late", "reused", "unverified"} <= set(codes)
    table = labels().reasons
    missing = {code: where for code, where in codes.items() if code not in table}
    assert not missing, f"reason codes without a sentence in rulesets/labels.yaml `reasons:`: {missing}"
    for code, sentence in table.items():  # every sentence parses, with known format specs only
        for _, name, spec, _ in string.Formatter().parse(sentence):
            assert name is None or name.isidentifier(), (code, name)
            assert spec in (None, "", "date"), (code, spec)
    assert "repaired" in codes


def test_an_unknown_code_renders_the_fallback_not_a_crash():
    assert say(Reason.of("no_such_code", item="x")) == labels().reasons["unknown"]


def test_golden_chinese_of_validator_reasons():
    bad = validate_id_number("110105199003071231")
    assert (bad.code, bad.params, bad.reason) == ("check_char", {"expected": "9"}, "check character should be 9")
    assert say(Reason.of(bad.code, **bad.params)) == "校验位应为9"
    short = validate_id_number("1101051990")
    assert say(Reason.of(short.code, **short.params)) == "应为18位，实为10位"
    born = validate_id_number("11010519491231002X", birth_date="1949-12-30")
    assert say(Reason.of(born.code, **born.params)) == "号码中的出生日期1949年12月31日与证件出生日期1949年12月30日不符"
    phone = validate_phone("1380013800")
    assert say(Reason.of(phone.code, **phone.params)) == "手机号码应为11位，实为10位"
    uscc = validate_credit_code("91110105MA01ABCDIO")
    assert uscc.code == "uscc_chars" and say(Reason.of(uscc.code, **uscc.params)).startswith("含有不允许的字符IO")
    assert validate_date("明年").to_dict()["code"] == "not_a_date"
    fixed = validate_id_number("110105194912310O2X")  # a letter O where only a digit can stand
    assert fixed.valid and say(Reason.of(fixed.code, **fixed.params)) == \
        "已按常见识别错误更正：110105194912310O2X → 11010519491231002X"
    assert "code" not in validate_date("2020-01-01").to_dict()  # a clean value has nothing to say


def test_golden_chinese_of_checker_reasons():
    nested = Reason.of("invalid_field", cause=Reason.of("check_char", expected="X"), item="经营者身份证",
                       label="公民身份号码", value="110105199003071231")
    assert say(nested) == "经营者身份证公民身份号码110105199003071231无效：校验位应为X"
    assert say(Reason.of("tolerated", item="经营场所使用证明", due="2026-12-07")) == \
        "缺少经营场所使用证明，可容缺受理，请于2026年12月7日前补交"
    assert say(Reason.of("supplied_late", arrived="2026-12-09", deadline="2026-12-07")) == \
        "已于2026年12月9日补交，已逾期（承诺期限2026年12月7日）"
    assert say(Reason.of("undecided", item="授权委托书", source="申请书", label="委托代理人姓名", why="section_unread")) == \
        "是否需要提交授权委托书取决于申请书上的委托代理人姓名（未能识别），请人工核对；如需要，请补交授权委托书"


def test_a_seal_naming_someone_else_says_so_in_the_tables_words():
    seal = Seal(box=[0, 0, 10, 10], shape="round", colour="red", confidence=0.9, text="北京某某科技有限公司",
                text_confidence=0.95)
    doc = Document(source="a.jpg", page=1, material="food_license_application", confidence=0.9,
                   seals=SealScan(seals=[seal]))
    verdict = judge_seal("申请书", [doc], SealRequirement(of="applicant"), "申请人", "朝阳惠民便利店")
    assert verdict.status == "needs_review"
    assert [r.code for r in verdict.reasons] == ["seal_other"]
    assert say(verdict.reasons[0]) == "申请书印章文字“北京某某科技有限公司”与申请人“朝阳惠民便利店”不符，请人工核对"


def test_id_card_sides_and_derived_fields_are_catalog_data():
    card = load_catalog().materials["id_card"]
    assert card.side_of({"issuer": "北京市公安局"}) == "国徽面" and card.side_of({"name": "张三"}) == "人像面"
    assert card.side_of({}) is None
    assert {k: v.part for k, v in card.derived.items()} == {"birth_date": "birth_date", "sex": "sex"}
    assert id_number_parts("11010519491231002X") == {"birth_date": "1949-12-31", "sex": "女"}
    assert id_number_parts("1101051949") == {}


@pytest.fixture
def rdir(tmp_path) -> Path:
    target = tmp_path / "rulesets"
    shutil.copytree(RULESETS_DIR, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def test_an_unknown_fact_fails_at_load_naming_the_file_and_the_fact(rdir):
    path = rdir / "matters" / "food_business_license.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{fact: agent}", "{fact: agnet}"), encoding="utf-8")
    with pytest.raises(RulesetError) as err:
        load_rulesets_dir(rdir)
    msg = str(err.value)
    assert "food_business_license.yaml:" in msg and "unknown fact 'agnet'" in msg and "facts.yaml" in msg
    assert "agent" in msg  # the known ones, to pick from


def test_a_known_fact_added_to_facts_yaml_loads(rdir):
    path = rdir / "matters" / "food_business_license.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{fact: agent}", "{fact: by_post}"), encoding="utf-8")
    facts = rdir / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "  by_post:\n    label: 邮寄提交\n", encoding="utf-8")
    rules = load_rulesets_dir(rdir)
    assert "by_post" in rules.facts and rules.knows_fact("By_Post")
    assert rules.knows_fact("holder_id.seller") and not rules.knows_fact("by_post.seller")
    assert not rules.knows_fact("agnet")


def test_a_side_naming_an_unknown_field_fails_at_load(rdir):
    path = rdir / "catalog.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("fields: [issuer, valid_from, valid_until]",
                                                             "fields: [issuer, valid_form, valid_until]"),
                    encoding="utf-8")
    with pytest.raises(RulesetError, match=r"catalog.yaml:\d+: .*unknown field 'valid_form'"):
        load_rulesets_dir(rdir)


def test_check_dir_loads_every_file_and_a_broken_label_table_names_its_line(rdir):
    from yichuang.rulesets import check_dir

    checked = check_dir(rdir)
    assert checked.labels is not None and checked.calendar is not None and "tolerated" in checked.labels.reasons
    path = rdir / "labels.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nreasons:", "\nreason:"), encoding="utf-8")
    with pytest.raises(RulesetError, match=r"labels.yaml:\d+: "):
        check_dir(rdir)


# ---- severity: a reason that asks a person decides nothing (issue 9) ----------------------------------------

INVALID_CODES = {"invalid_field", "expired", "seal_missing", "seal_missing_any", "seal_missing_custom", "sign_missing"}


def test_every_reason_that_asks_a_person_is_raised_at_needs_review():
    """Walk labels.yaml's reasons: whatever status a 请人工核对 reason is raised with, its item is
    needs_review, never invalid or inconsistent; the others keep the status they were raised at."""
    from yichuang.checkers.review import asks_a_person, item_status

    table = labels().reasons
    asking = {code for code in table if asks_a_person(Reason.of(code))}
    assert {"unread", "undecided", "unsure_conflict", "unsure_expiry", "unsure_invalid", "other_identifier",
            "seal_no_colour", "seal_unread", "seal_other", "sign_unclear", "sign_no_box"} <= asking
    assert not asking & (INVALID_CODES | {"conflict"})
    for code in table:
        for raised in ("invalid", "inconsistent", "needs_review"):
            got = item_status([(raised, Reason.of(code))])
            assert got == ("needs_review" if code in asking else raised), (code, raised)
    assert item_status([("needs_review", Reason.of("seal_other")), ("invalid", Reason.of("sign_missing"))]) == "invalid"
    assert item_status([]) == "present"


def _variants():
    """Check results of many cases: the property test's complete cases, each with a field blanked, a
    label read as a value, a key document corrupted, and seals and signatures found or not."""
    from datetime import date

    from yichuang.checkers.case import check_case
    from yichuang.checkers.rules import load_rulesets

    from tests.test_never_false_complete import BLANKABLE, CASES, MISREADABLE, _blank, _corrupt, _misread

    rules, day = load_rulesets(), date(2026, 11, 23)
    for c, i, f in BLANKABLE[::3]:
        matters, docs = CASES[c]
        yield check_case([_blank(d, {f}) if k == i else d for k, d in enumerate(docs)], matters, rules, day)
    for c, i, f in MISREADABLE[::3]:
        matters, docs = CASES[c]
        for text in ("身份证明", "详细地址", "码"):
            yield check_case([_misread(d, f, text) if k == i else d for k, d in enumerate(docs)], matters, rules, day)
    for matters, docs in CASES:
        for k, d in enumerate(docs):
            for how in ("expire", "rename", "checksum"):
                changed = _corrupt(d, how, k)
                if changed is not None:
                    yield check_case([changed if j == k else x for j, x in enumerate(docs)], matters, rules, day)
    from yichuang.types import Signature

    matters, docs = CASES[2]  # the food licence: a seal of the applicant, the lease's two signatures
    scans = [SealScan(colour=False), SealScan(colour=True),
             SealScan(colour=True, seals=[Seal(box=[0, 0, 9, 9], shape="round", colour="red", confidence=0.9,
                                               text="上海市徐汇区市场监督管理局", text_confidence=0.95)]),
             SealScan(colour=True, signatures=[Signature(label="甲方签字：", party="甲方", box=[0, 0, 9, 9],
                                                         state="unsigned", ink=0.0),
                                               Signature(label="乙方签字：", party="乙方", box=[0, 0, 9, 9],
                                                         state="unclear", ink=0.1)])]
    for scan in scans:
        marked = [d.model_copy(update={"seals": scan}) for d in docs]
        yield check_case(marked, matters, rules, day)


def test_an_item_is_invalid_or_inconsistent_only_for_a_reason_that_does_not_ask_a_person():
    """Across every variant: a needs_review item has a reason asking a person and none that decides;
    an invalid or inconsistent item has a deciding reason of its kind; a present one asks nothing."""
    from yichuang.checkers.review import asks_a_person

    seen: set[str] = set()
    for result in _variants():
        for m in result.materials:
            codes = m.reason_codes
            deciding = {r.code for r in codes if not asks_a_person(r)}
            seen.add(m.status)
            if m.status == "needs_review" and m.documents:
                assert any(asks_a_person(r) for r in codes) and not deciding & (INVALID_CODES | {"conflict"}), m
            elif m.status == "invalid":
                assert deciding & INVALID_CODES, m
            elif m.status == "inconsistent":
                assert "conflict" in deciding and not deciding & INVALID_CODES, m
            elif m.status == "present":
                assert not any(asks_a_person(r) for r in codes), m
    assert {"needs_review", "invalid", "inconsistent", "present"} <= seen  # the variants reach every status


def test_seal_and_signature_reasons_keep_the_status_each_was_raised_at():
    """A missing signature beside an unclear one: the first invalid, the second asks a person (the
    whole check once recorded both at the worse status)."""
    from yichuang.checkers.rules import load_rulesets
    from yichuang.checkers.seals import judge_marks

    from yichuang.types import Signature

    material = load_rulesets().catalog.materials["lease_contract"]
    doc = Document(source="l.jpg", page=1, material="lease_contract", confidence=0.9,
                   seals=SealScan(colour=True, signatures=[
                       Signature(label="甲方签字：", party="甲方", box=[0, 0, 9, 9], state="unsigned", ink=0.0),
                       Signature(label="乙方签字：", party="乙方", box=[0, 0, 9, 9], state="unclear", ink=0.1)]))
    verdict = judge_marks("租赁合同", [doc], material, None, ["lessor", "lessee"])
    assert [(s, r.code) for s, r in verdict.raised] == [("invalid", "sign_missing"), ("needs_review", "sign_unclear")]
    assert verdict.status == "invalid"
