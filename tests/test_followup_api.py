"""The follow-up over HTTP: a citizen's supplement with the case link, the case's follow-up, the clerk's
acceptance and overdue page, revoking a reuse (text-layer PDFs, checks on a thread, no OCR)."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from tests.test_followup import FIRST, form_pdf, lease_pdf, vacc_pdf


@pytest.fixture
def client(home):
    from yichuang.service import jobs
    from yichuang.service.web import create_app
    from yichuang.storage.accounts import AccountStore

    with TestClient(create_app()) as c:
        AccountStore(jobs.context().settings.database_url).add_user("clerk1", "clerk", "password-123")
        yield c


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _login(client) -> str:
    page = client.get("/login")
    client.post("/login", data={"username": "clerk1", "password": "password-123", "csrf": _csrf(page.text),
                                "next": "/"}, follow_redirects=False)
    return _csrf(client.get("/clerk").text)


def _wait(client, case_id, headers, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        r = client.get(f"/api/cases/{case_id}/result", headers=headers)
        if r.status_code == 200:
            return r.json()
        assert r.status_code in (202, 409), r.text
        time.sleep(0.2)
    raise TimeoutError


def _files(files: dict[str, bytes]):
    return [("file", (name, data, "application/pdf")) for name, data in files.items()]


def _new_case(client, as_of, files):
    r = client.post("/api/cases", json={"matters": ["dog_registration"], "as_of": as_of})
    body = r.json()
    headers = {"Authorization": f"Bearer {body['upload_token']}"}
    assert client.post(f"/api/cases/{body['id']}/files", files=_files(files), headers=headers).status_code == 201
    assert client.post(f"/api/cases/{body['id']}/check", headers=headers).status_code == 202
    return body["id"], headers


def _item(result, item):
    return next(m for m in result["materials"] if m["item"] == item)


def test_a_citizen_supplements_with_the_case_link(client):
    from datetime import date

    from yichuang.checkers.deadlines import add_working_days, default_calendar

    today = date.today()
    case_id, headers = _new_case(client, None, FIRST)
    first = _wait(client, case_id, headers)
    residence = _item(first, "residence proof")
    expected = add_working_days(default_calendar(), today, 10)
    assert first["verdict"] == "accept_with_tolerance" and residence["deadline"] == expected.on.isoformat()
    assert residence["deadline_text"] == f"{expected.on.year}年{expected.on.month}月{expected.on.day}日"

    # a citizen cannot back-date a supplement
    r = client.post(f"/api/cases/{case_id}/supplements", files=_files({"lease.pdf": lease_pdf()}),
                    data={"received_on": "2026-01-01"}, headers=headers)
    assert r.status_code == 403 and r.json()["error"]["code"]
    r = client.post(f"/api/cases/{case_id}/supplements", files=_files({"lease.pdf": lease_pdf()}), headers=headers)
    assert r.status_code == 201, r.text
    second = _wait(client, case_id, headers)
    residence = _item(second, "residence proof")
    assert second["verdict"] == "complete"
    assert (residence["status"], residence["arrived_on"], residence["late"]) == ("present", today.isoformat(), False)

    f = client.get(f"/api/cases/{case_id}/followup", headers=headers).json()
    assert f["promises"][0]["fulfilled_on"] == today.isoformat() and f["supplements"][0]["name"] == "lease.pdf"
    assert {"tolerance_promised", "supplement_uploaded", "supplement_received"} <= {a["action"] for a in f["audit"]}
    other, other_headers = _new_case(client, None, FIRST)
    assert client.get(f"/api/cases/{case_id}/followup", headers=other_headers).status_code == 403
    _wait(client, other, other_headers)


def test_the_clerk_accepts_the_overdue_page_lists_and_a_reuse_is_revoked(client):
    late_case, late_headers = _new_case(client, "2026-11-09", FIRST)
    _wait(client, late_case, late_headers)
    assert client.get("/api/followup").status_code == 403  # staff only
    csrf = _login(client)
    due = client.get("/api/followup", params={"as_of": "2026-12-07", "due_within": 0}).json()
    assert [(c["case"], c["state"], c["days_left"]) for c in due["cases"]] == [(late_case, "overdue", -10)]
    page = client.get("/clerk/followup", params={"as_of": "2026-12-07"})
    assert page.status_code == 200 and "已逾期" in page.text and late_case[:8] in page.text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text) and "style=" not in page.text  # no inline script

    full, full_headers = _new_case(client, "2026-11-02", {**FIRST, "4-lease.pdf": lease_pdf()})
    assert _wait(client, full, full_headers)["verdict"] == "complete"
    assert client.post(f"/api/cases/{full}/accept").status_code == 403  # no CSRF header
    r = client.post(f"/api/cases/{full}/accept", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["archived"] == 2  # the ID card and the lease (not the form)

    again, again_headers = _new_case(client, "2026-11-23", {"1-form.pdf": form_pdf(), "3-vacc.pdf": vacc_pdf()})
    result = _wait(client, again, again_headers)
    owner = _item(result, "owner's ID")
    assert result["verdict"] == "complete" and owner["status"] == "reused" and owner["reused_from"]["case"] == full
    page = client.get(f"/clerk/cases/{again}/followup")
    assert "撤销复用" in page.text and "存档" in page.text

    r = client.post(f"/clerk/cases/{again}/reuse/{owner['reused_from']['record']}/revoke",
                    data={"csrf": csrf, "reason": "证件已挂失"}, follow_redirects=False)
    assert r.status_code == 303
    time.sleep(0.2)
    result = _wait(client, again, again_headers)
    assert _item(result, "owner's ID")["status"] == "missing" and result["verdict"] == "incomplete"
    trail = client.get(f"/api/cases/{again}/followup", headers=again_headers).json()["audit"]
    revoked = next(a for a in trail if a["action"] == "reuse_revoked")
    assert revoked["detail"]["reason"] == "证件已挂失" and "********" in revoked["detail"]["holder"]


def test_a_file_uploaded_the_ordinary_way_after_the_promise_counts_as_a_supplement(client):
    from datetime import date

    case_id, headers = _new_case(client, None, FIRST)
    assert _wait(client, case_id, headers)["verdict"] == "accept_with_tolerance"
    time.sleep(0.05)
    assert client.post(f"/api/cases/{case_id}/files", files=_files({"lease.pdf": lease_pdf()}),
                       headers=headers).status_code == 201
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
    result = _wait(client, case_id, headers)
    residence = _item(result, "residence proof")
    assert result["verdict"] == "complete" and residence["arrived_on"] == date.today().isoformat()
    first_files = {_item(result, "owner's ID")["arrived_on"], _item(result, "application")["arrived_on"]}
    assert first_files == {None}  # handed in at the first visit: not supplements


def test_the_reviewers_approval_archives_the_case(client):
    from yichuang.service import jobs
    from yichuang.service.followup import FollowupStore
    from yichuang.storage.accounts import AccountStore

    AccountStore(jobs.context().settings.database_url).add_user("rev1", "reviewer", "password-456")
    full, headers = _new_case(client, "2026-11-02", {**FIRST, "4-lease.pdf": lease_pdf()})
    assert _wait(client, full, headers)["verdict"] == "complete"
    page = client.get("/login")
    client.post("/login", data={"username": "rev1", "password": "password-456", "csrf": _csrf(page.text),
                                "next": "/"}, follow_redirects=False)
    from yichuang.storage.workflow import WorkflowStore

    flows = WorkflowStore(jobs.context().settings.database_url)  # the window accepts it and sends it to review
    flows.transition(full, "accept", "clerk", "li.clerk", "")
    flows.transition(full, "send_to_review", "clerk", "li.clerk", "")
    csrf = _csrf(client.get(f"/review/cases/{full}").text)
    r = client.post(f"/review/cases/{full}/decision", data={"decision": "approved", "csrf": csrf},
                    follow_redirects=False)
    assert r.status_code == 303
    records = FollowupStore(jobs.context().settings.database_url).case_records(full)
    assert sorted(x.material for x in records) == ["id_card", "lease_contract"]  # not the signed form
    assert {a["action"] for a in client.get(f"/api/cases/{full}/followup").json()["audit"]} >= {"materials_archived"}


def test_a_clerk_records_a_paper_supplement_received_after_the_deadline(client):
    case_id, headers = _new_case(client, "2026-11-09", FIRST)  # residence proof due 2026年11月23日
    _wait(client, case_id, headers)
    csrf = _login(client)
    page = client.get(f"/clerk/cases/{case_id}/followup")
    assert page.status_code == 200 and "2026年11月23日" in page.text and "未补交" in page.text
    r = client.post(f"/clerk/cases/{case_id}/supplements", data={"csrf": "forged", "received_on": "2026-11-25"},
                    files=_files({"lease.pdf": lease_pdf()}), follow_redirects=False)
    assert r.status_code == 403
    r = client.post(f"/clerk/cases/{case_id}/supplements", data={"csrf": csrf, "received_on": "2026-11-25"},
                    files=_files({"lease.pdf": lease_pdf()}), follow_redirects=False)
    assert r.status_code == 303
    result = _wait(client, case_id, headers)
    residence = _item(result, "residence proof")
    assert result["verdict"] == "complete" and (residence["arrived_on"], residence["late"]) == ("2026-11-25", True)
    assert "逾期" in client.get(f"/clerk/cases/{case_id}/followup").text
    future = client.post(f"/api/cases/{case_id}/supplements", data={"received_on": "2999-01-01"},
                         files=_files({"x.pdf": lease_pdf()}), headers={"X-CSRF-Token": csrf})
    assert future.status_code == 400 and "future" in future.json()["error"]["message"]
