"""Generate realistic sample pages for every material, with ground truth.

    .venv/bin/python -m samples.generate --out samples/generated --per-layout 2 --styles scan,camera,phone

Writes ``<out>/<style>/<material>-<layout>-<n>.jpg`` and ``<out>/truth.json``. Generated sets are
not committed (they are made on demand); the small sample cases under ``samples/cases`` are.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from PIL import Image
from yichuang.samples.materials import BUILDERS, LAYOUTS, CaseData, SamplePage
from yichuang.samples.render import A4, capture, on_background

STYLES = ("scan", "camera", "phone")


def captured(sample: SamplePage, style: str, seed: int) -> Image.Image:
    """How the page reaches us: a card alone is photographed on a desk, or scanned on an A4 bed."""
    from yichuang.samples.seals import mark_page

    # signatures and seals where the page asks; an applicant's 盖章 box gets the applicant's seal
    img = mark_page(sample.image, sample.material, seed, owner=sample.fields.get("applicant"))
    if sample.card:
        if style == "scan":
            bed = Image.new("RGB", A4, (252, 252, 252))
            bed.paste(img.resize((int(img.width * 0.8), int(img.height * 0.8))), (120, 140))
            img = bed
        else:
            img = on_background(img, 0.18, (70, 62, 55))
    return capture(img, style, seed)


def iter_samples(per_layout: int, styles: tuple[str, ...] = STYLES, seed: int = 0,
                 materials: list[str] | None = None) -> Iterator[tuple[str, SamplePage, Image.Image]]:
    rng = random.Random(seed)
    for style in styles:
        for material in materials or list(BUILDERS):
            for layout in LAYOUTS.get(material, [None]):
                for _ in range(per_layout):
                    data = CaseData.random(random.Random(rng.randrange(1 << 30)))
                    page = BUILDERS[material](data, layout)
                    yield style, page, captured(page, style, rng.randrange(1 << 30))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="samples/generated")
    ap.add_argument("--per-layout", type=int, default=2)
    ap.add_argument("--styles", default=",".join(STYLES))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    out = Path(args.out)
    truth = []
    counter: dict[str, int] = {}
    for style, page, img in iter_samples(args.per_layout, tuple(args.styles.split(",")), args.seed):
        key = f"{style}/{page.material}-{page.layout}"
        counter[key] = counter.get(key, 0) + 1
        path = out / f"{key}-{counter[key]}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        img.save(path, quality=88)
        truth.append({"file": str(path.relative_to(out)), "style": style, "material": page.material,
                      "layout": page.layout, "fields": page.fields})
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(truth)} pages to {out}")


if __name__ == "__main__":
    main()
