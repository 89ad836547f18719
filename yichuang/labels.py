"""The one label table (``rulesets/labels.yaml``): every Chinese word a person reads for an id or a code.

Loaded once per process (``yichuang.rulesets.load_labels``); the web pages get it as JSON, the CLI,
the notice and the prints use it too. Code keeps ids (``complete``, ``term_start``, ``accepted``) and
reason codes with parameters (``Reason``); people read ``labels().verdicts[…]`` and ``say(reason)``.
"""

from __future__ import annotations

import re
import string
from datetime import date
from functools import cache
from typing import Any

from yichuang.errors import RulesetError
from yichuang.rulesets.tables import LabelTable
from yichuang.types import Reason

_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class Labels(LabelTable):
    """The table, with the lookups people's words need."""

    def field(self, name: str) -> str:
        """A field's Chinese name; an id never reaches the screen (the catalog's label, else ui.other_field)."""
        if name in self.fields:
            return self.fields[name]
        return _catalog_labels().get(name) or self.ui["other_field"]

    def error(self, code: str, **data: object) -> str:
        """The Chinese message for an error code, with the file name etc. filled in."""
        text = self.errors.get(code) or self.errors["error"]
        values = {"name": "", "limit": "", "role": "", "state": "", "action": "", "verdict": "", **data}
        try:
            return text.format(**values).removeprefix("：")
        except (KeyError, IndexError, ValueError):
            return self.errors["error"]

    def side(self, material: str, fields: dict[str, str]) -> str | None:
        """人像面 / 国徽面 for a two-sided card (the catalog's ``sides:``), from the fields read on the page."""
        from yichuang.rulesets import load_catalog

        mat = load_catalog().materials.get(material)
        return mat.side_of(fields) if mat else None

    def why(self, code: str) -> str:
        """An unread code (``Document.unread``) → the words after the field's label."""
        return self.unread.get(code) or self.unread["default"]

    def say(self, reason: Reason) -> str:
        """A reason code and its parameters → the one Chinese sentence for it."""
        template = self.reasons.get(reason.code)
        if template is None:
            return self.reasons["unknown"]
        values: dict[str, Any] = dict(reason.params)
        if reason.cause is not None:
            values["cause"] = self.say(reason.cause)
        if "why" in values:
            values["why"] = self.why(str(values["why"]))
            values["why_short"] = values["why"].removeprefix("一栏")
        try:
            return _Formatter().vformat(template, (), _Blank(values))
        except (IndexError, ValueError):
            return self.reasons["unknown"]

    def for_js(self) -> dict:
        out = self.model_dump(exclude={"applicant"})
        out["fields"] = {**_catalog_labels(), **self.fields}
        return out


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a parameter the code did not give: nothing, not a crash
        return ""


class _Formatter(string.Formatter):
    """``{x:date}`` writes an ISO date as people do (2026年12月3日)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "date":
            return zh_date(value)
        return super().format_field(value, format_spec)


def say(reason: Reason) -> str:
    return labels().say(reason)


@cache
def _catalog_labels() -> dict[str, str]:
    from yichuang.rulesets import load_catalog

    out: dict[str, str] = {}
    for material in load_catalog().materials.values():
        for name in material.fields:
            label = material.label_of(name)
            if not label.isascii():
                out.setdefault(name, label)
    return out


@cache
def labels(path: str | None = None) -> Labels:
    from yichuang.rulesets import load_labels

    table = load_labels(path)
    missing = {"unknown"} - set(table.reasons) | {"default"} - set(table.unread)
    if missing:
        raise RulesetError(f"{path or 'rulesets/labels.yaml'}: add {', '.join(sorted(missing))}: the fallback words")
    return Labels.model_validate(table.model_dump())


def zh_date(value: date | str | None) -> str:
    """2026-12-23 (a date, or anywhere in a text) → 2026年12月23日; other text unchanged."""
    if not value:
        return ""
    return _ISO.sub(lambda m: f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日", str(value))
