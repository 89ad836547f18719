"""SQL metadata: what each stored object is, and the OCR cache keyed by page content."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from yichuang.storage.db import ObjectRow, OcrCacheRow, make_engine


class MetaStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    def record_object(self, sha256: str, media_type: str, size: int, pages: int, original_name: str) -> None:
        try:
            with Session(self.engine) as session, session.begin():
                if session.get(ObjectRow, sha256) is None:
                    session.add(ObjectRow(sha256=sha256, media_type=media_type, size=size, pages=pages,
                                          original_name=original_name))
        except IntegrityError:
            pass  # another process recorded the same bytes at the same moment: same content, same row

    def object_info(self, sha256: str) -> ObjectRow | None:
        with Session(self.engine) as session:
            return session.get(ObjectRow, sha256)

    def cached_ocr_many(self, page_ids: list[str], engine_keys: tuple[str, ...]) -> dict[str, dict]:
        """page_id → cached result, for the pages that have one under any of ``engine_keys``."""
        if not page_ids:
            return {}
        with Session(self.engine) as session:
            rows = session.execute(
                select(OcrCacheRow.page_id, OcrCacheRow.result_json).where(
                    OcrCacheRow.page_id.in_(page_ids), OcrCacheRow.engine_key.in_(engine_keys))
            ).all()
        return {pid: json.loads(js) for pid, js in rows}

    def store_ocr_many(self, results: list[tuple[str, str, dict]]) -> None:
        """Store (page_id, engine_key, result) rows in one transaction; existing rows are kept."""
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
