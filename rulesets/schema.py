"""The rules as typed data: the material catalog, matters, bundles and the clerk's facts.

Strict models (extra="forbid"); the loader (``yichuang.rulesets``) checks cross-references."""

from __future__ import annotations

import re
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from yichuang.errors import UnknownMatterError

FieldType = Literal["name", "text", "address", "date", "id_number", "credit_code", "phone", "enum",
                    "number", "money", "area", "code", "ethnicity"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recognise(_Strict):
    titles: list[str] = Field(default_factory=list)
    labels: list[list[str]] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    min_score: float = 0.5
    kind: str | None = None  # the kind of paper (catalog ``kinds``): a page titled as another kind is not it

    @field_validator("labels", mode="before")
    @classmethod
    def _profiles(cls, value):
        if value and all(isinstance(v, str) for v in value):
            return [value]  # a flat list is one profile
        return value

    @model_validator(mode="after")
    def _something_to_match(self):
        if not (self.titles or self.labels or self.words):
            raise ValueError("give at least one of titles, labels or words, or the page can never be recognised")
        return self


def _check_pattern(value: str) -> str:
    try:
        rx = re.compile(value)
    except re.error as exc:
        raise ValueError(f"pattern does not compile: {exc}") from exc
    if "value" not in rx.groupindex:
        raise ValueError("pattern needs a named group (?P<value>…)")
    return value


class FieldSpec(_Strict):
    labels: list[str] = Field(default_factory=list)
    pattern: str | None = None
    patterns: list[str] = Field(default_factory=list)
    section: str | None = None
    optional: bool = False  # may be left out of the document (an agent's): not finding it is no doubt
    type: FieldType = "text"
    part: Literal["start", "end"] | None = None
    lines: int = Field(default=1, ge=1, le=20)
    values: list[str] = Field(default_factory=list)
    other_than: str | None = None
    vocabulary: str | None = None  # a closed list of its values (rulesets/vocabularies.yaml)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value):
        return _check_pattern(value) if value is not None else value

    @field_validator("patterns")
    @classmethod
    def _all_compile(cls, value):
        return [_check_pattern(v) for v in value]

    def all_patterns(self) -> list[str]:
        return ([self.pattern] if self.pattern else []) + list(self.patterns)

    @model_validator(mode="after")
    def _complete(self):
        if not self.labels and not self.all_patterns():
            raise ValueError("a field needs labels or a pattern")
        if self.type == "enum" and not self.values:
            raise ValueError("an enum field needs values")
        return self


class SealRequirement(_Strict):
    """`seal: {of: <field or role>}`: the page must carry a seal; with `of`, the seal's ring text is
    matched against that field's value on the same material (or the matter role's name)."""

    of: str | None = None
    missing: str | None = None  # the reason when no seal is found ("申请书未加盖申请单位公章")
    # false: a seal is optional (a company may stamp where a person signs); when there is one, its
    # ring text is still matched as evidence, and one clearly naming someone else needs review
    required: bool = True


class Side(_Strict):
    """One printed side of a two-sided card (人像面 / 国徽面): a page showing any of its fields is it."""

    label: str
    fields: list[str] = Field(min_length=1)


class Derived(_Strict):
    """A field a valid number encodes (GB 11643: a 公民身份号码 holds the birth date and the sex):
    filled from ``from`` when the printed one could not be read, at a lower confidence."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    from_: str = Field(alias="from")
    part: Literal["birth_date", "sex"]
    confidence: float = Field(0.9, gt=0.0, le=1.0)  # × the number's confidence


class Material(_Strict):
    name: str
    recognise: Recognise
    fields: dict[str, FieldSpec] = Field(default_factory=dict)
    extra_labels: list[str] = Field(default_factory=list)
    issued: bool = False
    expiry_field: str | None = None
    # parties on the page: section id → the heads that open it (委托代理人, 代理人, 受托人 → agent);
    # a label under a head, or written after it (代理人身份证号码), belongs to its section
    sections: dict[str, list[str]] = Field(default_factory=dict)
    default_section: str | None = None  # the section of a label under no head
    # every non-optional field is printed on the document's one page: one not found is reported
    # (``not_found``); false for documents whose fields are spread over sides or pages (ID card)
    one_page: bool = True
    # who signs: party id → the words its 签字/盖章 label starts with (lessor: [甲方, 出租方])
    parties: dict[str, list[str]] = Field(default_factory=dict)
    seal: SealRequirement | None = None  # required wherever the material is asked for
    signature: list[str] = Field(default_factory=list)
    sides: list[Side] = Field(default_factory=list)  # a two-sided card: which side a page is
    derived: dict[str, Derived] = Field(default_factory=dict)  # field → the number it is read from

    @model_validator(mode="after")
    def _refs(self):
        for side in self.sides:
            for fname in side.fields:
                if fname not in self.fields:
                    raise ValueError(f"side {side.label}: unknown field '{fname}' (fields: {', '.join(self.fields)})")
        for fname, how in self.derived.items():
            if fname not in self.fields or how.from_ not in self.fields:
                raise ValueError(f"derived {fname} from {how.from_}: both must be fields of the material")
            if self.fields[how.from_].type != "id_number":
                raise ValueError(f"derived {fname}: '{how.from_}' is not an id_number field")
        for party in self.signature:
            if party not in self.parties:
                raise ValueError(f"signature names unknown party '{party}' (parties: {', '.join(self.parties) or 'none'})")
        if self.seal and self.seal.of and self.seal.of not in self.fields:
            raise ValueError(f"seal.of names unknown field '{self.seal.of}' (fields: {', '.join(self.fields)})")
        if self.expiry_field and self.expiry_field not in self.fields:
            raise ValueError(f"expiry_field names unknown field '{self.expiry_field}'")
        for fname, spec in self.fields.items():
            if spec.section and spec.section not in self.sections:
                raise ValueError(f"field {fname}: section '{spec.section}' is not in the material's sections")
        if self.default_section and self.default_section not in self.sections:
            raise ValueError(f"default_section '{self.default_section}' is not in the material's sections")
        for fname, spec in self.fields.items():
            if spec.other_than and spec.other_than not in self.fields:
                raise ValueError(f"field {fname}: other_than names unknown field '{spec.other_than}'")
        return self

    def side_of(self, fields: dict[str, str]) -> str | None:
        """人像面 / 国徽面 of a two-sided card, from the fields read on the page."""
        return next((s.label for s in self.sides if any(fields.get(f) for f in s.fields)), None)

    def label_of(self, field: str) -> str:
        """The field's printed label without its parenthesis: 出卖人（甲方） → 出卖人."""
        spec = self.fields.get(field)
        if not (spec and spec.labels):  # read by a pattern, not a label: the label table names it
            from yichuang.labels import labels

            return labels().fields.get(field, field)
        label = spec.labels[0]
        return re.sub(r"（[^）]*）$", "", label)


class LookAlike(_Strict):
    """A paper people hand in by mistake for a material (the issued permit for its application):
    recognised as what it is, it places the page as ``unknown`` and says what the page is."""

    name: str
    mistaken_for: list[str] = Field(default_factory=list)
    recognise: Recognise


class Extraction(_Strict):
    """How sure a reading must be, and the reason codes written into ``Document.unread``."""

    min_confidence: float = Field(0.6, ge=0.0, le=1.0)
    unread_codes: dict[str, str] = Field(default_factory=dict)  # code → what it means (for people)
    # the label grammar: head nouns a label ends with, by the kind of value they announce
    # (a label = [party or qualifier] + head + [（remark）]); `heading` heads open a block, no value
    heads: dict[str, list[str]] = Field(default_factory=dict)
    # a party is written X人, X方 or X单位 alike (委托方 opens the 委托人's block)
    party_words: list[str] = Field(default_factory=list)
    # party words that name an organisation, never a person (a X单位 box is no person's name label)
    org_words: list[str] = Field(default_factory=list)
    # head kinds a form rarely prints for an entry it does not ask for: a label of such a kind is the
    # material's only field of that kind, whatever its prefix (执照代码 → credit_code, 从事项目 → business_scope)
    sole_kinds: list[str] = Field(default_factory=list)
    label_remarks: list[str] = Field(default_factory=list)  # words after a label's head that qualify it (姓名全称)

    def code(self, name: str) -> str:
        if self.unread_codes and name not in self.unread_codes:
            raise ValueError(f"unread reason code '{name}' is not in the catalog's extraction.unread_codes")
        return name


class Kind(_Strict):
    """A kind of paper (an issued certificate, an application, a contract …) and the words its title
    carries (``marks``: 许可证, 申请书, 合同 …)."""

    name: str
    marks: list[str] = Field(min_length=1)
    # its mark names the kind wherever it stands in a title (注销登记申请书 is a deregistration form)
    qualifies: bool = False


class Catalog(_Strict):
    version: int = 1
    stop_labels: list[str] = Field(default_factory=list)
    extraction: Extraction = Field(default_factory=Extraction)
    kinds: dict[str, Kind] = Field(default_factory=dict)  # tried in order: the first whose mark a title has
    generic_title_words: list[str] = Field(default_factory=list)  # in many titles (中华人民共和国): no evidence
    materials: dict[str, Material]
    lookalikes: dict[str, LookAlike] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _kind_refs(self):
        for mid, m in [*self.materials.items(), *self.lookalikes.items()]:
            if m.recognise.kind is not None and m.recognise.kind not in self.kinds:
                raise ValueError(f"'{mid}': recognise.kind '{m.recognise.kind}' is not one of kinds {sorted(self.kinds)}")
        return self

    @model_validator(mode="after")
    def _lookalike_refs(self):
        for lid, look in self.lookalikes.items():
            if lid in self.materials:
                raise ValueError(f"look-alike '{lid}' has the id of a material")
            for mid in look.mistaken_for:
                if mid not in self.materials:
                    raise ValueError(f"look-alike '{lid}': mistaken_for names unknown material '{mid}'")
        return self


# ---- matters and bundles ------------------------------------------------------------------

class Present(_Strict):
    present: str  # item.field


class Equals(_Strict):
    equals: tuple[str, str]  # (item.field, value)


class Fact(_Strict):
    fact: str
    equals: str | None = None  # default: any true-ish value (true, yes, 1, 是)


class AnyOf(_Strict):
    any: list[Condition]


class AllOf(_Strict):
    all: list[Condition]


class Not(_Strict):
    not_: Condition = Field(alias="not")


Condition = Union[Present, Equals, Fact, AnyOf, AllOf, Not]  # noqa: UP007 - recursive alias


class Role(_Strict):
    name: str
    names_from: list[str] = Field(default_factory=list)


class Item(_Strict):
    id: str
    item: str
    name: str
    materials: list[str] = Field(min_length=1)
    role: str | None = None
    requirement: Literal["key", "tolerable", "conditional"]
    when: Condition | None = None
    promise_days: int | None = Field(None, ge=1, le=365)  # 容缺: supply within this many days
    promise_unit: Literal["working", "calendar"] = "working"  # 工作日 by default
    reusable: bool = True  # 材料复用: False for a material that must be fresh (a signed application form)
    seal: SealRequirement | None = None  # checked in checkers/seals.py
    signature: list[str] = Field(default_factory=list)  # parties of the material that must sign

    @model_validator(mode="after")
    def _condition(self):
        if self.requirement == "conditional" and self.when is None:
            raise ValueError("a conditional item needs `when:`")
        if self.requirement != "conditional" and self.when is not None:
            raise ValueError("`when:` only applies to requirement: conditional")
        return self


class Rule(_Strict):
    """`same`: equal after normalisation (names, numbers). `similar`: fuzzy — addresses as places
    (with or without province/city), entity names up to punctuation and legal-form suffix."""

    same: list[str] | None = None
    similar: list[str] | None = None

    @model_validator(mode="after")
    def _one(self):
        refs = self.same or self.similar
        if (self.same is None) == (self.similar is None) or not refs or len(refs) < 2:
            raise ValueError("a consistency rule is `same: [a.f, b.g, …]` or `similar: [...]` with two or more")
        return self

    @property
    def refs(self) -> list[str]:
        return list(self.same or self.similar or [])

    @property
    def kind(self) -> str:
        return "same" if self.same else "similar"


class Matter(_Strict):
    id: str
    name: str
    department: str = ""
    produces: list[str] = Field(default_factory=list)
    promise_days: int = Field(30, ge=1, le=365)  # default promise period of its tolerable items (working days)
    roles: dict[str, Role] = Field(default_factory=dict)
    # 材料复用: whose materials these are — `applicant` or a role → the refs (item.field) that give the
    # holder's ID number or credit code; a clerk's `--fact holder_id=…` stands for the applicant
    holders: dict[str, list[str]] = Field(default_factory=dict)
    items: list[Item] = Field(min_length=1)
    consistency: list[Rule] = Field(default_factory=list)
    form: dict[str, list[str]] = Field(default_factory=dict)

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)


