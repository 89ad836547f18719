"""Field extraction: the page's layout → every field's candidate readings → one assignment.

Labels come from the catalog lexicon (every wording of a field, the section heads of the parties
on the page). Each line is cut at the labels in it (longest wins, OCR-tolerant; a letter-spaced
label the layout joined back is found like any other; a label's last character alone at the head
of a column stands for a letter-spaced label whose first character OCR lost). A label's value is
the text after it in its box, else the box right of it on its row, else the box below; it runs
right until the next label or the column's gutter and continues down within its column. Prose
fields are read by the catalog's patterns.

Every (field, label, value) that fits is a candidate, scored by label similarity, geometry and
value type together; the page's readings are chosen by a greedy assignment over all candidates (a
value serves one field, the best-scored first), not by the first match. A field whose label (or
section) is on the page but whose value was not read confidently is reported in ``unread`` with a
reason code from the catalog; it is never silently absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from yichuang.extractors.catalog import Catalog, FieldSpec, Material
from yichuang.extractors.layout import (
    Layout,
    Rule,
    Token,
    find_gutters,
    join_below,
    region_of,
    rules_in_frame,
    tokens_of,
    wrapped_below,
)
from yichuang.extractors.normalise import Typed, canon, clean_value, half
from yichuang.extractors.recognise import page_title
from yichuang.extractors.validators import validate_credit_code, validate_id_number
from yichuang.extractors.value_types import (
    chosen_option,
    label_tail,
    leading_term,
    refused,
    trimmed_address,
    vocabulary,
)

from yichuang.types import ExtractedField, OcrPage

_BOUNDARY = set(" ：:;；，,。.、|/／（）()[]【】☑□")
_AFTER_VALUE = set("0123456789㎡米元号室")  # a label may follow a number and its unit: 120.50㎡|建筑面积
FUSED_VALUE = 12  # characters: a short value between two labels OCR fused into one box
VALUE_GAP = 4.0  # line heights: boxes of one value split by the detector are closer than this
EMBEDDED = 0.9  # a label found after words of a longer one (专有建筑面积 for 建筑面积) scores lower
PARTIAL = 0.5  # a wrapped value's later lines found where its first line should be: put to a person
SIGNED = 0.6  # a value read from a signature box (卖方（签字）：…) scores lower than a printed one
INVALID = 0.6  # a reading whose check fails scores lower than a valid one of the same field
_GEOMETRY = {"inline": 1.0, "right": 0.98, "below": 0.9, "pattern": 1.05}


@dataclass(frozen=True)
class _Hit:
    line: int
    start: int
    end: int
    label: str
    score: float


def _find_hits(tok: Token, labels: list[str], party_words: tuple[str, ...] = ()) -> list[_Hit]:
    text = tok.text
    cands: list[_Hit] = []
    for lab in labels:
        start = text.find(lab)
        found = False
        while start >= 0:
            cands.append(_Hit(tok.idx, start, start + len(lab), lab, 1.0))
            found = True
            start = text.find(lab, start + 1)
        if not found and len(lab) >= 4 and len(text) >= len(lab) - 1:
            al = fuzz.partial_ratio_alignment(lab, text, score_cutoff=80 if len(lab) >= 5 else 84)
            # (an OCR slip inside the label, not the label cut before its head noun: 个体工商户|设立… is no 个体工商户名称)
            if al is not None and (text[al.dest_end - 1] == lab[-1] or al.dest_end - al.dest_start >= len(lab)
                                   or al.dest_end == len(text)):
                cands.append(_Hit(tok.idx, al.dest_start, al.dest_end, lab, al.score / 100))
    # a label inside running text is a label only at a boundary, before a colon, or right after
    # another label (代理人|身份证号码: a section head written before its field's label)
    ends = {0} | {h.end for h in cands}
    # (or after a party's few words opening the box: 配偶一方|姓名|夏辉, a row's head written before its label)
    ends |= {k for k in range(3, PARTY_QUALIFIER + 3) if any(text[:k].endswith(w) and k - len(w) >= 2 for w in party_words)}
    heads = [h.end for h in cands if h.start == 0 or h.start in tok.breaks or text[h.start - 1] in _BOUNDARY]
    cands = [h for h in cands if h.start in ends or h.start in tok.breaks or text[h.start - 1] in _BOUNDARY
             or any(0 < h.start - e <= FUSED_VALUE for e in heads)  # 性别男民族汉: pairs OCR fused in one box
             or (text[h.start - 1] in _AFTER_VALUE and h.end < len(text) and text[h.end] in "0123456789：:")
             or (h.end < len(text) and text[h.end] in "：:")
             or _after_row_qualifier(tok, h, cands)]
    cands = [_whole_label_word(tok, h) if _after_row_qualifier(tok, h, cands) else h for h in cands]
    cands = [h for h in cands if not _head_of_longer_label(text, h, cands)]
    cands.sort(key=lambda h: (h.score < 1.0, -(h.end - h.start), -h.score, h.start))  # exact, then longest
    taken: list[_Hit] = []
    for h in cands:
        if all(h.end <= t.start or h.start >= t.end for t in taken):
            taken.append(h)
    return sorted(taken, key=lambda h: h.start)


ROW_QUALIFIER = 3  # characters of a qualifier the lexicon does not know before the label opening a row (登记|经营者)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _after_row_qualifier(tok: Token, hit: _Hit, hits: list[_Hit]) -> bool:
    """``hit`` is the label of a row's first box after a few words qualifying it (登记|经营者|郝峰,
    常用|联系电话|1729…, 登记|犬只品种|拉布拉多犬): the box opens its row, so it begins with its label;
    the words before the label are the form's own wording of it, not a value. One label in the box,
    and no clause after it."""
    return tok.col == 0 and 0 < hit.start <= ROW_QUALIFIER and hit.score == 1.0 and len(hit.label) >= 2 \
        and _CJK_RUN.fullmatch(tok.text[:hit.start]) is not None \
        and not any(h.start < hit.start or h.start >= hit.end for h in hits if h is not hit) \
        and not re.search(r"[，,；;。：:]", tok.text[hit.end:]) \
        and _REMARK.sub("", tok.text[hit.end:]).strip(" ：:") != ""
    # (one label and a value fused to it: not a sentence, 现委托|受托人|代表…; nor a box of label words only,
    # 受检日期（体检） — the label grammar reads those whole)


def _whole_label_word(tok: Token, hit: _Hit) -> _Hit:
    """A qualified label with one more character closing its box (不动产坐落|处, 房地产坐落|地): the box is
    all label, its value beside or below it — never that character."""
    rest = tok.text[hit.end:]
    if hit.start > 0 and len(rest) == 1 and "\u4e00" <= rest <= "\u9fff":
        return _Hit(hit.line, hit.start, len(tok.text), hit.label, hit.score)
    return hit


_LONGER_LABEL = re.compile(r"[\u4e00-\u9fff]{1,4}[：:]")
# nothing (or the bracket of the remark the label was found in: 犬只类别（品种）), or a printed line to write on
_FILLER = re.compile(r"[）)]?[\s：:_＿\-—–‐﹍﹏…·.．/／、]*|[\s：:]*一{3,}[\s一]*"
                     r"|[（(][^（()）]{1,8}")  # or a remark the cell wraps (出租人（以下简|称甲方）): the value is beside
_BRACKET_HEAD = re.compile(r"([\u4e00-\u9fff]{1,8})[（(]([\u4e00-\u9fff]{1,4})[）)][：:]?")  # 户主（姓名）
_OWN_LABEL = re.compile(r"[\u4e00-\u9fff]{2,6}[（(]?[\u4e00-\u9fff]{0,4}[）)]?[：:]")  # 申请人声明：… 签章）：


def _head_of_longer_label(text: str, hit: _Hit, hits: list[_Hit]) -> bool:
    """``hit`` only begins a longer label the lexicon does not know: a few more characters and then a
    colon (申请人|声明：本申请书…, 经营者|签字：), with no other label in between. Its "value" is
    that label's text, not this field's."""
    m = _LONGER_LABEL.match(text, hit.end)
    return m is not None and not any(hit.end <= h.start < m.end() - 1 for h in hits if h is not hit)


_NOT_OF = {  # a value of a field of this type never ends in these kinds of head noun (it would be a label)
    "name": ("id", "phone", "date", "code", "kind", "scope", "area", "money", "address", "title"),
    "text": ("id", "phone", "date", "area", "money"),
    "address": ("id", "phone", "date", "kind", "scope", "area", "money", "name", "title"),
}
_TYPE_KIND = {"name": "name", "id_number": "id", "address": "address", "phone": "phone", "date": "date",
              "area": "area", "money": "money"}  # a wording without a head noun announces its field's type
_REMARK = re.compile(r"（[^（）]{0,10}）")
_WRAP_UPPER = re.compile(r"[\u4e00-\u9fff（）/／、]{2,12}")
_WRAP_LOWER = re.compile(r"[\u4e00-\u9fff（）/／、]{1,6}")
_LABEL_BOX = re.compile(r"[\u4e00-\u9fff/／、]{2,12}")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．]")
_FUSED_LABEL = re.compile(r"([\u4e00-\u9fff]{2,10}(?:（[^（）]{0,8}）)?)[0-9A-Za-z]")
_COLON_LABEL = re.compile(r"([\u4e00-\u9fff]{2,10})(?:（[^（）]{0,8}）)?([\u4e00-\u9fff]{0,6})：")
NEAR_SPELLING = 0.85  # a wording one character away from a field's (of four or more)
LABEL_BOX = 0.78  # a whole box at least this close to a field's wording (by the label grammar) is its label
PARTY_QUALIFIER = 3  # characters before a party's head that still name that party (申请|经办人)
QUALIFIER = 5  # characters of a party or qualifier before a head noun
EVENT_DATE = 0.9  # a date head after the very words of a field's date wording (体检结束日期 ~ 体检日期)
OTHER_PARTY = 0.9  # a prefix naming a party against one naming none: weighed down below LABEL_BOX
_DATE_KINDS = {"date", "start", "end"}
GENERIC = 0.8  # a box with a party or qualifier before a head that the field's wording has bare (本人电话 ~ 电话)
_MARKS = "□☐☑☒■✓√✔"  # check boxes and ticks
_PERSON_KINDS = ("name", "id", "phone", "date", "start", "end", "address")  # heads of a label of its own


_NOT_HEADS = ("remark", "person")  # kinds of ``extraction.heads`` that are no head noun of their own


def _split_head(text: str, heads: list[tuple[str, str]]) -> tuple[str, str | None]:
    """``text`` as (prefix, kind of its head noun): 坐落地址 → ("", address), 受托代理人证件号 → ("受托代理人", id)."""
    kind: str | None = None
    for w, k in heads:  # a remark word after a head noun is the head's (姓名全称 ~ 姓名); alone it is a head (主体全称)
        if k == "remark" and text.endswith(w) and _split_head(text[: -len(w)], heads)[1] is not None:
            text = text[: -len(w)]
            break
    while text:
        hit = next(((w, k) for w, k in heads if k not in _NOT_HEADS and text.endswith(w) and (kind is None or k == kind)),
                   None)
        if hit is None:
            break
        text, kind = text[: -len(hit[0])], hit[1]
    return text, kind


def _as_person(text: str, heads: list[tuple[str, str]]) -> str:
    """A ``person`` word at a label's end reads as 人 (持证者 ~ 持证人, 动物饲养者 ~ 饲养人)."""
    w = next((w for w, k in heads if k == "person" and text.endswith(w) and len(text) > len(w) + 1), None)
    return text[: -len(w)] + "人" if w else text


