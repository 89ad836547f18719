"""The one pipeline (yichuang/pipeline/): one page identity from upload to highlight, a page that
cannot be read marked with its fix-it message on every path, the case going on without it."""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient

from tests.checkhelp import ZHANG
from tests.conftest import encode
from tests.helpers.hostile import _tiff, doc_image

FORM_SIZE, CARD_SIZE, THIRD_SIZE = (900, 1200), (1000, 1300), (1100, 1400)


def _lines(texts: list[str], top: int = 100):
    from yichuang.extractors.ocr.base import RawLine

    return [RawLine(t, [[100, top + 60 * n], [800, top + 60 * n], [800, top + 30 + 60 * n], [100, top + 30 + 60 * n]],
                    0.98) for n, t in enumerate(texts)]


FORM = ["养犬登记申请表", "犬主姓名：张三", f"身份证号码：{ZHANG}", "犬只品种：柯基犬"]  # no address: the card gives it
CARD = ["姓名 张三", "性别 男 民族 汉", "出生 1990年3月7日", "住址 北京市朝阳区建国路88号1单元302室",
        f"公民身份号码 {ZHANG}"]


def _script(img):
    """What the fake engine "reads" on each photo: told apart by their sizes."""
    if img.size == CARD_SIZE:
        return _lines(CARD, top=400)  # lower on its page than the form's lines: no box is on both pages
    return _lines(FORM if img.size == FORM_SIZE else ["第三页"])


class CrashingEngine:
    """An OCR engine that fails on the second page of a case (a model crash, a decoder bug)."""

    name: ClassVar[str] = "crash-on-second"

    @classmethod
    def is_available(cls) -> bool:
        return True

    @classmethod
    def cache_key(cls) -> str:
        return "crash-on-second/v1"

    def recognize(self, image):
        if image.size == CARD_SIZE:
            raise RuntimeError("the engine fell over")
        return _script(image), 0, image.width, image.height


@pytest.fixture
def crashing():
    from yichuang.extractors.ocr.base import register_engine

    register_engine(CrashingEngine)
    return CrashingEngine.name


def _client(monkeypatch, engine: str):
    monkeypatch.setenv("YICHUANG_OCR_ENGINE", engine)
    monkeypatch.setenv("YICHUANG_MAX_CASE_PAGES", "60")
    from yichuang.service.web import create_app

    return TestClient(create_app())


def _case(client):
    r = client.post("/api/cases", json={"matters": ["dog_registration"], "as_of": "2026-11-23"})
    assert r.status_code == 201, r.text
    return r.json()["id"], {"Authorization": f"Bearer {r.json()['upload_token']}"}


def _upload(client, case_id, headers, name, data, kind="image/jpeg"):
    r = client.post(f"/api/cases/{case_id}/files", files=[("file", (name, data, kind))], headers=headers)
    assert r.status_code == 201, r.text
    return r.json()["files"][0]


def _checked(client, case_id, headers, timeout=60):
    assert client.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
    end = time.time() + timeout
    while time.time() < end:
        r = client.get(f"/api/cases/{case_id}/result", headers=headers)
        if r.status_code != 202:
            assert r.status_code == 200, r.text
            return r.json()
        time.sleep(0.2)
    raise TimeoutError


def _jpeg(size) -> bytes:
    return encode(doc_image(size), "JPEG", quality=90)


# ---- (a) two photos both called image.jpg ----------------------------------------------------

