"""bench.accuracy's scoring, without OCR: exact, said-unread and silently-wrong fields; placement."""

from __future__ import annotations

from PIL import Image
from yichuang.samples.materials import SamplePage

from bench.accuracy import Tally, score_page
from yichuang.types import Document


def _doc(material: str, fields: dict[str, str], unread: dict[str, str] | None = None) -> Document:
    return Document(source="p.jpg", page=1, material=material, confidence=0.9, fields=fields, unread=unread or {})


def test_fields_are_exact_said_unread_or_silently_wrong():
    sample = SamplePage("id_card", "pair", Image.new("RGB", (10, 10)),
                        {"name": "张三", "id_number": "110105199003071234", "issuer": "北京市公安局", "address": "甲"})
    front = _doc("id_card", {"name": "张三", "address": "乙"}, {"id_number": "low_confidence"})
    back = _doc("id_card", {"issuer": "北京市公安局"})
    tally, misses = Tally(), []
    score_page(sample, [front, back], [tally], misses, "t")
    assert (tally.pages, tally.placed, tally.fields, tally.exact, tally.unread, tally.wrong) == (1, 1, 4, 2, 1, 1)
    assert any("address" in m for m in misses) and any("said unread" in m for m in misses)


def test_a_page_is_placed_only_when_every_document_on_it_is_the_material():
    sample = SamplePage("business_license", "landscape", Image.new("RGB", (10, 10)), {"entity_name": "某店"})
    tally, misses = Tally(), []
    score_page(sample, [_doc("business_license", {"entity_name": "某店"}), _doc("unknown", {})], [tally], misses, "t")
    assert (tally.placed, tally.exact) == (0, 1)
    score_page(sample, [], [tally], misses, "t")
    assert (tally.pages, tally.placed, tally.wrong) == (2, 0, 1)


def test_a_look_alike_counts_as_placed_only_as_the_look_alike_it_was_recognised_as():
    sample = SamplePage("household_migration_permit", "permit", Image.new("RGB", (10, 10)), {})
    tally, misses = Tally(), []
    score_page(sample, [_doc("unknown", {}).model_copy(update={"recognised_as": "household_migration_permit"})],
               [tally], misses, "t")
    score_page(sample, [_doc("unknown", {})], [tally], misses, "t")
    score_page(sample, [_doc("unknown", {}).model_copy(update={"recognised_as": "acceptance_receipt"})],
               [tally], misses, "t")
    assert (tally.pages, tally.placed) == (3, 1)
    assert misses == ["t: placed as ['unknown']", "t: placed as ['acceptance_receipt']"]
