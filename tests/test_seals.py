"""Seals: detection (golden cases), text under a seal, ring text, signatures, rules and checks."""

from __future__ import annotations

import json
import random
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from yichuang.checkers.case import check_case
from yichuang.checkers.seals import match_score
from yichuang.extractors.seals import _hsv, find_seals, ink_mask, prepare, unwarp_ring
from yichuang.extractors.signatures import find_signatures
from yichuang.rulesets import RULESETS_DIR, load_rulesets, load_rulesets_dir
from yichuang.samples.generate import captured
from yichuang.samples.materials import BUILDERS, CaseData
from yichuang.samples.render import Text, render, text_width
from yichuang.samples.seals import draw_fingerprint, draw_seal, draw_signature, photocopy

from tests import checkhelp as H
from yichuang.errors import RulesetError
from yichuang.labels import say
from yichuang.types import Line, Seal, SealScan, Signature

GOLDEN = json.loads((Path(__file__).parent / "data" / "seals" / "detect.json").read_text(encoding="utf-8"))


def _page(material: str, seed: int):
    data = CaseData.random(random.Random(seed))
    data.individual = False
    return BUILDERS[material](data, None), data


def _iou(a, b) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def _stamped(case: dict):
    page, _ = _page(case["material"], case["seed"])
    marks = [draw_seal(page.image, tuple(s["centre"]), s["text"], shape=s["shape"], colour=s["colour"],
                       size=s["size"], faded=s.get("faded", 0.0), angle=s.get("angle", 0.0), seed=case["seed"])
             for s in case["seals"]]
    return page, marks


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda c: f"{c['material']}-{c['style']}-{len(c['seals'])}")
def test_golden_detection(case):
    page, marks = _stamped(case)
    page.image.info["unsigned"] = True  # only the listed seals on the page
    clean = captured(page, "clean", case["seed"])
    cands, colour, _, _ = find_seals(clean)
    assert colour
    got = sorted((c.shape, c.colour, c.box) for c in cands)
    want = sorted((m.shape, m.colour, m.box) for m in marks)
    assert [g[:2] for g in got] == [w[:2] for w in want]
    for g, w in zip(got, want, strict=True):
        assert _iou(g[2], w[2]) >= 0.7, (g, w)
    # captured as the case says: still the same seals, same shapes and colours
    cands, colour, _, _ = find_seals(captured(page, case["style"], case["seed"]))
    assert sorted((c.shape, c.colour) for c in cands) == [w[:2] for w in want]


def test_red_text_and_the_desk_are_not_seals():
    page, _ = _page("lease_contract", 7)
    img = render([Text(100, 200, "红头文件标题：关于开展安全检查的通知", 40, "bold", (210, 30, 40))])
    page.image.paste(img.crop((0, 150, 1240, 300)), (0, 150))
    page.image.info["unsigned"] = True
    cands, colour, _, _ = find_seals(captured(page, "phone", 7))  # a reddish desk around the page
    assert colour and cands == []


def test_black_and_white_copy_cannot_tell_from_colour():
    page, _ = _stamped(GOLDEN["cases"][0])
    grey = photocopy(captured(page, "clean", 1))
    cands, colour, _, _ = find_seals(grey)
    assert (colour, cands) == (False, [])


def test_text_under_a_seal_is_kept_and_the_seal_ink_removed():
    page, _ = _page("business_license", 3)
    before = np.asarray(page.image.convert("L")) < 100
    mark = draw_seal(page.image, (640, 600), "上海市徐汇区市场监督管理局", seed=2)
    prep = prepare(page.image)
    x0, y0, x1, y1 = (int(v) for v in mark.box)
    out = np.asarray(prep.ocr_image)[y0:y1, x0:x1]
    assert ink_mask(_hsv(np.ascontiguousarray(out)), "red", 45).mean() < 0.002
    text = before[y0:y1, x0:x1]
    kept = (out.max(axis=2) < 110)[text]
    assert text.sum() > 200 and kept.mean() > 0.9  # the printed text the seal covered is still dark


