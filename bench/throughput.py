"""Pages per minute through the HTTP API with 1 and 2 Celery workers (real Redis).

    .venv/bin/python -m bench.throughput [--cases 3] [--styles camera,phone]

Each run starts a fresh store (so nothing comes from the OCR cache), the API (`yichuang serve`)
and N workers, uploads the sample cases, starts every check at once and times until the last
result. Configurations: 1 worker with 1 OCR thread, 2 workers with 1 thread each (worker
scaling), and 1 worker whose onnxruntime uses both cores (the best single worker).

On a shared machine the wall clock says little, so each run also accounts the CPU seconds
(user + system, from /proc) spent during the timed window by each process group: the workers
(Celery's parent and pool child), the API, Redis and this client. The ceiling of N single-thread
workers on N cores is N × (worker CPU per page) / (all CPU per page) when nothing else waits: the
non-worker share is what keeps two workers from 2×.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from yichuang.samples.cases import write_case

from tests.servers import free_port, redis_server, stop, wait_port

REPO = Path(__file__).resolve().parents[1]
CASES = ["convenience_store", "house_transfer", "dog_registration", "business_agent_without_authority"]


def _wait_for_workers(redis_url: str, n: int, timeout: float = 120) -> None:
    from yichuang.service.tasks import make_app

    app = make_app(redis_url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=1.0) or []) >= n:
            return
    raise RuntimeError(f"{n} worker(s) did not answer within {timeout:.0f} s")


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of one live process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> list[int]:
    """``root`` and its live descendants."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


def _redis_pid(redis_url: str) -> int | None:
    port = redis_url.rsplit(":", 1)[1].split("/")[0]
    for cmd in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmd.read_bytes().split(b"\0")
        except OSError:
            continue
        # redis-server retitles itself "redis-server 127.0.0.1:PORT"
        if argv and b"redis-server" in argv[0] and any(a.endswith(f":{port}".encode()) or a == port.encode()
                                                     for a in b" ".join(argv).split()):
            return int(cmd.parent.name)
    return None


def _group_cpu(groups: dict[str, list[int]]) -> dict[str, float]:
    return {name: sum(_proc_cpu(p) for root in roots for p in _tree(root)) for name, roots in groups.items()}


def _run(workers: int, threads: int, folders: list[Path], redis_url: str, tmp: Path) -> tuple[int, float, dict]:
    env = {**os.environ, "YICHUANG_HOME": str(tmp / f"home{workers}-{threads}"), "YICHUANG_BROKER_URL": redis_url,
           "YICHUANG_OCR_THREADS": str(threads)}
    env.pop("YICHUANG_STORAGE_URL", None)
    env.pop("YICHUANG_DATABASE_URL", None)
    port = free_port()
    procs = [subprocess.Popen([sys.executable, "-m", "yichuang.service.cli", "serve", "--port", str(port)], env=env, cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    wait_port(port, 60, procs[0])
    for _ in range(workers):
        procs.append(subprocess.Popen([sys.executable, "-m", "yichuang.service.cli", "worker"], env=env, cwd=REPO,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            _wait_for_workers(redis_url, workers)
            time.sleep(4)  # the pool children load the models (worker_process_init) before the clock starts
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
            groups = {"workers": [p.pid for p in procs[1:]], "api": [procs[0].pid],
                      "redis": [pid for pid in [_redis_pid(redis_url)] if pid], "client": [os.getpid()]}
            cpu0 = _group_cpu(groups)
            client0 = time.process_time()
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
            seconds = time.perf_counter() - start
            cpu = {k: v - cpu0[k] for k, v in _group_cpu(groups).items()}
            cpu["client"] = time.process_time() - client0
            return pages, seconds, cpu
    finally:
        for proc in procs:
            stop(proc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=len(CASES))
    ap.add_argument("--rounds", type=int, default=2, help="repeat the three configurations (order alternating)")
    ap.add_argument("--styles", default="camera,phone", help="each case once per capture style (different bytes)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        folders = []
        for style in args.styles.split(","):
            for name in CASES[: args.cases]:
                write_case(name, tmp / f"cases-{style}", style=style)
                folders.append(tmp / f"cases-{style}" / name)
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores; "
              f"OCR profile {os.environ.get('YICHUANG_OCR_PROFILE') or 'fast (default)'}")
        with redis_server(tmp) as redis_url:
            runs: dict[tuple[int, int], list[float]] = {}
            cpus: dict[tuple[int, int], list[dict]] = {}
            for r in range(args.rounds):
                order = ((1, 1), (2, 1), (1, 2)) if r % 2 == 0 else ((1, 2), (2, 1), (1, 1))
                for workers, threads in order:
                    pages, seconds, cpu = _run(workers, threads, folders, redis_url, tmp / f"r{r}")
                    runs.setdefault((workers, threads), []).append(60 * pages / seconds)
                    cpus.setdefault((workers, threads), []).append({k: v / pages for k, v in cpu.items()})
                    per_page = ", ".join(f"{k} {v / pages:.3f}" for k, v in cpu.items())
                    print(f"round {r + 1}: {workers} worker(s) × {threads} OCR thread(s): {pages} pages in "
                          f"{seconds:.1f} s = {60 * pages / seconds:.1f} pages/min; CPU s/page: {per_page}; "
                          f"load {os.getloadavg()[0]:.2f}", flush=True)
            rates = {k: statistics.median(v) for k, v in runs.items()}
            scaling = [b / a for a, b in zip(runs[1, 1], runs[2, 1], strict=True)]
            for (workers, threads), rate in rates.items():
                print(f"{workers} worker(s) × {threads} OCR thread(s): {rate:.1f} pages/min (median)")
            print(f"worker scaling, 1 → 2 workers of one thread each: {statistics.median(scaling):.2f}× "
                  f"(per round: {', '.join(f'{x:.2f}' for x in scaling)})")
            print(f"2 workers × 1 thread vs 1 worker × 2 threads: {rates[2, 1] / rates[1, 2]:.2f}×")
            for key, rows in cpus.items():
                med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
                total = sum(med.values())
                ceiling = key[0] * med["workers"] / total if total else float("nan")
                print(f"{key[0]} worker(s) × {key[1]} thread(s): CPU s/page (median) "
                      + ", ".join(f"{k} {v:.3f}" for k, v in med.items())
                      + f"; worker share {med['workers'] / total:.1%}; CPU-bound ceiling on {key[0]} core(s) "
                        f"{ceiling:.2f}× one worker's rate")
            print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
