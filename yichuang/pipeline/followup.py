"""A stored case's check with what came after the window: 容缺 promises and supplements' arrival days
(the case's history) and the material archive (材料复用) — below the entry points, so the pipeline
never imports the service (``service/followup.py`` keeps the overdue list, supplements, acceptance).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from yichuang.checkers.case import _Case, check_case
from yichuang.checkers.reuse import FACT, Record, candidates
from yichuang.checkers.rules import Rulesets
from yichuang.types import CheckResult, Document, FileError

if TYPE_CHECKING:  # SQLAlchemy is imported by the store, not by a check (storage/lite.py)
    from yichuang.storage.archive import FollowupStore

_HOLDERISH = re.compile(r"^[0-9A-Z]{15,18}$")
ACCEPTABLE = ("complete", "accept_with_tolerance")


def holders_in(documents: list[Document], facts: dict[str, str]) -> set[str]:
    """Every value in the case that could name a holder (ID numbers, credit codes): the archive lookup key set."""
    values = {v.strip().upper() for d in documents for v in d.fields.values()}
    values |= {v.strip().upper() for k, v in facts.items() if k.strip().lower().startswith(FACT)}
    return {v for v in values if _HOLDERISH.match(v)}


def archive_records(store: FollowupStore, documents: list[Document], facts: dict[str, str]) -> list[Record]:
    return store.records(holders_in(documents, facts))


def no_reuse(facts: dict[str, str]) -> bool:
    return facts.get("reuse", "").strip().lower() in ("false", "no", "0", "否")


def check_stored(store: FollowupStore, rules: Rulesets, case_id: str, documents: list[Document],
                 matters: list[str], as_of: date, facts: dict[str, str], errors: list[FileError],
                 reuse: bool = True) -> CheckResult:
    """A stored case's check with its history (promises, arrival days) and the archive."""
    records = archive_records(store, documents, facts) if reuse and not no_reuse(facts) else []
    return check_case(documents, matters, rules, as_of, facts, errors, archive=records,
                      history=store.history(case_id))


def verified_materials(rules: Rulesets, documents: list[Document], matters: list[str], as_of: date,
                       facts: dict[str, str]):
    matter_list, bundle = rules.resolve(matters)
    case = _Case(documents, matter_list, bundle, as_of, facts, rules)
    case.resolve()
    case.consistency()
    return candidates(case, case.results())


def result_matters(result: CheckResult) -> list[str]:
    """What the result was checked for: its bundle (一件事) when it has one, else its matters."""
    return [result.bundle] if result.bundle else result.matters


def after_check(store: FollowupStore, case_id: str, result: CheckResult, actor: str = "system",
                rules: Rulesets | None = None, facts: dict[str, str] | None = None) -> None:
    """Fix new promises, mark supplied ones, audit both (the result is already saved). A case the clerk has
    already accepted archives what a supplement brought (the supplied material is verified now too)."""
    store.record_result(case_id, result, actor)
    if result.verdict in ACCEPTABLE and store.was_accepted(case_id):
        from yichuang.checkers.rules import load_rulesets

        found = verified_materials(rules or load_rulesets(), result.documents, result_matters(result),
                                   date.fromisoformat(result.as_of), facts or {})
        known = {(r.holder, r.material) for r in store.case_records(case_id)}
        fresh = [c for c in found if (c.holder, c.material) not in known]
        if fresh:
            store.archive(case_id, fresh, date.today(), actor)
