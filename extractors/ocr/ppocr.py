"""PaddleOCR's PP-OCR models (PP-OCRv6 small det/rec + direction classifier) run by onnxruntime.

The ONNX files ship inside the ``rapidocr`` wheel; their paths are set explicitly so that
nothing is ever downloaded. Pages photographed at 90/180/270° without EXIF are turned
upright here: text-line geometry tells sideways from upright, and the direction classifier's
votes tell upside-down from upright.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import ClassVar

import numpy as np
from PIL import Image

from extractors.ocr.base import RawLine, register_engine

RAPIDOCR_VERSION = "3.10.0"
MODEL_FILES = {
    "det": "PP-OCRv6_det_small.onnx",
    "rec": "PP-OCRv6_rec_small.onnx",
    "cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
# sha256 of the model files in rapidocr==3.10.0 (asserted by tests/test_ocr_models.py)
MODEL_SHA256 = {
    "det": "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f",
    "rec": "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884",
    "cls": "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c",
}


def model_dir() -> Path:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        raise ImportError("rapidocr is not installed")
    return Path(spec.origin).parent / "models"


def _box_size(box: np.ndarray) -> tuple[float, float]:
    w = float(np.linalg.norm(box[1] - box[0]))
    h = float(np.linalg.norm(box[3] - box[0]))
    return w, h


@register_engine
class PPOcrEngine:
    name: ClassVar[str] = "ppocr"
    unavailable_hint: ClassVar[str] = (
        "the ppocr engine needs rapidocr and onnxruntime: install with `pip install 'yichuang[ocr]'`"
    )

    @classmethod
    def is_available(cls) -> bool:
        if importlib.util.find_spec("rapidocr") is None or importlib.util.find_spec("onnxruntime") is None:
            return False
        try:
            root = model_dir()
        except ImportError:
            return False
        return all((root / f).is_file() for f in MODEL_FILES.values())

    def __init__(self, threads: int | None = None) -> None:
        from rapidocr import RapidOCR

        root = model_dir()
        threads = threads or int(os.environ.get("YICHUANG_OCR_THREADS", "0")) or -1
        params = {
            "Global.log_level": "error",
            "Det.model_path": str(root / MODEL_FILES["det"]),
            "Rec.model_path": str(root / MODEL_FILES["rec"]),
            "Cls.model_path": str(root / MODEL_FILES["cls"]),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        }
        self._ocr = RapidOCR(params=params)
        self._text_score = float(self._ocr.cfg.Global.text_score)

    @classmethod
    def cache_key(cls) -> str:
        return f"ppocr/rapidocr-{RAPIDOCR_VERSION}/PP-OCRv6-small/v1"

    # -- one pass of det → cls → rec, keeping the classifier's votes --------------------------
    def _pass(self, bgr: np.ndarray) -> tuple[list[RawLine], list[bool]]:
        from rapidocr.utils.process_img import map_boxes_to_original

        ocr = self._ocr
        h, w = bgr.shape[:2]
        img, op_record = ocr.preprocess_img(bgr)
        det, cls, rec, crops = ocr.run_ocr_steps(img, op_record)
        if det.boxes is None or rec.txts is None:
            return self._line_only(bgr), []
        boxes = map_boxes_to_original(np.array(det.boxes, dtype=np.float32), op_record, h, w)
        votes = cls.cls_res or [("0", 0.0)] * len(rec.txts)
        texts, scores = list(rec.txts), [float(x) for x in rec.scores]
        turned = [("180" in label and lscore > ocr.cfg.Cls.cls_thresh) for label, lscore in votes]
        # Second opinion: the classifier sometimes turns a long, squashed line upside down
        # (a whole sentence then reads as "一"). Read those crops unturned too; keep the better.
        redo = [i for i, t in enumerate(turned) if t and i < len(crops)]
        if redo:
            again = ocr.recognize_txt([crops[i] for i in redo])
            for i, text, score in zip(redo, again.txts, again.scores, strict=False):
                if float(score) > scores[i]:
                    texts[i], scores[i], turned[i] = text, float(score), False
        lines: list[RawLine] = []
        flipped: list[bool] = []
        for box, text, score, turn in zip(boxes, texts, scores, turned, strict=False):
            if not text.strip() or score < self._text_score:
                continue
            lines.append(RawLine(text=text, box=box.tolist(), confidence=score))
            flipped.append(turn)
        return lines, flipped

    def _line_only(self, bgr: np.ndarray) -> list[RawLine]:
        """A crop of one text line, too small for detection: recognise it whole."""
        h, w = bgr.shape[:2]
        if not (w >= 2.5 * h and h <= 200):
            return []
        ocr = self._ocr
        imgs, _ = ocr.cls_and_rotate([bgr])
        rec = ocr.recognize_txt(imgs)
        if not rec.txts or not rec.txts[0].strip() or rec.scores[0] < self._text_score:
            return []
        box = [[0.0, 0.0], [float(w), 0.0], [float(w), float(h)], [0.0, float(h)]]
        return [RawLine(text=rec.txts[0], box=box, confidence=float(rec.scores[0]))]

    def recognize(self, image: Image.Image) -> tuple[list[RawLine], int, int, int]:
        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        lines, flipped = self._pass(bgr)
        rotation = 0
        if _mostly_vertical(lines):
            turned = np.ascontiguousarray(np.rot90(bgr, k=-1))  # 90° clockwise
            lines2, flipped2 = self._pass(turned)
            if sum(len(x.text) for x in lines2) >= sum(len(x.text) for x in lines) * 0.8:
                bgr, lines, flipped, rotation = turned, lines2, flipped2, 90
        h, w = bgr.shape[:2]
        weight_flipped = sum(len(x.text) for x, f in zip(lines, flipped, strict=False) if f)
        weight_all = sum(len(x.text) for x in lines) or 1
        if lines and weight_flipped / weight_all > 0.5:
            # Upside down: the classifier already turned each line, so the text is right;
            # only the boxes move to the upright page (no second OCR pass).
            lines = [_rotate_box_180(x, w, h) for x in lines]
            rotation = (rotation + 180) % 360
        return lines, rotation, w, h


def _mostly_vertical(lines: list[RawLine]) -> bool:
    tall = wide = 0
    for line in lines:
        if len(line.text) < 2:
            continue
        bw, bh = _box_size(np.array(line.box))
        if bh > 1.5 * bw:
            tall += len(line.text)
        elif bw > 1.5 * bh:
            wide += len(line.text)
    return tall > wide


def _rotate_box_180(line: RawLine, w: int, h: int) -> RawLine:
    pts = [[round(w - x, 1), round(h - y, 1)] for x, y in line.box]
    return RawLine(text=line.text, box=[pts[2], pts[3], pts[0], pts[1]], confidence=line.confidence)
