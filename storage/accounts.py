"""Staff accounts (clerk, reviewer) with argon2 password hashes, server-side sessions with a
CSRF token each, reviewer decisions and clerk overrides — every change audited."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.db import AuditRow, OverrideRow, ReviewRow, UserRow, WebSessionRow, make_engine
from yichuang.errors import UsageError

ROLES = ("clerk", "reviewer")
SESSION_HOURS = 10  # one working day


@dataclass(frozen=True)
class Staff:
    name: str
    role: str
    csrf: str
    session_id: str


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


class AccountStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    def add_user(self, name: str, role: str, password: str) -> None:
        if role not in ROLES:
            raise UsageError(f"role must be one of {', '.join(ROLES)}")
        if len(password) < 8:
            raise UsageError("a password needs at least 8 characters")
        with Session(self.engine) as s, s.begin():
            row = s.get(UserRow, name)
            if row is None:
                s.add(UserRow(name=name, role=role, password_hash=_hasher().hash(password)))
            else:
                row.role, row.password_hash = role, _hasher().hash(password)
            s.add(AuditRow(case_id=None, actor="admin", action="user_saved", detail_json=json.dumps({"user": name,
                                                                                                   "role": role})))

    def login(self, name: str, password: str) -> Staff | None:
        from argon2.exceptions import VerifyMismatchError

        with Session(self.engine) as s, s.begin():
            row = s.get(UserRow, name)
            try:
                if row is None:
                    _hasher().hash(password)  # same work either way: no user enumeration by timing
                    return None
                _hasher().verify(row.password_hash, password)
            except VerifyMismatchError:
                return None
            sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
            s.add(WebSessionRow(id=sid, user=name, csrf=csrf,
                                expires_at=datetime.now(UTC) + timedelta(hours=SESSION_HOURS)))
            s.add(AuditRow(case_id=None, actor=name, action="login", detail_json="{}"))
            return Staff(name, row.role, csrf, sid)

    def session(self, sid: str | None) -> Staff | None:
        if not sid:
            return None
        with Session(self.engine) as s:
            row = s.get(WebSessionRow, sid)
            if row is None:
                return None
            expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
            if expires < datetime.now(UTC):
                return None
            user = s.get(UserRow, row.user)
            return Staff(user.name, user.role, row.csrf, sid) if user else None

    def logout(self, sid: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(WebSessionRow, sid)
            if row is not None:
                s.delete(row)

    # -- reviewer decisions and clerk overrides --------------------------------------------------
    def review(self, case_id: str, reviewer: str, decision: str, comment: str) -> None:
        if decision not in ("approved", "returned"):
            raise UsageError("decision is approved or returned")
        if decision == "returned" and not comment.strip():
            raise UsageError("say why the case is returned (a comment is required)")
        with Session(self.engine) as s, s.begin():
            s.add(ReviewRow(case_id=case_id, reviewer=reviewer, decision=decision, comment=comment))
            s.add(AuditRow(case_id=case_id, actor=reviewer, action=f"review_{decision}",
                           detail_json=json.dumps({"comment": comment}, ensure_ascii=False)))

    def reviews(self, case_id: str) -> list[dict]:
        with Session(self.engine) as s:
            return [{"reviewer": r.reviewer, "decision": r.decision, "comment": r.comment, "at": r.at.isoformat()}
                    for r in s.scalars(select(ReviewRow).where(ReviewRow.case_id == case_id).order_by(ReviewRow.id))]

    def override(self, case_id: str, sha256: str, page: int, field: str | None, value: str, actor: str,
                 before: str | None) -> None:
        with Session(self.engine) as s, s.begin():
            s.add(OverrideRow(case_id=case_id, sha256=sha256, page=page, field=field, value=value, actor=actor))
            s.add(AuditRow(case_id=case_id, actor=actor, action="override_material" if field is None else
                           "override_field", detail_json=json.dumps({"sha256": sha256, "page": page, "field": field,
                                                                     "from": before, "to": value},
                                                                    ensure_ascii=False)))

    def overrides(self, case_id: str) -> list[OverrideRow]:
        with Session(self.engine) as s:
            rows = list(s.scalars(select(OverrideRow).where(OverrideRow.case_id == case_id).order_by(OverrideRow.id)))
            s.expunge_all()
            return rows
