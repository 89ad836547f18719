"""What the follow-up's routes share (the API in ``routers/api.py``, the clerk's pages in
``routers/clerk.py``): dates and the day received, the uploaded files, one case's follow-up view,
and the reviewer's approval hook that archives. Thin: parse, call ``service.followup``."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import UploadFile
from yichuang.checkers.deadlines import default_calendar, working_days_left, zh_date
from yichuang.service import followup, jobs
from yichuang.storage.archive import FollowupStore, mask_holder

from yichuang.errors import ForbiddenError, UsageError

FOLLOWUP_ACTIONS = ("tolerance_promised", "supplement_uploaded", "supplement_received", "materials_archived",
                    "reuse_revoked", "case_accepted", "checked")


def _store() -> FollowupStore:
    return FollowupStore(jobs.context().settings.database_url)


def _day(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{what} '{value}' is not a date: write YYYY-MM-DD") from exc


def _received_on(value: str | None, staff: bool) -> date:
    day = _day(value, "received_on")
    if day is None:
        return date.today()
    if not staff:
        raise ForbiddenError("only staff may record another day of receipt; a citizen's supplement is received today")
    if day > date.today():
        raise UsageError(f"received_on {day} is in the future: give the day the material was received")
    return day


async def _read(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    """The uploaded files, each read up to one byte over the limit (``ingest_upload`` refuses it)."""
    from yichuang.service.routers.api import clean_name

    limit = jobs.context().settings.max_upload_mb * 1024 * 1024
    return [(clean_name(up.filename), await up.read(limit + 1)) for up in files]


def case_followup(case_id: str, as_of: date | None = None) -> dict[str, Any]:
    """One case's follow-up: promises with days left, supplements, reused items, archived materials, audit."""
    ctx = jobs.context()
    store = _store()
    today = as_of or date.today()
    cal = default_calendar()
    promises = []
    for p in store.promises(case_id):
        left = working_days_left(cal, today, date.fromisoformat(p.deadline)) if not p.fulfilled_on else None
        promises.append({**p.model_dump(), "deadline_text": zh_date(p.deadline), "days_left": left,
                         "fulfilled_text": zh_date(p.fulfilled_on) if p.fulfilled_on else None})
    result = ctx.cases.latest_result(case_id)
    reused = [{"name": m.name, "item": m.item, "role": m.role, **m.reused_from.model_dump()}
              for m in (result.materials if result else []) if m.status == "reused" and m.reused_from]
    archived = [{"id": r.id, "material": r.material, "holder": mask_holder(r.holder), "valid_until": r.valid_until,
                 "verified_on": r.verified_on.isoformat(), "revoked": r.revoked} for r in store.case_records(case_id)]
    audit = [a.model_dump() for a in ctx.cases.audit_trail(case_id) if a.action in FOLLOWUP_ACTIONS]
    return {"schema": "yichuang.case-followup/1", "case": case_id, "as_of": today.isoformat(),
            "verdict": result.verdict if result else None, "promises": promises, "supplements": [x.model_dump() for x in store.supplements(case_id)],
            "reused": reused, "archived": archived, "audit": audit}


# ---- API ------------------------------------------------------------------------------------


# ---- clerk pages ----------------------------------------------------------------------------


def archive_approved(case_id: str, reviewer: str) -> int:
    """Hook of the reviewer's approval: archive the case's verified materials (none when not acceptable)."""
    ctx = jobs.context()
    try:
        ids = followup.accept(_store(), ctx.cases, ctx.rules, case_id, reviewer)
    except UsageError:  # no result yet, or a verdict that cannot be accepted: nothing to archive
        return 0
    return len(ids)
