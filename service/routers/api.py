"""The HTTP API (docs/CONTRACT.md): create a case, upload captures, run the check, read the result
and the pages as read; the follow-up calls (supplements, the overdue list, acceptance, revoking a
reuse). Thin: parse, call the pipeline and the stores, format; each route opens its case or checks
its staff through the one dependency (``routers/auth.py``)."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from yichuang.service import followup, jobs
from yichuang.service.followup_web import _day, _read, _received_on, _store, case_followup
from yichuang.service.routers.auth import Access, AnyStaff
from yichuang.service.security import RequestLimits

from yichuang.errors import ForbiddenError, InputError, TooLargeError, UsageError

router = APIRouter()
MAX_NAME = 200  # characters of a file name kept (the column holds 512)


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}, **extra}, status_code=status)


Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]  # matter ids, fact keys: String(64) columns
FactValue = Annotated[str, StringConstraints(max_length=512)]


class NewCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    matters: list[Id] = Field(min_length=1, max_length=20)
    as_of: Annotated[str, StringConstraints(max_length=10)] | None = None
    facts: dict[Id, FactValue] = Field(default_factory=dict, max_length=50)


class CaseCreated(BaseModel):
    id: str
    upload_token: str


class PageQuality(BaseModel):
    page: int
    usable: bool
    problems: list[str]


class UploadedFile(BaseModel):
    name: str
    sha256: str
    pages: int
    quality: list[PageQuality] = Field(default_factory=list)  # the gate's word on each photo, before OCR


class Uploaded(BaseModel):
    files: list[UploadedFile]


def clean_name(name: str | None) -> str:
    """A file name safe to store and show: no folders, no control characters (NUL…), at most
    ``MAX_NAME`` characters with its extension kept."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        ext = ext if dot and len(ext) <= 10 else ""
        base = (stem if ext else base)[: MAX_NAME - len(ext) - 1].rstrip() + ("." + ext if ext else "")
    return base or "upload"



@router.post("/api/cases", status_code=201, response_model=CaseCreated)
def create_case(body: NewCase) -> CaseCreated:
    ctx = jobs.context()
    ctx.rules.resolve(body.matters)  # unknown matter → 404 with the list of known ones
    if body.as_of:
        try:
            date.fromisoformat(body.as_of)
        except ValueError as exc:
            raise UsageError("as_of 应为 YYYY-MM-DD 格式的日期，例如 2026-11-23") from exc
    case_id, token = ctx.cases.create(body.matters, body.as_of, body.facts, actor="api")
    return CaseCreated(id=case_id, upload_token=token)

@router.post("/api/cases/{case_id}/files", status_code=201, response_model=Uploaded)
def upload(access: Access, case_id: str,
           file: Annotated[list[UploadFile], File(description="captures (repeatable)")]):
    """Each file is decoded and gated in full (on a worker thread, under the decode caps) before
    it is stored and recorded; a refused file is neither. Files before it in the request stay."""
    from yichuang.storage.cases import ensure_unlocked

    from yichuang.pipeline.case import ingest_upload

    ctx = jobs.context()
    actor = access.actor
    ensure_unlocked(access.case)
    limits = RequestLimits.from_settings(ctx.settings)
    if len(file) > limits.files_per_request:
        raise TooLargeError(f"一次最多上传 {limits.files_per_request} 个文件（这次 {len(file)} 个）：请分几次上传")
    pages_now = len(ctx.cases.pages(case_id))
    stored: list[UploadedFile] = []
    for up in file:
        name = clean_name(up.filename)
        try:
            data = up.file.read(limits.upload_mb * 1024 * 1024 + 1)  # ingest_upload refuses more
            got = ingest_upload(ctx.runtime, ctx.cases, case_id, name, data, actor, pages_now=pages_now)
            if got.added:
                pages_now += got.file.pages
            stored.append(UploadedFile(name=name, sha256=got.file.sha256, pages=got.file.pages,
                                       quality=[PageQuality(page=v.page, usable=v.usable, problems=v.problems)
                                                for v in got.quality]))
        except InputError as err:
            return _error(err.http_status, err.code, f"{name}：{err.message}",
                          files=[f.model_dump() for f in stored])
    return Uploaded(files=stored)

