"""The window (综窗, clerk): the queue, a new case, the case page, corrections, the follow-up pages."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from yichuang.service import followup, jobs
from yichuang.service.followup_web import (
    _day,
    _read,
    _received_on,
    _store,
    case_followup,
)
from yichuang.service.pages import (
    _blank_result,
    _case_name,
    _editable,
    _flow_view,
    _history,
    _matter_materials,
    _matter_options,
    _pager,
    _queue_rows,
    _transition,
    flows,
    templates,
)
from yichuang.service.routers.auth import Clerk
from yichuang.storage.workflow import OK_VERDICTS

from yichuang.errors import UsageError
from yichuang.labels import labels, zh_date

router = APIRouter(include_in_schema=False)


@router.get("/clerk", response_class=HTMLResponse)
def clerk_queue(request: Request, staff: Clerk, q: str = "", state: str = "", offset: int = 0):
    query = q.strip()
    if query and "/c/" in query:  # a scanned citizen QR code: its case
        query = query.split("/c/", 1)[1].split("?", 1)[0]
    state = state if state in labels().states else ""
    found = flows().queue(query, today=None if query else date.today(), open_only=not query, state=state,
                          offset=offset)
    if query and found.total == 1 and (found.rows[0].number == query or found.rows[0].case_id == query):
        return RedirectResponse(f"/clerk/cases/{found.rows[0].case_id}", status_code=303)
    return templates.TemplateResponse(request, "clerk_queue.html", {
        "staff": staff, "rows": _queue_rows(found.rows), "q": q, "state": state, "states": labels().states,
        "today": zh_date(date.today().isoformat()), "pager": _pager("/clerk", found, {"q": q, "state": state})})


@router.get("/clerk/new", response_class=HTMLResponse)
def clerk_pick(request: Request, staff: Clerk):
    return templates.TemplateResponse(request, "pick_matter.html", {
        "staff": staff, "heading": "新建办件：选择事项", "hint": "选择事项或“一件事”后，用高拍仪拍摄或上传材料。",
        "matters": _matter_options(), "action": "/clerk/cases", "csrf": staff.csrf, "citizen": False})


@router.post("/clerk/cases")
def clerk_new_case(request: Request, staff: Clerk, matter: Annotated[str, Form()], csrf: Annotated[str, Form()]):
    ctx = jobs.context()
    ctx.rules.resolve([matter])
    case_id, _token = ctx.cases.create([matter], None, {}, actor=staff.name)
    flows().get(case_id)  # numbered now
    return RedirectResponse(f"/clerk/cases/{case_id}", status_code=303)


@router.get("/clerk/cases/{case_id}", response_class=HTMLResponse)
def clerk_case(request: Request, staff: Clerk, case_id: str, msg: str = ""):
    ctx = jobs.context()
    case = ctx.cases.get(case_id)
    flow = flows().get(case_id)
    return templates.TemplateResponse(request, "clerk_case.html", {
        "staff": staff, "case": case, "case_name": _case_name(case.matters), "flow": _flow_view(flow, "clerk"),
        "checklist": (ctx.cases.latest_result(case_id) if case.state == "done" else None)
        or _blank_result(case.matters), "msg": labels().errors.get(msg, ""), "history": _history(case_id),
        "config": json.dumps({"caseId": case_id, "csrf": staff.csrf, "mode": "clerk",
                              "materials": _matter_materials(case.matters)}, ensure_ascii=False)})


@router.post("/clerk/cases/{case_id}/action")
def clerk_action(request: Request, staff: Clerk, case_id: str, action: Annotated[str, Form()], csrf: Annotated[str, Form()],
                 comment: Annotated[str, Form()] = ""):
    if action == "accept":
        verdict = jobs.context().cases.get(case_id).verdict
        if verdict not in (*OK_VERDICTS, "needs_review"):
            return RedirectResponse(f"/clerk/cases/{case_id}?msg=not_acceptable", status_code=303)
    code = _transition(case_id, action, "clerk", staff.name, comment)
    return RedirectResponse(f"/clerk/cases/{case_id}" + (f"?msg={code}" if code else ""), status_code=303)


class Override(BaseModel):  # lengths match the columns (a longer field name was a 500 on PostgreSQL)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    page: int = Field(ge=1, le=10_000)
    material: str | None = Field(default=None, max_length=64)
    field: str | None = Field(default=None, max_length=64)
    value: str | None = Field(default=None, max_length=2000)


@router.post("/clerk/api/cases/{case_id}/override")
def clerk_override(staff: Clerk, case_id: str, body: Override):
    _editable(case_id)
    from yichuang.pipeline import page_id
    from yichuang.pipeline.case import find_page

    ctx = jobs.context()
    page = find_page(ctx, case_id, page_id(body.sha256, body.page))
    if page is None:
        raise UsageError("that page is not part of this case")
    doc = page.document
    if body.material is not None:
        if body.material != "unknown" and body.material not in _matter_materials(ctx.cases.get(case_id).matters):
            raise UsageError(f"material '{body.material}' is not one this matter asks for")
        ctx.cases.override(case_id, body.sha256, body.page, None, body.material, staff.name,
                           doc.material if doc else None)
    elif body.field and body.value is not None:
        ctx.cases.override(case_id, body.sha256, body.page, body.field, body.value, staff.name,
                           doc.fields.get(body.field) if doc else None)
    else:
        raise UsageError("give a material, or a field and its value")
    jobs.start_check(case_id)
    return {"ok": True}


@router.post("/clerk/api/cases/{case_id}/overrides/{override_id}/undo")
def clerk_undo(staff: Clerk, case_id: str, override_id: int):
    _editable(case_id)
    jobs.context().cases.undo_override(case_id, override_id, staff.name)
    jobs.start_check(case_id)
    return {"ok": True}


# ---- 容缺 follow-up, supplements at the window, 材料复用 ----------------------------------

@router.get("/clerk/followup", response_class=HTMLResponse)
def followup_page(request: Request, staff: Clerk, due_within: str = "", as_of: str = ""):
    from yichuang.service.pages import _case_name

    day = _day(as_of, "as_of") or date.today()
    within = int(due_within) if due_within.strip().lstrip("-").isdigit() else None
    items = followup.due_list(_store(), day, within)
    rows = [{**d.to_dict(), "names": _case_name(d.matters), "state_zh": followup.STATE_ZH[d.state]} for d in items]
    return templates.TemplateResponse(request, "followup_list.html", {
        "staff": staff, "rows": rows, "as_of": day.isoformat(), "as_of_text": zh_date(day),
        "due_within": "" if within is None else within})


@router.get("/clerk/cases/{case_id}/followup", response_class=HTMLResponse)
def followup_case_page(request: Request, staff: Clerk, case_id: str):
    from yichuang.service.pages import _case_name

    info = jobs.context().cases.get(case_id)
    return templates.TemplateResponse(request, "followup_case.html", {
        "staff": staff, "case": info, "case_name": _case_name(info.matters), "f": case_followup(case_id),
        "today": date.today().isoformat()})


@router.post("/clerk/cases/{case_id}/supplements")
async def followup_supplement_form(staff: Clerk, case_id: str, csrf: Annotated[str, Form()],
                                   file: Annotated[list[UploadFile], File()],
                                   received_on: Annotated[str, Form()] = ""):
    ctx = jobs.context()
    day = _received_on(received_on, True)
    followup.supplement(ctx.cases, _store(), ctx.runtime, case_id, await _read(file), day, staff.name)
    jobs.start_check(case_id)
    return RedirectResponse(f"/clerk/cases/{case_id}/followup", status_code=303)


@router.post("/clerk/cases/{case_id}/accept")
def followup_accept_form(staff: Clerk, case_id: str, csrf: Annotated[str, Form()]):
    ctx = jobs.context()
    ids = followup.accept(_store(), ctx.cases, ctx.rules, case_id, staff.name)
    ctx.cases.audit(case_id, staff.name, "case_accepted", {"archived": len(ids)})
    return RedirectResponse(f"/clerk/cases/{case_id}/followup", status_code=303)


@router.post("/clerk/cases/{case_id}/reuse/{record_id}/revoke")
def followup_revoke_form(staff: Clerk, case_id: str, record_id: int, csrf: Annotated[str, Form()],
                         reason: Annotated[str, Form()] = "窗口撤销复用"):
    jobs.context().cases.get(case_id)
    _store().revoke(record_id, staff.name, reason.strip() or "窗口撤销复用", case_id)
    jobs.start_check(case_id)
    return RedirectResponse(f"/clerk/cases/{case_id}/followup", status_code=303)
