"""HTTP API (FastAPI): create a case, upload captures, run the check, read the result.

Thin: parse, call ``service.jobs`` / the stores, format. Errors are JSON
``{"error": {"code", "message"}}`` with a 4xx status; a token opens its own case only.
"""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated, Any

from fastapi import FastAPI, File, Header, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from service import jobs
from yichuang.errors import InputError, TooLargeError, UsageError, YichuangError
from yichuang.pipeline import store_file

MAX_UPLOAD_MB = int(os.environ.get("YICHUANG_MAX_UPLOAD_MB", "25"))
MAX_CASE_PAGES = int(os.environ.get("YICHUANG_MAX_CASE_PAGES", "60"))


class NewCase(BaseModel):
    model_config = ConfigDict(extra="forbid")
    matters: list[str] = Field(min_length=1)
    as_of: str | None = None
    facts: dict[str, str] = Field(default_factory=dict)


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


def _quality(data: bytes, media_type: str) -> list[PageQuality]:
    """Immediate feedback on each photo (before OCR), so a citizen can retake it at once."""
    from ingest import iter_pages
    from ingest.quality import assess

    out = []
    for content in iter_pages(data, media_type):
        q = assess(content.image) if content.image is not None else None
        out.append(PageQuality(page=content.page, usable=q.usable if q else True, problems=q.problems if q else []))
    return out


def _token(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def authorize(request: Request, case_id: str, authorization: str | None):
    """A case's token opens that case; a signed-in clerk or reviewer opens any case (POSTs carry
    the session's CSRF token in X-CSRF-Token)."""
    ctx = jobs.context()
    token = _token(authorization)
    if token is None:
        from service.pages import staff_of
        from yichuang.errors import ForbiddenError

        staff = staff_of(request)
        if staff is not None:
            if request.method != "GET" and request.headers.get("x-csrf-token") != staff.csrf:
                raise ForbiddenError("the form is out of date (CSRF check failed): reload the page and try again")
            return ctx.cases.get(case_id), staff.name
    return ctx.cases.authorize(case_id, token), "citizen"


@asynccontextmanager
async def lifespan(_app: FastAPI):
    import threading

    jobs.resume_interrupted()
    if not jobs.context().settings.broker_url:  # checks run here: load the models now, not on the first page
        threading.Thread(target=jobs.warm_up, name="warm-up", daemon=True).start()
    yield


def create_app() -> FastAPI:
    app = FastAPI(title="一窗 Yichuang", version="0.1.0", lifespan=lifespan,
                  description="Material pre-check for government service windows (一窗受理).")

    @app.exception_handler(YichuangError)
    async def _yichuang_error(req: Request, exc: YichuangError):
        status = exc.http_status if 400 <= exc.http_status < 600 else 400
        from service.pages import yichuang_error_page

        page = yichuang_error_page(req, exc)  # a person's browser gets a Chinese page, not JSON
        if page is not None:
            return page
        return _error(status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(x) for x in first.get("loc", []) if x != "body")
        return _error(422, "bad_request", f"{where}: {first.get('msg')}" if where else str(first.get("msg")))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException):
        from service.pages import error_page

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
                raise UsageError("as_of must be YYYY-MM-DD") from exc
        case_id, token = ctx.cases.create(body.matters, body.as_of, body.facts, actor="api")
        return CaseCreated(id=case_id, upload_token=token)

    @app.post("/api/cases/{case_id}/files", status_code=201, response_model=Uploaded)
    async def upload(request: Request, case_id: str,
                     file: Annotated[list[UploadFile], File(description="captures (repeatable)")],
                     authorization: Annotated[str | None, Header()] = None):
        ctx = jobs.context()
        _, actor = authorize(request, case_id, authorization)
        pages_now = len(ctx.cases.pages(case_id))
        stored: list[UploadedFile] = []
        for up in file:
            name = os.path.basename(up.filename or "upload")
            data = await up.read(MAX_UPLOAD_MB * 1024 * 1024 + 1)
            try:
                if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
                    raise TooLargeError(f"{name} is larger than {MAX_UPLOAD_MB} MB: photograph or scan it at a "
                                        "lower resolution, or split the PDF")
                # durable in object storage and recorded before we say 201 (store_file writes the bytes first)
                sf = store_file(data, name, ctx.runtime)
                if pages_now + sf.pages > MAX_CASE_PAGES:
                    raise TooLargeError(f"{name} would bring the case to {pages_now + sf.pages} pages, more than "
                                        f"{MAX_CASE_PAGES}: upload only the pages the matter needs")
                if ctx.cases.add_file(case_id, sf.sha256, name, sf.media_type, sf.pages, actor=actor):
                    pages_now += sf.pages
                stored.append(UploadedFile(name=name, sha256=sf.sha256, pages=sf.pages,
                                           quality=_quality(data, sf.media_type)))
            except InputError as err:
                return _error(err.http_status, err.code, f"{name}: {err.message}",
                              files=[f.model_dump() for f in stored])
        return Uploaded(files=stored)

    @app.post("/api/cases/{case_id}/check", status_code=202)
    def start(request: Request, case_id: str, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        ctx = jobs.context()
        _, actor = authorize(request, case_id, authorization)
        pages = ctx.cases.pages(case_id)
        how = jobs.start_check(case_id)
        ctx.cases.audit(case_id, actor, "check_requested", {"pages": len(pages), "mode": how})
        return {"state": "running", "pages": len(pages)}

    @app.get("/api/cases/{case_id}/result", responses={202: {"description": "still running"}})
    def result(request: Request, case_id: str, authorization: Annotated[str | None, Header()] = None):
        ctx = jobs.context()
        info, _ = authorize(request, case_id, authorization)
        if info.state == "done":
            return ctx.cases.latest_result(case_id)
        if info.state == "failed":
            return _error(422, "check_failed", "the check could not finish: start it again with "
                                               f"POST /api/cases/{case_id}/check")
        if info.state == "open":
            return _error(409, "not_checked", f"no check yet: start it with POST /api/cases/{case_id}/check")
        pages = ctx.cases.pages(case_id)
        return JSONResponse({"state": "running", "done_pages": sum(p.state != "pending" for p in pages),
                             "pages": len(pages)}, status_code=202)

    @app.get("/api/cases/{case_id}/pages")
    def pages(request: Request, case_id: str, authorization: Annotated[str | None, Header()] = None):
        """Every page of the case as it is read: material, fields, quality (for live screens)."""
        ctx = jobs.context()
        authorize(request, case_id, authorization)
        catalog = ctx.rules.catalog
        out = []
        refs = ctx.cases.pages(case_id)
        counts: dict[str, int] = {}
        for p in refs:
            counts[p.sha256] = counts.get(p.sha256, 0) + 1
        for p in refs:
            doc = p.document or {}
            material = doc.get("material")
            out.append({"name": p.name, "sha256": p.sha256, "page": p.page, "pages": counts[p.sha256],
                        "state": p.state, "material": material,
                        "material_name": catalog.materials[material].name if material in catalog.materials else None,
                        "fields": doc.get("fields", {}), "quality": doc.get("quality")})
        return {"pages": out}

    from fastapi.staticfiles import StaticFiles

    from service.pages import STATIC, router

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()
