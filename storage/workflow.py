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
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import DateTime, Integer, String, Text, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column
from yichuang.storage.db import (
    AuditRow,
    Base,
    CaseRow,
    make_engine,
    now,
)
from yichuang.storage.records import CaseFlow, CaseList

from yichuang.errors import ConflictError, NotFoundError, UsageError
from yichuang.types import CheckResult

FINAL = ("approved", "rejected")
PAGE_SIZE = 50  # rows of a case list on one page
MAX_PAGE = 500
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


def allowed(state: str, role: str) -> list[str]:
    """The transitions a role may take from a state (the buttons to show)."""
    return [a for a, t in TRANSITIONS.items() if state in t.sources and t.role == role]


def _flow(w: WorkflowRow, c: CaseRow) -> CaseFlow:
    return CaseFlow(case_id=w.case_id, number=w.number, state=w.state, channel=w.channel, comment=w.comment,
                    comment_by=w.comment_by, applicant_name=w.applicant_name, id_number=w.id_number, phone=w.phone,
                    created_at=c.created_at.isoformat(), matters=json.loads(c.matters_json), verdict=c.verdict)


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

    def queue(self, query: str = "", today: date | None = None, open_only: bool = False, state: str = "", *,
              matter: str = "", verdict: str = "", since: date | None = None, until: date | None = None,
              limit: int = PAGE_SIZE, offset: int = 0) -> CaseList:
        """One page of the case list, filtered, ordered (newest first) and counted in SQL.

        The clerk's queue: today's and the open ones, or those matching a search — the query matches
        the case number (in full or its sequence), the ID number (the stored value, exactly), the
        applicant's name (part of it) or the phone. The reviewer's list: a workflow state, a matter,
        a verdict, and the day the case was made (``since``/``until``, both included)."""
        with Session(self.engine) as s:
            missing = s.scalars(select(CaseRow.id).outerjoin(WorkflowRow, WorkflowRow.case_id == CaseRow.id)
                                .where(WorkflowRow.case_id.is_(None))).all()
        for case_id in missing:  # cases made through the API: number them now
            self.get(case_id)
        where = []
        text = query.strip()
        if text:
            conds = [WorkflowRow.number == text, WorkflowRow.id_number == text.upper(), WorkflowRow.phone == text,
                     WorkflowRow.applicant_name.contains(text, autoescape=True), WorkflowRow.case_id == text]
            if text.isdigit() and len(text) <= 4:  # the sequence alone: today's 0007
                conds.append(WorkflowRow.number == f"{(today or date.today()).strftime('%Y%m%d')}-{int(text):04d}")
            where.append(or_(*conds))
        elif open_only or today:
            conds = []
            if today:
                conds.append(WorkflowRow.day == today.strftime("%Y%m%d"))
            if open_only:
                conds.append(WorkflowRow.state.not_in(FINAL))
            where.append(or_(*conds))
        if state:
            where.append(WorkflowRow.state == state)
        if matter:  # matters_json is a JSON list of ids: the id in quotes is one whole element
            where.append(CaseRow.matters_json.contains(json.dumps(matter), autoescape=True))
        if verdict:
            where.append(CaseRow.verdict == verdict)
        if since:
            where.append(CaseRow.created_at >= datetime.combine(since, time.min, UTC))
        if until:
            where.append(CaseRow.created_at < datetime.combine(until + timedelta(days=1), time.min, UTC))
        joined = select(WorkflowRow, CaseRow).join(CaseRow, CaseRow.id == WorkflowRow.case_id).where(*where)
        limit, offset = max(1, min(limit, MAX_PAGE)), max(0, offset)
        with Session(self.engine) as s:
            total = s.scalar(select(func.count()).select_from(joined.subquery())) or 0
            rows = s.execute(joined.order_by(CaseRow.created_at.desc(), CaseRow.id).limit(limit).offset(offset)).all()
            return CaseList(rows=[_flow(w, c) for w, c in rows], total=total, offset=offset, limit=limit)


def applicant_from(result: CheckResult) -> dict[str, str]:
    """The applicant's name, ID number and phone in a check result (form first, then any page)."""
    from yichuang.labels import labels

    form = {k: v.value for k, v in result.form.items()}
    pages: dict[str, str] = {}
    for doc in result.documents:
        for k, v in doc.fields.items():
            pages.setdefault(k, v)
    out: dict[str, str] = {}
    for key, names in labels().applicant.model_dump().items():
        value = next((form[n] for n in names if form.get(n)), "") or next((pages[n] for n in names if pages.get(n)), "")
        out[key] = value
    return out
