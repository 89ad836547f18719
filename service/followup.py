"""After the window: 容缺 follow-up to the deadline, supplements to an open case, the overdue list, and the
material archive (材料复用). Library functions over the stores, called by the CLI, the API and the jobs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from yichuang.checkers.case import check_case
from yichuang.checkers.deadlines import Calendar, default_calendar, working_days_left, zh_date
from yichuang.checkers.reuse import FACT
from yichuang.checkers.rules import Rulesets

from yichuang.errors import UsageError
from yichuang.pipeline.followup import (  # noqa: F401 - the stored case's check: below the service
    ACCEPTABLE,
    after_check,
    archive_records,
    check_stored,
    holders_in,
    result_matters,
    verified_materials,
)
from yichuang.types import CheckResult, Document

if TYPE_CHECKING:  # the stores import SQLAlchemy; a plain check reads through storage/lite.py
    from yichuang.storage.archive import FollowupStore
    from yichuang.storage.cases import CaseStore

log = logging.getLogger("yichuang.followup")

_STORES = {"FollowupStore": "yichuang.storage.archive", "mask_holder": "yichuang.storage.archive",
           "CaseStore": "yichuang.storage.cases"}


def __getattr__(name: str):  # PEP 562: the stores stay importable from here, loaded when first asked for
    if name in _STORES:
        import importlib

        return getattr(importlib.import_module(_STORES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_holder_facts(facts: dict[str, str]) -> None:
    """`--fact holder_id=…` must be a valid 公民身份号码 or 统一社会信用代码 (a typo would silently match nothing)."""
    from yichuang.extractors.validators import VALIDATORS

    from yichuang.privacy import mask_text

    for key, value in facts.items():
        if key.strip().lower().split(".")[0] != FACT:
            continue
        if not any(VALIDATORS[kind](value).valid for kind in ("id_number", "credit_code")):
            raise UsageError(f"--fact {key}={mask_text(value)} is neither a valid 公民身份号码 nor a valid "
                             "统一社会信用代码: check the number (`yichuang validate id_number …` says what is wrong)")


def accept(store: FollowupStore, cases: CaseStore, rules: Rulesets, case_id: str, actor: str,
           on: date | None = None) -> list[int]:
    """The clerk accepted (or the reviewer approved) the case: its verified materials go to the archive."""
    result = cases.latest_result(case_id)
    if result is None:
        raise UsageError(f"case {case_id} has no check result yet: run the check before accepting it")
    if result.verdict not in ACCEPTABLE:
        raise UsageError(f"case {case_id} is {result.verdict}: only a complete case or one accepted with "
                         "tolerance can be accepted")
    info = cases.get(case_id)
    found = verified_materials(rules, result.documents, result_matters(result), date.fromisoformat(result.as_of),
                               info.facts)
    from yichuang.storage.archive import mask_holder

    ids = store.archive(case_id, found, on or date.today(), actor)
    log.info("case %s: archived %s", case_id, ", ".join(f"{c.material}@{mask_holder(c.holder)}" for c in found))
    return ids


# ---- the overdue list ------------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    case_id: str
    matters: list[str]
    deadline: str
    deadline_text: str
    days_left: int  # working days; 0 due today, negative overdue
    state: str  # overdue | due_today | open
    unverified: bool
    missing: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "matters": self.matters, "deadline": self.deadline,
                "deadline_text": self.deadline_text, "days_left": self.days_left, "state": self.state,
                "deadline_unverified": self.unverified, "missing": self.missing}


STATE_ZH = {"overdue": "已逾期", "due_today": "今日到期", "open": "未到期"}


def due_list(store: FollowupStore, as_of: date, due_within: int | None = None,
             calendar: Calendar | None = None) -> list[Due]:
    """Open tolerance cases by days left (working days): overdue first, then due today, then the rest
    due within ``due_within`` working days (all open ones when None)."""
    cal = calendar or default_calendar()
    by_case: dict[str, list] = {}
    for p in store.open_promises():
        by_case.setdefault(p.case_id, []).append(p)
    out = []
    for case_id, promises in by_case.items():
        first = min(promises, key=lambda p: p.deadline)
        left = working_days_left(cal, as_of, date.fromisoformat(first.deadline))
        if due_within is not None and left > due_within:
            continue
        state = "overdue" if left < 0 else "due_today" if left == 0 else "open"
        out.append(Due(case_id, first.matters, first.deadline, zh_date(first.deadline), left, state,
                       any(p.unverified for p in promises),
                       [{"name": p.name, "material": p.material, "deadline": p.deadline,
                         "deadline_text": zh_date(p.deadline)} for p in sorted(promises, key=lambda p: p.deadline)]))
    out.sort(key=lambda d: (d.days_left, d.deadline, d.case_id))
    return out


def due_json(items: list[Due], as_of: date, due_within: int | None) -> dict[str, Any]:
    return {"schema": "yichuang.followup/1", "as_of": as_of.isoformat(), "due_within": due_within,
            "cases": [d.to_dict() for d in items]}


# ---- supplements -----------------------------------------------------------------------------

def supplement(cases: CaseStore, store: FollowupStore, runtime, case_id: str, files: list[tuple[str, bytes]],
               received_on: date, actor: str) -> list[dict[str, Any]]:
    """Files added to an open case later (补交): checked and stored durably first (the pipeline's
    ``ingest_upload``: limits, sniff, quality gate), recorded with the day received, audited.
    The caller starts the re-check."""
    from yichuang.pipeline.case import ingest_upload

    info = cases.get(case_id)
    out = []
    for name, data in files:
        sf = ingest_upload(runtime, cases, info.id, name, data, actor).file
        store.add_supplement(info.id, sf.sha256, received_on, actor)
        cases.audit(info.id, actor, "supplement_uploaded", {"name": name, "sha256": sf.sha256, "pages": sf.pages,
                                                           "received_on": received_on.isoformat()})
        out.append({"name": name, "sha256": sf.sha256, "pages": sf.pages, "received_on": received_on.isoformat()})
    return out


# ---- the command line's case (``yichuang check --accept``) ------------------------------------

def check_files(paths, matters: list[str], runtime, rules: Rulesets, as_of: date, facts: dict[str, str],
                database_url: str, progress=None, reuse: bool = True, accept_case: bool = False,
                actor: str = "cli") -> tuple[CheckResult, str | None, str | None]:
    """``yichuang check``: read, reuse from the configured archive, check; with ``accept_case`` the case is
    recorded (files, pages, result, promises) and its verified materials archived.
    Returns (result, case id or None, a note for stderr or None)."""
    from yichuang.pipeline import read_and_place

    check_holder_facts(facts)
    read, documents = read_and_place(paths, runtime, rules, progress)  # the same document step as a stored case
    from yichuang.storage.lite import archive_reader

    records = archive_records(archive_reader(database_url), documents, facts) if reuse else []
    result = check_case(documents, matters, rules, as_of, facts, read.errors, archive=records)
    if not accept_case:
        return result, None, None
    from yichuang.storage.archive import FollowupStore
    from yichuang.storage.cases import CaseStore

    store = FollowupStore(database_url)
    if result.verdict not in ACCEPTABLE:
        return result, None, (f"not accepted: the case is {result.verdict}; nothing was archived "
                              "(a complete case or one accepted with tolerance can be accepted)")
    cases = CaseStore(database_url)
    case_id, _token = cases.create(matters, as_of.isoformat(), facts, actor)
    for f in read.files:
        cases.add_file(case_id, f.sha256, f.source, f.media_type, f.pages, actor)
    from yichuang.pipeline import split_page_id

    by_page: dict[str, list[Document]] = {}  # a page's documents: the first, then further ones on its image
    for doc in documents:
        by_page.setdefault(doc.page_id, []).append(doc)
    for pid, docs in by_page.items():
        sha, page = split_page_id(pid)
        cases.page_done(case_id, sha, page, docs)
    cases.save_result(case_id, result, actor)
    store.record_result(case_id, result, actor)
    ids = accept(store, cases, rules, case_id, actor, on=as_of)
    cases.audit(case_id, actor, "case_accepted", {"archived": len(ids)})
    return result, case_id, f"accepted as case {case_id}: {len(ids)} verified material(s) archived for reuse"
