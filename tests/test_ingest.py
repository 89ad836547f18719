"""Ingest: every capture type in, type from bytes, EXIF applied, bad input explained."""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image
from yichuang.ingest import count_pages, expand_paths, iter_pages, sniff
from yichuang.ingest.sniff import extension_mismatch

from tests.conftest import encode
from tests.helpers.pdfs import make_pdf
from yichuang import errors


def _page() -> Image.Image:
    img = Image.new("RGB", (300, 200), "white")
    img.paste((200, 30, 30), (0, 0, 100, 50))  # red mark top-left: shows orientation
    return img


@pytest.mark.parametrize("fmt,media", [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("TIFF", "image/tiff"),
                                       ("BMP", "image/bmp"), ("WEBP", "image/webp")])
def test_sniff_and_decode_each_image_type(fmt, media):
    data = encode(_page(), fmt)
    assert sniff(data) == media
    pages = list(iter_pages(data, media))
    assert [(p.page, p.width, p.height) for p in pages] == [(1, 300, 200)]
    assert pages[0].image.mode == "RGB"


def test_heic_photo_is_read():
    import pillow_heif

    pillow_heif.register_heif_opener()
    data = encode(_page(), "HEIF", quality=90)
    assert sniff(data) == "image/heic"
    (page,) = iter_pages(data, "image/heic")
    assert (page.width, page.height) == (300, 200)
    r, g, b = page.image.getpixel((20, 20))
    assert r > 150 and g < 100  # the red mark survived decoding in place


def test_multipage_tiff_gives_every_page():
    frames = [_page(), Image.new("RGB", (300, 200), "gray"), Image.new("RGB", (120, 80), "black")]
    data = encode(frames[0], "TIFF", save_all=True, append_images=frames[1:])
    assert count_pages(data, "image/tiff") == 3
    pages = list(iter_pages(data, "image/tiff"))
    assert [(p.page, p.width) for p in pages] == [(1, 300), (2, 300), (3, 120)]


def test_exif_orientation_is_applied():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: viewer must turn 90° clockwise
    data = encode(_page().transpose(Image.Transpose.ROTATE_90), "JPEG", exif=exif, quality=95)
    (page,) = iter_pages(data, "image/jpeg")
    assert (page.width, page.height) == (300, 200)
    r, g, _ = page.image.getpixel((20, 20))
    assert r > 150 and g < 100


def test_type_comes_from_bytes_not_extension(tmp_path):
    png_named_jpg = tmp_path / "scan.jpg"
    png_named_jpg.write_bytes(encode(_page(), "PNG"))
    assert sniff(png_named_jpg.read_bytes()) == "image/png"
    assert "文件名是 .jpg" in extension_mismatch(png_named_jpg.name, "image/png")
    assert extension_mismatch("a.png", "image/png") is None


def test_folders_are_read_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ["b/2.png", "b/10.png", "a.png", "C.png", ".hidden.png", "truth.json"]:
        (tmp_path / name).write_bytes(b"x")
    files, errors_, skipped = expand_paths([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.png", "b/10.png", "b/2.png", "C.png"]
    assert skipped == [str(tmp_path / "truth.json")] and errors_ == []


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    files, errs, _ = expand_paths([tmp_path / "nope.jpg"])
    assert files == [] and "no such file" in errs[0][1].message


# ---- PDFs ---------------------------------------------------------------------------------

def test_text_layer_pdf_is_read_from_the_layer():
    data = make_pdf([["营业执照", "统一社会信用代码：91350100M000100Y43", "名称：福州市某某餐饮有限公司"]])
    (page,) = iter_pages(data, "application/pdf")
    assert page.image is None
    texts = [line.text for line in page.text_lines]
    assert texts == ["营业执照", "统一社会信用代码：91350100M000100Y43", "名称：福州市某某餐饮有限公司"]
    box = page.text_lines[0].box
    assert box[0][0] < box[1][0] and box[0][1] < box[2][1]  # a real box, top-left to bottom-right


def test_mixed_pdf_is_decided_page_by_page():
    scan = Image.new("RGB", (620, 877), "white")
    data = make_pdf([["第一页有文字层", "第二行文字"], scan, ["第三页也有文字层"]])
    pages = list(iter_pages(data, "application/pdf"))
    assert [p.text_lines is not None for p in pages] == [True, False, True]
    assert pages[1].image is not None and pages[1].image.width == round(595.27 * 200 / 72)


# ---- bad input ----------------------------------------------------------------------------

def test_zero_byte_file():
    with pytest.raises(errors.EmptyFileError, match="空的"):
        sniff(b"")


def test_unsupported_type_says_what_to_upload():
    with pytest.raises(errors.UnsupportedTypeError, match="请上传 JPEG、PNG"):
        sniff(b"GIF89a" + b"\0" * 40)
    with pytest.raises(errors.UnsupportedTypeError, match="纯文字"):
        sniff("这不是图片".encode())


def test_truncated_jpeg():
    data = encode(_page().resize((1200, 800)), "JPEG", quality=95)
    cut = data[: len(data) // 2]
    with pytest.raises(errors.CorruptFileError, match="不完整"):
        list(iter_pages(cut, sniff(cut)))


def test_password_protected_pdf():
    data = make_pdf([["机密"]], password="secret")
    with pytest.raises(errors.PasswordProtectedError, match="去掉密码"):
        count_pages(data, sniff(data))


def test_truncated_pdf():
    data = make_pdf([["一页"]])[:300]
    with pytest.raises(errors.CorruptFileError):
        count_pages(data, sniff(data))


def _png_claiming(width: int, height: int) -> bytes:
    data = bytearray(encode(Image.new("L", (8, 8)), "PNG"))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def test_decompression_bomb_is_refused():
    data = _png_claiming(40000, 40000)
    with pytest.raises(errors.TooLargeError, match="无法安全解码"):
        list(iter_pages(data, sniff(data)))


def test_pdfium_is_never_entered_by_two_threads_at_once(monkeypatch):
    """pdfium is not thread-safe: parallel renders (two decode slots, parallel page-image requests)
    crashed the server under load. Every pdfium call holds one process-wide lock."""
    import threading
    import time

    import pypdfium2
    from yichuang.ingest import pages as P

    inside, most = [0], [0]
    guard = threading.Lock()

    def enter():
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.05)
        with guard:
            inside[0] -= 1

    class Page:
        def get_size(self):
            return 595.0, 842.0

        def render(self, scale):
            enter()
            return self

        def to_pil(self):
            return Image.new("RGB", (8, 8), "white")

        def close(self):
            enter()

    class Doc:
        def __init__(self, data):
            enter()

        def __getitem__(self, i):
            return Page()

        def close(self):
            enter()

    monkeypatch.setattr(pypdfium2, "PdfDocument", Doc)

    def one():
        r = P._Renderer(b"%PDF")
        r.render(0)
        r.close()

    threads = [threading.Thread(target=one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
