"""bench.throughput's CPU accounting reads the processes it names (not a timed test: no speed asserted)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.throughput import _group_cpu, _redis_pid, _tree
from tests.servers import redis_server


def test_cpu_of_a_process_tree_counts_its_children():
    spin = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\ntime.sleep(30)"
    parent = subprocess.Popen([sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {spin!r}])"])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _group_cpu({"p": [parent.pid]})["p"] < 0.3:
            time.sleep(0.1)
        assert len(_tree(parent.pid)) == 2  # the parent and the child that spun
        assert _group_cpu({"p": [parent.pid]})["p"] >= 0.3
    finally:
        for pid in reversed(_tree(parent.pid)):  # the processes this test started, by id
            os.kill(pid, signal.SIGTERM)
        parent.wait(10)


@pytest.mark.servers
def test_redis_is_found_by_its_port(tmp_path):
    with redis_server(tmp_path) as url:
        pid = _redis_pid(url)
        assert pid is not None and b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    assert _redis_pid("redis://127.0.0.1:1/0") is None
