"""Configuration: one strict ``Settings`` model for every ``YICHUANG_*`` variable the code reads.

Sources, later wins: defaults < a config file (``YICHUANG_CONFIG=path.toml``, keys as field names
such as ``max_upload_mb = 25`` or as variable names such as ``YICHUANG_MAX_UPLOAD_MB = 25``) <
the environment. An unknown key or a bad value fails with a Chinese fix-it message (UsageError).
Nothing is read at import time: call ``load_settings()`` (names and defaults fixed by CONTRACT.md).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from yichuang.errors import UsageError

PREFIX = "YICHUANG_"
CONFIG_VAR = "YICHUANG_CONFIG"
# variables read by the test and bench tools only, not by the application
TOOL_VARS = frozenset({"YICHUANG_CONFIG", "YICHUANG_REGEN_GOLDEN"})

Positive = Field(gt=0)


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    home: Path
    storage_url: str = ""  # default: file://<home>/objects
    database_url: str = ""  # default: sqlite:///<home>/yichuang.db
    broker_url: str | None = None
    ocr_engine: str = "ppocr"
    # OCR threads in each Celery worker process: workers scale by processes (one per core), and
    # one onnxruntime thread each keeps two workers on two cores from taking turns on both
    worker_ocr_threads: int = Field(1, gt=0)
    # the OCR engine (extractors/ocr): profile, backend, intra-op threads (0 = one per core), arena
    ocr_profile: str = "fast"  # checked against the engine's profiles when the engine loads
    ocr_backend: Literal["onnxruntime", "openvino", "openvino-det"] = "onnxruntime"
    ocr_precision: Literal["f32", "bf16"] = "f32"  # the detector's under openvino-det
    ocr_threads: int = Field(0, ge=0)
    ocr_arena: Literal["", "all", "1", "small", "none", "0"] = ""
    paddleocr_models: str | None = None
    # the office printed on every notice
    centre: str = "政务服务中心"
    window: str = "综合受理窗口"
    centre_phone: str = ""
    centre_address: str = ""
    # sessions, accounts, citizen links
    cookie_secure: bool = False
    case_token_days: int = Field(30, gt=0)
    idle_minutes: int = Field(30, ge=0)
    min_password: int = Field(10, gt=0)
    lockout_after: int = Field(5, gt=0)
    lockout_minutes: int = Field(15, gt=0)
    # request and decode limits
    max_upload_mb: int = Field(25, gt=0)
    max_request_mb: int | None = Field(None, gt=0)  # default: max(100, 2 × max_upload_mb)
    max_files_per_request: int = Field(20, gt=0)
    max_body_kb: int = Field(128, gt=0)
    max_case_pages: int = Field(60, gt=0)
    max_frame_mp: float = Field(50.0, gt=0)
    max_page_mp: float = Field(16.0, gt=0)
    max_frames: int = Field(100, gt=0)
    max_pdf_pages: int = Field(500, gt=0)
    decode_slots: int = Field(2, gt=0)
    # rate limits "N/s", "N/min" or "N/hour"
    rate_create: str = "30/min"
    rate_upload: str = "120/min"
    rate_check: str = "60/min"
    rate_login: str = "20/min"
    # processes
    malloc_arenas: int = Field(2, ge=0)
    visibility_timeout: int = Field(300, gt=0)  # s
    debug: bool = False

    @field_validator("rate_create", "rate_upload", "rate_check", "rate_login")
    @classmethod
    def _rate(cls, value: str) -> str:
        count, _, per = value.partition("/")
        if not count.strip().isdigit() or per.strip() not in ("", "s", "sec", "min", "m", "hour", "h"):
            raise ValueError("rate")
        return value

    @field_validator("ocr_backend", "ocr_arena", "ocr_precision", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _derived(self) -> Settings:
        home = self.home.expanduser()
        object.__setattr__(self, "home", home)
        if not self.storage_url:
            object.__setattr__(self, "storage_url", f"file://{home / 'objects'}")
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{home / 'yichuang.db'}")
        if self.max_request_mb is None:
            object.__setattr__(self, "max_request_mb", max(100, 2 * self.max_upload_mb))
        return self


FIELDS = frozenset(Settings.model_fields)

_HINTS = {  # pydantic error type → what a value should look like
    "int_parsing": "应为整数（例如 25）", "int_from_float": "应为整数（例如 25）",
    "float_parsing": "应为数字（例如 16 或 16.5）", "bool_parsing": "应为 1/0、true/false 或 yes/no",
    "greater_than": "应大于 {gt}", "greater_than_equal": "应不小于 {ge}",
    "literal_error": "只能是 {expected}", "string_type": "应为文字", "int_type": "应为整数",
    "value_error": "限流格式应为 次数/时间单位，例如 30/min、5/s 或 600/hour",
}


def _key(name: str) -> str:
    """YICHUANG_MAX_UPLOAD_MB / max_upload_mb → max_upload_mb."""
    name = name.strip()
    return (name[len(PREFIX):] if name.upper().startswith(PREFIX) else name).lower()


def _var(field: str) -> str:
    return PREFIX + field.upper()


def read_config_file(path: Path) -> dict[str, object]:
    """The keys of a TOML config file, by field name (an unknown key fails)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"找不到配置文件 {path}（{CONFIG_VAR}）：请检查路径，或不设置 {CONFIG_VAR}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"配置文件 {path} 不是有效的 TOML：{exc}。请按 键 = 值 一行一项书写，"
                         "例如 max_upload_mb = 25") from None
    out: dict[str, object] = {}
    for name, value in raw.items():
        key = _key(name)
        if key not in FIELDS:
            raise UsageError(f"配置文件 {path} 中的 {name} 不是已知的配置项：请检查拼写，"
                             f"可用的有 {', '.join(sorted(FIELDS))}")
        out[key] = value
    return out


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Settings from a config file (``YICHUANG_CONFIG``) and the environment (``env`` in tests)."""
    env = dict(os.environ if env is None else env)
    values: dict[str, object] = {}
    where: dict[str, str] = {}
    config = env.get(CONFIG_VAR, "").strip()
    if config:
        for key, value in read_config_file(Path(config).expanduser()).items():
            values[key], where[key] = value, f"配置文件 {config} 中的 {key}"
    for name, raw in env.items():
        if not name.startswith(PREFIX) or name in TOOL_VARS:
            continue
        key = _key(name)
        if key not in FIELDS:
            raise UsageError(f"环境变量 {name} 不是已知的配置项：请检查拼写或删除它，"
                             f"可用的有 {', '.join(_var(f) for f in sorted(FIELDS))}")
        if raw == "":  # set but empty: the default, as before
            continue
        values[key], where[key] = raw, f"环境变量 {name}"
    values.setdefault("home", Path.home() / ".local" / "share" / "yichuang")
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise UsageError(_explain(exc, values, where)) from None


def _explain(exc: ValidationError, values: dict[str, object], where: dict[str, str]) -> str:
    lines = []
    for err in exc.errors():
        key = str(err["loc"][0]) if err["loc"] else ""
        ctx = {k: str(v).replace(" or ", "、") for k, v in (err.get("ctx") or {}).items()}
        hint = _HINTS.get(err["type"], "取值无效").format(**ctx)
        lines.append(f"{where.get(key, _var(key))} 的值 {values.get(key)!r} 无效：{hint}")
    return "配置有误：" + "；".join(lines) + "。请改正后重新启动"


def private_dir(path: Path, tighten: bool = False) -> Path:
    """Create a folder readable by the owner only (0700). ``tighten``: an existing one of ours too
    (YICHUANG_HOME); a shared folder that holds a database elsewhere (e.g. /tmp) is left alone."""
    existed = path.exists()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if (not existed or tighten) and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path
