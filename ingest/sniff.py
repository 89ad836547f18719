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

ACCEPTED = "JPEG、PNG、TIFF、BMP、WebP、HEIC 或 PDF"

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif", b"avif"}


def _describe_other(head: bytes) -> str:
    if head.startswith(b"GIF8"):
        return "GIF 动图"
    if head.startswith(b"PK\x03\x04"):
        return "ZIP 压缩包或 Office 文档"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "旧版 Office 文档"
    if head[:5].lower() in (b"<html", b"<!doc"):
        return "网页"
    try:
        import codecs

        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
        return "纯文字"
    except UnicodeDecodeError:
        return "无法识别的格式"


def sniff(data: bytes) -> str:
    """Return the media type of ``data`` or raise a fix-it error."""
    if not data:
        raise EmptyFileError("文件是空的（0 字节）：请重新拍摄或复制后再上传")
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
            raise UnsupportedTypeError(f"文件是 AVIF 图片，暂不支持：请转成 JPEG 后上传（可上传 {ACCEPTED}）")
        return "image/heic"
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    raise UnsupportedTypeError(
        f"文件是{_describe_other(head)}，不是材料照片或 PDF：请上传 {ACCEPTED}"
    )


def extension_mismatch(name: str, media_type: str) -> str | None:
    """A note when the file name's extension claims another document type (the bytes win)."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = next((mt for mt, exts in MEDIA_TYPES.items() if suffix in exts), None)
    if claimed and claimed != media_type:
        return f"文件名是 {suffix}，但内容是 {media_type}：按 {media_type} 读取"
    return None
