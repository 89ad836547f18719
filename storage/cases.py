"""The case store: cases, their files and pages, check results, and the audit trail."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.db import AuditRow, CaseFileRow, CasePageRow, CaseRow, CheckResultRow, make_engine
from yichuang.errors import ForbiddenError, NotFoundError, UnauthorizedError


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class CaseInfo:
    id: str
    matters: list[str]
    as_of: str | None
    facts: dict[str, str]
    state: str
    verdict: str | None
    created_at: str


@dataclass(frozen=True)
class PageRef:
    sha256: str
    page: int
    name: str
    media_type: str
    state: str
    document: dict | None


class CaseStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    # -- cases ---------------------------------------------------------------------------------
    def create(self, matters: list[str], as_of: str | None, facts: dict[str, str], actor: str) -> tuple[str, str]:
        case_id = secrets.token_hex(12)
        token = secrets.token_urlsafe(24)
        with Session(self.engine) as s, s.begin():
            s.add(CaseRow(id=case_id, matters_json=json.dumps(matters), as_of=as_of,
                          facts_json=json.dumps(facts, ensure_ascii=False), token_hash=_hash(token),
                          created_by=actor))
            s.add(AuditRow(case_id=case_id, actor=actor, action="case_created",
                           detail_json=json.dumps({"matters": matters, "as_of": as_of}, ensure_ascii=False)))
        return case_id, token

    def _row(self, s: Session, case_id: str) -> CaseRow:
        row = s.get(CaseRow, case_id)
        if row is None:
            raise NotFoundError(f"case {case_id} does not exist: check the link")
        return row

    def get(self, case_id: str) -> CaseInfo:
        with Session(self.engine) as s:
            row = self._row(s, case_id)
            return CaseInfo(row.id, json.loads(row.matters_json), row.as_of, json.loads(row.facts_json), row.state,
                            row.verdict, row.created_at.isoformat())

    def authorize(self, case_id: str, token: str | None) -> CaseInfo:
        """A token opens its own case only."""
        if not token:
            raise UnauthorizedError("this call needs the case's upload token: send `Authorization: Bearer <token>`")
        with Session(self.engine) as s:
            row = s.get(CaseRow, case_id)
            if row is None or not hmac.compare_digest(row.token_hash, _hash(token)):
                raise ForbiddenError("this token does not open that case")
        return self.get(case_id)

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
            return [CaseInfo(r.id, json.loads(r.matters_json), r.as_of, json.loads(r.facts_json), r.state, r.verdict,
                             r.created_at.isoformat()) for r in s.scalars(q)]

    # -- files and pages -----------------------------------------------------------------------
    def add_file(self, case_id: str, sha256: str, name: str, media_type: str, pages: int, actor: str) -> bool:
        """Record an upload (already durable in object storage). False when the case had it already."""
        try:
            with Session(self.engine) as s, s.begin():
                row = self._row(s, case_id)
                seq = (s.scalar(select(func.max(CaseFileRow.seq)).where(CaseFileRow.case_id == case_id)) or 0) + 1
                s.add(CaseFileRow(case_id=case_id, seq=seq, sha256=sha256, name=name, media_type=media_type,
                                  pages=pages, uploaded_by=actor))
                for n in range(1, pages + 1):
                    if s.get(CasePageRow, (case_id, sha256, n)) is None:
                        s.add(CasePageRow(case_id=case_id, sha256=sha256, page=n, state="pending"))
                row.state, row.verdict = "open", None  # new material: the last result is stale
                s.add(AuditRow(case_id=case_id, actor=actor, action="file_uploaded",
                               detail_json=json.dumps({"name": name, "sha256": sha256, "pages": pages},
                                                      ensure_ascii=False)))
            return True
        except IntegrityError:
            return False

    def pages(self, case_id: str) -> list[PageRef]:
        with Session(self.engine) as s:
            rows = s.execute(
                select(CaseFileRow, CasePageRow)
                .join(CasePageRow, (CasePageRow.case_id == CaseFileRow.case_id) & (CasePageRow.sha256 == CaseFileRow.sha256))
                .where(CaseFileRow.case_id == case_id).order_by(CaseFileRow.seq, CasePageRow.page)).all()
            return [PageRef(f.sha256, p.page, f.name, f.media_type, p.state,
                            json.loads(p.document_json) if p.document_json else None) for f, p in rows]

    def page_done(self, case_id: str, sha256: str, page: int, document: dict[str, Any] | None,
                  error: str | None = None) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(CasePageRow, (case_id, sha256, page))
            if row is None:
                raise NotFoundError(f"page {page} of {sha256[:12]}… is not part of case {case_id}")
            row.state = "failed" if error else "done"
            row.document_json = json.dumps(document, ensure_ascii=False) if document is not None else None
            row.error = error

    # -- results and audit ---------------------------------------------------------------------
    def save_result(self, case_id: str, result: dict[str, Any], actor: str = "system") -> None:
        with Session(self.engine) as s, s.begin():
            row = self._row(s, case_id)
            s.add(CheckResultRow(case_id=case_id, verdict=result["verdict"],
                                 result_json=json.dumps(result, ensure_ascii=False)))
            row.state, row.verdict = "done", result["verdict"]
            s.add(AuditRow(case_id=case_id, actor=actor, action="checked",
                           detail_json=json.dumps({"verdict": result["verdict"]})))

    def latest_result(self, case_id: str) -> dict[str, Any] | None:
        with Session(self.engine) as s:
            js = s.scalar(select(CheckResultRow.result_json).where(CheckResultRow.case_id == case_id)
                          .order_by(CheckResultRow.id.desc()).limit(1))
        return json.loads(js) if js else None

    def audit(self, case_id: str | None, actor: str, action: str, detail: dict[str, Any] | None = None) -> None:
        with Session(self.engine) as s, s.begin():
            s.add(AuditRow(case_id=case_id, actor=actor, action=action,
                           detail_json=json.dumps(detail or {}, ensure_ascii=False)))

    def audit_trail(self, case_id: str) -> list[dict[str, Any]]:
        with Session(self.engine) as s:
            rows = s.scalars(select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.id))
            return [{"at": r.at.isoformat(), "actor": r.actor, "action": r.action, "detail": json.loads(r.detail_json)}
                    for r in rows]
