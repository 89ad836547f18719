"""The other rules files as typed data: the label table, 需人工核对, seals, 材料复用, the holiday calendar.

Strict models (extra="forbid"); ``yichuang.rulesets`` loads them, every error names the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ---- labels.yaml ------------------------------------------------------------------------------

class Applicant(_Strict):
    name: list[str]
    id_number: list[str]
    phone: list[str]


class LabelTable(_Strict):
    """``rulesets/labels.yaml``: every Chinese word a person reads, by id. Rendering is
    ``yichuang.labels``; this is the data."""

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
    applicant: Applicant
    reasons: dict[str, str]  # reason code → sentence with {params}: what checkers and validators say
    unread: dict[str, str]  # unread code (Document.unread) → the words after a field's label
    notice: dict[str, str]  # the 一次性告知书's fixed sentences
    commitment: dict[str, str]  # the 容缺受理承诺书's fixed sentences
    errors: dict[str, str]
    camera: dict[str, str]
    ui: dict[str, str]


# ---- review.yaml ------------------------------------------------------------------------------

class ReviewConfig(_Strict):
    version: int = 1
    low_confidence: float = Field(0.5, ge=0.0, le=1.0)


# ---- seals.yaml -------------------------------------------------------------------------------

class SealRules(_Strict):
    """``rulesets/seals.yaml``: the match thresholds of the seal check (its words are reasons in labels.yaml)."""

    match_threshold: float = Field(ge=0, le=100)
    mismatch_below: float = Field(ge=0, le=100)

    def __getitem__(self, key: str):  # wording()["match_threshold"]
        return getattr(self, key)


# ---- reuse.yaml -------------------------------------------------------------------------------

class ReuseConfig(_Strict):
    holder_fields: dict[str, str] = Field(default_factory=dict)  # material → field naming its holder


# ---- calendar/YYYY.yaml -----------------------------------------------------------------------

class Holiday(_Strict):
    name: str = Field(min_length=1)
    from_: date = Field(alias="from")
    to: date

    @model_validator(mode="after")
    def _order(self):
        if self.to < self.from_:
            raise ValueError(f"ends ({self.to}) before it starts ({self.from_}): swap `from` and `to`")
        return self


class Workday(_Strict):
    date: date
    for_: str = Field("", alias="for")


class YearFile(_Strict):
    year: int
    source: str = Field(min_length=1)
    holidays: list[Holiday] = Field(default_factory=list)
    workdays: list[Workday] = Field(default_factory=list)


@dataclass(frozen=True)
class Calendar:
    """Known years with their days off and make-up working days."""

    years: frozenset[int] = frozenset()
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    names: dict[date, str] = field(default_factory=dict, hash=False, compare=False)

    def known(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5
