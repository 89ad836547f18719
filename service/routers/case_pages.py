"""One case's shared pages, for the clerk or the case's own link (``case_access``): the live view,
remove and rotate a photo, a page's image, the printed notice and commitment letter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from yichuang.service import jobs
from yichuang.service.pages import (
    GAPS,
    LOCKED,
    _blank_result,
    _case_name,
    _editable,
    _flow_view,
    _when,
    flows,
    office,
    templates,
)
from yichuang.service.routers.auth import Access

from yichuang.errors import ForbiddenError, UsageError
from yichuang.labels import labels, zh_date
from yichuang.privacy import mask_text
from yichuang.types import CheckResult, MaterialResult, Quality

router = APIRouter(include_in_schema=False)


def _corrections(case_id: str) -> dict[tuple[str, int], list[dict]]:
    out: dict[tuple[str, int], list[dict]] = {}
    for ov in jobs.context().cases.overrides(case_id):
        out.setdefault((ov.sha256, ov.page), []).append({
            "id": ov.id, "field": ov.field, "value": ov.value, "who": ov.actor, "at": _when(ov.at.isoformat())})
    return out


@router.get("/cases/{case_id}/view")
def case_view(access: Access, case_id: str):
    """Everything a live case page shows: workflow, pages as read (with corrections), the result."""
    info, role = access.case, access.role
    ctx = jobs.context()
    lab = labels()
    catalog = ctx.rules.catalog
    result = ctx.cases.latest_result(case_id) if info.state == "done" else None
    read = {d.page_id: d for d in result.documents} if result else {}
    fixes = _corrections(case_id) if role == "clerk" else {}
    refs = ctx.cases.pages(case_id)
    counts: dict[str, int] = {}
    for p in refs:
        counts[p.sha256] = counts.get(p.sha256, 0) + 1
    pages = []
    for p in refs:
        doc = read.get(p.page_id) or p.document
        material = doc.material if doc else None
        fields = doc.fields if doc else {}
        corr = fixes.get((p.sha256, p.page), [])
        mat_fix = next((c for c in reversed(corr) if c["field"] is None), None)
        name = catalog.materials[material].name if material in catalog.materials else (
            lab.ui["unknown_material"] if material == "unknown" and mat_fix else lab.ui["unrecognised"]
            if material else None)
        quality = doc.quality if doc else Quality()
        pages.append({
            "name": p.name, "sha256": p.sha256, "page": p.page, "page_id": p.page_id, "pages": counts[p.sha256],
            "state": p.state, "error": p.error,
            "rotatable": p.media_type.startswith("image/"),
            "material": material, "material_name": name, "side": lab.side(material or "", fields),
            "usable": quality.usable, "problems": quality.problems,
            "material_corrected": mat_fix, "unread": [lab.field(k) for k in (doc.unread if doc else {})],
            "fields": [{"id": k, "label": lab.field(k), "value": v if role == "clerk" else "",
                        "corrected": next((c for c in reversed(corr) if c["field"] == k), None)}
                       for k, v in fields.items()] if role == "clerk" else [],
            "image": f"/cases/{case_id}/pages/{p.sha256}/{p.page}/image"})
    flow = flows().get(case_id)
    blank = None if result or info.state == "running" else _blank_result(info.matters)
    return {"state": info.state, "flow": _flow_view(flow, role), "pages": pages,
            "result": result.to_json_dict() if result else None, "locked": flow.state in LOCKED,
            "blank": blank.to_json_dict() if blank else None,
            "done_pages": sum(p.state != "pending" for p in refs), "total_pages": len(refs)}


@router.post("/cases/{case_id}/files/{sha256}/remove")
def remove_file(access: Access, case_id: str, sha256: str):
    _editable(case_id)
    jobs.context().cases.remove_file(case_id, sha256, access.actor)
    if jobs.context().cases.pages(case_id):
        jobs.start_check(case_id)
    return {"ok": True}




@router.post("/cases/{case_id}/files/{sha256}/rotate")
def rotate_file(access: Access, case_id: str, sha256: str):
    """Turn a photo a quarter clockwise: a new stored file replaces it in the case (the original stays)."""
    import io

    from PIL import Image, ImageOps

    from yichuang.pipeline.case import find_file, ingest_upload

    actor = access.actor
    _editable(case_id)
    ctx = jobs.context()
    ref = find_file(ctx, case_id, sha256)
    if ref is None or not ref.media_type.startswith("image/"):
        raise UsageError("only a photo can be rotated here: scan the PDF again the right way up")
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(ctx.runtime.store.get(sha256)))).convert("RGB")
    buf = io.BytesIO()
    img.transpose(Image.Transpose.ROTATE_270).save(buf, "JPEG", quality=92)
    stem = Path(ref.name).stem
    sf = ingest_upload(ctx.runtime, ctx.cases, case_id,
                       f"{stem}-rotated.jpg" if not stem.endswith("-rotated") else f"{stem}.jpg", buf.getvalue(),
                       actor, max_case_pages=10**9).file  # it replaces a page: the case's page count stays
    ctx.cases.remove_file(case_id, sha256, actor)
    jobs.start_check(case_id)
    return {"ok": True, "sha256": sf.sha256}


@router.get("/cases/{case_id}/pages/{sha256}/{page}/image")
def page_image(access: Access, case_id: str, sha256: str, page: int, w: int = 0):
    """The page upright, as OCR saw it (boxes are in these pixels); ``w`` gives a thumbnail."""
    import io

    from yichuang.ingest import open_page
    from yichuang.ingest.pages import _Renderer

    from yichuang.pipeline import page_id
    from yichuang.pipeline.case import find_page

    ctx = jobs.context()
    ref = find_page(ctx, case_id, page_id(sha256, page))
    if ref is None:
        raise ForbiddenError("that page is not part of this case")
    data = ctx.runtime.store.get(sha256)
    content = open_page(data, ref.media_type, page)
    img = content.image
    if img is None:
        renderer = _Renderer(data)
        try:
            img = renderer.render(page - 1)
        finally:
            renderer.close()
    rotation = ctx.runtime.cache.rotation(ref.page_id)
    if rotation:
        img = img.rotate(-rotation, expand=True)
    if 0 < w < img.width:
        img = img.copy()
        img.thumbnail((min(w, 800), min(w, 800) * 2))
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=80 if w else 85)
    return Response(buf.getvalue(), media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


def _print_context(case_id: str, result: CheckResult) -> dict[str, Any]:
    """What every print carries: centre and window, case number with its QR code, the applicant."""
    from yichuang.storage.workflow import applicant_from

    flow = flows().get(case_id)
    who = applicant_from(result)
    return {"office": office(), "number": flow.number, "case_name": _case_name(result.matters),
            "applicant": who.get("name", ""), "id_number": mask_text(who.get("id_number", "")),
            "phone": mask_text(who.get("phone", "")), "as_of": zh_date(result.as_of),
            "verdict": labels().verdicts.get(result.verdict, "")}


def _basis(case_matters: list[str], m: MaterialResult) -> str:
    lab = labels()
    rules = jobs.context().rules
    resolved, _ = rules.resolve(case_matters)
    names = [mt.name for mt in resolved if any(i.id == m.item for i in mt.items)]
    return f"《{'、'.join(names or [_case_name(case_matters)])}》申请材料目录：{lab.requirements.get(m.requirement, '')}"


@router.get("/cases/{case_id}/notice", response_class=HTMLResponse)
def notice(request: Request, access: Access, case_id: str):
    case = access.case
    result = jobs.context().cases.latest_result(case_id)
    if result is None:
        raise UsageError(labels().error("not_checked"))
    lab = labels()
    items = [{"name": m.name, "status": lab.statuses.get(m.status, ""),
              "detail": zh_date("；".join(m.reasons)), "basis": _basis(case.matters, m),
              "deadline": zh_date(m.deadline)} for m in result.materials if m.status in GAPS]
    unread = [{"name": f"第{n}张材料", "detail": "；".join(d.quality.problems) or "无法识别为本事项所需的材料"}
              for n, d in enumerate(result.documents, 1) if d.material == "unknown" or not d.quality.usable]
    return templates.TemplateResponse(request, "print_notice.html", {
        **_print_context(case_id, result), "items": items, "unread": unread, "saved": result.saved})


@router.get("/cases/{case_id}/commitment", response_class=HTMLResponse)
def commitment(request: Request, access: Access, case_id: str):
    result = jobs.context().cases.latest_result(case_id)
    if result is None or result.verdict != "accept_with_tolerance":
        raise UsageError(labels().commitment["only_tolerance"])
    unverified = labels().commitment["unverified"]
    items = [{"name": m.name, "deadline": (m.deadline_text or zh_date(m.deadline or date.today().isoformat()))
              + (unverified if m.deadline_unverified else "")}
             for m in result.materials if m.requirement == "tolerable"
             and m.status in ("tolerated", "invalid", "inconsistent")]
    return templates.TemplateResponse(request, "print_commitment.html", {**_print_context(case_id, result),
                                                                         "items": items})
