"""Accounts, roles, CSRF, and audited clerk overrides and reviewer decisions (no browser)."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from tests.helpers.pdfs import make_pdf


@pytest.fixture
def client(home, monkeypatch):
    from yichuang.service import jobs

    monkeypatch.setenv("YICHUANG_OCR_ENGINE", "fake")  # text-layer PDFs and blank photos: no OCR needed
    from yichuang.service.web import create_app
    from yichuang.storage.accounts import AccountStore

    with TestClient(create_app()) as c:
        accounts = AccountStore(jobs.context().settings.database_url)
        accounts.add_user("clerk1", "clerk", "password-123")
        accounts.add_user("rev1", "reviewer", "password-456")
        yield c


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client, user, password):
    page = client.get("/login")
    return client.post("/login", data={"username": user, "password": password, "csrf": _csrf(page.text),
                                       "next": "/"}, follow_redirects=False)


def test_wrong_password_and_forged_login_form_are_refused(client):
    assert "error=" in login(client, "clerk1", "nope").headers["location"]
    r = client.post("/login", data={"username": "clerk1", "password": "password-123", "csrf": "forged"},
                    follow_redirects=False)
    assert "error=" in r.headers["location"] and "yc_session" not in r.cookies


def test_roles_keep_clerks_and_reviewers_apart(client):
    assert client.get("/review", follow_redirects=False).headers["location"].startswith("/login")
    login(client, "clerk1", "password-123")
    assert client.get("/clerk").status_code == 200
    assert client.get("/review").status_code == 403


def test_clerk_override_is_applied_and_audited(client):
    from yichuang.service import jobs

    login(client, "clerk1", "password-123")
    page = client.get("/clerk")
    r = client.post("/clerk/cases", data={"matter": "dog_registration", "csrf": _csrf(page.text)},
                    follow_redirects=False)
    case_id = r.headers["location"].rsplit("/", 1)[1]
    csrf = _csrf(page.text)
    pdf = make_pdf([["犬主姓名：张三", "犬只品种：柯基犬"]])  # no title: the page is not recognised
    up = client.post(f"/api/cases/{case_id}/files", files=[("file", ("scan.pdf", pdf, "application/pdf"))],
                     headers={"X-CSRF-Token": csrf})
    sha = up.json()["files"][0]["sha256"]
    client.post(f"/api/cases/{case_id}/check", headers={"X-CSRF-Token": csrf})
    _wait(client, case_id, csrf)
    assert client.get(f"/api/cases/{case_id}/pages").json()["pages"][0]["material"] == "unknown"
    body = {"sha256": sha, "page": 1, "material": "dog_vaccination_cert"}
    assert client.post(f"/clerk/api/cases/{case_id}/override", json=body).status_code == 403  # no CSRF header
    assert client.post(f"/clerk/api/cases/{case_id}/override", json=body,
                       headers={"X-CSRF-Token": csrf}).status_code == 200
    client.post(f"/api/cases/{case_id}/check", headers={"X-CSRF-Token": csrf})
    result = _wait(client, case_id, csrf)
    vacc = next(m for m in result["materials"] if m["item"] == "vaccination")
    # the page now counts as the certificate; it prints no validity date, so a person checks it (never "present")
    assert vacc["documents"] == ["scan.pdf#1"] and result["documents"][0]["fields"]["owner_name"] == "张三"
    assert vacc["status"] == "needs_review" and any("有效期" in r for r in vacc["reasons"])
    trail = jobs.context().cases.audit_trail(case_id)
    change = next(a for a in trail if a.action == "override_material")
    assert change.actor == "clerk1" and change.detail["from"] == "unknown"
    assert change.detail["to"] == "dog_vaccination_cert"


def _wait(client, case_id, csrf, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        r = client.get(f"/api/cases/{case_id}/result")
        if r.status_code == 200:
            return r.json()
        time.sleep(0.2)
    raise TimeoutError


def test_reviewer_decision_is_audited_and_a_return_needs_a_reason(client):
    from yichuang.service import jobs
    from yichuang.storage.workflow import WorkflowStore

    case_id, token = jobs.context().cases.create(["dog_registration"], None, {}, actor="citizen")
    flows = WorkflowStore(jobs.context().settings.database_url)
    flows.transition(case_id, "accept", "clerk", "clerk1")
    flows.transition(case_id, "send_to_review", "clerk", "clerk1")
    login(client, "rev1", "password-456")
    csrf = _csrf(client.get(f"/review/cases/{case_id}").text)
    # an empty return comment is refused in place: back on the case page with the reason in Chinese
    r = client.post(f"/review/cases/{case_id}/decision", data={"decision": "returned", "comment": "", "csrf": csrf})
    assert r.status_code == 200 and "请填写退回理由" in r.text and flows.get(case_id).state == "reviewing"
    # a case never checked (未预审) is approved only with an explicit confirmation and a reason
    r = client.post(f"/review/cases/{case_id}/decision", data={"decision": "approved", "comment": "", "csrf": csrf})
    assert "审核通过前请勾选确认" in r.text and flows.get(case_id).state == "reviewing"
    client.post(f"/review/cases/{case_id}/decision", data={"decision": "returned", "comment": "缺少免疫证明",
                                                           "csrf": csrf})
    assert flows.get(case_id).state == "returned" and flows.get(case_id).comment == "缺少免疫证明"
    trail = jobs.context().cases.audit_trail(case_id)
    step = next(a for a in trail if a.action == "return")
    assert step.actor == "rev1" and step.detail == {"from": "reviewing", "to": "returned", "comment": "缺少免疫证明"}
    assert trail[-1].action == "review_returned"
    assert client.post(f"/review/cases/{case_id}/decision",
                       data={"decision": "approved", "comment": "", "csrf": "forged"}).status_code == 403
    # the return comment reaches the citizen's page
    client.cookies.clear()
    page = client.get(f"/c/{case_id}?t={token}").text
    assert "工作人员意见：缺少免疫证明" in page and "已退回" in page


def test_wrong_role_and_unknown_pages_are_chinese_pages(client):
    html = {"Accept": "text/html"}
    login(client, "clerk1", "password-123")
    r = client.get("/review", headers=html)
    assert r.status_code == 403 and "审核人员账号登录" in r.text
    r = client.get("/nope", headers=html)
    assert r.status_code == 404 and "找不到" in r.text


def test_remove_and_rotate_keep_the_stored_original_and_are_audited(client):
    import io

    from PIL import Image
    from yichuang.service import jobs

    login(client, "clerk1", "password-123")
    page = client.get("/clerk/new")
    csrf = _csrf(page.text)
    r = client.post("/clerk/cases", data={"matter": "dog_registration", "csrf": csrf}, follow_redirects=False)
    case_id = r.headers["location"].rsplit("/", 1)[1]
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buf, "JPEG")
    up = client.post(f"/api/cases/{case_id}/files", files=[("file", ("wide.jpg", buf.getvalue(), "image/jpeg"))],
                     headers={"X-CSRF-Token": csrf})
    sha = up.json()["files"][0]["sha256"]
    assert client.post(f"/cases/{case_id}/files/{sha}/rotate").status_code == 403  # no CSRF header
    r = client.post(f"/cases/{case_id}/files/{sha}/rotate", headers={"X-CSRF-Token": csrf})
    turned = r.json()["sha256"]
    ctx = jobs.context()
    pages = ctx.cases.pages(case_id)
    assert [(p.name, p.sha256) for p in pages] == [("wide-rotated.jpg", turned)]
    assert Image.open(io.BytesIO(ctx.runtime.store.get(turned))).size == (300, 400)  # a quarter turn
    assert ctx.runtime.store.get(sha)  # the original is still stored
    client.post(f"/cases/{case_id}/files/{turned}/remove", headers={"X-CSRF-Token": csrf})
    assert ctx.cases.pages(case_id) == []
    removed = [a.detail["name"] for a in ctx.cases.audit_trail(case_id) if a.action == "file_removed"]
    assert removed == ["wide.jpg", "wide-rotated.jpg"]
    for _ in range(100):  # a re-check the removal started may still be running
        view = client.get(f"/cases/{case_id}/view").json()
        if view["state"] != "running":
            break
        time.sleep(0.1)
    assert view["pages"] == [] and view["flow"]["state"] == "precheck"
    assert (view["blank"] or view["result"])["materials"]
    _settle(ctx, case_id)


def _settle(ctx, case_id, timeout=30):
    end = time.time() + timeout
    while ctx.cases.get(case_id).state == "running" and time.time() < end:
        time.sleep(0.1)


def test_a_case_under_review_cannot_be_changed_from_the_window(client):
    from yichuang.service import jobs
    from yichuang.storage.workflow import WorkflowStore

    login(client, "clerk1", "password-123")
    csrf = _csrf(client.get("/clerk/new").text)
    r = client.post("/clerk/cases", data={"matter": "dog_registration", "csrf": csrf}, follow_redirects=False)
    case_id = r.headers["location"].rsplit("/", 1)[1]
    pdf = make_pdf([["犬主姓名：张三"]])
    up = client.post(f"/api/cases/{case_id}/files", files=[("file", ("scan.pdf", pdf, "application/pdf"))],
                     headers={"X-CSRF-Token": csrf})
    sha = up.json()["files"][0]["sha256"]
    flows = WorkflowStore(jobs.context().settings.database_url)
    flows.transition(case_id, "accept", "clerk", "clerk1")
    flows.transition(case_id, "send_to_review", "clerk", "clerk1")
    h = {"X-CSRF-Token": csrf}
    assert client.post(f"/cases/{case_id}/files/{sha}/remove", headers=h).status_code == 409
    body = {"sha256": sha, "page": 1, "material": "dog_vaccination_cert"}
    assert client.post(f"/clerk/api/cases/{case_id}/override", json=body, headers=h).status_code == 409
    assert [p.sha256 for p in jobs.context().cases.pages(case_id)] == [sha]
    assert client.get(f"/cases/{case_id}/view").json()["locked"] is True


def test_the_reviewers_list_pages_with_links_and_keeps_its_filters(client):
    from yichuang.service import jobs

    cases = jobs.context().cases
    for _ in range(53):  # more than a page (50)
        case_id, _ = cases.create(["dog_registration"], None, {}, actor="clerk1")
        cases.set_state(case_id, "done", "complete")
    cases.create(["food_business_license"], None, {}, actor="clerk1")
    login(client, "rev1", "password-456")
    page = client.get("/review?state=&matter=dog_registration&verdict=complete")
    assert page.status_code == 200 and "第 1–50 件，共 53 件" in page.text and page.text.count("/review/cases/") == 50
    nxt = re.search(r'rel="next" href="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert "matter=dog_registration" in nxt and "verdict=complete" in nxt and "offset=50" in nxt
    second = client.get(nxt)
    assert "第 51–53 件，共 53 件" in second.text and second.text.count("/review/cases/") == 3
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text
    assert "共 0 件" in client.get("/review?state=&matter=dog_registration&verdict=incomplete").text
    assert client.get("/review?state=&since=2026-13-01").status_code == 400  # a bad day: said, not a 500
