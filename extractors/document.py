"""OCR page → Document: material, fields, confidence."""

from __future__ import annotations

from extractors.catalog import Catalog, load_catalog
from extractors.fields import extract_fields
from extractors.recognise import recognise
from yichuang.types import Document, OcrPage


def read_document(page: OcrPage, catalog: Catalog | None = None) -> Document:
    catalog = catalog or load_catalog()
    rec = recognise(page, catalog)
    details = extract_fields(page, rec.material, catalog) if rec.material != "unknown" else {}
    return Document(source=page.source, page=page.page, page_id=page.page_id, material=rec.material,
                    confidence=rec.confidence, best_guess=rec.best_guess,
                    fields={k: v.value for k, v in details.items()}, field_details=details)
