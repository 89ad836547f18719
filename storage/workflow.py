"""The case workflow (办件状态) and the short case number, beside the case store.

States: precheck 预审中 → submitted 待受理 → accepted 已受理 / rejected 不予受理 → reviewing 审核中
→ approved 已通过 / returned 已退回. Each transition belongs to one role, is audited, and is
refused (with the Chinese reason) from any other state. The case number is the day and a
sequence (``20261201-0007``); the applicant's name, ID number and phone are indexed from the
latest check so the clerk's queue can search them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import DateTime, Integer, String, Text, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column
from yichuang.storage.db import (
    AuditRow,
    Base,
    CaseFileRow,
    CasePageRow,
    CaseRow,
    OverrideRow,
    make_engine,
    now,
)

from yichuang.errors import ConflictError, NotFoundError, UsageError

FINAL = ("approved", "rejected")
OK_VERDICTS = ("complete", "accept_with_tolerance")


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    role: str  # clerk | reviewer | citizen
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(("precheck", "returned"), "submitted", "citizen"),
    "accept": Transition(("precheck", "submitted"), "accepted", "clerk"),
    "reject": Transition(("precheck", "submitted"), "rejected", "clerk", needs_comment=True),
    "send_to_review": Transition(("accepted",), "reviewing", "clerk"),
    "approve": Transition(("reviewing",), "approved", "reviewer"),
    "return": Transition(("reviewing",), "returned", "reviewer", needs_comment=True),
    "resubmit": Transition(("returned",), "reviewing", "clerk"),
    "reopen": Transition(("rejected",), "precheck", "clerk"),
}


class WorkflowRow(Base):
    __tablename__ = "case_workflow"
    case_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    day: Mapped[str] = mapped_column(String(8), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="precheck", index=True)
    channel: Mapped[str] = mapped_column(String(16), default="window")  # window | online
    comment: Mapped[str] = mapped_column(Text, default="")  # the last return / refusal reason
    comment_by: Mapped[str] = mapped_column(String(64), default="")
    applicant_name: Mapped[str] = mapped_column(String(128), default="", index=True)
    id_number: Mapped[str] = mapped_column(String(32), default="", index=True)
    phone: Mapped[str] = mapped_column(String(32), default="", index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, onupdate=now)


@dataclass(frozen=True)
class CaseFlow:
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


def allowed(state: str, role: str) -> list[str]:
    """The transitions a role may take from a state (the buttons to show)."""
    return [a for a, t in TRANSITIONS.items() if state in t.sources and t.role == role]


def _flow(w: WorkflowRow, c: CaseRow) -> CaseFlow:
    return CaseFlow(w.case_id, w.number, w.state, w.channel, w.comment, w.comment_by, w.applicant_name, w.id_number,
                    w.phone, c.created_at.isoformat(), json.loads(c.matters_json), c.verdict)


class WorkflowStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    def _ensure(self, s: Session, case_id: str) -> tuple[WorkflowRow, CaseRow]:
        case = s.get(CaseRow, case_id)
        if case is None:
            raise NotFoundError(f"case {case_id} does not exist: check the link")
        row = s.get(WorkflowRow, case_id)
        if row is not None:
            return row, case
        created = case.created_at if case.created_at.tzinfo else case.created_at.replace(tzinfo=UTC)
        day = created.astimezone().strftime("%Y%m%d")
        seq = (s.scalar(select(func.max(WorkflowRow.seq)).where(WorkflowRow.day == day)) or 0) + 1
        row = WorkflowRow(case_id=case_id, number=f"{day}-{seq:04d}", day=day, seq=seq, state="precheck",
                          channel="online" if case.created_by == "citizen" else "window")
        s.add(row)
        s.flush()
        return row, case

    def get(self, case_id: str) -> CaseFlow:
        """The case's workflow row, created (with the next number of its day) on first sight."""
        for _attempt in range(5):
            try:
                with Session(self.engine) as s, s.begin():
                    row, case = self._ensure(s, case_id)
                    return _flow(row, case)
            except IntegrityError:  # another request took that number first: take the next one
                continue
        raise ConflictError("could not number the case: try again")

    def by_number(self, number: str) -> CaseFlow | None:
        with Session(self.engine) as s:
            row = s.scalar(select(WorkflowRow).where(WorkflowRow.number == number.strip()))
            return _flow(row, s.get(CaseRow, row.case_id)) if row else None

    def transition(self, case_id: str, action: str, role: str, actor: str, comment: str = "") -> CaseFlow:
        """Take one step of the workflow; audited. Raises ConflictError from a wrong state/role."""
        t = TRANSITIONS.get(action)
        if t is None:
            raise UsageError(f"unknown action '{action}'")
        if t.needs_comment and not comment.strip():
            raise UsageError("a comment is required for this step", reason="comment_required")
        self.get(case_id)
        with Session(self.engine) as s, s.begin():
            row = s.get(WorkflowRow, case_id)
            if row.state not in t.sources or role != t.role:
                raise ConflictError(f"cannot {action} a case in state {row.state} as {role}", reason="not_your_turn",
                                    state=row.state, action=action)
            before = row.state
            row.state = t.target
            if t.needs_comment:
                row.comment, row.comment_by = comment.strip(), actor
            elif t.target == "approved":  # a return comment stays in view until the next decision
                row.comment, row.comment_by = "", ""
            s.add(AuditRow(case_id=case_id, actor=actor, action=action,
                           detail_json=json.dumps({"from": before, "to": t.target, "comment": comment.strip()},
                                                  ensure_ascii=False)))
            return _flow(row, s.get(CaseRow, case_id))

    def index_result(self, case_id: str, applicant: dict[str, str]) -> None:
        """Remember the applicant's name, ID number and phone from the latest check (for search)."""
        self.get(case_id)
        with Session(self.engine) as s, s.begin():
            row = s.get(WorkflowRow, case_id)
            row.applicant_name = applicant.get("name", "")[:128]
            row.id_number = applicant.get("id_number", "").upper()[:32]
            row.phone = applicant.get("phone", "")[:32]

    def queue(self, query: str = "", today: date | None = None, open_only: bool = False,
              state: str = "", limit: int = 200) -> list[CaseFlow]:
        """Cases for the clerk: today's and the open ones, or those matching a search.

        The query matches the case number (in full or its sequence), the ID number (the stored
        value, exactly), the applicant's name (part of it) or the phone."""
        with Session(self.engine) as s:
            missing = s.scalars(select(CaseRow.id).outerjoin(WorkflowRow, WorkflowRow.case_id == CaseRow.id)
                                .where(WorkflowRow.case_id.is_(None))).all()
        for case_id in missing:  # cases made through the API: number them now
            self.get(case_id)
        q = (select(WorkflowRow, CaseRow).join(CaseRow, CaseRow.id == WorkflowRow.case_id)
             .order_by(CaseRow.created_at.desc()).limit(limit))
        text = query.strip()
        if text:
            conds = [WorkflowRow.number == text, WorkflowRow.id_number == text.upper(), WorkflowRow.phone == text,
                     WorkflowRow.applicant_name.contains(text), WorkflowRow.case_id == text]
            if text.isdigit() and len(text) <= 4:  # the sequence alone: today's 0007
                conds.append(WorkflowRow.number == f"{(today or date.today()).strftime('%Y%m%d')}-{int(text):04d}")
            q = q.where(or_(*conds))
        elif open_only or today:
            conds = []
            if today:
                conds.append(WorkflowRow.day == today.strftime("%Y%m%d"))
            if open_only:
                conds.append(WorkflowRow.state.not_in(FINAL))
            q = q.where(or_(*conds))
        if state:
            q = q.where(WorkflowRow.state == state)
        with Session(self.engine) as s:
            return [_flow(w, c) for w, c in s.execute(q).all()]

    # -- pages: remove a file from the case, undo a correction (the stored bytes stay) ---------
    def remove_file(self, case_id: str, sha256: str, actor: str) -> str:
        """Take a file out of the case (its bytes stay in object storage; the audit says which)."""
        with Session(self.engine) as s, s.begin():
            f = s.scalar(select(CaseFileRow).where(CaseFileRow.case_id == case_id, CaseFileRow.sha256 == sha256))
            if f is None:
                raise NotFoundError("that file is not part of this case")
            name = f.name
            s.execute(delete(CasePageRow).where(CasePageRow.case_id == case_id, CasePageRow.sha256 == sha256))
            s.delete(f)
            case = s.get(CaseRow, case_id)
            case.state, case.verdict = "open", None
            s.add(AuditRow(case_id=case_id, actor=actor, action="file_removed",
                           detail_json=json.dumps({"name": name, "sha256": sha256}, ensure_ascii=False)))
        return name

    def undo_override(self, case_id: str, override_id: int, actor: str) -> None:
        with Session(self.engine) as s, s.begin():
            ov = s.get(OverrideRow, override_id)
            if ov is None or ov.case_id != case_id:
                raise NotFoundError("that correction does not exist")
            s.add(AuditRow(case_id=case_id, actor=actor, action="override_undone",
                           detail_json=json.dumps({"sha256": ov.sha256, "page": ov.page, "field": ov.field,
                                                   "value": ov.value, "by": ov.actor}, ensure_ascii=False)))
            s.delete(ov)


def applicant_from(result: dict) -> dict[str, str]:
    """The applicant's name, ID number and phone in a check result (form first, then any page)."""
    from yichuang.labels import labels

    form = {k: v.get("value", "") for k, v in (result.get("form") or {}).items()}
    pages: dict[str, str] = {}
    for doc in result.get("documents") or []:
        for k, v in (doc.get("fields") or {}).items():
            pages.setdefault(k, v)
    out: dict[str, str] = {}
    for key, names in labels().applicant.model_dump().items():
        value = next((form[n] for n in names if form.get(n)), "") or next((pages[n] for n in names if pages.get(n)), "")
        out[key] = value
    return out
