"""Property: removing or corrupting any key material of a complete case never leaves it `complete`."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from yichuang.checkers.case import check_case
from yichuang.checkers.rules import load_rulesets

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
        fields[key] = fields[key][:-1] + ("某" if fields[key][-1] != "某" else "甲")  # another name, as long
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


# ---- an unread field is never an absent one (issue 9) -----------------------------------------

def _refs(node) -> list[str]:
    """Every `item.field` a condition reads, walked from its plain data (not from the checker)."""
    if isinstance(node, dict):
        out = [node["present"]] if "present" in node else [node["equals"][0]] if "equals" in node and "fact" not in node \
            else []
        return out + [r for v in node.values() if isinstance(v, dict | list) for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _depended_on(matters: list[str]) -> dict[str, set[str]]:
    """material → the fields some rule of these matters reads (conditions, consistency, role names,
    expiry), from the rulesets as written."""
    ms, bundle = RULES.resolve(matters)
    out: dict[str, set[str]] = {}

    def add(matter, ref: str) -> None:
        item_id, _, fname = ref.partition(".")
        for mat in matter.item(item_id).materials:
            out.setdefault(mat, set()).add(fname)

    by_id = {m.id: m for m in ms}
    for m in ms:
        for item in m.items:
            for ref in _refs(item.when.model_dump(by_alias=True) if item.when else None):
                add(m, ref)
            for mat in item.materials:
                if RULES.catalog.materials[mat].expiry_field:
                    out.setdefault(mat, set()).add(RULES.catalog.materials[mat].expiry_field)
        for rule in m.consistency:
            for ref in rule.refs:
                add(m, ref)
        for role in m.roles.values():
            for ref in role.names_from:
                add(m, ref)
    for rule in (bundle.consistency if bundle else []):
        for ref in rule.refs:
            mid, _, rest = ref.partition(".")
            add(by_id[mid], rest)
    return out


def _blank(d, names: set[str]):
    """The page with these fields' labels on it but their values unread (as extraction reports it)."""
    return d.model_copy(update={"fields": {k: v for k, v in d.fields.items() if k not in names},
                                "field_details": {k: v for k, v in d.field_details.items() if k not in names},
                                "unread": {**d.unread, **{n: "section_unread" for n in names}}})


BLANKABLE = [(c, i, f) for c, (matters, docs) in enumerate(CASES)
             for i, d in enumerate(docs) for f in sorted(_depended_on(matters).get(d.material, ()))]


def test_every_case_has_fields_to_blank():
    assert {c for c, _, _ in BLANKABLE} == set(range(len(CASES)))
    assert len(BLANKABLE) > 40


@pytest.mark.parametrize(("case", "index", "name"), BLANKABLE,
                         ids=[f"{CASES[c][1][i].material}.{f}@{c}" for c, i, f in BLANKABLE])
def test_blanking_any_field_a_rule_reads_is_never_complete(case, index, name):
    matters, docs = CASES[case]
    new_docs = [_blank(d, {name}) if i == index else d for i, d in enumerate(docs)]
    result = check_case(new_docs, matters, RULES, DAY)
    assert result.verdict in ("needs_review", "incomplete"), (matters, docs[index].material, name)
    assert any(m.status == "needs_review" for m in result.materials)


@settings(max_examples=150, deadline=None)
@given(case=st.integers(0, len(CASES) - 1), picks=st.lists(st.integers(0, 200), min_size=1, max_size=4),
       drop=st.integers(0, 50), also_drop=st.booleans())
def test_blanking_fields_and_dropping_a_material_is_never_a_pass(case, picks, drop, also_drop):
    """Unread fields combined with a missing key material: incomplete or needs_review, never a pass;
    and a missing key material is still `incomplete` whatever else could not be read."""
    matters, docs = CASES[case]
    mine = [(i, f) for c, i, f in BLANKABLE if c == case]
    chosen: dict[int, set[str]] = {}
    for p in picks:
        i, f = mine[p % len(mine)]
        chosen.setdefault(i, set()).add(f)
    new_docs = [_blank(d, chosen[i]) if i in chosen else d for i, d in enumerate(docs)]
    keyed = _key_documents(matters, docs)
    gone = keyed[drop % len(keyed)] if also_drop else None
    if gone is not None:
        new_docs = [d for i, d in enumerate(new_docs) if i != gone]
    result = check_case(new_docs, matters, RULES, DAY)
    assert result.verdict in ("needs_review", "incomplete")
    base = check_case(docs, matters, RULES, DAY)
    plain_key = {ref for m in base.materials if m.requirement == "key" for ref in m.documents}
    if gone is not None and docs[gone].ref in plain_key and \
            not any(d.material == docs[gone].material for i, d in enumerate(docs) if i != gone):
        assert result.verdict == "incomplete"


