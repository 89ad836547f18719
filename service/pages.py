"""The three users' pages: clerk intake, back-office review, citizen upload (server-rendered
Chinese HTML + a small plain-JS file; every asset is served locally)."""

from __future__ import annotations

import json
import secrets
from datetime import date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from service import jobs
from service.seals_view import seal_rows
from service.security import cookie_secure
from storage.accounts import LOCKOUT_MINUTES, AccountStore, Staff
from yichuang.errors import ForbiddenError, UsageError

HERE = Path(__file__).parent
STATIC = str(HERE / "static")
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
COOKIE = "yc_session"
VERDICT_ZH = {"complete": "材料齐全", "accept_with_tolerance": "容缺受理", "needs_review": "需人工核对",
              "incomplete": "材料不全", None: "未预审"}
STATUS_ZH = {"present": "已提交", "missing": "缺少", "tolerated": "容缺", "invalid": "无效", "inconsistent": "不一致",
             "needs_review": "需人工核对", "reused": "已复用", "not_required": "无需提交", "produced_in_bundle": "一并产生"}


def accounts() -> AccountStore:
    return AccountStore(jobs.context().settings.database_url)


def staff_of(request: Request) -> Staff | None:
    return accounts().session(request.cookies.get(COOKIE))


def _require(request: Request, role: str) -> Staff | RedirectResponse:
    staff = staff_of(request)
    if staff is None:
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    if staff.role != role:
        raise ForbiddenError(f"this page is for {'综窗人员' if role == 'clerk' else '审核人员'} accounts")
    return staff


def _check_csrf(staff: Staff, token: str) -> None:
    if not secrets.compare_digest(staff.csrf, token or ""):
        raise ForbiddenError("the form is out of date (CSRF check failed): reload the page and try again")


def _matter_options() -> list[dict]:
    rules = jobs.context().rules
    out = [{"id": bid, "name": b.name, "bundle": True,
            "detail": "、".join(rules.matters[m].name for m in b.matters)} for bid, b in rules.bundles.items()]
    out += [{"id": mid, "name": m.name, "bundle": False, "detail": m.department} for mid, m in rules.matters.items()]
    return out


def field_labels() -> dict[str, str]:
    """Field id → the Chinese label a clerk reads (the first material that prints it)."""
    out: dict[str, str] = {}
    for material in jobs.context().rules.catalog.materials.values():
        for name in material.fields:
            out.setdefault(name, material.label_of(name))
    out.update({"valid_from": "有效期起", "valid_until": "有效期至", "legal_rep_id_number": "法定代表人身份证号码", "seller_id_number": "卖方身份证号码",
                "buyer_id_number": "买方身份证号码", "operator_id_number": "经营者身份证号码"})
    return out


def _case_name(matters: list[str]) -> str:
    rules = jobs.context().rules
    return "、".join(rules.bundles[m].name if m in rules.bundles else rules.matters[m].name for m in matters)


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
    "locked": f"连续输错密码次数过多，账号已临时锁定 {LOCKOUT_MINUTES} 分钟：请稍后再试，或联系管理员",
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
                                                              "error": LOGIN_ERRORS.get(error, "")})
    resp.set_cookie("yc_login_csrf", csrf, httponly=True, samesite="strict", secure=cookie_secure())
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
                    secure=cookie_secure())
    return resp


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]):
    staff = staff_of(request)
    if staff is not None:
        _check_csrf(staff, csrf)
        accounts().logout(staff.session_id)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(COOKIE)
    return resp


# ---- clerk ---------------------------------------------------------------------------------

@router.get("/clerk", response_class=HTMLResponse)
def clerk_home(request: Request):
    staff = _require(request, "clerk")
    if isinstance(staff, RedirectResponse):
        return staff
    return templates.TemplateResponse(request, "pick_matter.html", {
        "staff": staff, "heading": "综窗受理：选择事项", "hint": "选择事项或“一件事”后，用高拍仪拍摄或上传材料。",
        "matters": _matter_options(), "action": "/clerk/cases", "csrf": staff.csrf, "citizen": False})


@router.post("/clerk/cases")
def clerk_new_case(request: Request, matter: Annotated[str, Form()], csrf: Annotated[str, Form()]):
    staff = _require(request, "clerk")
    if isinstance(staff, RedirectResponse):
        return staff
    _check_csrf(staff, csrf)
    ctx = jobs.context()
    ctx.rules.resolve([matter])
    case_id, _token = ctx.cases.create([matter], None, {}, actor=staff.name)
    return RedirectResponse(f"/clerk/cases/{case_id}", status_code=303)


