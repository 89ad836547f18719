"""How two values are compared: names and numbers exactly after normalisation; addresses fuzzily."""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from yichuang.extractors.normalise import half

_ADMIN = re.compile(r"^(.{2,8}?(省|自治区))?(.{2,8}?市)?")


def same_value(a: str, b: str) -> bool:
    return half(a).upper() == half(b).upper()


CODE_TYPES = frozenset({"code", "id_number", "credit_code"})


def same_code(a: str, b: str) -> bool:
    """Identifiers (不动产单元号, 统一社会信用代码, 身份证号码) are letters and digits only: compared on
    those, so a label's residue read into the value ("代码5101…") is not a different number."""
    pa, pb = (re.sub(r"[^0-9A-Z]", "", half(x).upper()) for x in (a, b))
    return bool(pa) and pa == pb


def _letters(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z\u3400-\u9fff]", "", half(text))


def holds(a: str, b: str, printed: frozenset[str]) -> bool:
    """One value holds the other whole (four characters or more) and more that was printed, not
    written: a neighbouring label or title read into it ("…1303室营业执照统一社会信用代码"), or a form's
    bracketed hint ("（与营业执照一致）南山佳佳便利店"). Not the same value: a person compares the
    originals. Anything else added ("朝阳惠民便利店某") is another value."""
    (short, _), (long_, raw) = sorted(((_letters(a), a), (_letters(b), b)), key=lambda p: len(p[0]))
    if len(short) < 4 or short == long_ or short not in long_:
        return False
    extra = long_.replace(short, "", 1)
    if any(len(w) >= 2 and w in extra for w in printed):
        return True
    return _letters(re.sub(r"[（(][^）)]*[）)]", "", half(raw))) == short


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
