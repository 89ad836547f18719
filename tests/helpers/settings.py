"""Change a setting for one test: the running context's ``Settings`` (and its case store's), as
``YICHUANG_*`` would set it at start-up — the code reads no constant that a test could patch."""

from __future__ import annotations


def override(monkeypatch, **values) -> None:
    from yichuang.service import jobs

    ctx = jobs.context()
    changed = ctx.settings.model_copy(update=values)
    monkeypatch.setattr(ctx, "settings", changed)
    monkeypatch.setattr(ctx.cases, "settings", changed)
