"""The embedded check's statements on the standard library's sqlite3 (storage/lite.py) write and read
the same rows as the SQLAlchemy path, and a check on the embedded store does not import SQLAlchemy."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

from yichuang.checkers.reuse import Candidate
from yichuang.storage.archive import FollowupStore
from yichuang.storage.db import ObjectRow, make_engine
from yichuang.storage.lite import HEAD, LiteArchive, archive_reader, open_lite, sqlite_file
from yichuang.storage.meta import MetaStore

from tests.test_followup import form_pdf, id_pdf

ROOT = Path(__file__).resolve().parents[1]


def test_head_is_the_newest_migration():
    revisions = [re.search(r'^revision\s*=\s*"([^"]+)"', p.read_text(encoding="utf-8"), re.M).group(1)
                 for p in sorted((ROOT / "storage" / "migrations" / "versions").glob("0*.py"))]
    assert revisions[-1] == HEAD


def test_only_an_existing_embedded_database_at_head_opens_lite(tmp_path):
    url = f"sqlite:///{tmp_path}/a.db"
    assert open_lite(url) is None  # no file yet: SQLAlchemy + Alembic create it
    assert open_lite("postgresql://u:p@localhost:5432/db") is None
    assert sqlite_file("sqlite:///:memory:") is None and sqlite_file("sqlite+pysqlite:///x.db") is None
    make_engine(url)
    assert open_lite(url) is not None
    old = tmp_path / "old.db"
    make_engine(f"sqlite:///{old}")
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0004'")
    assert open_lite(f"sqlite:///{old}") is None  # a migration is due: the engine path runs it


def test_a_fresh_meta_store_is_created_by_alembic_then_uses_lite(tmp_path):
    meta = MetaStore(f"sqlite:///{tmp_path}/m.db")
    assert meta._lite is not None
    assert MetaStore(f"sqlite:///{tmp_path}/m.db", lite=False)._lite is None


def test_lite_and_orm_write_the_same_rows(tmp_path):
    url_a, url_b = f"sqlite:///{tmp_path}/a.db", f"sqlite:///{tmp_path}/b.db"
    lite, orm = MetaStore(url_a), MetaStore(url_b, lite=False)
    for meta in (lite, orm):
        meta.record_object("ab" * 32, "image/jpeg", 123, 1, "申请书.jpg")
        meta.record_object("ab" * 32, "image/png", 9, 2, "again.png")  # first write wins
        meta.store_ocr_many([("p-1", "ppocr/fast", {"lines": ["张赟"], "w": 1})])
        meta.store_ocr_many([("p-1", "ppocr/fast", {"lines": ["x"]}), ("p-2", "ppocr/fast", {"lines": []})])

    def rows(path: Path, sql: str) -> list[tuple]:
        with sqlite3.connect(path) as conn:
            return conn.execute(sql).fetchall()

    for sql in ("SELECT sha256, media_type, size, pages, original_name FROM objects",
                "SELECT page_id, engine_key, result_json FROM ocr_cache ORDER BY page_id"):
        assert rows(tmp_path / "a.db", sql) == rows(tmp_path / "b.db", sql)
    stamp = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
    for db in ("a.db", "b.db"):
        for (at,) in rows(tmp_path / db, "SELECT created_at FROM objects UNION ALL SELECT created_at FROM ocr_cache"):
            assert stamp.match(at), at
    # what lite wrote, the ORM reads (and the other way round)
    row = MetaStore(url_a, lite=False).object_info("ab" * 32)
    assert isinstance(row, ObjectRow) and row.media_type == "image/jpeg" and row.created_at.year >= 2026
    keys = ("ppocr/fast",)
    assert (MetaStore(url_a, lite=False).cached_ocr_many(["p-1", "p-2"], keys)
            == MetaStore(url_b).cached_ocr_many(["p-1", "p-2"], keys)
            == {"p-1": {"lines": ["张赟"], "w": 1}, "p-2": {"lines": []}})


def test_lite_archive_reads_what_the_followup_store_wrote(tmp_path):
    url = f"sqlite:///{tmp_path}/f.db"
    store = FollowupStore(url)
    found = [Candidate(holder="11010519491231002X", material="id_card", valid_until="2030-01-01",
                       fields={"name": "张赟"}, documents=["p-1"], item="经营者身份证"),
             Candidate(holder="91440300MA5DXXXX0X", material="business_license", valid_until=None,
                       fields={}, documents=["p-2"], item="营业执照")]
    ids = store.archive("case1", found, date(2026, 12, 1), "clerk")
    store.revoke(ids[1], "clerk", "wrong")
    holders = {"11010519491231002X", "91440300MA5DXXXX0X", "NOBODY"}
    reader = archive_reader(url)
    assert isinstance(reader, LiteArchive)
    assert reader.records(holders) == store.records(holders)
    assert [r.revoked for r in reader.records(holders)] == [False, True]
    assert reader.records(set()) == []


def test_a_check_on_the_embedded_store_does_not_import_sqlalchemy(tmp_path):
    """From the second call on (the store exists at HEAD) a check reads and writes through sqlite3."""
    case = tmp_path / "case"
    case.mkdir()
    (case / "form.pdf").write_bytes(form_pdf())
    (case / "id.pdf").write_bytes(id_pdf())
    env = {**os.environ, "YICHUANG_HOME": str(tmp_path / "home")}
    for var in ("YICHUANG_DATABASE_URL", "YICHUANG_STORAGE_URL", "YICHUANG_BROKER_URL"):
        env.pop(var, None)
    make_engine(f"sqlite:///{tmp_path}/home/yichuang.db")
    probe = ("import sys, runpy\n"
             "sys.argv = ['yichuang', 'check', '--matter', 'dog_registration', sys.argv[1]]\n"
             "try:\n    runpy.run_module('yichuang.service.cli', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print('SQLALCHEMY' if any(m.split('.')[0] == 'sqlalchemy' for m in sys.modules) else 'NONE',"
             " file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", probe, str(case)], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.stderr.strip().splitlines()[-1] == "NONE", out.stderr[-2000:]
    assert "预审结论" in out.stdout
    with sqlite3.connect(tmp_path / "home" / "yichuang.db") as conn:
        assert conn.execute("SELECT count(*) FROM objects").fetchone()[0] == 2  # recorded through sqlite3
