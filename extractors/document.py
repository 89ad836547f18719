"""OCR page → documents: material, fields, what was labelled but not read.

A capture holds documents, not pages: two cards photographed side by side (an ID card's front and
back on one image) come out as two documents, one per region of the page; a page that carries on
the document before it (a contract's page 2 with no title) joins that document (``continues``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yichuang.extractors.catalog import Catalog, Material, load_catalog
from yichuang.extractors.fields import read_fields
from yichuang.extractors.layout import Rule, Token, cut_once, tokens_of
from yichuang.extractors.recognise import (
    PageTitle,
    Recognition,
    page_title,
    recognise,
    shares_title_word,
    text_has,
)
from yichuang.extractors.validators import id_number_parts

from yichuang.types import Document, ExtractedField, OcrPage, SealScan, Signature


def _derive(details: dict[str, ExtractedField], material: Material) -> None:
    """Fields a valid number encodes (the catalog's ``derived:``: a 公民身份号码's birth date and sex,
    GB 11643): filled when the printed ones could not be read (a single 女 is easily missed), at a
    lower confidence."""
    for name, how in material.derived.items():
        num = details.get(how.from_)
        if name in details or num is None or not num.valid:
            continue
        value = id_number_parts(num.value).get(how.part)
        if value:
            details[name] = num.model_copy(update={"value": value, "confidence": round(num.confidence * how.confidence, 4),
                                                   "raw": f"from {material.label_of(how.from_)} {num.value}"})


_NOT_WRITTEN = re.compile(r"[\s\d０-９:：,，.。、()（）\-—_/|]|年|月|日")
_PRINTED_NEAR = re.compile(r"签|章|盖|日期|印|手")


def written_in_box(page: OcrPage, sig: Signature) -> bool:
    """OCR read a name written after the signature label on its own line (甲方（签字）：张三): two to
    six characters that are no date (年 月 日, digits) and no printed word of a signature line."""
    for line in page.lines:
        at = line.text.find(sig.label)
        ys = [p[1] for p in line.box]
        if at < 0 or not (min(ys) <= (sig.box[1] + sig.box[3]) / 2 <= max(ys) + (max(ys) - min(ys))):
            continue
        rest = _NOT_WRITTEN.sub("", line.text[at + len(sig.label):])
        if 2 <= len(rest) <= 6 and not _PRINTED_NEAR.search(rest) and all("\u4e00" <= c <= "\u9fff" for c in rest):
            return True
    return False


def _marks(page: OcrPage) -> SealScan | None:
    """The page's seal and signature evidence, a signature box the ink left ``unclear`` counted as
    signed when OCR read a name written in it: the pen was light, the writing is there."""
    if page.seals is None or not any(s.state == "unclear" for s in page.seals.signatures):
        return page.seals
    sigs = [s.model_copy(update={"state": "signed"}) if s.state == "unclear" and written_in_box(page, s) else s
            for s in page.seals.signatures]
    return page.seals.model_copy(update={"signatures": sigs})


def rules_of(page: OcrPage) -> list[Rule]:
    """The page's table rules (found from the image when it was read) as the layout step takes them."""
    return [Rule(r.x0, r.y0, r.x1, r.y1, r.vertical) for r in page.rules]


def _fields(page: OcrPage, material: str, catalog: Catalog) -> tuple[dict[str, ExtractedField], dict[str, str]]:
    """The page's fields read as ``material``, each carrying the page's identity."""
    reading = read_fields(page, material, catalog, rules=rules_of(page))
    return {k: v.model_copy(update={"page_id": page.page_id}) for k, v in reading.fields.items()}, reading.unread


def _document(page: OcrPage, rec: Recognition, catalog: Catalog, region: int = 0) -> Document:
    details: dict[str, ExtractedField] = {}
    unread: dict[str, str] = {}
    if rec.material != "unknown":
        details, unread = _fields(page, rec.material, catalog)
    material = catalog.materials.get(rec.material)
    if material is not None and material.derived:
        _derive(details, material)
        details = {k: details[k] for k in material.fields if k in details}
        unread = {k: v for k, v in unread.items() if k not in details}
    return Document(source=page.source, page=page.page, page_id=page.page_id, material=rec.material,
                    confidence=rec.confidence, best_guess=rec.best_guess, recognised_as=rec.recognised_as,
                    region=region, fields={k: v.value for k, v in details.items()}, field_details=details,
                    unread=unread, quality=page.quality, seals=_marks(page))


