"""The server under upload load: its memory and how fast it still answers a result.

    .venv/bin/python -m bench.server_load [--cases 10] [--photos 4] [--polls 600]

Starts `yichuang serve` on the embedded default (local storage, SQLite, checks on threads) with
the **fake OCR engine**, so what is measured is the server (parsing, decoding and gating every
upload, storing, the check) and not the OCR models. One case is uploaded and checked first; then
N cases each upload photos and a scanned PDF at once and start their checks, while one client
polls ``GET /api/cases/{id}/result`` of the first case. Prints the latency percentiles of those
polls and the server's resident memory (before, peak) from /proc. Then the hostile corpus of
tests/helpers/hostile.py is sent once and the peak is read again.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from PIL import Image

from tests.helpers.hostile import corpus, doc_image
from tests.helpers.pdfs import make_pdf
from tests.helpers.server import rss_mb, served


def _jpeg(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _case(http: httpx.Client) -> tuple[str, dict]:
    r = http.post("/api/cases", json={"matters": ["dog_registration"], "as_of": "2026-11-23"})
    r.raise_for_status()
    return r.json()["id"], {"Authorization": f"Bearer {r.json()['upload_token']}"}


def _wait(http: httpx.Client, case_id: str, headers: dict, timeout: float = 600) -> int:
    end = time.time() + timeout
    while time.time() < end:
        r = http.get(f"/api/cases/{case_id}/result", headers=headers)
        if r.status_code != 202:
            return r.status_code
        time.sleep(0.3)
    raise TimeoutError(case_id)


def run(cases: int, photos: int, polls: int, extra_env: tuple[str, ...] = ()) -> dict:
    # a phone photo of a page (12 MP) and a two-page scan: what a citizen or a desk sends
    photo = [_jpeg(doc_image((3000 + 40 * i, 4000))) for i in range(photos)]
    scan = make_pdf([doc_image((1654, 2339)), doc_image((1654, 2339))])
    tmp = Path(tempfile.mkdtemp(prefix="yc-load-"))
    env = {"YICHUANG_RATE_CREATE": "1000/min", "YICHUANG_RATE_UPLOAD": "1000/min", "YICHUANG_MAX_CASE_PAGES": "500",
           **dict(kv.split("=", 1) for kv in extra_env)}
    out: dict = {"engine": "fake", "cases": cases, "files_per_case": photos + 1, "pages_per_case": photos + 2}
    with served(tmp / "home", **env) as (url, proc), httpx.Client(base_url=url, timeout=300) as http:
        watched, wh = _case(http)
        http.post(f"/api/cases/{watched}/files", files=[("file", ("p.jpg", photo[0], "image/jpeg"))],
                  headers=wh).raise_for_status()
        http.post(f"/api/cases/{watched}/check", headers=wh).raise_for_status()
        assert _wait(http, watched, wh) == 200
        time.sleep(1.0)
        out["rss_idle_mb"] = round(rss_mb(proc.pid)[0])

        latencies: list[float] = []
        stop = threading.Event()

        def poll() -> None:
            with httpx.Client(base_url=url, timeout=60) as c:
                while not stop.is_set() and len(latencies) < polls:
                    t = time.perf_counter()
                    r = c.get(f"/api/cases/{watched}/result", headers=wh)
                    latencies.append(time.perf_counter() - t)
                    assert r.status_code == 200, r.text
                    time.sleep(0.02)

        def one_case(_n: int) -> int:
            with httpx.Client(base_url=url, timeout=300) as c:
                case_id, h = _case(c)
                files = [("file", (f"photo{i}.jpg", p, "image/jpeg")) for i, p in enumerate(photo)]
                files.append(("file", ("scan.pdf", scan, "application/pdf")))
                c.post(f"/api/cases/{case_id}/files", files=files, headers=h).raise_for_status()
                c.post(f"/api/cases/{case_id}/check", headers=h).raise_for_status()
                return _wait(c, case_id, h)

        poller = threading.Thread(target=poll)
        t0 = time.perf_counter()
        poller.start()
        with ThreadPoolExecutor(cases) as pool:
            codes = list(pool.map(one_case, range(cases)))
        out["load_seconds"] = round(time.perf_counter() - t0, 1)
        stop.set()
        poller.join()
        assert codes == [200] * cases, codes
        lat = sorted(latencies)
        out["result_polls"] = len(lat)
        out["result_p50_ms"] = round(1000 * statistics.median(lat), 1)
        out["result_p95_ms"] = round(1000 * lat[int(0.95 * (len(lat) - 1))], 1)
        out["result_max_ms"] = round(1000 * lat[-1], 1)
        out["rss_peak_upload_mb"] = round(rss_mb(proc.pid)[1])

        hostile, hh = _case(http)
        codes = []
        for h in corpus():
            r = http.post(f"/api/cases/{hostile}/files", files=[("file", (h.name, h.make(), "x"))], headers=hh)
            codes.append(r.status_code)
        assert max(codes) < 500 and proc.poll() is None
        out["hostile_files"] = len(codes)
        out["rss_peak_after_hostile_mb"] = round(rss_mb(proc.pid)[1])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=10)
    ap.add_argument("--photos", type=int, default=4)
    ap.add_argument("--polls", type=int, default=2000)
    ap.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server (repeatable)")
    args = ap.parse_args()
    print(json.dumps(run(args.cases, args.photos, args.polls, tuple(args.env)), indent=1))


if __name__ == "__main__":
    main()
