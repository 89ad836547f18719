"""一次性告知书: one notice listing every gap once, with reasons and deadlines."""

from __future__ import annotations

import html

from yichuang.labels import labels, zh_date
from yichuang.types import CheckResult

GAPS = ("missing", "tolerated", "invalid", "inconsistent", "needs_review")  # statuses the notice lists


def gaps(result: CheckResult) -> list[tuple[str, str, list[str]]]:
    """(status, item name, reasons) of every item the citizen or the clerk must act on."""
    return [(r.status, r.name, r.reasons) for r in result.materials if r.status in GAPS]


def notice_text(result: CheckResult, matter_names: list[str], bundle_name: str | None) -> str:
    """The 一次性告知书 as text; every sentence is ``labels.yaml`` (``notice:``, ``verdicts:``, ``statuses:``)."""
    lab = labels()
    words = lab.notice
    names = "、".join(matter_names)
    lines = [words["title"], "", words["matters"].format(names=f"{bundle_name}（{names}）" if bundle_name else names),
             words["date"].format(as_of=result.as_of), words["verdict"].format(verdict=lab.verdicts[result.verdict]),
             ""]
    everything = gaps(result)
    items = [g for g in everything if g[0] != "needs_review"]  # what the citizen must supply or correct
    checks = [g for g in everything if g[0] == "needs_review"]  # what the clerk looks at on the originals
    unreadable = [d for d in result.documents if d.material == "unknown" or not d.quality.usable]
    if not items and not unreadable and not checks:
        lines.append(words["all_good"])
    if items or unreadable:
        lines.append(words["problems"])
        n = 0
        for status, name, reasons in items:
            n += 1
            lines.append(f"{n}. 【{lab.statuses[status]}】{'；'.join(reasons) if reasons else name}")
        order = list(dict.fromkeys(d.source for d in result.documents))  # files in the order handed in
        for d in unreadable:
            n += 1
            why = "；".join(d.quality.problems) if not d.quality.usable else words["not_this_matter"]
            where = words["unreadable_where"].format(file=order.index(d.source) + 1, page=d.page, why=why)
            lines.append(f"{n}. 【{words['unreadable_tag']}】{where}")
    if checks:
        if items or unreadable:
            lines.append("")
        lines.append(words["checks"])
        for n, (status, name, reasons) in enumerate(checks, 1):
            lines.append(f"{n}. 【{lab.statuses[status]}】{'；'.join(reasons) if reasons else name}")
    if result.verdict == "accept_with_tolerance":
        lines += ["", words["tolerance"]]
    if result.saved.materials_separately > result.saved.materials_in_bundle:
        lines += ["", words["saved"].format(in_bundle=result.saved.materials_in_bundle,
                                            separately=result.saved.materials_separately)]
    return zh_date("\n".join(lines))  # dates as a person writes them: 2026年12月23日


def notice_html(result: CheckResult) -> str:
    body = []
    for n, line in enumerate(result.notice.splitlines()):
        if n == 0:
            body.append(f"<h1>{html.escape(line)}</h1>")
        elif line:
            body.append(f"<p>{html.escape(line)}</p>")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(labels().notice["title"])}</title>
<style>
body {{ font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 42em; margin: 3em auto; line-height: 1.8; }}
h1 {{ text-align: center; letter-spacing: .3em; }}
p {{ margin: .3em 0; }}
.sign {{ margin-top: 4em; text-align: right; }}
@media print {{ body {{ margin: 0 auto; }} }}
</style></head><body>
{chr(10).join(body)}
<p class="sign">{html.escape(zh_date(labels().notice["window_sign"].format(as_of=result.as_of)))}</p>
<p class="sign">{html.escape(labels().notice["citizen_sign"])}</p>
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
    c.drawString(300, max(y - 40, 60), zh_date(labels().notice["window_sign"].format(as_of=result.as_of)))
    c.save()
    return buf.getvalue()
