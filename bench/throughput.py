"""Pages per minute through the HTTP API with 1 and 2 Celery workers (real Redis).

    .venv/bin/python -m bench.throughput [--cases 3]

Each run starts a fresh store (so nothing comes from the OCR cache), the API (`yichuang serve`)
and N workers, uploads the sample cases, starts every check at once and times until the last
result. Configurations: 1 worker with 1 OCR thread, 2 workers with 1 thread each (worker
scaling), and 1 worker whose onnxruntime uses both cores (the best single worker).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from samples.cases import write_case
from tests.servers import free_port, redis_server, stop, wait_port

REPO = Path(__file__).resolve().parents[1]
CASES = ["convenience_store", "house_transfer", "dog_registration", "business_agent_without_authority"]


def _run(workers: int, threads: int, folders: list[Path], redis_url: str, tmp: Path) -> tuple[int, float]:
    env = {**os.environ, "YICHUANG_HOME": str(tmp / f"home{workers}-{threads}"), "YICHUANG_BROKER_URL": redis_url,
           "YICHUANG_OCR_THREADS": str(threads)}
    env.pop("YICHUANG_STORAGE_URL", None)
    env.pop("YICHUANG_DATABASE_URL", None)
    port = free_port()
    procs = [subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--port", str(port)], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    wait_port(port, 60, procs[0])
    for _ in range(workers):
        procs.append(subprocess.Popen([sys.executable, "-m", "service.cli", "worker"], env=env, cwd=REPO,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            time.sleep(8)  # workers load the models before the clock starts
            cases = []
            pages = 0
            for folder in folders:
                meta = (folder / "case.json").read_text(encoding="utf-8")
                import json

                matters = json.loads(meta)["matters"]
                r = http.post("/api/cases", json={"matters": matters, "as_of": "2026-11-23"}).json()
                headers = {"Authorization": f"Bearer {r['upload_token']}"}
                files = [("file", (p.name, p.read_bytes(), "image/jpeg")) for p in sorted(folder.glob("*.jpg"))]
                up = http.post(f"/api/cases/{r['id']}/files", files=files, headers=headers).json()
                pages += sum(f["pages"] for f in up["files"])
                cases.append((r["id"], headers))
            start = time.perf_counter()
            for case_id, headers in cases:
                http.post(f"/api/cases/{case_id}/check", headers=headers)
            pending = list(cases)
            while pending:
                # one case at a time, twice a second: the poll shares the two cores with the workers
                case_id, headers = pending[0]
                if http.get(f"/api/cases/{case_id}/result", headers=headers).status_code == 200:
                    pending.pop(0)
                    continue
                time.sleep(0.5)
            return pages, time.perf_counter() - start
    finally:
        for proc in procs:
            stop(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=len(CASES))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        folders = []
        for name in CASES[: args.cases]:
            write_case(name, tmp / "cases")
            folders.append(tmp / "cases" / name)
        with redis_server(tmp) as redis_url:
            rates = {}
            for workers, threads in ((1, 1), (2, 1), (1, 2)):
                pages, seconds = _run(workers, threads, folders, redis_url, tmp)
                rates[workers, threads] = 60 * pages / seconds
                print(f"{workers} worker(s) × {threads} OCR thread(s): {pages} pages in {seconds:.1f} s = "
                      f"{rates[workers, threads]:.1f} pages/min")
            print(f"worker scaling, 1 → 2 workers of one thread each: {rates[2, 1] / rates[1, 1]:.2f}×")
            print(f"2 workers × 1 thread vs 1 worker × 2 threads: {rates[2, 1] / rates[1, 2]:.2f}×")


if __name__ == "__main__":
    main()
