"""Documents, not pages, through the service (embedded default, PDF text layers, no OCR): a page
that carries on a form joins it; the stored pages come back as documents in the check result."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from tests.checkhelp import ZHANG
from tests.helpers.pdfs import make_pdf


@pytest.fixture
def client(home):
    from yichuang.service.web import create_app

    with TestClient(create_app()) as c:
        yield c


def test_a_continuation_page_joins_its_form_in_the_service(client):
    r = client.post("/api/cases", json={"matters": ["dog_registration"], "as_of": "2026-11-23"})
    case_id, headers = r.json()["id"], {"Authorization": f"Bearer {r.json()['upload_token']}"}
    files = [("file", ("form.pdf", make_pdf([["养犬登记申请表", "犬主姓名：张三", f"身份证号码：{ZHANG}", "犬只品种：柯基犬"]]),
                       "application/pdf")),
             ("file", ("form-2.pdf", make_pdf([["本人承诺遵守养犬管理规定，文明养犬。", "申请人签字：张三", "2026年11月20日"]]),
                       "application/pdf"))]
    assert client.post(f"/api/cases/{case_id}/files", files=files, headers=headers).status_code == 201
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
    end = time.time() + 60
    while (r := client.get(f"/api/cases/{case_id}/result", headers=headers)).status_code == 202 and time.time() < end:
        time.sleep(0.3)
    docs = r.json()["documents"]
    assert [(d["source"], d["material"], d["continues"]) for d in docs] == [
        ("form.pdf", "dog_registration_form", None), ("form-2.pdf", "dog_registration_form", "form.pdf#1")]
