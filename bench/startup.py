"""`yichuang check` of a one-page case as a clerk runs it: wall and CPU seconds, start-up apart.

    .venv/bin/python -m bench.startup [--repeat 3]

Rows: ``--help`` (interpreter + CLI imports only); a one-page case on a fresh store (start-up,
creating the database, model load, OCR, second look, check); another page on the store that now
exists (what a clerk's call costs from the second call on: start-up, model load, OCR, second look,
check); the first case again (everything served from the OCR cache: start-up and check only). Wall seconds depend on what else runs on the machine, so the
CPU seconds (user + system of the child) are printed beside them, with the load average.

The children run with their bytecode cached, as an installed package's is (pip compiles it at install):
``PYTHONDONTWRITEBYTECODE`` is dropped and ``PYTHONPYCACHEPREFIX`` points at a folder of the run, and
one untimed check compiles everything first. Without that, a checkout run with
``PYTHONDONTWRITEBYTECODE=1`` compiles yichuang's sources on every call (~0.2 s CPU measured, 11 %
of a cached check) — a cost no clerk's installed copy pays.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "samples" / "cases" / "convenience_store"


def _run(args: list[str], home: Path, pycache: Path) -> tuple[float, float]:
    env = {**os.environ, "YICHUANG_HOME": str(home), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for var in ("YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL", "YICHUANG_BROKER_URL"):
        env.pop(var, None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "yichuang.service.cli", *args], env=env, cwd=REPO, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    page, other = sorted(CASE.glob("*.jpg"))[:2]
    rows: dict[str, list[tuple[float, float]]] = {"help": [], "one page, fresh store": [],
                                                  "another page, store exists": [], "one page, cached": []}
    with tempfile.TemporaryDirectory() as tmp:
        cases = {}
        for name, src in (("case", page), ("other", other)):
            cases[name] = Path(tmp) / name
            cases[name].mkdir()
            shutil.copy(src, cases[name] / src.name)

        def check(name: str) -> list[str]:
            return ["check", "--matter", "individual_business_registration", str(cases[name])]

        pycache = Path(tmp) / "pycache"
        _run(check("case"), Path(tmp) / "warm-up", pycache)  # compiles the bytecode; not timed
        for r in range(args.repeat):
            home = Path(tmp) / f"home{r}"
            rows["help"].append(_run(["check", "--help"], home, pycache))
            rows["one page, fresh store"].append(_run(check("case"), home, pycache))
            rows["another page, store exists"].append(_run(check("other"), home, pycache))
            rows["one page, cached"].append(_run(check("case"), home, pycache))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; {page.name}, {other.name}")
    print("| run | wall (median) | CPU user+sys (median) |")
    print("|---|---|---|")
    for name, xs in rows.items():
        print(f"| {name} | {statistics.median(w for w, _ in xs):.2f} s | {statistics.median(c for _, c in xs):.2f} s |")


if __name__ == "__main__":
    main()
