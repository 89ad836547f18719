"""The follow-up store: 容缺 promises and their supplements, and the material archive (材料复用).

Holders (ID numbers, credit codes) are stored here — that is the archive's purpose — but every audit
entry and log line names them masked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from yichuang.checkers.deadlines import History, Promise, item_key
from yichuang.checkers.reuse import Candidate, Record
from yichuang.storage.db import (
    ArchiveRow,
    AuditRow,
    CaseFileRow,
    CaseRow,
    PromiseRow,
    SupplementRow,
    make_engine,
    now,
)
from yichuang.storage.records import PromiseRecord, SupplementRecord

from yichuang.errors import NotFoundError
from yichuang.privacy import mask_text
from yichuang.types import CheckResult


def mask_holder(holder: str) -> str:
    """An ID number keeps region and last four; a credit code its first 8 and last 4 characters."""
    masked = mask_text(holder)
    if masked != holder or len(holder) < 12:
        return masked
    return holder[:8] + "*" * (len(holder) - 12) + holder[-4:]


@dataclass(frozen=True)
class OpenPromise:
    case_id: str
    matters: list[str]
    item_key: str
    name: str
    material: str
    promised_on: str
    deadline: str
    unverified: bool


class FollowupStore:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)

    # -- archive -------------------------------------------------------------------------------
    def archive(self, case_id: str, found: list[Candidate], verified_on: date, actor: str) -> list[int]:
        """Keep the verified materials of an accepted case; a material already kept for this case is kept once."""
        ids: list[int] = []
        with Session(self.engine) as s, s.begin():
            for c in found:
                row = s.scalar(select(ArchiveRow).where(ArchiveRow.holder == c.holder, ArchiveRow.material == c.material,
                                                        ArchiveRow.source_case == case_id))
                if row is None:
                    row = ArchiveRow(holder=c.holder, material=c.material, valid_until=c.valid_until,
                                     fields_json=json.dumps(c.fields, ensure_ascii=False),
                                     documents_json=json.dumps(c.documents, ensure_ascii=False), source_case=case_id,
                                     item=c.item, verified_on=verified_on.isoformat(), verified_by=actor)
                    s.add(row)
                    s.flush()
                ids.append(row.id)
            s.add(AuditRow(case_id=case_id, actor=actor, action="materials_archived", detail_json=json.dumps(
                {"records": [{"id": i, "material": c.material, "holder": mask_holder(c.holder),
                              "valid_until": c.valid_until} for i, c in zip(ids, found, strict=True)]},
                ensure_ascii=False)))
        return ids

    def records(self, holders: set[str]) -> list[Record]:
        """Archive records (revoked ones included, marked) of these holders."""
        if not holders:
            return []
        with Session(self.engine) as s:
            rows = s.scalars(select(ArchiveRow).where(ArchiveRow.holder.in_(sorted(holders))).order_by(ArchiveRow.id))
            return [_record(r) for r in rows]

    def record(self, record_id: int) -> Record:
        with Session(self.engine) as s:
            row = s.get(ArchiveRow, record_id)
            if row is None:
                raise NotFoundError(f"archive record {record_id} does not exist")
            return _record(row)

    def revoke(self, record_id: int, actor: str, reason: str, case_id: str | None = None) -> Record:
        """A record found wrong (or withdrawn by its holder) is never reused again; audited."""
        with Session(self.engine) as s, s.begin():
            row = s.get(ArchiveRow, record_id)
            if row is None:
                raise NotFoundError(f"archive record {record_id} does not exist: reload the page")
            if row.revoked_at is None:
                row.revoked_at, row.revoked_by, row.revoke_reason = now(), actor, reason
            s.add(AuditRow(case_id=case_id or row.source_case, actor=actor, action="reuse_revoked",
                           detail_json=json.dumps({"record": record_id, "material": row.material,
                                                   "holder": mask_holder(row.holder), "reason": reason},
                                                  ensure_ascii=False)))
            return _record(row)

    # -- promises and supplements --------------------------------------------------------------
    def history(self, case_id: str) -> History:
        with Session(self.engine) as s:
            promises = {r.item_key: Promise(r.item_key, r.name, date.fromisoformat(r.promised_on),
                                            date.fromisoformat(r.deadline), r.unverified)
                        for r in s.scalars(select(PromiseRow).where(PromiseRow.case_id == case_id))}
            promised_at = s.scalar(select(func.min(PromiseRow.created_at)).where(PromiseRow.case_id == case_id))
            received = {r.sha256: date.fromisoformat(r.received_on)
                        for r in s.scalars(select(SupplementRow).where(SupplementRow.case_id == case_id))}
            arrivals: dict[str, date] = {}
            for f in s.scalars(select(CaseFileRow).where(CaseFileRow.case_id == case_id)):
                if f.sha256 in received:  # recorded as a supplement, with the day it was received
                    arrivals[f.name] = received[f.sha256]
                elif promised_at is not None and _utc(f.uploaded_at) > _utc(promised_at):
                    arrivals[f.name] = _utc(f.uploaded_at).astimezone().date()  # uploaded after the promise
        return History(promises, arrivals)

    def supplements(self, case_id: str) -> list[SupplementRecord]:
        with Session(self.engine) as s:
            rows = s.execute(select(SupplementRow, CaseFileRow).join(
                CaseFileRow, (CaseFileRow.case_id == SupplementRow.case_id) & (CaseFileRow.sha256 == SupplementRow.sha256))
                .where(SupplementRow.case_id == case_id).order_by(CaseFileRow.seq)).all()
            return [SupplementRecord(name=f.name, sha256=sup.sha256, received_on=sup.received_on, by=sup.actor)
                    for sup, f in rows]

    def add_supplement(self, case_id: str, sha256: str, received_on: date, actor: str) -> None:
        with Session(self.engine) as s, s.begin():
            if s.get(SupplementRow, (case_id, sha256)) is None:
                s.add(SupplementRow(case_id=case_id, sha256=sha256, received_on=received_on.isoformat(), actor=actor))

    def record_result(self, case_id: str, result: CheckResult, actor: str = "system") -> None:
        """After a check: new 容缺 promises are fixed with their deadline (never moved by a re-check);
        promised items now supplied are marked fulfilled (late or not); both audited."""
        with Session(self.engine) as s, s.begin():
            existing = {r.item_key: r for r in s.scalars(select(PromiseRow).where(PromiseRow.case_id == case_id))}
            for m in result.materials:
                key = item_key(m.item, m.role)
                row = existing.get(key)
                if row is None and m.status != "present" and m.deadline and m.requirement == "tolerable":
                    s.add(PromiseRow(case_id=case_id, item_key=key, name=m.name, material=m.material,
                                     promised_on=result.as_of, deadline=m.deadline,
                                     unverified=m.deadline_unverified, late=False))
                    s.add(AuditRow(case_id=case_id, actor=actor, action="tolerance_promised", detail_json=json.dumps(
                        {"item": m.name, "deadline": m.deadline}, ensure_ascii=False)))
                elif row is not None and row.fulfilled_on is None and m.status in ("present", "reused"):
                    row.fulfilled_on = m.arrived_on or result.as_of
                    row.late = m.late
                    s.add(AuditRow(case_id=case_id, actor=actor, action="supplement_received", detail_json=json.dumps(
                        {"item": m.name, "arrived_on": row.fulfilled_on, "deadline": row.deadline,
                         "late": row.late, "status": m.status}, ensure_ascii=False)))
                elif row is not None and row.fulfilled_on is not None and m.status not in ("present", "reused"):
                    row.fulfilled_on, row.late = None, False  # the supplied page was taken back (override, revoke)

    def open_promises(self) -> list[OpenPromise]:
        """Every promise not yet fulfilled, with its case's matters, soonest deadline first."""
        with Session(self.engine) as s:
            rows = s.execute(select(PromiseRow, CaseRow).join(CaseRow, CaseRow.id == PromiseRow.case_id)
                             .where(PromiseRow.fulfilled_on.is_(None))
                             .order_by(PromiseRow.deadline, PromiseRow.case_id, PromiseRow.item_key)).all()
            return [OpenPromise(p.case_id, json.loads(c.matters_json), p.item_key, p.name, p.material, p.promised_on,
                                p.deadline, p.unverified) for p, c in rows]

    def promises(self, case_id: str) -> list[PromiseRecord]:
        with Session(self.engine) as s:
            return [PromiseRecord(item_key=r.item_key, name=r.name, material=r.material, promised_on=r.promised_on,
                                  deadline=r.deadline, unverified=r.unverified, fulfilled_on=r.fulfilled_on,
                                  late=r.late)
                    for r in s.scalars(select(PromiseRow).where(PromiseRow.case_id == case_id)
                                       .order_by(PromiseRow.deadline, PromiseRow.item_key))]

    def was_accepted(self, case_id: str) -> bool:
        """The clerk accepted (or the reviewer approved) this case: its materials have been archived once."""
        with Session(self.engine) as s:
            return s.scalar(select(AuditRow.id).where(AuditRow.case_id == case_id,
                                                      AuditRow.action == "materials_archived").limit(1)) is not None

    def case_records(self, case_id: str) -> list[Record]:
        """What this case put into the archive."""
        with Session(self.engine) as s:
            return [_record(r) for r in s.scalars(select(ArchiveRow).where(ArchiveRow.source_case == case_id))]


def _utc(at: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _record(r: ArchiveRow) -> Record:
    return Record(id=r.id, holder=r.holder, material=r.material, source_case=r.source_case,
                  verified_on=date.fromisoformat(r.verified_on), valid_until=r.valid_until,
                  fields=json.loads(r.fields_json), revoked=r.revoked_at is not None)