def _grammar_score(core: str, label: str, type_kind: str | None, heads: list[tuple[str, str]]) -> float:
    """How well a box reading ``core`` (remarks and colon removed) fits a field's wording ``label``:
    the same words, the wording at its end (申请养犬人 ~ 养犬人), or the same kind of head with the
    nearest prefix (不动产单元代码 ~ 不动产单元号, 受托代理人证件号 ~ 委托代理人身份证号码)."""
    core, label = _as_person(core, heads), _as_person(label, heads)
    if core == label:
        return 1.0
    if len(label) >= 2 and core.endswith(label):
        return 0.92
    if len(label) >= 2 and core.startswith(label):
        rest, rest_kind = _split_head(core[len(label):], heads)
        if not rest and _split_head(label, heads)[1] in (None, rest_kind):
            return 0.92  # the wording and a head noun of its own kind after it (犬种|名称, 经营场所|地址)
    cp, ck = _split_head(core, heads)
    lp, lk = _split_head(label, heads)
    if cp and cp == lp and {ck, lk or type_kind} <= _DATE_KINDS and ck != (lk or type_kind):
        return EVENT_DATE  # the same event's date under another date head (体检结束日期 ~ 体检日期, not 有效期至)
    if ck is None or ck != (lk or type_kind):  # no head noun to go by: a near spelling only (有效期截至 ~ 有效期至)
        near = fuzz.ratio(core, label) / 100
        return 0.92 * near if near >= NEAR_SPELLING and len(label) >= 3 else 0.0
    if cp == lp:
        return 0.95
    if not lp or not cp:  # (a qualifier is a few characters: 食品销售经营者 is a value, not a 姓名's label)
        return GENERIC if len(cp or lp) <= QUALIFIER else 0.0
    # a prefix that names a party (申请人|类别) is not one that names a thing (申请登记|类型)
    party = (_split_head(cp, heads)[1] == "name") != (_split_head(lp, heads)[1] == "name")
    # the prefixes' likeness: in order (不动产单元 ~ 不动产单元识别), or the same words reordered (证件持有 ~ 持证)
    like = max(fuzz.ratio(cp, lp) / 100, 2 * len(set(cp) & set(lp)) / (len(cp) + len(lp)))
    return (0.7 + 0.25 * like) * (OTHER_PARTY if party else 1.0)


def _is_title(text: str, titles: list[str], page_title: str | None = None) -> bool:
    """The material's title, or the page's own title row (its tallest top row ending with a kind's
    mark: 个体工商户设立登记（备案）申请表（县级版）) in one box, a bracketed trailer after it: a
    title, never a label nor a value (its 个体工商户 is no 个体工商户名称)."""
    if page_title and text.startswith(page_title) and _TITLE_TRAILER.fullmatch(text[len(page_title):]):
        return True
    return any(len(text) <= len(t) + 4 and fuzz.ratio(t, text) >= 85 for t in titles)


_TITLE_TRAILER = re.compile(r"(?:[（(][^（()）]{0,6}[）)])*")


@dataclass(frozen=True)
class _Cand:
    field: str
    score: float
    hit: _Hit | None
    line: Token
    typed: Typed
    raw: str
    key: tuple[int, int]  # (token, first character) of the value: a value serves one field


_LEXICON: dict[int, tuple[Catalog, frozenset[str]]] = {}


def _lexicon(catalog: Catalog) -> frozenset[str]:
    """Every label the catalog knows, for any material (a whole box equal to one is a label)."""
    key = id(catalog)
    if key not in _LEXICON or _LEXICON[key][0] is not catalog:
        words = {*catalog.stop_labels}
        for m in catalog.materials.values():
            words |= {*m.extra_labels, *(h for hs in m.sections.values() for h in hs)}
            words |= {lab for spec in m.fields.values() for lab in spec.labels}
        _LEXICON[key] = (catalog, frozenset(canon(w) for w in words if len(canon(w)) >= 2))
    return _LEXICON[key][1]


