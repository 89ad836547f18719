"""Configuration from the environment (names and defaults fixed by CONTRACT.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    home: Path
    storage_url: str
    database_url: str
    broker_url: str | None
    ocr_engine: str
    # OCR threads in each Celery worker process: workers scale by processes (one per core), and
    # one onnxruntime thread each keeps two workers on two cores from taking turns on both
    worker_ocr_threads: int = 1


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    home = Path(env.get("YICHUANG_HOME") or Path.home() / ".local" / "share" / "yichuang").expanduser()
    return Settings(
        home=home,
        storage_url=env.get("YICHUANG_STORAGE_URL") or f"file://{home / 'objects'}",
        database_url=env.get("YICHUANG_DATABASE_URL") or f"sqlite:///{home / 'yichuang.db'}",
        broker_url=env.get("YICHUANG_BROKER_URL") or None,
        ocr_engine=env.get("YICHUANG_OCR_ENGINE") or "ppocr",
        worker_ocr_threads=_positive_int(env.get("YICHUANG_WORKER_OCR_THREADS"), 1),
    )


def _positive_int(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.strip().isdigit() and int(raw) > 0 else default


def private_dir(path: Path, tighten: bool = False) -> Path:
    """Create a folder readable by the owner only (0700). ``tighten``: an existing one of ours too
    (YICHUANG_HOME); a shared folder that holds a database elsewhere (e.g. /tmp) is left alone."""
    existed = path.exists()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if (not existed or tighten) and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path
