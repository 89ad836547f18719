"""The layout-family generator (issue 9): held-out discipline, its own wording, truthful ground truth.

No OCR: pages are drawn in memory; the cases are checked from their ground truth.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from yichuang.checkers.case import check_case
from yichuang.checkers.rules import load_rulesets
from yichuang.extractors.validators import id_check_char, uscc_check_char
from yichuang.samples import families as F
from yichuang.samples import fuzz
from yichuang.samples import national as N

from tests.helpers.fresh_sets import truth_documents

RULES = load_rulesets()
WITH_FIELDS = [m for m in F.FAMILIES if RULES.catalog.materials[m].fields]


def test_one_family_per_material_with_fields_is_held_out():
    for material in WITH_FIELDS:
        held = F.families_of(material, "heldout")
        dev = F.families_of(material, "dev")
        assert len(held) == 1 and held[0] in F.FAMILIES[material], material
        assert dev and held[0] not in dev, material
        assert sorted(dev + held) == sorted(F.FAMILIES[material])


def test_the_dev_split_never_draws_a_held_out_family():
    seen = {(page.material, fam) for fam, page in F.iter_family_samples(1, "dev", seed=3)}
    assert seen and not any(F.HELD_OUT.get(m) == fam for m, fam in seen)
    for case in F.generated_cases(1, "dev", seed=3):
        for page in case.pages:
            assert F.HELD_OUT.get(page.material) != page.layout, (case.name, page.material)


def test_held_out_wordings_appear_only_in_the_held_out_style():
    values = {"operator_name": "王小明", "operator_id_number": "110105199003071234", "trade_name": "朝阳小店",
              "premises_address": "北京市朝阳区建国路1号", "business_scope": "日用百货", "phone": "13800000000"}
    spec = fuzz.wording()["forms"]["individual_business_application"]
    held = {lab for f in spec["fields"].values() for lab in f["heldout"]}
    dev = {lab for f in spec["fields"].values() for lab in f["dev"]}
    for seed in range(20):
        _, blocks = fuzz.form_blocks("individual_business_application", values, random.Random(seed), heldout=False)
        labels = {re.sub(r"[\s　]", "", e.label) for b in blocks for e in b.entries}
        assert labels <= dev and not labels & held


def test_the_generator_does_not_read_the_catalog():
    """Its wording is its own data: rules are never tested with their own lexicon."""
    for name in ("families.py", "fuzz.py", "national.py"):
        source = (Path(F.__file__).parent / name).read_text(encoding="utf-8")
        code = "\n".join(ln for ln in source.splitlines() if ln.lstrip().startswith(("import ", "from ")) or "open(" in ln
                         or "read_text" in ln or "load_" in ln)
        assert "catalog" not in code and "rulesets" not in code, name


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_ground_truth_is_valid_and_normalised(split):
    n = 0
    for _, page in F.iter_family_samples(1, split, seed=5):
        n += 1
        fields = RULES.catalog.materials[page.material].fields
        assert set(page.fields) <= set(fields), page.material
        for name, value in page.fields.items():
            assert value == value.strip() and "（" not in value or name in ("entity_type", "business_scope",
                                                                            "business_format", "entrusted_matter")
            kind = fields[name].type
            if kind == "id_number":
                assert id_check_char(value[:17]) == value[17], (page.material, name, value)
            if kind == "credit_code":
                assert uscc_check_char(value[:17]) == value[17]
            if kind == "date":
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}|长期", value), (page.material, name, value)
        assert page.image.width > 600 and page.image.height > 400
    assert n >= len(WITH_FIELDS)


def test_licence_layouts_and_kinds():
    rng = random.Random(7)
    d = F.fresh_data(rng)
    for kind in N.LICENCE_KINDS:
        ld = F._licence_data(d, rng, kind)
        for orientation in ("portrait", "landscape"):
            img = N.business_licence(ld, orientation, rng)
            assert (img.width > img.height) == (orientation == "landscape")
        assert N.licence_truth(ld)["legal_rep"] == d.operator.name
        assert ld.credit_code.startswith("92" if kind == "individual" else "91")


def test_seals_go_through_the_hook():
    calls = []

    def painter(img, center, radius, text, rng):
        calls.append(text)

    old = N.set_seal_painter(painter)
    try:
        F.draw("business_license", "portrait", F.fresh_data(random.Random(1)), random.Random(2))
        F.draw("property_certificate", "spread", F.fresh_data(random.Random(1)), random.Random(2))
    finally:
        N.set_seal_painter(old)
    assert len(calls) == 2 and calls[0].endswith("市场监督管理局")


def test_two_sides_of_a_card_on_one_image():
    page = F.draw("id_card", "pair", F.fresh_data(random.Random(4)), random.Random(4))
    assert {"name", "id_number", "issuer", "valid_until"} <= set(page.fields)


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_generated_cases_say_what_a_clerk_should_conclude(split):
    """Read perfectly (the ground truth), a complete case is complete and every variant is not."""
    cases = list(F.generated_cases(3, split, seed=11))
    assert {c.variant for c in cases} >= {"complete", "agent_without_authority"}
    for case in cases:
        result = check_case(truth_documents(case.pages), case.matters, RULES, F.AS_OF)
        want = {"complete"} if case.expect == "complete" else {"incomplete"}
        assert result.verdict in want, (case.name, case.variant, result.verdict,
                                        [(m.item, m.status, m.reasons) for m in result.materials if m.status != "present"])


def test_a_lease_on_two_pages_signs_on_the_second():
    first, second = F.lease_pages("prose", F.fresh_data(random.Random(8)), random.Random(8), pages=2)
    assert first.fields and not second.fields and second.layout == "continuation"
    assert not first.image.info.get("sign_spots") and len(second.image.info["sign_spots"]) == 2
    assert any(p.layout == "continuation" for c in F.generated_cases(3, "dev", seed=1) for p in c.pages)


def test_the_id_card_has_the_real_card_geometry():
    p = F.fresh_data(random.Random(2)).operator
    for mm in (10.5, 12.0):
        front, back = N.id_card_front(p, random.Random(1), mm), N.id_card_back(p, random.Random(1), mm)
        for side in (front, back):
            assert abs(side.width / side.height - 85.6 / 54.0) < 0.01
            assert abs(side.width - 85.6 * mm) <= 1
