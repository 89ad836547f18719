"""Authorization and CSRF as one FastAPI dependency, for every route.

- ``Depends(staff_role("clerk"))`` (``"reviewer"``, or ``None`` for any member of staff): a signed-in
  member of staff with the role passes. Not signed in: a page request is sent to the login page,
  an API request gets 401 (403 for the staff-only follow-up API, ``signed_out="forbidden"``).
- ``Depends(case_access)``: one case, opened by its token (``Authorization: Bearer``, the link's
  ``?t=``, or the citizen page's cookie) or by any signed-in member of staff.

On any request that changes something (not GET or HEAD) a member of staff's session CSRF token must
come in the ``X-CSRF-Token`` header or the form's ``csrf`` field, compared in constant time; the
wrong role or a bad token: 403 (a Chinese page for a browser, JSON for an API)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import Depends, Request
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool
from yichuang.service.security import csrf_ok
from yichuang.storage.accounts import AccountStore, Staff
from yichuang.storage.records import CaseInfo

from yichuang.errors import ForbiddenError, UnauthorizedError
from yichuang.labels import labels

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SESSION_COOKIE = "yc_session"
CASE_COOKIE = "yc_case_"  # + case id: the citizen page's token, HttpOnly, SameSite=Strict


def accounts() -> AccountStore:
    from yichuang.service import jobs

    settings = jobs.context().settings
    return AccountStore(settings.database_url, settings)


def staff_of(request: Request) -> Staff | None:
    """The member of staff signed in on this request's session cookie, or None."""
    return accounts().session(request.cookies.get(SESSION_COOKIE))


class SignInRequired(UnauthorizedError):
    """Not signed in: a browser's page request is redirected to ``/login?next=...``."""

    code = "sign_in_required"

    def __init__(self, path: str) -> None:
        super().__init__(labels().error("unauthorized"), next=path)
        self.login_url = f"/login?next={quote(path)}"


async def request_csrf(request: Request) -> str:
    """The CSRF token a request carries: the header (fetch), else the form field (a page's form)."""
    token = request.headers.get("x-csrf-token")
    if token:
        return token
    if request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/")):
        form = await request.form()  # Starlette keeps it: the route's Form() parameters read the same one
        value = form.get("csrf")
        return value if isinstance(value, str) else ""
    return ""


def check_csrf(staff: Staff, token: str | None) -> None:
    if not csrf_ok(staff.csrf, token):
        raise ForbiddenError(labels().error("csrf"), reason="csrf")


def staff_role(role: str | None, signed_out: Literal["login", "forbidden"] = "login"
               ) -> Callable[[Request], Awaitable[Staff]]:
    """The dependency for routes of one role (``clerk`` or ``reviewer``; ``None``: any member of staff)."""

    async def dependency(request: Request) -> Staff:
        staff = await run_in_threadpool(staff_of, request)
        if staff is None:
            if signed_out == "forbidden":
                raise ForbiddenError(labels().error("unauthorized"), reason="staff_only")
            raise SignInRequired(request.url.path)
        if role is not None and staff.role != role:
            raise ForbiddenError(labels().error("wrong_role", role=labels().roles[role]), reason="wrong_role")
        if request.method not in SAFE_METHODS:
            check_csrf(staff, await request_csrf(request))
        return staff

    dependency.__name__ = f"staff_{role or 'any'}"
    return dependency


class CaseAccess(BaseModel):
    """Who opened a case on this request: its token (``actor`` "citizen") or a member of staff."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    case: CaseInfo
    actor: str
    staff: Staff | None = None

    @property
    def role(self) -> str:
        return self.staff.role if self.staff else "citizen"


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization") or ""
    return header[7:].strip() or None if header.lower().startswith("bearer ") else None


async def case_access(request: Request, case_id: str) -> CaseAccess:
    """The case of the path, opened by a ``Bearer`` token, else a signed-in member of staff (CSRF
    checked on a change), else the link's ``?t=`` token or the citizen page's cookie."""
    from yichuang.service import jobs

    cases = jobs.context().cases
    token = _bearer(request)
    if token is None:
        staff = await run_in_threadpool(staff_of, request)
        if staff is not None:
            if request.method not in SAFE_METHODS:
                check_csrf(staff, await request_csrf(request))
            return CaseAccess(case=await run_in_threadpool(cases.get, case_id), actor=staff.name, staff=staff)
        token = request.query_params.get("t") or request.cookies.get(CASE_COOKIE + case_id)
    info = await run_in_threadpool(cases.authorize, case_id, token)  # 401/403 with the Chinese reason
    return CaseAccess(case=info, actor="citizen")


Access = Annotated[CaseAccess, Depends(case_access)]
Clerk = Annotated[Staff, Depends(staff_role("clerk"))]  # signed in as a clerk; CSRF checked on a change
Reviewer = Annotated[Staff, Depends(staff_role("reviewer"))]
AnyStaff = Annotated[Staff, Depends(staff_role(None, signed_out="forbidden"))]