@router.delete("/api/cases/{case_id}/files/{sha256}")
def remove_file(access: Access, case_id: str, sha256: str) -> dict[str, Any]:
    """Take a file out of the case (audited; a check running picks the change up)."""
    ctx = jobs.context()
    name = ctx.cases.remove_file(case_id, sha256, actor=access.actor)
    return {"removed": {"name": name, "sha256": sha256}, "pages": len(ctx.cases.pages(case_id))}

@router.post("/api/cases/{case_id}/token/revoke")
def revoke_token(access: Access, case_id: str) -> dict[str, Any]:
    """The case's link stops working (a lost phone, a link sent to the wrong person)."""
    jobs.context().cases.revoke_token(case_id, access.actor)
    return {"revoked": True}

@router.post("/api/cases/{case_id}/token", status_code=201)
def new_token(access: Access, case_id: str) -> dict[str, Any]:
    """Staff only: a fresh upload token for the case (the old one stops working)."""
    if access.staff is None:
        raise ForbiddenError("只有工作人员可以重新生成办件链接：请到窗口办理")
    return {"id": case_id, "upload_token": jobs.context().cases.new_token(case_id, access.actor)}

@router.post("/api/cases/{case_id}/check", status_code=202)
def start(access: Access, case_id: str) -> dict[str, Any]:
    ctx = jobs.context()
    actor = access.actor
    how = jobs.start_check(case_id)  # a check already running is joined, not started twice
    pages = ctx.cases.pages(case_id)
    ctx.cases.audit(case_id, actor, "check_requested", {"pages": len(pages), "mode": how})
    return {"state": "running", "pages": len(pages)}

@router.get("/api/cases/{case_id}/result", responses={202: {"description": "still running"}})
def result(access: Access, case_id: str):
    ctx = jobs.context()
    info = access.case
    found = ctx.cases.latest_result(case_id) if info.state == "done" else None
    if found is not None:  # the header names the generation (set of pages) the verdict covers
        return JSONResponse(found.to_json_dict(),
                            headers={"X-Yichuang-Generation": str(info.checked_generation or 0)})
    if info.state == "failed":
        return _error(422, "check_failed", "预审没能完成：请重新发起预审"
                                           f"（POST /api/cases/{case_id}/check）")
    if info.state == "open":
        return _error(409, "not_checked", f"还没有预审：请先发起预审（POST /api/cases/{case_id}/check）")
    pages = ctx.cases.pages(case_id)
    return JSONResponse({"state": "running", "done_pages": sum(p.state != "pending" for p in pages),
                         "pages": len(pages)}, status_code=202)

@router.get("/api/cases/{case_id}/pages")
def pages(access: Access, case_id: str):
    """Every page of the case as it is read: material, fields, quality (for live screens)."""
    ctx = jobs.context()
    catalog = ctx.rules.catalog
    out = []
    refs = ctx.cases.pages(case_id)
    counts: dict[str, int] = {}
    for p in refs:
        counts[p.sha256] = counts.get(p.sha256, 0) + 1
    for p in refs:
        doc = p.document
        material = doc.material if doc else None
        out.append({"name": p.name, "sha256": p.sha256, "page": p.page, "page_id": p.page_id,
                    "pages": counts[p.sha256], "state": p.state, "error": p.error, "material": material,
                    "material_name": catalog.materials[material].name if material in catalog.materials else None,
                    "fields": doc.fields if doc else {}, "quality": doc.quality.model_dump() if doc else None})
    return {"pages": out}


# ---- follow-up (issue 14) ------------------------------------------------------------------

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

