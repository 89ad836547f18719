"""材料复用: materials a citizen never hands in twice.

A material verified in an accepted (or approved) case becomes an archive record keyed by its holder —
a person's ID number, an entity's credit code (``rulesets/reuse.yaml`` says which field of a material
names its holder; otherwise the holder of the item it served, from the matter's ``holders:``). A later
case of the same holder gets an item that a still-valid record satisfies marked ``reused`` (with the
source case and date) instead of asking for it.

Pure functions over plain data. Safety: a record is reused only for an item whose holder the case
itself names (a page, the application form, or a clerk's fact), only for a material the item accepts,
only when the ruleset allows reuse of that item, and only while the record is valid on the check date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from yichuang.rulesets import RULESETS_DIR, load_reuse_file
from yichuang.rulesets.schema import Catalog
from yichuang.rulesets.tables import ReuseConfig

from yichuang.labels import say
from yichuang.types import MaterialResult, Reason, ReusedFrom

if TYPE_CHECKING:  # the checker's internal case; only its public-ish attributes are read here
    from yichuang.checkers.case import Slot, _Case

REUSE_FILE = RULESETS_DIR / "reuse.yaml"
FACT = "holder_id"  # --fact holder_id=… : the applicant's ID number or credit code; holder_id.<role>=… a role's


_CONFIGS: dict[int, tuple[Catalog, ReuseConfig]] = {}


def reuse_config(catalog: Catalog) -> ReuseConfig:
    """The shipped ``rulesets/reuse.yaml``, checked against the catalog once per catalog."""
    hit = _CONFIGS.get(id(catalog))
    if hit is None or hit[0] is not catalog:
        hit = (catalog, load_reuse_file(REUSE_FILE, catalog) if REUSE_FILE.exists() else ReuseConfig())
        _CONFIGS[id(catalog)] = hit
    return hit[1]


@dataclass(frozen=True)
class Record:
    """One archived, verified material of one holder."""

    id: int
    holder: str
    material: str
    source_case: str
    verified_on: date
    valid_until: str | None = None  # YYYY-MM-DD, 长期, or None (no expiry)
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    revoked: bool = False

    def valid_on(self, day: date) -> bool:
        if self.revoked:
            return False
        if self.valid_until in (None, "", "长期"):
            return True
        try:
            return date.fromisoformat(self.valid_until) >= day
        except ValueError:  # an unreadable validity is not a valid one
            return False


@dataclass(frozen=True)
class Candidate:
    """A material of this case that may be archived once the case is accepted."""

    holder: str
    material: str
    valid_until: str | None
    fields: dict[str, str]
    documents: list[str]
    item: str


def _norm(value: str | None) -> str | None:
    v = (value or "").strip().upper()
    return v or None


def _valid_value(case: _Case, matter, ref: str) -> str | None:
    got = case.ref(matter, ref)
    if got is None:
        return None
    detail = got[2].fields.get(ref.partition(".")[2])
    return _norm(got[1]) if detail is None or detail.valid else None


def slot_holder(case: _Case, slot: Slot) -> str | None:
    """Whose material this item is: the role's or the applicant's ID number / credit code, as the case
    shows it (application form, other pages) or a clerk's fact says; None when the case does not say."""
    who = slot.role or "applicant"
    facts = case.facts
    explicit = _norm(facts.get(f"{FACT}.{who}".lower()))
    if explicit:
        return explicit
    for m, item in slot.contributions:
        role = item.role or "applicant"
        for ref in m.holders.get(role, []):
            if v := _valid_value(case, m, ref):
                return v
    for m, item in slot.contributions:  # the applicant's fact stands for a role that is the applicant
        role = item.role or "applicant"
        same_person = role == "applicant" or (role in m.holders and m.holders.get(role) == m.holders.get("applicant"))
        if same_person and (v := _norm(facts.get(FACT))):
            return v
    return None


def _reusable(slot: Slot) -> bool:
    return all(item.reusable for _, item in slot.contributions)


