"""onnxruntime sessions load the optimised graph kept from an earlier process (extractors/ocr/ppocr.py):
the same outputs as optimising again, one file per model, onnxruntime version and CPU."""

from __future__ import annotations

import pytest

pytest.importorskip("onnxruntime")
np = pytest.importorskip("numpy")

from yichuang.extractors.ocr import ppocr  # noqa: E402
from yichuang.extractors.ocr.models import installed, model_path  # noqa: E402

pytestmark = pytest.mark.skipif(not installed(("det_small", "rec_tiny", "cls")), reason="OCR wheels not installed")


def _run(session, shape):
    rng = np.random.default_rng(7)
    name = session.get_inputs()[0].name
    return session.run(None, {name: rng.random(shape, dtype=np.float32)})[0]


@pytest.mark.parametrize(("key", "shape"), [("det_small", (1, 3, 320, 480)), ("rec_tiny", (1, 3, 48, 320)),
                                            ("cls", (2, 3, 48, 192))])
def test_the_kept_graph_gives_the_same_outputs(tmp_path, monkeypatch, key, shape):
    monkeypatch.setenv("YICHUANG_HOME", str(tmp_path))
    path = str(model_path(key))
    kept = ppocr.optimized_model_file(path)
    assert kept.parent.parent == tmp_path / "cache" / "onnx" and not kept.exists()
    monkeypatch.setattr(ppocr, "_SESSIONS", {})
    fresh = ppocr.ort_session(path, 1, arena=False)  # optimised in memory, the graph saved
    assert kept.is_file() and list(kept.parent.glob("*.part")) == []
    stamp = kept.stat().st_mtime_ns
    monkeypatch.setattr(ppocr, "_SESSIONS", {})
    again = ppocr.ort_session(path, 1, arena=False)  # loaded from the kept graph, nothing optimised
    assert again is not fresh and kept.stat().st_mtime_ns == stamp
    np.testing.assert_allclose(_run(again, shape), _run(fresh, shape), rtol=1e-5, atol=1e-6)


def test_the_kept_file_is_named_by_model_version_and_cpu(tmp_path):
    det, rec = str(model_path("det_small")), str(model_path("rec_tiny"))
    a, b = ppocr.optimized_model_file(det, home=tmp_path), ppocr.optimized_model_file(rec, home=tmp_path)
    assert a != b and a.parent == b.parent
    import onnxruntime as ort

    assert a.parent.name.startswith(f"ort{ort.__version__}-")


def test_a_home_where_the_cache_cannot_go_optimises_in_memory(tmp_path, monkeypatch):
    (tmp_path / "cache").write_text("a file where the cache folder would be")  # mkdir fails (even as root)
    monkeypatch.setenv("YICHUANG_HOME", str(tmp_path))
    monkeypatch.setattr(ppocr, "_SESSIONS", {})
    session = ppocr.ort_session(str(model_path("cls")), 1, arena=False)
    assert _run(session, (1, 3, 48, 192)).shape == (1, 2)
    assert (tmp_path / "cache").is_file()
