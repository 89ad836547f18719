"""S3 object store on the ``minio`` SDK: MinIO, or any S3 server (SeaweedFS in the tests).

URL: ``s3://ACCESS:SECRET@host:port/bucket`` (``s3s://`` for TLS). The bucket is created if
absent. Keys are content-addressed (``objects/ab/<sha256>``), so a second upload of the same
bytes stores nothing; metadata (original name, media type, pages) rides on the object.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import quote, unquote, urlparse

from yichuang.storage.base import ObjectInfo, register_backend, sha256_hex

from yichuang.errors import NotFoundError, StorageError, UsageError

PART_SIZE = 8 * 1024 * 1024


class S3ObjectStore:
    def __init__(self, endpoint: str, access_key: str, secret_key: str, bucket: str, secure: bool) -> None:
        from minio import Minio

        self.bucket = bucket
        self.url = f"{'s3s' if secure else 's3'}://{endpoint}/{bucket}"  # no secret in the printable form
        self.client = Minio(endpoint, access_key=access_key, secret_key=secret_key, secure=secure)
        try:
            if not self.client.bucket_exists(bucket):
                self.client.make_bucket(bucket)
        except Exception as exc:  # noqa: BLE001 - network, auth and S3 errors all mean: fix the URL
            raise StorageError(f"cannot reach object storage at {self.url} ({exc.__class__.__name__}: "
                               f"{str(exc)[:120]}): check YICHUANG_STORAGE_URL and that the server runs") from exc

    @staticmethod
    def _key(key: str) -> str:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise NotFoundError(f"'{key}' is not an object key (a sha256 in hex)")
        return f"objects/{key[:2]}/{key}"

    def put(self, data: bytes, meta: dict[str, str] | None = None) -> str:
        key = sha256_hex(data)
        if self.exists(key):
            return key
        headers = {k: quote(str(v), safe="") for k, v in (meta or {}).items() if k != "media_type"}
        try:
            self.client.put_object(self.bucket, self._key(key), io.BytesIO(data), len(data),
                                   content_type=(meta or {}).get("media_type", "application/octet-stream"),
                                   metadata=headers, part_size=PART_SIZE)
        except Exception as exc:  # noqa: BLE001
            raise StorageError(f"could not store the upload in {self.url} ({exc.__class__.__name__}): "
                               "nothing was recorded; try again") from exc
        return key

    def get(self, key: str) -> bytes:
        from minio.error import S3Error

        try:
            resp = self.client.get_object(self.bucket, self._key(key))
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject"):
                raise NotFoundError(f"object {key[:12]}… is not in {self.url}") from exc
            raise StorageError(f"object storage error {exc.code} at {self.url}") from exc
        try:
            return resp.read()
        finally:
            resp.close()
            resp.release_conn()

    def exists(self, key: str) -> bool:
        try:
            self.stat(key)
            return True
        except NotFoundError:
            return False

    def stat(self, key: str) -> ObjectInfo:
        from minio.error import S3Error

        try:
            st = self.client.stat_object(self.bucket, self._key(key))
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "NotFound"):
                raise NotFoundError(f"object {key[:12]}… is not in {self.url}") from exc
            raise StorageError(f"object storage error {exc.code} at {self.url}") from exc
        return ObjectInfo(key=key, size=int(st.size or 0))

    def metadata(self, key: str) -> dict[str, str]:
        st = self.client.stat_object(self.bucket, self._key(key))
        out = {k.lower().removeprefix("x-amz-meta-"): unquote(v) for k, v in (st.metadata or {}).items()
               if k.lower().startswith("x-amz-meta-")}
        out["media_type"] = st.content_type or ""
        return out

    def keys(self) -> Iterator[str]:
        for obj in self.client.list_objects(self.bucket, prefix="objects/", recursive=True):
            yield obj.object_name.rsplit("/", 1)[-1]

    def presign(self, key: str, expires_s: int = 900) -> str:
        return self.client.presigned_get_object(self.bucket, self._key(key), expires=timedelta(seconds=expires_s))


@register_backend("s3", "s3s")
def _open(url: str) -> S3ObjectStore:
    parsed = urlparse(url)
    bucket = parsed.path.strip("/")
    if not (parsed.hostname and parsed.username and parsed.password and bucket):
        raise UsageError("YICHUANG_STORAGE_URL for S3 is s3://ACCESS:SECRET@host:port/bucket (s3s:// for TLS)")
    endpoint = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
    return S3ObjectStore(endpoint, unquote(parsed.username), unquote(parsed.password), bucket,
                         secure=parsed.scheme == "s3s")
