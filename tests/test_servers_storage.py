"""Object storage on a real S3 server (SeaweedFS) and the case store on a real PostgreSQL."""

from __future__ import annotations

import io
import urllib.request
from datetime import date

import pytest
from PIL import Image
from yichuang.storage import open_object_store, sha256_hex
from yichuang.storage.cases import CaseStore

from yichuang import errors

pytestmark = pytest.mark.servers


def test_s3_store_roundtrip_metadata_presign_and_multipart(s3_url):
    store = open_object_store(s3_url.rsplit("/", 1)[0] + "/fresh-bucket")  # created if absent
    key = store.put(b"scan bytes", {"media_type": "image/jpeg", "original-name": "身份证 正面.jpg", "pages": "1"})
    assert key == sha256_hex(b"scan bytes") and store.put(b"scan bytes") == key  # stored once
    assert store.get(key) == b"scan bytes" and store.stat(key).size == 10
    assert store.metadata(key)["original-name"] == "身份证 正面.jpg"
    assert store.metadata(key)["media_type"] == "image/jpeg"
    assert urllib.request.urlopen(store.presign(key), timeout=10).read() == b"scan bytes"
    big = bytes(range(256)) * (48 * 1024)  # 12 MiB: uploaded in parts
    big_key = store.put(big)
    assert store.get(big_key) == big
    assert set(store.keys()) == {key, big_key}
    with pytest.raises(errors.NotFoundError):
        store.get(sha256_hex(b"never stored"))


def test_unreachable_s3_is_a_fix_it_error():
    with pytest.raises(errors.StorageError, match="YICHUANG_STORAGE_URL"):
        open_object_store("s3://a:b@127.0.0.1:9/bucket")


def test_pipeline_reads_through_s3_and_postgres(s3_url, postgres_url, tmp_path, monkeypatch):
    from tests.helpers.pdfs import make_pdf
    from yichuang.config import load_settings
    from yichuang.pipeline import open_runtime, read_files

    monkeypatch.setenv("YICHUANG_STORAGE_URL", s3_url)
    monkeypatch.setenv("YICHUANG_DATABASE_URL", postgres_url)
    pdf = tmp_path / "licence.pdf"
    pdf.write_bytes(make_pdf([["营业执照", "统一社会信用代码：91350100M000100Y43"]]))
    runtime = open_runtime(load_settings())
    result = read_files([pdf], runtime)
    assert result.pages[0].lines[1].text == "统一社会信用代码：91350100M000100Y43"
    assert runtime.store.exists(result.files[0].sha256)
    assert runtime.meta.object_info(result.files[0].sha256).media_type == "application/pdf"


@pytest.mark.parametrize("db", ["sqlite", "postgres"])
def test_case_store_with_audit_trail(db, postgres_url, tmp_path):
    url = postgres_url if db == "postgres" else f"sqlite:///{tmp_path}/c.db"
    cases = CaseStore(url)
    case_id, token = cases.create(["dog_registration"], "2026-11-23", {"agent": "true"}, actor="clerk:li")
    with pytest.raises(errors.ForbiddenError):
        cases.authorize(case_id, "wrong")
    with pytest.raises(errors.UnauthorizedError):
        cases.authorize(case_id, None)
    assert cases.authorize(case_id, token).facts == {"agent": "true"}
    buf = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buf, "PNG")
    assert cases.add_file(case_id, "a" * 64, "证件.png", "image/png", 2, actor="citizen")
    assert not cases.add_file(case_id, "a" * 64, "again.png", "image/png", 2, actor="citizen")  # same bytes
    assert [(p.page, p.state) for p in cases.pages(case_id)] == [(1, "pending"), (2, "pending")]
    from yichuang.checkers.case import check_case
    from yichuang.checkers.rules import load_rulesets

    from yichuang.types import Document

    page = Document(source="证件.png", page=1, page_id="a" * 64 + "-1", material="id_card", confidence=0.9)
    cases.page_done(case_id, "a" * 64, 1, [page])
    assert cases.pages(case_id)[0].document == page
    result = check_case([], ["dog_registration"], load_rulesets(), date(2026, 11, 23))
    cases.save_result(case_id, result)
    assert cases.get(case_id).state == "done" and cases.latest_result(case_id).verdict == "incomplete"
    trail = [(a.actor, a.action) for a in cases.audit_trail(case_id)]
    assert trail == [("clerk:li", "case_created"), ("citizen", "file_uploaded"), ("system", "checked")]
