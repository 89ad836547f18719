"""Documents (pages) → material instances: a two-sided card's sides photographed apart are one card
(the sides are the catalog's ``sides:``); consecutive pages of one material in one file are one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from yichuang.extractors.catalog import Catalog, Material

from yichuang.types import Document, ExtractedField


@dataclass
class Instance:
    material: str
    docs: list[Document]
    fields: dict[str, ExtractedField] = field(default_factory=dict)

    @property
    def refs(self) -> list[str]:
        return [d.ref for d in self.docs]

    def value(self, name: str) -> str | None:
        f = self.fields.get(name)
        return f.value if f else None


def _merge(material: str, docs: list[Document]) -> Instance:
    fields: dict[str, ExtractedField] = {}
    for doc in docs:
        for name, detail in doc.field_details.items():
            fields.setdefault(name, detail)
    return Instance(material, docs, fields)


def _sides(doc: Document, material: Material) -> frozenset[str]:
    """The catalog sides whose fields this page shows (none, one, or all of them for a copy of both)."""
    return frozenset(s.label for s in material.sides if any(doc.fields.get(f) for f in s.fields))


def _cards(material_id: str, material: Material, docs: list[Document]) -> list[Instance]:
    """A two-sided card's pages in order → cards: two neighbouring pages that each show one different
    side are one card photographed side by side or apart."""
    out: list[Instance] = []
    i = 0
    while i < len(docs):
        doc, nxt = docs[i], docs[i + 1] if i + 1 < len(docs) else None
        a = _sides(doc, material)
        b = _sides(nxt, material) if nxt is not None else frozenset()
        if nxt is not None and len(a) == len(b) == 1 and a != b:
            out.append(_merge(material_id, [doc, nxt]))
            i += 2
        else:
            out.append(_merge(material_id, [doc]))
            i += 1
    return out


def build_instances(documents: list[Document], catalog: Catalog | None = None) -> list[Instance]:
    if catalog is None:
        from yichuang.extractors.catalog import load_catalog

        catalog = load_catalog()
    two_sided = {mid: m for mid, m in catalog.materials.items() if len(m.sides) >= 2}
    out: list[Instance] = []
    for mid, material in two_sided.items():
        out += _cards(mid, material, [d for d in documents if d.material == mid])
    run: list[Document] = []
    for doc in documents:
        if doc.material in two_sided or doc.material == "unknown":
            if run:
                out.append(_merge(run[0].material, run))
                run = []
            continue
        # consecutive pages of one material in one file, or a page that continues the one before
        # (one file is one original, known by its page ids: two files both called image.jpg never mix)
        if run and (run[-1].material != doc.material or (run[-1].file_id != doc.file_id and doc.continues is None)
                    or doc.region > 1):
            out.append(_merge(run[0].material, run))
            run = []
        run.append(doc)
    if run:
        out.append(_merge(run[0].material, run))
    order = {id(d): n for n, d in enumerate(documents)}  # by position: refs are names, and names repeat
    return sorted(out, key=lambda inst: order[id(inst.docs[0])])
