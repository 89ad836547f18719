"""Second look: names with characters outside the tiny recogniser's dictionary still come out right."""

from __future__ import annotations

import dataclasses
import random

import pytest
from yichuang.checkers.rules import load_rulesets
from yichuang.extractors.document import read_document
from yichuang.extractors.second_look import look_again, page_doubts, region_targets, rule_fields
from yichuang.samples import materials as M
from yichuang.samples.generate import captured

from tests.conftest import encode
from yichuang.pipeline import open_runtime, read_files
from yichuang.types import Document, ExtractedField, Line, OcrPage

RARE_NAMES = ["张赟", "李旻", "王翀", "陈淏", "刘燊"]  # 赟 旻 翀 淏 燊: not in the tiny dictionary


@pytest.fixture(scope="module")
def rules():
    return load_rulesets()


def test_rule_fields_are_the_ones_rules_read(rules):
    wanted = rule_fields(rules)
    assert {"owner_name", "owner_id_number"} <= wanted["dog_registration_form"]  # consistency rules
    assert {"name", "id_number", "valid_until"} <= wanted["id_card"]  # roles, consistency, expiry
    assert "breed" not in wanted["dog_registration_form"]  # only the pre-filled form reads it


def _doc(fields: dict[str, tuple[str, bool]], unread: dict[str, str] | None = None) -> Document:
    box = [[0.0, 0.0], [100.0, 0.0], [100.0, 20.0], [0.0, 20.0]]
    details = {k: ExtractedField(value=v, confidence=0.9, source="a.jpg#1", box=box, valid=ok)
               for k, (v, ok) in fields.items()}
    return Document(source="a.jpg", page=1, material="id_card", confidence=0.9,
                    fields={k: v for k, (v, _) in fields.items()}, field_details=details, unread=unread or {})


def test_doubts_are_invalid_unread_or_labelled_but_missing(rules):
    wanted = rule_fields(rules)["id_card"]
    page = OcrPage(source="a.jpg", page=1, page_id="ab-1", engine="ppocr", width=100, height=100,
                   lines=[Line(text="姓名张三", box=[[0, 0], [9, 0], [9, 9], [0, 9]], confidence=0.9),
                          Line(text="公民身份号码", box=[[0, 20], [9, 20], [9, 29], [0, 29]], confidence=0.9)])
    clean = _doc({"name": ("张三", True), "id_number": ("11010519491231002X", True)})
    assert page_doubts(clean, page, rules.catalog, wanted) == []
    assert region_targets(clean, rules.catalog) == ["name"]  # a name: re-read for rare characters
    bad = _doc({"name": ("张三", True), "id_number": ("110105194912310021", False)})
    assert page_doubts(bad, page, rules.catalog, wanted) == ["id_number"]
    assert "id_number" in region_targets(bad, rules.catalog)
    missing = _doc({"name": ("张三", True)})  # 公民身份号码 is on the page, its value was not found
    assert page_doubts(missing, page, rules.catalog, wanted) == ["id_number"]
    unread = _doc({"name": ("张三", True)}, unread={"valid_until": "low_confidence"})
    assert "valid_until" in page_doubts(unread, page, rules.catalog, wanted)