def apply_reuse(case: _Case, results: list[MaterialResult], records: Iterable[Record]) -> list[MaterialResult]:
    """Items the citizen did not bring that a valid archived record of the same holder satisfies → `reused`."""
    pool = [r for r in records if r.valid_on(case.as_of)]
    if not pool:
        return results
    out = []
    for slot, res in zip(case.slots, results, strict=True):
        rec = None
        if res.status in ("missing", "tolerated") and res.requirement != "not_required" and _reusable(slot):
            holder = slot_holder(case, slot)
            if holder:
                rec = _best(pool, holder, res.alternatives)
        if rec is not None and (clash := _disagreement(case, slot, rec)):
            why = Reason.of("reuse_clash", item=res.name, clash=clash)
            out.append(res.model_copy(update={"reasons": [*res.reasons, say(why)],
                                              "reason_codes": [*res.reason_codes, why]}))
            continue
        if rec is None:
            out.append(res)
            continue
        if rec.valid_until:
            note = Reason.of("reused_until", item=res.name, case=rec.source_case[:8],
                             verified=rec.verified_on.isoformat(), until=rec.valid_until)
        else:
            note = Reason.of("reused", item=res.name, case=rec.source_case[:8], verified=rec.verified_on.isoformat())
        out.append(res.model_copy(update={
            "status": "reused", "material": rec.material, "reasons": [say(note)], "reason_codes": [note],
            "deadline": None,
            "deadline_text": None, "deadline_unverified": False,
            "reused_from": ReusedFrom(case=rec.source_case, verified_on=rec.verified_on.isoformat(),
                                      material=rec.material, valid_until=rec.valid_until, record=rec.id)}))
    return out


def _disagreement(case: _Case, slot: Slot, rec: Record) -> str | None:
    """An archived material must agree with this case's documents as the rules would demand of a fresh one:
    the role's name (a wrong ID number on a form must not pull in somebody else's card) and every consistency
    rule on the item (an old lease for another address is not this application's premises proof).
    Returns the label of the first field that disagrees, or None."""
    from yichuang.checkers.compare import same_place, same_value, similar_name

    material = case.catalog.materials[rec.material]
    name = rec.fields.get("name")
    if name and slot.role_key is not None:
        expected = case._expected_names(slot)
        if expected and not all(same_value(name, n) for n in expected):
            return material.label_of("name")
    by_id = {m.id: m for m in case.matters}
    scoped = [(rule, [(m, r) for r in rule.refs]) for m in case.matters for rule in m.consistency]
    scoped += [(rule, [(by_id[r.partition(".")[0]], r.partition(".")[2]) for r in rule.refs])
               for rule in (case.bundle.consistency if case.bundle else [])]
    for rule, refs in scoped:
        mine = [(m, ref) for m, ref in refs if case.slot_of.get((m.id, ref.partition(".")[0])) is slot]
        if not mine:
            continue
        others = [got[1] for m, ref in refs if (m, ref) not in mine and (got := case.ref(m, ref)) is not None]
        for _, ref in mine:
            fname = ref.partition(".")[2]
            value = rec.fields.get(fname)
            if not value or fname not in material.fields or not others:
                continue
            ftype = material.fields[fname].type
            eq = same_value if rule.kind == "same" else same_place if ftype == "address" else similar_name
            if not all(eq(value, o) for o in others):
                return material.label_of(fname)
    return None


def _best(pool: list[Record], holder: str, materials: list[str]) -> Record | None:
    fits = [r for r in pool if r.holder == holder and r.material in materials]
    # the most recently verified record; among equals, the one valid longest
    fits.sort(key=lambda r: (r.verified_on, r.valid_until or "9999"), reverse=True)
    return fits[0] if fits else None


def candidates(case: _Case, results: list[MaterialResult]) -> list[Candidate]:
    """Materials verified in this case: placed, present (valid, consistent, nothing to review), their
    holder and validity read. What the archive keeps once the clerk accepts the case."""
    cfg = reuse_config(case.catalog)
    out: list[Candidate] = []
    for slot, res in zip(case.slots, results, strict=True):
        inst = slot.instance
        if res.status != "present" or inst is None or not _reusable(slot):
            continue
        if any(d.material == "unknown" or not d.quality.usable or d.unread for d in inst.docs):
            continue
        material = case.catalog.materials[inst.material]
        own = cfg.holder_fields.get(inst.material)
        holder = _norm(inst.value(own)) if own else slot_holder(case, slot)
        if own and (detail := inst.fields.get(own)) is not None and not detail.valid:
            holder = None
        if not holder:
            continue
        until = inst.value(material.expiry_field) if material.expiry_field else None
        if material.expiry_field and not until:
            continue  # validity not read: cannot promise it is still valid later
        out.append(Candidate(holder=holder, material=inst.material, valid_until=until,
                             fields={k: v.value for k, v in inst.fields.items()}, documents=inst.refs,
                             item=res.item))
    return out
