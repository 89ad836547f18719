"""The citizen (群众自助, phone first): pick a matter, the case link, 提交. Uploads and supplements
go through the API (``routers/api.py``) with the link's token."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from yichuang.service import jobs
from yichuang.service.pages import (
    _blank_result,
    _case_name,
    _flow_view,
    _matter_options,
    _secure,
    _transition,
    flows,
    templates,
)
from yichuang.service.routers.auth import (
    CASE_COOKIE,
    Access,
)

from yichuang.errors import ForbiddenError
from yichuang.labels import labels

router = APIRouter(include_in_schema=False)


@router.get("/citizen", response_class=HTMLResponse)
def citizen_home(request: Request):
    return templates.TemplateResponse(request, "pick_matter.html", {
        "staff": None, "heading": "网上办：选择要办的事", "citizen": True, "csrf": None,
        "hint": "不用注册。选好事项后，用手机逐份拍摄材料，马上告诉您哪张要重拍、还缺什么。",
        "matters": _matter_options(), "action": "/citizen/cases"})


@router.post("/citizen/cases")
def citizen_new_case(matter: Annotated[str, Form()]):
    ctx = jobs.context()
    ctx.rules.resolve([matter])
    case_id, token = ctx.cases.create([matter], None, {}, actor="citizen")
    flows().get(case_id)
    return RedirectResponse(f"/c/{case_id}?t={token}", status_code=303)


@router.get("/c/{case_id}", response_class=HTMLResponse)
def citizen_case(request: Request, case_id: str, t: str = ""):
    """The citizen's link: its token opens the case and travels on in an HttpOnly cookie."""
    ctx = jobs.context()
    token = t or request.cookies.get(CASE_COOKIE + case_id, "")
    case = ctx.cases.authorize(case_id, token)  # the link's token opens this case only (403 otherwise)
    flow = flows().get(case_id)
    link = str(request.url)
    resp = templates.TemplateResponse(request, "citizen_case.html", {
        "staff": None, "case": case, "case_name": _case_name(case.matters), "flow": _flow_view(flow, "citizen"),
        "link": link, "checklist": _blank_result(case.matters),
        "config": json.dumps({"caseId": case_id, "token": token, "mode": "citizen", "materials": {}})})
    # the page's calls and printouts then carry the token in a header or this cookie, not a query string
    resp.set_cookie(CASE_COOKIE + case_id, token, httponly=True, samesite="strict", secure=_secure(),
                    max_age=ctx.settings.case_token_days * 86400)
    return resp


@router.post("/cases/{case_id}/submit")
def citizen_submit(access: Access, case_id: str):
    """The citizen's final 提交: the case goes to the window's queue (待受理)."""
    if access.staff is not None:
        raise ForbiddenError(labels().error("forbidden"))
    code = _transition(case_id, "submit", "citizen", "citizen", "")
    if code:
        flow = flows().get(case_id)
        return JSONResponse({"error": {"code": code, "message": labels().error(
            code, state=labels().states[flow.state], action=labels().actions["submit"])}}, status_code=409)
    return {"number": flows().get(case_id).number}
