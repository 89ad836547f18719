"""Page → material, from the catalog's recognition hints (titles, labels, words, exclusions).

Matching is OCR-tolerant: a label of three or more characters matches with one misread
character (rapidfuzz partial ratio). A page that matches nothing well is ``unknown`` and keeps
its best guess; it is never forced into a class.

Kind of paper before which paper: the page's title (its tallest top row ending with a mark of the
catalog's ``kinds``: 许可证, 申请书, 合同 …) says what kind of paper it is. A material of another
kind is ruled out however many of its labels the page shows (an issued 食品经营许可证 carries all
the labels of its 申请书); a title of the material's own kind matches on its core, the title with
the kind's word set aside (二手房屋买卖协议 ≈ 房屋买卖合同).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from yichuang.extractors.catalog import Catalog, LookAlike, Material
from yichuang.extractors.normalise import canon
from yichuang.extractors.reading_order import group_rows

from yichuang.types import Guess, OcrPage

TITLE_LINES = 8
TITLE_MAX = 24  # a title row is short; a longer one is a sentence of the body
CORE_MIN = 3  # a shorter core (户口, 健康, 租赁) names too many papers (户口迁移证) to count as a whole title:
SHORT_CORE = 0.6  # it counts this much, so the page's labels must carry the rest
KIND_PENALTY = 0.3  # a page titled as another kind of paper keeps this share of its score
# a titled page's labels may be its fields' wordings rather than the recognition labels: a share of
# them found counts this much as evidence (never alone: an untitled page is placed by its recognition labels)
LEXICON_WEIGHT = 0.6
TITLE_TYPE = 1.3  # a title is set at least this much larger than the labels of a row it shares
OTHER_TITLE_PENALTY = 0.6  # titled as a paper of the same kind sharing under half of each of its titles
# （副本） (正本) （三联 (its bracket's close lost by OCR) a page number. One character per repetition: a nested "+" here backtracks
# exponentially on a long row of digits that does not end the row (a form's ID number cells).
_NOT_TITLE = ":：，。；"  # a label's colon, a sentence's commas and stops
# a label's remark in brackets names the paper its value comes from (统一社会信用代码（营业执照号码）, 经营场所
# （与营业执照一致）): it rules nothing out. Its close may be lost (the next row got it).
_REMARK = re.compile(r"[（(][^（()）]*(?:[）)]|$)")
_TRAILER = re.compile(r"(?:[（(][^）)]{0,6}[）)]?|[\s\d.．、,，;；\-—_|])+$")


def text_has(needle: str, texts: list[str], exact_only: bool = False, whole: bool = False) -> float:
    """1.0 when ``needle`` occurs in one of ``texts``; a fuzzy score ≥ 0.8 for one misread; else 0.

    ``whole`` (titles): a fuzzy hit on fewer characters than the needle has must end its text (a
    title that lost a character: 营业执) or the text must end as the needle does (授权委托证明书 for
    授权委托书: the paper's word comes last). Where the text goes on to end otherwise it names
    another paper, not a misreading (户口迁移证 has 户口, not 户口簿)."""
    needle = canon(needle)
    if any(needle in t for t in texts):
        return 1.0
    if exact_only or len(needle) < 3:
        return 0.0
    cutoff = 80 if len(needle) >= 5 else 74
    best = 0.0
    for t in texts:
        if len(t) < len(needle) - 1:
            continue
        hit = fuzz.partial_ratio_alignment(needle, t, score_cutoff=cutoff)
        if hit is None:
            continue
        rest = _TRAILER.sub("", t)[hit.dest_end:]
        if whole and hit.dest_end - hit.dest_start < len(needle) and rest and rest[-1] != needle[-1]:
            continue
        best = max(best, hit.score)
    return best / 100 if best else 0.0


def _title_score(titles: list[str], texts: list[str], heads: list[str] | None = None,
                 cells: frozenset[str] = frozenset()) -> float:
    """The best title match in the page's first lines; a "label：value" line is no title (个体户字号：…),
    nor a line of prose that names the paper (…遗失居民身份证，声明作废。), nor a table's value cell
    (``cells``: 提供证件情况 | 居民身份证、户口簿 names the papers shown, it is not their title)."""
    head = [t for t in texts[:TITLE_LINES] if len(t) <= 30 and not any(c in t for c in _NOT_TITLE)
            and t not in cells] + list(heads or [])
    return max((text_has(title, head, whole=True) for title in titles), default=0.0)


def value_cells(page: OcrPage) -> frozenset[str]:
    """The top rows' value cells (canonical): a box right of a label on a row of a table or a form
    below the page's first row, set in type not clearly larger than the label's (``TITLE_TYPE``). A
    title beside a small label (统一社会信用代码 … 营业执照 on a licence's top row) is set larger, and a
    title on the first row beside a word (存根 | 犬只狂犬病免疫证明: a counterfoil) heads the page."""
    out: set[str] = set()
    for row in group_rows(page.lines)[1:TITLE_LINES]:
        if not _label_and_value(row):
            continue
        first = abs(row[0].box[3][1] - row[0].box[0][1])
        out.update(t for x in row[1:] if (t := canon(x.text)) and abs(x.box[3][1] - x.box[0][1]) <= TITLE_TYPE * first)
    return frozenset(out)


def head_rows(page: OcrPage) -> list[str]:
    """The first rows' boxes joined: a letter-spaced title OCR cut into boxes ("营" "业" "执" "照"); a
    row of a table (a label and its value far apart) is no title."""
    rows = group_rows(page.lines)[:TITLE_LINES]
    return [t for row in rows if len(row) > 1 and not _label_and_value(row)
            and len(t := canon("".join(x.text for x in row))) <= 30]


SPACED_PIECE = 2  # a letter-spaced label comes out of OCR as pieces of one or two characters (姓 | 名, 性 | 别)


def spaced_labels(page: OcrPage) -> list[str]:
    """Labels printed letter-spaced that OCR cut into boxes, joined again: on each row, a run of short
    pieces and the box after it (姓 | 名 | 许静 → 姓名许静; 姓 | 名：林宇 → 姓名：林宇)."""
    out: list[str] = []
    for row in group_rows(page.lines):
        texts = [canon(x.text) for x in row]
        i = 0
        while i < len(texts):
            if not texts[i] or len(texts[i]) > SPACED_PIECE:
                i += 1
                continue
            j = i + 1
            while j < len(texts) and texts[j] and len(texts[j]) <= SPACED_PIECE:
                j += 1
            run = "".join(texts[i:min(j + 1, len(texts))])
            if j > i + 1 or j < len(texts):
                out.append(run)
            i = j
    return out


def page_rows(page: OcrPage) -> list[list[str]]:
    """The page's rows top to bottom, each as its boxes' texts and (for several boxes) their join."""
    out: list[list[str]] = []
    for row in group_rows(page.lines):
        texts = [t for x in row if (t := canon(x.text))]
        if texts:
            out.append(texts + ["".join(texts)] if len(texts) > 1 else texts)
    return out


def title_region(material: Material | LookAlike, rows: list[list[str]]) -> list[str]:
    """Where a material's exclusions are looked for: its top rows before the first row that begins
    with one of its labels, and the first rows that carry its title — never the body, whose running
    text may name anything (a licence's 经营范围 says 凭许可证经营, a contract 不存在租赁)."""
    rec = material.recognise
    labels = [canon(lab) for profile in rec.labels for lab in profile]
    out: list[str] = []
    opened = False
    for n, row in enumerate(rows[:TITLE_LINES]):
        opened = opened or (n > 0 and any(row[0].startswith(lab) for lab in labels))
        titled = any(text_has(t, [x for x in row if len(x) <= 30]) >= 0.8 for t in rec.titles)
        if not opened or titled:
            out += [x for x in row if len(x) <= 30]
    return out


@dataclass(frozen=True)
class PageTitle:
    text: str  # the title row, canonical, its trailer (（副本）, a page number) cut off
    kind: str | None  # the catalog kind it names, or None
    core: str  # the title without its kind's word (房屋租赁合同 → 房屋租赁)


def kind_of(title: str, catalog: Catalog) -> str | None:
    """The kind a title names: the first ``qualifies`` kind whose mark it contains anywhere (注销, 委托),
    else the kind of the longest mark it ends with (the head noun comes last: 存量房买卖合同网签备案表 is
    a filing), else the first kind (in the catalog's order) whose mark it contains."""
    kinds = catalog.kinds.items()
    found = next((kid for kid, kind in kinds if kind.qualifies and any(m in title for m in kind.marks)), None)
    if found is None:
        ends = [(len(m), kid) for kid, kind in kinds for m in kind.marks if title.endswith(m)]
        found = max(ends, key=lambda e: e[0])[1] if ends else None
    return found or next((kid for kid, kind in kinds if any(m in title for m in kind.marks)), None)


def title_core(title: str, catalog: Catalog) -> str:
    """The title with the longest kind mark it ends with cut off ("食品经营许可申请书" → "食品经营许可")."""
    ends = [m for kind in catalog.kinds.values() for m in kind.marks if title.endswith(m)]
    return title[: len(title) - max(map(len, ends))] if ends else title


def page_title(page: OcrPage, catalog: Catalog) -> PageTitle | None:
    """The page's title: among its top rows that are short, hold no "label：value" and end with a kind's
    mark, the one set in the tallest type. None when no row looks like a title (an ID card front, a
    contract's page 2) — then the kind rules nothing out."""
    if not catalog.kinds:
        return None
    ends = sorted({m for kind in catalog.kinds.values() for m in kind.marks}, key=len, reverse=True)
    best: tuple[float, str] | None = None
    for row in group_rows(page.lines)[:TITLE_LINES]:
        raw = canon("".join(x.text for x in row))
        if len(raw) > 3 * TITLE_MAX or _label_and_value(row):
            continue  # a row of a table or of prose, not a title
        text = _TRAILER.sub("", raw)
        if not text or len(text) > TITLE_MAX or any(c in raw for c in ":：") or not text.endswith(tuple(ends)):
            continue
        height = max(abs(x.box[3][1] - x.box[0][1]) for x in row)
        if best is None or height > best[0] * 1.15:
            best = (height, text)
    if best is None:
        return None
    return PageTitle(best[1], kind_of(best[1], catalog), title_core(best[1], catalog))


def _label_and_value(row: list) -> bool:
    """A row of a table, not a title: boxes of words far apart (身份证明类型 | 居民身份证). A title cut
    into boxes is letter-spaced (营 业 执 照: a character or two each) or its pieces sit close."""
    if len(row) < 2 or all(len(canon(x.text)) <= 2 for x in row):
        return False
    height = max(abs(x.box[3][1] - x.box[0][1]) for x in row)
    return any(b.box[0][0] - a.box[1][0] > 1.5 * height for a, b in zip(row, row[1:], strict=False))


def _core_score(titles: list[str], title: PageTitle, catalog: Catalog) -> float:
    """A title variant of the same kind: the material's title core inside the page's (exact for a short
    core, one misread character for five or more; a two-character core is only part of a title)."""
    best = 0.0
    for t in titles:
        t = canon(t)
        if kind_of(t, catalog) != title.kind or (core := title_core(t, catalog)) == t or len(core) < 2:
            continue
        weight = 1.0 if len(core) >= CORE_MIN else SHORT_CORE
        best = max(best, weight * text_has(core, [title.core], exact_only=len(core) < 5))
    return best


def score_material(material: Material | LookAlike, texts: list[str], heads: list[str] | None = None,
                   rows: list[list[str]] | None = None, title: PageTitle | None = None,
                   catalog: Catalog | None = None, cells: frozenset[str] = frozenset()) -> float:
    rec = material.recognise
    titled = _title_score(rec.titles, texts, heads, cells) if rec.titles else 0.0
    if title is not None and catalog is not None and title.kind is not None and title.kind == rec.kind:
        titled = max(titled, _core_score(rec.titles, title, catalog))
    evidence = 0.0
    for profile in rec.labels:
        evidence = max(evidence, sum(text_has(lab, texts) for lab in profile) / len(profile))
    if rec.words:
        evidence = max(evidence, min(1.0, 2 * sum(text_has(w, texts) for w in rec.words) / len(rec.words)))
    if titled > 0 and isinstance(material, Material):
        evidence = max(evidence, LEXICON_WEIGHT * _lexicon_share(material, texts))
    score = 0.5 * titled + 0.5 * evidence if titled > 0 else 0.75 * evidence
    where = [t for x in (title_region(material, rows) if rows is not None else texts) if (t := _REMARK.sub("", x))]
    if any(text_has(word, where, exact_only=len(word) < 4) >= 0.9 for word in rec.exclude):
        score *= 0.3
    if title is not None and title.kind is not None and rec.kind is not None and title.kind != rec.kind:
        score *= KIND_PENALTY
    elif title is not None and catalog is not None and titled == 0 and title.kind is not None and \
            title.kind == rec.kind and rec.titles and _overlap(rec.titles, title, catalog) < 0.5:
        score *= OTHER_TITLE_PENALTY  # titled as another paper of its kind (居住证, 机动车驾驶证 for 居民身份证)
    return round(score, 4)


def _lexicon_share(material: Material, texts: list[str]) -> float:
    """The share of the material's always-printed fields one of whose label wordings (the lexicon) is
    on the page as written: a local form's wordings (个体户字号, 实际经营地址) are not its recognition
    labels, but they are its fields' labels."""
    specs = [spec for spec in material.fields.values() if spec.labels and not spec.optional]
    if not specs:
        return 0.0
    return sum(any(canon(lab) in t for lab in spec.labels for t in texts) for spec in specs) / len(specs)


def _common_run(a: str, b: str) -> int:
    """The length of the longest run of characters both strings have."""
    best, prev = 0, [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _core_runs(titles: list[str], title: PageTitle, catalog: Catalog) -> list[tuple[int, int]]:
    """For each of the material's title cores: (the longest run of it the page's title core holds, its
    length), the words every state paper carries (中华人民共和国) set aside."""
    def strip(text: str) -> str:
        for w in catalog.generic_title_words:
            text = text.replace(canon(w), "")
        return text

    page = strip(title.core)
    cores = [c for t in titles if (c := strip(title_core(canon(t), catalog)))]
    return [(_common_run(c, page), len(c)) for c in cores]


def _overlap(titles: list[str], title: PageTitle, catalog: Catalog) -> float:
    """The largest share of one of the material's title cores that the page's title core holds as one
    run: 居住 shares 1 of 居民身份's 4."""
    return max((run / size for run, size in _core_runs(titles, title, catalog)), default=1.0)


def shares_title_word(titles: list[str], title: PageTitle, catalog: Catalog) -> bool:
    """The page's title core holds a run of two characters or more that is half of one of the titles'
    cores or more (房屋转让 holds 房屋 of 房屋买卖; 婚姻登记记录 holds only 婚 of 结婚)."""
    return any(run >= 2 and run >= size / 2 for run, size in _core_runs(titles, title, catalog))


@dataclass(frozen=True)
class Recognition:
    material: str
    confidence: float
    best_guess: Guess | None
    recognised_as: str | None = None  # a look-alike the page is (catalog ``lookalikes``)
    titled: bool = True  # the page's head carries the material's title


def _lookalike(catalog: Catalog, texts: list[str], heads: list[str], rows: list[list[str]],
               best_score: float, title: PageTitle | None, cells: frozenset[str] = frozenset()) -> str | None:
    """The look-alike this page is, when it fits one at least as well as any material."""
    scored = {lid: score_material(look, texts, heads, rows, title, catalog, cells)
              for lid, look in catalog.lookalikes.items()}
    fits = {lid: s for lid, s in scored.items() if s >= catalog.lookalikes[lid].recognise.min_score and s >= best_score}
    return max(fits, key=lambda k: fits[k]) if fits else None


def recognise(page: OcrPage, catalog: Catalog) -> Recognition:
    texts = [canon(line.text) for line in page.lines]
    texts = [t for t in texts if t]
    texts += [t for t in spaced_labels(page) if t not in texts]  # after the first lines: never a title
    heads = head_rows(page) if texts else []
    rows = page_rows(page)
    title = page_title(page, catalog) if texts else None
    cells = value_cells(page) if texts else frozenset()
    scores = ({mid: score_material(m, texts, heads, rows, title, catalog, cells) for mid, m in catalog.materials.items()}
              if texts else {})
    if not scores:
        return Recognition("unknown", 0.0, None)
    best = max(scores, key=lambda k: scores[k])
    guess = Guess(material=best, score=scores[best])
    look = _lookalike(catalog, texts, heads, rows, scores[best], title, cells)
    if look is not None:
        return Recognition("unknown", score_material(catalog.lookalikes[look], texts, heads, rows, title, catalog, cells),
                           guess, look)
    if scores[best] < catalog.materials[best].recognise.min_score:
        return Recognition("unknown", round(1 - scores[best], 4), guess)
    rec = catalog.materials[best].recognise
    titled = (not rec.titles or _title_score(rec.titles, texts, heads, cells) > 0
              or (title is not None and title.kind == rec.kind and _core_score(rec.titles, title, catalog) > 0))
    return Recognition(best, scores[best], None, titled=titled)
