"""Staff accounts (clerk, reviewer) with argon2 password hashes and server-side sessions with a
CSRF token each — every change audited. (Reviewers' decisions and clerks' corrections belong to
the case: ``storage/cases.py``.)

Hardened: a password policy (length, not a common password, not the user name), a temporary
lockout after repeated wrong passwords (every failure audited), disabled and removed users,
session ids stored as sha256 hashes, an idle timeout, and every session of a user revoked when
their password or role changes."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from yichuang.storage.db import AuditRow, UserRow, WebSessionRow, make_engine

from yichuang.config import Settings, load_settings
from yichuang.errors import NotFoundError, UsageError

ROLES = ("clerk", "reviewer")
SESSION_HOURS = 10  # one working day
# the policy (idle timeout, password length, lockout) comes from Settings: idle_minutes, min_password,
# lockout_after, lockout_minutes (YICHUANG_IDLE_MINUTES …), read when the store is made
COMMON_PASSWORDS = Path(__file__).parent / "data" / "common-passwords.txt"
SEEN_EVERY = timedelta(seconds=60)  # last_seen is written at most this often


def _sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode()).hexdigest()


def _aware(at: datetime | None) -> datetime | None:
    return at if at is None or at.tzinfo else at.replace(tzinfo=UTC)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


def check_password(name: str, password: str, min_length: int = 10) -> None:
    """The password policy; raises a fix-it error in Chinese."""
    if len(password) < min_length:
        raise UsageError(f"密码至少需要 {min_length} 个字符：请换一个更长的密码（可以用几个词组成的短句）")
    low = password.lower()
    if low in common_passwords() or len(set(low)) < 4:
        raise UsageError("这个密码太常见或太简单，很容易被猜到：请换一个不常见的密码")
    if name and name.lower() in low:
        raise UsageError("密码里不能包含用户名：请换一个密码")


class Staff(BaseModel):
    """A signed-in member of staff: who, which role, the session's CSRF token and id."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    role: str
    csrf: str
    session_id: str