# ---- a printed label read as the value is no value either (issue 9) ---------------------------------

MISREADABLE = [(c, i, f) for c, i, f in BLANKABLE if f in CASES[c][1][i].fields]


def _misread(d, name: str, text: str):
    """The page with one field's value read as the form's own words (a label beside it)."""
    detail = d.field_details[name].model_copy(update={"value": text})
    return d.model_copy(update={"fields": {**d.fields, name: text}, "field_details": {**d.field_details, name: detail}})


@pytest.mark.parametrize(("case", "index", "name"), MISREADABLE,
                         ids=[f"{CASES[c][1][i].material}.{f}@{c}" for c, i, f in MISREADABLE])
def test_a_label_read_as_any_field_a_rule_reads_is_never_a_pass(case, index, name):
    """OCR gives the label 姓名 (or 情况, 名称) where the value should be: whatever rule reads the field
    (a condition, a comparison, an expiry) must not pass the case on it."""
    matters, docs = CASES[case]
    for text in ("姓名", "名称"):
        new_docs = [_misread(d, name, text) if i == index else d for i, d in enumerate(docs)]
        result = check_case(new_docs, matters, RULES, DAY)
        assert result.verdict in ("needs_review", "incomplete"), (matters, docs[index].material, name, text)


# ---- a reading shaped like a label, in wordings no catalog has, is no value either (issue 9) ------------------

def _grammar_words():
    from yichuang.checkers.review import label_grammar
    from yichuang.extractors.normalise import canon

    g = label_grammar(RULES.catalog)
    sections = sorted({canon(h) for m in RULES.catalog.materials.values() for hs in m.sections.values() for h in hs})
    qualifiers = sorted({w[:2] for w in g.printed if len(w) >= 4} | {"本人", "联系", "详细", "申办", "受托代办"})
    return g, sections, qualifiers


GRAMMAR, SECTION_HEADS, QUALIFIERS = _grammar_words()


@st.composite
def label_readings(draw) -> str:
    """A label by the grammar that the catalog need not list: [qualifier] [section head or qualifier + party
    word] head noun [（remark）], a material's title, or such a label cut inside its head."""
    head = draw(st.sampled_from([h for h in GRAMMAR.heads if len(h) >= 2]))
    party = draw(st.sampled_from([*SECTION_HEADS, *(q + p for q in QUALIFIERS[:12] for p in GRAMMAR.party)]))
    shape = draw(st.sampled_from(["party+head", "qualifier+head", "title", "cut", "remark"]))
    if shape == "party+head":
        return party + head
    if shape == "qualifier+head":
        return draw(st.sampled_from(QUALIFIERS)) + head
    if shape == "title":
        return draw(st.sampled_from(sorted(GRAMMAR.titles)))
    if shape == "cut":
        return party + head[:-1]
    return party + head + "（" + draw(st.sampled_from(["必填", "与证件一致", "中文"])) + "）"


@settings(max_examples=300, deadline=None)
@given(pick=st.integers(0, len(MISREADABLE) - 1), reading=label_readings())
def test_a_label_shaped_reading_of_any_field_a_rule_reads_is_never_a_pass(pick, reading):
    """Every field a rule reads, replaced by a label built from the catalog's grammar (party words,
    section heads, head nouns, titles — combinations no catalog entry has): never complete, never
    accepted with tolerance — and, the rest of the case being complete, put to a person rather than
    refused: a label read back is a reading problem, not a disagreement."""
    case, index, name = MISREADABLE[pick]
    matters, docs = CASES[case]
    new_docs = [_misread(d, name, reading) if i == index else d for i, d in enumerate(docs)]
    result = check_case(new_docs, matters, RULES, DAY)
    assert result.verdict == "needs_review", (matters, docs[index].material, name, reading,
                                              [(m.item, m.status, m.reasons) for m in result.materials
                                               if m.status not in ("present", "not_required")])