def test_ring_unwarp_reads_left_to_right():
    page, _ = _page("food_license_application", 5)
    page.image.info["unsigned"] = True
    draw_seal(page.image, (700, 900), "甲乙丙丁戊己庚辛", seed=1)
    cand = prepare(page.image).candidates[0]
    strip = np.asarray(unwarp_ring(page.image, cand).convert("L")) < 160
    cols = np.flatnonzero(strip.any(axis=0))
    rows = np.flatnonzero(strip.any(axis=1))
    assert cand.shape == "round" and cols.size and (rows[-1] - rows[0]) < 0.35 * strip.shape[1]


def test_match_score():
    assert match_score("福州市鑫源商贸有限公司", "福州市鑫源商贸有限公司") == 100
    assert match_score("福州市鑫源商醫有限公司合同专用章", "福州市鑫源商贸有限公司") >= 85
    assert match_score("上海市徐汇区市场监督管理局", "福州市鑫源商贸有限公司") < 50


@pytest.mark.slow
def test_ring_text_read_with_the_ocr_models():
    from yichuang.extractors.ocr import get_engine
    from yichuang.extractors.seals import ring_text

    engine = get_engine("ppocr")
    for k, (name, style) in enumerate([("成都市百汇商贸有限公司", "scan"), ("重庆市优选商贸有限公司", "camera")]):
        page, _ = _page("food_license_application", 40 + k)
        page.image.info["unsigned"] = True
        draw_seal(page.image, (800, 1300), name, colour=["red", "purple"][k], angle=10 * k, seed=k)
        prep = prepare(captured(page, style, k))
        text, _ = ring_text(prep.image, prep.candidates[0], engine)
        assert match_score(text, name) >= 90, text


# ---- signatures ------------------------------------------------------------------------------

def _line(text: str, x: float, y: float, size: int = 26) -> Line:
    w = text_width(text, size)
    return Line(text=text, box=[[x, y], [x + w, y], [x + w, y + size * 1.2], [x, y + size * 1.2]], confidence=0.98)


def test_signature_boxes_per_party():
    label_a, label_b = "甲方（签字）：", "乙方（签字）："
    img = render([Text(100, 800, "第五条　本合同一式两份，甲乙双方各执一份。", 26),
                  Text(100, 860, label_a, 26), Text(560, 860, label_b, 26)])
    lines = [_line("第五条　本合同一式两份，甲乙双方各执一份。", 100, 800), _line(label_a, 100, 860),
             _line(label_b, 560, 860)]
    unsigned = {s.party: s.state for s in find_signatures(img, lines)}
    assert unsigned == {"甲方": "unsigned", "乙方": "unsigned"}
    draw_signature(img, (100 + text_width(label_a, 26) + 10, 845, 540, 900), "王五")
    one = {s.party: s.state for s in find_signatures(img, lines)}
    assert one == {"甲方": "signed", "乙方": "unsigned"}
    draw_fingerprint(img, (560 + text_width(label_b, 26) + 40, 875), size=50)
    both = {s.party: (s.state, s.red) for s in find_signatures(img, lines)}
    assert both == {"甲方": ("signed", False), "乙方": ("signed", True)}


def test_signing_date_in_prose_is_not_a_box():
    img = render([Text(100, 800, "自双方签字之日起生效。", 26)])
    assert find_signatures(img, [_line("自双方签字之日起生效。", 100, 800)]) == []


# ---- rules ---------------------------------------------------------------------------------

