"""Text canonical forms and per-type value cleaning (MATTERS.md: dates YYYY-MM-DD or 长期,
ids upper-case, half-width, no spaces inside names and numbers)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from pydantic import BaseModel, ConfigDict
from rapidfuzz import fuzz, process
from yichuang.extractors.entities import find_entities
from yichuang.extractors.validators import (
    Validation,
    Verdict,
    cn_date,
    parse_date,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)

_CANON = str.maketrans({"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
_TRIM = " ：:;；，,。.、|_-—~[]【】《》\"'“”"
ETHNIC = ["汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
          "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔",
          "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯",
          "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺"]


_UNITS = str.maketrans({"㎡": "平方米", "²": "", "³": ""})  # before NFKC turns m² into m2 (176.3m² ≠ 176.32)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Mainland documents are printed in simplified characters; OCR sometimes answers with the
    traditional form of a handwritten one (國 for 国, 號 for 号): read it as the simplified."""
    return _t2s().convert(text) if any(ord(c) > 0x2E80 for c in text) else text


def canon(text: str) -> str:
    """Matching form: simplified, NFKC, no whitespace, the usual punctuation in its full-width form."""
    return "".join(unicodedata.normalize("NFKC", simplified(text.translate(_UNITS))).split()).translate(_CANON)


def half(text: str) -> str:
    """Output form: simplified, half-width (NFKC), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", simplified(text)).split())


@dataclass(frozen=True)
class Typed(Verdict):
    """A value normalised to its field's type, with the validator's verdict on it."""

    value: str

    @classmethod
    def of(cls, res: Validation) -> Typed:
        return cls(res.normalised, **res.verdict())


def _junk(ch: str) -> bool:
    """Separators, symbols and stray marks OCR puts between a label and its value (☑, ·, |)."""
    return ch in _TRIM or (unicodedata.category(ch)[0] in "SPZ" and ch not in "()（）")


def _strip(text: str) -> str:
    """Trim separators and stray symbols; brackets only when unbalanced (keep "有限责任公司(自然人独资)")."""
    while text and _junk(text[0]):
        text = text[1:]
    while text and _junk(text[-1]):
        text = text[:-1]
    while text and text[0] in ")）" or (text and text[0] in "(（" and not any(c in text for c in ")）")):
        text = text[1:].strip(_TRIM)
    while text and text[-1] in "(（" or (text and text[-1] in ")）" and not any(c in text for c in "(（")):
        text = text[:-1].strip(_TRIM)
    return text


_BOXES = "□☐☑☒■✓√✔"
_TICKED = "☑☒■✓√✔"


def checked_option(text: str) -> str:
    """Of options printed with check boxes ("☑转移登记 □首次登记 □变更登记"), the one ticked; when
    OCR dropped the tick, the single option not behind an empty box. Text without boxes is unchanged."""
    if not any(b in text for b in "□☐"):
        return text
    parts = re.split(f"([{_BOXES}])", text)
    options: list[tuple[str, str]] = []  # (box before it, option)
    mark = ""
    for part in parts:
        if len(part) == 1 and part in _BOXES:
            mark = part
        elif part.strip():
            options.append((mark, part.strip(_TRIM)))
            mark = ""
    ticked = [o for m, o in options if m and m in _TICKED]
    if len(ticked) == 1:
        return ticked[0]
    unboxed = [o for m, o in options if not m]
    return unboxed[0] if len(unboxed) == 1 and not ticked else ""


_CN_DIGITS = {c: n for n, c in enumerate("零壹贰叁肆伍陆柒捌玖")} | {c: n for n, c in enumerate("〇一二三四五六七八九")} \
    | {"两": 2}
_CN_UNITS = {"拾": 10, "佰": 100, "仟": 1000, "十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = "零〇两壹贰叁肆伍陆柒捌玖拾佰仟一二三四五六七八九十百千"
_CN_AMOUNT = re.compile(f"([{_CN_NUMERAL}万亿]*[{_CN_NUMERAL}])(万|亿)?(?:([元圆])|(?=整))"
                        f"(?:([{_CN_NUMERAL}])角)?(?:([{_CN_NUMERAL}])分)?")


def cn_amount(text: str) -> Decimal | None:
    """An amount in Chinese numerals, capital (大写) or common: 贰佰伍拾叁万元整 → 2530000, 肆仟伍佰元伍角 →
    4500.5, 叁佰肆拾捌万圆整, 三百四十八万元, 贰佰伍拾叁万整 → 3480000 / 3480000 / 2530000."""
    m = _CN_AMOUNT.search(text)
    if not m:
        return None
    total, section, digit = 0, 0, 0
    for ch in m.group(1) + (m.group(2) or ""):
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        elif ch == "万":  # closes the section below it
            total += (section + digit) * 10000
            section = digit = 0
        else:  # 亿 scales everything before it
            total = (total + section + digit) * 100000000
            section = digit = 0
    value = Decimal(total + section + digit)
    if m.group(4):
        value += Decimal(_CN_DIGITS[m.group(4)]) / 10
    if m.group(5):
        value += Decimal(_CN_DIGITS[m.group(5)]) / 100
    return value if value > 0 else None


_FIGURE = re.compile(r"\d[\d,，]*(?:\.\d+)?")
_GROUPED = re.compile(r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _figure(text: str) -> tuple[re.Match[str], Decimal | None] | None:
    """The first number written in figures in ``text`` and its value; the value is None when the
    number does not read as one (commas not grouping thousands: 134,3 — a slip to put to a person,
    never a guess)."""
    m = _FIGURE.search(text)
    if not m:
        return None
    digits = m.group(0).rstrip(",，")
    if not _GROUPED.fullmatch(digits):
        return m, None
    try:
        return m, Decimal(digits.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return m, None


def _money(text: str) -> Typed | None:
    """"2530000元", "2,530,000.00元", "253万元", "贰佰伍拾叁万元整" → "2530000" (元, a plain decimal). The
    amount in figures and in words (大写) side by side must agree: when they do not, which one is right
    is a person's call (None: the field is reported unread, never guessed)."""
    words = cn_amount(text)
    fig = _figure(text)
    if fig is None:
        return Typed(format(words.normalize(), "f")) if words is not None else None
    m, num = fig
    if num is None:
        return None
    if text[m.end():].lstrip().startswith("万"):
        num *= 10000
    if words is not None and words != num:
        return None
    return Typed(format(num.normalize(), "f"))


