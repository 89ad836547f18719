"""Sign-in for staff (login, logout, home) and the label table for the pages' JS."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from yichuang.service import jobs
from yichuang.service.pages import (
    _secure,
    templates,
)
from yichuang.service.routers.auth import (
    SESSION_COOKIE,
    accounts,
    check_csrf,
    staff_of,
)

from yichuang.labels import labels

router = APIRouter(include_in_schema=False)


@router.get("/labels.json")
def labels_json():
    return JSONResponse(labels().for_js(), headers={"Cache-Control": "public, max-age=300"})


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
    resp.set_cookie(SESSION_COOKIE, outcome.staff.session_id, httponly=True, samesite="lax", max_age=10 * 3600,
                    secure=_secure())
    return resp


@router.post("/logout")
def logout(request: Request, csrf: Annotated[str, Form()]):
    staff = staff_of(request)
    if staff is not None:
        check_csrf(staff, csrf)
        accounts().logout(staff.session_id)
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE)
    return resp
