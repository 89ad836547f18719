"""SQL metadata: what each stored object is, and the OCR cache keyed by page content.

On the embedded SQLite database at the newest revision the statements run on ``sqlite3``
(``storage/lite.py``: a check does not import SQLAlchemy); otherwise, and for ``object_info``, on
SQLAlchemy's engine (``storage/db.py``), which creates or migrates the database first."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from yichuang.storage.lite import LiteMeta, open_lite

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from yichuang.storage.db import ObjectRow


class MetaStore:
    def __init__(self, url: str, lite: bool = True) -> None:
        """``lite=False``: every statement through SQLAlchemy (the at-scale path, on any database)."""
        self.url = url
        self._engine: Engine | None = None
        conn = open_lite(url) if lite else None
        if conn is None:  # PostgreSQL, or a database to create or migrate: SQLAlchemy and Alembic
            self._engine = self.engine
            conn = open_lite(url) if lite else None  # a SQLite file now at HEAD
        self._lite = LiteMeta(conn) if conn is not None else None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from yichuang.storage.db import make_engine

            self._engine = make_engine(self.url)
        return self._engine

    def record_object(self, sha256: str, media_type: str, size: int, pages: int, original_name: str) -> None:
        if self._lite is not None:
            self._lite.record_object(sha256, media_type, size, pages, original_name)
            return
        from sqlalchemy.exc import IntegrityError
        from sqlalchemy.orm import Session
        from yichuang.storage.db import ObjectRow

        try:
            with Session(self.engine) as session, session.begin():
                if session.get(ObjectRow, sha256) is None:
                    session.add(ObjectRow(sha256=sha256, media_type=media_type, size=size, pages=pages,
                                          original_name=original_name))
        except IntegrityError:
            pass  # another process recorded the same bytes at the same moment: same content, same row

    def object_info(self, sha256: str) -> ObjectRow | None:
        from sqlalchemy.orm import Session
        from yichuang.storage.db import ObjectRow

        with Session(self.engine) as session:
            return session.get(ObjectRow, sha256)

    def cached_ocr_many(self, page_ids: list[str], engine_keys: tuple[str, ...]) -> dict[str, dict]:
        """page_id → cached result, for the pages that have one under any of ``engine_keys``."""
        if not page_ids:
            return {}
        if self._lite is not None:
            return {pid: json.loads(js) for pid, js in self._lite.cached_ocr_many(page_ids, engine_keys).items()}
        from sqlalchemy import select
        from sqlalchemy.orm import Session
        from yichuang.storage.db import OcrCacheRow

        with Session(self.engine) as session:
            rows = session.execute(
                select(OcrCacheRow.page_id, OcrCacheRow.result_json).where(
                    OcrCacheRow.page_id.in_(page_ids), OcrCacheRow.engine_key.in_(engine_keys))
            ).all()
        return {pid: json.loads(js) for pid, js in rows}

    def store_ocr_many(self, results: list[tuple[str, str, dict]]) -> None:
        """Store (page_id, engine_key, result) rows in one transaction; existing rows are kept."""
        if self._lite is not None:
            self._lite.store_ocr_many([(pid, key, json.dumps(result, ensure_ascii=False))
                                       for pid, key, result in results])
            return
        from sqlalchemy.exc import IntegrityError
        from sqlalchemy.orm import Session
        from yichuang.storage.db import OcrCacheRow

        try:
            with Session(self.engine) as session, session.begin():
                for pid, key, result in results:
                    if session.get(OcrCacheRow, (pid, key)) is None:
                        session.add(OcrCacheRow(page_id=pid, engine_key=key,
                                                result_json=json.dumps(result, ensure_ascii=False)))
        except IntegrityError:
            for row in results:  # a concurrent worker cached some of them first: keep theirs, add the rest
                if not self.cached_ocr_many([row[0]], (row[1],)):
                    self.store_ocr_many([row])
