"""Extraction on stored OCR output (no OCR at test time): material and every field, per material.

Golden inputs are real PP-OCR output on generated pages, including tilted phone photos; the
expected values are the generator's ground truth. Regenerate with tests/data/extract/regenerate.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from yichuang.extractors.catalog import load_catalog
from yichuang.extractors.document import read_document

from yichuang.types import OcrPage

DATA = Path(__file__).parent / "data" / "extract"
CASES = sorted(p.name.removesuffix(".ocr.json") for p in DATA.glob("*.ocr.json"))


def test_every_material_has_a_golden_case():
    materials = {json.loads((DATA / f"{c}.expected.json").read_text())["material"] for c in CASES}
    assert materials == set(load_catalog().materials)


@pytest.mark.parametrize("case", CASES)
def test_golden(case):
    page = OcrPage.model_validate_json((DATA / f"{case}.ocr.json").read_text(encoding="utf-8"))
    expected = json.loads((DATA / f"{case}.expected.json").read_text(encoding="utf-8"))
    doc = read_document(page)
    assert doc.material == expected["material"]
    wrong = {k: (doc.fields.get(k), v) for k, v in expected["fields"].items() if doc.fields.get(k) != v}
    assert wrong == {}
    for name, detail in doc.field_details.items():
        assert detail.source == f"{page.source}#{page.page}" and detail.box and 0 < detail.confidence <= 1, name


def test_unknown_page_keeps_its_best_guess():
    page = OcrPage(source="x.jpg", page=1, page_id="x-1", engine="fake", width=100, height=100,
                   lines=[{"text": t, "box": [[0, i * 20], [90, i * 20], [90, i * 20 + 15], [0, i * 20 + 15]],
                           "confidence": 0.99} for i, t in enumerate(["购物小票", "矿泉水 2.00", "合计 2.00"])])
    doc = read_document(page)
    assert doc.material == "unknown" and doc.fields == {}


def test_misread_title_still_recognised():
    page = OcrPage.model_validate_json((DATA / "lease_contract-scan.ocr.json").read_text(encoding="utf-8"))
    lines = page.lines
    lines[0] = lines[0].model_copy(update={"text": lines[0].text.replace("租赁", "租货")})
    assert read_document(page.model_copy(update={"lines": lines})).material == "lease_contract"
