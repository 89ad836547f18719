from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein
from yichuang.samples.render import Text, render

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PEER = SHARED / "peer-data"

# Subprocesses the tests start (yichuang serve, workers, the CLI) import this checkout's code, not the
# copy installed in the venv, wherever their working directory is.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)

LEASE_LINES = [
    "房屋租赁合同",
    "出租方（甲方）：王建国　身份证号码：110101199003074578",
    "承租方（乙方）：李晓梅　联系电话：13812345678",
    "第一条　甲方将位于北京市朝阳区建国路88号1单元302室的房屋",
    "出租给乙方使用，房屋建筑面积为86.5平方米。",
    "第二条　租赁期限自2025年3月1日起至2028年2月29日止。",
    "第三条　月租金人民币肆仟伍佰元整（¥4500.00），按季度支付。",
    "第四条　乙方应按时交纳水、电、燃气及物业费用。",
    "第五条　租赁期内甲方负责房屋主体结构的维修。",
    "第六条　本合同一式两份，甲乙双方各执一份。",
    "甲方（签字）：王建国　　乙方（签字）：李晓梅",
    "签订日期：2025年2月20日",
]


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def cer(got: str, truth: str) -> float:
    g, t = norm(got), norm(truth)
    return Levenshtein.distance(g, t) / max(len(t), 1)


@pytest.fixture(scope="session")
def lease_page() -> Image.Image:
    items = [Text(480, 150, LEASE_LINES[0], 44, "sans")]
    items += [Text(130, 150 + i * 72, t, 30, "sans") for i, t in enumerate(LEASE_LINES[1:], start=1)]
    return render(items)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An isolated YICHUANG_HOME: embedded storage and SQLite under tmp."""
    monkeypatch.setenv("YICHUANG_HOME", str(tmp_path / "home"))
    for var in ("YICHUANG_STORAGE_URL", "YICHUANG_DATABASE_URL", "YICHUANG_BROKER_URL"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "home"


def encode(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


# ---- real servers (session-wide; started only by the tests that ask for them) ---------------

@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    from tests.servers import missing, redis_server

    if why := missing("redis-server"):
        pytest.fail(f"{why}: the README's test command installs it (Debian's redis-server)")
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    from tests.servers import postgres_server

    with postgres_server(tmp_path_factory.mktemp("pg")) as url:
        yield url


@pytest.fixture(scope="session")
def s3_url(tmp_path_factory):
    from tests.servers import seaweedfs_server

    with seaweedfs_server(tmp_path_factory.mktemp("weed")) as url:
        yield url
