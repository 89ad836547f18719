"""The embedded store's few queries of a `yichuang check` on the standard library's ``sqlite3``.

SQLAlchemy's import and its ORM's declarative set-up cost ~0.3 s of a quiet CPU at every start, a
fifth of a clerk's check. A check run on the embedded SQLite file needs four statements (record the
object, read and write the OCR cache, read the material archive), so for a plain ``sqlite:///`` URL
whose database is already at the newest Alembic revision they run here, on the same tables, in the
same format SQLAlchemy writes (UTC timestamps as ``YYYY-MM-DD HH:MM:SS.ffffff``;
tests/test_storage_lite.py reads what one path wrote with the other). Anything else — PostgreSQL, a
database that does not exist yet or needs a migration — goes through ``storage/db.py``'s engine,
which creates or migrates it with Alembic (still the only tool that changes the schema).
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yichuang.checkers.reuse import Record

HEAD = "0005"  # the newest Alembic revision (storage/migrations/versions)

_CONNECTIONS: dict[str, sqlite3.Connection] = {}
_LOCK = threading.Lock()  # opening
_USE = threading.RLock()  # one statement at a time on the shared connections (a worker's threads)


def sqlite_file(url: str) -> Path | None:
    """The database file of a plain ``sqlite:///path`` URL (no driver, no query string), else None."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = url.removeprefix("sqlite:///")
    return Path(path) if path and path != ":memory:" else None


def stamp() -> str:
    """Now, as SQLAlchemy's SQLite ``DateTime`` stores ``storage.db.now()``."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def open_lite(url: str) -> sqlite3.Connection | None:
    """A connection to the embedded database when it exists at HEAD (one per URL per process), else None."""
    if url in _CONNECTIONS:
        return _CONNECTIONS[url]
    db_file = sqlite_file(url)
    if db_file is None or not db_file.is_file():
        return None
    with _LOCK:
        if url in _CONNECTIONS:
            return _CONNECTIONS[url]
        conn = sqlite3.connect(db_file, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            current = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            current = None
        if current is None or current[0] != HEAD:
            conn.close()
            return None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        for f in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")):
            if f.exists():
                f.chmod(0o600)  # staff hashes and personal data: the owner only (as storage/db.py)
        _CONNECTIONS[url] = conn
        return conn


class LiteMeta:
    """``MetaStore``'s statements on a ``sqlite3`` connection (same rows, same meaning)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def record_object(self, sha256: str, media_type: str, size: int, pages: int, original_name: str) -> None:
        with _USE:
            self.conn.execute(
                "INSERT OR IGNORE INTO objects (sha256, media_type, size, pages, original_name, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", (sha256, media_type, size, pages, original_name, stamp()))

    def cached_ocr_many(self, page_ids: list[str], engine_keys: tuple[str, ...]) -> dict[str, str]:
        """page_id → the cached result's JSON text, for the pages that have one under any of ``engine_keys``."""
        marks = ", ".join("?" * len(page_ids))
        keys = ", ".join("?" * len(engine_keys))
        with _USE:
            rows = self.conn.execute(
                f"SELECT page_id, result_json FROM ocr_cache WHERE page_id IN ({marks}) "  # noqa: S608 - placeholders only
                f"AND engine_key IN ({keys})", (*page_ids, *engine_keys)).fetchall()
        return dict(rows)

    def store_ocr_many(self, rows: list[tuple[str, str, str]]) -> None:
        """(page_id, engine_key, result JSON) rows in one transaction; existing rows are kept."""
        at = stamp()
        with _USE:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO ocr_cache (page_id, engine_key, result_json, created_at) "
                    "VALUES (?, ?, ?, ?)", [(pid, key, js, at) for pid, key, js in rows])
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")


class LiteArchive:
    """The material archive's read for a check (``FollowupStore.records``) on a ``sqlite3`` connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def records(self, holders: set[str]) -> list[Record]:
        """Archive records (revoked ones included, marked) of these holders."""
        import json

        from yichuang.checkers.reuse import Record

        if not holders:
            return []
        ordered = sorted(holders)
        with _USE:
            rows = self.conn.execute(
                "SELECT id, holder, material, source_case, verified_on, valid_until, fields_json, revoked_at "
                f"FROM material_archive WHERE holder IN ({', '.join('?' * len(ordered))}) ORDER BY id",  # noqa: S608
                ordered).fetchall()
        return [Record(id=r[0], holder=r[1], material=r[2], source_case=r[3], verified_on=date.fromisoformat(r[4]),
                       valid_until=r[5], fields=json.loads(r[6]), revoked=r[7] is not None) for r in rows]


def archive_reader(url: str):
    """What a check reads the archive through: ``LiteArchive`` on an embedded database at HEAD, else the
    ``FollowupStore`` (which creates or migrates the database first)."""
    conn = open_lite(url)
    if conn is not None:
        return LiteArchive(conn)
    from yichuang.storage.archive import FollowupStore

    return FollowupStore(url)
