"""HTTP API (FastAPI): create a case, upload captures, run the check, read the result.

Thin: parse, call ``service.jobs`` / the stores, format. Errors are JSON
``{"error": {"code", "message"}}`` with a 4xx status; a token opens its own case only.
"""

from __future__ import annotations

import logging
import unicodedata
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from starlette.exceptions import HTTPException as StarletteHTTPException
from yichuang.service import jobs
from yichuang.service.routers.auth import CASE_COOKIE, Access  # noqa: F401 - CASE_COOKIE: its old home
from yichuang.service.security import Guard, RequestLimits

from yichuang.errors import ForbiddenError, InputError, TooLargeError, UsageError, YichuangError

MAX_NAME = 200  # characters of a file name kept (the column holds 512)
log = logging.getLogger("yichuang.web")

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


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}, **extra}, status_code=status)


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


VALIDATION_ZH = {"missing": "缺少这一项", "extra_forbidden": "不认识这一项", "string_type": "应当是文字",
                 "list_type": "应当是列表", "dict_type": "应当是对象", "int_parsing": "应当是整数",
                 "json_invalid": "不是有效的 JSON", "too_short": "不能为空", "string_too_short": "不能为空"}


def _zh_validation(err: dict) -> str:
    """A request that does not fit, said in Chinese with what to change."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind in ("too_long", "string_too_long"):
        return f"太长或太多（最多 {ctx.get('max_length', '?')}）：请删减后再提交"
    return VALIDATION_ZH.get(kind, f"格式不对（{err.get('msg', '')}）") + "：请按接口说明（docs/CONTRACT.md）填写"


@asynccontextmanager
async def lifespan(_app: FastAPI):
    import threading

    jobs.resume_interrupted()
    if not jobs.context().settings.broker_url:  # checks run here: load the models now, not on the first page
        threading.Thread(target=jobs.warm_up, name="warm-up", daemon=True).start()
    yield


def create_app() -> FastAPI:
    # no /docs or /redoc: they load scripts from a CDN; the schema stays at /openapi.json
    app = FastAPI(title="一窗 Yichuang", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Material pre-check for government service windows (一窗受理).")
    app.add_middleware(Guard)  # limits and rates from the settings at start-up

    @app.exception_handler(YichuangError)
    async def _yichuang_error(req: Request, exc: YichuangError):
        status = exc.http_status if 400 <= exc.http_status < 600 else 400
        from yichuang.service.pages import yichuang_error_page

        page = yichuang_error_page(req, exc)  # a person's browser gets a Chinese page, not JSON
        if page is not None:
            return page
        return _error(status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(x) for x in first.get("loc", []) if x != "body")
        why = _zh_validation(first)
        return _error(422, "bad_request", f"{where}：{why}" if where else why)

    @app.exception_handler(Exception)
    async def _unexpected(req: Request, exc: Exception):  # the last line: a JSON answer, never a traceback
        log.error("unexpected %s on %s %s", exc.__class__.__name__, req.method, req.url.path, exc_info=exc)
        return _error(500, "internal", "服务器处理时出错（已记录）：请稍后再试；如果一再出现，请联系窗口工作人员")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException):
        from yichuang.service.pages import error_page

        page = error_page(_req, exc.status_code, "not_found" if exc.status_code == 404 else "http_error", "")
        if page is not None:
            return page
        return _error(exc.status_code, "not_found" if exc.status_code == 404 else "http_error", str(exc.detail))

    @app.post("/api/cases", status_code=201, response_model=CaseCreated)
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

    @app.post("/api/cases/{case_id}/files", status_code=201, response_model=Uploaded)
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

    @app.delete("/api/cases/{case_id}/files/{sha256}")
    def remove_file(access: Access, case_id: str, sha256: str) -> dict[str, Any]:
        """Take a file out of the case (audited; a check running picks the change up)."""
        ctx = jobs.context()
        name = ctx.cases.remove_file(case_id, sha256, actor=access.actor)
        return {"removed": {"name": name, "sha256": sha256}, "pages": len(ctx.cases.pages(case_id))}

    @app.post("/api/cases/{case_id}/token/revoke")
    def revoke_token(access: Access, case_id: str) -> dict[str, Any]:
        """The case's link stops working (a lost phone, a link sent to the wrong person)."""
        jobs.context().cases.revoke_token(case_id, access.actor)
        return {"revoked": True}

    @app.post("/api/cases/{case_id}/token", status_code=201)
    def new_token(access: Access, case_id: str) -> dict[str, Any]:
        """Staff only: a fresh upload token for the case (the old one stops working)."""
        if access.staff is None:
            raise ForbiddenError("只有工作人员可以重新生成办件链接：请到窗口办理")
        return {"id": case_id, "upload_token": jobs.context().cases.new_token(case_id, access.actor)}

    @app.post("/api/cases/{case_id}/check", status_code=202)
    def start(access: Access, case_id: str) -> dict[str, Any]:
        ctx = jobs.context()
        actor = access.actor
        how = jobs.start_check(case_id)  # a check already running is joined, not started twice
        pages = ctx.cases.pages(case_id)
        ctx.cases.audit(case_id, actor, "check_requested", {"pages": len(pages), "mode": how})
        return {"state": "running", "pages": len(pages)}

    @app.get("/api/cases/{case_id}/result", responses={202: {"description": "still running"}})
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

    @app.get("/api/cases/{case_id}/pages")
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

    from fastapi.staticfiles import StaticFiles
    from yichuang.service.pages import STATIC, router

    app.include_router(router)
    from yichuang.service.followup_web import pages as followup_pages
    from yichuang.service.followup_web import router as followup_router

    app.include_router(followup_router)  # 容缺 follow-up, supplements, 材料复用 (issue 14)
    app.include_router(followup_pages)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()
