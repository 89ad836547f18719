"""Detection on OpenVINO, recognition on onnxruntime (``YICHUANG_OCR_BACKEND=openvino-det``,
extractors/ocr/ppocr.py): in f32 the detector's output is onnxruntime's, so a page reads the same;
its compiled model is kept under YICHUANG_HOME; the precision is part of the cache key."""

from __future__ import annotations

import importlib.util

import pytest

pytest.importorskip("onnxruntime")
np = pytest.importorskip("numpy")

from yichuang.extractors.ocr import ppocr  # noqa: E402
from yichuang.extractors.ocr.models import installed, model_path  # noqa: E402

from yichuang.errors import UsageError  # noqa: E402

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("openvino") is None, reason="the openvino extra is not installed"),
    pytest.mark.skipif(not installed(("det_small", "rec_tiny", "cls")), reason="OCR wheels not installed"),
]


def test_the_openvino_detector_gives_onnxruntimes_map_and_keeps_its_compiled_model(tmp_path, monkeypatch):
    monkeypatch.setenv("YICHUANG_HOME", str(tmp_path))
    monkeypatch.setattr(ppocr, "_SESSIONS", {})
    path = str(model_path("det_small"))
    x = np.random.default_rng(3).random((1, 3, 320, 480), dtype=np.float32)
    ort = ppocr.ort_session(path, 1, arena=False)
    want = ort.run(None, {ort.get_inputs()[0].name: x})[0]
    got = ppocr.ov_model(path, 1, "f32")(x)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, atol=1e-4)
    assert ppocr.ov_model(path, 1, "f32") is ppocr.ov_model(path, 1, "f32")  # one per process
    assert any((tmp_path / "cache" / "openvino").iterdir())  # the compiled blob, for the next process


def test_a_page_reads_the_same_with_the_detector_on_openvino(tmp_path, monkeypatch, lease_page):
    monkeypatch.setenv("YICHUANG_HOME", str(tmp_path))
    monkeypatch.setenv("YICHUANG_OCR_PRECISION", "f32")
    crop = lease_page.crop((0, 100, 1240, 500))
    plain = ppocr.PPOcrEngine(profile="fast", backend="onnxruntime", threads=1).recognize(crop)
    engine = ppocr.PPOcrEngine(profile="fast", backend="openvino-det", threads=1)
    assert isinstance(engine._ocr.text_det.session, ppocr.OvModel)
    mixed = engine.recognize(crop)
    assert [x.text for x in mixed.lines] == [x.text for x in plain.lines] and "出租方" in "".join(
        x.text for x in plain.lines)
    for a, b in zip(mixed.lines, plain.lines, strict=True):
        np.testing.assert_allclose(a.box, b.box, atol=1.0)


def test_the_detectors_precision_is_part_of_the_cache_key(monkeypatch):
    keys = {ppocr.profile_cache_key("fast"), ppocr.profile_cache_key("fast", "openvino"),
            ppocr.profile_cache_key("fast", "openvino-det", "f32"), ppocr.profile_cache_key("fast", "openvino-det", "bf16")}
    assert len(keys) == 4
    monkeypatch.setenv("YICHUANG_OCR_PRECISION", "bf16")
    assert ppocr.profile_cache_key("fast", "openvino-det") == ppocr.profile_cache_key("fast", "openvino-det", "bf16")


def test_an_unknown_precision_stops_with_a_fix_it(tmp_path):
    from yichuang.config import load_settings

    with pytest.raises(UsageError) as err:
        load_settings({"YICHUANG_HOME": str(tmp_path), "YICHUANG_OCR_PRECISION": "int4"})
    assert "YICHUANG_OCR_PRECISION" in str(err.value) and "f32" in str(err.value)


def test_without_openvino_the_backend_says_how_to_install_it(tmp_path, monkeypatch):
    import sys

    from yichuang.errors import EngineUnavailableError

    monkeypatch.setenv("YICHUANG_HOME", str(tmp_path))
    monkeypatch.setattr(ppocr, "_SESSIONS", {})
    monkeypatch.setitem(sys.modules, "openvino", None)  # `import openvino` fails as if not installed
    with pytest.raises(EngineUnavailableError) as err:
        ppocr.ov_model(str(model_path("det_small")), 1, "f32")
    assert "yichuang[openvino]" in str(err.value)