FIELDS_PLACE = 0.75  # the share of a material's always-printed fields a page must yield to be placed by them


def _yielded(page: OcrPage, material_id: str, catalog: Catalog) -> float:
    """The share of the material's always-printed fields read on the page as values of their type."""
    names = [n for n, spec in catalog.materials[material_id].fields.items() if not spec.optional]
    if not names:
        return 0.0
    got = read_fields(page, material_id, catalog, rules=rules_of(page)).fields
    return sum(n in got and got[n].valid for n in names) / len(names)


def place(page: OcrPage, catalog: Catalog) -> Recognition:
    """``recognise``, and for a page it placed nowhere that is titled as a kind of paper in wording the
    catalog does not list (房屋转让合同, 犬只免疫接种凭证): the material of that kind whose title core it
    shares a run of two characters or more with (房屋 of 房屋买卖, 免疫 of 免疫证明) and whose fields the
    page yields — ``FIELDS_PLACE`` of those it always prints, read as values of their type, more than
    any other such material. A look-alike, a page of another kind or one sharing no word of a title
    stays ``unknown``."""
    rec = recognise(page, catalog)
    if rec.material != "unknown" or rec.recognised_as is not None:
        return rec
    title = page_title(page, catalog)
    if title is None or title.kind is None:
        return rec
    shares = {mid: _yielded(page, mid, catalog) for mid, m in catalog.materials.items()
              if m.recognise.kind == title.kind and shares_title_word(m.recognise.titles, title, catalog)}
    ranked = sorted(shares.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < FIELDS_PLACE or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return rec
    mid = ranked[0][0]
    return Recognition(mid, catalog.materials[mid].recognise.min_score, None, titled=True)


def read_document(page: OcrPage, catalog: Catalog | None = None) -> Document:
    """The whole page as one document."""
    catalog = catalog or load_catalog()
    return _document(page, place(page, catalog), catalog)


def reread_as(doc: Document, material: str, page: OcrPage | None, catalog: Catalog | None = None) -> Document:
    """A document a person says is ``material`` (a clerk's correction): its fields read again as that
    material from the page's reading (none without it, or for "unknown"), at full confidence."""
    catalog = catalog or load_catalog()
    details, unread = _fields(page, material, catalog) if page is not None and material != "unknown" else ({}, {})
    return doc.model_copy(update={"material": material, "confidence": 1.0, "best_guess": None,
                                  "recognised_as": None, "fields": {k: v.value for k, v in details.items()},
                                  "field_details": details, "unread": unread})


def _sub_page(page: OcrPage, lines: list[int]) -> OcrPage:
    return page.model_copy(update={"lines": [page.lines[i] for i in sorted(lines)]})


MIN_REGION_FIELDS = 2


def _regions(page: OcrPage, tokens: list[Token], ids: list[int], catalog: Catalog, depth: int = 2) -> list[list[int]]:
    """The page's regions: cut at the widest empty band while both sides are recognised on their
    own — issued cards side by side or one above the other; a form in sections stays whole."""
    cut = cut_once(tokens, ids) if depth else None
    if cut is None:
        return [ids]
    subs = [_sub_page(page, [i for t in part for i in tokens[t].lines]) for part in cut]
    recs = [recognise(sub, catalog) for sub in subs]
    materials = [r.material for r in recs]
    if "unknown" in materials:
        return [ids]
    # a document has values: a column of labels or of values alone is not one
    if any(len(read_fields(sub, r.material, catalog).fields) < MIN_REGION_FIELDS for sub, r in zip(subs, recs, strict=True)):
        return [ids]
    if materials[0] == materials[1]:  # two of a kind: two cards, or one document's two halves?
        sided = len(catalog.materials[materials[0]].recognise.labels) > 1  # a card's front and back
        if not (catalog.materials[materials[0]].issued and (sided or all(r.titled for r in recs))):
            return [ids]
    return [r for part in cut for r in _regions(page, tokens, part, catalog, depth - 1)]


def read_documents(page: OcrPage, catalog: Catalog | None = None) -> list[Document]:
    """Every document on the page: one per region (see ``_regions``), else the whole page."""
    catalog = catalog or load_catalog()
    if page.lines:
        tokens, _ = tokens_of(page, [])
        parts = _regions(page, tokens, list(range(len(tokens))), catalog)
        if len(parts) > 1:
            subs = [_sub_page(page, [i for t in part for i in tokens[t].lines]) for part in parts]
            return [_document(sub, place(sub, catalog), catalog, n) for n, sub in enumerate(subs, 1)]
    return [read_document(page, catalog)]


CONTINUES = ["第[一二三四五六七八九十百\\d]+条", "签字", "签章", "盖章", "甲方", "乙方", "委托人", "申请人"]


def _names(material: Material, title: PageTitle, catalog: Catalog) -> bool:
    """The page's title is one of the material's, misread or in another wording of its core."""
    titles = material.recognise.titles
    return not titles or any(text_has(t, [title.text], whole=True) >= 0.8 for t in titles) or \
        shares_title_word(titles, title, catalog)


def join_continuations(docs: list[Document], ocr_of: Callable[[Document], OcrPage | None],
                       catalog: Catalog | None = None) -> list[Document]:
    """A page that carries on the document before it joins it: an unplaced page, or one placed as the
    same material without its title, right after a multi-page material (a contract, an application,
    a power of attorney) that is not an issued card. Its fields are read as that material's."""

    catalog = catalog or load_catalog()
    out: list[Document] = []
    heads: list[int] = []  # for each document of ``out``, the index of the document it is part of
    for doc in docs:
        head = out[heads[-1]] if out else None  # by position, never by name: two files may share one
        if head is None or head.material == "unknown" or catalog.materials[head.material].issued \
                or doc.region or doc.recognised_as:
            heads.append(len(out))
            out.append(doc)
            continue
        page = ocr_of(doc) if doc.material in ("unknown", head.material) else None
        if page is None:
            heads.append(len(out))
            out.append(doc)
            continue
        rec = recognise(page, catalog)
        text = page.text()
        title = page_title(page, catalog)
        own_kind = catalog.materials[head.material].recognise.kind
        carries = (doc.material == "unknown" and (doc.best_guess is None or doc.best_guess.material == head.material
                                                  or any(re.search(w, text) for w in CONTINUES))) \
            or (doc.material == head.material and not rec.titled)
        if title is not None and title.kind is not None and own_kind is not None and title.kind != own_kind:
            carries = False  # titled as another kind of paper (a 注销登记申请书 after a contract): its own document
        elif title is not None and not _names(catalog.materials[head.material], title, catalog):
            carries = False  # titled as another paper of the kind (a 抵押借款合同 after a 买卖合同): its own too
        if not carries:
            heads.append(len(out))
            out.append(doc)
            continue
        fields, unread = _fields(page, head.material, catalog)
        # a part of a document: what it does not print is on the other pages, not missing
        unread = {k: v for k, v in unread.items() if v != "not_found"}
        at = heads[-1]
        out[at] = head.model_copy(update={"unread": {k: v for k, v in head.unread.items()
                                                     if not (v == "not_found" and k in fields)}})
        heads.append(at)
        out.append(doc.model_copy(update={
            "material": head.material, "confidence": round(max(doc.confidence if doc.material != "unknown" else 0.0,
                                                                (doc.best_guess.score if doc.best_guess else 0.5)), 4),
            "best_guess": None, "continues": out[at].ref, "fields": {k: v.value for k, v in fields.items()},
            "field_details": fields, "unread": unread}))
    return out


def read_pages(pages: list[OcrPage], catalog: Catalog | None = None,
               refine: Callable[[Document, OcrPage], Document] | None = None) -> list[Document]:
    """Pages in input order → documents (regions split, continuation pages joined). ``refine`` gets
    each page that holds one document, before joining (the fast OCR profile's second look)."""
    catalog = catalog or load_catalog()
    by_id = {p.page_id or f"{p.source}#{p.page}": p for p in pages}
    docs: list[Document] = []
    for page in pages:
        found = read_documents(page, catalog)
        docs.extend([refine(found[0], page)] if refine and len(found) == 1 else found)
    return join_continuations(docs, lambda d: by_id.get(d.page_id or d.ref), catalog)
