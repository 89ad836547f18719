"""The third never-seen set (samples/fresh3.py): it runs, is deterministic, is new, its truth is what
it drew, its must-not-pass cases really lack what they claim, its labels are its own. Nothing here runs
OCR, the recogniser, the extractor or the checker on the set: the lead measures it once, at the end."""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path

import pytest
import yaml
from yichuang.checkers.rules import load_rulesets
from yichuang.extractors.normalise import half
from yichuang.samples import families as F
from yichuang.samples import fresh as S1
from yichuang.samples import fresh2 as S2
from yichuang.samples import fresh3 as S

from tests.helpers.fresh_sets import (
    CN,
    assert_valid,
    catalog_labels,
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
    return {seed: list(S.iter_fresh3_samples(1, seed=seed)) for seed in (0, 1)}


@pytest.fixture(scope="module")
def cases():
    return list(S.fresh3_cases(2, seed=7))


def test_every_material_has_families_found_nowhere_else(pages):
    drawn = {(p.material, fam) for fam, p in pages[0] if p.material != "unknown"}
    with_fields = {m for m, spec in RULES.catalog.materials.items() if spec.fields}
    assert {m for m, _ in drawn} == set(RULES.catalog.materials) and with_fields <= {m for m, _ in drawn}
    old = {(m, f) for m, fams in F.FAMILIES.items() for f in fams}
    old |= {(p.material, fam) for fam, p in S1.iter_fresh_samples(1, seed=0)}
    old |= {(m, f) for m, f, _ in S2.FRESH2}
    assert not drawn & old, drawn & old
    assert {f for _, f in drawn} & {f for _, f in old} <= {"continuation"}  # not even a family name is reused
    assert 36 <= len(pages[0]) <= 55  # about 40 pages at one per family, negatives included


def test_deterministic_by_seed(pages):
    assert digest(pages[0]) == digest(S.iter_fresh3_samples(1, seed=0))
    a, b = digest(pages[0]), digest(pages[1])
    assert len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) >= len(a) - 2

    def cases_of(seed):  # the first matter's cases only (the generator is lazy): enough to see the seed at work
        return [(c.name, c.variant, [hashlib.sha256(p.image.tobytes()).hexdigest() for p in c.pages])
                for c in itertools.islice(S.fresh3_cases(1, seed=seed), 6)]
    assert cases_of(4) == cases_of(4) != cases_of(5)


def _daxie(n: int) -> str | None:
    """A whole number of 万 in 大写 (5250000 → 伍佰贰拾伍万元整); None for other amounts."""
    if n % 10000 or not 0 < n < 10**8:
        return None
    digits, out, zero = "零壹贰叁肆伍陆柒捌玖", "", False
    for pos, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        d = n // 10000 // pos % 10
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        else:
            zero = True
    return out + "万元整"


def _shown(value: str) -> list[str]:
    """The ways a normalised truth value may be printed (written independently of the generator:
    a test of its output, not a copy of its code)."""
    forms = [value]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = m.groups()
        forms += [f"{y}年{mo}月{d}日", f"{y}年{int(mo)}月{int(d)}日", f"{y}.{mo}.{d}", f"{y}/{mo}/{d}",
                  f"{y}/{int(mo)}/{int(d)}", "".join(CN[int(c)] for c in y) + f"年{cn_num(int(mo))}月{cn_num(int(d))}日",
                  f"自{y}年{int(mo)}月{int(d)}日", f"{y}年{int(mo)}月{int(d)}日".replace("年", "").replace("月", "")[:-1]]
    if value.isdigit():
        forms += [f"{int(value):,}", f"¥{int(value):,}.00", *filter(None, [_daxie(int(value))])]
    if re.fullmatch(r"\d+\.\d", value):
        forms += [f"{value}0"]  # 86.5 printed as 86.50㎡
    return forms


def test_truth_is_what_the_page_shows_and_is_valid(pages):
    for seed in pages:
        for family, page in pages[seed]:
            text = half("".join(page.image.info["text_lines"]))
            if page.material == "unknown":
                continue
            fields = RULES.catalog.materials[page.material].fields
            assert set(page.fields) <= set(fields), page.material
            if fields:
                assert len(page.fields) >= len(fields) - 2, (page.material, family, set(fields) - set(page.fields))
            for name, value in page.fields.items():
                assert value and any(form in text for form in _shown(value)), (page.material, family, name, value)
                assert_valid(fields[name].type, value)


