"""The fresh held-out set (samples/fresh.py): it runs, is deterministic, is new, and its truth is
what it drew. No OCR and no extractor here: the set measures, it is never asserted on."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from yichuang.checkers.rules import load_rulesets
from yichuang.extractors.normalise import half
from yichuang.samples import families as F
from yichuang.samples import fresh as S

from tests.helpers.fresh_sets import (
    assert_clerks_verdict,
    assert_valid,
    digest,
    strings,
    write_with_command,
)

RULES = load_rulesets()


def test_every_material_the_generator_draws_has_one_new_family():
    assert set(S.FRESH) == set(F.FAMILIES)
    drawn = {p.material: fam for fam, p in S.iter_fresh_samples(1, seed=2, negatives=False)}
    assert set(drawn) == set(F.FAMILIES)
    for material, fam in drawn.items():
        assert fam not in F.FAMILIES[material], material


def test_deterministic_by_seed():
    a = digest(S.iter_fresh_samples(1, seed=4))
    assert a == digest(S.iter_fresh_samples(1, seed=4))
    b = digest(S.iter_fresh_samples(1, seed=5))
    assert len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) >= len(a) - 2
    cases = [(c.name, c.variant, len(c.pages)) for c in S.fresh_cases(1, seed=4)]
    assert cases == [(c.name, c.variant, len(c.pages)) for c in S.fresh_cases(1, seed=4)]


def _shown(value: str) -> list[str]:
    """The ways a normalised truth value may be printed on the page."""
    forms = [value]
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = m.groups()
        forms += [f"{y}年{mo}月{d}日", f"{y}年{int(mo)}月{int(d)}日", f"{y}.{mo}.{d}", f"{y}{int(mo)}{int(d)}"]
    if value.isdigit():
        forms.append(f"{int(value):,}")
    return forms


def test_truth_is_what_the_page_shows_and_is_valid():
    for seed in (0, 1):
        for family, page in S.iter_fresh_samples(1, seed=seed):
            text = half("".join(page.image.info["text_lines"]))
            if page.material == "unknown":
                assert page.fields == {} and family in S.NEGATIVES
                continue
            fields = RULES.catalog.materials[page.material].fields
            assert set(page.fields) <= set(fields), page.material
            if fields:  # every field the catalog names, except the ones a document may leave empty
                assert len(page.fields) >= len(fields) - 2, (page.material, set(fields) - set(page.fields))
            for name, value in page.fields.items():
                assert any(form in text for form in _shown(value)), (page.material, name, value)
                assert_valid(fields[name].type, value)


def test_its_wording_is_its_own():
    """No label of the fresh set is a wording samples/wording.yaml uses (dev or held out), and the
    module reads neither the catalog nor that file."""
    here = Path(S.__file__).parent
    old = strings(yaml.safe_load((here / "wording.yaml").read_text(encoding="utf-8")))
    spec = S.wording()
    new: set[str] = set()
    for material, form in spec["forms"].items():
        if material in ("marriage_certificate", "household_register"):  # national wordings, fixed by law
            continue
        new |= strings(form.get("fields", {})) | strings(form.get("sections", {})) | strings(form.get("boxes", {}))
        new |= strings(form.get("titles", []))
    for contract in spec["contracts"].values():
        new |= strings(contract)
    assert new and not (new & old), sorted(new & old)
    source = (here / "fresh.py").read_text(encoding="utf-8")
    code = "\n".join(ln for ln in source.splitlines() if ln.lstrip().startswith(("import ", "from ")) or "open(" in ln
                     or "read_text" in ln or "load" in ln)
    assert "catalog" not in code and "rulesets" not in code and "fuzz" not in code
    assert '"wording.yaml"' not in code and "fresh_wording.yaml" in code


def test_cases_read_perfectly_get_the_verdict_a_clerk_should_reach():
    cases = list(S.fresh_cases(3, seed=7))
    complete = [c for c in cases if c.expect == "complete"]
    assert len(complete) >= 10 and len(cases) - len(complete) >= 10
    assert_clerks_verdict(cases, RULES, F.AS_OF)


def test_bench_accuracy_counts_the_fresh_set(monkeypatch):
    """The bench's --fresh plumbing, with an OCR that reads nothing: every page and truth field is
    counted, negatives apart, and with nothing read no case passes (this says nothing of accuracy)."""
    from yichuang.extractors.ocr import get_engine

    from bench import accuracy as A

    first = list(S.fresh_cases(1, 3))[:3]  # the first matter's case and its two variants
    monkeypatch.setattr(S, "fresh_cases", lambda n, seed: iter(first))
    misses: list[str] = []
    by_style, by_family, cases = A.run_fresh(1, ("scan",), 1, "scan", 3, get_engine("fake"), misses)
    truth = list(S.iter_fresh_samples(1, 3))
    fresh, negative = by_style["fresh scan"], by_style["negative scan"]
    assert fresh.pages == len(S.FRESH) and negative.pages == len(S.NEGATIVES)
    assert fresh.fields == sum(len(p.fields) for _, p in truth) and fresh.exact == 0
    assert negative.placed == negative.pages  # nothing read: unknown, as a negative should be
    assert {m for m, _ in by_family} == set(S.FRESH) | {"unknown"}
    assert cases is not None and cases.complete == 1 and cases.defective == 2 and cases.false_accepts == 0


def test_the_command_writes_pages_and_truth(tmp_path):
    truth = write_with_command("yichuang.samples.fresh", tmp_path, "--seed", "2")
    assert len(truth) == len(S.FRESH) + len(S.NEGATIVES)
    drawn = [(p.material, p.fields) for _, p in S.iter_fresh_samples(1, 2)]
    assert [(t["material"], t["fields"]) for t in truth] == drawn
