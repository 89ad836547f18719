"""The rules (this folder's YAML) and the one loader for them.

Every file here is loaded into a strict model (``schema.py``, ``tables.py``; extra="forbid") by one
function below, and every cross-reference (material, role, item, field, matter, fact) is checked at
load time: a mistake names its file and line, and says how to fix it. A local office adds a matter
with one YAML file. Loaded once per process (``functools.cache``); tests load a copy from a folder.

    load_rulesets()   catalog.yaml + matters/*.yaml + bundles.yaml + facts.yaml (+ seals.yaml checked)
    load_catalog()    catalog.yaml alone (the extractors need no matters)
    load_labels()     labels.yaml: every Chinese word, reason sentences included
    load_review()     review.yaml      load_seal_rules()  seals.yaml
    load_reuse_file() reuse.yaml       load_calendar_dir() calendar/YYYY.yaml
    check_dir()       all of them in one folder (``yichuang rulesets check``)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from yichuang.rulesets.schema import (
    AllOf,
    AnyOf,
    Bundle,
    BundleFile,
    Catalog,
    Condition,
    Equals,
    Fact,
    FactFile,
    FactSpec,
    Item,
    Matter,
    Not,
    Present,
    Rulesets,
)
from yichuang.rulesets.tables import Calendar, LabelTable, ReuseConfig, ReviewConfig, SealRules, YearFile
from yichuang.rulesets.yamldoc import YamlDoc

from yichuang.errors import RulesetError

RULESETS_DIR = Path(__file__).resolve().parent
CALENDAR_DIR = RULESETS_DIR / "calendar"


# ---- the catalog ------------------------------------------------------------------------------

def load_catalog_file(path: Path) -> Catalog:
    return YamlDoc(path).model(Catalog)


@cache
def load_catalog(directory: str | None = None) -> Catalog:
    return load_catalog_file(Path(directory or RULESETS_DIR) / "catalog.yaml")


# ---- matters, bundles, facts ------------------------------------------------------------------

def load_facts_file(path: Path) -> dict[str, FactSpec]:
    return YamlDoc(path).model(FactFile).facts if path.exists() else {}


def _check_facts(m: Matter, doc: YamlDoc, facts: dict[str, FactSpec], facts_file: Path) -> None:
    """A `{fact: …}` condition names a fact the clerk can state; a typo would make it silently false."""
    for n, item in enumerate(m.items):
        for cond in leaf_conditions(item.when):
            if isinstance(cond, Fact) and cond.fact.lower() not in facts:
                raise doc.error(("items", n, "when"),
                                f"unknown fact '{cond.fact}' in item '{item.id}': known facts are "
                                f"{', '.join(sorted(facts)) or 'none'}; fix the spelling or add it to {facts_file}")


# ---- cross-checks -----------------------------------------------------------------------------

def leaf_conditions(cond) -> list[Condition]:
    """The leaves of a condition tree (any / all / not taken apart): facts, presences, equalities."""
    if cond is None:
        return []
    if isinstance(cond, AnyOf):
        return [c for sub in cond.any for c in leaf_conditions(sub)]
    if isinstance(cond, AllOf):
        return [c for sub in cond.all for c in leaf_conditions(sub)]
    if isinstance(cond, Not):
        return leaf_conditions(cond.not_)
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
        for cond in leaf_conditions(item.when):
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
    facts = load_facts_file(directory / "facts.yaml")
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
        _check_facts(matter, doc, facts, directory / "facts.yaml")
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
        load_seal_rules(str(directory / "seals.yaml"))
    return Rulesets(catalog=catalog, matters=matters, bundles=bundles, facts=facts, files=files)


@cache
def load_rulesets(directory: str | None = None) -> Rulesets:
    return load_rulesets_dir(Path(directory) if directory else RULESETS_DIR)


# ---- the other tables -------------------------------------------------------------------------

@cache
def load_labels(path: str | None = None) -> LabelTable:
    return YamlDoc(Path(path) if path else RULESETS_DIR / "labels.yaml").model(LabelTable)


@cache
def load_review(directory: str | None = None) -> ReviewConfig:
    return YamlDoc(Path(directory or RULESETS_DIR) / "review.yaml").model(ReviewConfig)


@cache
def load_seal_rules(path: str | None = None) -> SealRules:
    return YamlDoc(Path(path) if path else RULESETS_DIR / "seals.yaml").model(SealRules)


def load_reuse_file(path: Path, catalog: Catalog) -> ReuseConfig:
    doc = YamlDoc(path)
    cfg = doc.model(ReuseConfig)
    for mat, fname in cfg.holder_fields.items():
        if mat not in catalog.materials:
            raise doc.error(("holder_fields", mat), f"unknown material '{mat}': see rulesets/catalog.yaml")
        if fname not in catalog.materials[mat].fields:
            raise doc.error(("holder_fields", mat), f"material '{mat}' has no field '{fname}'")
    return cfg


# ---- calendar/YYYY.yaml -----------------------------------------------------------------------

def _check_year(doc: YamlDoc, data: YearFile, expected: int) -> None:
    if data.year != expected:
        raise doc.error(("year",), f"year {data.year} should match the file name '{expected}.yaml'")
    taken: dict[date, int] = {}
    for n, h in enumerate(data.holidays):
        for d in (h.from_, h.to):
            if d.year != data.year:
                raise doc.error(("holidays", n), f"{h.name}: {d} is not in {data.year}: each year has its own file")
        day = h.from_
        while day <= h.to:
            if day in taken:
                other = data.holidays[taken[day]]
                raise doc.error(("holidays", n), f"{h.name} overlaps {other.name} (line {doc.line(('holidays', taken[day]))}) "
                                                 f"on {day}: a day belongs to one holiday only")
            taken[day] = n
            day += timedelta(days=1)
    seen: set[date] = set()
    for n, w in enumerate(data.workdays):
        if w.date.year != data.year:
            raise doc.error(("workdays", n), f"{w.date} is not in {data.year}: each year has its own file")
        if w.date in seen:
            raise doc.error(("workdays", n), f"{w.date} is listed twice")
        seen.add(w.date)
        if w.date in taken:
            raise doc.error(("workdays", n), f"{w.date} is a working day and also inside "
                                             f"{data.holidays[taken[w.date]].name}: it cannot be both")
        if w.date.weekday() < 5:
            raise doc.error(("workdays", n), f"{w.date} is a weekday, already a working day: "
                                             "list only the Saturdays and Sundays that are worked (调休上班)")


_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _open(path: Path) -> YamlDoc:
    """YAML turns 2026-02-31 into an exception without a line: find the impossible date ourselves."""
    try:
        return YamlDoc(path)
    except ValueError as exc:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in _DATE.finditer(text):
                try:
                    date(*map(int, m.groups()))
                except ValueError:
                    raise RulesetError(f"{path}:{n}: {m.group(0)} is not a real date: write YYYY-MM-DD",
                                       file=str(path), line=n) from exc
        raise RulesetError(f"{path}: {exc}: write dates as YYYY-MM-DD", file=str(path)) from exc


def load_calendar_dir(directory: Path) -> Calendar:
    """Every ``YYYY.yaml`` in the folder, validated; errors name the file and line."""
    years: set[int] = set()
    holidays: set[date] = set()
    workdays: set[date] = set()
    names: dict[date, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        doc = _open(path)
        if not path.stem.isdigit() or len(path.stem) != 4:
            raise RulesetError(f"{path}:1: a calendar file is named after its year, e.g. 2026.yaml",
                               file=str(path), line=1)
        data = doc.model(YearFile)
        _check_year(doc, data, int(path.stem))
        years.add(data.year)
        for h in data.holidays:
            day = h.from_
            while day <= h.to:
                holidays.add(day)
                names[day] = h.name
                day += timedelta(days=1)
        workdays.update(w.date for w in data.workdays)
    return Calendar(frozenset(years), frozenset(holidays), frozenset(workdays), names)


@cache
def default_calendar() -> Calendar:
    return load_calendar_dir(CALENDAR_DIR) if CALENDAR_DIR.is_dir() else Calendar()


@dataclass(frozen=True)
class Checked:
    """Everything in one rulesets folder, loaded and cross-checked."""

    rules: Rulesets
    calendar: Calendar | None
    reuse: ReuseConfig | None
    labels: LabelTable | None
    review: ReviewConfig | None


def check_dir(directory: Path | None = None) -> Checked:
    """Load every file of a rulesets folder (a copy being edited, or the shipped one); the first
    mistake raises ``RulesetError`` naming its file and line."""
    root = directory or RULESETS_DIR
    rules = load_rulesets_dir(root)
    calendar = load_calendar_dir(root / "calendar") if (root / "calendar").is_dir() else None
    reuse = load_reuse_file(root / "reuse.yaml", rules.catalog) if (root / "reuse.yaml").exists() else None
    labels = YamlDoc(root / "labels.yaml").model(LabelTable) if (root / "labels.yaml").exists() else None
    review = YamlDoc(root / "review.yaml").model(ReviewConfig) if (root / "review.yaml").exists() else None
    return Checked(rules, calendar, reuse, labels, review)
