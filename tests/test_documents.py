"""Documents, not pages (issue 9, Deliver 3 and 5): what a document keeps of its page's evidence.

A signature box the ink measure leaves ``unclear`` (a light pen) is signed when OCR read a name
written in it on the label's line; a box with nothing read after its label stays as the ink says.
Pages: stored PP-OCR output of fresh3's cases (desk-phone), tests/data/recognise — no OCR here."""

from __future__ import annotations

from pathlib import Path

import pytest
from yichuang.extractors.catalog import load_catalog
from yichuang.extractors.document import read_document, written_in_box

from yichuang.types import Line, OcrPage, SealScan, Signature

DATA = Path(__file__).parent / "data" / "recognise"


def _page(name: str) -> OcrPage:
    return OcrPage.model_validate_json((DATA / f"{name}.ocr.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(("name", "party"), [("fresh3-sale-contract-light-signature", "买受人"),
                                             ("fresh3-dog-form-light-signature", "犬主")])
def test_a_light_signature_read_by_ocr_is_signed(catalog, name, party):
    page = _page(name)
    before = {s.party: s.state for s in page.seals.signatures}
    assert before[party] == "unclear"  # the ink measure alone could not tell
    doc = read_document(page, catalog)
    assert {s.party: s.state for s in doc.seals.signatures}[party] == "signed"


def _signature_page(text: str) -> OcrPage:
    line = Line(text=text, box=[[100, 500], [500, 500], [500, 530], [100, 530]], confidence=0.95)
    sig = Signature(label="乙方（签字）：", party="乙方", box=[300, 480, 800, 550], state="unclear", ink=0.002)
    return OcrPage(source="t.jpg", page=1, page_id="t-1", engine="test", width=1200, height=1600, lines=[line],
                   seals=SealScan(seals=[], signatures=[sig]))


@pytest.mark.parametrize(("text", "written"), [
    ("乙方（签字）：王小明", True), ("乙方（签字）：王小明 2026年3月1日", True),
    ("乙方（签字）：", False), ("乙方（签字）：年 月 日", False), ("乙方（签字）：（盖章）", False),
    ("乙方（签字）：日期：", False), ("乙方（签字）：2026.03.01", False),
])
def test_only_a_name_after_the_label_counts_as_writing(text, written):
    page = _signature_page(text)
    assert written_in_box(page, page.seals.signatures[0]) is written
