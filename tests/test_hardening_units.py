"""The small pieces behind issue 11: rate buckets, render-scale clamp, degenerate pages, names."""

from __future__ import annotations

import pytest
from yichuang.ingest.limits import MAX_PAGE_MP, degenerate, render_scale
from yichuang.service.security import RateLimiter, parse_rate, rule_of
from yichuang.service.web import clean_name


def test_rate_buckets_refill_evenly():
    limiter = RateLimiter({"login": (3, 60.0)})
    assert [limiter.hit("login", "ip:a", now=0.0) for _ in range(3)] == [0, 0, 0]
    wait = limiter.hit("login", "ip:a", now=0.0)
    assert wait == pytest.approx(20.0)  # one request comes back every 60/3 s
    assert limiter.hit("login", "ip:b", now=0.0) == 0  # another client has its own bucket
    assert limiter.hit("login", "ip:a", now=41.0) == 0  # refilled


def test_rate_buckets_are_bounded():
    limiter = RateLimiter({"create": (1, 60.0)}, max_keys=100)
    for n in range(1000):
        limiter.hit("create", f"ip:{n}", now=0.0)
    assert len(limiter._buckets) == 100


def test_rates_and_rules():
    assert parse_rate("30/min") == (30, 60.0) and parse_rate("5/s") == (5, 1.0) and parse_rate("100/hour")[1] == 3600
    with pytest.raises(ValueError):
        parse_rate("lots")
    assert rule_of("POST", "/api/cases") == "create" and rule_of("POST", "/api/cases/abc/files") == "upload"
    assert rule_of("POST", "/api/cases/abc/check") == "check" and rule_of("POST", "/login") == "login"
    assert rule_of("GET", "/api/cases/abc/result") is None and rule_of("DELETE", "/api/cases/a/files/b") is None


def test_rates_come_from_settings_and_a_bad_one_is_refused_in_chinese(tmp_path):
    from yichuang.config import load_settings
    from yichuang.errors import UsageError

    env = {"YICHUANG_HOME": str(tmp_path)}
    assert RateLimiter.from_settings(load_settings(env)).rates["login"] == (20, 60.0)
    assert RateLimiter.from_settings(load_settings({**env, "YICHUANG_RATE_LOGIN": "5/s"})).rates["login"] == (5, 1.0)
    with pytest.raises(UsageError, match="YICHUANG_RATE_LOGIN.*限流格式"):
        load_settings({**env, "YICHUANG_RATE_LOGIN": "often"})


def test_render_scale_is_clamped_to_the_page_cap():
    assert render_scale(595, 842) == pytest.approx(200 / 72)  # A4 at 200 dpi
    for side in (5000, 14400, 200_000):
        s = render_scale(side, side)
        assert (side * s) ** 2 <= MAX_PAGE_MP * 1_000_000 * 1.0001


def test_degenerate_pages():
    assert degenerate(1654, 2339) is None and degenerate(1200, 4800) is None  # a page, a long receipt
    assert "1×1" in degenerate(1, 1) and degenerate(20000, 50) and degenerate(3000, 200)


@pytest.mark.parametrize(("raw", "want"), [
    ("C:\\Users\\me\\id.jpg", "id.jpg"), ("../../etc/passwd", "passwd"), ("a\0b\x07.png", "ab.png"),
    ("", "upload"), (None, "upload"), ("   ", "upload"),
])
def test_clean_name(raw, want):
    assert clean_name(raw) == want


def test_clean_name_keeps_the_extension_of_a_long_name():
    name = clean_name("长" * 600 + ".heic")
    assert len(name) <= 200 and name.endswith(".heic")
