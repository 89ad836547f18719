"""Row 8 of issue 11: a page uploaded while a check runs is never left out of the verdict saved
after it (the check covers a generation of pages; an upload or removal moves the generation on
and the running check reads the new pages and checks again)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.conftest import encode
from tests.helpers.api import open_case, wait_result
from tests.helpers.hostile import doc_image


@pytest.fixture
def client(home, monkeypatch):
    monkeypatch.setenv("YICHUANG_OCR_ENGINE", "fake")
    from yichuang.service.web import create_app

    with TestClient(create_app()) as c:
        yield c


def _held_engine(monkeypatch):
    """The fake OCR engine blocks on its first page until the test lets it go."""
    from yichuang.extractors.ocr.fake import FakeEngine

    entered, release = threading.Event(), threading.Event()

    def script(_img):
        entered.set()
        release.wait(30)
        return []

    monkeypatch.setattr(FakeEngine, "script", staticmethod(script))
    return entered, release


def _up(client, case_id, headers, name, img):
    r = client.post(f"/api/cases/{case_id}/files", files=[("file", (name, encode(img, "PNG"), "image/png"))],
                    headers=headers)
    assert r.status_code == 201, r.text


def test_upload_during_a_running_check_is_in_the_final_verdict(client, monkeypatch):
    from yichuang.service import jobs

    entered, release = _held_engine(monkeypatch)
    case_id, headers = open_case(client)
    _up(client, case_id, headers, "first.png", doc_image((900, 1200)))
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
    assert entered.wait(20)  # the check is reading page 1 of generation 1
    _up(client, case_id, headers, "late.png", doc_image((1000, 1300)))  # generation 2, while it runs
    assert client.get(f"/api/cases/{case_id}/result", headers=headers).status_code == 202  # still running
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202  # joins
    release.set()
    r = wait_result(client, case_id, headers, poll=0.1)
    assert r.status_code == 200
    sources = {d["source"].split("#")[0] for d in r.json()["documents"]}
    assert {"first.png", "late.png"} <= sources  # the late page is in the verdict
    assert r.headers["x-yichuang-generation"] == str(jobs.context().cases.get(case_id).generation) == "2"
    trail = jobs.context().cases.audit_trail(case_id)
    checked = [a for a in trail if a.action == "checked"]
    assert len(checked) == 1 and checked[0].detail["generation"] == 2  # no stale result was ever saved
    assert [a.detail["mode"] for a in trail if a.action == "check_requested"] == ["started", "joined"]


def test_removal_during_a_running_check_is_in_the_final_verdict(client, monkeypatch):
    from yichuang.service import jobs

    entered, release = _held_engine(monkeypatch)
    case_id, headers = open_case(client)
    _up(client, case_id, headers, "keep.png", doc_image((900, 1200)))
    _up(client, case_id, headers, "wrong.png", doc_image((1000, 1300)))
    client.post(f"/api/cases/{case_id}/check", headers=headers)
    assert entered.wait(20)
    wrong = next(p for p in jobs.context().cases.pages(case_id) if p.name == "wrong.png")
    assert client.delete(f"/api/cases/{case_id}/files/{wrong.sha256}", headers=headers).status_code == 200
    release.set()
    r = wait_result(client, case_id, headers, poll=0.1)
    assert r.status_code == 200
    assert {d["source"].split("#")[0] for d in r.json()["documents"]} == {"keep.png"}


def test_finish_check_refuses_a_stale_generation(home):
    """The store itself: a result computed over an old generation is not saved."""
    from yichuang.storage.cases import CaseStore

    from yichuang.config import load_settings

    store = CaseStore(load_settings().database_url)
    case_id, _ = store.create(["dog_registration"], None, {}, actor="t")
    store.add_file(case_id, "a" * 64, "a.png", "image/png", 1, actor="t")
    started, generation = store.begin_check(case_id)
    assert started and store.begin_check(case_id) == (False, generation)  # a second caller joins
    store.add_file(case_id, "b" * 64, "b.png", "image/png", 1, actor="t")  # lands during the check
    info = store.get(case_id)
    assert info.state == "running" and info.generation == generation + 1
    from yichuang.checkers.case import check_case
    from yichuang.checkers.rules import load_rulesets

    result = check_case([], ["dog_registration"], load_rulesets(), date(2026, 11, 23))  # nothing read: incomplete
    assert not store.finish_check(case_id, generation, result)
    assert store.latest_result(case_id) is None and store.get(case_id).state == "running"
    assert store.finish_check(case_id, generation + 1, result)
    assert store.latest_result(case_id) == result
    assert store.get(case_id).state == "done" and store.get(case_id).checked_generation == generation + 1
