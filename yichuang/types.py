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


class RuledLine(_Model):
    """A table rule found in the page image (upright page pixels, the frame of the lines' boxes)."""

    x0: float
    y0: float
    x1: float
    y1: float
    vertical: bool


class Quality(_Model):
    usable: bool = True
    problems: list[str] = Field(default_factory=list)


class Seal(_Model):
    """A red or purple seal (or hand print) found on a page by its colour and shape."""

    box: list[float]  # [x0, y0, x1, y1] in upright page pixels
    shape: Literal["round", "oval", "square", "other"]
    colour: Literal["red", "purple"]
    confidence: float
    text: str = ""  # the ring text of a round seal, as read (unwarped by a polar transform)
    text_confidence: float = 0.0
    matched: str | None = None  # the entity the rules expected (set by the checker)
    match_score: float | None = None  # rapidfuzz score 0–100 of text against matched


class Signature(_Model):
    """Ink in the box next to one 签字/签名/盖章 label of a form or contract."""

    label: str  # the label as printed ("甲方（签字）")
    party: str  # the words before 签字/盖章 ("甲方", "申请人"); "" when the label names nobody
    box: list[float]  # the region examined, [x0, y0, x1, y1]
    state: Literal["signed", "unsigned", "unclear"]
    ink: float  # fraction of the region covered by handwriting or a red print
    red: bool = False  # a red fingerprint or seal in the box


class SealScan(_Model):
    """Seal and signature evidence of one page. ``colour=False``: the capture has no colour (a
    black-and-white copy), so "no seal" cannot be told from colour — it is unknown, not absent."""

    version: int = 1
    colour: bool = True
    seals: list[Seal] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    suppressed: bool = False  # seal colour removed under the seals before OCR
    ms: float = 0.0  # time the seal step added


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
    seals: SealScan | None = None  # None: not examined (text-layer PDF, or cached before seals)
    rules: list[RuledLine] = Field(default_factory=list)  # table rules (cell borders); empty: none or not looked for

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


class Reason(_Model):
    """Why, as a code with parameters: ``rulesets/labels.yaml`` ``reasons:`` holds the one Chinese
    sentence of each code (``yichuang.labels.say``); code never spells the words itself."""

    code: str
    params: dict[str, str | int | float] = Field(default_factory=dict)
    cause: Reason | None = None  # a reason inside this one (the validator's, under invalid_field)

    @classmethod
    def of(cls, code: str, cause: Reason | None = None, **params: str | int | float | None) -> Reason:
        return cls(code=code, cause=cause, params={k: v for k, v in params.items() if v is not None})


class ExtractedField(_Model):
    """One field value with where it came from and how sure we are. Its verdict fields (valid,
    reason, code, params, repaired_from) are ``extractors.validators.Verdict``'s: it is built with
    ``**typed.verdict()`` (a test keeps the two in step)."""

    value: str
    confidence: float
    source: str  # "<file>#<page>": for display only
    page_id: str = ""  # the page it was read on ("<sha256>-<page>"): what finds the page
    box: Box | None = None
    raw: str = ""
    valid: bool = True
    reason: str = ""  # in English, for logs (the contract's); people read ``code`` rendered
    code: str = ""  # the validator's reason code ("check_char"); "" when nothing to say
    params: dict[str, str | int | float] = Field(default_factory=dict)
    repaired_from: str | None = None


class Guess(_Model):
    material: str
    score: float


class Document(_Model):
    """One page placed in the material catalog, with its fields. ``page_id`` is the page's identity;
    ``source`` (the file's name as handed in) is for display only: two files may share it."""

    source: str
    page: int
    page_id: str = ""  # "<sha256 of the original>-<page>"
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
    # what an unplaced page is when the catalog knows it as a look-alike (an issued 食品经营许可证
    # handed in for its application): a catalog ``lookalikes`` id; ``material`` stays "unknown"
    recognised_as: str | None = None
    region: int = 0  # 0: the whole page; 1, 2, …: one of several documents on one image
    continues: str | None = None  # "<file>#<page>" of the document this page carries on
    seals: SealScan | None = None  # the page's seals and signatures (None: not examined)

    @property
    def ref(self) -> str:
        """The page as people read it ("<file>#<page>"); not an identity (use ``page_id``)."""
        return f"{self.source}#{self.page}"

    @property
    def file_id(self) -> tuple[str, str]:
        """The file this page is of: its original's content hash, and the name it was handed in under
        (two files of one name are two files; so are two copies of one file handed in under two names)."""
        return self.page_id.rpartition("-")[0], self.source


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
    reasons: list[str] = Field(default_factory=list)  # in Chinese: ``reason_codes`` rendered
    reason_codes: list[Reason] = Field(default_factory=list)  # the same reasons as codes, in order
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
    source: str  # "<file>#<page>": for display only
    confidence: float
    box: Box | None = None
    page_id: str = ""  # the page it was read on: what the reviewer's highlight opens


class FormValue(_Model):
    value: str
    source: str  # "<file>#<page>": for display only
    confidence: float
    box: Box | None = None  # where on the source page: the reviewer's highlight
    page_id: str = ""  # the page it was read on: what the reviewer's highlight opens
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