class _Page:
    def __init__(self, page: OcrPage, material: Material, catalog: Catalog, region: list[int] | None = None,
                 rules: list[Rule] | None = None) -> None:
        self.page = page
        self.material = material
        field_labels = [canon(lab) for spec in material.fields.values() for lab in spec.labels]
        heads = [canon(h) for hs in material.sections.values() for h in hs]
        others = [canon(lab) for lab in [*material.extra_labels, *catalog.stop_labels]]
        self.labels = list(dict.fromkeys(field_labels + heads + others))
        self.known_labels = _lexicon(catalog)
        tokens, theta = tokens_of(page, self.labels)
        keep = set(region) if region is not None else None
        self.lines = [t for t in tokens if keep is None or any(i in keep for i in t.lines)]
        for n, tok in enumerate(self.lines):  # re-index the region's tokens
            tok.idx = n
        self.label_remarks = sorted((canon(w) for w in catalog.extraction.label_remarks), key=len, reverse=True)
        self.head_words = sorted(((canon(w), k) for k, ws in catalog.extraction.heads.items() for w in ws),
                                 key=lambda wk: -len(wk[0]))
        framed = rules_in_frame([r for r in rules or [] if r.vertical], theta)
        hframed = rules_in_frame([r for r in rules or [] if not r.vertical], theta)
        ruled = Layout(self.lines, [], [], theta, framed, hframed)
        self.lines = join_below(self.lines, [(a, b) for a, b in wrapped_below(self.lines)
                                             if not ruled.ruled_between(self.lines[a], self.lines[b])
                                             and self._label_wraps(self.lines[a].text, self.lines[b].text)])
        titles = [canon(t) for t in material.recognise.titles]
        head = page_title(page, catalog)
        self.titles = {t.idx for t in self.lines if _is_title(t.text, titles, head.text if head else None)}
        parties = tuple(canon(w) for w in catalog.extraction.party_words)
        self.hits = [[] if t.idx in self.titles else _find_hits(t, self.labels, parties) for t in self.lines]
        self.rows: dict[int, list[Token]] = {}
        for tok in self.lines:
            self.rows.setdefault(tok.row, []).append(tok)
        for toks in self.rows.values():
            for c, tok in enumerate(toks):
                tok.col = c
        self._extend_to_heads()
        self._label_boxes(material, catalog)
        self._orphan_tails(field_labels)
        starts = {t.idx for t in self.lines if self.starts_with_label(t)}
        gutters = find_gutters(self.lines, starts)
        self.layout = Layout(self.lines, [region_of(self.lines, list(range(len(self.lines))))] if self.lines else [],
                             gutters, theta, framed, hframed)
        self.heads = {canon(h): sid for sid, hs in material.sections.items() for h in hs}
        self.default_section = material.default_section
        self.sections = self._sections()

    # ---- labels ----------------------------------------------------------------------------

    def _extend_to_heads(self) -> None:
        """A label found inside a longer one whose head noun runs past it (联系手机|号码 for 联系手机,
        不动产单元号|码), or a head noun of its own right after it, the last words of its box (犬只品种|类别,
        not 犬只品种类|别): the label ends where its head noun does, the rest is no value."""
        words = {w: k for w, k in self.head_words if len(w) >= 2 and k not in _NOT_HEADS}
        typed = {canon(lab): _TYPE_KIND.get(spec.type) for spec in self.material.fields.values() for lab in spec.labels}
        for tok in self.lines:
            hits = self.hits[tok.idx]
            for n, hit in enumerate(hits):
                nxt = hits[n + 1].start if n + 1 < len(hits) else len(tok.text)
                # a head noun of its own right after the label, up to the next label or the box's end, that
                # announces the label's own kind (犬只品种|类别, 义务人|名称; never 犬主|公民身份号, an ID's label)
                kind = words.get(tok.text[hit.end:nxt].rstrip("：:"))
                own = typed.get(hit.label)
                if kind is not None and (own in (None, kind) or {own, kind} == {"name", "title"}) \
                        and (own or kind not in _PERSON_KINDS):
                    hits[n] = _Hit(hit.line, hit.start, hit.end + len(tok.text[hit.end:nxt].rstrip("：:")), hit.label,
                                   hit.score)
                    continue
                # a head noun of the label's own kind fused between it and its value (经营场所坐落|地址|广东省…):
                # the label's, not the value's first word
                fused = next((w for w, k in self.head_words if len(w) >= 2 and k not in _NOT_HEADS and own is not None and k == own
                              and tok.text.startswith(w, hit.end) and hit.end + len(w) < nxt), None)
                if fused is not None:
                    hits[n] = _Hit(hit.line, hit.start, hit.end + len(fused), hit.label, hit.score)
                    continue
                for w, _ in self.head_words:
                    k = tok.text.find(w, max(hit.start, hit.end - len(w) + 1))
                    if 0 <= k < hit.end < k + len(w) <= nxt:
                        hits[n] = _Hit(hit.line, hit.start, k + len(w), hit.label, hit.score)
                        break

    def _label_wraps(self, upper: str, lower: str) -> bool:
        """``lower`` carries on the label ``upper`` wrapped inside its cell: a bracket left open
        (出租人（以下简 / 称甲方）), a remark in brackets under a label (经营场所 / （含门牌号）), or a
        label word or head noun the line break cut (不动产单元代 / 码, 被授权人身份证件 / 号码). Never
        a value: both lines are words only, the upper one a label's length."""
        if not (_WRAP_UPPER.fullmatch(upper) and _WRAP_LOWER.fullmatch(lower)):
            return False
        if upper.count("（") > upper.count("）"):
            return True
        joined = upper + lower
        if _REMARK.fullmatch(lower):
            return any(upper.endswith(lab) for lab in self.labels) or _split_head(upper, self.head_words)[1] is not None
        cut = len(upper)
        head = next((w for w, _ in self.head_words if joined.endswith(w)), None)
        if head is not None and len(joined) - len(head) < cut:
            return True
        return any(0 <= (k := joined.find(lab)) < cut < k + len(lab) for lab in self.labels if len(lab) >= 2)

    def _orphan_tails(self, field_labels: list[str]) -> None:
        """A letter-spaced two-character label whose first character OCR lost ("所" for 住　所,
        "型☑个体工商户" for 类　型): its last character at the head of the label column."""
        pairs = {lab[-1]: lab for lab in field_labels if len(lab) == 2}
        label_x = [t.x0 for t in self.lines if any(h.start == 0 and h.score == 1.0 for h in self.hits[t.idx])]
        for tok in self.lines:
            if self.hits[tok.idx] and self.hits[tok.idx][0].start == 0 or not tok.text or tok.idx in self.titles:
                continue
            lab = pairs.get(tok.text[0])
            if lab is None or len(tok.text) > 1 and tok.text[1].isascii() and tok.text[1].isalnum():
                continue
            left = [o for o in self.rows[tok.row] if o.x1 <= tok.x0 + 0.2 * tok.h]
            in_label_column = any(-tok.h <= tok.x0 - x <= 4 * tok.h for x in label_x)
            if in_label_column and (not left or tok.x0 - left[-1].x1 >= 0.5 * tok.h):
                self.hits[tok.idx] = [_Hit(tok.idx, 0, 1, lab, 0.7), *self.hits[tok.idx]]

    def _label_boxes(self, material: Material, catalog: Catalog) -> None:
        """A box that as a whole is a label by the label grammar (``extraction.heads``) is that label,
        matched to the field whose wording fits it best — even when the lexicon has not this exact
        wording (受托代理人证件号, 坐落地址, 申请主体名称) or only part of it was found (义务人|姓名); its
        value is beside or below it, never the rest of the box. A block's heading (申请人情况) is no
        field's label: it only opens the party it names."""
        heads = self.head_words
        if not heads:
            return
        wordings = [(_REMARK.sub("", canon(lab)), canon(lab), _TYPE_KIND.get(spec.type))
                    for spec in material.fields.values() for lab in spec.labels]
        section_heads = sorted(self.heads_of(material), key=len, reverse=True)
        own = {canon(lab) for spec in material.fields.values() for lab in spec.labels} | set(section_heads)
        for tok in self.lines:
            if tok.idx in self.titles:
                continue
            if (joined := self._bracket_head(tok.text)) is not None:  # 户主（姓名） is 户主姓名, not 姓名
                score, label = self._box_label(joined, wordings, catalog)
                if score >= LABEL_BOX:
                    self.hits[tok.idx] = [_Hit(tok.idx, 0, len(tok.text), label, score)]
                    continue
            core = _REMARK.sub("", tok.text).strip(" ：:")
            hits = self.hits[tok.idx]
            if not _LABEL_BOX.fullmatch(core):
                # words before a colon are a label (有效截止日期：2026年6月2日): by the grammar, when no label
                # the lexicon knows was found there
                m = _COLON_LABEL.match(tok.text)
                # a head after a remark (法定代表人（负责人）证件号码：) ends the label there, whatever was found in it
                # words the labels found leave unexplained before the colon (经营者|身份证明证号：, 法定代表人（负责人）
                # 证件号码：), or a field's label before a head noun no field has (饲养人电话：): one label, by the grammar
                covered = {i for h in hits for i in range(h.start, h.end)}
                if m and (lab := self._heads_again(m.group(1) + m.group(2))) is not None:
                    self.hits[tok.idx] = [_Hit(tok.idx, 0, len(lab), lab, 1.0), *(h for h in hits if h.start >= len(lab))]
                    continue
                tail = bool(m) and any(i not in covered for i in [*range(m.end(1)), *range(m.start(2), m.end(2))]) \
                    and _split_head(m.group(1) + m.group(2), heads)[1] not in (None, "heading")
                foreign = bool(m) and any(h.end == m.end(2) and h.label not in own for h in hits) \
                    and any(h.start == 0 and h.label in own for h in hits)
                if m and (tail or foreign or not any(h.start == 0 for h in hits)):  # (日期 inside it is part of it)
                    core = m.group(1) + m.group(2)
                    score, label = self._box_label(core, wordings, catalog, whole=False)
                    end = m.end(2) if m.group(2) else m.end(1)
                    if score >= LABEL_BOX:
                        self.hits[tok.idx] = [_Hit(tok.idx, 0, end, label, score), *(h for h in hits if h.start >= end)]
                continue
            exact = [h for h in hits if h.score == 1.0]  # a fuzzy hit (身份证编号 ~ 身份证号码) is weighed below
            rest = list(tok.text)
            for h in exact:
                rest[h.start:h.end] = [" "] * (h.end - h.start)
            rest = _REMARK.sub("", "".join(rest)).replace(" ", "").strip("：:/／、")
            if exact and not rest and (max(exact, key=lambda h: h.start).label in own or len(exact) == 1):
                continue  # the labels found explain the box (共有情况 is a label, not a heading)
            # (饲养人|电话: a field's label before a head no field of this material has is one label, by the grammar)
            bare = _NUMBERING.sub("", core)
            if bare in section_heads and not any(h.start == 0 and h.end >= len(tok.text) - 1 for h in exact):
                self.hits[tok.idx] = [_Hit(tok.idx, 0, len(tok.text), bare, 1.0)]  # 一、经办人: the party's block
                continue
            if not exact and (head := self._party_head(core, section_heads, catalog.extraction.party_words)):
                self.hits[tok.idx] = [_Hit(tok.idx, 0, len(tok.text), head, 0.95)]  # 委托方 for 委托人
                continue
            if not exact and (head := next((h for h in section_heads if len(h) >= 2 and core.endswith(h)
                                            and 0 < len(core) - len(h) <= PARTY_QUALIFIER), None)):
                self.hits[tok.idx] = [_Hit(tok.idx, 0, len(tok.text), head, 0.92)]  # 申请经办人: a qualified party
                continue
            if _split_head(core, heads)[1] == "heading":
                head = next((h for h in section_heads if h in core), None)
                self.hits[tok.idx] = [_Hit(tok.idx, 0, len(tok.text), head, 1.0)] if head else []
                continue
            qualifier = bool(exact) and tok.text.find(rest) >= max(h.end for h in exact)  # 经营者|身份证明证号
            if exact and (_split_head(rest, heads)[0] and (not qualifier or _split_head(rest, heads)[1] in (None, "heading"))
                          or rest not in core):
                continue  # the labels found explain the box, or what is left is not a label's part
            score, label = self._box_label(core, wordings, catalog)
            # a near spelling of a label with another kind of head is not it (免疫失效日期 is no 免疫日期)
            kind = _split_head(self._bare(core), heads)[1]
            fuzzy = [h for h in hits if h.score < 1.0
                     and not (kind is not None and _split_head(h.label, heads)[1] not in (None, kind))]
            if score >= LABEL_BOX and score >= max((h.score for h in fuzzy), default=0.0):
                self.hits[tok.idx] = [_Hit(tok.idx, 0, len(tok.text), label, score)]
            elif len(fuzzy) < len([h for h in hits if h.score < 1.0]):
                self.hits[tok.idx] = [h for h in hits if h.score == 1.0 or h in fuzzy]

    def _heads_again(self, core: str) -> str | None:
        """The words before a colon (``core``) open with a label of the material ending in a head noun,
        and the rest is an item of its value headed by the same kind of noun (经营范围|许可项目：餐饮服务…):
        that label, which ends there — the item's heading is the value's, not more of the label."""
        if core in self.labels or core in self.known_labels:
            return None  # (主营项目及兼营项目: one label the lexicon knows)
        for lab in sorted((lab for lab in self.labels if core.startswith(lab) and len(core) > len(lab)), key=len,
                          reverse=True):
            kind = _split_head(lab, self.head_words)[1]
            rest_prefix, rest_kind = _split_head(core[len(lab):], self.head_words)
            # (a thing's items, not a party's wording: 出租人|一方 is one label; 及/或 joins two wordings)
            if kind not in (None, "heading", "title", *_PERSON_KINDS) and rest_kind == kind and rest_prefix \
                    and rest_prefix[0] not in "及和或与并、":
                return lab
        return None

    def _bracket_head(self, text: str) -> str | None:
        """A box whose bracket holds only the label's head noun (户主（姓名）, 房屋（坐落）): the label
        written without the bracket (户主姓名), when the words before it have no head of their own."""
        m = _BRACKET_HEAD.fullmatch(text.strip())
        if not m:
            return None
        outer, inner = m.group(1), m.group(2)
        prefix, kind = _split_head(inner, self.head_words)
        if prefix or kind in (None, "heading") or _split_head(outer, self.head_words)[1] is not None:
            return None
        return outer + inner

    def _bare(self, core: str) -> str:
        """A label's words without the remark words written after its head (姓名全称 → 姓名)."""
        for w in self.label_remarks:
            if core.endswith(w) and len(core) > len(w):
                return core[: -len(w)]
        return core

    def _box_label(self, core: str, wordings: list[tuple[str, str, str | None]], catalog: Catalog,
                   whole: bool = True) -> tuple[float, str]:
        """The field wording a whole box ``core`` fits best by the label grammar, and how well: its
        remark words set aside (姓名全称), a party written with another party word (饲养者 ~ 饲养人),
        and a head noun only one field of the material has a wording for (从事项目 for 经营项目 — a
        scope, a kind, a number or an area on a form has one field to go to — only for a box that is
        all label, ``whole``: 一般项目：… is a scope's value). (0.0, "") if none."""
        heads = self.head_words
        core = self._bare(core)
        best = max(((_grammar_score(core, w, kind, heads), lab) for w, lab, kind in wordings),
                   key=lambda sl: sl[0], default=(0.0, ""))
        if best[0] >= LABEL_BOX:
            return best
        words = [canon(w) for w in catalog.extraction.party_words]
        orgs = {canon(w) for w in catalog.extraction.org_words}
        if _split_head(core, heads)[1] is None:
            for a in (a for a in words if core.endswith(a) and len(core) > len(a)):
                for b in (b for b in words if b != a):
                    alt = core[: -len(a)] + b
                    # (an organisation's word never stands for a person: 从业单位 is no 从业人员姓名)
                    score, lab = max(((_grammar_score(alt, w, kind, heads), lab) for w, lab, kind in wordings
                                      if not (a in orgs and kind == "name")), key=lambda sl: sl[0], default=(0.0, ""))
                    if score * 0.95 > best[0]:
                        best = (score * 0.95, lab)
        if best[0] >= LABEL_BOX:
            return best
        prefix, kind = _split_head(core, heads)
        if whole and kind in catalog.extraction.sole_kinds and prefix and core not in self.known_labels and len(prefix) <= 4:
            fields = {lab for w, lab, k in wordings if _split_head(w, heads)[1] == kind}
            owners = {name for name, spec in self.material.fields.items()
                      if any(canon(lab) in fields for lab in spec.labels)}
            spec = self.material.fields[owners.pop()] if len(owners) == 1 else None
            own = {canon(lab) for lab in spec.labels} if spec else set()
            if spec and not any(h.label in own and h.start == 0 for hs in self.hits for h in hs):  # (一般项目: a value then)
                return (GENERIC, next(canon(lab) for lab in spec.labels if canon(lab) in fields))
        return best

    @staticmethod
    def _party_head(core: str, heads: list[str], words: list[str]) -> str | None:
        """The section head ``core`` writes with another party word (委托方, 受托单位 for 委托人, 受托人)."""
        for head in heads:
            for a in words:
                if head.endswith(a) and any(core == head[: -len(a)] + b for b in words if b != a):
                    return head
        return None

    @staticmethod
    def heads_of(material: Material) -> list[str]:
        return [canon(h) for hs in material.sections.values() for h in hs]

    def _head_of(self, hit: _Hit) -> str | None:
        """The party a hit's label names: its wording starts with a party's head (代理人身份证号码), or
        the box it was read from does (经办人姓名 matched to 姓名 by the label grammar)."""
        text = self.lines[hit.line].text[hit.start:hit.end]
        # (or the words before the head noun end with one: 经办代理人|姓名, 代办经手人姓名)
        box = _REMARK.sub("", self.lines[hit.line].text[:hit.end]).strip(" ：:")
        head_noun = next((w for w, k in self.head_words if k not in _NOT_HEADS and box.endswith(w)), "")
        before = box[: hit.start] if hit.start else box[: len(box) - len(head_noun)]
        return next((sid for head, sid in sorted(self.heads.items(), key=lambda kv: -len(kv[0]))
                     if hit.label.startswith(head) or text.startswith(head) or len(head) >= 2 and before.endswith(head)),
                    None)

    def _sections(self) -> dict[tuple[int, int], str | None]:
        """Each hit's party: the head it is written after (代理人身份证号码), a head earlier on its
        row (委托代理人 | 李四 | 身份证号码 | …), a head printed vertically over the rows beside it,
        or the block a row's first label opens when it names a party (rows below it, until the
        next party's)."""
        out: dict[tuple[int, int], str | None] = {}
        vertical = [(sid, t) for t in self.lines for h in self.hits[t.idx]
                    if (sid := self._head_of(h)) and t.y1 - t.y0 > 1.8 * (t.x1 - t.x0) and len(t.text) >= 2]
        block: str | None = None
        columns: list[tuple[float, str]] = []  # the parties' boxes side by side: (left edge, party)
        for r in sorted(self.rows):
            row_section: str | None = None
            first = True
            standing = [(tok.x0, sid) for tok in self.rows[r] for h in self.hits[tok.idx]
                        if (sid := self._head_of(h)) and h.start == 0 and h.end >= len(tok.text.rstrip("：:")) - 1]
            if standing and len({sid for _, sid in standing}) >= 2 and len(standing) == len(self.rows[r]):
                columns = sorted(standing)  # 委托方 | 受托方: each heads the column under it
            elif any(self._head_of(h) for tok in self.rows[r] for h in self.hits[tok.idx]):
                columns = []
            for tok in self.rows[r]:
                beside = next((sid for sid, v in vertical if v.idx != tok.idx and v.x1 <= tok.x0 + 0.5 * tok.h
                               and v.y0 - 0.3 * tok.h <= tok.cy <= v.y1 + 0.3 * tok.h), None)
                column = next((sid for x, sid in reversed(columns) if x <= tok.x0 + tok.h), None) if columns else None
                for h in self.hits[tok.idx]:
                    own = self._head_of(h)
                    if own is not None:
                        row_section = own
                        if first:
                            block = own
                    first = False
                    out[(tok.idx, h.start)] = row_section or column or beside or block
            self._same_prefix_same_party(self.rows[r], out)
        return out

    def _same_prefix_same_party(self, row: list[Token], out: dict[tuple[int, int], str | None]) -> None:
        """Labels on one row written with the same party word before their head nouns (被委托人姓名 |
        被委托人身份证号) name one party: one whose wording names it (委托代理人身份证号码) gives it to the
        other."""
        named: list[tuple[str, str]] = []
        plain: list[tuple[str, _Hit]] = []
        for tok in row:
            for h in self.hits[tok.idx]:
                if h.start != 0:
                    continue
                prefix = _split_head(_REMARK.sub("", tok.text).strip(" ：:"), self.head_words)[0]
                if len(prefix) < 2:
                    continue
                own = self._head_of(h)
                if own is not None:
                    named.append((prefix, own))
                else:
                    plain.append((prefix, h))
        for prefix, h in plain:
            sids = {sid for pre, sid in named if pre.startswith(prefix) or prefix.startswith(pre)}
            if len(sids) == 1:
                out[(h.line, h.start)] = sids.pop()

    def section_of(self, hit: _Hit) -> str | None:
        return self.sections.get((hit.line, hit.start)) or self.default_section

    def starts_with_label(self, line: Token) -> bool:
        """``line`` begins with one of the material's labels, or is as a whole a label the lexicon
        knows for any material (毛色 printed on a certificate: a label, never a value)."""
        return any(h.start <= 1 for h in self.hits[line.idx]) or line.text.strip(" ：:") in self.known_labels

    def labelled_on_its_row(self, line: Token, own_label: int) -> bool:
        """Another label's box sits left of ``line`` on its row: ``line`` is that label's value."""
        left = [o for o in self.lines if o.idx != line.idx and o.x1 <= line.x0 + 0.5 * line.h
                and abs(o.cy - line.cy) <= 0.6 * line.h]
        if not left:
            return False
        nearest = max(left, key=lambda o: o.x1)
        hits = self.hits[nearest.idx]
        if nearest.idx == own_label:
            return False
        if not hits:  # a label of no field of this material (用途 | 住宅 under 不动产单元号's value)
            core = _REMARK.sub("", nearest.text).strip(" ：:")
            return core in self.known_labels and nearest.x1 - nearest.x0 <= 8 * nearest.h or self.spaced_fragment(nearest)
        last = max(hits, key=lambda h: h.start)  # a label with its value in its own box (经营者宋文)
        # labels nothing beside it: a remark in brackets after it is no value (经营项目（主营/兼营）), nor is
        # a head noun that makes it a longer label (经营场所|面积（平方米）)
        rest = _REMARK.sub("", nearest.text[last.end:]).strip(" ：:）)")
        return not rest or _split_head(rest, self.head_words) == ("", _split_head(rest, self.head_words)[1]) \
            and _split_head(rest, self.head_words)[1] not in (None, "heading")

    # ---- values ----------------------------------------------------------------------------

    def text_until_label(self, line: Token, start: int = 0, edge: float | None = None) -> str:
        ends = [h.start for h in self.hits[line.idx] if h.start >= start]
        # a box that itself spans the gutter is a cell over both columns: only labels end it
        return line.text[start:min(ends) if ends else len(line.text)]

    def right_of(self, line: Token, over: float | None = None) -> Token | None:
        """The nearest box to the right whose vertical span meets the label's (± one line):
        a value cell may be taller than its label, the label centred against wrapped lines.
        ``over``: where the label's printed underline starts — a value written on it may begin there."""
        start = line.x1 if over is None else over
        near = [c for c in self.lines if c.idx != line.idx and c.x0 >= start - 0.8 * line.h
                and abs(c.cy - line.cy) <= 1.0 * line.h]
        edge = self.layout.gutter_after(line)
        if edge is not None and edge < line.x1:  # a band the label itself crosses bounds no value
            edge = min((g.x0 for g in self.layout.gutters if g.x0 >= line.x1
                        and g.y0 - line.h <= line.cy <= g.y1 + line.h), default=None)
        if edge is not None:
            # a box past the gutter but left of where the next column's labels start runs across the band (a
            # long number beside narrow values): it is this label's value, unless it is a label itself
            band = self._next_column_x(edge)
            near = [c for c in near if c.x0 < edge or c.x0 < band - 0.5 * line.h and not self.starts_with_label(c)
                    and not self.label_like(c)]
        if not near:
            return None
        left = min(c.x0 for c in near)
        if left - line.x1 > 12 * line.h:
            return None
        column = [c for c in near if c.x0 - left <= 1.5 * line.h]
        return min(column, key=lambda c: c.y0)

    def _next_column_x(self, edge: float) -> float:
        """Where the labels of the column right of the gutter starting at ``edge`` begin (their leftmost
        start, over the gutter's rows), else the gutter's right edge."""
        g = next((g for g in self.layout.gutters if g.x0 == edge), None)
        if g is None:
            return edge
        xs = [t.x0 for t in self.lines if t.x0 >= g.x0 and g.y0 <= t.cy <= g.y1
              and (any(h.start == 0 for h in self.hits[t.idx]) or self.label_like(t))]
        return max(min(xs, default=g.x1), g.x1)

    def name_row(self, head: Token) -> Token | None:
        """``head`` alone on its row heads a block (房屋出卖方（甲方） over 姓名或单位名称 | 孟子然, 身份证明编号 |
        …) when the next row opens with a label naming a name (its head noun a name's or a title's):
        the value right of that label, or None."""
        rows = sorted(r for r in self.rows if r > head.row)
        if len(self.rows[head.row]) != 1 or not rows:
            return None
        below = min(self.rows[rows[0]], key=lambda t: t.x0)
        core = _REMARK.sub("", below.text).strip(" ：:")
        if below.y0 - head.y1 > 2.5 * head.h or not self.label_like(below) \
                or _split_head(core, self.head_words)[1] not in ("name", "title"):
            return None
        value = self.right_of(below)
        return value if value is not None and not self.starts_with_label(value) and not self.label_like(value) else None

    def unmarked_options(self, value: Token) -> bool:
        """``value`` is one of a row of check-box options whose boxes OCR did not read (首次登记 | 转移登记 |
        变更登记, the ticks lost): at least two more short boxes on its row after it, no labels, all
        ending in the same two characters, and no box or tick mark among them — which one is chosen
        cannot be told from the text."""
        core = value.text.strip(" ：:")
        if not 3 <= len(core) <= 8 or any(c in value.text for c in _MARKS):
            return False
        same = [t for t in self.rows[value.row] if t.x0 > value.x1 and 3 <= len(t.text) <= 8
                and t.text.endswith(core[-2:]) and not self.starts_with_label(t)]
        return len(same) >= 2 and not any(c in t.text for t in same for c in _MARKS) or self._unmarked_column(value)

    def _unmarked_column(self, value: Token) -> bool:
        """``value`` is one of a column of options (代为提交申请材料 / 代为签署相关文书 / 代为领取证照…, their
        ticks drawn in pen and not read): at least two more boxes stacked with it, each within two lines of
        the next, at its left edge, opening with the same two characters, none a label nor marked."""
        core = value.text.strip(" ：:")
        if not 4 <= len(core) <= 16 or any(c in value.text for c in _MARKS):
            return False
        column = sorted((t for t in self.lines if abs(t.x0 - value.x0) <= 2 * value.h and 4 <= len(t.text) <= 16),
                        key=lambda t: t.cy)
        k = column.index(value)
        stack = [value]
        for step in (-1, 1):  # grow the stack up and down while the boxes are options of the same kind
            j, last = k + step, value
            while 0 <= j < len(column) and abs(column[j].cy - last.cy) <= 3 * value.h:
                t = column[j]
                if not t.text.startswith(core[:2]) or self.starts_with_label(t) or any(c in t.text for c in _MARKS):
                    break
                stack.append(t)
                last, j = t, j + step
        return len(stack) >= 3

    def gutter_beyond(self, tok: Token) -> float | None:
        """The left edge of the first gutter right of all of ``tok`` on its row (a gutter ``tok`` runs
        across is not one on its row: a long value under a caption crosses the band between the
        label columns above it)."""
        xs = [g.x0 for g in self.layout.gutters if g.x0 >= tok.x1 - 0.5 * tok.h
              and g.y0 - tok.h <= tok.cy <= g.y1 + tok.h]
        return min(xs) if xs else None

    def rest_of_row(self, line: Token, start: int = 0, edge: float | None = None) -> str:
        """Text of ``line`` from ``start`` and of the boxes after it on its row, up to the next label
        or the column's gutter: a value the detector split into boxes ("1996年" "6月" "21日")."""
        text = self.text_until_label(line, start, edge)
        if start + len(text) < len(line.text):
            return text
        prev = line
        for nxt in self.rows[line.row][line.col + 1:]:
            if self.starts_with_label(nxt) or (edge is not None and nxt.x0 >= edge) \
                    or nxt.x0 - prev.x1 > VALUE_GAP * min(prev.h, nxt.h):  # a value does not jump a wide gap
                break
            prev = nxt
            part = self.text_until_label(nxt, 0, edge)
            text += part
            if len(part) < len(nxt.text):
                break
        return text

    def below(self, line: Token) -> Token | None:
        for r in (line.row + 1, line.row + 2):
            for cand in self.rows.get(r, []):
                if cand.y0 - line.y1 > 2.5 * line.h:
                    return None
                overlap = min(cand.x1, line.x1 + 2 * line.h) - max(cand.x0, line.x0 - line.h)
                if overlap > 0:
                    return cand
        return None

    def header_row(self, line: Token) -> bool:
        """``line``'s row is a row of column heads (a form's second header level: 经营者姓名 |
        经营者电话 over the row of their values): ``line`` and at least one more box are labels with
        no value beside them in their box, every other box is words only, and the next row holds no
        label and no more boxes than the heads (a value per column)."""
        row = self.rows[line.row]
        labels = [t for t in row if self.whole_label(t)]
        if len(row) < 2 or not self.whole_label(line) or len(labels) < 2 \
                or not all(t in labels or _LABEL_BOX.fullmatch(_REMARK.sub("", t.text).strip(" ：:")) for t in row):
            return False  # (a head of no field of this material is words only: 犬只公母, 年龄（月）)
        nxt = self.next_row(line)
        return bool(nxt) and len(nxt) <= len(row) and not any(self.starts_with_label(t) or self.label_like(t) for t in nxt)

    def whole_label(self, tok: Token) -> bool:
        """``tok`` is a label and nothing else: its hits reach its end (a short remark aside), or it
        reads as label words ending in a head noun."""
        core = _REMARK.sub("", tok.text).strip(" ：:")
        if self.label_like(tok) or core in self.known_labels:
            return True
        ends = [h.end for h in self.hits[tok.idx] if h.start <= 1]
        return bool(ends) and len(self.label_tail(tok)) <= 1  # (one character more: the label's last, misread)

    def label_tail(self, tok: Token) -> str:
        """What follows the label that starts ``tok`` (a short remark in brackets aside)."""
        ends = [h.end for h in self.hits[tok.idx] if h.start <= 1]
        return _REMARK.sub("", tok.text[max(ends):]).strip(" ：:）)") if ends else tok.text

    def next_row(self, line: Token) -> list[Token]:
        """The boxes of the row under ``line``'s, left to right (none when it is far below)."""
        rows = sorted(r for r in self.rows if r > line.row)
        if not rows:
            return []
        toks = sorted(self.rows[rows[0]], key=lambda t: t.x0)
        return toks if min(t.y0 for t in toks) - line.y1 <= 2.5 * line.h else []

    def header_column(self, line: Token) -> tuple[Token, float] | None:
        """A column head's value: the first box of the next row whose middle lies in the head's
        column (halfway to the neighbouring heads, or the vertical rules between them; a head is
        centred over its column, the value starts at the cell's left), and the column's right edge."""
        if not self.header_row(line):
            return None
        heads = sorted(self.rows[line.row], key=lambda t: t.x0)
        a, b = _grid_columns(self, heads)[heads.index(line)]
        inside = [t for t in self.next_row(line) if a <= (t.x0 + t.x1) / 2 <= b]
        return (inside[0], b) if inside else None

    def continuation(self, line: Token, x_start: float, max_lines: int, label: Token,
                     edge: float | None, prose: bool = True) -> list[Token]:
        """Lines below ``line`` that carry on a wrapped value starting at ``x_start`` (a cell or a
        column), or at the label's left edge when the value follows its label in one box (running
        prose wraps back to the paragraph's edge; a value in a box of its own never does — the box
        under its label is the label column's next row); never across the column's gutter, never
        a line that starts with a label."""
        out: list[Token] = []
        current = line
        reach = max(2.5 * line.h, 0.6 * (line.x1 - x_start))
        for _ in range(max_lines - 1):
            below = [c for c in self.lines if c.y0 > current.y0 + 0.5 * current.h
                     and c.y0 - current.y1 <= 0.6 * current.h and c.idx not in {x.idx for x in out}
                     and (-1.6 * current.h <= c.x0 - x_start <= reach  # x_start is estimated in a fused box
                          or prose and abs(c.x0 - label.x0) <= 1.2 * current.h)
                     and (edge is None or c.x0 < edge)
                     and not self.starts_with_label(c) and not self.label_like(c) and not _OWN_LABEL.match(c.text)
                     and not self.fused_label(c) and not self.spaced_fragment(c)
                     and not self.labelled_on_its_row(c, label.idx)
                     and not self.layout.ruled_between(current, c)]
            nxt = min(below, key=lambda c: c.y0) if below else None
            if nxt is None:
                break
            out.append(nxt)
            current = nxt
        return out

    def next_label_x(self, line: Token) -> float | None:
        """Where the next label right of ``line`` on its row starts (the next column of a form whose
        labels stand above their values)."""
        xs = [o.x0 for o in self.rows[line.row] if o.x0 >= line.x1 and (self.starts_with_label(o) or self.label_like(o))]
        return min(xs) - 0.5 * line.h if xs else None

    def options(self, label: Token, first: Token) -> str:
        """The text of every box of check-box options beside ``label`` (from ``first``, the box its
        value starts in): the boxes right of it within a line and a half above or below, in its cell
        (no rule between), up to the next label — the ticked one is told by its mark."""
        h = label.h
        opts = [t for t in self.lines if t.x0 >= first.x0 - 0.5 * h and label.y0 - 1.5 * h <= t.cy <= label.y1 + 1.5 * h
                and t.idx != label.idx and not self.starts_with_label(t) and not self.label_like(t)
                and not self.layout.ruled_between(*sorted((label, t), key=lambda u: u.cy))]
        edge = min((t.x0 for t in self.lines if t.x0 > first.x0 and abs(t.cy - label.cy) <= 0.6 * h
                    and self.starts_with_label(t)), default=None)
        opts = [t for t in opts if edge is None or t.x0 < edge]
        boxed = {t.row for t in opts if any(c in t.text for c in "□☐☑☒■")}  # rows of options, not a line above
        opts = sorted((t for t in opts if t.row in boxed), key=lambda t: (t.row, t.x0))
        bare = [t for t in opts if t.text[:1] not in "□☐☑☒■✓√✔"]
        if len(bare) == 1 and not any(c in t.text for t in opts for c in "☑☒■✓√✔"):
            return "".join("■" + t.text if t is bare[0] else t.text for t in opts)  # the tick OCR dropped
        return "".join(t.text for t in opts)

    def sole_name(self, section: str) -> str | None:
        """The party's one field of type name, if it has exactly one."""
        names = [n for n, spec in self.material.fields.items() if spec.section == section and spec.type == "name"]
        return names[0] if len(names) == 1 else None

    def grid_label(self, tok: Token) -> bool:
        """``tok`` reads as a row's label: it starts with a label found, or is words ending in a head
        noun, or words only (自然人姓名/单位名称, 证件类别)."""
        core = _REMARK.sub("", tok.text).strip(" ：:")
        return self.starts_with_label(tok) or self.label_like(tok) or bool(_LABEL_BOX.fullmatch(core))

    def label_cell_remark(self, line: Token, end: int) -> bool:
        """The text after a label in its box stays inside the label's table cell (a vertical rule
        right after the box), with all of it Chinese words and a box across the rule on the row that
        is no label: the cell to the right holds the value, this text is the label's remark
        (委托单位（或个人）OCR read without its brackets)."""
        rest = line.text[end:].strip(" ：:")
        if not rest or not _WRAP_UPPER.fullmatch(rest) and not _WRAP_LOWER.fullmatch(rest):
            return False
        edge = self.layout.cell_edge(line.x_at(end), line)
        if edge is None or line.x1 > edge + 0.3 * line.h:
            return False
        nb = self.right_of(line)
        return nb is not None and nb.x0 >= edge - 0.3 * line.h and not self.starts_with_label(nb) \
            and not self.label_like(nb)

    def spaced_fragment(self, tok: Token) -> bool:
        """``tok`` is one or two characters that begin a label of the material, with more boxes right of
        it on its row (经 | 营者孙伟, 经营 | 梁娜娟: a letter-spaced 经　营　者 OCR misread or cut after its
        first characters): a label's head down the label column, never the last line of the value above."""
        return len(tok.text) <= 2 and not self.hits[tok.idx] \
            and any(len(lab) > len(tok.text) and lab.startswith(tok.text) for lab in self.labels) \
            and any(o.x0 >= tok.x1 - 0.2 * tok.h for o in self.rows[tok.row] if o.idx != tok.idx)

    def fused_label(self, tok: Token) -> bool:
        """``tok`` opens with label words ending in a head noun, its number fused right after them, no
        colon (主体资格证明号码9111…, 常用联系电话1729…): a label of its own, maybe of no field of
        this material — never a line carrying on the value above."""
        m = _FUSED_LABEL.match(tok.text)
        if m is None:
            return False
        core = _REMARK.sub("", m.group(1))
        return bool(_LABEL_BOX.fullmatch(core)) and _split_head(core, self.head_words)[1] not in (None, "heading")

    def label_like(self, tok: Token) -> bool:
        """A short box of words ending in a label's head noun (不动产类型, 证件种类): some label, maybe
        of no field of this material."""
        core = _REMARK.sub("", tok.text).strip(" ：:")
        return bool(_LABEL_BOX.fullmatch(core)) and _split_head(core, self.head_words)[1] not in (None, "heading")

    def fits(self, spec: FieldSpec, raw: str, value: str) -> bool:
        """A value must be a value: never a label's words (姓名, 情况 — the grammar's heads, a label
        the lexicon knows), and a short text or a name is never a sentence (申请人对申请材料的真实性
        负责，并…: a declaration printed after a label word, prose, not this field's value); a value of
        the wrong type (``value_types.refused``: an ID number read for a name) is none either."""
        if refused(spec.type, value):
            return False
        if spec.type == "name" and self._cut_through_label(raw, value):
            return False  # 常用联系|电话172…: the name ends inside a label (联系电话), it is that label's words
        if spec.type in ("name", "text", "address", "code"):
            core = _REMARK.sub("", canon(value)).strip(" ：:")
            prefix, kind = _split_head(core, self.head_words)
            if core in self.known_labels or (core and not prefix) or (kind == "heading" and len(core) <= 8):
                return False  # (申请人情况: a block's heading)
            if _LABEL_BOX.fullmatch(core) and kind in _NOT_OF.get(spec.type, ()) and len(core) <= 10:
                return False  # words ending in another kind's head noun: a label (被授权人移动电话), known or not
        if spec.type == "code" and not re.search(r"[0-9A-Za-z]", value):
            return False  # a number of a register has digits
        if spec.type == "id_number" and validate_credit_code(value).valid and not validate_id_number(value).valid:
            return False  # a credit code next to the ID number's label (社会信用代码（身份证号码）：9111…)
        sentence = len(raw) > 12 and re.search(r"[，,；;]", raw) is not None  # clauses, not a final 。
        # (or one whole sentence of a declaration: 对所提交材料实质内容的真实性负责。)
        sentence = sentence or len(raw.strip()) >= 8 and raw.strip()[-1] in "。！" and spec.type == "name"
        return not (spec.type in ("name", "text") and spec.lines <= 2 and sentence)

    def _cut_through_label(self, raw: str, value: str) -> bool:
        """``value`` was cut from ``raw`` in the middle of a label the lexicon knows: the label begins
        inside the value and ends after it."""
        text, val = canon(raw), canon(value)
        at = text.find(val)
        if at < 0 or at + len(val) >= len(text):
            return False
        end = at + len(val)
        return any(0 <= (k := text.find(lab, max(at, end - len(lab) + 1))) < end < k + len(lab)
                   for lab in self.known_labels if len(lab) >= 3)

    def beside_own_label(self, line: Token, spec: FieldSpec, at: int = 0) -> bool:
        """A label of ``spec``'s field and its colon open ``line`` before ``at`` (委托内容：代为办理…), or is the nearest
        box left of it on its row (委托事项 | 代为办理…)."""
        own = {canon(lab) for lab in spec.labels}
        if any(h.label in own and h.start == 0 and h.end <= at and line.text[h.end:h.end + 1] in ("：", ":")
               for h in self.hits[line.idx]):
            return True
        left = [t for t in self.rows.get(line.row, []) if t.x1 <= line.x0 + 0.5 * line.h and t.idx != line.idx]
        nearest = max(left, key=lambda t: t.x1, default=None)
        return nearest is not None and any(h.label in own for h in self.hits[nearest.idx])

    def value_above_label(self, value: Token, label: Token) -> Token | None:
        """A value cell's first line printed above its label's line (a label centred against a value
        wrapped over two lines: 不动产单元号 beside "4403…GB00" / "012F…")."""
        ups = [c for c in self.lines if c.idx not in (value.idx, label.idx) and c.y1 <= value.y0 + 0.3 * value.h
               and value.y0 - c.y1 <= 0.6 * value.h and abs(c.x0 - value.x0) <= 1.2 * value.h
               and label.cy - c.cy <= 1.5 * label.h and not self.hits[c.idx]  # (a hand's first line above its label)
               and not self.labelled_on_its_row(c, label.idx)  # (never the value of the label row above: 名称 | …)
               and (label.cy - c.cy <= 1.0 * label.h or not self._wraps_from_above(c))]
        return min(ups, key=lambda c: value.y0 - c.y1) if ups else None

    def _wraps_from_above(self, line: Token) -> bool:
        """``line`` carries on the line right above it (营业期限's 2024年06月20日至2044年06 / 月20日): the
        end of the value above, not the first line of one beside a label further down."""
        return any(c.idx != line.idx and c.y1 <= line.y0 + 0.3 * line.h and line.y0 - c.y1 <= 0.6 * line.h
                   and abs(c.x0 - line.x0) <= 1.2 * line.h for c in self.lines)


