"""Documents (pages) → material instances: an ID card's front and back photographed apart are one
card; consecutive pages of one material in one file are one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from yichuang.types import Document, ExtractedField

FRONT = {"name", "sex", "ethnicity", "birth_date", "address", "id_number"}
BACK = {"issuer", "valid_from", "valid_until"}


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


def _side(doc: Document) -> str:
    keys = set(doc.fields)
    front, back = bool(keys & FRONT), bool(keys & BACK)
    return "both" if front and back else "front" if front else "back" if back else "none"


def build_instances(documents: list[Document]) -> list[Instance]:
    out: list[Instance] = []
    ids = [d for d in documents if d.material == "id_card"]
    i = 0
    while i < len(ids):
        doc = ids[i]
        nxt = ids[i + 1] if i + 1 < len(ids) else None
        if nxt is not None and {_side(doc), _side(nxt)} == {"front", "back"}:
            out.append(_merge("id_card", [doc, nxt]))
            i += 2
        else:
            out.append(_merge("id_card", [doc]))
            i += 1
    run: list[Document] = []
    for doc in documents:
        if doc.material in ("id_card", "unknown"):
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
