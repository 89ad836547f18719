"""容缺 follow-up over stored cases: promises, supplements before/after the deadline, the overdue list,
the archive and `yichuang check --accept / --no-reuse / followup` — text-layer PDFs, no OCR."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.checkhelp import LI, ZHANG
from tests.conftest import LEASE_LINES
from tests.helpers.pdfs import make_pdf
from tests.test_cli_ocr import run


def form_pdf(number: str = ZHANG, name: str = "张三") -> bytes:
    return make_pdf([["养犬登记申请表", f"犬主姓名：{name}", f"身份证号码：{number}",
                      "住址：北京市朝阳区建国路88号1单元302室", "犬只品种：柯基犬", "联系电话：13812345678"]])


def id_pdf(number: str = ZHANG, name: str = "张三", until: str = "2040.05.01") -> bytes:
    return make_pdf([[f"姓名 {name}", "性别 男 民族 汉", f"出生 {int(number[6:10])}年{int(number[10:12])}月{int(number[12:14])}日",
                      "住址 北京市朝阳区建国路88号1单元302室", f"公民身份号码 {number}"],
                     ["中华人民共和国", "居民身份证", "签发机关 北京市公安局朝阳分局", f"有效期限 2016.05.01-{until}"]])


def vacc_pdf(name: str = "张三") -> bytes:
    return make_pdf([["犬只狂犬病免疫证明", f"犬主姓名：{name}", "犬只品种：柯基犬", "免疫日期：2026年9月1日",
                      "有效期至：2027年9月1日"]])


def lease_pdf() -> bytes:
    return make_pdf([LEASE_LINES])


@pytest.fixture
def ctx(home):
    from yichuang.service import jobs

    return jobs.context()


def _case(ctx, as_of: str, files: dict[str, bytes]) -> str:
    from yichuang.service import jobs

    from yichuang.pipeline import store_file

    case_id, _ = ctx.cases.create(["dog_registration"], as_of, {}, actor="li.clerk")
    for name, data in files.items():
        sf = store_file(data, name, ctx.runtime)
        ctx.cases.add_file(case_id, sf.sha256, name, sf.media_type, sf.pages, actor="li.clerk")
    jobs.run_case(case_id)
    return case_id


def _supplement(ctx, case_id: str, received: date, files: dict[str, bytes]):
    from yichuang.service import followup, jobs

    followup.supplement(ctx.cases, followup.FollowupStore(ctx.settings.database_url), ctx.runtime, case_id,
                        list(files.items()), received, "citizen")
    jobs.run_case(case_id)
    return ctx.cases.latest_result(case_id)


def _item(result, item: str):
    """One item of a check result (the store's CheckResult, or the CLI's JSON read into one)."""
    from yichuang.types import CheckResult

    result = CheckResult.model_validate(result) if isinstance(result, dict) else result
    return next(m for m in result.materials if m.item == item)


FIRST = {"1-form.pdf": form_pdf(), "2-id.pdf": id_pdf(), "3-vacc.pdf": vacc_pdf()}


def test_a_tolerance_case_over_two_visits(ctx):
    case_id = _case(ctx, "2026-11-23", FIRST)
    first = ctx.cases.latest_result(case_id)
    assert first.verdict == "accept_with_tolerance"
    residence = _item(first, "residence proof")
    # 10 working days after Monday 23 November 2026
    assert (residence.status, residence.deadline, residence.deadline_text) == \
        ("tolerated", "2026-12-07", "2026年12月7日")
    second = _supplement(ctx, case_id, date(2026, 12, 4), {"4-lease.pdf": lease_pdf()})
    residence = _item(second, "residence proof")
    assert second.verdict == "complete"
    assert (residence.status, residence.arrived_on, residence.late) == ("present", "2026-12-04", False)
    assert residence.deadline == "2026-12-07" and "已于2026年12月4日补交" in residence.reasons[-1]
    actions = [a.action for a in ctx.cases.audit_trail(case_id)]
    assert "tolerance_promised" in actions and "supplement_uploaded" in actions and "supplement_received" in actions
    from yichuang.service.followup import FollowupStore

    (promise,) = FollowupStore(ctx.settings.database_url).promises(case_id)
    assert (promise.fulfilled_on, promise.late) == ("2026-12-04", False)


def test_a_supplement_after_the_deadline_is_accepted_but_late(ctx):
    case_id = _case(ctx, "2026-11-23", FIRST)
    result = _supplement(ctx, case_id, date(2026, 12, 8), {"4-lease.pdf": lease_pdf()})
    residence = _item(result, "residence proof")
    assert result.verdict == "complete"
    assert (residence.status, residence.arrived_on, residence.late) == ("present", "2026-12-08", True)
    assert "已逾期" in residence.reasons[-1]


def test_the_deadline_does_not_move_when_the_case_is_checked_again(ctx):
    from yichuang.service import jobs

    case_id = _case(ctx, None, FIRST)  # the check date is today
    deadline = _item(ctx.cases.latest_result(case_id), "residence proof").deadline
    jobs.run_case(case_id)
    assert _item(ctx.cases.latest_result(case_id), "residence proof").deadline == deadline


def test_the_overdue_list_on_a_fixed_day(ctx):
    from yichuang.service.followup import FollowupStore, due_list

    due_today = _case(ctx, "2026-11-23", FIRST)  # deadline 7 Dec
    overdue = _case(ctx, "2026-11-09", FIRST)  # deadline 23 Nov
    later = _case(ctx, "2026-12-01", FIRST)  # deadline 15 Dec
    done = _case(ctx, "2026-11-09", FIRST)
    _supplement(ctx, done, date(2026, 11, 20), {"4-lease.pdf": lease_pdf()})
    _case(ctx, "2026-11-09", {**FIRST, "4-lease.pdf": lease_pdf()})  # complete at once: no promise
    store = FollowupStore(ctx.settings.database_url)
    items = due_list(store, date(2026, 12, 7), 0)
    assert [(d.case_id, d.state, d.days_left) for d in items] == [(overdue, "overdue", -10), (due_today, "due_today", 0)]
    assert items[0].missing[0]["name"].startswith("住所证明") and items[0].deadline_text == "2026年11月23日"
    everything = due_list(store, date(2026, 12, 7))
    assert [d.case_id for d in everything] == [overdue, due_today, later] and everything[2].days_left == 6


def test_followup_command_prints_the_same(tmp_path, home, ctx):
    due_today = _case(ctx, "2026-11-23", FIRST)
    overdue = _case(ctx, "2026-11-09", FIRST)
    env = str(home)
    proc = run(["followup", "--due-within", "0", "--as-of", "2026-12-07", "--json"], Path(env))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "yichuang.followup/1"
    assert [(c["case"], c["state"], c["days_left"]) for c in doc["cases"]] == [(overdue, "overdue", -10),
                                                                               (due_today, "due_today", 0)]
    text = run(["followup", "--due-within", "0", "--as-of", "2026-12-07"], Path(env))
    assert "已逾期" in text.stdout and "今日到期" in text.stdout and "2026年11月23日" in text.stdout


# ---- 材料复用 through the command line ------------------------------------------------------

def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_check_accept_then_reuse_the_id_card(tmp_path):
    home = tmp_path / "h"
    full = _write(tmp_path / "first", {**FIRST, "4-lease.pdf": lease_pdf()})
    proc = run(["check", "--accept", "--json", "--matter", "dog_registration", "--as-of", "2026-11-02", str(full)], home)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "complete" and "accepted as case" in proc.stderr
    assert ZHANG not in proc.stderr

    second = _write(tmp_path / "second", {"1-form.pdf": form_pdf(), "3-vacc.pdf": vacc_pdf()})
    doc = json.loads(run(["check", "--json", "--matter", "dog_registration", "--as-of", "2026-11-23", str(second)],
                         home).stdout)
    owner = _item(doc, "owner's ID")
    assert doc["verdict"] == "complete" and owner.status == "reused"
    assert owner.reused_from.verified_on == "2026-11-02" and _item(doc, "residence proof").status == "reused"
    assert doc["saved"]["materials_reused"] == 2
    human = run(["check", "--matter", "dog_registration", "--as-of", "2026-11-23", str(second)], home)
    assert "已复用" in human.stdout and ZHANG not in human.stdout

    no = json.loads(run(["check", "--json", "--no-reuse", "--matter", "dog_registration", "--as-of", "2026-11-23",
                         str(second)], home).stdout)
    assert _item(no, "owner's ID").status == "missing" and no["verdict"] == "incomplete"

    other = _write(tmp_path / "other", {"1-form.pdf": form_pdf(LI, "张三"), "3-vacc.pdf": vacc_pdf()})
    diff = json.loads(run(["check", "--json", "--matter", "dog_registration", "--as-of", "2026-11-23", str(other)],
                          home).stdout)
    assert _item(diff, "owner's ID").status == "missing"


def test_an_archived_card_expired_on_the_check_date_is_asked_again(tmp_path):
    home = tmp_path / "h"
    full = _write(tmp_path / "first", {"1-form.pdf": form_pdf(), "2-id.pdf": id_pdf(until="2026.12.31"),
                                       "3-vacc.pdf": vacc_pdf(), "4-lease.pdf": lease_pdf()})
    assert run(["check", "--accept", "--matter", "dog_registration", "--as-of", "2026-11-02", str(full)],
               home).returncode == 0
    second = _write(tmp_path / "second", {"1-form.pdf": form_pdf(), "3-vacc.pdf": vacc_pdf()})
    ok = json.loads(run(["check", "--json", "--matter", "dog_registration", "--as-of", "2026-12-31", str(second)],
                        home).stdout)
    late = json.loads(run(["check", "--json", "--matter", "dog_registration", "--as-of", "2027-01-04", str(second)],
                          home).stdout)
    assert _item(ok, "owner's ID").status == "reused"
    assert _item(late, "owner's ID").status == "missing" and late["verdict"] == "incomplete"


def test_an_incomplete_case_is_not_accepted(tmp_path):
    home = tmp_path / "h"
    only = _write(tmp_path / "c", {"1-form.pdf": form_pdf()})
    proc = run(["check", "--accept", "--matter", "dog_registration", "--as-of", "2026-11-02", str(only)], home)
    assert proc.returncode == 0 and "not accepted" in proc.stderr


def test_a_mistyped_holder_fact_is_refused_masked(tmp_path):
    only = _write(tmp_path / "c", {"1-form.pdf": form_pdf()})
    bad = ZHANG[:-1] + ("0" if ZHANG[-1] != "0" else "1")
    proc = run(["check", "--json", "--fact", f"holder_id={bad}", "--matter", "dog_registration", str(only)],
               tmp_path / "h")
    assert proc.returncode == 2 and "holder_id" in proc.stderr and bad not in proc.stderr + proc.stdout
    assert json.loads(proc.stdout)["error"]["code"] == "bad_usage"


def test_an_accepted_case_archives_what_its_supplement_brought(ctx):
    from yichuang.service import followup

    case_id = _case(ctx, "2026-11-23", FIRST)
    store = followup.FollowupStore(ctx.settings.database_url)
    followup.accept(store, ctx.cases, ctx.rules, case_id, "li.clerk")
    assert sorted(r.material for r in store.case_records(case_id)) == ["id_card"]
    _supplement(ctx, case_id, date(2026, 12, 4), {"4-lease.pdf": lease_pdf()})
    assert sorted(r.material for r in store.case_records(case_id)) == ["id_card", "lease_contract"]
