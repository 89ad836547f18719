"""The case store: cases, their files and pages, check results, reviewers' decisions, clerks'
corrections and the audit trail. Every read returns a typed record (``storage/records.py``) or a
``CheckResult``; nothing leaves as a dict."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from yichuang.storage.db import (
    AuditRow,
    CaseFileRow,
    CasePageRow,
    CaseRow,
    CheckResultRow,
    OverrideRow,
    ReviewRow,
    make_engine,
)
from yichuang.storage.records import AuditEntry, CaseInfo, Override, PageRef, Review

from yichuang.config import Settings, load_settings
from yichuang.errors import CaseLockedError, ForbiddenError, NotFoundError, UnauthorizedError, UsageError
from yichuang.types import CheckResult, Document

LOCKING_DECISIONS = ("approved", "returned")  # a reviewer's decision closes the case
DECISION_ZH = {"approved": "已通过", "returned": "已退回"}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def case_is_locked(case: CaseInfo) -> bool:
    """A decided case takes no more uploads, removals or checks. The one place that says so: a richer
    workflow (已受理, 已退回 …) extends this test."""
    return case.decision in LOCKING_DECISIONS


def ensure_unlocked(case: CaseInfo) -> None:
    if case_is_locked(case):
        raise CaseLockedError(f"此办件已审核决定（{DECISION_ZH.get(case.decision or '', case.decision)}），"
                              "不能再上传、删除材料或重新预审；如需补正，请到窗口重新办理")


class CaseStore:
    def __init__(self, url: str, settings: Settings | None = None) -> None:
        self.engine = make_engine(url)
        self.settings = settings or load_settings()  # case_token_days: a citizen's link opens the case this long

    # -- cases ---------------------------------------------------------------------------------
    def create(self, matters: list[str], as_of: str | None, facts: dict[str, str], actor: str) -> tuple[str, str]:
        case_id = secrets.token_hex(12)
        token = secrets.token_urlsafe(24)
        with Session(self.engine) as s, s.begin():
            s.add(CaseRow(id=case_id, matters_json=json.dumps(matters), as_of=as_of,
                          facts_json=json.dumps(facts, ensure_ascii=False), token_hash=_hash(token),
                          created_by=actor, token_expires_at=datetime.now(UTC) + timedelta(days=self.settings.case_token_days)))
            s.add(AuditRow(case_id=case_id, actor=actor, action="case_created",
                           detail_json=json.dumps({"matters": matters, "as_of": as_of}, ensure_ascii=False)))
        return case_id, token

    def _row(self, s: Session, case_id: str) -> CaseRow:
        row = s.get(CaseRow, case_id)
        if row is None:
            raise NotFoundError("没有找到这个办件：请检查链接或办件号是否完整")  # never echo what was typed
        return row

    @staticmethod
    def _info(row: CaseRow, decision: str | None) -> CaseInfo:
        return CaseInfo(id=row.id, matters=json.loads(row.matters_json), as_of=row.as_of,
                        facts=json.loads(row.facts_json), state=row.state, verdict=row.verdict,
                        created_at=row.created_at.isoformat(), generation=row.generation or 0,
                        checked_generation=row.checked_generation, decision=decision)

    @staticmethod
    def _decisions(s: Session, case_ids: list[str] | None = None) -> dict[str, str]:
        q = select(ReviewRow.case_id, ReviewRow.decision).order_by(ReviewRow.id)
        if case_ids is not None:
            q = q.where(ReviewRow.case_id.in_(case_ids))
        return {case_id: decision for case_id, decision in s.execute(q)}  # the latest decision wins

    def get(self, case_id: str) -> CaseInfo:
        with Session(self.engine) as s:
            row = self._row(s, case_id)
            return self._info(row, self._decisions(s, [case_id]).get(case_id))

    def authorize(self, case_id: str, token: str | None) -> CaseInfo:
        """A token opens its own case only, until it expires or is revoked."""
        if not token:
            raise UnauthorizedError("需要办件的上传令牌：请用办件链接打开，或在请求头发送 `Authorization: Bearer <token>`")
        with Session(self.engine) as s:
            row = s.get(CaseRow, case_id)
            if row is None or not hmac.compare_digest(row.token_hash, _hash(token)):
                raise ForbiddenError("这个链接打不开该办件：请使用收到的完整链接，或到窗口获取新的链接")
            if row.token_revoked_at is not None:
                raise UnauthorizedError("此办件的链接已被收回：请到窗口或联系工作人员获取新的链接")
            expires = row.token_expires_at
            if expires is not None and (expires if expires.tzinfo else expires.replace(tzinfo=UTC)) < datetime.now(UTC):
                raise UnauthorizedError(f"此办件的链接已过期（有效期 {self.settings.case_token_days} 天）：请到窗口或联系工作人员获取新的链接")
        return self.get(case_id)

    def revoke_token(self, case_id: str, actor: str) -> None:
        with Session(self.engine) as s, s.begin():
            self._row(s, case_id).token_revoked_at = datetime.now(UTC)
            s.add(AuditRow(case_id=case_id, actor=actor, action="token_revoked", detail_json="{}"))

    def new_token(self, case_id: str, actor: str) -> str:
        """A fresh link for the case (the old one stops working); staff hand it to the citizen."""
        token = secrets.token_urlsafe(24)
        with Session(self.engine) as s, s.begin():
            row = self._row(s, case_id)
            row.token_hash, row.token_revoked_at = _hash(token), None
            row.token_expires_at = datetime.now(UTC) + timedelta(days=self.settings.case_token_days)
            s.add(AuditRow(case_id=case_id, actor=actor, action="token_issued", detail_json="{}"))
        return token

    def set_state(self, case_id: str, state: str, verdict: str | None = None) -> None:
        with Session(self.engine) as s, s.begin():
            row = self._row(s, case_id)
            row.state = state
            if verdict is not None or state == "open":
                row.verdict = verdict

    def list_cases(self, state: str | None = None) -> list[CaseInfo]:
        with Session(self.engine) as s:
            q = select(CaseRow).order_by(CaseRow.created_at.desc())
            if state:
                q = q.where(CaseRow.state == state)
            decisions = self._decisions(s)
            return [self._info(r, decisions.get(r.id)) for r in s.scalars(q)]

    # -- checks: one at a time per case, each over a known generation --------------------------
    def begin_check(self, case_id: str) -> tuple[bool, int]:
        """(True, generation) when this call starts the case's check; (False, generation) when one
        is running already (the caller joins it). Refused on a decided case."""
        ensure_unlocked(self.get(case_id))
        with Session(self.engine) as s, s.begin():
            started = s.execute(update(CaseRow).where(CaseRow.id == case_id, CaseRow.state != "running")
                                .values(state="running")).rowcount == 1
            generation = s.scalar(select(CaseRow.generation).where(CaseRow.id == case_id)) or 0
        return started, generation

    def finish_check(self, case_id: str, generation: int, result: CheckResult, actor: str = "system") -> bool:
        """Save the result of a check over ``generation``: only if no file came or went meanwhile
        (else False, and the runner reads the new pages and checks again)."""
        with Session(self.engine) as s, s.begin():
            saved = s.execute(update(CaseRow).where(CaseRow.id == case_id, CaseRow.generation == generation,
                                                    CaseRow.state == "running")
                              .values(state="done", verdict=result.verdict, checked_generation=generation)
                              ).rowcount == 1
            if saved:
                s.add(CheckResultRow(case_id=case_id, verdict=result.verdict, generation=generation,
                                     result_json=_result_json(result)))
                s.add(AuditRow(case_id=case_id, actor=actor, action="checked",
                               detail_json=json.dumps({"verdict": result.verdict, "generation": generation})))
        return saved

    @staticmethod
    def _bump(s: Session, case_id: str) -> None:
        """New or removed material: the generation moves on; a running check picks it up (it stays
        running), else the last result is stale (open). One atomic UPDATE, so no race loses it."""
        running = CaseRow.state == "running"
        s.execute(update(CaseRow).where(CaseRow.id == case_id).values(
            generation=CaseRow.generation + 1,
            state=sql_case((running, "running"), else_="open"),
            verdict=sql_case((running, CaseRow.verdict), else_=None)))

    # -- files and pages -----------------------------------------------------------------------
    def add_file(self, case_id: str, sha256: str, name: str, media_type: str, pages: int, actor: str) -> bool:
        """Record an upload (already durable in object storage). False when the case had it already.
        A file removed earlier comes back (its pages already read are kept)."""
        ensure_unlocked(self.get(case_id))
        try:
            with Session(self.engine) as s, s.begin():
                self._row(s, case_id)
                seq = (s.scalar(select(func.max(CaseFileRow.seq)).where(CaseFileRow.case_id == case_id)) or 0) + 1
                old = s.scalar(select(CaseFileRow).where(CaseFileRow.case_id == case_id, CaseFileRow.sha256 == sha256))
                if old is not None and old.removed_at is None:
                    return False
                if old is not None:
                    old.removed_at, old.removed_by, old.seq, old.name, old.uploaded_by = None, None, seq, name, actor
                else:
                    s.add(CaseFileRow(case_id=case_id, seq=seq, sha256=sha256, name=name, media_type=media_type,
                                      pages=pages, uploaded_by=actor))
                for n in range(1, pages + 1):
                    if s.get(CasePageRow, (case_id, sha256, n)) is None:
                        s.add(CasePageRow(case_id=case_id, sha256=sha256, page=n, state="pending"))
                self._bump(s, case_id)
                s.add(AuditRow(case_id=case_id, actor=actor, action="file_uploaded",
                               detail_json=json.dumps({"name": name, "sha256": sha256, "pages": pages},
                                                      ensure_ascii=False)))
            return True
        except IntegrityError:
            return False

    def remove_file(self, case_id: str, sha256: str, actor: str) -> str:
        """Take a file out of the case (audited; the original stays in storage for the record).
        Returns its name."""
        ensure_unlocked(self.get(case_id))
        with Session(self.engine) as s, s.begin():
            row = s.scalar(select(CaseFileRow).where(CaseFileRow.case_id == case_id, CaseFileRow.sha256 == sha256,
                                                     CaseFileRow.removed_at.is_(None)))
            if row is None:
                raise NotFoundError("这个文件不在此办件中（或已删除）：刷新页面后再试")
            row.removed_at, row.removed_by = datetime.now(UTC), actor
            self._bump(s, case_id)
            s.add(AuditRow(case_id=case_id, actor=actor, action="file_removed",
                           detail_json=json.dumps({"name": row.name, "sha256": sha256, "pages": row.pages},
                                                  ensure_ascii=False)))
            return row.name

    def pages(self, case_id: str) -> list[PageRef]:
        with Session(self.engine) as s:
            rows = s.execute(
                select(CaseFileRow, CasePageRow)
                .join(CasePageRow, (CasePageRow.case_id == CaseFileRow.case_id) & (CasePageRow.sha256 == CaseFileRow.sha256)
                      & (CasePageRow.page <= CaseFileRow.pages))
                .where(CaseFileRow.case_id == case_id, CaseFileRow.removed_at.is_(None))
                .order_by(CaseFileRow.seq, CasePageRow.page)).all()
            return [PageRef(sha256=f.sha256, page=p.page, name=f.name, media_type=f.media_type, state=p.state,
                            documents=_documents(p.document_json, f"{f.sha256}-{p.page}"), error=p.error)
                    for f, p in rows]

    def page_done(self, case_id: str, sha256: str, page: int, documents: list[Document] | None,
                  error: str | None = None) -> None:
        """A page read (its documents: the first, then further ones on the same image) or failed."""
        with Session(self.engine) as s, s.begin():
            row = s.get(CasePageRow, (case_id, sha256, page))
            if row is None:
                raise NotFoundError(f"page {page} of {sha256[:12]}… is not part of case {case_id}")
            row.state = "failed" if error else "done"
            row.document_json = _documents_json(documents) if documents else None
            row.error = error

    # -- results and audit ---------------------------------------------------------------------
    def save_result(self, case_id: str, result: CheckResult, actor: str = "system") -> None:
        with Session(self.engine) as s, s.begin():
            row = self._row(s, case_id)
            s.add(CheckResultRow(case_id=case_id, verdict=result.verdict, result_json=_result_json(result)))
            row.state, row.verdict = "done", result.verdict
            s.add(AuditRow(case_id=case_id, actor=actor, action="checked",
                           detail_json=json.dumps({"verdict": result.verdict})))

    def latest_result(self, case_id: str) -> CheckResult | None:
        with Session(self.engine) as s:
            js = s.scalar(select(CheckResultRow.result_json).where(CheckResultRow.case_id == case_id)
                          .order_by(CheckResultRow.id.desc()).limit(1))
        return CheckResult.model_validate_json(js) if js else None

    def audit(self, case_id: str | None, actor: str, action: str, detail: dict[str, Any] | None = None) -> None:
        with Session(self.engine) as s, s.begin():
            s.add(AuditRow(case_id=case_id, actor=actor, action=action,
                           detail_json=json.dumps(detail or {}, ensure_ascii=False)))

    def audit_trail(self, case_id: str) -> list[AuditEntry]:
        with Session(self.engine) as s:
            rows = s.scalars(select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.id))
            return [AuditEntry(at=r.at.isoformat(), actor=r.actor, action=r.action, detail=json.loads(r.detail_json))
                    for r in rows]

    # -- reviewers' decisions and clerks' corrections ------------------------------------------
    def review(self, case_id: str, reviewer: str, decision: str, comment: str) -> None:
        if decision not in LOCKING_DECISIONS:
            raise UsageError("decision is approved or returned")
        if decision == "returned" and not comment.strip():
            raise UsageError("say why the case is returned (a comment is required)")
        with Session(self.engine) as s, s.begin():
            self._row(s, case_id)
            s.add(ReviewRow(case_id=case_id, reviewer=reviewer, decision=decision, comment=comment))
            s.add(AuditRow(case_id=case_id, actor=reviewer, action=f"review_{decision}",
                           detail_json=json.dumps({"comment": comment}, ensure_ascii=False)))

    def reviews(self, case_id: str) -> list[Review]:
        with Session(self.engine) as s:
            rows = s.scalars(select(ReviewRow).where(ReviewRow.case_id == case_id).order_by(ReviewRow.id))
            return [Review(id=r.id, case_id=r.case_id, reviewer=r.reviewer, decision=r.decision, comment=r.comment,
                           at=r.at) for r in rows]

    def override(self, case_id: str, sha256: str, page: int, field: str | None, value: str, actor: str,
                 before: str | None) -> None:
        """A clerk's correction of a page's material (``field`` None) or of one field; audited."""
        with Session(self.engine) as s, s.begin():
            s.add(OverrideRow(case_id=case_id, sha256=sha256, page=page, field=field, value=value, actor=actor))
            s.add(AuditRow(case_id=case_id, actor=actor, action="override_material" if field is None else
                           "override_field", detail_json=json.dumps({"sha256": sha256, "page": page, "field": field,
                                                                     "from": before, "to": value},
                                                                    ensure_ascii=False)))

    def overrides(self, case_id: str) -> list[Override]:
        with Session(self.engine) as s:
            rows = s.scalars(select(OverrideRow).where(OverrideRow.case_id == case_id).order_by(OverrideRow.id))
            return [Override(id=r.id, case_id=r.case_id, sha256=r.sha256, page=r.page, field=r.field, value=r.value,
                             actor=r.actor, at=r.at) for r in rows]

    def undo_override(self, case_id: str, override_id: int, actor: str) -> None:
        with Session(self.engine) as s, s.begin():
            ov = s.get(OverrideRow, override_id)
            if ov is None or ov.case_id != case_id:
                raise NotFoundError("that correction does not exist")
            s.add(AuditRow(case_id=case_id, actor=actor, action="override_undone",
                           detail_json=json.dumps({"sha256": ov.sha256, "page": ov.page, "field": ov.field,
                                                   "value": ov.value, "by": ov.actor}, ensure_ascii=False)))
            s.delete(ov)


def _result_json(result: CheckResult) -> str:
    return json.dumps(result.to_json_dict(), ensure_ascii=False)


def _documents_json(documents: list[Document]) -> str:
    """As stored since the first release: the page's first document, further ones under "regions"."""
    first, *more = documents
    stored: dict[str, Any] = first.model_dump()
    if more:
        stored["regions"] = [d.model_dump() for d in more]
    return json.dumps(stored, ensure_ascii=False)


def _documents(text: str | None, page_id: str) -> list[Document]:
    """A stored page's documents (a page stored before documents carried their page id gets it)."""
    if not text:
        return []
    stored = json.loads(text)
    docs = [Document.model_validate({k: v for k, v in stored.items() if k != "regions"})]
    docs += [Document.model_validate(d) for d in stored.get("regions", [])]
    return [d if d.page_id else d.model_copy(update={"page_id": page_id}) for d in docs]
