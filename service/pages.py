"""The three users' pages: the clerk's queue and intake, the back-office review, the citizen's
phone upload (server-rendered Chinese HTML + static JS/CSS; every word from the label table,
every asset served locally, no inline script or style)."""

from __future__ import annotations

import json
import secrets
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import BaseModel, Field
from yichuang.service import jobs
from yichuang.service.routers.auth import (
    CASE_COOKIE,
    SESSION_COOKIE,
    Access,
    Clerk,
    Reviewer,
    SignInRequired,
    accounts,
    check_csrf,
    staff_of,
)
from yichuang.service.seals_view import seal_rows
from yichuang.service.security import cookie_secure
from yichuang.storage.records import CaseFlow, CaseList
from yichuang.storage.workflow import OK_VERDICTS, TRANSITIONS, WorkflowStore, allowed

from yichuang.errors import ConflictError, ForbiddenError, UsageError, YichuangError
from yichuang.labels import labels, zh_date
from yichuang.privacy import mask_text
from yichuang.types import CheckResult, MaterialResult, Quality

HERE = Path(__file__).parent
STATIC = str(HERE / "static")
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
COOKIE = SESSION_COOKIE
GAPS = ("missing", "tolerated", "invalid", "inconsistent", "needs_review")


def _qr_svg(data: str, size: int = 3) -> Markup:
    """A QR code as inline SVG (segno: pure Python, no image library, no script or style); it scales
    with its viewBox, the CSS gives the size (``size`` picks the class: small, large)."""
    import segno

    svg = segno.make(data, error="m").svg_inline(scale=1, title="二维码", svgclass=f"qr qr{size}", omitsize=True)
    return Markup(svg)


def _mask(value: str | None) -> str:
    return mask_text(value or "")


templates.env.filters["zh_date"] = zh_date
templates.env.filters["mask"] = _mask
templates.env.globals["L"] = labels
templates.env.globals["qr"] = _qr_svg


def office() -> dict[str, str]:
    """The centre and window printed on every notice (configured per installation)."""
    s = jobs.context().settings
    return {"centre": s.centre, "window": s.window, "phone": s.centre_phone, "address": s.centre_address}


def _secure() -> bool:
    return cookie_secure(jobs.context().settings)


def flows() -> WorkflowStore:
    return WorkflowStore(jobs.context().settings.database_url)


def error_page(request: Request, status: int, code: str, message: str) -> Response | None:
    """A page (not JSON) for a person's browser: the message in Chinese and a way back."""
    if request.url.path.startswith(("/api/", "/clerk/api/")) or "text/html" not in request.headers.get("accept", ""):
        return None
    if any("\u4e00" <= ch <= "\u9fff" for ch in message):
        text = message
    elif code == "forbidden":
        text = labels().error("bad_token" if "token" in message else "forbidden")
    else:
        text = labels().error({401: "unauthorized", 404: "not_found"}.get(status, code))
    staff = staff_of(request)
    back = "/clerk" if staff and staff.role == "clerk" else "/review" if staff else "/citizen"
    return templates.TemplateResponse(request, "error.html", {"staff": staff, "message": text, "back": back,
                                                              "login": staff is None and status in (401, 403)},
                                      status_code=status)


def _matter_options() -> list[dict]:
    rules = jobs.context().rules
    out = [{"id": bid, "name": b.name, "bundle": True,
            "detail": "、".join(rules.matters[m].name for m in b.matters)} for bid, b in rules.bundles.items()]
    out += [{"id": mid, "name": m.name, "bundle": False, "detail": m.department} for mid, m in rules.matters.items()]
    return out


def _case_name(matters: list[str]) -> str:
    rules = jobs.context().rules
    return "、".join(rules.bundles[m].name if m in rules.bundles else rules.matters[m].name for m in matters)


def _matter_materials(matters: list[str]) -> dict[str, str]:
    """The materials this case's matters ask for (the only choices when correcting a page)."""
    rules = jobs.context().rules
    resolved, _ = rules.resolve(matters)
    ids = dict.fromkeys(mat for m in resolved for item in m.items for mat in item.materials)
    return {mid: rules.catalog.materials[mid].name for mid in ids if mid in rules.catalog.materials}


