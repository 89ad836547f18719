"""What every response and request passes through: security headers, request-size limits enforced
while the body streams in (a 1 GiB upload is cut off at the limit, not spooled first), and rate
limits per client and per case token on case creation, uploads, checks and logins.

A plain ASGI middleware, so it sees the bytes before Starlette parses or spools anything.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from yichuang.config import Settings, load_settings

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(self), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
NO_STORE = (b"cache-control", b"no-store")  # every page and API answer may carry personal data


def cookie_secure(settings: Settings | None = None) -> bool:
    """`Secure` on every cookie (set YICHUANG_COOKIE_SECURE=1 behind HTTPS)."""
    return (settings or load_settings()).cookie_secure


@dataclass(frozen=True)
class RequestLimits:
    upload_mb: int  # one file
    request_mb: int  # one upload request (all its files)
    files_per_request: int
    body_kb: int  # any other request body (JSON, forms)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> RequestLimits:
        s = settings or load_settings()
        return cls(upload_mb=s.max_upload_mb, request_mb=s.max_request_mb or max(100, 2 * s.max_upload_mb),
                   files_per_request=s.max_files_per_request, body_kb=s.max_body_kb)


# ---- rate limits ------------------------------------------------------------------------------

_UPLOAD = re.compile(r"^/api/cases/[^/]+/files/?$")
_CHECK = re.compile(r"^/api/cases/[^/]+/check/?$")
RULES: tuple[str, ...] = ("create", "upload", "check", "login")  # Settings.rate_<rule>: "N/period"
RULE_ZH = {"create": "新建办件", "upload": "上传材料", "check": "预审", "login": "登录"}


def rule_of(method: str, path: str) -> str | None:
    if method != "POST":
        return None
    if path in ("/api/cases", "/api/cases/", "/citizen/cases", "/clerk/cases"):
        return "create"
    if _UPLOAD.match(path):
        return "upload"
    if _CHECK.match(path):
        return "check"
    if path == "/login":
        return "login"
    return None


def parse_rate(text: str) -> tuple[int, float]:
    """"30/min" → (30, 60.0); also /s, /hour."""
    count, _, per = text.partition("/")
    seconds = {"s": 1.0, "sec": 1.0, "min": 60.0, "m": 60.0, "hour": 3600.0, "h": 3600.0}.get(per.strip() or "min")
    if seconds is None or not count.strip().isdigit():
        raise ValueError(f"a rate is N/s, N/min or N/hour, not {text!r}")
    return int(count), seconds


@dataclass
class RateLimiter:
    """Token buckets per (rule, who): `capacity` requests, refilled evenly over `period`."""

    rates: dict[str, tuple[int, float]]
    max_keys: int = 20_000
    _buckets: OrderedDict[tuple[str, str], tuple[float, float]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> RateLimiter:
        """The rates of YICHUANG_RATE_* (a malformed one fails when the settings load, in Chinese)."""
        s = settings or load_settings()
        return cls({rule: parse_rate(getattr(s, f"rate_{rule}")) for rule in RULES})

    def hit(self, rule: str, who: str, now: float | None = None) -> float:
        """Take one request from the bucket; 0 when allowed, else the seconds until one is free."""
        capacity, period = self.rates[rule]
        now = time.monotonic() if now is None else now
        key = (rule, who)
        with self._lock:
            tokens, last = self._buckets.pop(key, (float(capacity), now))
            tokens = min(float(capacity), tokens + (now - last) * capacity / period)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) * period / capacity
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return wait


# ---- the middleware ---------------------------------------------------------------------------

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


def _json_error(status: int, code: str, message: str, extra_headers: list[tuple[bytes, bytes]] | None = None):
    body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               *HEADERS, NO_STORE, *(extra_headers or [])]
    return ({"type": "http.response.start", "status": status, "headers": headers},
            {"type": "http.response.body", "body": body})


def _bearer(headers: dict[bytes, bytes]) -> str | None:
    auth = headers.get(b"authorization", b"").decode("latin-1")
    return auth[7:].strip() or None if auth.lower().startswith("bearer ") else None


class Guard:
    """Headers on every response; size limits while the body streams; rate limits before the app."""

    def __init__(self, app, limits: RequestLimits | None = None, limiter: RateLimiter | None = None,
                 settings: Settings | None = None) -> None:
        self.app = app
        settings = settings or (load_settings() if limits is None or limiter is None else None)
        self.limits = limits or RequestLimits.from_settings(settings)
        self.limiter = limiter or RateLimiter.from_settings(settings)

    def body_limit(self, method: str, path: str) -> int:
        if method == "POST" and _UPLOAD.match(path):
            return self.limits.request_mb * 1024 * 1024
        return self.limits.body_kb * 1024

    def _too_large_message(self, path: str) -> str:
        if _UPLOAD.match(path):
            return (f"一次上传的内容超过 {self.limits.request_mb} MB（每个文件最多 {self.limits.upload_mb} MB）："
                    "请分几次上传，或把照片、扫描件调小后再传")
        return f"请求内容超过 {self.limits.body_kb} KB：请减少填写的内容后再提交"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        headers = dict(scope.get("headers") or [])
        static = path.startswith("/static/")

        if rule := rule_of(method, path):
            client = (scope.get("client") or ("?", 0))[0]
            waits = [self.limiter.hit(rule, f"ip:{client}")]
            if token := _bearer(headers):
                waits.append(self.limiter.hit(rule, f"token:{token}"))
            if (wait := max(waits)) > 0:
                seconds = max(1, int(wait + 0.999))
                for msg in _json_error(429, "rate_limited", f"{RULE_ZH[rule]}太频繁：请 {seconds} 秒后再试",
                                       [(b"retry-after", str(seconds).encode())]):
                    await send(msg)
                return

        limit = self.body_limit(method, path)
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            for msg in _json_error(413, "request_too_large", self._too_large_message(path)):
                await send(msg)
            return

        state = {"received": 0, "over": False, "started": False}

        async def guarded_receive() -> dict:
            if state["over"]:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:  # stop reading: the app sees a disconnect, the client a 413
                    state["over"] = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict) -> None:
            if state["over"]:
                if message["type"] == "http.response.start" and not state["started"]:
                    state["started"] = True
                    for msg in _json_error(413, "request_too_large", self._too_large_message(path)):
                        await send(msg)
                return  # whatever the app answered to the cut-off body is dropped
            if message["type"] == "http.response.start":
                state["started"] = True
                extra = [h for h in message.get("headers", []) if h[0].lower() not in
                         {k for k, _ in HEADERS} | ({b"cache-control"} if not static else set())]
                message = {**message, "headers": [*extra, *HEADERS, *([] if static else [NO_STORE])]}
            await send(message)

        await self.app(scope, guarded_receive, guarded_send)
        if state["over"] and not state["started"]:
            for msg in _json_error(413, "request_too_large", self._too_large_message(path)):
                await send(msg)


def limit_malloc_arenas(arenas: int | None = None) -> bool:
    """Fewer glibc malloc arenas for the server: with one arena per request thread, the memory of
    decoded pages stays fragmented and resident (peak RSS ~1.7× higher, bench/server_load.py).
    YICHUANG_MALLOC_ARENAS (default 2; 0 leaves glibc's default). False where not glibc."""
    import ctypes
    import ctypes.util

    n = arenas if arenas is not None else load_settings().malloc_arenas
    if n <= 0 or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(-8, n))  # M_ARENA_MAX
    except (OSError, AttributeError):
        return False


def csrf_ok(expected: str, given: str | None) -> bool:
    """A CSRF token check in constant time (never ``==``: timing would leak the token)."""
    import hmac

    return bool(expected) and hmac.compare_digest(expected.encode(), (given or "").encode())
