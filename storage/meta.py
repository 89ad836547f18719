"""SQL metadata: what each stored object is, and the OCR cache keyed by page content."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import DateTime, Integer, String, Text, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from yichuang.errors import StorageError


class Base(DeclarativeBase):
    pass


class ObjectRow(Base):
    __tablename__ = "objects"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=lambda: datetime.now(UTC))


class OcrCacheRow(Base):
    __tablename__ = "ocr_cache"
    page_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    engine_key: Mapped[str] = mapped_column(String(120), primary_key=True)
    result_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=lambda: datetime.now(UTC))


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        Base.metadata.create_all(engine)
    except Exception as exc:  # noqa: BLE001 - any driver error means the same thing to the user
        raise StorageError(f"cannot open the database {url.split('@')[-1]}: {exc.__class__.__name__}; "
                           "check YICHUANG_DATABASE_URL") from exc
    return engine


class MetaStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    def record_object(self, sha256: str, media_type: str, size: int, pages: int, original_name: str) -> None:
        with Session(self.engine) as session, session.begin():
            if session.get(ObjectRow, sha256) is None:
                session.add(ObjectRow(sha256=sha256, media_type=media_type, size=size, pages=pages,
                                      original_name=original_name))

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
        with Session(self.engine) as session, session.begin():
            for pid, key, result in results:
                if session.get(OcrCacheRow, (pid, key)) is None:
                    session.add(OcrCacheRow(page_id=pid, engine_key=key,
                                            result_json=json.dumps(result, ensure_ascii=False)))