def test_an_address_is_read_again_only_where_the_fast_pass_was_unsure(rules):
    """A name is always read again (a missing character comes out as a sure look-alike); an
    address only when a line under it, its wrapped continuation included, is under ADDRESS_SURE."""
    from yichuang.extractors.second_look import ADDRESS_SURE

    def box(y: float) -> list[list[float]]:
        return [[0.0, y], [300.0, y], [300.0, y + 20], [0.0, y + 20]]

    def page_and_doc(second_line: float) -> tuple[OcrPage, Document]:
        lines = [Line(text="张三", box=box(0), confidence=1.0),
                 Line(text="广东省深圳市南山区学院南路228", box=box(40), confidence=0.999),
                 Line(text="号11栋1单元1701室", box=box(62), confidence=second_line)]
        page = OcrPage(source="a.jpg", page=1, page_id="ab-1", engine="ppocr", width=300, height=100, lines=lines)
        details = {"name": ExtractedField(value="张三", confidence=1.0, source="a.jpg#1", box=box(0)),
                   "address": ExtractedField(value="广东省深圳市南山区学院南路228号11栋1单元1701室", confidence=0.99,
                                             source="a.jpg#1", box=box(40))}
        doc = Document(source="a.jpg", page=1, material="id_card", confidence=0.9,
                       fields={k: d.value for k, d in details.items()}, field_details=details)
        return page, doc

    sure_page, sure = page_and_doc(ADDRESS_SURE)
    assert region_targets(sure, rules.catalog, sure_page) == ["name"]
    unsure_page, unsure = page_and_doc(ADDRESS_SURE - 0.02)  # the wrapped second line is doubtful
    assert region_targets(unsure, rules.catalog, unsure_page) == ["name", "address"]
    assert region_targets(sure, rules.catalog) == ["name", "address"]  # no page: every address

@pytest.mark.slow
def test_rare_name_characters_come_out_right_through_the_second_look(home, tmp_path, rules, monkeypatch):
    monkeypatch.setenv("YICHUANG_OCR_PROFILE", "fast")
    rng = random.Random(7)
    files = []
    truth = {}
    for n, name in enumerate(RARE_NAMES[:3]):
        d = M.CaseData.random(random.Random(rng.randrange(1 << 30)))
        d.operator = dataclasses.replace(d.operator, name=name)
        for sample in (M.id_card(d, "front"), M.dog_registration_form(d, "form")):
            path = tmp_path / f"{n}-{sample.material}.jpg"
            path.write_bytes(encode(captured(sample, "camera", seed=n), "JPEG", quality=85))
            files.append(path)
            truth[path.name] = (sample.material, "name" if sample.material == "id_card" else "owner_name", name)
    from yichuang.extractors.ocr.ppocr import PPOcrEngine

    runtime = open_runtime(engine_name="ppocr")
    runtime._engine = PPOcrEngine(profile="fast")
    pages = read_files(files, runtime).pages
    fast_right = looked_right = 0
    for page in pages:
        material, field, name = truth[page.source.rsplit("/", 1)[-1]]
        fast = read_document(page, rules.catalog)
        assert fast.material == material
        fast_right += fast.fields.get(field) == name
        looked = look_again(fast, page, runtime, rules)
        assert looked.fields.get(field) == name, (page.source, fast.fields.get(field), looked.fields.get(field))
        looked_right += 1
    assert fast_right < looked_right  # the tiny recogniser alone cannot write these characters

    def no_model(*_a, **_k):
        raise AssertionError("a re-check of stored pages must not read them again")

    monkeypatch.setattr("yichuang.extractors.ocr.ppocr.engine_for_profile", no_model)
    again = open_runtime(engine_name="ppocr")  # a new call: the second look's reads come from the cache
    for page in read_files(files, again).pages:
        _material, field, name = truth[page.source.rsplit("/", 1)[-1]]
        assert look_again(read_document(page, rules.catalog), page, again, rules).fields.get(field) == name
    assert again._engine is None  # and no model was loaded at all


def test_second_look_cache_keys_fit_the_cache_column():
    """A re-read's cache key must fit ``ocr_cache.engine_key`` (PostgreSQL refuses a longer one)."""
    from yichuang.extractors.ocr.ppocr import profile_cache_key
    from yichuang.extractors.second_look import _CachedReader
    from yichuang.storage.db import OcrCacheRow

    width = OcrCacheRow.__table__.c.engine_key.type.length
    reader = _CachedReader.__new__(_CachedReader)
    reader.prefix = "x" * 300
    assert len(reader._key([[[0, 0], [10, 0], [10, 10], [0, 10]]])) <= width
    assert all(len(profile_cache_key(p, b)) <= width for p in ("fast", "accurate") for b in ("onnxruntime", "openvino", "openvino-det"))


