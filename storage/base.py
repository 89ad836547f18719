"""The object-store interface and the registry of backends chosen by URL scheme."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable
from urllib.parse import urlparse

from yichuang.errors import UsageError


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int


@runtime_checkable
class ObjectStore(Protocol):
    """Content-addressed, write-once object storage."""

    url: str

    def put(self, data: bytes, meta: dict[str, str] | None = None) -> str:
        """Store bytes durably; return their key (sha256 hex). Idempotent."""

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def stat(self, key: str) -> ObjectInfo: ...

    def keys(self) -> Iterator[str]: ...

    def presign(self, key: str, expires_s: int = 900) -> str:
        """A URL to download the object (S3: presigned; local: file://)."""


_BACKENDS: dict[str, Callable[[str], ObjectStore]] = {}


def register_backend(*schemes: str) -> Callable[[Callable[[str], ObjectStore]], Callable[[str], ObjectStore]]:
    def deco(factory: Callable[[str], ObjectStore]) -> Callable[[str], ObjectStore]:
        for scheme in schemes:
            _BACKENDS[scheme] = factory
        return factory

    return deco


def open_object_store(url: str) -> ObjectStore:
    import yichuang.storage.local  # noqa: F401  (registers file://)
    import yichuang.storage.s3  # noqa: F401  (registers s3://, s3s://; the minio SDK loads on first use)

    scheme = urlparse(url).scheme or "file"
    if scheme not in _BACKENDS:
        known = ", ".join(sorted(f"{s}://" for s in _BACKENDS))
        raise UsageError(f"YICHUANG_STORAGE_URL scheme '{scheme}://' is not supported: use one of {known}")
    return _BACKENDS[scheme](url)
