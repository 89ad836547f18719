"""The reviewer's view of seals and signatures: plain rows for ``templates/_seals.html``."""

from __future__ import annotations

import json
from collections.abc import Callable

from yichuang.types import CheckResult

SHAPE_ZH = {"round": "圆章", "oval": "椭圆章", "square": "方章", "other": "印章"}
COLOUR_ZH = {"red": "红色", "purple": "紫色"}
STATE_ZH = {"signed": "已签", "unsigned": "未签", "unclear": "无法确认"}


def seal_rows(result: CheckResult | None, image_url: Callable[[str], str]) -> list[dict]:
    """One row per page that was examined for seals: its seals (box, ring text, the entity the
    rules matched it to, the score) and its signature boxes; ``image_url(page_id)`` gives the page
    (its "<file>#<page>" for a document stored before documents carried their page id)."""
    rows = []
    for doc in result.documents if result else []:
        scan = doc.seals
        if not scan:
            continue
        seals = [{"label": f"{COLOUR_ZH.get(s.colour, '')}{SHAPE_ZH.get(s.shape, '印章')}", "text": s.text,
                  "matched": s.matched, "score": s.match_score, "confidence": s.confidence} for s in scan.seals]
        signatures = [{"label": g.label, "state": g.state, "state_label": STATE_ZH.get(g.state, g.state), "red": g.red}
                      for g in scan.signatures]
        boxes = [s.box for s in scan.seals] + [g.box for g in scan.signatures]
        rows.append({"ref": doc.ref, "img": image_url(doc.page_id or doc.ref), "colour": scan.colour, "seals": seals,
                     "signatures": signatures, "boxes_json": json.dumps(boxes),
                     "kinds_json": json.dumps(["seal"] * len(seals) + ["sign"] * len(signatures))})
    return rows
