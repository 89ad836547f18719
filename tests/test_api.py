"""The HTTP API on the embedded default (local storage, SQLite, checks on a thread)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.helpers.pdfs import make_pdf


@pytest.fixture
def client(home, monkeypatch):
    monkeypatch.setenv("YICHUANG_MAX_CASE_PAGES", "60")
    from yichuang.service.web import create_app

    with TestClient(create_app()) as c:
        yield c


def _case(client, matters=("dog_registration",)):
    r = client.post("/api/cases", json={"matters": list(matters), "as_of": "2026-11-23"})
    assert r.status_code == 201
    body = r.json()
    return body["id"], {"Authorization": f"Bearer {body['upload_token']}"}


def _dog_pdfs():
    from tests.checkhelp import ZHANG

    return [("file", ("form.pdf", make_pdf([["养犬登记申请表", "犬主姓名：张三", f"身份证号码：{ZHANG}", "犬只品种：柯基犬"]]),
                      "application/pdf")),
            ("file", ("id.pdf", make_pdf([["姓名 张三", "性别 男 民族 汉", "出生 1990年3月7日", f"公民身份号码 {ZHANG}"],
                                          ["中华人民共和国", "居民身份证", "签发机关 北京市公安局朝阳分局",
                                           "有效期限 2020.05.01-2040.05.01"]]), "application/pdf"))]


def _wait(client, case_id, headers, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        r = client.get(f"/api/cases/{case_id}/result", headers=headers)
        if r.status_code != 202:
            return r
        assert set(r.json()) == {"state", "done_pages", "pages"}
        time.sleep(0.3)
    raise TimeoutError


def test_full_flow_create_upload_check_result(client):
    case_id, headers = _case(client)
    r = client.post(f"/api/cases/{case_id}/files", files=_dog_pdfs(), headers=headers)
    assert r.status_code == 201
    assert [(f["name"], f["pages"]) for f in r.json()["files"]] == [("form.pdf", 1), ("id.pdf", 2)]
    assert client.get(f"/api/cases/{case_id}/result", headers=headers).json()["error"]["code"] == "not_checked"
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
    r = _wait(client, case_id, headers)
    assert r.status_code == 200
    result = r.json()
    assert result["schema"] == "yichuang.check/1" and result["verdict"] == "incomplete"  # no vaccination proof
    vacc = next(m for m in result["materials"] if m["item"] == "vaccination")
    assert vacc["status"] == "missing"
    assert [d["source"] for d in result["documents"]] == ["form.pdf", "id.pdf", "id.pdf"]


def test_a_token_opens_its_own_case_only(client):
    case_a, headers_a = _case(client)
    case_b, _ = _case(client)
    assert client.get(f"/api/cases/{case_b}/result", headers=headers_a).status_code == 403
    assert client.post(f"/api/cases/{case_b}/files", files=_dog_pdfs()[:1], headers=headers_a).status_code == 403
    r = client.get(f"/api/cases/{case_a}/result")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"


def test_errors_are_json_with_a_stable_code(client):
    r = client.post("/api/cases", json={"matters": ["fishing"]})
    assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_matter"
    r = client.post("/api/cases", json={"matters": []})
    assert r.status_code == 422 and r.json()["error"]["code"] == "bad_request"
    r = client.post("/api/cases", json={"matters": ["dog_registration"], "as_of": "yesterday"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["error"]["message"]


def test_bad_upload_is_refused_with_what_to_do_and_earlier_files_kept(client):
    case_id, headers = _case(client)
    files = [_dog_pdfs()[0], ("file", ("notes.jpg", "这不是照片".encode(), "image/jpeg"))]
    r = client.post(f"/api/cases/{case_id}/files", files=files, headers=headers)
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported_type"
    assert "notes.jpg" in r.json()["error"]["message"] and r.json()["files"][0]["name"] == "form.pdf"
    from yichuang.service import jobs

    assert [p.name for p in jobs.context().cases.pages(case_id)] == ["form.pdf"]  # nothing stored is lost


def test_upload_limits(client, monkeypatch):
    from tests.helpers.settings import override

    case_id, headers = _case(client)
    override(monkeypatch, max_upload_mb=0)
    r = client.post(f"/api/cases/{case_id}/files", files=_dog_pdfs()[:1], headers=headers)
    assert r.status_code == 413 and "超过 0 MB" in r.json()["error"]["message"]
    override(monkeypatch, max_upload_mb=25, max_case_pages=2)
    r = client.post(f"/api/cases/{case_id}/files", files=_dog_pdfs(), headers=headers)
    assert r.status_code == 413 and "超过 2 页" in r.json()["error"]["message"]


def test_openapi_lists_the_contract_calls(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/cases", "/api/cases/{case_id}/files", "/api/cases/{case_id}/check",
            "/api/cases/{case_id}/result"} <= set(paths)


def test_health_names_the_database_and_the_object_store(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok", "database": "ok", "objects": "ok",
                                                 "checks": "in-process"}


def test_web_py_only_assembles_the_app():
    """Routes live in service/routers/ (one module per user); web.py declares none."""
    from pathlib import Path

    service = Path(__file__).resolve().parents[1] / "service"
    text = (service / "web.py").read_text(encoding="utf-8")
    assert "@app.get" not in text and "@app.post" not in text and "@app.delete" not in text
    assert {p.stem for p in (service / "routers").glob("*.py")} >= {"api", "auth", "case_pages", "citizen", "clerk",
                                                                     "ops", "reviewer", "session"}
    for name in ("pages.py", "followup_web.py"):
        assert "@router." not in (service / name).read_text(encoding="utf-8"), name
