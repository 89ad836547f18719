"""Admin / ops: is the service up, can it reach its database and object store (for a load balancer
or a container's health check). No personal data, no sign-in."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from yichuang.service import jobs

router = APIRouter(tags=["ops"])


def _probe() -> dict[str, str]:
    ctx = jobs.context()
    out: dict[str, str] = {}
    try:
        ctx.cases.list_cases("running")  # one SELECT on the case store
        out["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - the class only: a driver's message may name the host
        out["database"] = type(exc).__name__
    try:
        ctx.runtime.store.exists("0" * 64)
        out["objects"] = "ok"
    except Exception as exc:  # noqa: BLE001
        out["objects"] = type(exc).__name__
    out["checks"] = "workers" if ctx.settings.broker_url else "in-process"
    return out


@router.get("/healthz")
async def health() -> JSONResponse:
    """200 {"status": "ok", ...} when the database and the object store answer, else 503."""
    parts = await run_in_threadpool(_probe)
    ok = parts["database"] == "ok" and parts["objects"] == "ok"
    return JSONResponse({"status": "ok" if ok else "unavailable", **parts}, status_code=200 if ok else 503)
