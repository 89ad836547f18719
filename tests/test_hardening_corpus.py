"""Issue 11's corpus: ≥ 40 hostile files (made here) against a real `yichuang serve` and the CLI.
Each gets a clear 4xx JSON error or a result; the server stays up; nothing already stored is
lost; a file with one bad page keeps its good pages; peak server memory stays under a bound."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.helpers.hostile import corpus, doc_image
from tests.helpers.server import REPO, rss_mb, served

pytestmark = [pytest.mark.servers]
PEAK_RSS_MB = 1000  # the bound the README states (measured: 661 MB; see "Hardening" there)


def _png(img) -> bytes:
    import io

    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _case(http: httpx.Client) -> tuple[str, dict]:
    r = http.post("/api/cases", json={"matters": ["dog_registration"], "as_of": "2026-11-23"})
    assert r.status_code == 201, r.text
    return r.json()["id"], {"Authorization": f"Bearer {r.json()['upload_token']}"}


def _pages(http, case_id, headers) -> list[dict]:
    r = http.get(f"/api/cases/{case_id}/pages", headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["pages"]


def test_corpus_against_a_running_server(tmp_path):
    files = corpus()
    assert len(files) >= 40
    env = {"YICHUANG_MAX_CASE_PAGES": "500", "YICHUANG_RATE_UPLOAD": "1000/min", "YICHUANG_DECODE_SLOTS": "2"}
    with served(tmp_path / "home", **env) as (url, proc), httpx.Client(base_url=url, timeout=120) as http:
        keep_id, keep_h = _case(http)  # a case stored before the attack: it must come through untouched
        r = http.post(f"/api/cases/{keep_id}/files", files=[("file", ("page.png", _png(doc_image()), "image/png"))],
                      headers=keep_h)
        assert r.status_code == 201
        before = _pages(http, keep_id, keep_h)

        case_id, headers = _case(http)
        accepted: dict[str, int] = {}
        for h in files:
            data = h.make()
            r = http.post(f"/api/cases/{case_id}/files", files=[("file", (h.name, data, "application/octet-stream"))],
                          headers=headers)
            assert r.status_code < 500, (h.name, r.status_code, r.text[:300])
            body = r.json()
            if h.expect == "ok":
                assert r.status_code == 201, (h.name, body)
                (f,) = body["files"]
                assert "\0" not in f["name"] and len(f["name"]) <= 200
                assert sum(not q["usable"] and any("像素" in p for p in q["problems"]) for q in f["quality"]) \
                    >= h.bad_pages
                accepted[f["sha256"]] = f["pages"]
            else:
                assert 400 <= r.status_code < 500, (h.name, r.status_code)
                assert set(body["error"]) == {"code", "message"} and body["error"]["code"] == h.expect, (h.name, body)
                assert any("\u4e00" <= ch <= "\u9fff" for ch in body["error"]["message"]), body  # said in Chinese
            assert proc.poll() is None, f"the server died on {h.name}"
            assert _pages(http, keep_id, keep_h) == before, f"{h.name} changed another case"

        pages = _pages(http, case_id, headers)
        assert {p["sha256"] for p in pages} == set(accepted)  # refused files were not recorded
        assert len(pages) == sum(accepted.values())

        # the case with two bad pages (a PDF page of 1 pt, a 1×1 TIFF frame) still checks: those pages only fail
        assert http.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
        end = time.time() + 300
        while (r := http.get(f"/api/cases/{case_id}/result", headers=headers)).status_code == 202:
            assert time.time() < end
            time.sleep(0.5)
        assert r.status_code == 200, r.text
        result = r.json()
        bad = [e for e in result["errors"] if e["code"] == "unreadable_page"]
        assert len(bad) == sum(h.bad_pages for h in files)
        assert sorted(e["source"] for e in bad) == ["pdf-one-bad-page.pdf", "tiff-one-bad-frame.tif"]
        assert result["verdict"] != "complete"

        # parallel renders of the biggest page and page images: the decode slots bound the memory
        big = next(h for h in files if h.name == "page-14400pt.pdf").make()
        cases = [_case(http) for _ in range(4)]

        def upload(c):
            return http.post(f"/api/cases/{c[0]}/files", files=[("file", ("big.pdf", big, "application/pdf"))],
                             headers=c[1]).status_code

        with ThreadPoolExecutor(4) as pool:
            assert list(pool.map(upload, cases)) == [201] * 4
            sha = _pages(http, cases[0][0], cases[0][1])[0]["sha256"]
            token = cases[0][1]["Authorization"].split()[1]
            got = list(pool.map(lambda _: http.get(f"/cases/{cases[0][0]}/pages/{sha}/1/image?t={token}"), range(4)))
        assert all(g.status_code == 200 and g.headers["content-type"] == "image/jpeg" for g in got)
        assert _pages(http, keep_id, keep_h) == before
        _, peak = rss_mb(proc.pid)
        print(f"peak server RSS over the corpus: {peak:.0f} MB")
        assert peak < PEAK_RSS_MB, f"peak RSS {peak:.0f} MB over the {PEAK_RSS_MB} MB bound"


def test_corpus_on_the_cli(tmp_path):
    """`yichuang ocr` over the same files: exit 2, one line per refused file, never a traceback."""
    folder = tmp_path / "in"
    folder.mkdir()
    expected = {}
    for h in corpus():
        name = h.name.replace("\0", "")[:60]  # a file system allows 255 bytes
        (folder / name).write_bytes(h.make())
        expected[name] = h
    env = {**os.environ, "YICHUANG_HOME": str(tmp_path / "home"), "YICHUANG_OCR_ENGINE": "fake"}
    run = subprocess.run([sys.executable, "-m", "yichuang.service.cli", "ocr", "--json", str(folder)], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 2, run.stderr[-2000:]
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    doc = json.loads(run.stdout)
    by_file: dict[str, list[str]] = {}
    for e in doc["errors"]:
        by_file.setdefault(Path(e["source"]).name, []).append(e["code"])
    for name, h in expected.items():
        if h.expect == "ok":
            assert by_file.get(name, []) == ["unreadable_page"] * h.bad_pages, (name, by_file.get(name))
        elif name.endswith(".txt"):
            continue
        else:
            assert by_file.get(name) == [h.expect], (name, by_file.get(name))
    error_lines = [x for x in run.stderr.splitlines() if x.startswith("error: ")]
    assert len(error_lines) == len(doc["errors"])  # one line each
