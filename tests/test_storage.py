"""Embedded storage: content-addressed, write-once, durable; metadata and OCR cache in SQLite."""

from __future__ import annotations

import pytest
from yichuang.storage import MetaStore, open_object_store, sha256_hex

from yichuang import errors
from yichuang.config import load_settings


def test_default_paths_follow_the_contract(tmp_path):
    s = load_settings({"YICHUANG_HOME": str(tmp_path)})
    assert s.storage_url == f"file://{tmp_path}/objects"
    assert s.database_url == f"sqlite:///{tmp_path}/yichuang.db"
    assert s.broker_url is None


def test_objects_are_content_addressed_and_stored_once(tmp_path):
    store = open_object_store(f"file://{tmp_path}/objects")
    key = store.put(b"scan bytes")
    assert key == sha256_hex(b"scan bytes")
    assert store.put(b"scan bytes") == key
    assert list(store.keys()) == [key]
    assert store.get(key) == b"scan bytes" and store.stat(key).size == 10
    with pytest.raises(errors.NotFoundError):
        store.get(sha256_hex(b"other"))


def test_unknown_storage_scheme_is_a_fix_it_error():
    with pytest.raises(errors.UsageError, match="YICHUANG_STORAGE_URL"):
        open_object_store("ftp://host/x")


def test_ocr_cache_roundtrip_and_first_write_wins(tmp_path):
    meta = MetaStore(f"sqlite:///{tmp_path}/m.db")
    meta.store_ocr_many([("abc-1", "ppocr/v1", {"lines": [1]})])
    meta.store_ocr_many([("abc-1", "ppocr/v1", {"lines": [2]}), ("abc-2", "ppocr/v1", {"lines": []})])
    assert meta.cached_ocr_many(["abc-1", "abc-2", "abc-3"], ("ppocr/v1",)) == {
        "abc-1": {"lines": [1]}, "abc-2": {"lines": []}}
    assert meta.cached_ocr_many(["abc-1"], ("other",)) == {}
