"""The second never-seen set (samples/fresh2.py): it runs, is deterministic, is new, its truth is
what it drew, and its must-not-pass cases really lack what they claim. No OCR and no extractor:
the set measures (the lead, once), it is never asserted on — not even through a fake OCR."""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

import pytest
import yaml
from yichuang.checkers.rules import load_rulesets
from yichuang.extractors.normalise import half
from yichuang.samples import families as F
from yichuang.samples import fresh as S1
from yichuang.samples import fresh2 as S

from tests.helpers.fresh_sets import (
    CN,
    assert_clerks_verdict,
    assert_valid,
    cn_num,
    digest,
    ids,
    one,
    strings,
    write_with_command,
)

RULES = load_rulesets()
HERE = Path(S.__file__).parent


@pytest.fixture(scope="module")
def pages():
    return {seed: list(S.iter_fresh2_samples(1, seed=seed)) for seed in (0, 1)}


@pytest.fixture(scope="module")
def cases():
    return list(S.fresh2_cases(2, seed=7))


def test_every_material_has_families_found_nowhere_else(pages):
    drawn = {(p.material, fam) for fam, p in pages[0] if p.material != "unknown"}
    assert {m for m, _ in drawn} == set(F.FAMILIES) and set(F.FAMILIES) <= set(RULES.catalog.materials)
    old = {(m, f) for m, fams in F.FAMILIES.items() for f in fams}
    old |= {(p.material, fam) for fam, p in S1.iter_fresh_samples(1, seed=0)}
    assert not drawn & old, drawn & old
    assert len(pages[0]) >= 34  # about 40 pages at one per family, negatives included


def test_deterministic_by_seed(pages):
    assert digest(pages[0]) == digest(S.iter_fresh2_samples(1, seed=0))
    a, b = digest(pages[0]), digest(pages[1])
    assert len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) >= len(a) - 2
    one = [(c.name, c.variant, [hashlib.sha256(p.image.tobytes()).hexdigest() for p in c.pages])
           for c in S.fresh2_cases(1, seed=4)]
    assert one == [(c.name, c.variant, [hashlib.sha256(p.image.tobytes()).hexdigest() for p in c.pages])
                   for c in S.fresh2_cases(1, seed=4)]


def _shown(value: str) -> list[str]:
    """The ways a normalised truth value may be printed on the page (written independently of the
    generator: a test of its output, not a copy of its code)."""
    forms = [value]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = m.groups()
        forms += [f"{y}年{mo}月{d}日", f"{y}年{int(mo)}月{int(d)}日", f"{y}.{mo}.{d}", f"{y}/{mo}/{d}",
                  "".join(CN[int(c)] for c in y) + f"年{cn_num(int(mo))}月{cn_num(int(d))}日",
                  f"{y}年{int(mo)}月{int(d)}日".replace("年", "").replace("月", "").replace("日", "")]
    if value.isdigit():
        forms += [f"{int(value):,}", f"¥{int(value):,}.00"]
    return forms


def test_truth_is_what_the_page_shows_and_is_valid(pages):
    for seed in pages:
        for family, page in pages[seed]:
            text = half("".join(page.image.info["text_lines"]))
            if page.material == "unknown":
                continue
            fields = RULES.catalog.materials[page.material].fields
            assert set(page.fields) <= set(fields), page.material
            if fields and family != "card-alone-angle":  # one side of a card alone shows its side only
                assert len(page.fields) >= len(fields) - 2, (page.material, family, set(fields) - set(page.fields))
            for name, value in page.fields.items():
                assert value and any(form in text for form in _shown(value)), (page.material, family, name, value)
                assert_valid(fields[name].type, value)


def test_a_value_split_over_lines_is_still_the_truth(pages):
    """The set does draw the hard geometry it claims: some truth values are broken over two drawn
    lines (a wrapped cell, the card's 11-character address lines, a long scope)."""
    broken = 0
    for _, page in pages[0]:
        lines = [half(ln) for ln in page.image.info["text_lines"]]
        for value in page.fields.values():
            if len(value) > 8 and not any(value in ln for ln in lines):
                broken += 1
    assert broken >= 8


def test_a_card_fits_the_scanner_bed_it_is_laid_on(pages):
    """samples.generate.captured lays a card photographed alone on an A4 bed at 80 % from (120, 140):
    none of the set's cards may stick out of it (its truth would be cut off the page)."""
    from yichuang.samples.render import A4

    cards = [p for seed in pages for _, p in pages[seed] if p.card]
    assert len(cards) >= 4
    for p in cards:
        assert 120 + p.image.width * 0.8 <= A4[0] and 140 + p.image.height * 0.8 <= A4[1], (p.material, p.layout)