def _line(text: str, y: float, x: float = 0.0) -> Line:
    return Line(text=text, box=[[x, y], [x + 300, y], [x + 300, y + 20], [x, y + 20]], confidence=0.9)


def _application(lines: list[Line]) -> OcrPage:
    return OcrPage(source="a.jpg", page=1, page_id="ab-1", engine="ppocr", width=1000, height=1400, lines=lines)


def test_a_label_inside_another_fields_longer_label_is_that_fields(rules):
    wanted = rule_fields(rules)["individual_business_application"]
    operator = [_line("经营者姓名王明", 100), _line("经营者身份证号码110101199003074578", 140)]
    doc = Document(source="a.jpg", page=1, material="individual_business_application", confidence=0.9)
    # the operator's 姓名 and 身份证号码 are not the agent's: a form without an agent is not in doubt
    assert not {"agent_name", "agent_id_number"} & set(page_doubts(doc, _application(operator), rules.catalog, wanted))
    agent = [*operator, _line("委托代理人姓名", 600)]  # the agent's own label, its value missing: in doubt
    assert "agent_name" in page_doubts(doc, _application(agent), rules.catalog, wanted)


class _CountingReader:
    def __init__(self) -> None:
        self.asked: list[list[list[list[float]]]] = []

    def reread_boxes(self, image_fn, boxes):
        from yichuang.extractors.ocr.base import RawLine

        self.asked.append(boxes)
        return [RawLine(text="", box=b, confidence=0.0) for b in boxes]


def test_the_page_step_reads_the_band_around_its_doubts_and_each_line_once(rules):
    from yichuang.extractors.second_look import BAND_BELOW, doubt_boxes, second_look

    far = [_line(f"第{i}条 本申请书所填内容真实", 400 + 40 * i) for i in range(8)]  # lines far from any doubt
    head = [_line("个体工商户登记（备案）申请书", 40), _line("经营者姓名王明", 100), _line("经营场所北京市东城区", 140),
            _line("经营范围日用百货", 180), _line("联系电话13812345678", 220), _line("个体工商户名称王明便利店", 260),
            _line("经营者身份证号码11010519491231002X", 290)]
    lines = [*head, *far, _line("委托代理人姓名", 1000), _line("（签字）", 1030),
             _line("委托代理人身份证号码", 1200)]
    page = _application(lines)
    doc = read_document(page, rules.catalog)
    assert doc.material == "individual_business_application"
    doubts = page_doubts(doc, page, rules.catalog, rule_fields(rules)[doc.material])
    assert set(doubts) == {"agent_name", "agent_id_number"}
    band = doubt_boxes(doc, page, rules.catalog, doubts)
    assert band is not None and lines[-3].box in band and lines[-2].box in band  # the label and the row under it
    assert not any(line.box in band for line in far)  # not the whole page
    assert all(min(p[1] for p in b) <= 1200 + (1 + BAND_BELOW) * 20 for b in band)
    reader = _CountingReader()
    _doc, look, _ = second_look(doc, page, rules.catalog, rule_fields(rules), lambda: None, reader,
                                lambda p: read_document(p, rules.catalog))
    assert look.page_reread and look.band_lines < len(lines)
    asked = [tuple(map(tuple, map(tuple, b))) for call in reader.asked for b in call]
    assert len(asked) == len(set(asked))  # no line is read twice (the region step's reads are kept)


def test_a_doubt_nothing_anchors_rereads_the_whole_page(rules):
    from yichuang.extractors.second_look import doubt_boxes

    page = _application([_line("经营者姓名王明", 100), _line("经营范围日用百货", 140)])
    doc = Document(source="a.jpg", page=1, material="individual_business_application", confidence=0.9,
                   unread={"phone": "low_confidence"})
    assert doubt_boxes(doc, page, rules.catalog, ["phone"]) is None  # no 电话 line, no box: every line
