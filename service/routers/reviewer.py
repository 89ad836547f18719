"""The back office (后台审核, reviewer): the case list and one case's review and decision."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from yichuang.service import jobs
from yichuang.service.pages import (
    _case_name,
    _flow_view,
    _history,
    _matter_options,
    _pager,
    _queue_rows,
    _transition,
    _when,
    flows,
    templates,
)
from yichuang.service.routers.auth import Reviewer
from yichuang.service.seals_view import seal_rows
from yichuang.storage.workflow import OK_VERDICTS

from yichuang.errors import UsageError
from yichuang.labels import labels

router = APIRouter(include_in_schema=False)


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