def _field(page: OcrPage, c: _Cand) -> ExtractedField:
    confidence = min(1.0, c.line.confidence * min(c.score, 1.0))
    return ExtractedField(value=c.typed.value, confidence=round(confidence, 4), source=f"{page.source}#{page.page}",
                          box=c.line.box, raw=c.raw, **c.typed.verdict())


def _value_end(p: _Page, offsets: list[int], start: int, end: int) -> int:
    """A value in prose stops where a label found inside it starts (…2603室|不动产权证书号：… in one box)."""
    for n, off in enumerate(offsets):
        end = min([end, *(a for h in p.hits[n] if start < (a := off + h.start) < end)])
    return end


def _pattern_cands(p: _Page, name: str, spec: FieldSpec, birth: str | None) -> list[_Cand]:
    offsets: list[int] = []
    joined = ""
    for line in p.lines:
        offsets.append(len(joined))
        joined += line.text
    out: list[_Cand] = []
    for pattern in spec.all_patterns():
        m = re.search(pattern, joined, re.S)
        if not m or not m.group("value"):
            continue
        n = max(i for i, off in enumerate(offsets) if off <= m.start("value"))
        if p.beside_own_label(p.lines[n], spec, m.start("value") - offsets[n]):
            continue  # the field's own label reads the box (委托事项 | 代为办理…事宜): no prose inside it
        end = _value_end(p, offsets, m.start("value"),
                         m.start("value") + _prose_end(p, offsets, n, m.start("value"), m.end("value")))
        raw = joined[m.start("value"):end]
        typed = clean_value(spec.type, raw, spec.part, spec.values, birth) if raw else None
        if typed is None or not p.fits(spec, raw, typed.value):
            continue  # (a prose phrase of the wrong type: 委托代办事项 read as the agent's name)
        out.append(_Cand(name, _GEOMETRY["pattern"] * (1.0 if typed.valid else INVALID), None, p.lines[n], typed, raw,
                         (-1 - n, m.start("value") - offsets[n])))
    return out