class NameLexicon(BaseModel):
    """``rulesets/names.yaml``: what a ``name`` value may be (a person's or an organisation's)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: int = 1
    surnames: str
    compound_surnames: list[str]
    org_suffixes: list[str]
    not_in_name: list[str]


@cache
def name_lexicon() -> NameLexicon:
    from yichuang.rulesets import RULESETS_DIR
    from yichuang.rulesets.yamldoc import YamlDoc

    return YamlDoc(RULESETS_DIR / "names.yaml").model(NameLexicon)


def _person(run: str, lex: NameLexicon) -> str | None:
    """A person's name at the start of ``run``: a surname and one to three characters (a compound
    surname and one or two), up to a word no name contains (黎阳志身份证号码 → 黎阳志)."""
    cut = min((i for w in lex.not_in_name if (i := run.find(w)) > 0), default=len(run))
    run = run[:cut]
    if any(w in run for w in lex.not_in_name):
        return None
    if "·" in run:  # a transliterated name (阿卜杜拉·买买提): as it stands
        return run if 3 <= len(run) <= 20 and not run.startswith("·") and not run.endswith("·") else None
    if run[:2] in lex.compound_surnames:
        return run if 3 <= len(run) <= 4 else None
    return run if run[:1] in lex.surnames and 2 <= len(run) <= 4 else None


def _org(run: str, lex: NameLexicon) -> str | None:
    """An organisation's name: at least four characters, ending with an organisation's word
    (有限公司, 便利店, 合作社 …); brackets inside stay (深圳市某某(有限合伙)…有限公司)."""
    if any(w in run for w in ("姓名", "号码", "电话", "签字", "盖章")):
        return None
    for end in range(len(run), 3, -1):  # the longest prefix that ends an organisation's name, brackets closed
        head = run[:end]
        if head.count("(") + head.count("（") != head.count(")") + head.count("）"):
            continue
        if any(head.rstrip(")）").endswith(sfx) for sfx in lex.org_suffixes):
            return head
    return None


def person_or_org(text: str) -> str | None:
    """The name a ``name`` field holds — a person's (a known surname first) or an organisation's —
    or None when the text is neither: a label's words, a title, a sentence (``wrong_type``)."""
    lex = name_lexicon()
    text = text.replace("•", "·")
    org = re.match(r"[\u3400-\u9fff·()（）]{4,40}", text)
    if org and (found := _org(org.group(0), lex)):
        return found
    m = re.match(r"[\u3400-\u9fff·]{2,12}", text)
    if not m:
        return None
    return _org(m.group(0), lex) or _person(m.group(0), lex)


# an address names a place: a division, a road, a number, a building (省市区县 … 路街巷 … 号栋室)
_PLACE = re.compile(r"[省市区县旗镇乡街路道巷村弄里号栋幢楼室组屯场园苑庄湾坊院]")

# a contract's alias remark after a party's name: 王明（以下简称“甲方”）, 王明，以下称乙方
_ALIAS = re.compile(r"[（(][^（()）]{0,4}以下(?:简)?称[^（()）]{0,10}[）)]|[，,]?\s*以下(?:简)?称.*$")