class User(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    role: str
    disabled: bool
    locked_until: str | None


class LoginOutcome(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    staff: Staff | None
    reason: str | None = None  # bad_credentials | locked | disabled


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


class AccountStore:
    def __init__(self, url: str, settings: Settings | None = None) -> None:
        self.engine = make_engine(url)
        self.settings = settings or load_settings()  # the policy: idle timeout, password length, lockout

    def add_user(self, name: str, role: str, password: str) -> None:
        """Create a user, or set their role and password (their sessions end: sign in again)."""
        if role not in ROLES:
            raise UsageError(f"role must be one of {', '.join(ROLES)}")
        if not name or len(name) > 64 or any(ch.isspace() or not ch.isprintable() for ch in name):
            raise UsageError("用户名需为 1–64 个字符，不含空格：请换一个用户名")
        check_password(name, password, self.settings.min_password)
        with Session(self.engine) as s, s.begin():
            row = s.get(UserRow, name)
            if row is None:
                s.add(UserRow(name=name, role=role, password_hash=_hasher().hash(password)))
            else:
                row.role, row.password_hash = role, _hasher().hash(password)
                row.failed_logins, row.locked_until = 0, None
                s.execute(delete(WebSessionRow).where(WebSessionRow.user == name))
            s.add(AuditRow(case_id=None, actor="admin", action="user_saved", detail_json=json.dumps({"user": name,
                                                                                                   "role": role})))

    def set_disabled(self, name: str, disabled: bool) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(UserRow, name)
            if row is None:
                raise NotFoundError(f"没有用户 {name}：用 `yichuang user add` 创建")
            row.disabled = disabled
            if disabled:
                s.execute(delete(WebSessionRow).where(WebSessionRow.user == name))
            else:
                row.failed_logins, row.locked_until = 0, None
            s.add(AuditRow(case_id=None, actor="admin", action="user_disabled" if disabled else "user_enabled",
                           detail_json=json.dumps({"user": name})))

    def remove_user(self, name: str) -> None:
        """The account and its sessions go; what the user did stays in the audit trail and reviews."""
        with Session(self.engine) as s, s.begin():
            row = s.get(UserRow, name)
            if row is None:
                raise NotFoundError(f"没有用户 {name}")
            s.execute(delete(WebSessionRow).where(WebSessionRow.user == name))
            s.delete(row)
            s.add(AuditRow(case_id=None, actor="admin", action="user_removed", detail_json=json.dumps({"user": name})))

    def users(self) -> list[User]:
        with Session(self.engine) as s:
            return [User(name=u.name, role=u.role, disabled=bool(u.disabled),
                         locked_until=_aware(u.locked_until).isoformat() if u.locked_until else None)
                    for u in s.scalars(select(UserRow).order_by(UserRow.name))]

    def login(self, name: str, password: str) -> Staff | None:
        return self.attempt_login(name, password).staff

    def attempt_login(self, name: str, password: str, client: str = "") -> LoginOutcome:
        """Check a password. Every failure is audited; ``lockout_after`` wrong passwords in a row lock
        the account for ``lockout_minutes`` (the right password is refused meanwhile)."""
        from argon2.exceptions import VerificationError, VerifyMismatchError

        now = datetime.now(UTC)
        with Session(self.engine) as s, s.begin():
            row = s.get(UserRow, name) if 0 < len(name) <= 64 else None

            def failed(reason: str, **detail: object) -> LoginOutcome:
                s.add(AuditRow(case_id=None, actor=name[:64] or "?", action="login_failed",
                               detail_json=json.dumps({"reason": reason, "client": client, **detail})))
                return LoginOutcome(staff=None, reason="bad_credentials" if reason == "unknown_user" else reason)

            if row is None:
                _hasher().hash(password)  # same work either way: no user enumeration by timing
                return failed("unknown_user")
            locked = _aware(row.locked_until)
            if locked is not None and locked > now:
                return failed("locked", until=locked.isoformat())
            try:
                _hasher().verify(row.password_hash, password)
            except (VerifyMismatchError, VerificationError):
                row.failed_logins = (row.failed_logins or 0) + 1
                policy = self.settings
                if row.failed_logins >= policy.lockout_after:
                    row.failed_logins, row.locked_until = 0, now + timedelta(minutes=policy.lockout_minutes)
                    return failed("locked", until=row.locked_until.isoformat(), after=policy.lockout_after)
                return failed("bad_credentials", failures=row.failed_logins)
            if row.disabled:
                return failed("disabled")
            row.failed_logins, row.locked_until = 0, None
            sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
            s.add(WebSessionRow(id=_sid_hash(sid), user=name, csrf=csrf, last_seen=now,
                                expires_at=now + timedelta(hours=SESSION_HOURS)))
            s.add(AuditRow(case_id=None, actor=name, action="login", detail_json=json.dumps({"client": client})))
            return LoginOutcome(staff=Staff(name=name, role=row.role, csrf=csrf, session_id=sid))

    def session(self, sid: str | None) -> Staff | None:
        """The signed-in user of a cookie, or None (expired, idle too long, user disabled or removed)."""
        if not sid or len(sid) > 128:
            return None
        now = datetime.now(UTC)
        with Session(self.engine) as s:
            row = s.get(WebSessionRow, _sid_hash(sid))
            if row is None:
                return None
            seen = _aware(row.last_seen)
            if _aware(row.expires_at) < now or (seen is not None and now - seen > timedelta(minutes=self.settings.idle_minutes)):
                s.delete(row)
                s.commit()
                return None
            user = s.get(UserRow, row.user)
            if user is None or user.disabled:
                return None
            staff = Staff(name=user.name, role=user.role, csrf=row.csrf, session_id=sid)
            if seen is None or now - seen > SEEN_EVERY:
                row.last_seen = now
                s.commit()
            return staff

    def logout(self, sid: str) -> None:
        with Session(self.engine) as s, s.begin():
            row = s.get(WebSessionRow, _sid_hash(sid))
            if row is not None:
                s.delete(row)
