"""Real servers for integration tests, started on free loopback ports and stopped afterwards:
Redis (Debian's redis-server), PostgreSQL (initdb + pg_ctl), SeaweedFS (`weed mini`, an S3 server)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ACCESS, SECRET = "yichuang", "yichuang-secret-key"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 60, proc: subprocess.Popen | None = None) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before listening on {port}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def missing(binary: str) -> str | None:
    return None if shutil.which(binary) or Path(binary).exists() else f"{binary} is not installed"


@contextmanager
def redis_server(tmp: Path):
    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_port(port, 20, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(proc)


def _pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise FileNotFoundError(f"{name}: install Debian's postgresql package")
    return str(found[-1])


@contextmanager
def postgres_server(tmp: Path):
    """A throw-away cluster. As root, initdb must run as another user: Debian's `postgres`."""
    import tempfile

    port = free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # pytest's tmp tree is root-only (0700): the cluster gets its own folder
        tmp = Path(tempfile.mkdtemp(prefix="yichuang-pg-"))
        tmp.chmod(0o777)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = tmp / "pgdata"
    subprocess.run([*as_user, _pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--no-locale"], check=True, capture_output=True)
    subprocess.run([*as_user, _pg_bin("pg_ctl"), "-D", str(data), "-l", str(tmp / "pg.log"), "-w", "-o",
                    f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                   check=True, capture_output=True)
    try:
        wait_port(port, 30)
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, _pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        if as_user:
            shutil.rmtree(tmp, ignore_errors=True)


def weed_binary() -> str:
    exe = Path(sys.executable).parent / "weed"
    return str(exe) if exe.exists() else (shutil.which("weed") or "weed")


@contextmanager
def seaweedfs_server(tmp: Path, bucket: str = "yichuang"):
    """SeaweedFS in one process (`weed mini`): a real S3 server the minio SDK works against."""
    ports = {name: free_port() for name in ("s3", "master", "volume", "filer", "admin", "webdav", "metrics")}
    env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS, "AWS_SECRET_ACCESS_KEY": SECRET}
    args = [weed_binary(), "mini", f"-dir={tmp}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            f"-s3.port={ports['s3']}", f"-master.port={ports['master']}", f"-volume.port={ports['volume']}",
            f"-filer.port={ports['filer']}", f"-admin.port={ports['admin']}", f"-webdav.port={ports['webdav']}",
            f"-metricsPort={ports['metrics']}"]
    with open(tmp / "weed.log", "wb") as out:
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_port(ports["s3"], 90, proc)
        _wait_s3_ready(ports["s3"])
        yield f"s3://{ACCESS}:{SECRET}@127.0.0.1:{ports['s3']}/{bucket}"
    finally:
        stop(proc)


def _wait_s3_ready(port: int, timeout: float = 60) -> None:
    from minio import Minio

    client = Minio(f"127.0.0.1:{port}", access_key=ACCESS, secret_key=SECRET, secure=False)
    end = time.time() + timeout
    last: Exception | None = None
    while time.time() < end:
        try:
            client.list_buckets()
            return
        except Exception as exc:  # noqa: BLE001 - not ready yet
            last = exc
            time.sleep(0.5)
    raise TimeoutError(f"S3 on {port} not ready: {last}")
