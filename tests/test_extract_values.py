"""Value types of the lexicon: dates in every written form, money in 元/万元/capital numerals, area,
phones (mobile and fixed line), ticked check boxes."""

from __future__ import annotations

import pytest
from yichuang.extractors.normalise import checked_option, clean_value
from yichuang.extractors.validators import validate_phone


@pytest.mark.parametrize("raw,part,value", [
    ("2019年03月15日", None, "2019-03-15"), ("二〇一九年三月十五日", None, "2019-03-15"),
    ("二〇二〇年十二月三十一日", None, "2020-12-31"), ("2016.05.10-2036.05.10", "end", "2036-05-10"),
    ("二〇一六年五月十日至二〇三六年五月十日", "end", "2036-05-10"), ("2018年11月02日至长期", "end", "长期"),
])
def test_dates(raw, part, value):
    assert clean_value("date", raw, part).value == value


@pytest.mark.parametrize("raw,value", [
    ("2530000元", "2530000"), ("2,530,000.00元", "2530000"), ("253万元", "2530000"), ("贰佰伍拾叁万元整", "2530000"),
    ("壹亿贰仟万元", "120000000"), ("叁佰万零伍仟元", "3005000"), ("肆仟伍佰元伍角", "4500.5"),
])
def test_money(raw, value):
    assert clean_value("money", raw).value == value


@pytest.mark.parametrize("raw,value", [("89.32㎡", "89.32"), ("89.32平方米", "89.32"), ("建筑面积：89.32m²", "89.32")])
def test_area(raw, value):
    assert clean_value("area", raw).value == value


@pytest.mark.parametrize("raw,valid", [("0755-83216543", True), ("010 1234 5678", True), ("13812345678", True),
                                       ("1381234567", False), ("0755-123", False)])
def test_phones_mobile_and_fixed_line(raw, valid):
    assert validate_phone(raw).valid is valid


@pytest.mark.parametrize("raw,value", [
    ("☑转移登记 □首次登记 □变更登记", "转移登记"), ("□首次登记 ■转移登记", "转移登记"),
    ("转移登记 □首次登记 □变更登记", "转移登记"),  # OCR dropped the tick: the one not behind an empty box
    ("□首次登记 □转移登记", ""), ("有限责任公司", "有限责任公司"),
])
def test_ticked_option(raw, value):
    assert checked_option(raw) == value


def test_one_verdict_shape_for_validation_typed_and_extracted_field():
    """Validation, Typed and ExtractedField carry the validator's verdict under the same names
    (issue 10: one shape, not three); a verdict field added to one and not the others fails here."""
    from dataclasses import fields as dc_fields

    from yichuang.extractors.normalise import Typed, clean_value
    from yichuang.extractors.validators import Validation, Verdict, validate_id_number

    from yichuang.types import ExtractedField

    verdict = {f.name for f in dc_fields(Verdict)}
    assert verdict <= {f.name for f in dc_fields(Validation)}
    assert verdict <= {f.name for f in dc_fields(Typed)}
    assert verdict <= set(ExtractedField.model_fields)
    bad = validate_id_number("110101199003074579")  # wrong check character
    typed = Typed.of(bad)
    assert not typed.valid and typed.code == bad.code and typed.params == bad.params
    field = ExtractedField(value=typed.value, confidence=1.0, source="x#1", **typed.verdict())
    assert field.code == bad.code and not field.valid
    good = clean_value("id_number", "110101199003074573")
    assert good is not None and good.valid and good.verdict()["code"] == ""
