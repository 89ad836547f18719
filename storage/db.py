"""SQL schema (SQLAlchemy) for objects, the OCR cache, cases, files, pages, results and the audit
trail; migrated with Alembic. SQLite by default, PostgreSQL by ``YICHUANG_DATABASE_URL``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from yichuang.storage.lite import HEAD  # noqa: F401 - the newest Alembic revision, kept in one place

from yichuang.errors import StorageError


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class ObjectRow(Base):
    __tablename__ = "objects"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class OcrCacheRow(Base):
    __tablename__ = "ocr_cache"
    page_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    engine_key: Mapped[str] = mapped_column(String(120), primary_key=True)
    result_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    matters_json: Mapped[str] = mapped_column(Text)
    as_of: Mapped[str | None] = mapped_column(String(10), nullable=True)
    facts_json: Mapped[str] = mapped_column(Text, default="{}")
    token_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | running | done | failed
    verdict: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_by: Mapped[str] = mapped_column(String(64), default="citizen")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)
    generation: Mapped[int] = mapped_column(Integer, default=0)  # +1 on every file added or removed
    checked_generation: Mapped[int | None] = mapped_column(Integer, nullable=True)  # what the last check covered
    token_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    token_revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CaseFileRow(Base):
    __tablename__ = "case_files"
    __table_args__ = (UniqueConstraint("case_id", "sha256"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # upload order
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(64))
    pages: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(String(64), default="citizen")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # audited removal
    removed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CasePageRow(Base):
    __tablename__ = "case_pages"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | failed
    document_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


class CheckResultRow(Base):
    __tablename__ = "check_results"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(32))
    result_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    generation: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AuditRow(Base):
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str | None] = mapped_column(String(32), index=True, nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    detail_json: Mapped[str] = mapped_column(Text, default="{}")


class UserRow(Base):
    __tablename__ = "users"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16))  # clerk | reviewer
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebSessionRow(Base):
    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie's value
    user: Mapped[str] = mapped_column(ForeignKey("users.name"))
    csrf: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)  # idle timeout


class ReviewRow(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    reviewer: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))  # approved | returned
    comment: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class OverrideRow(Base):
    __tablename__ = "overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    page: Mapped[int] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(String(64), nullable=True)
    value: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ArchiveRow(Base):
    """材料复用: a material verified in an accepted case, kept under its holder (ID number / credit code)."""

    __tablename__ = "material_archive"
    __table_args__ = (UniqueConstraint("holder", "material", "source_case"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    holder: Mapped[str] = mapped_column(String(32), index=True)
    material: Mapped[str] = mapped_column(String(64))
    valid_until: Mapped[str | None] = mapped_column(String(10), nullable=True)
    fields_json: Mapped[str] = mapped_column(Text, default="{}")
    documents_json: Mapped[str] = mapped_column(Text, default="[]")
    source_case: Mapped[str] = mapped_column(String(32), index=True)
    item: Mapped[str] = mapped_column(String(128), default="")
    verified_on: Mapped[str] = mapped_column(String(10))
    verified_by: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revoke_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class PromiseRow(Base):
    """容缺: what the applicant promised to supply, by when (fixed when the case was accepted with tolerance)."""

    __tablename__ = "tolerance_promises"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    material: Mapped[str] = mapped_column(String(64))
    promised_on: Mapped[str] = mapped_column(String(10))
    deadline: Mapped[str] = mapped_column(String(10), index=True)
    unverified: Mapped[bool] = mapped_column(Boolean, default=False)
    fulfilled_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class SupplementRow(Base):
    """A file added to an open case after its first check (补交), with the day it was received."""

    __tablename__ = "supplements"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    received_on: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


def _normalise(url: str) -> str:
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (fast no-op when it already is)."""
    insp = inspect(engine)
    if insp.has_table("alembic_version"):
        with engine.connect() as conn:
            current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        if current == HEAD:
            return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


_ENGINES: dict[str, Engine] = {}


def make_engine(url: str) -> Engine:
    """One engine per URL per process, migrated; SQLite in WAL mode so readers don't block."""
    if url in _ENGINES:
        return _ENGINES[url]
    real = _normalise(url)
    kwargs: dict = {}
    db_file = Path(real.removeprefix("sqlite:///")) if real.startswith("sqlite:///") else None
    if db_file is not None:
        from yichuang.config import private_dir

        private_dir(db_file.parent)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(real, **kwargs)
        if real.startswith("sqlite"):
            @event.listens_for(engine, "connect")
            def _wal(dbapi_conn, _record):  # noqa: ANN001
                dbapi_conn.execute("PRAGMA journal_mode=WAL")
                dbapi_conn.execute("PRAGMA synchronous=NORMAL")
        migrate(engine)
        for f in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")) if db_file is not None else ():
            if f.exists():
                f.chmod(0o600)  # staff hashes and personal data: the owner only
    except StorageError:
        raise
    except Exception as exc:  # noqa: BLE001 - any driver error means the same thing to the user
        raise StorageError(f"cannot open the database {url.split('@')[-1]}: {exc.__class__.__name__}: "
                           f"{str(exc).splitlines()[0][:160]}; check YICHUANG_DATABASE_URL") from exc
    _ENGINES[url] = engine
    return engine
