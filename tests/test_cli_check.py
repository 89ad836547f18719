"""`yichuang check` contract: exit codes, JSON errors, notice files, facts — without OCR (text PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.pdfs import make_pdf
from tests.test_cli_ocr import run


@pytest.fixture
def dog_case(tmp_path) -> Path:
    """A dog registration as text-layer PDFs (read from the layer: no OCR needed)."""
    from tests.checkhelp import ZHANG

    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "1-form.pdf").write_bytes(make_pdf([[
        "养犬登记申请表", "犬主姓名：张三", f"身份证号码：{ZHANG}", "住址：北京市朝阳区建国路88号1单元302室",
        "犬只品种：柯基犬", "联系电话：13812345678"]]))
    (folder / "2-id.pdf").write_bytes(make_pdf([[
        "姓名 张三", "性别 男 民族 汉", "出生 1990年3月7日", "住址 北京市朝阳区建国路88号1单元302室",
        f"公民身份号码 {ZHANG}"], ["中华人民共和国", "居民身份证", "签发机关 北京市公安局朝阳分局",
                                 "有效期限 2020.05.01-2040.05.01"]]))
    (folder / "3-vacc.pdf").write_bytes(make_pdf([[
        "犬只狂犬病免疫证明", "犬主姓名：张三", "犬只品种：柯基犬", "免疫日期：2026年9月1日", "有效期至：2027年9月1日"]]))
    return folder


def test_check_json_contract(tmp_path, dog_case):
    proc = run(["check", "--json", "--matter", "dog_registration", "--as-of", "2026-11-23", str(dog_case)],
               tmp_path / "h")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "yichuang.check/1"
    assert doc["matters"] == ["dog_registration"] and doc["as_of"] == "2026-11-23"
    assert doc["verdict"] == "accept_with_tolerance"
    for m in doc["materials"]:
        assert set(m) >= {"item", "material", "role", "requirement", "status", "alternatives", "documents",
                          "reasons", "shared_by"}
    owner = next(m for m in doc["materials"] if m["item"] == "owner's ID")
    assert owner["documents"] == [f"{dog_case}/2-id.pdf#1", f"{dog_case}/2-id.pdf#2"]  # front + back merged
    assert [(Path(d["source"]).name, d["page"], d["material"]) for d in doc["documents"]] == [
        ("1-form.pdf", 1, "dog_registration_form"), ("2-id.pdf", 1, "id_card"), ("2-id.pdf", 2, "id_card"),
        ("3-vacc.pdf", 1, "dog_vaccination_cert")]
    assert doc["documents"][0]["quality"] == {"usable": True, "problems": []}
    assert doc["form"]["owner_name"]["value"] == "张三"
    assert doc["saved"] == {"materials_separately": 4, "materials_in_bundle": 4, "materials_reused": 0}
    assert doc["notice"].startswith("一次性告知书")


def test_human_summary_masks_ids_and_shows_the_verdict(tmp_path, dog_case):
    from tests.checkhelp import ZHANG

    proc = run(["check", "--matter", "dog_registration", "--as-of", "2026-11-23", str(dog_case)], tmp_path / "h")
    assert proc.returncode == 0
    assert "容缺受理" in proc.stdout and ZHANG not in proc.stdout


@pytest.mark.parametrize("suffix", ["html", "pdf"])
def test_notice_file(tmp_path, dog_case, suffix):
    out = tmp_path / f"notice.{suffix}"
    proc = run(["check", "--matter", "dog_registration", "--as-of", "2026-11-23", "--notice", str(out),
                str(dog_case)], tmp_path / "h")
    assert proc.returncode == 0 and out.stat().st_size > 500
    if suffix == "html":
        text = out.read_text(encoding="utf-8")
        assert "一次性告知书" in text and "住所证明" in text and "2026年12月7日" in text
    else:
        assert out.read_bytes().startswith(b"%PDF")


def test_unknown_matter_is_exit_2_with_json_error(tmp_path, dog_case):
    proc = run(["check", "--json", "--matter", "fishing_licence", str(dog_case)], tmp_path / "h")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["code"] == "unknown_matter"
    assert "unknown matter 'fishing_licence'" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args,needle", [(["--fact", "agent"], "KEY=VALUE"), (["--as-of", "23/11/2026"], "YYYY-MM-DD")])
def test_bad_options_explain_themselves(tmp_path, dog_case, args, needle):
    proc = run(["check", "--json", "--matter", "dog_registration", *args, str(dog_case)], tmp_path / "h")
    assert proc.returncode == 2 and needle in proc.stderr
    assert json.loads(proc.stdout)["error"]["code"] == "bad_usage"


def test_an_unreadable_file_is_reported_and_the_rest_still_checked(tmp_path, dog_case):
    (dog_case / "4-broken.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * 10)
    proc = run(["check", "--json", "--matter", "dog_registration", "--as-of", "2026-11-23", str(dog_case)],
               tmp_path / "h")
    assert proc.returncode == 2
    doc = json.loads(proc.stdout)
    assert doc["verdict"] == "accept_with_tolerance" and len(doc["documents"]) == 4
    assert doc["error"]["code"] == "corrupt_file" and doc["errors"][0]["source"].endswith("4-broken.jpg")


def test_rulesets_check_command(tmp_path):
    proc = run(["rulesets", "check"], tmp_path / "h")
    assert proc.returncode == 0 and "16 materials" in proc.stdout