def _blank_result(matters: list[str]) -> CheckResult:
    """What the case asks for before any page is read (the checklist is never empty)."""
    from yichuang.checkers.case import check_case

    return check_case([], matters, jobs.context().rules, date.today())


def _flow_view(flow: CaseFlow, role: str) -> dict[str, Any]:
    lab = labels()
    return {"number": flow.number, "state": flow.state, "state_label": lab.states[flow.state],
            "comment": flow.comment, "comment_by": flow.comment_by, "channel": lab.channels[flow.channel],
            "actions": [{"id": a, "label": lab.actions[a], "needs_comment": TRANSITIONS[a].needs_comment}
                        for a in allowed(flow.state, role)]}


def _history(case_id: str) -> list[dict[str, str]]:
    lab = labels()
    out = []
    for a in jobs.context().cases.audit_trail(case_id):
        if a.action not in lab.action_done or a.action in ("check_requested",):
            continue
        d = a.detail
        note = d.get("comment") or (lab.verdicts.get(d.get("verdict", ""), "") if a.action == "checked" else "")
        if a.action in ("file_uploaded", "file_removed"):
            note = d.get("name", "")
        who = lab.roles.get(a.actor, a.actor)
        out.append({"at": _when(a.at), "who": who, "what": lab.action_done[a.action], "note": note})
    return out


def _when(iso: str) -> str:
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if t.tzinfo:
        t = t.astimezone()
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


# ---- the label table, for the JS ------------------------------------------------------------

@router.get("/labels.json")
def labels_json():
    return JSONResponse(labels().for_js(), headers={"Cache-Control": "public, max-age=300"})


# ---- login -------------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    staff = staff_of(request)
    if staff is None:
        return RedirectResponse("/citizen", status_code=303)
    return RedirectResponse("/clerk" if staff.role == "clerk" else "/review", status_code=303)


LOGIN_ERRORS = {  # ?error=<code> shows one of these fixed texts, never the query's own text
    "expired": "页面已过期，请重新登录",
    "bad_credentials": "用户名或密码不对",
    "locked": "连续输错密码次数过多，账号已临时锁定 {minutes} 分钟：请稍后再试，或联系管理员",
    "disabled": "此账号已停用：请联系管理员",
}


def _local_path(next_: str) -> str:
    """Only a path on this site (no //host, no scheme, no backslash tricks) is a place to return to."""
    ok = next_.startswith("/") and not next_.startswith(("//", "/\\")) and len(next_) <= 512
    return next_ if ok and all(ch.isprintable() for ch in next_) else "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/", error: str = ""):
    csrf = secrets.token_urlsafe(16)  # double-submit cookie: a login form from elsewhere is refused
    resp = templates.TemplateResponse(request, "login.html", {"staff": None, "csrf": csrf, "next": _local_path(next),
                                                              "error": LOGIN_ERRORS.get(error, "").format(
                                                                  minutes=jobs.context().settings.lockout_minutes)})
    resp.set_cookie("yc_login_csrf", csrf, httponly=True, samesite="strict", secure=_secure())
    return resp


@router.post("/login")
def login(request: Request, username: Annotated[str, Form(max_length=1024)],
          password: Annotated[str, Form(max_length=1024)], csrf: Annotated[str, Form(max_length=128)],
          next: Annotated[str, Form(max_length=1024)] = "/"):
    from urllib.parse import quote

    if not secrets.compare_digest(request.cookies.get("yc_login_csrf", ""), csrf):
        return RedirectResponse("/login?error=expired", status_code=303)
    client = request.client.host if request.client else ""
    outcome = accounts().attempt_login(username.strip(), password, client)
    target = _local_path(next)
    if outcome.staff is None:
        return RedirectResponse(f"/login?next={quote(target)}&error={outcome.reason}", status_code=303)
    resp = RedirectResponse(target, status_code=303)
    resp.set_cookie(COOKIE, outcome.staff.session_id, httponly=True, samesite="lax", max_age=10 * 3600,
                    secure=_secure())
    return resp


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]):
    staff = staff_of(request)
    if staff is not None:
        check_csrf(staff, csrf)
        accounts().logout(staff.session_id)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE)
    return resp


