"""Storage: originals in an object store, metadata and caches in a SQL database.

Contract: ``open_object_store(url)`` returns an ``ObjectStore`` chosen by the URL scheme
(``file://`` local directory by default; ``s3://`` and ``s3s://`` in ``storage/s3.py``). Objects are
content-addressed by sha256, so storing the same bytes twice stores them once and an
object, once written, is never changed or removed by the pipeline. ``MetaStore`` keeps
what is known about each object and the OCR cache keyed by page content.
"""

from yichuang.storage.base import ObjectInfo, ObjectStore, open_object_store, sha256_hex
from yichuang.storage.meta import MetaStore

__all__ = ["MetaStore", "ObjectInfo", "ObjectStore", "open_object_store", "sha256_hex"]
