"""The completeness check: documents + matters → what a window clerk must know.

Pure functions over plain data; nothing here reads a file or runs OCR.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from yichuang.checkers.compare import (
    CODE_TYPES,
    fused,
    holds,
    residue,
    same_code,
    same_place,
    same_value,
    similar_name,
)
from yichuang.checkers.deadlines import (
    Calendar,
    History,
    apply_history,
    deadline_fields,
    default_calendar,
    promise_due,
    unverified_note,
)
from yichuang.checkers.instances import Instance, build_instances
from yichuang.checkers.notice import notice_text
from yichuang.checkers.reuse import Record, apply_reuse
from yichuang.checkers.review import (
    FieldState,
    Tri,
    all3,
    any3,
    dependent_fields,
    doubtful,
    equals3,
    fact3,
    field_state,
    item_status,
    label_grammar,
    label_like,
    not3,
    other_identifier,
    present3,
    refs_of,
    unread_code,
)
from yichuang.extractors.validators import VALIDATORS
from yichuang.rulesets import load_review
from yichuang.rulesets.schema import (
    AllOf,
    AnyOf,
    Bundle,
    Catalog,
    Equals,
    Fact,
    Item,
    Matter,
    Not,
    Present,
    Rulesets,
)

from yichuang.labels import labels, say
from yichuang.types import (
    CheckResult,
    Document,
    FileError,
    FormSource,
    FormValue,
    MaterialResult,
    Reason,
    Saved,
)

TRUTHY = {"true", "yes", "y", "1", "是", "有", "on"}
_RANK = {"not_required": 0, "tolerable": 1, "conditional_key": 2, "key": 3}


@dataclass
class Slot:
    """One entry of the checklist: an item (and role), possibly shared by several matters."""

    materials: list[str]
    role_key: str | None  # unified role ("operator" ≡ "legal_rep" in a bundle) or None
    role: str | None  # role name as the first matter spells it
    contributions: list[tuple[Matter, Item]] = field(default_factory=list)
    produced: bool = False
    instance: Instance | None = None
    requirement: str = "not_required"
    conflicts: list[Reason] = field(default_factory=list)
    reviews: list[Reason] = field(default_factory=list)  # 需人工核对: what a person must look at, and why
    undecided: bool = False  # required only if a condition nobody could read holds
    unconfirmed: bool = False  # its card was given to it in order: no name the other documents read matched

    @property
    def first(self) -> Item:
        return self.contributions[0][1]

    @property
    def name(self) -> str:
        return self.first.name

    @property
    def role_name(self) -> str:
        """The role as the first matter names it (经营者, 委托代理人)."""
        matter = self.contributions[0][0]
        role = matter.roles.get(self.role or "")
        return role.name if role else (self.role or "")


class _Case:
    def __init__(self, documents: list[Document], matters: list[Matter], bundle: Bundle | None,
                 as_of: date, facts: dict[str, str], rules: Rulesets) -> None:
        self.documents = documents
        self.matters = matters
        self.bundle = bundle
        self.as_of = as_of
        self.facts = {k.strip().lower(): v.strip() for k, v in facts.items()}
        self.catalog: Catalog = rules.catalog
        self.review_cfg = load_review()
        self.depends = dependent_fields(matters, rules, bundle)
        self.grammar = label_grammar(rules.catalog, matters)
        self.printed_titles = self.grammar.printed | self.grammar.titles
        # issued to a person (a name and a 公民身份号码 on it: ID card, 户口簿): a person's name and home
        self.person_cards = frozenset(mid for mid, m in rules.catalog.materials.items() if m.issued and "name" in m.fields
                                      and any(f.type == "id_number" for f in m.fields.values()))
        self.calendar: Calendar = default_calendar()
        self.instances = build_instances(documents, rules.catalog)
        self.role_group = self._unify_roles()
        self.slots: list[Slot] = []
        self.slot_of: dict[tuple[str, str], Slot] = {}  # (matter id, item id) → slot
        self._build_slots()

    # -- structure -----------------------------------------------------------------------------
    def _unify_roles(self) -> dict[str, str]:
        group: dict[str, str] = {}
        for m in self.matters:
            for r in m.roles:
                group[f"{m.id}.{r}"] = f"{m.id}.{r}"
        for members in (self.bundle.same_roles if self.bundle else []):
            head = members[0]
            for other in members[1:]:
                group[other] = group.get(head, head)
        return group

    def _build_slots(self) -> None:
        produced: set[str] = set()
        for m in self.matters:
            for item in m.items:
                role_key = self.role_group.get(f"{m.id}.{item.role}") if item.role else None
                if set(item.materials) <= produced:
                    slot = Slot(list(item.materials), role_key, item.role, produced=True)
                    slot.contributions.append((m, item))
                    self.slots.append(slot)
                    self.slot_of[(m.id, item.id)] = slot
                    continue
                key = (frozenset(item.materials), role_key)
                slot = next((s for s in self.slots if not s.produced
                             and (frozenset(s.materials), s.role_key) == key), None)
                if slot is None:
                    slot = Slot(list(item.materials), role_key, item.role)
                    self.slots.append(slot)
                slot.contributions.append((m, item))
                self.slot_of[(m.id, item.id)] = slot
            produced |= set(m.produces)

    # -- values --------------------------------------------------------------------------------
    def ref(self, matter: Matter, ref: str) -> tuple[Slot, str, Instance] | None:
        """'item.field' in a matter → (slot, value, instance) when the document shows it."""
        item_id, _, fname = ref.partition(".")
        slot = self.slot_of.get((matter.id, item_id))
        if slot is None or slot.instance is None:
            return None
        value = slot.instance.value(fname)
        return (slot, value, slot.instance) if value else None

    def state(self, matter: Matter, ref: str) -> tuple[Slot | None, FieldState]:
        """'item.field' → its slot and whether the field was read, unsure, unread or absent."""
        item_id, _, fname = ref.partition(".")
        slot = self.slot_of.get((matter.id, item_id))
        state = field_state(slot.instance if slot else None, fname, self.review_cfg)
        if state == "read" and slot is not None and slot.instance is not None and \
                self._doubtful_value(slot.instance, fname, slot.instance.value(fname) or ""):
            state = "unsure"  # a label or a non-value read there decides no condition
        return slot, state

    def condition(self, matter: Matter, cond) -> Tri:
        """Three-valued: None when it depends on a field labelled on the page but not read."""
        if isinstance(cond, Present):
            return present3(self.state(matter, cond.present)[1])
        if isinstance(cond, Equals):
            got = self.ref(matter, cond.equals[0])
            return equals3(self.state(matter, cond.equals[0])[1], got is not None and same_value(got[1], cond.equals[1]))
        if isinstance(cond, Fact):
            return fact3(self.facts, cond, TRUTHY, same_value)
        if isinstance(cond, AnyOf):
            return any3(self.condition(matter, c) for c in cond.any)
        if isinstance(cond, AllOf):
            return all3(self.condition(matter, c) for c in cond.all)
        if isinstance(cond, Not):
            return not3(self.condition(matter, cond.not_))
        raise TypeError(cond)

    # -- resolution ----------------------------------------------------------------------------
    def _validity(self, inst: Instance, item: str = "") -> list[Reason]:
        material = self.catalog.materials[inst.material]
        problems = []
        for name, detail in inst.fields.items():
            if not detail.valid and self._reading_problem(inst, name) is None:
                cause = Reason.of(detail.code, **detail.params) if detail.code else _why_invalid(
                    material.fields[name].type if name in material.fields else "", detail.value)
                problems.append(Reason.of("invalid_field", cause=cause, item=item, label=material.label_of(name),
                                          value=detail.value))
        if material.expiry_field and field_state(inst, material.expiry_field, self.review_cfg) == "read":
            until = inst.value(material.expiry_field)
            if until and until != "长期":
                try:
                    expired = date.fromisoformat(until) < self.as_of
                except ValueError:
                    expired = False
                if expired:
                    problems.append(Reason.of("expired", item=item, until=until))
        return problems

    def _reading_problem(self, inst: Instance, name: str) -> str | None:
        """Why an invalid reading may not be what is written: "unsure" when it was read with little
        confidence or the extractor flagged it (a checksum failing on a doubtful reading is OCR's as
        likely as the citizen's), or the identifier type it validates as when it is a valid one of
        another type (a 统一社会信用代码 read into the 身份证号码 box: the number of the next row).
        None: a confident reading that is simply invalid."""
        detail = inst.fields.get(name)
        if detail is None or detail.valid:
            return None
        spec = self.catalog.materials[inst.material].fields.get(name)
        other = other_identifier(detail.value, spec.type if spec else "")
        return other or ("unsure" if field_state(inst, name, self.review_cfg) == "unsure" else None)

    def _unsure_validity(self, inst: Instance, item: str) -> list[Reason]:
        """Invalid readings that a misreading explains: put to a person, never called invalid."""
        material = self.catalog.materials[inst.material]
        out = []
        for name, detail in inst.fields.items():
            why = None if detail.valid else self._reading_problem(inst, name)
            if why is None:
                continue
            label = material.label_of(name)
            if why == "unsure":
                cause = Reason.of(detail.code, **detail.params) if detail.code else _why_invalid(
                    material.fields[name].type if name in material.fields else "", detail.value)
                out.append(Reason.of("unsure_invalid", item=item, label=label, value=detail.value, cause=cause))
            else:
                out.append(Reason.of("other_identifier", item=item, label=label, value=detail.value,
                                     kind=labels().fields.get(why, why)))
        return out

    def _choose(self, slot: Slot) -> Instance | None:
        cands = [i for mat in slot.materials for i in self.instances if i.material == mat]
        valid = [i for i in cands if not self._validity(i)]
        return (valid or cands or [None])[0]

    def _needs_roles(self, slot: Slot) -> bool:
        return slot.role_key is not None and any("name" in self.catalog.materials[m].fields for m in slot.materials)

    def _expected_names(self, slot: Slot) -> set[str]:
        names: set[str] = set()
        for m in self.matters:
            for rname, role in m.roles.items():
                if self.role_group.get(f"{m.id}.{rname}") == slot.role_key:
                    names.update(got[1] for ref in role.names_from if (got := self.ref(m, ref)) is not None)
        return names

    def _confident_names(self, slot: Slot) -> bool:
        """Some document names the slot's role with a confident reading (a mismatch with it is the
        consistency rules' to call, on the declared document)."""
        return any(self.state(m, ref)[1] == "read" for m in self.matters for rname, role in m.roles.items()
                   if self.role_group.get(f"{m.id}.{rname}") == slot.role_key for ref in role.names_from)

    def resolve(self) -> None:
        role_slots = [s for s in self.slots if self._needs_roles(s)]
        for slot in self.slots:
            if slot not in role_slots and not slot.produced:
                slot.instance = self._choose(slot)
        # requirement (conditions read the documents resolved above)
        for slot in self.slots:
            ranks, unknown = [], False
            for m, item in slot.contributions:
                if item.requirement == "conditional":
                    holds = self.condition(m, item.when)
                    unknown |= holds is None
                    ranks.append("conditional_key" if holds else "not_required")
                else:
                    ranks.append(item.requirement)
            slot.requirement = max(ranks, key=lambda r: _RANK[r])
            if unknown and _RANK[slot.requirement] < _RANK["conditional_key"]:
                slot.requirement, slot.undecided = "conditional_key", True  # may be needed: a person decides
        self._assign_roles([s for s in role_slots if s.requirement != "not_required" and not s.produced])

    def _assign_roles(self, slots: list[Slot]) -> None:
        """Two ID cards: whose is whose is decided from the names on the other documents."""
        pool = [i for i in self.instances if any(i.material in s.materials for s in slots)]
        expected = {id(s): self._expected_names(s) for s in slots}
        free = list(slots)

        def take(slot: Slot, inst: Instance) -> None:
            slot.instance = inst
            free.remove(slot)
            pool.remove(inst)

        for inst in list(pool):
            name = inst.value("name")
            matches = [s for s in free if name and any(same_value(name, n) for n in expected[id(s)])
                       and inst.material in s.materials]
            for slot in matches:  # one person may hold several roles (operator and legal rep)
                slot.instance = inst
                free.remove(slot)
            if matches:
                pool.remove(inst)
        for slot in [s for s in free if not expected[id(s)]]:
            cand = next((i for i in pool if i.material in slot.materials), None)
            if cand is not None:
                take(slot, cand)
        for slot in list(free):  # names disagree: assign in order; the consistency rules will say so
            cand = next((i for i in pool if i.material in slot.materials), None)
            if cand is not None:
                take(slot, cand)
                slot.unconfirmed = True

    # -- consistency ---------------------------------------------------------------------------
    def consistency(self) -> None:
        seen: set[tuple] = set()
        by_id = {m.id: m for m in self.matters}
        scoped = [(rule, [(m, ref) for ref in rule.refs]) for m in self.matters for rule in m.consistency]
        for rule in (self.bundle.consistency if self.bundle else []):
            scoped.append((rule, [(by_id[r.partition(".")[0]], r.partition(".")[2]) for r in rule.refs]))
        for rule, refs in scoped:
            vals = []
            kinds = set()
            for m, ref in refs:
                got = self.ref(m, ref)
                if got is not None:
                    slot, value, inst = got
                    fname = ref.partition(".")[2]
                    material = self.catalog.materials[inst.material]
                    kinds.add(material.fields[fname].type)
                    vals.append((slot, fname, value, material.issued))
            key = tuple(sorted((id(v[0]), v[1], v[2]) for v in vals))
            if len(vals) < 2 or key in seen:
                continue
            seen.add(key)
            if rule.kind == "same":
                self._judge(same_code if kinds and kinds <= CODE_TYPES else same_value, vals)
            else:
                self._judge(same_place if "address" in kinds else similar_name, vals)

    def _label_like(self, value: str) -> bool:
        return label_like(value, "text", self.grammar)

    def _opens(self, value: str) -> bool:
        """A printed word: a whole label or title, or three characters or more ending with a head noun
        (使用面积, 联系电话): what begins the next box of a form."""
        g = self.grammar
        return value in g.printed or value in g.titles or \
            (len(value) >= 3 and any(value.endswith(h) and len(value) - len(h) <= 4 for h in g.heads))

    def _judge(self, eq, vals: list[tuple[Slot, str, str, bool]]) -> None:
        plain = eq

        def eq(a: str, b: str) -> bool:  # a box OCR fused to the value leaves it the same value
            return plain(a, b) or fused(a, b, self._label_like, self._opens)

        groups: list[list[tuple[Slot, str, str, bool]]] = []
        for v in vals:
            for g in groups:
                if eq(g[0][2], v[2]):
                    g.append(v)
                    break
            else:
                groups.append([v])
        if len(groups) < 2:
            return
        groups.sort(key=len, reverse=True)
        if len(groups[0]) > len(groups[1]):
            blamed = [v for g in groups[1:] for v in g]
        else:
            declared = [v for v in vals if not v[3]]
            blamed = declared if declared and len(declared) < len(vals) else vals
        for slot, fname, value, _ in blamed:
            others = [v for v in vals if v[0] is not slot and not eq(v[2], value)]
            if not others:
                continue
            label = self.catalog.materials[slot.instance.material].label_of(fname) if slot.instance else fname
            other_names = "、".join(dict.fromkeys(o[0].name for o in others))
            other_vals = " / ".join(dict.fromkeys(o[2] for o in others))
            reason = Reason.of("conflict", item=slot.name, label=label, others=other_names, value=value,
                               other_values=other_vals)
            unsure = [(s, f) for s, f in [(slot, fname), *((o[0], o[1]) for o in others)]
                      if field_state(s.instance, f, self.review_cfg) == "unsure" or self._doubtful(s, f)]
            if not unsure and all(holds(value, o[2], self.printed_titles) or residue(value, o[2]) for o in others):
                unsure = [(slot, fname)]  # the one holds the other and more: a label's residue, a hint, a code
            if not unsure and plain is same_code and any(_code_len(value) != _code_len(o[2]) for o in others):
                unsure = [(slot, fname)]  # one identifier, two lengths: one reading lost or gained a character
            if not unsure and plain is same_place:
                unsure = self._party_address(slot, fname, value, others)
            if not unsure:
                unsure = self._not_a_person(slot, fname, value, others)
            if not unsure:
                unsure = self._other_party(slot, fname, value, others)
            if unsure:  # a misreading may explain it: a person compares the originals
                s, f = unsure[0]
                flabel = self.catalog.materials[s.instance.material].label_of(f) if s.instance else f
                reason = Reason.of("unsure_conflict", cause=reason, label=s.name + flabel)
                if reason not in slot.reviews:
                    slot.reviews.append(reason)
            elif reason not in slot.conflicts:
                slot.conflicts.append(reason)

    def _party_address(self, slot: Slot, fname: str, value: str, others: list) -> list[tuple[Slot, str]]:
        """Contracts and forms print each party's own address (住址, 联系地址) beside the house's. When
        one side of an address disagreement is the home address of a person of the case (as their ID
        card gives it) and the other side is the address an issued document registers (the licence's
        住所), the reading may be the party's line: a person compares the originals. Without that
        second witness (the shop may well be at the owner's home) it stays a disagreement."""
        homes = [i.value("address") or "" for i in self.instances if i.material in self.person_cards]
        homes = [h for h in homes if len(h) >= 8]
        registered = [d.value for i in self.instances if i.material not in self.person_cards
                      and self.catalog.materials[i.material].issued
                      for n, d in i.fields.items() if self.catalog.materials[i.material].fields.get(n) is not None
                      and self.catalog.materials[i.material].fields[n].type == "address"]
        if not homes or not registered:
            return []
        sides = [(slot, fname, value), *((o[0], o[1], o[2]) for o in others)]
        at_home = [(s, f) for s, f, v in sides if s.instance is not None and s.instance.material not in self.person_cards
                   and any(same_place(v, h) for h in homes) and not any(same_place(v, r) for r in registered)]
        witnessed = any(any(same_place(v, r) for r in registered) for _, _, v in sides)
        return at_home if at_home and witnessed else []

    def _not_a_person(self, slot: Slot, fname: str, value: str, others: list) -> list[tuple[Slot, str]]:
        """Compared with the name on an ID card (a person's, as issued), a reading that cannot be a
        person's name — five Chinese characters or more without the · of a transliterated name — is
        a piece of the page's prose or of another box (在办理过程中所签), not a different person."""
        sides = [(slot, fname, value), *((o[0], o[1], o[2]) for o in others)]
        if not any(s.instance is not None and s.instance.material in self.person_cards and f == "name" for s, f, _ in sides):
            return []
        return [(s, f) for s, f, v in sides if s.instance is not None and s.instance.material not in self.person_cards
                and self.catalog.materials[s.instance.material].fields[f].type == "name" and _not_person_shaped(v)]

    def _other_party(self, slot: Slot, fname: str, value: str, others: list) -> list[tuple[Slot, str]]:
        """A form that prints several parties' blocks (权利人 and 义务人, each with its 姓名 row): when
        the one side of a name disagreement is the name another person of the case carries (their ID
        card, as issued) and the other side is a card too, the reading may be the next block's 姓名 —
        a person compares the originals. A name nobody in the case has stays a mismatch."""
        sides = [(slot, fname, value), *((o[0], o[1], o[2]) for o in others)]
        cards = {id(s) for s, f, _ in sides if s.instance is not None and s.instance.material in self.person_cards}
        if not cards:
            return []
        names = [i.value("name") or "" for i in self.instances if i.material in self.person_cards]
        out = []
        for s, f, v in sides:
            if id(s) in cards or s.instance is None:
                continue
            material = self.catalog.materials[s.instance.material]
            blocks = sum(spec.type == "name" for spec in material.fields.values())
            holders = [o[2] for o in sides if id(o[0]) in cards]
            if blocks >= 2 and any(same_value(v, n) for n in names) and not any(same_value(v, h) for h in holders):
                out.append((s, f))
        return out

    def _doubtful(self, slot: Slot, fname: str) -> bool:
        """The slot's reading of the field is probably not its value (a label read back, date words in
        a name): a disagreement with it is a person's to judge, not a mismatch."""
        inst = slot.instance
        if inst is None or (value := inst.value(fname)) is None:
            return False
        return self._doubtful_value(inst, fname, value)

    def _doubtful_value(self, inst: Instance, fname: str, value: str) -> bool:
        spec = self.catalog.materials[inst.material].fields.get(fname)
        return doubtful(value, spec.type if spec else "", self.grammar, spec.values if spec else None)

    # -- 需人工核对 ------------------------------------------------------------------------------
    def review(self) -> None:
        """Every field a rule reads that is labelled but unread; every condition nobody could
        decide; every expiry judged from an unsure date: put to a person, never passed."""
        cfg = self.review_cfg
        for slot in self.slots:
            inst = slot.instance
            if slot.produced or slot.requirement == "not_required":
                continue
            if inst is None:
                if slot.undecided:
                    slot.reviews += self._undecided_reasons(slot)
                continue
            material = self.catalog.materials[inst.material]
            needed = sorted({f for m, item in slot.contributions for f in self.depends.get((m.id, item.id), ())
                             if f in material.fields})
            for fname in needed:
                state = field_state(inst, fname, cfg)
                if state == "unread":
                    why = unread_code(inst, fname) or "default"
                elif state != "absent" and self._doubtful_value(inst, fname, inst.value(fname) or ""):
                    why = "wrong_type"  # read, but not a value of the field (a label, a non-date)
                    said = slot.name + material.label_of(fname)
                    if any(r.code == "unsure_conflict" and r.params.get("label") == said for r in slot.reviews):
                        continue  # the comparison already put it to a person, with the values
                else:
                    continue
                reason = Reason.of("unread", item=slot.name, label=material.label_of(fname), why=why)
                if reason not in slot.reviews:
                    slot.reviews.append(reason)
            if slot.unconfirmed and not self._confident_names(slot):
                # whose card it is was decided by no name: those it should match were not read with confidence
                slot.reviews.append(Reason.of("role_unconfirmed", item=slot.name, role=slot.role_name,
                                              name=inst.value("name") or ""))
            expiry = material.expiry_field
            if expiry and field_state(inst, expiry, cfg) == "unsure" and inst.value(expiry) != "长期":
                slot.reviews.append(Reason.of("unsure_expiry", item=slot.name, label=material.label_of(expiry),
                                              value=inst.value(expiry)))

    def _undecided_reasons(self, slot: Slot) -> list[Reason]:
        out: list[Reason] = []
        for m, item in slot.contributions:
            for ref in refs_of(item.when):
                src, st = self.state(m, ref)
                if st not in ("unread", "unsure") or src is None or src.instance is None:
                    continue
                fname = ref.partition(".")[2]
                material = self.catalog.materials[src.instance.material]
                code = unread_code(src.instance, fname) or ("low_confidence" if st == "unsure" else "default")
                reason = Reason.of("undecided", item=slot.name, source=src.name, label=material.label_of(fname),
                                   why=code)
                if reason not in out:
                    out.append(reason)
        return out or [Reason.of("undecided_any", item=slot.name)]

    # -- results -------------------------------------------------------------------------------
    def results(self) -> list[MaterialResult]:
        from yichuang.checkers.seals import slot_marks  # seals reads the case: imported when it is built

        out = []
        for slot in self.slots:
            inst = slot.instance
            alternatives = list(slot.materials)
            material = inst.material if inst else alternatives[0]
            due = promise_due(self.calendar, self.as_of, slot.contributions)
            deadline = None
            reasons: list[Reason] = []
            if slot.produced:
                status = "produced_in_bundle"
                producer = next(m.name for m in self.matters if set(slot.materials) <= set(m.produces))
                reasons.append(Reason.of("produced", item=slot.name, producer=producer))
            elif slot.requirement == "not_required":
                status = "not_required"
            elif inst is None and slot.undecided:
                status = "needs_review"
                reasons += slot.reviews
            elif inst is None:
                if slot.requirement == "tolerable":
                    status = "tolerated"
                    deadline = due.on.isoformat()
                    reasons.append(Reason.of("tolerated", item=slot.name, due=due.on.isoformat()))
                    if due.unverified:
                        reasons.append(unverified_note(due))
                elif slot.requirement == "key":
                    status = "missing"
                    reasons.append(Reason.of("missing_key", item=slot.name))
                else:
                    status = "missing"
                    reasons.append(Reason.of("missing", item=slot.name))
            else:
                raised = [*(("invalid", r) for r in self._validity(inst, slot.name)),
                          *(("inconsistent", r) for r in slot.conflicts),
                          *(("needs_review", r) for r in [*self._unsure_validity(inst, slot.name), *slot.reviews]),
                          *slot_marks(self, slot).raised]  # required seals and signatures
                reasons += [r for _, r in raised]
                status = item_status(raised)
                if status != "present" and slot.requirement == "tolerable":
                    deadline = due.on.isoformat()
            out.append(MaterialResult(
                item=slot.first.item, name=slot.name, material=material, role=slot.role,
                requirement=slot.requirement, status=status, alternatives=alternatives,
                documents=inst.refs if inst else [], reasons=[say(r) for r in reasons], reason_codes=reasons,
                shared_by=[m.id for m, _ in slot.contributions] if len(slot.contributions) > 1 else [],
                deadline=deadline, **deadline_fields(due, deadline)))
        return out

    def _field_type(self, matter: Matter, ref: str) -> str:
        got = self.ref(matter, ref)
        if got is None:
            return "text"
        return self.catalog.materials[got[2].material].fields[ref.partition(".")[2]].type

    def form(self) -> dict[str, FormValue]:
        refs_by_field: dict[str, list[tuple[Matter, str]]] = {}
        for m in self.matters:
            for fname, refs in m.form.items():
                refs_by_field.setdefault(fname, []).extend((m, r) for r in refs)
        out: dict[str, FormValue] = {}
        for fname, refs in refs_by_field.items():
            found: list[FormSource] = []
            for m, ref in refs:
                got = self.ref(m, ref)
                if got is None:
                    continue
                detail = got[2].fields[ref.partition(".")[2]]
                src = FormSource(value=detail.value, source=detail.source, confidence=detail.confidence, box=detail.box,
                                 page_id=detail.page_id)
                if all((f.page_id, f.source) != (src.page_id, src.source) or f.value != src.value for f in found):
                    found.append(src)
            if not found:
                continue
            first = next((m, r) for m, r in refs if self.ref(m, r) is not None)
            ftype = self._field_type(*first)
            eq = same_place if ftype == "address" else similar_name if ftype == "text" else same_value
            head = found[0]
            out[fname] = FormValue(value=head.value, source=head.source, confidence=head.confidence, box=head.box,
                                   page_id=head.page_id, conflicts=[f for f in found[1:] if not eq(f.value, head.value)])
        return out

    def saved(self, results: list[MaterialResult]) -> Saved:
        separately = 0
        for m in self.matters:
            for item in m.items:
                slot = self.slot_of[(m.id, item.id)]
                applies = item.requirement != "conditional" or self.condition(m, item.when) is not False
                separately += applies and (slot.requirement != "not_required" or slot.produced)
        in_bundle = sum(r.status not in ("not_required", "produced_in_bundle", "reused") for r in results)
        return Saved(materials_separately=separately, materials_in_bundle=in_bundle,
                     materials_reused=sum(r.status == "reused" for r in results))


def _code_len(value: str) -> int:
    """An identifier's length in letters and digits: a kind of identifier has one (18, 28)."""
    return len(re.sub(r"[^0-9A-Za-z]", "", value))


def _not_person_shaped(value: str) -> bool:
    han = re.sub(r"[^\u3400-\u9fff]", "", value)
    return len(han) >= 5 and "·" not in value and "•" not in value and len(han) == len(re.sub(r"\s", "", value))


def _why_invalid(kind: str, value: str) -> Reason | None:
    """A field marked invalid without a code (a result stored before reasons were codes): its
    validator, run again on the value, says why."""
    check = VALIDATORS.get(kind)
    res = check(value) if check else None
    return Reason.of(res.code, **res.params) if res is not None and res.code else None


def verdict_of(results: list[MaterialResult]) -> str:
    if any(r.requirement in ("key", "conditional_key") and r.status in ("missing", "invalid", "inconsistent")
           for r in results):
        return "incomplete"
    if any(r.status == "needs_review" and r.requirement != "not_required" for r in results):
        return "needs_review"
    if any(r.requirement == "tolerable" and r.status in ("tolerated", "missing", "invalid", "inconsistent")
           for r in results):
        return "accept_with_tolerance"
    return "complete"


def check_case(documents: list[Document], matter_ids: list[str], rules: Rulesets, as_of: date | None = None,
               facts: dict[str, str] | None = None, errors: list[FileError] | None = None, *,
               archive: Iterable[Record] = (), history: History | None = None,
               calendar: Calendar | None = None) -> CheckResult:
    """Check one case: every item of every matter, the verdict, the notice and the pre-filled form.

    ``archive``: verified materials of earlier cases (材料复用); ``history``: the case's earlier promises
    and when its files arrived (容缺 follow-up); ``calendar``: holidays for working-day deadlines."""
    as_of = as_of or date.today()
    matters, bundle = rules.resolve(matter_ids)
    case = _Case(documents, matters, bundle, as_of, facts or {}, rules)
    if calendar is not None:
        case.calendar = calendar
    case.resolve()
    case.consistency()
    case.review()
    results = apply_reuse(case, case.results(), archive)
    if history is not None:
        results = apply_history(results, history)
    verdict = verdict_of(results)
    if verdict in ("complete", "accept_with_tolerance") and any(e.code == "unreadable_page" for e in errors or []):
        verdict = "needs_review"  # a page that was not read could be anything: a person looks at the case
    bundle_id = next((bid for bid, b in rules.bundles.items() if b is bundle), None)
    result = CheckResult(matters=[m.id for m in matters], bundle=bundle_id, as_of=as_of.isoformat(),
                         verdict=verdict, materials=results, documents=documents, form=case.form(),
                         saved=case.saved(results), notice="", errors=list(errors or []))
    result.notice = notice_text(result, [m.name for m in matters], bundle.name if bundle else None)
    return result
