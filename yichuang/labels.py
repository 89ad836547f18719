"""The one label table (``rulesets/labels.yaml``): every Chinese word a person reads for an id.

Loaded once per process; the web pages get it as JSON, the CLI table and the prints use it too.
Code keeps ids (``complete``, ``term_start``, ``accepted``); people read ``labels().verdicts[…]``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from yichuang.errors import RulesetError

LABELS_FILE = Path(__file__).resolve().parents[1] / "rulesets" / "labels.yaml"
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class Side(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    fields: list[str]


class Applicant(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: list[str]
    id_number: list[str]
    phone: list[str]


class Labels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    verdicts: dict[str, str]
    verdict_banner: dict[str, str]
    verdict_citizen: dict[str, str]
    statuses: dict[str, str]
    requirements: dict[str, str]
    states: dict[str, str]
    actions: dict[str, str]
    action_done: dict[str, str]
    roles: dict[str, str]
    channels: dict[str, str]
    fields: dict[str, str]
    sides: dict[str, list[Side]] = Field(default_factory=dict)
    applicant: Applicant
    errors: dict[str, str]
    camera: dict[str, str]
    ui: dict[str, str]

    def field(self, name: str) -> str:
        """A field's Chinese name; an id never reaches the screen (the catalog's label, else 字段)."""
        if name in self.fields:
            return self.fields[name]
        return _catalog_labels().get(name, "其他字段")

    def error(self, code: str, **data: object) -> str:
        """The Chinese message for an error code, with the file name etc. filled in."""
        text = self.errors.get(code) or self.errors["error"]
        values = {"name": "", "limit": "", "role": "", "state": "", "action": "", "verdict": "", **data}
        try:
            return text.format(**values).removeprefix("：")
        except (KeyError, IndexError, ValueError):
            return self.errors["error"]

    def side(self, material: str, fields: dict[str, str]) -> str | None:
        """人像面 / 国徽面 for a two-sided card, from the fields read on the page."""
        for s in self.sides.get(material, []):
            if any(fields.get(f) for f in s.fields):
                return s.label
        return None

    def for_js(self) -> dict:
        out = self.model_dump(exclude={"applicant", "sides"})
        out["fields"] = {**_catalog_labels(), **self.fields}
        return out


@cache
def _catalog_labels() -> dict[str, str]:
    from yichuang.checkers.rules import load_rulesets

    out: dict[str, str] = {}
    for material in load_rulesets().catalog.materials.values():
        for name in material.fields:
            label = material.label_of(name)
            if not label.isascii():
                out.setdefault(name, label)
    return out


@cache
def labels(path: str | None = None) -> Labels:
    p = Path(path) if path else LABELS_FILE
    try:
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
        return Labels.model_validate(data)
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise RulesetError(f"{p}: cannot load the label table: {exc}") from exc


def zh_date(value: date | str | None) -> str:
    """2026-12-23 (a date, or anywhere in a text) → 2026年12月23日; other text unchanged."""
    if not value:
        return ""
    return _ISO.sub(lambda m: f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日", str(value))
