"""容缺 deadlines in working days over the State Council's 2026 arrangement (rulesets/calendar/)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from yichuang.checkers.deadlines import (
    add_working_days,
    default_calendar,
    load_calendar_dir,
    working_days_left,
    zh_date,
)

from yichuang.errors import RulesetError

CAL = default_calendar()


def test_the_2026_arrangement_is_loaded():
    assert 2026 in CAL.years
    # 国庆节 10月1日至7日放假；9月20日（周日）、10月10日（周六）上班
    assert not any(CAL.is_working_day(date(2026, 10, d)) for d in range(1, 8))
    assert CAL.is_working_day(date(2026, 9, 20)) and CAL.is_working_day(date(2026, 10, 10))
    # 春节 2月15日至23日放假；2月14日（周六）、2月28日（周六）上班
    assert not any(CAL.is_working_day(date(2026, 2, d)) for d in range(15, 24))
    assert CAL.is_working_day(date(2026, 2, 14)) and CAL.is_working_day(date(2026, 2, 28))
    assert not CAL.is_working_day(date(2026, 2, 21))  # a Saturday inside the holiday


@pytest.mark.parametrize(("start", "days", "expected"), [
    # accepted Tue 29 Sep: 30 Sep (1), the holiday 1–7 Oct, Thu 8 (2), Fri 9 (3), Sat 10 is worked (4), Mon 12 (5)
    (date(2026, 9, 29), 5, date(2026, 10, 12)),
    # accepted Fri 18 Sep: Sun 20 is worked (1), 21–24 (2–5), 25–27 中秋, 28–30 (6–8), 国庆, Oct 8, 9 (9, 10),
    # Sat 10 is worked (11), Mon 12 (12)
    (date(2026, 9, 18), 10, date(2026, 10, 9)),
    (date(2026, 9, 18), 11, date(2026, 10, 10)),
    (date(2026, 9, 18), 12, date(2026, 10, 12)),
    # accepted Fri 13 Feb: Sat 14 is worked (1), 15–23 春节, 24–27 (2–5), Sat 28 is worked (6), Mon 2 Mar (7)
    (date(2026, 2, 13), 1, date(2026, 2, 14)),
    (date(2026, 2, 13), 6, date(2026, 2, 28)),
    (date(2026, 2, 13), 7, date(2026, 3, 2)),
    # an ordinary week: Mon 23 Nov + 10 working days
    (date(2026, 11, 23), 10, date(2026, 12, 7)),
])
def test_working_day_deadlines_across_the_holidays(start, days, expected):
    due = add_working_days(CAL, start, days)
    assert (due.on, due.unverified) == (expected, False)


def test_a_deadline_past_the_last_known_year_is_flagged_not_silent():
    due = add_working_days(CAL, date(2026, 12, 21), 15)
    assert due.unverified and due.unknown_years == (2027,)
    inside = add_working_days(CAL, date(2026, 12, 1), 2)
    assert not inside.unverified


def test_days_left_and_chinese_dates():
    deadline = date(2026, 10, 12)
    assert working_days_left(CAL, deadline, deadline) == 0
    assert working_days_left(CAL, date(2026, 9, 30), deadline) == 4  # 8, 9, 10 (worked Sat), 12
    assert working_days_left(CAL, date(2026, 10, 13), deadline) == -1
    assert zh_date(date(2026, 12, 3)) == "2026年12月3日" and zh_date("2026-01-01") == "2026年1月1日"


def _write(tmp_path: Path, text: str, name: str = "2026.yaml") -> Path:
    d = tmp_path / "calendar"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return d


GOOD = """year: 2026
source: test
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
  - {name: 春节, from: 2026-02-15, to: 2026-02-23}
workdays:
  - {date: 2026-01-04, for: 元旦}
"""


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("to: 2026-02-23}", "to: 2026-02-23}\n  - {name: 重复, from: 2026-02-20, to: 2026-02-25}", 6, "overlaps.*line 5"),
    ("from: 2026-02-15", "from: 2026-02-31", 5, "not valid YAML|date"),
    ("to: 2026-02-23}", "to: 2026-02-13}", 5, "before it starts"),
    ("{date: 2026-01-04, for: 元旦}", "{date: 2026-01-02, for: 元旦}", 7, "also inside"),
    ("{date: 2026-01-04, for: 元旦}", "{date: 2026-01-05, for: 元旦}", 7, "weekday"),
    ("{date: 2026-01-04, for: 元旦}", "{date: 2027-01-03, for: 元旦}", 7, "not in 2026"),
    ("{name: 元旦, from", "{name: 元旦, colour: red, from", 4, "colour"),
    ("year: 2026", "year: 2025", 1, "file name"),
])
def test_a_bad_calendar_fails_at_load_with_file_and_line(tmp_path, old, new, line, words):
    import re

    assert old in GOOD
    d = _write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(RulesetError) as err:
        load_calendar_dir(d)
    msg = err.value.message
    assert f"2026.yaml:{line}:" in msg, msg
    assert re.search(words, msg), msg


def test_the_good_calendar_loads(tmp_path):
    cal = load_calendar_dir(_write(tmp_path, GOOD))
    assert cal.years == frozenset({2026}) and cal.is_working_day(date(2026, 1, 4))


def test_rulesets_check_lints_the_calendar(tmp_path):
    import shutil

    from yichuang.extractors.catalog import RULESETS_DIR

    from tests.test_cli_ocr import run

    root = tmp_path / "rulesets"
    shutil.copytree(RULESETS_DIR, root)
    ok = run(["rulesets", "check", str(root)], tmp_path / "h")
    assert ok.returncode == 0 and "holiday calendar 2026" in ok.stdout
    text = (root / "calendar" / "2026.yaml").read_text(encoding="utf-8")
    bad = text.replace("{name: 端午节, from: 2026-06-19", "{name: 端午节, from: 2026-05-04")
    (root / "calendar" / "2026.yaml").write_text(bad, encoding="utf-8")
    proc = run(["rulesets", "check", str(root)], tmp_path / "h")
    line = next(n for n, t in enumerate(bad.splitlines(), 1) if "端午节" in t)
    assert proc.returncode == 2 and f"2026.yaml:{line}:" in proc.stderr and "overlaps 劳动节" in proc.stderr


def test_a_tolerated_item_past_the_calendar_says_so():
    from yichuang.checkers.case import check_case
    from yichuang.checkers.rules import load_rulesets

    from tests.checkhelp import ZHANG, ibr_application, id_card

    r = check_case([ibr_application(), id_card("id.jpg", "张三", ZHANG)], ["individual_business_registration"],
                   load_rulesets(), date(2026, 12, 21))
    premises = next(m for m in r.materials if m.item == "premises proof")
    assert premises.deadline_unverified and premises.deadline == "2027-01-04"  # weekends only: no 2027 calendar
    assert any("2027年节假日安排尚未收录" in x for x in premises.reasons)


def test_calendar_days_when_the_ruleset_says_so():
    from yichuang.checkers.deadlines import due_date

    due = due_date(CAL, date(2026, 9, 30), 5, "calendar")
    assert (due.on, due.unit, due.unverified) == (date(2026, 10, 5), "calendar", False)
