"""容缺 deadlines in working days, over the State Council's holiday arrangement (``rulesets/calendar/``).

A calendar file per year lists the public holidays (放假调休, inclusive ranges) and the make-up working
days (调休上班, weekend days that are worked). Loaded into strict models and validated: a malformed,
out-of-year or overlapping entry fails at load with the file and line.

The rest is pure functions over plain data: the Nth working day after a date, working days left,
the Chinese date ("2026年12月3日"), and the follow-up of a case's promises (the deadline fixed when
the case was first accepted with tolerance; a supplement's arrival date; late or not).

A deadline that runs into a year whose arrangement is not known (no calendar file) is counted over
weekends only and comes out flagged (``unverified``), never silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from yichuang.rulesets import CALENDAR_DIR, default_calendar, load_calendar_dir
from yichuang.rulesets.tables import Calendar, YearFile

from yichuang.labels import say, zh_date  # one date wording for the whole product
from yichuang.types import MaterialResult, Reason

__all__ = ["CALENDAR_DIR", "Calendar", "YearFile", "default_calendar", "load_calendar_dir", "zh_date"]  # loaded there


# ---- deadlines ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    """A promise's deadline; ``unverified`` when it was counted through a year with no calendar."""

    on: date
    days: int
    unit: str  # "working" | "calendar"
    unverified: bool = False
    unknown_years: tuple[int, ...] = ()


def add_working_days(cal: Calendar, start: date, n: int) -> Due:
    """The Nth working day after ``start`` (the acceptance day itself is not counted)."""
    day = start
    unknown: set[int] = set()
    left = n
    while left > 0:
        day += timedelta(days=1)
        if not cal.known(day):
            unknown.add(day.year)
        if cal.is_working_day(day):
            left -= 1
    return Due(day, n, "working", bool(unknown), tuple(sorted(unknown)))


def due_date(cal: Calendar, start: date, days: int, unit: str = "working") -> Due:
    if unit == "calendar":
        end = start + timedelta(days=days)
        unknown = tuple(sorted({y for y in range(start.year, end.year + 1) if y not in cal.years}))
        return Due(end, days, "calendar", False, unknown)
    return add_working_days(cal, start, days)


def promise_due(cal: Calendar, start: date, contributions) -> Due:
    """An item's deadline: the shortest promise period among the matters that ask for it."""
    dues = [due_date(cal, start, item.promise_days or m.promise_days, item.promise_unit)
            for m, item in contributions]
    return min(dues, key=lambda d: d.on)


def deadline_fields(due: Due, deadline: str | None) -> dict:
    """The contract's deadline fields of one item (empty when the item has no deadline)."""
    if deadline is None:
        return {}
    return {"deadline_text": zh_date(due.on), "promise_days": due.days, "deadline_unverified": due.unverified}


def working_days_left(cal: Calendar, today: date, deadline: date) -> int:
    """0: due today; n > 0: n working days after today up to the deadline; negative: working days overdue."""
    if deadline == today:
        return 0
    step = 1 if deadline > today else -1
    day, count = today, 0
    while day != deadline:
        day += timedelta(days=step)
        if cal.is_working_day(day) or day == deadline:
            count += 1
    return count * step


def unverified_note(due: Due) -> Reason:
    return Reason.of("unverified", years="、".join(str(y) for y in due.unknown_years))


# ---- follow-up of a case's promises ---------------------------------------------------------

def item_key(item: str, role: str | None) -> str:
    return f"{item}/{role or ''}"


@dataclass(frozen=True)
class Promise:
    """What the applicant promised when the case was first accepted with tolerance."""

    item_key: str
    name: str
    promised_on: date
    deadline: date
    unverified: bool = False


@dataclass(frozen=True)
class History:
    """What the case store knows of a case: its promises and when each file arrived."""

    promises: dict[str, Promise] = field(default_factory=dict)
    arrivals: dict[str, date] = field(default_factory=dict)  # supplement file (document source) → day received


def arrival_of(documents: Iterable[str], arrivals: dict[str, date]) -> date | None:
    """The day the material arrived: the latest of its pages' files (a page ref is 'source#page')."""
    days = [arrivals[ref.rpartition("#")[0]] for ref in documents if ref.rpartition("#")[0] in arrivals]
    return max(days) if days else None


def apply_history(results: list[MaterialResult], history: History) -> list[MaterialResult]:
    """A promised item keeps the deadline of the promise; a supplied one says when it arrived and if late."""
    out = []
    for r in results:
        p = history.promises.get(item_key(r.item, r.role))
        if p is None:
            out.append(r)
            continue
        upd: dict = {"deadline": p.deadline.isoformat(), "deadline_text": zh_date(p.deadline),
                     "deadline_unverified": p.unverified}
        if r.status in ("tolerated", "missing", "invalid", "inconsistent", "needs_review"):
            codes = [_reword(x, p) for x in r.reason_codes]
            upd["reasons"], upd["reason_codes"] = [say(x) for x in codes], codes
        elif r.status == "present":
            arrived = arrival_of(r.documents, history.arrivals)
            if arrived is not None:
                late = arrived > p.deadline
                upd.update(arrived_on=arrived.isoformat(), late=late)
                if late:
                    note = Reason.of("supplied_late", arrived=arrived.isoformat(), deadline=p.deadline.isoformat())
                else:
                    note = Reason.of("supplied", arrived=arrived.isoformat(), deadline=p.deadline.isoformat())
                upd["reasons"], upd["reason_codes"] = [*r.reasons, say(note)], [*r.reason_codes, note]
        out.append(r.model_copy(update=upd))
    return out


def _reword(reason: Reason, p: Promise) -> Reason:
    """The deadline a reason names becomes the promise's (fixed when the case was first accepted)."""
    if "due" in reason.params:
        return reason.model_copy(update={"params": {**reason.params, "due": p.deadline.isoformat()}})
    return reason
