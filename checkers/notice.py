"""一次性告知书: one notice listing every gap once, with reasons and deadlines."""

from __future__ import annotations

import html

from yichuang.labels import zh_date
from yichuang.types import CheckResult

VERDICT_ZH = {"complete": "材料齐全，予以受理", "accept_with_tolerance": "容缺受理（须在期限内补齐材料）",
              "needs_review": "需人工核对（部分材料内容未能识别，由工作人员核对原件后确定）", "incomplete": "材料不全，暂不予受理"}
STATUS_ZH = {"missing": "缺少", "tolerated": "容缺", "invalid": "无效", "inconsistent": "不一致",
             "needs_review": "需人工核对"}


def gaps(result: CheckResult) -> list[tuple[str, str, list[str]]]:
    return [(STATUS_ZH[r.status], r.name, r.reasons) for r in result.materials if r.status in STATUS_ZH]


def notice_text(result: CheckResult, matter_names: list[str], bundle_name: str | None) -> str:
    lines = ["一次性告知书", "",
             f"申请事项：{bundle_name + '（' if bundle_name else ''}{'、'.join(matter_names)}{'）' if bundle_name else ''}",
             f"预审日期：{result.as_of}", f"预审结论：{VERDICT_ZH[result.verdict]}", ""]
    everything = gaps(result)
    review = STATUS_ZH["needs_review"]
    items = [g for g in everything if g[0] != review]  # what the citizen must supply or correct
    checks = [g for g in everything if g[0] == review]  # what the clerk looks at on the originals
    unreadable = [d for d in result.documents if d.material == "unknown" or not d.quality.usable]
    if not items and not unreadable and not checks:
        lines.append("经预审，您提交的材料齐全、有效。")
    if items or unreadable:
        lines.append("经预审，您提交的材料存在以下问题，现一次性告知，请一并补正：")
        n = 0
        for kind, name, reasons in items:
            n += 1
            detail = "；".join(reasons) if reasons else name
            lines.append(f"{n}. 【{kind}】{detail}")
        order = list(dict.fromkeys(d.source for d in result.documents))  # files in the order handed in
        for d in unreadable:
            n += 1
            why = "；".join(d.quality.problems) if not d.quality.usable else "无法识别为本事项所需的材料"
            lines.append(f"{n}. 【无法识别】第{order.index(d.source) + 1}份材料第{d.page}页：{why}")
    if checks:
        if items or unreadable:
            lines.append("")
        lines.append("以下内容未能自动识别，由窗口工作人员核对原件后确定，核对无误的无需补正：")
        for n, (kind, name, reasons) in enumerate(checks, 1):
            lines.append(f"{n}. 【{kind}】{'；'.join(reasons) if reasons else name}")
    if result.verdict == "accept_with_tolerance":
        lines += ["", "容缺材料须在上述期限内补交，逾期未补交的，将按规定处理。"]
    if result.saved.materials_separately > result.saved.materials_in_bundle:
        lines += ["", f"本次一并办理共需提交材料{result.saved.materials_in_bundle}件"
                      f"（分别办理需{result.saved.materials_separately}件）。"]
    return zh_date("\n".join(lines))  # dates as a person writes them: 2026年12月23日


def notice_html(result: CheckResult) -> str:
    body = []
    for n, line in enumerate(result.notice.splitlines()):
        if n == 0:
            body.append(f"<h1>{html.escape(line)}</h1>")
        elif line:
            body.append(f"<p>{html.escape(line)}</p>")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>一次性告知书</title>
<style>
body {{ font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 42em; margin: 3em auto; line-height: 1.8; }}
h1 {{ text-align: center; letter-spacing: .3em; }}
p {{ margin: .3em 0; }}
.sign {{ margin-top: 4em; text-align: right; }}
@media print {{ body {{ margin: 0 auto; }} }}
</style></head><body>
{chr(10).join(body)}
<p class="sign">受理窗口（签章）：__________　　日期：{html.escape(result.as_of)}</p>
<p class="sign">申请人签收：__________</p>
</body></html>
"""


def notice_pdf(result: CheckResult) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    y = height - 72
    for n, line in enumerate(result.notice.splitlines()):
        size = 20 if n == 0 else 11
        c.setFont("STSong-Light", size)
        chunks = [line[i:i + 40] for i in range(0, len(line), 40)] or [""]
        for chunk in chunks:
            if n == 0:
                c.drawCentredString(width / 2, y, chunk)
            else:
                c.drawString(60, y, chunk)
            y -= size + 10
            if y < 72:
                c.showPage()
                y = height - 72
    c.setFont("STSong-Light", 11)
    c.drawString(300, max(y - 40, 60), f"受理窗口（签章）：________  日期：{result.as_of}")
    c.save()
    return buf.getvalue()
