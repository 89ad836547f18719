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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator
from yichuang.extractors.catalog import RULESETS_DIR

from yichuang.errors import RulesetError
from yichuang.labels import zh_date  # one date wording for the whole product
from yichuang.types import MaterialResult
from yichuang.yamlfile import YamlDoc

CALENDAR_DIR = RULESETS_DIR / "calendar"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Holiday(_Strict):
    name: str = Field(min_length=1)
    from_: date = Field(alias="from")
    to: date

    @model_validator(mode="after")
    def _order(self):
        if self.to < self.from_:
            raise ValueError(f"ends ({self.to}) before it starts ({self.from_}): swap `from` and `to`")
        return self


class Workday(_Strict):
    date: date
    for_: str = Field("", alias="for")


class YearFile(_Strict):
    year: int
    source: str = Field(min_length=1)
    holidays: list[Holiday] = Field(default_factory=list)
    workdays: list[Workday] = Field(default_factory=list)


@dataclass(frozen=True)
class Calendar:
    """Known years with their days off and make-up working days."""

    years: frozenset[int] = frozenset()
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    names: dict[date, str] = field(default_factory=dict, hash=False, compare=False)

    def known(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def _check_year(doc: YamlDoc, data: YearFile, expected: int) -> None:
    if data.year != expected:
        raise doc.error(("year",), f"year {data.year} should match the file name '{expected}.yaml'")
    taken: dict[date, int] = {}
    for n, h in enumerate(data.holidays):
        for d in (h.from_, h.to):
            if d.year != data.year:
                raise doc.error(("holidays", n), f"{h.name}: {d} is not in {data.year}: each year has its own file")
        day = h.from_
        while day <= h.to:
            if day in taken:
                other = data.holidays[taken[day]]
                raise doc.error(("holidays", n), f"{h.name} overlaps {other.name} (line {doc.line(('holidays', taken[day]))}) "
                                                 f"on {day}: a day belongs to one holiday only")
            taken[day] = n
            day += timedelta(days=1)
    seen: set[date] = set()
    for n, w in enumerate(data.workdays):
        if w.date.year != data.year:
            raise doc.error(("workdays", n), f"{w.date} is not in {data.year}: each year has its own file")
        if w.date in seen:
            raise doc.error(("workdays", n), f"{w.date} is listed twice")
        seen.add(w.date)
        if w.date in taken:
            raise doc.error(("workdays", n), f"{w.date} is a working day and also inside "
                                             f"{data.holidays[taken[w.date]].name}: it cannot be both")
        if w.date.weekday() < 5:
            raise doc.error(("workdays", n), f"{w.date} is a weekday, already a working day: "
                                             "list only the Saturdays and Sundays that are worked (调休上班)")


_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _open(path: Path) -> YamlDoc:
    """YAML turns 2026-02-31 into an exception without a line: find the impossible date ourselves."""
    try:
        return YamlDoc(path)
    except ValueError as exc:
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in _DATE.finditer(text):
                try:
                    date(*map(int, m.groups()))
                except ValueError:
                    raise RulesetError(f"{path}:{n}: {m.group(0)} is not a real date: write YYYY-MM-DD",
                                       file=str(path), line=n) from exc
        raise RulesetError(f"{path}: {exc}: write dates as YYYY-MM-DD", file=str(path)) from exc


def load_calendar_dir(directory: Path) -> Calendar:
    """Every ``YYYY.yaml`` in the folder, validated; errors name the file and line."""
    years: set[int] = set()
    holidays: set[date] = set()
    workdays: set[date] = set()
    names: dict[date, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        doc = _open(path)
        if not path.stem.isdigit() or len(path.stem) != 4:
            raise RulesetError(f"{path}:1: a calendar file is named after its year, e.g. 2026.yaml",
                               file=str(path), line=1)
        data = doc.model(YearFile)
        _check_year(doc, data, int(path.stem))
        years.add(data.year)
        for h in data.holidays:
            day = h.from_
            while day <= h.to:
                holidays.add(day)
                names[day] = h.name
                day += timedelta(days=1)
        workdays.update(w.date for w in data.workdays)
    return Calendar(frozenset(years), frozenset(holidays), frozenset(workdays), names)


@cache
def default_calendar() -> Calendar:
    return load_calendar_dir(CALENDAR_DIR) if CALENDAR_DIR.is_dir() else Calendar()


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


def unverified_note(due: Due) -> str:
    years = "、".join(f"{y}年" for y in due.unknown_years)
    return f"{years}节假日安排尚未收录，期限暂按周末推算，请以国务院公布的安排为准"


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
            upd["reasons"] = [_reword(x, r, p) for x in r.reasons]
        elif r.status == "present":
            arrived = arrival_of(r.documents, history.arrivals)
            if arrived is not None:
                late = arrived > p.deadline
                upd.update(arrived_on=arrived.isoformat(), late=late)
                note = (f"已于{zh_date(arrived)}补交" + (f"，已逾期（承诺期限{zh_date(p.deadline)}）" if late
                                                       else f"（承诺期限{zh_date(p.deadline)}）"))
                upd["reasons"] = [*r.reasons, note]
        out.append(r.model_copy(update=upd))
    return out


def _reword(reason: str, r: MaterialResult, p: Promise) -> str:
    if r.deadline and r.deadline_text and r.deadline_text in reason:
        return reason.replace(r.deadline_text, zh_date(p.deadline))
    return reason
