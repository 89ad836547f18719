"""OCR profiles: which models and settings the ``ppocr`` engine runs (``YICHUANG_OCR_PROFILE``).

- ``fast`` (default): PP-OCRv6 small detection on an input capped at 1120 px on its long side,
  no dilation, PP-OCRv6 *tiny* recognition, the direction classifier only where a line looks
  turned. Fields a rule depends on that come out doubtful get a second read with the larger
  models (``extractors/second_look.py``).
- ``accurate``: the configuration before profiles existed: small detection at rapidocr's default
  input size (short side ≥ 736 px, long side ≤ 2000 px), small recognition, classifier on every line.

Chosen by measurement (``bench/ocr.py``; numbers in the README). Each profile is part of the OCR
cache key, so a page read under one profile is never served as the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from yichuang.errors import UsageError

ClsMode = Literal["all", "where_turned"]


@dataclass(frozen=True)
class Profile:
    name: str
    det: str  # keys of extractors.ocr.models.MODELS
    rec: str
    rec_dict: str | None  # None: the dictionary is inside the ONNX file
    det_limit_type: Literal["min", "max"]
    det_limit_side_len: int
    det_dilation: bool
    cls: ClsMode

    @property
    def model_keys(self) -> tuple[str, ...]:
        keys = (self.det, self.rec, "cls")
        return keys + ((self.rec_dict,) if self.rec_dict else ())

    @property
    def tag(self) -> str:
        """What identifies this profile's output (part of the OCR cache key)."""
        return (f"{self.det}-{self.det_limit_type}{self.det_limit_side_len}{'d' if self.det_dilation else ''}"
                f"+{self.rec}+cls-{self.cls}")


PROFILES: dict[str, Profile] = {
    "fast": Profile("fast", det="det_small", rec="rec_tiny", rec_dict="dict_tiny", det_limit_type="max",
                    det_limit_side_len=1120, det_dilation=False, cls="where_turned"),
    "accurate": Profile("accurate", det="det_small", rec="rec_small", rec_dict=None, det_limit_type="min",
                        det_limit_side_len=736, det_dilation=True, cls="all"),
}
DEFAULT_PROFILE = "fast"


def profile_name(env: dict[str, str] | None = None) -> str:
    from yichuang.config import load_settings

    name = (load_settings(env).ocr_profile or DEFAULT_PROFILE).strip().lower()
    if name not in PROFILES:
        raise UsageError(f"YICHUANG_OCR_PROFILE={name!r} is unknown: use one of {', '.join(PROFILES)} "
                         f"(default {DEFAULT_PROFILE})")
    return name


def current_profile(env: dict[str, str] | None = None) -> Profile:
    return PROFILES[profile_name(env)]