def test_two_photos_named_image_jpg_are_two_documents_and_each_highlight_opens_its_own_page(home, monkeypatch):
    from yichuang.extractors.ocr.fake import FakeEngine
    from yichuang.service import jobs
    from yichuang.storage.accounts import AccountStore

    monkeypatch.setattr(FakeEngine, "script", staticmethod(_script))
    with _client(monkeypatch, "fake") as client:
        case_id, headers = _case(client)
        form = _upload(client, case_id, headers, "image.jpg", _jpeg(FORM_SIZE))
        card = _upload(client, case_id, headers, "image.jpg", _jpeg(CARD_SIZE))
        assert form["sha256"] != card["sha256"]
        result = _checked(client, case_id, headers)

        docs = result["documents"]
        assert [d["source"] for d in docs] == ["image.jpg", "image.jpg"]
        assert [d["material"] for d in docs] == ["dog_registration_form", "id_card"]
        assert [d["page_id"] for d in docs] == [f"{form['sha256']}-1", f"{card['sha256']}-1"]
        for d in docs:  # every field knows the page it was read on
            assert d["field_details"] and {f["page_id"] for f in d["field_details"].values()} == {d["page_id"]}
        owner = next(m for m in result["materials"] if m["material"] == "id_card")
        assert owner["status"] != "missing"  # the card was not merged into the form or lost

        by_page = {d["page_id"]: d for d in docs}
        form_values = result["form"]
        assert {form_values[k]["page_id"] for k in ("owner_name", "address")} == set(by_page)  # both pages used
        for name, fv in form_values.items():
            read = by_page[fv["page_id"]]["field_details"]
            assert any(f["value"] == fv["value"] and f["box"] == fv["box"] for f in read.values()), name

        AccountStore(jobs.context().settings.database_url).add_user("rev1", "reviewer", "password-456")
        login = client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
        client.post("/login", data={"username": "rev1", "password": "password-456", "csrf": csrf, "next": "/"},
                    follow_redirects=False)
        html = client.get(f"/review/cases/{case_id}").text
        imgs = dict(re.findall(r'data-box="([^"]*)" data-img="([^"]*)"', html))
        assert len(set(imgs.values())) == 2
        for fv in form_values.values():
            sha, _, page = fv["page_id"].rpartition("-")
            box = json.dumps(fv["box"]).replace('"', "&#34;")
            assert imgs[box] == f"/cases/{case_id}/pages/{sha}/{page}/image"  # its own page, not the other one
        for fv in form_values.values():  # and that page serves its own photo
            sha, _, page = fv["page_id"].rpartition("-")
            img = client.get(f"/cases/{case_id}/pages/{sha}/{page}/image", headers=headers)
            assert img.status_code == 200 and img.headers["content-type"] == "image/jpeg"


def test_consecutive_pages_of_one_material_from_two_files_of_one_name_stay_two_documents():
    from yichuang.checkers.instances import build_instances

    from tests.checkhelp import lease

    first = lease().model_copy(update={"source": "image.jpg", "page_id": "a" * 64 + "-1"})
    second = lease().model_copy(update={"source": "image.jpg", "page_id": "b" * 64 + "-1"})
    assert [len(i.docs) for i in build_instances([first, second])] == [1, 1]
    same_file = second.model_copy(update={"page_id": "a" * 64 + "-2", "page": 2})
    assert [len(i.docs) for i in build_instances([first, same_file])] == [2]  # one file's two pages: one lease


# ---- (b) an engine that crashes mid-case ----------------------------------------------------

def test_an_engine_crash_on_the_second_page_marks_that_page_and_the_case_goes_on(home, monkeypatch, crashing):
    from yichuang.pipeline import PAGE_FAILED

    with _client(monkeypatch, crashing) as client:
        case_id, headers = _case(client)
        for name, size in (("1.jpg", FORM_SIZE), ("2.jpg", CARD_SIZE), ("3.jpg", THIRD_SIZE)):
            _upload(client, case_id, headers, name, _jpeg(size))
        result = _checked(client, case_id, headers)
        pages = client.get(f"/api/cases/{case_id}/pages", headers=headers).json()["pages"]
    assert [p["state"] for p in pages] == ["done", "failed", "done"]  # the third page was still read
    assert [p["error"] for p in pages] == [None, PAGE_FAILED, None]  # what the live screens show for it
    assert result["errors"] == [{"source": "2.jpg", "code": "unreadable_page", "message": PAGE_FAILED}]
    assert [d["source"] for d in result["documents"]] == ["1.jpg", "3.jpg"]
    assert result["verdict"] in ("incomplete", "needs_review")


