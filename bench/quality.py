"""Quality gate accuracy on generated photos the gate was not tuned on (a held-out seed).

    .venv/bin/python -m bench.quality [--seed 11] [--per-layout 2]

Usable: every material in scan, document-camera and phone styles. Unusable: the same pages
blurred, darkened, with glare, cut off, or too small (glare and cut-off for photos only: a flatbed
scan has no flash and no desk around the page).
"""

from __future__ import annotations

import argparse
from collections import Counter

from yichuang.ingest.quality import assess
from yichuang.samples.degrade import DEFECTS, PHOTO_ONLY, degrade
from yichuang.samples.generate import STYLES, iter_samples


def run(seed: int, per_layout: int) -> dict[str, float]:
    good = good_ok = bad = bad_flagged = 0
    per_defect: Counter = Counter()
    per_defect_n: Counter = Counter()
    misses = []
    for i, (style, sample, img) in enumerate(iter_samples(per_layout, STYLES, seed)):
        good += 1
        q = assess(img)
        good_ok += q.usable
        if not q.usable:
            misses.append(f"usable {style} {sample.material} rejected: {q.problems}")
        for j, defect in enumerate(DEFECTS):
            if style == "scan" and defect in PHOTO_ONLY:
                continue
            qb = assess(degrade(img, defect, seed * 1000 + i * 10 + j))
            bad += 1
            per_defect_n[defect] += 1
            flagged = not qb.usable
            bad_flagged += flagged
            per_defect[defect] += flagged
            if not flagged:
                misses.append(f"{defect} {style} {sample.material} passed")
    print("| photos | n | result | goal |\n|---|---|---|---|")
    print(f"| unusable, flagged | {bad} | {100 * bad_flagged / bad:.1f} % | ≥ 95 % |")
    for d in DEFECTS:
        print(f"| — {d} | {per_defect_n[d]} | {100 * per_defect[d] / per_defect_n[d]:.1f} % | |")
    print(f"| usable, rejected | {good} | {100 * (good - good_ok) / good:.1f} % | ≤ 5 % |")
    for m in misses:
        print("miss:", m)
    return {"flagged": bad_flagged / bad, "rejected": (good - good_ok) / good}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--per-layout", type=int, default=2)
    args = ap.parse_args()
    run(args.seed, args.per_layout)


if __name__ == "__main__":
    main()