# ---- clerk: the queue, a new case, the case ----------------------------------------------------

def _queue_rows(found: list[CaseFlow]) -> list[dict]:
    lab = labels()
    return [{"id": f.case_id, "number": f.number, "names": _case_name(f.matters), "state": f.state,
             "state_label": lab.states[f.state], "verdict": f.verdict or "none",
             "verdict_label": lab.verdicts.get(f.verdict or "none", lab.verdicts["none"]),
             "applicant": f.applicant_name, "id_number": mask_text(f.id_number), "phone": mask_text(f.phone),
             "channel": lab.channels[f.channel], "comment": f.comment, "created": _when(f.created_at)}
            for f in found]


def _pager(path: str, found: CaseList, filters: dict[str, str]) -> dict[str, Any]:
    """Where a page of a case list is, and the links to the pages before and after (filters kept)."""
    from urllib.parse import urlencode

    def link(offset: int | None) -> str | None:
        if offset is None:
            return None
        return f"{path}?{urlencode({k: v for k, v in filters.items() if v} | ({'offset': offset} if offset else {}))}"

    return {"total": found.total, "first": found.offset + 1, "last": found.offset + len(found.rows),
            "prev": link(found.prev_offset), "next": link(found.next_offset)}


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


def _transition(case_id: str, action: str, role: str, actor: str, comment: str) -> str:
    """One workflow step; the Chinese reason code when it is refused (shown in place, no dead end)."""
    try:
        flows().transition(case_id, action, role, actor, comment)
    except (ConflictError, UsageError) as err:
        return str(err.data.get("reason") or err.code)
    if action in ("approve", "return"):
        jobs.context().cases.review(case_id, actor, "approved" if action == "approve" else "returned", comment)
    return ""


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


# ---- pages of a case: the live view, remove, rotate (clerk or the case's own link) ----------

def _corrections(case_id: str) -> dict[tuple[str, int], list[dict]]:
    out: dict[tuple[str, int], list[dict]] = {}
    for ov in jobs.context().cases.overrides(case_id):
        out.setdefault((ov.sha256, ov.page), []).append({
            "id": ov.id, "field": ov.field, "value": ov.value, "who": ov.actor, "at": _when(ov.at.isoformat())})
    return out


@router.get("/cases/{case_id}/view")
def case_view(access: Access, case_id: str):
    """Everything a live case page shows: workflow, pages as read (with corrections), the result."""
    info, role = access.case, access.role
    ctx = jobs.context()
    lab = labels()
    catalog = ctx.rules.catalog
    result = ctx.cases.latest_result(case_id) if info.state == "done" else None
    read = {d.page_id: d for d in result.documents} if result else {}
    fixes = _corrections(case_id) if role == "clerk" else {}
    refs = ctx.cases.pages(case_id)
    counts: dict[str, int] = {}
    for p in refs:
        counts[p.sha256] = counts.get(p.sha256, 0) + 1
    pages = []
    for p in refs:
        doc = read.get(p.page_id) or p.document
        material = doc.material if doc else None
        fields = doc.fields if doc else {}
        corr = fixes.get((p.sha256, p.page), [])
        mat_fix = next((c for c in reversed(corr) if c["field"] is None), None)
        name = catalog.materials[material].name if material in catalog.materials else (
            lab.ui["unknown_material"] if material == "unknown" and mat_fix else lab.ui["unrecognised"]
            if material else None)
        quality = doc.quality if doc else Quality()
        pages.append({
            "name": p.name, "sha256": p.sha256, "page": p.page, "page_id": p.page_id, "pages": counts[p.sha256],
            "state": p.state, "error": p.error,
            "rotatable": p.media_type.startswith("image/"),
            "material": material, "material_name": name, "side": lab.side(material or "", fields),
            "usable": quality.usable, "problems": quality.problems,
            "material_corrected": mat_fix, "unread": [lab.field(k) for k in (doc.unread if doc else {})],
            "fields": [{"id": k, "label": lab.field(k), "value": v if role == "clerk" else "",
                        "corrected": next((c for c in reversed(corr) if c["field"] == k), None)}
                       for k, v in fields.items()] if role == "clerk" else [],
            "image": f"/cases/{case_id}/pages/{p.sha256}/{p.page}/image"})
    flow = flows().get(case_id)
    blank = None if result or info.state == "running" else _blank_result(info.matters)
    return {"state": info.state, "flow": _flow_view(flow, role), "pages": pages,
            "result": result.to_json_dict() if result else None, "locked": flow.state in LOCKED,
            "blank": blank.to_json_dict() if blank else None,
            "done_pages": sum(p.state != "pending" for p in refs), "total_pages": len(refs)}


