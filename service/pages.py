"""What the pages share (their routes are in ``service/routers/``, one module per user): the
template environment, the Chinese error page, the case views (names, checklist, workflow buttons,
history, queue rows and page links), the one workflow step (server-rendered Chinese HTML + static
JS/CSS; every word from the label table, every asset served locally, no inline script or style)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from yichuang.service import jobs
from yichuang.service.routers.auth import (
    SESSION_COOKIE,
    SignInRequired,
    staff_of,
)
from yichuang.service.security import cookie_secure
from yichuang.storage.records import CaseFlow, CaseList
from yichuang.storage.workflow import TRANSITIONS, WorkflowStore, allowed

from yichuang.errors import ConflictError, UsageError, YichuangError
from yichuang.labels import labels, zh_date
from yichuang.privacy import mask_text
from yichuang.types import CheckResult

HERE = Path(__file__).parent
STATIC = str(HERE / "static")
templates = Jinja2Templates(directory=str(HERE / "templates"))
COOKIE = SESSION_COOKIE  # (its old name)
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


# ---- login -------------------------------------------------------------------------------


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


def _transition(case_id: str, action: str, role: str, actor: str, comment: str) -> str:
    """One workflow step; the Chinese reason code when it is refused (shown in place, no dead end)."""
    try:
        flows().transition(case_id, action, role, actor, comment)
    except (ConflictError, UsageError) as err:
        return str(err.data.get("reason") or err.code)
    if action in ("approve", "return"):
        jobs.context().cases.review(case_id, actor, "approved" if action == "approve" else "returned", comment)
    return ""


# ---- pages of a case: the live view, remove, rotate (clerk or the case's own link) ----------


# ---- citizen -------------------------------------------------------------------------------


# ---- review --------------------------------------------------------------------------------


# ---- shared: page images and printouts -----------------------------------------------------


def yichuang_error_page(request: Request, exc: YichuangError) -> Response | None:
    if isinstance(exc, SignInRequired) and not request.url.path.startswith(("/api/", "/clerk/api/")):
        return RedirectResponse(exc.login_url, status_code=303)
    status = exc.http_status if 400 <= exc.http_status < 600 else 400
    return error_page(request, status, exc.code, exc.message)


LOCKED = ("reviewing", "approved", "rejected")  # the pages of a case under review or decided stay as they are


def _editable(case_id: str) -> None:
    if flows().get(case_id).state in LOCKED:
        raise ConflictError("the case is decided or under review: it cannot be changed now", reason="locked")