def _rules_with(tmp_path, old: str, new: str, file: str = "matters/food_business_license.yaml") -> Path:
    target = tmp_path / "rulesets"
    shutil.copytree(RULESETS_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return target


def test_unknown_seal_field_or_role_fails_at_load(tmp_path):
    rd = _rules_with(tmp_path, "signature: [applicant]}",
                     "signature: [applicant],\n     seal: {of: applicant_name}}")
    with pytest.raises(RulesetError, match=r"food_business_license.yaml:1[23]: seal of 'applicant_name' is neither"):
        load_rulesets_dir(rd)


def test_unknown_signature_party_fails_at_load(tmp_path):
    rd = _rules_with(tmp_path, "signature: [lessor, lessee]", "signature: [lessor, landlord]")
    with pytest.raises(RulesetError, match=r"food_business_license.yaml:\d+: signature of unknown party 'landlord'"):
        load_rulesets_dir(rd)


def test_seal_of_a_field_and_of_a_role_load(tmp_path):
    rd = _rules_with(tmp_path, "signature: [applicant]}",
                     "signature: [applicant],\n     seal: {of: applicant, missing: 申请书未加盖申请单位公章}}")
    rules = load_rulesets_dir(rd)
    assert rules.matters["food_business_license"].item("application").seal.of == "applicant"
    rd2 = _rules_with(tmp_path / "b", "signature: [applicant]}",
                      "seal: {of: legal_rep}}")
    assert load_rulesets_dir(rd2).matters["food_business_license"].item("application").seal.of == "legal_rep"


# ---- checks ----------------------------------------------------------------------------------

def _scan(seals=(), signatures=(), colour=True) -> SealScan:
    return SealScan(colour=colour, seals=list(seals), signatures=list(signatures))


def _sig(party: str, state: str) -> Signature:
    return Signature(label=f"{party}签字：", party=party, box=[0, 0, 10, 10], state=state, ink=0.0)


def _ibr(app_scan: SealScan | None, lease_scan: SealScan | None = None):
    app = H.ibr_application()
    app.seals = app_scan
    lease = H.lease()
    lease.seals = lease_scan
    docs = [app, H.id_card("id.jpg", "张三", H.ZHANG), lease]
    result = check_case(docs, ["individual_business_registration"], load_rulesets(), date(2026, 1, 1))
    return result, {m.item: m for m in result.materials}


def test_unsigned_application_is_invalid_with_a_reason():
    result, items = _ibr(_scan(signatures=[_sig("经营者", "unsigned")]))
    assert items["application"].status == "invalid"
    assert "个体工商户登记（备案）申请书缺少经营者签字（盖章）" in items["application"].reasons
    assert result.verdict == "incomplete"


def test_signed_application_and_lease_are_present():
    lease = _scan(signatures=[_sig("甲方", "signed"), _sig("乙方", "signed")])
    result, items = _ibr(_scan(signatures=[_sig("经营者", "signed")]), lease)
    assert (items["application"].status, items["premises proof"].status, result.verdict) == \
        ("present", "present", "complete")


def test_unclear_or_missing_box_needs_review_never_complete():
    lease = _scan(signatures=[_sig("甲方", "signed"), _sig("乙方", "unclear")])
    result, items = _ibr(_scan(signatures=[_sig("经营者", "signed")]), lease)
    assert items["premises proof"].status == "needs_review" and result.verdict != "complete"
    result, items = _ibr(_scan(), lease)  # no 签字 label found on the application
    assert items["application"].status == "needs_review"
    assert "未找到经营者签字处" in items["application"].reasons[0]


def test_pages_not_examined_are_not_judged():
    result, items = _ibr(None, None)
    assert items["application"].status == "present" and result.verdict == "complete"


def _food(seal_scan: SealScan, tmp_path):
    rd = _rules_with(tmp_path, "signature: [applicant]}",
                     "seal: {of: applicant, missing: 申请书未加盖申请单位公章}}")
    app = H.food_application()
    app.seals = seal_scan
    docs = [app, H.licence(), H.id_card("id.jpg", "张三", H.ZHANG), H.lease()]
    result = check_case(docs, ["food_business_license"], load_rulesets_dir(rd), date(2026, 1, 1))
    return result, {m.item: m for m in result.materials}


def _seal(text: str, conf: float = 0.95) -> Seal:
    return Seal(box=[0, 0, 100, 100], shape="round", colour="red", confidence=0.9, text=text, text_confidence=conf)


def test_required_seal(tmp_path):
    _, items = _food(_scan(), tmp_path)
    assert items["application"].status == "invalid"
    assert items["application"].reasons == ["申请书未加盖申请单位公章"]
    result, items = _food(_scan(seals=[_seal("朝阳惠民便利店")]), tmp_path / "2")
    assert items["application"].status == "present"
    seal = next(d for d in result.documents if d.material == "food_license_application").seals.seals[0]
    assert (seal.matched, seal.match_score) == ("朝阳惠民便利店", 100.0)  # evidence on the page


def test_seal_that_cannot_be_judged_needs_review(tmp_path):
    _, items = _food(_scan(colour=False), tmp_path)
    assert items["application"].status == "needs_review" and "黑白复印件" in items["application"].reasons[0]
    _, items = _food(_scan(seals=[_seal("上海市徐汇区市场监督管理局")]), tmp_path / "2")
    assert items["application"].status == "needs_review" and "不符" in items["application"].reasons[0]
    _, items = _food(_scan(seals=[_seal("", 0.0)]), tmp_path / "3")
    assert items["application"].status == "needs_review" and "无法辨认" in items["application"].reasons[0]


def test_no_seal_found_on_a_photo_with_glare_is_cannot_tell(tmp_path):
    """A flash photo's blown-out hot spot hides a seal's red as it hides text: the quality gate's
    glare finding makes a missing seal a person's to check, never "no seal" (a false reject)."""
    from yichuang.ingest.quality import GLARE

    from yichuang.types import Quality

    rd = _rules_with(tmp_path, "signature: [applicant]}", "seal: {of: applicant, missing: 申请书未加盖申请单位公章}}")
    for problems, status, words in (([GLARE], "needs_review", "反光"), ([], "invalid", "未加盖")):
        app = H.food_application()
        app.seals = _scan()
        app.quality = Quality(usable=not problems, problems=problems)
        docs = [app, H.licence(), H.id_card("id.jpg", "张三", H.ZHANG), H.lease()]
        result = check_case(docs, ["food_business_license"], load_rulesets_dir(rd), date(2026, 1, 1))
        item = next(m for m in result.materials if m.item == "application")
        assert item.status == status and words in item.reasons[0], problems


def test_a_misread_party_label_is_assigned_in_reading_order():
    from yichuang.checkers.seals import judge_signatures

    doc = H.lease()
    doc.seals = _scan(signatures=[_sig("甲方", "signed"), _sig("朱浩萍を方", "unsigned")])
    material = load_rulesets().catalog.materials["lease_contract"]
    verdict = judge_signatures("房屋租赁合同", [doc], material, ["lessor", "lessee"])
    assert (verdict.status, [say(r) for r in verdict.reasons]) == ("invalid", ["房屋租赁合同缺少乙方签字（盖章）"])
    assert [(r.code, r.params) for r in verdict.reasons] == [("sign_missing", {"item": "房屋租赁合同", "party": "乙方"})]


# ---- reviewer page -------------------------------------------------------------------------

def test_reviewer_rows_and_partial_show_seal_text_beside_its_entity():
    from jinja2 import Environment, FileSystemLoader
    from yichuang.service.seals_view import seal_rows

    doc = H.food_application()
    seal = _seal("朝阳惠民便利店合同专用章")
    seal.matched, seal.match_score = "朝阳惠民便利店", 100.0
    doc.seals = _scan(seals=[seal], signatures=[_sig("申请人", "unsigned")])
    grey = H.lease()
    grey.seals = _scan(colour=False)
    from yichuang.types import CheckResult

    result = CheckResult.model_construct(documents=[doc, grey, H.licence()])
    rows = seal_rows(result, lambda ref: f"/img/{ref}")
    assert [r["ref"] for r in rows] == ["food.jpg#1", "lease.jpg#1"]  # the licence was never examined
    assert json.loads(rows[0]["boxes_json"]) == [[0, 0, 100, 100], [0, 0, 10, 10]]
    env = Environment(loader=FileSystemLoader(Path(__file__).resolve().parents[1] / "service" / "templates"),
                      autoescape=True)
    html = env.get_template("_seals.html").render(seal_rows=rows)
    assert "「朝阳惠民便利店合同专用章」" in html and "→ 朝阳惠民便利店" in html and "未签" in html
    assert "黑白复印件：无法从颜色判断是否盖章" in html
    assert "<script" not in html and "style=" not in html  # CSP: drawing lives in /static/seals.js


# ---- pipeline ------------------------------------------------------------------------------

def test_read_page_suppresses_the_seal_and_a_cached_page_keeps_its_seals(home, tmp_path):
    from yichuang.extractors.ocr.base import RawLine
    from yichuang.extractors.ocr.fake import FakeEngine

    from tests.conftest import encode
    from yichuang.pipeline import open_runtime, read_files

    page, _ = _page("food_license_application", 9)
    page.image.info["unsigned"] = True
    mark = draw_seal(page.image, (800, 700), "福州市鑫源商贸有限公司", seed=3)
    seen = []

    def script(img):
        seen.append(img)
        if img.width < 900:  # the unwarped ring (a square canvas)
            return [RawLine("福州市鑫源商贸有限公司", [[0, 0], [10, 0], [10, 5], [0, 5]], 0.97)]
        return [RawLine("申请人签字：", [[90, 1500], [240, 1500], [240, 1530], [90, 1530]], 0.99)]

    FakeEngine.script = staticmethod(script)
    try:
        path = tmp_path / "app.png"
        path.write_bytes(encode(page.image, "PNG"))
        first = read_files([path], open_runtime(engine_name="fake")).pages[0]
        calls = len(seen)
        again = read_files([path], open_runtime(engine_name="fake")).pages[0]
    finally:
        FakeEngine.script = None
    assert calls == 2 and len(seen) == 2  # page + ring, then nothing: the cache has both
    x0, y0, x1, y1 = (int(v) for v in mark.box)
    page_ocr = np.ascontiguousarray(np.asarray(seen[0])[y0:y1, x0:x1])
    assert ink_mask(_hsv(page_ocr), "red", 45).mean() < 0.002  # OCR saw the page without the seal ink
    assert again.seals == first.seals and first.seals.colour
    (seal,) = first.seals.seals
    assert (seal.shape, seal.text) == ("round", "福州市鑫源商贸有限公司")
    assert [(s.party, s.state) for s in first.seals.signatures] == [("申请人", "unsigned")]


# ---- real pages ------------------------------------------------------------------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "peer-data" / "real-documents"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/peer-data is not beside the checkout")
def test_real_pages_without_seals_have_none():
    """Nine real pages from other projects; none carries a seal (looked at one by one). Red print
    on them — a bank's logo, the red notes and boxes on a 机动车登记证书 page, a web watermark —
    must not pass for a seal; the greyscale lab table has no colour to tell from."""
    from PIL import Image, ImageOps

    seen = {}
    for path in sorted(REAL.glob("*.jp*g")):
        cands, colour, _, _ = find_seals(ImageOps.exif_transpose(Image.open(path)).convert("RGB"))
        seen[path.name] = (colour, len(cands))
    assert len(seen) == 9
    assert {n: c for n, (_, c) in seen.items() if c} == {}
    assert [n for n, (colour, _) in seen.items() if not colour] == ["lab_results_table.jpg"]


def test_shipped_seal_wording_loads_and_a_typo_names_the_line(tmp_path):
    from yichuang.checkers.seals import wording

    assert wording()["match_threshold"] == 80
    bad = tmp_path / "seals.yaml"
    bad.write_text((RULESETS_DIR / "seals.yaml").read_text(encoding="utf-8").replace("mismatch_below:", "mismatch_belo:"),
                   encoding="utf-8")
    with pytest.raises(RulesetError, match=r"seals.yaml:\d+: mismatch_belo"):
        wording(str(bad))


def test_boxes_follow_the_page_upright():
    from yichuang.extractors.seals import _upright_box

    assert _upright_box((0, 0, 10, 20), 0, 100, 200) == [0, 0, 10, 20]
    assert _upright_box((0, 0, 10, 20), 90, 100, 200) == [180, 0, 200, 10]  # top-left → top-right
    assert _upright_box((0, 0, 10, 20), 180, 100, 200) == [90, 180, 100, 200]
    assert _upright_box((0, 0, 10, 20), 270, 100, 200) == [0, 90, 20, 100]


def test_an_optional_seal_is_evidence_and_a_wrong_one_needs_review():
    """The catalog's food application: `seal: {of: applicant, required: false}`."""
    def run(scan):
        app = H.food_application()
        app.seals = scan
        lease = H.lease()
        docs = [app, H.licence(), H.id_card("id.jpg", "张三", H.ZHANG), lease]
        result = check_case(docs, ["food_business_license"], load_rulesets(), date(2026, 1, 1))
        return {m.item: m for m in result.materials}["application"], result.documents[0]

    signed = [_sig("申请人", "signed")]
    item, _ = run(_scan(signatures=signed))
    assert item.status == "present"  # no seal: fine, the applicant signed
    item, doc = run(_scan(seals=[_seal("朝阳惠民便利店")], signatures=signed))
    assert item.status == "present" and doc.seals.seals[0].match_score == 100.0
    item, _ = run(_scan(seals=[_seal("", 0.0)], signatures=signed))
    assert item.status == "present"  # unreadable optional seal: evidence only
    item, _ = run(_scan(seals=[_seal("上海市徐汇区市场监督管理局")], signatures=signed))
    assert item.status == "needs_review" and "不符" in item.reasons[0]
