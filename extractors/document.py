"""OCR page → Document: material, fields, confidence."""

from __future__ import annotations

from extractors.catalog import Catalog, load_catalog
from extractors.fields import extract_fields
from extractors.recognise import recognise
from yichuang.types import Document, ExtractedField, OcrPage


def _from_id_number(details: dict[str, ExtractedField], wanted: set[str]) -> None:
    """A valid 公民身份号码 encodes the holder's birth date and sex (GB 11643): fill those when the
    printed ones could not be read (a single 女 is easily missed), at a lower confidence."""
    num = details.get("id_number")
    if num is None or not num.valid or len(num.value) != 18:
        return
    derived = {"birth_date": f"{num.value[6:10]}-{num.value[10:12]}-{num.value[12:14]}",
               "sex": "男" if int(num.value[16]) % 2 else "女"}
    for name, value in derived.items():
        if name in wanted and name not in details:
            details[name] = num.model_copy(update={"value": value, "confidence": round(num.confidence * 0.9, 4),
                                                   "raw": f"from 公民身份号码 {num.value}"})


def read_document(page: OcrPage, catalog: Catalog | None = None) -> Document:
    catalog = catalog or load_catalog()
    rec = recognise(page, catalog)
    details = extract_fields(page, rec.material, catalog) if rec.material != "unknown" else {}
    if rec.material == "id_card":
        _from_id_number(details, set(catalog.materials["id_card"].fields))
        details = {k: details[k] for k in catalog.materials["id_card"].fields if k in details}
    return Document(source=page.source, page=page.page, page_id=page.page_id, material=rec.material,
                    confidence=rec.confidence, best_guess=rec.best_guess,
                    fields={k: v.value for k, v in details.items()}, field_details=details, quality=page.quality,
                    seals=page.seals)
