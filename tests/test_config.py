"""The one Settings model: every YICHUANG_* variable, a config file with the same keys, and a
Chinese fix-it message for an unknown key or a bad value."""

from __future__ import annotations

import pytest

from yichuang.config import load_settings
from yichuang.errors import UsageError


def test_defaults_derive_from_home(tmp_path):
    s = load_settings({"YICHUANG_HOME": str(tmp_path)})
    assert s.database_url == f"sqlite:///{tmp_path / 'yichuang.db'}"
    assert s.storage_url == f"file://{tmp_path / 'objects'}"
    assert (s.max_upload_mb, s.max_request_mb, s.case_token_days, s.cookie_secure) == (25, 100, 30, False)


def test_environment_values_are_typed(tmp_path):
    s = load_settings({"YICHUANG_HOME": str(tmp_path), "YICHUANG_MAX_UPLOAD_MB": "80",
                       "YICHUANG_COOKIE_SECURE": "yes", "YICHUANG_CENTRE": "某某区政务服务中心"})
    assert s.max_upload_mb == 80 and s.max_request_mb == 160  # derived from the upload cap
    assert s.cookie_secure is True and s.centre == "某某区政务服务中心"


@pytest.mark.parametrize(("env", "words"), [
    ({"YICHUANG_MAX_UPLOAD_MB": "abc"}, ["YICHUANG_MAX_UPLOAD_MB", "'abc'", "整数"]),
    ({"YICHUANG_MAX_CASE_PAGES": "0"}, ["YICHUANG_MAX_CASE_PAGES", "应大于 0"]),
    ({"YICHUANG_COOKIE_SECURE": "maybe"}, ["YICHUANG_COOKIE_SECURE", "true/false"]),
    ({"YICHUANG_RATE_LOGIN": "5 per min"}, ["YICHUANG_RATE_LOGIN", "30/min"]),
    ({"YICHUANG_OCR_BACKEND": "cuda"}, ["YICHUANG_OCR_BACKEND", "onnxruntime"]),
    ({"YICHUANG_MAX_UPLOADMB": "25"}, ["YICHUANG_MAX_UPLOADMB", "不是已知的配置项", "YICHUANG_MAX_UPLOAD_MB"]),
])
def test_bad_environment_fails_with_a_chinese_fix_it(tmp_path, env, words):
    with pytest.raises(UsageError) as err:
        load_settings({"YICHUANG_HOME": str(tmp_path), **env})
    assert all(w in str(err.value) for w in words), str(err.value)


def test_config_file_sets_the_same_keys_and_the_environment_wins(tmp_path):
    conf = tmp_path / "yichuang.toml"
    conf.write_text('max_upload_mb = 40\nYICHUANG_WINDOW = "3号窗口"\ncentre_phone = "0571-1234"\n', encoding="utf-8")
    env = {"YICHUANG_HOME": str(tmp_path), "YICHUANG_CONFIG": str(conf)}
    s = load_settings(env)
    assert (s.max_upload_mb, s.window, s.centre_phone) == (40, "3号窗口", "0571-1234")
    assert load_settings({**env, "YICHUANG_MAX_UPLOAD_MB": "10"}).max_upload_mb == 10


@pytest.mark.parametrize(("text", "words"), [
    ("max_upload = 40\n", ["max_upload", "不是已知的配置项"]),
    ("max_upload_mb = -3\n", ["配置文件", "max_upload_mb", "应大于 0"]),
    ("max_upload_mb = \n", ["不是有效的 TOML"]),
])
def test_bad_config_file_fails_with_a_chinese_fix_it(tmp_path, text, words):
    conf = tmp_path / "yichuang.toml"
    conf.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_settings({"YICHUANG_HOME": str(tmp_path), "YICHUANG_CONFIG": str(conf)})
    assert all(w in str(err.value) for w in words), str(err.value)


def test_missing_config_file_is_named(tmp_path):
    with pytest.raises(UsageError, match="找不到配置文件"):
        load_settings({"YICHUANG_HOME": str(tmp_path), "YICHUANG_CONFIG": str(tmp_path / "none.toml")})


def test_no_module_reads_a_yichuang_variable_but_config():
    """Every YICHUANG_* read goes through Settings: no os.environ / getenv of one elsewhere in the
    application (extractors included) but glibc's MALLOC_ARENA_MAX; setting one (the worker's thread count) is no read."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    allowed = {"yichuang/config.py"}
    # reads only: service/tasks.py *sets* OPENBLAS_NUM_THREADS and the worker's thread count for the engine
    read = re.compile(r"getenv\(|os\.environ(?!\.setdefault\(|\[\"\w+\"\] = )")
    found = []
    for folder in ("storage", "service", "yichuang", "ingest", "checkers", "extractors"):
        for path in (root / folder).rglob("*.py"):
            rel = path.relative_to(root).as_posix()
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                     if read.search(ln) and "MALLOC_ARENA_MAX" not in ln]  # glibc's own variable, not ours
            if rel not in allowed and lines:
                found.append(rel)
    assert found == [], f"read YICHUANG_* through yichuang.config.Settings: {found}"
