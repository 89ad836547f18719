"""Human-readable output of a check: a rich table in Chinese, on stdout (ID numbers masked)."""

from __future__ import annotations

from rich.table import Table
from yichuang.service.output import stdout

from yichuang.labels import labels, zh_date
from yichuang.privacy import mask_text
from yichuang.types import CheckResult

STYLE = {"present": "green", "missing": "bold red", "tolerated": "yellow", "invalid": "bold red",
         "inconsistent": "bold red", "not_required": "dim", "produced_in_bundle": "cyan", "needs_review": "bold magenta",
         "reused": "cyan"}
VERDICT_STYLE = {"complete": "bold green", "accept_with_tolerance": "bold yellow", "incomplete": "bold red",
                 "needs_review": "bold magenta"}


def print_check(result: CheckResult) -> None:
    lab = labels()  # the words come from the one label table (rulesets/labels.yaml)
    table = Table(title=f"预审 {'、'.join(result.matters)}（{zh_date(result.as_of)}）", show_lines=False)
    for col in ("材料", "要求", "状态", "页", "说明"):
        table.add_column(col)
    for r in result.materials:
        label, style = lab.statuses.get(r.status, r.status), STYLE.get(r.status, "")
        shared = "（共用）" if r.shared_by else ""
        table.add_row(r.name + shared, lab.requirements.get(r.requirement, "—"), f"[{style}]{label}[/]",
                      "\n".join(r.documents), mask_text(zh_date("\n".join(r.reasons))))
    stdout.print(table)
    _print_followup_lines(result)
    for d in result.documents:
        if not d.quality.usable:
            stdout.print(f"[bold red]请重拍[/]：{d.source} 第{d.page}页 — {'；'.join(d.quality.problems)}")
        elif d.material == "unknown":
            guess = f"（像是 {d.best_guess.material}）" if d.best_guess else ""
            stdout.print(f"未能识别：{d.source} 第{d.page}页{guess}", markup=False)
    s = result.saved
    if s.materials_separately != s.materials_in_bundle:
        stdout.print(f"一件事：提交材料 {s.materials_in_bundle} 件（分别办理需 {s.materials_separately} 件）", markup=False)
    stdout.print(f"[{VERDICT_STYLE.get(result.verdict, 'bold')}]预审结论：{lab.verdicts[result.verdict]}[/]")


def print_followup(items, as_of) -> None:
    """The overdue list (``yichuang followup``): one row per open tolerance case, soonest first."""
    from yichuang.service.followup import STATE_ZH

    table = Table(title=f"容缺补交跟踪（{zh_date(as_of)}）")
    for col in ("办件", "事项", "补交期限", "剩余工作日", "状态", "待补材料"):
        table.add_column(col)
    style = {"overdue": "bold red", "due_today": "bold yellow", "open": "green"}
    for d in items:
        when = d.deadline_text + ("（未公布节假日，按周末推算）" if d.unverified else "")
        missing = "；".join(f"{m['name']}（{m['deadline_text']}前）" for m in d.missing)
        table.add_row(d.case_id, "、".join(_matter_name(m) for m in d.matters), when, str(d.days_left),
                      f"[{style[d.state]}]{STATE_ZH[d.state]}[/]", missing)
    stdout.print(table)
    stdout.print(f"共 {len(items)} 件待补交" if items else "没有待补交的办件", markup=False)


def _matter_name(matter_id: str) -> str:
    from yichuang.checkers.rules import load_rulesets

    rules = load_rulesets()
    known = {**{k: b.name for k, b in rules.bundles.items()}, **{k: m.name for k, m in rules.matters.items()}}
    return known.get(matter_id, matter_id)


def _print_followup_lines(result: CheckResult) -> None:
    """容缺 deadlines and reused materials in full (the table's reason column may be cut on a narrow terminal)."""
    for r in result.materials:
        if r.deadline_text and r.status in ("tolerated", "missing", "invalid", "inconsistent"):
            flag = "（该年度节假日安排未公布，按周末推算）" if r.deadline_unverified else ""
            stdout.print(f"容缺补交：{r.name}，请于{r.deadline_text}前补交{flag}", markup=False)
        elif r.arrived_on:
            stdout.print(f"已补交：{r.name}，{r.arrived_on}{'（逾期）' if r.late else ''}", markup=False)
        elif r.status == "reused" and r.reused_from:
            src = r.reused_from
            stdout.print(f"材料复用：{r.name}（办件{src.case[:8]}，{src.verified_on}核验"
                         + (f"，有效期至{src.valid_until}" if src.valid_until else "") + "），无需提交", markup=False)
