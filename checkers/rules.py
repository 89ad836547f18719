"""Matter and bundle rulesets (``rulesets/matters/*.yaml``, ``rulesets/bundles.yaml``).

Loaded into strict models; every cross-reference (material, role, item, field, matter) is checked
at load time and a mistake names its file and line. A local office adds a matter with one file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator
from yichuang.extractors.catalog import RULESETS_DIR, Catalog, SealRequirement, load_catalog_file

from yichuang.errors import RulesetError, UnknownMatterError
from yichuang.yamlfile import YamlDoc


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class Rulesets(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    catalog: Catalog
    matters: dict[str, Matter]
    bundles: dict[str, Bundle]
    files: dict[str, str] = Field(default_factory=dict)  # id → file

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


# ---- loading and cross-checks -------------------------------------------------------------

def _conditions(cond) -> list[Condition]:
    if cond is None:
        return []
    if isinstance(cond, AnyOf):
        return [c for sub in cond.any for c in _conditions(sub)]
    if isinstance(cond, AllOf):
        return [c for sub in cond.all for c in _conditions(sub)]
    if isinstance(cond, Not):
        return _conditions(cond.not_)
    return [cond]


def _check_matter_ref(m: Matter, ref: str, doc: YamlDoc, loc: tuple, catalog: Catalog) -> None:
    items = {i.id: i for i in m.items}
    item_id, _, field = ref.partition(".")
    if item_id not in items:
        raise doc.error(loc, f"'{ref}' names unknown item '{item_id}' (items: {', '.join(items)})")
    fields = {f for mat in items[item_id].materials for f in catalog.materials[mat].fields}
    if field not in fields:
        raise doc.error(loc, f"'{ref}': no material of item '{item_id}' has a field '{field}' "
                             f"(fields: {', '.join(sorted(fields))})")


def _check_marks(m: Matter, item: Item, n: int, doc: YamlDoc, catalog: Catalog) -> None:
    """`seal: {of: …}` names a field of the item's materials or a role of the matter; `signature`
    names parties (catalog `parties:`) of the item's materials."""
    mats = [catalog.materials[mat] for mat in item.materials]
    if item.seal and item.seal.of:
        fields = {f for mat in mats for f in mat.fields}
        if item.seal.of not in fields and item.seal.of not in m.roles:
            raise doc.error(("items", n, "seal", "of"),
                            f"seal of '{item.seal.of}' is neither a field of {', '.join(item.materials)} "
                            f"(fields: {', '.join(sorted(fields))}) nor a role (roles: {', '.join(m.roles) or 'none'})")
    parties = {p for mat in mats for p in mat.parties}
    for k, party in enumerate(item.signature):
        if party not in parties:
            raise doc.error(("items", n, "signature", k),
                            f"signature of unknown party '{party}' (parties of {', '.join(item.materials)}: "
                            f"{', '.join(sorted(parties)) or 'none — add `parties:` in rulesets/catalog.yaml'})")


def _check_matter(m: Matter, doc: YamlDoc, catalog: Catalog) -> None:
    items = {i.id: i for i in m.items}
    if len(items) != len(m.items):
        raise doc.error(("items",), "two items share an id: give each item its own id")

    def check_ref(ref: str, loc: tuple) -> None:
        _check_matter_ref(m, ref, doc, loc, catalog)

    for n, mat in enumerate(m.produces):
        if mat not in catalog.materials:
            raise doc.error(("produces", n), f"unknown material '{mat}'")
    for n, item in enumerate(m.items):
        for k, mat in enumerate(item.materials):
            if mat not in catalog.materials:
                raise doc.error(("items", n, "materials", k), f"unknown material '{mat}': see rulesets/catalog.yaml")
        if item.role and item.role not in m.roles:
            raise doc.error(("items", n, "role"), f"unknown role '{item.role}' (roles: {', '.join(m.roles)})")
        _check_marks(m, item, n, doc, catalog)
        for cond in _conditions(item.when):
            if isinstance(cond, Present):
                check_ref(cond.present, ("items", n, "when"))
            elif isinstance(cond, Equals):
                check_ref(cond.equals[0], ("items", n, "when"))
    for rname, role in m.roles.items():
        for k, ref in enumerate(role.names_from):
            check_ref(ref, ("roles", rname, "names_from", k))
    for n, rule in enumerate(m.consistency):
        for k, ref in enumerate(rule.refs):
            check_ref(ref, ("consistency", n, rule.kind, k))
    for fname, refs in m.form.items():
        for k, ref in enumerate(refs):
            check_ref(ref, ("form", fname, k))
    for who, refs in m.holders.items():
        if who != "applicant" and who not in m.roles:
            raise doc.error(("holders", who), f"'{who}' is neither `applicant` nor a role ({', '.join(m.roles)})")
        for k, ref in enumerate(refs):
            check_ref(ref, ("holders", who, k))


def load_rulesets_dir(directory: Path) -> Rulesets:
    catalog = load_catalog_file(directory / "catalog.yaml")
    matters: dict[str, Matter] = {}
    files: dict[str, str] = {}
    for path in sorted((directory / "matters").glob("*.yaml")):
        doc = YamlDoc(path)
        matter = doc.model(Matter)
        if matter.id != path.stem:
            raise doc.error(("id",), f"id '{matter.id}' should match the file name '{path.stem}'")
        if matter.id in matters:
            raise doc.error(("id",), f"matter '{matter.id}' is defined twice")
        _check_matter(matter, doc, catalog)
        matters[matter.id] = matter
        files[matter.id] = str(path)
    bundles: dict[str, Bundle] = {}
    bpath = directory / "bundles.yaml"
    if bpath.exists():
        doc = YamlDoc(bpath)
        for bid, bundle in doc.model(BundleFile).bundles.items():
            if bid in matters:
                raise doc.error(("bundles", bid), f"bundle id '{bid}' is also a matter id")
            for k, mid in enumerate(bundle.matters):
                if mid not in matters:
                    raise doc.error(("bundles", bid, "matters", k), f"unknown matter '{mid}'")
            for k, group in enumerate(bundle.same_roles):
                for ref in group:
                    mid, _, role = ref.partition(".")
                    if mid not in bundle.matters or role not in matters[mid].roles:
                        raise doc.error(("bundles", bid, "same_roles", k), f"'{ref}' is not a role of a bundled matter")
            for k, rule in enumerate(bundle.consistency):
                for j, ref in enumerate(rule.refs):
                    mid, _, rest = ref.partition(".")
                    if mid not in bundle.matters:
                        raise doc.error(("bundles", bid, "consistency", k, rule.kind, j),
                                        f"'{ref}' should start with a bundled matter id")
                    _check_matter_ref(matters[mid], rest, doc, ("bundles", bid, "consistency", k, rule.kind, j),
                                      catalog)
            bundles[bid] = bundle
            files[bid] = str(bpath)
    if not matters:
        raise RulesetError(f"{directory}: no matters found in matters/*.yaml")
    if (directory / "seals.yaml").exists():  # wording of the seal/signature checks: fail here, not mid-check
        from yichuang.checkers.seals import wording

        wording(str(directory / "seals.yaml"))
    return Rulesets(catalog=catalog, matters=matters, bundles=bundles, files=files)


@cache
def load_rulesets(directory: str | None = None) -> Rulesets:
    return load_rulesets_dir(Path(directory) if directory else RULESETS_DIR)