_CLAUSE = re.compile(r"第[一二三四五六七八九十百\d]{1,4}条")


def _prose_end(p: _Page, offsets: list[int], first: int, start: int, end: int) -> int:
    """How much of a prose pattern's value (``start``:``end`` in the page's joined text, from line
    ``first``) is the value: it wraps onto the next lines, but never into a line that opens with a
    label of its own (不动产权证书号：…, 建筑面积：), a field's label, or a new clause (第二条…)."""
    for k in range(first + 1, len(p.lines)):
        if offsets[k] >= end:
            break
        if offsets[k] > start and (_OWN_LABEL.match(p.lines[k].text) or p.starts_with_label(p.lines[k])
                                   or _CLAUSE.match(p.lines[k].text)):
            return offsets[k] - start
    return end - start


def _nearer(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _label_weight(spec: FieldSpec, label: str) -> float:
    """A field's first wordings are its most specific (建筑面积 before 面积)."""
    ranks = [canon(lab) for lab in spec.labels]
    return 1.0 - 0.02 * ranks.index(label) if label in ranks else 0.0


_SHORT = ("name", "id_number", "phone", "date", "credit_code", "enum", "ethnicity")
_TRAILING_ID = re.compile(r"(.*[\u4e00-\u9fff）)])\s*([0-9A-Za-z]{15,18})")


def _without_identifier(spec: FieldSpec, text: str) -> str:
    """A name or text with an ID number or credit code run onto its end (南山乐购便利店9244…, a
    neighbouring cell's value carried on a wrapped line): the identifier is another field's, not part
    of this one."""
    if spec.type not in ("name", "text", "address"):
        return text
    m = _TRAILING_ID.fullmatch(text.strip())
    if m and (validate_credit_code(m.group(2)).valid or validate_id_number(m.group(2)).valid):
        return m.group(1)
    return text


_FIXED_LENGTH = {"id_number": 18, "credit_code": 18, "phone": 11}


def _corrected(kind: str, text: str) -> str:
    """A fixed-length identifier struck out and written again after it (a typed number crossed
    through, the right one by hand beside it: OCR reads both as one run): the later one, when the
    run is exactly two of them that differ in a few characters only."""
    size = _FIXED_LENGTH.get(kind)
    run = re.sub(r"[^0-9A-Za-z×]", "", half(text))
    if size is None or len(run) != 2 * size or re.search(r"[\u4e00-\u9fff]", text):
        return text
    first, last = run[:size], run[size:]
    return last if first != last and sum(a != b for a, b in zip(first, last, strict=True)) <= 4 else text


def _label_cands(p: _Page, name: str, spec: FieldSpec, birth: str | None,
                 labelled: dict[str, list[str]]) -> list[_Cand]:
    wanted = {canon(lab) for lab in spec.labels}
    if spec.section and spec.type == "name" and p.sole_name(spec.section) == name:
        wanted |= {h for h, sid in p.heads.items() if sid == spec.section}  # 经办人 | 张三: the party's name
    multiline = spec.type in ("address", "text", "code", "name") and spec.lines > 1  # (an organisation's name wraps)
    out: list[_Cand] = []
    for hits in p.hits:
        for hit in hits:
            if hit.label not in wanted:
                continue
            section = p.section_of(hit)
            if spec.section is not None and section != spec.section:
                continue  # a party's field takes only its party's labels
            party = 1.0 if section == p.default_section else 0.8  # an unsectioned field under a party's head
            line = p.lines[hit.line]
            if hit.start > 0 and hit.start not in line.breaks and "\u4e00" <= line.text[hit.start - 1] <= "\u9fff" \
                    and not any(h.end == hit.start for h in p.hits[line.idx]):
                party *= EMBEDDED  # 专有|建筑面积: a qualifier the lexicon does not know narrows the label
            edge = p.layout.gutter_after(line)
            end = hit.end  # a short remark in brackets right after the label is part of it: 权利人（申请人）
            signed = SIGNED if re.match(r"[：:]?(?:签字|签名|签章|盖章|签署)", line.text[end:]) else 1.0  # 卖方签字：…
            if m := re.match(r"(?:或|/|／)[\u4e00-\u9fff]{0,3}(?:个人|单位|名称|姓名)", line.text[end:]):
                end += m.end()  # the label's other wording after 或 or / is the label's too (委托单位或个人)
            if m := re.match(r"[（《〈][^）》〉]{1,6}[）》〉]|（以下(?:简)?称[^）]{1,8}）", line.text[end:]):  # 出租方（以下简称“甲方”）, 经营地址《门牌）(OCR)
                end += m.end()
                if re.search(r"签|章", m.group(0)):  # 卖方（签字）：a signature box — a printed value elsewhere wins
                    signed = SIGNED
            if (m := re.match(r"([\u4e00-\u9fff]{1,4})[：:]", line.text[end:])) and not _split_head(m.group(1), p.head_words)[0]:
                end += m.end()  # 申请单位（个人）名称：… — the head after the remark is the label's too
            x_value = line.x_at(end)
            crossed = [g for g in p.layout.gutters if line.x0 < g.x0 and line.x1 > g.x1 and g.y0 <= line.cy <= g.y1]
            if crossed and any(h.start < hit.start for h in p.hits[line.idx]):
                # OCR fused two columns' text in one box ("陈佳欣 住所 深圳市…"): a label after the left
                # column's value starts the right column
                x_value = crossed[0].x1
                edge = min((g.x0 for g in p.layout.gutters if g.x0 > x_value), default=None)
            inline = p.text_until_label(line, end, edge)
            found: list[tuple[Token, str, float, str, int, float | None]] = []
            if not _FILLER.fullmatch(inline) and (p.label_cell_remark(line, end)
                                                  or len(inline.strip(" ：:")) <= 1 and p.header_row(line)):
                inline = ""  # (or a column head's last character misread: 犬种类别 as 犬种类州, its value below)  # the label's cell holds only label words (委托单位或个人): the value is the next cell
            if not _FILLER.fullmatch(inline):  # the value follows the label in its box
                cell = _nearer(edge, p.layout.cell_edge(x_value, line))  # a value stays in its table cell
                found.append((line, p.rest_of_row(line, end, cell), x_value, "inline", end, cell))
            # (a signature in the label's box, 委托人（签名）石海强: the name printed beside or under it is read too)
            signature_inline = bool(found) and signed < 1.0 and spec.type == "name"
            column = None
            if not found or signature_inline:  # a blank, or the printed line to write on (姓名：＿＿＿＿): the value is over it, right or below
                over = line.x_at(end) if inline.strip(" ：:") and not signature_inline else None
                column = p.header_column(line)
                # (a row of column heads: the values are in the next row, a box right of the head is no value)
                for how, nb in ((("right", None if column else p.right_of(line, over)),
                                 ("below", column[0] if column else p.below(line)))):
                    if how == "below" and spec.type == "name" and (name_row := p.name_row(line)):
                        nb = name_row  # a party's head over its block: the block's 姓名/名称 row gives its name
                    if how == "below" and nb is not None and found and column is None \
                            and abs(nb.x0 - line.x0) <= 0.8 * line.h and nb.x1 <= found[-1][0].x0:
                        continue  # a value right of the label: the box under it is the next label of its column
                    if nb is not None and not p.starts_with_label(nb) \
                            and not ((how == "below" or spec.type in _SHORT) and _OWN_LABEL.match(nb.text)):
                        # (a labelled line of its own, 犬只品系：泰迪犬 — a short value never starts with one)
                        cell = _nearer(edge, p.layout.cell_edge(nb.x0, nb))
                        if how == "below":  # a label above its value: the value stays under its label's column
                            # (bounded by the gutters of the value's row, never one its first box runs across)
                            cell = _nearer(_nearer(p.gutter_beyond(nb), p.layout.cell_edge(nb.x0, nb)),
                                           column[1] if column else p.next_label_x(line))
                        found.append((nb, p.rest_of_row(nb, 0, cell), nb.x0, how, 0, cell))
            reason = "label_without_value"
            for value_line, text, x_start, how, first, cell in found:
                first_line = value_line
                if multiline:
                    if how == "right" and (up := p.value_above_label(value_line, line)) is not None \
                            and not p.layout.ruled_between(up, value_line):
                        text, first_line = p.rest_of_row(up, 0, cell) + text, up
                    for more in p.continuation(value_line, x_start, spec.lines, line, cell, how == "inline"):
                        text += p.text_until_label(more, 0, cell)
                if ("□" in text or "☐" in text) and not re.search(r"[；;，,。]", text):
                    # options behind check boxes (a choice, not clauses to agree to): all of the label's, in its cell
                    text = p.text_until_label(line, first) * (how == "inline") + p.options(line, value_line)
                text = _corrected(spec.type, _without_identifier(spec, text))
                if spec.type == "address":
                    text = trimmed_address(text)
                if spec.type == "name":  # the form's instruction before the name ((与营业执照一致)北京市…有限公司)
                    text = re.sub(r"^\s*[：:]?\s*[（(][^（()）]{1,12}[）)]\s*(?=\S)", "", text)
                if signed < 1.0 and spec.type in ("name", "text") and len(text.rstrip("一—－-~～√ ")) >= 2:
                    text = text.rstrip("一—－-~～√ ")  # the line signed on, read as 一 after the name (侯桂强一)
                if how != "inline" and spec.type in ("text", "enum") and p.unmarked_options(value_line):
                    reason = "ambiguous"  # one of several options, none marked as ticked: a person tells which
                    continue
                if how == "inline" and spec.type in ("name", "text") and re.search(r"[，,]\s*$", text) \
                        and re.search(r"[。，,；;]", line.text[:hit.start]):
                    reason = "wrong_type"  # 受托人在|委托权限|内签署的文件，: a label's words inside a sentence, a clause
                    continue
                if how != "inline" and _repeats_label(line.text[hit.start:hit.end], text):
                    reason = "wrong_type"  # 申请主体 | 许可申请主体 | …: the box under a label is a label of its own
                    continue
                vocab = vocabulary(spec.vocabulary)
                if vocab is not None:
                    text, offered = _by_vocabulary(p, name, vocab, text)
                    if text is None:
                        reason = "ambiguous" if vocab.choice else "wrong_type"
                        continue
                    for other, rest in offered:  # the next label's value the reading ran on into
                        o_spec = p.material.fields[other]
                        o_typed = clean_value(o_spec.type, rest, o_spec.part, o_spec.values, None)
                        if o_typed is not None and p.fits(o_spec, rest, o_typed.value):
                            out.append(_Cand(other, hit.score * OFFERED * (1.0 if o_typed.valid else INVALID), hit,
                                             first_line, o_typed, rest, (first_line.idx, first + len(text))))
                typed = clean_value(spec.type, text, spec.part, spec.values, birth)
                if typed is None or not p.fits(spec, text, typed.value):
                    reason = "wrong_type"
                    continue
                if multiline and how == "below" and first_line.x0 >= line.x1 - 0.2 * line.h:
                    signed *= PARTIAL  # the lines under a value's column, its first line beside the label not read
                score = hit.score * _label_weight(spec, hit.label) * _GEOMETRY[how] * (1.0 if typed.valid else INVALID) \
                    * party * (signed if how == "inline" or not (signature_inline or column) else 1.0)
                # (a signature label heading a column, 委托人（签名） over 雷军秀: the column's cell is its value)
                out.append(_Cand(name, score, hit, first_line, typed, text, (first_line.idx, first)))
            labelled.setdefault(name, []).append(reason)
    return out


def _repeats_label(label_text: str, value: str) -> bool:
    """A value read beside or below a label that holds that label's own words (三 characters or more):
    a longer wording of a label (许可申请主体 under 申请主体), not a value."""
    words = re.sub(r"^(?:[一二三四五六七八九十]{1,3}|\d{1,2})[、.．]", "", canon(label_text)).strip(" ：:")
    return len(words) >= 3 and words in canon(value)


LONE = 0.7  # a credit code whose check holds, the page's only one, for the material's one credit-code field


def _lone_identifier_cands(p: _Page, material: Material) -> list[_Cand]:
    """A credit code whose check character holds, the only one on the page, is the material's one
    credit-code field even when its label is a wording the lexicon does not know (主体资格证明号码): an
    assignment by type, scored below any labelled reading. (Never an ID number: a page names several
    people, the one a lone number belongs to is a person's call.)"""
    out: list[_Cand] = []
    checks = {"credit_code": validate_credit_code, "id_number": validate_id_number}
    for kind, check in list(checks.items())[:1]:  # (an ID number is a person's: a page names several people)
        other = next(c for k, c in checks.items() if k != kind)  # (an ID number may pass the mod-31 check by chance)
        names = [n for n, spec in material.fields.items() if spec.type == kind]
        if len(names) != 1:
            continue
        found = {}
        for tok in p.lines:
            for m in re.finditer(r"(?<![0-9A-Za-z])[0-9A-Z]{17}[0-9A-Z](?![0-9A-Za-z])", half(tok.text).upper()):
                if check(m.group(0)).valid and not check(m.group(0)).repaired_from and not other(m.group(0)).valid:
                    found.setdefault(m.group(0), (tok, m.start()))
        if len(found) == 1:
            (value, (tok, start)), = found.items()
            typed = clean_value(kind, value)
            if typed is not None and typed.valid:
                out.append(_Cand(names[0], LONE, None, tok, typed, value, (tok.idx, start)))
    return out


OFFERED = 0.9  # the rest of a reading cut to its vocabulary's term, offered to the label it opens


def _by_vocabulary(p: _Page, name: str, vocab, text: str) -> tuple[str | None, list[tuple[str, str]]]:
    """A reading held against its field's closed vocabulary: a choice is its one ticked option (None
    when that cannot be told); a value that begins with a term and runs on is cut to the term, and the
    rest, when it opens with another field's label or that label's tail (个体工商户|营者|魏文娟: 经营者
    letter-spaced, its first character in the label column), is offered to that field. A closed
    vocabulary's reading that holds no term is None."""
    if vocab.choice:
        return chosen_option(text, vocab), []
    lead = leading_term(text, vocab)
    if lead is None:
        return (None if vocab.closed else text), []
    term, rest = lead
    if not rest.strip(" ：:;；，,。"):
        return text, []
    labels = {canon(lab): other for other, spec in p.material.fields.items() if other != name
              for lab in spec.labels if len(canon(lab)) >= 2}
    tail = label_tail(canon(rest), list(labels))
    return term, ([(labels[tail[0]], tail[1])] if tail and tail[1] else [])


GRID_ROWS = 8  # rows of a grid read under its column heads


def _grid_columns(p: _Page, heads: list[Token]) -> list[tuple[float, float]]:
    """Each column head's x-span: up to the vertical rule between it and its neighbour, else halfway
    to the neighbour (the first and last columns open outwards)."""
    inf = float("inf")
    out: list[tuple[float, float]] = []
    for k, tok in enumerate(heads):
        prev, nxt = heads[k - 1] if k else None, heads[k + 1] if k + 1 < len(heads) else None
        rules = [(g.x0 + g.x1) / 2 for g in p.layout.vrules if g.y0 - 0.3 * tok.h <= tok.cy <= g.y1 + 0.3 * tok.h]
        left = -inf if prev is None else max((x for x in rules if prev.x1 <= x <= tok.x0), default=(prev.x1 + tok.x0) / 2)
        right = inf if nxt is None else min((x for x in rules if tok.x1 <= x <= nxt.x0), default=(tok.x1 + nxt.x0) / 2)
        out.append((left, right))
    return out


def _column_head(p: _Page, tok: Token, material: Material) -> tuple[_Hit, str | None] | None:
    """``tok`` as a grid's column head: a party's head (委托方, 义务人) or the label of a name field
    without a party (权利人（受让方）), written as the whole box; (its hit, the party or None)."""
    for h in p.hits[tok.idx]:
        core = _REMARK.sub("", tok.text).strip(" ：:")
        if h.end - h.start < 0.5 * len(core):
            continue
        if (sid := p._head_of(h)) is not None:
            return h, sid
        if any(spec.type == "name" and spec.section is None and h.label in {canon(lab) for lab in spec.labels}
               for spec in material.fields.values()):
            return h, None
    return None


def _grid_cands(p: _Page, material: Material) -> list[_Cand]:
    """A table whose parties are its columns (申请人情况 | 权利人 | 义务人, then rows 姓名/名称,
    证件号码, …): each row's label gives its field in each column's party, the value is the cell
    where they cross (wrapped lines of a cell carry on its value). A column headed by a name field's
    label (权利人) takes the cell of the row labelled with a name (姓名/名称)."""
    out: list[_Cand] = []
    rows = sorted(p.rows)
    for n, r in enumerate(rows):
        toks = sorted(p.rows[r], key=lambda t: t.x0)
        heads = [(t, ch) for t in toks if (ch := _column_head(p, t, material)) is not None]
        nxt = sorted(p.rows[rows[n + 1]], key=lambda t: t.x0) if n + 1 < len(rows) else []
        corner = bool(nxt) and nxt[0].x1 < toks[0].x0  # the label column's head cell left blank
        if heads and heads[0][0] is toks[0] and not corner:
            heads = heads[1:]  # the first box heads the label column (申请人情况)
        if len(heads) < 2 or len(heads) < len(toks) - (0 if corner else 1):
            continue
        spans = _grid_columns(p, [t for t, _ in heads])
        grid: list[tuple[Token, list[list[Token]]]] = []
        for r2 in rows[n + 1:n + 1 + 2 * GRID_ROWS]:
            row = sorted(p.rows[r2], key=lambda t: t.x0)
            label = row[0] if p.grid_label(row[0]) and row[0].x1 <= row[-1].x0 + 1 else None
            values = row[1:] if label is not None else row
            if label is not None and _split_head(_REMARK.sub("", label.text).strip(" ：:"), p.head_words)[1] == "heading":
                break  # a heading across the table (不动产情况) ends the grid
            if any(t.x0 + t.h < a < t.x1 - t.h for a, _ in spans[1:] for t in values):
                break  # a box across the columns is no grid's cell
            cells = [[t for t in values if a <= (t.x0 + t.x1) / 2 <= b] for a, b in spans]
            if label is None:
                if not grid:
                    break
                for k, cell in enumerate(cells):  # a value wrapped inside its cell
                    if not any(p.layout.ruled_between(prev, t) for prev in grid[-1][1][k][-1:] for t in cell):
                        grid[-1][1][k].extend(cell)
                continue
            if any(_column_head(p, t, material) for t in row[1:]):
                break  # the next grid's heads
            grid.append((label, cells))
        for label, cells in grid[:GRID_ROWS]:
            core = _REMARK.sub("", label.text).strip(" ：:")
            _, kind = _split_head(core, p.head_words)
            for (_head, (hit, party)), cell in zip(heads, cells, strict=True):
                if not cell:
                    continue
                text = "".join(t.text for t in cell)
                # the row of the party's name (姓名/名称; 自然人姓名/单位名 with its 称 lost)
                named = kind in ("name", "title") or any(w in core for w, k in p.head_words
                                                         if k in ("name", "title") and len(w) >= 2)
                for name, spec in material.fields.items():
                    if party is None:
                        fit = hit.score if named and name == _field_of(material, hit.label) else 0.0
                    elif spec.section == party:  # a party's column: its rows give its fields, its name row its name
                        fit = max((_grammar_score(core, _REMARK.sub("", canon(lab)), _TYPE_KIND.get(spec.type),
                                                  p.head_words) for lab in spec.labels), default=0.0)
                        if named and name == p.sole_name(party):
                            fit = max(fit, hit.score)
                    else:
                        fit = 0.0
                    if fit < LABEL_BOX:
                        continue
                    typed = clean_value(spec.type, text, spec.part, spec.values, None)
                    if typed is None or not p.fits(spec, text, typed.value):
                        continue
                    out.append(_Cand(name, fit * (1.0 if typed.valid else INVALID), hit, cell[0], typed, text,
                                     (cell[0].idx, 0)))
    return out


def _field_of(material: Material, label: str) -> str | None:
    return next((name for name, spec in material.fields.items() if label in {canon(lab) for lab in spec.labels}), None)


def _assign(cands: list[_Cand], material: Material) -> dict[str, _Cand]:
    """Best-scored first; a value (token, first character) serves one field unless the fields share
    the label (a date range's start and end); ``other_than`` fields differ from their twin."""
    chosen: dict[str, _Cand] = {}
    used: dict[tuple[int, int], _Cand] = {}
    rounds = [[c for c in cands if not material.fields[c.field].other_than],
              [c for c in cands if material.fields[c.field].other_than]]
    for group in rounds:
        for c in sorted(group, key=lambda c: -c.score * c.line.confidence):
            if c.field in chosen:
                continue
            other = used.get(c.key)
            if other is not None and not (other.hit == c.hit and material.fields[other.field].part
                                          and material.fields[c.field].part):
                continue
            twin = material.fields[c.field].other_than
            if twin and twin in chosen and chosen[twin].typed.value == c.typed.value:
                continue
            chosen[c.field] = c
            used.setdefault(c.key, c)
    return chosen


def _disagreeing(cands: list[_Cand], chosen: dict[str, _Cand]) -> list[str]:
    """Fields read from prose whose patterns disagree (a price in figures and in words): which one is
    right is a person's call. (Labels found twice are told apart by the assignment and ``other_than``.)"""
    out: list[str] = []
    for name, best in chosen.items():
        if best.hit is None and best.typed.valid and any(
                c.field == name and c.hit is None and c.typed.valid and c.typed.value != best.typed.value
                for c in cands):
            out.append(name)
    return out


@dataclass
class Reading:
    fields: dict[str, ExtractedField]
    unread: dict[str, str]
    layout: Layout


def read_fields(page: OcrPage, material_id: str, catalog: Catalog, region: list[int] | None = None,
                rules: list[Rule] | None = None) -> Reading:
    """The catalog's fields for ``material_id`` from one page (or one region of it: OCR line indices),
    and the fields labelled on it whose value was not read confidently (field → reason code).
    ``rules``: the page image's table rules (``layout.ruled_lines``): a value stays in its cell."""
    material = catalog.materials[material_id]
    p = _Page(page, material, catalog, region, rules)
    cands: list[_Cand] = []
    labelled: dict[str, list[str]] = {}
    for name, spec in material.fields.items():
        birth = None  # an ID number is checked against the 出生 read on the same page
        if spec.type == "id_number" and "birth_date" in material.fields:
            births = [c for c in _label_cands(p, "birth_date", material.fields["birth_date"], None, {})]
            birth = max(births, key=lambda c: c.score).typed.value if births else None
        if spec.all_patterns():
            cands += _pattern_cands(p, name, spec, birth)
        if spec.labels:
            cands += _label_cands(p, name, spec, birth, labelled)
    cands += _grid_cands(p, material)
    cands += _lone_identifier_cands(p, material)
    chosen = _assign(cands, material)
    ex = catalog.extraction
    unread: dict[str, str] = {name: ex.code("ambiguous") for name in _disagreeing(cands, chosen)}
    for name in material.fields:
        c = chosen.get(name)
        if name in unread:
            continue
        if c is None:
            if name in labelled:
                codes = labelled[name]
                unread[name] = ex.code(next((c for c in ("ambiguous", "wrong_type") if c in codes), "label_without_value"))
        elif c.line.confidence * min(c.score / (1.0 if c.typed.valid else INVALID), 1.0) < ex.min_confidence:
            unread[name] = ex.code("low_confidence")  # (an invalid value is read: its check failed, it is not unsure)
    # a party's head on the page (委托代理人) whose fields carry no label or value at all
    present = {p.section_of(h) for hits in p.hits for h in hits if h.label in p.heads}
    for name, spec in material.fields.items():
        if spec.section and spec.section in present and name not in chosen and name not in unread:
            unread[name] = ex.code("section_unread")
    if material.one_page:  # a field the document always prints, found nowhere: never silently absent
        for name, spec in material.fields.items():
            if not spec.optional and name not in chosen and name not in unread:
                unread[name] = ex.code("not_found")
    fields = {name: _field(page, chosen[name]) for name in material.fields if name in chosen}
    return Reading(fields, unread, p.layout)


def extract_fields(page: OcrPage, material_id: str, catalog: Catalog) -> dict[str, ExtractedField]:
    """The catalog's fields for ``material_id``, read from one page."""
    return read_fields(page, material_id, catalog).fields
