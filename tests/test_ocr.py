"""Real PP-OCR on pages rendered in the test run: character error rate with reading order."""

from __future__ import annotations

import importlib.util
import json
import socket

import pytest
from PIL import Image
from yichuang.extractors.ocr import get_engine
from yichuang.samples.render import capture

from tests.conftest import LEASE_LINES, PEER, cer, encode
from yichuang.pipeline import open_runtime, read_files

pytestmark = pytest.mark.slow
TRUTH = "".join(LEASE_LINES)


@pytest.fixture(scope="module")
def engine():
    return get_engine("ppocr")


def _text(engine, img: Image.Image) -> tuple[str, int]:
    from yichuang.extractors.reading_order import order_lines

    from yichuang.types import Line

    raw, rotation, _, _ = engine.recognize(img)
    lines = order_lines([Line(text=r.text, box=r.box, confidence=r.confidence) for r in raw])
    return "".join(x.text for x in lines), rotation


def test_ocr_runs_with_the_network_disabled(monkeypatch, lease_page):
    from yichuang.extractors.ocr.ppocr import PPOcrEngine

    def refuse(*a, **k):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr("yichuang.extractors.ocr.ppocr._SESSIONS", {})  # no session built before the ban is reused
    for profile in ("fast", "accurate"):
        fresh = PPOcrEngine(profile=profile)  # loads the models under the same ban
        text, _ = _text(fresh, lease_page.crop((0, 100, 1240, 400)))
        assert "出租方" in text, profile


@pytest.mark.skipif(importlib.util.find_spec("openvino") is None, reason="the openvino extra is not installed")
def test_openvino_backend_reads_offline_in_both_profiles(monkeypatch, lease_page):
    from yichuang.extractors.ocr.ppocr import PPOcrEngine

    def refuse(*a, **k):
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for profile in ("fast", "accurate"):
        engine = PPOcrEngine(profile=profile, backend="openvino")
        text, _ = _text(engine, lease_page.crop((0, 100, 1240, 400)))
        assert "出租方" in text and "王建国" in text, (profile, text)
        assert engine.key != PPOcrEngine(profile=profile, backend="onnxruntime").key


def test_clean_render_cer_at_most_1_percent(engine, lease_page):
    text, rotation = _text(engine, lease_page)
    assert rotation == 0
    assert cer(text, TRUTH) <= 0.01, text


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_phone_photo_tilted_and_blurred_cer_at_most_3_percent(engine, lease_page, seed):
    photo = capture(lease_page, "phone", seed)
    text, _ = _text(engine, photo)
    assert cer(text, TRUTH) <= 0.03, text


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_pages_lying_sideways_or_upside_down_are_turned_upright(engine, lease_page, turn):
    lying = lease_page.rotate(-turn, expand=True)  # lying = the page turned `turn`° clockwise
    text, rotation = _text(engine, lying)
    assert rotation == (360 - turn) % 360  # what was applied (clockwise) to make it upright
    assert cer(text, TRUTH) <= 0.01, text


@pytest.mark.skipif(not (PEER / "rapidocr").is_dir(), reason="../shared/peer-data is not beside the checkout")
def test_real_photos_from_rapidocr_suite(engine):
    expect = json.loads((PEER / "rapidocr" / "expect.json").read_text())
    for name, exp in expect.items():
        img = Image.open(PEER / "rapidocr" / name)
        from PIL import ImageOps

        text, _ = _text(engine, ImageOps.exif_transpose(img).convert("RGB"))
        for needle in exp["contains"]:
            assert needle in text, (name, text)


def test_same_bytes_are_never_ocrd_twice(home, tmp_path, lease_page, monkeypatch):
    path = tmp_path / "lease.jpg"
    path.write_bytes(encode(lease_page.crop((0, 100, 1240, 500)), "JPEG", quality=90))
    runtime = open_runtime()
    calls = []
    real = runtime.engine.recognize
    monkeypatch.setattr(runtime.engine, "recognize", lambda img: calls.append(1) or real(img))
    first = read_files([path], runtime)
    copy = tmp_path / "copy-of-lease.jpg"
    copy.write_bytes(path.read_bytes())
    second = read_files([copy], open_runtime())  # a new process-like runtime: cache is in SQLite
    assert len(calls) == 1
    assert [x.text for x in second.pages[0].lines] == [x.text for x in first.pages[0].lines]
    assert second.pages[0].source == str(copy)


def test_rapidocr_catalogue_parsed_once_keeps_its_content():
    """import_rapidocr() parses rapidocr's download catalogue once (start-up); what its modules
    read from it is the same as OmegaConf.load gives."""
    import yaml
    from omegaconf import OmegaConf
    from yichuang.extractors.ocr.ppocr import CATALOGUE_ENGINES, import_rapidocr

    import_rapidocr()
    from rapidocr.inference_engine.base import MODEL_URL_PATH, InferSession
    from rapidocr.utils import model_resolver

    full = OmegaConf.to_container(OmegaConf.load(MODEL_URL_PATH))
    assert full["model_routes"] == model_resolver.MODEL_ROUTES
    assert OmegaConf.to_container(InferSession.model_info) == {k: full[k] for k in CATALOGUE_ENGINES}
    assert yaml.safe_load(MODEL_URL_PATH.read_text(encoding="utf-8")) == full
    assert isinstance(OmegaConf.__dict__["load"], staticmethod)  # put back as it was


