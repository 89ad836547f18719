"""Validators: public standards, hundreds of generated codes, every one-character corruption."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from yichuang.extractors.validators import (
    ID_CHECK,
    USCC_ALPHABET,
    id_check_char,
    parse_date,
    uscc_check_char,
    validate_credit_code,
    validate_date,
    validate_id_number,
    validate_phone,
)

from tests.conftest import PEER

REGIONS = ["110101", "310104", "500222", "350102", "440305", "510107", "330106", "420111"]


def gen_id(rng: random.Random) -> str:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 65))
    first = rng.choice(REGIONS) + born.strftime("%Y%m%d") + f"{rng.randrange(1000):03d}"
    return first + id_check_char(first)


def gen_uscc(rng: random.Random) -> str:
    first = rng.choice("159Y") + rng.choice("123") + rng.choice(REGIONS) + "".join(
        rng.choice(USCC_ALPHABET) for _ in range(9))
    return first + uscc_check_char(first)


def test_public_examples():
    assert validate_id_number("11010519491231002X").valid
    assert validate_credit_code("91350100M000100Y43").valid


@pytest.mark.skipif(not (PEER / "uscc-valid.txt").is_file(), reason="../shared/peer-data is not beside the checkout")
def test_200_real_credit_codes_are_valid():
    codes = [c.strip() for c in (PEER / "uscc-valid.txt").read_text().split() if c.strip()]
    assert len(codes) >= 200
    assert [c for c in codes if not validate_credit_code(c).valid] == []


def test_generated_ids_valid_and_every_single_corruption_caught_or_correctly_repaired():
    rng = random.Random(7)
    for _ in range(300):
        good = gen_id(rng)
        assert validate_id_number(good).valid, good
        i = rng.randrange(18)
        for ch in "0123456789X":
            bad = good[:i] + ch + good[i + 1:]
            if bad == good or (i < 17 and ch == "X"):
                continue
            res = validate_id_number(bad)
            assert not res.valid or res.normalised == good, (good, bad, res)


def test_generated_credit_codes_and_corruptions():
    rng = random.Random(11)
    for _ in range(300):
        good = gen_uscc(rng)
        assert validate_credit_code(good).valid, good
        i = rng.randrange(18)
        for ch in USCC_ALPHABET:
            bad = good[:i] + ch + good[i + 1:]
            if bad == good:
                continue
            res = validate_credit_code(bad)
            assert not res.valid or res.normalised == good, (good, bad, res)


@pytest.mark.parametrize("reading,expected", [
    ("11O1O519491231002X", "11010519491231002X"),  # O read for 0
    ("1101051949123IOO2X", "11010519491231002X"),  # I and O
    ("11010519491231002×", "11010519491231002X"),  # multiplication sign for X
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),  # full width
])
def test_id_ocr_confusions_repaired_and_recorded(reading, expected):
    res = validate_id_number(reading)
    assert res.valid and res.normalised == expected
    assert res.repaired_from is not None or reading != expected


def test_credit_code_confusions():
    res = validate_credit_code("9135O1OOM0001OOY43")
    assert res.valid and res.normalised == "91350100M000100Y43" and res.repaired_from


def test_legal_characters_are_never_swapped_to_force_a_checksum():
    # 8 and B are both legal in a credit code: a failing code with a B is not "repaired" to 8
    good = "91350100M000100Y43"
    for i, ch in enumerate(good):
        if ch == "0":
            bad = good[:i] + "D" + good[i + 1:]  # D is legal too
            res = validate_credit_code(bad)
            assert not res.valid or res.normalised == good
    res = validate_id_number("110105194912310021")
    assert not res.valid and res.reason == "check character should be X"


def test_birth_date_must_be_real_and_match_the_card():
    first = "11010519490231002"  # 31 February
    assert "not a real date" in validate_id_number(first + id_check_char(first)).reason
    assert "differs" in validate_id_number("11010519491231002X", birth_date="1949-12-30").reason
    assert validate_id_number("11010519491231002X", birth_date="1949-12-31").valid
    assert set(ID_CHECK) == set("0123456789X")


@pytest.mark.parametrize("raw,valid,norm", [
    ("13812345678", True, "13812345678"), ("+86 138-1234-5678", True, "13812345678"),
    ("12812345678", False, "12812345678"), ("1381234567", False, "1381234567"),
    ("138I2345678", True, "13812345678"),
])
def test_phones(raw, valid, norm):
    res = validate_phone(raw)
    assert (res.valid, res.normalised) == (valid, norm)


@pytest.mark.parametrize("raw,norm", [
    ("1990年1月1日", "1990-01-01"), ("1990.01.01", "1990-01-01"), ("2020-01-01", "2020-01-01"),
    ("2020/3/9", "2020-03-09"), ("２０２０年３月９日", "2020-03-09"), ("长期", "长期"), ("20200101", "2020-01-01"),
])
def test_dates(raw, norm):
    assert parse_date(raw) == norm and validate_date(raw).valid


def test_impossible_date_is_invalid():
    assert not validate_date("2021-02-30").valid


def test_traditional_forms_read_by_ocr_become_simplified():
    from yichuang.extractors.normalise import clean_value

    assert clean_value("address", "北京市朝陽区學院南路46號").value == "北京市朝阳区学院南路46号"
    assert clean_value("ethnicity", "漢").value == "汉"


def test_a_date_outside_the_years_a_document_prints_is_no_date():
    from yichuang.extractors.validators import parse_date, validate_date

    assert parse_date("9883-04-19") is None and parse_date("1899.12.31") is None
    assert parse_date("1900.01.01") == "1900-01-01" and parse_date("二〇九九年一月一日") == "2099-01-01"
    assert not validate_date("9883-04-19").valid