def clean_value(kind: str, raw: str, part: str | None = None, values: list[str] | None = None,
                birth_date: str | None = None) -> Typed | None:
    """A typed value from a raw segment, or None when the segment holds no such value."""
    text = _ALIAS.sub("", half(raw))
    if kind == "date":
        dates = [parse_date(e.text) for e in find_entities(text, "DATE")]
        dates = [d for d in dates if d] or [d for part in re.split(r"[至到\-—~]", text) if (d := cn_date(part))]
        if not dates:
            return None
        idx = 1 if part == "end" else 0
        if idx >= len(dates):
            return None
        return Typed(dates[idx])
    if kind == "id_number":
        ents = find_entities(text.upper(), "ID_NUMBER")
        cand = ents[0].text if ents else re.sub(r"[^0-9A-Za-z×]", "", text)
        if len(twice := re.sub(r"[^0-9A-Za-z×]", "", text)) == 36:  # a number written twice (typed, then corrected
            ok = [h for h in (twice[:18], twice[18:]) if validate_id_number(h, birth_date).valid]  # by hand)
            cand = ok[0] if len(ok) == 1 else twice  # the one whose check digit holds; else neither is sure
        if len(cand) < 15 or re.search(r"[^0-9Xx×OoDQIlL|ZSB]", cand):
            return None  # a letter OCR never reads for a digit: another identifier (a credit code), not this one
        res = validate_id_number(cand, birth_date)
        return Typed.of(res)
    if kind == "credit_code":
        ents = find_entities(text.upper(), "CREDIT_CODE")
        cand = ents[0].text if ents else re.sub(r"[^0-9A-Za-z]", "", text).upper()
        if len(cand) < 15:
            return None
        res = validate_credit_code(cand)
        return Typed.of(res)
    if kind == "phone":
        ents = find_entities(text, "PHONE")
        cand = ents[0].text if ents else re.sub(r"[^0-9A-Za-z]", "", text)
        if len(cand) < 7:
            return None
        res = validate_phone(cand)
        return Typed.of(res)
    if kind == "name":  # a signature line's date or mark after the name is not part of it (王明 一 年 月 日)
        text = re.sub(r"[一—\-_＿\s]*(?:[年月日]\s*){2,3}$|[（(]?(?:签字|签名|签章|盖章|印)[）)]?$", "", text)
        name = person_or_org(_strip(text))
        return Typed(name) if name else None
    if kind == "ethnicity":
        m = re.match(r"[\u3400-\u9fff]{1,5}", _strip(text))
        if not m:
            return None
        best = process.extractOne(m.group(0).removesuffix("族"), ETHNIC, scorer=fuzz.ratio, score_cutoff=60)
        return Typed(best[0]) if best else Typed(m.group(0))
    if kind == "enum":
        stripped = _strip(text)
        if not stripped:
            return None
        best = process.extractOne(stripped, values or [], scorer=fuzz.partial_ratio, score_cutoff=60)
        return Typed(best[0]) if best else None
    if kind == "money":
        return _money(text)
    if kind in ("number", "area"):
        text = half(re.sub(r"(平方米|平米|m2|M2)", "|", canon(raw)))
        fig = _figure(text)
        if fig is None or fig[1] is None:
            return None
        num = fig[1]
        out = format(num.normalize(), "f")
        return Typed(out)
    if kind == "code":  # a label's last characters OCR left on the number (码3501…GB…) are not part of it
        text = re.sub(r"^[\u4e00-\u9fff]{1,3}(?=[0-9A-Za-z]{10,}$)", "", _strip(text))
        stripped = _strip(text)
        return Typed(stripped.upper() if stripped.isascii() else stripped) if stripped else None
    if kind == "address":
        text = re.split(r"[，,。；;]", text, maxsplit=1)[0]
        text = re.sub(r"^(?:为|是|系|在)(?=[\u4e00-\u9fff]{2})", "", text)  # prose: 房屋地址为…, 坐落在…
        # no province's name doubles a character before 省: OCR read one twice (四川川省 → 四川省)
        text = re.sub(r"^([\u4e00-\u9fff]{1,2}?)([\u4e00-\u9fff])\2省", r"\1\2省", text)
    if kind in ("text", "address"):  # an identifier OCR fused on from the next cell (便利店92440305ABQQ…)
        text = re.sub(r"(?<=[\u4e00-\u9fff)）])[0-9A-Z]{15,18}$", "", text)
    text = checked_option(text)
    # text, address; a remark in brackets before the value is the form's instruction ((与营业执照一致)…)
    text = re.sub(r"^\s*[（(][^（()）]{1,12}[）)]\s*(?=\S)", "", text)
    stripped = _strip(text)
    if re.fullmatch(r"[（(][^（()）]*[）)]", stripped):
        return None  # the form's remark alone ((含门牌号), (与营业执照一致)): nothing written after it
    if kind == "address" and not _PLACE.search(stripped):
        return None  # no place word at all (详细, 含门牌): a label's remnant or an instruction, not an address
    if kind == "text" and stripped and text.rstrip().endswith("。") and re.search(r"[;；]", stripped):
        stripped += "。"  # a list of items (a business scope) ends with its full stop, as printed
    return Typed(stripped) if stripped else None