@router.get("/clerk/cases/{case_id}", response_class=HTMLResponse)
def clerk_case(request: Request, case_id: str):
    staff = _require(request, "clerk")
    if isinstance(staff, RedirectResponse):
        return staff
    ctx = jobs.context()
    case = ctx.cases.get(case_id)
    names = {mid: m.name for mid, m in ctx.rules.catalog.materials.items()}
    return templates.TemplateResponse(request, "clerk_case.html", {
        "staff": staff, "case": case, "case_name": _case_name(case.matters),
        "materials_json": json.dumps(names, ensure_ascii=False),
        "labels_json": json.dumps(field_labels(), ensure_ascii=False)})


class Override(BaseModel):  # lengths match the columns (a longer field name was a 500 on PostgreSQL)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    page: int = Field(ge=1, le=10_000)
    material: str | None = Field(default=None, max_length=64)
    field: str | None = Field(default=None, max_length=64)
    value: str | None = Field(default=None, max_length=2000)


@router.post("/clerk/api/cases/{case_id}/override")
def clerk_override(request: Request, case_id: str, body: Override):
    staff = _require(request, "clerk")
    if isinstance(staff, RedirectResponse):
        raise ForbiddenError("sign in as a clerk to correct a page")
    _check_csrf(staff, request.headers.get("x-csrf-token", ""))
    ctx = jobs.context()
    page = next((p for p in ctx.cases.pages(case_id) if p.sha256 == body.sha256 and p.page == body.page), None)
    if page is None:
        raise UsageError("that page is not part of this case")
    doc = page.document or {}
    if body.material is not None:
        if body.material != "unknown" and body.material not in ctx.rules.catalog.materials:
            raise UsageError(f"unknown material '{body.material}'")
        accounts().override(case_id, body.sha256, body.page, None, body.material, staff.name, doc.get("material"))
    elif body.field and body.value is not None:
        accounts().override(case_id, body.sha256, body.page, body.field, body.value, staff.name,
                            (doc.get("fields") or {}).get(body.field))
    else:
        raise UsageError("give a material, or a field and its value")
    return {"ok": True}


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
    return RedirectResponse(f"/c/{case_id}?t={token}", status_code=303)


@router.get("/c/{case_id}", response_class=HTMLResponse)
def citizen_case(request: Request, case_id: str, t: str = ""):
    from service.web import CASE_COOKIE
    from storage.cases import TOKEN_DAYS

    ctx = jobs.context()
    token = t or request.cookies.get(CASE_COOKIE + case_id, "")
    case = ctx.cases.authorize(case_id, token)  # the link's token opens this case only (403 otherwise)
    resp = templates.TemplateResponse(request, "citizen_case.html", {
        "staff": None, "case": case, "token": token, "case_name": _case_name(case.matters)})
    # the page's calls and printouts then carry the token in a header or this cookie, not a query string
    resp.set_cookie(CASE_COOKIE + case_id, token, httponly=True, samesite="strict", secure=cookie_secure(),
                    max_age=TOKEN_DAYS * 86400)
    return resp


# ---- review --------------------------------------------------------------------------------

@router.get("/review", response_class=HTMLResponse)
def review_list(request: Request, matter: str = "", verdict: str = "", since: str = "", until: str = ""):
    staff = _require(request, "reviewer")
    if isinstance(staff, RedirectResponse):
        return staff
    acc = accounts()
    rows = []
    for c in jobs.context().cases.list_cases():
        day = c.created_at[:10]
        if (matter and matter not in c.matters) or (verdict and c.verdict != verdict) or \
                (since and day < since) or (until and day > until):
            continue
        reviews = acc.reviews(c.id)
        rows.append({"id": c.id, "names": _case_name(c.matters), "verdict": c.verdict,
                     "verdict_label": VERDICT_ZH.get(c.verdict, c.verdict),
                     "review": ({"approved": "已通过", "returned": "已退回"}[reviews[-1]["decision"]] if reviews else "待审核"),
                     "created": c.created_at[:16].replace("T", " ")})
    return templates.TemplateResponse(request, "review_list.html", {
        "staff": staff, "cases": rows, "matters": _matter_options(),
        "verdicts": [(k, v) for k, v in VERDICT_ZH.items() if k], "f": {"matter": matter, "verdict": verdict,
                                                                       "since": since, "until": until}})


def _image_url(case_id: str, source: str, files: dict[str, str]) -> str:
    name, _, page = source.rpartition("#")
    sha = files.get(name)
    return f"/cases/{case_id}/pages/{sha}/{page}/image" if sha else ""


