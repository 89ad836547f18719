"""Extractors: pages → text lines (OCR or PDF text layer) → material and fields.

Contract: ``extractors.ocr.get_engine(name)`` returns an OCR engine from the registry
(``ppocr`` by default); ``read_page`` turns a ``PageContent`` into an ``OcrPage`` whose
lines are in reading order rebuilt from their boxes. Nothing here decides completeness.
"""
