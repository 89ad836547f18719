"""The material catalog (``rulesets/catalog.yaml``) as typed, validated data."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from yichuang.yamlfile import YamlDoc

RULESETS_DIR = Path(__file__).resolve().parents[1] / "rulesets"

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
    type: FieldType = "text"
    part: Literal["start", "end"] | None = None
    lines: int = Field(default=1, ge=1, le=20)
    values: list[str] = Field(default_factory=list)
    other_than: str | None = None

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
    # who signs: party id → the words its 签字/盖章 label starts with (lessor: [甲方, 出租方])
    parties: dict[str, list[str]] = Field(default_factory=dict)
    seal: SealRequirement | None = None  # required wherever the material is asked for
    signature: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _refs(self):
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

    def label_of(self, field: str) -> str:
        """The field's printed label without its parenthesis: 出卖人（甲方） → 出卖人."""
        spec = self.fields.get(field)
        label = spec.labels[0] if spec and spec.labels else field
        return re.sub(r"（[^）]*）$", "", label)

    def all_labels(self) -> list[str]:
        out = [lab for spec in self.fields.values() for lab in spec.labels] + list(self.extra_labels)
        out += [head for heads in self.sections.values() for head in heads]
        return list(dict.fromkeys(out))


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

    def code(self, name: str) -> str:
        if self.unread_codes and name not in self.unread_codes:
            raise ValueError(f"unread reason code '{name}' is not in the catalog's extraction.unread_codes")
        return name


class Catalog(_Strict):
    version: int = 1
    stop_labels: list[str] = Field(default_factory=list)
    extraction: Extraction = Field(default_factory=Extraction)
    materials: dict[str, Material]
    lookalikes: dict[str, LookAlike] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _lookalike_refs(self):
        for lid, look in self.lookalikes.items():
            if lid in self.materials:
                raise ValueError(f"look-alike '{lid}' has the id of a material")
            for mid in look.mistaken_for:
                if mid not in self.materials:
                    raise ValueError(f"look-alike '{lid}': mistaken_for names unknown material '{mid}'")
        return self

    def fields_of(self, material: str) -> list[str]:
        return list(self.materials[material].fields)


def load_catalog_file(path: Path) -> Catalog:
    return YamlDoc(path).model(Catalog)


@cache
def load_catalog(directory: str | None = None) -> Catalog:
    return load_catalog_file(Path(directory or RULESETS_DIR) / "catalog.yaml")