@router.get("/review/cases/{case_id}", response_class=HTMLResponse)
def review_case(request: Request, case_id: str):
    staff = _require(request, "reviewer")
    if isinstance(staff, RedirectResponse):
        return staff
    ctx = jobs.context()
    case = ctx.cases.get(case_id)
    result = ctx.cases.latest_result(case_id)
    files = {p.name: p.sha256 for p in ctx.cases.pages(case_id)}
    form = []
    labels = field_labels()
    for name, fv in (result or {}).get("form", {}).items():
        conflicts = [{**c, "box_json": json.dumps(c.get("box")), "img": _image_url(case_id, c["source"], files)}
                     for c in fv.get("conflicts", [])]
        form.append((labels.get(name, name), {**fv, "conflicts": conflicts, "box_json": json.dumps(fv.get("box")),
                            "img": _image_url(case_id, fv["source"], files)}))
    materials = [{**m, "status_label": STATUS_ZH.get(m["status"], m["status"])}
                 for m in (result or {}).get("materials", [])]
    return templates.TemplateResponse(request, "review_case.html", {
        "staff": staff, "case": case, "case_name": _case_name(case.matters), "result": result, "form": form,
        "materials": materials, "verdict_label": VERDICT_ZH.get((result or {}).get("verdict")),
        "reviews": accounts().reviews(case_id),
        "seal_rows": seal_rows(result, lambda ref: _image_url(case_id, ref, files))})


@router.post("/review/cases/{case_id}/decision")
def review_decision(request: Request, case_id: str, decision: Annotated[str, Form()], csrf: Annotated[str, Form()],
                    comment: Annotated[str, Form()] = ""):
    staff = _require(request, "reviewer")
    if isinstance(staff, RedirectResponse):
        return staff
    _check_csrf(staff, csrf)
    jobs.context().cases.get(case_id)
    accounts().review(case_id, staff.name, decision, comment)
    if decision == "approved":  # 材料复用: an approved case's verified materials go to the archive
        from service.followup_web import archive_approved

        archive_approved(case_id, staff.name)
    return RedirectResponse(f"/review/cases/{case_id}", status_code=303)


# ---- shared: page images and printouts -----------------------------------------------------

def _open_case(request: Request, case_id: str, t: str):
    from service.web import CASE_COOKIE

    ctx = jobs.context()
    if staff_of(request) is not None:
        return ctx.cases.get(case_id)
    return ctx.cases.authorize(case_id, t or request.cookies.get(CASE_COOKIE + case_id))


@router.get("/cases/{case_id}/pages/{sha256}/{page}/image")
def page_image(request: Request, case_id: str, sha256: str, page: int, t: str = ""):
    """The page upright, as OCR saw it (boxes are in these pixels)."""
    import io

    from ingest import open_page
    from ingest.pages import _Renderer

    _open_case(request, case_id, t)
    ctx = jobs.context()
    ref = next((p for p in ctx.cases.pages(case_id) if p.sha256 == sha256 and p.page == page), None)
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
    from extractors.ocr import engine_class
    from yichuang.pipeline import TEXT_LAYER_KEY, page_id

    pid = page_id(sha256, page)
    keys = (TEXT_LAYER_KEY, engine_class(ctx.runtime.engine_name).cache_key())
    rotation = ctx.runtime.meta.cached_ocr_many([pid], keys).get(pid, {}).get("rotation", 0)
    if rotation:
        img = img.rotate(-rotation, expand=True)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=85)
    return Response(buf.getvalue(), media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


def _printout(request: Request, title: str, lines: list[str], sign: list[str]) -> HTMLResponse:
    return templates.TemplateResponse(request, "print.html", {"title": title, "lines": lines, "sign": sign})


@router.get("/cases/{case_id}/notice", response_class=HTMLResponse)
def notice(request: Request, case_id: str, t: str = ""):
    _open_case(request, case_id, t)
    result = jobs.context().cases.latest_result(case_id)
    if result is None:
        raise UsageError("no check yet: upload the materials first")
    lines = result["notice"].splitlines()[1:]
    return _printout(request, "一次性告知书", [x for x in lines if x],
                     [f"受理窗口（签章）：__________　日期：{result['as_of']}", "申请人签收：__________"])


@router.get("/cases/{case_id}/commitment", response_class=HTMLResponse)
def commitment(request: Request, case_id: str, t: str = ""):
    _open_case(request, case_id, t)
    result = jobs.context().cases.latest_result(case_id)
    if result is None or result["verdict"] != "accept_with_tolerance":
        raise UsageError("a 容缺受理承诺书 is only for a case accepted with tolerance")
    items = [m for m in result["materials"] if m["requirement"] == "tolerable"
             and m["status"] in ("tolerated", "invalid", "inconsistent")]
    lines = [f"申请事项：{_case_name(result['matters'])}",
             "本人申请容缺受理，现承诺在下列期限内补齐以下材料，逾期未补齐的，同意按规定作不予许可（办理）处理，"
             "并对所提交材料的真实性负责：", ""]
    lines += [f"{n}. {m['name']}，于{m.get('deadline_text') or m['deadline'] or date.today().isoformat()}前补交"
              + ("（该年度节假日安排尚未公布，期限按周末推算，以公布的安排为准）" if m.get("deadline_unverified") else "")
              for n, m in enumerate(items, 1)]
    return _printout(request, "容缺受理承诺书", lines,
                     ["承诺人（签字）：__________", f"日期：{result['as_of']}", "受理窗口（签章）：__________"])
