"""Local-directory object store: the embedded default (``file:///path``)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from yichuang.storage.base import ObjectInfo, register_backend, sha256_hex

from yichuang.errors import NotFoundError, StorageError


class LocalObjectStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.url = f"file://{self.root}"
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(
                f"cannot create the storage folder {self.root} ({exc.strerror}): "
                "set YICHUANG_HOME or YICHUANG_STORAGE_URL to a writable place"
            ) from exc

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise NotFoundError(f"'{key}' is not an object key (a sha256 in hex)")
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes, meta: dict[str, str] | None = None) -> str:
        key = sha256_hex(data)
        path = self._path(key)
        if path.exists() and path.stat().st_size == len(data):
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temporary file, fsync, then rename: a crash never leaves a half object.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise StorageError(f"cannot write to {self.root} ({exc.strerror}): free some space or fix permissions") from exc
        return key

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise NotFoundError(f"object {key[:12]}… is not in {self.url}") from exc

    def exists(self, key: str) -> bool:
        return self._path(key).exists()

    def stat(self, key: str) -> ObjectInfo:
        path = self._path(key)
        if not path.exists():
            raise NotFoundError(f"object {key[:12]}… is not in {self.url}")
        return ObjectInfo(key=key, size=path.stat().st_size)

    def presign(self, key: str, expires_s: int = 900) -> str:
        return self._path(key).as_uri()

    def keys(self) -> Iterator[str]:
        for path in sorted(self.root.glob("??/??/*")):
            if not path.name.startswith(".tmp-"):
                yield path.name


@register_backend("file")
def _open(url: str) -> LocalObjectStore:
    parsed = urlparse(url)
    return LocalObjectStore(Path(unquote(parsed.netloc + parsed.path)))