class Bundle(_Strict):
    name: str
    matters: list[str] = Field(min_length=2)
    same_roles: list[list[str]] = Field(default_factory=list)
    consistency: list[Rule] = Field(default_factory=list)  # refs are matter.item.field


class BundleFile(_Strict):
    bundles: dict[str, Bundle] = Field(default_factory=dict)


class FactSpec(_Strict):
    """A fact the clerk states (``--fact agent=yes``), not read from a page; a matter's
    ``{fact: …}`` condition may only name a known one."""

    label: str  # what the clerk is asked, in Chinese
    prefix: bool = False  # also stands as ``<name>.<role>`` (holder_id.operator)


class FactFile(_Strict):
    version: int = 1
    facts: dict[str, FactSpec] = Field(default_factory=dict)


class Rulesets(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    catalog: Catalog
    matters: dict[str, Matter]
    bundles: dict[str, Bundle]
    facts: dict[str, FactSpec] = Field(default_factory=dict)
    files: dict[str, str] = Field(default_factory=dict)  # id → file

    def knows_fact(self, name: str) -> bool:
        """A clerk's ``--fact`` name is known (``facts.yaml``): ``agent``, or ``holder_id.seller`` for a
        prefix fact. For an entry point to turn a typo into a fix-it error instead of ignoring it."""
        key = name.strip().lower()
        base = self.facts.get(key.partition(".")[0])
        return key in self.facts or (base is not None and base.prefix and "." in key)

    def resolve(self, ids: list[str]) -> tuple[list[Matter], Bundle | None]:
        """Matter ids and bundle ids → the matters in order, and the bundle if one was named."""
        out: list[Matter] = []
        bundle = None
        for mid in ids:
            if mid in self.bundles:
                bundle = self.bundles[mid]
                out.extend(self.matters[m] for m in bundle.matters)
            elif mid in self.matters:
                out.append(self.matters[mid])
            else:
                known = ", ".join(sorted([*self.matters, *self.bundles]))
                raise UnknownMatterError(f"unknown matter '{mid}': choose one of {known}")
        seen: set[str] = set()
        return [m for m in out if not (m.id in seen or seen.add(m.id))], bundle
