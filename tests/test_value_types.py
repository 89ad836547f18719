"""Value types (extractors/value_types.py): the general checks the candidate choice applies, and the
closed vocabularies of rulesets/vocabularies.yaml."""

from __future__ import annotations

import pytest
from yichuang.extractors.catalog import load_catalog
from yichuang.extractors.value_types import (
    chosen_option,
    is_identifier,
    label_tail,
    leading_term,
    refused,
    trimmed_address,
    vocabularies,
    vocabulary,
)

REG = vocabulary("registration_types")
ENTITY = vocabulary("entity_types")


def test_every_vocabulary_a_field_names_exists():
    names = {spec.vocabulary for m in load_catalog().materials.values() for spec in m.fields.values() if spec.vocabulary}
    assert names and names <= set(vocabularies().vocabularies)


@pytest.mark.parametrize("value", ["510107195907282919", "92330106LXR5M6U34A", "17294532284", "1101051978O524O7O1"])
def test_an_identifier_is_never_a_name_a_text_or_an_address(value):
    assert is_identifier(value)
    assert refused("name", value) and refused("text", value) and refused("address", value)
    assert not refused("id_number", value) and not refused("code", value)


@pytest.mark.parametrize("value", ["余兰子", "北京市便民商贸有限公司", "个体工商户设立登记(北京市某某有限公司)", "朝阳区建国路1号"])
def test_a_name_a_text_or_an_address_passes(value):
    assert not is_identifier(value)
    assert not refused("text", value) and not refused("address", value)


def test_a_name_has_no_digits():
    assert refused("name", "张三1") and not refused("name", "张三")


@pytest.mark.parametrize("text,want", [
    ("☑转移登记□首次登记□变更登记", "转移登记"),
    ("□首次登记■转移登记□变更登记□注销登记", "转移登记"),  # a mark between two options is the next one's box
    ("首次登记转移登记√□变更登记", "转移登记"),  # a tick after the option, another box after the tick
    ("□首次登记转移登记□变更登记□注销登记", "转移登记"),  # every other option behind its empty box
    ("转移登记", "转移登记"),  # a form that prints only the option chosen
    ("更正登记异议登记☑预告登记查封登记", None),  # a lone tick, no other box read: a box misread as a tick?
    ("首次登记转移登记变更登记", None),  # no tick at all
    ("☑首次登记☑转移登记□变更登记", None),  # two ticks
])
def test_a_choice_is_its_one_trusted_tick(text, want):
    assert chosen_option(text, REG) == want


def test_a_term_is_found_at_the_head_of_a_reading_longest_first():
    assert leading_term("个体工商户营者魏文娟", ENTITY) == ("个体工商户", "营者魏文娟")
    assert leading_term("有限责任公司(自然人独资)", ENTITY) == ("有限责任公司（自然人独资）", "")
    assert leading_term("外商投资企业", ENTITY) is None


def test_the_rest_opens_with_a_label_or_its_tail():
    assert label_tail("营者魏文娟", ["经营者", "住所"]) == ("经营者", "魏文娟")
    assert label_tail("经营者：魏文娟", ["经营者"]) == ("经营者", "魏文娟")
    assert label_tail("魏文娟", ["经营者"]) is None  # no label's words: nothing to offer
    assert label_tail("者魏文娟", ["经营者"]) is None  # one character is no evidence of a label


@pytest.mark.parametrize("text,want", [
    ("地址广东省深圳市南山区和平里大街50号10栋5单元1905室预包装食品销售(含冷藏冷冻食品)", "广东省深圳市南山区和平里大街50号10栋5单元1905室"),
    ("北京市海淀区长江路142号3栋5单元1302室171", "北京市海淀区长江路142号3栋5单元1302室"),
    ("北京市朝阳区建国路8号2302室（自编）", "北京市朝阳区建国路8号2302室（自编）"),  # a remark after the room stays
    ("北京市朝阳区建国路8号", "北京市朝阳区建国路8号"),
    ("住所地址不详", "住所地址不详"),  # a head noun that opens no place is left alone
])
def test_an_address_ends_at_its_room(text, want):
    assert trimmed_address(text) == want
