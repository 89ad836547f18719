"""Extraction on pages drawn after the real national layouts (issue 9's failure classes), from stored
OCR (no OCR at test time): two-column licences, letter-spaced and fused labels, label wordings and
sections, values wrapped in a cell, two cards on one image, prose, a look-alike; and what is
labelled but unread. Pages: tests/data/extract/classes/pages.py (real PP-OCR output stored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from yichuang.checkers.instances import build_instances
from yichuang.extractors.catalog import load_catalog
from yichuang.extractors.document import read_document, read_documents, read_pages
from yichuang.extractors.fields import read_fields
from yichuang.extractors.recognise import recognise

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


def test_a_price_in_words_only_is_read_and_figures_that_disagree_are_put_to_a_person():
    page = _page(CLASSES / "sale-contract-prose.ocr.json")
    clause = next(line.text for line in page.lines if "成交价款" in line.text)
    words = _replace(page, clause, text="第二条 双方协商一致，该房屋成交价款为人民币贰佰伍拾叁万元整。")
    assert read_document(words).fields["price"] == "2530000"
    both = _replace(page, clause, text="第二条 该房屋成交价款为人民币2350000元，总价款大写：贰佰伍拾叁万元整。")
    doc = read_document(both)
    assert doc.unread["price"] == "ambiguous" and doc.fields["price"] in ("2350000", "2530000")


@pytest.mark.parametrize("cell", ["共有宗地面积120.50㎡/房屋建筑面积89.32㎡", "宗地面积120.50平方米 建筑面积89.32平方米",
                                  "土地使用权面积35.20㎡，建筑面积89.32㎡"])
def test_the_floor_area_not_the_land_area_in_one_cell(cell):
    page = _page(CLASSES / "property-certificate-wrapped-cell.ocr.json")
    label = next(line for line in page.lines if line.text == "面积")
    y0, y1 = label.box[0][1], label.box[2][1]
    lines = [line for line in page.lines if "面积：" not in line.text]
    lines.append(Line(text=cell, box=[[387, y0], [900, y0], [900, y1], [387, y1]], confidence=0.99))
    doc = read_document(page.model_copy(update={"lines": lines}))
    assert doc.fields["area"] == "89.32" and "area" not in doc.unread


def test_a_box_ocr_fused_across_the_gutter_is_cut_at_the_label_after_its_space():
    page = _page(CLASSES / "licence-portrait.ocr.json")
    lines = [line for line in page.lines if line.text not in ("法定代表人陈佳欣", "所", "深圳市坪山区石井街道田头社")]
    lines.append(Line(text="法定代表人 陈佳欣  住所 深圳市坪山区石井街道田头社",
                      box=[[87, 613], [1161, 613], [1161, 649], [87, 649]], confidence=0.98))
    doc = read_document(page.model_copy(update={"lines": lines}))
    assert doc.fields["legal_rep"] == "陈佳欣"  # not 陈佳欣住所深圳市坪山区石
    assert doc.fields["address"] == "深圳市坪山区石井街道田头社区金田路128号201"


def test_a_field_the_document_always_prints_found_nowhere_is_unread_unless_a_later_page_has_it():
    first = _page(DATA / "lease_contract-scan.ocr.json")
    term = next(line.text for line in first.lines if "租赁期限" in line.text)
    without = _without(first, term)
    alone = read_document(without)
    assert alone.unread["term_start"] == alone.unread["term_end"] == "not_found"
    second = OcrPage(source="photo-2.jpg", page=1, page_id="p2-1", engine="fake", width=1240, height=1754,
                     lines=_lines([term, "甲方（签字）：", "乙方（签字）："]))
    head, cont = read_pages([without, second])
    assert cont.continues == head.ref and "term_start" not in head.unread and cont.unread == {}
    assert cont.fields["term_start"] == read_document(first).fields["term_start"]


def test_optional_fields_and_two_sided_cards_are_not_reported_missing():
    doc = read_document(_page(DATA / "individual_business_application-scan.ocr.json"))
    assert "agent_name" not in doc.fields and "agent_name" not in doc.unread
    back = read_document(_page(DATA / "id_card-back-camera.ocr.json"))
    assert "name" not in back.fields and back.unread == {}


def test_label_value_pairs_ocr_fused_into_one_box():
    lines = [Line(text=t, box=[[40, 40 + 45 * k], [330, 40 + 45 * k], [330, 70 + 45 * k], [40, 70 + 45 * k]],
                  confidence=0.99)
             for k, t in enumerate(["姓名代用名", "性别男民族汉", "出生2013年05月06日", "住址湖南省长沙市开福区巡道街"])]
    page = OcrPage(source="card.jpg", page=1, page_id="c-1", engine="fake", width=600, height=400, lines=lines)
    doc = read_document(page)
    assert (doc.fields["sex"], doc.fields["ethnicity"]) == ("男", "汉")
