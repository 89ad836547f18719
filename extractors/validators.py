"""Identifier validators (public standards) with OCR-confusion repair.

A value that fails its check is never silently accepted: characters that cannot stand where
they are read are replaced by their usual OCR confusions (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, X/×/x)
and a repair is accepted only when exactly one candidate validates; the repair is recorded.
Otherwise the value is reported invalid, with the reason: a code and its parameters (people read
them in Chinese through ``rulesets/labels.yaml`` ``reasons:``) and an English sentence for logs.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91}

CONFUSIONS: list[set[str]] = [set("0ODQo"), set("1IL|l"), set("2Z"), set("5S"), set("8B"), set("X×x")]
_CONFUSABLE: dict[str, set[str]] = {}
for group in CONFUSIONS:
    for ch in group:
        _CONFUSABLE.setdefault(ch, set()).update(group - {ch})


@dataclass(frozen=True)
class Problem:
    """Why a value fails: a reason code (``rulesets/labels.yaml`` ``reasons:``), its parameters,
    and the English sentence kept in the JSON contract's ``reason``."""

    code: str
    english: str
    params: dict[str, str | int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.code)


OK = Problem("", "")


@dataclass(frozen=True, kw_only=True)
class Verdict:
    """What a validator says of a reading — the one shape ``Validation``, ``normalise.Typed`` and
    ``ExtractedField`` share: valid or not, why (English for logs; ``code`` + ``params`` rendered
    for people by ``yichuang.labels.say``) and the OCR reading a check character repaired."""

    valid: bool = True
    reason: str = ""
    repaired_from: str | None = None
    code: str = ""  # reason code: "check_char", "repaired", … ("" for a clean value)
    params: dict[str, str | int] = field(default_factory=dict)

    def verdict(self) -> dict[str, object]:
        """The verdict's fields as keywords (to build an ``ExtractedField`` or another verdict)."""
        return {"valid": self.valid, "reason": self.reason, "repaired_from": self.repaired_from,
                "code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class Validation(Verdict):
    """One identifier checked: its kind, the text read, and the normalised value."""

    kind: str
    value: str
    normalised: str

    @classmethod
    def failed(cls, kind: str, raw: str, normalised: str, problem: Problem) -> Validation:
        return cls(kind, raw, normalised, valid=False, reason=problem.english, code=problem.code, params=problem.params)

    @classmethod
    def repaired(cls, kind: str, raw: str, read: str, fixed: str) -> Validation:
        note = Problem("repaired", f"repaired OCR reading {read} → {fixed}", {"value": read, "fixed": fixed})
        return cls(kind, raw, fixed, reason=note.english, repaired_from=read, code=note.code, params=note.params)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind, "value": self.value, "valid": self.valid,
                                  "reason": self.reason, "normalised": self.normalised}
        if self.code:
            out["code"], out["params"] = self.code, dict(self.params)
        if self.repaired_from is not None:
            out["repaired_from"] = self.repaired_from
        return out


def clean(value: str) -> str:
    """Full-width → half-width, no spaces, upper case, × → X."""
    text = unicodedata.normalize("NFKC", value)
    return re.sub(r"\s+", "", text).replace("×", "X").upper()


# ---- 公民身份号码 GB 11643-1999 ----------------------------------------------------------------

def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def _birth(value: str) -> date | None:
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None
    return born if 1900 <= born.year <= date.today().year else None


def _length(value: str) -> Problem:
    return Problem("length", f"should have 18 characters, has {len(value)}", {"length": len(value)})


def _id_problem(value: str, birth_date: str | None = None) -> Problem:
    if len(value) != 18:
        return _length(value)
    if not value[:17].isdigit() or value[17] not in "0123456789X":
        return Problem("id_chars", "first 17 characters must be digits and the last a digit or X")
    if int(value[:2]) not in PROVINCES:
        return Problem("region", f"region code {value[:2]} is not a province", {"region": value[:2]})
    born = _birth(value)
    if born is None:
        return Problem("birth_unreal", f"birth date {value[6:14]} is not a real date", {"birth": value[6:14]})
    expected = id_check_char(value[:17])
    if value[17] != expected:
        return Problem("check_char", f"check character should be {expected}", {"expected": expected})
    if birth_date and birth_date != born.isoformat():
        return Problem("birth_mismatch", f"birth date {born.isoformat()} differs from the card's 出生 {birth_date}",
                       {"born": born.isoformat(), "card": birth_date})
    return OK


def id_number_parts(value: str) -> dict[str, str]:
    """What a valid 18-character 公民身份号码 encodes (GB 11643): the birth date and the sex (odd 17th
    digit: 男). The catalog's ``derived:`` names which fields take them."""
    if len(value) != 18 or not value[:17].isdigit() or _birth(value) is None:
        return {}
    return {"birth_date": f"{value[6:10]}-{value[10:12]}-{value[12:14]}", "sex": "男" if int(value[16]) % 2 else "女"}


# ---- 统一社会信用代码 GB 32100-2015 ------------------------------------------------------------

def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def _uscc_problem(value: str) -> Problem:
    if len(value) != 18:
        return _length(value)
    bad = "".join(sorted({c for c in value if c not in USCC_ALPHABET}))
    if bad:
        return Problem("uscc_chars", f"characters {bad} are not allowed (no I, O, Z, S, V)", {"chars": bad})
    if not value[2:8].isdigit():
        return Problem("uscc_region", f"region code {value[2:8]} must be 6 digits", {"region": value[2:8]})
    expected = uscc_check_char(value[:17])
    if value[17] != expected:
        return Problem("check_char", f"check character should be {expected}", {"expected": expected})
    return OK


# ---- repair -----------------------------------------------------------------------------

