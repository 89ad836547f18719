"""Leave-wordings-out: does the catalog's label matching recognise a label nobody wrote down?

For every label wording of the never-seen sets' wording files (``samples/fresh2_wording.yaml``,
``samples/fresh3_wording.yaml``) a one-row page is drawn from boxes — the label, its value right of it,
and the block's heading above it when the wording is a row of a block — and read with a catalog from
which that wording (and the heading) was **removed** wherever it stood (field labels, section heads,
extra labels, stop labels). The wording must then be resolved from its parts, by the label grammar
(``extraction.heads`` / ``party_words``) and the field's other wordings:

* a field's wording counts ``right`` when its field reads the value, ``wrong`` when another field
  takes it (worse than unread: a silent misreading), ``unread`` otherwise;
* a wording of an entry the catalog does not ask for (``others``: 从业人数, 犬只毛色 …) counts
  ``clean`` when no field takes its value: a label only similar to a field's must not pass for it.

No OCR, no image: it measures the lexicon alone. ``python -m bench.label_generalise`` prints the
numbers and every miss.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from yichuang.extractors.catalog import Catalog, load_catalog
from yichuang.extractors.fields import read_fields
from yichuang.extractors.normalise import canon
from yichuang.extractors.validators import id_check_char, uscc_check_char

from yichuang.types import OcrPage

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SETS = {"fresh2": SAMPLES / "fresh2_wording.yaml", "fresh3": SAMPLES / "fresh3_wording.yaml"}
MORE = {"fresh0": SAMPLES / "fresh_wording.yaml", "fresh4": SAMPLES / "fresh4_wording.yaml"}  # the first fresh set's wordings: in the bench, not the test's floors

_ID = "11010819640131290"
ID_NUMBER = _ID + id_check_char(_ID)
_CC = "92330106MA2H3Q4L1"
CREDIT_CODE = _CC + uscc_check_char(_CC)

# a value of each field as a person writes it, and what the extractor must make of it
VALUES: dict[str, tuple[str, str]] = {
    "name": ("贺志强", "贺志强"),
    "id_number": (ID_NUMBER, ID_NUMBER),
    "credit_code": (CREDIT_CODE, CREDIT_CODE),
    "phone": ("13912345678", "13912345678"),
    "address": ("浙江省杭州市西湖区文化街220号7栋4单元2401室", "浙江省杭州市西湖区文化街220号7栋4单元2401室"),
    "date": ("2026年3月5日", "2026-03-05"),
    "area": ("134.3平方米", "134.3"),
    "money": ("2530000元", "2530000"),
    "code": ("350102799265GB12375F09759679", "350102799265GB12375F09759679"),
}
FIELD_VALUES: dict[str, tuple[str, str]] = {  # text fields: a value of that field
    "trade_name": ("佳佳便利店", "佳佳便利店"),
    "applicant": ("西湖百汇便利店", "西湖百汇便利店"),
    "entity_name": ("西湖百汇便利店", "西湖百汇便利店"),
    "business_scope": ("预包装食品销售；日用百货销售", "预包装食品销售;日用百货销售"),
    "business_format": ("食品销售经营者", "食品销售经营者"),
    "entrusted_matter": ("个体工商户设立登记", "个体工商户设立登记"),
    "registration_type": ("转移登记", "转移登记"),
    "breed": ("柴犬", "柴犬"),
    "principal": ("肖志娜", "肖志娜"),
    "lessee": ("李明华", "李明华"),
}
OTHER_VALUES: dict[str, str] = {  # entries no field asks for: a value such an entry holds
    "staff": "3", "capital": "10", "form": "个人经营", "items": "预包装食品", "area": "60平方米",
    "dog_name": "旺财", "colour": "黄色", "sex": "公", "age": "24", "unit": "西湖百汇便利店",
    "kind": "食品销售", "id": ID_NUMBER, "contact": "13800001111",
}
KEY_FIELDS = {"start": "term_start", "end": "term_end"}  # the wording files' short keys


@dataclass(frozen=True)
class Item:
    set: str
    material: str
    field: str | None  # None: an entry no field asks for (its value must go to no field)
    key: str
    wording: str
    heading: str | None = None


def _rows(set_name: str, material: str, table: dict, catalog: Catalog, *, others: bool = False,
          heading: list[str] | None = None) -> list[Item]:
    out: list[Item] = []
    fields = catalog.materials[material].fields
    for key, labels in table.items():
        if not isinstance(labels, list):
            continue
        field = KEY_FIELDS.get(key, key)
        field = field if field in fields and not others else None
        if field is None and not others and key not in OTHER_VALUES:
            continue
        for n, lab in enumerate(labels):
            if not isinstance(lab, str):
                continue
            head = heading[n % len(heading)] if heading else None
            out.append(Item(set_name, material, field, key, lab, head))
    return out


def items(set_name: str, catalog: Catalog | None = None) -> list[Item]:
    """Every label wording of a wording file with the field it names (None for ``others``)."""
    catalog = catalog or load_catalog()
    doc = yaml.safe_load({**SETS, **MORE}[set_name].read_text(encoding="utf-8"))
    out: list[Item] = []
    for group in ("forms", "contracts", "certificates"):
        for material, spec in (doc.get(group) or {}).items():
            if material not in catalog.materials:
                continue
            out += _rows(set_name, material, spec.get("fields") or {}, catalog)
            out += _rows(set_name, material, spec.get("agent_alone") or {}, catalog)
            out += _rows(set_name, material, spec.get("parties") or {}, catalog)
            out += _rows(set_name, material, spec.get("others") or {}, catalog, others=True)
            if isinstance(spec.get("table"), dict):
                out += _rows(set_name, material, spec["table"], catalog)
            if group == "certificates":
                out += _rows(set_name, material, {k: v for k, v in spec.items() if k != "titles"}, catalog)
            blocks = dict(spec.get("sections") or {})
            if isinstance(spec.get("agent"), dict):
                blocks["agent"] = {"heading": spec["agent"].get("heading"), "rows": spec["agent"].get("fields")}
            for block in blocks.values():
                rows = block.get("rows") or block.get("fields") or {}
                out += _rows(set_name, material, rows, catalog, heading=block.get("heading"))
    return out


def without(catalog: Catalog, words: list[str]) -> Catalog:
    """``catalog`` with ``words`` removed wherever a label or a head stood."""
    gone = {canon(w) for w in words}
    data = catalog.model_dump()
    data["stop_labels"] = [w for w in data["stop_labels"] if canon(w) not in gone]
    for m in data["materials"].values():
        m["extra_labels"] = [w for w in m["extra_labels"] if canon(w) not in gone]
        m["sections"] = {s: [h for h in hs if canon(h) not in gone] for s, hs in m["sections"].items()}
        for spec in m["fields"].values():
            spec["labels"] = [w for w in spec["labels"] if canon(w) not in gone]
            if not spec["labels"] and not spec["pattern"] and not spec["patterns"]:
                spec["labels"] = ["##"]  # its only wording left out: a label no page prints
    return Catalog.model_validate(data)


def _box(x0: float, y0: float, text: str, h: float = 32.0) -> dict:
    x1 = x0 + h * max(len(text), 2) * 0.9
    return {"text": text, "box": [[x0, y0], [x1, y0], [x1, y0 + h], [x0, y0 + h]], "confidence": 0.99}


def page_of(item: Item, value: str) -> OcrPage:
    """The wording's row on an otherwise empty form: [heading above], label | value."""
    lines = []
    if item.heading:
        lines.append(_box(100, 200, item.heading))
    label = _box(100, 260, item.wording)
    lines += [label, _box(label["box"][1][0] + 96, 260, value)]  # the value three characters right of its label
    return OcrPage(source="label-generalise", page=1, page_id="label-generalise-1", engine="test", width=1240,
                   height=1754, lines=lines)


