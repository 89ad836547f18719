"""Benchmark of the check step alone (after extraction): milliseconds per case.

    .venv/bin/python -m bench.check [--repeat 200]

Documents are built from the sample scenarios' ground truth (no OCR), so only the checker runs:
role assignment, conditions, validity, consistency, form, notice.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from yichuang.checkers.case import check_case
from yichuang.checkers.rules import load_rulesets
from yichuang.samples.cases import SCENARIOS

from bench.reuse import truth_documents


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    args = ap.parse_args()
    rules = load_rulesets()
    cases = []
    for name, build in SCENARIOS.items():
        matters, pages, _ = build()
        cases.append((name, matters, truth_documents(pages)))
    for _, matters, docs in cases:  # warm-up
        check_case(docs, matters, rules, date(2026, 11, 23))
    print("| case | pages | ms per check (median) |\n|---|---|---|")
    all_times = []
    for name, matters, docs in cases:
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            check_case(docs, matters, rules, date(2026, 11, 23))
            times.append((time.perf_counter() - t) * 1000)
        all_times += times
        print(f"| {name} | {len(docs)} | {statistics.median(times):.2f} |")
    print(f"\nall cases: median {statistics.median(all_times):.2f} ms, "
          f"p95 {sorted(all_times)[int(0.95 * len(all_times))]:.2f} ms per check")


if __name__ == "__main__":
    main()
