"""Seal and signature requirements: `seal: {of: …}` and `signature: [party, …]` on a material.

A required seal that is absent on a colour capture makes the item ``invalid``; one that cannot be
judged (a black-and-white copy, a photo with glare, an unreadable ring, a ring naming someone else)
``needs_review``.
Pages never examined for seals (a text-layer PDF, an OCR cache entry older than the seal step)
are not judged here: the reasons say nothing and the item keeps its status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yichuang.rulesets import load_seal_rules
from yichuang.rulesets.schema import Material, SealRequirement
from yichuang.rulesets.tables import SealRules

from yichuang.types import Document, Reason, Seal


@dataclass
class MarkVerdict:
    """Each reason with the status it was raised at: a missing seal or signature makes the item
    ``invalid``, one that cannot be judged ``needs_review`` (its sentence asks a person)."""

    raised: list[tuple[str, Reason]] = field(default_factory=list)

    @property
    def status(self) -> str | None:  # None (fine or not judged), "needs_review" or "invalid"
        statuses = {s for s, _ in self.raised}
        return "invalid" if "invalid" in statuses else "needs_review" if statuses else None

    @property
    def reasons(self) -> list[Reason]:
        return [r for _, r in self.raised]

    def worse(self, status: str, reason: Reason) -> None:
        self.raised.append((status, reason))


def wording(path: str | None = None) -> SealRules:
    """The thresholds (``rulesets/seals.yaml``); the sentences are reasons in ``labels.yaml``."""
    return load_seal_rules(path)


def _norm(text: str) -> str:
    return re.sub(r"[\s（）()·•,，.。]", "", text)


def match_score(reading: str, entity: str) -> float:
    """How well a seal's ring text names ``entity`` (0–100): the entity within the reading, which
    may carry extra characters at its ends (the bottom text, a serial number)."""
    from rapidfuzz import fuzz

    a, b = _norm(reading), _norm(entity)
    if not a or not b:
        return 0.0
    return round(float(max(fuzz.partial_ratio(b, a), fuzz.ratio(b, a))), 1)


def _glared(doc: Document) -> bool:
    """The quality gate found glare on the page: part of it is blown out to white, where a seal's
    red would be lost too, so no seal found there is "cannot tell", never "no seal"."""
    from yichuang.ingest.quality import GLARE

    return doc.quality is not None and GLARE in doc.quality.problems


def judge_seal(name: str, docs: list[Document], req: SealRequirement, who: str, entity: str | None) -> MarkVerdict:
    out = MarkVerdict()
    words = wording()
    examined = [d for d in docs if d.seals is not None]
    if not examined:
        return out
    seals: list[Seal] = [s for d in examined for s in d.seals.seals]
    if not seals and not req.required:
        return out
    if not seals:
        if not any(d.seals.colour for d in examined):
            out.worse("needs_review", Reason.of("seal_no_colour", item=name))
        elif any(_glared(d) for d in examined):  # a blown-out hot spot may hide the red: cannot tell
            out.worse("needs_review", Reason.of("seal_glare", item=name))
        elif req.missing:  # the matter's own wording
            out.worse("invalid", Reason.of("seal_missing_custom", item=name, who=who,
                                           text=req.missing.format(name=name, who=who)))
        elif who:
            out.worse("invalid", Reason.of("seal_missing", item=name, who=who))
        else:
            out.worse("invalid", Reason.of("seal_missing_any", item=name))
        return out
    if not entity:
        return out  # a seal is there; whose it is was not asked (or the entity is unknown)
    best: Seal | None = None
    for seal in seals:
        seal.matched = entity
        seal.match_score = match_score(seal.text, entity) if seal.text else 0.0
        if best is None or (seal.match_score or 0) > (best.match_score or 0):
            best = seal
    assert best is not None
    if (best.match_score or 0) >= words["match_threshold"]:
        return out
    readable = [s for s in seals if s.text and s.text_confidence >= 0.8 and len(_norm(s.text)) >= 4]
    if readable and all((s.match_score or 0) < words["mismatch_below"] for s in readable):
        out.worse("needs_review", Reason.of("seal_other", item=name, text=readable[0].text, who=who, entity=entity))
    elif req.required:  # an optional seal that cannot be read stays evidence only
        out.worse("needs_review", Reason.of("seal_unread", item=name, entity=entity))
    return out


def judge_signatures(name: str, docs: list[Document], material: Material, parties: list[str]) -> MarkVerdict:
    out = MarkVerdict()
    examined = [d for d in docs if d.seals is not None]
    if not examined or not parties:
        return out
    boxes = [s for d in examined for s in d.seals.signatures]
    mine = _assign(boxes, {p: material.parties.get(p, [p]) for p in parties})
    for party in parties:
        label = material.parties.get(party, [party])[0]
        if not mine[party]:
            out.worse("needs_review", Reason.of("sign_no_box", item=name, party=label))
        elif any(s.state == "signed" for s in mine[party]):
            continue
        elif all(s.state == "unsigned" for s in mine[party]):
            out.worse("invalid", Reason.of("sign_missing", item=name, party=label))
        else:
            out.worse("needs_review", Reason.of("sign_unclear", item=name, party=label))
    return out


def _names(party: str, word: str) -> bool:
    """The label's party is this word; OCR may have joined a signature before it or misread its
    first character (买受人 → 壽受人)."""
    return word in party or (len(word) >= 3 and party.endswith(word[-2:]))


def _assign(boxes: list, parties: dict[str, list[str]]) -> dict[str, list]:
    """Signature boxes → the party each belongs to: by the label's words, then, when exactly as
    many boxes as parties are left, in reading order (the parties are listed in printed order)."""
    out: dict[str, list] = {p: [] for p in parties}
    used: set[int] = set()
    for party, words in parties.items():
        for k, box in enumerate(boxes):
            if any(_names(box.party, w) for w in words):
                out[party].append(box)
                used.add(k)
    left = [b for k, b in enumerate(boxes) if k not in used]
    empty = [p for p in parties if not out[p]]
    if empty and len(left) == len(empty):
        for party, box in zip(empty, left, strict=True):
            out[party].append(box)
    return out


def judge_marks(name: str, docs: list[Document], material: Material, seal: SealRequirement | None,
                signature: list[str], who: str = "", entity: str | None = None) -> MarkVerdict:
    """Both checks for one item's documents; the worse status and every reason."""
    out = MarkVerdict()
    for part in ([judge_seal(name, docs, seal, who, entity)] if seal else []) + \
            [judge_signatures(name, docs, material, signature)]:
        out.raised += part.raised  # each reason keeps its own status (an unclear box is no missing one)
    return out


def slot_marks(case, slot) -> MarkVerdict:
    """The requirements of a checklist slot (catalog material + every contributing item) judged on
    the documents chosen for it. ``case`` is ``checkers.case._Case``."""
    inst = slot.instance
    if inst is None:
        return MarkVerdict()
    material = case.catalog.materials[inst.material]
    seal = material.seal
    signature = list(material.signature)
    role_of = None
    for matter, item in slot.contributions:
        if inst.material not in item.materials:
            continue
        if item.seal is not None:
            seal = item.seal
            role_of = matter
        signature += [p for p in item.signature if p not in signature and p in material.parties]
    who, entity = "", None
    if seal and seal.of:
        if seal.of in material.fields:
            who, entity = material.label_of(seal.of), inst.value(seal.of)
        elif role_of is not None and seal.of in role_of.roles:
            role = role_of.roles[seal.of]
            who = role.name
            entity = next((got[1] for ref in role.names_from if (got := case.ref(role_of, ref)) is not None), None)
    return judge_marks(slot.name, inst.docs, material, seal, signature, who, entity)
