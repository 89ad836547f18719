"""Result types shared by every stage. Plain data: JSON-serialisable, picklable."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Point = list[float]
Box = list[Point]  # four points, clockwise from top-left, in upright page pixels


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Line(_Model):
    """One recognised text line."""

    text: str
    box: Box
    confidence: float


class Quality(_Model):
    usable: bool = True
    problems: list[str] = Field(default_factory=list)


class OcrPage(_Model):
    """The lines of one page in reading order, and how they were read."""

    source: str
    page: int  # 1-based
    page_id: str  # "<sha256 of the original>-<page>": stable across runs
    engine: str
    width: int
    height: int
    rotation: int = 0  # degrees clockwise applied to the capture to make it upright
    lines: list[Line] = Field(default_factory=list)
    quality: Quality = Field(default_factory=Quality)

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class FileError(_Model):
    """A file that could not be read; the other files of the same call still are."""

    source: str
    code: str
    message: str


class StoredFile(_Model):
    source: str
    sha256: str
    media_type: str
    size: int
    pages: int


class ExtractedField(_Model):
    """One field value with where it came from and how sure we are."""

    value: str
    confidence: float
    source: str  # "<file>#<page>"
    box: Box | None = None
    raw: str = ""
    valid: bool = True
    reason: str = ""
    repaired_from: str | None = None


class Guess(_Model):
    material: str
    score: float


class Document(_Model):
    """One page placed in the material catalog, with its fields."""

    source: str
    page: int
    page_id: str = ""
    material: str  # a catalog id or "unknown"
    confidence: float
    best_guess: Guess | None = None  # for "unknown": what it most resembled
    fields: dict[str, str] = Field(default_factory=dict)
    field_details: dict[str, ExtractedField] = Field(default_factory=dict)
    quality: Quality = Field(default_factory=Quality)
    # fields whose label (or section) is on the page but whose value could not be read with
    # confidence: field name → reason code. An unread field is never an absent one: a rule that
    # depends on it makes the item `needs_review`, never `complete`.
    unread: dict[str, str] = Field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.source}#{self.page}"


Requirement = Literal["key", "tolerable", "conditional_key", "not_required"]
Status = Literal["present", "missing", "tolerated", "invalid", "inconsistent", "needs_review", "reused",
                 "not_required", "produced_in_bundle"]
Verdict = Literal["complete", "accept_with_tolerance", "needs_review", "incomplete"]


class ReusedFrom(_Model):
    """An archived material (材料复用) of the same holder, verified in an earlier case."""

    case: str
    verified_on: str  # YYYY-MM-DD
    material: str
    valid_until: str | None = None  # YYYY-MM-DD, 长期, or None for a material with no expiry
    record: int  # archive record id (to revoke it)


class MaterialResult(_Model):
    """One ruleset item (and role) of the case, as the clerk sees it."""

    item: str
    name: str  # Chinese name of the item, for the notice and the screen
    material: str
    role: str | None = None
    requirement: Requirement
    status: Status
    alternatives: list[str]
    documents: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    shared_by: list[str] = Field(default_factory=list)
    deadline: str | None = None  # for tolerated items: supply by this date (YYYY-MM-DD)
    # follow-up (issue 14): the deadline in Chinese, in working days from the ruleset, and whether the
    # holiday calendar covered it; a supplement's arrival date and lateness; reuse from the archive
    deadline_text: str | None = None  # "2026年12月3日"
    promise_days: int | None = None  # the promise period of a tolerable item (working days unless the ruleset says)
    deadline_unverified: bool = False  # counted through a year whose holiday arrangement is not known
    arrived_on: str | None = None  # a supplement: the day its material arrived (YYYY-MM-DD)
    late: bool = False  # a supplement that arrived after the deadline (accepted, marked late)
    reused_from: ReusedFrom | None = None  # status `reused`: the archived material that satisfies the item


class FormSource(_Model):
    value: str
    source: str
    confidence: float
    box: Box | None = None


class FormValue(_Model):
    value: str
    source: str
    confidence: float
    box: Box | None = None  # where on the source page: the reviewer's highlight
    conflicts: list[FormSource] = Field(default_factory=list)


class Saved(_Model):
    materials_separately: int
    materials_in_bundle: int
    materials_reused: int = 0  # items satisfied from the archive: not asked of the citizen


class CheckResult(_Model):
    schema_: str = Field("yichuang.check/1", alias="schema")
    matters: list[str]
    bundle: str | None = None
    as_of: str
    verdict: Verdict
    materials: list[MaterialResult]
    documents: list[Document]
    form: dict[str, FormValue] = Field(default_factory=dict)
    saved: Saved
    notice: str
    errors: list[FileError] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(by_alias=True, exclude_none=False)