def value_of(item: Item, catalog: Catalog) -> tuple[str, str]:
    if item.field is None:
        v = OTHER_VALUES.get(item.key, "示例内容")
        return v, v
    spec = catalog.materials[item.material].fields[item.field]
    if item.field in FIELD_VALUES:
        return FIELD_VALUES[item.field]
    if spec.type == "enum" and spec.values:
        return spec.values[0], spec.values[0]
    return VALUES.get(spec.type, ("示例内容", "示例内容"))


@cache
def _catalog() -> Catalog:
    return load_catalog()


@dataclass(frozen=True)
class Outcome:
    item: Item
    result: str  # right | wrong | unread (a field's wording); clean | wrong (another entry's)
    got: str | None  # the field that took the value (wrong), or what the wanted field read


def judge(item: Item, catalog: Catalog | None = None, leave_out: bool = True) -> Outcome:
    full = catalog or _catalog()
    raw, want = value_of(item, full)
    cat = without(full, [w for w in (item.wording, item.heading) if w]) if leave_out else full
    fields = read_fields(page_of(item, raw), item.material, cat).fields
    takers = sorted(name for name, f in fields.items() if name != item.field and f.value and
                    (f.value == want or want in f.value or f.value in want))
    if item.field is None:
        return Outcome(item, "wrong" if takers else "clean", takers[0] if takers else None)
    got = fields.get(item.field)
    if got is not None and got.value == want:
        return Outcome(item, "right", got.value)
    if takers:
        return Outcome(item, "wrong", takers[0])
    return Outcome(item, "unread", got.value if got is not None else None)


def in_catalog(item: Item, catalog: Catalog | None = None) -> bool:
    """The literal wording is one of the catalog's labels or heads (for any material)."""
    cat = catalog or _catalog()
    w = canon(item.wording)
    return any(w == canon(x) for m in cat.materials.values()
               for x in [*m.extra_labels, *(h for hs in m.sections.values() for h in hs),
                         *(lab for s in m.fields.values() for lab in s.labels)])


def measure(set_name: str, leave_out: bool = True) -> list[Outcome]:
    return [judge(it, leave_out=leave_out) for it in items(set_name)]


def summary(outcomes: list[Outcome]) -> dict[str, int]:
    out = {"fields": 0, "right": 0, "wrong": 0, "unread": 0, "others": 0, "clean": 0, "taken": 0}
    for o in outcomes:
        if o.item.field is None:
            out["others"] += 1
            out["clean" if o.result == "clean" else "taken"] += 1
        else:
            out["fields"] += 1
            out[o.result] += 1
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="*", default=[*SETS, *MORE])
    ap.add_argument("--misses", action="store_true", help="print every miss")
    args = ap.parse_args(argv)
    print("| set | wordings | literally in catalog | right (left out) | wrong field | unread | others clean |")
    print("|---|---|---|---|---|---|---|")
    for s in args.sets:
        outs = measure(s)
        c = summary(outs)
        lit = sum(in_catalog(o.item) for o in outs if o.item.field)
        print(f"| {s} | {c['fields']} | {lit} | {c['right']} ({100 * c['right'] / c['fields']:.1f} %) | "
              f"{c['wrong']} | {c['unread']} | {c['clean']}/{c['others']} |")
        if args.misses:
            for o in outs:
                if o.result not in ("right", "clean"):
                    it = o.item
                    print(f"  {o.result}: {it.material}.{it.field or it.key} {it.heading or ''}/{it.wording} → {o.got}")


if __name__ == "__main__":
    main()
