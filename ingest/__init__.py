"""Ingest: turn captured files into pages.

Contract: ``expand_paths`` lists the files behind the given paths (folders recursively, in
name order); ``sniff`` names a file's type from its bytes, never its extension;
``iter_pages(data, media_type)`` yields each page upright by EXIF as a ``PageContent``:
an RGB image to OCR, or for a PDF page with a usable text layer the text lines read from
that layer. Every unreadable input raises an ``InputError`` that says what to do.
"""

from yichuang.ingest.files import SIDECAR_SUFFIXES, expand_paths
from yichuang.ingest.pages import PageContent, count_pages, iter_pages, open_page
from yichuang.ingest.sniff import MEDIA_TYPES, sniff

__all__ = [
    "MEDIA_TYPES",
    "SIDECAR_SUFFIXES",
    "PageContent",
    "count_pages",
    "expand_paths",
    "iter_pages",
    "open_page",
    "sniff",
]
