"""Name a file's type from its first bytes."""

from __future__ import annotations

from yichuang.errors import EmptyFileError, UnsupportedTypeError

MEDIA_TYPES = {
    "image/jpeg": (".jpg", ".jpeg", ".jpe"),
    "image/png": (".png",),
    "image/tiff": (".tif", ".tiff"),
    "image/bmp": (".bmp", ".dib"),
    "image/webp": (".webp",),
    "image/heic": (".heic", ".heif", ".hif"),
    "application/pdf": (".pdf",),
}

ACCEPTED = "JPEG, PNG, TIFF, BMP, WebP, HEIC or PDF"

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif", b"avif"}


def _describe_other(head: bytes) -> str:
    if head.startswith(b"GIF8"):
        return "a GIF animation"
    if head.startswith(b"PK\x03\x04"):
        return "a ZIP archive or Office document"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Office document"
    if head[:5].lower() in (b"<html", b"<!doc"):
        return "a web page"
    try:
        import codecs

        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
        return "plain text"
    except UnicodeDecodeError:
        return "an unknown binary format"


def sniff(data: bytes) -> str:
    """Return the media type of ``data`` or raise a fix-it error."""
    if not data:
        raise EmptyFileError("file is empty (0 bytes): capture or copy it again")
    head = data[:32]
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "image/tiff"
    if head.startswith(b"BM") and len(data) > 26:
        return "image/bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        if head[8:12] == b"avif":
            raise UnsupportedTypeError(f"file is an AVIF image, which is not supported: convert it to JPEG and upload {ACCEPTED}")
        return "image/heic"
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    raise UnsupportedTypeError(
        f"file is {_describe_other(head)}, not a document image or PDF: upload {ACCEPTED}"
    )


def extension_mismatch(name: str, media_type: str) -> str | None:
    """A note when the file name's extension claims another document type (the bytes win)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = next((mt for mt, exts in MEDIA_TYPES.items() if suffix in exts), None)
    if claimed and claimed != media_type:
        return f"named {suffix} but its content is {media_type}; read as {media_type}"
    return None
