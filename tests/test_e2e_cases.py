"""End to end: generated sample cases through `yichuang check --json` (real OCR), one per situation."""

from __future__ import annotations

import json

import pytest
from yichuang.samples.cases import SCENARIOS, write_case

from tests.test_cli_ocr import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")  # one OCR cache: pages shared by variants are read once


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_case(name, tmp_path, shared_home):
    meta = write_case(name, tmp_path)
    args = ["check", "--json", "--as-of", meta["as_of"]]
    for m in meta["matters"]:
        args += ["--matter", m]
    proc = run([*args, str(tmp_path / name)], shared_home)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    expect = meta["expect"]
    statuses = {m["item"]: m["status"] for m in result["materials"]}
    assert result["verdict"] == expect["verdict"], result["notice"]
    assert {k: statuses.get(k) for k in expect["status"]} == expect["status"]
    if "saved" in expect:
        assert [result["saved"]["materials_separately"], result["saved"]["materials_in_bundle"]] == expect["saved"]
    assert all(d["material"] != "unknown" for d in result["documents"])
    assert [d["page"] for d in result["documents"]] == [1] * len(result["documents"])


def test_committed_sample_cases_still_check_as_recorded(shared_home):
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "samples" / "cases"
    for case in sorted(p for p in root.iterdir() if p.is_dir()):
        meta = json.loads((case / "case.json").read_text(encoding="utf-8"))
        args = ["check", "--json", "--as-of", meta["as_of"]] + [x for m in meta["matters"] for x in ("--matter", m)]
        result = json.loads(run([*args, str(case)], shared_home).stdout)
        assert result["verdict"] == meta["expect"]["verdict"], case.name