def test_a_case_that_would_be_complete_is_not_while_a_page_is_unread():
    from yichuang.checkers.case import check_case

    from tests.checkhelp import lease
    from tests.test_checker import DAY, RULES, _dog
    from yichuang.types import FileError

    docs = [*_dog(), lease()]
    assert check_case(docs, ["dog_registration"], RULES, DAY).verdict == "complete"
    unread = FileError(source="5.jpg", code="unreadable_page", message="这一页无法读取")
    assert check_case(docs, ["dog_registration"], RULES, DAY, errors=[unread]).verdict == "needs_review"
    tolerated = _dog()  # no residence proof: 容缺受理, unless a page was not read
    assert check_case(tolerated, ["dog_registration"], RULES, DAY).verdict == "accept_with_tolerance"
    assert check_case(tolerated, ["dog_registration"], RULES, DAY, errors=[unread]).verdict == "needs_review"
    other = FileError(source="notes.txt", code="unsupported_type", message="不是图片或 PDF")
    assert check_case(docs, ["dog_registration"], RULES, DAY, errors=[other]).verdict == "complete"  # not a page


# ---- (c) the same fix-it message on every path ----------------------------------------------

def test_the_http_path_shows_the_same_chinese_fix_it_message_as_the_cli(home, monkeypatch, tmp_path):
    from tests.test_cli_ocr import run

    tiff = _tiff([doc_image(FORM_SIZE), doc_image((1, 1)), doc_image(FORM_SIZE)])
    path = tmp_path / "three.tif"
    path.write_bytes(tiff)
    proc = run(["check", "--json", "--matter", "dog_registration", "--as-of", "2026-11-23", str(path)],
               tmp_path / "cli-home", YICHUANG_OCR_ENGINE="fake")
    cli = [e for e in json.loads(proc.stdout)["errors"] if e["code"] == "unreadable_page"]
    assert len(cli) == 1 and cli[0]["message"].startswith("第 2 页：") and re.search(r"[\u4e00-\u9fff]", cli[0]["message"])

    with _client(monkeypatch, "fake") as client:
        case_id, headers = _case(client)
        _upload(client, case_id, headers, "three.tif", tiff, "image/tiff")
        result = _checked(client, case_id, headers)
    http = [e for e in result["errors"] if e["code"] == "unreadable_page"]
    assert [e["message"] for e in http] == [cli[0]["message"]]  # not "page 2: cannot be read"
    assert "cannot be read" not in json.dumps(result, ensure_ascii=False)


def test_an_engine_crash_reads_the_same_on_the_command_line_path_as_on_the_http_path(home, crashing, tmp_path):
    from yichuang.pipeline import PAGE_FAILED, open_runtime, read_files

    (tmp_path / "1.jpg").write_bytes(_jpeg(FORM_SIZE))
    (tmp_path / "2.jpg").write_bytes(_jpeg(CARD_SIZE))
    read = read_files([tmp_path / "1.jpg", tmp_path / "2.jpg"], open_runtime(engine_name=crashing))
    assert [p.source.rsplit("/", 1)[-1] for p in read.pages] == ["1.jpg"]  # the first page is kept
    assert [(e.code, e.message) for e in read.errors] == [("unreadable_page", PAGE_FAILED)]  # as the worker says it


# ---- the README's map ------------------------------------------------------------------------

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_layout_table_matches_the_folders():
    text = README.read_text(encoding="utf-8")
    table = text.split("## Layout", 1)[1].split("\n\n", 2)[1]
    rows = set(re.findall(r"^\| `([^`/]+)/` \|", table, re.M))
    root = README.parent
    # the folders git keeps (the demo's out/, build/ and the like are ignored output, not layout)
    tracked = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout
    folders = {line.split("/", 1)[0] for line in tracked.splitlines() if "/" in line} - {".ci"}
    assert rows == folders


def test_where_does_a_page_go_names_functions_that_exist():
    import importlib

    text = README.read_text(encoding="utf-8").split("### Where does a page go", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"`((?:pipeline|service|ingest|extractors|checkers|storage)\.[\w.]+)`", text))
    assert len(names) >= 15
    for name in sorted(names):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable module, then attributes
            try:
                obj = importlib.import_module("yichuang." + ".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
            break
        else:
            raise AssertionError(name)
