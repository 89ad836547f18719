"""At scale: API + Celery workers over real Redis, uploads in S3 (SeaweedFS), cases in PostgreSQL.
Nothing is lost: a worker SIGKILLed mid-case, an API restarted between upload and check."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from yichuang.samples.cases import write_case

from tests.servers import free_port, stop, wait_port

pytestmark = [pytest.mark.servers, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def scale_env(redis_url, s3_url, postgres_url, tmp_path, monkeypatch):
    env = {"YICHUANG_BROKER_URL": redis_url, "YICHUANG_STORAGE_URL": s3_url, "YICHUANG_DATABASE_URL": postgres_url,
           "YICHUANG_HOME": str(tmp_path / "home"), "YICHUANG_VISIBILITY_TIMEOUT": "6"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return env


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "yichuang.service.cli", "worker", "--concurrency", "1",
                                 "--loglevel", "info"], env={**os.environ, **env}, cwd=REPO, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def start_api(env: dict, port: int, log: Path) -> subprocess.Popen:
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "yichuang.service.cli", "serve", "--port", str(port)],
                                env={**os.environ, **env}, cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    wait_port(port, 60, proc)
    return proc


def upload_case(http: httpx.Client, folder: Path, matters: list[str], as_of: str) -> tuple[str, dict]:
    r = http.post("/api/cases", json={"matters": matters, "as_of": as_of})
    assert r.status_code == 201, r.text
    case_id, headers = r.json()["id"], {"Authorization": f"Bearer {r.json()['upload_token']}"}
    files = [("file", (p.name, p.read_bytes(), "image/jpeg")) for p in sorted(folder.glob("*.jpg"))]
    r = http.post(f"/api/cases/{case_id}/files", files=files, headers=headers)
    assert r.status_code == 201, r.text
    return case_id, headers


def wait_result(http: httpx.Client, case_id: str, headers: dict, timeout: float, until_pages: int | None = None):
    end = time.time() + timeout
    while time.time() < end:
        r = http.get(f"/api/cases/{case_id}/result", headers=headers)
        if r.status_code == 200:
            return r.json()
        if until_pages is not None and r.status_code == 202 and r.json()["done_pages"] >= until_pages:
            return r.json()
        time.sleep(0.25)
    raise TimeoutError(f"case {case_id} not done after {timeout}s: {r.status_code} {r.text[:200]}")


def summary(result: dict) -> tuple:
    return (result["verdict"], [(m["item"], m["status"], tuple(m["documents"])) for m in result["materials"]],
            [(d["source"], d["material"], tuple(sorted(d["fields"].items()))) for d in result["documents"]])


def test_worker_killed_mid_case_and_the_case_still_completes_the_same(scale_env, tmp_path):
    meta = write_case("house_transfer", tmp_path / "cases", style="phone")
    folder = tmp_path / "cases" / "house_transfer"
    port = free_port()
    api = start_api(scale_env, port, tmp_path / "api.log")
    worker = start_worker(scale_env, tmp_path / "w1.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            case_id, headers = upload_case(http, folder, meta["matters"], meta["as_of"])
            assert http.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
            progress = wait_result(http, case_id, headers, 180, until_pages=1)
            assert "verdict" not in progress, "the case finished before the worker could be killed"
            os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool child, mid-page
            worker.wait(10)
            time.sleep(1)
            assert http.get(f"/api/cases/{case_id}/result", headers=headers).status_code == 202
            worker = start_worker(scale_env, tmp_path / "w2.log")
            result = wait_result(http, case_id, headers, 240)
            # the same files checked again, uninterrupted (pages come from the OCR cache)
            again_id, again_headers = upload_case(http, folder, meta["matters"], meta["as_of"])
            http.post(f"/api/cases/{again_id}/check", headers=again_headers)
            reference = wait_result(http, again_id, again_headers, 240)
        assert result["verdict"] == meta["expect"]["verdict"]
        assert summary(result) == summary(reference)
        assert len(result["documents"]) == len(list(folder.glob("*.jpg")))
    finally:
        stop(worker)
        stop(api)


def test_api_restarted_between_upload_and_check_loses_nothing(tmp_path, monkeypatch):
    for var in ("YICHUANG_BROKER_URL", "YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    env = {"YICHUANG_HOME": str(tmp_path / "home")}  # embedded: local storage, SQLite, checks on a thread
    meta = write_case("dog_registration", tmp_path / "cases")
    port = free_port()
    api = start_api(env, port, tmp_path / "api.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            case_id, headers = upload_case(http, tmp_path / "cases" / "dog_registration", meta["matters"],
                                           meta["as_of"])
            os.killpg(api.pid, signal.SIGKILL)  # no goodbye: only what was acknowledged counts
            api.wait(10)
            api = start_api(env, port, tmp_path / "api2.log")
            assert http.post(f"/api/cases/{case_id}/check", headers=headers).status_code == 202
            time.sleep(1.5)
            os.killpg(api.pid, signal.SIGKILL)  # and once more, in the middle of the check
            api.wait(10)
            api = start_api(env, port, tmp_path / "api3.log")  # resumes the interrupted check
            result = wait_result(http, case_id, headers, 240)
        assert result["verdict"] == meta["expect"]["verdict"]
        assert len(result["documents"]) == 5
        statuses = {m["item"]: m["status"] for m in result["materials"]}
        assert {k: statuses[k] for k in meta["expect"]["status"]} == meta["expect"]["status"]
    finally:
        stop(api)


def test_worker_refuses_to_start_without_a_broker(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "YICHUANG_BROKER_URL"}
    proc = subprocess.run([sys.executable, "-m", "yichuang.service.cli", "worker"], env={**env, "YICHUANG_HOME": str(tmp_path)},
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "YICHUANG_BROKER_URL" in proc.stderr
    assert json.dumps("Traceback") not in proc.stderr
