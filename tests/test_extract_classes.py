"""Extraction on pages drawn after the real national layouts (issue 9's failure classes), from stored
OCR (no OCR at test time): two-column licences, letter-spaced and fused labels, label wordings and
sections, values wrapped in a cell, two cards on one image, prose, a look-alike; and what is
labelled but unread. Pages: tests/data/extract/classes/pages.py (real PP-OCR output stored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checkers.instances import build_instances
from extractors.catalog import load_catalog
from extractors.document import read_document, read_documents, read_pages
from extractors.fields import read_fields
from extractors.recognise import recognise
from yichuang.types import Line, OcrPage

DATA = Path(__file__).parent / "data" / "extract"
CLASSES = DATA / "classes"
CASES = sorted(p.name.removesuffix(".ocr.json") for p in CLASSES.glob("*.ocr.json"))


def _page(path: Path) -> OcrPage:
    return OcrPage.model_validate_json(path.read_text(encoding="utf-8"))


def _expected(case: str) -> dict:
    return json.loads((CLASSES / f"{case}.expected.json").read_text(encoding="utf-8"))


def test_there_is_a_page_for_every_failure_class():
    assert len(CASES) >= 9


@pytest.mark.parametrize("case", CASES)
def test_failure_class_page(case):
    page = _page(CLASSES / f"{case}.ocr.json")
    expected = _expected(case)["documents"]
    docs = read_documents(page)
    assert [d.material for d in docs] == [e["material"] for e in expected]
    for doc, exp in zip(docs, expected, strict=True):
        wrong = {k: (doc.fields.get(k), v) for k, v in exp.get("fields", {}).items() if doc.fields.get(k) != v}
        assert wrong == {}
        assert set(doc.unread) == set(exp.get("unread", [])), doc.unread
        assert doc.recognised_as == exp.get("recognised_as")
        for name, detail in doc.field_details.items():
            assert detail.source == f"{page.source}#{page.page}" and detail.box and 0 < detail.confidence <= 1, name


def test_two_cards_on_one_image_are_two_documents_that_make_one_card():
    docs = read_documents(_page(CLASSES / "id-card-two-sides-one-image.ocr.json"))
    assert [d.region for d in docs] == [1, 2]
    assert "中华人民共和国" not in docs[0].fields["name"]
    cards = build_instances(docs)
    assert len(cards) == 1 and cards[0].value("name") == "张大民" and cards[0].value("valid_until") == "2036-05-10"


def test_the_issued_permit_is_not_its_application():
    doc = read_document(_page(CLASSES / "food-permit-lookalike.ocr.json"))
    assert doc.material == "unknown" and doc.recognised_as == "food_business_permit"
    assert "food_license_application" in load_catalog().lookalikes["food_business_permit"].mistaken_for


def test_two_column_licence_values_stop_at_the_gutter():
    page = _page(CLASSES / "licence-portrait.ocr.json")
    reading = read_fields(page, "business_license", load_catalog())
    layout = reading.layout.to_dict()
    json.dumps(layout)  # plain data: the review page can draw it
    assert layout["gutters"], "the gutter between the two columns is found from the boxes"
    gutter = layout["gutters"][0]
    assert all(not (t["box"][0][0] < gutter["x0"] - 5 and t["box"][1][0] > gutter["x1"] + 5)
               for t in layout["tokens"] if t["text"].startswith("法定代表人"))
    assert reading.fields["legal_rep"].value == "陈佳欣"


def _without(page: OcrPage, text: str) -> OcrPage:
    return page.model_copy(update={"lines": [line for line in page.lines if line.text != text]})


def _replace(page: OcrPage, old: str, **update) -> OcrPage:
    return page.model_copy(update={"lines": [line.model_copy(update=update) if line.text == old else line
                                             for line in page.lines]})


def test_a_labelled_value_that_is_blank_is_unread_never_absent():
    page = _page(CLASSES / "application-agent-wording.ocr.json")
    assert read_document(page).unread == {}
    doc = read_document(_without(page, "李海燕"))
    assert "agent_name" not in doc.fields and doc.unread["agent_name"] == "label_without_value"


def test_a_value_of_the_wrong_type_is_unread():
    page = _page(CLASSES / "application-agent-wording.ocr.json")
    doc = read_document(_replace(page, "440303199002184025", text="4403031990"))
    assert "agent_id_number" not in doc.fields and doc.unread["agent_id_number"] == "wrong_type"


def test_a_value_read_with_low_confidence_is_kept_and_flagged():
    page = _page(CLASSES / "application-agent-wording.ocr.json")
    doc = read_document(_replace(page, "李海燕", confidence=0.3))
    assert doc.fields["agent_name"] == "李海燕" and doc.unread["agent_name"] == "low_confidence"
    assert doc.field_details["agent_name"].confidence < load_catalog().extraction.min_confidence


def test_every_unread_code_is_in_the_catalog():
    codes = set(load_catalog().extraction.unread_codes)
    for case in CASES:
        for doc in read_documents(_page(CLASSES / f"{case}.ocr.json")):
            assert set(doc.unread.values()) <= codes


def test_clean_generated_pages_have_nothing_unread_but_what_ocr_misread():
    for path in sorted(DATA.glob("*.ocr.json")):
        expected = json.loads(path.with_name(path.name.replace(".ocr.json", ".expected.json")).read_text())
        for doc in read_documents(_page(path)):
            assert set(doc.unread) <= set(expected["misread_by_ocr"]), (path.name, doc.unread)


def _lines(texts: list[str]) -> list[Line]:
    return [Line(text=t, box=[[100, 100 + 60 * i], [1000, 100 + 60 * i], [1000, 140 + 60 * i], [100, 140 + 60 * i]],
                 confidence=0.99) for i, t in enumerate(texts)]


def test_a_contract_page_without_title_joins_the_contract_it_continues():
    first = _page(DATA / "lease_contract-scan.ocr.json")
    second = OcrPage(source="photo-2.jpg", page=1, page_id="p2-1", engine="fake", width=1240, height=1754,
                     lines=_lines(["第五条 租赁期内甲方负责房屋主体结构的维修。", "第六条 本合同一式两份，甲乙双方各执一份。",
                                   "甲方（签字）：", "乙方（签字）：", "签订日期：2024年1月20日"]))
    receipt = OcrPage(source="receipt.jpg", page=1, page_id="r-1", engine="fake", width=500, height=500,
                      lines=_lines(["购物小票", "矿泉水 2.00", "合计 2.00"]))
    docs = read_pages([first, second, receipt])
    assert [d.material for d in docs] == ["lease_contract", "lease_contract", "unknown"]
    assert docs[1].continues == docs[0].ref and docs[2].continues is None
    contracts = [i for i in build_instances(docs) if i.material == "lease_contract"]
    assert len(contracts) == 1 and contracts[0].refs == [docs[0].ref, docs[1].ref]


def test_a_titled_page_of_the_same_material_is_a_document_of_its_own():
    page = _page(DATA / "lease_contract-scan.ocr.json")
    other = page.model_copy(update={"source": "other.jpg"})
    docs = read_pages([page, other])
    assert docs[1].continues is None and len(build_instances(docs)) == 2


def test_a_title_ocr_cut_into_boxes_still_places_the_page():
    page = _page(CLASSES / "licence-portrait.ocr.json")
    lines = []
    for line in page.lines:
        if line.text != "营业执照":
            lines.append(line)
            continue
        (x0, y0), (x1, _), (_, y1) = line.box[0], line.box[1], line.box[2]
        step = (x1 - x0) / 4
        lines += [Line(text=ch, box=[[x0 + k * step, y0], [x0 + k * step + step * 0.6, y0],
                                     [x0 + k * step + step * 0.6, y1], [x0 + k * step, y1]], confidence=0.99)
                  for k, ch in enumerate("营业执照")]
    cut = page.model_copy(update={"lines": lines})
    rec = recognise(cut, load_catalog())
    assert rec.material == "business_license" and rec.titled  # the title found across the boxes
    assert rec.confidence == recognise(page, load_catalog()).confidence
    assert read_document(cut).fields["legal_rep"] == "陈佳欣"


def test_two_cards_close_together_do_not_run_into_each_other():
    page = _page(CLASSES / "id-card-two-sides-one-image.ocr.json")
    # the back side moved left until the band between the cards is narrow, its title on the name's row
    dx, dy = 450.0, 27.0
    lines = [line.model_copy(update={"box": [[x - dx, y - dy] for x, y in line.box]}) if line.box[0][0] > 1000
             else line for line in page.lines]
    docs = read_documents(page.model_copy(update={"lines": lines}))
    fields = {k: v for d in docs for k, v in d.fields.items()}
    assert fields["name"] == "张大民" and fields["issuer"] == "深圳市公安局福田分局"
