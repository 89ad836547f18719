"""Issue 11's probe table, one test per row (API, and the CLI where it applies), on the embedded
default: local storage, SQLite, checks on a thread, the fake OCR engine (OCR is not the point)."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import os
import re
import stat
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tests.conftest import encode
from tests.helpers.api import open_case, wait_result
from tests.helpers.hostile import _pdf, _tiff, doc_image
from tests.helpers.pdfs import make_pdf
from tests.test_cli_ocr import run as run_cli

STAFF_PW = "Lantern-Harbour-42"


@pytest.fixture
def client(home, monkeypatch):
    monkeypatch.setenv("YICHUANG_OCR_ENGINE", "fake")
    monkeypatch.setenv("YICHUANG_MAX_CASE_PAGES", "60")
    from yichuang.service.web import create_app

    with TestClient(create_app()) as c:
        yield c


def _upload(client, case_id, headers, name, data, kind="application/octet-stream"):
    return client.post(f"/api/cases/{case_id}/files", files=[("file", (name, data, kind))], headers=headers)


def _zh(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _png(img: Image.Image) -> bytes:
    return encode(img, "PNG")


GOOD = _png(doc_image((900, 1200)))


def _staff(client, name="rev1", role="reviewer"):
    from yichuang.service import jobs
    from yichuang.storage.accounts import AccountStore

    AccountStore(jobs.context().settings.database_url).add_user(name, role, STAFF_PW)


def _login(client, user, password):
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"username": user, "password": password, "csrf": csrf, "next": "/"},
                       follow_redirects=False)


# ---- 1: tiny images and strips, 1-pt and 2000×5-pt PDF pages -----------------------------------

DEGENERATE = {
    "one.png": _png(Image.new("RGB", (1, 1))),
    "wide.png": _png(Image.new("L", (20000, 50), 255)),
    "tall.png": _png(Image.new("L", (50, 20000), 255)),
    "dot.pdf": _pdf([(1, 1)]),
    "sliver.pdf": _pdf([(2000, 5)]),
}


def test_row1_degenerate_pages_are_refused_and_the_case_still_checks(client):
    case_id, headers = open_case(client)
    for name, data in DEGENERATE.items():
        r = _upload(client, case_id, headers, name, data)
        assert r.status_code == 422, (name, r.text)
        err = r.json()["error"]
        assert err["code"] == "unreadable_page" and name in err["message"] and _zh(err["message"])
        assert "重新拍摄" in err["message"] or "重新" in err["message"]  # says what to do
    assert client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"] == []  # not recorded
    assert _upload(client, case_id, headers, "page.png", GOOD).status_code == 201
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
    assert wait_result(client, case_id, headers).status_code == 200  # the case is not poisoned


def test_row1_a_bad_frame_inside_a_file_marks_that_page_only(client):
    case_id, headers = open_case(client)
    tiff = _tiff([doc_image((900, 1200)), Image.new("RGB", (1, 1)), doc_image((900, 1200))])
    r = _upload(client, case_id, headers, "three.tif", tiff)
    assert r.status_code == 201 and r.json()["files"][0]["pages"] == 3
    assert [q["usable"] for q in r.json()["files"][0]["quality"]][1] is False
    client.post(f"/api/cases/{case_id}/check", headers=headers)
    result = wait_result(client, case_id, headers).json()
    assert [e["code"] for e in result["errors"]] == ["unreadable_page"]
    pages = client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"]
    assert [p["state"] for p in pages] == ["done", "failed", "done"]


def test_row1_degenerate_pages_on_the_cli(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in DEGENERATE.items():
        (folder / name).write_bytes(data)
    proc = run_cli(["ocr", str(folder)], tmp_path / "h", YICHUANG_OCR_ENGINE="fake")
    assert proc.returncode == 2, proc.stderr
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert len(lines) == len(DEGENERATE) and all(x.startswith("error: ") for x in lines), lines
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


# ---- 2: huge PDF pages: the render is clamped -------------------------------------------------

def test_row2_huge_pdf_pages_render_under_the_megapixel_cap(client):
    from yichuang.ingest import open_page
    from yichuang.ingest.limits import MAX_PAGE_MP

    for side in (5000, 14400):
        content = open_page(_pdf([(side, side)]), "application/pdf", 1)
        assert content.image is not None and content.width * content.height <= MAX_PAGE_MP * 1_000_000 * 1.01
    case_id, headers = open_case(client)
    assert _upload(client, case_id, headers, "poster.pdf", _pdf([(14400, 14400)])).status_code == 201
    sha = client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"][0]["sha256"]
    token = headers["Authorization"].split()[1]
    with __import__("concurrent.futures").futures.ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda _: client.get(f"/cases/{case_id}/pages/{sha}/1/image?t={token}"), range(4)))
    assert all(g.status_code == 200 for g in got)
    assert Image.open(io.BytesIO(got[0].content)).size[0] * Image.open(io.BytesIO(got[0].content)).size[1] \
        <= MAX_PAGE_MP * 1_000_000 * 1.01
    client.post(f"/api/cases/{case_id}/check", headers=headers)
    assert wait_result(client, case_id, headers).status_code == 200


def test_row2_frames_and_concurrent_decodes_are_capped():
    from yichuang.ingest import limits
    from yichuang.ingest.pages import _load_frame

    assert limits.DECODE_SLOTS >= 1
    inside, peak, lock = [0], [0], threading.Lock()
    real = limits._SLOTS

    class Counting:
        def acquire(self):
            real.acquire()
            with lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])

        def release(self):
            with lock:
                inside[0] -= 1
            real.release()

    limits._SLOTS = Counting()
    try:
        frames = [Image.open(io.BytesIO(encode(doc_image((2000, 2000)), "PNG"))) for _ in range(8)]
        threads = [threading.Thread(target=_load_frame, args=(f, "image/png")) for f in frames]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        limits._SLOTS = real
    assert 1 <= peak[0] <= limits.DECODE_SLOTS


# ---- 3: a many-frame TIFF, and decoding off the event loop ------------------------------------

def test_row3_many_big_frames_are_refused_from_the_headers(client):
    case_id, headers = open_case(client)
    tiff = _tiff([Image.new("1", (8000, 8000))] * 60, compression="group4")
    t = time.perf_counter()
    r = _upload(client, case_id, headers, "scan.tif", tiff)
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large" and _zh(r.json()["error"]["message"])
    assert time.perf_counter() - t < 10  # refused from the frame headers, not after decoding 60 frames


def test_row3_a_slow_decode_does_not_freeze_other_requests(client, monkeypatch):
    import yichuang.ingest.gate as gate_mod
    real = gate_mod.inspect_file
    entered, order = threading.Event(), []

    def slow(data):
        entered.set()
        time.sleep(2.0)
        return real(data)

    monkeypatch.setattr(gate_mod, "inspect_file", slow)
    other_id, other_h = open_case(client)
    case_id, headers = open_case(client)

    def upload():
        _upload(client, case_id, headers, "page.png", GOOD)
        order.append("upload")

    t = threading.Thread(target=upload)
    t.start()
    assert entered.wait(10)
    assert client.get(f"/api/cases/{other_id}/pages", headers=other_h).status_code == 200
    order.append("other")
    t.join()
    assert order == ["other", "upload"]  # the other request was answered while the decode ran


# ---- 4 and 5: request bodies limited while they stream ------------------------------------------

def _asgi(app, method, path, chunks, headers=()):
    """Drive the ASGI app directly: how many body chunks did it pull before answering?"""
    pulled, sent = [0], []
    total = len(chunks)

    async def receive():
        if pulled[0] < total:
            pulled[0] += 1
            return {"type": "http.request", "body": chunks[pulled[0] - 1], "more_body": pulled[0] < total}
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": [(k.encode(), v.encode()) for k, v in headers], "client": ("127.0.0.1", 5000),
             "server": ("testserver", 80), "scheme": "http", "http_version": "1.1", "root_path": ""}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), pulled[0]


class _Chunks:
    """1 GiB of one multipart file part as 1 MiB chunks, made only when pulled."""

    HEAD = (b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n'
            b"Content-Type: image/jpeg\r\n\r\n")

    def __init__(self, n: int, size: int = 1 << 20) -> None:
        self.n, self.chunk = n, b"\0" * size

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> bytes:
        return self.HEAD if i == 0 else self.chunk


def test_row4_a_1gib_upload_is_cut_off_at_the_limit(client, monkeypatch):
    monkeypatch.setenv("YICHUANG_MAX_REQUEST_MB", "8")
    from yichuang.service.web import create_app

    app = create_app()
    case_id, headers = open_case(client)
    path = f"/api/cases/{case_id}/files"
    ctype = ("content-type", "multipart/form-data; boundary=xyz")
    status, body, pulled = _asgi(app, "POST", path, _Chunks(1024), [ctype, headers_item(headers)])
    assert status == 413 and body["error"]["code"] == "request_too_large" and _zh(body["error"]["message"])
    assert pulled <= 9  # 8 MiB read, not 1 GiB spooled
    status, _, pulled = _asgi(app, "POST", path, _Chunks(1024),
                              [ctype, ("content-length", str(1 << 30)), headers_item(headers)])
    assert status == 413 and pulled == 0  # a declared size over the limit: refused before reading


def headers_item(headers: dict) -> tuple[str, str]:
    return ("authorization", headers["Authorization"])


def test_row5_oversized_json_and_lists_are_refused(client):
    big = {"matters": ["dog_registration"], "facts": {"x": "y" * (200 * 1024 * 1024 // 100)}}
    r = client.post("/api/cases", content=json.dumps(big), headers={"content-type": "application/json"})
    assert r.status_code == 413 and _zh(r.json()["error"]["message"])
    r = client.post("/api/cases", json={"matters": ["dog_registration"] * 200_000})
    assert r.status_code == 413
    r = client.post("/api/cases", json={"matters": ["dog_registration"] * 21})
    assert r.status_code == 422 and "matters" in r.json()["error"]["message"] and _zh(r.json()["error"]["message"])
    r = client.post("/api/cases", json={"matters": ["dog_registration"], "facts": {f"k{i}": "v" for i in range(51)}})
    assert r.status_code == 422


# ---- 6 and 7: refused files are not recorded, and leave no bytes behind -------------------------

def test_row6_truncated_files_are_not_recorded(client):
    from yichuang.service import jobs

    case_id, headers = open_case(client)
    jpeg, png = encode(doc_image(), "JPEG"), GOOD
    for name, data in (("cut.jpg", jpeg[: len(jpeg) // 2]), ("cut.png", png[: len(png) // 2])):
        r = _upload(client, case_id, headers, name, data)
        assert r.status_code == 422 and r.json()["error"]["code"] == "corrupt_file", r.text
        assert not jobs.context().runtime.store.exists(hashlib.sha256(data).hexdigest())
    assert client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"] == []


def test_row6_truncated_files_on_the_cli(tmp_path):
    jpeg = encode(doc_image(), "JPEG")
    (tmp_path / "cut.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    proc = run_cli(["ocr", "--json", str(tmp_path / "cut.jpg")], tmp_path / "h", YICHUANG_OCR_ENGINE="fake")
    assert proc.returncode == 2 and json.loads(proc.stdout)["error"]["code"] == "corrupt_file"
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not list((tmp_path / "h" / "objects").glob("??/??/*"))  # refused: nothing stored


def test_row7_a_pdf_over_the_page_limit_leaves_no_bytes(client, monkeypatch):
    from yichuang.service import jobs

    from tests.helpers.settings import override

    override(monkeypatch, max_case_pages=2)
    case_id, headers = open_case(client)
    pdf = make_pdf([["一"], ["二"], ["三"]])
    r = _upload(client, case_id, headers, "three.pdf", pdf, "application/pdf")
    assert r.status_code == 413 and "超过 2 页" in r.json()["error"]["message"]
    assert not jobs.context().runtime.store.exists(hashlib.sha256(pdf).hexdigest())  # no orphan


# ---- 8 and 9: one check per case -----------------------------------------------------------------
# (the race — an upload during a running check — is tests/test_hardening_race.py)

def test_row9_repeated_check_posts_join_the_running_one(client, monkeypatch):
    from yichuang.extractors.ocr.fake import FakeEngine
    from yichuang.service import jobs

    gate = threading.Event()
    monkeypatch.setattr(FakeEngine, "script", staticmethod(lambda img: (gate.wait(20), [])[1]))
    case_id, headers = open_case(client)
    assert _upload(client, case_id, headers, "page.png", GOOD).status_code == 201
    before = threading.active_count()
    codes = [client.post(f"/api/cases/{case_id}/check", headers=headers).status_code for _ in range(20)]
    assert codes == [202] * 20
    assert threading.active_count() <= before + 1  # one runner, not twenty
    gate.set()
    assert wait_result(client, case_id, headers).status_code == 200
    modes = [a.detail["mode"] for a in jobs.context().cases.audit_trail(case_id) if a.action == "check_requested"]
    assert modes.count("started") == 1 and modes.count("joined") == 19
    assert [a.action for a in jobs.context().cases.audit_trail(case_id)].count("checked") == 1  # one result


# ---- 10 and 11: staff accounts -----------------------------------------------------------------

def test_row10_lockout_audit_policy_and_revocation(client, monkeypatch):
    from yichuang.service import jobs
    from yichuang.storage.accounts import AccountStore

    from yichuang.errors import UsageError

    accounts = AccountStore(jobs.context().settings.database_url)
    LOCKOUT_AFTER = jobs.context().settings.lockout_after  # noqa: N806 - Settings.lockout_after (5)
    for weak in ("12345678", "password123", "1234567890", "aaaaaaaaaaaa", "rev1-secret-x"):
        with pytest.raises(UsageError):
            accounts.add_user("rev1", "reviewer", weak)
    _staff(client)
    assert _login(client, "rev1", STAFF_PW).headers["location"] == "/"
    old_session = client.cookies.get("yc_session")
    client.cookies.clear()
    for n in range(1, LOCKOUT_AFTER + 1):
        where = _login(client, "rev1", "wrong-password-x").headers["location"]
        assert ("error=locked" if n == LOCKOUT_AFTER else "error=bad_credentials") in where
    r = _login(client, "rev1", STAFF_PW)  # the right password, but locked for a while
    assert "error=locked" in r.headers["location"] and "yc_session" not in r.cookies
    failed = [a for a in _audit(accounts) if a[1] == "login_failed"]
    assert len(failed) == LOCKOUT_AFTER + 1 and all(a[0] == "rev1" for a in failed)
    # an admin resets the password: the lock lifts and the old session no longer opens anything
    accounts.add_user("rev1", "reviewer", "Another-Long-Phrase-7")
    assert accounts.session(old_session) is None
    assert _login(client, "rev1", "Another-Long-Phrase-7").headers["location"] == "/"
    sid = client.cookies.get("yc_session")
    accounts.add_user("rev1", "clerk", "Another-Long-Phrase-7")  # a role change ends the sessions too
    assert accounts.session(sid) is None
    _login(client, "rev1", "Another-Long-Phrase-7")
    sid = client.cookies.get("yc_session")
    accounts.set_disabled("rev1", True)
    assert accounts.session(sid) is None
    assert "error=disabled" in _login(client, "rev1", "Another-Long-Phrase-7").headers["location"]


def test_row10_secure_cookie_setting(client, monkeypatch):
    _staff(client)
    assert "secure" not in _login(client, "rev1", STAFF_PW).headers["set-cookie"].lower()
    from tests.helpers.settings import override

    override(monkeypatch, cookie_secure=True)  # behind HTTPS: a Secure cookie is never sent over http
    assert "error=expired" in _login(client, "rev1", STAFF_PW).headers["location"]
    https = TestClient(client.app, base_url="https://testserver")
    cookie = _login(https, "rev1", STAFF_PW).headers["set-cookie"].lower()
    assert "yc_session=" in cookie and "secure" in cookie and "httponly" in cookie


def _audit(accounts):
    from sqlalchemy import select
    from sqlalchemy.orm import Session
    from yichuang.storage.db import AuditRow

    with Session(accounts.engine) as s:
        return [(r.actor, r.action) for r in s.scalars(select(AuditRow).order_by(AuditRow.id))]


def test_row10_logins_are_throttled_per_client(client):
    _staff(client)
    codes = [_login(client, "rev1", "wrong-password-x").status_code for _ in range(25)]
    assert 429 in codes and codes.index(429) >= 20  # 20 a minute by default


def test_row10_idle_sessions_end(client, monkeypatch):
    import yichuang.storage.accounts as acc
    from yichuang.service import jobs

    _staff(client)
    _login(client, "rev1", STAFF_PW)
    sid = client.cookies.get("yc_session")
    accounts = acc.AccountStore(jobs.context().settings.database_url)
    assert accounts.session(sid) is not None
    monkeypatch.setattr(accounts, "settings", accounts.settings.model_copy(update={"idle_minutes": 0}))
    monkeypatch.setattr(acc, "SEEN_EVERY", acc.timedelta(0))
    time.sleep(0.05)
    assert accounts.session(sid) is None


def test_row10_user_disable_and_remove_on_the_cli(tmp_path):
    home = tmp_path / "h"
    import subprocess
    import sys

    def cli(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "yichuang.service.cli", *args], input=stdin, capture_output=True,
                              text=True, env={**os.environ, "YICHUANG_HOME": str(home)}, timeout=120)

    weak = cli("user", "add", "clerk9", "--role", "clerk", "--password-stdin", stdin="12345678\n")
    assert weak.returncode == 2 and len(weak.stderr.strip().splitlines()) == 1 and _zh(weak.stderr)
    assert cli("user", "add", "clerk9", "--role", "clerk", "--password-stdin", stdin=STAFF_PW + "\n").returncode == 0
    assert cli("user", "disable", "clerk9").returncode == 0
    listed = json.loads(cli("user", "list", "--json").stdout)["users"]
    assert listed == [{"name": "clerk9", "role": "clerk", "disabled": True, "locked_until": None}]
    assert cli("user", "remove", "clerk9").returncode == 0
    gone = cli("user", "disable", "clerk9")
    assert gone.returncode == 2 and "Traceback" not in gone.stderr


def test_row11_session_ids_are_hashed_and_files_are_private(client, home):
    from sqlalchemy import select
    from sqlalchemy.orm import Session
    from yichuang.service import jobs
    from yichuang.storage.db import WebSessionRow, make_engine

    _staff(client)
    _login(client, "rev1", STAFF_PW)
    sid = client.cookies.get("yc_session")
    with Session(make_engine(jobs.context().settings.database_url)) as s:
        ids = list(s.scalars(select(WebSessionRow.id)))
    assert sid not in ids and hashlib.sha256(sid.encode()).hexdigest() in ids
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "yichuang.db").stat().st_mode) == 0o600


def test_row11_an_existing_open_home_is_tightened(tmp_path, monkeypatch):
    from yichuang.pipeline import open_runtime

    home = tmp_path / "open-home"
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    monkeypatch.setenv("YICHUANG_HOME", str(home))
    for var in ("YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    open_runtime()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


# ---- 12 and 13: headers and tokens -------------------------------------------------------------

INLINE = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+\s*=|\sstyle\s*=", re.I)


def test_row12_headers_no_inline_script_and_no_cdn_docs(client):
    _staff(client)
    case_id, headers = open_case(client)
    token = headers["Authorization"].split()[1]
    pages = ["/login", "/citizen", f"/c/{case_id}?t={token}"]
    for path in pages:
        r = client.get(path)
        assert r.status_code == 200, path
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer" and r.headers["cache-control"] == "no-store"
        assert not INLINE.search(r.text), (path, INLINE.search(r.text).group(0))
    _login(client, "rev1", STAFF_PW)
    for path in ("/review", f"/review/cases/{case_id}"):
        r = client.get(path)
        assert r.status_code == 200 and not INLINE.search(r.text), path
    for template in (Path(__file__).parents[1] / "service" / "templates").glob("*.html"):
        assert not INLINE.search(template.read_text()), template.name
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200


def test_row13_tokens_expire_revoke_and_travel_in_a_cookie(client, monkeypatch):
    from tests.helpers.settings import override

    case_id, headers = open_case(client)
    r = client.get(f"/api/cases/{case_id}/pages", headers=headers)
    assert r.headers["cache-control"] == "no-store"
    token = headers["Authorization"].split()[1]
    client.get(f"/c/{case_id}?t={token}")  # the citizen link sets an HttpOnly, SameSite=Strict cookie
    assert client.get(f"/api/cases/{case_id}/pages").status_code == 200  # no token in the URL or a header
    assert client.get(f"/c/{case_id}").status_code == 200
    client.cookies.clear()
    assert client.post(f"/api/cases/{case_id}/token/revoke", headers=headers).status_code == 200
    r = client.get(f"/api/cases/{case_id}/pages", headers=headers)
    assert r.status_code == 401 and _zh(r.json()["error"]["message"])
    # staff issue a new link; it expires after TOKEN_DAYS
    _staff(client, "clerk1", "clerk")
    _login(client, "clerk1", STAFF_PW)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/clerk").text).group(1)
    r = client.post(f"/api/cases/{case_id}/token", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201
    fresh = {"Authorization": f"Bearer {r.json()['upload_token']}"}
    client.cookies.clear()
    assert client.get(f"/api/cases/{case_id}/pages", headers=fresh).status_code == 200
    assert client.post(f"/api/cases/{case_id}/token", headers=fresh).status_code == 403  # citizens cannot
    override(monkeypatch, case_token_days=-1)
    new_case, new_h = open_case(client)
    r = client.get(f"/api/cases/{new_case}/pages", headers=new_h)
    assert r.status_code == 401 and "过期" in r.json()["error"]["message"]


# ---- 14: names and field lengths that match the columns ----------------------------------------

def test_row14_nul_and_long_names_and_long_field_names(client):
    case_id, headers = open_case(client)
    r = _upload(client, case_id, headers, "a\0b" + "长" * 600 + ".png", GOOD)
    assert r.status_code == 201
    name = r.json()["files"][0]["name"]
    assert "\0" not in name and len(name) <= 200 and name.endswith(".png")
    r = client.post("/api/cases", json={"matters": ["x" * 65]})
    assert r.status_code == 422
    r = client.post("/api/cases", json={"matters": ["dog_registration"], "facts": {"k" * 65: "v"}})
    assert r.status_code == 422
    _staff(client, "clerk1", "clerk")
    _login(client, "clerk1", STAFF_PW)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/clerk").text).group(1)
    sha = client.get(f"/api/cases/{case_id}/pages").json()["pages"][0]["sha256"]
    r = client.post(f"/clerk/api/cases/{case_id}/override", json={"sha256": sha, "page": 1, "field": "f" * 65,
                                                                  "value": "v"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_request"


# ---- 15: a decided case is locked -------------------------------------------------------------

def test_row15_a_decided_case_is_locked(client):
    from yichuang.service import jobs
    from yichuang.storage.cases import case_is_locked

    case_id, headers = open_case(client)
    assert _upload(client, case_id, headers, "page.png", GOOD).status_code == 201
    client.post(f"/api/cases/{case_id}/check", headers=headers)
    assert wait_result(client, case_id, headers).status_code == 200
    sha = client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"][0]["sha256"]
    ctx = jobs.context()
    ctx.cases.review(case_id, "rev1", "approved", "")
    assert case_is_locked(ctx.cases.get(case_id))
    before = ctx.cases.get(case_id)
    other = _png(doc_image((1000, 1300)))
    for r in (_upload(client, case_id, headers, "late.png", other),
              client.post(f"/api/cases/{case_id}/check", headers=headers),
              client.delete(f"/api/cases/{case_id}/files/{sha}", headers=headers)):
        assert r.status_code == 409 and r.json()["error"]["code"] == "case_locked" and _zh(r.json()["error"]["message"])
    after = ctx.cases.get(case_id)
    assert (after.state, after.verdict, after.generation) == (before.state, before.verdict, before.generation)
    assert not ctx.runtime.store.exists(hashlib.sha256(other).hexdigest())


# ---- 16: the login page shows fixed messages only ----------------------------------------------

def test_row16_login_error_does_not_echo_text(client):
    r = client.get("/login", params={"error": "<b>请拨打 400-000 领取补贴</b>"})
    assert "400-000" not in r.text and "领取补贴" not in r.text
    assert "用户名或密码不对" in client.get("/login?error=bad_credentials").text


# ---- removal ----------------------------------------------------------------------------------

def test_a_file_can_be_removed_audited_and_uploaded_again(client):
    from yichuang.service import jobs

    case_id, headers = open_case(client)
    other = _png(doc_image((1000, 1300)))
    for name, data in (("a.png", GOOD), ("b.png", other)):
        assert _upload(client, case_id, headers, name, data).status_code == 201
    sha = hashlib.sha256(GOOD).hexdigest()
    r = client.delete(f"/api/cases/{case_id}/files/{sha}", headers=headers)
    assert r.status_code == 200 and r.json()["pages"] == 1
    assert [p["name"] for p in client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"]] == ["b.png"]
    trail = jobs.context().cases.audit_trail(case_id)
    assert trail[-1].action == "file_removed" and trail[-1].detail["name"] == "a.png"
    assert jobs.context().runtime.store.exists(sha)  # the original stays for the record
    assert client.delete(f"/api/cases/{case_id}/files/{sha}", headers=headers).status_code == 404
    assert _upload(client, case_id, headers, "a.png", GOOD).status_code == 201
    assert len(client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"]) == 2
