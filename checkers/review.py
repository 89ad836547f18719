"""需人工核对: what the checker does with a field it could not read.

A field whose label (or section) is on the page but whose value was not read with confidence is in
``Document.unread``; such a field is *unknown*, never absent. Conditions over it are three-valued
(True / False / None = unknown), and any rule that depends on it puts its item to a person
(status ``needs_review``) instead of deciding it. The threshold is data (``rulesets/review.yaml``), the words reasons in ``labels.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from yichuang.checkers.instances import Instance
from yichuang.extractors.normalise import canon
from yichuang.rulesets import leaf_conditions, load_review
from yichuang.rulesets.schema import Catalog, Condition, Equals, Fact, Matter, Present, Rulesets
from yichuang.rulesets.tables import ReviewConfig

__all__ = ["ReviewConfig", "load_review"]  # loaded by yichuang.rulesets; named here for the checker's users

Tri = bool | None  # None: cannot be decided from what was read
FieldState = Literal["read", "unsure", "unread", "absent"]


# ---- fields ---------------------------------------------------------------------------------

def unread_code(inst: Instance, name: str) -> str | None:
    """The reason code when the instance's pages label the field but none of them read it."""
    if name in inst.fields and name not in _flagged(inst):
        return None
    return _flagged(inst).get(name)


def _flagged(inst: Instance) -> dict[str, str]:
    out: dict[str, str] = {}
    for doc in inst.docs:
        for name, code in doc.unread.items():
            out.setdefault(name, code)
    return out


def field_state(inst: Instance | None, name: str, cfg: ReviewConfig) -> FieldState:
    """read: a confident value; unsure: a value the extractor doubts or read with low confidence;
    unread: labelled but no value; absent: not on the page at all."""
    if inst is None:
        return "absent"
    detail = inst.fields.get(name)
    flagged = name in _flagged(inst)
    if detail is None or not detail.value:
        return "unread" if flagged else "absent"
    if flagged or detail.confidence < cfg.low_confidence:
        return "unsure"
    return "read"


_DATE_WORDS = re.compile(r"年.{0,2}月.{0,2}日|[0-9]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|长期")
_SENTENCE = re.compile(r"[，。；！？]")  # canonical forms: names never hold sentence punctuation


def printed_words(catalog: Catalog) -> frozenset[str]:
    """Every label and section head the catalog knows (canonical): a value that is one of them (for a
    name, part of one) is the form read back, not something written on it."""
    words: set[str] = set(catalog.stop_labels)
    for m in catalog.materials.values():
        words.update(m.extra_labels)
        words.update(h for heads in m.sections.values() for h in heads)
        words.update(lab for spec in m.fields.values() for lab in spec.labels)
    return frozenset(canon(w) for w in words if w)


def title_words(catalog: Catalog) -> frozenset[str]:
    """The materials' names and titles (canonical): printed on a page, never written into it."""
    return frozenset(canon(w) for m in catalog.materials.values() for w in [m.name, *m.recognise.titles] if w)


def doubtful(value: str, ftype: str, printed: frozenset[str], values: list[str] | None = None) -> bool:
    """A reading that is probably not the field's value: a printed label or a piece of one (姓名, 情况),
    a sentence (its punctuation) in a name, a date that is not one, an option the field does not have,
    or, for a person's name, date words or digits read with it (邓晓波年月日, the 签字 line's 年 月 日).
    A disagreement involving such a reading is put to a person, never decided from it."""
    v = canon(value)
    if not v:
        return True
    if ftype == "date" and not _ISO_DATE.fullmatch(v):
        return True  # dates are normalised (2027-01-01, 长期): anything else was not read as one
    if ftype == "enum" and values and v not in {canon(x) for x in values}:
        return True
    if v in printed or (ftype == "name" and len(v) <= 6 and any(v in w for w in printed)):
        return True
    if ftype in ("code", "id_number", "credit_code") and not re.search(r"[0-9A-Za-z]", v):
        return True
    if ftype in ("name", "text") and _SENTENCE.search(v):
        return True  # a sentence of the form (申请人声明：对…负责，并承担…) read into a name
    return ftype == "name" and bool(_DATE_WORDS.search(v))


# ---- three-valued conditions ------------------------------------------------------------------

def any3(values: Iterable[Tri]) -> Tri:
    vals = list(values)
    return True if any(v is True for v in vals) else None if any(v is None for v in vals) else False


def all3(values: Iterable[Tri]) -> Tri:
    vals = list(values)
    return False if any(v is False for v in vals) else None if any(v is None for v in vals) else True


def not3(value: Tri) -> Tri:
    return None if value is None else not value


def present3(state: FieldState) -> Tri:
    """A value read (even unsure) is there; a labelled but unread one is unknown; else absent."""
    return {"read": True, "unsure": True, "unread": None, "absent": False}[state]


def equals3(state: FieldState, equal: bool) -> Tri:
    """Equality is only decided on a confident value."""
    return {"read": equal, "unsure": None, "unread": None, "absent": False}[state]


def fact3(facts: dict[str, str], fact: Fact, truthy: set[str], same) -> Tri:
    """What the clerk states is known: an unstated fact is false."""
    val = facts.get(fact.fact.lower())
    if val is None:
        return False
    return same(val, fact.equals) if fact.equals is not None else val.lower() in truthy


def refs_of(cond: Condition | None) -> list[str]:
    """Every `item.field` a condition reads."""
    refs: list[str] = []
    for leaf in leaf_conditions(cond):
        if isinstance(leaf, Present):
            refs.append(leaf.present)
        elif isinstance(leaf, Equals):
            refs.append(leaf.equals[0])
    return refs


def dependent_fields(matters: list[Matter], rules: Rulesets, bundle=None) -> dict[tuple[str, str], set[str]]:
    """(matter id, item id) → the fields of that item's document some rule reads: conditions,
    consistency rules, the role names and the material's expiry date."""
    out: dict[tuple[str, str], set[str]] = {}

    def add(mid: str, ref: str) -> None:
        item_id, _, fname = ref.partition(".")
        out.setdefault((mid, item_id), set()).add(fname)

    for m in matters:
        for item in m.items:
            out.setdefault((m.id, item.id), set())
            for ref in refs_of(item.when):
                add(m.id, ref)
            for mat in item.materials:
                expiry = rules.catalog.materials[mat].expiry_field
                if expiry:
                    out[(m.id, item.id)].add(expiry)
        for rule in m.consistency:
            for ref in rule.refs:
                add(m.id, ref)
        for role in m.roles.values():
            for ref in role.names_from:
                add(m.id, ref)
    ids = {m.id for m in matters}
    for rule in (bundle.consistency if bundle else []):
        for ref in rule.refs:
            mid, _, rest = ref.partition(".")
            if mid in ids:
                add(mid, rest)
    return out
