"""Two-sided cards: which page is which side comes from the catalog's ``sides:``, not from code."""

from __future__ import annotations

from yichuang.checkers.instances import build_instances
from yichuang.extractors.catalog import load_catalog
from yichuang.rulesets.schema import Side

from tests.checkhelp import doc


def _front():
    return doc("id_card", "front.jpg", name="张三", id_number="110101199003074578")


def _back():
    return doc("id_card", "back.jpg", issuer="北京市公安局朝阳分局", valid_until="2035-01-01")


def test_a_front_and_a_back_photographed_apart_are_one_card():
    cards = [i for i in build_instances([_front(), _back()]) if i.material == "id_card"]
    assert len(cards) == 1 and cards[0].value("name") == "张三" and cards[0].value("issuer").startswith("北京")


def test_two_fronts_stay_two_cards():
    cards = [i for i in build_instances([_front(), _front()]) if i.material == "id_card"]
    assert [len(c.docs) for c in cards] == [1, 1]


def test_the_sides_are_read_from_the_catalog():
    catalog = load_catalog()
    card = catalog.materials["id_card"]
    # a catalog whose card has its issuer printed on the portrait side: the "back" page above now shows
    # both sides' fields, so it is a copy of the whole card, not the other half of the first page
    moved = card.model_copy(update={"sides": [Side(label="人像面", fields=["name", "id_number", "issuer"]),
                                               Side(label="国徽面", fields=["valid_until"])]})
    edited = catalog.model_copy(update={"materials": {**catalog.materials, "id_card": moved}})
    assert [len(c.docs) for c in build_instances([_front(), _back()], edited) if c.material == "id_card"] == [1, 1]
    assert [len(c.docs) for c in build_instances([_front(), _back()], catalog) if c.material == "id_card"] == [2]
