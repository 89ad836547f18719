"""`yichuang serve` in a child process on a free loopback port, with its peak memory readable."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import free_port, stop, wait_port

REPO = Path(__file__).resolve().parents[2]


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB, from /proc (Linux)."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


@contextmanager
def served(home: Path, **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """A server on the embedded default (local storage, SQLite, in-process checks) with the fake OCR
    engine unless told otherwise: what is measured is the server, not the OCR models."""
    port = free_port()
    full = {**os.environ, "YICHUANG_HOME": str(home), "YICHUANG_OCR_ENGINE": "fake", **env}
    for var in ("YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL", "YICHUANG_BROKER_URL"):
        if var not in env:
            full.pop(var, None)
    log = home.parent / f"serve-{port}.log"
    home.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "yichuang.service.cli", "serve", "--port", str(port)], env=full,
                                cwd=REPO, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_port(port, 90, proc)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop(proc)
