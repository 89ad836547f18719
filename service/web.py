"""The FastAPI app, assembled: the request guard, the error handlers (JSON ``{"error": {"code",
"message"}}`` with a 4xx status for a program, a Chinese page for a person's browser), and one
router per user under ``service/routers/``: ``api`` (the machine contract), ``ops`` (health),
``session`` (staff sign-in), ``clerk`` (the window), ``reviewer`` (back office), ``citizen``
(the phone), ``case_pages`` (one case's shared pages); ``auth`` is their one dependency.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from yichuang.service import jobs
from yichuang.service.routers.api import clean_name  # noqa: F401 - its old home
from yichuang.service.routers.auth import CASE_COOKIE  # noqa: F401 - its old home
from yichuang.service.security import Guard

from yichuang.errors import YichuangError

MAX_NAME = 200  # characters of a file name kept (the column holds 512)
log = logging.getLogger("yichuang.web")

def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}, **extra}, status_code=status)


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

    from fastapi.staticfiles import StaticFiles
    from yichuang.service.pages import STATIC
    from yichuang.service.routers import api, case_pages, citizen, clerk, ops, reviewer, session

    for module in (api, ops, session, clerk, reviewer, citizen, case_pages):  # one router per user
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


app = create_app()
