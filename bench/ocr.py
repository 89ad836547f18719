"""OCR benchmark: bare rapidocr call vs `yichuang ocr` on the same pages, and text-layer PDF speed.

    .venv/bin/python -m bench.ocr [--pages 6] [--repeat 3]

Median seconds per page, one process, after warm-up. `yichuang` here means the library path
behind `yichuang ocr` (sniff, store, decode, OCR, reading order, cache write), each run with a
fresh store so that nothing is served from the cache.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image


def _pages(n: int) -> list[bytes]:
    from samples.render import Text, capture, render

    lines = ["房屋租赁合同", "出租方（甲方）：王建国　身份证号码：110101199003074578",
             "承租方（乙方）：李晓梅　联系电话：13812345678",
             "第一条　甲方将位于北京市朝阳区建国路88号1单元302室的房屋出租给乙方。",
             "第二条　租赁期限自2025年3月1日起至2028年2月29日止。",
             "第三条　月租金人民币肆仟伍佰元整，按季度支付。", "签订日期：2025年2月20日"]
    page = render([Text(130, 150 + i * 72, t, 30) for i, t in enumerate(lines)])
    out = []
    for i in range(n):
        buf = io.BytesIO()
        capture(page, ["scan", "camera", "phone"][i % 3], seed=i).save(buf, "JPEG", quality=85)
        out.append(buf.getvalue())
    return out


def bench_ocr(n_pages: int, repeat: int) -> dict[str, float]:
    from extractors.ocr import get_engine
    from storage import MetaStore
    from storage.local import LocalObjectStore
    from yichuang.pipeline import Runtime, read_files

    engine = get_engine("ppocr")
    bare_ocr = engine._ocr  # the same RapidOCR object, called the plain way
    pages = _pages(n_pages)
    arrays = [np.ascontiguousarray(np.asarray(Image.open(io.BytesIO(p)).convert("RGB"))[:, :, ::-1]) for p in pages]
    bare_ocr(arrays[0])  # warm-up
    bare, ours = [], []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, data in enumerate(pages):
            path = Path(tmp) / f"p{i}.jpg"
            path.write_bytes(data)
            paths.append(path)
        for r in range(repeat):
            for i, arr in enumerate(arrays):
                t = time.perf_counter()
                bare_ocr(arr)
                bare.append(time.perf_counter() - t)
                runtime = Runtime(store=LocalObjectStore(Path(tmp) / f"o{r}-{i}"),
                                  meta=MetaStore(f"sqlite:///{tmp}/m{r}-{i}.db"), _engine=engine)
                t = time.perf_counter()
                read_files([paths[i]], runtime)
                ours.append(time.perf_counter() - t)
    b, o = statistics.median(bare), statistics.median(ours)
    return {"bare_s_per_page": b, "yichuang_s_per_page": o, "overhead_pct": 100 * (o - b) / b}


def bench_text_pdf(n_pages: int = 60) -> float:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from storage import MetaStore
    from storage.local import LocalObjectStore
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
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    res = bench_ocr(args.pages, args.repeat)
    print(f"bare rapidocr call      : {res['bare_s_per_page']:.3f} s/page (median)")
    print(f"yichuang ocr (pipeline) : {res['yichuang_s_per_page']:.3f} s/page (median)")
    print(f"overhead                : {res['overhead_pct']:+.1f} %")
    print(f"text-layer PDF          : {bench_text_pdf():.0f} pages/s")


if __name__ == "__main__":
    main()
