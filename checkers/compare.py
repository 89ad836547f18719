"""How two values are compared: names and numbers exactly after normalisation; addresses fuzzily."""

from __future__ import annotations

import re
from collections.abc import Callable

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


_IDENT = re.compile(r"[0-9A-Z]{4,}")


def residue(a: str, b: str) -> bool:
    """One value is the other plus what OCR joins to a box at its edges, not another value:

    - an identifier-like run fused at one end: four or more letters and digits with a digit among them
      (南山乐购便利店92440305ABQQEGXC9B: the credit code of the next box read into the name);
    - one stray character at one edge that is not a digit or a letter (实北京市… for 北京市…: the last
      character of the label before it; 一 for a rule line).

    OCR merges neighbouring boxes at their edges; it does not insert a road number or change a
    character inside a name. So the rule holds only when the rest is the other value exactly, and
    never for values under four characters (张三 / 张三丰 are two people). Anything else stays a
    disagreement: a different road, a different number, a different word."""
    pa, pb = (_letters(x).upper() for x in (a, b))
    short, long_ = sorted((pa, pb), key=len)
    if len(short) < 4 or short == long_:
        return False
    if long_.startswith(short):
        extra = long_[len(short):]
    elif long_.endswith(short):
        extra = long_[:-len(short)]
    else:
        return False
    if len(extra) == 1:
        return not extra.isascii()  # a stray han or symbol; a digit or letter may be the value's own
    return bool(_IDENT.fullmatch(extra)) and any(c.isdigit() for c in extra)


# a place as written: an area word, then a number and what it numbers (…区文化街165号6栋5单元702室)
_PLACE_SHAPED = re.compile(r"[省市区县镇乡村路街道巷].{0,30}?[0-9]+[号室栋幢楼]")


def fused(a: str, b: str, label: Callable[[str], bool], opens: Callable[[str], bool]) -> bool:
    """One value is the other exactly plus a neighbouring box OCR fused to it — the same value, not
    another one:

    - a label before it, read into the box (许可申请主体海淀优选便利店, 执照登记名称重庆市…: ``label``
      says the part is printed, not written; for a short value such as a person's name only a whole
      printed word counts, 经营者魏文娟);
    - the next label and its value after it (…2802室使用面积(m)55, …1505室建筑面积(平方米)134.3:
      ``opens`` says a printed word of three characters or more, or a whole one, begins the part);
    - a neighbouring address before or after a name (福建省福州市…702室鼓楼优选便利店).

    The value itself must be there whole, at one end: OCR joins boxes at their edges, it does not
    change a character inside a value, so a different name or number is never explained away."""
    pa, pb = (_letters(x).upper() for x in (a, b))
    short, long_ = sorted((pa, pb), key=len)
    if len(short) < 2 or short == long_:
        return False
    if long_.startswith(short):
        extra, after = long_[len(short):], True
    elif long_.endswith(short):
        extra, after = long_[:-len(short)], False
    else:
        return False
    if not ("\u3400" <= extra[0] <= "\u9fff"):
        return False  # a digit or letter may be the value's own (a room number, a code)
    if len(short) < 4:
        return opens(extra) and not after  # 经营者 | 魏文娟: a whole printed word before a short value
    if _PLACE_SHAPED.search(extra) and not _PLACE_SHAPED.search(short):
        return True
    if after:
        return any(opens(extra[:k]) for k in range(2, min(len(extra), 12) + 1))
    return label(extra)


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
