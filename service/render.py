"""Human-readable output of a check: a rich table in Chinese, on stdout (ID numbers masked)."""

from __future__ import annotations

from rich.table import Table

from service.output import stdout
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
