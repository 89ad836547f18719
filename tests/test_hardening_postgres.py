"""Row 14 of issue 11 on PostgreSQL (where an over-long value was a `DataError` 500), and the
hardening migration and the generation updates on a real server."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.helpers.api import open_case, wait_result
from tests.test_hardening_probes import GOOD, STAFF_PW, _login, _upload

pytestmark = [pytest.mark.servers]


@pytest.fixture
def pg_client(home, postgres_url, monkeypatch):
    monkeypatch.setenv("YICHUANG_DATABASE_URL", postgres_url)
    monkeypatch.setenv("YICHUANG_OCR_ENGINE", "fake")
    from yichuang.service.web import create_app

    with TestClient(create_app()) as c:
        yield c


def test_long_values_never_reach_postgres_as_a_500(pg_client):
    from yichuang.service import jobs
    from yichuang.storage.accounts import AccountStore

    client = pg_client
    case_id, headers = open_case(client)
    r = _upload(client, case_id, headers, "x\0" + "证" * 700 + ".png", GOOD)
    assert r.status_code == 201 and len(r.json()["files"][0]["name"]) <= 200
    assert client.post("/api/cases", json={"matters": ["m" * 65]}).status_code == 422
    assert client.post("/api/cases", json={"matters": ["dog_registration"], "facts": {"k" * 65: "v"}}).status_code == 422
    r = _login(client, "u" * 300, "whatever-password")  # a user name longer than the column
    assert r.status_code == 303 and "error=bad_credentials" in r.headers["location"]
    AccountStore(jobs.context().settings.database_url).add_user("pgclerk", "clerk", STAFF_PW)
    _login(client, "pgclerk", STAFF_PW)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/clerk").text).group(1)
    sha = client.get(f"/api/cases/{case_id}/pages").json()["pages"][0]["sha256"]
    r = client.post(f"/clerk/api/cases/{case_id}/override", json={"sha256": sha, "page": 1, "field": "f" * 65,
                                                                  "value": "v"}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 422


def test_generations_and_removal_on_postgres(pg_client):
    client = pg_client
    case_id, headers = open_case(client)
    assert _upload(client, case_id, headers, "a.png", GOOD).status_code == 201
    sha = client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"][0]["sha256"]
    client.post(f"/api/cases/{case_id}/check", headers=headers)
    r = wait_result(client, case_id, headers)
    assert r.status_code == 200 and r.headers["x-yichuang-generation"] == "1"
    assert client.delete(f"/api/cases/{case_id}/files/{sha}", headers=headers).status_code == 200
    assert client.get(f"/api/cases/{case_id}/result", headers=headers).json()["error"]["code"] == "not_checked"
