"""Authorization and CSRF as one FastAPI dependency: ``Depends(staff_role("clerk"))``.

A signed-in member of staff with the role passes; on any request that changes something (not GET
or HEAD) the session's CSRF token must come in the ``X-CSRF-Token`` header or the form's ``csrf``
field, compared in constant time. Not signed in: a page request is sent to the login page, an API
request gets 401; the wrong role or a bad token: 403 (a Chinese page for a browser, JSON for an API)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from yichuang.service.security import csrf_ok
from yichuang.storage.accounts import Staff

from yichuang.errors import ForbiddenError, UnauthorizedError
from yichuang.labels import labels

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


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


def staff_role(role: str) -> Callable[[Request], Awaitable[Staff]]:
    """The dependency for routes of one role (``clerk`` or ``reviewer``)."""

    async def dependency(request: Request) -> Staff:
        from yichuang.service.pages import staff_of

        staff = await run_in_threadpool(staff_of, request)
        if staff is None:
            raise SignInRequired(request.url.path)
        if staff.role != role:
            raise ForbiddenError(labels().error("wrong_role", role=labels().roles[role]), reason="wrong_role")
        if request.method not in SAFE_METHODS:
            check_csrf(staff, await request_csrf(request))
        return staff

    dependency.__name__ = f"staff_{role}"
    return dependency