@router.post("/cases/{case_id}/files/{sha256}/remove")
def remove_file(access: Access, case_id: str, sha256: str):
    _editable(case_id)
    jobs.context().cases.remove_file(case_id, sha256, access.actor)
    if jobs.context().cases.pages(case_id):
        jobs.start_check(case_id)
    return {"ok": True}


LOCKED = ("reviewing", "approved", "rejected")  # the pages of a case under review or decided stay as they are


def _editable(case_id: str) -> None:
    if flows().get(case_id).state in LOCKED:
        raise ConflictError("the case is decided or under review: it cannot be changed now", reason="locked")


@router.post("/cases/{case_id}/files/{sha256}/rotate")
def rotate_file(access: Access, case_id: str, sha256: str):
    """Turn a photo a quarter clockwise: a new stored file replaces it in the case (the original stays)."""
    import io

    from PIL import Image, ImageOps

    from yichuang.pipeline.case import find_file, ingest_upload

    actor = access.actor
    _editable(case_id)
    ctx = jobs.context()
    ref = find_file(ctx, case_id, sha256)
    if ref is None or not ref.media_type.startswith("image/"):
        raise UsageError("only a photo can be rotated here: scan the PDF again the right way up")
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(ctx.runtime.store.get(sha256)))).convert("RGB")
    buf = io.BytesIO()
    img.transpose(Image.Transpose.ROTATE_270).save(buf, "JPEG", quality=92)
    stem = Path(ref.name).stem
    sf = ingest_upload(ctx.runtime, ctx.cases, case_id,
                       f"{stem}-rotated.jpg" if not stem.endswith("-rotated") else f"{stem}.jpg", buf.getvalue(),
                       actor, max_case_pages=10**9).file  # it replaces a page: the case's page count stays
    ctx.cases.remove_file(case_id, sha256, actor)
    jobs.start_check(case_id)
    return {"ok": True, "sha256": sf.sha256}


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


# ---- citizen -------------------------------------------------------------------------------

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


# ---- review --------------------------------------------------------------------------------

