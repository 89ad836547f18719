"""HTTP API and clerk pages of the follow-up: supplements to an open case, the overdue list, the clerk's
acceptance (materials go to the archive) and revoking a reuse. Thin: parse, call ``service.followup``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from yichuang.checkers.deadlines import default_calendar, working_days_left, zh_date
from yichuang.service import followup, jobs
from yichuang.service.pages import templates  # one template environment: the label table, dates, QR codes
from yichuang.service.routers.auth import Access, AnyStaff, Clerk
from yichuang.storage.archive import FollowupStore, mask_holder

from yichuang.errors import ForbiddenError, UsageError

router = APIRouter()
pages = APIRouter(include_in_schema=False)
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
    from yichuang.service.web import clean_name

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
        left = working_days_left(cal, today, date.fromisoformat(p["deadline"])) if not p["fulfilled_on"] else None
        promises.append({**p, "deadline_text": zh_date(p["deadline"]), "days_left": left,
                         "fulfilled_text": zh_date(p["fulfilled_on"]) if p["fulfilled_on"] else None})
    result = ctx.cases.latest_result(case_id)
    reused = [{"name": m.name, "item": m.item, "role": m.role, **m.reused_from.model_dump()}
              for m in (result.materials if result else []) if m.status == "reused" and m.reused_from]
    archived = [{"id": r.id, "material": r.material, "holder": mask_holder(r.holder), "valid_until": r.valid_until,
                 "verified_on": r.verified_on.isoformat(), "revoked": r.revoked} for r in store.case_records(case_id)]
    audit = [a.model_dump() for a in ctx.cases.audit_trail(case_id) if a.action in FOLLOWUP_ACTIONS]
    return {"schema": "yichuang.case-followup/1", "case": case_id, "as_of": today.isoformat(),
            "verdict": result.verdict if result else None, "promises": promises, "supplements": store.supplements(case_id),
            "reused": reused, "archived": archived, "audit": audit}


# ---- API ------------------------------------------------------------------------------------

@router.post("/api/cases/{case_id}/supplements", status_code=201, tags=["follow-up"])
async def add_supplements(access: Access, case_id: str,
                          file: Annotated[list[UploadFile], File(description="the missing materials (repeatable)")],
                          received_on: Annotated[str | None, Form(description="staff only: day received")] = None
                          ) -> dict[str, Any]:
    """补交: add the missing material to an open case (case token or staff); the case is re-checked."""
    ctx = jobs.context()
    actor = access.actor
    day = _received_on(received_on, access.staff is not None)
    files = await _read(file)
    stored = followup.supplement(ctx.cases, _store(), ctx.runtime, case_id, files, day, actor)
    jobs.start_check(case_id)
    return {"files": stored, "state": "running"}


@router.get("/api/cases/{case_id}/followup", tags=["follow-up"])
def get_followup(access: Access, case_id: str, as_of: str | None = None) -> dict[str, Any]:
    """Promises (deadline, days left, fulfilled and late), supplements, reused materials, follow-up audit."""
    return case_followup(case_id, _day(as_of, "as_of"))


@router.get("/api/followup", tags=["follow-up"])
def due(staff: AnyStaff, due_within: int | None = None, as_of: str | None = None) -> dict[str, Any]:
    """Open tolerance cases by working days left (overdue, due today, then the rest): staff only."""
    day = _day(as_of, "as_of") or date.today()
    return followup.due_json(followup.due_list(_store(), day, due_within), day, due_within)


@router.post("/api/cases/{case_id}/accept", tags=["follow-up"])
def accept(staff: AnyStaff, case_id: str) -> dict[str, Any]:
    """The clerk accepts the case: its verified materials go to the archive (材料复用)."""
    ctx = jobs.context()
    ids = followup.accept(_store(), ctx.cases, ctx.rules, case_id, staff.name)
    ctx.cases.audit(case_id, staff.name, "case_accepted", {"archived": len(ids)})
    return {"case": case_id, "archived": len(ids), "records": ids}


class Revoke(BaseModel):
    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=500)


@router.post("/api/cases/{case_id}/reuse/{record_id}/revoke", status_code=202, tags=["follow-up"])
def revoke(staff: AnyStaff, case_id: str, record_id: int, body: Revoke) -> dict[str, Any]:
    """Withdraw an archived material (never reused again) and re-check the case that used it."""
    ctx = jobs.context()
    ctx.cases.get(case_id)
    _store().revoke(record_id, staff.name, body.reason, case_id)
    jobs.start_check(case_id)
    return {"case": case_id, "record": record_id, "state": "running"}


# ---- clerk pages ----------------------------------------------------------------------------

@pages.get("/clerk/followup", response_class=HTMLResponse)
def followup_page(request: Request, staff: Clerk, due_within: str = "", as_of: str = ""):
    from yichuang.service.pages import _case_name

    day = _day(as_of, "as_of") or date.today()
    within = int(due_within) if due_within.strip().lstrip("-").isdigit() else None
    items = followup.due_list(_store(), day, within)
    rows = [{**d.to_dict(), "names": _case_name(d.matters), "state_zh": followup.STATE_ZH[d.state]} for d in items]
    return templates.TemplateResponse(request, "followup_list.html", {
        "staff": staff, "rows": rows, "as_of": day.isoformat(), "as_of_text": zh_date(day),
        "due_within": "" if within is None else within})


@pages.get("/clerk/cases/{case_id}/followup", response_class=HTMLResponse)
def followup_case_page(request: Request, staff: Clerk, case_id: str):
    from yichuang.service.pages import _case_name

    info = jobs.context().cases.get(case_id)
    return templates.TemplateResponse(request, "followup_case.html", {
        "staff": staff, "case": info, "case_name": _case_name(info.matters), "f": case_followup(case_id),
        "today": date.today().isoformat()})


@pages.post("/clerk/cases/{case_id}/supplements")
async def followup_supplement_form(staff: Clerk, case_id: str, csrf: Annotated[str, Form()],
                                   file: Annotated[list[UploadFile], File()],
                                   received_on: Annotated[str, Form()] = ""):
    ctx = jobs.context()
    day = _received_on(received_on, True)
    followup.supplement(ctx.cases, _store(), ctx.runtime, case_id, await _read(file), day, staff.name)
    jobs.start_check(case_id)
    return RedirectResponse(f"/clerk/cases/{case_id}/followup", status_code=303)


@pages.post("/clerk/cases/{case_id}/accept")
def followup_accept_form(staff: Clerk, case_id: str, csrf: Annotated[str, Form()]):
    ctx = jobs.context()
    ids = followup.accept(_store(), ctx.cases, ctx.rules, case_id, staff.name)
    ctx.cases.audit(case_id, staff.name, "case_accepted", {"archived": len(ids)})
    return RedirectResponse(f"/clerk/cases/{case_id}/followup", status_code=303)


@pages.post("/clerk/cases/{case_id}/reuse/{record_id}/revoke")
def followup_revoke_form(staff: Clerk, case_id: str, record_id: int, csrf: Annotated[str, Form()],
                         reason: Annotated[str, Form()] = "窗口撤销复用"):
    jobs.context().cases.get(case_id)
    _store().revoke(record_id, staff.name, reason.strip() or "窗口撤销复用", case_id)
    jobs.start_check(case_id)
    return RedirectResponse(f"/clerk/cases/{case_id}/followup", status_code=303)


def archive_approved(case_id: str, reviewer: str) -> int:
    """Hook of the reviewer's approval: archive the case's verified materials (none when not acceptable)."""
    ctx = jobs.context()
    try:
        ids = followup.accept(_store(), ctx.cases, ctx.rules, case_id, reviewer)
    except UsageError:  # no result yet, or a verdict that cannot be accepted: nothing to archive
        return 0
    return len(ids)
