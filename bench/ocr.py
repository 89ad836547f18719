"""OCR profiles side by side: s/page, ratio to the bare call of the old configuration, RSS, accuracy.

    .venv/bin/python -m bench.ocr [--pages 10] [--repeat 2] [--per-layout 1] [--seed 42] [--no-accuracy]
                                  [--families heldout] [--variants fast,fast+look]

Variants (``VARIANTS``): ``bare``, a plain ``RapidOCR()(image)`` call of the configuration before
profiles existed (PP-OCRv6 small det at rapidocr's default input size, small rec, classifier on
every line, rapidocr's own onnxruntime sessions); ``accurate`` and ``fast``, our engine's
``recognize()`` in each profile; ``fast+look``, the fast profile end to end as the pipeline runs
it (bytes → sniff, store, decode, quality gate, OCR, reading order, cache write → material and
fields → second look); ``fast+arena``, the fast profile with onnxruntime's memory arena
kept for every model; ``accurate-e2e``, the same path in the accurate profile; ``openvino``, the
fast profile's models on OpenVINO when it is installed; ``openvino+look``, ``fast+look`` with every
model (the second look's too) on OpenVINO; ``ovdet`` / ``ovdet+look`` (f32) and ``ovdet16`` /
``ovdet16+look`` (bf16): ``fast`` / ``fast+look`` with only the detector on OpenVINO
(``YICHUANG_OCR_BACKEND=openvino-det``), the recognisers and the classifier on onnxruntime.

Timing: one process, models warm, camera pages of the held-out generator seed, the variants
alternating page by page; the ratio is the median of per-page ratios to ``bare`` (robust on a
shared, noisy machine). Accuracy and peak RSS: each variant in its own process over every
generated layout in three capture styles (``--seed 42``: the held-out seed no rule was tuned on),
field exact match as ``bench.accuracy`` counts it.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

VARIANTS = ("bare", "accurate", "fast", "fast+arena", "fast+look", "accurate-e2e", "openvino", "openvino+look",
            "ovdet", "ovdet+look", "ovdet16", "ovdet16+look")
# detection on OpenVINO, recognition on onnxruntime (YICHUANG_OCR_BACKEND=openvino-det): variant → precision
OVDET = {"ovdet": "f32", "ovdet+look": "f32", "ovdet16": "bf16", "ovdet16+look": "bf16"}


class _backend_env:
    """YICHUANG_OCR_BACKEND (and the detector's YICHUANG_OCR_PRECISION) set while a variant runs
    (the second look finds its engine by them)."""

    def __init__(self, backend: str, precision: str = "f32") -> None:
        self.values = {"YICHUANG_OCR_BACKEND": backend, "YICHUANG_OCR_PRECISION": precision}
        self.before: dict[str, str | None] = {}

    def __enter__(self) -> None:
        self.before = {k: os.environ.get(k) for k in self.values}
        os.environ.update(self.values)

    def __exit__(self, *_exc: object) -> None:
        for k, v in self.before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _camera_pages(n: int, seed: int) -> list[bytes]:
    from yichuang.samples.generate import iter_samples

    out = []
    for _style, sample, img in iter_samples(1, ("camera",), seed):
        if sample.card:
            continue  # an A4 page: the camera page of the goal
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=85)
        out.append(buf.getvalue())
        if len(out) == n:
            break
    return out


def _bare():
    from rapidocr import RapidOCR
    from yichuang.extractors.ocr.models import model_path

    ocr = RapidOCR(params={"Global.log_level": "error", "Det.model_path": str(model_path("det_small")),
                           "Rec.model_path": str(model_path("rec_small")), "Cls.model_path": str(model_path("cls"))})

    def run(data: bytes) -> None:
        ocr(np.ascontiguousarray(np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))[:, :, ::-1]))
    return run


def _engine_call(profile: str, backend: str = "onnxruntime", arena_all: bool = False, precision: str = "f32"):
    from yichuang.extractors.ocr.ppocr import PPOcrEngine

    before = os.environ.get("YICHUANG_OCR_ARENA")
    os.environ["YICHUANG_OCR_ARENA"] = "all" if arena_all else ""
    try:
        with _backend_env(backend, precision):
            engine = PPOcrEngine(profile=profile, backend=backend)
    finally:
        os.environ.pop("YICHUANG_OCR_ARENA")
        if before is not None:
            os.environ["YICHUANG_OCR_ARENA"] = before

    def run(data: bytes) -> None:
        engine.recognize(Image.open(io.BytesIO(data)).convert("RGB"))
    return run


def _end_to_end(profile: str, tmp: Path, runs: int, backend: str = "onnxruntime", precision: str = "f32"):
    """bytes → Document after the second look, through the pipeline's own functions."""
    from yichuang.checkers.rules import load_rulesets
    from yichuang.extractors.document import read_document
    from yichuang.extractors.entities import warm_up as warm_entities
    from yichuang.extractors.ocr.ppocr import PPOcrEngine, engine_for_profile
    from yichuang.extractors.second_look import look_again
    from yichuang.storage import MetaStore
    from yichuang.storage.local import LocalObjectStore

    from yichuang.pipeline import Runtime, read_files

    rules = load_rulesets()
    with _backend_env(backend, precision):
        engine = engine_for_profile(profile) if profile == "accurate" else PPOcrEngine(profile=profile)
        if profile == "fast":
            engine_for_profile("accurate")  # the second look's models, loaded at start like a worker does
    warm_entities()
    # a fresh store per run (nothing cached), made before the clock starts
    runtimes = [Runtime(store=LocalObjectStore(tmp / f"o-{profile}-{n}"),
                        meta=MetaStore(f"sqlite:///{tmp}/m-{profile}-{n}.db"), _engine=engine) for n in range(runs)]
    counter = iter(range(10**9))

    def run(data: bytes) -> None:
        n = next(counter)
        path = tmp / f"{profile}-{n}.jpg"
        path.write_bytes(data)
        runtime = runtimes[n]
        with _backend_env(backend, precision):
            for page in read_files([path], runtime).pages:
                look_again(read_document(page, rules.catalog), page, runtime, rules)
    return run


def _make(variant: str, tmp: Path, runs: int = 100) -> Callable[[bytes], None] | None:
    if variant == "bare":
        return _bare()
    if variant in ("accurate", "fast"):
        return _engine_call(variant)
    if variant == "fast+arena":
        return _engine_call("fast", arena_all=True)
    if variant == "fast+look":
        return _end_to_end("fast", tmp, runs)
    if variant == "accurate-e2e":
        return _end_to_end("accurate", tmp, runs)
    if variant == "openvino":
        import importlib.util

        return _engine_call("fast", "openvino") if importlib.util.find_spec("openvino") else None
    if variant in OVDET:
        import importlib.util

        if not importlib.util.find_spec("openvino"):
            return None
        if variant.endswith("+look"):
            return _end_to_end("fast", tmp, runs, "openvino-det", OVDET[variant])
        return _engine_call("fast", "openvino-det", precision=OVDET[variant])
    if variant == "openvino+look":
        import importlib.util

        return _end_to_end("fast", tmp, runs, "openvino") if importlib.util.find_spec("openvino") else None
    raise ValueError(variant)


def bench_speed(variants: list[str], n_pages: int, repeat: int, seed: int) -> dict[str, dict[str, float]]:
    pages = _camera_pages(n_pages, seed)
    with tempfile.TemporaryDirectory() as tmpdir:
        runs = {v: f for v in variants if (f := _make(v, Path(tmpdir), 1 + repeat * len(pages))) is not None}
        for f in runs.values():
            f(pages[0])  # warm-up
        times: dict[str, list[float]] = {v: [] for v in runs}
        cpu: dict[str, list[float]] = {v: [] for v in runs}
        for r in range(repeat):
            for i, data in enumerate(pages):
                order = list(runs) if (i + r) % 2 == 0 else list(reversed(runs))
                for v in order:
                    t, c = time.perf_counter(), time.process_time()
                    runs[v](data)
                    times[v].append(time.perf_counter() - t)
                    cpu[v].append(time.process_time() - c)  # every thread of the process (OCR threads too)
    base = times.get("bare")
    out = {}
    for v, ts in times.items():
        ratio = statistics.median(t / b for t, b in zip(ts, base, strict=True)) if base else float("nan")
        out[v] = {"s_per_page": statistics.median(ts), "ratio": ratio, "cpu_per_page": statistics.median(cpu[v])}
    return out


# -- accuracy + peak RSS, one variant per process ----------------------------------------------------
FRESH_SETS = {  # the development sets bench.accuracy captures with styles of their own: module, capture, iterator, own styles
    "fresh3": ("fresh3", "captured3", "iter_fresh3_samples", ("adf-scan", "desk-phone")),
    "fresh4": ("fresh4", "captured4", "iter_fresh4_samples", ("adf-scan", "desk-phone", "fax-bw", "wechat-lamp")),
}


def _fresh_samples(name: str, per_family: int, seed: int, styles: tuple[str, ...] | None):
    """``samples.fresh3``'s (or fresh4's) pages exactly as ``bench.accuracy --fresh3`` (``--fresh4``)
    captures them (the same random draws, style after style), so its shared OCR cache answers the
    fast pass; only the styles asked for are yielded."""
    import importlib
    import random

    from yichuang.samples.generate import STYLES

    module, capture, pages, own = FRESH_SETS[name]
    mod = importlib.import_module(f"yichuang.samples.{module}")
    rng = random.Random(seed)
    samples = list(getattr(mod, pages)(per_family, seed))
    for style in (*STYLES, *own):
        for _family, sample in samples:
            draw = rng.randrange(1 << 30)
            if styles is None or style in styles:
                yield style, sample, getattr(mod, capture)(sample, style, draw)


def _samples(per_layout: int, seed: int, families: str | None, styles: tuple[str, ...] | None = None):
    """(style, sample, captured image): the layouts of ``samples.generate`` on a seed, the layout
    families of ``samples.families`` on a split (``heldout``: the families nobody tuned on), or
    ``fresh3`` (development data since its one measurement)."""
    from yichuang.samples.generate import STYLES, captured, iter_samples

    if families in FRESH_SETS:
        yield from _fresh_samples(families, per_layout, seed, styles)
        return
    if not families:
        yield from iter_samples(per_layout, STYLES, seed)
        return
    import random

    from yichuang.samples.families import iter_family_samples

    rng = random.Random(seed)
    samples = [s for _f, s in iter_family_samples(per_layout, families, seed)]
    for style in STYLES:
        for sample in samples:
            yield style, sample, captured(sample, style, rng.randrange(1 << 30))


def accuracy(variant: str, per_layout: int, seed: int, families: str | None = None,
             styles: tuple[str, ...] | None = None, ocr_cache: str | None = None) -> dict:
    """Fields exact on the generated pages; ``ocr_cache``: the fast pass's answers kept on disk
    (``bench/ocr_cache.py``; the second look's re-reads are always run)."""
    from yichuang.checkers.rules import load_rulesets
    from yichuang.extractors.document import read_document
    from yichuang.extractors.ocr.ppocr import PPOcrEngine, engine_for_profile
    from yichuang.extractors.second_look import EngineReader, ocr_input, rule_fields, second_look
    from yichuang.ingest.pages import PageContent

    from yichuang.pipeline import read_page

    rules = load_rulesets()
    wanted = rule_fields(rules)
    profile = "accurate" if variant in ("bare", "accurate", "accurate-e2e") else "fast"
    backend = "openvino" if variant.startswith("openvino") else "openvino-det" if variant in OVDET else "onnxruntime"
    if variant in OVDET:
        # this child process runs this variant only (the second look's engine reads them too)
        os.environ.update({"YICHUANG_OCR_BACKEND": backend, "YICHUANG_OCR_PRECISION": OVDET[variant]})
    engine = PPOcrEngine(profile=profile, backend=backend)
    if ocr_cache:
        from bench.ocr_cache import CachedEngine

        engine = CachedEngine(engine, ocr_cache)
    look = variant.endswith("+look")
    small = (PPOcrEngine(profile="accurate", backend=backend) if backend == "openvino"
             else engine_for_profile("accurate")) if look else None
    n_fields = exact = pages = placed = rereads = regions = 0
    misses = []
    look_cpu: dict[str, list[float]] = {}  # the second look's CPU seconds per page, by what it re-read
    t0 = time.perf_counter()
    for style, sample, img in _samples(per_layout, seed, families, styles):
        content = PageContent(page=1, width=img.width, height=img.height, image=img)
        page = read_page(content, f"{sample.material}.jpg", "bench-1", engine)
        doc = read_document(page, rules.catalog)
        if look:
            c = time.process_time()
            doc, what, _ = second_look(doc, page, rules.catalog, wanted, lambda img=img: ocr_input(img),
                                       EngineReader(small), lambda p: read_document(p, rules.catalog))
            kind = "page" if what.page_reread else "region" if what.region_lines else "none"
            look_cpu.setdefault(kind, []).append(time.process_time() - c)
            rereads += what.page_reread
            regions += what.region_lines > 0
        pages += 1
        placed += doc.material == sample.material
        for name, want in sample.fields.items():
            n_fields += 1
            exact += doc.fields.get(name) == want
            if doc.fields.get(name) != want:
                misses.append(f"{style} {sample.material}/{sample.layout}.{name}: {doc.fields.get(name)!r} ≠ {want!r}")
    return {"variant": variant, "pages": pages, "material": placed, "fields": n_fields, "exact": exact,
            "page_rereads": rereads, "region_rereads": regions, "seconds": time.perf_counter() - t0, "misses": misses,
            "look_cpu": {k: {"pages": len(v), "median_s": statistics.median(v), "total_s": sum(v)}
                         for k, v in look_cpu.items()},
            }


def worker_rss(variant: str, folder: Path) -> dict:
    """Peak resident memory of a process that only runs ``variant`` over the JPEGs in ``folder``
    (what a worker holds; the generator's own memory is not in it)."""
    files = sorted(folder.glob("*.jpg"))
    with tempfile.TemporaryDirectory() as tmp:
        run = _make(variant, Path(tmp), len(files))
        if run is None:
            return {"variant": variant}
        for f in files:
            run(f.read_bytes())
    return {"variant": variant, "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would carry the parent's over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(args: list[str]) -> dict | None:
    cmd = [sys.executable, "-m", "bench.ocr", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1],
                          env={**os.environ, "YICHUANG_OCR_THREADS": os.environ.get("YICHUANG_OCR_THREADS", "")})
    if proc.returncode != 0:
        print(f"{args}: run failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_text_pdf(n_pages: int = 60) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from yichuang.storage import MetaStore
    from yichuang.storage.local import LocalObjectStore

    from yichuang.pipeline import Runtime, read_files

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for p in range(n_pages):
        c.setFont("STSong-Light", 12)
        # a typical form page: 24 lines, about 600 characters
        for i in range(24):
            c.drawString(50, 780 - i * 28, f"第{p + 1}页第{i + 1}项 经营场所：北京市朝阳区建国路{i}号")
        c.showPage()
    c.save()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "text.pdf"
        path.write_bytes(buf.getvalue())
        runtime = Runtime(store=LocalObjectStore(Path(tmp) / "o"), meta=MetaStore(f"sqlite:///{tmp}/m.db"))
        t = time.perf_counter()
        result = read_files([path], runtime)
        dt = time.perf_counter() - t
    assert len(result.pages) == n_pages and all(p.engine == "pdf-text" for p in result.pages)
    return n_pages / dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10, help="camera pages for the timing")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--per-layout", type=int, default=1, help="generated pages per layout and style (accuracy)")
    ap.add_argument("--seed", type=int, default=42, help="generator seed (42: held out)")
    ap.add_argument("--families", choices=["dev", "heldout", *FRESH_SETS],
                    help="accuracy on samples.families' split, or on fresh3/fresh4 (--seed 0 for the shared OCR cache), "
                    "instead of the layouts on --seed")
    ap.add_argument("--styles", help="capture styles for the accuracy (default: all)")
    ap.add_argument("--ocr-cache", help="keep the fast pass's OCR answers in this folder (bench/ocr_cache.py)")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--no-accuracy", action="store_true")
    ap.add_argument("--accuracy-variants", help="accuracy for these variants only (default: all)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--rss-dir", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child and args.rss_dir:
        print(json.dumps(worker_rss(args.child, Path(args.rss_dir))))
        return
    if args.child:
        styles = tuple(args.styles.split(",")) if args.styles else None
        print(json.dumps(accuracy(args.child, args.per_layout, args.seed, args.families, styles, args.ocr_cache),
                         ensure_ascii=False))
        return
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on "
          f"{os.cpu_count()} cores")
    speed = bench_speed(variants, args.pages, args.repeat, args.seed)
    rss = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, data in enumerate(_camera_pages(args.pages, args.seed)):
            (Path(tmp) / f"{i:03d}.jpg").write_bytes(data)
        for v in speed:
            rss[v] = (_child(["--child", v, "--rss-dir", tmp]) or {}).get("peak_rss_mb")
    acc = {}
    if not args.no_accuracy:
        for v in speed:
            if v in ("bare", "accurate-e2e", "fast+arena") or (
                    args.accuracy_variants and v not in args.accuracy_variants.split(",")):
                continue  # the same models and settings as `accurate` (whose row holds their accuracy)
            acc[v] = _child(["--child", v, "--per-layout", str(args.per_layout), "--seed", str(args.seed)]
                            + (["--families", args.families] if args.families else [])
                            + (["--styles", args.styles] if args.styles else [])
                            + (["--ocr-cache", args.ocr_cache] if args.ocr_cache else []))
    print("| variant | s/page (median, camera) | CPU s/page (median) | ratio to bare | fields exact (held-out) | "
          "second look: region / page | peak RSS (worker path) |")
    print("|---|---|---|---|---|---|---|")
    for v, s in speed.items():
        a = acc.get(v)
        fields = f"{100 * a['exact'] / a['fields']:.1f} % ({a['exact']}/{a['fields']})" if a else "–"
        mem = f"{rss[v]:.0f} MB" if rss.get(v) else "–"
        rr = f"{a['region_rereads']} / {a['page_rereads']} of {a['pages']} pages" if a and v.endswith("+look") else "–"
        print(f"| {v} | {s['s_per_page']:.3f} s | {s['cpu_per_page']:.3f} s | {s['ratio']:.2f} | {fields} | {rr} | {mem} |")
    for v, a in acc.items():
        for kind, c in (a or {}).get("look_cpu", {}).items():
            print(f"second look ({v}), pages where it re-read {kind}: {c['pages']}, CPU {c['median_s']:.3f} s/page "
                  f"median, {c['total_s']:.1f} s in all")
    for v, a in acc.items():
        for m in (a or {}).get("misses", []):
            print(f"miss ({v}): {m}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    print(f"text-layer PDF: {bench_text_pdf():.0f} pages/s")


if __name__ == "__main__":
    main()
