"""How two values are compared: names and numbers exactly after normalisation; addresses fuzzily."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from yichuang.extractors.normalise import half

_ADMIN = re.compile(r"^(.{2,8}?(省|自治区))?(.{2,8}?市)?")


def same_value(a: str, b: str) -> bool:
    return half(a).upper() == half(b).upper()


def _place(text: str) -> str:
    """Drop province and city so "北京市朝阳区…" and "朝阳区…" compare equal; half-width digits."""
    text = half(text).translate(str.maketrans({"(": "（", ")": "）"}))
    for _ in range(2):
        text = _ADMIN.sub("", text, count=1) if _ADMIN.match(text) and len(text) > 6 else text
    return text


def same_place(a: str, b: str) -> bool:
    """Same place: equal once province/city are dropped, or one ends the other; otherwise the
    numbers (road, building, room) must be identical and the words nearly so (OCR noise)."""
    pa, pb = _place(a), _place(b)
    if not pa or not pb:
        return False
    if pa == pb or (min(len(pa), len(pb)) >= 6 and (pa.endswith(pb) or pb.endswith(pa))):
        return True
    if re.findall(r"\d+", pa) != re.findall(r"\d+", pb):
        return False
    return fuzz.ratio(pa, pb) >= 85


_LEGAL_FORM = re.compile(r"(个体工商户|有限责任公司|股份有限公司|有限公司)$")


def similar_name(a: str, b: str) -> bool:
    """Entity names: equal once punctuation and brackets are gone, or differing only by a legal-form
    suffix ("朝阳惠民便利店" ≈ "朝阳惠民便利店（个体工商户）"); one different character is a different name."""
    pa = re.sub(r"[^0-9A-Za-z\u3400-\u9fff]", "", half(a))
    pb = re.sub(r"[^0-9A-Za-z\u3400-\u9fff]", "", half(b))
    return pa == pb or _LEGAL_FORM.sub("", pa) == _LEGAL_FORM.sub("", pb)