def test_the_hard_geometry_it_claims_is_drawn(pages):
    """Values broken over drawn lines; term dates whose numbers sit in separate hand-filled blanks;
    amounts only in 大写; 86.50-style areas; several families already photographed on a desk."""
    broken = 0
    for _, page in pages[0]:
        lines = [half(ln) for ln in page.image.info["text_lines"]]
        for value in page.fields.values():
            if len(value) > 8 and not any(value in ln for ln in lines):
                broken += 1
    assert broken >= 8
    photos = [fam for fam, p in pages[0] if p.image.info.get("photo")]
    assert len(photos) >= 3, photos
    two = S.lease_two_pages(S._data(__import__("random").Random(3)), __import__("random").Random(4))
    first, second = ("".join(p.image.info["text_lines"]) for p in two)
    assert "签字" not in first and "签字" in second and not two[1].fields  # signatures on page 2 only
    assert re.search(r"人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万]+元整", first)  # the rent in 大写 ...
    assert not re.search(r"\d[\d,]*(\.\d+)?元", first)  # ... and only in 大写


def test_a_card_fits_the_scanner_bed_it_is_laid_on(pages):
    """samples.generate.captured lays a card on an A4 bed at 80 % from (120, 140), and
    captured3's adf-scan at 80 % from at most (160, 200): no card may stick out of either."""
    from yichuang.samples.render import A4

    cards = [p for seed in pages for _, p in pages[seed] if p.card]
    assert len(cards) >= 4
    for p in cards:
        assert 160 + p.image.width * 0.8 <= A4[0] and 200 + p.image.height * 0.8 <= A4[1], (p.material, p.layout)