def test_rapidocr_imports_without_its_downloaders_http_library():
    """import_rapidocr() leaves requests unimported (a stand-in while rapidocr imports); the
    downloader's module still reaches the real requests, and ``import requests`` after is real."""
    import subprocess
    import sys

    code = ("import sys\nfrom yichuang.extractors.ocr.ppocr import import_rapidocr\nimport_rapidocr()\n"
            "print('urllib3' in sys.modules, 'requests' in sys.modules)\n"
            "import rapidocr.utils.download_file as d\nprint(d.requests.get.__module__)\n"
            "import requests\nprint(type(requests.Session).__name__, requests.Response.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False False"  # nothing of requests executed
    assert out[1] == "requests.api"  # the real function, imported when first used
    assert out[2] == "type requests.models"  # the real package afterwards, not the stand-in


def test_engine_options_are_typed_and_closed():
    import pydantic
    from yichuang.extractors.ocr import EngineOptions

    assert EngineOptions(profile="accurate", threads=1).profile == "accurate"
    for bad in ({"profile": "fastest"}, {"threads": 0}, {"backend": "tensorrt"}, {"thread": 1}):
        with pytest.raises(pydantic.ValidationError):
            EngineOptions(**bad)


def test_recognize_returns_a_typed_result(engine, lease_page):
    from yichuang.extractors.ocr import Recognition

    res = engine.recognize(lease_page)
    assert isinstance(res, Recognition) and res.rotation == 0
    assert (res.width, res.height) == lease_page.size and len(res.lines) >= len(LEASE_LINES) // 2


def test_memory_arena_setting():
    from yichuang.extractors.ocr.ppocr import arena_for

    assert not arena_for("rec_tiny", {}) and not arena_for("det_small", {})  # off by default (measured)
    assert arena_for("det_small", {"YICHUANG_OCR_ARENA": "all"})
    assert arena_for("rec_tiny", {"YICHUANG_OCR_ARENA": "small"}) and not arena_for("det_small", {"YICHUANG_OCR_ARENA": "small"})
    assert not arena_for("rec_tiny", {"YICHUANG_OCR_ARENA": "none"})
    from yichuang.config import load_settings

    for mode in ("small", "none", "all"):  # every value the engine understands is a valid setting
        assert load_settings({"YICHUANG_OCR_ARENA": mode}).ocr_arena == mode



def test_the_small_recogniser_is_built_once_when_two_threads_ask(monkeypatch):
    """engine_for_profile from two threads at once (a server's page threads): one engine built, not two."""
    import threading

    from yichuang.extractors.ocr import ppocr

    built: list[int] = []

    class Counting(ppocr.PPOcrEngine):
        def __init__(self, *args, **kwargs) -> None:
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(ppocr, "PPOcrEngine", Counting)
    for key in [k for k in ppocr._BY_PROFILE if k[0] == "accurate"]:
        del ppocr._BY_PROFILE[key]
    got: list = []
    start = threading.Barrier(2)

    def ask() -> None:
        start.wait()
        got.append(ppocr.engine_for_profile("accurate"))

    callers = [threading.Thread(target=ask) for _ in range(2)]
    for t in callers:
        t.start()
    for t in callers:
        t.join(120)
    assert len(got) == 2 and got[0] is got[1] and got[0].profile.name == "accurate" and len(built) == 1
    for key in [k for k in ppocr._BY_PROFILE if k[0] == "accurate"]:
        del ppocr._BY_PROFILE[key]  # the next test gets an engine of the real class


def test_a_worker_process_runs_numpy_on_one_thread():
    """The Celery task module sets OpenBLAS to the worker's thread count before numpy loads: two
    single-thread workers on two cores must not each start a BLAS thread per core."""
    import os
    import subprocess
    import sys

    code = ("import os, yichuang.service.tasks, numpy as np; a = np.ones((400, 400)); a @ a; "
            "print(len(os.listdir('/proc/self/task')))")
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "YICHUANG_WORKER_OCR_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1", out.stderr


def test_a_page_served_from_the_ocr_cache_loads_no_array_or_model_library(tmp_path):
    """A re-check reads its pages from the OCR cache and looks again through the second look's
    cache: the engine's cache key is all it needs of the OCR modules, so neither numpy nor
    onnxruntime is imported (numpy alone was ~0.1 s CPU and ~10 MiB of a cached `check`)."""
    import subprocess
    import sys

    code = f"""
import io, json, os, sys
os.environ["YICHUANG_HOME"] = {str(tmp_path / "home")!r}
for var in ("YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL", "YICHUANG_BROKER_URL", "YICHUANG_OCR_PROFILE"):
    os.environ.pop(var, None)
from PIL import Image
from yichuang.checkers.rules import load_rulesets
from yichuang.extractors.document import read_document
from yichuang.extractors.second_look import look_again
from yichuang.pipeline import open_runtime, read_files
from yichuang.pipeline.cache import page_id
from yichuang.storage.base import sha256_hex
from yichuang.types import Line, OcrPage
buf = io.BytesIO(); Image.new("RGB", (300, 400), "white").save(buf, "PNG")
path = {str(tmp_path / "page.png")!r}
open(path, "wb").write(buf.getvalue())
runtime = open_runtime(engine_name="ppocr")
pid = page_id(sha256_hex(buf.getvalue()), 1)
line = Line(text="姓名张三", box=[[10, 10], [90, 10], [90, 30], [10, 30]], confidence=0.99)
runtime.cache.put_many([OcrPage(source=path, page=1, page_id=pid, engine="ppocr", width=300, height=400, lines=[line])])
from yichuang.extractors.second_look import _CachedReader
reader = _CachedReader(runtime, pid)  # the second look's re-read of that line, cached as a first check leaves it
runtime.cache.put_extra(pid, reader._key([line.box]), {{"lines": [["姓名张三", 0.99]]}})
rules = load_rulesets()
pages = read_files([path], runtime).pages
for page in pages:
    look_again(read_document(page, rules.catalog), page, runtime, rules)
print(json.dumps([len(pages), "numpy" in sys.modules, "onnxruntime" in sys.modules, runtime._engine is None]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == [1, False, False, True]
