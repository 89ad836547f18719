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
    ("2026/3/1", None, "2026-03-01"), ("2026.03.01", None, "2026-03-01"), ("二〇二六年三月一日", None, "2026-03-01"),
    ("二零二六年三月一日", None, "2026-03-01"), ("2026年3月1号", None, "2026-03-01"), ("２０２６年３月１日", None, "2026-03-01"),
    ("2026年3月1日起至2027年2月28日止", None, "2026-03-01"), ("2026年3月1日起至2027年2月28日止", "end", "2027-02-28"),
    ("2026/3/1-2027/2/28", "end", "2027-02-28"), ("2026年3月1日—2027年2月28日", "end", "2027-02-28"),
    ("二〇二六年三月五号", None, "2026-03-05"), ("二〇二六年元月五日", None, "2026-01-05"), ("2026-3-5", None, "2026-03-05"),
    ("2026年3月5日（星期四）", None, "2026-03-05"), ("2026 年 3 月 5 日", None, "2026-03-05"), ("2026．3．5", None, "2026-03-05"),
    ("2026.03.01至长期", "end", "长期"),
])
def test_dates(raw, part, value):
    assert clean_value("date", raw, part).value == value


@pytest.mark.parametrize("raw,value", [
    ("2530000元", "2530000"), ("2,530,000.00元", "2530000"), ("253万元", "2530000"), ("贰佰伍拾叁万元整", "2530000"),
    ("壹亿贰仟万元", "120000000"), ("叁佰万零伍仟元", "3005000"), ("肆仟伍佰元伍角", "4500.5"),
    ("¥2,530,000.00", "2530000"), ("人民币贰佰伍拾叁万圆整", "2530000"), ("三百四十八万元", "3480000"),
    ("贰佰伍拾叁万整", "2530000"), ("253.5万元", "2535000"), ("人民币（大写）叁佰肆拾捌万元整（小写：¥3,480,000.00元）", "3480000"),
    ("租金每月2800元（贰仟捌佰元整）", "2800"),
])
def test_money(raw, value):
    assert clean_value("money", raw).value == value


@pytest.mark.parametrize("raw", ["人民币叁佰肆拾捌万元整（¥3,840,000元）", "贰佰伍拾叁万", "万元", "25,30,000元"])
def test_money_that_does_not_normalise_is_not_guessed(raw):
    """Figures and words that disagree (an OCR slip in one of them), words with no unit: no value —
    the field is reported unread (wrong_type), a person reads it."""
    assert clean_value("money", raw) is None


@pytest.mark.parametrize("raw", ["9883-04-19", "1088年4月19日", "2026年13月1日", "年月日", "26年3月5日", "2026年3月",
                                 "3/5/2026", "2026年2月30日"])
def test_a_date_that_does_not_normalise_is_not_guessed(raw):
    assert clean_value("date", raw) is None


@pytest.mark.parametrize("raw,value", [("89.32㎡", "89.32"), ("89.32平方米", "89.32"), ("建筑面积：89.32m²", "89.32"),
                                       ("89.32 M2", "89.32"), ("89.32平米", "89.32"), ("1,089.32㎡", "1089.32")])
def test_area(raw, value):
    assert clean_value("area", raw).value == value


@pytest.mark.parametrize("raw", ["134,3㎡", "面积一百三十四平方米", "平方米"])
def test_an_area_that_does_not_normalise_is_not_guessed(raw):
    """A comma that groups no thousands (134,3: a decimal point or a slip?), an area in words: no value —
    reported unread, a person reads it."""
    assert clean_value("area", raw) is None


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


@pytest.mark.parametrize("raw,value", [
    ("经营范围：小餐饮;饮料及冷饮服务;食品销售。", "小餐饮;饮料及冷饮服务;食品销售。"),  # a list keeps its full stop
    ("南山乐购便利店92440305ABQQEGXC9B", "南山乐购便利店"),  # the next cell's code fused on
])
def test_text_values(raw, value):
    assert clean_value("text", raw.split("：")[-1]).value == value


@pytest.mark.parametrize("raw,value", [("为上海市徐汇区建国路255号", "上海市徐汇区建国路255号"),
                                       ("在北京市朝阳区长江路153号", "北京市朝阳区长江路153号")])
def test_a_prose_address_loses_its_copula(raw, value):
    assert clean_value("address", raw).value == value


@pytest.mark.parametrize("raw", ["91110108TEDT55T4U5", "92440305ABQQEGXC9B"])
def test_a_credit_code_is_no_id_number(raw):
    assert clean_value("id_number", raw) is None