def _repair(value: str, allowed: list[str], problem) -> str | None:
    """The single candidate that validates, or None.

    Only characters that cannot stand at their position (a letter among the digits of an ID
    number, I/O/Z/S/V in a credit code) are replaced, by their confusable readings. A legal
    character is never swapped for another: with a mod-31 check one such swap in ~31 validates
    by chance, which would silently accept a wrong code.
    """
    if len(value) != len(allowed):
        return None
    choices: list[list[str]] = []
    for ch, ok in zip(value, allowed, strict=True):
        if ch in ok:
            choices.append([ch])
        else:
            alts = sorted(a for a in _CONFUSABLE.get(ch, set()) if a in ok)
            if not alts:
                return None
            choices.append(alts)
    if all(len(c) == 1 for c in choices) and "".join(c[0] for c in choices) == value:
        return None  # nothing illegal to replace: a checksum failure stays a failure
    valid = {cand for combo in itertools.islice(itertools.product(*choices), 4096)
             if not problem(cand := "".join(combo))}
    return valid.pop() if len(valid) == 1 else None


_DIGITS = "0123456789"


def validate_id_number(raw: str, birth_date: str | None = None) -> Validation:
    value = clean(raw)
    problem = _id_problem(value, birth_date)
    if not problem:
        return Validation("id_number", raw, value)
    fixed = _repair(value, [_DIGITS] * 17 + [_DIGITS + "X"], lambda v: _id_problem(v, birth_date))
    if fixed and fixed != value:
        return Validation.repaired("id_number", raw, value, fixed)
    return Validation.failed("id_number", raw, value, problem)


def validate_credit_code(raw: str) -> Validation:
    value = clean(raw)
    problem = _uscc_problem(value)
    if not problem:
        return Validation("credit_code", raw, value)
    allowed = [USCC_ALPHABET] * 2 + [_DIGITS] * 6 + [USCC_ALPHABET] * 10
    fixed = _repair(value, allowed, _uscc_problem)
    if fixed and fixed != value:
        return Validation.repaired("credit_code", raw, value, fixed)
    return Validation.failed("credit_code", raw, value, problem)


def validate_phone(raw: str) -> Validation:
    value = clean(raw).replace("-", "")
    value = re.sub(r"^(\+?86)(?=1\d{10}$)", "", value)
    if re.fullmatch(r"1[3-9]\d{9}", value):
        return Validation("phone", raw, value)
    fixed = _repair(value, ["1"] + [_DIGITS] * 10,
                    lambda v: OK if re.fullmatch(r"1[3-9]\d{9}", v) else Problem("phone_prefix", "bad"))
    if fixed and fixed != value:
        return Validation.repaired("phone", raw, value, fixed)
    if re.fullmatch(r"0[1-9]\d{8,10}", value):  # a fixed line: area code (010, 0755 …) and 7–8 digits
        return Validation("phone", raw, value)
    if not value.isdigit():
        return Validation.failed("phone", raw, value, Problem("phone_chars", "a mobile number has only digits"))
    if len(value) != 11:
        return Validation.failed("phone", raw, value, Problem(
            "phone_length", f"a mobile number has 11 digits, this has {len(value)}", {"length": len(value)}))
    return Validation.failed("phone", raw, value, Problem("phone_prefix", "a mobile number starts with 13–19"))


_DATE_RES = [
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]


YEARS = (1900, 2199)  # a date a document prints: a birth, an issue, a term's end (长期 aside)
_CN_NUM = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_CN_DATE = re.compile(r"([〇零○ＯO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3}|元|正)月([一二三四五六七八九十]{1,3})[日号]")


def _cn_small(text: str) -> int:
    """一 … 三十一 (十 alone is 10, 十二 is 12, 二十 is 20; 元月 and 正月 are the first month)."""
    if text in ("元", "正"):
        return 1
    if "十" not in text:
        return _CN_NUM[text]
    tens, _, units = text.partition("十")
    return (_CN_NUM[tens] if tens else 1) * 10 + (_CN_NUM[units] if units else 0)


def cn_date(text: str) -> str | None:
    """A date written in Chinese numerals (二〇一九年三月十五日 on a seal line, 二〇二六年元月五号) → 'YYYY-MM-DD'."""
    m = _CN_DATE.search(text)
    if not m:
        return None
    try:
        year = int("".join(str(_CN_NUM[c]) for c in m.group(1)))
        if not YEARS[0] <= year <= YEARS[1]:
            return None
        return date(year, _cn_small(m.group(2)), _cn_small(m.group(3))).isoformat()
    except (KeyError, ValueError):
        return None


def parse_date(raw: str) -> str | None:
    """'1990年1月1日', '1990.01.01', '2020-01-01', '20200101', '二〇二〇年一月一日' → 'YYYY-MM-DD';
    '长期' stays '长期'."""
    text = clean(raw)
    if "长期" in text:
        return "长期"
    if (cn := cn_date(raw)) is not None:
        return cn
    for rx in _DATE_RES:
        if m := rx.search(text):
            year = int(m.group(1))
            if not YEARS[0] <= year <= YEARS[1]:  # 9883-04-19: a digit misread, not a date to guess at
                return None
            try:
                return date(year, int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
    return None


def validate_date(raw: str) -> Validation:
    value = parse_date(raw)
    if value is None:
        return Validation.failed("date", raw, clean(raw), Problem(
            "not_a_date", "not a calendar date (write 2020-01-01, 2020年1月1日, 2020.01.01 or 长期)"))
    return Validation("date", raw, value)


VALIDATORS = {
    "id_number": validate_id_number,
    "credit_code": validate_credit_code,
    "phone": validate_phone,
    "date": validate_date,
}
