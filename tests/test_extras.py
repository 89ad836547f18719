"""The OCR runtime is an extra: without it, a clear fix-it error, and text-layer PDFs still work."""

from __future__ import annotations

import importlib.util

import pytest
from yichuang.extractors.ocr import base
from yichuang.extractors.ocr.ppocr import PPOcrEngine

from yichuang.errors import EngineUnavailableError


def test_without_rapidocr_the_engine_says_how_to_install_it(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "rapidocr" else real(name, *a))
    monkeypatch.setattr(base, "_INSTANCES", {})
    assert PPOcrEngine.is_available() is False
    with pytest.raises(EngineUnavailableError, match=r"pip install 'yichuang\[ocr\]'"):
        base.get_engine("ppocr")


def test_paddleocr_engine_is_unavailable_here_with_a_reason(monkeypatch):
    monkeypatch.delenv("YICHUANG_PADDLEOCR_MODELS", raising=False)
    monkeypatch.setattr(base, "_INSTANCES", {})
    with pytest.raises(EngineUnavailableError, match="cannot download models"):
        base.get_engine("paddleocr")


def test_unknown_engine():
    with pytest.raises(EngineUnavailableError, match="choose one of"):
        base.get_engine("tesseract")
