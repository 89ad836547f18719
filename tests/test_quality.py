"""The quality gate: each defect named in words a citizen can act on; good photos pass."""

from __future__ import annotations

import pytest
from yichuang.ingest import quality
from yichuang.samples.degrade import degrade
from yichuang.samples.generate import iter_samples

SAMPLES = [(style, page, img) for style, page, img in
           iter_samples(1, ("scan", "camera", "phone"), seed=5, materials=["id_card", "lease_contract"])]


@pytest.mark.parametrize("n", range(len(SAMPLES)))
def test_good_captures_pass(n):
    style, page, img = SAMPLES[n]
    assert quality.assess(img).usable, (style, page.material, quality.measures(img))


@pytest.mark.parametrize("defect,advice", [("blurred", quality.BLURRED), ("dark", quality.DARK),
                                           ("glare", quality.GLARE), ("cut_off", quality.CUT_OFF),
                                           ("too_small", quality.TOO_SMALL)])
def test_each_defect_is_named(defect, advice):
    photos = [img for style, _, img in SAMPLES if style != "scan"]
    for n, img in enumerate(photos):
        q = quality.assess(degrade(img, defect, n))
        assert not q.usable and advice in q.problems, (defect, q.problems)


def test_blurred_photo_is_reported_in_the_check_and_the_notice(tmp_path):
    from datetime import date

    from yichuang.checkers.case import check_case
    from yichuang.checkers.rules import load_rulesets
    from yichuang.extractors.document import read_document
    from yichuang.extractors.ocr import get_engine
    from yichuang.ingest.pages import PageContent

    from yichuang.pipeline import read_page

    _, page, img = next(s for s in SAMPLES if s[0] == "phone")
    bad = degrade(img, "blurred", 1)
    ocr = read_page(PageContent(page=1, width=bad.width, height=bad.height, image=bad), "blurred.jpg", "b-1",
                    get_engine("ppocr"))
    doc = read_document(ocr)
    assert doc.quality.usable is False and quality.BLURRED in doc.quality.problems
    result = check_case([doc], ["dog_registration"], load_rulesets(), date(2026, 11, 23))
    assert result.documents[0].quality.problems == [quality.BLURRED]
    assert "第1份材料第1页：" in result.notice and "重拍" in result.notice and "blurred.jpg" not in result.notice
    assert "2026年11月23日" in result.notice and "2026-11-23" not in result.notice  # dates as people write them


def test_yichuang_check_says_which_photo_to_retake(tmp_path):
    from tests.test_cli_ocr import run

    _, _, img = next(s for s in SAMPLES if s[0] == "camera")
    degrade(img, "dark", 2).save(tmp_path / "dark.jpg", quality=85)
    proc = run(["check", "--matter", "dog_registration", "--as-of", "2026-11-23", str(tmp_path / "dark.jpg")],
               tmp_path / "h")
    assert proc.returncode == 0 and "请重拍" in proc.stdout and quality.DARK in proc.stdout