def test_its_own_capture_styles(pages):
    """adf-scan: grey, the A4 page's size, turned 1–2°, JPEG; desk-phone: the page smaller than the
    frame on a desk, colour, blurred, JPEG. Deterministic by seed; other styles are the bench's."""
    import numpy as np
    from yichuang.samples.generate import captured

    page = next(p for fam, p in pages[0] if fam == "form-caption-above")
    scan = S.captured3(page, "adf-scan", 5)
    arr = np.asarray(scan).astype(int)
    assert scan.size == page.image.size and np.abs(arr[..., 0] - arr[..., 2]).max() <= 12  # grey
    assert arr[2, scan.width // 2].mean() < 80  # the lid's dark edge along the top
    assert np.asarray(S.captured3(page, "adf-scan", 5)).tobytes() == arr.astype(np.uint8).tobytes()
    phone = S.captured3(page, "desk-phone", 5)
    parr = np.asarray(phone).astype(int)
    assert phone.width > page.image.width * 0.95 or phone.height > page.image.height * 0.95
    corner = parr[:40, :40].reshape(-1, 3).mean(0)
    assert corner[0] - corner[2] > 15  # wood, not paper, at the frame's corner
    assert np.asarray(S.captured3(page, "camera", 9)).tobytes() == np.asarray(captured(page, "camera", 9)).tobytes()
    with pytest.raises(ValueError):
        S.captured3(page, "fax", 1)


def test_hard_negatives_are_expected_unknown_and_of_new_kinds(pages):
    negatives = [(fam, p) for fam, p in pages[0] if p.material == "unknown"]
    assert {fam for fam, _ in negatives} == set(S.NEGATIVES) and len(S.NEGATIVES) >= 8
    assert not set(S.NEGATIVES) & (set(S1.NEGATIVES) | set(S2.NEGATIVES))
    names = {m.name for m in RULES.catalog.materials.values()}
    titles_before = {half(p.image.info["text_lines"][0]) for src in (S1.iter_fresh_samples(1, 0), S2.iter_fresh2_samples(1, 0))
                     for _, p in src if p.material == "unknown"}
    for fam, page in negatives:
        assert page.fields == {}, fam
        lines = page.image.info["text_lines"]
        title = half(lines[0])
        assert lines and title not in names and title not in titles_before, (fam, title)


def _labels_of(spec) -> set[str]:
    """Every label of the wording file (not titles, not the checklist's 权限 lines)."""
    if isinstance(spec, dict):
        return set().union(set(), *(_labels_of(v) for k, v in spec.items() if k not in ("titles", "powers")))
    return strings(spec)


# Wordings the catalog came to list on its own after fresh3 was built (session 5, the lexicon's
# families of national wordings, written by a helper who never opened fresh3): the overlap is counted
# here so that it stays known and small, never widened to fit the set.
LEARNED_SINCE = {"受检者", "实际经营地址"}


def test_its_label_wordings_are_its_own():
    """No label of fresh3's forms, contracts and certificates is a wording of samples/wording.yaml,
    fresh_wording.yaml, fresh2_wording.yaml or (but for ``LEARNED_SINCE``) of the catalog; and the
    module reads none of them."""
    old: set[str] = set()
    for name in ("wording.yaml", "fresh_wording.yaml", "fresh2_wording.yaml"):
        old |= strings(yaml.safe_load((HERE / name).read_text(encoding="utf-8")))
    new = _labels_of(S.wording())
    assert len(new) > 150 and not (new & old), sorted(new & old)
    catalog = catalog_labels(yaml.safe_load((HERE.parent / "rulesets" / "catalog.yaml").read_text(encoding="utf-8")))
    assert new & catalog <= LEARNED_SINCE, sorted(new & catalog - LEARNED_SINCE)
    source = (HERE / "fresh3.py").read_text(encoding="utf-8")
    code = "\n".join(ln for ln in source.splitlines() if ln.lstrip().startswith(("import ", "from ")) or "open(" in ln
                     or "read_text" in ln or "load" in ln)
    for banned in ("catalog", "rulesets", "fuzz", "extractors", "checkers", '"wording.yaml"', "fresh_wording",
                   "fresh2_wording"):
        assert banned not in code, banned
    assert "fresh3_wording.yaml" in code


def test_labels_drawn_come_from_its_wording(pages):
    """The forms' labels on the page are the wording file's (the disjointness above means something)."""
    forms = S.wording()["forms"]
    for _, page in pages[0]:
        if page.material not in forms or page.material == "power_of_attorney":
            continue
        spec = forms[page.material]
        text = "".join(page.image.info["text_lines"])
        for name in page.fields:
            if name == "registration_type":
                labels = spec["fields"][name]
            else:
                labels = [lab for sec in spec["sections"].values() for lab in sec["rows"].get(name, [])]
                labels += spec.get("fields", {}).get(name, []) + spec.get("agent_alone", {}).get(name, [])
            assert any(lab in text for lab in labels), (page.material, page.layout, name)


def _lacks(case) -> bool:
    """Does the variant lack what its name says (looked at on the drawn truth, never the checker)?"""
    v, mats = case.variant, [p.material for p in case.pages]
    as_of = F.AS_OF.isoformat()
    if v == "agent_without_authority":
        app = next(p.fields for p in case.pages if p.material.endswith("application"))
        return "agent_name" in app and "power_of_attorney" not in mats
    if v == "operator_id_missing":
        op = one(case, "individual_business_application")["operator_name"]
        return all(f.get("name") != op for f in ids(case))
    if v in ("operator_id_expired", "seller_id_expired"):
        want = (one(case, "individual_business_application")["operator_name"] if v == "operator_id_expired"
                else one(case, "house_sale_contract")["seller"])
        cards = [f for f in ids(case) if f.get("name") == want]
        return len(cards) == 1 and cards[0]["valid_until"] != "长期" and cards[0]["valid_until"] < as_of
    if v == "operator_name_mismatch":
        app = one(case, "individual_business_application")
        cards = [f for f in ids(case) if f["id_number"] == app["operator_id_number"]]
        return len(cards) == 1 and cards[0]["name"] != app["operator_name"]
    if v == "operator_id_number_blank":
        return "operator_id_number" not in one(case, "individual_business_application")
    if v == "legal_rep_id_number_mismatch":
        app = one(case, "food_license_application")
        cards = [f for f in ids(case) if f["name"] == app["legal_rep"]]
        return len(cards) == 1 and cards[0]["id_number"] != app["legal_rep_id_number"]
    if v == "licence_missing":
        return "business_license" not in mats
    if v == "premises_proof_missing":
        return "lease_contract" not in mats and "property_certificate" not in mats
    if v == "contract_missing":
        return "house_sale_contract" not in mats
    if v == "search_result_for_title":
        return "property_certificate" not in mats and "unknown" in mats
    if v == "joint_without_consent":
        return one(case, "property_certificate")["co_ownership"] == "共同共有" and "marriage_certificate" not in mats
    if v == "vaccination_missing":
        return "dog_vaccination_cert" not in mats
    if v == "vaccination_expired":
        return one(case, "dog_vaccination_cert")["valid_until"] < as_of
    if v == "owner_name_blank":
        return "owner_name" not in one(case, "dog_registration_form")
    if v == "social_card_for_id":
        return "id_card" not in mats and "unknown" in mats
    raise AssertionError(f"a variant the test does not know: {v}")


def _key_materials(matter: str) -> list[set[str]]:
    return [set(item.materials) for item in RULES.matters[matter].items if item.requirement == "key"]


def test_cases_cover_every_matter_and_the_complete_ones_have_every_key_material(cases):
    assert {m for c in cases for m in c.matters} == set(RULES.matters)
    for matter in RULES.matters:
        mine = [c for c in cases if matter in c.matters]
        assert any(c.expect == "complete" for c in mine) and sum(c.expect == "incomplete" for c in mine) >= 3, matter
    for case in (c for c in cases if c.expect == "complete"):
        mats = [p.material for p in case.pages]
        assert "unknown" not in mats, case.name
        for need in _key_materials(case.matters[0]):
            assert need & set(mats), (case.name, need)
        assert all(p.fields or p.material in ("food_safety_rules", "floor_plan") or p.layout == "continuation"
                   for p in case.pages), case.name
        for f in ids(case):
            assert f["valid_until"] == "长期" or f["valid_until"] > F.AS_OF.isoformat()
        app = next(p.fields for p in case.pages if p.material.endswith(("application", "form")))
        if "agent_name" in app:  # an agent named: the 委托书 and the agent's card are there, and agree
            poa = one(case, "power_of_attorney")
            assert poa["agent_name"] == app["agent_name"] and any(f["name"] == app["agent_name"] for f in ids(case))


def test_must_not_pass_variants_really_lack_what_they_claim(cases):
    variants = [c for c in cases if c.expect != "complete"]
    assert len(variants) >= 30 and all(c.expect == "incomplete" for c in variants)
    assert {c.variant for c in variants} >= {"agent_without_authority", "operator_id_expired", "operator_name_mismatch",
                                            "operator_id_number_blank", "legal_rep_id_number_mismatch",
                                            "vaccination_expired", "joint_without_consent", "licence_missing",
                                            "owner_name_blank", "search_result_for_title", "social_card_for_id"}
    for case in variants:
        assert _lacks(case), (case.name, case.variant)
    complete = {c.name: c for c in cases if c.expect == "complete"}
    for case in variants:  # a variant differs from its complete case only where it claims to
        base = complete[case.name]
        assert len(case.pages) in (len(base.pages), len(base.pages) - 1, len(base.pages) - 2), (case.name, case.variant)


def test_an_agent_named_on_the_application_is_named_in_this_sets_words(cases):
    """The agent rows use fresh3's wordings (代办人…, 受委托人…, 经办代理人…), never a catalog label."""
    spec = S.wording()["forms"]["individual_business_application"]
    words = set(spec["sections"]["agent"]["rows"]["agent_name"]) | set(spec["agent_alone"]["agent_name"])
    apps = [p for c in cases if c.variant == "agent_without_authority" for p in c.pages
            if p.material == "individual_business_application"]
    assert apps and all(any(w in "".join(p.image.info["text_lines"]) for w in words) for p in apps)


def test_bench_accuracy_runs_the_set_without_reading_it(monkeypatch):
    """The bench's --fresh3 plumbing with OCR, extraction and the checker replaced by stubs (nothing
    of fresh3 is read or checked here): every page and truth field is counted, under this set's own
    capture styles too, negatives apart, and the case tally counts every case."""
    from types import SimpleNamespace

    from bench import accuracy as A
    from yichuang.types import OcrPage

    first = [c for c in S.fresh3_cases(1, 3) if c.name.startswith("fresh3-dog")]
    monkeypatch.setattr(A, "ocr", lambda img, source, engine: OcrPage.model_construct(source=source))
    monkeypatch.setattr(A, "documents_of", lambda page: [])
    monkeypatch.setattr(A, "documents_of_case", lambda pages: [])
    monkeypatch.setattr(A, "check_case", lambda docs, matters, rules, as_of: SimpleNamespace(verdict="incomplete",
                                                                                             materials=[]))
    misses: list[str] = []
    sets = (S.iter_fresh3_samples, lambda n, seed: iter(first), S.captured3, "fresh3")
    by_style, by_family, tally = A.run_fresh(1, ("adf-scan",), 1, "adf-scan", 3, None, misses, sets)
    truth = list(S.iter_fresh3_samples(1, 3))
    fresh, negative = by_style["fresh3 adf-scan"], by_style["negative adf-scan"]
    assert fresh.pages == len(S.FRESH3) and negative.pages == len(S.NEGATIVES)
    assert fresh.fields == sum(len(p.fields) for _, p in truth) and fresh.exact == 0
    assert {fam for _, fam in by_family} == {fam for fam, _ in truth}
    assert tally is not None and tally.complete == 1 and tally.defective == len(first) - 1 and tally.false_accepts == 0


def test_the_command_writes_pages_and_truth(tmp_path):
    truth = write_with_command("yichuang.samples.fresh3", tmp_path, "--seed", "2", "--styles", "clean,adf-scan")
    n = len(S.FRESH3) + len(S.NEGATIVES)
    assert len(truth) == 2 * n and {t["style"] for t in truth} == {"clean", "adf-scan"}
    drawn = [(p.material, p.fields) for _, p in S.iter_fresh3_samples(1, 2)]
    assert [(t["material"], t["fields"]) for t in truth[:n]] == drawn == [(t["material"], t["fields"]) for t in truth[n:]]