def test_hard_negatives_are_expected_unknown_and_are_not_catalog_titles(pages):
    negatives = [(fam, p) for fam, p in pages[0] if p.material == "unknown"]
    assert {fam for fam, _ in negatives} == set(S.NEGATIVES)
    assert not set(S.NEGATIVES) & set(S1.NEGATIVES)  # other kinds than the first fresh set's
    names = {m.name for m in RULES.catalog.materials.values()}
    for fam, page in negatives:
        assert page.fields == {}, fam
        first = half(page.image.info["text_lines"][0])
        assert page.image.info["text_lines"] and not any(n == first for n in names), (fam, first)


def test_its_label_wordings_are_its_own():
    """No label of fresh2's forms and contracts is a wording of samples/wording.yaml or of
    samples/fresh_wording.yaml; and the module reads none of them nor the catalog. (It was written
    blind of the catalog too; since session 5 fresh2 is development data and the catalog's lexicon
    may hold its wordings — the blind set is fresh3.)"""
    old = strings(yaml.safe_load((HERE / "wording.yaml").read_text(encoding="utf-8")))
    old |= strings(yaml.safe_load((HERE / "fresh_wording.yaml").read_text(encoding="utf-8")))
    spec = S.wording()
    new: set[str] = set()
    for form in spec["forms"].values():
        for key in ("fields", "others", "agent", "parties", "rows"):
            new |= strings(form.get(key, {}))
    for contract in spec["contracts"].values():
        new |= strings(contract["parties"]) | strings(contract.get("table", {}))
    assert len(new) > 120 and not (new & old), sorted(new & old)
    source = (HERE / "fresh2.py").read_text(encoding="utf-8")
    code = "\n".join(ln for ln in source.splitlines() if ln.lstrip().startswith(("import ", "from ")) or "open(" in ln
                     or "read_text" in ln or "load" in ln)
    assert "catalog" not in code and "rulesets" not in code and "fuzz" not in code and "extractors.document" not in code
    assert '"wording.yaml"' not in code and '"fresh_wording.yaml"' not in code and "fresh2_wording.yaml" in code


def test_labels_drawn_come_from_its_wording(pages):
    """The forms' labels on the page are the wording file's (the disjointness above means something)."""
    spec = S.wording()["forms"]
    for _, page in pages[0]:
        if page.material in ("individual_business_application", "food_license_application", "dog_registration_form"):
            text = "".join(page.image.info["text_lines"])
            for name in page.fields:
                labels = spec[page.material]["fields"].get(name) or spec[page.material]["agent"]["fields"][name]
                assert any(lab in text for lab in labels), (page.material, name)


def test_cases_cover_every_matter_and_read_perfectly_get_the_clerks_verdict(cases):
    assert {m for c in cases for m in c.matters} == set(RULES.matters)
    for matter in RULES.matters:
        mine = [c for c in cases if matter in c.matters]
        assert any(c.expect == "complete" for c in mine) and sum(c.expect == "incomplete" for c in mine) >= 3, matter
    assert_clerks_verdict(cases, RULES, F.AS_OF)


def _lacks(case) -> bool:
    """Does the variant lack what its name says (looked at on the drawn truth, not the checker)?"""
    v, mats = case.variant, [p.material for p in case.pages]
    as_of = F.AS_OF.isoformat()
    if v == "agent_without_authority":
        app = next(p.fields for p in case.pages if p.material.endswith("application"))
        return "agent_name" in app and "power_of_attorney" not in mats
    if v in ("operator_id_missing", "someone_elses_id"):
        op = one(case, "individual_business_application")["operator_name"]
        return all(f.get("name") != op for f in ids(case)) and (v != "someone_elses_id" or len(ids(case)) == 2)
    if v in ("operator_id_expired", "seller_id_expired"):
        want = (one(case, "individual_business_application")["operator_name"] if v == "operator_id_expired"
                else one(case, "house_sale_contract")["seller"])
        cards = [f for f in ids(case) if f.get("name") == want]
        return len(cards) == 1 and cards[0]["valid_until"] != "长期" and cards[0]["valid_until"] < as_of
    if v == "notice_for_application":
        return "individual_business_application" not in mats and "unknown" in mats
    if v == "permit_copy_for_application":
        return "food_license_application" not in mats and "unknown" in mats
    if v == "licence_missing":
        return "business_license" not in mats
    if v == "premises_proof_missing":
        return "lease_contract" not in mats and "property_certificate" not in mats
    if v == "contract_missing":
        return "house_sale_contract" not in mats
    if v == "old_ownership_cert_for_title":
        return "property_certificate" not in mats and "unknown" in mats
    if v == "joint_without_consent":
        return one(case, "property_certificate")["co_ownership"] == "共同共有" and "marriage_certificate" not in mats
    if v == "vaccination_missing":
        return "dog_vaccination_cert" not in mats
    if v == "vaccination_expired":
        return one(case, "dog_vaccination_cert")["valid_until"] < as_of
    if v == "owner_id_number_mismatch":
        form, cards = one(case, "dog_registration_form"), ids(case)
        return (len(cards) == 1 and cards[0]["name"] == form["owner_name"]
                and cards[0]["id_number"] != form["owner_id_number"])
    if v == "residence_permit_for_id":
        return "id_card" not in mats and "unknown" in mats
    raise AssertionError(f"a variant the test does not know: {v}")


