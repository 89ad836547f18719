"""需人工核对: what the checker does with a field it could not read.

A field whose label (or section) is on the page but whose value was not read with confidence is in
``Document.unread``; such a field is *unknown*, never absent. Conditions over it are three-valued
(True / False / None = unknown), and any rule that depends on it puts its item to a person
(status ``needs_review``) instead of deciding it. The threshold is data (``rulesets/review.yaml``), the words reasons in ``labels.yaml``.

A value that *was* read may still be no value: a label read back, a title, a piece of either, a
fragment too short for its type. Such readings are recognised by the catalog's label grammar
(:class:`Grammar`: head nouns, party words, section heads, titles), never by a list of misreadings;
a comparison or condition over one is put to a person too. Every reason whose sentence asks a person
(请人工核对) puts its item at ``needs_review`` and never makes it invalid or inconsistent
(:func:`item_status`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from yichuang.checkers.instances import Instance
from yichuang.extractors.normalise import canon
from yichuang.extractors.validators import VALIDATORS
from yichuang.rulesets import leaf_conditions, load_review
from yichuang.rulesets.schema import Catalog, Condition, Equals, Fact, Matter, Present, Rulesets
from yichuang.rulesets.tables import ReviewConfig

from yichuang.types import Reason

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
_REMARK = re.compile(r"[（(][^）)]*[）)]$")
_CODE_TYPES = ("code", "id_number", "credit_code")
_IDENTIFIERS = ("id_number", "credit_code")
# the fewest characters a value of the type has: a reading shorter is a piece of something (码, 全, 详细)
_SHORTEST = {"name": 2, "text": 2, "address": 5}


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


@dataclass(frozen=True)
class Grammar:
    """The catalog's label grammar as the checker uses it to tell a label read back from a value.

    A printed label is [a party or qualifier] + a head noun + [（a remark）] (``extraction.heads``,
    ``party_words``, the sections' heads); titles are the materials' names. Nothing here lists
    misreadings: a reading is judged by the shape of what is printed on forms."""

    printed: frozenset[str]  # labels, section heads, stop labels
    titles: frozenset[str]  # materials' names and titles
    heads: tuple[str, ...]  # head nouns of two characters or more, longest first (地址, 手机, 姓名, 证明…)
    starts: frozenset[str]  # a head cut short: its proper prefixes (姓 of 姓名)
    party: tuple[str, ...]  # party words (人, 方, 单位)
    pieces: frozenset[str]  # every two-character run of a printed word or a title
    words: frozenset[str]  # printed words and titles of four characters or more
    named: frozenset[str] = field(default_factory=frozenset)  # values the rules name (options, 转移登记)
    sections: frozenset[str] = field(default_factory=frozenset)  # section heads of two characters or more (经营者)


def label_grammar(catalog: Catalog, matters: Iterable[Matter] = ()) -> Grammar:
    printed = printed_words(catalog)
    titles = title_words(catalog)
    kinds = catalog.extraction.heads
    heads = {canon(h) for hs in kinds.values() for h in hs if len(canon(h)) >= 2}
    heads |= {canon(mk) for k in catalog.kinds.values() for mk in k.marks if len(canon(mk)) >= 2}  # 证明, 合同
    every = printed | titles | heads
    named = {canon(v) for m in catalog.materials.values() for spec in m.fields.values() for v in spec.values}
    for m in matters:
        for item in m.items:
            named |= {canon(c.equals[1]) for c in leaf_conditions(item.when) if isinstance(c, Equals)}
    return Grammar(
        printed=printed, titles=titles, heads=tuple(sorted(heads, key=len, reverse=True)),
        starts=frozenset(h[:k] for h in heads for k in range(1, len(h))),
        party=tuple(canon(w) for w in catalog.extraction.party_words if w),
        pieces=frozenset(w[i:i + 2] for w in every for i in range(len(w) - 1)),
        words=frozenset(w for w in printed | titles if len(w) >= 4), named=frozenset(named),
        sections=frozenset(canon(h) for m in catalog.materials.values() for hs in m.sections.values() for h in hs
                           if len(canon(h)) >= 2))


def label_like(value: str, ftype: str, g: Grammar) -> bool:
    """The reading has the shape of something printed, not of something written (canonical ``value``):

    - it is a label or a title, or one misread by a character (犬只品系 for 犬只品种);
    - it ends with a head noun after a short qualifier (详细地址, 受托代办人手机, 身份证明);
    - it is made only of pieces of printed words (居民身份证, 身份证);
    - it is a party's label cut inside its head (本人姓 of 本人姓名, 经营者编 of 经营者编号).

    Written values carry digits (a road number, a code): a reading with two or more is not judged
    here. A value the rules themselves name (an option, 转移登记) is a value."""
    v = _REMARK.sub("", value) or value
    if v in g.named or value in g.named or len(re.findall(r"[0-9]", v)) >= 2:
        return False
    if v in g.printed or v in g.titles:
        return True
    if len(v) >= 4 and any(len(w) == len(v) and sum(a != b for a, b in zip(w, v, strict=True)) == 1
                           for w in g.words):
        return True
    if any(v.endswith(h) and len(v) - len(h) <= 5 for h in g.heads):
        return True
    if ftype in ("name", "text", "address") and len(v) >= 2 and len(v) <= 8 and _covered(v, g.pieces):
        return True
    if any(v.startswith(s) and v[len(s):] in g.starts for s in g.sections):
        return True  # a section's head, then a head cut short (经营者编 of 经营者编号)
    return any(v[:k].endswith(p) and v[k:] in g.starts for p in g.party for k in range(len(p) + 1, len(v)))


def _covered(v: str, pieces: frozenset[str]) -> bool:
    """Every character of ``v`` is inside a two-character run of it that some printed word has."""
    hit = [False] * len(v)
    for i in range(len(v) - 1):
        if v[i:i + 2] in pieces:
            hit[i] = hit[i + 1] = True
    return all(hit)


def other_identifier(value: str, ftype: str) -> str | None:
    """The other identifier type ``value`` is a valid one of, when it is not a valid ``ftype`` (an
    all-digit ID number may pass the credit code's check by chance: it is still an ID number)."""
    if ftype not in _IDENTIFIERS or VALIDATORS[ftype](value).valid:
        return None
    return next((o for o in _IDENTIFIERS if o != ftype and VALIDATORS[o](value).valid), None)


def doubtful(value: str, ftype: str, grammar: Grammar, values: list[str] | None = None) -> bool:
    """A reading that is probably not the field's value: a printed label, a piece of one or a reading
    of the same shape (:func:`label_like`), a fragment shorter than the type allows (码, a
    one-character name, 详细 for an address), a valid identifier of the other kind, a sentence (its punctuation) in a name, a date that is
    not one, an option the field does not have, or, for a person's name, date words or digits read
    with it (邓晓波年月日, the 签字 line's 年 月 日). A disagreement involving such a reading is put to a
    person, never decided from it."""
    v = canon(value)
    if not v:
        return True
    if ftype == "date" and not _ISO_DATE.fullmatch(v):
        return True  # dates are normalised (2027-01-01, 长期): anything else was not read as one
    if ftype == "enum" and values and v not in {canon(x) for x in values}:
        return True
    printed = grammar.printed
    if v in printed or (ftype == "name" and len(v) <= 6 and any(v in w for w in printed)):
        return True
    if ftype in _CODE_TYPES and not re.search(r"[0-9A-Za-z]", v):
        return True
    if ftype in _IDENTIFIERS and other_identifier(value, ftype):
        return True  # a valid number of the other kind only: the next row's (a credit code in the ID-number box)
    if ftype in ("name", "text") and _SENTENCE.search(v):
        return True  # a sentence of the form (申请人声明：对…负责，并承担…) read into a name
    if ftype == "name" and bool(_DATE_WORDS.search(v)):
        return True
    if len(v) < _SHORTEST.get(ftype, 1):
        return True
    return ftype not in ("date", "enum", *_CODE_TYPES) and label_like(v, ftype, grammar)


# ---- what a reason does to its item ---------------------------------------------------------------

ASKS_A_PERSON = "人工核对"  # the words every sentence that puts something to a person carries
ITEM_STATUSES = ("invalid", "inconsistent", "needs_review")  # worst first; none of them: present


def asks_a_person(reason: Reason) -> bool:
    """The reason's sentence (labels.yaml ``reasons:``) asks a person to check: it decides nothing."""
    from yichuang.labels import labels

    return ASKS_A_PERSON in labels().reasons.get(reason.code, labels().reasons["unknown"])


def item_status(raised: Iterable[tuple[str, Reason]]) -> str:
    """A present document's status from its reasons, each with the status it was raised at: the
    worst of them, where a reason that asks a person counts as ``needs_review`` whatever raised it
    (a seal text "…不符，请人工核对" never makes an item invalid or inconsistent by itself)."""
    got = {"needs_review" if asks_a_person(r) else s for s, r in raised}
    return next((s for s in ITEM_STATUSES if s in got), "present")


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
