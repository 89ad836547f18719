"""Accuracy over generated pages, OCR included: page → material, and field exact match.

    .venv/bin/python -m bench.accuracy [--per-layout 2] [--styles scan,camera,phone] [--seed 0]

Prints one table per capture style and the misses, so a regression is visible at a glance.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from extractors.document import read_document
from extractors.ocr import get_engine
from ingest.pages import PageContent
from samples.generate import STYLES, iter_samples
from yichuang.pipeline import read_page


def run(per_layout: int, styles: tuple[str, ...], seed: int, verbose: bool = True) -> dict[str, dict[str, float]]:
    engine = get_engine("ppocr")
    pages = defaultdict(int)
    placed = defaultdict(int)
    fields = defaultdict(int)
    exact = defaultdict(int)
    misses: list[str] = []
    t0 = time.perf_counter()
    for style, sample, img in iter_samples(per_layout, styles, seed):
        content = PageContent(page=1, width=img.width, height=img.height, image=img)
        page = read_page(content, f"{sample.material}.jpg", "bench-1", engine)
        doc = read_document(page)
        pages[style] += 1
        placed[style] += doc.material == sample.material
        if doc.material != sample.material:
            misses.append(f"{style} {sample.material}/{sample.layout}: placed as {doc.material}")
        for name, want in sample.fields.items():
            fields[style] += 1
            got = doc.fields.get(name)
            exact[style] += got == want
            if got != want:
                misses.append(f"{style} {sample.material}/{sample.layout}.{name}: {got!r} ≠ {want!r}")
    elapsed = time.perf_counter() - t0
    result = {s: {"pages": pages[s], "material": placed[s] / pages[s], "fields": exact[s] / max(fields[s], 1),
                  "n_fields": fields[s]} for s in pages}
    if verbose:
        print("| capture | pages | page → material | fields exact |")
        print("|---|---|---|---|")
        for s, r in result.items():
            print(f"| {s} | {r['pages']} | {100 * r['material']:.1f} % | {100 * r['fields']:.1f} % "
                  f"({exact[s]}/{fields[s]}) |")
        print(f"\n{sum(pages.values())} pages in {elapsed:.0f} s")
        for m in misses:
            print("miss:", m)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-layout", type=int, default=2)
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    run(args.per_layout, tuple(args.styles.split(",")), args.seed)


if __name__ == "__main__":
    main()
