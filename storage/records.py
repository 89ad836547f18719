"""What the case store hands out: typed, frozen records (pydantic, ``extra="forbid"``), never dicts.

A case (``CaseInfo``), one page of it (``PageRef``, its documents as ``yichuang.types.Document``), a
reviewer's decision (``Review``), a clerk's correction (``Override``), one audit entry, the case's
workflow row (``CaseFlow``) and one page of a case list (``CaseList``: the rows, the total, the
offset). Check results are ``yichuang.types.CheckResult``: the store keeps no second shape of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from yichuang.types import Document


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaseInfo(Record):
    id: str
    matters: list[str]
    as_of: str | None
    facts: dict[str, str]
    state: str  # open | running | done | failed
    verdict: str | None
    created_at: str
    generation: int = 0  # +1 on every file added or removed; a check covers one generation
    checked_generation: int | None = None
    decision: str | None = None  # the reviewer's latest decision (approved | returned), if any


class PageRef(Record):
    """One page of a case: its file, its reading state, and once read its documents (the page's
    first document, and further ones found on the same image)."""

    sha256: str
    page: int
    name: str  # the file's name as handed in: for display only
    media_type: str
    state: str  # pending | done | failed
    documents: list[Document] = Field(default_factory=list)
    error: str | None = None  # a failed page: the fix-it message the reader gave (in Chinese)

    @property
    def page_id(self) -> str:
        return f"{self.sha256}-{self.page}"

    @property
    def document(self) -> Document | None:
        """The page's first document (None while unread or when it failed)."""
        return self.documents[0] if self.documents else None


class Review(Record):
    id: int
    case_id: str
    reviewer: str
    decision: str  # approved | returned
    comment: str
    at: datetime


class Override(Record):
    """A clerk's correction of one page: its material (``field`` None) or one field's value."""

    id: int
    case_id: str
    sha256: str
    page: int
    field: str | None
    value: str
    actor: str
    at: datetime

    @property
    def page_id(self) -> str:
        return f"{self.sha256}-{self.page}"


class AuditEntry(Record):
    at: str
    actor: str
    action: str
    detail: dict[str, Any]


class CaseFlow(Record):
    case_id: str
    number: str
    state: str
    channel: str
    comment: str
    comment_by: str
    applicant_name: str
    id_number: str
    phone: str
    created_at: str
    matters: list[str]
    verdict: str | None


class PromiseRecord(Record):
    """A 容缺 promise of a case: what, by when, and when (and whether late) it was supplied."""

    item_key: str
    name: str
    material: str
    promised_on: str
    deadline: str
    unverified: bool
    fulfilled_on: str | None
    late: bool


class SupplementRecord(Record):
    """A file added to the case after its first check (补交), with the day it was received."""

    name: str
    sha256: str
    received_on: str
    by: str


class CaseList(Record):
    """One page of a case list, filtered and ordered in SQL: ``rows`` from ``offset``, of ``total``."""

    rows: list[CaseFlow]
    total: int
    offset: int
    limit: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def prev_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None