def _day_or_none(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise UsageError(f"日期 {value[:20]} 格式不对：请按 年-月-日 填写，例如 2026-11-23") from None


@router.get("/review", response_class=HTMLResponse)
def review_list(request: Request, staff: Reviewer, matter: str = "", verdict: str = "", since: str = "", until: str = "",
                state: str = "reviewing", offset: int = 0):
    """The reviewer's case list: filtered, ordered and paged in SQL (``WorkflowStore.queue``)."""
    lab = labels()
    state = state if state in lab.states else ""
    found = flows().queue("", state=state, matter=matter, verdict=verdict if verdict in lab.verdicts else "",
                          since=_day_or_none(since), until=_day_or_none(until), offset=offset)
    filters = {"matter": matter, "verdict": verdict, "since": since, "until": until, "state": state}
    return templates.TemplateResponse(request, "review_list.html", {
        "staff": staff, "cases": _queue_rows(found.rows), "matters": _matter_options(), "states": lab.states,
        "verdicts": [(k, v) for k, v in lab.verdicts.items() if k != "none"], "f": filters,
        "pager": _pager("/review", found, filters | {"state": state or "all"})})


def _page_index(refs: list) -> dict[str, str]:
    """page id → itself, and for results saved before values carried their page id, "<file>#<page>" →
    page id where that name is the case's only file of the name (else nothing: never a guess)."""
    by_name: dict[str, list[str]] = {}
    for p in refs:
        by_name.setdefault(f"{p.name}#{p.page}", []).append(p.page_id)
    return {p.page_id: p.page_id for p in refs} | {k: v[0] for k, v in by_name.items() if len(v) == 1}


def _image_url(case_id: str, pid: str | None, pages: dict[str, str], source: str = "") -> str:
    """The page a highlight opens, found by its page id (never by file name: two files may share one)."""
    pid = pages.get(pid or "") or (pages.get(source) if not pid else None)
    if not pid:
        return ""
    sha, _, page = pid.rpartition("-")
    return f"/cases/{case_id}/pages/{sha}/{page}/image"


@router.get("/review/cases/{case_id}", response_class=HTMLResponse)
def review_case(request: Request, staff: Reviewer, case_id: str, msg: str = "", comment: str = ""):
    ctx = jobs.context()
    lab = labels()
    case = ctx.cases.get(case_id)
    result = ctx.cases.latest_result(case_id)
    pages = _page_index(ctx.cases.pages(case_id))
    form = []
    for name, fv in (result.form if result else {}).items():
        conflicts = [{**c.model_dump(), "box_json": json.dumps(c.box),
                      "img": _image_url(case_id, c.page_id, pages, c.source)} for c in fv.conflicts]
        form.append((lab.field(name), {**fv.model_dump(), "conflicts": conflicts, "box_json": json.dumps(fv.box),
                                       "img": _image_url(case_id, fv.page_id, pages, fv.source)}))
    materials = [{**m.model_dump(), "status_label": lab.statuses.get(m.status, m.status)}
                 for m in (result.materials if result else [])]
    verdict = result.verdict if result else "none"
    flow = flows().get(case_id)
    message = lab.error(msg, verdict=lab.verdicts.get(verdict, ""), state=lab.states[flow.state],
                        action="") if msg else ""
    return templates.TemplateResponse(request, "review_case.html", {
        "staff": staff, "case": case, "case_name": _case_name(case.matters), "result": result, "form": form,
        "materials": materials, "verdict": verdict, "verdict_label": lab.verdicts.get(verdict),
        "needs_confirm": verdict not in OK_VERDICTS, "flow": _flow_view(flow, "reviewer"), "msg": message,
        "comment": comment, "history": _history(case_id),
        "reviews": [{**r.model_dump(), "when": _when(r.at.isoformat())} for r in ctx.cases.reviews(case_id)],
        "seal_rows": seal_rows(result, lambda pid: _image_url(case_id, pid, pages))})


@router.post("/review/cases/{case_id}/decision")
def review_decision(request: Request, staff: Reviewer, case_id: str, decision: Annotated[str, Form()], csrf: Annotated[str, Form()],
                    comment: Annotated[str, Form()] = "", confirm: Annotated[str, Form()] = ""):
    from urllib.parse import quote

    action = {"approved": "approve", "returned": "return"}.get(decision, decision)
    back = f"/review/cases/{case_id}"
    if action == "approve" and (jobs.context().cases.get(case_id).verdict not in OK_VERDICTS) and \
            (confirm != "yes" or not comment.strip()):
        return RedirectResponse(f"{back}?msg=confirm_required&comment={quote(comment)}#decide", status_code=303)
    code = _transition(case_id, action, "reviewer", staff.name, comment)
    if not code and action == "approve":  # 材料复用: an approved case's verified materials go to the archive
        from yichuang.service.followup_web import archive_approved

        archive_approved(case_id, staff.name)
    return RedirectResponse(back + (f"?msg={code}&comment={quote(comment)}#decide" if code else ""), status_code=303)


# ---- shared: page images and printouts -----------------------------------------------------

@router.get("/cases/{case_id}/pages/{sha256}/{page}/image")
def page_image(access: Access, case_id: str, sha256: str, page: int, w: int = 0):
    """The page upright, as OCR saw it (boxes are in these pixels); ``w`` gives a thumbnail."""
    import io

    from yichuang.ingest import open_page
    from yichuang.ingest.pages import _Renderer

    from yichuang.pipeline import page_id
    from yichuang.pipeline.case import find_page

    ctx = jobs.context()
    ref = find_page(ctx, case_id, page_id(sha256, page))
    if ref is None:
        raise ForbiddenError("that page is not part of this case")
    data = ctx.runtime.store.get(sha256)
    content = open_page(data, ref.media_type, page)
    img = content.image
    if img is None:
        renderer = _Renderer(data)
        try:
            img = renderer.render(page - 1)
        finally:
            renderer.close()
    rotation = ctx.runtime.cache.rotation(ref.page_id)
    if rotation:
        img = img.rotate(-rotation, expand=True)
    if 0 < w < img.width:
        img = img.copy()
        img.thumbnail((min(w, 800), min(w, 800) * 2))
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=80 if w else 85)
    return Response(buf.getvalue(), media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


def _print_context(case_id: str, result: CheckResult) -> dict[str, Any]:
    """What every print carries: centre and window, case number with its QR code, the applicant."""
    from yichuang.storage.workflow import applicant_from

    flow = flows().get(case_id)
    who = applicant_from(result)
    return {"office": office(), "number": flow.number, "case_name": _case_name(result.matters),
            "applicant": who.get("name", ""), "id_number": mask_text(who.get("id_number", "")),
            "phone": mask_text(who.get("phone", "")), "as_of": zh_date(result.as_of),
            "verdict": labels().verdicts.get(result.verdict, "")}


def _basis(case_matters: list[str], m: MaterialResult) -> str:
    lab = labels()
    rules = jobs.context().rules
    resolved, _ = rules.resolve(case_matters)
    names = [mt.name for mt in resolved if any(i.id == m.item for i in mt.items)]
    return f"《{'、'.join(names or [_case_name(case_matters)])}》申请材料目录：{lab.requirements.get(m.requirement, '')}"


@router.get("/cases/{case_id}/notice", response_class=HTMLResponse)
def notice(request: Request, access: Access, case_id: str):
    case = access.case
    result = jobs.context().cases.latest_result(case_id)
    if result is None:
        raise UsageError(labels().error("not_checked"))
    lab = labels()
    items = [{"name": m.name, "status": lab.statuses.get(m.status, ""),
              "detail": zh_date("；".join(m.reasons)), "basis": _basis(case.matters, m),
              "deadline": zh_date(m.deadline)} for m in result.materials if m.status in GAPS]
    unread = [{"name": f"第{n}张材料", "detail": "；".join(d.quality.problems) or "无法识别为本事项所需的材料"}
              for n, d in enumerate(result.documents, 1) if d.material == "unknown" or not d.quality.usable]
    return templates.TemplateResponse(request, "print_notice.html", {
        **_print_context(case_id, result), "items": items, "unread": unread, "saved": result.saved})


@router.get("/cases/{case_id}/commitment", response_class=HTMLResponse)
def commitment(request: Request, access: Access, case_id: str):
    result = jobs.context().cases.latest_result(case_id)
    if result is None or result.verdict != "accept_with_tolerance":
        raise UsageError(labels().commitment["only_tolerance"])
    unverified = labels().commitment["unverified"]
    items = [{"name": m.name, "deadline": (m.deadline_text or zh_date(m.deadline or date.today().isoformat()))
              + (unverified if m.deadline_unverified else "")}
             for m in result.materials if m.requirement == "tolerable"
             and m.status in ("tolerated", "invalid", "inconsistent")]
    return templates.TemplateResponse(request, "print_commitment.html", {**_print_context(case_id, result),
                                                                         "items": items})


def yichuang_error_page(request: Request, exc: YichuangError) -> Response | None:
    if isinstance(exc, SignInRequired) and not request.url.path.startswith(("/api/", "/clerk/api/")):
        return RedirectResponse(exc.login_url, status_code=303)
    status = exc.http_status if 400 <= exc.http_status < 600 else 400
    return error_page(request, status, exc.code, exc.message)