def test_must_not_pass_variants_really_lack_what_they_claim(cases):
    variants = [c for c in cases if c.expect != "complete"]
    assert len(variants) >= 25
    assert {c.variant for c in variants} >= {"agent_without_authority", "operator_id_expired", "someone_elses_id",
                                            "vaccination_expired", "joint_without_consent", "licence_missing",
                                            "owner_id_number_mismatch"}
    for case in variants:
        assert _lacks(case), (case.name, case.variant)
    complete = {c.name: c for c in cases if c.expect == "complete"}
    for case in complete.values():  # and the complete ones have what the variants take away
        mats = [p.material for p in case.pages]
        assert "unknown" not in mats and all(p.fields or p.material in ("food_safety_rules", "floor_plan") or
                                             p.layout == "continuation" for p in case.pages), case.name
        for f in ids(case):
            assert f["valid_until"] == "长期" or f["valid_until"] > F.AS_OF.isoformat()


def test_bench_accuracy_runs_the_set_without_reading_it(monkeypatch):
    """The bench's --fresh2 plumbing with OCR and extraction replaced by stubs (nothing of fresh2 is
    read here): every page and truth field is counted, negatives apart, and no case passes."""
    from bench import accuracy as A
    from yichuang.types import OcrPage

    first = [c for c in S.fresh2_cases(1, 3) if c.name.startswith("fresh2-dog")]
    monkeypatch.setattr(A, "ocr", lambda img, source, engine: OcrPage.model_construct(source=source))
    monkeypatch.setattr(A, "documents_of", lambda page: [])
    monkeypatch.setattr(A, "documents_of_case", lambda pages: [])
    misses: list[str] = []
    by_style, by_family, tally = A.run_fresh(1, ("clean",), 1, "clean", 3, None, misses,
                                             (S.iter_fresh2_samples, lambda n, seed: iter(first)))
    truth = list(S.iter_fresh2_samples(1, 3))
    fresh, negative = by_style["fresh2 clean"], by_style["negative clean"]
    assert fresh.pages == len(S.FRESH2) and negative.pages == len(S.NEGATIVES)
    assert fresh.fields == sum(len(p.fields) for _, p in truth) and fresh.exact == 0
    assert {fam for _, fam in by_family} == {fam for fam, _ in truth}
    assert tally is not None and tally.complete == 1 and tally.defective == len(first) - 1 and tally.false_accepts == 0


def test_the_command_writes_pages_and_truth(tmp_path):
    truth = write_with_command("yichuang.samples.fresh2", tmp_path, "--seed", "2")
    assert len(truth) == len(S.FRESH2) + len(S.NEGATIVES)
    drawn = [(p.material, p.fields) for _, p in S.iter_fresh2_samples(1, 2)]
    assert [(t["material"], t["fields"]) for t in truth] == drawn


def test_an_applicants_box_gets_its_own_seal_and_a_regulators_box_the_regulators(pages, monkeypatch):
    """samples.seals.mark_page, as the bench's capture calls it: 申请人盖章 takes the applicant's seal
    (its name, as the catalog's ``seal: {of: applicant}`` asks), 登记机关（盖章） a regulator's."""
    from yichuang.samples import seals
    from yichuang.samples.generate import captured
    from yichuang.samples.materials import CaseData, business_license

    stamped: list[str] = []
    draw = seals.draw_seal
    monkeypatch.setattr(seals, "draw_seal", lambda img, centre, text, **kw: stamped.append(text) or draw(img, centre, text, **kw))
    drawn = [p for _, p in pages[0] if p.material == "food_license_application"]
    drawn.append(business_license(CaseData.random(random.Random(3)), "plain"))  # its 登记机关（盖章）
    for page in drawn:
        stamped.clear()
        captured(page, "scan", 3)
        if page.material == "food_license_application":
            assert stamped == [page.fields["applicant"]], (page.layout, stamped)
        else:
            assert len(stamped) == 1 and stamped[0].endswith("市场监督管理局"), stamped
    assert len(drawn) >= 3
