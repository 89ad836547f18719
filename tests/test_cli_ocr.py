"""`yichuang ocr` as CONTRACT.md fixes it, and bad input handled without a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import encode
from tests.helpers.pdfs import make_pdf


def run(args: list[str], home: Path, **env) -> subprocess.CompletedProcess:
    exe = shutil.which("yichuang", path=str(Path(sys.executable).parent))
    cmd = [exe] if exe else [sys.executable, "-m", "yichuang.service.cli"]
    full_env = {**os.environ, "YICHUANG_HOME": str(home), **env}
    return subprocess.run(cmd + args, capture_output=True, text=True, env=full_env, timeout=300)


@pytest.fixture
def pdf_path(tmp_path) -> Path:
    path = tmp_path / "licence.pdf"
    path.write_bytes(make_pdf([["营业执照", "统一社会信用代码：91350100M000100Y43"], ["第二页"]]))
    return path


def test_ocr_json_contract_on_text_layer_pdf(tmp_path, pdf_path):
    proc = run(["ocr", "--json", str(pdf_path)], tmp_path / "h")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)  # exactly one JSON document, nothing else on stdout
    assert doc["schema"] == "yichuang.ocr/1"
    assert [(p["source"], p["page"], p["engine"]) for p in doc["pages"]] == [
        (str(pdf_path), 1, "pdf-text"), (str(pdf_path), 2, "pdf-text")]
    line = doc["pages"][0]["lines"][1]
    assert line["text"] == "统一社会信用代码：91350100M000100Y43"
    assert len(line["box"]) == 4 and all(len(p) == 2 for p in line["box"])
    assert 0 <= line["confidence"] <= 1


def test_bad_inputs_exit_2_with_one_line_each_and_good_files_still_read(tmp_path, pdf_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.jpg").write_bytes(b"")
    (bad / "notes.jpg").write_text("这是一段文字，不是照片")
    (bad / "half.jpg").write_bytes(encode(Image.new("RGB", (900, 600), "white"), "JPEG")[:400])
    (bad / "locked.pdf").write_bytes(make_pdf([["机密"]], password="pw"))
    (bad / "anim.gif").write_bytes(encode(Image.new("RGB", (10, 10)), "GIF"))
    proc = run(["ocr", "--json", str(bad), str(pdf_path), str(tmp_path / "missing.png")], tmp_path / "h")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    doc = json.loads(proc.stdout)
    assert [p["page"] for p in doc["pages"]] == [1, 2]  # the good PDF was still read
    codes = {Path(e["source"]).name: e["code"] for e in doc["errors"]}
    assert codes == {"anim.gif": "unsupported_type", "empty.jpg": "empty_file", "half.jpg": "corrupt_file",
                     "locked.pdf": "password_protected", "notes.jpg": "unsupported_type",
                     "missing.png": "bad_input"}
    err_lines = [x for x in proc.stderr.splitlines() if x.startswith("error:")]
    assert len(err_lines) == 6
    assert any("去掉密码" in x for x in err_lines)
    assert any("文件名是 .jpg" in x and "纯文字" in x for x in err_lines)


def test_usage_error_is_exit_2_and_json_error(tmp_path):
    proc = run(["ocr", "--json"], tmp_path / "h")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["code"] == "bad_usage"
    assert "Traceback" not in proc.stderr


def test_human_listing_masks_id_numbers(tmp_path):
    path = tmp_path / "id.pdf"
    path.write_bytes(make_pdf([["公民身份号码 11010519491231002X", "电话 13812345678"]]))
    proc = run(["ocr", str(path)], tmp_path / "h")
    assert proc.returncode == 0
    assert "11010519491231002X" not in proc.stdout and "110105********002X" in proc.stdout
    assert "138****5678" in proc.stdout
