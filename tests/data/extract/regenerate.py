"""Regenerate the extraction golden files (runs real OCR; only when asked).

    YICHUANG_REGEN_GOLDEN=1 .venv/bin/python -m tests.data.extract.regenerate

For each case: ``<name>.ocr.json`` is the stored OCR of a generated page, ``<name>.expected.json``
the page's ground truth (from the generator, not from extraction), restricted to the fields
whose value OCR actually read (a field OCR misread cannot be extracted, and is listed apart).
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

from yichuang.extractors.normalise import canon
from yichuang.extractors.ocr import get_engine
from yichuang.ingest.pages import PageContent
from yichuang.samples.generate import captured
from yichuang.samples.materials import BUILDERS, CaseData

from yichuang.pipeline import read_page

HERE = Path(__file__).parent
# (name, material, layout, capture style, seed)
CASES = [(f"{m}-scan", m, None, "scan", 100 + i) for i, m in enumerate(BUILDERS)] + [
    ("id_card-front-phone", "id_card", "front", "phone", 201),
    ("id_card-back-camera", "id_card", "back", "camera", 202),
    ("id_card-photocopy-scan", "id_card", "photocopy", "scan", 203),
    ("business_license-phone", "business_license", "spaced", "phone", 204),
    ("food_license_application-pairs-phone", "food_license_application", "pairs", "phone", 205),
    ("individual_business_application-rows-camera", "individual_business_application", "rows", "camera", 206),
    ("lease_contract-phone", "lease_contract", None, "phone", 207),
    ("property_certificate-phone", "property_certificate", None, "phone", 208),
    ("dog_registration_form-phone", "dog_registration_form", None, "phone", 209),
    ("house_sale_contract-camera", "house_sale_contract", None, "camera", 210),
]


def main() -> None:
    if os.environ.get("YICHUANG_REGEN_GOLDEN") != "1":
        sys.exit("set YICHUANG_REGEN_GOLDEN=1 to overwrite the golden files")
    engine = get_engine("ppocr")
    for name, material, layout, style, seed in CASES:
        sample = BUILDERS[material](CaseData.random(random.Random(seed)), layout)
        img = captured(sample, style, seed)
        page = read_page(PageContent(page=1, width=img.width, height=img.height, image=img),
                         f"{name}.jpg", f"golden-{name}-1", engine)
        text = canon("".join(line.text for line in page.lines))
        readable = {k: v for k, v in sample.fields.items() if _readable(v, text)}
        (HERE / f"{name}.ocr.json").write_text(page.model_dump_json(indent=1), encoding="utf-8")
        expected = {"material": material, "style": style, "fields": readable,
                    "misread_by_ocr": sorted(set(sample.fields) - set(readable))}
        (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")
        print(name, "misread:", expected["misread_by_ocr"])


def _readable(value: str, text: str) -> bool:
    """The value's characters appear in the OCR text (dates in any of their printed forms)."""
    import re

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        y, m, d = value.split("-")
        forms = [f"{y}年{int(m)}月{int(d)}日", f"{y}.{m}.{d}", value]
        return any(f in text for f in forms)
    return canon(value) in text or canon(value).replace("平方米", "") in text


if __name__ == "__main__":
    main()
